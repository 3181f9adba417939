//! The configuration names of CONTRACT 2, shared by the custom element's
//! attributes and the standalone page's query string: parsing, defaults,
//! visible fallbacks and the refusal of keys.

use crate::day::UtcDay;

/// Rows per page when none (or an unusable value) is given.
pub const DEFAULT_PAGE_SIZE: u32 = 100;
/// Largest page the API serves.
pub const MAX_PAGE_SIZE: u32 = 1000;
/// Days shown when `date-start` is not given (ending at `date-end`).
pub const DEFAULT_RANGE_DAYS: i32 = 30;
/// Longest range accepted, in days (ten years).
pub const MAX_RANGE_DAYS: i32 = 3660;

/// Every configuration name, in the order of CONTRACT 2.
pub const NAMES: [&str; 10] = [
    "proxy",
    "link-id",
    "date-start",
    "date-end",
    "page-size",
    "page",
    "include-bots",
    "include-duplicates",
    "credentials",
    "theme",
];

/// Names that would put a secret into a page: refused loudly.
pub const REFUSED_NAMES: [&str; 6] = [
    "api-key",
    "apikey",
    "api_key",
    "token",
    "access-token",
    "authorization",
];

/// The fetch credentials mode. Default `same-origin`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Credentials {
    /// Never send cookies.
    Omit,
    /// Send cookies to the page's own origin only (the default).
    #[default]
    SameOrigin,
    /// Send cookies to the proxy on any origin (it must allow credentials).
    Include,
}

impl Credentials {
    /// The attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Omit => "omit",
            Self::SameOrigin => "same-origin",
            Self::Include => "include",
        }
    }
}

/// The colour theme. Default `auto` (follows `prefers-color-scheme`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Light colours.
    Light,
    /// Dark colours.
    Dark,
    /// The viewer's system preference (the default).
    #[default]
    Auto,
}

impl Theme {
    /// The attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Light => "light",
            Self::Dark => "dark",
            Self::Auto => "auto",
        }
    }
}

/// Where and how to fetch: everything but the filters.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Settings {
    /// Base URL of the proxy (http(s) or relative). `None` until given.
    pub proxy: Option<String>,
    /// The smart link's id. `None` until given.
    pub link_id: Option<String>,
    /// Fetch credentials mode. Default `same-origin`.
    pub credentials: Credentials,
    /// Colour theme. Default `auto`.
    pub theme: Theme,
    /// Set when a key-like name was given: nothing is fetched then.
    pub refused_secret: bool,
}

/// What the person is looking at: the filters and the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filters {
    /// First UTC day. Default 29 days before `date_end`.
    pub date_start: UtcDay,
    /// Last UTC day. Default today (UTC).
    pub date_end: UtcDay,
    /// Rows per page, 1..=1000. Default 100.
    pub page_size: u32,
    /// 1-based page number. Default 1.
    pub page: u32,
    /// Include clicks flagged as bots. Default true.
    pub include_bots: bool,
    /// Include clicks flagged as duplicates. Default true.
    pub include_duplicates: bool,
}

impl Filters {
    /// The defaults for a given today: the 30 UTC days ending today, page 1
    /// of 100 rows, bots and duplicates included.
    pub fn defaults(today: UtcDay) -> Self {
        Self {
            date_start: today.add_days(1 - DEFAULT_RANGE_DAYS),
            date_end: today,
            page_size: DEFAULT_PAGE_SIZE,
            page: 1,
            include_bots: true,
            include_duplicates: true,
        }
    }

    /// The same view with a new filter: back to page 1 (CONTRACT 5).
    pub fn with_filter_change(self, change: impl FnOnce(&mut Self)) -> Self {
        let mut next = self;
        change(&mut next);
        next.page = 1;
        next
    }

    /// True when anything other than the page differs.
    pub fn differs_beyond_page(&self, other: &Self) -> bool {
        Self { page: 1, ..*self } != Self { page: 1, ..*other }
    }
}

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
        for refused in REFUSED_NAMES {
            if get(refused).is_some() {
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

        let mut filters = Filters::defaults(today);
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
                issue("date-start", format!("`date-start` {start} is after `date-end` {}: showing the 30 days ending {}.", filters.date_end, filters.date_end));
            } else if span >= MAX_RANGE_DAYS {
                issue("date-start", format!("The range from {start} is longer than {MAX_RANGE_DAYS} days: showing the 30 days ending {}.", filters.date_end));
            } else {
                filters.date_start = start;
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
            date_start = "date-start",
            date_end = "date-end",
            page_size = "page-size",
            include_bots = "include-bots",
            include_duplicates = "include-duplicates"
        );
        if before.page != after.page || set.contains(&"page") {
            merged.page = after.page;
        } else if merged.differs_beyond_page(&current) {
            merged.page = 1;
        }
        merged
    }
}

/// Checks a proxy base URL: http(s), protocol-relative or a relative path;
/// any other scheme (`javascript:`, `data:`, `file:`) is refused. Returns the
/// value with surrounding whitespace removed.
pub fn validate_proxy(raw: &str) -> Result<String, &'static str> {
    let raw = raw.trim();
    if raw.chars().any(|c| c.is_control() || c == ' ') {
        return Err("it contains spaces or control characters");
    }
    if let Some(colon) = raw.find(':') {
        let scheme = &raw[..colon];
        let looks_like_scheme = !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && !raw[..colon].contains('/');
        if looks_like_scheme {
            let scheme = scheme.to_ascii_lowercase();
            if scheme != "http" && scheme != "https" {
                return Err("only http(s) or relative URLs are allowed");
            }
            if !raw[colon..].starts_with("://") || raw.len() <= colon + 3 {
                return Err("an absolute URL needs a host");
            }
        }
    }
    if raw.contains(['?', '#']) {
        return Err("a base URL cannot have a query or fragment");
    }
    Ok(raw.to_string())
}

/// The configuration names and values that reproduce a view, for the
/// standalone page's query string. Defaults are written too, so a link
/// shows the same days tomorrow.
pub fn view_query_pairs(settings: &Settings, filters: &Filters) -> Vec<(&'static str, String)> {
    let mut pairs = Vec::with_capacity(NAMES.len());
    if let Some(proxy) = &settings.proxy {
        pairs.push(("proxy", proxy.clone()));
    }
    if let Some(link_id) = &settings.link_id {
        pairs.push(("link-id", link_id.clone()));
    }
    pairs.push(("date-start", filters.date_start.to_string()));
    pairs.push(("date-end", filters.date_end.to_string()));
    pairs.push(("page-size", filters.page_size.to_string()));
    pairs.push(("page", filters.page.to_string()));
    pairs.push(("include-bots", filters.include_bots.to_string()));
    pairs.push(("include-duplicates", filters.include_duplicates.to_string()));
    if settings.credentials != Credentials::default() {
        pairs.push(("credentials", settings.credentials.as_str().to_string()));
    }
    if settings.theme != Theme::default() {
        pairs.push(("theme", settings.theme.as_str().to_string()));
    }
    pairs
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

    #[test]
    fn view_query_round_trips_through_parsing() {
        let c = config(&[
            ("proxy", "/"),
            ("link-id", "demo"),
            ("page", "2"),
            ("include-duplicates", "false"),
            ("theme", "dark"),
        ]);
        let pairs = view_query_pairs(&c.settings, &c.filters);
        let reparsed = Config::from_pairs(pairs.iter().map(|(n, v)| (*n, v.as_str())), today());
        assert_eq!(reparsed, c);
    }
}

/// Extra request headers for the proxy (the element's `headers` property):
/// names must be HTTP tokens and values free of line breaks; others are
/// dropped with a visible issue.
pub fn validate_headers(pairs: Vec<(String, String)>) -> (Vec<(String, String)>, Vec<ConfigIssue>) {
    let mut valid = Vec::new();
    let mut issues = Vec::new();
    for (name, value) in pairs {
        let token = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
        if !token {
            issues.push(ConfigIssue {
                name: "headers".into(),
                message: format!("The header name {name:?} is not valid and is not sent."),
            });
        } else if value.contains(['\r', '\n', '\0']) {
            issues.push(ConfigIssue {
                name: "headers".into(),
                message: format!(
                    "The value of header {name} contains a line break and is not sent."
                ),
            });
        } else {
            valid.push((name, value));
        }
    }
    (valid, issues)
}

#[cfg(test)]
mod header_tests {
    use super::*;

    #[test]
    fn invalid_header_names_and_values_are_dropped_visibly() {
        let (valid, issues) = validate_headers(vec![
            ("X-Dashboard-Session".into(), "abc".into()),
            ("bad name".into(), "x".into()),
            ("X-Split".into(), "a\r\nInjected: 1".into()),
        ]);
        assert_eq!(
            valid,
            vec![("X-Dashboard-Session".to_string(), "abc".to_string())]
        );
        assert_eq!(issues.len(), 2);
    }
}

/// Which end of the date range a person edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeEnd {
    /// `From`.
    Start,
    /// `To`.
    End,
}

/// The range after a person sets one end to `raw`, or why the edit is
/// refused (the view then stays as it was).
pub fn edit_range(filters: &Filters, end: RangeEnd, raw: &str) -> Result<(UtcDay, UtcDay), String> {
    let day = UtcDay::parse(raw.trim()).ok_or("Enter a full date (YYYY-MM-DD).")?;
    let (start, finish) = match end {
        RangeEnd::Start => (day, filters.date_end),
        RangeEnd::End => (filters.date_start, day),
    };
    if start > finish {
        return Err(format!("From ({start}) must not be after To ({finish})."));
    }
    if start.days_until(finish) >= MAX_RANGE_DAYS {
        return Err(format!("A range may span at most {MAX_RANGE_DAYS} days."));
    }
    Ok((start, finish))
}

#[cfg(test)]
mod edit_tests {
    use super::*;

    #[test]
    fn editing_one_end_keeps_the_other_and_refuses_bad_ranges() {
        let filters = Filters::defaults(UtcDay::parse("2026-11-23").unwrap());
        let day = |s| UtcDay::parse(s).unwrap();
        assert_eq!(
            edit_range(&filters, RangeEnd::Start, "2026-11-01"),
            Ok((day("2026-11-01"), day("2026-11-23")))
        );
        assert_eq!(
            edit_range(&filters, RangeEnd::End, "2026-11-10"),
            Ok((day("2026-10-25"), day("2026-11-10")))
        );
        assert!(edit_range(&filters, RangeEnd::Start, "")
            .unwrap_err()
            .contains("full date"));
        assert!(edit_range(&filters, RangeEnd::Start, "2026-12-01")
            .unwrap_err()
            .contains("must not be after"));
        assert!(edit_range(&filters, RangeEnd::Start, "2000-01-01")
            .unwrap_err()
            .contains("at most"));
    }
}
