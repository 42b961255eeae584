//! Facts written as prose: response status and type, request body type,
//! OData query support, the operation verb and target of a description.

use super::blocks::{Inline, Span};
use crate::schema::{OperationKind, Response, TypeRef};

/// Words that sit where a type name would without naming one.
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
    "objects",
    "of",
    "complex",
    "entity",
    "and",
    "to",
    "or",
    "with",
    "in",
    "for",
    "by",
    "on",
    "from",
    "as",
    "all",
    "any",
    "each",
    "its",
    "their",
    "is",
    "are",
    "be",
    "data",
    "binary",
    "image",
    "file",
    "url",
    "link",
    "value",
    "values",
    "properties",
    "property",
    "list",
    "set",
    "array",
    "collection",
    "representation",
    "content",
    "no",
    "resource",
    "resources",
    "instance",
    "instances",
    "entities",
    "matching",
    "following",
    "corresponding",
    "one",
    "uri",
    "location",
    "header",
];

/// Words after a type name that say it names a type.
const TYPE_NOUNS: &[&str] = &[
    "object",
    "objects",
    "collection",
    "resource",
    "resources",
    "entity",
    "entities",
    "instance",
    "instances",
];

/// The type named in a sentence: the first link to a type page, else the
/// type the plain words name ([`named_type_in_words`]), so a page and its
/// published text (which has no links) read the same.
pub fn named_type(text: &Inline) -> Option<(String, bool)> {
    let plain = text.plain();
    let words = words(&plain);
    for span in &text.spans {
        if let Span::Link { text, target } = span {
            let t = target.to_ascii_lowercase();
            let is_type_page =
                t.contains("resources/") || (t.ends_with(".md") && !t.contains("/api/") && !t.contains("concepts"));
            let name = text.trim().trim_matches('`');
            if is_type_page && is_identifier(name) && !t.contains("permissions") && !t.contains("query-parameters") {
                let collection = is_collection_of(&words, name);
                return Some((name.to_string(), collection));
            }
        }
    }
    named_type_in_words(&words)
}

/// The type of a request or response body named in a sentence: the type the
/// words name ([`named_type_in_words`]), link or not, so a page and its
/// published text (which has no links) read the same; else, when the
/// sentence speaks of a body, its first link to a type page. A type named
/// only as the target of a header (`a link to the associated [x] in the
/// Operation-Location header`) is no body.
pub fn body_type(text: &Inline) -> Option<(String, bool)> {
    let plain = text.plain();
    if let Some(found) = named_type_in_words(&words(&plain)) {
        return Some(found);
    }
    let lower = plain.to_ascii_lowercase();
    if lower.contains("response body") || lower.contains("request body") {
        return named_type(text);
    }
    None
}

/// Words of a sentence, trimmed of punctuation (dots
/// inside a word, as in `microsoft.graph.x`, stay).
fn words(plain: &str) -> Vec<&str> {
    plain
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect()
}

fn is_type_word(w: &str) -> bool {
    is_identifier(w) && !NOT_TYPES.contains(&w.to_ascii_lowercase().as_str())
}

fn is_article(w: &str) -> bool {
    matches!(w.to_ascii_lowercase().as_str(), "a" | "an" | "the")
}

/// Whether the sentence says `name` comes as a collection: `collection of
/// x`, `array of x`, `x objects`, `x collection`.
fn is_collection_of(words: &[&str], name: &str) -> bool {
    let lower: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();
    let Some(i) = words.iter().position(|w| *w == name) else {
        return false;
    };
    let before = |n: usize| i.checked_sub(n).map(|j| lower[j].as_str());
    let after = lower.get(i + 1).map(String::as_str);
    let of_collection = before(1) == Some("of") && matches!(before(2), Some("collection" | "array" | "list" | "set"))
        || before(1).is_some_and(is_article)
            && before(2) == Some("of")
            && matches!(before(3), Some("collection" | "array" | "list" | "set"));
    of_collection
        || matches!(
            after,
            Some("objects" | "collection" | "resources" | "entities" | "instances")
        )
}

/// The type plain words name, in the forms pages use: `collection of x
/// objects`, `x object`, `x collection`, `a JSON representation of the x`,
/// `and a x in the response body`.
pub fn named_type_in_words(words: &[&str]) -> Option<(String, bool)> {
    let lower: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();
    let found = |i: usize| Some((words[i].to_string(), is_collection_of(words, words[i])));
    for i in 0..words.len() {
        // `collection of [the] x`, `representation of [a] x`
        if lower[i] == "of"
            && i > 0
            && matches!(
                lower[i - 1].as_str(),
                "collection" | "array" | "list" | "representation"
            )
        {
            let mut j = i + 1;
            while words
                .get(j)
                .is_some_and(|w| is_article(w) || w.eq_ignore_ascii_case("one"))
            {
                j += 1;
            }
            if words.get(j).is_some_and(|w| is_type_word(w)) {
                return found(j);
            }
        }
        // `with the x that was created`
        if lower[i] == "with"
            && words.get(i + 1).is_some_and(|w| is_article(w))
            && words.get(i + 2).is_some_and(|w| is_type_word(w))
            && lower.get(i + 3).is_some_and(|w| w == "that" || w == "in")
        {
            return found(i + 2);
        }
        // `x object`, `x collection`, `x resource`
        if i > 0 && TYPE_NOUNS.contains(&lower[i].as_str()) && is_type_word(words[i - 1]) {
            return found(i - 1);
        }
    }
    // `and a x in the response body`
    for i in 0..words.len().saturating_sub(3) {
        if lower[i] == "and"
            && is_article(words[i + 1])
            && is_type_word(words[i + 2])
            && lower[i + 3] == "in"
            && lower.get(i + 5).is_some_and(|w| w == "response" || w == "body")
        {
            return found(i + 2);
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
    // No body: `204 No Content`, and redirects (`302 Found` to a download URL).
    let body = if status == 204 || (300..400).contains(&status) {
        None
    } else {
        body_type(text).map(|(name, collection)| {
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
            // `200 OK`, `200, OK` (classic pages), `204 response`
            let rest = text.get(i + 3..).unwrap_or_default().trim_start();
            let rest = rest.strip_prefix(',').unwrap_or(rest).trim_start();
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
    fn status_written_with_a_comma() {
        for (line, code) in [
            (
                "If successful, this method returns a `200, OK` response code and a [x](../resources/x.md) object.",
                200,
            ),
            (
                "If successful, this method returns `201, Created` response code and a new x object.",
                201,
            ),
            (
                "If successful, this method returns a `204, No Content` response code.",
                204,
            ),
            (
                "If successful, this method returns a `202, Accepted` response code.",
                202,
            ),
        ] {
            let text = crate::read::markdown::cell_inline(line, &Default::default());
            let response = response(&text).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(response.status, Some(code), "{line}");
        }
    }

    #[test]
    fn prose_without_links_names_the_type() {
        let plain = |t: &str| response(&Inline::text(t)).expect(t);
        let r = plain(
            "If successful, this method returns a 200 OK response code and collection of Event objects in the response body.",
        );
        assert_eq!(r.body, Some(TypeRef::collection(TypeRef::named("Event"))));
        let r = plain(
            "If successful, this method returns a 200 OK response code and a user collection object in the response body. \
             The response also includes a state token that is either a nextLink URL or a deltaLink URL.",
        );
        assert_eq!(r.body, Some(TypeRef::collection(TypeRef::named("user"))));
        let r = plain(
            "If successful, this method returns a 200 OK response code and a JSON representation of the b2xIdentityUserFlow in the response body.",
        );
        assert_eq!(r.body, Some(TypeRef::named("b2xIdentityUserFlow")));
        let r = plain(
            "If successful, this method returns a 302 Found response that redirects to a preauthenticated download URL for the report.",
        );
        assert_eq!((r.status, r.body), (Some(302), None));
        let r = plain(
            "If successful, this method returns a 200 OK response code and a String collection in the response body.",
        );
        assert_eq!(r.body, Some(TypeRef::collection(TypeRef::named("String"))));
    }

    #[test]
    fn a_type_only_named_by_a_header_is_no_body() {
        let md = |t: &str| response(&crate::read::markdown::cell_inline(t, &Default::default())).expect(t);
        let r = md("If successful, this method returns a `202 Accepted` response code and a link to the associated [printerCreateOperation](../resources/printercreateoperation.md) in the `Operation-Location` header.");
        assert_eq!((r.status, r.body), (Some(202), None));
        let r = md("If successful, this method returns `201 Created` response code with the [message](../resources/chatmessage.md) that was created.");
        assert_eq!(r.body, Some(TypeRef::named("message")));
        let r = md("If successful, this method returns a `200 OK` response code and a collection of one [organization](../resources/organization.md) object in the response body.");
        assert_eq!(r.body, Some(TypeRef::named("organization")));
        let r = md("If successful, this method returns a `200 OK` response code and a [driveItem](../resources/driveitem.md) in the response body.");
        assert_eq!(r.body, Some(TypeRef::named("driveItem")));
    }

    #[test]
    fn links_and_words_agree() {
        let linked = crate::read::markdown::cell_inline(
            "returns a `200 OK` response code and an [application](../resources/application.md) collection object in the response body.",
            &Default::default(),
        );
        let plain = Inline::text(linked.plain());
        assert_eq!(named_type(&linked), Some(("application".into(), true)));
        assert_eq!(named_type(&plain), named_type(&linked));
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
