//! Where and how to fetch and show: proxy, link id, credentials mode,
//! theme, auto-refresh and locale.

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
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// Seconds between automatic refreshes; 0 (the default) is off, and
    /// anything else is at least [`MIN_REFRESH_SECS`].
    pub refresh_secs: u32,
    /// The BCP 47 tag numbers and dates are formatted for. `None` (the
    /// default): the browser's language.
    pub locale: Option<String>,
    /// Rows `Analyse all clicks` loads at most. Default 100,000.
    pub max_rows: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            proxy: None,
            link_id: None,
            credentials: Credentials::default(),
            theme: Theme::default(),
            refused_secret: false,
            refresh_secs: 0,
            locale: None,
            max_rows: DEFAULT_MAX_ROWS,
        }
    }
}

/// Rows `Analyse all clicks` loads at most when `max-rows` is not given.
pub const DEFAULT_MAX_ROWS: u64 = 100_000;
/// The most `max-rows` may ask for (the rows live in the page's memory).
pub const LIMIT_MAX_ROWS: u64 = 1_000_000;

/// The shortest time between automatic refreshes, in seconds (CONTRACT 7).
pub const MIN_REFRESH_SECS: u32 = 15;
/// The longest, in seconds: a day (a browser timer holds at most 24.8 days).
pub const MAX_REFRESH_SECS: u32 = 86_400;

/// Checks that `raw` is shaped like a BCP 47 language tag (`en`, `de-DE`,
/// `zh-Hant-TW`, `en-GB-u-hc-h23`): subtags of 1 to 8 letters and digits
/// joined by `-`, the first a language of 2 to 3 or 5 to 8 letters. Which
/// tags the browser knows is `Intl`'s business: it falls back to its own
/// language for one it does not.
pub fn is_language_tag(raw: &str) -> bool {
    let mut subtags = raw.split('-');
    let language = subtags.next().unwrap_or_default();
    let language_ok = matches!(language.len(), 2 | 3 | 5..=8)
        && language.chars().all(|c| c.is_ascii_alphabetic());
    language_ok
        && subtags.all(|subtag| {
            (1..=8).contains(&subtag.len()) && subtag.chars().all(|c| c.is_ascii_alphanumeric())
        })
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
