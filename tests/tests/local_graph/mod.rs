//! What the tests of the local Graph over 127.0.0.1 share: one request,
//! with the bearer token the server asks for and an optional JSON body.

use reqwest::blocking::{Client, Response};
use serde_json::Value;

/// Sends `method url` (with `body` as JSON when given) and gives the response.
pub fn send(client: &Client, method: reqwest::Method, url: &str, body: Option<Value>) -> Response {
    let request = client.request(method, url).bearer_auth("local");
    match body {
        Some(body) => request.json(&body),
        None => request,
    }
    .send()
    .unwrap()
}
