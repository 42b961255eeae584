//! Upload sessions on the local Graph over 127.0.0.1: `createUploadSession`
//! answers an upload URL leading back to the server, which takes the byte
//! ranges in order (202 with `nextExpectedRanges`, 201 at the end, 416 out of
//! order); a seeded `drop-range` rule drops ranges (202, not kept) the same
//! way for one seed, and a client resuming from `nextExpectedRanges` ends
//! with the whole file.

use msgraph_mock::{FaultPlan, Graph, Options, Server, FAULT_HEADER};
use reqwest::blocking::{Client, Response};
use serde_json::{json, Value};

const PAGE: &str = r#"---
title: "driveItem: createUploadSession"
doc_type: apiPageType
---

# driveItem: createUploadSession

Create an upload session.

## HTTP request

```http
POST /me/drive/items/{itemId}/createUploadSession
```

## Response

If successful, the response is `200 OK` and an uploadSession object.

## Example

### Request

<!-- { "blockType": "request", "name": "upload-fragment-create-session" } -->
```http
POST https://graph.microsoft.com/v1.0/me/drive/items/01ABC/createUploadSession
Content-Type: application/json

{}
```

### Response

<!-- { "blockType": "response" } -->
```http
HTTP/1.1 200 OK
Content-Type: application/json

{
  "uploadUrl": "https://sn3302.up.1drv.com/up/fe6987415ace7X4e1eF866337",
  "expirationDateTime": "2015-01-29T09:21:55.523Z"
}
```
"#;

fn start(seed: u64, rules: &[&str]) -> (Server, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("api")).unwrap();
    std::fs::write(dir.path().join("api/driveitem-createuploadsession.md"), PAGE).unwrap();
    let graph = Graph::load(dir.path(), None).expect("the page loads");
    let faults = FaultPlan::parse(seed, rules.iter().copied()).unwrap();
    let options = Options {
        faults,
        ..Options::default()
    };
    (Server::start(graph, options).expect("the server starts"), dir)
}

fn session(server: &Server) -> String {
    let response = Client::new()
        .post(format!("{}/me/drive/items/01ABC/createUploadSession", server.url()))
        .bearer_auth("local")
        .json(&json!({}))
        .send()
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().unwrap();
    assert_eq!(body["nextExpectedRanges"], json!(["0-"]));
    let url = body["uploadUrl"].as_str().unwrap().to_string();
    assert!(url.starts_with(&format!("http://{}/", server.addr())), "{url}");
    url
}

/// Sends `content[start..start + len]` (no `Authorization`, as to Graph's upload URLs).
fn put(url: &str, content: &[u8], start: usize, len: usize) -> Response {
    let end = (start + len).min(content.len());
    Client::new()
        .put(url)
        .header("Content-Range", format!("bytes {start}-{}/{}", end - 1, content.len()))
        .body(content[start..end].to_vec())
        .send()
        .unwrap()
}

fn next_offset(body: &Value) -> usize {
    let first = body["nextExpectedRanges"][0].as_str().unwrap();
    first.trim_end_matches('-').parse().unwrap()
}

/// Uploads `content` in chunks of `chunk`, resuming from what the server
/// says it wants; the statuses seen and the final item.
fn upload(url: &str, content: &[u8], chunk: usize) -> (Vec<(u16, bool)>, Value) {
    let mut seen = Vec::new();
    let mut offset = 0;
    for _ in 0..100 {
        let response = put(url, content, offset, chunk);
        let status = response.status().as_u16();
        seen.push((status, response.headers().contains_key(FAULT_HEADER)));
        let body: Value = response.json().unwrap();
        match status {
            202 => offset = next_offset(&body),
            201 => return (seen, body),
            other => panic!("{other}: {body}"),
        }
    }
    panic!("the upload ends: {seen:?}")
}

#[test]
fn ranges_in_order_make_the_file() {
    let (server, _dir) = start(0, &[]);
    let url = session(&server);
    let content: Vec<u8> = (0..1000u32).map(|i| i as u8).collect();
    let (seen, item) = upload(&url, &content, 300);
    assert_eq!(seen, [(202, false), (202, false), (202, false), (201, false)]);
    assert_eq!(item["size"], 1000);
    // The session is over.
    assert_eq!(Client::new().get(&url).send().unwrap().status(), 404);
}

#[test]
fn a_range_out_of_order_is_a_416_and_the_state_says_what_is_wanted() {
    let (server, _dir) = start(0, &[]);
    let url = session(&server);
    let content = vec![7u8; 100];
    assert_eq!(put(&url, &content, 0, 40).status(), 202);
    assert_eq!(put(&url, &content, 60, 40).status(), 416);
    let state: Value = Client::new().get(&url).send().unwrap().json().unwrap();
    assert_eq!(state["nextExpectedRanges"], json!(["40-"]));
    assert_eq!(Client::new().delete(&url).send().unwrap().status(), 204);
    assert_eq!(put(&url, &content, 40, 60).status(), 404);
}

#[test]
fn dropped_ranges_are_resent_from_next_expected_ranges_the_same_for_one_seed() {
    let rule = ["drop-range:40%@POST /me/drive/items/{id}/createUploadSession"];
    let content: Vec<u8> = (0..2000u32).map(|i| (i * 7) as u8).collect();
    let (server, _dir) = start(5, &rule);
    let (first, item) = upload(&session(&server), &content, 250);
    assert_eq!(item["size"], 2000);
    assert!(
        first.iter().any(|&(s, fault)| s == 202 && fault),
        "a range was dropped: {first:?}"
    );
    assert_eq!(
        first.iter().filter(|(_, fault)| !fault).count(),
        8,
        "every range kept once"
    );
    let (again, _dir) = start(5, &rule);
    assert_eq!(first, upload(&session(&again), &content, 250).0);
}
