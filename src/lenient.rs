//! Tolerant serde building blocks for outside input: a value read when it
//! has the expected shape and kept as what it was otherwise
//! ([`Lenient`]), and objects read as their (key, value) pairs in order
//! ([`Pairs`]). Both read straight from the deserializer (serde_json for
//! response bodies, serde-wasm-bindgen for JavaScript values): nothing is
//! buffered, and a value of the wrong shape never fails the whole input.

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// What stood where a value of another shape was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loose {
    /// `null`.
    Null,
    /// A string's value, or a number's or boolean's JSON text.
    Text(String),
    /// A list.
    List,
    /// An object.
    Object,
}

impl Loose {
    /// How it is shown in a message: the text, `null`, `[list]` or `{object}`.
    pub fn describe(&self) -> String {
        match self {
            Self::Null => "null".into(),
            Self::Text(text) => text.clone(),
            Self::List => "[list]".into(),
            Self::Object => "{object}".into(),
        }
    }
}

/// A value read as `T` when it has `T`'s shape ([`Shape`]), otherwise kept
/// as what it was (for a visible warning). Default: [`Lenient::Missing`],
/// for a key that is absent.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Lenient<T> {
    /// The key was absent.
    #[default]
    Missing,
    /// A value of the expected shape.
    Read(T),
    /// A value of another shape (`null` included).
    Other(Loose),
}

impl<T> Lenient<T> {
    /// The value, if it had the expected shape.
    pub fn read(self) -> Option<T> {
        match self {
            Self::Read(value) => Some(value),
            Self::Missing | Self::Other(_) => None,
        }
    }
}

/// A scalar as the deserializer gave it.
#[derive(Debug, Clone, Copy)]
pub enum Scalar<'a> {
    /// A boolean.
    Bool(bool),
    /// A negative integer (or any that fits `i64`).
    I64(i64),
    /// A non-negative integer.
    U64(u64),
    /// A number with a fraction or exponent.
    F64(f64),
    /// A string.
    Str(&'a str),
}

impl Scalar<'_> {
    /// A string's value, or a number's or boolean's JSON text.
    pub fn text(self) -> String {
        match self {
            Self::Bool(value) => value.to_string(),
            Self::I64(value) => value.to_string(),
            Self::U64(value) => value.to_string(),
            Self::F64(value) => float_text(value),
            Self::Str(value) => value.to_string(),
        }
    }
}

/// A float's JSON text, as serde_json writes it (`1.5`, `1e+21`, `1.5e-7`).
pub fn float_text(value: f64) -> String {
    serde_json::Number::from_f64(value).map_or_else(|| "NaN".into(), |n| n.to_string())
}

/// A type [`Lenient`] can read: from a scalar, an object or a list. Each
/// says which it accepts; the others are consumed and kept as [`Loose`].
pub trait Shape: Sized {
    /// The value from a scalar, if this shape is one.
    fn from_scalar(_scalar: Scalar<'_>) -> Option<Self> {
        None
    }
    /// The value from an object, if this shape is one (otherwise the
    /// object is skipped).
    fn from_map<'de, A: MapAccess<'de>>(map: A) -> Result<Option<Self>, A::Error> {
        IgnoredAny.visit_map(map)?;
        Ok(None)
    }
    /// The value from a list, if this shape is one (otherwise the list is
    /// skipped).
    fn from_seq<'de, A: SeqAccess<'de>>(seq: A) -> Result<Option<Self>, A::Error> {
        IgnoredAny.visit_seq(seq)?;
        Ok(None)
    }
}

impl Shape for u64 {
    fn from_scalar(scalar: Scalar<'_>) -> Option<Self> {
        match scalar {
            Scalar::U64(value) => Some(value),
            // serde-wasm-bindgen gives JavaScript's safe integers as i64.
            Scalar::I64(value) => u64::try_from(value).ok(),
            _ => None,
        }
    }
}

impl Shape for i64 {
    fn from_scalar(scalar: Scalar<'_>) -> Option<Self> {
        match scalar {
            Scalar::I64(value) => Some(value),
            Scalar::U64(value) => i64::try_from(value).ok(),
            _ => None,
        }
    }
}

impl Shape for bool {
    fn from_scalar(scalar: Scalar<'_>) -> Option<Self> {
        match scalar {
            Scalar::Bool(value) => Some(value),
            _ => None,
        }
    }
}

impl Shape for String {
    fn from_scalar(scalar: Scalar<'_>) -> Option<Self> {
        match scalar {
            Scalar::Str(value) => Some(value.to_string()),
            _ => None,
        }
    }
}

/// A list of lenient values: each element is read on its own.
impl<T: Shape> Shape for Vec<Lenient<T>> {
    fn from_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<Option<Self>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Lenient<T>>()? {
            items.push(item);
        }
        Ok(Some(items))
    }
}

/// Implements [`Shape`] for `#[derive(Deserialize)]` structs whose fields
/// are all [`Lenient`] (so reading one never fails): read from objects.
macro_rules! object_shape {
    ($($wire:ty),* $(,)?) => { $(
        impl $crate::lenient::Shape for $wire {
            fn from_map<'de, A: serde::de::MapAccess<'de>>(map: A) -> Result<Option<Self>, A::Error> {
                serde::Deserialize::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(Some)
            }
        }
    )* };
}
pub(crate) use object_shape;

impl<'de, T: Shape> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LenientVisitor(PhantomData))
    }
}

struct LenientVisitor<T>(PhantomData<T>);

impl<T: Shape> LenientVisitor<T> {
    fn scalar(scalar: Scalar<'_>) -> Lenient<T> {
        match T::from_scalar(scalar) {
            Some(value) => Lenient::Read(value),
            None => Lenient::Other(Loose::Text(scalar.text())),
        }
    }
}

impl<'de, T: Shape> Visitor<'de> for LenientVisitor<T> {
    type Value = Lenient<T>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Lenient::Other(Loose::Null))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Lenient::Other(Loose::Null))
    }
    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        Ok(Self::scalar(Scalar::Bool(value)))
    }
    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok(Self::scalar(Scalar::I64(value)))
    }
    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok(Self::scalar(Scalar::U64(value)))
    }
    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        Ok(Self::scalar(Scalar::F64(value)))
    }
    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok(Self::scalar(Scalar::Str(value)))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Ok(T::from_map(map)?.map_or(Lenient::Other(Loose::Object), Lenient::Read))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Ok(T::from_seq(seq)?.map_or(Lenient::Other(Loose::List), Lenient::Read))
    }
}

/// An object read as its (key, value) pairs, in the order given (a later
/// repeat of a key is kept too). Anything but an object reads as no pairs.
#[derive(Debug, Clone, PartialEq)]
pub struct Pairs<V>(pub Vec<(String, V)>);

impl<V> Default for Pairs<V> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Pairs<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(PairsVisitor(PhantomData))
    }
}

impl<V: for<'de> Deserialize<'de>> Shape for Pairs<V> {
    fn from_map<'de, A: MapAccess<'de>>(map: A) -> Result<Option<Self>, A::Error> {
        PairsVisitor(PhantomData).visit_map(map).map(Some)
    }
}

struct PairsVisitor<V>(PhantomData<V>);

impl<'de, V: Deserialize<'de>> Visitor<'de> for PairsVisitor<V> {
    type Value = Pairs<V>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pairs<V>, A::Error> {
        let mut pairs = Vec::new();
        while let Some(pair) = map.next_entry::<String, V>()? {
            pairs.push(pair);
        }
        Ok(Pairs(pairs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Default, Debug, PartialEq)]
    #[serde(default)]
    struct Wire {
        count: Lenient<u64>,
        name: Lenient<String>,
    }
    object_shape!(Wire);

    #[test]
    fn a_value_of_another_shape_is_kept_not_fatal() {
        let read: Vec<Lenient<Wire>> = serde_json::from_str(
            r#"[{"count":3,"name":"a"},{"count":"x","name":null,"extra":[1]},7,[1],null]"#,
        )
        .unwrap();
        assert_eq!(
            read[0],
            Lenient::Read(Wire {
                count: Lenient::Read(3),
                name: Lenient::Read("a".into())
            })
        );
        assert_eq!(
            read[1],
            Lenient::Read(Wire {
                count: Lenient::Other(Loose::Text("x".into())),
                name: Lenient::Other(Loose::Null)
            })
        );
        assert_eq!(read[2], Lenient::Other(Loose::Text("7".into())));
        assert_eq!(read[3], Lenient::Other(Loose::List));
        assert_eq!(read[4], Lenient::Other(Loose::Null));
        let missing: Wire = serde_json::from_str("{}").unwrap();
        assert_eq!(missing.count, Lenient::Missing);
    }

    /// serde-wasm-bindgen gives JavaScript's safe integers as i64 (review
    /// fix): a count must still read.
    #[test]
    fn a_count_given_as_i64_reads() {
        use serde::de::IntoDeserializer;
        let read = |value: i64| {
            Lenient::<u64>::deserialize(
                IntoDeserializer::<serde::de::value::Error>::into_deserializer(value),
            )
            .unwrap()
        };
        assert_eq!(read(5), Lenient::Read(5));
        assert_eq!(read(-5), Lenient::Other(Loose::Text("-5".into())));
    }

    #[test]
    fn floats_read_as_the_number_they_were() {
        for value in [
            1.5,
            -0.25,
            0.0,
            1e21,
            1.5e-7,
            123_456.75,
            -1.3426646975306707e-65,
        ] {
            assert_eq!(float_text(value).parse::<f64>(), Ok(value), "{value}");
        }
        assert_eq!(float_text(1.5), "1.5");
        assert_eq!(float_text(1e21), "1e+21");
        assert_eq!(float_text(1.5e-7), "1.5e-7");
    }

    #[test]
    fn pairs_keep_their_order() {
        let Pairs(pairs) = serde_json::from_str::<Pairs<String>>(r#"{"b":"1","a":"2"}"#).unwrap();
        assert_eq!(pairs, [("b".into(), "1".into()), ("a".into(), "2".into())]);
        let nested: Lenient<Pairs<Lenient<String>>> =
            serde_json::from_str(r#"{"limit":"x","page":5}"#).unwrap();
        let Pairs(nested) = nested.read().unwrap();
        assert_eq!(nested[1].1, Lenient::Other(Loose::Text("5".into())));
    }
}
