//! Property tests and a bounded fuzz of everything that reads outside input:
//! no input panics, and what is built round-trips.

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::{json, Value};
use smart_link_clicks::api::interpret_response;
use smart_link_clicks::config::{Config, MAX_PAGE_SIZE, MAX_RANGE_DAYS, NAMES};
use smart_link_clicks::day::{parse_instant_ms, UtcDay};
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
        let _ = interpret_response(500, None, Some(1), &bytes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// Nearly-JSON bytes: the model refuses what is not JSON (as a syntax
    /// error, truncated when the body ended early) and accepts what is,
    /// never panicking. Values it skips unread (keys it does not know) are
    /// only checked for their syntax, so a number too large for f64 or a
    /// string of invalid UTF-8 there is not an error.
    #[test]
    fn model_refuses_exactly_what_is_not_json(bytes in json_like_bytes()) {
        let model = parse_clicks_response(&bytes);
        let value = serde_json::from_slice::<Value>(&bytes);
        let shown = String::from_utf8_lossy(&bytes);
        let skippable = |e: &serde_json::Error| {
            let message = e.to_string();
            message.contains("number out of range") || message.contains("unicode") || message.contains("UTF-8")
        };
        match (&model, &value) {
            (Err(model), Ok(_)) => prop_assert!(!model.syntax, "{:?}: {:?}", shown, model),
            (_, Err(value)) if skippable(value) => {}
            (Err(model), Err(value)) => {
                prop_assert!(model.syntax, "{:?}: {:?}", shown, model);
                // serde_json skips an unread number without telling a cut
                // one from a malformed one.
                let ends_in_number = bytes.last().is_some_and(|b| b"0123456789.eE+-".contains(b));
                prop_assert!(model.truncated == value.is_eof() || ends_in_number, "{:?}: {:?} / {}", shown, model, value);
            }
            (Ok(_), Err(value)) => prop_assert!(false, "{:?}: accepted, serde_json says {}", shown, value),
            (Ok(_), Ok(_)) => {}
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    /// Every field of every row reads as the JSON had it: a string's value,
    /// null, missing, or a wrong type's text; new fields appear once each;
    /// a row that is not an object degrades that row only.
    #[test]
    fn model_reads_every_row_field_as_the_json_had_it(rows in prop::collection::vec(any_row(), 0..6), pretty in any::<bool>()) {
        let body = json!({ "data": { "summary": { "clicks_total": 3 }, "chart": [], "rows": rows } });
        let text = if pretty { serde_json::to_string_pretty(&body) } else { serde_json::to_string(&body) }.unwrap();
        let parsed = parse_clicks_response(text.as_bytes()).unwrap();
        // The rows as serde_json reads the same text (floats as it reads them).
        let rows: Vec<Value> = serde_json::from_str::<Value>(&text).unwrap()["data"]["rows"].as_array().unwrap().clone();
        prop_assert_eq!(parsed.rows.len(), rows.len());
        for (row, json) in parsed.rows.iter().zip(&rows) {
            let Some(object) = json.as_object() else {
                prop_assert!(row.not_an_object().is_some());
                continue;
            };
            let known = row.known_fields();
            for (name, shown) in &known {
                let expected = match object.get(*name) {
                    None => "(missing)".to_string(),
                    Some(Value::Null) => "(none)".to_string(),
                    Some(Value::String(s)) if *name != "is_bot" && *name != "is_duplicate" && *name != "gross_clicks" => s.clone(),
                    Some(Value::Bool(b)) if *name == "is_bot" || *name == "is_duplicate" => b.to_string(),
                    Some(Value::Number(n)) if *name == "gross_clicks" && n.is_i64() => n.to_string(),
                    Some(Value::String(s)) => format!("(unexpected: {s})"),
                    Some(Value::Array(_)) => "(unexpected: [list])".to_string(),
                    Some(Value::Object(_)) => "(unexpected: {object})".to_string(),
                    Some(other) => format!("(unexpected: {other})"),
                };
                // A float reads back as the same number, whatever its notation.
                let number = |text: &str| text.strip_prefix("(unexpected: ")?.strip_suffix(')')?.parse::<f64>().ok();
                match (number(shown), number(&expected)) {
                    (Some(a), Some(b)) if object.get(*name).is_some_and(Value::is_f64) => prop_assert_eq!(a, b, "field {}", name),
                    _ => prop_assert_eq!(shown, &expected, "field {}", name),
                }
            }
            let new: Vec<&String> = object.keys().filter(|k| !known.iter().any(|(n, _)| n == k)).collect();
            prop_assert_eq!(row.extra().iter().map(|(k, _)| k).collect::<Vec<_>>(), new);
        }
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

/// A row of any shape: mostly objects whose known fields hold any value,
/// with new fields among them; now and then not an object at all.
fn any_row() -> impl Strategy<Value = Value> {
    let names = prop_oneof![
        Just("id"),
        Just("created_at"),
        Just("referrer"),
        Just("is_bot"),
        Just("is_duplicate"),
        Just("gross_clicks"),
        Just("utm_term"),
        Just("brand_new"),
        Just("x_extra"),
    ];
    let object = prop::collection::btree_map(names, any_json(), 0..9)
        .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_string(), v)).collect()));
    prop_oneof![4 => object, 1 => any_json()]
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
