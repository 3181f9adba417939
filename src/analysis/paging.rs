//! How "Analyse all clicks" pages through a range (CONTRACT 8): pages of
//! 1,000, a few requests at a time and never more than the proxy's rate
//! limit has left, up to `max-rows`; and how its progress is told.

use crate::format::Labels;

/// Rows asked for per request.
pub const PAGE_ROWS: u32 = 1000;
/// Requests in flight at most.
pub const MAX_IN_FLIGHT: usize = 3;

/// What to load: the offsets of every page, up to `max_rows` of `total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PagingPlan {
    /// Rows the range holds (its `clicks_total` when paging began).
    pub total: u64,
    /// Rows that will be loaded: `total`, or `max_rows` when less.
    pub target: u64,
}

impl PagingPlan {
    /// The plan for a range of `total` rows, at most `max_rows` of them.
    pub fn new(total: u64, max_rows: u64) -> Self {
        Self {
            total,
            target: total.min(max_rows),
        }
    }

    /// Whether `max_rows` cuts the range short.
    pub fn is_capped(&self) -> bool {
        self.target < self.total
    }

    /// The offset of every page, first to last.
    pub fn offsets(&self) -> impl Iterator<Item = u64> {
        (0..self.target.div_ceil(u64::from(PAGE_ROWS))).map(|page| page * u64::from(PAGE_ROWS))
    }

    /// The rows to ask for at `offset`: a page, or what is left of the target.
    pub fn limit_at(&self, offset: u64) -> u32 {
        self.target.saturating_sub(offset).min(u64::from(PAGE_ROWS)) as u32
    }
}

/// How many more requests may start, with `in_flight` on their way and
/// `remaining` requests left in the proxy's rate-limit window, if it said
/// (`x-rate-limit-remaining-minute`): [`MAX_IN_FLIGHT`] at most, and never
/// more than the window has left.
pub fn may_start(in_flight: usize, remaining: Option<u64>) -> usize {
    let room = MAX_IN_FLIGHT.saturating_sub(in_flight);
    match remaining {
        Some(left) => room.min(
            usize::try_from(left)
                .unwrap_or(usize::MAX)
                .saturating_sub(in_flight),
        ),
        None => room,
    }
}

/// Rows loaded against rows expected, over the time taken: the rate and
/// the time left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// Rows loaded.
    pub loaded: u64,
    /// Rows expected.
    pub expected: u64,
    /// Rows loaded before this run began (a `Resume`), not counted in the rate.
    pub loaded_before: u64,
    /// Seconds since this run began.
    pub elapsed_secs: f64,
}

impl Progress {
    /// Rows a second in this run; none before a quarter second of it or
    /// its first rows.
    pub fn rate(&self) -> Option<f64> {
        let this_run = self.loaded.saturating_sub(self.loaded_before);
        (self.elapsed_secs >= 0.25 && this_run > 0).then(|| this_run as f64 / self.elapsed_secs)
    }

    /// The progress bar's maximum (`aria-valuemax`): the rows expected,
    /// or the rows loaded when more came than expected (a page longer
    /// than asked for, or clicks that arrived during the load), so that
    /// `aria-valuenow` never passes it.
    pub fn bar_max(&self) -> u64 {
        self.expected.max(self.loaded)
    }

    /// How full the bar is, in per cent of [`Progress::bar_max`] (100
    /// when nothing is expected).
    pub fn percent(&self) -> f64 {
        match self.bar_max() {
            0 => 100.0,
            max => self.loaded as f64 * 100.0 / max as f64,
        }
    }

    /// Seconds left at the rate so far, rounded up.
    pub fn secs_left(&self) -> Option<u64> {
        let rate = self.rate()?;
        Some((self.expected.saturating_sub(self.loaded) as f64 / rate).ceil() as u64)
    }

    /// `1,234 of 4,511 rows · 850 rows/s · 4 s left`, numbers by `labels`.
    pub fn label(&self, labels: &dyn Labels) -> String {
        let mut text = format!(
            "{} of {} rows",
            labels.number(self.loaded),
            labels.number(self.expected)
        );
        if let (Some(rate), Some(left)) = (self.rate(), self.secs_left()) {
            text.push_str(&format!(
                " · {} rows/s · {} left",
                labels.number(rate.round() as u64),
                duration_label(left)
            ));
        }
        text
    }
}

/// `45 s`, `3 min 5 s`, `1 h 2 min`.
pub fn duration_label(secs: u64) -> String {
    match secs {
        0..=59 => format!("{secs} s"),
        60..=3599 => format!("{} min {} s", secs / 60, secs % 60),
        _ => format!("{} h {} min", secs / 3600, secs / 60 % 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::english::EnglishLabels;

    #[test]
    fn the_bar_never_ends_before_the_rows_loaded() {
        let progress = |loaded, expected| Progress {
            loaded,
            expected,
            loaded_before: 0,
            elapsed_secs: 1.0,
        };
        assert_eq!(progress(1000, 4511).bar_max(), 4511);
        assert_eq!(progress(10_000, 4511).bar_max(), 10_000);
        assert_eq!(progress(0, 0).bar_max(), 0);
        assert_eq!(progress(1000, 4000).percent(), 25.0);
        assert_eq!(progress(10_000, 4511).percent(), 100.0);
        assert_eq!(progress(0, 0).percent(), 100.0);
    }

    #[test]
    fn pages_of_a_thousand_up_to_max_rows() {
        let plan = PagingPlan::new(4511, 100_000);
        assert_eq!(
            plan.offsets().collect::<Vec<_>>(),
            [0, 1000, 2000, 3000, 4000]
        );
        assert_eq!((plan.limit_at(0), plan.limit_at(4000)), (1000, 511));
        assert!(!plan.is_capped());
        let capped = PagingPlan::new(250_000, 2500);
        assert!(capped.is_capped());
        assert_eq!(capped.offsets().collect::<Vec<_>>(), [0, 1000, 2000]);
        assert_eq!(capped.limit_at(2000), 500);
        assert_eq!(PagingPlan::new(0, 100).offsets().count(), 0);
    }

    #[test]
    fn requests_respect_the_rate_limit_left() {
        assert_eq!(may_start(0, None), 3);
        assert_eq!(may_start(2, None), 1);
        assert_eq!(may_start(3, None), 0);
        assert_eq!(may_start(0, Some(2)), 2);
        assert_eq!(may_start(1, Some(2)), 1);
        assert_eq!(may_start(0, Some(0)), 0);
        assert_eq!(may_start(2, Some(1)), 0);
    }

    #[test]
    fn progress_tells_rate_and_time_left() {
        let progress = Progress {
            loaded: 2000,
            expected: 4511,
            loaded_before: 0,
            elapsed_secs: 2.0,
        };
        assert_eq!(progress.rate(), Some(1000.0));
        assert_eq!(progress.secs_left(), Some(3));
        assert_eq!(
            progress.label(&EnglishLabels),
            "2,000 of 4,511 rows · 1,000 rows/s · 3 s left"
        );
        let early = Progress {
            loaded: 0,
            expected: 4511,
            loaded_before: 0,
            elapsed_secs: 0.1,
        };
        assert_eq!(early.label(&EnglishLabels), "0 of 4,511 rows");
        // After a Resume, the rate counts this run's rows only.
        let resumed = Progress {
            loaded: 3000,
            expected: 4511,
            loaded_before: 2000,
            elapsed_secs: 1.0,
        };
        assert_eq!(
            (resumed.rate(), resumed.secs_left()),
            (Some(1000.0), Some(2))
        );
        assert_eq!(duration_label(185), "3 min 5 s");
        assert_eq!(duration_label(3720), "1 h 2 min");
    }
}
