//! Type expressions: what a property, parameter or response holds.
//!
//! Serialised in CSDL notation (`Edm.Int32`, `microsoft.graph.user`,
//! `Collection(Edm.String)`) so schema snapshots read like the metadata.
//! Text that could not be read is kept verbatim as `?<text>`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// An Edm primitive type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Primitive {
    String,
    Boolean,
    Byte,
    SByte,
    Int16,
    Int32,
    Int64,
    Single,
    Double,
    Decimal,
    DateTimeOffset,
    Date,
    TimeOfDay,
    Duration,
    Guid,
    Binary,
    Stream,
    /// `graph.Json` / untyped JSON.
    Json,
}

impl Primitive {
    pub const ALL: [Primitive; 18] = [
        Primitive::String,
        Primitive::Boolean,
        Primitive::Byte,
        Primitive::SByte,
        Primitive::Int16,
        Primitive::Int32,
        Primitive::Int64,
        Primitive::Single,
        Primitive::Double,
        Primitive::Decimal,
        Primitive::DateTimeOffset,
        Primitive::Date,
        Primitive::TimeOfDay,
        Primitive::Duration,
        Primitive::Guid,
        Primitive::Binary,
        Primitive::Stream,
        Primitive::Json,
    ];

    /// The Edm name without the `Edm.` prefix.
    pub fn edm_name(self) -> &'static str {
        match self {
            Primitive::String => "String",
            Primitive::Boolean => "Boolean",
            Primitive::Byte => "Byte",
            Primitive::SByte => "SByte",
            Primitive::Int16 => "Int16",
            Primitive::Int32 => "Int32",
            Primitive::Int64 => "Int64",
            Primitive::Single => "Single",
            Primitive::Double => "Double",
            Primitive::Decimal => "Decimal",
            Primitive::DateTimeOffset => "DateTimeOffset",
            Primitive::Date => "Date",
            Primitive::TimeOfDay => "TimeOfDay",
            Primitive::Duration => "Duration",
            Primitive::Guid => "Guid",
            Primitive::Binary => "Binary",
            Primitive::Stream => "Stream",
            Primitive::Json => "Untyped",
        }
    }

    /// Reads an Edm name (`String`, `Edm.String`), case-insensitively.
    pub fn from_edm(name: &str) -> Option<Primitive> {
        let name = name.strip_prefix("Edm.").unwrap_or(name);
        Primitive::ALL
            .into_iter()
            .find(|p| p.edm_name().eq_ignore_ascii_case(name))
            .or_else(|| name.eq_ignore_ascii_case("graph.Json").then_some(Primitive::Json))
    }
}

/// A type expression.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    Primitive(Primitive),
    /// A named type, fully qualified where known (`microsoft.graph.user`).
    Named(String),
    Collection(Box<TypeRef>),
    /// Text that is not a readable type, kept as written.
    Unknown(String),
}

impl TypeRef {
    pub fn named(name: impl Into<String>) -> TypeRef {
        TypeRef::Named(name.into())
    }

    pub fn collection(inner: TypeRef) -> TypeRef {
        TypeRef::Collection(Box::new(inner))
    }

    /// The element type of a collection, or the type itself.
    pub fn element(&self) -> &TypeRef {
        match self {
            TypeRef::Collection(inner) => inner.element(),
            other => other,
        }
    }

    pub fn is_collection(&self) -> bool {
        matches!(self, TypeRef::Collection(_))
    }

    /// Parses the CSDL notation written by `Display`.
    pub fn parse(text: &str) -> TypeRef {
        let text = text.trim();
        if let Some(rest) = text.strip_prefix('?') {
            return TypeRef::Unknown(rest.to_string());
        }
        if let Some(inner) = text.strip_prefix("Collection(").and_then(|rest| rest.strip_suffix(')')) {
            return TypeRef::collection(TypeRef::parse(inner));
        }
        if text.starts_with("Edm.") {
            if let Some(p) = Primitive::from_edm(text) {
                return TypeRef::Primitive(p);
            }
        }
        TypeRef::Named(text.to_string())
    }
}

impl fmt::Display for TypeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeRef::Primitive(p) => write!(f, "Edm.{}", p.edm_name()),
            TypeRef::Named(name) => f.write_str(name),
            TypeRef::Collection(inner) => write!(f, "Collection({inner})"),
            TypeRef::Unknown(text) => write!(f, "?{text}"),
        }
    }
}

impl Serialize for TypeRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TypeRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(TypeRef::parse(&text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notation_round_trips() {
        for text in [
            "Edm.Int32",
            "Edm.Untyped",
            "microsoft.graph.user",
            "Collection(Edm.String)",
            "Collection(microsoft.graph.callRecords.session)",
            "?string/number",
        ] {
            assert_eq!(TypeRef::parse(text).to_string(), text);
        }
        assert_eq!(
            TypeRef::parse("Collection(Edm.Guid)"),
            TypeRef::collection(TypeRef::Primitive(Primitive::Guid))
        );
    }

    #[test]
    fn edm_names_read_in_any_case() {
        assert_eq!(Primitive::from_edm("dateTimeOffSet"), Some(Primitive::DateTimeOffset));
        assert_eq!(Primitive::from_edm("Edm.Boolean"), Some(Primitive::Boolean));
        assert_eq!(Primitive::from_edm("graph.Json"), Some(Primitive::Json));
        assert_eq!(Primitive::from_edm("Widget"), None);
    }
}
