//! Periods (CONTRACT 7): the named ranges a person picks (`7d`,
//! `last-month`…), resolved against today, and the shifts of a range by
//! its own length. Pure: today is always given.

use crate::day::UtcDay;

/// A named range, resolved against today each time the widget loads, so a
/// shared link keeps meaning "the last 7 days".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Period {
    /// Today (UTC).
    Today,
    /// Yesterday (UTC).
    Yesterday,
    /// The 7 UTC days ending today.
    Last7Days,
    /// The 30 UTC days ending today. The default without dates.
    #[default]
    Last30Days,
    /// The 90 UTC days ending today.
    Last90Days,
    /// From the 1st of this UTC month to today.
    ThisMonth,
    /// The whole previous UTC month.
    LastMonth,
    /// From 1 January of this UTC year to today.
    YearToDate,
    /// 365 days ending today (366 when the span holds 29 February).
    Last12Months,
    /// The dates given (`date-start`, `date-end`), or shifted.
    Custom,
}

impl Period {
    /// Every period, in the order of the `Period` select.
    pub const ALL: [Period; 10] = [
        Period::Today,
        Period::Yesterday,
        Period::Last7Days,
        Period::Last30Days,
        Period::Last90Days,
        Period::ThisMonth,
        Period::LastMonth,
        Period::YearToDate,
        Period::Last12Months,
        Period::Custom,
    ];

    /// The configuration value (`7d`, `last-month`…).
    pub fn name(self) -> &'static str {
        match self {
            Period::Today => "today",
            Period::Yesterday => "yesterday",
            Period::Last7Days => "7d",
            Period::Last30Days => "30d",
            Period::Last90Days => "90d",
            Period::ThisMonth => "this-month",
            Period::LastMonth => "last-month",
            Period::YearToDate => "ytd",
            Period::Last12Months => "12mo",
            Period::Custom => "custom",
        }
    }

    /// The option's text in the `Period` select.
    pub fn label(self) -> &'static str {
        match self {
            Period::Today => "Today",
            Period::Yesterday => "Yesterday",
            Period::Last7Days => "Last 7 days",
            Period::Last30Days => "Last 30 days",
            Period::Last90Days => "Last 90 days",
            Period::ThisMonth => "This month",
            Period::LastMonth => "Last month",
            Period::YearToDate => "Year to date",
            Period::Last12Months => "Last 12 months",
            Period::Custom => "Custom",
        }
    }

    /// The period named `name` (exactly, as [`Period::name`] gives it).
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.name() == name)
    }

    /// Its first and last UTC day for `today`; `None` for `Custom`, whose
    /// days are given.
    pub fn range(self, today: UtcDay) -> Option<(UtcDay, UtcDay)> {
        let (year, _, day_of_month) = today.ymd();
        let first_of_month = today.add_days(1 - day_of_month as i32);
        let last_days = |n: i32| (today.add_days(1 - n), today);
        Some(match self {
            Period::Today => (today, today),
            Period::Yesterday => (today.add_days(-1), today.add_days(-1)),
            Period::Last7Days => last_days(7),
            Period::Last30Days => last_days(30),
            Period::Last90Days => last_days(90),
            Period::ThisMonth => (first_of_month, today),
            Period::LastMonth => {
                let end = first_of_month.add_days(-1);
                (end.add_days(1 - end.ymd().2 as i32), end)
            }
            Period::YearToDate => (UtcDay::from_ymd(year, 1, 1)?, today),
            // From the day after the same day a year ago: 365 days, or 366
            // when the span holds a 29 February.
            Period::Last12Months => (add_months(today, -12).add_days(1), today),
            Period::Custom => return None,
        })
    }

    /// Whether a shift moves by calendar months rather than by days.
    fn shifts_by_month(self) -> bool {
        matches!(self, Period::ThisMonth | Period::LastMonth)
    }
}

/// Which way a range moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shift {
    /// `Previous period`, ←.
    Back,
    /// `Next period`, →.
    Forward,
}

/// The range `start..=end` of `period` moved by its own length one step
/// `way`: by a calendar month for the month periods, and for a custom range
/// that is one whole calendar month (so a shifted month stays a month); by
/// its number of days otherwise.
pub fn shift_range(period: Period, start: UtcDay, end: UtcDay, way: Shift) -> (UtcDay, UtcDay) {
    let step = if way == Shift::Back { -1 } else { 1 };
    let (start_year, start_month, start_day) = start.ymd();
    let (end_year, end_month, _) = end.ymd();
    let whole_month = start_day == 1
        && (start_year, start_month) == (end_year, end_month)
        && end.add_days(1).ymd().2 == 1;
    if period.shifts_by_month() || (period == Period::Custom && whole_month) {
        (add_months(start, step), add_months(end, step))
    } else {
        let length = start.days_until(end) + 1;
        (start.add_days(step * length), end.add_days(step * length))
    }
}

/// Whether `Next period` may move the range ending `end`: not when it
/// already ends today or later.
pub fn can_shift_forward(end: UtcDay, today: UtcDay) -> bool {
    end < today
}

/// `day` moved by `months` calendar months: the same day of the month,
/// or the month's last day when it has fewer days, and a month's last day
/// stays a month's last day (31 Jan → 28/29 Feb → 31 Mar).
pub fn add_months(day: UtcDay, months: i32) -> UtcDay {
    let (year, month, dom) = day.ymd();
    let index = year * 12 + month as i32 - 1 + months;
    let (to_year, to_month) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
    let last_of = |y, m| {
        (28..=31)
            .rev()
            .find(|&d| UtcDay::from_ymd(y, m, d).is_some())
            .unwrap_or(28)
    };
    let was_last = dom == last_of(year, month);
    let to_dom = if was_last {
        last_of(to_year, to_month)
    } else {
        dom.min(last_of(to_year, to_month))
    };
    UtcDay::from_ymd(to_year, to_month, to_dom).unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> UtcDay {
        UtcDay::parse(text).unwrap()
    }

    fn range(period: Period, today: &str) -> (String, String) {
        let (start, end) = period.range(day(today)).unwrap();
        (start.to_string(), end.to_string())
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn names_round_trip_and_custom_has_no_range() {
        for period in Period::ALL {
            assert_eq!(Period::parse(period.name()), Some(period));
        }
        assert_eq!(Period::parse("30D"), None);
        assert_eq!(Period::default(), Period::Last30Days);
        assert_eq!(Period::Custom.range(day("2026-12-02")), None);
    }

    #[test]
    fn every_period_resolves_against_today() {
        let today = "2026-12-02";
        assert_eq!(
            range(Period::Today, today),
            pair("2026-12-02", "2026-12-02")
        );
        assert_eq!(
            range(Period::Yesterday, today),
            pair("2026-12-01", "2026-12-01")
        );
        assert_eq!(
            range(Period::Last7Days, today),
            pair("2026-11-26", "2026-12-02")
        );
        assert_eq!(
            range(Period::Last30Days, today),
            pair("2026-11-03", "2026-12-02")
        );
        assert_eq!(
            range(Period::Last90Days, today),
            pair("2026-09-04", "2026-12-02")
        );
        assert_eq!(
            range(Period::ThisMonth, today),
            pair("2026-12-01", "2026-12-02")
        );
        assert_eq!(
            range(Period::LastMonth, today),
            pair("2026-11-01", "2026-11-30")
        );
        assert_eq!(
            range(Period::YearToDate, today),
            pair("2026-01-01", "2026-12-02")
        );
        assert_eq!(
            range(Period::Last12Months, today),
            pair("2025-12-03", "2026-12-02")
        );
    }

    #[test]
    fn year_boundaries() {
        assert_eq!(
            range(Period::Yesterday, "2027-01-01"),
            pair("2026-12-31", "2026-12-31")
        );
        assert_eq!(
            range(Period::LastMonth, "2027-01-01"),
            pair("2026-12-01", "2026-12-31")
        );
        assert_eq!(
            range(Period::YearToDate, "2027-01-01"),
            pair("2027-01-01", "2027-01-01")
        );
        assert_eq!(
            range(Period::Last7Days, "2027-01-03"),
            pair("2026-12-28", "2027-01-03")
        );
        assert_eq!(
            range(Period::ThisMonth, "2027-01-31"),
            pair("2027-01-01", "2027-01-31")
        );
    }

    #[test]
    fn leap_years_and_the_twelve_months_across_29_february() {
        assert_eq!(
            range(Period::LastMonth, "2028-03-15"),
            pair("2028-02-01", "2028-02-29")
        );
        assert_eq!(
            range(Period::LastMonth, "2027-03-15"),
            pair("2027-02-01", "2027-02-28")
        );
        let span = |today: &str| {
            let (start, end) = Period::Last12Months.range(day(today)).unwrap();
            start.days_until(end) + 1
        };
        assert_eq!(
            range(Period::Last12Months, "2028-02-29"),
            pair("2027-03-01", "2028-02-29")
        );
        assert_eq!(span("2028-02-29"), 366);
        assert_eq!(span("2028-03-01"), 366);
        assert_eq!(span("2029-02-28"), 365);
        assert_eq!(
            range(Period::Last12Months, "2029-02-28"),
            pair("2028-03-01", "2029-02-28")
        );
        assert_eq!(span("2029-03-01"), 365);
        assert_eq!(span("2028-02-28"), 365);
        assert_eq!(span("2026-12-02"), 365);
    }

    #[test]
    fn today_is_the_utc_day_until_its_last_millisecond() {
        let last_ms = day("2026-12-02").days_since_epoch() as f64 * 86_400_000.0 + 86_399_999.0;
        let today = UtcDay::from_unix_ms(last_ms);
        assert_eq!(
            Period::Today.range(today).unwrap().0.to_string(),
            "2026-12-02"
        );
        assert_eq!(
            UtcDay::from_unix_ms(last_ms + 1.0).to_string(),
            "2026-12-03"
        );
    }

    #[test]
    fn calendar_months_keep_the_day_and_month_ends() {
        let moved = |d: &str, n: i32| add_months(day(d), n).to_string();
        assert_eq!(moved("2026-01-31", 1), "2026-02-28");
        assert_eq!(moved("2028-01-31", 1), "2028-02-29");
        assert_eq!(moved("2026-02-28", 1), "2026-03-31");
        assert_eq!(moved("2026-03-30", -1), "2026-02-28");
        assert_eq!(moved("2026-01-15", -1), "2025-12-15");
        assert_eq!(moved("2028-02-29", -12), "2027-02-28");
        assert_eq!(moved("2026-11-30", -1), "2026-10-31");
    }

    #[test]
    fn shifting_moves_by_the_range_s_own_length() {
        let shifted = |period, a: &str, b: &str, way| {
            let (start, end) = shift_range(period, day(a), day(b), way);
            (start.to_string(), end.to_string())
        };
        use Shift::*;
        assert_eq!(
            shifted(Period::Last7Days, "2026-11-26", "2026-12-02", Back),
            pair("2026-11-19", "2026-11-25")
        );
        assert_eq!(
            shifted(Period::Custom, "2026-11-19", "2026-11-25", Forward),
            pair("2026-11-26", "2026-12-02")
        );
        assert_eq!(
            shifted(Period::Today, "2026-12-02", "2026-12-02", Back),
            pair("2026-12-01", "2026-12-01")
        );
        // Month periods move by calendar months, and stay months.
        assert_eq!(
            shifted(Period::LastMonth, "2026-11-01", "2026-11-30", Back),
            pair("2026-10-01", "2026-10-31")
        );
        assert_eq!(
            shifted(Period::Custom, "2026-10-01", "2026-10-31", Back),
            pair("2026-09-01", "2026-09-30")
        );
        assert_eq!(
            shifted(Period::LastMonth, "2026-03-01", "2026-03-31", Back),
            pair("2026-02-01", "2026-02-28")
        );
        assert_eq!(
            shifted(Period::Custom, "2026-01-01", "2026-01-31", Forward),
            pair("2026-02-01", "2026-02-28")
        );
        assert_eq!(
            shifted(Period::ThisMonth, "2026-12-01", "2026-12-02", Back),
            pair("2026-11-01", "2026-11-02")
        );
        // Other ranges move by their own length, even from a 1st.
        assert_eq!(
            shifted(Period::Custom, "2026-11-01", "2026-11-02", Back),
            pair("2026-10-30", "2026-10-31")
        );
        assert_eq!(
            shifted(Period::Today, "2026-12-01", "2026-12-01", Back),
            pair("2026-11-30", "2026-11-30")
        );
        assert_eq!(
            shifted(Period::Last7Days, "2026-12-01", "2026-12-07", Back),
            pair("2026-11-24", "2026-11-30")
        );
        assert_eq!(
            shifted(Period::Last30Days, "2026-11-01", "2026-11-30", Back),
            pair("2026-10-02", "2026-10-31")
        );
        assert!(can_shift_forward(day("2026-12-01"), day("2026-12-02")));
        assert!(!can_shift_forward(day("2026-12-02"), day("2026-12-02")));
        assert!(!can_shift_forward(day("2026-12-09"), day("2026-12-02")));
    }
}
