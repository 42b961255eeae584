//! [`Route`]: what every generated request type offers, and the shapes of
//! responses that are not a plain model ([`CollectionPage`], [`NoContent`]).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::error::Error;
use super::request::Request;

/// A documented operation as a typed, sans-IO request.
///
/// Build the request with [`Route::to_request`], send it with any HTTP client,
/// and read the response body with [`Route::parse_response`].
pub trait Route {
    /// The type of a successful response body.
    type Response: DeserializeOwned;

    /// The request: method, path relative to the version base, query, body.
    fn to_request(&self) -> Result<Request, Error>;

    /// Reads a successful response body.
    fn parse_response(body: &[u8]) -> Result<Self::Response, Error> {
        let body = if body.iter().all(u8::is_ascii_whitespace) {
            b"null".as_slice()
        } else {
            body
        };
        Ok(serde_json::from_slice(body)?)
    }
}

/// One page of a collection response: `{"value": [...], "@odata.nextLink": ...}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>", serialize = "T: Serialize"))]
pub struct CollectionPage<T> {
    /// The items of this page.
    #[serde(default)]
    pub value: Vec<T>,
    /// The URL of the next page, if any.
    #[serde(rename = "@odata.nextLink", default, skip_serializing_if = "Option::is_none")]
    pub next_link: Option<String>,
    /// The total count, when `$count=true` was asked for.
    #[serde(rename = "@odata.count", default, skip_serializing_if = "Option::is_none")]
    pub count: Option<i64>,
    /// Other annotations and properties, kept as sent.
    #[serde(flatten)]
    pub additional_properties: BTreeMap<String, serde_json::Value>,
}

impl<T> Default for CollectionPage<T> {
    fn default() -> Self {
        CollectionPage {
            value: Vec::new(),
            next_link: None,
            count: None,
            additional_properties: BTreeMap::new(),
        }
    }
}

/// A request body that is content rather than JSON: a file uploaded to
/// `.../content`, a photo to `.../$value`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Content {
    /// The media type of the bytes (`text/plain`, `image/jpeg`, ...).
    pub content_type: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

impl Content {
    /// Content of a media type.
    pub fn new(content_type: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Content {
            content_type: content_type.into(),
            bytes: bytes.into(),
        }
    }
}

/// The response of an operation that returns no body (`204 No Content`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NoContent;

impl<'de> Deserialize<'de> for NoContent {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer)?;
        Ok(NoContent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collection_pages_keep_next_link_and_unknowns() {
        let text = r#"{"@odata.context":"x","value":[1,2],"@odata.nextLink":"https://n"}"#;
        let page: CollectionPage<i32> = serde_json::from_str(text).unwrap();
        assert_eq!(page.value, [1, 2]);
        assert_eq!(page.next_link.as_deref(), Some("https://n"));
        assert_eq!(
            serde_json::to_value(&page).unwrap(),
            serde_json::from_str::<serde_json::Value>(text).unwrap()
        );
    }

    #[test]
    fn no_content_reads_empty_bodies() {
        struct R;
        impl Route for R {
            type Response = NoContent;
            fn to_request(&self) -> Result<Request, Error> {
                Ok(Request::new(http::Method::DELETE, "/x"))
            }
        }
        assert_eq!(R::parse_response(b"").unwrap(), NoContent);
    }
}
