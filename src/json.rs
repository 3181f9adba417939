//! A small, strict JSON reader (RFC 8259) that borrows from its input.
//!
//! The clicks response is read with it in one pass: rows go straight into
//! the model without a generic tree or a `String` per field, which is most
//! of what parsing cost before (and most of `serde_json`'s code size). Small
//! parts (`summary`, `filters`, `_meta`, error bodies) use [`Value`].

use std::borrow::Cow;

/// How deep arrays and objects may nest before the reader gives up.
pub const MAX_DEPTH: u32 = 128;

/// Why the input is not JSON, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// Byte offset of the problem.
    pub offset: usize,
    /// What was wrong, in words.
    pub what: &'static str,
    /// True when the input ended before the JSON did.
    pub eof: bool,
}

impl Error {
    /// The problem with its 1-based line and column, e.g.
    /// `expected a value at line 1 column 1`.
    pub fn describe(&self, input: &[u8]) -> String {
        let before = &input[..self.offset.min(input.len())];
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let column = 1 + before.iter().rev().take_while(|&&b| b != b'\n').count();
        format!("{} at line {line} column {column}", self.what)
    }
}

/// The text of a JSON string as it appears between its quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Str<'a> {
    raw: &'a str,
    escaped: bool,
}

impl<'a> Str<'a> {
    /// The string's value, borrowed when it has no escapes.
    pub fn value(&self) -> Cow<'a, str> {
        if self.escaped {
            let mut out = String::with_capacity(self.raw.len());
            self.push_to(&mut out);
            Cow::Owned(out)
        } else {
            Cow::Borrowed(self.raw)
        }
    }

    /// Appends the string's value to `out`.
    pub fn push_to(&self, out: &mut String) {
        if !self.escaped {
            out.push_str(self.raw);
            return;
        }
        let mut rest = self.raw;
        while let Some(at) = rest.find('\\') {
            out.push_str(&rest[..at]);
            let bytes = rest.as_bytes();
            let (decoded, used) = match bytes[at + 1] {
                b'u' => decode_unicode_escape(&rest[at..]),
                other => (escape_char(other), 2),
            };
            out.push(decoded);
            rest = &rest[at + used..];
        }
        out.push_str(rest);
    }
}

fn escape_char(letter: u8) -> char {
    match letter {
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        other => other as char,
    }
}

/// Decodes `\uXXXX` (and a following low surrogate), returning the char and
/// the bytes used. A lone surrogate becomes U+FFFD. The reader has already
/// checked that four hex digits follow every `\u`.
fn decode_unicode_escape(text: &str) -> (char, usize) {
    let hex = |at: usize| {
        text.get(at..at + 4)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
    };
    let Some(first) = hex(2) else {
        return ('\u{fffd}', 2);
    };
    if (0xD800..0xDC00).contains(&first) && text.get(6..8) == Some("\\u") {
        if let Some(second) = hex(8).filter(|s| (0xDC00..0xE000).contains(s)) {
            let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
            return (char::from_u32(code).unwrap_or('\u{fffd}'), 12);
        }
    }
    (char::from_u32(first).unwrap_or('\u{fffd}'), 6)
}

/// A JSON value, borrowing its strings and numbers from the input.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as its text.
    Number(&'a str),
    /// A string.
    String(Str<'a>),
    /// An array.
    Array(Vec<Value<'a>>),
    /// An object's members in order (a repeated key keeps every copy;
    /// [`Value::get`] finds the last, as `JSON.parse` does).
    Object(Vec<(Str<'a>, Value<'a>)>),
}

impl<'a> Value<'a> {
    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        match self {
            Self::Object(members) => members
                .iter()
                .rev()
                .find(|(name, _)| name.value() == key)
                .map(|(_, value)| value),
            _ => None,
        }
    }

    /// The value of a string.
    pub fn as_str(&self) -> Option<Cow<'a, str>> {
        match self {
            Self::String(text) => Some(text.value()),
            _ => None,
        }
    }

    /// A boolean.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Self::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// A whole number without fraction or exponent that fits `u64`.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Self::Number(text) => text.parse().ok(),
            _ => None,
        }
    }

    /// A whole number without fraction or exponent that fits `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Self::Number(text) => text.parse().ok(),
            _ => None,
        }
    }

    /// True for an object.
    pub fn is_object(&self) -> bool {
        matches!(self, Self::Object(_))
    }
}

/// The first byte of the next value, telling its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `{`
    Object,
    /// `[`
    Array,
    /// `"`
    String,
    /// `-` or a digit.
    Number,
    /// `t` or `f`.
    Bool,
    /// `n`.
    Null,
}

/// Bytes that end the fast scan of a string: a quote, a backslash or a
/// control character.
const STRING_STOP: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = true;
        byte += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

/// A pull reader over one JSON text.
pub struct Reader<'a> {
    text: &'a str,
    pos: usize,
    depth: u32,
    /// Set by `begin_*`: the container just opened has no item yet.
    fresh: bool,
}

type Result<T> = std::result::Result<T, Error>;

impl<'a> Reader<'a> {
    /// A reader over `input`, which must be UTF-8.
    pub fn new(input: &'a [u8]) -> Result<Self> {
        match std::str::from_utf8(input) {
            Ok(text) => Ok(Self {
                text,
                pos: 0,
                depth: 0,
                fresh: false,
            }),
            Err(error) => Err(Error {
                offset: error.valid_up_to(),
                what: "the body is not UTF-8 text",
                eof: false,
            }),
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn error(&self, what: &'static str) -> Error {
        Error {
            offset: self.pos,
            what,
            eof: self.pos >= self.text.len(),
        }
    }

    fn skip_whitespace(&mut self) {
        let bytes = self.bytes();
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    /// The kind of the next value (after whitespace), or an error when
    /// none can start here.
    pub fn peek(&mut self) -> Result<Kind> {
        self.skip_whitespace();
        match self.bytes().get(self.pos) {
            Some(b'{') => Ok(Kind::Object),
            Some(b'[') => Ok(Kind::Array),
            Some(b'"') => Ok(Kind::String),
            Some(b'-' | b'0'..=b'9') => Ok(Kind::Number),
            Some(b't' | b'f') => Ok(Kind::Bool),
            Some(b'n') => Ok(Kind::Null),
            _ => Err(self.error("expected a value")),
        }
    }

    fn expect_byte(&mut self, byte: u8, what: &'static str) -> Result<()> {
        self.skip_whitespace();
        if self.bytes().get(self.pos) == Some(&byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(what))
        }
    }

    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        self.fresh = true;
        if self.depth > MAX_DEPTH {
            return Err(self.error("the JSON nests too deeply"));
        }
        Ok(())
    }

    /// Consumes the `{` of an object.
    pub fn begin_object(&mut self) -> Result<()> {
        self.expect_byte(b'{', "expected an object")?;
        self.enter()
    }

    /// The next key of the object being read (its `:` consumed), or `None`
    /// at its `}`.
    pub fn next_key(&mut self) -> Result<Option<Str<'a>>> {
        self.skip_whitespace();
        let first = std::mem::replace(&mut self.fresh, false);
        match self.bytes().get(self.pos) {
            Some(b'}') => {
                self.pos += 1;
                self.depth -= 1;
                return Ok(None);
            }
            Some(b',') if !first => {
                self.pos += 1;
                self.skip_whitespace();
            }
            _ if first => {}
            _ => return Err(self.error("expected `,` or `}`")),
        }
        if self.bytes().get(self.pos) != Some(&b'"') {
            return Err(self.error("expected a string key"));
        }
        let key = self.string()?;
        self.expect_byte(b':', "expected `:`")?;
        Ok(Some(key))
    }

    /// Consumes the `[` of an array.
    pub fn begin_array(&mut self) -> Result<()> {
        self.expect_byte(b'[', "expected an array")?;
        self.enter()
    }

    /// True when another item follows in the array being read; false at
    /// its `]`.
    pub fn next_item(&mut self) -> Result<bool> {
        self.skip_whitespace();
        let first = std::mem::replace(&mut self.fresh, false);
        match self.bytes().get(self.pos) {
            Some(b']') => {
                self.pos += 1;
                self.depth -= 1;
                Ok(false)
            }
            Some(b',') if !first => {
                self.pos += 1;
                Ok(true)
            }
            _ if first => Ok(true),
            _ => Err(self.error("expected `,` or `]`")),
        }
    }

    /// Reads a string (the reader must be at its opening quote).
    pub fn string(&mut self) -> Result<Str<'a>> {
        self.skip_whitespace();
        let bytes = self.bytes();
        if bytes.get(self.pos) != Some(&b'"') {
            return Err(self.error("expected a string"));
        }
        let start = self.pos + 1;
        let mut at = start;
        let mut escaped = false;
        loop {
            while at < bytes.len() && !STRING_STOP[bytes[at] as usize] {
                at += 1;
            }
            match bytes.get(at) {
                Some(b'"') => break,
                Some(b'\\') => {
                    escaped = true;
                    at += self.escape_length(at)?;
                }
                Some(_) => {
                    self.pos = at;
                    return Err(self.error("control character in a string"));
                }
                None => {
                    self.pos = at;
                    return Err(self.error("the string does not end"));
                }
            }
        }
        self.pos = at + 1;
        Ok(Str {
            raw: &self.text[start..at],
            escaped,
        })
    }

    /// The length of the escape at `at` (a backslash), checked.
    fn escape_length(&mut self, at: usize) -> Result<usize> {
        let bytes = self.bytes();
        let length = match bytes.get(at + 1) {
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => 2,
            Some(b'u') => {
                let hex = &bytes[(at + 2).min(bytes.len())..(at + 6).min(bytes.len())];
                match (hex.iter().all(u8::is_ascii_hexdigit), hex.len()) {
                    (false, _) => 0,
                    (true, 4) => 6,
                    (true, _) => usize::MAX,
                }
            }
            Some(_) => 0,
            None => usize::MAX,
        };
        match length {
            0 => {
                self.pos = at;
                Err(self.error("invalid escape in a string"))
            }
            usize::MAX => {
                self.pos = bytes.len();
                Err(self.error("the string does not end"))
            }
            n => Ok(n),
        }
    }

    /// Reads a number, checked against JSON's grammar, as its text.
    pub fn number(&mut self) -> Result<&'a str> {
        self.skip_whitespace();
        let bytes = self.bytes();
        let start = self.pos;
        let mut at = start;
        let digits = |at: &mut usize| {
            let from = *at;
            while bytes.get(*at).is_some_and(u8::is_ascii_digit) {
                *at += 1;
            }
            *at - from
        };
        if bytes.get(at) == Some(&b'-') {
            at += 1;
        }
        let whole = digits(&mut at);
        let leading_zero = whole > 1 && bytes[at - whole] == b'0';
        let mut valid = whole > 0 && !leading_zero;
        if valid && bytes.get(at) == Some(&b'.') {
            at += 1;
            valid = digits(&mut at) > 0;
        }
        if valid && matches!(bytes.get(at), Some(b'e' | b'E')) {
            at += 1;
            if matches!(bytes.get(at), Some(b'+' | b'-')) {
                at += 1;
            }
            valid = digits(&mut at) > 0;
        }
        if !valid {
            self.pos = at;
            return Err(self.error("invalid number"));
        }
        self.pos = at;
        Ok(&self.text[start..at])
    }

    fn literal(&mut self, word: &'static str) -> Result<()> {
        if self.text[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(())
        } else {
            let matched = self.text[self.pos..]
                .bytes()
                .zip(word.bytes())
                .take_while(|(a, b)| a == b)
                .count();
            self.pos += matched;
            Err(self.error("expected a value"))
        }
    }

    /// Reads `true` or `false`.
    pub fn boolean(&mut self) -> Result<bool> {
        match self.peek()? {
            Kind::Bool if self.bytes()[self.pos] == b't' => self.literal("true").map(|()| true),
            Kind::Bool => self.literal("false").map(|()| false),
            _ => Err(self.error("expected `true` or `false`")),
        }
    }

    /// Reads `null`.
    pub fn null(&mut self) -> Result<()> {
        self.peek()?;
        self.literal("null")
    }

    /// Reads any value into a [`Value`].
    pub fn value(&mut self) -> Result<Value<'a>> {
        Ok(match self.peek()? {
            Kind::Null => self.null().map(|()| Value::Null)?,
            Kind::Bool => Value::Bool(self.boolean()?),
            Kind::Number => Value::Number(self.number()?),
            Kind::String => Value::String(self.string()?),
            Kind::Array => {
                self.begin_array()?;
                let mut items = Vec::new();
                while self.next_item()? {
                    items.push(self.value()?);
                }
                Value::Array(items)
            }
            Kind::Object => {
                self.begin_object()?;
                let mut members = Vec::new();
                while let Some(key) = self.next_key()? {
                    members.push((key, self.value()?));
                }
                Value::Object(members)
            }
        })
    }

    /// Skips any value, returning its text exactly as it appears.
    pub fn skip(&mut self) -> Result<&'a str> {
        self.skip_whitespace();
        let start = self.pos;
        match self.peek()? {
            Kind::Null => self.null()?,
            Kind::Bool => {
                self.boolean()?;
            }
            Kind::Number => {
                self.number()?;
            }
            Kind::String => {
                self.string()?;
            }
            Kind::Array => {
                self.begin_array()?;
                while self.next_item()? {
                    self.skip()?;
                }
            }
            Kind::Object => {
                self.begin_object()?;
                while self.next_key()?.is_some() {
                    self.skip()?;
                }
            }
        }
        Ok(&self.text[start..self.pos])
    }

    /// Checks that nothing but whitespace follows the value read.
    pub fn finish(&mut self) -> Result<()> {
        self.skip_whitespace();
        if self.pos < self.text.len() {
            return Err(Error {
                offset: self.pos,
                what: "unexpected text after the JSON value",
                eof: false,
            });
        }
        Ok(())
    }
}

/// Reads a whole text as one value.
pub fn parse(input: &[u8]) -> Result<Value<'_>> {
    let mut reader = Reader::new(input)?;
    let value = reader.value()?;
    reader.finish()?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: &Value) -> String {
        value.as_str().unwrap().into_owned()
    }

    #[test]
    fn reads_every_kind_of_value() {
        let value = parse(br#" {"a": [1, -2.5e+3, true, false, null], "b": {"c": "d"}} "#).unwrap();
        let Value::Array(items) = value.get("a").unwrap() else {
            panic!("a is an array")
        };
        assert_eq!(items[0].as_u64(), Some(1));
        assert_eq!(items[1], Value::Number("-2.5e+3"));
        assert_eq!(items[1].as_i64(), None, "a fraction is not a whole number");
        assert_eq!(items[2].as_bool(), Some(true));
        assert_eq!(items[4], Value::Null);
        assert_eq!(text(value.get("b").unwrap().get("c").unwrap()), "d");
    }

    #[test]
    fn unescapes_strings_including_surrogate_pairs() {
        let value = parse(br#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00\ud800x""#).unwrap();
        assert_eq!(text(&value), "a\"b\\c/d\n\té😀\u{fffd}x");
        assert_eq!(text(&parse("\"naïve ✓\"".as_bytes()).unwrap()), "naïve ✓");
    }

    #[test]
    fn the_last_copy_of_a_repeated_key_wins() {
        let value = parse(br#"{"a":1,"a":2}"#).unwrap();
        assert_eq!(value.get("a").unwrap().as_u64(), Some(2));
    }

    #[test]
    fn rejects_what_json_does_not_allow() {
        for bad in [
            &b""[..],
            b"{",
            b"[1,]",
            b"{\"a\":1,}",
            b"{a:1}",
            b"01",
            b"1.",
            b"-",
            b"1e",
            b".5",
            b"tru",
            b"nul",
            b"\"\\x\"",
            b"\"\\u12\"",
            b"\"a\x01\"",
            b"\"open",
            b"[1 2]",
            b"{\"a\" 1}",
            b"1 2",
            b"\xff",
            b"NaN",
            b"'a'",
        ] {
            assert!(
                parse(bad).is_err(),
                "{:?} was accepted",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn errors_say_where_and_whether_the_input_ended() {
        let error = parse(b"{\n  \"a\": 1\n  \"b\": 2}").unwrap_err();
        assert_eq!(
            error.describe(b"{\n  \"a\": 1\n  \"b\": 2}"),
            "expected `,` or `}` at line 3 column 3"
        );
        assert!(!error.eof);
        assert!(parse(br#"{"a": [1, 2"#).unwrap_err().eof);
        assert!(parse(br#"{"a": "text"#).unwrap_err().eof);
        assert!(!parse(b"<html>").unwrap_err().eof);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = "[".repeat(100_000);
        assert_eq!(
            parse(deep.as_bytes()).unwrap_err().what,
            "the JSON nests too deeply"
        );
        let fine = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(parse(fine.as_bytes()).is_ok());
    }

    #[test]
    fn skip_returns_the_exact_text() {
        let mut reader = Reader::new(br#"[ {"a": [1, {"b": null}]} , 2]"#).unwrap();
        reader.begin_array().unwrap();
        assert!(reader.next_item().unwrap());
        assert_eq!(reader.skip().unwrap(), r#"{"a": [1, {"b": null}]}"#);
        assert!(reader.next_item().unwrap());
        assert_eq!(reader.skip().unwrap(), "2");
        assert!(!reader.next_item().unwrap());
        reader.finish().unwrap();
    }
}
