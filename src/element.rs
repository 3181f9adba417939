//! The `<smart-link-clicks>` custom element (CONTRACT 3): the JS class in
//! `element.js` hands attributes and lifecycle to `MountedWidget`, which
//! mounts the same `ClicksWidget` as the standalone page into the element's
//! shadow root and turns widget events into DOM events.

use crate::browser::{browser_language, today_utc};
use crate::components::{ClicksWidget, EventSink, WidgetEvent};
use crate::config::{validate_headers, Config, ConfigIssue, Filters, HeaderMap, Settings};
use crate::event_detail::{ChangeDetail, ErrorDetail, FiltersDetail, LoadDetail};
use crate::intl::canonical_locale;
use crate::lenient::Pairs;
use crate::query::blocked;
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use serde::Serialize;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement, ShadowRoot};

/// The widget's stylesheet (`style/widget.css`, minified by `build.rs`),
/// adopted by each shadow root (`adopt_widget_css`).
pub const WIDGET_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.min.css"));

thread_local! {
    /// The widget's stylesheet, constructed once and shared by every
    /// element of the page (`None` where the browser cannot construct one).
    static WIDGET_SHEET: Option<web_sys::CssStyleSheet> = web_sys::CssStyleSheet::new()
        .ok()
        .filter(|sheet| sheet.replace_sync(WIDGET_CSS).is_ok());
}

/// Gives `shadow` the widget's stylesheet. A constructed sheet in
/// `adoptedStyleSheets` is not inline CSS, so a strict
/// `Content-Security-Policy` (`style-src 'self'`) lets it apply; a browser
/// without constructable sheets gets a `<style>` element instead, returned
/// to be removed with the widget.
fn adopt_widget_css(
    shadow: &ShadowRoot,
    document: &web_sys::Document,
) -> Result<Option<web_sys::Node>, JsValue> {
    let adopted = WIDGET_SHEET.with(|sheet| {
        let sheet = sheet.as_ref()?;
        let sheets = shadow.adopted_style_sheets();
        if !sheets.includes(sheet, 0) {
            sheets.push(sheet);
            shadow.set_adopted_style_sheets(&sheets);
        }
        Some(())
    });
    if adopted.is_some() {
        return Ok(None);
    }
    let style = document.create_element("style")?;
    style.set_text_content(Some(WIDGET_CSS));
    shadow.append_child(&style)?;
    Ok(Some(style.into()))
}

#[wasm_bindgen(module = "/src/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineSmartLinkClicks)]
    fn define_smart_link_clicks(mount: &js_sys::Function, preview: &js_sys::Function) -> bool;
}

/// Hands `<smart-link-clicks>` (defined by `element.js` as soon as it is
/// imported) the widget's code: the elements already in the page mount
/// then. A second copy of the script changes nothing.
pub fn define_element() {
    let mount = Closure::<dyn Fn(HtmlElement, ShadowRoot, JsValue, JsValue) -> JsValue>::new(
        |host: HtmlElement, shadow: ShadowRoot, attributes: JsValue, headers: JsValue| {
            match MountedWidget::mount(host, shadow, &attributes, &headers) {
                Ok(widget) => JsValue::from(widget),
                Err(error) => {
                    web_sys::console::error_2(&"smart-link-clicks: could not mount".into(), &error);
                    JsValue::NULL
                }
            }
        },
    );
    // Before an element has mounted its widget, its properties are read
    // from its attributes as the widget would read them.
    let preview =
        Closure::<dyn Fn(JsValue, String) -> JsValue>::new(|attributes: JsValue, name: String| {
            let config = config_of(&attributes);
            match name.as_str() {
                "filters" => filters_detail(&config.filters, &config.settings),
                property => property_value(&config.settings, &config.filters, property),
            }
        });
    define_smart_link_clicks(
        mount.as_ref().unchecked_ref(),
        preview.as_ref().unchecked_ref(),
    );
    // The definition lives as long as the page.
    mount.forget();
    preview.forget();
}

/// The configuration an element's attribute map (`{name: value}`, all
/// strings, from `element.js`) gives.
fn config_of(attributes: &JsValue) -> Config {
    let Pairs(attributes) =
        serde_wasm_bindgen::from_value::<Pairs<String>>(attributes.clone()).unwrap_or_default();
    Config::from_pairs(
        attributes.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        today_utc(),
    )
}

/// The host's `headers` object, or why it could not be read (a value no
/// serde type reads, such as a function): then none is sent, and a notice
/// says so.
fn headers_of(headers: &JsValue) -> Result<HeaderMap, String> {
    serde_wasm_bindgen::from_value(headers.clone()).map_err(|error| error.to_string())
}

/// The headers to send and the notices about the rest.
fn checked_headers(headers: &JsValue) -> (Vec<(String, String)>, Vec<ConfigIssue>) {
    match headers_of(headers) {
        Ok(headers) => validate_headers(headers),
        Err(error) => (
            Vec::new(),
            vec![ConfigIssue {
                name: "headers".into(),
                message: format!("The headers could not be read ({error}); none are sent."),
            }],
        ),
    }
}

/// The element's `filters` object (and events' `detail.filters`): the
/// view with the settings CONTRACT 7 adds to it.
fn filters_detail(filters: &Filters, settings: &Settings) -> JsValue {
    to_js(&FiltersDetail::new(
        filters,
        settings,
        locale_in_use(settings),
    ))
}

/// The locale numbers and dates are written for: the one given, as `Intl`
/// writes it, or the browser's language when none is given or `Intl`
/// refuses it (as `intl::IntlLabels` falls back).
fn locale_in_use(settings: &Settings) -> String {
    settings
        .locale
        .as_deref()
        .and_then(canonical_locale)
        .unwrap_or_else(browser_language)
}

/// A plain JavaScript object (or value) from a serde type.
fn to_js(value: &impl Serialize) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

/// How long a new widget's view stays hidden waiting for its first answer.
const VEIL_MS: u32 = 300;

/// Keeps a new widget's view hidden until its first answer or error, for
/// at most [`VEIL_MS`]: the view is built and filled while hidden, so a
/// quick answer appears complete in one frame, instead of after a frame of
/// empty skeleton whose style and layout also hold up the answer's
/// handling. A slow answer shows the loading state after [`VEIL_MS`].
/// Its timer is cancelled when the widget goes (the last clone dropped).
#[derive(Clone)]
struct Veil {
    view: Rc<RefCell<Option<HtmlElement>>>,
    _timer: Rc<Timeout>,
}

impl Veil {
    /// Hides `view` now and shows it after [`VEIL_MS`] at the latest.
    fn over(view: &HtmlElement) -> Self {
        view.set_hidden(true);
        let view = Rc::new(RefCell::new(Some(view.clone())));
        // The timer holds a weak reference: the veil owns the timer.
        let weak = Rc::downgrade(&view);
        let timer = Timeout::new(VEIL_MS, move || {
            if let Some(view) = weak.upgrade() {
                show(&view);
            }
        });
        Self {
            view,
            _timer: Rc::new(timer),
        }
    }

    /// Shows the view (once; later calls do nothing).
    fn lift(&self) {
        show(&self.view);
    }
}

/// Shows a veiled view, once.
fn show(view: &RefCell<Option<HtmlElement>>) {
    if let Some(view) = view.borrow_mut().take() {
        view.set_hidden(false);
    }
}

/// The reactive state one element drives.
#[derive(Clone, Copy)]
struct Handles {
    settings: RwSignal<Settings>,
    filters: RwSignal<Filters>,
    config_issues: RwSignal<Vec<ConfigIssue>>,
    header_issues: RwSignal<Vec<ConfigIssue>>,
    headers: RwSignal<Vec<(String, String)>>,
}

/// One mounted widget, owned by its element.
#[wasm_bindgen]
pub struct MountedWidget {
    host: HtmlElement,
    nodes: Vec<web_sys::Node>,
    unmount: Option<Box<dyn Any>>,
    config: Config,
    handles: Handles,
}

#[wasm_bindgen]
impl MountedWidget {
    fn mount(
        host: HtmlElement,
        shadow: ShadowRoot,
        attributes: &JsValue,
        headers: &JsValue,
    ) -> Result<Self, JsValue> {
        let config = config_of(attributes);
        let (headers, header_issues) = checked_headers(headers);
        let document = host
            .owner_document()
            .ok_or_else(|| JsValue::from_str("no document"))?;
        let style = adopt_widget_css(&shadow, &document)?;
        let container: HtmlElement = document.create_element("div")?.dyn_into()?;
        container.set_class_name("slc-mount");
        // Hidden only when there is an answer to wait for: notices about
        // missing settings show at once.
        let veil = blocked(&config.settings)
            .is_none()
            .then(|| Veil::over(&container));
        shadow.append_child(&container)?;

        let slot: Rc<Cell<Option<Handles>>> = Rc::default();
        let inner_slot = slot.clone();
        let initial = config.clone();
        let event_host = host.clone();
        let unmount = leptos::mount::mount_to(container.clone(), move || {
            let handles = Handles {
                settings: RwSignal::new(initial.settings.clone()),
                filters: RwSignal::new(initial.filters),
                config_issues: RwSignal::new(initial.issues.clone()),
                header_issues: RwSignal::new(header_issues),
                headers: RwSignal::new(headers),
            };
            inner_slot.set(Some(handles));
            let dispatch: Rc<dyn Fn(WidgetEvent)> = Rc::new(move |event| {
                if matches!(
                    event,
                    WidgetEvent::Loaded { .. } | WidgetEvent::Failed { .. }
                ) {
                    if let Some(veil) = &veil {
                        veil.lift();
                    }
                }
                let settings = handles.settings.try_get_untracked().unwrap_or_default();
                dispatch_event(&event_host, event, &settings)
            });
            let events: EventSink = StoredValue::new_local(Some(dispatch));
            let issues = Signal::derive(move || {
                let mut all = handles.config_issues.get();
                all.extend(handles.header_issues.get());
                all
            });
            view! {
                <ClicksWidget
                    settings=handles.settings
                    filters=handles.filters
                    issues=issues
                    headers=handles.headers
                    events=events
                />
            }
        });
        let handles = slot
            .get()
            .ok_or_else(|| JsValue::from_str("the widget did not start"))?;
        Ok(Self {
            host,
            nodes: style.into_iter().chain([container.into()]).collect(),
            unmount: Some(Box::new(unmount)),
            config,
            handles,
        })
    }

    /// Applies the element's full attribute map after a batch of changes;
    /// `set` names (comma separated) the attributes whose properties the
    /// host set, applied even when the value did not change (e.g. back to
    /// what the person had changed away from).
    pub fn update(&mut self, attributes: JsValue, set: &str) {
        let next = config_of(&attributes);
        let h = self.handles;
        let Some(current) = h.filters.try_get_untracked() else {
            return;
        };
        let set: Vec<&str> = set.split(',').collect();
        let merged = self.config.merge_filters(&next, current, &set);
        if merged != current {
            h.filters.try_set(merged);
        }
        if h.settings.try_get_untracked().as_ref() != Some(&next.settings) {
            h.settings.try_set(next.settings.clone());
        }
        if h.config_issues.try_get_untracked().as_ref() != Some(&next.issues) {
            h.config_issues.try_set(next.issues.clone());
        }
        self.config = next;
    }

    /// Replaces the extra request headers.
    #[wasm_bindgen(js_name = setHeaders)]
    pub fn set_headers(&self, headers: JsValue) {
        // A framework passes a new object of the same entries on each
        // render: equal headers set nothing, so nothing is asked again.
        let (valid, issues) = checked_headers(&headers);
        if self.handles.headers.try_get_untracked().as_ref() != Some(&valid) {
            self.handles.headers.try_set(valid);
        }
        if self.handles.header_issues.try_get_untracked().as_ref() != Some(&issues) {
            self.handles.header_issues.try_set(issues);
        }
    }

    /// The current filters as a plain object.
    pub fn filters(&self) -> JsValue {
        match (
            self.handles.filters.try_get_untracked(),
            self.handles.settings.try_get_untracked(),
        ) {
            (Some(filters), Some(settings)) => filters_detail(&filters, &settings),
            _ => JsValue::NULL,
        }
    }

    /// The effective value behind a camelCase property.
    pub fn property(&self, name: &str) -> JsValue {
        match (
            self.handles.settings.try_get_untracked(),
            self.handles.filters.try_get_untracked(),
        ) {
            (Some(settings), Some(filters)) => property_value(&settings, &filters, name),
            _ => JsValue::NULL,
        }
    }

    /// Unmounts: aborts the request in flight, frees the reactive state and
    /// removes the widget's nodes from the shadow root.
    pub fn dispose(&mut self) {
        self.unmount.take();
        for node in self.nodes.drain(..) {
            if let Some(parent) = node.parent_node() {
                let _ = parent.remove_child(&node);
            }
        }
        let _ = self.host.remove_attribute("aria-busy");
    }
}

/// The effective value behind the camelCase property `name` (CONTRACT 3).
fn property_value(settings: &Settings, f: &Filters, name: &str) -> JsValue {
    let text = |value: &Option<String>| value.as_deref().map_or(JsValue::NULL, JsValue::from_str);
    match name {
        "proxy" => text(&settings.proxy),
        "linkId" => text(&settings.link_id),
        "dateStart" => JsValue::from_str(&f.date_start.to_string()),
        "dateEnd" => JsValue::from_str(&f.date_end.to_string()),
        "pageSize" => JsValue::from(f.page_size),
        "page" => JsValue::from(f.page),
        "includeBots" => JsValue::from(f.include_bots),
        "includeDuplicates" => JsValue::from(f.include_duplicates),
        "credentials" => JsValue::from_str(settings.credentials.as_str()),
        "theme" => JsValue::from_str(settings.theme.as_str()),
        "period" => JsValue::from_str(f.period.name()),
        "compare" => JsValue::from_str(f.compare.name()),
        "refresh" => JsValue::from(settings.refresh_secs),
        "locale" => JsValue::from_str(&settings.locale.clone().unwrap_or_else(browser_language)),
        "timeZone" => JsValue::from_str(f.time_zone.name()),
        "maxRows" => JsValue::from(settings.max_rows as f64),
        _ => JsValue::UNDEFINED,
    }
}

/// Sends `event` from `host` as CONTRACT 3's DOM event (or attribute).
fn dispatch_event(host: &HtmlElement, event: WidgetEvent, settings: &Settings) {
    let (name, detail) = match event {
        WidgetEvent::Busy(busy) => {
            let _ = host.set_attribute("aria-busy", if busy { "true" } else { "false" });
            return;
        }
        WidgetEvent::Loaded {
            filters,
            clicks_total,
            row_count,
        } => (
            "slc-load",
            to_js(&LoadDetail {
                filters: FiltersDetail::new(&filters, settings, locale_in_use(settings)),
                clicks_total: clicks_total as f64,
                row_count: row_count as f64,
            }),
        ),
        WidgetEvent::Failed { status, message } => {
            ("slc-error", to_js(&ErrorDetail { status, message }))
        }
        WidgetEvent::Changed { filters } => (
            "slc-change",
            to_js(&ChangeDetail {
                filters: FiltersDetail::new(&filters, settings, locale_in_use(settings)),
            }),
        ),
    };
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}
