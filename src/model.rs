//! The endpoint's response, parsed tolerantly: every row field may be
//! missing, null, of the wrong type or new; a bad field degrades its cell,
//! never the page. Only a broken structure (no `data`, `rows` not a list) is
//! a decode error, reported with its JSON path.
//!
//! Rows are read in one pass by [`crate::json::Reader`]: the text of every
//! row of a response goes into one buffer sized from the body up front, and
//! each row keeps a slot per field, not a `String` per field. One block per
//! response (not one per row, in whichever size class each row's length
//! falls) keeps the wasm memory flat page after page.

use crate::day::UtcDay;
use crate::json::{self, Kind, Reader, Value};
use std::sync::Arc;

/// One field as it arrived, borrowed from its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Field<'a, T> {
    /// The key was absent.
    #[default]
    Missing,
    /// The value was `null`.
    Null,
    /// A value of the expected type.
    Value(T),
    /// A value of another type, as its JSON text (`{object}` and `[list]`
    /// stand for compound values).
    Invalid(&'a str),
}

impl<T> Field<'_, T> {
    /// The value, if it had the expected type.
    pub fn value(self) -> Option<T> {
        match self {
            Self::Value(value) => Some(value),
            _ => None,
        }
    }
}

impl<'a> Field<'a, &'a str> {
    /// The text to show: the value, the raw text of a wrong-typed value, or
    /// an empty string.
    pub fn text(self) -> &'a str {
        match self {
            Self::Value(text) | Self::Invalid(text) => text,
            Self::Missing | Self::Null => "",
        }
    }
}

/// What a row field is expected to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Text,
    Flag,
    Count,
}

/// Where a row field's value is: inline for flags and counts, a range of the
/// row's text for strings and wrong-typed values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Slot {
    #[default]
    Missing,
    Null,
    Flag(bool),
    Count(i64),
    Text(u32, u32),
    Invalid(u32, u32),
}

macro_rules! click_row {
    ($( $(#[$doc:meta])* $field:ident : $expect:ident ),* $(,)?) => {
        /// Row fields by position in [`FIELD_NAMES`].
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy)]
        enum FieldId { $( $field, )* }

        /// How many fields this version knows.
        pub const FIELD_COUNT: usize = [$( FieldId::$field, )*].len();

        /// The API's row field names, in API order.
        pub const FIELD_NAMES: [&str; FIELD_COUNT] = [$( stringify!($field), )*];

        const FIELD_EXPECT: [Expect; FIELD_COUNT] = [$( Expect::$expect, )*];

        /// The position of a known field name (a `match`: the compiler
        /// dispatches on length before comparing bytes).
        fn field_index(name: &str) -> Option<usize> {
            match name {
                $( stringify!($field) => Some(FieldId::$field as usize), )*
                _ => None,
            }
        }

        impl ClickRow {
            $(
                $(#[$doc])*
                pub fn $field(&self) -> Field<'_, click_row!(@type $expect)> {
                    click_row!(@get self, FieldId::$field as usize, $expect)
                }
            )*
        }
    };
    (@type Text) => { &str };
    (@type Flag) => { bool };
    (@type Count) => { i64 };
    (@get $self:ident, $index:expr, Text) => { $self.text_field($index) };
    (@get $self:ident, $index:expr, Flag) => { $self.flag_field($index) };
    (@get $self:ident, $index:expr, Count) => { $self.count_field($index) };
}

click_row! {
    /// The click's id (ULID).
    id: Text,
    /// When the click happened (RFC 3339).
    created_at: Text,
    /// The referring page.
    referrer: Text,
    /// The visitor's IP address.
    ip_address: Text,
    /// The visitor's user agent.
    user_agent: Text,
    /// Desktop, Mobile, Tablet.
    browser_device_type: Text,
    /// Browser name.
    browser_name: Text,
    /// Browser family.
    browser_family: Text,
    /// Operating system.
    browser_platform: Text,
    /// Flagged as a bot.
    is_bot: Flag,
    /// Flagged as a duplicate.
    is_duplicate: Flag,
    /// ISO country code.
    country_code: Text,
    /// The advertiser's click id.
    external_click_id: Text,
    /// Raw clicks folded into this one.
    gross_clicks: Count,
    /// Facebook click id.
    fbclid: Text,
    /// Google click id.
    gclid: Text,
    /// TikTok click id.
    ttclid: Text,
    /// Affiliate sub-id 1.
    aff_s1: Text,
    /// Affiliate sub-id 2.
    aff_s2: Text,
    /// Affiliate sub-id 3.
    aff_s3: Text,
    /// Affiliate sub-id 4.
    aff_s4: Text,
    /// Affiliate sub-id 5.
    aff_s5: Text,
    /// UTM source.
    utm_source: Text,
    /// UTM medium.
    utm_medium: Text,
    /// UTM campaign.
    utm_campaign: Text,
    /// UTM content.
    utm_content: Text,
    /// UTM term.
    utm_term: Text,
}

/// One click: every field as it arrived, plus fields this version does not
/// know yet (shown in the row's details).
#[derive(Debug, Clone, Default)]
pub struct ClickRow {
    /// The text of the response's string and wrong-typed fields, end to end
    /// (shared by its rows; `None` while parsing and for a row with none).
    text: Option<Arc<String>>,
    slots: [Slot; FIELD_COUNT],
    /// Fields not known to this version, as (name, value or JSON text).
    pub extra: Vec<(String, String)>,
    /// Set when the row was not a JSON object at all: what it was.
    pub not_an_object: Option<String>,
}

/// Rows are equal when every field reads the same (their text may live in
/// different buffers).
impl PartialEq for ClickRow {
    fn eq(&self, other: &Self) -> bool {
        let same_slot = |(a, b): (&Slot, &Slot)| match (*a, *b) {
            (Slot::Text(s1, e1), Slot::Text(s2, e2))
            | (Slot::Invalid(s1, e1), Slot::Invalid(s2, e2)) => {
                self.span(s1, e1) == other.span(s2, e2)
            }
            (a, b) => a == b,
        };
        self.slots.iter().zip(&other.slots).all(same_slot)
            && self.extra == other.extra
            && self.not_an_object == other.not_an_object
    }
}

impl ClickRow {
    fn span(&self, start: u32, end: u32) -> &str {
        self.text
            .as_deref()
            .and_then(|text| text.get(start as usize..end as usize))
            .unwrap_or("")
    }

    fn text_field(&self, index: usize) -> Field<'_, &str> {
        match self.slots[index] {
            Slot::Text(start, end) => Field::Value(self.span(start, end)),
            other => self.other_field(other),
        }
    }

    fn flag_field(&self, index: usize) -> Field<'_, bool> {
        match self.slots[index] {
            Slot::Flag(flag) => Field::Value(flag),
            other => self.other_field(other),
        }
    }

    fn count_field(&self, index: usize) -> Field<'_, i64> {
        match self.slots[index] {
            Slot::Count(count) => Field::Value(count),
            other => self.other_field(other),
        }
    }

    fn other_field<T>(&self, slot: Slot) -> Field<'_, T> {
        match slot {
            Slot::Missing => Field::Missing,
            Slot::Null => Field::Null,
            Slot::Invalid(start, end) => Field::Invalid(self.span(start, end)),
            // A slot of another expected type cannot be stored for this
            // field; showing it as missing is the safe reading.
            Slot::Flag(_) | Slot::Count(_) | Slot::Text(..) => Field::Missing,
        }
    }

    /// Every known field's name and display text, in API order:
    /// `(missing)`, `(none)`, the value, or `(unexpected: …)`.
    pub fn known_fields(&self) -> Vec<(&'static str, String)> {
        FIELD_NAMES
            .iter()
            .zip(self.slots)
            .map(|(name, slot)| {
                let text = match slot {
                    Slot::Missing => "(missing)".into(),
                    Slot::Null => "(none)".into(),
                    Slot::Flag(flag) => flag.to_string(),
                    Slot::Count(count) => count.to_string(),
                    Slot::Text(start, end) => self.span(start, end).to_string(),
                    Slot::Invalid(start, end) => format!("(unexpected: {})", self.span(start, end)),
                };
                (*name, text)
            })
            .collect()
    }

    /// Every known field's value for export: the text, or empty when
    /// missing or null.
    pub fn export_fields(&self) -> impl Iterator<Item = String> + '_ {
        self.slots.iter().map(|slot| match *slot {
            Slot::Missing | Slot::Null => String::new(),
            Slot::Flag(flag) => flag.to_string(),
            Slot::Count(count) => count.to_string(),
            Slot::Text(start, end) | Slot::Invalid(start, end) => self.span(start, end).to_string(),
        })
    }

    fn not_an_object(what: String) -> Self {
        Self {
            not_an_object: Some(what),
            ..Self::default()
        }
    }
}

/// Appends `value` to a row's text, returning its range.
fn push_text(text: &mut String, value: &str) -> (u32, u32) {
    let start = text.len() as u32;
    text.push_str(value);
    (start, text.len() as u32)
}

/// Reads one field's value: its slot, with any text added to the row's
/// `text`.
#[inline(always)]
fn read_field(reader: &mut Reader, expect: Expect, text: &mut String) -> Result<Slot, json::Error> {
    Ok(match (reader.peek()?, expect) {
        (Kind::Null, _) => {
            reader.null()?;
            Slot::Null
        }
        (Kind::String, Expect::Text) => {
            let start = text.len() as u32;
            reader.string_into(text)?;
            Slot::Text(start, text.len() as u32)
        }
        (Kind::Bool, Expect::Flag) => Slot::Flag(reader.boolean()?),
        (Kind::Number, Expect::Count) => {
            let number = reader.number()?;
            match number.parse() {
                Ok(count) => Slot::Count(count),
                Err(_) => {
                    let (start, end) = push_text(text, number);
                    Slot::Invalid(start, end)
                }
            }
        }
        (kind, _) => {
            let value = wrong_type_text(reader, kind)?;
            let (start, end) = push_text(text, &value);
            Slot::Invalid(start, end)
        }
    })
}

/// How a value of an unexpected type is shown: a string's value, a scalar's
/// JSON text, or `{object}` / `[list]`.
fn wrong_type_text(reader: &mut Reader, kind: Kind) -> Result<String, json::Error> {
    Ok(match kind {
        Kind::String => reader.string()?.value().into_owned(),
        Kind::Object => {
            reader.skip()?;
            "{object}".into()
        }
        Kind::Array => {
            reader.skip()?;
            "[list]".into()
        }
        Kind::Null | Kind::Bool | Kind::Number => reader.skip()?.to_string(),
    })
}

/// Reads the elements of `data.rows`. Rows of one response list their keys
/// in the same order, so each key is first checked against the field the
/// previous row had at that position: one comparison per key.
struct RowReader {
    /// The field index seen at each key position of the previous row.
    order: Vec<usize>,
    /// The text of all rows, end to end.
    text: String,
}

thread_local! {
    /// Where [`RowReader::read_all`] collects rows (reused; see there).
    static ROW_SCRATCH: std::cell::RefCell<Vec<ClickRow>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl RowReader {
    /// A reader for a list whose JSON takes at most `list_len` bytes: the
    /// rows' text (string contents, unescaped) fits in as many, so the
    /// buffer is never copied to grow (a wrong-typed value shown as
    /// `{object}` may still make it grow).
    fn new(list_len: usize) -> Self {
        Self {
            order: Vec::with_capacity(FIELD_COUNT),
            text: String::with_capacity(list_len),
        }
    }

    #[inline(always)]
    fn field_at(&mut self, position: usize, key: json::Str) -> Option<usize> {
        if let Some(&index) = self.order.get(position) {
            if key.is(FIELD_NAMES[index]) {
                return Some(index);
            }
        }
        let index = field_index(&key.value())?;
        self.order.truncate(position);
        if self.order.len() == position {
            self.order.push(index);
        }
        Some(index)
    }

    /// Reads the list (the reader at its `[`).
    fn read_all(mut self, reader: &mut Reader) -> Result<Vec<ClickRow>, json::Error> {
        reader.begin_array()?;
        // Rows are collected in a list kept from one response to the next,
        // then moved into one of exactly their number: pages of one size
        // then always take blocks of one size class (see allocator.rs),
        // whatever an estimate of the count would have said.
        let rows = ROW_SCRATCH.with_borrow_mut(|scratch| {
            scratch.clear();
            while reader.next_item()? {
                scratch.push(self.read(reader)?);
            }
            let mut rows = Vec::with_capacity(scratch.len());
            rows.append(scratch);
            Ok::<_, json::Error>(rows)
        });
        let mut rows = rows?;
        if !self.text.is_empty() {
            let text = Arc::new(self.text);
            for row in &mut rows {
                row.text = Some(text.clone());
            }
        }
        Ok(rows)
    }

    // Not inlined into the loop: a function called once per row is one the
    // engine soon compiles with its optimizing tier, while one long call
    // would run a whole first page in the baseline tier.
    #[inline(never)]
    fn read(&mut self, reader: &mut Reader) -> Result<ClickRow, json::Error> {
        let kind = reader.peek()?;
        if kind != Kind::Object {
            return Ok(ClickRow::not_an_object(wrong_type_text(reader, kind)?));
        }
        let mut row = ClickRow::default();
        reader.begin_object()?;
        let mut position = 0;
        while let Some(key) = reader.next_key_inline()? {
            match self.field_at(position, key) {
                Some(index) => {
                    row.slots[index] = read_field(reader, FIELD_EXPECT[index], &mut self.text)?
                }
                None => {
                    let text = match reader.peek()? {
                        Kind::String => reader.string()?.value().into_owned(),
                        _ => reader.skip()?.to_string(),
                    };
                    row.extra.push((key.value().into_owned(), text));
                }
            }
            position += 1;
        }
        Ok(row)
    }
}

/// One day of the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartEntry {
    /// The day, when `timestamp` is a `YYYY-MM-DD` date.
    pub day: Option<UtcDay>,
    /// `timestamp` as it arrived (a string's value, other JSON as text,
    /// empty when missing or null), for display when it is not a date.
    pub timestamp: String,
    /// Clicks that day; a missing or wrong-typed count counts as 0.
    pub clicks: u64,
}

/// The range and filters the API says it applied (`data.filters`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EchoedFilters {
    /// First day of the range, if the echo had a readable date.
    pub date_start: Option<UtcDay>,
    /// Last day of the range, if the echo had a readable date.
    pub date_end: Option<UtcDay>,
    /// `include_bots` as applied.
    pub include_bots: Option<bool>,
    /// `include_duplicates` as applied.
    pub include_duplicates: Option<bool>,
}

/// `_meta`: credits, cache and rate limits, when present.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meta {
    /// Credits used by this request.
    pub credits_used: Option<i64>,
    /// Credits left.
    pub credits_balance: Option<i64>,
    /// Requests left this minute.
    pub remaining_minute: Option<i64>,
}

/// A parsed response.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ClicksResponse {
    /// `data.summary.clicks_total`, if present and a number.
    pub clicks_total: Option<u64>,
    /// `data.chart`, one entry per day.
    pub chart: Vec<ChartEntry>,
    /// `data.rows`.
    pub rows: Vec<ClickRow>,
    /// `data.filters`.
    pub filters: EchoedFilters,
    /// `_meta`.
    pub meta: Meta,
    /// What was missing or odd, in words, for a visible notice.
    pub warnings: Vec<String>,
}

impl ClicksResponse {
    /// The total that drives the page count: `clicks_total`, else the
    /// chart's sum (the two agree in the API's own example).
    pub fn total_for_paging(&self) -> u64 {
        self.clicks_total
            .unwrap_or_else(|| self.chart.iter().map(|e| e.clicks).sum())
    }
}

/// A response body whose structure is broken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// JSON path of the problem, e.g. `data.rows`; `(top level)` for a body
    /// that is not JSON.
    pub path: String,
    /// What was wrong there.
    pub message: String,
    /// True when the body ended early (a truncated response).
    pub truncated: bool,
    /// True when the body is not JSON at all.
    pub syntax: bool,
}

impl DecodeError {
    fn shape(path: &str, message: &str) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
            truncated: false,
            syntax: false,
        }
    }

    fn syntax(error: &json::Error, body: &[u8]) -> Self {
        Self {
            path: "(top level)".into(),
            message: error.describe(body),
            truncated: error.eof,
            syntax: true,
        }
    }
}

/// The parts of `data` read so far.
#[derive(Default)]
struct RawData<'a> {
    summary: Option<Value<'a>>,
    chart: Option<Value<'a>>,
    rows: Option<Vec<ClickRow>>,
    filters: Option<Value<'a>>,
}

/// Parses a response body. A syntax error anywhere wins over a shape
/// problem, so a cut-off body always reads as truncated.
pub fn parse_clicks_response(bytes: &[u8]) -> Result<ClicksResponse, DecodeError> {
    let mut shape_error = None;
    let read = read_envelope(bytes, &mut shape_error);
    let (data, meta) = read.map_err(|error| DecodeError::syntax(&error, bytes))?;
    if let Some(error) = shape_error {
        return Err(error);
    }
    let Some(data) = data else {
        return Err(DecodeError::shape("(top level)", "missing field `data`"));
    };
    let Some(rows) = data.rows else {
        return Err(DecodeError::shape("data", "missing field `rows`"));
    };
    let mut warnings = Vec::new();
    let clicks_total = match data.summary.as_ref().and_then(|s| s.get("clicks_total")) {
        Some(total) => total.as_u64().or_else(|| {
            warnings.push(format!(
                "data.summary.clicks_total is not a count ({}); the total is taken from the chart.",
                describe(total)
            ));
            None
        }),
        None => {
            warnings.push(
                "The response has no data.summary.clicks_total; the total is taken from the chart."
                    .into(),
            );
            None
        }
    };
    let chart = match data.chart {
        Some(Value::Array(entries)) => entries.iter().map(chart_entry).collect(),
        None | Some(Value::Null) => {
            warnings.push("The response has no data.chart.".into());
            Vec::new()
        }
        Some(_) => {
            warnings.push("data.chart is not a list; no chart is drawn.".into());
            Vec::new()
        }
    };
    let bad_rows = rows.iter().filter(|r| r.not_an_object.is_some()).count();
    if bad_rows > 0 {
        warnings.push(format!(
            "{bad_rows} row(s) in data.rows are not objects and are shown empty."
        ));
    }
    Ok(ClicksResponse {
        clicks_total,
        chart,
        rows,
        filters: data
            .filters
            .as_ref()
            .map(echoed_filters)
            .unwrap_or_default(),
        meta: meta.as_ref().map(read_meta).unwrap_or_default(),
        warnings,
    })
}

type Envelope<'a> = (Option<RawData<'a>>, Option<Value<'a>>);

/// Reads the whole body: syntax errors return at once; the first shape
/// problem is kept in `shape_error` while the rest is still checked.
fn read_envelope<'a>(
    bytes: &'a [u8],
    shape_error: &mut Option<DecodeError>,
) -> Result<Envelope<'a>, json::Error> {
    let mut reader = Reader::new(bytes)?;
    let mut shape = |error: DecodeError| {
        shape_error.get_or_insert(error);
    };
    let (mut data, mut meta) = (None, None);
    if reader.peek()? != Kind::Object {
        reader.skip()?;
        shape(DecodeError::shape("(top level)", "missing field `data`"));
    } else {
        reader.begin_object()?;
        while let Some(key) = reader.next_key()? {
            match &*key.value() {
                "data" if reader.peek()? == Kind::Object => {
                    data = Some(read_data(&mut reader, &mut shape)?)
                }
                "data" => {
                    reader.skip()?;
                    shape(DecodeError::shape("data", "expected an object"));
                }
                "_meta" => meta = Some(reader.value()?),
                _ => {
                    reader.skip()?;
                }
            }
        }
    }
    reader.finish()?;
    Ok((data, meta))
}

fn read_data<'a>(
    reader: &mut Reader<'a>,
    shape: &mut impl FnMut(DecodeError),
) -> Result<RawData<'a>, json::Error> {
    let mut data = RawData::default();
    reader.begin_object()?;
    while let Some(key) = reader.next_key()? {
        match &*key.value() {
            "summary" => data.summary = Some(reader.value()?),
            "chart" => data.chart = Some(reader.value()?),
            "filters" => data.filters = Some(reader.value()?),
            "rows" if reader.peek()? == Kind::Array => {
                data.rows = Some(RowReader::new(reader.remaining()).read_all(reader)?);
            }
            "rows" => {
                reader.skip()?;
                shape(DecodeError::shape("data.rows", "expected a list of rows"));
            }
            _ => {
                reader.skip()?;
            }
        }
    }
    Ok(data)
}

/// A value's text for a message: a string's value, otherwise a short kind.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.value().into_owned(),
        Value::Array(_) => "[list]".into(),
        Value::Object(_) => "{object}".into(),
    }
}

fn chart_entry(entry: &Value) -> ChartEntry {
    let timestamp = match entry.get("timestamp") {
        None | Some(Value::Null) => String::new(),
        Some(other) => describe(other),
    };
    let day = match entry.get("timestamp") {
        Some(Value::String(_)) => UtcDay::parse(timestamp.get(..10).unwrap_or(&timestamp)),
        _ => None,
    };
    let clicks = entry.get("clicks").and_then(Value::as_u64).unwrap_or(0);
    ChartEntry {
        day,
        timestamp,
        clicks,
    }
}

fn echoed_filters(filters: &Value) -> EchoedFilters {
    let day = |name: &str| {
        let text = filters.get(name)?.as_str()?;
        UtcDay::parse(text.get(..10)?)
    };
    EchoedFilters {
        date_start: day("date_start"),
        date_end: day("date_end"),
        include_bots: filters.get("include_bots").and_then(Value::as_bool),
        include_duplicates: filters.get("include_duplicates").and_then(Value::as_bool),
    }
}

fn read_meta(meta: &Value) -> Meta {
    let int = |group: &str, name: &str| meta.get(group)?.get(name)?.as_i64();
    Meta {
        credits_used: int("_credits", "used"),
        credits_balance: int("_credits", "balance"),
        remaining_minute: int("_rate_limits", "remaining_minute"),
    }
}

/// The `message` of an error body, and for a 422 its field errors as
/// (field, message) pairs. Both empty when the body is not such JSON.
pub fn error_body_message(bytes: &[u8]) -> (Option<String>, Vec<(String, String)>) {
    let Ok(value) = json::parse(bytes) else {
        return (None, Vec::new());
    };
    let message = value
        .get("message")
        .and_then(Value::as_str)
        .map(|m| m.chars().take(500).collect());
    let mut field_errors = Vec::new();
    if let Some(Value::Object(errors)) = value.get("errors") {
        for (field, messages) in errors {
            let field = field.value();
            match messages {
                Value::Array(list) => field_errors.extend(
                    list.iter()
                        .filter_map(Value::as_str)
                        .map(|m| (field.to_string(), m.into_owned())),
                ),
                Value::String(m) => field_errors.push((field.to_string(), m.value().into_owned())),
                _ => {}
            }
        }
    }
    (message, field_errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example response of the endpoint's OpenAPI page.
    pub const SPEC_EXAMPLE: &str = include_str!("../tests/fixtures/spec-example.json");

    /// Holds down the wasm memory growth of session 3: rows sized by an
    /// estimate, and a text buffer per row, fell into varying size classes.
    #[test]
    fn rows_fill_a_list_of_exactly_their_number_and_share_one_text() {
        let rows: Vec<String> = (0..37)
            .map(|i| {
                format!(
                    r#"{{"id":"r{i}","referrer":"{}","is_bot":false}}"#,
                    "x".repeat(i * 7)
                )
            })
            .collect();
        let body = format!(r#"{{"data":{{"rows":[{}]}}}}"#, rows.join(","));
        let parsed = parse_clicks_response(body.as_bytes()).unwrap().rows;
        assert_eq!(parsed.len(), 37);
        assert_eq!(parsed.capacity(), 37);
        let shared = parsed[0].text.as_ref().unwrap();
        assert!(parsed
            .iter()
            .all(|r| Arc::ptr_eq(r.text.as_ref().unwrap(), shared)));
        assert_eq!(
            parsed[36].referrer(),
            Field::Value("x".repeat(252).as_str())
        );
        assert_eq!(parsed[5].id(), Field::Value("r5"));
    }

    #[test]
    fn rows_read_alike_are_equal_whatever_buffer_holds_their_text() {
        let a =
            parse_clicks_response(br#"{"data":{"rows":[{"id":"a","referrer":"r"},{"id":"b"}]}}"#)
                .unwrap();
        let b = parse_clicks_response(br#"{"data":{"rows":[{"id":"b"}]}}"#).unwrap();
        assert_eq!(a.rows[1], b.rows[0]);
        assert_ne!(a.rows[0], b.rows[0]);
    }

    #[test]
    fn parses_the_spec_example() {
        let response = parse_clicks_response(SPEC_EXAMPLE.as_bytes()).unwrap();
        assert_eq!(response.clicks_total, Some(25));
        assert_eq!(response.chart.len(), 2);
        assert_eq!(response.chart[1].day.unwrap().to_string(), "2026-01-31");
        assert_eq!(response.chart[1].clicks, 15);
        let row = &response.rows[0];
        assert_eq!(row.id().value().unwrap(), "01JTESTCLICK000000000000001");
        assert_eq!(row.fbclid(), Field::Null);
        assert_eq!(row.is_bot(), Field::Value(false));
        assert_eq!(row.gross_clicks(), Field::Value(1));
        assert_eq!(row.utm_term().text(), "fans");
        assert!(row.extra.is_empty());
        assert_eq!(
            response.filters.date_start.unwrap().to_string(),
            "2026-01-25"
        );
        assert_eq!(response.filters.include_bots, Some(true));
        assert_eq!(response.meta.credits_balance, Some(999_999));
        assert!(response.warnings.is_empty());
        assert_eq!(response.total_for_paging(), 25);
    }

    #[test]
    fn degraded_rows_degrade_cells_not_the_page() {
        let body = r#"{"data":{"summary":{"clicks_total":3},"chart":[],"rows":[
            {"id":"a","is_bot":"yes","gross_clicks":"many","country_code":7,"referrer":{"host":"x"},"brand_new":[1,2]},
            {"id":null},
            "not a row"
        ],"filters":{}}}"#;
        let response = parse_clicks_response(body.as_bytes()).unwrap();
        let row = &response.rows[0];
        assert_eq!(row.is_bot(), Field::Invalid("yes"));
        assert_eq!(row.gross_clicks(), Field::Invalid("many"));
        assert_eq!(row.country_code(), Field::Invalid("7"));
        assert_eq!(row.referrer(), Field::Invalid("{object}"));
        assert_eq!(row.created_at(), Field::Missing);
        assert_eq!(
            row.extra,
            vec![("brand_new".to_string(), "[1,2]".to_string())]
        );
        assert_eq!(response.rows[1].id(), Field::Null);
        assert_eq!(response.rows[2].not_an_object.as_deref(), Some("not a row"));
        assert_eq!(response.warnings.len(), 1);
        let fields = row.known_fields();
        assert_eq!(fields.len(), 27);
        assert_eq!(fields[0], ("id", "a".to_string()));
    }

    #[test]
    fn missing_total_falls_back_to_the_chart_with_a_warning() {
        let body = r#"{"data":{"chart":[{"timestamp":"2026-01-01","clicks":4},{"timestamp":"<b>x</b>","clicks":"2"}],"rows":[]}}"#;
        let response = parse_clicks_response(body.as_bytes()).unwrap();
        assert_eq!(response.clicks_total, None);
        assert_eq!(response.total_for_paging(), 4);
        assert_eq!(response.chart[1].day, None);
        assert_eq!(response.chart[1].timestamp, "<b>x</b>");
        assert!(response.warnings[0].contains("clicks_total"));
    }

    #[test]
    fn broken_structure_names_its_path() {
        let error = parse_clicks_response(br#"{"data":{"rows":{"a":1}}}"#).unwrap_err();
        assert_eq!(error.path, "data.rows");
        let error = parse_clicks_response(br#"{"message":"hi"}"#).unwrap_err();
        assert!(error.message.contains("data"), "{error:?}");
        let truncated = &SPEC_EXAMPLE[..SPEC_EXAMPLE.len() / 2];
        assert!(
            parse_clicks_response(truncated.as_bytes())
                .unwrap_err()
                .truncated
        );
        assert!(parse_clicks_response(b"<html>").unwrap_err().syntax);
    }

    #[test]
    fn error_bodies_give_their_message_and_field_errors() {
        let (message, fields) = error_body_message(
            br#"{"message":"The limit field must be between 1 and 1000.","errors":{"limit":["The limit field must be between 1 and 1000."]}}"#,
        );
        assert_eq!(
            message.as_deref(),
            Some("The limit field must be between 1 and 1000.")
        );
        assert_eq!(
            fields,
            vec![(
                "limit".to_string(),
                "The limit field must be between 1 and 1000.".to_string()
            )]
        );
        assert_eq!(error_body_message(b"<html>500</html>"), (None, vec![]));
    }
}
