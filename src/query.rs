//! The one request the widget makes (CONTRACT 1): its query and URL.

use crate::config::Filters;

/// The query string of `GET /api/smart-links/{id}/clicks`. All six
/// parameters are always sent, so a request describes itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClicksQuery {
    /// `YYYY-MM-DDT00:00:00Z` of the first UTC day.
    pub date_start: String,
    /// `YYYY-MM-DDT23:59:59Z` of the last UTC day.
    pub date_end: String,
    /// Rows per page.
    pub limit: u32,
    /// `(page - 1) * limit`.
    pub offset: u64,
    /// Include clicks flagged as bots.
    pub include_bots: bool,
    /// Include clicks flagged as duplicates.
    pub include_duplicates: bool,
}

impl ClicksQuery {
    /// The query for a view.
    pub fn for_view(filters: &Filters) -> Self {
        Self {
            date_start: format!("{}T00:00:00Z", filters.date_start),
            date_end: format!("{}T23:59:59Z", filters.date_end),
            limit: filters.page_size,
            offset: u64::from(filters.page.saturating_sub(1)) * u64::from(filters.page_size),
            include_bots: filters.include_bots,
            include_duplicates: filters.include_duplicates,
        }
    }

    /// `date_start=...&date_end=...&limit=...&offset=...&include_bots=...&include_duplicates=...`
    /// in that order. Values need no escaping: they are dates, numbers and booleans.
    pub fn to_query_string(&self) -> String {
        format!(
            "date_start={}&date_end={}&limit={}&offset={}&include_bots={}&include_duplicates={}",
            self.date_start,
            self.date_end,
            self.limit,
            self.offset,
            self.include_bots,
            self.include_duplicates
        )
    }
}

/// `{proxy}/api/smart-links/{link-id}/clicks?{query}`, with the link id
/// percent-encoded as one path segment and the proxy's trailing slashes
/// ignored (so `https://p/` and `https://p` give the same URL, and `/`
/// gives a root-relative URL).
pub fn request_url(proxy: &str, link_id: &str, query: &ClicksQuery) -> String {
    let base = proxy.trim().trim_end_matches('/');
    format!(
        "{base}/api/smart-links/{}/clicks?{}",
        encode_path_segment(link_id),
        query.to_query_string()
    )
}

/// Percent-encodes everything but RFC 3986 unreserved characters, so the
/// result is always exactly one path segment (`a/b` becomes `a%2Fb`).
pub fn encode_path_segment(segment: &str) -> String {
    let mut encoded = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    // A segment of only dots would be read as "this" or "parent" directory.
    if encoded == "." || encoded == ".." {
        return encoded.replace('.', "%2E");
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::day::UtcDay;

    fn filters() -> Filters {
        Filters::defaults(UtcDay::parse("2026-01-07").unwrap())
    }

    #[test]
    fn sends_all_six_parameters_for_whole_utc_days() {
        let mut f = filters();
        f.date_start = UtcDay::parse("2026-01-01").unwrap();
        let url = request_url("https://proxy.example", "abc", &ClicksQuery::for_view(&f));
        assert_eq!(
            url,
            "https://proxy.example/api/smart-links/abc/clicks?date_start=2026-01-01T00:00:00Z&date_end=2026-01-07T23:59:59Z&limit=100&offset=0&include_bots=true&include_duplicates=true"
        );
    }

    #[test]
    fn next_page_requests_offset_100() {
        let mut f = filters();
        f.page = 2;
        assert_eq!(ClicksQuery::for_view(&f).offset, 100);
        f.page_size = 250;
        f.page = 3;
        let q = ClicksQuery::for_view(&f);
        assert_eq!((q.limit, q.offset), (250, 500));
    }

    #[test]
    fn trailing_slashes_do_not_change_the_url() {
        let q = ClicksQuery::for_view(&filters());
        assert_eq!(
            request_url("https://p.example/", "x", &q),
            request_url("https://p.example", "x", &q)
        );
        assert_eq!(
            request_url("/base//", "x", &q),
            request_url("/base", "x", &q)
        );
        assert!(request_url("/", "x", &q).starts_with("/api/smart-links/x/clicks?"));
    }

    #[test]
    fn link_id_is_one_encoded_segment() {
        assert_eq!(encode_path_segment("a/b"), "a%2Fb");
        assert_eq!(encode_path_segment("a b?c#d%"), "a%20b%3Fc%23d%25");
        assert_eq!(encode_path_segment(".."), "%2E%2E");
        assert_eq!(encode_path_segment("é"), "%C3%A9");
        assert_eq!(encode_path_segment("AZaz09-._~"), "AZaz09-._~");
    }

    #[test]
    fn filters_flip_their_parameters() {
        let mut f = filters();
        f.include_bots = false;
        let q = ClicksQuery::for_view(&f).to_query_string();
        assert!(q.contains("include_bots=false&include_duplicates=true"));
    }
}

/// Why no request can be made for the current configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocked {
    /// A key-like attribute was given: refuse to run at all.
    SecretInPage,
    /// No usable `proxy`.
    MissingProxy,
    /// No `link-id`.
    MissingLinkId,
    /// Neither.
    MissingProxyAndLinkId,
}

impl Blocked {
    /// What the person should do.
    pub fn message(self) -> &'static str {
        match self {
            Self::SecretInPage => "An API key or token was given to the widget. Keys belong in the proxy, never in a page: remove it (and rotate the key). Nothing is fetched until then.",
            Self::MissingProxy => "A proxy is needed: set `proxy` to the base URL of the proxy that adds the API key (for example https://proxy.example.com).",
            Self::MissingLinkId => "A smart link is needed: set `link-id` to the id of the smart link to show.",
            Self::MissingProxyAndLinkId => "A proxy and a smart link are needed: set `proxy` to the base URL of the proxy that adds the API key (for example https://proxy.example.com) and `link-id` to the id of the smart link to show.",
        }
    }
}

/// Everything one request needs; equal plans mean no new request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestPlan {
    /// The full request URL.
    pub url: String,
    /// Fetch credentials mode.
    pub credentials: crate::config::Credentials,
    /// Extra headers for the proxy.
    pub headers: Vec<(String, String)>,
    /// The smart link it asks for (names the CSV file).
    pub link_id: String,
    /// The view this request is for.
    pub filters: Filters,
    /// Bumped by Retry and by auto-refresh so an identical request runs again.
    pub attempt: u32,
}

/// The proxy and link id to fetch from, or why nothing may be fetched.
impl RequestPlan {
    /// Whether `other` asks for exactly the same thing (URL, credentials,
    /// headers, attempt): a view that differs only in what the request
    /// does not carry (the period's name, the comparison) needs no new one.
    pub fn same_request(&self, other: &Self) -> bool {
        self.asks_as(other) && self.attempt == other.attempt
    }

    /// Whether `other` asks for the same data (URL, credentials, headers),
    /// whatever its attempt: a retry or an automatic refresh of it.
    pub fn asks_as(&self, other: &Self) -> bool {
        (&self.url, self.credentials, &self.headers)
            == (&other.url, other.credentials, &other.headers)
    }
}

/// For a memo of plans: whether the request changed (see
/// [`RequestPlan::same_request`]); a blocked plan changes with its reason.
pub fn plan_changed(
    before: Option<&Result<RequestPlan, Blocked>>,
    after: Option<&Result<RequestPlan, Blocked>>,
) -> bool {
    match (before, after) {
        (Some(Ok(a)), Some(Ok(b))) => !a.same_request(b),
        (Some(Err(a)), Some(Err(b))) => a != b,
        _ => true,
    }
}

fn target(settings: &crate::config::Settings) -> Result<(&str, &str), Blocked> {
    if settings.refused_secret {
        return Err(Blocked::SecretInPage);
    }
    match (settings.proxy.as_deref(), settings.link_id.as_deref()) {
        (Some(proxy), Some(link_id)) => Ok((proxy, link_id)),
        (None, None) => Err(Blocked::MissingProxyAndLinkId),
        (None, _) => Err(Blocked::MissingProxy),
        (_, None) => Err(Blocked::MissingLinkId),
    }
}

/// Why the configuration allows no request at all, if it does not (the
/// same rule `plan_request` applies, without building a URL).
pub fn blocked(settings: &crate::config::Settings) -> Option<Blocked> {
    target(settings).err()
}

/// The request for a configuration and view, or why there is none.
pub fn plan_request(
    settings: &crate::config::Settings,
    filters: Filters,
    headers: Vec<(String, String)>,
    attempt: u32,
) -> Result<RequestPlan, Blocked> {
    let (proxy, link_id) = target(settings)?;
    Ok(RequestPlan {
        url: request_url(proxy, link_id, &ClicksQuery::for_view(&filters)),
        credentials: settings.credentials,
        headers,
        link_id: link_id.to_string(),
        filters,
        attempt,
    })
}

#[cfg(test)]
mod plan_tests {
    use super::*;
    use crate::config::Config;
    use crate::day::UtcDay;

    #[test]
    fn a_new_period_name_or_comparison_is_not_a_new_request() {
        let today = UtcDay::parse("2026-11-23").unwrap();
        let c = Config::from_pairs([("proxy", "https://p"), ("link-id", "demo")], today);
        let plan = |filters| Some(Ok(plan_request(&c.settings, filters, vec![], 0).unwrap()));
        let view = c.filters;
        let renamed = crate::config::Filters {
            period: crate::period::Period::Custom,
            compare: crate::compare::Compare::Year,
            ..view
        };
        assert!(!plan_changed(plan(view).as_ref(), plan(renamed).as_ref()));
        let flipped = crate::config::Filters { page: 2, ..view };
        assert!(plan_changed(plan(view).as_ref(), plan(flipped).as_ref()));
        let retried = Some(Ok(plan_request(&c.settings, view, vec![], 1).unwrap()));
        assert!(plan_changed(plan(view).as_ref(), retried.as_ref()));
        assert!(plan_changed(None, plan(view).as_ref()));
    }

    #[test]
    fn a_plan_needs_proxy_and_link_and_no_secret() {
        let today = UtcDay::parse("2026-11-23").unwrap();
        let plan = |pairs: &[(&str, &str)]| {
            let c = Config::from_pairs(pairs.iter().copied(), today);
            plan_request(&c.settings, c.filters, vec![], 0)
        };
        assert_eq!(plan(&[("link-id", "x")]), Err(Blocked::MissingProxy));
        assert_eq!(plan(&[]), Err(Blocked::MissingProxyAndLinkId));
        assert_eq!(plan(&[("proxy", "/")]), Err(Blocked::MissingLinkId));
        assert_eq!(
            plan(&[("proxy", "/"), ("link-id", "x"), ("token", "t")]),
            Err(Blocked::SecretInPage)
        );
        let ok = plan(&[("proxy", "http://p.example/"), ("link-id", "a/b")]).unwrap();
        assert!(ok.url.starts_with(
            "http://p.example/api/smart-links/a%2Fb/clicks?date_start=2026-10-25T00:00:00Z"
        ));
    }

    #[test]
    fn blocked_names_what_stops_every_request() {
        let today = UtcDay::parse("2026-11-23").unwrap();
        let blocked_by = |pairs: &[(&str, &str)]| {
            blocked(&Config::from_pairs(pairs.iter().copied(), today).settings)
        };
        assert_eq!(blocked_by(&[]), Some(Blocked::MissingProxyAndLinkId));
        assert_eq!(blocked_by(&[("link-id", "x")]), Some(Blocked::MissingProxy));
        assert_eq!(blocked_by(&[("proxy", "/")]), Some(Blocked::MissingLinkId));
        // A key wins over everything else: nothing is fetched while it is there.
        assert_eq!(
            blocked_by(&[("proxy", "/"), ("link-id", "x"), ("authorization", "k")]),
            Some(Blocked::SecretInPage)
        );
        assert_eq!(blocked_by(&[("api-key", "k")]), Some(Blocked::SecretInPage));
        assert_eq!(blocked_by(&[("proxy", "/"), ("link-id", "x")]), None);
    }
}
