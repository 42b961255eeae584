//! The local Graph with state on, over 127.0.0.1: `$expand` of navigation
//! properties the state holds (entities created below an entity), with the
//! expansion's own `$select`; delta rounds whose `deltaLink` (keeping the
//! round's `$select`) gives what
//! was created, changed and removed since.

use crate::local_graph::send;
use msgraph_mock::{Graph, Options, Server};
use reqwest::blocking::{Client, Response};
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::path::Path;

const ADELE: &str = "11111111-0000-0000-0000-000000000001";
const ALEX: &str = "11111111-0000-0000-0000-000000000002";

/// A page documenting one request to a user's contacts.
fn contacts_page(title: &str, request: &str, body: &str, status: &str, answer: &str) -> String {
    format!(
        r#"---
title: "{title}"
doc_type: apiPageType
---

# {title}

## HTTP request

```http
{request}
```

## Response

If successful, this method returns a `{status}` response code.

## Example

### Request

<!-- {{ "blockType": "request", "name": "{title}" }} -->
```http
{request_example}
{body}
```

### Response

<!-- {{ "blockType": "response" }} -->
```http
HTTP/1.1 {status}
Content-type: application/json

{answer}
```
"#,
        request_example = request
            .replace("{id}", ADELE)
            .replace(' ', " https://graph.microsoft.com/v1.0"),
    )
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The mock fixture pages and a user's contacts (create and list), state on.
fn start() -> (Server, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    copy(&tests::root().join("tests/tests/fixtures/mock"), dir.path());
    let create = contacts_page(
        "Create contact",
        "POST /users/{id}/contacts",
        "Content-type: application/json\n\n{\"displayName\": \"Pavel\", \"email\": \"pavel@contoso.com\"}",
        "201 Created",
        r#"{"id": "c-1", "displayName": "Pavel", "email": "pavel@contoso.com"}"#,
    );
    let list = contacts_page(
        "List contacts",
        "GET /users/{id}/contacts",
        "",
        "200 OK",
        r#"{"value": [{"id": "c-1", "displayName": "Pavel"}]}"#,
    );
    std::fs::write(dir.path().join("api/user-post-contacts.md"), create).unwrap();
    std::fs::write(dir.path().join("api/user-list-contacts.md"), list).unwrap();
    let graph = Graph::load(dir.path(), None).expect("the pages load");
    let options = Options {
        stateful: true,
        ..Options::default()
    };
    (
        Server::start(graph, options).expect("the server starts on 127.0.0.1"),
        dir,
    )
}

fn ok(response: Response) -> Value {
    assert_eq!(response.status(), StatusCode::OK, "{}", response.url());
    response.json().unwrap()
}

fn get(client: &Client, url: &str) -> Value {
    ok(send(client, reqwest::Method::GET, url, None))
}

#[test]
fn expand_puts_in_what_the_state_holds_below_an_entity() {
    let (server, _dir) = start();
    let client = Client::new();
    let base = server.url();
    for (name, email) in [("Ann", "ann@contoso.com"), ("Bo", "bo@contoso.com")] {
        let created = send(
            &client,
            reqwest::Method::POST,
            &format!("{base}/users/{ADELE}/contacts"),
            Some(json!({"displayName": name, "email": email})),
        );
        assert_eq!(created.status(), StatusCode::CREATED);
    }
    let names = |contacts: &Value| -> Vec<String> {
        let list = contacts.as_array().expect("an expanded collection");
        list.iter()
            .map(|c| c["displayName"].as_str().unwrap().to_string())
            .collect()
    };

    let adele = get(&client, &format!("{base}/users/{ADELE}?$expand=contacts"));
    assert_eq!(adele["displayName"], "Adele Vance");
    assert_eq!(names(&adele["contacts"]), ["Ann", "Bo"]);

    let selected = get(
        &client,
        &format!("{base}/users/{ADELE}?$select=displayName&$expand=contacts($select=displayName)"),
    );
    assert_eq!(selected.get("jobTitle"), None, "the entity's own $select");
    let first = selected["contacts"][0].as_object().unwrap();
    let mut keys: Vec<&str> = first.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["displayName", "id"], "the expansion's own $select");

    let users = get(&client, &format!("{base}/users?$expand=contacts"));
    let by_id = |id: &str| {
        users["value"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["id"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(names(&by_id(ADELE)["contacts"]), ["Ann", "Bo"]);
    assert_eq!(
        by_id(ALEX).get("contacts"),
        None,
        "nothing in the state, nothing put in"
    );

    for query in ["$expand=*", "$expand=contacts($top=1)"] {
        let response = send(
            &client,
            reqwest::Method::GET,
            &format!("{base}/users/{ADELE}?{query}"),
            None,
        );
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{query}");
        let error: Value = response.json().unwrap();
        assert_eq!(error["error"]["target"], "$expand", "{query}");
    }
}

#[test]
fn a_delta_link_gives_what_changed_since() {
    let (server, _dir) = start();
    let client = Client::new();
    let base = server.url();
    let first = get(&client, &format!("{base}/users/delta()"));
    assert_eq!(
        first["value"][0]["displayName"], "Diego Siciliani",
        "the documented round"
    );
    let link = first["@odata.deltaLink"].as_str().expect("a deltaLink").to_string();
    assert!(
        link.starts_with(&format!("{base}/users/delta()?$deltatoken=")),
        "{link}"
    );
    assert_eq!(get(&client, &link)["value"], json!([]), "nothing changed yet");

    let created = send(
        &client,
        reqwest::Method::POST,
        &format!("{base}/users"),
        Some(json!({"displayName": "Ada Lovelace", "accountEnabled": true})),
    );
    assert_eq!(created.status(), StatusCode::CREATED);
    let ada: Value = created.json().unwrap();
    let patched = send(
        &client,
        reqwest::Method::PATCH,
        &format!("{base}/users/{ADELE}"),
        Some(json!({"jobTitle": "Chief Marketing Officer"})),
    );
    assert!(patched.status().is_success());
    let deleted = send(&client, reqwest::Method::DELETE, &format!("{base}/users/{ALEX}"), None);
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);

    let changes = get(&client, &link);
    let value = changes["value"].as_array().unwrap();
    assert_eq!(value.len(), 3, "{changes}");
    assert_eq!(value[0]["id"], ada["id"]);
    assert_eq!(value[0]["displayName"], "Ada Lovelace");
    assert_eq!(value[1]["id"], ADELE);
    assert_eq!(value[1]["jobTitle"], "Chief Marketing Officer");
    assert_eq!(value[2], json!({"id": ALEX, "@removed": {"reason": "deleted"}}));

    let next = changes["@odata.deltaLink"].as_str().unwrap();
    assert_ne!(next, link);
    assert_eq!(get(&client, next)["value"], json!([]), "nothing since the last round");
    // The first link still gives the same changes.
    assert_eq!(get(&client, &link)["value"].as_array().unwrap().len(), 3);

    let again = get(&client, &format!("{base}/users/delta()"));
    let ids: Vec<&str> = again["value"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|u| u["id"].as_str())
        .collect();
    assert!(
        ids.contains(&ada["id"].as_str().unwrap()),
        "a new first round holds the state: {ids:?}"
    );

    // A round with `$select` gives a link whose rounds are selected too.
    let selected = get(&client, &format!("{base}/users/delta()?$select=displayName"));
    let link = selected["@odata.deltaLink"].as_str().unwrap().to_string();
    assert!(
        link.starts_with(&format!("{base}/users/delta()?$select=displayName&$deltatoken=")),
        "{link}"
    );
    let patched = send(
        &client,
        reqwest::Method::PATCH,
        &format!("{base}/users/{ADELE}"),
        Some(json!({"jobTitle": "Chief Executive Officer", "displayName": "Adele V."})),
    );
    assert!(patched.status().is_success());
    let changes = get(&client, &link);
    assert_eq!(
        changes["value"],
        json!([{"id": ADELE, "displayName": "Adele V."}]),
        "only the selected property and the id"
    );

    let bad = send(
        &client,
        reqwest::Method::GET,
        &format!("{base}/users/delta()?$deltatoken=abc"),
        None,
    );
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let error: Value = bad.json().unwrap();
    assert_eq!(error["error"]["target"], "$deltatoken");
}
