//! The ranked lists of the loaded rows (`part="breakdowns"`, CONTRACT 8)
//! and the chips of the chosen values.

use super::formats::Formats;
use crate::analysis::breakdown::{Breakdown, RowFilter};
use crate::analysis::dimension::{value_label, Dimension};
use crate::format::{css_percent, Labels};
use leptos::prelude::*;

/// The ranked lists (`part="breakdowns"`) and the chosen filters' chips.
#[component]
pub(super) fn Breakdowns(
    /// The lists, in `Dimension::ALL` order. Required.
    lists: Memo<Vec<Breakdown>>,
    /// The chosen values. Required.
    filter: RwSignal<RowFilter>,
    /// Adds or removes a value from the choice. Required.
    toggle: Callback<(Dimension, String)>,
    /// How numbers and country names are written. Required.
    formats: Formats,
) -> impl IntoView {
    /// Entries shown per list until `Show all` is pressed.
    const SHOWN_ENTRIES: usize = 10;
    // The lists shown whole, by `Dimension::index`.
    let expanded = RwSignal::new([false; Dimension::ALL.len()]);
    let chips = move || {
        filter.with(|f| {
            f.chosen()
                .iter()
                .map(|(dimension, value)| {
                    let (dimension, value) = (*dimension, value.clone());
                    // The value as it came (a country by its code), or `(none)`.
                    let shown_value = value_label(dimension, &value, |_| None);
                    view! {
                        <button type="button" class="slc-chip" aria-label=format!("Remove filter: {shown_value}")
                            on:click=move |_| toggle.run((dimension, value.clone()))>
                            {format!("{}: {shown_value} ✕", dimension.heading())}
                        </button>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let list_views = move || {
        lists.with(|lists| {
            formats.with(|labels| {
                lists
                    .iter()
                    .map(|list| {
                        let dimension = list.dimension;
                        let share = |part: u64| if list.total == 0 { 0.0 } else { part as f64 * 100.0 / list.total as f64 };
                        let flags = format!(
                            "{} % bots · {} % duplicates",
                            labels.tenths(share(list.bots), false),
                            labels.tenths(share(list.duplicates), false)
                        );
                        let top = list.entries.first().map_or(1, |e| e.clicks.max(1));
                        let whole = expanded.with(|e| e[dimension.index()]);
                        let entries = list
                            .entries
                            .iter()
                            .take(if whole { usize::MAX } else { SHOWN_ENTRIES })
                            .map(|entry| {
                                let value = entry.value.clone();
                                let pressed = filter.with(|f| f.is_chosen(dimension, &value));
                                let bar = css_percent(entry.clicks as f64 * 100.0 / top as f64);
                                let title = format!(
                                    "{} % of the list · {} bots · {} duplicates",
                                    labels.tenths(share(entry.clicks), false),
                                    labels.number(entry.bots),
                                    labels.number(entry.duplicates)
                                );
                                view! {
                                    <li>
                                        <button type="button" class="slc-entry" aria-pressed=pressed.to_string() title=title
                                            on:click=move |_| toggle.run((dimension, value.clone()))>
                                            <span class="slc-entry-bar" style:width=bar aria-hidden="true"></span>
                                            <span class="slc-entry-name">{value_label(dimension, &entry.value, |code| labels.country_name(code))}</span>
                                            " "
                                            <span class="slc-entry-count">{labels.number(entry.clicks)}</span>
                                        </button>
                                    </li>
                                }
                            })
                            .collect::<Vec<_>>();
                        let more = list.entries.len().saturating_sub(SHOWN_ENTRIES);
                        let all = list.entries.len() as u64;
                        view! {
                            <section class="slc-list" aria-label=dimension.heading()>
                                <h3>{dimension.heading()}</h3>
                                <p class="slc-muted slc-list-flags">{flags}</p>
                                <ol>{entries}</ol>
                                {(more > 0).then(|| view! {
                                    <button type="button" class="slc-link-button" aria-expanded=whole.to_string()
                                        on:click=move |_| expanded.update(|e| e[dimension.index()] = !whole)>
                                        {if whole { "Show the top 10".to_string() } else { format!("Show all {} ({} more)", labels.number(all), labels.number(more as u64)) }}
                                    </button>
                                })}
                            </section>
                        }
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    view! {
        <section class="slc-breakdowns" part="breakdowns" aria-label="Breakdowns">
            <div class="slc-chips">{chips}</div>
            <div class="slc-lists">{list_views}</div>
            <p class="slc-muted">"Counts are clicks: each row counts as its gross_clicks (1 when it has none). Bots and duplicates are shares of each list's clicks."</p>
        </section>
    }
}
