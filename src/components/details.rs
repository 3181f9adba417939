//! A click's full record in a modal dialog: every field of the row,
//! including fields this version does not know, as text.

use crate::model::ClicksResponse;
use leptos::html::Dialog;
use leptos::prelude::*;
use std::sync::Arc;

/// The details dialog for the selected row.
#[component]
pub fn ClickDetails(
    /// The response whose rows are shown.
    data: Memo<Option<Arc<ClicksResponse>>>,
    /// The row whose record is open, if any.
    selected: RwSignal<Option<usize>>,
) -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    Effect::new(move |_| {
        let open = selected.get().is_some();
        if let Some(dialog) = dialog.get() {
            if open && !dialog.open() {
                let _ = dialog.show_modal();
            } else if !open && dialog.open() {
                dialog.close();
            }
        }
    });
    // A new page means the old index no longer names the same click.
    Effect::new(move |_| {
        data.track();
        selected.set(None);
    });
    let fields = move || {
        let index = selected.get()?;
        data.with(|d| {
            let row = d.as_ref()?.rows.get(index)?;
            let mut fields: Vec<(String, String)> = row
                .known_fields()
                .into_iter()
                .map(|(name, value)| (name.to_string(), value))
                .collect();
            fields.extend(
                row.extra
                    .iter()
                    .map(|(name, value)| (format!("{name} (new field)"), value.clone())),
            );
            if let Some(raw) = &row.not_an_object {
                fields.insert(0, ("(row)".into(), format!("not an object: {raw}")));
            }
            Some(fields)
        })
    };
    view! {
        <dialog node_ref=dialog class="slc-dialog" aria-label="Click details" on:close=move |_| selected.set(None)>
            <h2 class="slc-dialog-title">"Click details"</h2>
            <dl class="slc-record">
                {move || fields().unwrap_or_default().into_iter().map(|(name, value)| view! {
                    <div class="slc-record-item"><dt>{name}</dt><dd>{value}</dd></div>
                }).collect_view()}
            </dl>
            <form method="dialog"><button class="slc-button" type="submit">"Close"</button></form>
        </dialog>
    }
}
