//! The summary line (`part="summary"`): total, range, bot and duplicate
//! inclusion, and which rows the table holds.

use super::state::{Compared, Shown};
use crate::compare::change_label;
use crate::config::Filters;
use crate::format::{clicks_label, group_thousands, range_label};
use leptos::prelude::*;

/// The total clicks, the range shown (as the API echoes it) and the filters.
#[component]
pub fn Summary(
    /// The response on screen.
    shown: RwSignal<Option<Shown>>,
    /// The current view, for what is being loaded before any data arrives.
    filters: RwSignal<Filters>,
    /// Whether a request is in flight.
    busy: RwSignal<bool>,
    /// The compared range, whose change in per cent is stated while there
    /// is a comparison. Default: none.
    #[prop(optional)]
    compared: Option<RwSignal<Option<Compared>>>,
) -> impl IntoView {
    let compared = compared.unwrap_or_else(|| RwSignal::new(None));
    // `+12.5 % vs 4 Oct – 2 Nov 2026` (CONTRACT 7), or what stands in for it.
    let comparison = move || {
        let now = shown.with(|s| s.as_ref().map(|s| s.data.total_for_paging()))?;
        compared.with(|c| {
            Some(match c.as_ref()? {
                Compared::Loading => "Comparing…".to_string(),
                Compared::Shown {
                    start, end, total, ..
                } => {
                    format!(
                        "{} vs {}",
                        change_label(now, *total),
                        range_label(*start, *end)
                    )
                }
                Compared::Failed(why) => format!("No comparison: {why}"),
            })
        })
    };
    let total = move || {
        shown.with(|s| match s {
            Some(s) => clicks_label(s.data.total_for_paging()),
            None if busy.get() => "Loading clicks…".to_string(),
            None => "No data yet".to_string(),
        })
    };
    let range = move || {
        shown.with(|s| {
            let requested = filters.get();
            let (start, end) = match s {
                Some(s) => (
                    s.data.filters.date_start.unwrap_or(s.filters.date_start),
                    s.data.filters.date_end.unwrap_or(s.filters.date_end),
                ),
                None => (requested.date_start, requested.date_end),
            };
            format!("{} (UTC days)", range_label(start, end))
        })
    };
    let inclusion = move || {
        shown.with(|s| {
            let f = filters.get();
            let (bots, dups) = match s {
                Some(s) => (
                    s.data
                        .filters
                        .include_bots
                        .unwrap_or(s.filters.include_bots),
                    s.data
                        .filters
                        .include_duplicates
                        .unwrap_or(s.filters.include_duplicates),
                ),
                None => (f.include_bots, f.include_duplicates),
            };
            format!(
                "Bots {} · duplicates {}",
                if bots { "included" } else { "excluded" },
                if dups { "included" } else { "excluded" }
            )
        })
    };
    let rows = move || {
        shown.with(|s| {
            s.as_ref().and_then(|s| {
                let count = s.data.rows.len() as u64;
                if count == 0 {
                    return None;
                }
                let first = u64::from(s.filters.page - 1) * u64::from(s.filters.page_size) + 1;
                Some(format!(
                    "Rows {}–{} of {}",
                    group_thousands(first),
                    group_thousands(first + count - 1),
                    group_thousands(s.data.total_for_paging())
                ))
            })
        })
    };
    let warnings = move || {
        shown.with(|s| {
            s.as_ref()
                .map(|s| s.data.warnings.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <section class="slc-summary" part="summary" aria-label="Summary">
            <p class="slc-total">{total}</p>
            <p class="slc-range">{range}</p>
            <p class="slc-inclusion">{inclusion}</p>
            <p class="slc-rows-shown">{rows}</p>
            {move || comparison().map(|text| view! { <p class="slc-change" aria-live="polite">{text}</p> })}
            {move || {
                let warnings = warnings();
                (!warnings.is_empty()).then(|| view! {
                    <ul class="slc-warnings" role="status">
                        {warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}
