//! `POST /$batch`: a JSON batch of up to 20 requests, each answered as if it
//! were sent alone (checked, routed, faults drawn, the user's answers), all
//! in one 200 `{"responses": [...]}` in request order, as Graph answers. A
//! part whose `dependsOn` names a part that failed (or none before it)
//! answers 424. So a fault rule fails parts one by one while the batch
//! itself answers 200. Bodies that are not JSON travel as base64 strings,
//! both ways.

use crate::error::ODataError;
use crate::fault_draws::Delay;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Uri};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

/// The batch path after the version prefix.
pub const BATCH_PATH: &str = "/$batch";

/// Graph's limit of requests per batch.
const MAX_PARTS: usize = 20;

#[derive(Debug, Deserialize)]
struct BatchRequest {
    requests: Vec<Part>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Part {
    id: String,
    method: String,
    url: String,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    #[serde(default)]
    body: Option<Value>,
    #[serde(default)]
    depends_on: Vec<String>,
}

/// Answers a batch: each part through `answer` (method, target, headers,
/// body), which gives what the same request sent alone would get.
pub(crate) async fn answer(
    outer: &HeaderMap,
    body: &[u8],
    answer: impl Fn(&str, &Uri, &HeaderMap, &[u8]) -> Response,
) -> Result<Response, ODataError> {
    let batch: BatchRequest = serde_json::from_slice(body).map_err(|e| {
        ODataError::new(
            400,
            "BadRequest",
            format!("a batch is `{{\"requests\": [{{\"id\", \"method\", \"url\", ...}}]}}`: {e}"),
        )
    })?;
    if batch.requests.len() > MAX_PARTS {
        return Err(ODataError::new(
            400,
            "BadRequest",
            format!(
                "a batch holds at most {MAX_PARTS} requests, not {}",
                batch.requests.len()
            ),
        ));
    }
    let mut ids = std::collections::HashSet::new();
    if let Some(part) = batch.requests.iter().find(|p| !ids.insert(p.id.as_str())) {
        return Err(ODataError::new(
            400,
            "BadRequest",
            format!("the batch has two requests with the id `{}`", part.id),
        ));
    }
    let mut succeeded: HashMap<&str, bool> = HashMap::new();
    let mut responses = Vec::new();
    let mut delay = Duration::ZERO;
    for part in &batch.requests {
        let failed_dependency = part
            .depends_on
            .iter()
            .find(|d| succeeded.get(d.as_str()) != Some(&true));
        let response = match failed_dependency {
            Some(d) => ODataError::new(
                424,
                "FailedDependency",
                format!("the request `{d}` this one depends on failed or was not sent before it"),
            )
            .into_response(),
            None => match part_request(outer, part) {
                Ok((uri, headers, body)) => answer(&part.method, &uri, &headers, &body),
                Err(error) => error.into_response(),
            },
        };
        let (value, part_delay) = part_response(&part.id, response).await;
        delay += part_delay;
        succeeded.insert(&part.id, value["status"].as_u64().is_some_and(|s| s < 400));
        responses.push(value);
    }
    let mut response = json!({ "responses": responses }).to_string().into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if !delay.is_zero() {
        response.extensions_mut().insert(Delay(delay));
    }
    Ok(response)
}

/// A part as a request: its target (a relative URL, or an absolute one on
/// any host), the outer request's `Authorization` and its own headers, its
/// body as bytes.
fn part_request(outer: &HeaderMap, part: &Part) -> Result<(Uri, HeaderMap, Vec<u8>), ODataError> {
    let url = part.url.trim();
    let target = match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]).to_string(),
        None => format!("/{}", url.trim_start_matches('/')),
    };
    let bad = |what: String| {
        let mut error = ODataError::new(400, "BadRequest", what);
        error.target = Some("url".into());
        error
    };
    let uri: Uri = target
        .parse()
        .map_err(|e| bad(format!("the batch request url `{url}` is not a URL: {e}")))?;
    let mut headers = HeaderMap::new();
    for name in [header::AUTHORIZATION, header::HOST] {
        if let Some(v) = outer.get(&name) {
            headers.insert(name, v.clone());
        }
    }
    for (name, value) in &part.headers {
        if let (Ok(n), Ok(v)) = (HeaderName::try_from(name.as_str()), HeaderValue::from_str(value)) {
            headers.insert(n, v);
        }
    }
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(is_json);
    let body = match &part.body {
        None => Vec::new(),
        Some(Value::String(s)) if !json => base64::engine::general_purpose::STANDARD
            .decode(s)
            .unwrap_or_else(|_| s.clone().into_bytes()),
        Some(v) => v.to_string().into_bytes(),
    };
    Ok((uri, headers, body))
}

/// A part's answer as the batch writes it: `id`, `status`, `headers`,
/// `body` (JSON, or base64 for other content); and its delay.
async fn part_response(id: &str, response: Response) -> (Value, Duration) {
    let (parts, body) = response.into_parts();
    let delay = parts.extensions.get::<Delay>().map_or(Duration::ZERO, |d| d.0);
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
    let mut headers = Map::new();
    for (name, value) in &parts.headers {
        if name == header::CONTENT_LENGTH {
            continue;
        }
        let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
        match headers.get_mut(name.as_str()) {
            Some(Value::String(s)) => *s = format!("{s}, {value}"),
            _ => {
                headers.insert(name.as_str().to_string(), Value::String(value));
            }
        }
    }
    let content_type = parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
    let body = if bytes.is_empty() {
        None
    } else if content_type.is_some_and(is_json) {
        serde_json::from_slice(&bytes).ok()
    } else {
        Some(Value::String(base64::engine::general_purpose::STANDARD.encode(&bytes)))
    };
    let mut value = json!({ "id": id, "status": parts.status.as_u16(), "headers": headers });
    if let Some(body) = body {
        value["body"] = body;
    }
    (value, delay)
}

/// Whether a content type is JSON (`application/json`, with parameters).
fn is_json(content_type: &str) -> bool {
    let t = content_type.split(';').next().unwrap_or_default().trim();
    t.eq_ignore_ascii_case("application/json") || t.to_ascii_lowercase().ends_with("+json")
}
