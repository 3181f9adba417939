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
/// credentials and routing belong to the proxy.
const REFUSED_HEADERS: [&str; 4] = ["cookie", "host", "proxy-authorization", "set-cookie"];

/// Checks the extra request headers: names must be HTTP tokens and values
/// strings of Latin-1 characters without line breaks (what `fetch` takes);
/// any other is not sent, with a visible issue naming the header. Names
/// that carry credentials or route the request (`Authorization`, a key in
/// any spelling such as `X-API-Key`, `Cookie`, `Host`) are refused too.
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
            _ if is_refused_name(&name)
                || REFUSED_HEADERS.contains(&name.to_ascii_lowercase().as_str()) =>
            {
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
            r#"{"Authorization":"Bearer x","cookie":"s=1","HOST":"evil","X-API-Key":"k","Proxy-Authorization":"b","X-Session-Token":"ok"}"#,
        ));
        assert_eq!(
            valid,
            vec![("X-Session-Token".to_string(), "ok".to_string())]
        );
        let named: Vec<bool> = [
            "Authorization",
            "cookie",
            "HOST",
            "X-API-Key",
            "Proxy-Authorization",
        ]
        .iter()
        .zip(&issues)
        .map(|(name, issue)| issue.message.contains(&format!("header {name} is refused")))
        .collect();
        assert_eq!(named, [true; 5], "{issues:?}");
        assert_eq!(issues.len(), 5);
    }
}
