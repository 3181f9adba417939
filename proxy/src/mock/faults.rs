//! Fault injection, chosen per request: by `+modifier` suffixes on the link id
//! (`demo+429`, `demo+hostile+delay800`) or the `x-mock-fault` header (the
//! same modifiers, comma separated). Only the mock reads either.

use serde_json::{json, Value};

/// One injected fault or distortion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// `delayN`: answer after N milliseconds.
    Delay(u64),
    /// `slowextraN`: answer the widget's extra requests (those with
    /// `limit=1`: the compared range, the clean totals) after N
    /// milliseconds, and the others at once.
    SlowExtra(u64),
    /// `rateleftN`: each 200 answer says N (at most the limit, 1,000)
    /// requests are left in the minute's window
    /// (`x-rate-limit-remaining-minute` and `_meta`), so a client that
    /// honours it waits for the next window.
    RateLeft(u32),
    /// `stagger`: earlier pages answer slower (1.6 s for offset 0, 0.3 s less
    /// per page), so quick paging produces out-of-order responses.
    Stagger,
    /// `401`, `403`, `404`, `422`, `429`, `503`: that status with a JSON body.
    Status(u16),
    /// `429once`: every other request to the same link is rate limited.
    RateLimitedEveryOther,
    /// `flaky`: the other faults apply to every other request to the same
    /// link only (the 1st, 3rd, ... fail), so Retry recovers. One-row
    /// requests (`limit=1`) are counted on their own.
    Flaky,
    /// `500`: a 500 with an HTML error page, as a gateway would send.
    HtmlServerError,
    /// `notjson`: a 200 whose body is an HTML login page.
    NotJson,
    /// `truncated`: a 200 whose JSON body stops half way.
    Truncated,
    /// `degraded`: rows with missing, null, wrong-typed and unknown fields.
    Degraded,
    /// `nototal`: no `data.summary` in the body.
    NoTotal,
    /// `hostile`: markup and script in every string field.
    Hostile,
    /// `rows10000`: 10,000 rows in one page, whatever the limit.
    HugePage,
    /// `429date`: a 429 whose `Retry-After` is an HTTP date 3 s ahead.
    RateLimitedUntilDate,
    /// `charset`: `Content-Type: application/json; charset=utf-8`.
    Charset,
    /// `bom`: a UTF-8 byte order mark before the JSON.
    Bom,
    /// `gzip`: the body gzip-compressed, with `Content-Encoding: gzip`.
    Gzip,
    /// `nocontent`: a 204 with no body.
    NoContent,
}

impl Fault {
    /// Parses one modifier; unknown ones are ignored by the caller.
    pub fn parse(raw: &str) -> Option<Self> {
        let raw = raw.trim().to_ascii_lowercase();
        if let Some(ms) = raw.strip_prefix("delay") {
            return ms.parse().ok().map(|ms: u64| Fault::Delay(ms.min(60_000)));
        }
        if let Some(ms) = raw.strip_prefix("slowextra") {
            return ms
                .parse()
                .ok()
                .map(|ms: u64| Fault::SlowExtra(ms.min(60_000)));
        }
        if let Some(left) = raw.strip_prefix("rateleft") {
            return left.parse().ok().map(Fault::RateLeft);
        }
        Some(match raw.as_str() {
            "stagger" => Fault::Stagger,
            "401" | "403" | "404" | "422" | "429" | "503" => Fault::Status(raw.parse().ok()?),
            "429once" => Fault::RateLimitedEveryOther,
            "flaky" => Fault::Flaky,
            "500" => Fault::HtmlServerError,
            "notjson" => Fault::NotJson,
            "truncated" => Fault::Truncated,
            "degraded" => Fault::Degraded,
            "nototal" => Fault::NoTotal,
            "hostile" => Fault::Hostile,
            "rows10000" => Fault::HugePage,
            "429date" => Fault::RateLimitedUntilDate,
            "charset" => Fault::Charset,
            "bom" => Fault::Bom,
            "gzip" => Fault::Gzip,
            "nocontent" => Fault::NoContent,
            _ => return None,
        })
    }
}

/// Splits a mock link id into its data set name and faults, adding any from
/// the `x-mock-fault` header.
pub fn parse_link(link_id: &str, header: Option<&str>) -> (String, Vec<Fault>) {
    let mut parts = link_id.split('+');
    let dataset = parts.next().unwrap_or_default().to_string();
    let from_header = header.into_iter().flat_map(|h| h.split(','));
    let faults = parts.chain(from_header).filter_map(Fault::parse).collect();
    (dataset, faults)
}

/// The JSON body of a status fault, in the API's error shape.
pub fn status_body(status: u16) -> Value {
    match status {
        401 => json!({ "message": "Unauthenticated." }),
        403 => json!({ "message": "This action is unauthorized." }),
        404 => json!({ "message": "Smart link not found." }),
        422 => json!({
            "message": "The date start field must be a valid date. (and 1 more error)",
            "errors": {
                "date_start": ["The date start field must be a valid date."],
                "limit": ["The limit field must be between 1 and 1000."],
            },
        }),
        429 => json!({ "message": "Too Many Attempts." }),
        _ => json!({ "message": "Service Unavailable" }),
    }
}

/// The HTML a failing gateway sends instead of JSON.
pub const HTML_SERVER_ERROR: &str = "<!DOCTYPE html><html><head><title>Server Error</title></head>\
<body><h1>500 | Server Error</h1><script>window.__slcPwned = 'html-500'</script></body></html>";

/// The HTML login page a misconfigured proxy answers with.
pub const HTML_LOGIN_PAGE: &str = "<!DOCTYPE html><html><head><title>Sign in</title></head>\
<body><form action=\"/login\" method=\"post\"><input name=\"email\"><button>Sign in</button></form>\
<img src=x onerror=\"window.__slcPwned='login-page'\"></body></html>";

/// Strings that would run script if any of them were parsed as HTML or used
/// as a URL. Tests check that `window.__slcPwned` stays unset.
pub const HOSTILE_STRINGS: [&str; 6] = [
    "<img src=x onerror=\"window.__slcPwned='img'\">",
    "<script>window.__slcPwned='script'</script>",
    "\"><svg onload=\"window.__slcPwned='svg'\"></svg>",
    "javascript:window.__slcPwned='href'",
    "<a href=\"javascript:window.__slcPwned='a'\">click</a>",
    "{{constructor.constructor('window.__slcPwned=1')()}}",
];

/// Replaces every string in the rows, one chart date and the meta notes with
/// hostile strings.
pub fn make_hostile(body: &mut Value) {
    let mut next = 0usize;
    let mut hostile = || {
        let s = HOSTILE_STRINGS[next % HOSTILE_STRINGS.len()];
        next += 1;
        Value::String(s.to_string())
    };
    if let Some(rows) = body.pointer_mut("/data/rows").and_then(Value::as_array_mut) {
        for row in rows.iter_mut().filter_map(Value::as_object_mut) {
            for value in row.values_mut() {
                if value.is_string() || value.is_null() {
                    *value = hostile();
                }
            }
            row.insert("referrer".into(), Value::String(HOSTILE_STRINGS[3].into()));
        }
    }
    if let Some(first) = body.pointer_mut("/data/chart/0/timestamp") {
        *first = hostile();
    }
    for path in ["/_meta/_credits/note", "/_meta/_cache/note"] {
        if let Some(note) = body.pointer_mut(path) {
            *note = hostile();
        }
    }
}

/// Degrades rows the way a growing or buggy API might: missing fields,
/// nulls everywhere, wrong types, empty strings, unknown fields, a row that
/// is not an object.
pub fn make_degraded(body: &mut Value) {
    let Some(rows) = body.pointer_mut("/data/rows").and_then(Value::as_array_mut) else {
        return;
    };
    for (index, row) in rows.iter_mut().enumerate() {
        let Some(fields) = row.as_object_mut() else {
            continue;
        };
        fields.insert("new_field_from_api".into(), json!({ "nested": [1, 2] }));
        match index % 4 {
            0 => {
                for name in [
                    "country_code",
                    "browser_name",
                    "utm_source",
                    "is_bot",
                    "gross_clicks",
                ] {
                    fields.remove(name);
                }
            }
            1 => {
                fields.insert("created_at".into(), json!(1_767_225_600));
                fields.insert("is_bot".into(), json!("yes"));
                fields.insert("gross_clicks".into(), json!("many"));
                fields.insert("country_code".into(), json!(7));
                fields.insert("referrer".into(), json!({ "host": "example.com" }));
            }
            2 => {
                for value in fields.values_mut() {
                    *value = Value::Null;
                }
            }
            _ => {
                fields.insert("utm_campaign".into(), json!(""));
            }
        }
    }
    rows.push(json!("not a row"));
}
