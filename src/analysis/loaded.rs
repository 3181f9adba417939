//! The rows loaded so far for "Analyse all clicks" (CONTRACT 8), kept once
//! each: new clicks arriving while the range is paged shift the offsets,
//! so a page may repeat rows of the one before (dropped by `id`) or skip
//! some (counted as possibly missing against the expected total).

use crate::model::ClickRow;
use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

/// The loaded rows, each click once.
#[derive(Debug, Default)]
pub struct LoadedClicks {
    rows: Vec<ClickRow>,
    /// A 64-bit hash of each id seen (8 bytes a row, not the id's text).
    seen: HashSet<u64>,
    dropped: usize,
}

/// What adding one page did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageAdded {
    /// Rows new to the set.
    pub added: usize,
    /// Rows already in it (by `id`), dropped.
    pub dropped: usize,
}

impl LoadedClicks {
    /// An empty set with room for `rows` rows: the rows are reserved once
    /// instead of doubled as they come (a doubled `Vec` of 100,000 rows
    /// left tens of megabytes of wasm memory behind). `None` when the
    /// memory cannot be had: in wasm a failed allocation aborts the whole
    /// instance, every widget of the page with it, so it is asked first.
    pub fn try_with_capacity(rows: usize) -> Option<Self> {
        let mut loaded = Self::default();
        loaded.rows.try_reserve_exact(rows).ok()?;
        loaded.seen.try_reserve(rows).ok()?;
        Some(loaded)
    }

    /// Adds a page's rows, dropping those whose `id` is in already. Rows
    /// without a readable id are all kept: they cannot be told apart.
    pub fn add_page(&mut self, rows: Vec<ClickRow>) -> PageAdded {
        let before = (self.rows.len(), self.dropped);
        for row in rows {
            let id = row.id().value();
            let is_new = id.is_none_or(|id| {
                let mut hasher = DefaultHasher::new();
                id.hash(&mut hasher);
                self.seen.insert(hasher.finish())
            });
            if is_new {
                self.rows.push(row);
            } else {
                self.dropped += 1;
            }
        }
        PageAdded {
            added: self.rows.len() - before.0,
            dropped: self.dropped - before.1,
        }
    }

    /// The rows, in the order they were loaded.
    pub fn rows(&self) -> &[ClickRow] {
        &self.rows
    }

    /// How many rows are loaded.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Rows dropped as already loaded.
    pub fn dropped(&self) -> usize {
        self.dropped
    }

    /// Rows the range holds (by `expected`, its total when paging began)
    /// that are not loaded although every page was: clicks that moved
    /// between pages while they were read.
    pub fn missing(&self, expected: u64) -> u64 {
        expected.saturating_sub(self.rows.len() as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_clicks_response;

    fn page(ids: &[&str]) -> Vec<ClickRow> {
        let rows: Vec<String> = ids
            .iter()
            .map(|id| {
                if id.is_empty() {
                    "{}".to_string()
                } else {
                    format!(r#"{{"id":"{id}"}}"#)
                }
            })
            .collect();
        let body = format!(r#"{{"data":{{"rows":[{}]}}}}"#, rows.join(","));
        parse_clicks_response(body.as_bytes()).unwrap().rows
    }

    #[test]
    fn a_page_shifted_by_new_clicks_is_deduplicated_by_id() {
        let mut loaded = LoadedClicks::try_with_capacity(7).unwrap();
        assert_eq!(
            loaded.add_page(page(&["e", "d", "c"])),
            PageAdded {
                added: 3,
                dropped: 0
            }
        );
        // Two new clicks arrived at the top: the next page repeats c and d... and b.
        assert_eq!(
            loaded.add_page(page(&["d", "c", "b"])),
            PageAdded {
                added: 1,
                dropped: 2
            }
        );
        assert_eq!(
            loaded.add_page(page(&["a", "", ""])),
            PageAdded {
                added: 3,
                dropped: 0
            }
        );
        let ids: Vec<&str> = loaded.rows().iter().map(|r| r.id().text()).collect();
        assert_eq!(ids, ["e", "d", "c", "b", "a", "", ""]);
        assert_eq!((loaded.len(), loaded.dropped()), (7, 2));
        assert_eq!(loaded.missing(9), 2);
        assert_eq!(loaded.missing(5), 0);
    }

    #[test]
    fn a_set_too_large_to_hold_is_refused_not_aborted() {
        assert!(LoadedClicks::try_with_capacity(usize::MAX / 2).is_none());
        assert!(LoadedClicks::try_with_capacity(1_000).is_some());
    }
}
