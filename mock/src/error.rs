//! Errors: the OData error answers (`{"error": {"code": .., "message": ..,
//! ...}}` with the status Graph uses for each), and a route selector naming
//! no documented route ([`UnknownRoute`]).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

/// An error the server answers with.
#[derive(Debug, Clone, PartialEq)]
pub struct ODataError {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
    /// The property or parameter at fault.
    pub target: Option<String>,
    /// Further details (`code`, `message`), such as the nearest paths.
    pub details: Vec<(String, String)>,
}

impl ODataError {
    pub fn new(status: u16, code: &'static str, message: impl Into<String>) -> Self {
        ODataError {
            status,
            code,
            message: message.into(),
            target: None,
            details: Vec::new(),
        }
    }

    pub fn body(&self) -> Value {
        let mut error = json!({ "code": self.code, "message": self.message });
        if let Some(target) = &self.target {
            error["target"] = json!(target);
        }
        if !self.details.is_empty() {
            error["details"] = self
                .details
                .iter()
                .map(|(code, message)| json!({ "code": code, "message": message }))
                .collect();
        }
        json!({ "error": error })
    }
}

impl IntoResponse for ODataError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, self.body().to_string()).into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        response
    }
}

/// A selector that names no documented route.
#[derive(Debug, thiserror::Error)]
#[error("no documented route is `{0}` (give an operation's Rust name or `METHOD /template`)")]
pub struct UnknownRoute(pub String);
