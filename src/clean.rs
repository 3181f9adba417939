//! Raw and clean (CONTRACT 7): with bots and duplicates both included, the
//! clean total and the bot and duplicate counts, each from the API's own
//! totals with the flags set accordingly. Pure.

use crate::config::Filters;
use crate::format::Labels;

/// The views whose totals give the clean figures, while both flags are
/// included: bots and duplicates excluded (clean), bots excluded,
/// duplicates excluded; one row each (the chart and `clicks_total` cover
/// the range), no comparison, and no page or period name to follow, so a
/// page flip asks for nothing new. `None` when a flag is already excluded.
pub fn clean_views(filters: &Filters) -> Option<[Filters; 3]> {
    if !(filters.include_bots && filters.include_duplicates) {
        return None;
    }
    let view = |include_bots, include_duplicates| {
        Filters {
            include_bots,
            include_duplicates,
            ..*filters
        }
        .one_row_view()
    };
    Some([view(false, false), view(false, true), view(true, false)])
}

/// One of [`clean_views`] by its place (0 clean, 1 without bots, 2
/// without duplicates), as a plain function for each extra request.
fn clean_view<const I: usize>(filters: &Filters) -> Option<Filters> {
    clean_views(filters).map(|views| views[I])
}

/// The three views of [`clean_views`], one function each, in its order.
pub const CLEAN_VIEWS: [fn(&Filters) -> Option<Filters>; 3] =
    [clean_view::<0>, clean_view::<1>, clean_view::<2>];

/// The clean figures of a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CleanFigures {
    /// Clicks that are neither bots nor duplicates.
    pub clean: u64,
    /// All clicks, bots and duplicates included.
    pub total: u64,
    /// Clicks flagged as bots (some may be duplicates too).
    pub bots: u64,
    /// Clicks flagged as duplicates (some may be bots too).
    pub duplicates: u64,
}

impl CleanFigures {
    /// From the API's totals: all clicks, clean, without bots, without
    /// duplicates. A total above `total` (the data moved between the
    /// requests) counts as no difference rather than a negative one.
    pub fn from_totals(total: u64, clean: u64, without_bots: u64, without_duplicates: u64) -> Self {
        Self {
            clean,
            total,
            bots: total.saturating_sub(without_bots),
            duplicates: total.saturating_sub(without_duplicates),
        }
    }

    /// `3,310 clean (80.3 %) · 610 bots · 230 duplicates`, singular for
    /// one, the numbers written by `labels`.
    pub fn label(&self, labels: &dyn Labels) -> String {
        let share = if self.total == 0 {
            String::new()
        } else {
            let share = self.clean as f64 / self.total as f64 * 100.0;
            format!(" ({} %)", labels.tenths(share, false))
        };
        let count = |n: u64, one: &str, many: &str| {
            format!("{} {}", labels.number(n), if n == 1 { one } else { many })
        };
        format!(
            "{} clean{share} · {} · {}",
            labels.number(self.clean),
            count(self.bots, "bot", "bots"),
            count(self.duplicates, "duplicate", "duplicates")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::day::UtcDay;
    use crate::format::english::EnglishLabels;

    #[test]
    fn the_contract_s_example() {
        let figures = CleanFigures::from_totals(4120, 3310, 3510, 3890);
        assert_eq!(
            figures.label(&EnglishLabels),
            "3,310 clean (80.3 %) · 610 bots · 230 duplicates"
        );
    }

    #[test]
    fn edge_figures() {
        assert_eq!(
            CleanFigures::from_totals(0, 0, 0, 0).label(&EnglishLabels),
            "0 clean · 0 bots · 0 duplicates"
        );
        assert_eq!(
            CleanFigures::from_totals(10, 8, 9, 9).label(&EnglishLabels),
            "8 clean (80.0 %) · 1 bot · 1 duplicate"
        );
        // Data that moved between the requests never gives a negative count.
        assert_eq!(CleanFigures::from_totals(10, 10, 12, 11).bots, 0);
    }

    #[test]
    fn clean_views_only_with_both_flags_included() {
        let today = UtcDay::parse("2026-12-02").unwrap();
        let view = Filters {
            page: 3,
            compare: crate::compare::Compare::Year,
            ..Filters::defaults(today)
        };
        let [clean, no_bots, no_duplicates] = clean_views(&view).unwrap();
        assert_eq!(
            (clean.include_bots, clean.include_duplicates),
            (false, false)
        );
        assert_eq!(
            (no_bots.include_bots, no_bots.include_duplicates),
            (false, true)
        );
        assert_eq!(
            (no_duplicates.include_bots, no_duplicates.include_duplicates),
            (true, false)
        );
        assert_eq!(
            (clean.page, clean.page_size, clean.compare),
            (1, 1, crate::compare::Compare::None)
        );
        assert_eq!(
            (clean.date_start, clean.date_end),
            (view.date_start, view.date_end)
        );
        assert_eq!(
            clean_views(&Filters {
                include_bots: false,
                ..view
            }),
            None
        );
        assert_eq!(
            clean_views(&Filters {
                include_duplicates: false,
                ..view
            }),
            None
        );
        assert_eq!(
            clean_views(&Filters { page: 9, ..view }),
            clean_views(&view),
            "a page flip asks for nothing new"
        );
    }
}
