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

/// Offers `text` as a file download named `file_name`.
pub fn download_text(file_name: &str, text: &str, mime: &str) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}
