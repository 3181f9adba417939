//! The chart (`part="chart"`): plotters' SVG, an accessible name, and a
//! tooltip with the day and its clicks on hover and on keyboard focus.

use super::formats::Formats;
use super::state::{Shown, SideAnswer};
use crate::chart::{
    aria_label, chart_size, chart_width, daily_points, render_chart_svg, ChartSvg, DailyPoint,
};
use crate::format::{clicks_label, css_percent, Labels};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;

/// What is drawn for one response.
#[derive(Debug, Clone, PartialEq)]
struct Drawing {
    points: Vec<DailyPoint>,
    range: String,
    chart: Result<ChartSvg, String>,
    label: String,
    total: u64,
}

/// The daily clicks chart.
#[component]
pub fn ChartView(
    /// The response on screen. Required.
    shown: RwSignal<Option<Shown>>,
    /// How numbers and dates are written (the widget's locale). Required.
    formats: Formats,
    /// The compared range, drawn as a dashed line when shown. Default: none.
    #[prop(optional)]
    compared: Option<Signal<Option<SideAnswer>>>,
    /// The same days without bots and duplicates, drawn as a line when
    /// shown. Default: none.
    #[prop(optional)]
    clean: Option<Signal<Option<SideAnswer>>>,
) -> impl IntoView {
    let compared = compared.unwrap_or_else(|| Signal::stored(None));
    let clean = clean.unwrap_or_else(|| Signal::stored(None));
    let clean_points = Memo::new(move |_| {
        clean.with(|c| match c {
            Some(SideAnswer::Shown { points, .. }) => Some(points.clone()),
            _ => None,
        })
    });
    // The compared days and range while shown; equal across page flips.
    let compared_series = Memo::new(move |_| {
        compared.with(|c| match c {
            Some(SideAnswer::Shown { view, points, .. }) => Some((
                points.clone(),
                formats.with(|labels| labels.range(view.date_start, view.date_end)),
            )),
            _ => None,
        })
    });
    // What the chart shows; equal on a page flip, so the SVG is not redrawn then.
    let series = Memo::new(move |_| {
        shown.with(|s| {
            s.as_ref().map(|s| {
                let points = daily_points(&s.data.chart);
                let total = s.data.total_for_paging();
                let start = s.data.filters.date_start.unwrap_or(s.filters.date_start);
                let end = s.data.filters.date_end.unwrap_or(s.filters.date_end);
                formats.with(|labels| {
                    let range = labels.range(start, end);
                    let label = aria_label(&points, &range, total, labels);
                    (points, label, total, range)
                })
            })
        })
    });
    // The width of the chart's box, once measured: the chart is drawn for
    // it (issue 19), and not before, so it never appears at a wrong size.
    let (width, set_width) = signal(None::<u32>);
    let width_probe = NodeRef::<leptos::html::Div>::new();
    follow_width(width_probe, set_width);
    let drawing = Memo::new(move |_| {
        let width = width.get()?;
        let before = compared_series.with(|c| c.as_ref().map(|(p, _)| p.clone()));
        let before: &[DailyPoint] = before.as_deref().map_or(&[], Vec::as_slice);
        let clean = clean_points.get();
        let clean: &[DailyPoint] = clean.as_deref().map_or(&[], Vec::as_slice);
        series.with(|s| {
            s.as_ref().map(|(points, label, total, range)| Drawing {
                points: points.clone(),
                range: range.clone(),
                chart: formats
                    .with(|labels| render_chart_svg(points, before, clean, width, labels)),
                label: label.clone(),
                total: *total,
            })
        })
    });
    let focused: RwSignal<Option<usize>> = RwSignal::new(None);
    let count = move || drawing.with(|d| d.as_ref().map_or(0, |d| d.points.len()));
    let has_chart = move || {
        drawing.with(|d| {
            d.as_ref()
                .is_some_and(|d| !d.points.is_empty() && d.chart.is_ok())
        })
    };
    let label = move || drawing.with(|d| d.as_ref().map(|d| d.label.clone()));
    let svg = move || {
        drawing.with(|d| {
            d.as_ref()
                .and_then(|d| d.chart.as_ref().ok())
                .map_or_else(String::new, |chart| chart.svg.clone())
        })
    };
    let total = move || drawing.with(|d| d.as_ref().map_or(0, |d| d.total));

    // Pointer events serve mouse, pen and touch alike: a tap (or a finger
    // sliding along the chart) shows the day under it.
    let on_pointer = move |ev: leptos::ev::PointerEvent| {
        let Some(target) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let rect = target.get_bounding_client_rect();
        if rect.width() <= 0.0 {
            return;
        }
        let fraction = (f64::from(ev.client_x()) - rect.left()) / rect.width();
        let index = drawing.with_untracked(|d| {
            d.as_ref().and_then(|d| {
                d.chart.as_ref().ok().and_then(|c| {
                    c.plot
                        .index_at(d.points.len(), fraction * f64::from(c.size.0))
                })
            })
        });
        focused.set(index);
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let n = count();
        if n == 0 {
            return;
        }
        let current = focused.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowUp" => current.map_or(n - 1, |i| (i + 1).min(n - 1)),
            "ArrowLeft" | "ArrowDown" => current.map_or(n - 1, |i| i.saturating_sub(1)),
            "Home" => 0,
            "End" => n - 1,
            "PageUp" => current.map_or(n - 1, |i| (i + 7).min(n - 1)),
            "PageDown" => current.map_or(0, |i| i.saturating_sub(7)),
            _ => return,
        };
        ev.prevent_default();
        focused.set(Some(next));
    };

    let tooltip = move || {
        let index = focused.get()?;
        drawing.with(|d| {
            let d = d.as_ref()?;
            let point = d.points.get(index)?;
            let chart = d.chart.as_ref().ok()?;
            let plot = chart.plot;
            let (drawn_width, drawn_height) = (f64::from(chart.size.0), f64::from(chart.size.1));
            let left = plot.center_of(d.points.len(), index) / drawn_width * 100.0;
            let band = (plot.right - plot.left) / d.points.len() as f64 / drawn_width * 100.0;
            let text = formats.with(|labels| {
                // With a comparison, the compared range's day of the same rank.
                let compared_day = compared_series.with(|c| {
                    c.as_ref()
                        .and_then(|(points, _)| points.get(index))
                        .map(|p| {
                            format!(" · {}: {}", p.name(labels), clicks_label(labels, p.clicks))
                        })
                });
                let clean_day = clean_points.with(|c| {
                    c.as_ref()
                        .and_then(|points| points.get(index))
                        .map(|p| format!(" ({} clean)", labels.number(p.clicks)))
                });
                format!(
                    "{} (UTC): {}{}{}",
                    point.name(labels),
                    clicks_label(labels, point.clicks),
                    clean_day.unwrap_or_default(),
                    compared_day.unwrap_or_default()
                )
            });
            Some(Tooltip {
                text,
                left,
                band,
                top: plot.top / drawn_height * 100.0,
                bottom: (drawn_height - plot.bottom) / drawn_height * 100.0,
            })
        })
    };

    view! {
        <figure class="slc-chart" part="chart">
            <figcaption class="slc-chart-caption">
                "Daily clicks · UTC days"
                <span class="slc-hint">" · point or use arrow keys for a day's clicks"</span>
            </figcaption>
            // Which mark is which. Always one line tall (style/widget.css),
            // so the chart does not move when a series joins it.
            <p class="slc-legend">
                {move || {
                    let compared_range = compared_series.with(|c| c.as_ref().map(|(_, range)| range.clone()));
                    let has_clean = clean_points.with(Option::is_some);
                    (compared_range.is_some() || has_clean).then(|| {
                        let range = drawing.with(|d| d.as_ref().map(|d| d.range.clone())).unwrap_or_default();
                        view! {
                            <span class="slc-key slc-key-bars" aria-hidden="true"></span>{range}
                            {has_clean.then(|| view! { <span class="slc-key slc-key-clean" aria-hidden="true"></span>"clean" })}
                            {compared_range.map(|r| view! { <span class="slc-key slc-key-compared" aria-hidden="true"></span>{format!("{r} (compared)")} })}
                        }
                    })
                }}
            </p>
            // Measures the width the chart is drawn for; always laid out,
            // no height, so drawing never changes what it measures.
            <div class="slc-chart-width" node_ref=width_probe aria-hidden="true"></div>
            // Before data, and when there is no chart to draw: a box of the
            // chart's height, so nothing jumps when the chart comes or goes.
            <div
                class="slc-chart-placeholder"
                hidden=has_chart
                style:height=move || width.get().map(|w| format!("{}px", chart_size(w).1))
            >
                {move || drawing.with(|d| match d {
                    Some(Drawing { points, .. }) if points.is_empty() => {
                        Some(view! { <p class="slc-empty">{"No daily data for this range.".to_string()}</p> })
                    }
                    Some(Drawing { chart: Err(why), .. }) => Some(view! {
                        <p class="slc-empty">{format!("The chart could not be drawn: {why}")}</p>
                    }),
                    _ => None,
                })}
            </div>
            // Built once and updated in place, not rebuilt per drawing: a
            // rebuilt tooltip would leave a dead subscriber on `focused`
            // per redraw (Leptos keeps them until the signal's owner goes),
            // which the soak test measured as wasm memory that kept growing.
            <div class="slc-plot-wrap" hidden=move || !has_chart()><div class="slc-plot-inner">
                <div
                    class="slc-plot"
                    role="img"
                    tabindex="0"
                    aria-label=label
                    // Markup from plotters through `svg::SvgWriter`, which
                    // escapes all text; its only text is numbers and dates
                    // formatted from parsed days, never a response string
                    // (chart::tests::response_text_never_reaches_the_svg).
                    inner_html=svg
                    on:pointermove=on_pointer
                    on:pointerdown=on_pointer
                    // A finger lifted leaves its day shown (until a tap
                    // elsewhere blurs the chart); a mouse that leaves hides it.
                    on:pointerleave=move |ev| if ev.pointer_type() != "touch" { focused.set(None) }
                    on:keydown=on_key
                    on:blur=move |_| focused.set(None)
                ></div>
                <p class="slc-chart-empty" hidden=move || total() != 0>"No clicks in this range"</p>
                <div class="slc-tooltip-layer" aria-live="polite">
                    {move || tooltip().map(|t| {
                        // Anchored so it stays inside the chart: from the
                        // day rightwards in the first third, leftwards in
                        // the last, centred between (max-width: 60 %).
                        let anchor = if t.left < 100.0 / 3.0 {
                            "slc-tooltip slc-tooltip-start"
                        } else if t.left > 200.0 / 3.0 {
                            "slc-tooltip slc-tooltip-end"
                        } else {
                            "slc-tooltip"
                        };
                        view! {
                            <div class="slc-day-band" style:left=css_percent(t.left - t.band / 2.0) style:width=css_percent(t.band) style:top=css_percent(t.top) style:bottom=css_percent(t.bottom)></div>
                            <div class=anchor role="tooltip" style:left=css_percent(t.left)>{t.text}</div>
                        }
                    })}
                </div>
            </div></div>
        </figure>
    }
}

/// The tooltip of the focused day: its text, and where its day is, in
/// percent of the chart's width (`left`, `band`) and height (`top`,
/// `bottom`: the plot's edges).
struct Tooltip {
    text: String,
    left: f64,
    band: f64,
    top: f64,
    bottom: f64,
}

/// Sets the chart width for the element `probe` (a full-width box of no
/// height: see [`chart_width`]) whenever its width changes, with a
/// `ResizeObserver`, which reports after layout, at most once per frame. A
/// hidden probe (width 0) leaves the last width. The observer stops, and
/// its callback is freed, when the chart goes.
fn follow_width(probe: NodeRef<leptos::html::Div>, set_width: WriteSignal<Option<u32>>) {
    Effect::new(move |_| {
        let Some(element) = probe.get() else {
            return;
        };
        let measured = element.clone();
        let on_resize = Closure::<dyn Fn()>::new(move || {
            let box_width = f64::from(measured.client_width());
            if box_width > 0.0 {
                // Only a new width redraws (the box may change by less
                // than a whole pixel, or beyond the widest drawn).
                let drawn = chart_width(box_width);
                set_width.try_maybe_update(|width| {
                    let changed = *width != Some(drawn);
                    *width = Some(drawn);
                    (changed, ())
                });
            }
        });
        let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) else {
            return;
        };
        observer.observe(&element);
        let held = SendWrapper::new((observer, on_resize));
        on_cleanup(move || {
            let (observer, on_resize) = held.take();
            observer.disconnect();
            drop(on_resize);
        });
    });
}
