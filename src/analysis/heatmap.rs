//! The weekday × hour grid (CONTRACT 8, `part="heatmap"`): the loaded
//! clicks by weekday and hour of day in the zone of `time-zone`, with the
//! zone's offset taken at each click's own instant, so a summer-time
//! change moves the clicks after it by the hour it should.

use super::dimension::clicks_of;
use crate::day::parse_instant_ms;
use crate::model::ClickRow;
use std::cell::RefCell;
use std::collections::HashMap;

/// Weekday names, Monday first, as the grid's rows and cell titles use them.
pub const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
/// Colour steps of the scale above none (`0` is no clicks).
pub const LEVELS: u8 = 4;

/// Wraps `offset_at`, which gives a zone's offset from UTC in minutes
/// (east positive) at an instant given in ms since the epoch, so that it
/// is asked once per UTC quarter hour: a zone's offset changes on a
/// quarter hour at most (Adelaide's at :30 UTC, Nepal's +5:45), so the
/// clicks of one quarter share one answer instead of one JS `Date` each.
pub fn offsets_by_quarter_hour(offset_at: impl Fn(f64) -> i32) -> impl Fn(f64) -> i32 {
    let known = RefCell::new(HashMap::new());
    move |ms| {
        *known
            .borrow_mut()
            .entry((ms / 900_000.0).floor() as i64)
            .or_insert_with(|| offset_at(ms))
    }
}

/// Clicks by weekday (Monday first) and hour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heatmap {
    /// `cells[weekday][hour]`.
    pub cells: [[u64; 24]; 7],
    /// Rows whose time could not be read, left out.
    pub unplaced: u64,
}

impl Heatmap {
    /// Counts `rows` (each by its `gross_clicks`); `offset_minutes(ms)` is
    /// the zone's offset from UTC at that instant (`+60` for UTC+1; `0`
    /// for UTC).
    pub fn count<'a>(
        rows: impl IntoIterator<Item = &'a ClickRow>,
        offset_minutes: impl Fn(f64) -> i32,
    ) -> Self {
        let mut cells = [[0u64; 24]; 7];
        let mut unplaced = 0;
        for row in rows {
            let clicks = clicks_of(row);
            match row.created_at().value().and_then(parse_instant_ms) {
                Some(ms) => {
                    let local = ms + f64::from(offset_minutes(ms)) * 60_000.0;
                    let minutes = (local / 60_000.0).floor() as i64;
                    let days = minutes.div_euclid(1440);
                    // 1970-01-01 was a Thursday (index 3).
                    let weekday = (days + 3).rem_euclid(7) as usize;
                    let hour = (minutes.rem_euclid(1440) / 60) as usize;
                    cells[weekday][hour] += clicks;
                }
                None => unplaced += clicks,
            }
        }
        Self { cells, unplaced }
    }

    /// All clicks placed in the grid.
    pub fn total(&self) -> u64 {
        self.cells.iter().flatten().sum()
    }

    /// The busiest cell's clicks.
    pub fn max(&self) -> u64 {
        self.cells.iter().flatten().copied().max().unwrap_or(0)
    }

    /// The colour step of a cell: 0 for none, else 1 to [`LEVELS`] by its
    /// share of the busiest cell.
    pub fn level(&self, weekday: usize, hour: usize) -> u8 {
        let (count, max) = (self.cells[weekday][hour], self.max());
        if count == 0 || max == 0 {
            return 0;
        }
        (count * u64::from(LEVELS))
            .div_ceil(max)
            .clamp(1, u64::from(LEVELS)) as u8
    }

    /// A cell's title (CONTRACT 8): `Tue 14:00: 12 clicks`, `Sun 03:00: 1 click`.
    pub fn cell_title(
        &self,
        weekday: usize,
        hour: usize,
        number: impl Fn(u64) -> String,
    ) -> String {
        let count = self.cells[weekday][hour];
        let noun = if count == 1 { "click" } else { "clicks" };
        format!(
            "{} {hour:02}:00: {} {noun}",
            WEEKDAYS[weekday],
            number(count)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_clicks_response;

    fn rows(times: &[&str]) -> Vec<ClickRow> {
        let rows: Vec<String> = times
            .iter()
            .map(|t| format!(r#"{{"created_at":"{t}"}}"#))
            .collect();
        let body = format!(r#"{{"data":{{"rows":[{}]}}}}"#, rows.join(","));
        parse_clicks_response(body.as_bytes()).unwrap().rows
    }

    /// One question per quarter hour; changes at :30 and at :45 each seen
    /// on their side (a half-hour key would miss the second); instants
    /// before 1970 keyed by their own quarter (floored, not truncated).
    #[test]
    fn offsets_are_asked_once_per_quarter_hour() {
        let asked = std::cell::Cell::new(0);
        let minute = 60_000.0;
        // Synthetic: +630 until a :30 UTC, +570 until the next :45, then +345.
        let half_past = 1_775_233_800_000.0;
        let quarter_to = half_past + 15.0 * minute;
        let offset = offsets_by_quarter_hour(|ms| {
            asked.set(asked.get() + 1);
            if ms < 0.0 {
                -60
            } else if ms < half_past {
                630
            } else if ms < quarter_to {
                570
            } else {
                345
            }
        });
        let before: Vec<i32> = (1..=14)
            .map(|m| offset(half_past - f64::from(m) * minute))
            .collect();
        assert!(before.iter().all(|&o| o == 630));
        assert_eq!(asked.get(), 1, "one question for the quarter before");
        assert_eq!(offset(half_past), 570);
        assert_eq!(offset(half_past + 14.0 * minute), 570);
        assert_eq!(asked.get(), 2, "one more for the quarter after");
        assert_eq!(offset(quarter_to + minute), 345, "a change at :45");
        assert_eq!(offset(1.0), 630);
        assert_eq!(offset(-1.0), -60, "the quarter before 1970 is its own");
    }

    #[test]
    fn utc_clicks_fall_in_their_weekday_and_hour() {
        // 2026-11-03 is a Tuesday.
        let grid = Heatmap::count(
            &rows(&[
                "2026-11-03T14:05:00Z",
                "2026-11-03T14:59:59Z",
                "2026-11-08T03:00:00Z",
                "bad",
            ]),
            |_| 0,
        );
        assert_eq!(grid.cells[1][14], 2);
        assert_eq!(grid.cells[6][3], 1);
        assert_eq!((grid.total(), grid.unplaced), (3, 1));
        let number = |n: u64| n.to_string();
        assert_eq!(grid.cell_title(1, 14, number), "Tue 14:00: 2 clicks");
        assert_eq!(grid.cell_title(6, 3, number), "Sun 03:00: 1 click");
        assert_eq!(
            (grid.level(1, 14), grid.level(6, 3), grid.level(0, 0)),
            (4, 2, 0)
        );
    }

    /// Berlin's summer time ended on 2026-10-25 at 01:00 UTC: 12:00 UTC is
    /// 14:00 in Berlin the day before, 13:00 the day of.
    #[test]
    fn a_summer_time_change_in_a_local_zone_moves_the_hour() {
        let end_of_summer = parse_instant_ms("2026-10-25T01:00:00Z").unwrap();
        let berlin = |ms: f64| if ms < end_of_summer { 120 } else { 60 };
        let grid = Heatmap::count(
            &rows(&[
                "2026-10-24T12:00:00Z",
                "2026-10-25T12:00:00Z",
                "2026-10-25T00:30:00Z",
                "2026-10-25T01:30:00Z",
            ]),
            berlin,
        );
        assert_eq!(grid.cells[5][14], 1, "Saturday 14:00, summer time");
        assert_eq!(grid.cells[6][13], 1, "Sunday 13:00, winter time");
        // 00:30 UTC is 02:30 summer time; 01:30 UTC is 02:30 winter time: the hour repeats.
        assert_eq!(grid.cells[6][2], 2);
        assert_eq!(grid.total(), 4);
    }
}
