//! Small browser services the components need: today's UTC day and file
//! downloads. Each degrades instead of panicking.

use crate::day::UtcDay;
use wasm_bindgen::{JsCast, JsValue};

/// Today's UTC day by the browser's clock.
pub fn today_utc() -> UtcDay {
    UtcDay::from_unix_ms(js_sys::Date::now())
}

/// The browser's language (`navigator.language`), the locale when none
/// is given; `en` where there is none.
pub fn browser_language() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .filter(|language| !language.is_empty())
        .unwrap_or_else(|| "en".to_string())
}

/// The text stored under `key` in this browser's `localStorage`; `None`
/// when there is none or the storage cannot be read (blocked, private
/// mode): a failing storage only forgets.
pub fn stored_text(key: &str) -> Option<String> {
    web_sys::window()?
        .local_storage()
        .ok()??
        .get_item(key)
        .ok()?
}

/// Stores `value` under `key` in `localStorage`, if the browser lets it
/// (a full or blocked storage is not an error the person needs to see).
pub fn store_text(key: &str, value: &str) {
    if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.local_storage()) {
        let _ = storage.set_item(key, value);
    }
}

/// Resolves on the browser's next task (a `setTimeout` of 0): a long job
/// awaits it between chunks, so the page handles input and paints.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Offers `text` as a file download named `file_name`.
pub fn download_text(file_name: &str, text: &str, mime: &str) -> Result<(), JsValue> {
    download_parts(
        file_name,
        &js_sys::Array::of1(&JsValue::from_str(text)),
        mime,
    )
}

/// What the browser said: `TypeError: Failed to fetch` for an `Error`, a
/// thrown string as it is.
pub fn error_text(value: &JsValue) -> String {
    match value.dyn_ref::<js_sys::Error>() {
        Some(error) => format!("{}: {}", error.name(), error.message()),
        None => value
            .as_string()
            .unwrap_or_else(|| "the browser gave no reason".into()),
    }
}

/// A Blob of `bytes` (copied): a chunk of a file written in chunks.
pub fn bytes_blob(bytes: &[u8]) -> Result<web_sys::Blob, JsValue> {
    web_sys::Blob::new_with_u8_array_sequence(&js_sys::Array::of1(&js_sys::Uint8Array::from(bytes)))
}

/// Offers `parts` (strings or Blobs), one after another, as a file
/// download named `file_name` (a file written in chunks is never joined in
/// memory).
pub fn download_parts(file_name: &str, parts: &js_sys::Array, mime: &str) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // Revoked a little later: some browsers start the download only after
    // the click's task, and a revoked URL would cancel it.
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}
