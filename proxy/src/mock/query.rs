//! The query parameters of the clicks endpoint, validated as the API does
//! (Laravel-style 422 with an `errors` object).

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use std::collections::BTreeMap;

/// Longest date range the mock answers, in days.
pub const MAX_RANGE_DAYS: i64 = 3660;

/// A validated clicks query: inclusive UTC days, a page window and filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MockQuery {
    /// First UTC day (inclusive).
    pub start: NaiveDate,
    /// Last UTC day (inclusive).
    pub end: NaiveDate,
    /// Rows per page, 1..=1000. Default 100.
    pub limit: u32,
    /// Rows skipped. Default 0.
    pub offset: u64,
    /// Include clicks flagged as bots. Default true.
    pub include_bots: bool,
    /// Include clicks flagged as duplicates. Default true.
    pub include_duplicates: bool,
}

/// Field errors, keyed by parameter name, as the API's 422 body lists them.
pub type FieldErrors = BTreeMap<&'static str, Vec<String>>;

impl MockQuery {
    /// Validates raw query pairs. Missing parameters take the API defaults; the
    /// default range is the 30 days ending `today`.
    pub fn parse(pairs: &[(String, String)], today: NaiveDate) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let get = |name: &str| {
            pairs
                .iter()
                .rev()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.as_str())
        };
        let mut day = |name: &'static str, fallback: NaiveDate| match get(name) {
            None | Some("") => fallback,
            Some(raw) => parse_utc_day(raw).unwrap_or_else(|| {
                errors.entry(name).or_default().push(format!(
                    "The {} field must be a valid date.",
                    name.replace('_', " ")
                ));
                fallback
            }),
        };
        let end = day("date_end", today);
        let start = day("date_start", end - Duration::days(29));
        let limit = match get("limit") {
            None | Some("") => 100,
            Some(raw) => match raw.parse::<u32>() {
                Ok(limit) if (1..=1000).contains(&limit) => limit,
                _ => {
                    errors.insert(
                        "limit",
                        vec!["The limit field must be between 1 and 1000.".into()],
                    );
                    100
                }
            },
        };
        let offset = match get("offset") {
            None | Some("") => 0,
            Some(raw) => raw.parse::<u64>().unwrap_or_else(|_| {
                errors.insert(
                    "offset",
                    vec!["The offset field must be an integer of at least 0.".into()],
                );
                0
            }),
        };
        let mut flag = |name: &'static str| match get(name) {
            None | Some("") => true,
            Some("true" | "1") => true,
            Some("false" | "0") => false,
            Some(_) => {
                errors.insert(
                    name,
                    vec![format!(
                        "The {} field must be true or false.",
                        name.replace('_', " ")
                    )],
                );
                true
            }
        };
        let include_bots = flag("include_bots");
        let include_duplicates = flag("include_duplicates");
        if start > end && !errors.contains_key("date_start") {
            errors
                .entry("date_end")
                .or_default()
                .push("The date end field must be a date after or equal to date start.".into());
        } else if (end - start).num_days() >= MAX_RANGE_DAYS {
            errors.entry("date_start").or_default().push(format!(
                "The date range may span at most {MAX_RANGE_DAYS} days."
            ));
        }
        if errors.is_empty() {
            Ok(Self {
                start,
                end,
                limit,
                offset,
                include_bots,
                include_duplicates,
            })
        } else {
            Err(errors)
        }
    }

    /// Whether a click with these flags passes the bot and duplicate filters.
    pub fn admits(&self, is_bot: bool, is_duplicate: bool) -> bool {
        (self.include_bots || !is_bot) && (self.include_duplicates || !is_duplicate)
    }
}

/// The UTC day of an instant given as RFC 3339, `YYYY-MM-DD HH:MM:SS` (UTC) or
/// a bare `YYYY-MM-DD`.
pub fn parse_utc_day(raw: &str) -> Option<NaiveDate> {
    if let Ok(instant) = DateTime::parse_from_rfc3339(raw) {
        return Some(instant.with_timezone(&Utc).date_naive());
    }
    if let Ok(naive) = NaiveDateTime::parse_from_str(raw, "%Y-%m-%d %H:%M:%S") {
        return Some(naive.date());
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok()
}

/// The Laravel-style summary message of a set of field errors.
pub fn summary_message(errors: &FieldErrors) -> String {
    let all: Vec<&String> = errors.values().flatten().collect();
    match all.as_slice() {
        [] => "The given data was invalid.".into(),
        [only] => (*only).clone(),
        [first, rest @ ..] => format!(
            "{first} (and {} more error{})",
            rest.len(),
            if rest.len() == 1 { "" } else { "s" }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn defaults_are_the_api_defaults() {
        let q = MockQuery::parse(&[], day("2026-11-23")).unwrap();
        assert_eq!(q.end, day("2026-11-23"));
        assert_eq!(q.start, day("2026-10-25"));
        assert_eq!((q.limit, q.offset), (100, 0));
        assert!(q.include_bots && q.include_duplicates);
    }

    #[test]
    fn instants_become_utc_days() {
        let q = MockQuery::parse(
            &pairs(&[
                ("date_start", "2026-01-01T00:00:00Z"),
                ("date_end", "2026-01-07T23:59:59+00:00"),
                ("include_bots", "false"),
                ("limit", "250"),
                ("offset", "500"),
            ]),
            day("2026-11-23"),
        )
        .unwrap();
        assert_eq!((q.start, q.end), (day("2026-01-01"), day("2026-01-07")));
        assert_eq!((q.limit, q.offset), (250, 500));
        assert!(!q.include_bots && q.include_duplicates);
        assert_eq!(
            parse_utc_day("2026-01-01T23:30:00-02:00"),
            Some(day("2026-01-02"))
        );
    }

    #[test]
    fn invalid_values_give_field_errors() {
        let errors = MockQuery::parse(
            &pairs(&[
                ("limit", "0"),
                ("include_bots", "maybe"),
                ("date_start", "soon"),
            ]),
            day("2026-11-23"),
        )
        .unwrap_err();
        assert_eq!(
            errors.keys().copied().collect::<Vec<_>>(),
            ["date_start", "include_bots", "limit"]
        );
        assert!(summary_message(&errors).ends_with("(and 2 more errors)"));
        assert!(MockQuery::parse(&pairs(&[("limit", "1001")]), day("2026-11-23")).is_err());
        assert!(MockQuery::parse(&pairs(&[("offset", "-1")]), day("2026-11-23")).is_err());
    }

    #[test]
    fn start_after_end_is_refused() {
        let errors = MockQuery::parse(
            &pairs(&[("date_start", "2026-02-02"), ("date_end", "2026-02-01")]),
            day("2026-11-23"),
        )
        .unwrap_err();
        assert!(errors.contains_key("date_end"));
    }
}
