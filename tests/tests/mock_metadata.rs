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

#[test]
fn actions_and_functions_the_metadata_defines_answer_their_return_type() {
    let Some(server) = start(false) else { return };
    let (client, base) = (Client::new(), server.url());
    // An action returning a collection, with a body as its page would send.
    let objects = send(
        &client,
        reqwest::Method::POST,
        &format!("{base}/users/u1/getMemberObjects"),
        Some(json!({"securityEnabledOnly": false})),
    );
    assert_eq!(objects.status(), StatusCode::OK);
    assert!(from_metadata(&objects));
    assert_eq!(objects.json::<Value>().unwrap(), json!({"value": []}));
    // An action returning an entity: the pages' first example of its type
    // (a user of the fixture's pages), though no page documents the action.
    let licensed = send(
        &client,
        reqwest::Method::POST,
        &format!("{base}/users/u1/assignLicense"),
        Some(json!({"addLicenses": [], "removeLicenses": []})),
    );
    assert_eq!(licensed.status(), StatusCode::OK);
    assert!(from_metadata(&licensed));
    let user = licensed.json::<Value>().unwrap();
    assert!(
        ["Adele Vance", "Megan Bowen"].contains(&user["displayName"].as_str().unwrap_or_default())
            && user["userPrincipalName"].is_string(),
        "{user}"
    );
    // An action returning a primitive: its zero, wrapped.
    let revoked = send(
        &client,
        reqwest::Method::POST,
        &format!("{base}/users/u1/revokeSignInSessions"),
        None,
    );
    assert_eq!(revoked.status(), StatusCode::OK);
    assert_eq!(revoked.json::<Value>().unwrap(), json!({"value": false}));
    // An action returning nothing.
    let changed = send(
        &client,
        reqwest::Method::POST,
        &format!("{base}/users/u1/changePassword"),
        Some(json!({"currentPassword": "a", "newPassword": "b"})),
    );
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);
    assert!(from_metadata(&changed));
    // A function, called with its arguments in the path.
    let reminders = send(
        &client,
        reqwest::Method::GET,
        &format!("{base}/users/u1/reminderView(StartDateTime='2017-06-05T10:00:00',EndDateTime='2017-06-11T11:00:00')"),
        None,
    );
    assert_eq!(reminders.status(), StatusCode::OK);
    assert_eq!(reminders.json::<Value>().unwrap(), json!({"value": []}));
    // A function called with POST, as the workbook's pages call `itemAt`.
    let chart = send(
        &client,
        reqwest::Method::POST,
        &format!("{base}/me/drive/items/i1/workbook/worksheets/w1/charts/itemAt"),
        Some(json!({"index": 0})),
    );
    assert_eq!(chart.status(), StatusCode::OK);
    assert_eq!(chart.json::<Value>().unwrap(), json!({}));
    // An action is not called with GET.
    let wrong = send(
        &client,
        reqwest::Method::GET,
        &format!("{base}/users/u1/changePassword"),
        None,
    );
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);
    assert!(!from_metadata(&wrong));
}

#[test]
fn an_answer_from_the_metadata_takes_the_status_of_the_documented_operations_nearest() {
    let Some(server) = start(false) else { return };
    let client = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    // The one report page read answers 302 to its download: so does a report
    // function no page read documents, to the same place.
    let report = send(
        &client,
        reqwest::Method::GET,
        &format!("{}/reports/getEmailActivityUserCounts(period='D7')", server.url()),
        None,
    );
    assert_eq!(report.status(), StatusCode::FOUND);
    assert!(from_metadata(&report));
    assert_eq!(
        report.headers()["location"],
        "https://reports.office.com/data/download/JDFKdf2_eJXKS034dbc7e0t__XDe"
    );
}

#[test]
fn methods_and_references_no_page_documents_on_a_documented_path() {
    let Some(server) = start(true) else { return };
    let (client, base) = (Client::new(), server.url());
    // The pages document only GET of a photo's bytes; the metadata lets it be set.
    let photo = send(&client, reqwest::Method::PUT, &format!("{base}/me/photo/$value"), None);
    assert_eq!(photo.status(), StatusCode::NO_CONTENT);
    assert!(from_metadata(&photo));
    let removed = send(
        &client,
        reqwest::Method::DELETE,
        &format!("{base}/me/photo/$value"),
        None,
    );
    assert_eq!(removed.status(), StatusCode::NO_CONTENT);
    // Only removing a member is documented: adding one, and listing the
    // references, come from the metadata, and the state keeps them.
    let owners = format!("{base}/groups/g1/owners");
    let added = send(
        &client,
        reqwest::Method::POST,
        &format!("{owners}/$ref"),
        Some(json!({"@odata.id": "https://graph.microsoft.com/v1.0/users/u9"})),
    );
    assert_eq!(added.status(), StatusCode::NO_CONTENT);
    assert!(from_metadata(&added));
    let refs: Value = send(&client, reqwest::Method::GET, &format!("{owners}/$ref"), None)
        .json()
        .unwrap();
    assert_eq!(
        refs,
        json!({"value": [{"@odata.id": "https://graph.microsoft.com/v1.0/groups/g1/owners/u9"}]})
    );
    let listed: Value = send(&client, reqwest::Method::GET, &owners, None).json().unwrap();
    assert_eq!(listed["value"][0]["id"], "u9");
    let bad = send(
        &client,
        reqwest::Method::POST,
        &format!("{owners}/$ref"),
        Some(json!({})),
    );
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let removed = send(&client, reqwest::Method::DELETE, &format!("{owners}/u9/$ref"), None);
    assert_eq!(removed.status(), StatusCode::NO_CONTENT);
    let listed: Value = send(&client, reqwest::Method::GET, &owners, None).json().unwrap();
    assert_eq!(listed["value"], json!([]));
}

#[test]
fn odd_calls_in_a_path_are_answered_without_a_fault_of_the_server() {
    let Some(server) = start(true) else { return };
    let (client, base) = (Client::new(), server.url());
    let odd = [
        "/users/u1/getMemberObjects(",
        "/users(",
        "/users/delta(((",
        "/users/u1/reminderView(StartDateTime='x",
        "/users/u1/reminderView(StartDateTime='x',EndDateTime=)",
        "/me/drive/root:/a(b):/content",
        "/users/%28%29",
        "/users/u1/manager/$ref(x)",
        "/reports/getEmailActivityUserCounts(period='D7')/content(x)",
        "/()",
        "/users/u1/(",
        "/users/u1/)",
    ];
    for path in odd {
        for method in [
            reqwest::Method::GET,
            reqwest::Method::POST,
            reqwest::Method::PATCH,
            reqwest::Method::DELETE,
        ] {
            let response = send(&client, method.clone(), &format!("{base}{path}"), Some(json!({})));
            let status = response.status();
            assert!(
                status.is_success() || status.is_client_error() || status.is_redirection(),
                "{method} {path}: {status}"
            );
        }
    }
    let alive = send(&client, reqwest::Method::GET, &format!("{base}/users"), None);
    assert_eq!(alive.status(), StatusCode::OK);
}
