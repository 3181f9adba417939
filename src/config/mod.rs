//! The configuration of CONTRACT 2, shared by the custom element's
//! attributes and the standalone page's query string: parsing, defaults,
//! visible fallbacks and the refusal of keys. Each concern has its module;
//! everything is re-exported here.

mod filters;
mod headers;
mod names;
mod settings;

pub use filters::*;
pub use headers::*;
pub use names::*;
pub use settings::*;

use crate::compare::Compare;
use crate::day::UtcDay;
use crate::period::Period;

/// A configuration value that was not used as given, said visibly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigIssue {
    /// The configuration name concerned.
    pub name: String,
    /// What happened, in words for the person reading the page.
    pub message: String,
}

/// A fully parsed configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Where and how to fetch.
    pub settings: Settings,
    /// The initial view.
    pub filters: Filters,
    /// Values that fell back to defaults or were refused.
    pub issues: Vec<ConfigIssue>,
}

impl Config {
    /// Parses name/value pairs (attributes or query parameters). Unknown names
    /// are ignored; the last of repeated names wins.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        today: UtcDay,
    ) -> Self {
        let pairs: Vec<(&str, &str)> = pairs.into_iter().collect();
        Self::from_pair_list(&pairs, today)
    }

    /// [`Config::from_pairs`] on a list: one copy of the parsing, whatever
    /// the callers' iterator types.
    fn from_pair_list(pairs: &[(&str, &str)], today: UtcDay) -> Self {
        let get = |name: &str| {
            pairs
                .iter()
                .rev()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| *v)
        };
        let mut issues = Vec::new();
        let mut issue = |name: &str, message: String| {
            issues.push(ConfigIssue {
                name: name.to_string(),
                message,
            })
        };

        let mut settings = Settings::default();
        for (index, (refused, _)) in pairs.iter().enumerate() {
            let first = !pairs[..index].iter().any(|(n, _)| n == refused);
            if first && is_refused_name(refused) {
                settings.refused_secret = true;
                issue(
                    refused,
                    format!("`{refused}` is refused: API keys and tokens belong in the proxy, never in a page. Nothing is fetched until it is removed (and the key should be rotated)."),
                );
            }
        }
        settings.proxy = match get("proxy").map(str::trim).filter(|p| !p.is_empty()) {
            None => None,
            Some(raw) => match validate_proxy(raw) {
                Ok(proxy) => Some(proxy),
                Err(why) => {
                    issue("proxy", format!("`proxy` is not usable: {why}."));
                    None
                }
            },
        };
        settings.link_id = get("link-id")
            .filter(|id| !id.trim().is_empty())
            .map(str::to_string);
        settings.credentials = match get("credentials") {
            None => Credentials::default(),
            Some("omit") => Credentials::Omit,
            Some("same-origin") => Credentials::SameOrigin,
            Some("include") => Credentials::Include,
            Some(other) => {
                issue("credentials", format!("`credentials` \"{other}\" is not omit, same-origin or include: using same-origin."));
                Credentials::default()
            }
        };
        settings.theme = match get("theme") {
            None => Theme::default(),
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            Some("auto") => Theme::Auto,
            Some(other) => {
                issue(
                    "theme",
                    format!("`theme` \"{other}\" is not light, dark or auto: using auto."),
                );
                Theme::default()
            }
        };

        settings.refresh_secs = match get("refresh").map(str::trim) {
            None | Some("") => 0,
            Some(raw) => match raw.parse::<u64>() {
                Ok(0) => 0,
                Ok(secs) if secs < u64::from(MIN_REFRESH_SECS) => {
                    issue("refresh", format!("`refresh` {secs} is below {MIN_REFRESH_SECS} seconds: refreshing every {MIN_REFRESH_SECS} seconds."));
                    MIN_REFRESH_SECS
                }
                Ok(secs) if secs > u64::from(MAX_REFRESH_SECS) => {
                    issue("refresh", format!("`refresh` {secs} is more than a day ({MAX_REFRESH_SECS} seconds): refreshing every {MAX_REFRESH_SECS} seconds."));
                    MAX_REFRESH_SECS
                }
                Ok(secs) => secs as u32,
                Err(_) => {
                    issue(
                        "refresh",
                        format!("`refresh` \"{raw}\" is not a number of seconds: not refreshing."),
                    );
                    0
                }
            },
        };
        settings.locale = match get("locale").map(str::trim) {
            None | Some("") => None,
            Some(tag) if is_language_tag(tag) => Some(tag.to_string()),
            Some(raw) => {
                issue("locale", format!("`locale` \"{raw}\" is not a language tag such as en-GB or de-DE: using the browser's language."));
                None
            }
        };

        if let Some(raw) = get("max-rows").map(str::trim).filter(|raw| !raw.is_empty()) {
            match raw.parse::<u64>() {
                Ok(rows) if (1..=LIMIT_MAX_ROWS).contains(&rows) => settings.max_rows = rows,
                Ok(rows) if rows > LIMIT_MAX_ROWS => {
                    issue("max-rows", format!("`max-rows` {rows} is more than {LIMIT_MAX_ROWS}: loading at most {LIMIT_MAX_ROWS}."));
                    settings.max_rows = LIMIT_MAX_ROWS;
                }
                _ => issue("max-rows", format!("`max-rows` \"{raw}\" is not a number of rows from 1 to {LIMIT_MAX_ROWS}: using {DEFAULT_MAX_ROWS}.")),
            }
        }

        let mut filters = Filters::defaults(today);
        // Dates given that parse: the range is then custom (CONTRACT 7).
        let dates_given = ["date-start", "date-end"].iter().any(|name| {
            get(name)
                .and_then(|raw| UtcDay::parse(raw.trim()))
                .is_some()
        });
        let period = match get("period").map(str::trim) {
            None | Some("") => None,
            Some(raw) => Period::parse(raw).or_else(|| {
                let fallback = if dates_given {
                    Period::Custom
                } else {
                    Period::default()
                };
                let names: Vec<&str> = Period::ALL.iter().map(|p| p.name()).collect();
                issue(
                    "period",
                    format!(
                        "`period` \"{raw}\" is not one of {}: using {}.",
                        names.join(", "),
                        fallback.name()
                    ),
                );
                None
            }),
        };
        match period.and_then(|p| Some((p, p.range(today)?))) {
            // A named period resolves against today; dates given with it are not used.
            Some((period, (start, end))) => {
                (filters.period, filters.date_start, filters.date_end) = (period, start, end);
                for name in ["date-start", "date-end"]
                    .into_iter()
                    .filter(|n| get(n).is_some())
                {
                    issue(name, format!("`{name}` is not used with `period` {}: showing {start} to {end}. Use `period` custom for dates of your own.", period.name()));
                }
            }
            None => {
                filters.period = if dates_given || period.is_some() {
                    Period::Custom
                } else {
                    Period::default()
                };
                self::read_dates(&get, &mut issue, &mut filters, today);
            }
        }
        if let Some(raw) = get("page-size") {
            match raw.trim().parse::<u64>() {
                Ok(size) if (1..=u64::from(MAX_PAGE_SIZE)).contains(&size) => filters.page_size = size as u32,
                Ok(size) if size > u64::from(MAX_PAGE_SIZE) => {
                    issue("page-size", format!("`page-size` {size} is more than {MAX_PAGE_SIZE}: using {MAX_PAGE_SIZE}."));
                    filters.page_size = MAX_PAGE_SIZE;
                }
                _ => issue("page-size", format!("`page-size` \"{raw}\" is not a number from 1 to {MAX_PAGE_SIZE}: using {DEFAULT_PAGE_SIZE}.")),
            }
        }
        if let Some(raw) = get("page") {
            match raw.trim().parse::<u32>() {
                Ok(page) if page >= 1 => filters.page = page,
                _ => issue(
                    "page",
                    format!("`page` \"{raw}\" is not a page number: using page 1."),
                ),
            }
        }
        let mut parse_flag = |name: &str| -> bool {
            match get(name).map(str::trim) {
                None | Some("true") | Some("") => true,
                Some("false") => false,
                Some(other) => {
                    issue(
                        name,
                        format!("`{name}` \"{other}\" is not true or false: using true."),
                    );
                    true
                }
            }
        };
        filters.include_bots = parse_flag("include-bots");
        filters.include_duplicates = parse_flag("include-duplicates");
        if let Some(raw) = get("compare").map(str::trim).filter(|raw| !raw.is_empty()) {
            match Compare::parse(raw) {
                Some(compare) => filters.compare = compare,
                None => issue(
                    "compare",
                    format!("`compare` \"{raw}\" is not none, previous or year: using none."),
                ),
            }
        }
        if let Some(raw) = get("time-zone")
            .map(str::trim)
            .filter(|raw| !raw.is_empty())
        {
            match TimeZone::parse(raw) {
                Some(zone) => filters.time_zone = zone,
                None => issue(
                    "time-zone",
                    format!("`time-zone` \"{raw}\" is not local or utc: using local."),
                ),
            }
        }
        Self {
            settings,
            filters,
            issues,
        }
    }

    /// The filters after the configuration changed from `self` to `next`
    /// while the person was looking at `current`: fields the change touched,
    /// and those whose names are in `set` (properties the host set, even to
    /// the value they had), take the new value; the rest stay as the person
    /// left them, and a filter change without an explicit page goes back to
    /// page 1.
    pub fn merge_filters(&self, next: &Config, current: Filters, set: &[&str]) -> Filters {
        let (before, after) = (self.filters, next.filters);
        let mut merged = current;
        macro_rules! take_if_changed {
            ($($field:ident = $name:literal),*) => { $(
                if before.$field != after.$field || set.contains(&$name) {
                    merged.$field = after.$field;
                }
            )* };
        }
        take_if_changed!(
            period = "period",
            date_start = "date-start",
            date_end = "date-end",
            page_size = "page-size",
            include_bots = "include-bots",
            include_duplicates = "include-duplicates",
            compare = "compare",
            time_zone = "time-zone"
        );
        if before.page != after.page || set.contains(&"page") {
            merged.page = after.page;
        } else if merged.differs_beyond_page(&current) {
            merged.page = 1;
        }
        merged
    }
}

/// Reads `date-start` and `date-end` into `filters` (a custom range): 30
/// days ending `date-end` (default today) unless `date-start` gives a
/// usable start; unusable values fall back, said through `issue`.
fn read_dates<'a>(
    get: &impl Fn(&str) -> Option<&'a str>,
    issue: &mut impl FnMut(&str, String),
    filters: &mut Filters,
    today: UtcDay,
) {
    let mut parse_day = |name: &str| -> Option<UtcDay> {
        let raw = get(name)?;
        let day = UtcDay::parse(raw.trim());
        if day.is_none() {
            issue(
                name,
                format!("`{name}` \"{raw}\" is not a date (YYYY-MM-DD): using the default."),
            );
        }
        day
    };
    let end = parse_day("date-end");
    let start = parse_day("date-start");
    filters.date_end = end.unwrap_or(today);
    filters.date_start = filters.date_end.add_days(1 - DEFAULT_RANGE_DAYS);
    if let Some(start) = start {
        let span = start.days_until(filters.date_end);
        if span < 0 {
            issue(
                "date-start",
                format!(
                    "`date-start` {start} is after `date-end` {}: showing the 30 days ending {}.",
                    filters.date_end, filters.date_end
                ),
            );
        } else if span >= MAX_RANGE_DAYS {
            issue("date-start", format!("The range from {start} is longer than {MAX_RANGE_DAYS} days: showing the 30 days ending {}.", filters.date_end));
        } else {
            filters.date_start = start;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> UtcDay {
        UtcDay::parse("2026-11-23").unwrap()
    }

    fn config(pairs: &[(&str, &str)]) -> Config {
        Config::from_pairs(pairs.iter().copied(), today())
    }

    #[test]
    fn defaults_follow_the_contract() {
        let c = config(&[]);
        assert_eq!(c.filters.date_end.to_string(), "2026-11-23");
        assert_eq!(c.filters.date_start.to_string(), "2026-10-25");
        assert_eq!((c.filters.page_size, c.filters.page), (100, 1));
        assert!(c.filters.include_bots && c.filters.include_duplicates);
        assert_eq!(c.settings.credentials, Credentials::SameOrigin);
        assert_eq!(c.settings.theme, Theme::Auto);
        assert_eq!(
            (c.settings.proxy.clone(), c.settings.link_id.clone()),
            (None, None)
        );
        assert!(c.issues.is_empty());
    }

    #[test]
    fn default_start_follows_a_given_end() {
        let c = config(&[("date-end", "2026-02-10")]);
        assert_eq!(c.filters.date_start.to_string(), "2026-01-12");
    }

    #[test]
    fn a_period_resolves_against_today_and_dates_make_the_range_custom() {
        let c = config(&[("period", "7d")]);
        assert_eq!(c.filters.period, Period::Last7Days);
        assert_eq!(
            (
                c.filters.date_start.to_string(),
                c.filters.date_end.to_string()
            ),
            ("2026-11-17".into(), "2026-11-23".into())
        );
        assert!(c.issues.is_empty());
        assert_eq!(config(&[]).filters.period, Period::Last30Days);
        let dated = config(&[("date-start", "2026-11-01")]);
        assert_eq!(dated.filters.period, Period::Custom);
        assert_eq!(dated.filters.date_start.to_string(), "2026-11-01");
        // A named period wins over dates given with it, and says so.
        let both = config(&[("period", "last-month"), ("date-start", "2026-01-01")]);
        assert_eq!(
            (
                both.filters.period,
                both.filters.date_start.to_string(),
                both.filters.date_end.to_string()
            ),
            (Period::LastMonth, "2026-10-01".into(), "2026-10-31".into())
        );
        assert_eq!(both.issues.len(), 1);
        assert!(
            both.issues[0]
                .message
                .contains("not used with `period` last-month"),
            "{:?}",
            both.issues
        );
        let custom = config(&[
            ("period", "custom"),
            ("date-start", "2026-11-01"),
            ("date-end", "2026-11-10"),
        ]);
        assert_eq!(
            (custom.filters.period, custom.filters.date_start.to_string()),
            (Period::Custom, "2026-11-01".into())
        );
        assert_eq!(
            config(&[("period", "custom")])
                .filters
                .date_start
                .to_string(),
            "2026-10-25"
        );
        // Unknown: said, and the default (custom when dates are given).
        let bad = config(&[("period", "week")]);
        assert_eq!(bad.filters.period, Period::Last30Days);
        assert!(
            bad.issues[0]
                .message
                .contains("`period` \"week\" is not one of today, yesterday, 7d"),
            "{:?}",
            bad.issues
        );
        assert_eq!(
            config(&[("period", "week"), ("date-end", "2026-11-10")])
                .filters
                .period,
            Period::Custom
        );
        // A bad date is not a date given: the default period stays.
        assert_eq!(
            config(&[("date-start", "soon")]).filters.period,
            Period::Last30Days
        );
    }

    #[test]
    fn compare_is_read_and_a_bad_one_said() {
        assert_eq!(config(&[]).filters.compare, Compare::None);
        assert_eq!(
            config(&[("compare", "year")]).filters.compare,
            Compare::Year
        );
        let bad = config(&[("compare", "last-year")]);
        assert_eq!(bad.filters.compare, Compare::None);
        assert!(bad.issues[0]
            .message
            .contains("`compare` \"last-year\" is not none, previous or year"));
    }

    #[test]
    fn refresh_has_a_floor_and_a_ceiling_and_zero_is_off() {
        let secs = |raw: &str| {
            let c = config(&[("refresh", raw)]);
            (c.settings.refresh_secs, c.issues.len())
        };
        assert_eq!(config(&[]).settings.refresh_secs, 0);
        assert_eq!(secs("0"), (0, 0));
        assert_eq!(secs("60"), (60, 0));
        assert_eq!(secs(" 15 "), (15, 0));
        assert_eq!(secs("5"), (15, 1));
        assert_eq!(secs("1"), (15, 1));
        assert_eq!(secs("999999999999"), (MAX_REFRESH_SECS, 1));
        assert_eq!(secs("soon"), (0, 1));
        assert_eq!(secs("-30"), (0, 1));
        assert!(config(&[("refresh", "5")]).issues[0]
            .message
            .contains("below 15 seconds: refreshing every 15 seconds"));
    }

    #[test]
    fn max_rows_is_read_within_its_limits() {
        assert_eq!(config(&[]).settings.max_rows, 100_000);
        assert_eq!(config(&[("max-rows", "2500")]).settings.max_rows, 2500);
        let huge = config(&[("max-rows", "5000000")]);
        assert_eq!(
            (huge.settings.max_rows, huge.issues.len()),
            (LIMIT_MAX_ROWS, 1)
        );
        let bad = config(&[("max-rows", "0")]);
        assert_eq!(bad.settings.max_rows, DEFAULT_MAX_ROWS);
        assert!(bad.issues[0]
            .message
            .contains("`max-rows` \"0\" is not a number of rows"));
    }

    #[test]
    fn locale_and_time_zone_are_read_and_bad_ones_said() {
        let c = config(&[("locale", "de-DE"), ("time-zone", "UTC")]);
        assert!(c.issues.is_empty(), "{:?}", c.issues);
        assert_eq!(c.settings.locale.as_deref(), Some("de-DE"));
        assert_eq!(c.filters.time_zone, TimeZone::Utc);
        let defaults = config(&[]);
        assert_eq!(
            (defaults.settings.locale, defaults.filters.time_zone),
            (None, TimeZone::Local)
        );
        for tag in ["en", "de-DE", "zh-Hant-TW", "en-GB-u-hc-h23", "es-419"] {
            assert!(is_language_tag(tag), "{tag}");
        }
        for bad in [
            "",
            "e",
            "german!",
            "de_DE",
            "de--DE",
            "-de",
            "de-",
            "1234",
            "en-toolongsubtag",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
        let bad = config(&[("locale", "de_DE"), ("time-zone", "Europe/Berlin")]);
        assert_eq!(bad.settings.locale, None);
        assert_eq!(bad.filters.time_zone, TimeZone::Local);
        let names: Vec<&str> = bad.issues.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["locale", "time-zone"]);
        assert!(bad.issues[1].message.contains("is not local or utc"));
    }

    /// The zone rows are shown in is not a new view of the rows: changing
    /// it keeps the page.
    #[test]
    fn a_new_time_zone_keeps_the_page() {
        let before = config(&[]);
        let current = Filters {
            page: 3,
            ..before.filters
        };
        let after = config(&[("time-zone", "utc")]);
        let merged = before.merge_filters(&after, current, &[]);
        assert_eq!((merged.time_zone, merged.page), (TimeZone::Utc, 3));
    }

    #[test]
    fn a_new_period_attribute_takes_its_range() {
        let before = config(&[("period", "30d")]);
        let after = config(&[("period", "ytd")]);
        let merged = before.merge_filters(
            &after,
            before
                .filters
                .with_filter_change(|f| f.include_bots = false),
            &[],
        );
        assert_eq!(
            (merged.period, merged.date_start.to_string()),
            (Period::YearToDate, "2026-01-01".into())
        );
        assert!(!merged.include_bots, "what the person set stays");
    }

    #[test]
    fn every_name_is_read() {
        let c = config(&[
            ("proxy", "https://proxy.example/base/"),
            ("link-id", "a/b c"),
            ("date-start", "2026-01-01"),
            ("date-end", "2026-01-07"),
            ("page-size", "250"),
            ("page", "3"),
            ("include-bots", "false"),
            ("include-duplicates", "false"),
            ("credentials", "include"),
            ("theme", "dark"),
        ]);
        assert!(c.issues.is_empty(), "{:?}", c.issues);
        assert_eq!(
            c.settings.proxy.as_deref(),
            Some("https://proxy.example/base/")
        );
        assert_eq!(c.settings.link_id.as_deref(), Some("a/b c"));
        assert_eq!(c.settings.credentials, Credentials::Include);
        assert_eq!(c.settings.theme, Theme::Dark);
        assert_eq!((c.filters.page_size, c.filters.page), (250, 3));
        assert!(!c.filters.include_bots && !c.filters.include_duplicates);
    }

    #[test]
    fn bad_values_fall_back_visibly() {
        let c = config(&[
            ("date-start", "2026-13-01"),
            ("page-size", "0"),
            ("page", "-2"),
            ("include-bots", "yes"),
            ("credentials", "always"),
            ("theme", "neon"),
        ]);
        let names: Vec<&str> = c.issues.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "credentials",
                "theme",
                "date-start",
                "page-size",
                "page",
                "include-bots"
            ]
        );
        assert_eq!(c.filters, Filters::defaults(today()));
    }

    #[test]
    fn start_after_end_falls_back_to_thirty_days() {
        let c = config(&[("date-start", "2026-03-01"), ("date-end", "2026-02-01")]);
        assert_eq!(c.filters.date_start.to_string(), "2026-01-03");
        assert_eq!(c.issues[0].name, "date-start");
    }

    #[test]
    fn oversized_page_is_clamped_to_the_maximum() {
        let c = config(&[("page-size", "5000")]);
        assert_eq!(c.filters.page_size, 1000);
        assert_eq!(c.issues.len(), 1);
    }

    #[test]
    fn key_like_names_are_refused() {
        for name in ["api-key", "token", "authorization"] {
            let c = config(&[(name, "sk_live_123"), ("proxy", "/p"), ("link-id", "demo")]);
            assert!(c.settings.refused_secret, "{name}");
            assert!(c.issues[0].message.contains("belong in the proxy"));
            assert!(
                !c.issues[0].message.contains("sk_live_123"),
                "the secret is echoed"
            );
        }
    }

    /// Issue 15: `?API-KEY=…` and other spellings were sent on.
    #[test]
    fn key_like_names_are_refused_in_any_spelling() {
        for name in [
            "API-KEY",
            "Api_Key",
            "apiKey",
            "API_KEY",
            "x-api-key",
            "X_API_KEY",
            "Authorization",
            "AUTHORIZATION",
            "Token",
            "access_token",
            "accessToken",
            "secret",
            "Password",
        ] {
            let c = config(&[(name, "sk_live_123"), ("proxy", "/p"), ("link-id", "demo")]);
            assert!(c.settings.refused_secret, "{name}");
            assert_eq!(c.issues.len(), 1, "{name}");
            assert!(c.issues[0].message.contains(name), "{name}");
        }
        for name in ["apikeys", "tokens", "link-id", "key", "api", "passwords"] {
            assert!(!is_refused_name(name), "{name}");
        }
    }

    #[test]
    fn proxy_must_be_http_or_relative() {
        for good in [
            "https://p.example",
            "http://127.0.0.1:8787/",
            "/",
            "./proxy",
            "../x",
            "//cdn.example/p",
            "proxy",
        ] {
            assert!(validate_proxy(good).is_ok(), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "file:///etc",
            "https://",
            "http://x/?a=1",
            "http://a b",
        ] {
            assert!(validate_proxy(bad).is_err(), "{bad}");
        }
        let c = config(&[("proxy", "javascript:alert(1)")]);
        assert_eq!(c.settings.proxy, None);
        assert_eq!(c.issues[0].name, "proxy");
    }

    #[test]
    fn attribute_changes_merge_into_the_view_in_progress() {
        let before = config(&[("link-id", "a")]);
        let mut current = before.filters;
        current.page = 4;
        current.include_bots = false;
        // Only the page size changes: it applies, the person's bot filter stays, page resets.
        let next = config(&[("link-id", "a"), ("page-size", "50")]);
        let merged = before.merge_filters(&next, current, &[]);
        assert_eq!(
            (merged.page_size, merged.page, merged.include_bots),
            (50, 1, false)
        );
        // An explicit page change is taken as given.
        let paged = config(&[("link-id", "a"), ("page", "7")]);
        assert_eq!(before.merge_filters(&paged, current, &[]).page, 7);
        // Nothing relevant changed: the view stays exactly as it is.
        let same = config(&[("link-id", "b")]);
        assert_eq!(before.merge_filters(&same, current, &[]), current);
    }

    /// Holds down a property set being lost: after the person unticked
    /// bots and went to page 4, `el.includeBots = true` left the attribute
    /// as it was ("true"), so the change was ignored.
    #[test]
    fn a_property_set_to_its_old_attribute_value_still_applies() {
        let before = config(&[("link-id", "a"), ("include-bots", "true")]);
        let mut current = before.filters;
        current.page = 4;
        current.include_bots = false;
        let merged = before.merge_filters(&before, current, &["include-bots"]);
        assert_eq!((merged.include_bots, merged.page), (true, 1));
        // `el.page = 1` while the person is on page 4: page 1.
        let merged = before.merge_filters(&before, current, &["page"]);
        assert_eq!((merged.page, merged.include_bots), (1, false));
    }
}
