//! `$batch` on the local Graph over 127.0.0.1: each part answered as if sent
//! alone, in one 200; seeded fault rules fail parts one by one (the same
//! parts for the same seed) while the batch answers 200; a part depending on
//! a failed one answers 424.

use msgraph_mock::Server;
use reqwest::blocking::Client;
use serde_json::{json, Value};

fn start(seed: u64, rules: &[&str]) -> Server {
    tests::mock_with_faults(seed, rules)
}

fn batch(server: &Server, requests: Value) -> (u16, Value) {
    let response = Client::new()
        .post(format!("{}/$batch", server.url()))
        .bearer_auth("local")
        .json(&json!({ "requests": requests }))
        .send()
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().unwrap())
}

fn user(i: usize) -> String {
    format!("/users/11111111-0000-0000-0000-00000000000{}", i % 5 + 1)
}

/// The answers to twelve reads of users, in order.
fn twelve_reads(server: &Server) -> Vec<Value> {
    let requests: Vec<Value> = (0..12)
        .map(|i| json!({"id": i.to_string(), "method": "GET", "url": user(i)}))
        .collect();
    let (status, body) = batch(server, json!(requests));
    assert_eq!(status, 200, "{body}");
    let responses = body["responses"].as_array().unwrap().clone();
    let ids: Vec<&str> = responses.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, (0..12).map(|i| i.to_string()).collect::<Vec<_>>());
    responses
}

fn statuses(parts: &[Value]) -> Vec<u64> {
    parts.iter().map(|r| r["status"].as_u64().unwrap()).collect()
}

#[test]
fn parts_answer_as_if_sent_alone() {
    let server = start(0, &[]);
    let (status, body) = batch(
        &server,
        json!([
            {"id": "a", "method": "GET", "url": "/users/11111111-0000-0000-0000-000000000001"},
            {"id": "b", "method": "GET", "url": "https://graph.microsoft.com/v1.0/no/such/path"},
            {"id": "c", "method": "POST", "url": "users", "headers": {"Content-Type": "application/json"},
             "body": {"notAProperty": 1}}
        ]),
    );
    assert_eq!(status, 200);
    let parts = body["responses"].as_array().unwrap();
    assert_eq!(parts[0]["status"], 200);
    assert_eq!(parts[0]["body"]["id"], "11111111-0000-0000-0000-000000000001");
    assert_eq!(parts[0]["headers"]["x-mock-operation"], "GetUser");
    assert_eq!(parts[1]["status"], 404);
    assert_eq!(parts[2]["status"], 400);
    assert_eq!(parts[2]["body"]["error"]["target"], "notAProperty");
}

#[test]
fn a_fault_rule_fails_parts_one_by_one_the_same_for_one_seed() {
    let rules = ["503:40%@GET /users/{id}"];
    let first = twelve_reads(&start(11, &rules));
    assert_eq!(statuses(&first), statuses(&twelve_reads(&start(11, &rules))));
    assert!(
        statuses(&first).contains(&503) && statuses(&first).contains(&200),
        "{:?}",
        statuses(&first)
    );
    for part in first.iter().filter(|p| p["status"] == 503) {
        assert!(part["headers"]["x-mock-fault"].as_str().unwrap().starts_with("503 by "));
        assert_eq!(part["headers"]["retry-after"], "1");
        assert_eq!(part["body"]["error"]["code"], "ServiceUnavailable");
    }
}

#[test]
fn a_part_depending_on_a_failed_one_answers_424() {
    let server = start(0, &["503@GET /users/{id}"]);
    let (status, body) = batch(
        &server,
        json!([
            {"id": "1", "method": "GET", "url": user(0)},
            {"id": "2", "method": "GET", "url": "/users", "dependsOn": ["1"]},
            {"id": "3", "method": "GET", "url": "/users", "dependsOn": ["9"]},
            {"id": "4", "method": "GET", "url": "/users"}
        ]),
    );
    assert_eq!(status, 200);
    let statuses: Vec<u64> = body["responses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses, [503, 424, 424, 200]);
}

#[test]
fn a_batch_that_is_not_one_is_a_400() {
    let server = start(0, &[]);
    let many: Vec<Value> = (0..21)
        .map(|i| json!({"id": i.to_string(), "method": "GET", "url": "/users"}))
        .collect();
    let (status, body) = batch(&server, json!(many));
    assert_eq!(status, 400);
    assert!(body["error"]["message"].as_str().unwrap().contains("at most 20"));
    let twice = json!([{"id": "1", "method": "GET", "url": "/users"}, {"id": "1", "method": "GET", "url": "/users"}]);
    assert_eq!(batch(&server, twice).0, 400);
    let anonymous = Client::new()
        .post(format!("{}/$batch", server.url()))
        .json(&json!({"requests": []}))
        .send()
        .unwrap();
    assert_eq!(anonymous.status(), 401);
}
