//! The endpoint's response, read with serde_json and parsed tolerantly:
//! every row field may be missing, null, of the wrong type or new; a bad
//! field degrades its cell, never the page. Only a broken structure (no
//! `data`, `rows` not a list) is a decode error, reported with its JSON path.
//!
//! The small parts (`summary`, `chart`, `filters`, `_meta`, error bodies)
//! are `#[derive(Deserialize)]` types whose fields are
//! [`Lenient`](crate::lenient::Lenient): read when they have the expected
//! shape, kept as what they were otherwise. The
//! rows, which are most of the body, are read by `DeserializeSeed`s into a
//! compact per-response form: the text of every row goes into one buffer
//! sized from the body, and each row keeps a slot per field, not a `String`
//! per field.

use crate::day::UtcDay;
use crate::lenient::{float_text, Lenient, Loose, Pairs};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::fmt;
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
    Count(SplitCount),
    Text(u32, u32),
    Invalid(u32, u32),
}

/// A count kept as two 32-bit halves, so that a [`Slot`] aligns to 4 bytes
/// and takes 12 (with an `i64` it took 16: a row's 27 slots are most of
/// the memory that 100,000 loaded rows hold).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct SplitCount([u32; 2]);

impl SplitCount {
    fn new(count: i64) -> Self {
        let bits = count as u64;
        Self([(bits >> 32) as u32, bits as u32])
    }

    fn get(self) -> i64 {
        ((u64::from(self.0[0]) << 32) | u64::from(self.0[1])) as i64
    }
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
        #[inline]
        pub fn field_index(name: &str) -> Option<usize> {
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
    /// What few rows have (boxed: a row without takes 4 bytes for it).
    oddities: Option<Box<Oddities>>,
}

/// A row's rare parts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Oddities {
    /// Fields not known to this version, as (name, value or JSON text).
    extra: Vec<(String, String)>,
    /// Set when the row was not a JSON object at all: what it was.
    not_an_object: Option<String>,
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
            && self.extra() == other.extra()
            && self.not_an_object() == other.not_an_object()
    }
}

impl ClickRow {
    /// Fields not known to this version, as (name, value or JSON text), in
    /// the order they came.
    pub fn extra(&self) -> &[(String, String)] {
        self.oddities.as_deref().map_or(&[], |odd| &odd.extra)
    }

    /// What the row was, when it was not a JSON object at all.
    pub fn not_an_object(&self) -> Option<&str> {
        self.oddities.as_deref()?.not_an_object.as_deref()
    }

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
            Slot::Count(count) => Field::Value(count.get()),
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
                    Slot::Count(count) => count.get().to_string(),
                    Slot::Text(start, end) => self.span(start, end).to_string(),
                    Slot::Invalid(start, end) => format!("(unexpected: {})", self.span(start, end)),
                };
                (*name, text)
            })
            .collect()
    }

    /// Whether `found` holds for the text of any field the row has:
    /// strings and wrong-typed values as they came, flags and counts as
    /// written, then fields this version does not know, and what a row
    /// that was not an object was. Stops at the first; allocates nothing.
    pub fn any_text(&self, mut found: impl FnMut(&str) -> bool) -> bool {
        let mut digits = [0u8; 20];
        self.slots.iter().any(|&slot| match slot {
            Slot::Text(start, end) | Slot::Invalid(start, end) => found(self.span(start, end)),
            Slot::Flag(flag) => found(if flag { "true" } else { "false" }),
            Slot::Count(count) => found(count_text(count.get(), &mut digits)),
            Slot::Missing | Slot::Null => false,
        }) || self.extra().iter().any(|(_, value)| found(value))
            || self.not_an_object().is_some_and(&mut found)
    }

    /// The value for export of the known field at `index` (see
    /// [`field_index`]): its text, or empty when missing, null or unknown.
    pub fn export_field(&self, index: usize) -> String {
        match self.slots.get(index).copied().unwrap_or_default() {
            Slot::Missing | Slot::Null => String::new(),
            Slot::Flag(flag) => flag.to_string(),
            Slot::Count(count) => count.get().to_string(),
            Slot::Text(start, end) | Slot::Invalid(start, end) => self.span(start, end).to_string(),
        }
    }

    /// The value of the field this version does not know, named `name`.
    pub fn extra_field(&self, name: &str) -> Option<&str> {
        self.extra()
            .iter()
            .find_map(|(key, value)| (key == name).then_some(value.as_str()))
    }

    /// The row's full record for the details view: every known field in
    /// API order (`(missing)`, `(none)`, the value or `(unexpected: …)`),
    /// then fields this version does not know, marked "(new field)"; a row
    /// that was not an object says so first.
    pub fn record(&self) -> Vec<(String, String)> {
        let mut record = Vec::with_capacity(FIELD_COUNT + 1 + self.extra().len());
        if let Some(raw) = self.not_an_object() {
            record.push(("(row)".to_string(), format!("not an object: {raw}")));
        }
        record.extend(
            self.known_fields()
                .into_iter()
                .map(|(name, value)| (name.to_string(), value)),
        );
        record.extend(
            self.extra()
                .iter()
                .map(|(name, value)| (format!("{name} (new field)"), value.clone())),
        );
        record
    }

    fn from_non_object(what: String) -> Self {
        Self {
            oddities: Some(Box::new(Oddities {
                not_an_object: Some(what),
                ..Oddities::default()
            })),
            ..Self::default()
        }
    }
}

/// `count` in decimal, written into `digits` (an `i64` has at most 20
/// characters with its sign).
fn count_text(count: i64, digits: &mut [u8; 20]) -> &str {
    let mut at = digits.len();
    let mut rest = count.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if count < 0 {
        at -= 1;
        digits[at] = b'-';
    }
    std::str::from_utf8(&digits[at..]).unwrap_or_default()
}

/// Appends `value` to a row's text, returning its range.
fn push_text(text: &mut String, value: &str) -> (u32, u32) {
    let start = text.len() as u32;
    text.push_str(value);
    (start, text.len() as u32)
}

/// Implements the scalar `visit_*` methods of a visitor for values of the
/// wrong shape: each maps its value's text through `$wrong`.
macro_rules! wrong_shape_scalars {
    ($wrong:expr) => {
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok($wrong(self, "null".to_string()))
        }
        fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
            Ok($wrong(self, value.to_string()))
        }
        fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
            Ok($wrong(self, value.to_string()))
        }
        fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
            Ok($wrong(self, value.to_string()))
        }
        fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
            Ok($wrong(self, float_text(value)))
        }
        fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
            Ok($wrong(self, value.to_string()))
        }
    };
}

/// Reads one row field's value into its slot; strings and the text of
/// wrong-typed values are appended to the response's row text.
struct SlotSeed<'t> {
    expect: Expect,
    text: &'t mut String,
}

impl SlotSeed<'_> {
    fn invalid(self, value: &str) -> Slot {
        let (start, end) = push_text(self.text, value);
        Slot::Invalid(start, end)
    }
}

impl<'de> DeserializeSeed<'de> for SlotSeed<'_> {
    type Value = Slot;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Slot, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for SlotSeed<'_> {
    type Value = Slot;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a row field's value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Slot, E> {
        Ok(Slot::Null)
    }
    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Slot, E> {
        Ok(match self.expect {
            Expect::Flag => Slot::Flag(value),
            _ => self.invalid(if value { "true" } else { "false" }),
        })
    }
    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Slot, E> {
        Ok(match self.expect {
            Expect::Count => Slot::Count(SplitCount::new(value)),
            _ => self.invalid(&value.to_string()),
        })
    }
    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Slot, E> {
        Ok(match (self.expect, i64::try_from(value)) {
            (Expect::Count, Ok(count)) => Slot::Count(SplitCount::new(count)),
            _ => self.invalid(&value.to_string()),
        })
    }
    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Slot, E> {
        Ok(self.invalid(&float_text(value)))
    }
    fn visit_str<E: de::Error>(self, value: &str) -> Result<Slot, E> {
        Ok(match self.expect {
            Expect::Text => {
                let (start, end) = push_text(self.text, value);
                Slot::Text(start, end)
            }
            _ => self.invalid(value),
        })
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Slot, A::Error> {
        IgnoredAny.visit_seq(seq)?;
        Ok(self.invalid("[list]"))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Slot, A::Error> {
        IgnoredAny.visit_map(map)?;
        Ok(self.invalid("{object}"))
    }
}

/// A row's key: the position of a known field, or a new field's name.
enum RowKey {
    Known(usize),
    Unknown(String),
}

/// Reads a row's key. Rows of one response list their keys in the same
/// order, so each key is first checked against the field the previous row
/// had at that position (`order`; `FIELD_COUNT` marks an unknown one).
struct KeySeed<'o> {
    order: &'o mut Vec<usize>,
    position: usize,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = RowKey;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<RowKey, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = RowKey;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }
    fn visit_str<E: de::Error>(self, name: &str) -> Result<RowKey, E> {
        if let Some(&index) = self.order.get(self.position) {
            if FIELD_NAMES.get(index) == Some(&name) {
                return Ok(RowKey::Known(index));
            }
        }
        let index = field_index(name);
        self.order.truncate(self.position);
        if self.order.len() == self.position {
            self.order.push(index.unwrap_or(FIELD_COUNT));
        }
        Ok(match index {
            Some(index) => RowKey::Known(index),
            None => RowKey::Unknown(name.to_owned()),
        })
    }
}

/// Reads one element of `data.rows`: a row, or what stood in its place.
struct RowSeed<'r> {
    order: &'r mut Vec<usize>,
    text: &'r mut String,
}

impl<'de> DeserializeSeed<'de> for RowSeed<'_> {
    type Value = ClickRow;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<ClickRow, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RowSeed<'_> {
    type Value = ClickRow;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a row")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ClickRow, A::Error> {
        let RowSeed { order, text } = self;
        let mut row = ClickRow::default();
        let mut position = 0;
        while let Some(key) = map.next_key_seed(KeySeed {
            order: &mut *order,
            position,
        })? {
            match key {
                RowKey::Known(index) => {
                    row.slots[index] = map.next_value_seed(SlotSeed {
                        expect: FIELD_EXPECT[index],
                        text: &mut *text,
                    })?
                }
                RowKey::Unknown(name) => {
                    // Its JSON text as it arrived; a string's value.
                    let raw: &RawValue = map.next_value()?;
                    let raw = raw.get();
                    let shown = match raw.starts_with('"') {
                        true => serde_json::from_slice(raw.as_bytes()).unwrap_or_default(),
                        false => raw.to_string(),
                    };
                    row.oddities
                        .get_or_insert_with(Box::default)
                        .extra
                        .push((name, shown));
                }
            }
            position += 1;
        }
        Ok(row)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<ClickRow, A::Error> {
        IgnoredAny.visit_seq(seq)?;
        Ok(ClickRow::from_non_object("[list]".into()))
    }
    wrong_shape_scalars!(|_, text| ClickRow::from_non_object(text));
}

/// Reads `data.rows`: `Some(rows)` for a list, `None` for anything else.
/// The rows' text goes into one buffer of `text_capacity` bytes (the
/// body's length, which the text of its strings never exceeds), shared by
/// the rows.
struct RowsSeed {
    text_capacity: usize,
}

impl<'de> DeserializeSeed<'de> for RowsSeed {
    type Value = Option<Vec<ClickRow>>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RowsSeed {
    type Value = Option<Vec<ClickRow>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of rows")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut text = String::with_capacity(self.text_capacity);
        let mut order = Vec::with_capacity(FIELD_COUNT);
        let mut rows = Vec::new();
        while let Some(row) = seq.next_element_seed(RowSeed {
            order: &mut order,
            text: &mut text,
        })? {
            rows.push(row);
        }
        if !text.is_empty() {
            // The rows keep an exact copy; the body-sized buffer goes back
            // whole, so the next page's buffer (of the same rounded size)
            // takes its place instead of leaving holes behind.
            let text = Arc::new(String::from(text.as_str()));
            for row in &mut rows {
                row.text = Some(text.clone());
            }
        }
        Ok(Some(rows))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        IgnoredAny.visit_map(map)?;
        Ok(None)
    }
    wrong_shape_scalars!(|_, _| None);
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

    fn syntax(error: &serde_json::Error) -> Self {
        Self {
            path: "(top level)".into(),
            message: error.to_string(),
            truncated: error.is_eof(),
            syntax: true,
        }
    }
}

/// `data.summary`.
#[derive(Deserialize, Default)]
#[serde(default)]
struct SummaryWire {
    clicks_total: Lenient<u64>,
}

/// One entry of `data.chart`.
#[derive(Deserialize, Default)]
#[serde(default)]
struct ChartEntryWire {
    timestamp: Lenient<String>,
    clicks: Lenient<u64>,
}

/// `data.filters`.
#[derive(Deserialize, Default)]
#[serde(default)]
struct EchoedFiltersWire {
    date_start: Lenient<String>,
    date_end: Lenient<String>,
    include_bots: Lenient<bool>,
    include_duplicates: Lenient<bool>,
}

/// `_meta`.
#[derive(Deserialize, Default)]
#[serde(default)]
struct MetaWire {
    #[serde(rename = "_credits")]
    credits: Lenient<CreditsWire>,
    #[serde(rename = "_rate_limits")]
    rate_limits: Lenient<RateLimitsWire>,
}

/// `_meta._credits`.
#[derive(Deserialize, Default)]
#[serde(default)]
struct CreditsWire {
    used: Lenient<i64>,
    balance: Lenient<i64>,
}

/// `_meta._rate_limits`.
#[derive(Deserialize, Default)]
#[serde(default)]
struct RateLimitsWire {
    remaining_minute: Lenient<i64>,
}

crate::lenient::object_shape!(
    SummaryWire,
    ChartEntryWire,
    EchoedFiltersWire,
    MetaWire,
    CreditsWire,
    RateLimitsWire,
    ErrorBodyWire
);

/// The keys of `data` this version reads.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum DataKey {
    Summary,
    Chart,
    Filters,
    Rows,
    #[serde(other)]
    Other,
}

/// The keys of the body's top level this version reads.
#[derive(Deserialize)]
#[serde(field_identifier)]
enum TopKey {
    #[serde(rename = "data")]
    Data,
    #[serde(rename = "_meta")]
    Meta,
    #[serde(other)]
    Other,
}

/// `data` as read; a shape problem inside it is kept, not returned, so
/// the rest of the body is still checked for syntax (a cut-off body always
/// reads as truncated).
#[derive(Default)]
struct RawData {
    summary: Lenient<SummaryWire>,
    chart: Lenient<Vec<Lenient<ChartEntryWire>>>,
    filters: Lenient<EchoedFiltersWire>,
    rows: Option<Vec<ClickRow>>,
    shape_error: Option<DecodeError>,
}

/// Reads `data` (see [`RowsSeed`] for `text_capacity`).
struct DataSeed {
    text_capacity: usize,
}

impl<'de> DeserializeSeed<'de> for DataSeed {
    type Value = RawData;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<RawData, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl DataSeed {
    fn not_an_object(self, _what: String) -> RawData {
        RawData {
            shape_error: Some(DecodeError::shape("data", "expected an object")),
            ..RawData::default()
        }
    }
}

impl<'de> Visitor<'de> for DataSeed {
    type Value = RawData;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the response's data")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawData, A::Error> {
        let mut data = RawData::default();
        while let Some(key) = map.next_key()? {
            match key {
                DataKey::Summary => data.summary = map.next_value()?,
                DataKey::Chart => data.chart = map.next_value()?,
                DataKey::Filters => data.filters = map.next_value()?,
                DataKey::Rows => {
                    let seed = RowsSeed {
                        text_capacity: self.text_capacity,
                    };
                    match map.next_value_seed(seed)? {
                        Some(rows) => data.rows = Some(rows),
                        None => {
                            data.shape_error.get_or_insert(DecodeError::shape(
                                "data.rows",
                                "expected a list of rows",
                            ));
                        }
                    }
                }
                DataKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(data)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<RawData, A::Error> {
        IgnoredAny.visit_seq(seq)?;
        Ok(self.not_an_object(String::new()))
    }
    wrong_shape_scalars!(DataSeed::not_an_object);
}

/// The whole body as read.
#[derive(Default)]
struct Envelope {
    data: Option<RawData>,
    meta: Lenient<MetaWire>,
    /// The body was JSON but not an object.
    not_an_object: bool,
}

/// Reads the whole body (see [`RowsSeed`] for `text_capacity`).
struct EnvelopeSeed {
    text_capacity: usize,
}

impl<'de> DeserializeSeed<'de> for EnvelopeSeed {
    type Value = Envelope;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Envelope, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl EnvelopeSeed {
    fn not_an_object(self, _what: String) -> Envelope {
        Envelope {
            not_an_object: true,
            ..Envelope::default()
        }
    }
}

impl<'de> Visitor<'de> for EnvelopeSeed {
    type Value = Envelope;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the response body")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Envelope, A::Error> {
        let mut envelope = Envelope::default();
        while let Some(key) = map.next_key()? {
            match key {
                TopKey::Data => {
                    let seed = DataSeed {
                        text_capacity: self.text_capacity,
                    };
                    envelope.data = Some(map.next_value_seed(seed)?);
                }
                TopKey::Meta => envelope.meta = map.next_value()?,
                TopKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(envelope)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Envelope, A::Error> {
        IgnoredAny.visit_seq(seq)?;
        Ok(self.not_an_object(String::new()))
    }
    wrong_shape_scalars!(EnvelopeSeed::not_an_object);
}

/// Parses a response body. A syntax error anywhere wins over a shape
/// problem, so a cut-off body always reads as truncated. What serde_json
/// refuses but `JSON.parse` reads (an unpaired UTF-16 surrogate escape, a
/// number too large for f64) is read from a [`repaired`] copy instead, so
/// it degrades its cell, not the page.
pub fn parse_clicks_response(bytes: &[u8]) -> Result<ClicksResponse, DecodeError> {
    match read_envelope(bytes) {
        Err(error) if !error.is_eof() => match repaired(bytes) {
            Some(body) => read_envelope(&body),
            None => Err(error),
        },
        read => read,
    }
    .map_err(|error| DecodeError::syntax(&error))
    .and_then(into_response)
}

/// The step the rows' text buffer is rounded up to (see [`RowsSeed`]), so
/// that the pages of a long load all ask the allocator for one size.
const TEXT_BUFFER_STEP: usize = 256 * 1024;

fn read_envelope(bytes: &[u8]) -> Result<Envelope, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let seed = EnvelopeSeed {
        text_capacity: bytes.len().next_multiple_of(TEXT_BUFFER_STEP),
    };
    let envelope = seed.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(envelope)
}

/// A copy of a body that serde_json refused, with what `JSON.parse` reads
/// made readable to it: an unpaired surrogate escape (`\ud800`) becomes
/// `\ufffd`, and a number too large for f64 (`1e400`) a string of its text
/// (shown as a wrong-typed value). `None` when there is nothing to change.
fn repaired(body: &[u8]) -> Option<Vec<u8>> {
    let hex4 = |at: usize| -> Option<u32> {
        body.get(at..at + 4)?.iter().try_fold(0, |unit, &digit| {
            Some(unit * 16 + char::from(digit).to_digit(16)?)
        })
    };
    let escape_at = |at: usize| body.get(at) == Some(&b'\\') && body.get(at + 1) == Some(&b'u');
    let mut out = Vec::with_capacity(body.len() + 16);
    let mut changed = false;
    let mut at = 0;
    let mut in_string = false;
    while let Some(&byte) = body.get(at) {
        if in_string {
            match byte {
                b'\\' if escape_at(at) => {
                    let unit = hex4(at + 2).unwrap_or(0);
                    let paired = (0xd800..0xdc00).contains(&unit)
                        && escape_at(at + 6)
                        && hex4(at + 8).is_some_and(|low| (0xdc00..0xe000).contains(&low));
                    let len = if paired { 12 } else { 6 };
                    if (0xd800..0xe000).contains(&unit) && !paired {
                        out.extend_from_slice(b"\\ufffd");
                        changed = true;
                    } else {
                        out.extend_from_slice(&body[at..(at + len).min(body.len())]);
                    }
                    at += len;
                    continue;
                }
                b'\\' => {
                    out.extend_from_slice(&body[at..(at + 2).min(body.len())]);
                    at += 2;
                    continue;
                }
                b'"' => in_string = false,
                _ => {}
            }
            out.push(byte);
            at += 1;
        } else if byte == b'-' || byte.is_ascii_digit() {
            let start = at;
            while body
                .get(at)
                .is_some_and(|b| matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
            {
                at += 1;
            }
            let number = &body[start..at];
            // Only a well-formed number is quoted: a malformed one
            // (`0-40e307`) must stay the syntax error it is.
            let finite = !(is_json_number(number) && overflows_f64(number));
            if !finite {
                out.push(b'"');
            }
            out.extend_from_slice(number);
            if !finite {
                out.push(b'"');
                changed = true;
            }
        } else {
            in_string = byte == b'"';
            out.push(byte);
            at += 1;
        }
    }
    changed.then_some(out)
}

/// Whether `text` is a JSON number: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
fn is_json_number(text: &[u8]) -> bool {
    let digits = |s: &[u8]| s.iter().take_while(|b| b.is_ascii_digit()).count();
    let mut rest = text.strip_prefix(b"-").unwrap_or(text);
    let whole = digits(rest);
    if whole == 0 || (whole > 1 && rest[0] == b'0') {
        return false;
    }
    rest = &rest[whole..];
    if let Some(after) = rest.strip_prefix(b".") {
        let fraction = digits(after);
        if fraction == 0 {
            return false;
        }
        rest = &after[fraction..];
    }
    if let Some(after) = rest.strip_prefix(b"e").or_else(|| rest.strip_prefix(b"E")) {
        let after = after
            .strip_prefix(b"+")
            .or_else(|| after.strip_prefix(b"-"))
            .unwrap_or(after);
        let power = digits(after);
        if power == 0 {
            return false;
        }
        rest = &after[power..];
    }
    rest.is_empty()
}

/// Whether a JSON number's text is too large for f64 (serde_json refuses
/// it, `JSON.parse` makes it Infinity): its decimal magnitude is over 308.
/// Integer arithmetic on the text: no float parsing code for this.
fn overflows_f64(number: &[u8]) -> bool {
    let text = number.strip_prefix(b"-").unwrap_or(number);
    let (mantissa, exponent) = match text.iter().position(|b| matches!(b, b'e' | b'E')) {
        Some(at) => (&text[..at], &text[at + 1..]),
        None => (text, &b""[..]),
    };
    let mut parts = mantissa.splitn(2, |b| *b == b'.');
    let whole = parts.next().unwrap_or_default();
    let fraction = parts.next().unwrap_or_default();
    let whole_digits = whole.iter().skip_while(|b| **b == b'0').count() as i64;
    let magnitude = if whole_digits > 0 {
        whole_digits - 1
    } else {
        let zeros = fraction.iter().take_while(|b| **b == b'0').count();
        if zeros == fraction.len() {
            return false;
        }
        -(zeros as i64) - 1
    };
    let (negative, digits) = match exponent.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, exponent),
    };
    let mut power: i64 = 0;
    for digit in digits {
        if !digit.is_ascii_digit() {
            return false;
        }
        power = (power * 10 + i64::from(digit - b'0')).min(1_000_000);
    }
    magnitude + if negative { -power } else { power } > 308
}

/// The response an envelope holds, or the shape problem it has.
fn into_response(envelope: Envelope) -> Result<ClicksResponse, DecodeError> {
    let missing_data = || DecodeError::shape("(top level)", "missing field `data`");
    if envelope.not_an_object {
        return Err(missing_data());
    }
    let data = envelope.data.ok_or_else(missing_data)?;
    if let Some(error) = data.shape_error {
        return Err(error);
    }
    let Some(rows) = data.rows else {
        return Err(DecodeError::shape("data", "missing field `rows`"));
    };
    let mut warnings = Vec::new();
    let total = match data.summary {
        Lenient::Read(summary) => summary.clicks_total,
        Lenient::Missing | Lenient::Other(_) => Lenient::Missing,
    };
    let clicks_total = match total {
        Lenient::Read(total) => Some(total),
        Lenient::Other(value) => {
            warnings.push(format!(
                "data.summary.clicks_total is not a count ({}); the total is taken from the chart.",
                value.describe()
            ));
            None
        }
        Lenient::Missing => {
            warnings.push(
                "The response has no data.summary.clicks_total; the total is taken from the chart."
                    .into(),
            );
            None
        }
    };
    let chart = match data.chart {
        Lenient::Read(entries) => entries.into_iter().map(chart_entry).collect(),
        Lenient::Missing | Lenient::Other(Loose::Null) => {
            warnings.push("The response has no data.chart.".into());
            Vec::new()
        }
        Lenient::Other(_) => {
            warnings.push("data.chart is not a list; no chart is drawn.".into());
            Vec::new()
        }
    };
    let bad_rows = rows.iter().filter(|r| r.not_an_object().is_some()).count();
    if bad_rows > 0 {
        warnings.push(format!(
            "{bad_rows} row(s) in data.rows are not objects and are shown empty."
        ));
    }
    Ok(ClicksResponse {
        clicks_total,
        chart,
        rows,
        filters: data.filters.read().map(echoed_filters).unwrap_or_default(),
        meta: envelope.meta.read().map(meta).unwrap_or_default(),
        warnings,
    })
}

/// A UTC day from a timestamp's first ten characters (`YYYY-MM-DD`).
fn day_of(timestamp: &str) -> Option<UtcDay> {
    UtcDay::parse(timestamp.get(..10).unwrap_or(timestamp))
}

fn chart_entry(entry: Lenient<ChartEntryWire>) -> ChartEntry {
    let entry = entry.read().unwrap_or_default();
    let (day, timestamp) = match entry.timestamp {
        Lenient::Read(text) => (day_of(&text), text),
        Lenient::Missing | Lenient::Other(Loose::Null) => (None, String::new()),
        Lenient::Other(other) => (None, other.describe()),
    };
    ChartEntry {
        day,
        timestamp,
        clicks: entry.clicks.read().unwrap_or(0),
    }
}

fn echoed_filters(filters: EchoedFiltersWire) -> EchoedFilters {
    let day = |text: Lenient<String>| day_of(&text.read()?);
    EchoedFilters {
        date_start: day(filters.date_start),
        date_end: day(filters.date_end),
        include_bots: filters.include_bots.read(),
        include_duplicates: filters.include_duplicates.read(),
    }
}

fn meta(meta: MetaWire) -> Meta {
    let credits = meta.credits.read().unwrap_or_default();
    Meta {
        credits_used: credits.used.read(),
        credits_balance: credits.balance.read(),
        remaining_minute: meta
            .rate_limits
            .read()
            .and_then(|limits| limits.remaining_minute.read()),
    }
}

/// An error body: `message`, and for a 422 the field errors, each a list
/// of messages or one.
#[derive(Deserialize, Default)]
#[serde(default)]
struct ErrorBodyWire {
    message: Lenient<String>,
    errors: Lenient<Pairs<Lenient<Vec<Lenient<String>>>>>,
}

/// The `message` of an error body, and for a 422 its field errors as
/// (field, message) pairs. Both empty when the body is not such JSON.
pub fn error_body_message(bytes: &[u8]) -> (Option<String>, Vec<(String, String)>) {
    let Ok(Lenient::Read(body)) = serde_json::from_slice::<Lenient<ErrorBodyWire>>(bytes) else {
        return (None, Vec::new());
    };
    let message = body.message.read().map(|m| m.chars().take(500).collect());
    let mut field_errors = Vec::new();
    let Pairs(fields) = body.errors.read().unwrap_or_default();
    for (field, messages) in fields {
        match messages {
            Lenient::Read(list) => field_errors.extend(
                list.into_iter()
                    .filter_map(Lenient::read)
                    .map(|m| (field.clone(), m)),
            ),
            Lenient::Other(Loose::Text(message)) => field_errors.push((field, message)),
            Lenient::Missing | Lenient::Other(_) => {}
        }
    }
    (message, field_errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example response of the endpoint's OpenAPI page.
    pub const SPEC_EXAMPLE: &str = include_str!("../tests/fixtures/spec-example.json");

    /// The rows of a response share one text buffer (not a `String` per
    /// field or per row).
    #[test]
    fn rows_share_one_text_buffer() {
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
        let shared = parsed[0].text.as_ref().unwrap();
        assert!(parsed
            .iter()
            .all(|r| Arc::ptr_eq(r.text.as_ref().unwrap(), shared)));
        assert_eq!(
            parsed[36].referrer(),
            Field::Value("x".repeat(252).as_str())
        );
        assert_eq!(parsed[5].id(), Field::Value("r5"));
        // Only the rows' text is kept, not the body-sized buffer it began in.
        let kept: usize = (0..37).map(|i| 1 + format!("{i}").len() + i * 7).sum();
        assert_eq!(shared.capacity(), kept);
    }

    /// What 100,000 loaded rows hold is mostly their slots (CONTRACT 8's
    /// memory budget): 12 bytes each, and 4 for a row's rare parts.
    #[test]
    fn a_row_is_its_slots_and_two_pointers() {
        assert_eq!(std::mem::size_of::<Slot>(), 12);
        let pointer = std::mem::size_of::<usize>();
        assert_eq!(
            std::mem::size_of::<ClickRow>(),
            (FIELD_COUNT * 12 + 2 * pointer).next_multiple_of(pointer)
        );
    }

    #[test]
    fn counts_keep_every_i64() {
        for count in [0, 1, -1, 4_294_967_296, i64::MIN, i64::MAX] {
            let body = format!(r#"{{"data":{{"rows":[{{"gross_clicks":{count}}}]}}}}"#);
            let rows = parse_clicks_response(body.as_bytes()).unwrap().rows;
            assert_eq!(rows[0].gross_clicks(), Field::Value(count));
            let mut seen = String::new();
            rows[0].any_text(|text| {
                seen = text.to_string();
                false
            });
            assert_eq!(seen, count.to_string());
        }
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
        assert!(row.extra().is_empty());
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
            row.extra().to_vec(),
            vec![("brand_new".to_string(), "[1,2]".to_string())]
        );
        assert_eq!(response.rows[1].id(), Field::Null);
        assert_eq!(response.rows[2].not_an_object(), Some("not a row"));
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

    /// What `JSON.parse` reads but serde_json refuses degrades its cell,
    /// not the page (the hand-written reader did so before issue 14).
    #[test]
    fn lone_surrogates_and_huge_numbers_degrade_their_cells() {
        let body = br#"{"data":{"summary":{"clicks_total":1e400},"chart":[],"rows":[
            {"id":"a\ud800b","referrer":"\ud83d\ude00 \udc00","gross_clicks":-1e999,"utm_term":"1e400"}
        ]}}"#;
        let response = parse_clicks_response(body).unwrap();
        let row = &response.rows[0];
        assert_eq!(row.id(), Field::Value("a\u{fffd}b"));
        assert_eq!(row.referrer(), Field::Value("\u{1f600} \u{fffd}"));
        assert_eq!(row.gross_clicks(), Field::Invalid("-1e999"));
        assert_eq!(row.utm_term(), Field::Value("1e400"));
        assert_eq!(response.clicks_total, None);
        assert!(
            response.warnings[0].contains("(1e400)"),
            "{:?}",
            response.warnings
        );
        assert!(repaired(br#"{"a":"\ud83d\ude00","b":1.5}"#).is_none());
        for (number, overflows) in [
            (&b"1e400"[..], true),
            (b"-12.5E+308", true),
            (b"-12.5E+307", false),
            (b"0.05e311", true),
            (b"1e308", false),
            (b"123456", false),
            (b"0.0e999", false),
            (b"1e-400", false),
        ] {
            assert_eq!(overflows_f64(number), overflows, "{number:?}");
        }
        // A malformed number is never quoted into valid JSON (found by
        // tests/properties.rs: `[0-40e307]` read as a list of one string).
        for text in [&b"0-40e307"[..], b"01", b"1.", b".5", b"1e", b"-", b"1e+"] {
            assert!(!is_json_number(text), "{text:?}");
        }
        for text in [&b"0"[..], b"-0.5", b"12E+3", b"1e-400", b"-12.5E+308"] {
            assert!(is_json_number(text), "{text:?}");
        }
        assert!(repaired(b"[0-40e307]").is_none());
        assert!(parse_clicks_response(b"[0-40e307]").unwrap_err().syntax);
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
