//! Hooks for the benchmark (`bench/run.mjs` calls them through
//! `window.wasmBindings`): the parser and the chart, timed from JS.

use crate::chart::{render_chart_svg, DailyPoint};
use crate::day::UtcDay;
use crate::intl::IntlLabels;
use crate::model::parse_clicks_response;
use wasm_bindgen::prelude::*;

/// Parses a response body as the widget does; returns the row count (0 on error).
#[wasm_bindgen]
pub fn bench_parse(body: &[u8]) -> u32 {
    parse_clicks_response(body).map_or(0, |r| r.rows.len() as u32)
}

/// Draws a chart of `days` days for a box `width` CSS pixels wide, its
/// labels written by `Intl`; returns the SVG's length.
#[wasm_bindgen]
pub fn bench_chart(days: u32, width: u32) -> u32 {
    let start = UtcDay::from_unix_ms(0.0);
    let points: Vec<DailyPoint> = (0..days)
        .map(|i| {
            let day = start.add_days(i as i32);
            DailyPoint {
                day: Some(day),
                raw: String::new(),
                clicks: u64::from((i * 37) % 500),
            }
        })
        .collect();
    LABELS.with(|labels| {
        render_chart_svg(&points, &[], &[], width, labels).map_or(0, |c| c.svg.len() as u32)
    })
}

thread_local! {
    /// The browser language's formatters, made once as the widget makes them.
    static LABELS: IntlLabels = IntlLabels::new(None);
}
