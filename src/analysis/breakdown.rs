//! The breakdowns (CONTRACT 8, `part="breakdowns"`): for each list, its
//! values ranked by clicks, with the bots and duplicates among them, over
//! the loaded rows that pass the chosen filters. A list is counted over
//! the rows that pass the *other* lists' filters, so its own choice does
//! not hide its other values (a second country can still be added).

use super::dimension::{clicks_of, Dimension};
use crate::model::{ClickRow, Field};
use std::collections::HashMap;

/// The values chosen in the lists: a row passes when, for every list with
/// a choice, its value is one of that list's chosen values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowFilter {
    chosen: Vec<(Dimension, String)>,
}

impl RowFilter {
    /// Adds `value` of `dimension` to the choice, or takes it out when it
    /// is in already (a second click on an entry undoes the first).
    pub fn toggle(&mut self, dimension: Dimension, value: &str) {
        let before = self.chosen.len();
        self.chosen
            .retain(|(d, v)| !(*d == dimension && v == value));
        if self.chosen.len() == before {
            self.chosen.push((dimension, value.to_string()));
        }
    }

    /// The chosen values, in the order they were chosen (the chips).
    pub fn chosen(&self) -> &[(Dimension, String)] {
        &self.chosen
    }

    /// Whether nothing is chosen.
    pub fn is_empty(&self) -> bool {
        self.chosen.is_empty()
    }

    /// Whether `value` of `dimension` is chosen.
    pub fn is_chosen(&self, dimension: Dimension, value: &str) -> bool {
        self.chosen
            .iter()
            .any(|(d, v)| *d == dimension && v == value)
    }

    /// Which lists' choices `row` fails, as a bit per list.
    fn failed(&self, row: &ClickRow) -> u8 {
        let mut chosen_in = 0u8;
        let mut matched_in = 0u8;
        for (dimension, value) in &self.chosen {
            let bit = 1 << dimension.index();
            chosen_in |= bit;
            if dimension.value(row) == value {
                matched_in |= bit;
            }
        }
        chosen_in & !matched_in
    }

    /// Whether `row` passes every list's choice.
    pub fn passes(&self, row: &ClickRow) -> bool {
        self.chosen.is_empty() || self.failed(row) == 0
    }
}

/// One value of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The value; empty for rows without one (shown as `(none)`).
    pub value: String,
    /// Its clicks (each row's `gross_clicks`, see [`clicks_of`]).
    pub clicks: u64,
    /// Of them, flagged as bots.
    pub bots: u64,
    /// Of them, flagged as duplicates.
    pub duplicates: u64,
}

/// One list: its values ranked by clicks (then by value), and its total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breakdown {
    /// Which list.
    pub dimension: Dimension,
    /// Its values, most clicks first.
    pub entries: Vec<Entry>,
    /// The clicks of all its values.
    pub total: u64,
    /// Of them, flagged as bots.
    pub bots: u64,
    /// Of them, flagged as duplicates.
    pub duplicates: u64,
}

/// Every list over `rows` under `filter`, in [`Dimension::ALL`] order, in
/// one pass over the rows.
pub fn breakdowns(rows: &[ClickRow], filter: &RowFilter) -> Vec<Breakdown> {
    let mut counts: Vec<HashMap<&str, (u64, u64, u64)>> =
        vec![HashMap::new(); Dimension::ALL.len()];
    for row in rows {
        let failed = if filter.is_empty() {
            0
        } else {
            filter.failed(row)
        };
        // Failing two lists' choices, a row counts in none; failing one,
        // only in that list (its own choice is not applied to it).
        if failed.count_ones() > 1 {
            continue;
        }
        let clicks = clicks_of(row);
        let bot = if matches!(row.is_bot(), Field::Value(true)) {
            clicks
        } else {
            0
        };
        let duplicate = if matches!(row.is_duplicate(), Field::Value(true)) {
            clicks
        } else {
            0
        };
        for dimension in Dimension::ALL {
            if failed != 0 && failed != 1 << dimension.index() {
                continue;
            }
            let slot = counts[dimension.index()]
                .entry(dimension.value(row))
                .or_default();
            slot.0 += clicks;
            slot.1 += bot;
            slot.2 += duplicate;
        }
    }
    Dimension::ALL
        .iter()
        .zip(counts)
        .map(|(&dimension, counted)| {
            let mut entries: Vec<Entry> = counted
                .into_iter()
                .map(|(value, (clicks, bots, duplicates))| Entry {
                    value: value.to_string(),
                    clicks,
                    bots,
                    duplicates,
                })
                .collect();
            entries.sort_by(|a, b| b.clicks.cmp(&a.clicks).then_with(|| a.value.cmp(&b.value)));
            Breakdown {
                dimension,
                total: entries.iter().map(|e| e.clicks).sum(),
                bots: entries.iter().map(|e| e.bots).sum(),
                duplicates: entries.iter().map(|e| e.duplicates).sum(),
                entries,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_clicks_response;

    fn rows() -> Vec<ClickRow> {
        let body = br#"{"data":{"rows":[
            {"id":"1","country_code":"DE","browser_device_type":"Mobile","gross_clicks":2,"is_bot":true},
            {"id":"2","country_code":"DE","browser_device_type":"Desktop","gross_clicks":1,"is_duplicate":true},
            {"id":"3","country_code":"US","browser_device_type":"Mobile","gross_clicks":1},
            {"id":"4","country_code":"FR","browser_device_type":"Mobile"},
            {"id":"5","browser_device_type":"Tablet","gross_clicks":4}
        ]}}"#;
        parse_clicks_response(body).unwrap().rows
    }

    fn list(all: &[Breakdown], dimension: Dimension) -> Vec<(&str, u64)> {
        all[dimension.index()]
            .entries
            .iter()
            .map(|e| (e.value.as_str(), e.clicks))
            .collect()
    }

    #[test]
    fn counts_use_gross_clicks_with_bots_and_duplicates() {
        let all = breakdowns(&rows(), &RowFilter::default());
        assert_eq!(
            list(&all, Dimension::Country),
            [("", 4), ("DE", 3), ("FR", 1), ("US", 1)]
        );
        let countries = &all[Dimension::Country.index()];
        assert_eq!(
            (countries.total, countries.bots, countries.duplicates),
            (9, 2, 1)
        );
        let germany = &countries.entries[1];
        assert_eq!((germany.bots, germany.duplicates), (2, 1));
        assert_eq!(
            list(&all, Dimension::Device),
            [("Mobile", 4), ("Tablet", 4), ("Desktop", 1)]
        );
    }

    #[test]
    fn a_choice_filters_the_other_lists_but_not_its_own() {
        let mut filter = RowFilter::default();
        filter.toggle(Dimension::Country, "DE");
        let all = breakdowns(&rows(), &filter);
        // The other lists count German rows only.
        assert_eq!(
            list(&all, Dimension::Device),
            [("Mobile", 2), ("Desktop", 1)]
        );
        // Its own list still offers the other countries.
        assert_eq!(list(&all, Dimension::Country).len(), 4);
        // Two choices in one list: either; in two lists: both.
        filter.toggle(Dimension::Country, "US");
        assert_eq!(
            list(&breakdowns(&rows(), &filter), Dimension::Device),
            [("Mobile", 3), ("Desktop", 1)]
        );
        filter.toggle(Dimension::Device, "Mobile");
        let rows = rows();
        let passing: Vec<&str> = rows
            .iter()
            .filter(|r| filter.passes(r))
            .map(|r| r.id().text())
            .collect();
        assert_eq!(passing, ["1", "3"]);
        let all = breakdowns(&rows, &filter);
        // Countries over the mobile rows: the tablet's row is not among them.
        assert_eq!(
            list(&all, Dimension::Country),
            [("DE", 2), ("FR", 1), ("US", 1)]
        );
        // Toggling again removes a choice.
        filter.toggle(Dimension::Country, "US");
        assert!(!filter.is_chosen(Dimension::Country, "US"));
        assert_eq!(filter.chosen().len(), 2);
    }
}
