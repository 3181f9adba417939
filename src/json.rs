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

    /// True when the string's value is exactly `text` (a string with
    /// escapes is compared after unescaping).
    #[inline(always)]
    pub fn is(&self, text: &str) -> bool {
        if self.escaped {
            self.value() == text
        } else {
            self.raw == text
        }
    }

    /// Appends the string's value to `out`.
    #[inline(always)]
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

/// Bytes that end the fast scan of a string: a quote, a backslash, a
/// control character, or the first byte of a non-ASCII character (checked
/// as UTF-8 there, so the body is never validated as a whole).
const STRING_STOP: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = byte < 0x20 || byte >= 0x80;
        byte += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

/// True when one of the eight bytes of `word` is in [`STRING_STOP`]: a
/// quote, a backslash, a byte below 0x20 or one from 0x80 (the classic
/// "has zero byte" and "has byte less than" bit tricks, exact as a yes/no).
#[inline(always)]
fn word_has_string_stop(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let quote = has_zero(word ^ (ONES * u64::from(b'"')));
    let backslash = has_zero(word ^ (ONES * u64::from(b'\\')));
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    (quote | backslash | control | (word & HIGH)) != 0
}

/// A pull reader over one JSON text.
///
/// UTF-8 is checked where it can occur: outside strings only ASCII is
/// valid JSON, and inside strings each non-ASCII character is checked as it
/// is passed. So every byte the reader has passed is valid UTF-8, which is
/// what makes [`Reader::passed_text`] sound.
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    depth: u32,
    /// Set by `begin_*`: the container just opened has no item yet.
    fresh: bool,
}

type Result<T> = std::result::Result<T, Error>;

impl<'a> Reader<'a> {
    /// A reader over `input` (JSON text must be UTF-8; that is checked as
    /// it is read).
    pub fn new(input: &'a [u8]) -> Result<Self> {
        Ok(Self {
            bytes: input,
            pos: 0,
            depth: 0,
            fresh: false,
        })
    }

    #[inline(always)]
    fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// Text the reader has already passed, from `start` to `end`.
    fn passed_text(&self, start: usize, end: usize) -> &'a str {
        debug_assert!(end <= self.pos && std::str::from_utf8(&self.bytes[start..end]).is_ok());
        // SAFETY: `start..end` lies in what the reader has passed, which is
        // ASCII outside strings and checked UTF-8 inside them (see the type's
        // docs); both ends are at ASCII bytes or the ends of the input, so
        // they are character boundaries.
        unsafe { std::str::from_utf8_unchecked(&self.bytes[start..end]) }
    }

    fn error(&self, what: &'static str) -> Error {
        Error {
            offset: self.pos,
            what,
            eof: self.pos >= self.bytes.len(),
        }
    }

    #[inline(always)]
    fn skip_whitespace(&mut self) {
        let bytes = self.bytes();
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    /// The kind of the next value (after whitespace), or an error when
    /// none can start here.
    #[inline(always)]
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

    #[inline(always)]
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
        self.next_key_inline()
    }

    /// [`Reader::next_key`], inlined where rows are read.
    #[inline(always)]
    pub fn next_key_inline(&mut self) -> Result<Option<Str<'a>>> {
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
        let key = self.string_inline()?;
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
        self.string_inline()
    }

    /// [`Reader::string`], inlined where keys and row values are read.
    #[inline(always)]
    fn string_inline(&mut self) -> Result<Str<'a>> {
        self.skip_whitespace();
        let bytes = self.bytes();
        if bytes.get(self.pos) != Some(&b'"') {
            return Err(self.error("expected a string"));
        }
        let start = self.pos + 1;
        let mut at = start;
        let mut escaped = false;
        loop {
            // Eight bytes at a time while none of them stops the scan.
            while let Some(word) = bytes.get(at..at + 8) {
                let word = u64::from_le_bytes([
                    word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7],
                ]);
                if word_has_string_stop(word) {
                    break;
                }
                at += 8;
            }
            while at < bytes.len() && !STRING_STOP[bytes[at] as usize] {
                at += 1;
            }
            match bytes.get(at) {
                Some(b'"') => break,
                Some(b'\\') => {
                    escaped = true;
                    at += self.escape_length(at)?;
                }
                Some(&byte) if byte >= 0x80 => at += self.character_length(at)?,
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
            raw: self.passed_text(start, at),
            escaped,
        })
    }

    /// The length of the non-ASCII character at `at`, checked as UTF-8.
    fn character_length(&mut self, at: usize) -> Result<usize> {
        let bytes = self.bytes();
        let length = match bytes[at] {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => 0,
        };
        match bytes.get(at..at + length) {
            Some(sequence) if length > 0 && std::str::from_utf8(sequence).is_ok() => Ok(length),
            // A sequence cut by the end of the body is a truncated body.
            None if std::str::from_utf8(&bytes[at..]).is_err_and(|e| e.error_len().is_none()) => {
                self.pos = bytes.len();
                Err(self.error("the string does not end"))
            }
            _ => {
                self.pos = at;
                Err(Error {
                    offset: at,
                    what: "the body is not UTF-8 text",
                    eof: false,
                })
            }
        }
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
        Ok(self.passed_text(start, at))
    }

    #[inline(always)]
    fn literal(&mut self, word: &'static str) -> Result<()> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(())
        } else {
            let matched = self.bytes[self.pos..]
                .iter()
                .zip(word.bytes())
                .take_while(|(a, b)| **a == *b)
                .count();
            self.pos += matched;
            Err(self.error("expected a value"))
        }
    }

    /// Reads a field value that is expected to be a string, appending its
    /// value to `out`; any other kind is left unread and returned.
    #[inline(always)]
    pub fn string_into(&mut self, out: &mut String) -> Result<Option<Kind>> {
        match self.peek()? {
            Kind::String => {
                self.string_inline()?.push_to(out);
                Ok(None)
            }
            other => Ok(Some(other)),
        }
    }

    /// Reads `true` or `false`.
    #[inline(always)]
    pub fn boolean(&mut self) -> Result<bool> {
        match self.peek()? {
            Kind::Bool if self.bytes()[self.pos] == b't' => self.literal("true").map(|()| true),
            Kind::Bool => self.literal("false").map(|()| false),
            _ => Err(self.error("expected `true` or `false`")),
        }
    }

    /// Reads `null`.
    #[inline(always)]
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
        Ok(self.passed_text(start, self.pos))
    }

    /// How far the reader is into the input, in bytes.
    pub fn offset(&self) -> usize {
        self.pos
    }

    /// How many bytes of input are left.
    pub fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }

    /// Checks that nothing but whitespace follows the value read.
    pub fn finish(&mut self) -> Result<()> {
        self.skip_whitespace();
        if self.pos < self.bytes.len() {
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
    fn utf8_is_checked_inside_strings_and_cut_characters_read_as_truncation() {
        assert_eq!(
            text(&parse("\"naïve ✓ 😀\"".as_bytes()).unwrap()),
            "naïve ✓ 😀"
        );
        let bad = parse(b"[\"ok\", \"bad \xc3\x28\"]").unwrap_err();
        assert_eq!(
            (bad.what, bad.offset, bad.eof),
            ("the body is not UTF-8 text", 12, false)
        );
        assert!(
            parse(b"[\"\xed\xa0\x80\"]").is_err(),
            "an encoded surrogate is not UTF-8"
        );
        assert!(parse(b"\xff").is_err(), "non-ASCII outside a string");
        let cut = parse("[\"é".as_bytes().split_last().unwrap().1).unwrap_err();
        assert!(cut.eof, "a character cut by the end of the body: {cut:?}");
    }

    #[test]
    fn the_word_scan_stops_exactly_where_the_byte_scan_does() {
        for byte in 0..=255u8 {
            for at in 0..8 {
                let mut word = *b"abcdefgh";
                word[at] = byte;
                assert_eq!(
                    word_has_string_stop(u64::from_le_bytes(word)),
                    STRING_STOP[byte as usize],
                    "byte {byte:#04x} at {at}"
                );
            }
        }
        let long = format!("\"{}\\n{}\"", "x".repeat(37), "é".repeat(9));
        assert_eq!(
            text(&parse(long.as_bytes()).unwrap()),
            format!("{}\n{}", "x".repeat(37), "é".repeat(9))
        );
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
