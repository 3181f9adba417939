//! What each table cell shows, as one compact string for `table_rows.js`,
//! which writes the rows with `textContent` in a single call (a thousand rows
//! built cell by cell across the wasm boundary were 5× slower than plain JS).
//!
//! Format: rows separated by U+001E, cells by U+001F. A row's cells: the
//! time (epoch ms, empty when unreadable), the time as it arrived, seven text
//! cells, the flag badges (separated by U+001D), then one kind letter per
//! cell of the first eight (time and text cells), so the writer reads every
//! value as it stands, with no prefix to cut off. Separator characters
//! inside values are replaced, so a value can never add a cell or a row.

use crate::day::parse_instant_ms;
use crate::format::is_http_url;
use crate::model::{ClickRow, Field};
use std::fmt::Write;

const ROW: char = '\u{1e}';
const CELL: char = '\u{1f}';
const PART: char = '\u{1d}';

/// Kind letters, read by `table_rows.js`.
pub mod kind {
    /// A readable time. The writer derives the local and UTC texts from its
    /// epoch ms, so no per-row formatting happens in wasm.
    pub const TIME: u8 = b't';
    /// A time that could not be read (its raw text is shown).
    pub const BAD_TIME: u8 = b'T';
    /// Text.
    pub const TEXT: u8 = b'v';
    /// Missing or null.
    pub const NONE: u8 = b'n';
    /// A value of the wrong type: its raw text.
    pub const INVALID: u8 = b'i';
    /// An http(s) link.
    pub const LINK: u8 = b'a';
}

/// The payload for the rows of one page, in table column order: time,
/// country, device, browser, platform, referrer, UTM source, UTM campaign,
/// flags (a badge starting with `?` is an unreadable flag). The details
/// button is added by the writer.
pub fn rows_payload(rows: &[ClickRow]) -> String {
    // Room for 480 bytes a row (rows take 150-250): the buffer never grows,
    // so a page of one size always takes one block of one size class,
    // instead of now and then one class up (wasm memory that stays).
    let mut out = String::with_capacity(rows.len() * 480);
    for (index, row) in rows.iter().enumerate() {
        if index > 0 {
            out.push(ROW);
        }
        let mut kinds = [kind::NONE; 8];
        kinds[0] = push_time(&mut out, row.created_at());
        let referrer = row.referrer();
        let link = matches!(referrer, Field::Value(url) if is_http_url(url));
        for (at, field) in [
            row.country_code(),
            row.browser_device_type(),
            row.browser_name(),
            row.browser_platform(),
            referrer,
            row.utm_source(),
            row.utm_campaign(),
        ]
        .into_iter()
        .enumerate()
        {
            out.push(CELL);
            kinds[at + 1] = push_text(&mut out, field);
        }
        if link {
            kinds[5] = kind::LINK;
        }
        out.push(CELL);
        let mut first = true;
        for (flag, name) in [(row.is_bot(), "Bot"), (row.is_duplicate(), "Duplicate")] {
            let raw = match flag {
                Field::Value(true) => None,
                Field::Invalid(raw) => Some(raw),
                _ => continue,
            };
            if !first {
                out.push(PART);
            }
            first = false;
            if let Some(raw) = raw {
                out.push('?');
                out.push_str(name);
                out.push_str(": ");
                push_clean(&mut out, raw);
            } else {
                out.push_str(name);
            }
        }
        out.push(CELL);
        for kind in kinds {
            out.push(char::from(kind));
        }
    }
    out
}

/// The details dialog's list for one row, for `renderRecord` in
/// `table_rows.js`: name/value pairs separated like rows, name and value
/// like cells. Every known field in API order (`(missing)`, `(none)`,
/// `(unexpected: …)` where so), then fields this version does not know,
/// marked "(new field)"; a row that was not an object says so first.
pub fn record_payload(row: &ClickRow) -> String {
    let mut out = String::with_capacity(1024);
    let mut pair = |name: &str, value: &str| {
        if !out.is_empty() {
            out.push(ROW);
        }
        push_clean(&mut out, name);
        out.push(CELL);
        push_clean(&mut out, value);
    };
    if let Some(raw) = &row.not_an_object {
        pair("(row)", &format!("not an object: {raw}"));
    }
    for (name, value) in row.known_fields() {
        pair(name, &value);
    }
    for (name, value) in &row.extra {
        pair(&format!("{name} (new field)"), value);
    }
    out
}

/// Writes the two time cells; returns their kind.
fn push_time(out: &mut String, created_at: Field<&str>) -> u8 {
    match created_at
        .value()
        .and_then(|t| parse_instant_ms(t).map(|ms| (t, ms)))
    {
        Some((raw, ms)) => {
            let _ = write!(out, "{}", ms as i64);
            out.push(CELL);
            push_clean(out, raw);
            kind::TIME
        }
        None => {
            out.push(CELL);
            push_clean(out, created_at.text());
            kind::BAD_TIME
        }
    }
}

/// Writes a text cell's value; returns its kind.
fn push_text(out: &mut String, field: Field<&str>) -> u8 {
    match field {
        Field::Value(text) => {
            push_clean(out, text);
            kind::TEXT
        }
        Field::Invalid(raw) => {
            push_clean(out, raw);
            kind::INVALID
        }
        Field::Missing | Field::Null => kind::NONE,
    }
}

#[inline(never)]
fn push_clean(out: &mut String, text: &str) {
    // A byte scan: the separators are ASCII, so no UTF-8 decoding is needed.
    if text.bytes().any(|b| (0x1c..=0x1f).contains(&b)) {
        out.extend(text.chars().map(|c| {
            if ('\u{1c}'..='\u{1f}').contains(&c) {
                '\u{fffd}'
            } else {
                c
            }
        }));
    } else {
        out.push_str(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_clicks_response;

    fn cells(payload: &str) -> Vec<Vec<String>> {
        payload
            .split(ROW)
            .map(|row| row.split(CELL).map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn the_spec_example_fills_every_column() {
        let rows = parse_clicks_response(include_bytes!("../tests/fixtures/spec-example.json"))
            .unwrap()
            .rows;
        let table = cells(&rows_payload(&rows));
        assert_eq!(table.len(), 1);
        let row = &table[0];
        assert_eq!(row.len(), 11);
        assert_eq!(row[0], "1769895900000");
        assert_eq!(row[1], "2026-01-31T21:45:00+00:00");
        assert_eq!(row[2], "US");
        assert_eq!(row[6], "example.com");
        assert_eq!(row[9], "", "no flags");
        assert_eq!(
            row[10], "tvvvvvvv",
            "a referrer without a scheme is text, not a link"
        );
    }

    #[test]
    fn links_badges_and_bad_values_are_marked() {
        let body = br#"{"data":{"rows":[
            {"created_at":"soon","referrer":"https://t.co/x","is_bot":true,"is_duplicate":"yes","country_code":7},
            {"referrer":"javascript:alert(1)","utm_source":"a\u001fb\u001ec"}
        ]}}"#;
        let table = cells(&rows_payload(&parse_clicks_response(body).unwrap().rows));
        assert_eq!(table.len(), 2, "separators inside values never add rows");
        assert_eq!(table[0][..2], ["", "soon"]);
        assert_eq!(table[0][2], "7");
        assert_eq!(table[0][6], "https://t.co/x");
        assert_eq!(table[0][9], "Bot\u{1d}?Duplicate: yes");
        assert_eq!(table[0][10], "Tinnnann");
        assert_eq!(table[1][..2], ["", ""]);
        assert_eq!(table[1][6], "javascript:alert(1)");
        assert_eq!(table[1][7], "a\u{fffd}b\u{fffd}c");
        assert_eq!(table[1][8], "");
        assert_eq!(table[1][10], "Tnnnnvvn", "a javascript: referrer is text");
        assert_eq!(table[1].len(), 11);
    }

    #[test]
    fn the_record_lists_every_field_then_new_ones() {
        let body = br#"{"data":{"rows":[{"id":"a","brand_new":"x\u001fy","is_bot":"yes"}, 7]}}"#;
        let rows = parse_clicks_response(body).unwrap().rows;
        let pairs: Vec<Vec<String>> = cells(&record_payload(&rows[0]));
        assert_eq!(pairs.len(), 28, "27 known fields and one new one");
        assert_eq!(pairs[0], ["id", "a"]);
        assert_eq!(pairs[1], ["created_at", "(missing)"]);
        assert_eq!(pairs[9], ["is_bot", "(unexpected: yes)"]);
        assert_eq!(pairs[27], ["brand_new (new field)", "x\u{fffd}y"]);
        assert_eq!(
            cells(&record_payload(&rows[1]))[0],
            ["(row)", "not an object: 7"]
        );
    }

    /// Holds down wasm memory growth: a payload that outgrew its buffer
    /// now and then took a block one size class up, which stayed.
    #[test]
    fn a_page_of_ordinary_rows_never_grows_the_payload_buffer() {
        let row = r#"{"created_at":"2026-11-30T10:00:00Z","country_code":"US","browser_device_type":"Mobile","browser_name":"Chrome Mobile","browser_platform":"Android","referrer":"https://l.instagram.com/some/longer/path?x=1","utm_source":"instagram","utm_campaign":"black-friday-2026","is_bot":true,"is_duplicate":true}"#;
        let body = format!(r#"{{"data":{{"rows":[{}]}}}}"#, vec![row; 100].join(","));
        let rows = parse_clicks_response(body.as_bytes()).unwrap().rows;
        let payload = rows_payload(&rows);
        assert_eq!(payload.capacity(), 100 * 480);
    }

    #[test]
    fn no_rows_is_an_empty_payload() {
        assert_eq!(rows_payload(&[]), "");
    }
}
