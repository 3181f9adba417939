//! The endpoint's response, parsed tolerantly: every row field may be
//! missing, null, of the wrong type or new; a bad field degrades its cell,
//! never the page. Only a broken structure (no `data`, `rows` not a list) is
//! a decode error, reported with its JSON path.

use crate::day::UtcDay;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;
use std::fmt;

/// One field as it arrived.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Field<T> {
    /// The key was absent.
    #[default]
    Missing,
    /// The value was `null`.
    Null,
    /// A value of the expected type.
    Value(T),
    /// A value of another type, kept as short JSON text for display.
    Invalid(String),
}

impl<T> Field<T> {
    /// The value, if it had the expected type.
    pub fn value(&self) -> Option<&T> {
        match self {
            Self::Value(value) => Some(value),
            _ => None,
        }
    }
}

impl Field<String> {
    /// The text to show: the value, the raw text of a wrong-typed value, or
    /// an empty string.
    pub fn text(&self) -> &str {
        match self {
            Self::Value(text) | Self::Invalid(text) => text,
            Self::Missing | Self::Null => "",
        }
    }
}

/// A JSON scalar (or the kind of a compound value), read without building a
/// `serde_json::Value`.
enum Scalar {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
    Compound(&'static str),
}

impl Scalar {
    fn describe(self) -> String {
        match self {
            Self::Null => "null".into(),
            Self::Bool(b) => b.to_string(),
            Self::Int(i) => i.to_string(),
            Self::Float(f) => f.to_string(),
            Self::Text(t) => t,
            Self::Compound(kind) => kind.into(),
        }
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;
        impl<'de> Visitor<'de> for ScalarVisitor {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
            fn visit_none<E>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Int(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(i64::try_from(v).map_or(Scalar::Float(v as f64), Scalar::Int))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar::Text(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Scalar::Compound("[list]"))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Scalar::Compound("{object}"))
            }
        }
        deserializer.deserialize_any(ScalarVisitor)
    }
}

/// How a scalar becomes a typed field.
trait FromScalar: Sized {
    fn from_scalar(scalar: Scalar) -> Field<Self>;
}

impl FromScalar for String {
    fn from_scalar(scalar: Scalar) -> Field<Self> {
        match scalar {
            Scalar::Null => Field::Null,
            Scalar::Text(text) => Field::Value(text),
            other => Field::Invalid(other.describe()),
        }
    }
}

impl FromScalar for bool {
    fn from_scalar(scalar: Scalar) -> Field<Self> {
        match scalar {
            Scalar::Null => Field::Null,
            Scalar::Bool(b) => Field::Value(b),
            other => Field::Invalid(other.describe()),
        }
    }
}

impl FromScalar for i64 {
    fn from_scalar(scalar: Scalar) -> Field<Self> {
        match scalar {
            Scalar::Null => Field::Null,
            Scalar::Int(i) => Field::Value(i),
            other => Field::Invalid(other.describe()),
        }
    }
}

impl<'de, T: FromScalar> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(T::from_scalar(Scalar::deserialize(deserializer)?))
    }
}

fn field_from_value<T: FromScalar>(value: Option<&Value>) -> Field<T> {
    let scalar = match value {
        None => return Field::Missing,
        Some(Value::Null) => Scalar::Null,
        Some(Value::Bool(b)) => Scalar::Bool(*b),
        Some(Value::Number(n)) => n
            .as_i64()
            .map_or(Scalar::Float(n.as_f64().unwrap_or(f64::NAN)), Scalar::Int),
        Some(Value::String(s)) => Scalar::Text(s.clone()),
        Some(Value::Array(_)) => Scalar::Compound("[list]"),
        Some(Value::Object(_)) => Scalar::Compound("{object}"),
    };
    T::from_scalar(scalar)
}

macro_rules! click_row {
    ($( $(#[$doc:meta])* $field:ident : $kind:ty ),* $(,)?) => {
        /// One click, every field as it arrived, plus fields this version does
        /// not know yet (shown in the row's details).
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct ClickRow {
            $( $(#[$doc])* pub $field: Field<$kind>, )*
            /// Fields not known to this version, as (name, JSON text).
            pub extra: Vec<(String, String)>,
            /// Set when the row was not a JSON object at all.
            pub not_an_object: Option<String>,
        }

        impl ClickRow {
            /// Every known field's name and display text, in API order.
            pub fn known_fields(&self) -> Vec<(&'static str, String)> {
                vec![$( (stringify!($field), display_field(&self.$field)), )*]
            }
        }

        impl<'de> Deserialize<'de> for ClickRow {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct RowVisitor;
                impl<'de> Visitor<'de> for RowVisitor {
                    type Value = ClickRow;
                    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        f.write_str("a click row")
                    }
                    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ClickRow, A::Error> {
                        let mut row = ClickRow::default();
                        while let Some(key) = map.next_key::<RowKey>()? {
                            match key {
                                $( RowKey::Known(stringify!($field)) => row.$field = map.next_value()?, )*
                                RowKey::Known(_) => { map.next_value::<IgnoredAny>()?; }
                                RowKey::Other(name) => {
                                    let value: Value = map.next_value()?;
                                    let text = match value { Value::String(s) => s, other => other.to_string() };
                                    row.extra.push((name, text));
                                }
                            }
                        }
                        Ok(row)
                    }
                    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ClickRow, A::Error> {
                        while seq.next_element::<IgnoredAny>()?.is_some() {}
                        Ok(ClickRow::invalid("[list]".into()))
                    }
                    fn visit_unit<E: de::Error>(self) -> Result<ClickRow, E> { Ok(ClickRow::invalid("null".into())) }
                    fn visit_bool<E: de::Error>(self, v: bool) -> Result<ClickRow, E> { Ok(ClickRow::invalid(v.to_string())) }
                    fn visit_i64<E: de::Error>(self, v: i64) -> Result<ClickRow, E> { Ok(ClickRow::invalid(v.to_string())) }
                    fn visit_u64<E: de::Error>(self, v: u64) -> Result<ClickRow, E> { Ok(ClickRow::invalid(v.to_string())) }
                    fn visit_f64<E: de::Error>(self, v: f64) -> Result<ClickRow, E> { Ok(ClickRow::invalid(v.to_string())) }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<ClickRow, E> { Ok(ClickRow::invalid(v.to_string())) }
                }
                deserializer.deserialize_any(RowVisitor)
            }
        }

        /// A row key: one of the known names (no allocation) or another name.
        enum RowKey {
            Known(&'static str),
            Other(String),
        }

        impl<'de> Deserialize<'de> for RowKey {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct KeyVisitor;
                impl<'de> Visitor<'de> for KeyVisitor {
                    type Value = RowKey;
                    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        f.write_str("a field name")
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<RowKey, E> {
                        Ok(match v {
                            $( stringify!($field) => RowKey::Known(stringify!($field)), )*
                            other => RowKey::Other(other.to_string()),
                        })
                    }
                }
                deserializer.deserialize_str(KeyVisitor)
            }
        }
    };
}

click_row! {
    /// The click's id (ULID).
    id: String,
    /// When the click happened (RFC 3339).
    created_at: String,
    /// The referring page.
    referrer: String,
    /// The visitor's IP address.
    ip_address: String,
    /// The visitor's user agent.
    user_agent: String,
    /// Desktop, Mobile, Tablet.
    browser_device_type: String,
    /// Browser name.
    browser_name: String,
    /// Browser family.
    browser_family: String,
    /// Operating system.
    browser_platform: String,
    /// Flagged as a bot.
    is_bot: bool,
    /// Flagged as a duplicate.
    is_duplicate: bool,
    /// ISO country code.
    country_code: String,
    /// The advertiser's click id.
    external_click_id: String,
    /// Raw clicks folded into this one.
    gross_clicks: i64,
    /// Facebook click id.
    fbclid: String,
    /// Google click id.
    gclid: String,
    /// TikTok click id.
    ttclid: String,
    /// Affiliate sub-id 1.
    aff_s1: String,
    /// Affiliate sub-id 2.
    aff_s2: String,
    /// Affiliate sub-id 3.
    aff_s3: String,
    /// Affiliate sub-id 4.
    aff_s4: String,
    /// Affiliate sub-id 5.
    aff_s5: String,
    /// UTM source.
    utm_source: String,
    /// UTM medium.
    utm_medium: String,
    /// UTM campaign.
    utm_campaign: String,
    /// UTM content.
    utm_content: String,
    /// UTM term.
    utm_term: String,
}

impl ClickRow {
    fn invalid(what: String) -> Self {
        Self {
            not_an_object: Some(what),
            ..Self::default()
        }
    }
}

/// Display text of any field in the details view.
fn display_field<T: fmt::Display>(field: &Field<T>) -> String {
    match field {
        Field::Missing => "(missing)".into(),
        Field::Null => "(none)".into(),
        Field::Value(value) => value.to_string(),
        Field::Invalid(raw) => format!("(unexpected: {raw})"),
    }
}

/// One day of the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartEntry {
    /// The day, when `timestamp` is a `YYYY-MM-DD` date.
    pub day: Option<UtcDay>,
    /// `timestamp` as it arrived, for display when it is not a date.
    pub timestamp: Field<String>,
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
    /// JSON path of the problem, e.g. `data.rows`.
    pub path: String,
    /// What was wrong there.
    pub message: String,
    /// True when the body ended early (a truncated response).
    pub truncated: bool,
    /// True when the body is not JSON at all.
    pub syntax: bool,
}

#[derive(Deserialize)]
struct RawEnvelope {
    data: RawData,
    #[serde(default, rename = "_meta")]
    meta: Value,
}

#[derive(Deserialize)]
struct RawData {
    #[serde(default)]
    summary: Value,
    #[serde(default)]
    chart: Value,
    rows: Vec<ClickRow>,
    #[serde(default)]
    filters: Value,
}

/// Parses a response body.
pub fn parse_clicks_response(bytes: &[u8]) -> Result<ClicksResponse, DecodeError> {
    // The fast path has no path tracking; only a failure is parsed again to
    // say where it went wrong.
    let raw: RawEnvelope = match serde_json::from_slice(bytes) {
        Ok(raw) => raw,
        Err(_) => return Err(locate_decode_error(bytes)),
    };
    let mut warnings = Vec::new();
    let clicks_total = match raw.data.summary.get("clicks_total") {
        Some(total) => total.as_u64().or_else(|| {
            warnings.push(format!("data.summary.clicks_total is not a count ({total}); the total is taken from the chart."));
            None
        }),
        None => {
            warnings.push("The response has no data.summary.clicks_total; the total is taken from the chart.".into());
            None
        }
    };
    let chart = match &raw.data.chart {
        Value::Array(entries) => entries.iter().map(chart_entry).collect(),
        Value::Null => {
            warnings.push("The response has no data.chart.".into());
            Vec::new()
        }
        _ => {
            warnings.push("data.chart is not a list; no chart is drawn.".into());
            Vec::new()
        }
    };
    let bad_rows = raw
        .data
        .rows
        .iter()
        .filter(|r| r.not_an_object.is_some())
        .count();
    if bad_rows > 0 {
        warnings.push(format!(
            "{bad_rows} row(s) in data.rows are not objects and are shown empty."
        ));
    }
    Ok(ClicksResponse {
        clicks_total,
        chart,
        rows: raw.data.rows,
        filters: echoed_filters(&raw.data.filters),
        meta: meta(&raw.meta),
        warnings,
    })
}

/// The decode error of a body that failed to parse, with its JSON path.
/// Only the structure the model requires can fail (`data` an object,
/// `data.rows` a list), so a walk over the generic value finds the place.
fn locate_decode_error(bytes: &[u8]) -> DecodeError {
    let value: Value = match serde_json::from_slice(bytes) {
        Ok(value) => value,
        Err(error) => {
            return DecodeError {
                path: "(top level)".into(),
                message: error.to_string(),
                truncated: error.is_eof(),
                syntax: error.is_syntax(),
            }
        }
    };
    let shape = |path: &str, message: &str| DecodeError {
        path: path.into(),
        message: message.into(),
        truncated: false,
        syntax: false,
    };
    match value.get("data") {
        None => shape("(top level)", "missing field `data`"),
        Some(data) if !data.is_object() => shape("data", "expected an object"),
        Some(data) => match data.get("rows") {
            None => shape("data", "missing field `rows`"),
            Some(rows) if !rows.is_array() => shape("data.rows", "expected a list of rows"),
            Some(_) => shape("(top level)", "the body does not have the expected shape"),
        },
    }
}

fn chart_entry(entry: &Value) -> ChartEntry {
    let timestamp: Field<String> = field_from_value(entry.get("timestamp"));
    let day = timestamp
        .value()
        .and_then(|t| UtcDay::parse(t.get(..10).unwrap_or(t)));
    let clicks = entry.get("clicks").and_then(Value::as_u64).unwrap_or(0);
    ChartEntry {
        day,
        timestamp,
        clicks,
    }
}

fn echoed_filters(filters: &Value) -> EchoedFilters {
    let day = |name: &str| {
        filters
            .get(name)
            .and_then(Value::as_str)
            .and_then(|s| UtcDay::parse(s.get(..10)?))
    };
    EchoedFilters {
        date_start: day("date_start"),
        date_end: day("date_end"),
        include_bots: filters.get("include_bots").and_then(Value::as_bool),
        include_duplicates: filters.get("include_duplicates").and_then(Value::as_bool),
    }
}

fn meta(meta: &Value) -> Meta {
    let int = |pointer: &str| meta.pointer(pointer).and_then(Value::as_i64);
    Meta {
        credits_used: int("/_credits/used"),
        credits_balance: int("/_credits/balance"),
        remaining_minute: int("/_rate_limits/remaining_minute"),
    }
}

/// The `message` of an error body, and for a 422 its field errors as
/// (field, message) pairs. Both empty when the body is not such JSON.
pub fn error_body_message(bytes: &[u8]) -> (Option<String>, Vec<(String, String)>) {
    let Ok(value) = serde_json::from_slice::<Value>(bytes) else {
        return (None, Vec::new());
    };
    let message = value
        .get("message")
        .and_then(Value::as_str)
        .map(|m| m.chars().take(500).collect());
    let mut field_errors = Vec::new();
    if let Some(errors) = value.get("errors").and_then(Value::as_object) {
        for (field, messages) in errors {
            match messages {
                Value::Array(list) => field_errors.extend(
                    list.iter()
                        .filter_map(Value::as_str)
                        .map(|m| (field.clone(), m.to_string())),
                ),
                Value::String(m) => field_errors.push((field.clone(), m.clone())),
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

    #[test]
    fn parses_the_spec_example() {
        let response = parse_clicks_response(SPEC_EXAMPLE.as_bytes()).unwrap();
        assert_eq!(response.clicks_total, Some(25));
        assert_eq!(response.chart.len(), 2);
        assert_eq!(response.chart[1].day.unwrap().to_string(), "2026-01-31");
        assert_eq!(response.chart[1].clicks, 15);
        let row = &response.rows[0];
        assert_eq!(row.id.value().unwrap(), "01JTESTCLICK000000000000001");
        assert_eq!(row.fbclid, Field::Null);
        assert_eq!(row.is_bot, Field::Value(false));
        assert_eq!(row.gross_clicks, Field::Value(1));
        assert_eq!(row.utm_term.text(), "fans");
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
        assert_eq!(row.is_bot, Field::Invalid("yes".into()));
        assert_eq!(row.gross_clicks, Field::Invalid("many".into()));
        assert_eq!(row.country_code, Field::Invalid("7".into()));
        assert_eq!(row.referrer, Field::Invalid("{object}".into()));
        assert_eq!(row.created_at, Field::Missing);
        assert_eq!(
            row.extra,
            vec![("brand_new".to_string(), "[1,2]".to_string())]
        );
        assert_eq!(response.rows[1].id, Field::Null);
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
        assert_eq!(response.chart[1].timestamp.text(), "<b>x</b>");
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
