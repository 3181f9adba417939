//! Mock mode: the clicks endpoint answered from a deterministic synthetic data
//! set, with per-request fault injection and a request log for tests.

pub mod dataset;
pub mod faults;
pub mod page;
pub mod query;
pub mod rng;

use crate::json_error::{json_error, json_response};
use crate::route::ClicksPath;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{NaiveDateTime, Utc};
use dataset::LinkProfile;
use faults::Fault;
use flate2::write::GzEncoder;
use flate2::Compression;
use query::MockQuery;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// The per-minute rate limit the mock reports in headers and `_meta`.
pub const RATE_LIMIT_PER_MINUTE: u32 = 1000;

/// Most requests kept in the request log.
const LOG_CAPACITY: usize = 10_000;

/// One request as the mock saw it, for tests to inspect.
#[derive(Debug, Clone, Serialize)]
pub struct LoggedRequest {
    /// Order of arrival, from 1; not restarted by a clear, so an answer
    /// that leaves after one never marks a later request.
    pub seq: u64,
    /// Milliseconds since the Unix epoch.
    pub at_ms: i64,
    /// HTTP method.
    pub method: String,
    /// Raw path, still percent-encoded.
    pub path: String,
    /// Raw query string.
    pub query: String,
    /// Request headers, but `authorization` and `cookie` are reduced to
    /// `<present>`.
    pub headers: HashMap<String, String>,
    /// The status answered, once the handler has made the answer (`null`
    /// before).
    pub status: Option<u16>,
    /// When the handler made the answer, in milliseconds since the Unix
    /// epoch (`null` before): a test can tell what the widget could know
    /// when it sent a later request.
    pub answered_ms: Option<i64>,
}

/// State shared by mock-mode requests: the request log and fault counters.
#[derive(Debug, Default, Clone)]
pub struct MockState {
    log: Arc<Mutex<Vec<LoggedRequest>>>,
    /// The last `seq` given out (kept across clears).
    last_seq: Arc<AtomicU64>,
    counters: Arc<Mutex<HashMap<String, u64>>>,
}

impl MockState {
    /// Records a request in the log (oldest dropped past the capacity) and
    /// returns its `seq`, for [`MockState::record_answer`].
    pub fn record(&self, method: &str, path: &str, query: &str, headers: &HeaderMap) -> u64 {
        let mut log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        let seq = self.last_seq.fetch_add(1, Ordering::Relaxed) + 1;
        let headers = headers
            .iter()
            .map(|(name, value)| {
                let shown = match name.as_str() {
                    "authorization" | "cookie" => "<present>".to_string(),
                    _ => String::from_utf8_lossy(value.as_bytes()).into_owned(),
                };
                (name.as_str().to_string(), shown)
            })
            .collect();
        if log.len() >= LOG_CAPACITY {
            log.remove(0);
        }
        log.push(LoggedRequest {
            seq,
            at_ms: Utc::now().timestamp_millis(),
            method: method.to_string(),
            path: path.to_string(),
            query: query.to_string(),
            headers,
            status: None,
            answered_ms: None,
        });
        seq
    }

    /// Notes the status of the answer to request `seq` and when it was
    /// made (nothing if the log has dropped it or was cleared meanwhile).
    pub fn record_answer(&self, seq: u64, status: StatusCode) {
        let mut log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(entry) = log.iter_mut().rev().find(|entry| entry.seq == seq) {
            entry.status = Some(status.as_u16());
            entry.answered_ms = Some(Utc::now().timestamp_millis());
        }
    }

    /// The request log as JSON (`GET /__mock/requests`).
    pub fn log_response(&self) -> Response {
        let log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        let body = serde_json::json!({ "requests": *log }).to_string();
        json_response(StatusCode::OK, body)
    }

    /// Empties the request log and the fault counters (`DELETE
    /// /__mock/requests`), so each test starts from a first request.
    pub fn clear_log(&self) -> Response {
        self.log
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        self.counters
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        StatusCode::NO_CONTENT.into_response()
    }

    fn bump(&self, key: &str) -> u64 {
        let mut counters = self.counters.lock().unwrap_or_else(PoisonError::into_inner);
        let count = counters.entry(key.to_string()).or_insert(0);
        *count += 1;
        *count
    }

    /// Answers one clicks request.
    pub async fn answer(
        &self,
        path: &ClicksPath,
        raw_query: &str,
        headers: &HeaderMap,
    ) -> Response {
        let fault_header = headers.get("x-mock-fault").and_then(|v| v.to_str().ok());
        let (dataset, faults) = faults::parse_link(&path.link_id, fault_header);
        let pairs: Vec<(String, String)> = form_urlencoded::parse(raw_query.as_bytes())
            .into_owned()
            .collect();
        let now = Utc::now().naive_utc();
        let parsed = MockQuery::parse(&pairs, now.date());
        let delay = faults.iter().fold(0u64, |total, fault| match fault {
            Fault::Delay(ms) => total + ms,
            Fault::SlowExtra(ms) if parsed.as_ref().is_ok_and(|q| q.limit == 1) => total + ms,
            Fault::Stagger => {
                let page = parsed.as_ref().map_or(0, |q| q.offset / u64::from(q.limit));
                total + 1600u64.saturating_sub(page.saturating_mul(300))
            }
            _ => total,
        });
        if delay > 0 {
            tokio::time::sleep(Duration::from_millis(delay)).await;
        }
        self.answer_now(&dataset, &path.link_id, &faults, parsed, now)
    }

    fn answer_now(
        &self,
        dataset: &str,
        link_id: &str,
        faults: &[Fault],
        parsed: Result<MockQuery, query::FieldErrors>,
        now: NaiveDateTime,
    ) -> Response {
        // One-row requests (a widget's extra figures) keep their own count,
        // so they never change which of the main requests fail.
        let one_row = parsed.as_ref().is_ok_and(|q| q.limit == 1);
        let counter = if one_row {
            format!("{link_id}#one-row")
        } else {
            link_id.to_string()
        };
        let failing_now = !faults.contains(&Fault::Flaky) || self.bump(&counter) % 2 == 1;
        let active: Vec<Fault> = faults
            .iter()
            .copied()
            .filter(|fault| {
                failing_now || matches!(fault, Fault::Delay(_) | Fault::Stagger | Fault::HugePage)
            })
            .collect();
        let faults = active.as_slice();
        for fault in faults {
            match *fault {
                Fault::Status(429) => return rate_limited(HeaderValue::from(2)),
                Fault::RateLimitedUntilDate => {
                    let at = Utc::now() + chrono::Duration::seconds(3);
                    let date = at.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
                    return rate_limited(HeaderValue::from_str(&date).expect("an HTTP date"));
                }
                Fault::NoContent => return StatusCode::NO_CONTENT.into_response(),
                Fault::Status(status) => {
                    let status =
                        StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
                    return json_response(status, faults::status_body(status.as_u16()).to_string());
                }
                Fault::RateLimitedEveryOther if self.bump(&counter) % 2 == 1 => {
                    return rate_limited(HeaderValue::from(1));
                }
                Fault::HtmlServerError => {
                    return html(StatusCode::INTERNAL_SERVER_ERROR, faults::HTML_SERVER_ERROR);
                }
                Fault::NotJson => return html(StatusCode::OK, faults::HTML_LOGIN_PAGE),
                _ => {}
            }
        }
        let Some(profile) = LinkProfile::for_link(dataset) else {
            return json_error(StatusCode::NOT_FOUND, "Smart link not found.");
        };
        let query = match parsed {
            Ok(query) => query,
            Err(errors) => {
                let body = serde_json::json!({
                    "message": query::summary_message(&errors),
                    "errors": errors,
                });
                return json_response(StatusCode::UNPROCESSABLE_ENTITY, body.to_string());
            }
        };
        let row_cap = if faults.contains(&Fault::HugePage) {
            10_000
        } else {
            u64::from(query.limit)
        };
        let huge_profile = LinkProfile::for_link("viral").unwrap_or(profile);
        let source = if faults.contains(&Fault::HugePage) {
            &huge_profile
        } else {
            &profile
        };
        let page = page::evaluate(source, now, &query, row_cap);
        let remaining = faults
            .iter()
            .find_map(|fault| match fault {
                Fault::RateLeft(left) => Some((*left).min(RATE_LIMIT_PER_MINUTE)),
                _ => None,
            })
            .unwrap_or(RATE_LIMIT_PER_MINUTE - 1);
        let mut body = page::response_body(&page, &query, remaining);
        if faults.contains(&Fault::Degraded) {
            faults::make_degraded(&mut body);
        }
        if faults.contains(&Fault::Hostile) {
            faults::make_hostile(&mut body);
        }
        if faults.contains(&Fault::NoTotal) {
            if let Some(data) = body.get_mut("data").and_then(|d| d.as_object_mut()) {
                data.remove("summary");
            }
        }
        let mut text = body.to_string();
        if faults.contains(&Fault::Truncated) {
            text.truncate(text.len() / 2);
        }
        let mut bytes = text.into_bytes();
        if faults.contains(&Fault::Bom) {
            bytes.splice(0..0, [0xEF, 0xBB, 0xBF]);
        }
        if faults.contains(&Fault::Gzip) {
            let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
            bytes = encoder
                .write_all(&bytes)
                .and_then(|()| encoder.finish())
                .expect("gzip into memory");
        }
        let mut response = json_response(StatusCode::OK, bytes);
        let headers = response.headers_mut();
        if faults.contains(&Fault::Gzip) {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        }
        if faults.contains(&Fault::Charset) {
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json; charset=utf-8"),
            );
        }
        add_rate_limit_headers(headers, remaining);
        response
    }
}

fn add_rate_limit_headers(headers: &mut HeaderMap, remaining: u32) {
    headers.insert(
        "x-rate-limit-limit-minute",
        HeaderValue::from(RATE_LIMIT_PER_MINUTE),
    );
    headers.insert(
        "x-rate-limit-remaining-minute",
        HeaderValue::from(remaining),
    );
}

fn rate_limited(retry_after: HeaderValue) -> Response {
    let mut response = json_response(
        StatusCode::TOO_MANY_REQUESTS,
        faults::status_body(429).to_string(),
    );
    let headers = response.headers_mut();
    headers.insert(header::RETRY_AFTER, retry_after);
    add_rate_limit_headers(headers, 0);
    response
}

fn html(status: StatusCode, body: &'static str) -> Response {
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}
