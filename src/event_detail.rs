//! What crosses to JavaScript, as serde types: the element's `filters`
//! object and the `detail` of its events (CONTRACT 3). `element.rs`
//! converts them with serde-wasm-bindgen; the standalone page reads
//! `slc-change` back through the same types.

use crate::config::Filters;
use serde::{Deserialize, Serialize};

/// The current filters as CONTRACT 3 names them (`dateStart`, `pageSize`, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FiltersDetail {
    /// First UTC day, `YYYY-MM-DD`.
    pub date_start: String,
    /// Last UTC day, `YYYY-MM-DD`.
    pub date_end: String,
    /// Rows per page.
    pub page_size: u32,
    /// 1-based page number.
    pub page: u32,
    /// Whether bots are included.
    pub include_bots: bool,
    /// Whether duplicates are included.
    pub include_duplicates: bool,
}

impl From<&Filters> for FiltersDetail {
    fn from(f: &Filters) -> Self {
        Self {
            date_start: f.date_start.to_string(),
            date_end: f.date_end.to_string(),
            page_size: f.page_size,
            page: f.page,
            include_bots: f.include_bots,
            include_duplicates: f.include_duplicates,
        }
    }
}

impl FiltersDetail {
    /// The filters as configuration names and values (the standalone page's
    /// query string), in CONTRACT 2 order.
    pub fn config_pairs(&self) -> [(&'static str, String); 6] {
        [
            ("date-start", self.date_start.clone()),
            ("date-end", self.date_end.clone()),
            ("page-size", self.page_size.to_string()),
            ("page", self.page.to_string()),
            ("include-bots", self.include_bots.to_string()),
            ("include-duplicates", self.include_duplicates.to_string()),
        ]
    }
}

/// `slc-load`'s detail: after data is shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoadDetail {
    /// The view shown.
    pub filters: FiltersDetail,
    /// `clicks_total` (the chart's sum when absent). A JavaScript number
    /// (an `f64`, so no total is ever refused as too large for one).
    pub clicks_total: f64,
    /// Rows in the table.
    pub row_count: f64,
}

/// `slc-error`'s detail.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorDetail {
    /// HTTP status, 0 for a network failure.
    pub status: u16,
    /// The message shown.
    pub message: String,
}

/// `slc-change`'s detail: the person changed a filter or the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeDetail {
    /// The new view.
    pub filters: FiltersDetail,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::day::UtcDay;

    #[test]
    fn details_use_the_contracts_camel_case_names() {
        let filters = Filters::defaults(UtcDay::parse("2026-11-23").unwrap());
        let load = LoadDetail {
            filters: FiltersDetail::from(&filters),
            clicks_total: 3300.0,
            row_count: 100.0,
        };
        // (serde_json writes an f64 with its `.0`; JavaScript reads a number.)
        assert_eq!(
            serde_json::to_string(&load).unwrap(),
            r#"{"filters":{"dateStart":"2026-10-25","dateEnd":"2026-11-23","pageSize":100,"page":1,"includeBots":true,"includeDuplicates":true},"clicksTotal":3300.0,"rowCount":100.0}"#
        );
        let change: ChangeDetail = serde_json::from_str(
            r#"{"filters":{"dateStart":"2026-10-25","dateEnd":"2026-11-23","pageSize":50,"page":2,"includeBots":false,"includeDuplicates":true}}"#,
        )
        .unwrap();
        assert_eq!(change.filters.config_pairs()[3], ("page", "2".to_string()));
        assert_eq!(
            change.filters.config_pairs()[4],
            ("include-bots", "false".to_string())
        );
    }
}
