//! What a response means for the person looking: one error type with a
//! variant per failure layer, and the pure step that turns status, content
//! type and body bytes into data or such an error.

use crate::model::{error_body_message, parse_clicks_response, ClicksResponse};

/// Why a view could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FetchError {
    /// No HTTP response: the network is down, the proxy is not running, or
    /// CORS refused the response (the browser does not say which).
    Network {
        /// The browser's own words.
        detail: String,
    },
    /// An HTTP error status.
    Http {
        /// The status code.
        status: u16,
        /// `message` from a JSON body.
        message: Option<String>,
        /// Field errors of a 422 body, as (field, message).
        field_errors: Vec<(String, String)>,
        /// Seconds from `Retry-After`, when sent.
        retry_after_secs: Option<u32>,
        /// The body was an HTML page (a gateway or login page).
        html_body: bool,
    },
    /// A success status whose body is not JSON (HTML, usually a login page).
    NotJson {
        /// The status code.
        status: u16,
        /// The body looks like HTML.
        html_body: bool,
    },
    /// A success status with no body at all (a 204, or a proxy that
    /// answered with nothing).
    Empty {
        /// The status code.
        status: u16,
    },
    /// The body ended before the JSON did.
    Truncated {
        /// The status code.
        status: u16,
    },
    /// JSON of the wrong structure.
    Decode {
        /// The status code.
        status: u16,
        /// Where in the JSON, e.g. `data.rows`.
        path: String,
        /// What was wrong there.
        message: String,
    },
}

impl FetchError {
    /// The HTTP status, 0 for a network failure (as in `slc-error`).
    pub fn status(&self) -> u16 {
        match self {
            Self::Network { .. } => 0,
            Self::Http { status, .. }
            | Self::NotJson { status, .. }
            | Self::Empty { status }
            | Self::Truncated { status }
            | Self::Decode { status, .. } => *status,
        }
    }

    /// A message a person can act on. Always names the status.
    pub fn message(&self) -> String {
        match self {
            Self::Network { detail } => format!(
                "Network error (status 0): the proxy could not be reached. It may be down, the network may be offline, or the proxy does not allow this page's origin (CORS: add it with --allow-origin). {detail}"
            ),
            Self::Http { status, message, field_errors, retry_after_secs, html_body } => {
                let said = message.as_deref().map(|m| format!(" The API said: \"{m}\"")).unwrap_or_default();
                let what = match status {
                    401 | 403 => "The proxy's API key was refused.".to_string(),
                    404 => "No such smart link (or the proxy does not serve this path).".to_string(),
                    408 => "The request timed out.".to_string(),
                    422 => "The API rejected the request's parameters.".to_string(),
                    429 => match retry_after_secs {
                        Some(secs) => format!("Rate limited: try again in {secs} s."),
                        None => "Rate limited: try again shortly.".to_string(),
                    },
                    502 => "The proxy could not reach the API.".to_string(),
                    504 => "The API did not answer the proxy in time.".to_string(),
                    500..=599 => "The API or the proxy failed.".to_string(),
                    _ => "The request failed.".to_string(),
                };
                let fields = if field_errors.is_empty() {
                    String::new()
                } else {
                    let list: Vec<String> = field_errors.iter().map(|(f, m)| format!("{f}: {m}")).collect();
                    format!(" ({})", list.join("; "))
                };
                let html = if *html_body { " The body was an HTML page, not the API's JSON." } else { "" };
                format!("HTTP {status}: {what}{said}{fields}{html}")
            }
            Self::NotJson { status, html_body } => format!(
                "HTTP {status}: the answer was {} instead of JSON. The proxy URL may point at a web page or a login page rather than the API proxy.",
                if *html_body { "an HTML page" } else { "not JSON" }
            ),
            Self::Empty { status } => format!(
                "HTTP {status}: the answer had no body, so no clicks. The proxy URL may point at something other than the API proxy."
            ),
            Self::Truncated { status } => format!(
                "HTTP {status}: the response was cut off before it ended (truncated body). Retrying usually helps."
            ),
            Self::Decode { status, path, message } => format!(
                "HTTP {status}: the response has an unexpected shape at {path}: {message}"
            ),
        }
    }

    /// Whether retrying the same request may succeed (408, 429, 5xx, network,
    /// truncated bodies); other 4xx never do.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Network { .. } | Self::Truncated { .. } => true,
            Self::Http { status, .. } => matches!(status, 408 | 429 | 500..=599),
            Self::NotJson { .. } | Self::Empty { .. } | Self::Decode { .. } => false,
        }
    }
}

/// Automatic retries of one request before the error stays.
pub const MAX_AUTO_RETRIES: u32 = 3;
/// The longest `Retry-After` honoured, in seconds.
pub const MAX_RETRY_AFTER_SECS: u32 = 60;

/// How long to wait before retrying automatically, in milliseconds, or
/// `None` when this failure is not retried (any other 4xx, decode errors,
/// or the retries are used up). 429 waits for `Retry-After` (1..=60 s,
/// default 5 s); 408, 5xx, network failures and truncated bodies back off
/// exponentially from 1 s with "equal jitter" (`jitter` in `[0, 1)`).
pub fn retry_delay_ms(error: &FetchError, retries_done: u32, jitter: f64) -> Option<u32> {
    if retries_done >= MAX_AUTO_RETRIES || !error.is_transient() {
        return None;
    }
    if let FetchError::Http {
        status: 429,
        retry_after_secs,
        ..
    } = error
    {
        return Some(retry_after_secs.unwrap_or(5).clamp(1, MAX_RETRY_AFTER_SECS) * 1000);
    }
    let base = 1000u32 << retries_done.min(10);
    let jitter = jitter.clamp(0.0, 1.0);
    Some(base / 2 + (f64::from(base / 2) * jitter) as u32)
}

/// Seconds to wait from a `Retry-After` header: its delay-seconds, or the
/// time until its HTTP date (`date_ms`: the value as the browser's
/// `Date.parse` reads it, NaN when it is not a date; `now_ms`: the time
/// now, both ms since 1970), rounded up and never below 0. `None` when the
/// value is neither; a value without a weekday or month name and a time
/// (`3.5`, `-3`) is not taken for a date, however leniently `Date.parse`
/// reads it.
pub fn retry_after_secs(value: &str, date_ms: f64, now_ms: f64) -> Option<u32> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(value.parse().unwrap_or(u32::MAX));
    }
    let looks_like_a_date = value.bytes().any(|b| b.is_ascii_alphabetic()) && value.contains(':');
    if !looks_like_a_date {
        return None;
    }
    let wait = ((date_ms - now_ms) / 1000.0).ceil();
    // `as` saturates: a date years ahead waits the longest honoured.
    wait.is_finite().then(|| wait.max(0.0) as u32)
}

/// Reads a response: data for a 2xx JSON body of the right shape, otherwise
/// the error that describes it. `retry_after_secs` is the response's
/// `Retry-After` (see [`retry_after_secs`]). A UTF-8 byte order mark before
/// the JSON is skipped, as the browser's own `Response.json()` does.
pub fn interpret_response(
    status: u16,
    content_type: Option<&str>,
    retry_after_secs: Option<u32>,
    body: &[u8],
) -> Result<ClicksResponse, FetchError> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let html_body = looks_like_html(content_type, body);
    if !(200..300).contains(&status) {
        let (message, field_errors) = error_body_message(body);
        return Err(FetchError::Http {
            status,
            message,
            field_errors,
            retry_after_secs,
            html_body,
        });
    }
    if html_body {
        return Err(FetchError::NotJson { status, html_body });
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(FetchError::Empty { status });
    }
    parse_clicks_response(body).map_err(|error| {
        if error.truncated {
            FetchError::Truncated { status }
        } else if error.syntax && error.path == "(top level)" {
            FetchError::NotJson {
                status,
                html_body: false,
            }
        } else {
            FetchError::Decode {
                status,
                path: error.path,
                message: error.message,
            }
        }
    })
}

fn looks_like_html(content_type: Option<&str>, body: &[u8]) -> bool {
    let declared = content_type.is_some_and(|t| t.to_ascii_lowercase().contains("html"));
    let first = body.iter().copied().find(|b| !b.is_ascii_whitespace());
    declared || first == Some(b'<')
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &[u8] = include_bytes!("../tests/fixtures/spec-example.json");

    #[test]
    fn success_gives_data() {
        let data = interpret_response(200, Some("application/json"), None, EXAMPLE).unwrap();
        assert_eq!(data.clicks_total, Some(25));
    }

    #[test]
    fn each_failure_names_its_status_and_cause() {
        let cases: [(u16, &[u8], &str); 6] = [
            (
                401,
                br#"{"message":"Unauthenticated."}"#,
                "API key was refused",
            ),
            (
                404,
                br#"{"message":"Smart link not found."}"#,
                "No such smart link",
            ),
            (
                422,
                br#"{"message":"bad","errors":{"limit":["too big"]}}"#,
                "limit: too big",
            ),
            (500, b"<html><h1>500</h1></html>", "HTML page"),
            (503, br#"{"message":"Service Unavailable"}"#, "failed"),
            (
                429,
                br#"{"message":"Too Many Attempts."}"#,
                "try again in 3 s",
            ),
        ];
        for (status, body, expected) in cases {
            let error = interpret_response(status, None, Some(3), body).unwrap_err();
            let message = error.message();
            assert!(message.contains(&format!("HTTP {status}")), "{message}");
            assert!(message.contains(expected), "{status}: {message}");
            assert_eq!(error.status(), status);
        }
        assert!(interpret_response(401, None, None, b"")
            .unwrap_err()
            .message()
            .contains("401"));
    }

    #[test]
    fn html_where_json_was_expected_is_named() {
        let error =
            interpret_response(200, Some("text/html"), None, b"<!DOCTYPE html><form>").unwrap_err();
        assert_eq!(
            error,
            FetchError::NotJson {
                status: 200,
                html_body: true
            }
        );
        assert!(error.message().contains("login page"));
        let plain = interpret_response(200, Some("application/json"), None, b"hello").unwrap_err();
        assert_eq!(
            plain,
            FetchError::NotJson {
                status: 200,
                html_body: false
            }
        );
    }

    /// Issue 15: a BOM was "not JSON", a 204 "truncated" (and retried).
    #[test]
    fn a_bom_is_skipped_and_an_empty_body_is_named() {
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(EXAMPLE);
        let data = interpret_response(
            200,
            Some("application/json; charset=utf-8"),
            None,
            &with_bom,
        )
        .unwrap();
        assert_eq!(data.clicks_total, Some(25));
        for (status, body) in [(204, &b""[..]), (200, b" \r\n")] {
            let error = interpret_response(status, None, None, body).unwrap_err();
            assert_eq!(error, FetchError::Empty { status });
            assert!(!error.is_transient());
            assert!(error.message().contains("no body"), "{}", error.message());
        }
    }

    /// Issue 15: `Retry-After` may be an HTTP date.
    #[test]
    fn retry_after_is_seconds_or_an_http_date() {
        let now = 1_000_000_000_000.0;
        assert_eq!(retry_after_secs(" 7 ", f64::NAN, now), Some(7));
        assert_eq!(
            retry_after_secs("99999999999", f64::NAN, now),
            Some(u32::MAX)
        );
        assert_eq!(
            retry_after_secs("Wed, 21 Oct 2015 07:28:00 GMT", now + 2_500.0, now),
            Some(3)
        );
        assert_eq!(
            retry_after_secs("Wed, 21 Oct 2015 07:28:00 GMT", now - 9_000.0, now),
            Some(0)
        );
        assert_eq!(retry_after_secs("soon", f64::NAN, now), None);
        // Values `Date.parse` may read leniently are not dates.
        assert_eq!(retry_after_secs("-3", now + 5_000.0, now), None);
        assert_eq!(retry_after_secs("3.5", now + 5_000.0, now), None);
        assert_eq!(retry_after_secs("", f64::NAN, now), None);
    }

    #[test]
    fn truncated_and_misshapen_bodies_are_told_apart() {
        let cut = interpret_response(200, None, None, &EXAMPLE[..EXAMPLE.len() / 2]).unwrap_err();
        assert_eq!(cut, FetchError::Truncated { status: 200 });
        let shape = interpret_response(200, None, None, br#"{"data":{"rows":7}}"#).unwrap_err();
        assert!(matches!(shape, FetchError::Decode { ref path, .. } if path == "data.rows"));
    }

    #[test]
    fn rate_limits_wait_for_retry_after_within_bounds() {
        let limited = |secs| FetchError::Http {
            status: 429,
            message: None,
            field_errors: vec![],
            retry_after_secs: secs,
            html_body: false,
        };
        assert_eq!(retry_delay_ms(&limited(Some(3)), 0, 0.5), Some(3000));
        assert_eq!(retry_delay_ms(&limited(Some(3600)), 0, 0.5), Some(60_000));
        assert_eq!(retry_delay_ms(&limited(Some(0)), 0, 0.5), Some(1000));
        assert_eq!(retry_delay_ms(&limited(None), 0, 0.5), Some(5000));
        assert_eq!(
            retry_delay_ms(&limited(Some(3)), MAX_AUTO_RETRIES, 0.5),
            None
        );
    }

    #[test]
    fn server_failures_back_off_exponentially_with_jitter() {
        let failed = FetchError::Http {
            status: 503,
            message: None,
            field_errors: vec![],
            retry_after_secs: None,
            html_body: false,
        };
        assert_eq!(retry_delay_ms(&failed, 0, 0.0), Some(500));
        assert_eq!(retry_delay_ms(&failed, 0, 0.999), Some(999));
        assert_eq!(retry_delay_ms(&failed, 1, 0.0), Some(1000));
        assert_eq!(retry_delay_ms(&failed, 2, 1.0), Some(4000));
        assert_eq!(retry_delay_ms(&failed, 3, 0.0), None);
        let network = FetchError::Network {
            detail: String::new(),
        };
        assert!(retry_delay_ms(&network, 0, 0.3).is_some());
        let not_found = FetchError::Http {
            status: 404,
            message: None,
            field_errors: vec![],
            retry_after_secs: None,
            html_body: false,
        };
        assert_eq!(retry_delay_ms(&not_found, 0, 0.3), None);
    }

    #[test]
    fn only_transient_failures_are_retryable() {
        let http = |status| FetchError::Http {
            status,
            message: None,
            field_errors: vec![],
            retry_after_secs: None,
            html_body: false,
        };
        assert!(http(429).is_transient() && http(503).is_transient() && http(408).is_transient());
        assert!(
            !http(401).is_transient() && !http(404).is_transient() && !http(422).is_transient()
        );
        assert!(FetchError::Network {
            detail: String::new()
        }
        .is_transient());
    }
}
