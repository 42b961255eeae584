//! [`Route`]: what every generated request type offers, and the shapes of
//! responses that are not a plain model ([`CollectionPage`], [`NoContent`]).

use http::header::CONTENT_TYPE;
use http::{HeaderMap, Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::marker::PhantomData;

use super::error::{BodyError, Error};
use super::odata_error::{header, GraphError};
use super::request::{ApiVersion, Request};

/// A documented operation as a typed, sans-IO request.
///
/// Build the request with [`Route::to_request`], send it with any HTTP client,
/// and read the response (status, headers, body) with
/// [`Route::parse_response`]: a success gives the typed value, an error
/// status the service's [`GraphError`].
pub trait Route {
    /// The type of a successful response body.
    type Response: DeserializeOwned;

    /// The API version the route is documented in: `v1.0`, or `beta` for a
    /// route documented only in beta (its requests are built for `beta`).
    const API_VERSION: ApiVersion = ApiVersion::V1_0;

    /// The request: method, path relative to the version base, query, body.
    fn to_request(&self) -> Result<Request, Error>;

    /// Reads the body of a success response. JSON by default (see
    /// [`read_json`]); routes whose response is content return the bytes.
    fn parse_body(body: &[u8]) -> Result<Self::Response, serde_json::Error> {
        read_json(body)
    }

    /// Reads a response: a 2xx status gives the body read by
    /// [`Route::parse_body`]; any other status gives [`Error::Graph`] with
    /// the OData error (or the raw body when it is not one); a success body
    /// that does not read gives [`Error::ResponseBody`].
    fn parse_response(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<Self::Response, Error> {
        if !status.is_success() {
            return Err(GraphError::from_response(status, headers, body).into());
        }
        Self::parse_body(body)
            .map_err(|e| BodyError::new(status, header(headers, CONTENT_TYPE.as_str()), body, e).into())
    }

    /// [`Route::parse_response`] of an [`http::Response`].
    fn parse_http_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<Self::Response, Error> {
        Self::parse_response(response.status(), response.headers(), response.body().as_ref())
    }
}

/// Reads a JSON body as `T`. An empty body (as with `204 No Content`) reads
/// as `null` ([`NoContent`], `Option::None`) or, for a type that cannot be
/// null, as `{}`: a model with nothing set, since Graph answers some updates
/// documented to return the resource with no body at all.
pub fn read_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, serde_json::Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return serde_json::from_slice(b"null").or_else(|null| serde_json::from_slice(b"{}").map_err(|_| null));
    }
    serde_json::from_slice(body)
}

/// A request built by hand, with the type its response reads as: for an
/// operation the crate has no route for, or a link the service gave.
#[derive(Debug, Clone)]
pub struct RequestRoute<T> {
    request: Request,
    response: PhantomData<fn() -> T>,
}

impl<T> RequestRoute<T> {
    /// A route that sends `request` and reads the response as `T`.
    pub fn new(request: Request) -> Self {
        RequestRoute {
            request,
            response: PhantomData,
        }
    }

    /// `GET` of a link the service gave (an absolute URL such as an
    /// `@odata.nextLink`), or of a path relative to the version base.
    pub fn get(link: impl Into<String>) -> Self {
        Self::new(Request::new(Method::GET, link))
    }

    /// The request.
    pub fn request(&self) -> &Request {
        &self.request
    }

    /// The request, to add headers or query parameters.
    pub fn request_mut(&mut self) -> &mut Request {
        &mut self.request
    }
}

impl<T: DeserializeOwned> Route for RequestRoute<T> {
    type Response = T;

    fn to_request(&self) -> Result<Request, Error> {
        Ok(self.request.clone())
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
    /// The URL that asks for changes since this page (the last page of a
    /// delta query); keep it for the next sync.
    #[serde(rename = "@odata.deltaLink", default, skip_serializing_if = "Option::is_none")]
    pub delta_link: Option<String>,
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
            delta_link: None,
            count: None,
            additional_properties: BTreeMap::new(),
        }
    }
}

impl<T: DeserializeOwned> CollectionPage<T> {
    /// The route to the next page (`GET` of `@odata.nextLink`), whose
    /// response is a page of the same items; `None` on the last page.
    pub fn next_page(&self) -> Option<RequestRoute<CollectionPage<T>>> {
        self.next_link.as_ref().map(RequestRoute::get)
    }

    /// The request for the next page, to send with any HTTP client.
    pub fn next_request(&self) -> Option<Request> {
        self.next_page().map(|route| route.request)
    }

    /// The route asking for changes since this sync (`GET` of
    /// `@odata.deltaLink`); `None` unless this is the last page of a delta
    /// query.
    pub fn delta_page(&self) -> Option<RequestRoute<CollectionPage<T>>> {
        self.delta_link.as_ref().map(RequestRoute::get)
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

/// The response `202 Accepted`: the service goes on working after it
/// answered (a team being created, a team archived). `location` is where
/// to poll the operation's progress, from the `Location` header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Accepted {
    /// The `Location` header: the operation to poll, or the resource made.
    pub location: Option<String>,
    /// The `Content-Location` header, when the service names the resource.
    pub content_location: Option<String>,
}

impl Accepted {
    /// Reads a response of a route answering `202 Accepted`: the headers
    /// that say where to look; any other status as [`Route::parse_response`].
    pub fn from_response(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<Self, Error> {
        if !status.is_success() {
            return Err(GraphError::from_response(status, headers, body).into());
        }
        Ok(Accepted {
            location: header(headers, "location"),
            content_location: header(headers, "content-location"),
        })
    }
}

impl<'de> Deserialize<'de> for Accepted {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer)?;
        Ok(Accepted::default())
    }
}

/// One primitive or enum value as the service answers it: a function
/// returning `Edm.Boolean`, a property read on its own (`{"value": true}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>", serialize = "T: Serialize"))]
pub struct ValueOf<T> {
    /// The value.
    pub value: T,
    /// Other properties of the answer (`@odata.context`), kept as sent.
    #[serde(flatten)]
    pub additional_properties: BTreeMap<String, serde_json::Value>,
}

/// A reference to an entity, as `$ref` routes send and answer it:
/// `{"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    /// The entity's URL (absolute, or relative to the version base).
    #[serde(rename = "@odata.id")]
    pub odata_id: String,
}

impl Reference {
    /// A reference to the entity at `url`: absolute
    /// (`https://graph.microsoft.com/v1.0/directoryObjects/{id}`), or a
    /// path relative to the version base (`directoryObjects/{id}`).
    pub fn new(url: impl Into<String>) -> Self {
        Reference { odata_id: url.into() }
    }

    /// A reference to `collection/{id}` on the global service's v1.0 base,
    /// the id percent-encoded so it stays one segment
    /// (`Reference::to("directoryObjects", id)`).
    pub fn to(collection: &str, id: &str) -> Self {
        let id = percent_encoding::utf8_percent_encode(id, super::encoding::UNRESERVED_ONLY).to_string();
        Reference::new(format!("https://graph.microsoft.com/v1.0/{collection}/{id}"))
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

    #[derive(Debug, Default, PartialEq, Deserialize)]
    struct Model {
        #[serde(default)]
        name: Option<String>,
    }

    fn ok(body: &[u8]) -> Result<Model, Error> {
        RequestRoute::<Model>::parse_response(StatusCode::OK, &HeaderMap::new(), body)
    }

    #[test]
    fn no_content_reads_empty_bodies() {
        let none = |status| RequestRoute::<NoContent>::parse_response(status, &HeaderMap::new(), b"");
        assert_eq!(none(StatusCode::NO_CONTENT).unwrap(), NoContent);
        assert_eq!(none(StatusCode::ACCEPTED).unwrap(), NoContent);
        // A model with no body is a model with nothing set; an option is None.
        assert_eq!(ok(b"").unwrap(), Model::default());
        assert_eq!(
            RequestRoute::<Option<Model>>::parse_response(StatusCode::NO_CONTENT, &HeaderMap::new(), b" ").unwrap(),
            None
        );
        assert_eq!(ok(br#"{"name":"a"}"#).unwrap().name.as_deref(), Some("a"));
    }

    #[test]
    fn an_error_status_is_a_graph_error_not_a_value() {
        let body = br#"{"error":{"code":"Request_ResourceNotFound","message":"gone"}}"#;
        let mut headers = HeaderMap::new();
        headers.insert("request-id", "r-1".parse().unwrap());
        let e = RequestRoute::<Model>::parse_response(StatusCode::NOT_FOUND, &headers, body).unwrap_err();
        let graph = e.graph_error().expect("a graph error");
        assert_eq!(graph.code(), Some("Request_ResourceNotFound"));
        assert_eq!(graph.request_id.as_deref(), Some("r-1"));
        assert_eq!(e.status(), Some(StatusCode::NOT_FOUND));
        // Even where the success type would read the body.
        let e = RequestRoute::<serde_json::Value>::parse_response(StatusCode::BAD_REQUEST, &headers, body);
        assert!(matches!(e, Err(Error::Graph(_))));
    }

    #[test]
    fn a_success_body_that_is_not_json_names_status_type_and_start() {
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, "text/html".parse().unwrap());
        let e = RequestRoute::<Model>::parse_response(StatusCode::OK, &headers, b"<html>proxy</html>").unwrap_err();
        assert!(matches!(e, Error::ResponseBody(_)));
        let message = e.to_string();
        assert!(
            message.starts_with("cannot read the 200 OK response body (content type text/html): "),
            "{message}"
        );
        assert!(message.ends_with("the body starts `<html>proxy</html>`"), "{message}");
        let e = ok(br#"{"name": 3}"#).unwrap_err();
        assert!(e.to_string().contains("invalid type: integer `3`"), "{e}");
    }

    #[test]
    fn http_responses_read_the_same() {
        let response = http::Response::builder()
            .status(200)
            .body(br#"{"name":"b"}"#.to_vec())
            .unwrap();
        assert_eq!(
            RequestRoute::<Model>::parse_http_response(&response)
                .unwrap()
                .name
                .as_deref(),
            Some("b")
        );
    }

    #[test]
    fn a_page_builds_the_request_for_its_next_link() {
        let text = r#"{"value":[1],"@odata.nextLink":"https://graph.microsoft.com/v1.0/users?$skiptoken=a%2Bb"}"#;
        let page: CollectionPage<i32> = serde_json::from_str(text).unwrap();
        let request = page.next_request().unwrap();
        assert_eq!(request.method, Method::GET);
        // The link is used as given, whatever the base.
        assert_eq!(
            request.url("https://graph.microsoft.us/beta"),
            "https://graph.microsoft.com/v1.0/users?$skiptoken=a%2Bb"
        );
        let next = page.next_page().unwrap();
        let last: CollectionPage<i32> = <RequestRoute<CollectionPage<i32>> as Route>::parse_response(
            StatusCode::OK,
            &HeaderMap::new(),
            br#"{"value":[2],"@odata.deltaLink":"https://h/v1.0/users/delta?$deltatoken=z"}"#,
        )
        .unwrap();
        assert_eq!(next.to_request().unwrap().path, page.next_link.unwrap());
        assert_eq!(last.value, [2]);
        assert!(last.next_page().is_none());
        assert_eq!(
            last.delta_page().unwrap().request().path,
            "https://h/v1.0/users/delta?$deltatoken=z"
        );
    }
}
