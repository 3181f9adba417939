//! The view: date range, bots, duplicates, page size and page, their
//! defaults, and a person's edit of the range.

use crate::day::UtcDay;

/// Rows per page when none (or an unusable value) is given.
pub const DEFAULT_PAGE_SIZE: u32 = 100;
/// Largest page the API serves.
pub const MAX_PAGE_SIZE: u32 = 1000;
/// Days shown when `date-start` is not given (ending at `date-end`).
pub const DEFAULT_RANGE_DAYS: i32 = 30;
/// Longest range accepted, in days (ten years).
pub const MAX_RANGE_DAYS: i32 = 3660;

/// What the person is looking at: the filters and the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filters {
    /// First UTC day. Default 29 days before `date_end`.
    pub date_start: UtcDay,
    /// Last UTC day. Default today (UTC).
    pub date_end: UtcDay,
    /// Rows per page, 1..=1000. Default 100.
    pub page_size: u32,
    /// 1-based page number. Default 1.
    pub page: u32,
    /// Include clicks flagged as bots. Default true.
    pub include_bots: bool,
    /// Include clicks flagged as duplicates. Default true.
    pub include_duplicates: bool,
}

impl Filters {
    /// The defaults for a given today: the 30 UTC days ending today, page 1
    /// of 100 rows, bots and duplicates included.
    pub fn defaults(today: UtcDay) -> Self {
        Self {
            date_start: today.add_days(1 - DEFAULT_RANGE_DAYS),
            date_end: today,
            page_size: DEFAULT_PAGE_SIZE,
            page: 1,
            include_bots: true,
            include_duplicates: true,
        }
    }

    /// The same view with a new filter: back to page 1 (CONTRACT 5).
    pub fn with_filter_change(self, change: impl FnOnce(&mut Self)) -> Self {
        let mut next = self;
        change(&mut next);
        next.page = 1;
        next
    }

    /// True when anything other than the page differs.
    pub fn differs_beyond_page(&self, other: &Self) -> bool {
        Self { page: 1, ..*self } != Self { page: 1, ..*other }
    }
}

/// Which end of the date range a person edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeEnd {
    /// `From`.
    Start,
    /// `To`.
    End,
}

/// The range after a person sets one end to `raw`, or why the edit is
/// refused (the view then stays as it was).
pub fn edit_range(filters: &Filters, end: RangeEnd, raw: &str) -> Result<(UtcDay, UtcDay), String> {
    let day = UtcDay::parse(raw.trim()).ok_or("Enter a full date (YYYY-MM-DD).")?;
    let (start, finish) = match end {
        RangeEnd::Start => (day, filters.date_end),
        RangeEnd::End => (filters.date_start, day),
    };
    if start > finish {
        return Err(format!("From ({start}) must not be after To ({finish})."));
    }
    if start.days_until(finish) >= MAX_RANGE_DAYS {
        return Err(format!("A range may span at most {MAX_RANGE_DAYS} days."));
    }
    Ok((start, finish))
}

#[cfg(test)]
mod edit_tests {
    use super::*;

    #[test]
    fn editing_one_end_keeps_the_other_and_refuses_bad_ranges() {
        let filters = Filters::defaults(UtcDay::parse("2026-11-23").unwrap());
        let day = |s| UtcDay::parse(s).unwrap();
        assert_eq!(
            edit_range(&filters, RangeEnd::Start, "2026-11-01"),
            Ok((day("2026-11-01"), day("2026-11-23")))
        );
        assert_eq!(
            edit_range(&filters, RangeEnd::End, "2026-11-10"),
            Ok((day("2026-10-25"), day("2026-11-10")))
        );
        assert!(edit_range(&filters, RangeEnd::Start, "")
            .unwrap_err()
            .contains("full date"));
        assert!(edit_range(&filters, RangeEnd::Start, "2026-12-01")
            .unwrap_err()
            .contains("must not be after"));
        assert!(edit_range(&filters, RangeEnd::Start, "2000-01-01")
            .unwrap_err()
            .contains("at most"));
    }
}
