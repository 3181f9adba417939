//! The rows of the page on screen as CSV (RFC 4180), every field included,
//! with cells that spreadsheets would run as formulas neutralised.

use crate::columns::COLUMNS;
use crate::config::Filters;
use crate::model::{field_index, ClickRow, FIELD_NAMES};

/// The CSV's known columns, as API field names: the table's columns in
/// table order, then every other field in API order.
pub fn csv_fields() -> Vec<&'static str> {
    let mut fields: Vec<&'static str> = COLUMNS.iter().flat_map(|c| c.fields()).copied().collect();
    let rest: Vec<&'static str> = FIELD_NAMES
        .iter()
        .filter(|name| !fields.contains(name))
        .copied()
        .collect();
    fields.extend(rest);
    fields
}

/// The file name of a page's CSV: the link id (characters a file name may
/// not hold become `_`), the range and the page, e.g.
/// `smart-link-clicks-demo-2026-11-01-to-2026-11-30-page-2.csv`.
pub fn csv_file_name(link_id: &str, filters: &Filters) -> String {
    let link: String = link_id
        .chars()
        .take(64)
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '-' | '_' | '.' => c,
            _ => '_',
        })
        .collect();
    format!(
        "smart-link-clicks-{link}-{}-to-{}-page-{}.csv",
        filters.date_start, filters.date_end, filters.page
    )
}

/// The columns of one CSV file: the known fields ([`csv_fields`]), then
/// the fields this version does not know, in the order they first appear
/// in its rows, then (only when a row was not a JSON object) a `(row)`
/// column holding what that row was: every field is in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvLayout {
    known: Vec<usize>,
    new_fields: Vec<String>,
    odd_rows: bool,
}

impl CsvLayout {
    /// The layout for a file of `rows`.
    pub fn for_rows<'a>(rows: impl IntoIterator<Item = &'a ClickRow>) -> Self {
        let mut new_fields: Vec<String> = Vec::new();
        let mut odd_rows = false;
        for row in rows {
            odd_rows |= row.not_an_object().is_some();
            for (name, _) in row.extra() {
                if !new_fields.contains(name) {
                    new_fields.push(name.clone());
                }
            }
        }
        Self {
            known: csv_fields().iter().filter_map(|f| field_index(f)).collect(),
            new_fields,
            odd_rows,
        }
    }

    /// The header line.
    pub fn header(&self) -> String {
        let mut out = String::new();
        let header = self
            .known
            .iter()
            .map(|&i| FIELD_NAMES[i])
            .chain(self.new_fields.iter().map(String::as_str))
            .chain(self.odd_rows.then_some("(row)"));
        push_line(&mut out, header.map(str::to_string));
        out
    }

    /// The lines of `rows`, appended to `out` (a file written in chunks
    /// calls this once per chunk).
    pub fn write_rows<'r>(&self, rows: impl IntoIterator<Item = &'r ClickRow>, out: &mut String) {
        for row in rows {
            let known_cells = self.known.iter().map(|&i| row.export_field(i));
            let new_cells = self
                .new_fields
                .iter()
                .map(|name| row.extra_field(name).unwrap_or_default().to_string());
            let odd_cell = self
                .odd_rows
                .then(|| row.not_an_object().unwrap_or_default().to_string());
            push_line(out, known_cells.chain(new_cells).chain(odd_cell));
        }
    }
}

/// CSV text of `rows` with a header row (see [`CsvLayout`]); empty for no
/// rows.
pub fn rows_to_csv(rows: &[ClickRow]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let layout = CsvLayout::for_rows(rows);
    let mut out = layout.header();
    layout.write_rows(rows, &mut out);
    out
}

/// The file name of all the loaded rows' CSV: as [`csv_file_name`], with
/// `all` for the page, e.g.
/// `smart-link-clicks-demo-2026-11-01-to-2026-11-30-all.csv`.
pub fn all_csv_file_name(link_id: &str, filters: &Filters) -> String {
    let page = format!("-page-{}.csv", filters.page);
    let name = csv_file_name(link_id, filters);
    format!("{}-all.csv", name.strip_suffix(&page).unwrap_or(&name))
}

fn push_line(out: &mut String, cells: impl Iterator<Item = String>) {
    let cells: Vec<String> = cells.map(|cell| escape_cell(&cell)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

fn escape_cell(cell: &str) -> String {
    // A leading =, +, - or @ is a formula in spreadsheets: prefix a quote.
    let guarded = if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_clicks_response;

    #[test]
    fn writes_a_header_and_one_line_per_row() {
        let body = include_bytes!("../tests/fixtures/spec-example.json");
        let rows = parse_clicks_response(body).unwrap().rows;
        let csv = rows_to_csv(&rows);
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("created_at,country_code,browser_device_type,"));
        assert!(lines[0].contains(",is_bot,is_duplicate,id,"));
        assert!(lines[1].contains(",google-click-id,"));
        assert!(lines[1].contains(",,"), "null fields are empty cells");
    }

    #[test]
    fn fields_this_version_does_not_know_get_columns_of_their_own() {
        let body = br#"{"data":{"rows":[{"id":"a","brand_new":"x"},{"id":"b","other":[1]}]}}"#;
        let csv = rows_to_csv(&parse_clicks_response(body).unwrap().rows);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert!(
            lines[0].ends_with(",utm_term,brand_new,other"),
            "{}",
            lines[0]
        );
        assert!(lines[1].ends_with(",x,"), "{}", lines[1]);
        assert!(lines[2].ends_with(",,[1]"), "{}", lines[2]);
    }

    /// Issue 15: a row that was not an object was an empty line.
    #[test]
    fn a_row_that_is_not_an_object_keeps_what_it_was() {
        let body = br#"{"data":{"rows":[{"id":"a","brand_new":{"n":[1,2]}},"not a row",7]}}"#;
        let csv = rows_to_csv(&parse_clicks_response(body).unwrap().rows);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert!(lines[0].ends_with(",brand_new,(row)"), "{}", lines[0]);
        assert!(lines[1].ends_with(r#","{""n"":[1,2]}","#), "{}", lines[1]);
        assert!(lines[2].ends_with(",,not a row"), "{}", lines[2]);
        assert!(lines[3].ends_with(",,7"), "{}", lines[3]);
        let plain = rows_to_csv(
            &parse_clicks_response(br#"{"data":{"rows":[{"id":"a"}]}}"#)
                .unwrap()
                .rows,
        );
        assert!(!plain.contains("(row)"));
    }

    /// CONTRACT 8: the file name holds the link id and range.
    #[test]
    fn the_file_name_holds_the_link_id_range_and_page() {
        let today = crate::day::UtcDay::parse("2026-11-30").unwrap();
        let config = crate::config::Config::from_pairs([("page", "2")], today);
        assert_eq!(
            csv_file_name("demo", &config.filters),
            "smart-link-clicks-demo-2026-11-01-to-2026-11-30-page-2.csv"
        );
        assert_eq!(
            csv_file_name("a/b c:\\d", &config.filters),
            "smart-link-clicks-a_b_c__d-2026-11-01-to-2026-11-30-page-2.csv"
        );
    }

    #[test]
    fn a_file_written_in_chunks_equals_one_written_at_once() {
        let body = br#"{"data":{"rows":[{"id":"a"},{"id":"b","late":"x"},{"id":"c"},"odd"]}}"#;
        let rows = parse_clicks_response(body).unwrap().rows;
        let layout = CsvLayout::for_rows(&rows);
        let mut chunked = layout.header();
        for chunk in rows.chunks(2) {
            layout.write_rows(chunk, &mut chunked);
        }
        assert_eq!(chunked, rows_to_csv(&rows));
        assert!(chunked.lines().next().unwrap().ends_with(",late,(row)"));
        let today = crate::day::UtcDay::parse("2026-11-30").unwrap();
        let config = crate::config::Config::from_pairs([("page", "3")], today);
        assert_eq!(
            all_csv_file_name("demo", &config.filters),
            "smart-link-clicks-demo-2026-11-01-to-2026-11-30-all.csv"
        );
    }

    #[test]
    fn quotes_commas_and_defuses_formulas() {
        assert_eq!(escape_cell("a,b"), "\"a,b\"");
        assert_eq!(escape_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(
            escape_cell("=HYPERLINK(\"x\")"),
            "\"'=HYPERLINK(\"\"x\"\")\""
        );
        assert_eq!(escape_cell("@cmd"), "'@cmd");
        assert_eq!(escape_cell("+1"), "'+1");
        assert_eq!(escape_cell("-12"), "'-12");
        assert_eq!(escape_cell("\tx"), "'\tx");
        // A leading CR is defused, then quoted (it breaks a line).
        assert_eq!(escape_cell("\r1"), "\"'\r1\"");
        assert_eq!(escape_cell("a\nb"), "\"a\nb\"");
        assert_eq!(escape_cell("plain"), "plain");
        assert_eq!(rows_to_csv(&[]), "");
    }
}
