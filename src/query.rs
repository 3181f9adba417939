//! The one request the widget makes (CONTRACT 1): its query and URL.

use crate::config::Filters;
use serde::Serialize;

/// The query string of `GET /api/smart-links/{id}/clicks`. All six
/// parameters are always sent, so a request describes itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
        assert_eq!(request_url("https://p.example/", "x", &q), request_url("https://p.example", "x", &q));
        assert_eq!(request_url("/base//", "x", &q), request_url("/base", "x", &q));
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
