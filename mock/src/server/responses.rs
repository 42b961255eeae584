//! HTTP responses from answers: a documented example's or a user's own
//! (an override), marked with the operation and example that answered.

use super::EXAMPLE_HEADER;
use crate::graph::{Answer, AnswerBody};
use crate::overrides::{Override, OVERRIDE_HEADER};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// Names the operation and the example that answered (`x-mock-operation`,
/// `x-mock-example`: page and line), for whoever debugs a test.
pub(super) fn mark(response: &mut Response, op: &str, answer: &Answer) {
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(op) {
        headers.insert("x-mock-operation", v);
    }
    if !answer.source.is_empty() {
        if let Ok(v) = HeaderValue::from_str(&format!("{}:{}", answer.source, answer.line)) {
            headers.insert(EXAMPLE_HEADER, v);
        }
    }
}

/// A user's own answer as an HTTP response, named in `x-mock-override`.
pub(super) fn override_response(answer: &Override) -> Response {
    let body = match (&answer.body, &answer.text) {
        (Some(json), _) => AnswerBody::Json(json.clone()),
        (None, Some(text)) => AnswerBody::Text(text.clone()),
        (None, None) => AnswerBody::None,
    };
    let headers: Vec<(String, String)> = answer.headers.clone().into_iter().collect();
    let mut response = answer_response(answer.status, &headers, &body);
    if let Ok(v) = HeaderValue::from_str(&answer.source) {
        response.headers_mut().insert(OVERRIDE_HEADER, v);
    }
    response
}

/// A documented answer as an HTTP response.
pub(super) fn answer_response(status: u16, headers: &[(String, String)], body: &AnswerBody) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let no_body = status == StatusCode::NO_CONTENT || status == StatusCode::NOT_MODIFIED;
    let (bytes, content_type) = match body {
        _ if no_body => (Vec::new(), None),
        AnswerBody::None => (Vec::new(), None),
        AnswerBody::Json(v) => (v.to_string().into_bytes(), Some("application/json")),
        AnswerBody::Text(t) => (t.clone().into_bytes(), Some("text/plain")),
    };
    let mut response = (status, bytes).into_response();
    let map = response.headers_mut();
    map.remove(header::CONTENT_TYPE);
    for (name, value) in headers {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name.as_str()), HeaderValue::from_str(value.trim())) {
            if name == header::CONTENT_TYPE && no_body {
                continue;
            }
            map.append(name, value);
        }
    }
    if let Some(content_type) = content_type {
        map.entry(header::CONTENT_TYPE)
            .or_insert(HeaderValue::from_static(content_type));
    }
    response
}
