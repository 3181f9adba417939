//! Sorting the loaded rows by a column (CONTRACT 8: each heading a button,
//! `aria-sort` on its `<th>`): stable, so rows that tie keep the order
//! they are given in (the widget gives them newest first), and rows
//! without a value last whichever way.

use crate::columns::{Cell, Column};
use crate::model::{ClickRow, Field};
use std::borrow::Cow;
use std::cmp::Ordering;

/// A column and a direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SortOrder {
    /// The column sorted by.
    pub column: Column,
    /// Largest (latest, Z) first when true.
    pub descending: bool,
}

impl SortOrder {
    /// `aria-sort` for `column` under this order: `ascending` or
    /// `descending` on the sorted column, and none on the others (ARIA:
    /// one heading at a time carries it).
    pub fn aria_sort(order: Option<Self>, column: Column) -> Option<&'static str> {
        match order {
            Some(order) if order.column == column && order.descending => Some("descending"),
            Some(order) if order.column == column => Some("ascending"),
            _ => None,
        }
    }

    /// The order after a click on `column`'s heading: that column
    /// ascending, or the other way when it is already the column.
    pub fn clicked(order: Option<Self>, column: Column) -> Self {
        match order {
            Some(order) if order.column == column => Self {
                column,
                descending: !order.descending,
            },
            _ => Self {
                column,
                descending: column == Column::Time,
            },
        }
    }
}

/// What a row is sorted by in one column: text without case or accents
/// (made once per row, borrowed when it is already lowercase ASCII).
#[derive(Debug, Clone, PartialEq, PartialOrd)]
enum Key<'a> {
    Time(f64),
    Text(Cow<'a, str>),
    Flags(u8),
}

/// `text` as it is compared: folded (see `search::fold`) unless it is
/// lowercase ASCII already.
fn text_key(text: &str) -> Cow<'_, str> {
    if text
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(super::search::fold(text))
    }
}

fn key(row: &ClickRow, column: Column) -> Option<Key<'_>> {
    match column.cell(row) {
        Cell::Time { ms, .. } => Some(Key::Time(ms)),
        Cell::Text(text) | Cell::Link(text) | Cell::Invalid(text) if !text.is_empty() => {
            Some(Key::Text(text_key(text)))
        }
        Cell::Flags(_) => {
            let set = |flag: Field<'_, bool>| u8::from(matches!(flag, Field::Value(true)));
            Some(Key::Flags(set(row.is_bot()) * 2 + set(row.is_duplicate())))
        }
        _ => None,
    }
}

fn compare(a: &Key<'_>, b: &Key<'_>) -> Ordering {
    a.partial_cmp(b).unwrap_or(Ordering::Equal)
}

/// `indices` (into `rows`) sorted by `order`: stable, rows without a
/// value in the column last.
pub fn sort_rows(rows: &[ClickRow], indices: &mut [u32], order: SortOrder) {
    // Keys first, once per row, not once per comparison.
    let keys: Vec<Option<Key<'_>>> = indices
        .iter()
        .map(|&i| key(&rows[i as usize], order.column))
        .collect();
    let mut positions: Vec<u32> = (0..indices.len() as u32).collect();
    positions.sort_by(|&a, &b| match (&keys[a as usize], &keys[b as usize]) {
        (Some(a), Some(b)) if order.descending => compare(b, a),
        (Some(a), Some(b)) => compare(a, b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    });
    let sorted: Vec<u32> = positions.iter().map(|&p| indices[p as usize]).collect();
    indices.copy_from_slice(&sorted);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_clicks_response;

    fn rows() -> Vec<ClickRow> {
        let body = r#"{"data":{"rows":[
            {"id":"1","created_at":"2026-11-03T10:00:00Z","country_code":"de","is_bot":true},
            {"id":"2","created_at":"2026-11-04T09:00:00Z","country_code":"US"},
            {"id":"3","created_at":"2026-11-02T09:00:00+02:00","country_code":"DE","is_duplicate":true},
            {"id":"4","created_at":"soon","country_code":null},
            {"id":"5","created_at":"2026-11-01T00:00:00Z","country_code":"Ägypten"}
        ]}}"#;
        parse_clicks_response(body.as_bytes()).unwrap().rows
    }

    fn ids(rows: &[ClickRow], order: SortOrder) -> Vec<&str> {
        let mut indices: Vec<u32> = (0..rows.len() as u32).collect();
        sort_rows(rows, &mut indices, order);
        indices
            .iter()
            .map(|&i| rows[i as usize].id().text())
            .collect()
    }

    #[test]
    fn sorting_is_stable_with_missing_values_last() {
        let rows = rows();
        let by = |column, descending| SortOrder { column, descending };
        assert_eq!(
            ids(&rows, by(Column::Time, false)),
            ["5", "3", "1", "2", "4"]
        );
        assert_eq!(
            ids(&rows, by(Column::Time, true)),
            ["2", "1", "3", "5", "4"]
        );
        // `de` and `DE` tie (case is ignored) and keep their order; Ä sorts as A.
        assert_eq!(
            ids(&rows, by(Column::Country, false)),
            ["5", "1", "3", "2", "4"]
        );
        assert_eq!(
            ids(&rows, by(Column::Country, true)),
            ["2", "1", "3", "5", "4"]
        );
        assert_eq!(
            ids(&rows, by(Column::Flags, true)),
            ["1", "3", "2", "4", "5"]
        );
    }

    #[test]
    fn headings_toggle_and_say_their_order() {
        let first = SortOrder::clicked(None, Column::Country);
        assert_eq!(
            first,
            SortOrder {
                column: Column::Country,
                descending: false
            }
        );
        let again = SortOrder::clicked(Some(first), Column::Country);
        assert!(again.descending);
        assert_eq!(
            SortOrder::aria_sort(Some(again), Column::Country),
            Some("descending")
        );
        assert_eq!(SortOrder::aria_sort(Some(again), Column::Time), None);
        assert!(
            SortOrder::clicked(Some(again), Column::Time).descending,
            "time starts newest first"
        );
    }
}
