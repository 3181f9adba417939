//! The summary line (`part="summary"`): total, range, bot and duplicate
//! inclusion, and which rows the table holds.

use super::formats::Formats;
use super::state::{Shown, SideAnswer};
use crate::clean::CleanFigures;
use crate::compare::{change_label, Compare};
use crate::config::Filters;
use crate::format::{clicks_label, Labels};
use leptos::prelude::*;

/// The total clicks, the range shown (as the API echoes it) and the filters.
#[component]
pub fn Summary(
    /// The response on screen. Required.
    shown: RwSignal<Option<Shown>>,
    /// The current view, for what is being loaded before any data arrives. Required.
    filters: RwSignal<Filters>,
    /// Whether a request is in flight. Required.
    busy: RwSignal<bool>,
    /// How numbers and dates are written (the widget's locale). Required.
    formats: Formats,
    /// The compared range, whose change in per cent is stated while there
    /// is a comparison. Default: none.
    #[prop(optional)]
    compared: Option<Signal<Option<SideAnswer>>>,
    /// The clean totals (bots and duplicates excluded, bots excluded,
    /// duplicates excluded), stated while both flags are included.
    /// Default: none.
    #[prop(optional)]
    clean: Option<[Signal<Option<SideAnswer>>; 3]>,
    /// When the data on screen arrived (ms since the epoch), stated as
    /// `Updated 14:05` while given. Default: none.
    #[prop(into, optional)]
    updated_at: Signal<Option<f64>>,
) -> impl IntoView {
    let clean = clean.unwrap_or_else(|| [(); 3].map(|()| Signal::stored(None)));
    // `3,310 clean (80.3 %) · 610 bots · 230 duplicates` (CONTRACT 7), from
    // the API's totals; a quiet note while they load or if one failed.
    let clean_figures = move || {
        // Said from the first moment the view asks for it, so the line
        // holds its place and nothing jumps when the figures come.
        if !filters.with(|f| f.include_bots && f.include_duplicates) {
            return None;
        }
        let waiting = || Some("counting clean clicks…".to_string());
        let Some(total) = shown.with(|s| s.as_ref().map(|s| s.data.total_for_paging())) else {
            // Before the first answer, only while it is on its way.
            return if busy.get() { waiting() } else { None };
        };
        let mut totals = [0u64; 3];
        for (slot, answer) in totals.iter_mut().zip(clean) {
            match answer.get() {
                None => return None,
                Some(SideAnswer::Loading) => return waiting(),
                Some(SideAnswer::Failed(why)) => return Some(format!("no clean figures: {why}")),
                Some(SideAnswer::Shown { total, .. }) => *slot = total,
            }
        }
        let [clean, without_bots, without_duplicates] = totals;
        let figures = CleanFigures::from_totals(total, clean, without_bots, without_duplicates);
        Some(formats.with(|labels| figures.label(labels)))
    };
    let compared = compared.unwrap_or_else(|| Signal::stored(None));
    // `+12.5 % vs 4 Oct – 2 Nov 2026` (CONTRACT 7), or what stands in for it.
    let comparison = move || {
        if filters.with(|f| f.compare == Compare::None) {
            return None;
        }
        let Some(now) = shown.with(|s| s.as_ref().map(|s| s.data.total_for_paging())) else {
            return busy.get().then(|| "Comparing…".to_string());
        };
        compared.with(|c| {
            Some(match c.as_ref()? {
                SideAnswer::Loading => "Comparing…".to_string(),
                SideAnswer::Shown { view, total, .. } => formats.with(|labels| {
                    format!(
                        "{} vs {}",
                        change_label(labels, now, *total),
                        labels.range(view.date_start, view.date_end)
                    )
                }),
                SideAnswer::Failed(why) => format!("No comparison: {why}"),
            })
        })
    };
    let total = move || {
        shown.with(|s| match s {
            Some(s) => formats.with(|labels| clicks_label(labels, s.data.total_for_paging())),
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
            formats.with(|labels| format!("{} (UTC days)", labels.range(start, end)))
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
                Some(formats.with(|labels| {
                    format!(
                        "Rows {}–{} of {}",
                        labels.number(first),
                        labels.number(first + count - 1),
                        labels.number(s.data.total_for_paging())
                    )
                }))
            })
        })
    };
    let updated = move || {
        let at = updated_at.get()?;
        Some(formats.with(|labels| format!("Updated {}", labels.clock(at))))
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
            // CONTRACT 7's line: `4,120 clicks · 3,310 clean (80.3 %) · 610
            // bots · 230 duplicates`, the clean part in the body's size.
            <p class="slc-total">
                {total}
                {move || clean_figures().map(|text| view! { <span class="slc-clean" aria-live="polite">{format!(" · {text}")}</span> })}
            </p>
            <p class="slc-range">{range}</p>
            <p class="slc-inclusion">{inclusion}</p>
            <p class="slc-rows-shown">{rows}</p>
            {move || updated().map(|text| view! { <p class="slc-updated">{text}</p> })}
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
