//! A click's full record in a modal dialog: every field of the row,
//! including fields this version does not know, as text.

use super::root::Shown;
use crate::table_cells::record_payload;
use leptos::html::Dialog;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/table_rows.js")]
extern "C" {
    #[wasm_bindgen(js_name = renderRecord)]
    fn render_record(list: &web_sys::HtmlElement, payload: &str);
}

/// The details dialog for the selected row.
#[component]
pub fn ClickDetails(
    /// The response whose rows are shown.
    shown: RwSignal<Option<Shown>>,
    /// The row whose record is open, if any (the table resets it when new
    /// rows arrive).
    selected: RwSignal<Option<usize>>,
) -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    let list = NodeRef::<leptos::html::Dl>::new();
    // The selected row's record, written by `renderRecord`; the dialog is
    // open exactly while there is one.
    Effect::new(move |_| {
        let payload = selected
            .get()
            .and_then(|index| shown.with(|s| s.as_ref()?.data.rows.get(index).map(record_payload)));
        if let Some(list) = list.get() {
            render_record(&list, payload.as_deref().unwrap_or(""));
        }
        if let Some(dialog) = dialog.get() {
            if payload.is_some() && !dialog.open() {
                let _ = dialog.show_modal();
            } else if payload.is_none() && dialog.open() {
                dialog.close();
            }
        }
    });
    view! {
        <dialog node_ref=dialog class="slc-dialog" aria-label="Click details" on:close=move |_| selected.set(None)>
            <h2 class="slc-dialog-title">"Click details"</h2>
            <dl node_ref=list class="slc-record"></dl>
            <form method="dialog"><button class="slc-button" type="submit">"Close"</button></form>
        </dialog>
    }
}
