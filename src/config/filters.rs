//! The view: period and date range, bots, duplicates, page size and page,
//! the zone of row times, their defaults, and a person's edits of the range.

use crate::compare::Compare;
use crate::day::UtcDay;
use crate::period::{can_shift_forward, shift_range, Period, Shift};

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
    /// The named range the dates come from, or `Custom`. Default `30d`
    /// (`Custom` when dates are given).
    pub period: Period,
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
    /// What the range is compared with. Default none.
    pub compare: Compare,
    /// The zone row times are shown in. Default the viewer's local time.
    pub time_zone: TimeZone,
}

/// The zone of row times (CONTRACT 7 `time-zone`; the `Times in` control).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimeZone {
    /// The viewer's local time (the default).
    #[default]
    Local,
    /// UTC.
    Utc,
}

impl TimeZone {
    /// The configuration value: `local` or `utc`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Local => "local",
            Self::Utc => "utc",
        }
    }

    /// Reads a configuration value, in any case (`utc`, `UTC`).
    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Local, Self::Utc]
            .into_iter()
            .find(|zone| zone.name().eq_ignore_ascii_case(raw.trim()))
    }
}

impl Filters {
    /// The defaults for a given today: the 30 UTC days ending today, page 1
    /// of 100 rows, bots and duplicates included.
    pub fn defaults(today: UtcDay) -> Self {
        Self {
            period: Period::Last30Days,
            date_start: today.add_days(1 - DEFAULT_RANGE_DAYS),
            date_end: today,
            page_size: DEFAULT_PAGE_SIZE,
            page: 1,
            include_bots: true,
            include_duplicates: true,
            compare: Compare::None,
            time_zone: TimeZone::Local,
        }
    }

    /// The same view with a new filter: back to page 1 (CONTRACT 5).
    pub fn with_filter_change(self, change: impl FnOnce(&mut Self)) -> Self {
        let mut next = self;
        change(&mut next);
        next.page = 1;
        next
    }

    /// The view on `period` resolved against `today` (`Custom` keeps the
    /// dates), from page 1.
    pub fn with_period(self, period: Period, today: UtcDay) -> Self {
        self.with_filter_change(|f| {
            f.period = period;
            if let Some((start, end)) = period.range(today) {
                (f.date_start, f.date_end) = (start, end);
            }
        })
    }

    /// The view with its range moved one step `way` by its own length
    /// (`Previous period`, `Next period`, ← and →): a `Custom` range from
    /// then on, from page 1. Unchanged forward when the range already ends
    /// `today` or later.
    pub fn shifted(self, way: Shift, today: UtcDay) -> Self {
        if way == Shift::Forward && !can_shift_forward(self.date_end, today) {
            return self;
        }
        self.with_filter_change(|f| {
            (f.date_start, f.date_end) = shift_range(f.period, f.date_start, f.date_end, way);
            f.period = Period::Custom;
        })
    }

    /// True when the rows differ by more than the page (see
    /// [`Filters::shows_same_rows`]).
    pub fn differs_beyond_page(&self, other: &Self) -> bool {
        !Self { page: 1, ..*self }.shows_same_rows(&Self { page: 1, ..*other })
    }

    /// Whether `other` asks for the same rows: the same clicks (see
    /// [`Filters::holds_same_clicks`]), page size and page, whatever its
    /// period's name, comparison or the zone its times are shown in.
    pub fn shows_same_rows(&self, other: &Self) -> bool {
        self.holds_same_clicks(other)
            && (self.page_size, self.page) == (other.page_size, other.page)
    }

    /// Whether `other` holds the same clicks: the same days and flags
    /// (what `Analyse all clicks` loads).
    pub fn holds_same_clicks(&self, other: &Self) -> bool {
        (
            self.date_start,
            self.date_end,
            self.include_bots,
            self.include_duplicates,
        ) == (
            other.date_start,
            other.date_end,
            other.include_bots,
            other.include_duplicates,
        )
    }

    /// The view with its rolling period resolved against `today` again,
    /// page kept, when that moves its dates (an open dashboard past
    /// midnight, UTC); `None` when nothing moves (or the range is custom).
    pub fn rolled_to(self, today: UtcDay) -> Option<Self> {
        let (date_start, date_end) = self.period.range(today)?;
        ((date_start, date_end) != (self.date_start, self.date_end)).then_some(Self {
            date_start,
            date_end,
            ..self
        })
    }

    /// The one-row view of the same days that an extra request of the
    /// analyst views asks for (CONTRACT 7: its `clicks_total` and `chart`
    /// are all it is for): page 1 of one row, no comparison, a custom range,
    /// and nothing that only changes how rows are shown.
    pub fn one_row_view(self) -> Self {
        Self {
            page_size: 1,
            page: 1,
            compare: Compare::None,
            period: Period::Custom,
            time_zone: TimeZone::Local,
            ..self
        }
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
    fn periods_and_shifts_change_the_view_from_page_one() {
        let today = UtcDay::parse("2026-12-02").unwrap();
        let day = |s| UtcDay::parse(s).unwrap();
        let on_page_3 = Filters {
            page: 3,
            ..Filters::defaults(today)
        };
        let last_month = on_page_3.with_period(Period::LastMonth, today);
        assert_eq!(
            (
                last_month.period,
                last_month.date_start,
                last_month.date_end,
                last_month.page
            ),
            (Period::LastMonth, day("2026-11-01"), day("2026-11-30"), 1)
        );
        // Shifting back from last month: October, whole, and custom from then on.
        let back = Filters {
            page: 2,
            ..last_month
        }
        .shifted(Shift::Back, today);
        assert_eq!(
            (back.period, back.date_start, back.date_end, back.page),
            (Period::Custom, day("2026-10-01"), day("2026-10-31"), 1)
        );
        let again = back.shifted(Shift::Back, today);
        assert_eq!(
            (again.date_start, again.date_end),
            (day("2026-09-01"), day("2026-09-30"))
        );
        assert_eq!(
            again.shifted(Shift::Forward, today),
            Filters { page: 1, ..back }
        );
        // Forward stops at today: a range ending today does not move.
        let week = on_page_3.with_period(Period::Last7Days, today);
        assert_eq!(week.shifted(Shift::Forward, today), week);
        let before = week.shifted(Shift::Back, today);
        assert_eq!(
            (before.date_start, before.date_end),
            (day("2026-11-19"), day("2026-11-25"))
        );
        assert_eq!(before.shifted(Shift::Forward, today).date_end, today);
        // Custom keeps the dates it has.
        let custom = before.with_period(Period::Custom, today);
        assert_eq!(
            (custom.date_start, custom.date_end),
            (before.date_start, before.date_end)
        );
    }

    #[test]
    fn a_rolling_period_rolls_to_a_new_today_and_keeps_the_page() {
        let day = |s| UtcDay::parse(s).unwrap();
        let week = Filters {
            page: 2,
            ..Filters::defaults(day("2026-12-02")).with_period(Period::Last7Days, day("2026-12-02"))
        };
        assert_eq!(
            week.rolled_to(day("2026-12-02")),
            None,
            "same day: nothing moves"
        );
        let next = week.rolled_to(day("2026-12-03")).unwrap();
        assert_eq!(
            (next.date_start, next.date_end, next.page, next.period),
            (day("2026-11-27"), day("2026-12-03"), 2, Period::Last7Days)
        );
        let custom = Filters {
            period: Period::Custom,
            ..week
        };
        assert_eq!(custom.rolled_to(day("2026-12-03")), None);
    }

    #[test]
    fn rows_are_the_same_whatever_their_names_comparison_or_zone() {
        let view = Filters::defaults(UtcDay::parse("2026-12-02").unwrap());
        let renamed = Filters {
            period: Period::Custom,
            compare: Compare::Year,
            time_zone: TimeZone::Utc,
            ..view
        };
        assert!(view.shows_same_rows(&renamed));
        assert!(!view.differs_beyond_page(&renamed));
        assert!(!view.shows_same_rows(&Filters { page: 2, ..view }));
        assert!(!view.differs_beyond_page(&Filters { page: 2, ..view }));
        assert!(view.differs_beyond_page(&Filters {
            include_bots: false,
            ..view
        }));
        // The same clicks on another page or page size: not the same rows.
        let paged = Filters {
            page: 4,
            page_size: 50,
            ..view
        };
        assert!(view.holds_same_clicks(&paged) && !view.shows_same_rows(&paged));
        assert!(!view.holds_same_clicks(&Filters {
            include_duplicates: false,
            ..view
        }));
    }

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
