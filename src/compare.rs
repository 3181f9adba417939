//! Comparison (CONTRACT 7): which range a view is compared with, and the
//! change in per cent the summary states. Pure.

use crate::config::Filters;
use crate::day::UtcDay;
use crate::format::Labels;

/// What the range is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Compare {
    /// No comparison. The default.
    #[default]
    None,
    /// The period of equal length just before.
    Previous,
    /// The same days a year earlier.
    Year,
}

impl Compare {
    /// Every choice, in the order of the `Compare` select.
    pub const ALL: [Compare; 3] = [Compare::None, Compare::Previous, Compare::Year];

    /// The configuration value.
    pub fn name(self) -> &'static str {
        match self {
            Compare::None => "none",
            Compare::Previous => "previous",
            Compare::Year => "year",
        }
    }

    /// The option's text in the `Compare` select.
    pub fn label(self) -> &'static str {
        match self {
            Compare::None => "No comparison",
            Compare::Previous => "Previous period",
            Compare::Year => "Previous year",
        }
    }

    /// The choice named `name` (exactly, as [`Compare::name`] gives it).
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The range `start..=end` is compared with, if any: the days of equal
    /// number just before it, or the same days a year earlier (29 February
    /// becomes 28 February).
    pub fn range(self, start: UtcDay, end: UtcDay) -> Option<(UtcDay, UtcDay)> {
        match self {
            Compare::None => None,
            Compare::Previous => {
                let days = start.days_until(end) + 1;
                Some((start.add_days(-days), start.add_days(-1)))
            }
            Compare::Year => Some((year_earlier(start), year_earlier(end))),
        }
    }
}

/// The same day a year earlier; 29 February becomes 28 February (and 28
/// February stays 28 February, unlike a month end moved by months).
fn year_earlier(day: UtcDay) -> UtcDay {
    let (year, month, date) = day.ymd();
    UtcDay::from_ymd(year - 1, month, date)
        .or_else(|| UtcDay::from_ymd(year - 1, month, date - 1))
        .unwrap_or(day)
}

/// The view whose answer gives the compared range's chart and total: its
/// days, the same link and flags, one row (the chart and `clicks_total`
/// cover the whole range whatever the page), and no page or period name
/// to follow, so a page flip asks for nothing new. `None` without a
/// comparison.
pub fn compared_view(filters: &Filters) -> Option<Filters> {
    let (date_start, date_end) = filters
        .compare
        .range(filters.date_start, filters.date_end)?;
    Some(
        Filters {
            date_start,
            date_end,
            ..*filters
        }
        .one_row_view(),
    )
}

/// The change from `before` to `now` as the summary states it: signed, one
/// decimal, `+12.5 %`, `-3.0 %`, `+0.0 %` (the number written by
/// `labels`); `no clicks to compare` when the compared range had none.
pub fn change_label(labels: &dyn Labels, now: u64, before: u64) -> String {
    if before == 0 {
        return "no clicks to compare".to_string();
    }
    let change = (now as f64 - before as f64) / before as f64 * 100.0;
    format!("{} %", labels.tenths(change, true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::english::EnglishLabels;

    fn day(text: &str) -> UtcDay {
        UtcDay::parse(text).unwrap()
    }

    fn range(compare: Compare, a: &str, b: &str) -> Option<(String, String)> {
        compare
            .range(day(a), day(b))
            .map(|(s, e)| (s.to_string(), e.to_string()))
    }

    #[test]
    fn names_round_trip() {
        for compare in Compare::ALL {
            assert_eq!(Compare::parse(compare.name()), Some(compare));
        }
        assert_eq!(Compare::parse("prev"), None);
        assert_eq!(Compare::default(), Compare::None);
    }

    #[test]
    fn compared_ranges() {
        assert_eq!(range(Compare::None, "2026-11-03", "2026-12-02"), None);
        assert_eq!(
            range(Compare::Previous, "2026-11-03", "2026-12-02"),
            Some(("2026-10-04".into(), "2026-11-02".into()))
        );
        assert_eq!(
            range(Compare::Previous, "2026-12-02", "2026-12-02"),
            Some(("2026-12-01".into(), "2026-12-01".into()))
        );
        assert_eq!(
            range(Compare::Year, "2026-11-03", "2026-12-02"),
            Some(("2025-11-03".into(), "2025-12-02".into()))
        );
        assert_eq!(
            range(Compare::Year, "2028-02-01", "2028-02-29"),
            Some(("2027-02-01".into(), "2027-02-28".into()))
        );
        assert_eq!(
            range(Compare::Year, "2029-02-01", "2029-02-28"),
            Some(("2028-02-01".into(), "2028-02-28".into()))
        );
        assert_eq!(
            range(Compare::Previous, "2027-01-01", "2027-01-31"),
            Some(("2026-12-01".into(), "2026-12-31".into()))
        );
    }

    #[test]
    fn the_compared_view_asks_for_one_row_of_the_compared_days() {
        let today = day("2026-12-02");
        let view = Filters {
            page: 4,
            include_bots: false,
            ..Filters::defaults(today)
        };
        assert_eq!(compared_view(&view), None);
        let compared = compared_view(&Filters {
            compare: Compare::Previous,
            ..view
        })
        .unwrap();
        assert_eq!(
            (compared.date_start, compared.date_end),
            (day("2026-10-04"), day("2026-11-02"))
        );
        assert_eq!(
            (compared.page_size, compared.page, compared.include_bots),
            (1, 1, false)
        );
        let flipped = Filters {
            compare: Compare::Previous,
            page: 5,
            page_size: 250,
            ..view
        };
        assert_eq!(
            compared_view(&flipped),
            Some(compared),
            "a page flip asks for nothing new"
        );
    }

    #[test]
    fn changes_are_signed_with_one_decimal() {
        assert_eq!(change_label(&EnglishLabels, 1125, 1000), "+12.5 %");
        assert_eq!(change_label(&EnglishLabels, 970, 1000), "-3.0 %");
        assert_eq!(change_label(&EnglishLabels, 1000, 1000), "+0.0 %");
        assert_eq!(change_label(&EnglishLabels, 99_999, 100_000), "+0.0 %");
        assert_eq!(change_label(&EnglishLabels, 0, 40), "-100.0 %");
        assert_eq!(change_label(&EnglishLabels, 3, 1), "+200.0 %");
        assert_eq!(change_label(&EnglishLabels, 5, 0), "no clicks to compare");
        assert_eq!(change_label(&EnglishLabels, 0, 0), "no clicks to compare");
    }
}
