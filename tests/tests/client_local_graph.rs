//! The typed client (feature `client`) against the local Graph
//! (`msgraph-mock`) on 127.0.0.1: the user and group pages of
//! `fixtures/mock/` served with state, and the seed pages of `docs-input/`
//! (the ones the generated crate is built from) for the generated routes.
//! Real calls end to end: paging, get, create, update, delete, throttling,
//! and the server's OData errors read into the typed error.

use futures_util::TryStreamExt;
use msgraph_mock::{Graph, Options, Server};
use msgraph_typed::client::{Client, RetryPolicy, StaticToken};
use msgraph_typed::enums::ComplianceStatus;
use msgraph_typed::models::DeviceConfigurationDeviceStatus;
use msgraph_typed::support::{CollectionPage, Field, NoContent, Request, RequestRoute};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::time::Duration;

/// The user properties these tests read; the rest is kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct User {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    job_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    mail: Option<String>,
    #[serde(flatten)]
    rest: BTreeMap<String, Value>,
}

const ADELE: &str = "11111111-0000-0000-0000-000000000001";

/// The local Graph of the user and group fixture pages.
fn users_graph(options: Options) -> Server {
    let graph = Graph::load(&tests::root().join("tests/tests/fixtures/mock"), None).expect("the fixture pages load");
    Server::start(graph, options).expect("the server starts on 127.0.0.1")
}

/// A client for `server` that retries at once (the server's `Retry-After`
/// is 0 seconds; the back-off is a millisecond).
fn client(server: &Server) -> Client {
    Client::builder(StaticToken::new("local-token"))
        .base_url(server.url())
        .retry(RetryPolicy {
            max_retries: 2,
            initial_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(2),
            ..RetryPolicy::default()
        })
        .build()
}

fn list_users() -> RequestRoute<CollectionPage<User>> {
    RequestRoute::get("/users")
}

fn get_user(id: &str) -> RequestRoute<User> {
    RequestRoute::get(format!("/users/{id}"))
}

fn ids(users: &[User]) -> Vec<&str> {
    users.iter().map(|u| u.id.as_deref().unwrap()).collect()
}

#[tokio::test]
async fn users_are_listed_read_created_updated_and_deleted() {
    let server = users_graph(Options {
        stateful: true,
        page_size: Some(2),
        retry_after: 0,
        ..Options::default()
    });
    let client = client(&server);

    // List with paging: five documented users, two a page, every next link
    // back to this server.
    let pages: Vec<CollectionPage<User>> = client.pages(&list_users()).try_collect().await.unwrap();
    assert_eq!(pages.iter().map(|p| p.value.len()).collect::<Vec<_>>(), [2, 2, 1]);
    for page in &pages[..2] {
        assert!(page.next_link.as_deref().unwrap().starts_with(&server.url()));
    }
    assert!(pages[2].next_link.is_none());
    let users: Vec<User> = pages.into_iter().flat_map(|p| p.value).collect();
    assert_eq!(users.len(), 5);
    assert_eq!(ids(&users)[0], ADELE);
    assert_eq!(server.request_count(), 3);

    // Stop after the first page, resume from its link.
    let first = {
        let pages = client.pages(&list_users());
        let mut pages = std::pin::pin!(pages);
        pages.try_next().await.unwrap().unwrap()
    };
    let rest: Vec<CollectionPage<User>> = client
        .pages_from(first.next_link.as_deref().unwrap())
        .try_collect()
        .await
        .unwrap();
    let rest: Vec<User> = rest.into_iter().flat_map(|p| p.value).collect();
    assert_eq!(ids(&rest), ids(&users)[2..]);

    // Get by id: the typed user.
    let adele = client.send(&get_user(ADELE)).await.unwrap();
    assert_eq!(adele.display_name.as_deref(), Some("Adele Vance"));
    assert_eq!(adele.job_title.as_deref(), Some("Product Marketing Manager"));
    assert_eq!(adele.mail.as_deref(), Some("AdeleV@contoso.onmicrosoft.com"));

    // Create: the typed answer, then readable at its id and in the list.
    let new_user = json!({
        "accountEnabled": true,
        "displayName": "Nestor Wilke",
        "mailNickname": "NestorW",
        "userPrincipalName": "NestorW@contoso.onmicrosoft.com",
        "passwordProfile": { "forceChangePasswordNextSignIn": true, "password": "x1!Pa55word" }
    });
    let create = RequestRoute::<User>::new(
        Request::new(http::Method::POST, "/users")
            .with_json_body(&new_user)
            .unwrap(),
    );
    let created = client.send(&create).await.unwrap();
    let id = created.id.clone().expect("the new user has an id");
    assert_eq!(created.display_name.as_deref(), Some("Nestor Wilke"));
    let read = client.send(&get_user(&id)).await.unwrap();
    assert_eq!(read.display_name, created.display_name);
    // Properties the struct does not name are kept.
    assert_eq!(read.rest["mailNickname"], "NestorW");
    let all: Vec<User> = client.items(&list_users()).try_collect().await.unwrap();
    assert_eq!(all.len(), 6);
    assert_eq!(ids(&all)[5], id);

    // Update: 204 reads as nothing; the change is read back.
    let update = RequestRoute::<NoContent>::new(
        Request::new(http::Method::PATCH, format!("/users/{id}"))
            .with_json_body(&User {
                job_title: Some("Product Manager".into()),
                ..User::default()
            })
            .unwrap(),
    );
    assert_eq!(client.send(&update).await.unwrap(), NoContent);
    let read = client.send(&get_user(&id)).await.unwrap();
    assert_eq!(read.job_title.as_deref(), Some("Product Manager"));

    // Delete, then the typed 404.
    let delete = RequestRoute::<NoContent>::new(Request::new(http::Method::DELETE, format!("/users/{id}")));
    assert_eq!(client.send(&delete).await.unwrap(), NoContent);
    let e = client.send(&get_user(&id)).await.unwrap_err();
    assert_eq!(e.status(), Some(http::StatusCode::NOT_FOUND));
    assert_eq!(e.odata_error().unwrap().code, "ResourceNotFound");

    // Throttled once: the client waits the server's Retry-After and retries.
    server.throttle("GET /users", 1).unwrap();
    let before = server.request_count();
    let users: Vec<User> = client.items(&list_users()).try_collect().await.unwrap();
    assert_eq!(users.len(), 5);
    assert_eq!(server.request_count() - before, 4, "one 429, then three pages");
    server.shutdown().unwrap();
}

#[tokio::test]
async fn the_local_graphs_errors_read_as_typed_odata_errors() {
    let server = users_graph(Options::default());
    let client = client(&server);

    // An unknown path: 404 naming the nearest documented paths.
    let unknown = RequestRoute::<User>::get(format!("/usres/{ADELE}"));
    let e = client.send(&unknown).await.unwrap_err();
    assert_eq!(e.status(), Some(http::StatusCode::NOT_FOUND));
    let odata = e.odata_error().unwrap();
    assert_eq!(odata.code, "ResourceNotFound");
    assert!(
        odata.message.contains(&format!("`/usres/{ADELE}`")),
        "{}",
        odata.message
    );
    // Three different paths, the misspelt one first.
    let nearest: Vec<&str> = odata.details.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(nearest.len(), 3);
    assert_eq!(nearest[0], "GET /users/{id | userPrincipalName}");
    assert!(nearest[1..].iter().all(|n| *n != nearest[0]), "{nearest:?}");
    // The server echoes the client-request-id the client sent.
    let echoed = e.graph_error().unwrap().client_request_id.as_deref().unwrap();
    assert_eq!(echoed.len(), 36, "{echoed}");
    assert!(
        e.to_string()
            .starts_with("the service answered 404 Not Found: ResourceNotFound: "),
        "{e}"
    );

    // A body the documented type does not have: 400 with the property as target.
    let create = RequestRoute::<User>::new(
        Request::new(http::Method::POST, "/users")
            .with_json_body(&json!({ "displayName": "A", "displayNme": "B" }))
            .unwrap(),
    );
    let e = client.send(&create).await.unwrap_err();
    assert_eq!(e.status(), Some(http::StatusCode::BAD_REQUEST));
    assert_eq!(e.odata_error().unwrap().target.as_deref(), Some("displayNme"));

    // A documented path with another method: 405, not retried.
    let before = server.request_count();
    let put = RequestRoute::<Value>::new(Request::new(http::Method::PUT, "/users"));
    let e = client.send(&put).await.unwrap_err();
    assert_eq!(e.status(), Some(http::StatusCode::METHOD_NOT_ALLOWED));
    assert_eq!(server.request_count() - before, 1);
    server.shutdown().unwrap();
}

#[tokio::test]
async fn a_generated_route_is_answered_by_the_local_graph_of_its_own_pages() {
    let graph = Graph::load(&tests::docs_input(), None).expect("the seed pages load");
    let server = Server::start(graph, Options::default()).expect("the server starts on 127.0.0.1");
    let client = client(&server);
    let route = |id: &str| {
        msgraph_typed::nav::Graph::new()
            .device_management()
            .device_configurations()
            .by_id(id)
            .device_statuses()
            .by_id("s1")
            .update(DeviceConfigurationDeviceStatus {
                device_display_name: Field::Value("Laptop".into()),
                status: Field::Value(ComplianceStatus::Compliant),
                platform: Field::Value(8),
                ..Default::default()
            })
    };
    // The server checks the body against the documented type and answers
    // the page's example, read into the generated model.
    // The id's `?` and `#` are encoded: they reach the server inside their segment.
    let updated = client.send(&route("config?$select=id#1")).await.unwrap();
    assert_eq!(updated.id, Field::Value("674e98e5-98e5-674e-e598-4e67e5984e67".into()));
    assert_eq!(updated.status, Field::Value(ComplianceStatus::NotApplicable));
    assert_eq!(updated.platform, Field::Value(8));
    assert!(updated.last_reported_date_time.is_value());
    assert_eq!(server.request_count(), 1);
    // An id holding `/` is sent as `%2F` and stays one segment: routed to the
    // same operation, not split into a path nothing documents (a 404).
    let slashed = client.send(&route("folder/config")).await.unwrap();
    assert_eq!(slashed.status, Field::Value(ComplianceStatus::NotApplicable));
    assert_eq!(server.request_count(), 2);
}
