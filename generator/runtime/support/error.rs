//! The one error type of the support code, and the error for text that does
//! not parse as an OData primitive value.
//!
//! [`Error`] keeps building a request and reading its response apart: the
//! first kinds say `cannot build the request`, the others are the service's
//! error answer ([`GraphError`]) or a success body that does not read
//! ([`BodyError`]).

use http::StatusCode;
use std::fmt;

use super::odata_error::{body_start, GraphError};

/// Anything that can go wrong while building a request or reading its
/// response.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A path parameter was empty; sending it would drop a path segment and
    /// address a different resource.
    #[error("cannot build the request: path parameter `{name}` is empty")]
    EmptyPathParameter {
        /// The parameter name as written in the documented path.
        name: &'static str,
    },
    /// A path parameter was `.` or `..`: URLs read such a segment as a step
    /// in the path (even percent-encoded), so it would address a different
    /// resource.
    #[error(
        "cannot build the request: path parameter `{name}` is `.` or `..`, which a URL reads as a step in the path"
    )]
    DotPathParameter {
        /// The parameter name as written in the documented path.
        name: &'static str,
    },
    /// The request body could not be serialised as JSON.
    #[error("cannot build the request: the body does not serialise as JSON: {0}")]
    RequestBody(serde_json::Error),
    /// A header name was not valid.
    #[error("cannot build the request: invalid header name: {0}")]
    InvalidHeaderName(#[from] http::header::InvalidHeaderName),
    /// A header value was not valid.
    #[error("cannot build the request: invalid header value: {0}")]
    InvalidHeaderValue(#[from] http::header::InvalidHeaderValue),
    /// The URL built from the base, path and query was not a valid URI.
    #[error("cannot build the request: invalid URI: {0}")]
    InvalidUri(#[from] http::uri::InvalidUri),
    /// A JSON batch that Graph would refuse (too many requests, a repeated
    /// id, a dependency on an unknown id, ...).
    #[error("cannot build the request: invalid batch: {0}")]
    InvalidBatch(String),
    /// The response status is not a success: the service's error, with the
    /// OData error body when there is one.
    #[error("{0}")]
    Graph(Box<GraphError>),
    /// A success response whose body does not read as the expected type.
    #[error("{0}")]
    ResponseBody(Box<BodyError>),
}

impl Error {
    /// True for errors found while building a request (nothing was sent).
    pub fn is_request(&self) -> bool {
        !matches!(self, Error::Graph(_) | Error::ResponseBody(_))
    }

    /// The response status, for errors about a response.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Graph(e) => Some(e.status),
            Error::ResponseBody(e) => Some(e.status),
            _ => None,
        }
    }

    /// The service's error answer, if this is one.
    pub fn graph_error(&self) -> Option<&GraphError> {
        match self {
            Error::Graph(e) => Some(e),
            _ => None,
        }
    }
}

impl From<GraphError> for Error {
    fn from(e: GraphError) -> Self {
        Error::Graph(Box::new(e))
    }
}

impl From<BodyError> for Error {
    fn from(e: BodyError) -> Self {
        Error::ResponseBody(Box::new(e))
    }
}

/// A success response whose body is not JSON, or not JSON of the expected
/// type.
#[derive(Debug)]
pub struct BodyError {
    /// The status of the response.
    pub status: StatusCode,
    /// The `Content-Type` response header.
    pub content_type: Option<String>,
    /// The first characters of the body.
    pub body_start: String,
    /// Why the body does not read.
    pub source: serde_json::Error,
}

impl BodyError {
    /// An error for `body`, received with `status` and `content_type`.
    pub fn new(status: StatusCode, content_type: Option<String>, body: &[u8], source: serde_json::Error) -> Self {
        BodyError {
            status,
            content_type,
            body_start: body_start(body),
            source,
        }
    }
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot read the {} response body (content type {}): {}; the body starts `{}`",
            self.status,
            self.content_type.as_deref().unwrap_or("none"),
            self.source,
            self.body_start
        )
    }
}

impl std::error::Error for BodyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// Text that is not a valid value of an OData primitive type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {kind} value `{text}`")]
pub struct ParseError {
    /// The OData type that was expected, such as `Edm.DateTimeOffset`.
    pub kind: &'static str,
    /// The text that was rejected.
    pub text: String,
}

impl ParseError {
    /// Creates an error for `text` that is not a valid `kind`.
    pub fn new(kind: &'static str, text: &str) -> Self {
        Self {
            kind,
            text: text.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_culprit() {
        let e = Error::EmptyPathParameter { name: "user-id" };
        assert_eq!(
            e.to_string(),
            "cannot build the request: path parameter `user-id` is empty"
        );
        assert!(e.is_request());
        assert_eq!(e.status(), None);
        let p = ParseError::new("Edm.Date", "2021-13-01");
        assert_eq!(p.to_string(), "invalid Edm.Date value `2021-13-01`");
    }

    #[test]
    fn response_errors_say_they_are_about_the_response() {
        let source = serde_json::from_slice::<serde_json::Value>(b"<html>").unwrap_err();
        let e = Error::from(BodyError::new(
            StatusCode::OK,
            Some("text/html".into()),
            b"<html>",
            source,
        ));
        assert!(!e.is_request());
        assert_eq!(e.status(), Some(StatusCode::OK));
        let message = e.to_string();
        assert!(
            message.starts_with("cannot read the 200 OK response body (content type text/html): expected value"),
            "{message}"
        );
        assert!(message.ends_with("; the body starts `<html>`"), "{message}");
    }
}
