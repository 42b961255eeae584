//! JSON batching (`POST /$batch`): up to [`MAX_BATCH_REQUESTS`] routes in one
//! request, each with an id and the ids it depends on, all of one API
//! version, and the batch response read part by part with each route's own
//! reading. Sans-IO like every route: a [`Batch`] is itself a [`Route`].

use base64::Engine;
use http::header::CONTENT_TYPE;
use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::error::Error;
use super::request::{ApiVersion, Request};
use super::route::Route;

/// The most requests Graph accepts in one batch.
pub const MAX_BATCH_REQUESTS: usize = 20;

/// A JSON batch being built. Its parts are relative to the batch's own
/// version base, so they share one API version: the first part's.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Batch {
    requests: Vec<BatchPart>,
    version: ApiVersion,
}

/// One request of a batch, as sent.
#[derive(Debug, Clone, PartialEq, Serialize)]
struct BatchPart {
    id: String,
    method: String,
    url: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    headers: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<serde_json::Value>,
    #[serde(rename = "dependsOn", skip_serializing_if = "Vec::is_empty")]
    depends_on: Vec<String>,
}

fn invalid(reason: String) -> Error {
    Error::InvalidBatch(reason)
}

/// Whether a content type is JSON (`application/json`, with parameters).
fn is_json(content_type: Option<&str>) -> bool {
    content_type.is_some_and(|t| {
        let t = t.split(';').next().unwrap_or_default().trim();
        t.eq_ignore_ascii_case("application/json") || t.to_ascii_lowercase().ends_with("+json")
    })
}

impl Batch {
    /// An empty batch.
    pub fn new() -> Self {
        Batch::default()
    }

    /// The number of requests.
    pub fn len(&self) -> usize {
        self.requests.len()
    }

    /// True when no request was added.
    pub fn is_empty(&self) -> bool {
        self.requests.is_empty()
    }

    /// The API version of the parts (the first part's), which the batch
    /// itself is sent to.
    pub fn version(&self) -> ApiVersion {
        self.version
    }

    /// Adds a route under `id`.
    pub fn add<R: Route>(&mut self, id: &str, route: &R) -> Result<&mut Self, Error> {
        self.add_request(id, route.to_request()?, &[])
    }

    /// Adds a route under `id` that runs only after the requests `after`
    /// (ids added earlier) succeeded.
    pub fn add_after<R: Route>(&mut self, id: &str, route: &R, after: &[&str]) -> Result<&mut Self, Error> {
        self.add_request(id, route.to_request()?, after)
    }

    /// Adds a request under `id`, after the requests `after`. Fails on a
    /// twenty-first request, a repeated or empty id, a dependency on an id
    /// not added before, a request with an absolute URL (a batch part is
    /// relative to the batch's version base), or one built for another API
    /// version than the parts before (it would be sent to the wrong one).
    pub fn add_request(&mut self, id: &str, request: Request, after: &[&str]) -> Result<&mut Self, Error> {
        if self.requests.len() == MAX_BATCH_REQUESTS {
            return Err(invalid(format!(
                "a batch holds at most {MAX_BATCH_REQUESTS} requests; `{id}` would be one more"
            )));
        }
        if id.is_empty() || self.requests.iter().any(|r| r.id == id) {
            return Err(invalid(format!("the request id `{id}` is empty or already used")));
        }
        if let Some(missing) = after.iter().find(|a| !self.requests.iter().any(|r| r.id == **a)) {
            return Err(invalid(format!(
                "`{id}` depends on `{missing}`, which is not an earlier request of the batch"
            )));
        }
        if request.is_absolute() {
            return Err(invalid(format!(
                "`{id}` has an absolute URL; batch parts are relative to the version base"
            )));
        }
        if !self.requests.is_empty() && request.version != self.version {
            return Err(invalid(format!(
                "`{id}` is built for {}, the batch's parts for {}; a batch is sent to one version, so send it in a batch of its own",
                request.version.as_str(),
                self.version.as_str()
            )));
        }
        let content_type = request.headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok());
        let body = match &request.body {
            None => None,
            Some(bytes) if is_json(content_type) => Some(serde_json::from_slice(bytes).map_err(Error::RequestBody)?),
            Some(bytes) => Some(serde_json::Value::String(
                base64::engine::general_purpose::STANDARD.encode(bytes),
            )),
        };
        let headers = request
            .headers
            .iter()
            .map(|(name, value)| {
                let value = value
                    .to_str()
                    .map_err(|_| invalid(format!("`{id}` has a header `{name}` that is not text")))?;
                Ok((name.as_str().to_owned(), value.to_owned()))
            })
            .collect::<Result<_, Error>>()?;
        self.version = request.version;
        self.requests.push(BatchPart {
            id: id.to_owned(),
            method: request.method.as_str().to_owned(),
            url: request.url(""),
            headers,
            body,
            depends_on: after.iter().map(|a| (*a).to_owned()).collect(),
        });
        Ok(self)
    }
}

impl Route for Batch {
    type Response = BatchResponse;

    fn to_request(&self) -> Result<Request, Error> {
        if self.requests.is_empty() {
            return Err(invalid("a batch needs at least one request".into()));
        }
        Request::new(Method::POST, "/$batch")
            .with_version(self.version)
            .with_json_body(&serde_json::json!({ "requests": self.requests }))
    }
}

/// The response to a batch: one response per request, in any order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BatchResponse {
    /// The responses.
    #[serde(default)]
    pub responses: Vec<BatchPartResponse>,
}

impl BatchResponse {
    /// The response to the request added under `id`.
    pub fn get(&self, id: &str) -> Option<&BatchPartResponse> {
        self.responses.iter().find(|r| r.id == id)
    }
}

/// The response to one request of a batch.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BatchPartResponse {
    /// The id of the request.
    pub id: String,
    /// The HTTP status.
    pub status: u16,
    /// The response headers.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    /// The body: JSON, or a base64 string for other content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<serde_json::Value>,
}

impl BatchPartResponse {
    /// The status (`500` if the service sent one that is not valid).
    pub fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// The headers; one that is not a valid header is left out.
    pub fn headers(&self) -> HeaderMap {
        self.headers
            .iter()
            .filter_map(|(n, v)| {
                Some((
                    HeaderName::from_bytes(n.as_bytes()).ok()?,
                    HeaderValue::from_str(v).ok()?,
                ))
            })
            .collect()
    }

    /// The body as bytes: JSON written out, or the content a base64 string
    /// stands for when the content type is not JSON.
    pub fn body_bytes(&self) -> Vec<u8> {
        let content_type = self
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-type"))
            .map(|(_, v)| v.as_str());
        match &self.body {
            None => Vec::new(),
            Some(serde_json::Value::String(s)) if !is_json(content_type) => base64::engine::general_purpose::STANDARD
                .decode(s)
                .unwrap_or_else(|_| s.clone().into_bytes()),
            Some(value) => serde_json::to_vec(value).unwrap_or_default(),
        }
    }

    /// Reads this part as the response of `R`: its value, or the service's
    /// error for this part.
    pub fn parse<R: Route>(&self) -> Result<R::Response, Error> {
        R::parse_response(self.status(), &self.headers(), &self.body_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{NoContent, RequestRoute};
    use serde_json::json;

    #[test]
    fn a_batch_writes_parts_with_bodies_and_dependencies() {
        let mut batch = Batch::new();
        let create = RequestRoute::<serde_json::Value>::new(
            Request::new(Method::POST, "/groups")
                .with_json_body(&json!({"displayName": "g"}))
                .unwrap(),
        );
        batch.add("1", &create).unwrap();
        let upload = RequestRoute::<serde_json::Value>::new(
            Request::new(Method::PUT, "/me/drive/root:/a.txt:/content")
                .with_body("text/plain", b"hi".to_vec())
                .unwrap(),
        );
        batch.add_after("2", &upload, &["1"]).unwrap();
        let request = batch.to_request().unwrap();
        assert_eq!(request.path, "/$batch");
        assert_eq!(
            request.json_body().unwrap(),
            json!({"requests": [
                {"id": "1", "method": "POST", "url": "/groups",
                 "headers": {"content-type": "application/json"}, "body": {"displayName": "g"}},
                {"id": "2", "method": "PUT", "url": "/me/drive/root:/a.txt:/content",
                 "headers": {"content-type": "text/plain"}, "body": "aGk=", "dependsOn": ["1"]}
            ]})
        );
    }

    #[test]
    fn a_batch_refuses_what_graph_would() {
        let get = RequestRoute::<serde_json::Value>::get("/me");
        let mut batch = Batch::new();
        assert!(matches!(batch.to_request(), Err(Error::InvalidBatch(_))));
        for i in 0..MAX_BATCH_REQUESTS {
            batch.add(&i.to_string(), &get).unwrap();
        }
        let e = batch.add("21", &get).unwrap_err();
        assert!(e.to_string().contains("at most 20 requests"), "{e}");
        let mut batch = Batch::new();
        batch.add("a", &get).unwrap();
        assert!(batch.add("a", &get).is_err());
        assert!(batch
            .add_after("b", &get, &["c"])
            .unwrap_err()
            .to_string()
            .contains("`c`"));
        assert!(batch.add("d", &RequestRoute::<()>::get("https://h/v1.0/me")).is_err());
        assert_eq!(batch.len(), 1);
    }

    #[test]
    fn a_batch_is_of_one_version_and_sent_to_it() {
        let v1 = RequestRoute::<serde_json::Value>::get("/me");
        let beta =
            RequestRoute::<serde_json::Value>::new(Request::new(Method::GET, "/me/x").with_version(ApiVersion::Beta));
        let mut batch = Batch::new();
        batch.add("1", &beta).unwrap();
        assert_eq!(batch.version(), ApiVersion::Beta);
        let e = batch.add("2", &v1).unwrap_err();
        assert!(
            e.to_string()
                .contains("`2` is built for v1.0, the batch's parts for beta"),
            "{e}"
        );
        assert_eq!(batch.len(), 1);
        assert_eq!(batch.to_request().unwrap().version, ApiVersion::Beta);
        let mut batch = Batch::new();
        batch.add("1", &v1).unwrap();
        assert!(batch.add("2", &beta).is_err());
        assert_eq!(batch.to_request().unwrap().version, ApiVersion::V1_0);
    }

    #[test]
    fn parts_read_as_their_routes() {
        let body = json!({"responses": [
            {"id": "2", "status": 404, "headers": {"Content-Type": "application/json"},
             "body": {"error": {"code": "Request_ResourceNotFound", "message": "no"}}},
            {"id": "1", "status": 200, "headers": {"Content-Type": "application/json"}, "body": {"id": "g1"}},
            {"id": "3", "status": 204},
            {"id": "4", "status": 200, "headers": {"Content-Type": "text/plain"}, "body": "aGk="}
        ]});
        let response =
            Batch::parse_response(StatusCode::OK, &HeaderMap::new(), &serde_json::to_vec(&body).unwrap()).unwrap();
        let one = response
            .get("1")
            .unwrap()
            .parse::<RequestRoute<serde_json::Value>>()
            .unwrap();
        assert_eq!(one, json!({"id": "g1"}));
        let two = response
            .get("2")
            .unwrap()
            .parse::<RequestRoute<serde_json::Value>>()
            .unwrap_err();
        assert_eq!(two.graph_error().unwrap().code(), Some("Request_ResourceNotFound"));
        assert_eq!(
            response.get("3").unwrap().parse::<RequestRoute<NoContent>>().unwrap(),
            NoContent
        );
        assert_eq!(response.get("4").unwrap().body_bytes(), b"hi");
        assert!(response.get("5").is_none());
    }
}
