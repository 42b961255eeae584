//! The local Graph over 127.0.0.1 on a few pages and the corpus's CSDL:
//! paths no page documents but the metadata defines are answered as OData
//! says they behave (`msgraph_mock::metadata`), marked `x-mock-answer:
//! metadata`; with state on, what is created there is listed, read,
//! changed, counted and deleted. A path the metadata lacks stays a 404.

use crate::local_graph::send;
use msgraph_mock::{Graph, Options, Server};
use reqwest::blocking::{Client, Response};
use reqwest::StatusCode;
use serde_json::{json, Value};

fn start(stateful: bool) -> Option<Server> {
    let corpus = tests::corpus_or_skip("paths_the_metadata_defines_are_answered")?;
    let pages = tests::root().join("tests/tests/fixtures/mock");
    let graph = Graph::load(&pages, Some(&corpus.join("csdl/v1.0.xml"))).expect("the pages load");
    let options = Options {
        stateful,
        ..Options::default()
    };
    Some(Server::start(graph, options).expect("the server starts on 127.0.0.1"))
}

fn from_metadata(response: &Response) -> bool {
    response.headers().get("x-mock-answer").is_some_and(|v| v == "metadata")
}

#[test]
fn paths_the_metadata_defines_are_answered() {
    let Some(server) = start(true) else { return };
    let (client, base) = (Client::new(), server.url());
    let contacts = format!("{base}/me/contacts");
    let empty = send(&client, reqwest::Method::GET, &contacts, None);
    assert_eq!(empty.status(), StatusCode::OK);
    assert!(from_metadata(&empty));
    assert_eq!(empty.json::<Value>().unwrap(), json!({"value": []}));

    let created = send(
        &client,
        reqwest::Method::POST,
        &contacts,
        Some(json!({"displayName": "Pavel"})),
    );
    assert_eq!(created.status(), StatusCode::CREATED);
    let created: Value = created.json().unwrap();
    let id = created["id"].as_str().expect("an id").to_string();
    assert_eq!(created["displayName"], "Pavel");
    let listed: Value = send(&client, reqwest::Method::GET, &contacts, None).json().unwrap();
    assert_eq!(listed["value"], json!([created]));
    let count = send(&client, reqwest::Method::GET, &format!("{contacts}/$count"), None);
    assert_eq!(count.text().unwrap(), "1");

    let one = format!("{contacts}/{id}");
    let patched = send(
        &client,
        reqwest::Method::PATCH,
        &one,
        Some(json!({"jobTitle": "Engineer"})),
    );
    assert_eq!(patched.status(), StatusCode::NO_CONTENT);
    let read: Value = send(&client, reqwest::Method::GET, &one, None).json().unwrap();
    assert_eq!(
        (read["displayName"].as_str(), read["jobTitle"].as_str()),
        (Some("Pavel"), Some("Engineer"))
    );
    assert_eq!(
        send(&client, reqwest::Method::DELETE, &one, None).status(),
        StatusCode::NO_CONTENT
    );
    let gone = send(&client, reqwest::Method::GET, &one, None);
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
    assert!(gone.text().unwrap().contains("not in the state"));

    // Neither documented nor in the metadata: a 404 naming the nearest paths.
    let unknown = send(&client, reqwest::Method::GET, &format!("{base}/me/contactz"), None);
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    assert!(!from_metadata(&unknown));
    assert!(unknown.text().unwrap().contains("nearest"));
}

#[test]
fn without_state_an_entity_the_metadata_defines_is_its_key() {
    let Some(server) = start(false) else { return };
    let client = Client::new();
    let response = send(
        &client,
        reqwest::Method::GET,
        &format!("{}/users/u1/contacts/c1", server.url()),
        None,
    );
    assert_eq!(response.status(), StatusCode::OK);
    assert!(from_metadata(&response));
    assert_eq!(response.json::<Value>().unwrap(), json!({"id": "c1"}));
}
