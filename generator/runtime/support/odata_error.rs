//! What the service says when a request fails: the OData error body
//! (`{"error": {"code", "message", "innerError", ...}}`) and [`GraphError`],
//! an error status with that body (or the raw body when it is not one) and
//! the request ids a support case asks for. Always compiled: whoever sends
//! the request, the answer reads the same.

use http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The body of an error response: `{"error": {...}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ODataErrorResponse {
    /// The error.
    pub error: ODataError,
}

/// An OData error: a code, a message, and where known the target, details
/// and the service's inner error. Properties not named here are kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ODataError {
    /// A code such as `Request_ResourceNotFound` or `ErrorItemNotFound`.
    #[serde(default)]
    pub code: String,
    /// The message for a person.
    #[serde(default)]
    pub message: String,
    /// What the error is about, such as a property name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Further errors, one per problem found.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<ErrorDetail>,
    /// The service's own details: request ids and the time.
    #[serde(
        rename = "innerError",
        alias = "innererror",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub inner_error: Option<InnerError>,
    /// Other properties, kept as sent.
    #[serde(flatten)]
    pub additional_properties: BTreeMap<String, serde_json::Value>,
}

/// One entry of [`ODataError::details`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// The code of this problem.
    #[serde(default)]
    pub code: String,
    /// The message of this problem.
    #[serde(default)]
    pub message: String,
    /// What this problem is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Other properties, kept as sent.
    #[serde(flatten)]
    pub additional_properties: BTreeMap<String, serde_json::Value>,
}

/// The service's inner error: ids to quote in a support case, the time, and
/// possibly a nested inner error.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InnerError {
    /// The id the service gave the request.
    #[serde(rename = "request-id", default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The id the client sent in `client-request-id`, if any.
    #[serde(rename = "client-request-id", default, skip_serializing_if = "Option::is_none")]
    pub client_request_id: Option<String>,
    /// When the error happened, as the service wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// A more specific code, where the service gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// A nested inner error.
    #[serde(rename = "innerError", default, skip_serializing_if = "Option::is_none")]
    pub inner_error: Option<Box<InnerError>>,
    /// Other properties, kept as sent.
    #[serde(flatten)]
    pub additional_properties: BTreeMap<String, serde_json::Value>,
}

/// How many characters of a body an error message quotes.
const QUOTED: usize = 200;

/// The first characters of a body, for an error message: invalid UTF-8
/// replaced, cut at [`QUOTED`] characters with `…` marking the cut.
pub(crate) fn body_start(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    match text.char_indices().nth(QUOTED) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// A header's value as text, if present and visible ASCII.
pub(crate) fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get(name)?.to_str().ok().map(str::to_owned)
}

/// The service answered with a status that is not a success (not 2xx).
#[derive(Debug, Clone, PartialEq)]
pub struct GraphError {
    /// The status of the response.
    pub status: StatusCode,
    /// The OData error, when the body is one.
    pub error: Option<ODataError>,
    /// The `request-id` response header (or, without it, the inner error's).
    pub request_id: Option<String>,
    /// The `client-request-id` response header (or the inner error's).
    pub client_request_id: Option<String>,
    /// The `Content-Type` response header.
    pub content_type: Option<String>,
    /// The body as received, when it is not an OData error (an HTML page
    /// from a gateway, plain text, other JSON); `None` when it is one.
    pub body: Option<Vec<u8>>,
}

impl GraphError {
    /// Reads an error response. Never fails: a body that is not an OData
    /// error is kept as it came.
    pub fn from_response(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Self {
        let error = serde_json::from_slice::<ODataErrorResponse>(body).ok().map(|r| r.error);
        let inner = error.as_ref().and_then(|e| e.inner_error.as_ref());
        let request_id = header(headers, "request-id").or_else(|| inner.and_then(|i| i.request_id.clone()));
        let client_request_id =
            header(headers, "client-request-id").or_else(|| inner.and_then(|i| i.client_request_id.clone()));
        GraphError {
            status,
            body: error.is_none().then(|| body.to_vec()),
            error,
            request_id,
            client_request_id,
            content_type: header(headers, http::header::CONTENT_TYPE.as_str()),
        }
    }

    /// The OData error code, if the body was an OData error.
    pub fn code(&self) -> Option<&str> {
        self.error.as_ref().map(|e| e.code.as_str())
    }
}

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the service answered {}", self.status)?;
        match (&self.error, &self.body) {
            (Some(e), _) => write!(f, ": {}: {}", e.code, e.message)?,
            (None, Some(body)) if body.iter().all(u8::is_ascii_whitespace) => f.write_str(" with an empty body")?,
            (None, body) => write!(
                f,
                " with a body that is not an OData error (content type {}): `{}`",
                self.content_type.as_deref().unwrap_or("none"),
                body_start(body.as_deref().unwrap_or_default())
            )?,
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request-id {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for GraphError {}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn an_odata_error_keeps_everything_it_is_sent() {
        let body = json!({"error": {
            "code": "Request_ResourceNotFound",
            "message": "Resource 'x' does not exist.",
            "details": [{"code": "d", "message": "m", "extra": 1}],
            "innerError": {
                "date": "2024-01-02T03:04:05",
                "request-id": "r-1",
                "client-request-id": "c-1",
                "innerError": {"code": "deeper"},
                "unknownThing": true
            },
            "somethingNew": [1]
        }});
        let text = serde_json::to_vec(&body).unwrap();
        let e = GraphError::from_response(StatusCode::NOT_FOUND, &HeaderMap::new(), &text);
        let odata = e.error.as_ref().unwrap();
        assert_eq!(odata.code, "Request_ResourceNotFound");
        assert_eq!(odata.details[0].additional_properties["extra"], json!(1));
        let inner = odata.inner_error.as_ref().unwrap();
        assert_eq!(inner.date.as_deref(), Some("2024-01-02T03:04:05"));
        assert_eq!(inner.inner_error.as_ref().unwrap().code.as_deref(), Some("deeper"));
        assert_eq!(inner.additional_properties["unknownThing"], json!(true));
        assert_eq!(odata.additional_properties["somethingNew"], json!([1]));
        // Without headers the ids come from the inner error.
        assert_eq!(e.request_id.as_deref(), Some("r-1"));
        assert_eq!(e.client_request_id.as_deref(), Some("c-1"));
        assert_eq!(e.body, None);
        assert_eq!(
            serde_json::to_value(ODataErrorResponse { error: odata.clone() }).unwrap(),
            body
        );
        assert_eq!(
            e.to_string(),
            "the service answered 404 Not Found: Request_ResourceNotFound: Resource 'x' does not exist. (request-id r-1)"
        );
    }

    #[test]
    fn headers_win_over_the_body_for_ids() {
        let body = br#"{"error":{"code":"c","message":"m","innerError":{"request-id":"from-body"}}}"#;
        let e = GraphError::from_response(
            StatusCode::BAD_REQUEST,
            &headers(&[("request-id", "from-header")]),
            body,
        );
        assert_eq!(e.request_id.as_deref(), Some("from-header"));
    }

    #[test]
    fn a_body_that_is_not_an_odata_error_is_kept_and_quoted() {
        let html = format!("<html><body>{}</body></html>", "x".repeat(500));
        let e = GraphError::from_response(
            StatusCode::BAD_GATEWAY,
            &headers(&[("content-type", "text/html"), ("request-id", "r-9")]),
            html.as_bytes(),
        );
        assert_eq!(e.error, None);
        assert_eq!(e.body.as_deref(), Some(html.as_bytes()));
        let message = e.to_string();
        assert!(
            message.starts_with(
                "the service answered 502 Bad Gateway with a body that is not an OData error (content type text/html): `<html><body>xxx"
            ),
            "{message}"
        );
        assert!(message.ends_with("…` (request-id r-9)"), "{message}");
        // Other JSON, invalid UTF-8, nothing at all: never a panic.
        for body in [&br#"{"message":"throttled"}"#[..], b"\xff\xfe\x00", b""] {
            let e = GraphError::from_response(StatusCode::TOO_MANY_REQUESTS, &HeaderMap::new(), body);
            assert_eq!(e.body.as_deref(), Some(body));
            assert!(e
                .to_string()
                .starts_with("the service answered 429 Too Many Requests with"));
        }
    }

    #[test]
    fn body_start_cuts_on_a_character_boundary() {
        let text = "é".repeat(300);
        let start = body_start(text.as_bytes());
        assert_eq!(start.chars().count(), QUOTED + 1);
        assert!(start.ends_with('…'));
    }
}
