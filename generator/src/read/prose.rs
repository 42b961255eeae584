//! Facts written as prose: response status and type, request body type,
//! OData query support, the operation verb and target of a description.

use super::blocks::{Inline, Span};
use crate::schema::{OperationKind, Response, TypeRef};

/// Words that come before "object" without naming a type.
const NOT_TYPES: &[&str] = &[
    "a",
    "an",
    "the",
    "new",
    "updated",
    "response",
    "json",
    "body",
    "this",
    "that",
    "same",
    "requested",
    "specified",
    "created",
    "returned",
    "error",
    "empty",
    "single",
    "object",
    "of",
    "complex",
    "entity",
];

/// The type named in a sentence: the first link to a type page, or the word
/// before `object(s)`/`collection`/`resource` in plain text.
pub fn named_type(text: &Inline) -> Option<(String, bool)> {
    let plain = text.plain();
    let lower = plain.to_ascii_lowercase();
    let collection = lower.contains("collection of") || lower.contains(" objects") || lower.contains("array of");
    for span in &text.spans {
        if let Span::Link { text, target } = span {
            let t = target.to_ascii_lowercase();
            let is_type_page =
                t.contains("resources/") || (t.ends_with(".md") && !t.contains("/api/") && !t.contains("concepts"));
            let name = text.trim().trim_matches('`');
            if is_type_page && is_identifier(name) && !t.contains("permissions") && !t.contains("query-parameters") {
                return Some((name.to_string(), collection));
            }
        }
    }
    let words: Vec<&str> = plain.split_whitespace().collect();
    for (i, w) in words.iter().enumerate().skip(1) {
        let w = w
            .trim_matches(|c: char| !c.is_ascii_alphanumeric())
            .to_ascii_lowercase();
        if matches!(
            w.as_str(),
            "object" | "objects" | "collection" | "resource" | "resources" | "entity"
        ) {
            let candidate = words[i - 1].trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '.');
            if is_identifier(candidate) && !NOT_TYPES.contains(&candidate.to_ascii_lowercase().as_str()) {
                return Some((candidate.to_string(), collection));
            }
        }
    }
    None
}

pub fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
}

/// Status and body type from the Response section's prose.
pub fn response(text: &Inline) -> Option<Response> {
    let status = status_code(&text.plain())?;
    let body = if status == 204 {
        None
    } else {
        named_type(text).map(|(name, collection)| {
            let t = TypeRef::Named(name);
            if collection {
                TypeRef::collection(t)
            } else {
                t
            }
        })
    };
    Some(Response {
        status: Some(status),
        body,
    })
}

/// The first HTTP status code written in a sentence (`200 OK`, `204 No Content`).
pub fn status_code(text: &str) -> Option<u16> {
    let bytes = text.as_bytes();
    for i in 0..bytes.len().saturating_sub(2) {
        let window = &bytes[i..i + 3];
        let boundary_before = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let boundary_after = bytes.get(i + 3).is_none_or(|b| !b.is_ascii_alphanumeric());
        if boundary_before
            && boundary_after
            && window.iter().all(u8::is_ascii_digit)
            && (b'1'..=b'5').contains(&window[0])
        {
            let rest = text.get(i + 3..).unwrap_or_default().trim_start();
            if rest.starts_with(|c: char| c.is_ascii_uppercase()) || rest.starts_with("response") {
                return text.get(i..i + 3)?.parse().ok();
            }
        }
    }
    None
}

/// Whether prose says the OData query parameters are supported.
pub fn odata_support(text: &str) -> Option<bool> {
    let lower = text.to_ascii_lowercase();
    let mentions = lower.contains("odata query parameter")
        || lower.contains("query parameters to help customize")
        || lower.contains("$select")
        || lower.contains("$filter")
        || lower.contains("$expand")
        || lower.contains("$top");
    if !mentions {
        return None;
    }
    let negative =
        lower.contains("does not support") || lower.contains("doesn't support") || lower.contains("not supported");
    Some(!negative || lower.contains("supports the"))
}

/// The kind an operation's verb names.
pub fn kind_of_verb(verb: &str) -> Option<OperationKind> {
    Some(match verb.to_ascii_lowercase().as_str() {
        "list" | "enumerate" => OperationKind::List,
        "get" | "retrieve" | "read" => OperationKind::Get,
        "create" | "add" | "post" => OperationKind::Create,
        "update" | "patch" | "upsert" | "replace" | "set" => OperationKind::Update,
        "delete" | "remove" => OperationKind::Delete,
        _ => return None,
    })
}

pub fn verb_of_kind(kind: OperationKind) -> &'static str {
    match kind {
        OperationKind::List => "List",
        OperationKind::Get => "Get",
        OperationKind::Create => "Create",
        OperationKind::Update => "Update",
        OperationKind::Delete => "Delete",
        OperationKind::Action => "Invoke",
        OperationKind::Function => "Call",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_status_codes() {
        assert_eq!(
            status_code("If successful, this method returns a 200 OK response code"),
            Some(200)
        );
        assert_eq!(status_code("returns `204 No Content` response code"), Some(204));
        assert_eq!(status_code("returns a 201 Created response code"), Some(201));
        assert_eq!(status_code("up to 999 items"), None);
        assert_eq!(status_code("Returns 100 objects"), None);
    }

    #[test]
    fn reads_named_types_from_links_and_text() {
        let linked = Inline {
            spans: vec![
                Span::Text("returns a `200 OK` response code and a collection of ".into()),
                Span::Link {
                    text: "user".into(),
                    target: "../resources/user.md".into(),
                },
                Span::Text(" objects in the response body.".into()),
            ],
        };
        assert_eq!(named_type(&linked), Some(("user".into(), true)));
        let plain = Inline::text(
            "returns a 200 OK response code and an updated deviceComplianceUserOverview object in the response body.",
        );
        assert_eq!(named_type(&plain), Some(("deviceComplianceUserOverview".into(), false)));
    }

    #[test]
    fn odata_sentences() {
        assert_eq!(
            odata_support("This method supports the OData query parameters to help customize the response."),
            Some(true)
        );
        assert_eq!(
            odata_support("This method does not support OData query parameters."),
            Some(false)
        );
        assert_eq!(odata_support("Nothing here."), None);
    }
}
