//! Answering one validated query from the data set: total, daily chart and
//! the requested window of rows, newest first.

use super::dataset::{click_row, day_clicks, ClickRow, LinkProfile};
use super::query::MockQuery;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde_json::{json, Value};

/// What the endpoint returns for one query, before it becomes JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct MockPage {
    /// Clicks in the range that pass the filters.
    pub clicks_total: u64,
    /// One entry per UTC day of the range, oldest first.
    pub chart: Vec<(NaiveDate, u64)>,
    /// The rows `offset..offset + row_cap`, newest first.
    pub rows: Vec<ClickRow>,
}

/// Evaluates `query` for the link, returning at most `row_cap` rows (the
/// query's `limit`, unless a fault asks for more).
pub fn evaluate(
    profile: &LinkProfile,
    now: NaiveDateTime,
    query: &MockQuery,
    row_cap: u64,
) -> MockPage {
    let mut chart = Vec::new();
    let mut rows = Vec::new();
    let mut seen: u64 = 0;
    let window_end = query.offset.saturating_add(row_cap);
    let mut day = query.end;
    while day >= query.start {
        let mut clicks_on_day = 0;
        for stub in day_clicks(profile, now, day) {
            if !query.admits(stub.is_bot, stub.is_duplicate) {
                continue;
            }
            if (query.offset..window_end).contains(&seen) {
                rows.push(click_row(profile, day, &stub));
            }
            seen += 1;
            clicks_on_day += 1;
        }
        chart.push((day, clicks_on_day));
        day -= Duration::days(1);
    }
    chart.reverse();
    MockPage {
        clicks_total: seen,
        chart,
        rows,
    }
}

/// The response body, in the API's envelope.
pub fn response_body(page: &MockPage, query: &MockQuery, remaining_minute: u32) -> Value {
    json!({
        "data": {
            "summary": { "clicks_total": page.clicks_total },
            "chart": page.chart.iter().map(|(day, clicks)| json!({
                "timestamp": day.format("%Y-%m-%d").to_string(),
                "clicks": clicks,
            })).collect::<Vec<_>>(),
            "rows": page.rows,
            "filters": {
                "date_start": format!("{}T00:00:00+00:00", query.start.format("%Y-%m-%d")),
                "date_end": format!("{}T23:59:59+00:00", query.end.format("%Y-%m-%d")),
                "limit": query.limit,
                "offset": query.offset,
                "include_bots": query.include_bots,
                "include_duplicates": query.include_duplicates,
            },
        },
        "_meta": {
            "_credits": { "used": 0, "balance": 999_999, "note": "Free endpoint" },
            "_cache": { "is_cached": false, "note": "Cache disabled for this endpoint" },
            "_rate_limits": { "limit_minute": super::RATE_LIMIT_PER_MINUTE, "remaining_minute": remaining_minute },
        },
    })
}
