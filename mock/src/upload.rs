//! Large-file upload sessions: a documented answer holding an `uploadUrl`
//! (`createUploadSession` of a drive item, an attachment, a print document)
//! opens a session whose URL leads back to the server
//! (`/$mock/upload/{n}`), and the byte ranges are taken there as the service
//! takes them: `PUT` with `Content-Range: bytes a-b/total`, in order, each
//! answered 202 with `nextExpectedRanges` until the last, answered 201; a
//! range that does not start at the next expected byte is a 416; `GET` gives
//! the session's state, `DELETE` ends it. The upload URL needs no
//! `Authorization`, as Graph's does not. A `drop-range` fault rule
//! (`crate::fault_rules`) on the operation that opened the session makes a
//! share of the ranges answer 202 without being kept, so the client must
//! resume from `nextExpectedRanges`.

use crate::error::ODataError;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use std::sync::{Mutex, PoisonError};

/// Where upload URLs lead, followed by the session's number.
pub const UPLOAD_PATH: &str = "/$mock/upload/";

const EXPIRATION: &str = "2099-01-01T00:00:00Z";

/// The sessions opened so far, by number.
#[derive(Debug, Default)]
pub(crate) struct Uploads(Mutex<Vec<Session>>);

#[derive(Debug, Clone)]
struct Session {
    /// The operation that opened it (for `drop-range` rules).
    op: usize,
    expiration: String,
    /// The file's size, once a range has said it.
    total: Option<u64>,
    /// The next byte wanted: every byte before it was kept.
    next: u64,
    ended: bool,
}

/// What a `PUT` of a range meets: kept, or answered as kept but dropped.
pub(crate) enum Range {
    Keep,
    /// Dropped, with the header value naming the fault.
    Drop(String),
}

impl Uploads {
    /// Opens a session for an answer holding an `uploadUrl`: the URL leads
    /// back to `base` (`http://host`) and `nextExpectedRanges` is `["0-"]`.
    pub fn open(&self, op: usize, base: &str, body: &mut Value) {
        let Some(object) = body.as_object_mut().filter(|o| o.contains_key("uploadUrl")) else {
            return;
        };
        let mut sessions = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let expiration = object
            .get("expirationDateTime")
            .and_then(Value::as_str)
            .unwrap_or(EXPIRATION)
            .to_string();
        sessions.push(Session {
            op,
            expiration,
            total: None,
            next: 0,
            ended: false,
        });
        let url = format!("{base}{UPLOAD_PATH}{}", sessions.len());
        object.insert("uploadUrl".into(), Value::String(url));
        object.insert("nextExpectedRanges".into(), json!(["0-"]));
    }

    /// A request to an upload URL (`rest` is what follows [`UPLOAD_PATH`]);
    /// `range` says what a `PUT` meets.
    pub fn answer(
        &self,
        method: &axum::http::Method,
        rest: &str,
        headers: &HeaderMap,
        body: &[u8],
        range: impl FnOnce(usize) -> Range,
    ) -> Result<Response, ODataError> {
        let not_found = || ODataError::new(404, "itemNotFound", format!("no upload session `{rest}` is open"));
        let n: usize = rest.parse().map_err(|_| not_found())?;
        let mut sessions = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let session = n
            .checked_sub(1)
            .and_then(|i| sessions.get_mut(i))
            .filter(|s| !s.ended)
            .ok_or_else(not_found)?;
        match *method {
            axum::http::Method::GET => Ok(state(session, StatusCode::OK)),
            axum::http::Method::DELETE => {
                session.ended = true;
                Ok(StatusCode::NO_CONTENT.into_response())
            }
            axum::http::Method::PUT => {
                let (start, end, total) = content_range(headers, body.len())?;
                if session.total.is_some_and(|t| t != total) {
                    return Err(bad_range(format!(
                        "the file is {} bytes, not {total}",
                        session.total.unwrap_or_default()
                    )));
                }
                session.total = Some(total);
                if start != session.next {
                    let mut error = ODataError::new(
                        416,
                        "invalidRange",
                        format!(
                            "the range {start}-{end} does not start at the next expected byte, {}",
                            session.next
                        ),
                    );
                    error.target = Some("Content-Range".into());
                    return Err(error);
                }
                if let Range::Drop(fault) = range(session.op) {
                    let mut response = state(session, StatusCode::ACCEPTED);
                    if let Ok(v) = HeaderValue::from_str(&fault) {
                        response.headers_mut().insert(crate::fault_draws::FAULT_HEADER, v);
                    }
                    return Ok(response);
                }
                session.next = end + 1;
                if session.next < total {
                    return Ok(state(session, StatusCode::ACCEPTED));
                }
                session.ended = true;
                let item = json!({ "id": format!("upload-{n}"), "size": total });
                let mut response = (StatusCode::CREATED, item.to_string()).into_response();
                response
                    .headers_mut()
                    .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
                Ok(response)
            }
            _ => Err(ODataError::new(
                405,
                "MethodNotAllowed",
                "an upload URL takes PUT, GET and DELETE",
            )),
        }
    }
}

/// The session's state: its expiration and the ranges still wanted.
fn state(session: &Session, status: StatusCode) -> Response {
    let body = json!({
        "expirationDateTime": session.expiration,
        "nextExpectedRanges": [format!("{}-", session.next)],
    });
    let mut response = (status, body.to_string()).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

fn bad_range(message: String) -> ODataError {
    let mut error = ODataError::new(400, "invalidRequest", message);
    error.target = Some("Content-Range".into());
    error
}

/// `Content-Range: bytes a-b/total` of a body of `len` bytes.
fn content_range(headers: &HeaderMap, len: usize) -> Result<(u64, u64, u64), ODataError> {
    let text = headers
        .get(header::CONTENT_RANGE)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| bad_range("a range is sent with `Content-Range: bytes a-b/total`".into()))?;
    let parsed = text
        .trim()
        .strip_prefix("bytes ")
        .and_then(|r| r.split_once('/'))
        .and_then(|(range, total)| {
            let (a, b) = range.split_once('-')?;
            Some((
                a.trim().parse().ok()?,
                b.trim().parse().ok()?,
                total.trim().parse().ok()?,
            ))
        });
    let Some((start, end, total)) = parsed.filter(|&(a, b, t): &(u64, u64, u64)| a <= b && b < t) else {
        return Err(bad_range(format!("`Content-Range: {text}` is not `bytes a-b/total`")));
    };
    if end - start + 1 != len as u64 {
        return Err(bad_range(format!(
            "`Content-Range: {text}` is {} bytes, the body {len}",
            end - start + 1
        )));
    }
    Ok((start, end, total))
}
