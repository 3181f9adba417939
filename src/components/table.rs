//! The click table (`part="table"`): one `<tr>` per row, the columns of
//! `columns::COLUMNS`, and each row's full record one click away; row
//! times in the zone the `Times in` control picks. A page flip rebuilds
//! the rows in place: Leptos updates the text and attributes of the rows
//! already on screen and adds or removes only the difference.

use super::details::ClickDetails;
use super::formats::Formats;
use super::state::{Shown, ViewControl};
use crate::analysis::sort::SortOrder;
use crate::browser::download_text;
use crate::columns::{Badge, Cell, ColumnChoice, COLUMNS};
use crate::config::{Filters, TimeZone};
use crate::csv::{csv_file_name, rows_to_csv};
use crate::day::utc_instant_label;
use crate::intl::IntlLabels;
use crate::model::ClickRow;
use leptos::either::EitherOf4;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The rows of the page on screen.
#[component]
pub fn ClicksTable(
    /// The response on screen (none before the first answer). Required.
    shown: RwSignal<Option<Shown>>,
    /// The view, whose `time_zone` the `Times in` control sets. Required.
    control: ViewControl,
    /// How numbers and dates are written (the widget's locale). Required.
    formats: Formats,
    /// Whether an answer is on its way (a request in flight, or a retry
    /// waiting); before the first answer, the rows' skeleton shows
    /// meanwhile. Default: false.
    #[prop(into, optional)]
    waiting: Signal<bool>,
    /// The order of the loaded rows (CONTRACT 8): given, each heading is a
    /// button that sorts by its column and its `<th>` says the order in
    /// `aria-sort`. Default: none (the server's order, plain headings).
    #[prop(optional)]
    sort: Option<RwSignal<Option<SortOrder>>>,
    /// The columns shown, which the `Columns` button's checkboxes change
    /// (CONTRACT 8). Default: every column, and no `Columns` button.
    #[prop(optional)]
    columns: Option<RwSignal<ColumnChoice>>,
) -> impl IntoView {
    let choosing = columns.is_some();
    let columns = columns.unwrap_or_else(|| RwSignal::new(ColumnChoice::default()));
    let chooser_open = RwSignal::new(false);
    let columns_button = NodeRef::<leptos::html::Button>::new();
    // The record open in the details dialog, as it was when opened: an
    // auto-refresh of the same view keeps it open (CONTRACT 7); another
    // view (a page, a filter) closes it.
    let selected: RwSignal<Option<Vec<(String, String)>>> = RwSignal::new(None);
    Effect::new(move |before: Option<Option<Filters>>| {
        let view = shown.with(|s| s.as_ref().map(|s| s.filters));
        let same_rows = match (before.flatten(), view) {
            (Some(before), Some(view)) => before.shows_same_rows(&view),
            (before, view) => before.is_none() && view.is_none(),
        };
        if before.is_some() && !same_rows {
            selected.set(None);
        }
        view
    });
    // Only a new zone rewrites the rows' times, not any filter change.
    let time_zone = Memo::new(move |_| control.filters.with(|f| f.time_zone));
    let zone_changed = move |ev: leptos::ev::Event| {
        if let Some(zone) = TimeZone::parse(&event_target_value(&ev)) {
            control.change(|f| Filters {
                time_zone: zone,
                ..f
            });
        }
    };
    // One listener for every row's Details button.
    let open_details = move |ev: leptos::ev::MouseEvent| {
        let button = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("button[data-row]").ok().flatten());
        if let Some(index) = button
            .and_then(|b| b.get_attribute("data-row"))
            .and_then(|i| i.parse::<usize>().ok())
        {
            let record = shown.with_untracked(|s| Some(s.as_ref()?.data.rows.get(index)?.record()));
            selected.set(record);
        }
    };
    let row_count = move || shown.with(|s| s.as_ref().map(|s| s.data.rows.len()));
    let has_rows = move || row_count().is_some_and(|n| n > 0);
    let export = move |_| {
        if let Some((data, name)) = shown.with_untracked(|s| {
            s.as_ref()
                .map(|s| (s.data.clone(), csv_file_name(&s.link_id, &s.filters)))
        }) {
            let _ = download_text(&name, &rows_to_csv(&data.rows), "text/csv");
        }
    };
    let rows = move || {
        let zone = time_zone.get();
        let choice = columns.get();
        formats.with(|labels| {
            shown.with(|s| {
                s.as_ref().map_or_else(Vec::new, |s| {
                    s.data
                        .rows
                        .iter()
                        .enumerate()
                        .map(|(i, row)| click_row(i, row, labels, zone, choice))
                        .collect()
                })
            })
        })
    };
    view! {
        <section class="slc-table-section" aria-label="Clicks">
            <div class="slc-table-tools">
                <span class="slc-muted">{move || order_label(sort.and_then(|sort| sort.get()))}</span>
                // A wrapping <label> would add the options' text to the name.
                <div class="slc-field slc-times-in">
                    <span aria-hidden="true">"Times in"</span>
                    <select aria-label="Times in" on:change=zone_changed prop:value=move || time_zone.get().name()>
                        <option value="local">"Local time"</option>
                        <option value="utc">"UTC"</option>
                    </select>
                </div>
                {choosing.then(|| view! {
                    <button type="button" class="slc-button" node_ref=columns_button aria-expanded=move || chooser_open.get().to_string()
                        on:click=move |_| chooser_open.update(|open| *open = !*open)>"Columns"</button>
                })}
                <button type="button" class="slc-button" on:click=export disabled=move || !has_rows()>"Download CSV"</button>
            </div>
            {choosing.then(|| view! {
                // Escape closes it, back on its button.
                <fieldset class="slc-columns" hidden=move || !chooser_open.get()
                    on:keydown=move |ev| if ev.key() == "Escape" {
                        chooser_open.set(false);
                        if let Some(button) = columns_button.get() {
                            let _ = button.focus();
                        }
                    }>
                    <legend class="slc-visually-hidden">"Columns shown"</legend>
                    {COLUMNS.iter().map(|&column| view! {
                        <label class="slc-check">
                            // The last column shown stays: a table of none would hide the rows.
                            <input type="checkbox" prop:checked=move || columns.get().shows(column)
                                disabled=move || columns.with(|c| c.shows(column) && c.columns().count() == 1)
                                on:change=move |ev| columns.update(|c| *c = c.with(column, event_target_checked(&ev))) />
                            {column.heading()}
                        </label>
                    }).collect::<Vec<_>>()}
                </fieldset>
            })}
            <div class="slc-table-scroll">
                <table class="slc-table" part="table">
                    <caption class="slc-visually-hidden">{move || format!("Clicks of this page, {}", order_label(sort.and_then(|sort| sort.get())).to_ascii_lowercase())}</caption>
                    <thead>
                        <tr>
                            {move || columns.get().columns().map(|column| match sort {
                                Some(sort) => view! {
                                    <th scope="col" aria-sort=move || SortOrder::aria_sort(sort.get(), column)>
                                        <button type="button" class="slc-sort" on:click=move |_| sort.update(|order| *order = Some(SortOrder::clicked(*order, column)))>
                                            {column.heading()}
                                        </button>
                                    </th>
                                }.into_any(),
                                None => view! { <th scope="col">{column.heading()}</th> }.into_any(),
                            }).collect::<Vec<_>>()}
                            <th scope="col">"Record"</th>
                        </tr>
                    </thead>
                    <tbody on:click=open_details>{rows}</tbody>
                </table>
                <p class="slc-empty" hidden=move || row_count() != Some(0)>"No clicks on this page."</p>
                // Stripes the height of a few rows while the first answer is
                // on its way (style/widget.css), so the table has its place.
                <div class="slc-rows-skeleton" aria-hidden="true" hidden=move || !waiting.get() || row_count().is_some()></div>
            </div>
            <ClickDetails selected=selected />
        </section>
    }
}

/// How the rows are ordered: `Newest first`, or by a heading's column.
fn order_label(order: Option<SortOrder>) -> String {
    match order {
        None => "Newest first".to_string(),
        Some(order) => format!(
            "Sorted by {}, {}",
            order.column.heading(),
            if order.descending {
                "descending"
            } else {
                "ascending"
            }
        ),
    }
}

/// One row: a cell per column, then the Details button (named by the
/// row's time; `data-row` is its position on the page). Its time is
/// written by `labels` in `zone`.
fn click_row(
    index: usize,
    row: &ClickRow,
    labels: &IntlLabels,
    zone: TimeZone,
    choice: ColumnChoice,
) -> impl IntoView {
    let mut time_text = String::new();
    if !choice.shows(crate::columns::Column::Time) {
        // The Details button is still named by the click's time.
        let raw = row.created_at().text();
        time_text = crate::day::parse_instant_ms(raw)
            .map(|ms| labels.row_time(ms, zone))
            .filter(|text| !text.is_empty())
            .unwrap_or_else(|| raw.to_string());
    }
    let cells: Vec<_> = choice
        .columns()
        .map(|column| cell_view(column.cell(row), &mut time_text, labels, zone))
        .collect();
    view! {
        <tr>
            {cells}
            <td>
                <button type="button" class="slc-link-button" data-row=index.to_string() aria-label=format!("Details of the click at {time_text}")>
                    "Details"
                </button>
            </td>
        </tr>
    }
}

/// One cell. Every kind of cell is one `<td>` with a class, an optional
/// title and its content, so a page flip can rewrite any cell in place.
/// A time cell also sets `time_text`, the text the row's button is named
/// by: the time in `zone` (the UTC instant on hover, CONTRACT 5).
fn cell_view(
    cell: Cell<'_>,
    time_text: &mut String,
    labels: &IntlLabels,
    zone: TimeZone,
) -> impl IntoView {
    let (class, title, content) = match cell {
        Cell::Time { ms, raw } => {
            *time_text = labels.row_time(ms, zone);
            if time_text.is_empty() {
                // A time `Intl` cannot write (beyond its range): as sent.
                *time_text = raw.to_string();
            }
            let time = view! { <time datetime=raw.to_string() title=utc_instant_label(ms)>{time_text.clone()}</time> };
            ("slc-time", None, EitherOf4::A(time))
        }
        Cell::BadTime(raw) => {
            *time_text = if raw.is_empty() {
                "—".into()
            } else {
                raw.to_string()
            };
            let title = "The time of this click is missing or unreadable".to_string();
            (
                "slc-time slc-invalid",
                Some(title),
                EitherOf4::B(time_text.clone()),
            )
        }
        Cell::Text(text) => (
            "slc-cell",
            Some(text.to_string()),
            EitherOf4::B(text.to_string()),
        ),
        Cell::Invalid(raw) => (
            "slc-cell slc-invalid",
            Some(format!("Unexpected value: {raw}")),
            EitherOf4::B(format!("⚠ {raw}")),
        ),
        Cell::Empty => ("slc-cell slc-none", None, EitherOf4::B("—".to_string())),
        Cell::Link(url) => {
            let link = view! { <a href=url.to_string() target="_blank" rel="noopener noreferrer">{url.to_string()}</a> };
            ("slc-cell", Some(url.to_string()), EitherOf4::C(link))
        }
        Cell::Flags(badges) => (
            "slc-flags",
            None,
            EitherOf4::D(badges.into_iter().map(badge).collect::<Vec<_>>()),
        ),
    };
    view! { <td class=class title=title>{content}</td> }
}

/// A flag badge; an unreadable flag shows as `Bot?` with its value on hover.
fn badge(badge: Badge<'_>) -> impl IntoView {
    let (class, title, text) = match badge {
        Badge::Set(name) => ("slc-badge", None, name.to_string()),
        Badge::Unreadable(name, raw) => (
            "slc-badge slc-invalid",
            Some(format!("Unexpected flag: {name}: {raw}")),
            format!("{name}?"),
        ),
    };
    view! { <span class=class title=title>{text}</span> }
}
