//! The click table (`part="table"`): one `<tr>` per row, the default
//! columns, and each row's full record one click away. The rows are written
//! by `table_rows.js` from `table_cells::rows_payload` in one call.

use super::details::ClickDetails;
use super::root::Shown;
use crate::browser::download_text;
use crate::csv::rows_to_csv;
use crate::table_cells::rows_payload;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(module = "/src/table_rows.js")]
extern "C" {
    #[wasm_bindgen(js_name = renderRows)]
    fn render_rows(tbody: &web_sys::HtmlElement, payload: &str);
}

/// The rows of the page on screen.
#[component]
pub fn ClicksTable(
    /// The response on screen.
    shown: RwSignal<Option<Shown>>,
) -> impl IntoView {
    let selected: RwSignal<Option<usize>> = RwSignal::new(None);
    let tbody = NodeRef::<leptos::html::Tbody>::new();
    // Each response is set once (`shown`), so this runs once per answer.
    Effect::new(move |_| {
        let payload = shown.with(|s| {
            s.as_ref()
                .map(|s| rows_payload(&s.data.rows))
                .unwrap_or_default()
        });
        if let Some(tbody) = tbody.get() {
            render_rows(&tbody, &payload);
        }
        // New rows: the old index no longer names the same click.
        selected.set(None);
    });
    // One listener for every row's Details button.
    let open_details = move |ev: leptos::ev::MouseEvent| {
        let button = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("button[data-row]").ok().flatten());
        if let Some(index) = button
            .and_then(|b| b.get_attribute("data-row"))
            .and_then(|i| i.parse().ok())
        {
            selected.set(Some(index));
        }
    };
    let row_count = move || shown.with(|s| s.as_ref().map(|s| s.data.rows.len()));
    let has_rows = move || row_count().is_some_and(|n| n > 0);
    let export = move |_| {
        if let Some((data, page)) =
            shown.with_untracked(|s| s.as_ref().map(|s| (s.data.clone(), s.filters.page)))
        {
            let _ = download_text(
                &format!("smart-link-clicks-page-{page}.csv"),
                &rows_to_csv(&data.rows),
                "text/csv",
            );
        }
    };
    view! {
        <section class="slc-table-section" aria-label="Clicks">
            <div class="slc-table-tools">
                <span class="slc-muted">"Newest first · times in your local time (UTC on hover)"</span>
                <button type="button" class="slc-button" on:click=export disabled=move || !has_rows()>"Download CSV"</button>
            </div>
            <div class="slc-table-scroll">
                <table class="slc-table" part="table">
                    <caption class="slc-visually-hidden">"Clicks of this page, newest first"</caption>
                    <thead>
                        // Static markup: the same order as `table_cells::rows_payload`,
                        // then the column of details buttons.
                        <tr>
                            <th scope="col">"Time"</th>
                            <th scope="col">"Country"</th>
                            <th scope="col">"Device"</th>
                            <th scope="col">"Browser"</th>
                            <th scope="col">"Platform"</th>
                            <th scope="col">"Referrer"</th>
                            <th scope="col">"UTM source"</th>
                            <th scope="col">"UTM campaign"</th>
                            <th scope="col">"Flags"</th>
                            <th scope="col">"Record"</th>
                        </tr>
                    </thead>
                    <tbody node_ref=tbody on:click=open_details></tbody>
                </table>
                <p class="slc-empty" hidden=move || row_count() != Some(0)>"No clicks on this page."</p>
            </div>
            <ClickDetails shown=shown selected=selected />
        </section>
    }
}
