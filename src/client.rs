//! The HTTP client: one GET through the proxy, built and read with gloo-net
//! (abortable, with the credentials mode and extra headers) and
//! interpreted by `api::interpret_response`.
//!
//! One step is not gloo-net's: `RequestBuilder::send` is an `async fn`, so
//! `fetch` would only start when the future is first polled, on a later
//! microtask. The widget's first request goes out before its view is built
//! (the answer is on its way meanwhile), so the `Request` gloo-net built is
//! handed to `window.fetch` at once, and the `Response` is wrapped back
//! into gloo-net's (`Response::from`) to read its status, headers and
//! body.

use crate::api::{interpret_response, retry_after_secs, FetchError};
use crate::config::Credentials;
use crate::model::ClicksResponse;
use gloo_net::http::{Request, Response};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, RequestCredentials};

/// What became of a request.
#[derive(Debug)]
pub enum FetchOutcome {
    /// The data.
    Loaded(ClicksResponse),
    /// A failure to show.
    Failed(FetchError),
    /// Aborted because the view changed or the widget went away: not shown.
    Aborted,
}

/// A request on its way: `fetch` has been called.
pub struct Sent(js_sys::Promise);

/// Starts a GET of `url` at once (not when first awaited), so the answer
/// can be on its way while the caller goes on, e.g. builds the view.
pub fn send_clicks_request(
    url: &str,
    credentials: Credentials,
    headers: &[(String, String)],
    signal: Option<&AbortSignal>,
) -> Result<Sent, FetchError> {
    let mode = match credentials {
        Credentials::Omit => RequestCredentials::Omit,
        Credentials::SameOrigin => RequestCredentials::SameOrigin,
        Credentials::Include => RequestCredentials::Include,
    };
    let mut builder = Request::get(url)
        .credentials(mode)
        .header("Accept", "application/json")
        .abort_signal(signal);
    for (name, value) in headers {
        // `RequestBuilder::header` throws on a name or value the browser
        // refuses: `config::headers` lets none through (HTTP token names,
        // Latin-1 values without line breaks).
        builder = builder.header(name, value);
    }
    let request = builder.build().map_err(|error| FetchError::Network {
        detail: error.to_string(),
    })?;
    let window = web_sys::window().ok_or_else(|| FetchError::Network {
        detail: "no window".into(),
    })?;
    Ok(Sent(window.fetch_with_request(&request.into())))
}

/// Waits for a sent request's answer, reads its body to the end and
/// interprets it.
pub async fn read_clicks_response(sent: Sent) -> FetchOutcome {
    let response = match JsFuture::from(sent.0).await {
        Ok(response) => Response::from(response.unchecked_into::<web_sys::Response>()),
        Err(error) if is_js_abort(&error) => return FetchOutcome::Aborted,
        Err(error) => {
            return FetchOutcome::Failed(FetchError::Network {
                detail: crate::browser::error_text(&error),
            })
        }
    };
    let status = response.status();
    let headers = response.headers();
    let content_type = headers.get("content-type");
    let retry_after = headers.get("retry-after").and_then(|value| {
        retry_after_secs(&value, js_sys::Date::parse(&value), js_sys::Date::now())
    });
    let body: Vec<u8> = match response.binary().await {
        Ok(body) => body,
        Err(gloo_net::Error::JsError(error)) if error.name == "AbortError" => {
            return FetchOutcome::Aborted
        }
        Err(_) => return FetchOutcome::Failed(FetchError::Truncated { status }),
    };
    match interpret_response(status, content_type.as_deref(), retry_after, &body) {
        Ok(mut data) => {
            // The rate limit left, from the body's `_meta` or else the
            // proxy's `x-rate-limit-remaining-minute` header.
            if data.meta.remaining_minute.is_none() {
                data.meta.remaining_minute = headers
                    .get("x-rate-limit-remaining-minute")
                    .and_then(|value| value.trim().parse().ok());
            }
            FetchOutcome::Loaded(data)
        }
        Err(error) => FetchOutcome::Failed(error),
    }
}

/// An `AbortError` (a `DOMException`, which is an `Error` in browsers).
fn is_js_abort(error: &wasm_bindgen::JsValue) -> bool {
    error
        .dyn_ref::<js_sys::Error>()
        .is_some_and(|e| e.name() == "AbortError")
}
