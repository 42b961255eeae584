//! The one error type of the support code, and the error for text that does
//! not parse as an OData primitive value.

/// Anything that can go wrong while building a request.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A path parameter was empty; sending it would drop a path segment and
    /// address a different resource.
    #[error("path parameter `{name}` is empty")]
    EmptyPathParameter {
        /// The parameter name as written in the documented path.
        name: &'static str,
    },
    /// The request body could not be serialised as JSON.
    #[error("cannot serialise the request body as JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// A header name was not valid.
    #[error("invalid header name: {0}")]
    InvalidHeaderName(#[from] http::header::InvalidHeaderName),
    /// A header value was not valid.
    #[error("invalid header value: {0}")]
    InvalidHeaderValue(#[from] http::header::InvalidHeaderValue),
    /// The URL built from the base, path and query was not a valid URI.
    #[error("invalid URI: {0}")]
    InvalidUri(#[from] http::uri::InvalidUri),
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
        assert_eq!(e.to_string(), "path parameter `user-id` is empty");
        let p = ParseError::new("Edm.Date", "2021-13-01");
        assert_eq!(p.to_string(), "invalid Edm.Date value `2021-13-01`");
    }
}
