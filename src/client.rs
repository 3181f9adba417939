//! The HTTP client: one GET through the proxy with gloo-net, abortable, with
//! the credentials mode and extra headers, read as bytes into one buffer
//! reused for every body and interpreted by `api::interpret_response`.

use crate::api::{interpret_response, FetchError};
use crate::config::Credentials;
use crate::model::ClicksResponse;
use crate::query::RequestPlan;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, RequestCredentials};

thread_local! {
    /// The bytes of the body being read. One buffer for every response (it
    /// keeps the largest size seen), so reading a page allocates no
    /// body-sized block and the wasm memory does not grow page after page.
    static BODY: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

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
    let network = |error: &wasm_bindgen::JsValue| FetchError::Network {
        detail: js_text(error),
    };
    let raw_headers = web_sys::Headers::new().map_err(|e| network(&e))?;
    let _ = raw_headers.set("Accept", "application/json");
    for (name, value) in headers {
        // Names and values were validated when set; a browser may still refuse one.
        let _ = raw_headers.set(name, value);
    }
    let mode = match credentials {
        Credentials::Omit => RequestCredentials::Omit,
        Credentials::SameOrigin => RequestCredentials::SameOrigin,
        Credentials::Include => RequestCredentials::Include,
    };
    let request = gloo_net::http::Request::get(url)
        .credentials(mode)
        .headers(gloo_net::http::Headers::from_raw(raw_headers))
        .abort_signal(signal)
        .build()
        .map_err(|error| FetchError::Network {
            detail: error.to_string(),
        })?;
    let window = web_sys::window().ok_or_else(|| FetchError::Network {
        detail: "no window".into(),
    })?;
    Ok(Sent(window.fetch_with_request(&request.into())))
}

/// Where the standalone page (index.html) leaves the first clicks request
/// it sent while the wasm was loading: `{url, response, controller}`.
const PAGE_REQUEST: &str = "slcPageRequest";

/// The request the page sent before the wasm loaded, if `plan` asks for the
/// very same one: its URL, with no extra headers and `same-origin`
/// credentials (as the page sends it). Taken once; one that `plan` does not
/// match (or no plan: nothing to fetch) is aborted, never shown.
pub fn take_page_request(plan: Option<&RequestPlan>) -> Option<(AbortController, Sent)> {
    let window: js_sys::Object = web_sys::window()?.into();
    let key = JsValue::from_str(PAGE_REQUEST);
    let early = js_sys::Reflect::get(&window, &key).ok()?;
    if !early.is_object() {
        return None;
    }
    let _ = js_sys::Reflect::delete_property(&window, &key);
    let field = |name: &str| js_sys::Reflect::get(&early, &JsValue::from_str(name)).ok();
    let controller: AbortController = field("controller")?.dyn_into().ok()?;
    let same = plan.is_some_and(|plan| {
        plan.headers.is_empty()
            && plan.credentials == Credentials::SameOrigin
            && field("url").and_then(|url| url.as_string()).as_deref() == Some(plan.url.as_str())
    });
    match field("response").and_then(|r| r.dyn_into::<js_sys::Promise>().ok()) {
        Some(response) if same => Some((controller, Sent(response))),
        _ => {
            controller.abort();
            None
        }
    }
}

/// GETs `url` and interprets the answer.
pub async fn fetch_clicks(
    url: &str,
    credentials: Credentials,
    headers: &[(String, String)],
    signal: Option<&AbortSignal>,
) -> FetchOutcome {
    match send_clicks_request(url, credentials, headers, signal) {
        Ok(sent) => read_clicks_response(sent).await,
        Err(error) => FetchOutcome::Failed(error),
    }
}

/// Waits for a sent request's answer and interprets it.
pub async fn read_clicks_response(sent: Sent) -> FetchOutcome {
    let response: web_sys::Response = match JsFuture::from(sent.0).await {
        Ok(response) => response.unchecked_into(),
        Err(error) if is_js_abort(&error) => return FetchOutcome::Aborted,
        Err(error) => {
            return FetchOutcome::Failed(FetchError::Network {
                detail: js_text(&error),
            })
        }
    };
    let status = response.status();
    let headers = response.headers();
    let content_type = headers.get("content-type").ok().flatten();
    let retry_after = headers.get("retry-after").ok().flatten();
    let read = match response.array_buffer() {
        Ok(promise) => JsFuture::from(promise).await,
        Err(error) => Err(error),
    };
    let bytes = match read {
        Ok(buffer) => js_sys::Uint8Array::new(&buffer),
        Err(error) if is_js_abort(&error) => return FetchOutcome::Aborted,
        Err(_) => return FetchOutcome::Failed(FetchError::Truncated { status }),
    };
    let interpreted = BODY.with_borrow_mut(|body| {
        let len = bytes.length() as usize;
        body.clear();
        body.reserve_exact(len);
        bytes.copy_to_uninit(&mut body.spare_capacity_mut()[..len]);
        // SAFETY: `copy_to_uninit` initialised the first `len` bytes.
        unsafe { body.set_len(len) };
        interpret_response(
            status,
            content_type.as_deref(),
            retry_after.as_deref(),
            body,
        )
    });
    match interpreted {
        Ok(data) => FetchOutcome::Loaded(data),
        Err(error) => FetchOutcome::Failed(error),
    }
}

/// An `AbortError` (a `DOMException`, which is an `Error` in browsers).
fn is_js_abort(error: &wasm_bindgen::JsValue) -> bool {
    error
        .dyn_ref::<js_sys::Error>()
        .is_some_and(|e| e.name() == "AbortError")
}

/// What the browser said: `TypeError: Failed to fetch` for an `Error`.
fn js_text(value: &wasm_bindgen::JsValue) -> String {
    match value.dyn_ref::<js_sys::Error>() {
        Some(error) => format!("{}: {}", error.name(), error.message()),
        None => value.as_string().unwrap_or_else(|| format!("{value:?}")),
    }
}
