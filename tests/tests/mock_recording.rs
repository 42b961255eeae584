//! What the application sent, as the local Graph received it over
//! 127.0.0.1: `Server::requests()` in order (method, URL, headers, body),
//! and the same as JSON lines in the file `Options::log` names
//! (`cargo xtask mock --log F`).

use msgraph_mock::{Graph, Options, Recorded, Server};
use reqwest::blocking::Client;
use serde_json::{json, Value};

fn start(options: Options) -> Server {
    let dir = tests::root().join("tests/tests/fixtures/mock");
    let graph = Graph::load(&dir, None).expect("the fixture pages load");
    Server::start(graph, options).expect("the server starts on 127.0.0.1")
}

/// Two requests an application sends: a list with a query, then a create.
fn send_two(server: &Server) {
    let client = Client::new();
    let listed = client
        .get(format!("{}/users?$top=2", server.url()))
        .bearer_auth("app-token")
        .header("client-request-id", "r-1")
        .send()
        .unwrap();
    assert_eq!(listed.status(), 200);
    let created = client
        .post(format!("{}/users", server.url()))
        .bearer_auth("app-token")
        .json(&json!({"displayName": "Nina", "accountEnabled": true}))
        .send()
        .unwrap();
    assert_eq!(created.status(), 201);
}

fn assert_the_two(requests: &[Recorded]) {
    assert_eq!(requests.len(), 2, "{requests:?}");
    let (list, create) = (&requests[0], &requests[1]);
    assert_eq!((list.method.as_str(), list.url.as_str()), ("GET", "/v1.0/users?$top=2"));
    assert_eq!(list.header("Authorization"), Some("Bearer app-token"));
    assert_eq!(list.header("client-request-id"), Some("r-1"));
    assert_eq!(list.body, None);
    assert_eq!((create.method.as_str(), create.url.as_str()), ("POST", "/v1.0/users"));
    assert_eq!(create.header("content-type"), Some("application/json"));
    assert_eq!(
        create.body,
        Some(json!({"displayName": "Nina", "accountEnabled": true}))
    );
}

#[test]
fn the_test_reads_the_requests_the_app_sent() {
    let server = start(Options::default());
    assert!(server.requests().is_empty());
    send_two(&server);
    assert_the_two(&server.requests());

    // A body that is not JSON is kept as its text; a refused request is kept too.
    let refused = Client::new()
        .post(format!("{}/users", server.url()))
        .body("not json")
        .send()
        .unwrap();
    assert_eq!(refused.status(), 401);
    let requests = server.requests();
    assert_eq!(requests[2].body, Some(json!("not json")));
    assert_eq!(requests[2].header("authorization"), None);
    server.shutdown().unwrap();
}

#[test]
fn the_requests_are_written_as_json_lines() {
    let log = std::env::temp_dir().join(format!("msgraph-mock-log-{}.jsonl", std::process::id()));
    let server = start(Options {
        record: false,
        log: Some(log.clone()),
        ..Options::default()
    });
    send_two(&server);
    server.shutdown().unwrap();
    let text = std::fs::read_to_string(&log).expect("the log is written");
    std::fs::remove_file(&log).ok();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    let requests: Vec<Recorded> = lines
        .iter()
        .map(|l| Recorded {
            method: l["method"].as_str().unwrap().into(),
            url: l["url"].as_str().unwrap().into(),
            headers: serde_json::from_value(l["headers"].clone()).unwrap(),
            body: Some(l["body"].clone()).filter(|b| !b.is_null()),
        })
        .collect();
    assert_the_two(&requests);
}

#[test]
fn a_log_that_cannot_be_created_is_an_error_at_start() {
    let dir = tests::root().join("tests/tests/fixtures/mock");
    let graph = Graph::load(&dir, None).unwrap();
    let error = Server::start(
        graph,
        Options {
            log: Some(dir.join("no-such-folder/log.jsonl")),
            ..Options::default()
        },
    )
    .expect_err("no folder to write the log in");
    assert_eq!(error.kind(), std::io::ErrorKind::NotFound);
}
