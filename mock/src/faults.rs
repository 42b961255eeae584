//! Faults on demand: a route made to answer an error the next N times it is
//! called (429 with `Retry-After`, a 503, an HTML 502 as a gateway gives
//! it, a 404), set from code ([`crate::Server::fault`]) or by the program
//! under test over HTTP: `POST /$mock/faults` with
//! `{"route": "GET /users", "status": 503, "times": 1}` (optional `body`,
//! `contentType`, `retryAfter`). A route is an operation's Rust name or
//! `METHOD /template` as documented.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, PoisonError};

use crate::error::ODataError;

/// One fault: the answer to give instead of the documented one.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Fault {
    /// The status (400-599).
    pub status: u16,
    /// How many requests get it (1 when not given).
    #[serde(default = "once")]
    pub times: u32,
    /// The body as sent; an OData error naming the status when absent.
    #[serde(default)]
    pub body: Option<String>,
    /// The `Content-Type` of `body` (`text/plain` when not given).
    #[serde(default)]
    pub content_type: Option<String>,
    /// `Retry-After` in seconds (on a 429 the server's own when not given).
    #[serde(default)]
    pub retry_after: Option<u64>,
}

fn once() -> u32 {
    1
}

impl Fault {
    /// A 429 with `Retry-After`, `times` times.
    pub fn throttle(times: u32) -> Fault {
        Fault {
            status: 429,
            times,
            body: None,
            content_type: None,
            retry_after: None,
        }
    }

    /// The response, with the server's `Retry-After` for a 429 that names none.
    pub(crate) fn response(&self, operation: &str, server_retry_after: u64) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = match &self.body {
            Some(body) => {
                let mut r = (status, body.clone()).into_response();
                let content_type = self.content_type.as_deref().unwrap_or("text/plain");
                if let Ok(v) = HeaderValue::from_str(content_type) {
                    r.headers_mut().insert(header::CONTENT_TYPE, v);
                }
                r
            }
            None => ODataError::new(
                status.as_u16(),
                code(status),
                format!("`{operation}` answers {status} on demand (a fault set on the local Graph)"),
            )
            .into_response(),
        };
        let retry_after = self
            .retry_after
            .or((status == StatusCode::TOO_MANY_REQUESTS).then_some(server_retry_after));
        if let Some(seconds) = retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, seconds.into());
        }
        response
    }
}

/// The OData error code Graph gives with a status.
fn code(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "BadRequest",
        401 => "InvalidAuthenticationToken",
        403 => "Authorization_RequestDenied",
        404 => "ResourceNotFound",
        409 => "Conflict",
        412 => "PreconditionFailed",
        429 => "TooManyRequests",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => "generalException",
    }
}

/// `POST /$mock/faults`: the route and the fault's fields.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct FaultRequest {
    pub route: String,
    status: u16,
    #[serde(default = "once")]
    times: u32,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    content_type: Option<String>,
    #[serde(default)]
    retry_after: Option<u64>,
}

impl FaultRequest {
    pub fn fault(&self) -> Fault {
        Fault {
            status: self.status,
            times: self.times,
            body: self.body.clone(),
            content_type: self.content_type.clone(),
            retry_after: self.retry_after,
        }
    }
}

/// Faults still to give, by operation index, in the order they were set.
#[derive(Debug, Default)]
pub(crate) struct Faults(Mutex<HashMap<usize, VecDeque<Fault>>>);

impl Faults {
    pub fn add(&self, op: usize, fault: Fault) {
        if fault.times == 0 {
            return;
        }
        let mut faults = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        faults.entry(op).or_default().push_back(fault);
    }

    /// Takes one answer of the operation's first fault, if any is left.
    pub fn take(&self, op: usize) -> Option<Fault> {
        let mut faults = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let queue = faults.get_mut(&op)?;
        let first = queue.front_mut()?;
        let fault = first.clone();
        first.times -= 1;
        if first.times == 0 {
            queue.pop_front();
        }
        Some(fault)
    }
}

/// Checks a fault set over HTTP.
pub(crate) fn check(fault: &Fault) -> Result<(), ODataError> {
    if !(400..=599).contains(&fault.status) {
        let mut error = ODataError::new(
            400,
            "BadRequest",
            format!("a fault's status is 400-599, not {}", fault.status),
        );
        error.target = Some("status".into());
        return Err(error);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_are_given_in_order_each_as_many_times_as_asked() {
        let faults = Faults::default();
        faults.add(3, Fault::throttle(2));
        faults.add(
            3,
            Fault {
                status: 503,
                ..Fault::throttle(1)
            },
        );
        let statuses: Vec<Option<u16>> = (0..4).map(|_| faults.take(3).map(|f| f.status)).collect();
        assert_eq!(statuses, [Some(429), Some(429), Some(503), None]);
        assert!(faults.take(4).is_none());
    }

    #[test]
    fn a_fault_reads_from_json_with_its_defaults() {
        let r: FaultRequest =
            serde_json::from_str(r#"{"route":"GET /users","status":502,"body":"<html/>","contentType":"text/html"}"#)
                .unwrap();
        let fault = r.fault();
        assert_eq!((r.route.as_str(), fault.status, fault.times), ("GET /users", 502, 1));
        assert_eq!(fault.content_type.as_deref(), Some("text/html"));
        assert!(serde_json::from_str::<FaultRequest>(r#"{"route":"x","status":500,"tmes":2}"#).is_err());
        assert!(check(&Fault {
            status: 200,
            ..Fault::throttle(1)
        })
        .is_err());
    }
}
