//! Forward mode: the one allowed request goes to the upstream API with the key
//! added; nothing the browser sent about credentials goes along.

use crate::json_error::json_error;
use crate::route::ClicksPath;
use axum::body::Body;
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use std::time::Duration;

/// Upstream response headers passed back to the browser.
const PASSED_BACK: [&str; 4] = [
    "content-type",
    "retry-after",
    "x-rate-limit-limit-minute",
    "x-rate-limit-remaining-minute",
];

/// A configured client for the upstream API. Holds the key; never prints it.
#[derive(Clone)]
pub struct Upstream {
    client: reqwest::Client,
    base: String,
    authorization: HeaderValue,
    timeout: Duration,
    max_body_bytes: usize,
}

impl std::fmt::Debug for Upstream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upstream")
            .field("base", &self.base)
            .field("authorization", &"<redacted>")
            .finish()
    }
}

impl Upstream {
    /// A client for `base` (e.g. `https://app.onlyfansapi.com`) using `api_key`.
    pub fn new(
        base: &str,
        api_key: &str,
        connect_timeout: Duration,
        timeout: Duration,
        max_body_bytes: usize,
    ) -> Result<Self, String> {
        let mut authorization = HeaderValue::from_str(&format!("Bearer {api_key}"))
            .map_err(|_| "the API key contains characters not allowed in a header".to_string())?;
        authorization.set_sensitive(true);
        let client = reqwest::Client::builder()
            .connect_timeout(connect_timeout)
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("smart-link-proxy/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
        Ok(Self {
            client,
            base: base.trim_end_matches('/').to_string(),
            authorization,
            timeout,
            max_body_bytes,
        })
    }

    /// The full upstream URL for a parsed path and the raw query string.
    pub fn url_for(&self, path: &ClicksPath, raw_query: Option<&str>) -> String {
        let mut url = format!("{}{}", self.base, path.upstream_path());
        if let Some(query) = raw_query.filter(|q| !q.is_empty()) {
            url.push('?');
            url.push_str(query);
        }
        url
    }

    /// Forwards one clicks request and turns every failure into a JSON error.
    pub async fn forward(&self, path: &ClicksPath, raw_query: Option<&str>) -> Response {
        let url = self.url_for(path, raw_query);
        let sent = self
            .client
            .get(&url)
            .header(header::AUTHORIZATION, self.authorization.clone())
            .header(header::ACCEPT, "application/json")
            .send()
            .await;
        let mut upstream = match sent {
            Ok(response) => response,
            Err(error) => return self.transport_error(&error),
        };
        let status =
            StatusCode::from_u16(upstream.status().as_u16()).unwrap_or(StatusCode::BAD_GATEWAY);
        let passed: Vec<(HeaderName, HeaderValue)> = PASSED_BACK
            .iter()
            .filter_map(|name| {
                let value = upstream.headers().get(*name)?;
                Some((HeaderName::from_static(name), value.clone()))
            })
            .collect();
        let mut body = Vec::new();
        loop {
            match upstream.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() + chunk.len() > self.max_body_bytes {
                        tracing::warn!(limit = self.max_body_bytes, "upstream body too large");
                        return json_error(
                            StatusCode::BAD_GATEWAY,
                            format!(
                                "The upstream response is larger than the proxy's limit of {} bytes",
                                self.max_body_bytes
                            ),
                        );
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(error) => return self.transport_error(&error),
            }
        }
        let mut response = Response::new(Body::from(body));
        *response.status_mut() = status;
        let headers = response.headers_mut();
        for (name, value) in passed {
            headers.insert(name, value);
        }
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }

    fn transport_error(&self, error: &reqwest::Error) -> Response {
        if error.is_timeout() {
            tracing::warn!("upstream timed out");
            json_error(
                StatusCode::GATEWAY_TIMEOUT,
                format!(
                    "The upstream API did not answer within {} s",
                    self.timeout.as_secs_f64()
                ),
            )
        } else {
            tracing::warn!(connect = error.is_connect(), error = %error, "upstream unreachable");
            json_error(
                StatusCode::BAD_GATEWAY,
                "The upstream API could not be reached",
            )
        }
    }
}
