//! The click table (`part="table"`): one `<tr>` per row, the default
//! columns, and each row's full record one click away.

use super::details::ClickDetails;
use super::root::Shown;
use crate::browser::{download_text, local_time};
use crate::csv::rows_to_csv;
use crate::day::{format_utc, parse_instant_ms};
use crate::format::is_http_url;
use crate::model::{ClickRow, ClicksResponse, Field};
use leptos::prelude::*;
use std::sync::Arc;

/// Column headings, in order (the last column opens the details).
const COLUMNS: [&str; 10] = [
    "Time",
    "Country",
    "Device",
    "Browser",
    "Platform",
    "Referrer",
    "UTM source",
    "UTM campaign",
    "Flags",
    "Record",
];

/// The rows of the page on screen.
#[component]
pub fn ClicksTable(
    /// The response on screen.
    shown: RwSignal<Option<Shown>>,
    /// Whether a request is in flight (the rows are then dimmed).
    busy: RwSignal<bool>,
) -> impl IntoView {
    let selected: RwSignal<Option<usize>> = RwSignal::new(None);
    let data = Memo::new(move |_| shown.with(|s| s.as_ref().map(|s| s.data.clone())));
    let has_rows = move || data.with(|d| d.as_ref().is_some_and(|d| !d.rows.is_empty()));
    let export = move |_| {
        if let Some((data, page)) =
            shown.with_untracked(|s| s.as_ref().map(|s| (s.data.clone(), s.filters.page)))
        {
            let _ = download_text(
                &format!("smart-link-clicks-page-{page}.csv"),
                &rows_to_csv(&data.rows),
                "text/csv",
            );
        }
    };
    view! {
        <section class="slc-table-section" aria-label="Clicks">
            <div class="slc-table-tools">
                <span class="slc-muted">"Newest first · times in your local time (UTC on hover)"</span>
                <button type="button" class="slc-button" on:click=export disabled=move || !has_rows()>"Download CSV"</button>
            </div>
            <div class="slc-table-scroll" class:slc-stale=move || busy.get()>
                <table class="slc-table" part="table">
                    <caption class="slc-visually-hidden">"Clicks of this page, newest first"</caption>
                    <thead>
                        <tr>{COLUMNS.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}</tr>
                    </thead>
                    <tbody>
                        {move || data.get().map(|data| {
                            (0..data.rows.len()).map(|index| row_view(&data, index, selected)).collect_view()
                        })}
                    </tbody>
                </table>
                <Show when=move || data.with(|d| d.as_ref().is_some_and(|d| d.rows.is_empty()))>
                    <p class="slc-empty">"No clicks on this page."</p>
                </Show>
            </div>
            <ClickDetails data=data selected=selected />
        </section>
    }
}

fn row_view(
    data: &Arc<ClicksResponse>,
    index: usize,
    selected: RwSignal<Option<usize>>,
) -> impl IntoView {
    let row: &ClickRow = &data.rows[index];
    let instant = row.created_at.value().and_then(|t| parse_instant_ms(t));
    let (time_text, time_title, datetime) = match instant {
        Some(ms) => (
            local_time(ms),
            format_utc(ms),
            row.created_at.text().to_string(),
        ),
        None => (
            match row.created_at.text() {
                "" => "—".to_string(),
                raw => raw.to_string(),
            },
            "The time of this click is missing or unreadable".to_string(),
            String::new(),
        ),
    };
    let details_label = format!("Details of the click at {time_text}");
    view! {
        <tr>
            <td class="slc-time"><time datetime=datetime title=time_title>{time_text}</time></td>
            {text_cell(&row.country_code)}
            {text_cell(&row.browser_device_type)}
            {text_cell(&row.browser_name)}
            {text_cell(&row.browser_platform)}
            {referrer_cell(&row.referrer)}
            {text_cell(&row.utm_source)}
            {text_cell(&row.utm_campaign)}
            <td class="slc-flags">{flag_badge(&row.is_bot, "Bot")}{flag_badge(&row.is_duplicate, "Duplicate")}</td>
            <td>
                <button type="button" class="slc-link-button" aria-label=details_label on:click=move |_| selected.set(Some(index))>
                    "Details"
                </button>
            </td>
        </tr>
    }
}

/// A cell that truncates long text, with the whole value on hover.
fn text_cell(field: &Field<String>) -> AnyView {
    match field {
        Field::Value(text) => view! { <td class="slc-cell" title=text.clone()>{text.clone()}</td> }.into_any(),
        Field::Invalid(raw) => view! {
            <td class="slc-cell slc-invalid" title=format!("Unexpected value: {raw}")>{format!("⚠ {raw}")}</td>
        }
        .into_any(),
        Field::Missing | Field::Null => view! { <td class="slc-cell slc-none">"—"</td> }.into_any(),
    }
}

/// A referrer: a link only for http(s) URLs, opened without an opener or referrer.
fn referrer_cell(field: &Field<String>) -> AnyView {
    match field {
        Field::Value(url) if is_http_url(url) => view! {
            <td class="slc-cell" title=url.clone()>
                <a href=url.clone() target="_blank" rel="noopener noreferrer">{url.clone()}</a>
            </td>
        }
        .into_any(),
        other => text_cell(other),
    }
}

fn flag_badge(flag: &Field<bool>, name: &'static str) -> Option<AnyView> {
    match flag {
        Field::Value(true) => Some(view! { <span class="slc-badge">{name}</span> }.into_any()),
        Field::Invalid(raw) => Some(
            view! { <span class="slc-badge slc-invalid" title=format!("Unexpected {name} flag: {raw}")>{format!("{name}?")}</span> }
                .into_any(),
        ),
        _ => None,
    }
}
