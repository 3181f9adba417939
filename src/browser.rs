//! Small browser services the components need: today's UTC day, local time
//! labels, and file downloads. Each degrades instead of panicking.

use crate::day::UtcDay;
use std::cell::OnceCell;
use wasm_bindgen::{JsCast, JsValue};

/// Today's UTC day by the browser's clock.
pub fn today_utc() -> UtcDay {
    UtcDay::from_unix_ms(js_sys::Date::now())
}

thread_local! {
    static LOCAL_FORMAT: OnceCell<Option<js_sys::Function>> = const { OnceCell::new() };
}

/// An instant in the viewer's local time, e.g. `23 Nov 2026, 21:45:00`.
/// Falls back to the UTC text if `Intl` is unavailable.
pub fn local_time(ms: f64) -> String {
    let formatted = LOCAL_FORMAT.with(|cell| {
        let format = cell.get_or_init(|| {
            let options = js_sys::Object::new();
            for (key, value) in [
                ("year", "numeric"),
                ("month", "short"),
                ("day", "numeric"),
                ("hour", "2-digit"),
                ("minute", "2-digit"),
                ("second", "2-digit"),
            ] {
                js_sys::Reflect::set(&options, &key.into(), &value.into()).ok()?;
            }
            let formatter = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &options);
            Some(formatter.format())
        });
        let date = js_sys::Date::new(&JsValue::from_f64(ms));
        format
            .as_ref()?
            .call1(&JsValue::NULL, &date)
            .ok()?
            .as_string()
    });
    formatted.unwrap_or_else(|| crate::day::format_utc(ms))
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
