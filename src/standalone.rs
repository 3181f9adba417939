//! The standalone page (CONTRACT 4): one `<smart-link-clicks>` configured
//! from the query string, the query string kept in step with the view, and a
//! small form when `proxy` or `link-id` is missing.
//!
//! Only a page that asks for it becomes the standalone page: `index.html`'s
//! loader calls `startStandalonePage()`. The embeddable script never does,
//! so a host page is never taken over, whatever its element ids.

use crate::config::{is_refused_name, NAMES};
use crate::event_detail::ChangeDetail;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, Document, HtmlInputElement, UrlSearchParams, Window};

/// Makes this document the standalone page: its `#slc-page` element gets a
/// `<smart-link-clicks>` configured from the query string, or the setup
/// form when `proxy` or `link-id` is missing. Called by `index.html` only.
#[wasm_bindgen(js_name = startStandalonePage)]
pub fn start_standalone_page() {
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
    let refused = take_refused_names(&window, &document, &page, &params);
    let given = |name: &str| params.get(name).filter(|v| !v.trim().is_empty());
    match (given("proxy"), given("link-id")) {
        (Some(_), Some(link_id)) => {
            document.set_title(&format!("Clicks of {link_id} · Smart link clicks"));
            if let Err(error) = show_widget(&document, &page, &params, &refused) {
                web_sys::console::error_2(
                    &"smart-link-clicks: could not start the page".into(),
                    &error,
                );
            }
        }
        (proxy, link_id) => show_setup_form(&document, proxy, link_id),
    }
}

/// Takes the names that would put a secret into the page out of its
/// address at once (`history.replaceState`: this tab's history entry no
/// longer holds the key), says so above the widget, and returns them (the
/// widget is given each, without its value, so it refuses them visibly and
/// fetches nothing).
fn take_refused_names(
    window: &Window,
    document: &Document,
    page: &web_sys::Element,
    params: &UrlSearchParams,
) -> Vec<String> {
    let mut refused: Vec<String> = Vec::new();
    for name in js_sys::Array::from(&params.keys())
        .iter()
        .filter_map(|n| n.as_string())
    {
        if is_refused_name(&name) && !refused.contains(&name) {
            refused.push(name);
        }
    }
    if refused.is_empty() {
        return refused;
    }
    let cleaned =
        UrlSearchParams::new_with_str(&String::from(params.to_string())).and_then(|clean| {
            for name in &refused {
                clean.delete(name);
            }
            replace_search(window, &String::from(clean.to_string()))
        });
    let names: Vec<String> = refused.iter().map(|name| format!("`{name}`")).collect();
    let (names, was) = match names.len() {
        1 => (names.join(""), "was"),
        _ => (names.join(", "), "were"),
    };
    let text = match cleaned {
        Ok(()) => format!(
            "{names} {was} removed from this page's address (this tab's history entry): reload the page to load the clicks. It may already be in the browser's history and server logs: keys belong in the proxy; rotate this one."
        ),
        Err(_) => format!(
            "{names} could not be removed from this page's address: remove it yourself. Keys belong in the proxy; rotate this one."
        ),
    };
    if let Ok(notice) = document.create_element("p") {
        notice.set_class_name("slc-page-notice");
        let _ = notice.set_attribute("role", "alert");
        notice.set_text_content(Some(&text));
        let after_heading = page.first_element_child().and_then(|h| h.next_sibling());
        let _ = page.insert_before(&notice, after_heading.as_ref());
    }
    refused
}

/// Replaces the page's query string (keeping its path and fragment)
/// without a new history entry; an empty one leaves no bare `?`.
fn replace_search(window: &Window, query: &str) -> Result<(), JsValue> {
    let location = window.location();
    let mark = if query.is_empty() { "" } else { "?" };
    let url = format!("{}{mark}{query}{}", location.pathname()?, location.hash()?);
    window
        .history()?
        .replace_state_with_url(&JsValue::NULL, "", Some(&url))
}

fn show_widget(
    document: &Document,
    page: &web_sys::Element,
    params: &UrlSearchParams,
    refused: &[String],
) -> Result<(), JsValue> {
    let element = document.create_element("smart-link-clicks")?;
    for name in NAMES {
        if let Some(value) = params.get(name) {
            element.set_attribute(name, &value)?;
        }
    }
    // Refused names are passed on (without their values) so the widget
    // refuses them visibly; a name the DOM will not take as an attribute is
    // passed as `token`, so the widget still fetches nothing.
    for name in refused {
        if element.set_attribute(name, "").is_err() {
            element.set_attribute("token", "")?;
        }
    }
    let keep_url_in_step = Closure::<dyn Fn(CustomEvent)>::new(|event: CustomEvent| {
        let change = serde_wasm_bindgen::from_value::<ChangeDetail>(event.detail());
        if let (Some(window), Ok(change)) = (web_sys::window(), change) {
            let _ = replace_query(&window, &change);
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

/// Writes the view `change` reports into the page's query string.
fn replace_query(window: &Window, change: &ChangeDetail) -> Result<(), JsValue> {
    let params = UrlSearchParams::new_with_str(&window.location().search()?)?;
    for (name, value) in change.filters.config_pairs() {
        match value {
            Some(value) => params.set(name, &value),
            None => params.delete(name),
        }
    }
    replace_search(window, &String::from(params.to_string()))
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
