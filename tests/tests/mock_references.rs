//! The local Graph with state on, over 127.0.0.1, on the corpus's own pages:
//! references set with `$ref` (a group member added, a manager set) are what
//! a later GET of the collection or property and `$expand` give, and a
//! removed reference is gone.

use crate::local_graph::send;
use msgraph_mock::{Graph, Options, Server};
use reqwest::blocking::Client;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// The pages of groups' members, users' managers and users, from the corpus.
const PAGES: [&str; 7] = [
    "group-post-members.md",
    "group-list-members.md",
    "group-delete-members.md",
    "user-post-manager.md",
    "user-list-manager.md",
    "user-post-users.md",
    "user-get.md",
];

fn ids(body: &Value) -> Vec<&str> {
    body["value"]
        .as_array()
        .expect("a collection")
        .iter()
        .filter_map(|m| m["id"].as_str())
        .collect()
}

#[test]
fn references_set_with_ref_are_listed_expanded_and_removed() {
    let Some(corpus) = tests::corpus_or_skip("references_set_with_ref_are_listed_expanded_and_removed") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("api")).unwrap();
    for page in PAGES {
        std::fs::copy(
            corpus.join("graph-docs-v1.0/api").join(page),
            dir.path().join("api").join(page),
        )
        .unwrap();
    }
    let graph = Graph::load(dir.path(), None).expect("the pages load");
    let options = Options {
        stateful: true,
        ..Options::default()
    };
    let server = Server::start(graph, options).expect("the server starts on 127.0.0.1");
    let (client, base) = (Client::new(), server.url());
    let create = |name: &str| -> String {
        let created = send(
            &client,
            reqwest::Method::POST,
            &format!("{base}/users"),
            Some(json!({"displayName": name, "accountEnabled": true})),
        );
        assert_eq!(created.status(), StatusCode::CREATED);
        created.json::<Value>().unwrap()["id"].as_str().unwrap().to_string()
    };
    let (ada, bob) = (create("Ada Lovelace"), create("Bob"));
    let reference = |id: &str| json!({"@odata.id": format!("https://graph.microsoft.com/v1.0/directoryObjects/{id}")});

    let members = format!("{base}/groups/g1/members");
    let added = send(
        &client,
        reqwest::Method::POST,
        &format!("{members}/$ref"),
        Some(reference(&ada)),
    );
    assert_eq!(added.status(), StatusCode::NO_CONTENT, "as documented");
    let listed: Value = send(&client, reqwest::Method::GET, &members, None).json().unwrap();
    assert!(ids(&listed).contains(&ada.as_str()), "{listed}");
    let member = listed["value"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == ada.as_str())
        .unwrap();
    assert_eq!(
        member["displayName"], "Ada Lovelace",
        "the entity referenced, as the state holds it"
    );

    let manager = format!("{base}/users/{bob}/manager");
    let set = send(
        &client,
        reqwest::Method::PUT,
        &format!("{manager}/$ref"),
        Some(reference(&ada)),
    );
    assert_eq!(set.status(), StatusCode::NO_CONTENT);
    let got: Value = send(&client, reqwest::Method::GET, &manager, None).json().unwrap();
    assert_eq!(
        (got["id"].as_str(), got["displayName"].as_str()),
        (Some(ada.as_str()), Some("Ada Lovelace"))
    );
    let expanded: Value = send(
        &client,
        reqwest::Method::GET,
        &format!("{base}/users/{bob}?$expand=manager"),
        None,
    )
    .json()
    .unwrap();
    assert_eq!(expanded["manager"]["id"], ada.as_str(), "{expanded}");

    let removed = send(&client, reqwest::Method::DELETE, &format!("{members}/{ada}/$ref"), None);
    assert_eq!(removed.status(), StatusCode::NO_CONTENT);
    let listed: Value = send(&client, reqwest::Method::GET, &members, None).json().unwrap();
    assert!(!ids(&listed).contains(&ada.as_str()), "{listed}");
    let again = send(&client, reqwest::Method::DELETE, &format!("{members}/{ada}/$ref"), None);
    assert_eq!(again.status(), StatusCode::NOT_FOUND);

    let bad = send(
        &client,
        reqwest::Method::POST,
        &format!("{members}/$ref"),
        Some(json!({"id": ada})),
    );
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
}
