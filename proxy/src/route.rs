//! Which request paths the proxy answers, parsed from the raw (still
//! percent-encoded) path so that no decoding step can smuggle a path change.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but RFC 3986 unreserved characters is encoded in a path segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// A request for one smart link's clicks, in either accepted path form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClicksPath {
    /// The account segment of `/api/{account}/smart-links/{id}/clicks`, if used.
    pub account: Option<String>,
    /// The smart link id, percent-decoded.
    pub link_id: String,
}

/// Why a path is not a clicks request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathRejection {
    /// Not one of the two clicks paths at all: 404.
    NotFound,
    /// The right shape, but a segment that could escape its place upstream
    /// (`.`, `..`, an encoded `/` or `\`, control characters, bad UTF-8): 400.
    UnsafeSegment(&'static str),
}

impl ClicksPath {
    /// Parses `/api/smart-links/{id}/clicks` or
    /// `/api/{account}/smart-links/{id}/clicks` from a raw request path.
    pub fn parse(raw_path: &str) -> Result<Self, PathRejection> {
        let segments: Vec<&str> = raw_path.split('/').collect();
        let (account, id) = match segments.as_slice() {
            ["", "api", "smart-links", id, "clicks"] => (None, *id),
            ["", "api", account, "smart-links", id, "clicks"] => (Some(*account), *id),
            _ => return Err(PathRejection::NotFound),
        };
        let account = account.map(decode_segment).transpose()?;
        let link_id = decode_segment(id)?;
        Ok(Self { account, link_id })
    }

    /// The upstream path for this request, every segment percent-encoded again.
    pub fn upstream_path(&self) -> String {
        let id = utf8_percent_encode(&self.link_id, SEGMENT);
        match &self.account {
            Some(account) => format!(
                "/api/{}/smart-links/{id}/clicks",
                utf8_percent_encode(account, SEGMENT)
            ),
            None => format!("/api/smart-links/{id}/clicks"),
        }
    }
}

fn decode_segment(raw: &str) -> Result<String, PathRejection> {
    if raw.is_empty() {
        return Err(PathRejection::NotFound);
    }
    let decoded = percent_decode_str(raw)
        .decode_utf8()
        .map_err(|_| PathRejection::UnsafeSegment("path segment is not valid UTF-8"))?;
    if decoded == "." || decoded == ".." {
        return Err(PathRejection::UnsafeSegment("dot segments are not allowed"));
    }
    if decoded.contains(['/', '\\']) {
        return Err(PathRejection::UnsafeSegment(
            "encoded slashes are not allowed in a path segment",
        ));
    }
    if decoded.chars().any(char::is_control) {
        return Err(PathRejection::UnsafeSegment(
            "control characters are not allowed in a path segment",
        ));
    }
    Ok(decoded.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_path_parses_and_round_trips() {
        let path = ClicksPath::parse("/api/smart-links/abc123/clicks").unwrap();
        assert_eq!(path.link_id, "abc123");
        assert_eq!(path.account, None);
        assert_eq!(path.upstream_path(), "/api/smart-links/abc123/clicks");
    }

    #[test]
    fn account_scoped_path_parses() {
        let path = ClicksPath::parse("/api/acct_1/smart-links/x%20y/clicks").unwrap();
        assert_eq!(path.account.as_deref(), Some("acct_1"));
        assert_eq!(path.link_id, "x y");
        assert_eq!(path.upstream_path(), "/api/acct_1/smart-links/x%20y/clicks");
    }

    #[test]
    fn traversal_and_encoded_slashes_are_refused() {
        for raw in [
            "/api/smart-links/../clicks",
            "/api/smart-links/%2e%2e/clicks",
            "/api/smart-links/./clicks",
            "/api/smart-links/a%2Fb/clicks",
            "/api/smart-links/a%5Cb/clicks",
            "/api/smart-links/a%00b/clicks",
            "/api/smart-links/%ff/clicks",
        ] {
            assert!(
                matches!(ClicksPath::parse(raw), Err(PathRejection::UnsafeSegment(_))),
                "{raw} should be refused"
            );
        }
    }

    #[test]
    fn other_paths_are_not_found() {
        for raw in [
            "/",
            "/api/smart-links",
            "/api/smart-links//clicks",
            "/api//smart-links/x/clicks",
            "//api/smart-links/x/clicks",
            "/api/smart-links/x/clicks/",
            "/api/smart-links/x/postbacks",
            "/api/a/b/smart-links/x/clicks",
        ] {
            assert_eq!(
                ClicksPath::parse(raw),
                Err(PathRejection::NotFound),
                "{raw}"
            );
        }
    }
}
