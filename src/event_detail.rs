//! What crosses to JavaScript, as serde types: the element's `filters`
//! object and the `detail` of its events (CONTRACT 3). `element.rs`
//! converts them with serde-wasm-bindgen; the standalone page reads
//! `slc-change` back through the same types.

use crate::config::{Filters, Settings};
use serde::{Deserialize, Serialize};

/// The current filters as CONTRACT 3 names them (`dateStart`, `pageSize`, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FiltersDetail {
    /// The period (`30d`, `last-month`, `custom`…).
    pub period: String,
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
    /// What the range is compared with (`none`, `previous`, `year`).
    pub compare: String,
    /// Seconds between automatic refreshes, 0 when off.
    pub refresh: u32,
    /// The BCP 47 tag numbers and dates are formatted for.
    pub locale: String,
    /// The zone of row times (`local`, `utc`).
    pub time_zone: String,
}

impl FiltersDetail {
    /// The view `f` with the widget's `settings` and `locale`, the one its
    /// numbers and dates are written for (the browser's language unless
    /// `settings` names one `Intl` reads).
    pub fn new(f: &Filters, settings: &Settings, locale: String) -> Self {
        Self {
            period: f.period.name().to_string(),
            date_start: f.date_start.to_string(),
            date_end: f.date_end.to_string(),
            page_size: f.page_size,
            page: f.page,
            include_bots: f.include_bots,
            include_duplicates: f.include_duplicates,
            compare: f.compare.name().to_string(),
            refresh: settings.refresh_secs,
            locale,
            time_zone: f.time_zone.name().to_string(),
        }
    }

    /// The filters as configuration names and values (the standalone page's
    /// query string), in CONTRACT 2 order, `period` first; `None` for a
    /// name to leave out: the dates of a named period, which a shared link
    /// resolves again against its own today (CONTRACT 7), and a comparison
    /// or zone left at its default. `refresh` and `locale` are the page's
    /// to set, never the person's: they are not among them.
    pub fn config_pairs(&self) -> [(&'static str, Option<String>); 9] {
        let custom = self.period == "custom";
        let date = |value: &String| custom.then(|| value.clone());
        [
            ("period", Some(self.period.clone())),
            ("date-start", date(&self.date_start)),
            ("date-end", date(&self.date_end)),
            ("page-size", Some(self.page_size.to_string())),
            ("page", Some(self.page.to_string())),
            ("include-bots", Some(self.include_bots.to_string())),
            (
                "include-duplicates",
                Some(self.include_duplicates.to_string()),
            ),
            // Left out when there is none, as it is by default.
            (
                "compare",
                (self.compare != "none").then(|| self.compare.clone()),
            ),
            (
                "time-zone",
                (self.time_zone != "local").then(|| self.time_zone.clone()),
            ),
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
            filters: FiltersDetail::new(&filters, &Settings::default(), "en-GB".into()),
            clicks_total: 3300.0,
            row_count: 100.0,
        };
        // (serde_json writes an f64 with its `.0`; JavaScript reads a number.)
        assert_eq!(
            serde_json::to_string(&load).unwrap(),
            r#"{"filters":{"period":"30d","dateStart":"2026-10-25","dateEnd":"2026-11-23","pageSize":100,"page":1,"includeBots":true,"includeDuplicates":true,"compare":"none","refresh":0,"locale":"en-GB","timeZone":"local"},"clicksTotal":3300.0,"rowCount":100.0}"#
        );
        let change: ChangeDetail = serde_json::from_str(
            r#"{"filters":{"period":"custom","dateStart":"2026-10-25","dateEnd":"2026-11-23","pageSize":50,"page":2,"includeBots":false,"includeDuplicates":true,"compare":"year","refresh":60,"locale":"de-DE","timeZone":"utc"}}"#,
        )
        .unwrap();
        let pairs = change.filters.config_pairs();
        assert_eq!(pairs[0], ("period", Some("custom".to_string())));
        assert_eq!(pairs[1], ("date-start", Some("2026-10-25".to_string())));
        assert_eq!(pairs[4], ("page", Some("2".to_string())));
        assert_eq!(pairs[5], ("include-bots", Some("false".to_string())));
        assert_eq!(pairs[7], ("compare", Some("year".to_string())));
        assert_eq!(pairs[8], ("time-zone", Some("utc".to_string())));
        assert!(
            !pairs
                .iter()
                .any(|(name, _)| matches!(*name, "refresh" | "locale")),
            "the page's own settings are not the person's to write"
        );
    }

    #[test]
    fn the_detail_names_refresh_locale_and_zone() {
        let today = UtcDay::parse("2026-11-23").unwrap();
        let settings = Settings {
            refresh_secs: 30,
            ..Settings::default()
        };
        let detail = FiltersDetail::new(&Filters::defaults(today), &settings, "de-DE".into());
        assert_eq!(
            (
                detail.locale.as_str(),
                detail.refresh,
                detail.time_zone.as_str()
            ),
            ("de-DE", 30, "local")
        );
        // The default zone is left out of the address.
        assert_eq!(detail.config_pairs()[8], ("time-zone", None));
    }

    /// A named period's link keeps meaning "the last 7 days": its dates
    /// are left out of the address.
    #[test]
    fn a_named_period_leaves_its_dates_out() {
        let today = UtcDay::parse("2026-11-23").unwrap();
        let filters = Filters::defaults(today).with_period(crate::period::Period::Last7Days, today);
        let pairs = FiltersDetail::new(&filters, &Settings::default(), "en".into()).config_pairs();
        assert_eq!(pairs[0], ("period", Some("7d".to_string())));
        assert_eq!((pairs[1].1.clone(), pairs[2].1.clone()), (None, None));
    }
}
