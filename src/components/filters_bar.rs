//! The filters (`part="filters"`): `From`, `To`, `Include bots`,
//! `Include duplicates`, and quick ranges. Every change goes back to page 1.

use super::state::ViewControl;
use crate::browser::today_utc;
use crate::config::{edit_range, Filters, RangeEnd};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Quick ranges: days ending today, and their labels.
const QUICK_RANGES: [(i32, &str); 4] = [
    (7, "7 days"),
    (30, "30 days"),
    (90, "90 days"),
    (365, "1 year"),
];

/// The filter controls.
#[component]
pub fn FiltersBar(
    /// The view to change.
    control: ViewControl,
) -> impl IntoView {
    let filters = control.filters;
    let problem: RwSignal<Option<String>> = RwSignal::new(None);

    let on_date = move |end: RangeEnd, event: leptos::ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let current = filters.get_untracked();
        match edit_range(&current, end, &input.value()) {
            Ok((start, finish)) => {
                problem.set(None);
                control.change_filter(|f| {
                    f.date_start = start;
                    f.date_end = finish;
                });
            }
            Err(why) => {
                problem.set(Some(why));
                let kept = if end == RangeEnd::Start {
                    current.date_start
                } else {
                    current.date_end
                };
                input.set_value(&kept.to_string());
            }
        }
    };

    let quick_range = move |days: i32| {
        let end = today_utc();
        problem.set(None);
        control.change_filter(|f| {
            f.date_end = end;
            f.date_start = end.add_days(1 - days);
        });
    };

    view! {
        <form class="slc-filters" part="filters" aria-label="Filters" on:submit=|ev| ev.prevent_default()>
            {date_field(filters, "From", RangeEnd::Start, on_date)}
            {date_field(filters, "To", RangeEnd::End, on_date)}
            <span class="slc-utc-note">"UTC days"</span>
            <div class="slc-quick" role="group" aria-label="Quick ranges">
                {QUICK_RANGES.map(|(days, label)| view! {
                    <button type="button" class="slc-chip" on:click=move |_| quick_range(days)>{label}</button>
                })}
            </div>
            {flag_checkbox(control, "Include bots", |f| f.include_bots, |f, on| f.include_bots = on)}
            {flag_checkbox(control, "Include duplicates", |f| f.include_duplicates, |f, on| f.include_duplicates = on)}
            {move || problem.get().map(|p| view! { <p class="slc-field-problem" role="alert">{p}</p> })}
        </form>
    }
}

/// A labelled date input for one end of the range; `min`/`max` follow the
/// other end. One function, so both inputs are one type in the wasm.
fn date_field(
    filters: RwSignal<Filters>,
    label: &'static str,
    end: RangeEnd,
    on_date: impl Fn(RangeEnd, leptos::ev::Event) + Copy + 'static,
) -> impl IntoView {
    let this_end = move |f: &Filters| {
        if end == RangeEnd::Start {
            f.date_start
        } else {
            f.date_end
        }
    };
    let other = move |f: &Filters| {
        if end == RangeEnd::Start {
            f.date_end
        } else {
            f.date_start
        }
    };
    let (min, max) = match end {
        RangeEnd::Start => (None, Some(other)),
        RangeEnd::End => (Some(other), None),
    };
    view! {
        <label class="slc-field">
            <span>{label}</span>
            <input
                type="date"
                prop:value=move || filters.with(|f| this_end(f).to_string())
                min=move || min.map(|m| filters.with(|f| m(f).to_string()))
                max=move || max.map(|m| filters.with(|f| m(f).to_string()))
                on:change=move |ev| on_date(end, ev)
            />
        </label>
    }
}

/// A labelled checkbox bound to one flag of the filters.
fn flag_checkbox(
    control: ViewControl,
    label: &'static str,
    get: fn(&Filters) -> bool,
    set: fn(&mut Filters, bool),
) -> impl IntoView {
    view! {
        <label class="slc-check">
            <input
                type="checkbox"
                prop:checked=move || control.filters.with(get)
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    control.change_filter(|f| set(f, on));
                }
            />
            <span>{label}</span>
        </label>
    }
}
