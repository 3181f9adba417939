//! The spike note (CONTRACT 8, `part="spike"`): the range's busiest UTC
//! day, its clicks against the daily median, and the referrers, UTM
//! campaigns and countries whose share that day most exceeds their share
//! over the whole range.

use super::dimension::{clicks_of, Dimension};
use crate::day::{parse_instant_ms, UtcDay};
use crate::model::ClickRow;
use std::collections::HashMap;

/// The lists the note looks at.
pub const SPIKE_DIMENSIONS: [Dimension; 3] = [
    Dimension::Referrer,
    Dimension::UtmCampaign,
    Dimension::Country,
];
/// A value is named when its share that day is at least this many
/// percentage points above its share over the range.
pub const MIN_LIFT_POINTS: f64 = 5.0;

/// A value over-represented on the busiest day.
#[derive(Debug, Clone, PartialEq)]
pub struct Standout {
    /// Its list.
    pub dimension: Dimension,
    /// The value (empty: rows without one).
    pub value: String,
    /// Its share of that day's clicks, in per cent.
    pub day_share: f64,
    /// Its share of the range's clicks, in per cent (of the whole days
    /// loaded, when the load is partial).
    pub range_share: f64,
}

/// The note for one range.
#[derive(Debug, Clone, PartialEq)]
pub struct SpikeNote {
    /// The busiest UTC day (the earliest of equals).
    pub day: UtcDay,
    /// Its clicks.
    pub clicks: u64,
    /// The median of the range's daily clicks, days without any included
    /// (of the whole days loaded, when the load is partial).
    pub median: f64,
    /// Whether the load was partial, so the figures cover only the whole
    /// days it holds.
    pub partial: bool,
    /// The standouts, the largest lift first within each list, lists in
    /// [`SPIKE_DIMENSIONS`] order, at most one per list.
    pub standouts: Vec<Standout>,
}

/// The note for `rows` over the UTC days `start..=end`; `None` without a
/// click in it. `partial`: the load did not get every row (capped at
/// `max-rows`, or stopped). Its rows are then the first pages of the
/// API's order, whose days are missing at one end of the range and only
/// partly loaded next to it. That end is found from the rows, as the API
/// docs do not give the order: days missing before the oldest loaded
/// day (rows newest first, as the mock sends them), else after the
/// newest. The missing days and the partly loaded one are left out of
/// the busiest day, the median and the range shares, which they would
/// pull down. `None` when no whole day is left.
pub fn spike_note(
    rows: &[ClickRow],
    start: UtcDay,
    end: UtcDay,
    partial: bool,
) -> Option<SpikeNote> {
    let (start, end) = if partial {
        let (oldest, newest) = rows
            .iter()
            .filter_map(|row| parse_instant_ms(row.created_at().value()?))
            .map(UtcDay::from_unix_ms)
            .fold(None, |seen: Option<(UtcDay, UtcDay)>, day| {
                Some(seen.map_or((day, day), |(old, new)| (old.min(day), new.max(day))))
            })?;
        if oldest > start {
            (oldest.add_days(1), end)
        } else if newest < end {
            (start, newest.add_days(-1))
        } else {
            (start, end)
        }
    } else {
        (start, end)
    };
    let days = usize::try_from(start.days_until(end) + 1).ok()?;
    let mut daily = vec![0u64; days];
    let day_of = |row: &ClickRow| -> Option<usize> {
        let ms = parse_instant_ms(row.created_at().value()?)?;
        usize::try_from(start.days_until(UtcDay::from_unix_ms(ms)))
            .ok()
            .filter(|&i| i < days)
    };
    for row in rows {
        if let Some(i) = day_of(row) {
            daily[i] += clicks_of(row);
        }
    }
    let (busiest, &clicks) = daily.iter().enumerate().rev().max_by_key(|(_, &n)| n)?;
    if clicks == 0 {
        return None;
    }
    let mut sorted = daily.clone();
    sorted.sort_unstable();
    let median = if days % 2 == 1 {
        sorted[days / 2] as f64
    } else {
        (sorted[days / 2 - 1] + sorted[days / 2]) as f64 / 2.0
    };
    let range_total: u64 = daily.iter().sum();
    let mut standouts = Vec::new();
    for dimension in SPIKE_DIMENSIONS {
        let mut counts: HashMap<&str, (u64, u64)> = HashMap::new();
        for row in rows {
            let Some(i) = day_of(row) else { continue };
            let slot = counts.entry(dimension.value(row)).or_default();
            slot.1 += clicks_of(row);
            if i == busiest {
                slot.0 += clicks_of(row);
            }
        }
        let best = counts
            .into_iter()
            .map(|(value, (that_day, overall))| Standout {
                dimension,
                value: value.to_string(),
                day_share: that_day as f64 * 100.0 / clicks as f64,
                range_share: overall as f64 * 100.0 / range_total as f64,
            })
            .filter(|s| s.day_share - s.range_share >= MIN_LIFT_POINTS)
            .max_by(|a, b| {
                (a.day_share - a.range_share)
                    .total_cmp(&(b.day_share - b.range_share))
                    .then_with(|| b.value.cmp(&a.value))
            });
        standouts.extend(best);
    }
    Some(SpikeNote {
        day: start.add_days(busiest as i32),
        clicks,
        median,
        partial,
        standouts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_clicks_response;

    /// Ten quiet days of 10 clicks from Google in DE, then a spike of 100
    /// on 2026-11-06, 80 of them from t.co, campaign `launch`, in the US.
    #[test]
    fn a_synthetic_spike_names_its_day_and_what_drove_it() {
        let mut rows = Vec::new();
        for day in 1..=10 {
            let spike = day == 6;
            for i in 0..if spike { 100 } else { 10 } {
                let driven = spike && i < 80;
                rows.push(format!(
                    r#"{{"created_at":"2026-11-{day:02}T12:00:00Z","referrer":"{}","utm_campaign":"{}","country_code":"{}"}}"#,
                    if driven { "https://t.co/" } else { "https://www.google.com/" },
                    if driven { "launch" } else { "always-on" },
                    if driven { "US" } else { "DE" },
                ));
            }
        }
        let body = format!(r#"{{"data":{{"rows":[{}]}}}}"#, rows.join(","));
        let rows = parse_clicks_response(body.as_bytes()).unwrap().rows;
        let day = |s| UtcDay::parse(s).unwrap();
        let note = spike_note(&rows, day("2026-11-01"), day("2026-11-10"), false).unwrap();
        assert_eq!(
            (note.day, note.clicks, note.median),
            (day("2026-11-06"), 100, 10.0)
        );
        let named: Vec<(Dimension, &str, u64, u64)> = note
            .standouts
            .iter()
            .map(|s| {
                (
                    s.dimension,
                    s.value.as_str(),
                    s.day_share.round() as u64,
                    s.range_share.round() as u64,
                )
            })
            .collect();
        assert_eq!(
            named,
            [
                (Dimension::Referrer, "https://t.co/", 80, 42),
                (Dimension::UtmCampaign, "launch", 80, 42),
                (Dimension::Country, "US", 80, 42),
            ]
        );
        // A range without clicks has no note; days before the range are not counted.
        assert_eq!(
            spike_note(&rows, day("2026-12-01"), day("2026-12-05"), false),
            None
        );
    }

    /// A partial load holds one end of the range: of ten days, three
    /// whole (10 clicks each, 40 on the busiest) and a few rows of the day
    /// next to them. The median is of the three whole days, not of ten
    /// days mostly empty, and the partly loaded day counts nowhere,
    /// whichever end the rows came from.
    #[test]
    fn a_partial_load_counts_only_the_days_it_holds_whole() {
        let parse = |days: &[(u32, u32, &str)]| {
            let mut rows = Vec::new();
            for &(day, clicks, referrer) in days {
                for _ in 0..clicks {
                    rows.push(format!(
                        r#"{{"created_at":"2026-11-{day:02}T12:00:00Z","referrer":"{referrer}"}}"#
                    ));
                }
            }
            let body = format!(r#"{{"data":{{"rows":[{}]}}}}"#, rows.join(","));
            parse_clicks_response(body.as_bytes()).unwrap().rows
        };
        let day = |s| UtcDay::parse(s).unwrap();
        let (start, end) = (day("2026-11-01"), day("2026-11-10"));
        // Newest first: the 10th back to a part of the 7th.
        let newest_first = parse(&[(10, 10, "a"), (9, 40, "a"), (8, 10, "a"), (7, 2, "b")]);
        let note = spike_note(&newest_first, start, end, true).unwrap();
        assert_eq!(
            (note.day, note.clicks, note.median),
            (day("2026-11-09"), 40, 10.0)
        );
        assert!(note.partial);
        // `b` is only on the partly loaded day: not in the range's shares.
        assert!(note.standouts.iter().all(|s| s.value != "b"));
        // Oldest first: the 1st to a part of the 4th.
        let oldest_first = parse(&[(1, 10, "a"), (2, 40, "a"), (3, 10, "a"), (4, 2, "b")]);
        let note = spike_note(&oldest_first, start, end, true).unwrap();
        assert_eq!(
            (note.day, note.clicks, note.median),
            (day("2026-11-02"), 40, 10.0)
        );
        // Not partial: the same rows are a range of mostly empty days.
        let whole = spike_note(&newest_first, start, end, false).unwrap();
        assert_eq!((whole.median, whole.partial), (0.0, false));
        // All in one partly loaded day: no whole day, no note.
        assert_eq!(spike_note(&newest_first[..5], start, end, true), None);
    }
}
