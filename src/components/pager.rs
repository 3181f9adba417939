//! The pager (`part="pager"`): `First page`, `Previous page`, `Next page`,
//! `Last page`, `Page X of Y` and `Rows per page`.

use super::formats::Formats;
use super::state::Shown;
use super::state::ViewControl;
use crate::config::Filters;
use crate::pagination::{PageWindow, PAGE_SIZE_CHOICES};
use leptos::prelude::*;

/// Moves between pages and sets the page size.
#[component]
pub fn Pager(
    /// The view to change. Required.
    control: ViewControl,
    /// The response on screen; its total sets the page count. Required.
    shown: RwSignal<Option<Shown>>,
    /// How numbers and dates are written (the widget's locale). Required.
    formats: Formats,
) -> impl IntoView {
    let filters = control.filters;
    // Until data arrives the page count is unknown: assume the page exists.
    let window = Memo::new(move |_| {
        let f = filters.get();
        let total = shown.with(|s| s.as_ref().map(|s| s.data.total_for_paging()));
        match total {
            Some(total) => PageWindow::new(f.page, total, f.page_size),
            None => PageWindow {
                page: f.page,
                page_count: f.page,
            },
        }
    });
    let page_size_changed = move |ev: leptos::ev::Event| {
        if let Ok(size) = event_target_value(&ev).parse::<u32>() {
            control.change_filter(|f| f.page_size = size);
        }
    };
    view! {
        <nav class="slc-pager" part="pager" aria-label="Pages">
            {page_button(control, window, "First page", "«", PageWindow::has_previous, |_| 1)}
            {page_button(control, window, "Previous page", "‹", PageWindow::has_previous, |w| w.page - 1)}
            <span class="slc-page-label" aria-live="polite">{move || formats.with(|labels| window.get().label(labels))}</span>
            {page_button(control, window, "Next page", "›", PageWindow::has_next, |w| w.page + 1)}
            {page_button(control, window, "Last page", "»", PageWindow::has_next, |w| w.page_count)}
            // A wrapping <label> would add the options' text to the name.
            <div class="slc-field slc-page-size">
                <span aria-hidden="true">"Rows per page"</span>
                <select aria-label="Rows per page" on:change=page_size_changed prop:value=move || filters.with(|f| f.page_size.to_string())>
                    // A size from the configuration that is not one of the
                    // choices leads the list, so the select can show it.
                    {move || {
                        let current = filters.with(|f| f.page_size);
                        (!PAGE_SIZE_CHOICES.contains(&current))
                            .then(|| view! { <option value=current.to_string() selected=true>{current.to_string()}</option> })
                    }}
                    <option value="25">"25"</option>
                    <option value="50">"50"</option>
                    <option value="100">"100"</option>
                    <option value="250">"250"</option>
                    <option value="500">"500"</option>
                    <option value="1000">"1000"</option>
                </select>
            </div>
        </nav>
    }
}

/// One move button, named by `label`. Function pointers keep the four
/// buttons one type (one copy of their code in the wasm).
fn page_button(
    control: ViewControl,
    window: Memo<PageWindow>,
    label: &'static str,
    symbol: &'static str,
    enabled: fn(&PageWindow) -> bool,
    target: fn(&PageWindow) -> u32,
) -> impl IntoView {
    view! {
        <button type="button" class="slc-button" aria-label=label title=label
            disabled=move || !window.with(enabled)
            on:click=move |_| {
                let page = window.with_untracked(target);
                control.change(|f| Filters { page, ..f });
            }>{symbol}</button>
    }
}
