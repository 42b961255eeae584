//! The client's one error type: a request that could not be built, the
//! service's error answer (status, OData error, `request-id`, raw body), a
//! body that does not read, a token that could not be had, or a request
//! that could not be sent.

use http::StatusCode;

use super::token::TokenError;
use crate::support::{self, GraphError, ODataError};

/// Anything that can go wrong sending a request with the client.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Building the request or reading the response failed; the service's
    /// error answers are [`support::Error::Graph`].
    #[error(transparent)]
    Graph(#[from] support::Error),
    /// The token source failed (its error is the source: an
    /// [`super::IdentityError`] for the identity platform's answers).
    #[error("cannot get an access token: {0}")]
    Token(#[source] TokenError),
    /// The request could not be sent or its response not received.
    #[error("cannot send the request: {0}")]
    Transport(#[from] reqwest::Error),
    /// An upload session went wrong in a way that is not an error status.
    #[error("upload session: {0}")]
    Upload(String),
}

impl Error {
    /// The service's error answer, if this is one.
    pub fn graph_error(&self) -> Option<&GraphError> {
        match self {
            Error::Graph(e) => e.graph_error(),
            _ => None,
        }
    }

    /// The HTTP status of the response, if one was received.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Graph(e) => e.status(),
            Error::Transport(e) => e.status(),
            _ => None,
        }
    }

    /// Whether an attempt ran past the client's timeout
    /// ([`super::ClientBuilder::timeout`]).
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Transport(e) if e.is_timeout())
    }

    /// The OData error of the service's answer.
    pub fn odata_error(&self) -> Option<&ODataError> {
        self.graph_error()?.error.as_ref()
    }

    /// The `request-id` of the service's answer, to quote in a support case.
    pub fn request_id(&self) -> Option<&str> {
        self.graph_error()?.request_id.as_deref()
    }

    /// The body of the service's answer when it is not an OData error.
    pub fn raw_body(&self) -> Option<&[u8]> {
        self.graph_error()?.body.as_deref()
    }
}
