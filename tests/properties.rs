//! Property tests and a bounded fuzz of everything that reads outside input:
//! no input panics, and what is built round-trips.

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::{json, Value};
use smart_link_clicks::api::interpret_response;
use smart_link_clicks::config::{Config, MAX_PAGE_SIZE, MAX_RANGE_DAYS, NAMES};
use smart_link_clicks::day::{parse_instant_ms, UtcDay};
use smart_link_clicks::json;
use smart_link_clicks::model::parse_clicks_response;
use smart_link_clicks::query::{encode_path_segment, request_url, ClicksQuery};

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        ".{0,12}".prop_map(Value::String),
        Just(json!("2026-01-31T21:45:00+00:00")),
        Just(json!("2026-01-31")),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("id".to_string()),
                    Just("created_at".to_string()),
                    Just("is_bot".to_string()),
                    Just("clicks".to_string()),
                    Just("timestamp".to_string()),
                    "[a-z_]{1,8}",
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A response whose every part may be of any shape.
fn any_response() -> impl Strategy<Value = Value> {
    (any_json(), any_json(), prop::collection::vec(any_json(), 0..8), any_json(), any_json()).prop_map(
        |(summary, chart, rows, filters, meta)| {
            json!({ "data": { "summary": summary, "chart": chart, "rows": rows, "filters": filters }, "_meta": meta })
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// The bounded fuzz of the parser: arbitrary bytes never panic.
    #[test]
    fn parser_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse_clicks_response(&bytes);
        let _ = interpret_response(200, Some("application/json"), None, &bytes);
        let _ = interpret_response(500, None, Some("x"), &bytes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// The reader accepts exactly what serde_json accepts, and reads the
    /// same value.
    #[test]
    fn json_reader_agrees_with_serde_json_on_near_json(bytes in json_like_bytes()) {
        let ours = json::parse(&bytes);
        let theirs = serde_json::from_slice::<Value>(&bytes);
        // Numbers are kept as text, so one too large for f64 is not an error
        // here (JSON.parse makes it Infinity); serde_json refuses it.
        prop_assume!(!theirs.as_ref().is_err_and(|e| e.to_string().contains("number out of range")));
        prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?}: {:?}", String::from_utf8_lossy(&bytes), ours);
        if let (Ok(ours), Ok(theirs)) = (ours, theirs) {
            prop_assert_eq!(to_serde(&ours), theirs);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    /// Any JSON serde_json writes (compact or pretty) reads as serde_json
    /// reads it.
    #[test]
    fn json_reader_reads_back_any_value(value in any_json(), pretty in any::<bool>()) {
        let text = if pretty { serde_json::to_string_pretty(&value) } else { serde_json::to_string(&value) }.unwrap();
        let ours = json::parse(text.as_bytes()).map_err(|e| e.describe(text.as_bytes()));
        let theirs: Value = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(to_serde(&ours.unwrap()), theirs);
    }

    #[test]
    fn parser_never_panics_on_any_shape_and_keeps_every_row(response in any_response()) {
        let bytes = serde_json::to_vec(&response).unwrap();
        if let Ok(parsed) = parse_clicks_response(&bytes) {
            prop_assert_eq!(parsed.rows.len(), response["data"]["rows"].as_array().map_or(0, Vec::len));
            let _ = parsed.total_for_paging();
        }
    }

    #[test]
    fn truncating_a_valid_body_is_an_error_never_a_panic(cut in 0usize..800) {
        let body = include_bytes!("fixtures/spec-example.json");
        let cut = cut.min(body.len() - 2);
        prop_assert!(parse_clicks_response(&body[..cut]).is_err());
    }

    #[test]
    fn any_configuration_gives_a_valid_view(
        values in prop::collection::vec((0usize..NAMES.len(), ".{0,16}"), 0..12),
    ) {
        let today = UtcDay::parse("2026-11-23").unwrap();
        let pairs: Vec<(&str, &str)> = values.iter().map(|(i, v)| (NAMES[*i], v.as_str())).collect();
        let config = Config::from_pairs(pairs, today);
        let f = config.filters;
        prop_assert!((1..=MAX_PAGE_SIZE).contains(&f.page_size));
        prop_assert!(f.page >= 1);
        prop_assert!(f.date_start <= f.date_end);
        prop_assert!(f.date_start.days_until(f.date_end) < MAX_RANGE_DAYS);
        if let Some(proxy) = &config.settings.proxy {
            prop_assert!(!proxy.to_ascii_lowercase().starts_with("javascript:"));
        }
    }

    #[test]
    fn link_id_round_trips_as_one_segment(link_id in ".{1,24}") {
        let encoded = encode_path_segment(&link_id);
        prop_assert!(!encoded.contains(['/', '?', '#', ' ']));
        prop_assert!(encoded != "." && encoded != "..");
        let decoded = percent_decode(&encoded);
        prop_assert_eq!(decoded, link_id.clone());
        let today = UtcDay::parse("2026-11-23").unwrap();
        let config = Config::from_pairs([("proxy", "https://p.example/")], today);
        let url = request_url("https://p.example/", &link_id, &ClicksQuery::for_view(&config.filters));
        let expected_prefix = format!("https://p.example/api/smart-links/{encoded}/clicks?");
        prop_assert!(url.starts_with(&expected_prefix));
        prop_assert_eq!(url.matches('&').count(), 5);
    }

    #[test]
    fn days_round_trip(days in -700_000i32..2_900_000) {
        let day = UtcDay::parse("1970-01-01").unwrap().add_days(days);
        prop_assert_eq!(UtcDay::parse(&day.to_string()), Some(day));
    }

    #[test]
    fn instant_parsing_never_panics(text in ".{0,40}") {
        let _ = parse_instant_ms(&text);
        let _ = UtcDay::parse(&text);
    }
}

/// Our reader's value as a `serde_json::Value`, to compare with serde_json.
fn to_serde(value: &json::Value) -> Value {
    match value {
        json::Value::Null => Value::Null,
        json::Value::Bool(b) => Value::Bool(*b),
        json::Value::Number(text) => serde_json::from_str(text).expect("a number serde_json reads"),
        json::Value::String(s) => Value::String(s.value().into_owned()),
        json::Value::Array(items) => Value::Array(items.iter().map(to_serde).collect()),
        json::Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|(k, v)| (k.value().into_owned(), to_serde(v)))
                .collect(),
        ),
    }
}

/// Pieces of JSON's own alphabet, for mutations.
fn json_piece() -> impl Strategy<Value = &'static [u8]> {
    prop_oneof![
        Just(&b"{"[..]),
        Just(&b"}"[..]),
        Just(&b"["[..]),
        Just(&b"]"[..]),
        Just(&b","[..]),
        Just(&b":"[..]),
        Just(&b"\""[..]),
        Just(&b"\\"[..]),
        Just(&b"\\n"[..]),
        Just(&b"\\u00e9"[..]),
        Just(&b"\\x"[..]),
        Just(&b"0"[..]),
        Just(&b"12"[..]),
        Just(&b"-"[..]),
        Just(&b"."[..]),
        Just(&b"e"[..]),
        Just(&b"E+"[..]),
        Just(&b"true"[..]),
        Just(&b"fals"[..]),
        Just(&b"null"[..]),
        Just(&b" "[..]),
        Just(&b"\n"[..]),
        Just(&b"a"[..]),
        Just(&b"\x01"[..]),
        Just("é".as_bytes()),
        Just(&b"\xff"[..]),
    ]
}

/// Nearly-JSON bytes: a valid text with up to three pieces inserted, bytes
/// removed or the end cut; or a number-like token in a list.
fn json_like_bytes() -> impl Strategy<Value = Vec<u8>> {
    let mutated = (
        any_json(),
        prop::collection::vec(
            (any::<prop::sample::Index>(), json_piece(), 0usize..3),
            0..4,
        ),
    )
        .prop_map(|(value, edits)| {
            let mut bytes = serde_json::to_vec(&value).unwrap();
            for (at, piece, how) in edits {
                let at = at.index(bytes.len() + 1);
                match how {
                    0 => drop(bytes.splice(at..at, piece.iter().copied())),
                    1 => drop(bytes.drain(at..(at + piece.len()).min(bytes.len()))),
                    _ => bytes.truncate(at),
                }
            }
            bytes
        });
    let number = "-?[0-9]{0,3}(\\.[0-9]{0,2})?([eE][+-]?[0-9]{0,2})?"
        .prop_map(|n| format!("[{n}]").into_bytes());
    prop_oneof![3 => mutated, 1 => number]
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}
