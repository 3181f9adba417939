//! The filters (`part="filters"`): `Period`, `From`, `To`, `Previous
//! period` / `Next period`, `Compare`, `Include bots`, `Include
//! duplicates`. Every change but `Compare` goes back to page 1.

use super::state::ViewControl;
use crate::browser::today_utc;
use crate::compare::Compare;
use crate::config::{edit_range, Filters, RangeEnd};
use crate::period::{can_shift_forward, Period, Shift};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The filter controls.
#[component]
pub fn FiltersBar(
    /// The view to change. Required.
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
                    f.period = Period::Custom;
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

    let on_period = move |ev: leptos::ev::Event| {
        if let Some(period) = Period::parse(&event_target_value(&ev)) {
            problem.set(None);
            control.change(|f| f.with_period(period, today_utc()));
        }
    };
    // A comparison changes no row: the page stays.
    let on_compare = move |ev: leptos::ev::Event| {
        if let Some(compare) = Compare::parse(&event_target_value(&ev)) {
            control.change(|f| Filters { compare, ..f });
        }
    };
    let shift = move |way: Shift| {
        problem.set(None);
        control.change(|f| f.shifted(way, today_utc()));
    };
    // Today is read when the range changes; the widget may stay open past midnight.
    let ends_today_or_later = move || filters.with(|f| !can_shift_forward(f.date_end, today_utc()));

    view! {
        <form class="slc-filters" part="filters" aria-label="Filters" on:submit=|ev| ev.prevent_default()>
            // Named by aria-label: a label around a select would take the
            // options' text into its name.
            <label class="slc-field slc-period">
                <span aria-hidden="true">"Period"</span>
                <select aria-label="Period" on:change=on_period prop:value=move || filters.with(|f| f.period.name())>
                    {Period::ALL.map(|p| view! { <option value=p.name()>{p.label()}</option> })}
                </select>
            </label>
            {date_field(filters, "From", RangeEnd::Start, on_date)}
            {date_field(filters, "To", RangeEnd::End, on_date)}
            <div class="slc-shift" role="group" aria-label="Move the range">
                <button type="button" class="slc-button" aria-label="Previous period" title="Previous period (←)" on:click=move |_| shift(Shift::Back)>"‹"</button>
                <button type="button" class="slc-button" aria-label="Next period" title="Next period (→)" disabled=ends_today_or_later on:click=move |_| shift(Shift::Forward)>"›"</button>
            </div>
            <span class="slc-utc-note">"UTC days"</span>
            <label class="slc-field slc-compare">
                <span aria-hidden="true">"Compare"</span>
                <select aria-label="Compare" on:change=on_compare prop:value=move || filters.with(|f| f.compare.name())>
                    {Compare::ALL.map(|c| view! { <option value=c.name()>{c.label()}</option> })}
                </select>
            </label>
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
