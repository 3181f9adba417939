//! The weekday × hour grid (`part="heatmap"`) and the spike note
//! (`part="spike"`) of CONTRACT 8, drawn from `analysis::heatmap` and
//! `analysis::spike`.

use super::formats::Formats;
use crate::analysis::dimension::{value_label, Dimension};
use crate::analysis::heatmap::{Heatmap, LEVELS, WEEKDAYS};
use crate::analysis::spike::SpikeNote;
use crate::config::TimeZone;
use crate::format::{clicks_label, Labels};
use leptos::prelude::*;

/// The grid: a real table (weekdays down, hours across) whose cells are
/// coloured by count, each with its count as text for assistive
/// technology and as a title on hover.
#[component]
pub fn HeatmapView(
    /// The counts (none before the rows are loaded). Required.
    grid: Memo<Option<Heatmap>>,
    /// The zone the hours are in. Required.
    time_zone: Signal<TimeZone>,
    /// How numbers are written. Required.
    formats: Formats,
) -> impl IntoView {
    let zone_name = move || match time_zone.get() {
        TimeZone::Local => "local time",
        TimeZone::Utc => "UTC",
    };
    let body = move || {
        grid.with(|grid| {
            let grid = grid.as_ref()?;
            Some(formats.with(|labels| {
                (0..7)
                    .map(|day| {
                        let cells = (0..24)
                            .map(|hour| {
                                let title = grid.cell_title(day, hour, |n| labels.number(n));
                                let class = format!("slc-heat slc-heat-{}", grid.level(day, hour));
                                let count = labels.number(grid.cells[day][hour]);
                                view! { <td class=class title=title><span class="slc-visually-hidden">{count}</span></td> }
                            })
                            .collect::<Vec<_>>();
                        view! { <tr><th scope="row">{WEEKDAYS[day]}</th>{cells}</tr> }
                    })
                    .collect::<Vec<_>>()
            }))
        })
    };
    let legend = move || {
        grid.with(|grid| {
            let grid = grid.as_ref()?;
            let busiest = formats.with(|labels| clicks_label(labels, grid.max()));
            Some(view! {
                <p class="slc-heat-legend" aria-hidden="true">
                    "Fewer"
                    {(0..=LEVELS).map(|level| view! { <span class=format!("slc-heat slc-heat-{level}")></span> }).collect::<Vec<_>>()}
                    "More"
                    <span class="slc-muted">{format!(" · busiest hour {busiest}")}</span>
                </p>
            })
        })
    };
    view! {
        <section class="slc-heatmap" part="heatmap" aria-label=move || format!("Clicks by weekday and hour, in {}", zone_name())>
            <h3>{move || format!("Clicks by weekday and hour ({})", zone_name())}</h3>
            <div class="slc-heat-scroll">
                <table class="slc-heat-grid">
                    <caption class="slc-visually-hidden">{move || format!("Clicks by weekday and hour, in {}", zone_name())}</caption>
                    <thead>
                        <tr>
                            <td></td>
                            {(0..24).map(|hour| view! {
                                <th scope="col"><span class=if hour % 3 == 0 { "" } else { "slc-visually-hidden" }>{format!("{hour:02}")}</span></th>
                            }).collect::<Vec<_>>()}
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            {legend}
            <p class="slc-muted">
                "Counts the rows the chosen breakdown values keep; the search narrows only the table."
                {move || grid.with(|grid| {
                    let unplaced = grid.as_ref()?.unplaced;
                    (unplaced > 0).then(|| formats.with(|labels| format!(
                        " {} without a readable time are not in the grid.",
                        clicks_label(labels, unplaced)
                    )))
                })}
            </p>
        </section>
    }
}

/// The busiest day's note.
#[component]
pub fn SpikeView(
    /// The note (none before the rows are loaded, or without clicks; of
    /// the whole days loaded when the load is partial). Required.
    note: Memo<Option<SpikeNote>>,
    /// How numbers, days and country names are written. Required.
    formats: Formats,
) -> impl IntoView {
    let text = move || {
        note.with(|note| {
            let note = note.as_ref()?;
            Some(formats.with(|labels| {
                let times = if note.median > 0.0 {
                    // A median of two middle days may end in .5.
                    let median = if note.median.fract() == 0.0 {
                        labels.number(note.median as u64)
                    } else {
                        labels.tenths(note.median, false)
                    };
                    format!(
                        ", {}× the daily median of {median}{}",
                        labels.tenths(note.clicks as f64 / note.median, false),
                        if note.partial {
                            " (over the whole days loaded)"
                        } else {
                            ""
                        }
                    )
                } else {
                    ", on a range whose daily median is 0".to_string()
                };
                let head = format!(
                    "Busiest day: {}, {}{times}.",
                    labels.long_day(note.day),
                    clicks_label(labels, note.clicks)
                );
                let standouts: Vec<String> = note
                    .standouts
                    .iter()
                    .map(|s| {
                        let value =
                            value_label(s.dimension, &s.value, |code| labels.country_name(code));
                        let what = match s.dimension {
                            Dimension::Referrer => "referrer",
                            Dimension::UtmCampaign => "UTM campaign",
                            Dimension::Country => "country",
                            other => other.heading(),
                        };
                        format!(
                            "{what} {value}: {} % of that day (against {} % over the range)",
                            labels.tenths(s.day_share, false),
                            labels.tenths(s.range_share, false)
                        )
                    })
                    .collect();
                let tail = if standouts.is_empty() {
                    " No referrer, UTM campaign or country stood out that day.".to_string()
                } else {
                    format!(" Above their usual share: {}.", standouts.join("; "))
                };
                format!("{head}{tail}")
            }))
        })
    };
    view! {
        <p class="slc-spike" part="spike" hidden=move || note.with(Option::is_none)>{text}</p>
    }
}
