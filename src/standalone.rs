//! The standalone page (CONTRACT 4): one `<smart-link-clicks>` configured
//! from the query string, the query string kept in step with the view, and a
//! small form when `proxy` or `link-id` is missing.

use crate::config::{NAMES, REFUSED_NAMES};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, Document, HtmlInputElement, UrlSearchParams, Window};

/// The `slc-change` filter names and the query names they are kept under.
const REPORTED_FILTERS: [(&str, &str); 6] = [
    ("dateStart", "date-start"),
    ("dateEnd", "date-end"),
    ("pageSize", "page-size"),
    ("page", "page"),
    ("includeBots", "include-bots"),
    ("includeDuplicates", "include-duplicates"),
];

/// Boots the page if this document is the standalone page (`#slc-page`).
pub fn boot() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    let Some(page) = document.get_element_by_id("slc-page") else {
        return;
    };
    let search = window.location().search().unwrap_or_default();
    let Ok(params) = UrlSearchParams::new_with_str(&search) else {
        return;
    };
    let given = |name: &str| params.get(name).filter(|v| !v.trim().is_empty());
    match (given("proxy"), given("link-id")) {
        (Some(_), Some(link_id)) => {
            document.set_title(&format!("Clicks of {link_id} · Smart link clicks"));
            if let Err(error) = show_widget(&document, &page, &params) {
                web_sys::console::error_2(
                    &"smart-link-clicks: could not start the page".into(),
                    &error,
                );
            }
        }
        (proxy, link_id) => show_setup_form(&document, proxy, link_id),
    }
}

fn show_widget(
    document: &Document,
    page: &web_sys::Element,
    params: &UrlSearchParams,
) -> Result<(), JsValue> {
    let element = document.create_element("smart-link-clicks")?;
    // Refused names are passed on too, so the widget refuses them visibly.
    for name in NAMES.iter().chain(REFUSED_NAMES.iter()) {
        if let Some(value) = params.get(name) {
            element.set_attribute(name, &value)?;
        }
    }
    let keep_url_in_step = Closure::<dyn Fn(CustomEvent)>::new(|event: CustomEvent| {
        let filters = js_sys::Reflect::get(&event.detail(), &"filters".into());
        if let (Some(window), Ok(filters)) = (web_sys::window(), filters) {
            let _ = replace_query(&window, &filters);
        }
    });
    element.add_event_listener_with_callback(
        "slc-change",
        keep_url_in_step.as_ref().unchecked_ref(),
    )?;
    // The page's only widget lives as long as the page.
    keep_url_in_step.forget();
    page.append_child(&element)?;
    Ok(())
}

/// The text of a reported value: a string, number or boolean as JavaScript
/// writes it.
fn reported_text(value: &JsValue) -> Option<String> {
    if let Some(text) = value.as_string() {
        return Some(text);
    }
    if let Some(flag) = value.as_bool() {
        return Some(flag.to_string());
    }
    value.as_f64()?;
    let number: &js_sys::Number = value.unchecked_ref();
    number.to_string_with_radix(10).ok().map(String::from)
}

fn replace_query(window: &Window, filters: &JsValue) -> Result<(), JsValue> {
    let params = UrlSearchParams::new_with_str(&window.location().search()?)?;
    for (reported, name) in REPORTED_FILTERS {
        if let Some(text) = reported_text(&js_sys::Reflect::get(filters, &reported.into())?) {
            params.set(name, &text);
        }
    }
    let url = format!(
        "{}?{}",
        window.location().pathname()?,
        String::from(params.to_string())
    );
    window
        .history()?
        .replace_state_with_url(&JsValue::NULL, "", Some(&url))
}

fn show_setup_form(document: &Document, proxy: Option<String>, link_id: Option<String>) {
    let Some(form) = document.get_element_by_id("slc-setup") else {
        return;
    };
    let _ = form.remove_attribute("hidden");
    for (name, value) in [("proxy", proxy), ("link-id", link_id)] {
        let input = form
            .query_selector(&format!("input[name=\"{name}\"]"))
            .ok()
            .flatten()
            .and_then(|i| i.dyn_into::<HtmlInputElement>().ok());
        if let (Some(input), Some(value)) = (input, value) {
            input.set_value(&value);
        }
    }
}
