//! How numbers and UTC days are written ([`Labels`]: `Intl` for the
//! page's locale in the browser, see `intl.rs`), and the labels the
//! summary, chart and pager build from them.

use crate::day::UtcDay;

/// Numbers and UTC days written for one locale (CONTRACT 7 `locale`).
pub trait Labels {
    /// A count: `4,120` (`4.120` in de-DE).
    fn number(&self, value: u64) -> String;
    /// A number with one decimal, `80.3`; with `signed`, `+12.5`, `-3.0`
    /// and `+0.0` (a zero is never negative).
    fn tenths(&self, value: f64, signed: bool) -> String;
    /// A day within a year: `3 Nov`.
    fn day_month(&self, day: UtcDay) -> String;
    /// A month: `Nov 2026`.
    fn month_year(&self, day: UtcDay) -> String;
    /// A day in full: `Mon 3 Nov 2026`.
    fn long_day(&self, day: UtcDay) -> String;
    /// A range of days, naming only what differs: `25 Oct – 23 Nov 2026`.
    fn range(&self, start: UtcDay, end: UtcDay) -> String;
}

/// British English, written in Rust: the labels where there is no `Intl`
/// (native tests and tools). The browser always uses `intl::IntlLabels`.
#[derive(Debug, Clone, Copy, Default)]
pub struct EnglishLabels;

impl Labels for EnglishLabels {
    fn number(&self, value: u64) -> String {
        group_thousands(value)
    }

    fn tenths(&self, value: f64, signed: bool) -> String {
        // Rounded first, so a value that rounds to zero is `+0.0`.
        let tenths = (value * 10.0).round() / 10.0 + 0.0;
        match (signed, tenths < 0.0) {
            (true, false) => format!("+{tenths:.1}"),
            _ => format!("{tenths:.1}"),
        }
    }

    fn day_month(&self, day: UtcDay) -> String {
        day.day_month()
    }

    fn month_year(&self, day: UtcDay) -> String {
        day.month_year()
    }

    fn long_day(&self, day: UtcDay) -> String {
        day.long_label()
    }

    fn range(&self, start: UtcDay, end: UtcDay) -> String {
        range_label(start, end)
    }
}

/// `1234567` as `1,234,567`.
fn group_thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// A CSS percentage with three decimals, e.g. `12.346%`, made with integer
/// arithmetic (float formatting would add kilobytes to the wasm).
pub fn css_percent(value: f64) -> String {
    let thousandths = (value * 1000.0).round() as i64;
    let sign = if thousandths < 0 { "-" } else { "" };
    let magnitude = thousandths.unsigned_abs();
    format!("{sign}{}.{:03}%", magnitude / 1000, magnitude % 1000)
}

/// A day range such as `25 Oct – 23 Nov 2026`, `3 – 9 Nov 2026` or
/// `28 Dec 2025 – 3 Jan 2026`.
fn range_label(start: UtcDay, end: UtcDay) -> String {
    let (start_year, start_month, start_day) = start.ymd();
    let (end_year, end_month, _) = end.ymd();
    let end_text = format!("{} {end_year}", end.day_month());
    if start == end {
        end_text
    } else if start_year != end_year {
        format!("{} {start_year} – {end_text}", start.day_month())
    } else if start_month != end_month {
        format!("{} – {end_text}", start.day_month())
    } else {
        format!("{start_day} – {end_text}")
    }
}

/// `1 click` / `2 clicks`, the count written by `labels`.
pub fn clicks_label(labels: &dyn Labels, count: u64) -> String {
    if count == 1 {
        "1 click".to_string()
    } else {
        format!("{} clicks", labels.number(count))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_percentages_have_three_decimals() {
        assert_eq!(css_percent(12.3456), "12.346%");
        assert_eq!(css_percent(0.0), "0.000%");
        assert_eq!(css_percent(100.0), "100.000%");
        assert_eq!(css_percent(-0.25), "-0.250%");
        assert_eq!(css_percent(0.0004), "0.000%");
    }

    fn day(text: &str) -> UtcDay {
        UtcDay::parse(text).unwrap()
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000), "1,000");
        assert_eq!(group_thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn ranges_name_what_differs() {
        assert_eq!(
            range_label(day("2026-10-25"), day("2026-11-23")),
            "25 Oct – 23 Nov 2026"
        );
        assert_eq!(
            range_label(day("2026-11-03"), day("2026-11-09")),
            "3 – 9 Nov 2026"
        );
        assert_eq!(
            range_label(day("2025-12-28"), day("2026-01-03")),
            "28 Dec 2025 – 3 Jan 2026"
        );
        assert_eq!(
            range_label(day("2026-11-03"), day("2026-11-03")),
            "3 Nov 2026"
        );
    }

    #[test]
    fn clicks_are_pluralised() {
        assert_eq!(clicks_label(&EnglishLabels, 1), "1 click");
        assert_eq!(clicks_label(&EnglishLabels, 12_345), "12,345 clicks");
    }

    #[test]
    fn tenths_are_rounded_then_signed() {
        let labels = EnglishLabels;
        assert_eq!(labels.tenths(80.25, false), "80.3");
        assert_eq!(labels.tenths(12.46, true), "+12.5");
        assert_eq!(labels.tenths(-3.0, true), "-3.0");
        assert_eq!(labels.tenths(-0.04, true), "+0.0");
        assert_eq!(labels.tenths(0.0, true), "+0.0");
    }
}

/// Whether a referrer may be shown as a link: only absolute http(s) URLs
/// with no spaces or control characters (never `javascript:` and the like).
pub fn is_http_url(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    let scheme_ok = lower.starts_with("http://") || lower.starts_with("https://");
    let host_start = if lower.starts_with("https://") { 8 } else { 7 };
    scheme_ok
        && text.len() > host_start
        && !text
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
}

#[cfg(test)]
mod link_tests {
    use super::is_http_url;

    #[test]
    fn only_http_urls_become_links() {
        assert!(is_http_url("https://l.instagram.com/"));
        assert!(is_http_url("HTTP://t.co/x"));
        for text in [
            "example.com",
            "javascript:alert(1)",
            "https://",
            " https://x",
            "https://a b",
            "data:text/html,x",
            "https://x\"onmouseover=1",
        ] {
            assert!(!is_http_url(text), "{text}");
        }
    }
}
