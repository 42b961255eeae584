//! Serde glue for types that travel as JSON strings: serialise through
//! `Display`, deserialise through `FromStr` with an error naming the text.

use serde::de::{self, Visitor};
use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use super::error::ParseError;

/// Visitor that parses a JSON string with `T::from_str`.
pub(crate) struct FromStrVisitor<T>(pub(crate) PhantomData<T>, pub(crate) &'static str);

impl<T: FromStr<Err = ParseError>> Visitor<'_> for FromStrVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a string holding an {} value", self.1)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        v.parse().map_err(E::custom)
    }
}

/// Implements `Serialize` (via `Display`) and `Deserialize` (via `FromStr`)
/// for a type whose wire form is a JSON string.
macro_rules! string_serde {
    ($ty:ty, $kind:literal) => {
        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }
        $crate::text::string_serde!(@read $ty, $kind);
    };
    // Written from `self.$text()` (a `Text` or `&str`), without going
    // through `Display` and the formatter.
    ($ty:ty, $kind:literal, $text:ident) => {
        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(::std::convert::AsRef::<str>::as_ref(&self.$text()))
            }
        }
        $crate::text::string_serde!(@read $ty, $kind);
    };
    (@read $ty:ty, $kind:literal) => {
        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str($crate::text::FromStrVisitor(
                    ::std::marker::PhantomData,
                    $kind,
                ))
            }
        }
    };
}

pub(crate) use string_serde;
