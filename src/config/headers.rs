//! The host's extra request headers (the element's `headers` property),
//! read with serde (serde-wasm-bindgen in the browser) and checked before
//! any is sent.

use super::{is_refused_name, ConfigIssue};
use crate::lenient::Pairs;
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// A header's value as the host gave it: text, or what it was instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderValue {
    /// A string: the value to send.
    Text(String),
    /// Not a string (`a number`, `true or false`, `null`, `an object`,
    /// `a list`): never sent, said in a notice.
    NotText(&'static str),
}

/// The `headers` object: header names and values, in the order given.
pub type HeaderMap = Pairs<HeaderValue>;

impl<'de> Deserialize<'de> for HeaderValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(HeaderValueVisitor)
    }
}

struct HeaderValueVisitor;

impl<'de> Visitor<'de> for HeaderValueVisitor {
    type Value = HeaderValue;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a header value")
    }
    fn visit_str<E: de::Error>(self, value: &str) -> Result<HeaderValue, E> {
        Ok(HeaderValue::Text(value.to_string()))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<HeaderValue, E> {
        Ok(HeaderValue::NotText("true or false"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<HeaderValue, E> {
        Ok(HeaderValue::NotText("a number"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<HeaderValue, E> {
        Ok(HeaderValue::NotText("a number"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<HeaderValue, E> {
        Ok(HeaderValue::NotText("a number"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<HeaderValue, E> {
        Ok(HeaderValue::NotText("null"))
    }
    fn visit_none<E: de::Error>(self) -> Result<HeaderValue, E> {
        Ok(HeaderValue::NotText("null"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<HeaderValue, A::Error> {
        IgnoredAny.visit_seq(seq)?;
        Ok(HeaderValue::NotText("a list"))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<HeaderValue, A::Error> {
        IgnoredAny.visit_map(map)?;
        Ok(HeaderValue::NotText("an object"))
    }
}

/// Header names a page must never send the proxy, whatever their case:
/// the Fetch standard's forbidden request headers (which a browser drops
/// without a word) and `Forwarded`: credentials, routing and the
/// connection belong to the browser and the proxy.
const REFUSED_HEADERS: [&str; 22] = [
    "accept-charset",
    "accept-encoding",
    "access-control-request-headers",
    "access-control-request-method",
    "connection",
    "content-length",
    "cookie",
    "cookie2",
    "date",
    "dnt",
    "expect",
    "forwarded",
    "host",
    "keep-alive",
    "origin",
    "referer",
    "set-cookie",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "via",
];

/// Prefixes of refused header names (`Proxy-Authorization`, `Sec-Fetch-Site`,
/// `X-Forwarded-For`).
const REFUSED_HEADER_PREFIXES: [&str; 3] = ["proxy-", "sec-", "x-forwarded-"];

/// Whether a page must never send the header `name` (see [`validate_headers`]).
fn is_refused_header(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    is_refused_name(&name)
        || REFUSED_HEADERS.contains(&name.as_str())
        || REFUSED_HEADER_PREFIXES
            .iter()
            .any(|prefix| name.starts_with(prefix))
}

/// Checks the extra request headers: names must be HTTP tokens and values
/// strings of Latin-1 characters without line breaks (what `fetch` takes);
/// any other is not sent, with a visible issue naming the header. Names
/// that carry credentials or route the request are refused too: a key or
/// secret in any spelling (`Authorization`, `X-API-Key`, `Token`,
/// `Password`), the Fetch standard's forbidden headers (`Cookie`, `Host`,
/// `Origin`, `Referer`, `Proxy-*`, `Sec-*`) and `Forwarded`/`X-Forwarded-*`.
pub fn validate_headers(headers: HeaderMap) -> (Vec<(String, String)>, Vec<ConfigIssue>) {
    let mut valid = Vec::new();
    let mut issues = Vec::new();
    let mut refuse = |message: String| {
        issues.push(ConfigIssue {
            name: "headers".into(),
            message,
        })
    };
    for (name, value) in headers.0 {
        let token = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
        match value {
            _ if !token => refuse(format!(
                "The header name {name:?} is not valid and is not sent."
            )),
            _ if is_refused_header(&name) => {
                refuse(format!(
                    "The header {name} is refused and not sent: the proxy adds credentials itself, and a page must never send them."
                ))
            }
            HeaderValue::NotText(what) => refuse(format!(
                "The value of header {name} is {what}, not a string, and is not sent."
            )),
            HeaderValue::Text(value) if value.contains(['\r', '\n', '\0']) => refuse(format!(
                "The value of header {name} contains a line break and is not sent."
            )),
            HeaderValue::Text(value) if value.chars().any(|c| u32::from(c) > 0xff) => {
                refuse(format!(
                    "The value of header {name} has characters a header cannot carry (beyond Latin-1) and is not sent."
                ))
            }
            HeaderValue::Text(value) => valid.push((name, value)),
        }
    }
    (valid, issues)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(json: &str) -> HeaderMap {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn invalid_header_names_and_values_are_dropped_visibly() {
        let (valid, issues) = validate_headers(headers(
            r#"{"X-Dashboard-Session":"abc","bad name":"x","X-Split":"a\r\nInjected: 1"}"#,
        ));
        assert_eq!(
            valid,
            vec![("X-Dashboard-Session".to_string(), "abc".to_string())]
        );
        assert_eq!(issues.len(), 2);
    }

    #[test]
    fn a_value_fetch_would_refuse_is_named_not_thrown() {
        let (valid, issues) = validate_headers(headers(
            r#"{"X-User":"Łukasz","X-Name":"José","X-Emoji":"🙂"}"#,
        ));
        assert_eq!(valid, vec![("X-Name".to_string(), "José".to_string())]);
        assert_eq!(issues.len(), 2);
        assert!(issues[0].message.contains("X-User"), "{issues:?}");
    }

    #[test]
    fn a_value_that_is_not_a_string_is_named_not_dropped_silently() {
        let (valid, issues) = validate_headers(headers(
            r#"{"X-Count":5,"X-Flag":true,"X-None":null,"X-List":["a"],"X-Ok":"1"}"#,
        ));
        assert_eq!(valid, vec![("X-Ok".to_string(), "1".to_string())]);
        let messages: Vec<&str> = issues.iter().map(|i| i.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "The value of header X-Count is a number, not a string, and is not sent.",
                "The value of header X-Flag is true or false, not a string, and is not sent.",
                "The value of header X-None is null, not a string, and is not sent.",
                "The value of header X-List is a list, not a string, and is not sent.",
            ]
        );
    }

    /// Issue 15: `Authorization`, `Cookie` and `Host` were sent (or dropped
    /// silently by the browser).
    #[test]
    fn credential_and_routing_headers_are_refused_in_any_case() {
        let (valid, issues) = validate_headers(headers(
            r#"{"Authorization":"Bearer x","cookie":"s=1","HOST":"evil","X-API-Key":"k","Proxy-Authorization":"b","X-Session-Token":"ok","Origin":"o","Sec-Fetch-Site":"s","X-Forwarded-For":"f","Content-Length":"1"}"#,
        ));
        assert_eq!(
            valid,
            vec![("X-Session-Token".to_string(), "ok".to_string())]
        );
        let refused = [
            "Authorization",
            "cookie",
            "HOST",
            "X-API-Key",
            "Proxy-Authorization",
            "Origin",
            "Sec-Fetch-Site",
            "X-Forwarded-For",
            "Content-Length",
        ];
        let named: Vec<bool> = refused
            .iter()
            .zip(&issues)
            .map(|(name, issue)| issue.message.contains(&format!("header {name} is refused")))
            .collect();
        assert_eq!(named, [true; 9], "{issues:?}");
        assert_eq!(issues.len(), 9);
    }
}
