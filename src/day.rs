//! Whole UTC days and instants, with no time-zone database: the widget's
//! dates are always UTC days (CONTRACT 1), shown to people as such.

use std::fmt;

/// A UTC calendar day, stored as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UtcDay(i32);

impl UtcDay {
    /// The day with the given year, month (1-12) and day of month, if it exists.
    /// Years are limited to 1..=9999 so every day prints as `YYYY-MM-DD`.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        if day > days_in_month(year, month) {
            return None;
        }
        Some(Self(days_from_civil(year, month, day)))
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Self> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = text.get(range)?;
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        Self::from_ymd(number(0..4)? as i32, number(5..7)?, number(8..10)?)
    }

    /// The UTC day containing an instant given in milliseconds since the epoch.
    pub fn from_unix_ms(ms: f64) -> Self {
        Self((ms / 86_400_000.0).floor() as i32)
    }

    /// Days since 1970-01-01.
    pub fn days_since_epoch(self) -> i32 {
        self.0
    }

    /// The day `days` later (earlier when negative).
    pub fn add_days(self, days: i32) -> Self {
        Self(self.0.saturating_add(days))
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Self) -> i32 {
        later.0 - self.0
    }

    /// (year, month 1-12, day 1-31).
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }
}

impl fmt::Display for UtcDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = self.ymd();
        write!(f, "{year:04}-{month:02}-{day:02}")
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's civil-date algorithms.
fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i32::from(month <= 2);
    (year, month, day)
}

/// The wall clock of `ms` milliseconds since the epoch, read as UTC:
/// the day and the seconds into it.
fn wall_clock(ms: f64) -> (UtcDay, u32, u32, u32) {
    let seconds = (ms / 1000.0).floor() as i64;
    let day = UtcDay(seconds.div_euclid(86_400) as i32);
    let into = seconds.rem_euclid(86_400) as u32;
    (day, into / 3600, into / 60 % 60, into % 60)
}

/// An instant in UTC, `2026-11-23 19:35:18 UTC` (the title of a row's time).
pub fn utc_instant_label(ms: f64) -> String {
    let (day, hour, minute, second) = wall_clock(ms);
    format!("{day} {hour:02}:{minute:02}:{second:02} UTC")
}

/// Parses an RFC 3339 instant (`2026-01-31T21:45:00+00:00`, `...Z`, optional
/// fraction, `T` or space) into milliseconds since the epoch.
pub fn parse_instant_ms(text: &str) -> Option<f64> {
    let text = text.trim();
    let day = UtcDay::parse(text.get(0..10)?)?;
    let rest = text.get(10..)?;
    let rest = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' '))?;
    let two = |s: &str, at: usize| -> Option<i64> {
        let part = s.get(at..at + 2)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (hour, minute, second) = (two(rest, 0)?, two(rest, 3)?, two(rest, 6)?);
    if rest.get(2..3)? != ":" || rest.get(5..6)? != ":" || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut tail = &rest[8..];
    let mut millis = 0.0;
    if let Some(fraction) = tail.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        // Milliseconds from the first three digits (padded), the rest as a
        // fraction of a millisecond: integer arithmetic, no float parsing.
        let mut whole = 0u32;
        for (place, digit) in fraction
            .bytes()
            .take(digits)
            .chain(std::iter::repeat(b'0'))
            .take(6)
            .enumerate()
        {
            whole = whole * 10 + u32::from(digit - b'0');
            if place == 2 {
                millis = f64::from(whole);
                whole = 0;
            }
        }
        millis += f64::from(whole) / 1000.0;
        tail = &fraction[digits..];
    }
    let offset_minutes = match tail {
        "Z" | "z" => 0,
        _ => {
            let sign = match tail.get(0..1)? {
                "+" => 1,
                "-" => -1,
                _ => return None,
            };
            if tail.len() != 6 || tail.get(3..4)? != ":" {
                return None;
            }
            sign * (two(tail, 1)? * 60 + two(tail, 4)?)
        }
    };
    let seconds = i64::from(day.days_since_epoch()) * 86_400 + hour * 3600 + minute * 60 + second
        - offset_minutes * 60;
    Some(seconds as f64 * 1000.0 + millis)
}

#[cfg(test)]
mod clock_tests {
    use super::*;

    #[test]
    fn instants_read_in_utc() {
        let ms = parse_instant_ms("2026-11-23T19:35:18.250Z").unwrap();
        assert_eq!(utc_instant_label(ms), "2026-11-23 19:35:18 UTC");
        assert_eq!(utc_instant_label(-1000.0), "1969-12-31 23:59:59 UTC");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_days() {
        let day = UtcDay::parse("2026-11-23").unwrap();
        assert_eq!(day.to_string(), "2026-11-23");
        assert_eq!(UtcDay::parse("1970-01-01").unwrap().days_since_epoch(), 0);
        assert_eq!(
            UtcDay::parse("2024-02-29").unwrap().add_days(1).to_string(),
            "2024-03-01"
        );
    }

    #[test]
    fn rejects_malformed_days() {
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "2026-1-01",
            "26-01-01",
            "2026-01-01T00",
            "",
            "abcd-ef-gh",
            "2025-02-29",
            "0000-01-01",
            "+026-01-01",
        ] {
            assert_eq!(UtcDay::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_day_round_trips_for_decades() {
        let start = UtcDay::parse("1999-12-01").unwrap();
        for offset in 0..20_000 {
            let day = start.add_days(offset);
            assert_eq!(UtcDay::parse(&day.to_string()), Some(day));
        }
    }

    #[test]
    fn instants_parse_with_offsets_and_fractions() {
        let base = parse_instant_ms("2026-01-31T21:45:00+00:00").unwrap();
        assert_eq!(parse_instant_ms("2026-01-31T21:45:00Z"), Some(base));
        assert_eq!(parse_instant_ms("2026-01-31 23:45:00+02:00"), Some(base));
        assert_eq!(
            parse_instant_ms("2026-01-31T21:45:00.250Z"),
            Some(base + 250.0)
        );
        assert_eq!(
            parse_instant_ms("2026-01-31T21:45:00.5Z"),
            Some(base + 500.0)
        );
        assert_eq!(
            parse_instant_ms("2026-01-31T21:45:00.123456789Z"),
            Some(base + 123.456),
            "digits past microseconds are dropped"
        );
        assert_eq!(UtcDay::from_unix_ms(base).to_string(), "2026-01-31");
        for bad in [
            "2026-01-31",
            "2026-01-31T25:00:00Z",
            "2026-01-31T21:45:00",
            "2026-01-31T21:45:00+0000",
            "<script>",
            "2026-01-31T21:45:00.Z",
        ] {
            assert_eq!(parse_instant_ms(bad), None, "{bad}");
        }
    }
}
