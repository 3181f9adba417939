//! Number and range labels shared by the summary, chart and pager.

use crate::day::UtcDay;

/// `1234567` as `1,234,567`.
pub fn group_thousands(value: u64) -> String {
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
pub fn range_label(start: UtcDay, end: UtcDay) -> String {
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

/// `1 click` / `2 clicks`.
pub fn clicks_label(count: u64) -> String {
    if count == 1 {
        "1 click".to_string()
    } else {
        format!("{} clicks", group_thousands(count))
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
        assert_eq!(clicks_label(1), "1 click");
        assert_eq!(clicks_label(12_345), "12,345 clicks");
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
