//! The HTTP client: one GET through the proxy with gloo-net, abortable, with
//! the credentials mode and extra headers, read as bytes into one buffer
//! reused for every body and interpreted by `api::interpret_response`; and
//! the take-over of the standalone page's own first request.

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

/// A request on its way, or its answer.
pub enum Sent {
    /// `fetch` has been called: a promise of its `Response`.
    Fetching(js_sys::Promise),
    /// The standalone page's request: a promise of its answer, read to the
    /// end by the page's script (see [`take_page_request`]).
    Reading(js_sys::Promise),
    /// The answer is already here and interpreted.
    Done(FetchOutcome),
}

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
    Ok(Sent::Fetching(window.fetch_with_request(&request.into())))
}

/// Where the standalone page (index.html) leaves the first clicks request
/// it sent while the wasm was loading: `{url, controller, answer, read}`.
/// `answer` is a promise of the answer read to its end, `{status,
/// contentType, retryAfter, body}` (`body` an `ArrayBuffer`, or null with
/// `error` when reading it failed), and `read` is that answer once it is in.
const PAGE_REQUEST: &str = "slcPageRequest";

/// The request the page sent before the wasm loaded, if `plan` asks for the
/// very same one: its URL, with no extra headers and `same-origin`
/// credentials (as the page sends it). An answer already read is
/// interpreted now. Taken once; one that `plan` does not match (or no plan:
/// nothing to fetch) is aborted, never shown.
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
    let read = field("read").filter(JsValue::is_object);
    let answer = field("answer").and_then(|a| a.dyn_into::<js_sys::Promise>().ok());
    match (read, answer) {
        (Some(read), _) if same => Some((controller, Sent::Done(answer_outcome(&read)))),
        (None, Some(answer)) if same => Some((controller, Sent::Reading(answer))),
        _ => {
            controller.abort();
            None
        }
    }
}

/// Interprets an answer the page's script read (see [`PAGE_REQUEST`]).
fn answer_outcome(answer: &JsValue) -> FetchOutcome {
    let field = |name: &str| js_sys::Reflect::get(answer, &JsValue::from_str(name)).ok();
    let text = |name: &str| field(name).and_then(|v| v.as_string());
    let status = field("status")
        .and_then(|v| v.as_f64())
        .filter(|s| (0.0..=999.0).contains(s))
        .map_or(0, |s| s as u16);
    match field("body").and_then(|b| b.dyn_into::<js_sys::ArrayBuffer>().ok()) {
        Some(body) => interpret_body(
            status,
            text("contentType").as_deref(),
            text("retryAfter").as_deref(),
            &js_sys::Uint8Array::new(&body),
        ),
        None if field("error").is_some_and(|e| is_js_abort(&e)) => FetchOutcome::Aborted,
        None => FetchOutcome::Failed(FetchError::Truncated { status }),
    }
}

/// Waits for a sent request's answer and interprets it.
pub async fn read_clicks_response(sent: Sent) -> FetchOutcome {
    let (promise, is_answer) = match sent {
        Sent::Done(outcome) => return outcome,
        Sent::Fetching(promise) => (promise, false),
        Sent::Reading(promise) => (promise, true),
    };
    let resolved = match JsFuture::from(promise).await {
        Ok(value) => value,
        Err(error) if is_js_abort(&error) => return FetchOutcome::Aborted,
        Err(error) => {
            return FetchOutcome::Failed(FetchError::Network {
                detail: js_text(&error),
            })
        }
    };
    if is_answer {
        return answer_outcome(&resolved);
    }
    let response: web_sys::Response = resolved.unchecked_into();
    let status = response.status();
    let headers = response.headers();
    let content_type = headers.get("content-type").ok().flatten();
    let retry_after = headers.get("retry-after").ok().flatten();
    let read = match response.array_buffer() {
        Ok(promise) => JsFuture::from(promise).await,
        Err(error) => Err(error),
    };
    match read {
        Ok(buffer) => interpret_body(
            status,
            content_type.as_deref(),
            retry_after.as_deref(),
            &js_sys::Uint8Array::new(&buffer),
        ),
        Err(error) if is_js_abort(&error) => FetchOutcome::Aborted,
        Err(_) => FetchOutcome::Failed(FetchError::Truncated { status }),
    }
}

/// Copies a body into [`BODY`] and interprets it with its status and headers.
fn interpret_body(
    status: u16,
    content_type: Option<&str>,
    retry_after: Option<&str>,
    bytes: &js_sys::Uint8Array,
) -> FetchOutcome {
    let interpreted = BODY.with_borrow_mut(|body| {
        let len = bytes.length() as usize;
        body.clear();
        body.reserve_exact(len);
        bytes.copy_to_uninit(&mut body.spare_capacity_mut()[..len]);
        // SAFETY: `copy_to_uninit` initialised the first `len` bytes.
        unsafe { body.set_len(len) };
        interpret_response(status, content_type, retry_after, body)
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
