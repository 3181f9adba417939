//! Components and the custom element in headless Chromium, against the mock
//! proxy that `scripts/test.sh` starts (its URL arrives as SLC_TEST_PROXY).

#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use smart_link_clicks::components::ClicksWidget;
use smart_link_clicks::config::{Config, Filters, Settings};
use smart_link_clicks::day::UtcDay;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

// A run-time message (not `env!`) so the file still compiles for clippy without a proxy.
#[allow(clippy::option_env_unwrap)]
fn proxy_url() -> &'static str {
    option_env!("SLC_TEST_PROXY").expect(
        "SLC_TEST_PROXY: run the wasm tests through scripts/test.sh, which starts the mock proxy",
    )
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Polls `check` for up to 10 s.
async fn until(what: &str, mut check: impl FnMut() -> bool) {
    for _ in 0..200 {
        if check() {
            return;
        }
        sleep(50).await;
    }
    panic!("timed out waiting for {what}");
}

fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn fresh_container() -> HtmlElement {
    let div: HtmlElement = document()
        .create_element("div")
        .unwrap()
        .dyn_into()
        .unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div
}

/// The mock's log of the main API requests, each as `path?query headers
/// {…}`: the one-row requests of the analyst views (the clean totals, the
/// compared range; `limit=1`) left out.
async fn mock_requests() -> Vec<String> {
    let response = gloo_net::http::Request::get(&format!("{}/__mock/requests", proxy_url()))
        .send()
        .await
        .unwrap();
    let log: serde_json::Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    log["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["path"].as_str().unwrap_or_default().starts_with("/api/"))
        .filter(|r| {
            !r["query"]
                .as_str()
                .unwrap_or_default()
                .contains("&limit=1&")
        })
        .map(|r| {
            format!(
                "{}?{} headers {}",
                r["path"].as_str().unwrap(),
                r["query"].as_str().unwrap(),
                r["headers"]
            )
        })
        .collect()
}

/// The logged API requests whose text names `link`.
async fn requests_for(link: &str) -> Vec<String> {
    mock_requests()
        .await
        .into_iter()
        .filter(|r| r.contains(link))
        .collect()
}

/// Whether the mock sees `count` requests naming `link` within 10 s.
async fn requests_arrive(link: &str, count: usize) -> bool {
    for _ in 0..100 {
        if requests_for(link).await.len() >= count {
            return true;
        }
        sleep(100).await;
    }
    false
}

fn unique_link(prefix: &str) -> String {
    format!("{prefix}-{}", js_sys::Date::now() as u64)
}

fn settings(link_id: &str) -> Settings {
    Settings {
        proxy: Some(proxy_url().to_string()),
        link_id: Some(link_id.to_string()),
        ..Settings::default()
    }
}

#[wasm_bindgen_test]
async fn root_component_shows_rows_pager_and_reacts_to_a_filter() {
    let container = fresh_container();
    let today = UtcDay::from_unix_ms(js_sys::Date::now());
    let filters_slot = std::rc::Rc::new(std::cell::Cell::new(None));
    let slot = filters_slot.clone();
    let _handle = leptos::mount::mount_to(container.clone(), move || {
        let filters = RwSignal::new(Filters::defaults(today));
        slot.set(Some(filters));
        view! { <ClicksWidget settings=settings("wasm-test-link") filters=filters /> }
    });
    let root: Element = container.clone().into();
    until("100 rows", || count(&root, "[part=table] tbody tr") == 100).await;
    let label = text(&root, "[part=pager] .slc-page-label");
    assert!(label.starts_with("Page 1 of "), "{label}");
    assert_eq!(count(&root, "[part=chart] svg rect"), 30);
    assert!(text(&root, "[part=summary]").contains("clicks"));

    let checkbox: web_sys::HtmlInputElement = root
        .query_selector("[part=filters] input[type=checkbox]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    checkbox.click();
    until("the bots filter to apply", || {
        text(&root, "[part=summary]").contains("Bots excluded")
            && container
                .first_element_child()
                .and_then(|e| e.get_attribute("aria-busy"))
                .as_deref()
                == Some("false")
    })
    .await;
    let filters = filters_slot.get().unwrap().get_untracked();
    assert!(!filters.include_bots);
    let requests = mock_requests().await;
    let last = requests
        .iter()
        .rev()
        .find(|r| r.contains("wasm-test-link"))
        .unwrap();
    assert!(
        last.contains("include_bots=false&include_duplicates=true"),
        "{last}"
    );
}

#[wasm_bindgen_test]
async fn a_request_goes_out_when_sent_not_when_awaited() {
    let link = unique_link("sent-early");
    let url = format!("{}/api/smart-links/{link}/clicks", proxy_url());
    let sent = smart_link_clicks::client::send_clicks_request(
        &url,
        smart_link_clicks::config::Credentials::SameOrigin,
        &[],
        None,
    );
    assert!(sent.is_ok());
    // The answer is never awaited: the mock still sees the request.
    assert!(
        requests_arrive(&link, 1).await,
        "the request reached the proxy without being awaited"
    );
}

#[wasm_bindgen(inline_js = r#"
export function watchFetches(part) {
  const original = window.fetch;
  let count = 0;
  window.fetch = function (input, init) {
    const url = String(input.url ?? input);
    if (url.includes(part) && !url.includes('&limit=1&')) count += 1;
    return original.call(this, input, init);
  };
  // Called with `true`: the count, and window.fetch as it was.
  return (restore) => {
    if (restore) window.fetch = original;
    return count;
  };
}
"#)]
extern "C" {
    /// Counts the main `fetch` calls (not the analyst views' one-row
    /// requests) whose URL contains `part` from now on;
    /// returns a function that tells the count (and with `true` also puts
    /// `window.fetch` back).
    #[wasm_bindgen(js_name = watchFetches)]
    fn watch_fetches(part: &str) -> js_sys::Function;
}

fn fetch_count(counter: &js_sys::Function) -> f64 {
    counter.call0(&JsValue::NULL).unwrap().as_f64().unwrap()
}

/// The final count, with `window.fetch` put back for the tests after.
fn stop_counting(counter: &js_sys::Function) -> f64 {
    counter
        .call1(&JsValue::NULL, &JsValue::TRUE)
        .unwrap()
        .as_f64()
        .unwrap()
}

/// Holds down a late and a double fetch: the first view's request is sent
/// while the view is built (before any effect runs) and taken over by the
/// request effect, never sent twice.
#[wasm_bindgen_test]
async fn the_first_view_makes_exactly_one_request() {
    let link = unique_link("first-view");
    let container = fresh_container();
    let today = UtcDay::from_unix_ms(js_sys::Date::now());
    let settings = settings(&link);
    let fetches = watch_fetches(&link);
    let _handle = leptos::mount::mount_to(container.clone(), move || {
        view! { <ClicksWidget settings=settings filters=RwSignal::new(Filters::defaults(today)) /> }
    });
    assert_eq!(
        fetch_count(&fetches),
        1.0,
        "the request is out when mounting returns"
    );
    let root: Element = container.into();
    until("100 rows", || count(&root, "[part=table] tbody tr") == 100).await;
    sleep(200).await;
    assert_eq!(stop_counting(&fetches), 1.0);
    let requests = requests_for(&link).await;
    assert_eq!(requests.len(), 1, "{requests:?}");
}

#[wasm_bindgen_test]
async fn config_issues_and_missing_settings_are_visible() {
    let container = fresh_container();
    let today = UtcDay::from_unix_ms(js_sys::Date::now());
    let config = Config::from_pairs([("page-size", "0"), ("date-start", "soon")], today);
    let issues = config.issues.clone();
    let _handle = leptos::mount::mount_to(container.clone(), move || {
        view! { <ClicksWidget settings=config.settings filters=RwSignal::new(config.filters) issues=issues /> }
    });
    let root: Element = container.into();
    until("the notices", || {
        text(&root, "[part=notice]").contains("page-size")
    })
    .await;
    let notices = text(&root, ".slc-notice-config");
    assert!(notices.contains("date-start"), "{notices}");
    let setup = text(&root, ".slc-notice-setup");
    assert!(
        setup.contains("A proxy and a smart link are needed"),
        "{setup}"
    );
    assert_eq!(count(&root, "[part=error]"), 0);
}

fn new_element(attributes: &[(&str, &str)]) -> HtmlElement {
    smart_link_clicks::element::define_element();
    let element: HtmlElement = document()
        .create_element("smart-link-clicks")
        .unwrap()
        .dyn_into()
        .unwrap();
    for (name, value) in attributes {
        element.set_attribute(name, value).unwrap();
    }
    document().body().unwrap().append_child(&element).unwrap();
    element
}

/// The widget's mount point in the element's shadow root (the element
/// mounts at the end of the task it was added in).
async fn shadow(element: &HtmlElement) -> Element {
    let root = element.shadow_root().expect("an open shadow root");
    until("the widget's mount point", || {
        root.query_selector(".slc-mount").unwrap().is_some()
    })
    .await;
    root.query_selector(".slc-mount").unwrap().unwrap()
}

/// Sets the element's `headers` property to an object of these entries.
fn set_headers(element: &HtmlElement, entries: &[(&str, JsValue)]) {
    let headers = js_sys::Object::new();
    for (name, value) in entries {
        js_sys::Reflect::set(&headers, &(*name).into(), value).unwrap();
    }
    js_sys::Reflect::set(element, &"headers".into(), &headers).unwrap();
}

fn property(element: &HtmlElement, name: &str) -> JsValue {
    js_sys::Reflect::get(element, &name.into()).unwrap()
}

/// Issue 18: under a strict `Content-Security-Policy` (`style-src 'self'`)
/// inline CSS is blocked, so the widget's CSS is one constructed sheet in
/// `adoptedStyleSheets`, shared by every element of the page; and React 19,
/// which sets every prop it is given as a property, may set the read-only
/// `filters` without an error.
#[wasm_bindgen_test]
async fn element_styles_by_one_adopted_sheet_and_ignores_a_filters_set() {
    let link = unique_link("adopted-sheet");
    let a = new_element(&[("proxy", proxy_url()), ("link-id", link.as_str())]);
    let b = new_element(&[("proxy", proxy_url()), ("link-id", link.as_str())]);
    shadow(&a).await;
    shadow(&b).await;
    let sheets = |e: &HtmlElement| e.shadow_root().unwrap().adopted_style_sheets();
    assert_eq!(sheets(&a).length(), 1);
    assert!(js_sys::Object::is(&sheets(&a).get(0), &sheets(&b).get(0)));
    let shadow_root = a.shadow_root().unwrap();
    assert_eq!(shadow_root.query_selector_all("style").unwrap().length(), 0);
    let accent = js_sys::Function::new_with_args(
        "e",
        "return getComputedStyle(e).getPropertyValue('--slc-accent').trim()",
    )
    .call1(&JsValue::NULL, &a)
    .unwrap();
    assert_eq!(accent.as_string().as_deref(), Some("#0969da"));

    let page_size = |e: &HtmlElement| {
        js_sys::Reflect::get(&property(e, "filters"), &"pageSize".into()).unwrap()
    };
    let before = page_size(&a);
    let wrong = js_sys::Object::new();
    js_sys::Reflect::set(&wrong, &"pageSize".into(), &7.into()).unwrap();
    // `Reflect.set` is false for a property with only a getter (where a
    // strict-mode assignment, as React makes, throws): true means a setter.
    assert_eq!(
        js_sys::Reflect::set(&a, &"filters".into(), &wrong),
        Ok(true)
    );
    assert_eq!(page_size(&a), before);
    a.remove();
    b.remove();
}

#[wasm_bindgen_test]
async fn element_parses_attributes_and_falls_back_visibly() {
    let element = new_element(&[
        ("proxy", proxy_url()),
        ("link-id", "element-parse"),
        ("page-size", "0"),
        ("page", "abc"),
        ("include-duplicates", "nope"),
        ("date-end", "2026-02-10"),
    ]);
    let root = shadow(&element).await;
    until("the notices", || {
        text(&root, "[part=notice]").contains("page-size")
    })
    .await;
    assert_eq!(property(&element, "pageSize").as_f64(), Some(100.0));
    assert_eq!(property(&element, "page").as_f64(), Some(1.0));
    assert_eq!(
        property(&element, "includeDuplicates").as_bool(),
        Some(true)
    );
    assert_eq!(
        property(&element, "dateStart").as_string().as_deref(),
        Some("2026-01-12")
    );
    assert_eq!(
        property(&element, "linkId").as_string().as_deref(),
        Some("element-parse")
    );
    let notices = text(&root, "[part=notice]");
    assert!(
        notices.contains("page") && notices.contains("include-duplicates"),
        "{notices}"
    );
    until("rows", || count(&root, "[part=table] tbody tr") > 0).await;
    let filters = property(&element, "filters");
    assert_eq!(
        js_sys::Reflect::get(&filters, &"pageSize".into())
            .unwrap()
            .as_f64(),
        Some(100.0)
    );
    element.remove();
}

#[wasm_bindgen_test]
async fn element_refuses_an_api_key_and_fetches_nothing() {
    let link = unique_link("refused-key-link");
    let element = new_element(&[
        ("proxy", proxy_url()),
        ("link-id", link.as_str()),
        ("api-key", "sk_live_secret"),
    ]);
    let root = shadow(&element).await;
    // Nothing will be fetched, so nothing waits for an answer: shown at once.
    assert!(!root.has_attribute("hidden"), "the view is not held back");
    until("the refusal", || {
        text(&root, "[part=notice]").contains("belong in the proxy")
    })
    .await;
    assert!(!root
        .text_content()
        .unwrap_or_default()
        .contains("sk_live_secret"));
    sleep(300).await;
    assert!(!mock_requests()
        .await
        .iter()
        .any(|r| r.contains(link.as_str())));
    assert_ne!(element.get_attribute("aria-busy").as_deref(), Some("true"));
    // Removing the key lets it run.
    element.remove_attribute("api-key").unwrap();
    until("rows after the key is removed", || {
        count(&root, "[part=table] tbody tr") > 0
    })
    .await;
    // A key added while a slow request is in flight stops it: no longer busy.
    element
        .set_attribute("link-id", &format!("{link}+delay1500"))
        .unwrap();
    until("a request in flight", || {
        element.get_attribute("aria-busy").as_deref() == Some("true")
    })
    .await;
    // Issue 15: a spelling the element did not observe (only `token`,
    // `api-key` and a few more were) changed nothing at run time.
    element.set_attribute("X_API-KEY", "t").unwrap();
    until("not busy once refused", || {
        element.get_attribute("aria-busy").as_deref() == Some("false")
    })
    .await;
    element.remove();
}

/// Holds down a request without the page's headers: the element mounts
/// (and sends its first request) only after the task that added it.
#[wasm_bindgen_test]
async fn headers_set_right_after_adding_the_element_are_in_its_only_request() {
    let link = unique_link("headers-first");
    let element = new_element(&[("proxy", proxy_url()), ("link-id", link.as_str())]);
    set_headers(&element, &[("X-Dashboard-Session", "s-1".into())]);
    let root = shadow(&element).await;
    until("rows", || count(&root, "[part=table] tbody tr") > 0).await;
    sleep(200).await;
    let requests = requests_for(&link).await;
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert!(requests[0].contains("s-1"), "{requests:?}");
    element.remove();
}

#[wasm_bindgen_test]
async fn element_batches_attribute_changes_into_one_request() {
    // Ids unique to this run, so a reused mock's log cannot confuse the count.
    let link_b = unique_link("batch-b");
    let element = new_element(&[("proxy", proxy_url()), ("link-id", "batch-a")]);
    let root = shadow(&element).await;
    until("rows", || count(&root, "[part=table] tbody tr") == 100).await;
    element.set_attribute("link-id", &link_b).unwrap();
    element.set_attribute("page-size", "25").unwrap();
    until("the new page size", || {
        count(&root, "[part=table] tbody tr") == 25
    })
    .await;
    sleep(200).await;
    let to_b = requests_for(&link_b).await;
    assert_eq!(to_b.len(), 1, "{to_b:?}");
    assert!(to_b[0].contains("limit=25&offset=0"), "{to_b:?}");
    element.remove();
}

/// Issue 14: a `headers` value that is not a string (or that `fetch` would
/// refuse) is a visible notice naming the header, not a silent drop or a
/// thrown exception; the other headers still go out.
#[wasm_bindgen_test]
async fn a_header_value_that_is_not_a_string_is_named_in_a_notice() {
    let link = unique_link("header-kinds");
    let element = new_element(&[("proxy", proxy_url()), ("link-id", link.as_str())]);
    set_headers(
        &element,
        &[
            ("X-Dashboard-Session", "s-2".into()),
            ("X-Count", JsValue::from(5)),
            // Before the review fix, gloo-net threw on this (fetch refuses it).
            ("X-User", "Łukasz".into()),
        ],
    );
    let root = shadow(&element).await;
    until("the notices", || {
        let notices = text(&root, "[part=notice]");
        notices.contains("X-Count is a number, not a string")
            && notices.contains("X-User has characters")
    })
    .await;
    until("rows", || count(&root, "[part=table] tbody tr") > 0).await;
    let requests = requests_for(&link).await;
    assert!(requests[0].contains("s-2"), "{requests:?}");
    assert!(
        !requests[0].to_ascii_lowercase().contains("x-count"),
        "{requests:?}"
    );
    element.remove();
}

/// Issue 14: the rows are Leptos's; a page flip updates the rows on screen
/// (the same `<tr>` nodes) rather than building new ones.
#[wasm_bindgen_test]
async fn a_page_flip_rewrites_the_rows_on_screen_in_place() {
    let link = unique_link("flip-in-place");
    let root = mount_widget_for(&link);
    until("100 rows", || count(&root, "[part=table] tbody tr") == 100).await;
    let first_row = root
        .query_selector("[part=table] tbody tr")
        .unwrap()
        .unwrap();
    let first_text = first_row.text_content().unwrap_or_default();
    let next: HtmlElement = root
        .query_selector("button[aria-label='Next page']")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    next.click();
    until("page 2's rows", || {
        first_row.text_content().unwrap_or_default() != first_text
    })
    .await;
    assert!(
        first_row.is_connected(),
        "the first row was kept and rewritten"
    );
    assert_eq!(count(&root, "[part=table] tbody tr"), 100);
}

/// Mounts a widget for `link` with the default view; it stays mounted for
/// the rest of the test run.
fn mount_widget_for(link: &str) -> Element {
    let container = fresh_container();
    let today = UtcDay::from_unix_ms(js_sys::Date::now());
    let settings = settings(link);
    leptos::mount::mount_to(container.clone(), move || {
        view! { <ClicksWidget settings=settings filters=RwSignal::new(Filters::defaults(today)) /> }
    })
    .forget();
    container.into()
}

/// Issue 14 review: a `headers` object serde cannot read (a function as a
/// value) was dropped whole and silently; now a notice says none are sent.
#[wasm_bindgen_test]
async fn headers_that_cannot_be_read_are_named_in_a_notice() {
    let link = unique_link("header-unreadable");
    let element = new_element(&[("proxy", proxy_url()), ("link-id", link.as_str())]);
    let function = js_sys::Function::new_no_args("return 1");
    set_headers(&element, &[("X-Fn", function.into())]);
    let root = shadow(&element).await;
    until("the notice", || {
        text(&root, "[part=notice]").contains("headers could not be read")
    })
    .await;
    element.remove();
}

/// Issue 14 review: with `json_compatible`, a `u64` total over 2^53 was
/// refused and `slc-load`'s whole detail became `null`.
#[wasm_bindgen_test]
fn a_total_beyond_javascripts_safe_integers_still_makes_a_load_detail() {
    use serde::Serialize;
    use smart_link_clicks::event_detail::{FiltersDetail, LoadDetail};
    let today = UtcDay::from_unix_ms(js_sys::Date::now());
    let detail = LoadDetail {
        filters: FiltersDetail::new(
            &Filters::defaults(today),
            &smart_link_clicks::config::Settings::default(),
            "en-US".into(),
        ),
        clicks_total: 9_007_199_254_740_993u64 as f64,
        row_count: 100.0,
    };
    let value = detail
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap();
    let total = js_sys::Reflect::get(&value, &"clicksTotal".into()).unwrap();
    assert!(total.as_f64().unwrap() > 9.0e15);
}

/// Issue 16: numbers, UTC days, ranges and row times through `Intl`, for
/// the locale asked for; a tag `Intl` refuses is said, not thrown.
#[wasm_bindgen_test]
fn intl_labels_write_for_their_locale() {
    use smart_link_clicks::config::TimeZone;
    use smart_link_clicks::format::Labels;
    use smart_link_clicks::intl::IntlLabels;
    let day = |text| UtcDay::parse(text).unwrap();
    let german = IntlLabels::new(Some("de-DE"));
    assert_eq!(german.locale(), "de-DE");
    assert_eq!(german.problem(), None);
    assert_eq!(german.number(4120), "4.120");
    assert_eq!(german.tenths(80.25, false), "80,3");
    assert_eq!(german.tenths(-0.04, true), "+0,0");
    assert_eq!(german.day_month(day("2026-12-02")), "2. Dez.");
    assert_eq!(
        german.range(day("2026-10-25"), day("2026-11-23")),
        "25. Okt. – 23. Nov. 2026"
    );
    let british = IntlLabels::new(Some("en-GB"));
    assert_eq!(british.number(1_234_567), "1,234,567");
    assert_eq!(british.tenths(12.46, true), "+12.5");
    assert_eq!(british.long_day(day("2026-11-03")), "Tue, 3 Nov 2026");
    assert_eq!(
        british.range(day("2026-11-03"), day("2026-11-09")),
        "3 – 9 Nov 2026"
    );
    assert_eq!(british.month_year(day("2026-11-03")), "Nov 2026");
    // A UTC day stays that day in every zone: 1 January at 00:00 UTC.
    assert_eq!(british.day_month(day("2026-01-01")), "1 Jan");
    // 19:35:18 UTC, in UTC, whatever the machine's zone.
    let ms = 1_795_462_518_000.0;
    assert_eq!(
        british.row_time(ms, TimeZone::Utc),
        "23 Nov 2026, 19:35:18 UTC"
    );
    let refused = IntlLabels::new(Some("en-a"));
    assert!(refused.problem().is_some_and(|p| p.contains("\"en-a\"")));
    assert_eq!(
        refused.number(4120).len(),
        5,
        "the browser's language still groups"
    );
}
