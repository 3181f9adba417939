//! The filters (`part="filters"`): `From`, `To`, `Include bots`,
//! `Include duplicates`, and quick ranges. Every change goes back to page 1.

use super::state::ViewControl;
use crate::browser::today_utc;
use crate::config::MAX_RANGE_DAYS;
use crate::day::UtcDay;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Which end of the range an input sets.
#[derive(Clone, Copy, PartialEq)]
enum RangeEnd {
    From,
    To,
}

/// The filter controls.
#[component]
pub fn FiltersBar(
    /// The view to change.
    control: ViewControl,
) -> impl IntoView {
    let filters = control.filters;
    let problem: RwSignal<Option<String>> = RwSignal::new(None);

    let on_date = move |end: RangeEnd, event: leptos::ev::Event| {
        let input = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        let Some(input) = input else { return };
        let current = filters.get_untracked();
        let Some(day) = UtcDay::parse(&input.value()) else {
            problem.set(Some("Enter a full date (YYYY-MM-DD).".into()));
            let keep = if end == RangeEnd::From {
                current.date_start
            } else {
                current.date_end
            };
            input.set_value(&keep.to_string());
            return;
        };
        let (start, finish) = match end {
            RangeEnd::From => (day, current.date_end),
            RangeEnd::To => (current.date_start, day),
        };
        if start > finish {
            problem.set(Some(format!(
                "From ({start}) must not be after To ({finish})."
            )));
            let keep = if end == RangeEnd::From {
                current.date_start
            } else {
                current.date_end
            };
            input.set_value(&keep.to_string());
            return;
        }
        if start.days_until(finish) >= MAX_RANGE_DAYS {
            problem.set(Some(format!(
                "A range may span at most {MAX_RANGE_DAYS} days."
            )));
            let keep = if end == RangeEnd::From {
                current.date_start
            } else {
                current.date_end
            };
            input.set_value(&keep.to_string());
            return;
        }
        problem.set(None);
        control.change_filter(|f| {
            f.date_start = start;
            f.date_end = finish;
        });
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
            <label class="slc-field">
                <span>"From"</span>
                <input
                    type="date"
                    prop:value=move || filters.with(|f| f.date_start.to_string())
                    max=move || filters.with(|f| f.date_end.to_string())
                    on:change=move |ev| on_date(RangeEnd::From, ev)
                />
            </label>
            <label class="slc-field">
                <span>"To"</span>
                <input
                    type="date"
                    prop:value=move || filters.with(|f| f.date_end.to_string())
                    min=move || filters.with(|f| f.date_start.to_string())
                    on:change=move |ev| on_date(RangeEnd::To, ev)
                />
            </label>
            <span class="slc-utc-note">"UTC days"</span>
            <div class="slc-quick" role="group" aria-label="Quick ranges">
                <button type="button" class="slc-chip" on:click=move |_| quick_range(7)>"7 days"</button>
                <button type="button" class="slc-chip" on:click=move |_| quick_range(30)>"30 days"</button>
                <button type="button" class="slc-chip" on:click=move |_| quick_range(90)>"90 days"</button>
                <button type="button" class="slc-chip" on:click=move |_| quick_range(365)>"1 year"</button>
            </div>
            <label class="slc-check">
                <input
                    type="checkbox"
                    prop:checked=move || filters.with(|f| f.include_bots)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        control.change_filter(|f| f.include_bots = on);
                    }
                />
                <span>"Include bots"</span>
            </label>
            <label class="slc-check">
                <input
                    type="checkbox"
                    prop:checked=move || filters.with(|f| f.include_duplicates)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        control.change_filter(|f| f.include_duplicates = on);
                    }
                />
                <span>"Include duplicates"</span>
            </label>
            {move || problem.get().map(|p| view! { <p class="slc-field-problem" role="alert">{p}</p> })}
        </form>
    }
}
