//! How numbers and UTC days are written ([`Labels`]: `Intl` for the
//! page's locale, see `intl.rs`), and the labels the summary, chart and
//! pager build from them.

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

/// A CSS percentage with three decimals, e.g. `12.346%`, made with integer
/// arithmetic (float formatting would add kilobytes to the wasm).
pub fn css_percent(value: f64) -> String {
    let thousandths = (value * 1000.0).round() as i64;
    let sign = if thousandths < 0 { "-" } else { "" };
    let magnitude = thousandths.unsigned_abs();
    format!("{sign}{}.{:03}%", magnitude / 1000, magnitude % 1000)
}

/// `1 click` / `2 clicks`, the count written by `labels`.
pub fn clicks_label(labels: &dyn Labels, count: u64) -> String {
    if count == 1 {
        "1 click".to_string()
    } else {
        format!("{} clicks", labels.number(count))
    }
}

/// A stand-in for `Intl` in native tests (there is no `Intl` outside a
/// browser): British English, enough to pin what the labels are built of.
/// The browser's own text is pinned by the wasm test
/// `intl_labels_write_for_their_locale`.
#[cfg(test)]
pub mod english {
    use super::Labels;
    use crate::day::UtcDay;

    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    /// British English labels.
    #[derive(Debug, Clone, Copy, Default)]
    pub struct EnglishLabels;

    fn month(day: UtcDay) -> &'static str {
        MONTHS[day.ymd().1 as usize - 1]
    }

    impl Labels for EnglishLabels {
        fn number(&self, value: u64) -> String {
            let digits = value.to_string();
            let mut grouped = String::new();
            for (index, digit) in digits.chars().enumerate() {
                if index > 0 && (digits.len() - index).is_multiple_of(3) {
                    grouped.push(',');
                }
                grouped.push(digit);
            }
            grouped
        }

        fn tenths(&self, value: f64, signed: bool) -> String {
            let tenths = (value * 10.0).round() / 10.0 + 0.0;
            match (signed, tenths < 0.0) {
                (true, false) => format!("+{tenths:.1}"),
                _ => format!("{tenths:.1}"),
            }
        }

        fn day_month(&self, day: UtcDay) -> String {
            format!("{} {}", day.ymd().2, month(day))
        }

        fn month_year(&self, day: UtcDay) -> String {
            format!("{} {}", month(day), day.ymd().0)
        }

        fn long_day(&self, day: UtcDay) -> String {
            let weekday = WEEKDAYS[(day.days_since_epoch() + 3).rem_euclid(7) as usize];
            format!("{weekday} {} {}", self.day_month(day), day.ymd().0)
        }

        fn range(&self, start: UtcDay, end: UtcDay) -> String {
            let end_text = format!("{} {}", self.day_month(end), end.ymd().0);
            if start == end {
                end_text
            } else if start.ymd().0 != end.ymd().0 {
                format!("{} {} – {end_text}", self.day_month(start), start.ymd().0)
            } else if start.ymd().1 != end.ymd().1 {
                format!("{} – {end_text}", self.day_month(start))
            } else {
                format!("{} – {end_text}", start.ymd().2)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::english::EnglishLabels;
    use super::*;

    #[test]
    fn css_percentages_have_three_decimals() {
        assert_eq!(css_percent(12.3456), "12.346%");
        assert_eq!(css_percent(0.0), "0.000%");
        assert_eq!(css_percent(100.0), "100.000%");
        assert_eq!(css_percent(-0.25), "-0.250%");
        assert_eq!(css_percent(0.0004), "0.000%");
    }

    #[test]
    fn clicks_are_pluralised() {
        assert_eq!(clicks_label(&EnglishLabels, 1), "1 click");
        assert_eq!(clicks_label(&EnglishLabels, 12_345), "12,345 clicks");
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
