//! A click's full record in a modal dialog: every field of the row,
//! including fields this version does not know, as text.

use leptos::html::Dialog;
use leptos::prelude::*;

/// The details dialog for the selected row.
#[component]
pub fn ClickDetails(
    /// The record to show (a row's fields as name and text), if one is
    /// open; closing the dialog clears it. Required.
    selected: RwSignal<Option<Vec<(String, String)>>>,
) -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    // The dialog is open exactly while there is a record to show.
    Effect::new(move |_| {
        let open = selected.with(Option::is_some);
        if let Some(dialog) = dialog.get() {
            if open && !dialog.open() {
                let _ = dialog.show_modal();
            } else if !open && dialog.open() {
                dialog.close();
            }
        }
    });
    let items = move || {
        selected
            .get()
            .unwrap_or_default()
            .into_iter()
            .map(|(name, value)| {
                view! { <div class="slc-record-item"><dt>{name}</dt><dd>{value}</dd></div> }
            })
            .collect::<Vec<_>>()
    };
    view! {
        <dialog node_ref=dialog class="slc-dialog" aria-label="Click details" on:close=move |_| selected.set(None)>
            <h2 class="slc-dialog-title">"Click details"</h2>
            <dl class="slc-record">{items}</dl>
            <form method="dialog"><button class="slc-button" type="submit">"Close"</button></form>
        </dialog>
    }
}
