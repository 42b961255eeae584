//! Type cells (`Int32`, `[complianceStatus](../resources/x.md) collection`,
//! `Collection(microsoft.graph.x)`, `Edm.Boolean`, `String collection`) into
//! type expressions. Unreadable cells are kept verbatim.

use super::blocks::{Inline, Span};
use crate::schema::{Primitive, TypeRef};

/// How a type cell was read.
#[derive(Debug, PartialEq)]
pub enum TypeCell {
    Read(TypeRef),
    /// Read, but written in a non-standard way (`Int`, `DateTime`).
    Unusual(TypeRef, String),
    Unreadable(TypeRef),
}

pub fn parse(cell: &Inline) -> TypeCell {
    let plain = cell.plain();
    let text = plain
        .trim()
        .trim_start_matches("(Optional)")
        .trim_start_matches("(optional)")
        .trim()
        .trim_end_matches('.')
        .trim();
    // `String (optional)`, `teamVisibilityType (optional)`, `alertFeedback enum`
    let text = text
        .strip_suffix("(optional)")
        .or_else(|| text.strip_suffix("(Optional)"))
        .unwrap_or(text)
        .trim();
    let text = text.strip_suffix(" enum").unwrap_or(text).trim();
    // `educationOutcome collection. Holds grades, ...`: the type, then a sentence.
    let text = text.split_once(". ").map_or(text, |(head, _)| head).trim();
    // A link whose closing parenthesis is missing: `[invitedUserMessageInfo](x.md`.
    let text = text
        .strip_prefix('[')
        .and_then(|rest| rest.split_once("]("))
        .map_or(text, |(name, _)| name)
        .trim();
    // `string (url)`, `String (enum)`, `string (readonly)`: a word about the
    // value after the type; the type is read and the word noted.
    if let Some((head, qualifier)) = qualified(text) {
        return match parse(&Inline::text(head)) {
            TypeCell::Read(t) | TypeCell::Unusual(t, _) => TypeCell::Unusual(
                t,
                format!("`{text}`: the qualifier `({qualifier})` is not part of a type; dropped"),
            ),
            unreadable => unreadable,
        };
    }
    if text.is_empty() {
        return TypeCell::Unreadable(TypeRef::Unknown(String::new()));
    }
    let links: Vec<&str> = cell
        .spans
        .iter()
        .filter_map(|s| match s {
            Span::Link { text, .. } => Some(text.trim()),
            _ => None,
        })
        .collect();
    let lower = text.to_ascii_lowercase();
    let union = lower.contains(" or ") || lower.contains(" and ") || (text.contains('/') && !text.contains("://"));
    if union || links.len() > 1 {
        return TypeCell::Unreadable(TypeRef::Unknown(text.to_string()));
    }
    if let [name] = links.as_slice() {
        // `collection` outside the link: `[plannerFavoritePlanReferenceCollection](...)` is one type.
        let outside: String = cell
            .spans
            .iter()
            .filter_map(|s| match s {
                Span::Link { .. } => None,
                Span::Text(t) | Span::Code(t) | Span::Emphasis(t) => Some(t.to_ascii_lowercase()),
            })
            .collect();
        let collection = outside.contains("collection");
        let inner = match word_type(name.trim_start_matches("Collection(").trim_end_matches(')')) {
            TypeCell::Read(t) | TypeCell::Unusual(t, _) => t,
            TypeCell::Unreadable(_) => return TypeCell::Unreadable(TypeRef::Unknown(text.to_string())),
        };
        return TypeCell::Read(if collection && !inner.is_collection() {
            TypeRef::collection(inner)
        } else {
            inner
        });
    }
    if let Some(inner) = strip_ci(text, "collection(").and_then(|r| r.strip_suffix(')')) {
        return map(word_type(inner.trim()), TypeRef::collection);
    }
    for suffix in [" collection", " Collection", " collection of", " array"] {
        if let Some(inner) = text.strip_suffix(suffix) {
            return map(word_type(inner.trim()), TypeRef::collection);
        }
    }
    if let Some(inner) = text
        .strip_prefix("Collection of ")
        .or_else(|| text.strip_prefix("collection of "))
    {
        return map(word_type(inner.trim()), TypeRef::collection);
    }
    word_type(text)
}

/// `type (word)`: a type followed by one parenthesised word or two.
fn qualified(text: &str) -> Option<(&str, &str)> {
    let (head, rest) = text.rsplit_once(" (")?;
    let qualifier = rest.strip_suffix(')')?;
    let words = qualifier.split_whitespace().count();
    let plain = qualifier
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-');
    (words > 0 && words <= 2 && plain && !head.trim().is_empty()).then_some((head.trim(), qualifier))
}

fn strip_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let (head, rest) = text.split_at_checked(prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then_some(rest)
}

fn map(cell: TypeCell, f: impl Fn(TypeRef) -> TypeRef) -> TypeCell {
    match cell {
        TypeCell::Read(t) => TypeCell::Read(f(t)),
        TypeCell::Unusual(t, why) => TypeCell::Unusual(f(t), why),
        TypeCell::Unreadable(t) => TypeCell::Unreadable(t),
    }
}

/// One word: a primitive in any spelling or a type name.
fn word_type(word: &str) -> TypeCell {
    let word = word.trim().trim_matches('`').trim();
    if let Some(p) = Primitive::from_edm(word) {
        return TypeCell::Read(TypeRef::Primitive(p));
    }
    let alias = match word.to_ascii_lowercase().as_str() {
        "int" | "integer" | "int 32" => Some(Primitive::Int32),
        // A JSON number may have a fraction; a merged CSDL gives the exact type.
        "number" => Some(Primitive::Double),
        "long" => Some(Primitive::Int64),
        "bool" => Some(Primitive::Boolean),
        "datetime" | "timestamp" | "datetimeoffset (timestamp)" => Some(Primitive::DateTimeOffset),
        "float" => Some(Primitive::Double),
        "json"
        | "object"
        | "edm.json"
        | "microsoft.graph.json"
        | "json object"
        | "untyped json object"
        | "untyped json" => Some(Primitive::Json),
        "uuid" => Some(Primitive::Guid),
        "base64" | "byte[]" => Some(Primitive::Binary),
        "str" | "text" => Some(Primitive::String),
        _ => None,
    };
    if let Some(p) = alias {
        return TypeCell::Unusual(
            TypeRef::Primitive(p),
            format!("`{word}` is not an Edm type name; read as Edm.{}", p.edm_name()),
        );
    }
    let is_name = !word.is_empty()
        && word.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
    if is_name {
        let name = word
            .strip_prefix("graph.")
            .map(|n| format!("microsoft.graph.{n}"))
            .unwrap_or_else(|| word.to_string());
        TypeCell::Read(TypeRef::Named(name))
    } else {
        TypeCell::Unreadable(TypeRef::Unknown(word.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Primitive::*;

    fn read(cell: Inline) -> TypeRef {
        match parse(&cell) {
            TypeCell::Read(t) | TypeCell::Unusual(t, _) | TypeCell::Unreadable(t) => t,
        }
    }

    fn link(text: &str, extra: &str) -> Inline {
        let mut spans = vec![Span::Link {
            text: text.into(),
            target: "../resources/x.md".into(),
        }];
        if !extra.is_empty() {
            spans.push(Span::Text(extra.into()));
        }
        Inline { spans }
    }

    #[test]
    fn reads_type_cells() {
        let p = TypeRef::Primitive;
        let cases: Vec<(Inline, TypeRef)> = vec![
            (Inline::text("String"), p(String)),
            (Inline::text("string"), p(String)),
            (Inline::text("int32"), p(Int32)),
            (Inline::text("DateTimeOffSet"), p(DateTimeOffset)),
            (Inline::text("Edm.Boolean"), p(Boolean)),
            (Inline::text("GUID"), p(Guid)),
            (Inline::text("String collection"), TypeRef::collection(p(String))),
            (
                Inline::text("Collection(microsoft.graph.user)"),
                TypeRef::collection(TypeRef::named("microsoft.graph.user")),
            ),
            (Inline::text("(Optional) String"), p(String)),
            (Inline::text("microsoft.graph.x"), TypeRef::named("microsoft.graph.x")),
            (link("complianceStatus", ""), TypeRef::named("complianceStatus")),
            (
                link("identitySet", " collection"),
                TypeRef::collection(TypeRef::named("identitySet")),
            ),
            (Inline::text("Int"), p(Int32)),
            (Inline::text("string/number"), TypeRef::Unknown("string/number".into())),
        ];
        for (cell, expected) in cases {
            assert_eq!(read(cell.clone()), expected, "{cell:?}");
        }
    }

    #[test]
    fn type_cells_of_real_pages() {
        let p = TypeRef::Primitive;
        let cases: Vec<(Inline, TypeRef)> = vec![
            (
                link("plannerFavoritePlanReferenceCollection", ""),
                TypeRef::named("plannerFavoritePlanReferenceCollection"),
            ),
            (
                Inline::text("deviceLogCollectionRequest"),
                TypeRef::named("deviceLogCollectionRequest"),
            ),
            (
                link("deviceLogCollectionRequest", " collection"),
                TypeRef::collection(TypeRef::named("deviceLogCollectionRequest")),
            ),
            (Inline::text("alertFeedback enum"), TypeRef::named("alertFeedback")),
            (Inline::text("String (optional)"), p(String)),
            (
                Inline::text("teamVisibilityType (optional)"),
                TypeRef::named("teamVisibilityType"),
            ),
            (Inline::text("number"), p(Double)),
            (Inline::text("string (url)"), p(String)),
            (Inline::text("String (enum)"), p(String)),
            (Inline::text("string (readonly)"), p(String)),
            (Inline::text("string (timestamp)"), p(String)),
            (Inline::text("JSON object"), p(Json)),
            (Inline::text("Untyped JSON object"), p(Json)),
            (
                Inline::text(
                    "educationOutcome collection. Holds grades, feedback and/or rubrics information the teacher assigns to this submission",
                ),
                TypeRef::collection(TypeRef::named("educationOutcome")),
            ),
            (
                Inline::text("[invitedUserMessageInfo](invitedusermessageinfo.md"),
                TypeRef::named("invitedUserMessageInfo"),
            ),
        ];
        for (cell, expected) in cases {
            assert_eq!(read(cell.clone()), expected, "{cell:?}");
        }
        assert!(matches!(parse(&Inline::text("number")), TypeCell::Unusual(..)));
        let TypeCell::Unusual(_, why) = parse(&Inline::text("string (url)")) else {
            panic!("a qualifier is noted");
        };
        assert!(why.contains("`(url)`"), "{why}");
        // `Collection(x)` is no qualifier; two types are not one.
        assert!(qualified("Collection(microsoft.graph.user)").is_none());
        assert!(matches!(
            parse(&Inline::text("appHostedMediaConfig or serviceHostedMediaConfig")),
            TypeCell::Unreadable(_)
        ));
    }

    #[test]
    fn unusual_spellings_are_flagged() {
        assert!(matches!(
            parse(&Inline::text("DateTime")),
            TypeCell::Unusual(TypeRef::Primitive(DateTimeOffset), _)
        ));
        assert!(matches!(parse(&Inline::text("a or b")), TypeCell::Unreadable(_)));
        assert!(matches!(parse(&Inline::text("")), TypeCell::Unreadable(_)));
    }
}
