//! The HTTP client (feature `client`) against a real HTTP server on
//! 127.0.0.1 (wiremock, started by each test): paging, retries (`retries`), the
//! service's errors, bodies as sent, batches, content and upload sessions.

use futures_util::{StreamExt, TryStreamExt};
use msgraph_typed::client::{Client, Error, RetryPolicy, StaticToken};
use msgraph_typed::enums::ComplianceStatus;
use msgraph_typed::models::{DeviceComplianceUserOverview, DeviceConfigurationDeviceStatus};
use msgraph_typed::nav::Graph;
use msgraph_typed::routes::device_management::{
    UpdateDeviceManagementDeviceCompliancePolicyUserStatusOverview,
    UpdateDeviceManagementDeviceConfigurationDeviceStatus,
};
use msgraph_typed::support::{
    self, Batch, CollectionPage, ConsistencyLevel, Content, Field, NoContent, Prefer, Request, RequestRoute, Route,
};
use serde_json::{json, Value};
use std::time::Duration;
use wiremock::matchers::{body_json, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[path = "client/retries.rs"]
mod retries;

const TOKEN: &str = "test-token";

/// A client for `server`, with fast retries.
fn client(server: &MockServer, max_retries: u32) -> Client {
    Client::builder(StaticToken::new(TOKEN))
        .base_url(format!("{}/v1.0", server.uri()))
        .retry(RetryPolicy {
            max_retries,
            initial_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(5),
            ..RetryPolicy::default()
        })
        .build()
}

/// `verb route` on `server` answers with `answers` in turn: each but the
/// last once, the last from then on.
async fn answers(server: &MockServer, verb: &str, route: &str, answers: Vec<ResponseTemplate>) {
    let last = answers.len().saturating_sub(1);
    for (i, answer) in answers.into_iter().enumerate() {
        let mock = Mock::given(method(verb)).and(path(route)).respond_with(answer);
        let mock = if i < last { mock.up_to_n_times(1) } else { mock };
        mock.mount(server).await;
    }
}

fn users(ids: &[&str], next: Option<String>) -> Value {
    let mut page = json!({ "value": ids.iter().map(|id| json!({ "id": id })).collect::<Vec<_>>() });
    if let Some(next) = next {
        page["@odata.nextLink"] = json!(next);
    }
    page
}

/// Mounts three pages of users at `/v1.0/users`, linked by `$skiptoken`.
async fn three_pages(server: &MockServer) {
    let link = |n: u32| format!("{}/v1.0/users?$skiptoken={n}", server.uri());
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .and(query_param_is_missing("$skiptoken"))
        .respond_with(ResponseTemplate::new(200).set_body_json(users(&["a", "b"], Some(link(2)))))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .and(query_param("$skiptoken", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(users(&["c"], Some(link(3)))))
        .mount(server)
        .await;
    let mut last = users(&["d"], None);
    last["@odata.deltaLink"] = json!(format!("{}/v1.0/users/delta?$deltatoken=z", server.uri()));
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .and(query_param("$skiptoken", "3"))
        .respond_with(ResponseTemplate::new(200).set_body_json(last))
        .mount(server)
        .await;
}

fn list_users() -> RequestRoute<CollectionPage<Value>> {
    RequestRoute::get("/users")
}

fn ids(items: &[Value]) -> Vec<&str> {
    items.iter().map(|u| u["id"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn paging_follows_next_links_across_three_pages() {
    let server = MockServer::start().await;
    three_pages(&server).await;
    let client = client(&server, 0);
    let items: Vec<Value> = client
        .call(&list_users())
        .consistency_level(ConsistencyLevel::Eventual)
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&items), ["a", "b", "c", "d"]);
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 3);
    for request in &received {
        // Every page carries the token and the first request's headers.
        assert_eq!(request.headers["authorization"], format!("Bearer {TOKEN}"));
        assert_eq!(request.headers["consistencylevel"], "eventual");
        assert!(request.headers.contains_key("client-request-id"));
    }
    // The last page keeps the delta link for the next sync.
    let pages: Vec<CollectionPage<Value>> = client.pages(&list_users()).try_collect().await.unwrap();
    assert_eq!(pages.len(), 3);
    assert!(pages[2].next_link.is_none());
    assert!(pages[2]
        .delta_link
        .as_deref()
        .unwrap()
        .ends_with("/v1.0/users/delta?$deltatoken=z"));
}

#[tokio::test]
async fn paging_stops_early_and_resumes_from_a_link() {
    let server = MockServer::start().await;
    three_pages(&server).await;
    let client = client(&server, 0);
    let pages = client.pages(&list_users());
    let mut pages = std::pin::pin!(pages);
    let first: CollectionPage<Value> = pages.next().await.unwrap().unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    let link = first.next_link.unwrap();
    let rest: Vec<CollectionPage<Value>> = client.pages_from(&link).try_collect().await.unwrap();
    let rest: Vec<Value> = rest.into_iter().flat_map(|p| p.value).collect();
    assert_eq!(ids(&rest), ["c", "d"]);
}

#[tokio::test]
async fn no_token_goes_to_another_origin() {
    let server = MockServer::start().await;
    let other = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(users(&["a"], Some(format!("{}/v1.0/users?page=2", other.uri())))),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(users(&["b"], None)))
        .mount(&other)
        .await;
    let items: Vec<Value> = client(&server, 0).items(&list_users()).try_collect().await.unwrap();
    assert_eq!(ids(&items), ["a", "b"]);
    let at_other = other.received_requests().await.unwrap();
    assert_eq!(at_other.len(), 1);
    assert!(!at_other[0].headers.contains_key("authorization"));
}

#[tokio::test]
async fn a_404_gives_the_odata_error() {
    let server = MockServer::start().await;
    let message = "Resource 'x' does not exist or one of its queried reference-property objects are not present.";
    let body = json!({ "error": {
        "code": "Request_ResourceNotFound",
        "message": message,
        "details": [{ "code": "d1", "message": "detail", "extra": true }],
        "innerError": { "date": "2024-05-01T10:00:00", "request-id": "r-body", "client-request-id": "c-1", "new": 1 },
        "newTopLevel": { "a": [1, 2] }
    }});
    Mock::given(method("GET"))
        .and(path("/v1.0/users/x"))
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("request-id", "r-404")
                .set_body_json(body),
        )
        .mount(&server)
        .await;
    let e = client(&server, 3)
        .send(&RequestRoute::<Value>::get("/users/x"))
        .await
        .unwrap_err();
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "a 404 is not retried"
    );
    assert_eq!(e.status(), Some(http::StatusCode::NOT_FOUND));
    assert_eq!(e.request_id(), Some("r-404"));
    let odata = e.odata_error().unwrap();
    assert_eq!(odata.code, "Request_ResourceNotFound");
    assert_eq!(odata.message, message);
    assert_eq!(odata.details[0].code, "d1");
    assert_eq!(odata.details[0].additional_properties["extra"], json!(true));
    // Properties the crate does not name are kept, at every level.
    assert_eq!(odata.additional_properties["newTopLevel"], json!({ "a": [1, 2] }));
    let inner = odata.inner_error.as_ref().unwrap();
    assert_eq!(inner.request_id.as_deref(), Some("r-body"));
    assert_eq!(inner.client_request_id.as_deref(), Some("c-1"));
    assert_eq!(inner.date.as_deref(), Some("2024-05-01T10:00:00"));
    assert_eq!(inner.additional_properties["new"], json!(1));
    assert_eq!(e.raw_body(), None);
    assert!(matches!(e, Error::Graph(support::Error::Graph(_))));
    assert!(
        e.to_string()
            .starts_with("the service answered 404 Not Found: Request_ResourceNotFound: Resource 'x'"),
        "{e}"
    );
}

#[tokio::test]
async fn an_html_error_body_is_kept_raw() {
    let server = MockServer::start().await;
    let html = "<html><head><title>502 Bad Gateway</title></head><body>upstream</body></html>";
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(502).set_body_raw(html, "text/html"))
        .mount(&server)
        .await;
    let e = client(&server, 3)
        .send(&RequestRoute::<Value>::get("/me"))
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(http::StatusCode::BAD_GATEWAY));
    assert_eq!(e.odata_error(), None);
    assert_eq!(e.raw_body(), Some(html.as_bytes()));
    assert_eq!(
        e.to_string(),
        format!("the service answered 502 Bad Gateway with a body that is not an OData error (content type text/html): `{html}`")
    );
    // HTML with a success status is a body error, naming status and type.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(html, "text/html"))
        .mount(&server)
        .await;
    let e = client(&server, 0)
        .send(&RequestRoute::<Value>::get("/me"))
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Graph(support::Error::ResponseBody(_))));
    assert!(
        e.to_string()
            .starts_with("cannot read the 200 OK response body (content type text/html)"),
        "{e}"
    );
}

#[tokio::test]
async fn a_patch_sends_only_the_set_fields() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path(
            "/v1.0/deviceManagement/deviceConfigurations/cfg%2F1/deviceStatuses/s1",
        ))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({ "deviceDisplayName": "Laptop", "userName": null })))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let route = Graph::new()
        .device_management()
        .device_configurations()
        .by_id("cfg/1")
        .device_statuses()
        .by_id("s1")
        .update(DeviceConfigurationDeviceStatus {
            device_display_name: Field::Value("Laptop".into()),
            user_name: Field::Null,
            ..Default::default()
        });
    // Documented to return the resource, answered 204: a model with nothing set.
    let updated = client(&server, 0).send(&route).await.unwrap();
    assert_eq!(updated.device_display_name, Field::Unset);
    server.verify().await;
}

#[tokio::test]
async fn a_ref_post_adds_a_member() {
    let server = MockServer::start().await;
    let member = json!({ "@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/u1" });
    Mock::given(method("POST"))
        .and(path("/v1.0/groups/g1/members/$ref"))
        .and(body_json(member.clone()))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let add = RequestRoute::<NoContent>::new(
        Request::new(http::Method::POST, "/groups/g1/members/$ref")
            .with_json_body(&member)
            .unwrap(),
    );
    assert_eq!(client(&server, 0).send(&add).await.unwrap(), NoContent);
    server.verify().await;
}

/// `GET .../content`: a route whose response is the bytes, as the generator
/// emits for content downloads.
struct DownloadContent(&'static str);

impl Route for DownloadContent {
    type Response = Vec<u8>;

    fn to_request(&self) -> Result<Request, support::Error> {
        Ok(Request::new(
            http::Method::GET,
            format!("/me/drive/items/{}/content", self.0),
        ))
    }

    fn parse_body(body: &[u8]) -> Result<Vec<u8>, serde_json::Error> {
        Ok(body.to_vec())
    }
}

#[tokio::test]
async fn content_is_uploaded_and_downloaded_as_bytes() {
    let server = MockServer::start().await;
    let bytes: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
    Mock::given(method("PUT"))
        .and(path("/v1.0/me/drive/root:/a.bin:/content"))
        .and(header("content-type", "application/octet-stream"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({ "id": "f1", "size": 1000 })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/me/drive/items/f1/content"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(bytes.clone(), "application/octet-stream"))
        .mount(&server)
        .await;
    let client = client(&server, 0);
    let content = Content::new("application/octet-stream", bytes.clone());
    let upload = RequestRoute::<Value>::new(
        Request::new(http::Method::PUT, "/me/drive/root:/a.bin:/content")
            .with_body(&content.content_type, content.bytes.clone())
            .unwrap(),
    );
    assert_eq!(client.send(&upload).await.unwrap()["id"], "f1");
    let received = server.received_requests().await.unwrap();
    assert_eq!(received[0].body, bytes);
    assert_eq!(client.send(&DownloadContent("f1")).await.unwrap(), bytes);
}

#[tokio::test]
async fn a_large_file_goes_up_in_ranges_without_the_token_and_resumes() {
    const KIB_320: usize = 320 * 1024;
    let server = MockServer::start().await;
    let upload_url = format!("{}/upload/session-1?sig=x", server.uri());
    let content: Vec<u8> = (0..(2 * KIB_320 + 100)).map(|i| (i % 251) as u8).collect();
    let total = content.len();
    Mock::given(method("POST"))
        .and(path("/v1.0/me/drive/root:/big.bin:/createUploadSession"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "uploadUrl": &upload_url, "expirationDateTime": "2030-01-01T00:00:00Z", "nextExpectedRanges": ["0-"]
        })))
        .mount(&server)
        .await;
    for (start, end) in [(0, KIB_320 - 1), (KIB_320, 2 * KIB_320 - 1)] {
        Mock::given(method("PUT"))
            .and(path("/upload/session-1"))
            .and(header("content-range", format!("bytes {start}-{end}/{total}").as_str()))
            .respond_with(ResponseTemplate::new(202).set_body_json(json!({
                "nextExpectedRanges": [format!("{}-", end + 1)]
            })))
            .mount(&server)
            .await;
    }
    Mock::given(method("PUT"))
        .and(path("/upload/session-1"))
        .and(header(
            "content-range",
            format!("bytes {}-{}/{total}", 2 * KIB_320, total - 1).as_str(),
        ))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({ "id": "big", "size": total })))
        .mount(&server)
        .await;
    let client = client(&server, 0);
    let create = RequestRoute::<Value>::new(
        Request::new(http::Method::POST, "/me/drive/root:/big.bin:/createUploadSession")
            .with_json_body(&json!({ "item": { "@microsoft.graph.conflictBehavior": "replace" } }))
            .unwrap(),
    );
    let session = client.create_upload_session(&create).await.unwrap();
    let item: Value = client.upload(&session, &content, KIB_320).await.unwrap();
    assert_eq!(item["id"], "big");
    let received = server.received_requests().await.unwrap();
    let puts: Vec<_> = received.iter().filter(|r| r.method.as_str() == "PUT").collect();
    assert_eq!(puts.len(), 3);
    let mut sent = Vec::new();
    for put in &puts {
        assert!(!put.headers.contains_key("authorization"), "no token to the upload URL");
        sent.extend_from_slice(&put.body);
    }
    assert_eq!(sent, content);
    assert!(received[0].headers.contains_key("authorization"));

    // Resuming asks which ranges are still wanted, then sends only those.
    Mock::given(method("GET"))
        .and(path("/upload/session-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "nextExpectedRanges": [format!("{}-", 2 * KIB_320)]
        })))
        .mount(&server)
        .await;
    let item: Value = client.resume_upload(&upload_url, &content, KIB_320).await.unwrap();
    assert_eq!(item["id"], "big");
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 1 + 3 + 2, "one status request and the last range");
}

#[tokio::test]
async fn a_batch_with_one_failing_part() {
    let server = MockServer::start().await;
    let expected = json!({ "requests": [
        { "id": "1", "method": "GET", "url": "/me" },
        { "id": "2", "method": "GET", "url": "/users/missing", "dependsOn": ["1"] }
    ]});
    Mock::given(method("POST"))
        .and(path("/v1.0/$batch"))
        .and(body_json(expected))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "responses": [
            { "id": "2", "status": 404, "headers": { "Content-Type": "application/json" },
              "body": { "error": { "code": "Request_ResourceNotFound", "message": "gone" } } },
            { "id": "1", "status": 200, "headers": { "Content-Type": "application/json" },
              "body": { "id": "me" } }
        ]})))
        .expect(1)
        .mount(&server)
        .await;
    let mut batch = Batch::new();
    batch.add("1", &RequestRoute::<Value>::get("/me")).unwrap();
    batch
        .add_after("2", &RequestRoute::<Value>::get("/users/missing"), &["1"])
        .unwrap();
    let response = client(&server, 0).send(&batch).await.unwrap();
    let me = response.get("1").unwrap().parse::<RequestRoute<Value>>().unwrap();
    assert_eq!(me, json!({ "id": "me" }));
    let e = response.get("2").unwrap().parse::<RequestRoute<Value>>().unwrap_err();
    assert_eq!(e.status(), Some(http::StatusCode::NOT_FOUND));
    assert_eq!(e.graph_error().unwrap().code(), Some("Request_ResourceNotFound"));
    server.verify().await;
}

#[tokio::test]
async fn a_request_that_cannot_be_built_is_not_sent() {
    let server = MockServer::start().await;
    let route = Graph::new()
        .device_management()
        .device_configurations()
        .by_id("")
        .device_statuses()
        .by_id("s1")
        .update(Default::default());
    let e = client(&server, 0).send(&route).await.unwrap_err();
    assert!(
        e.to_string().starts_with("cannot build the request: path parameter"),
        "{e}"
    );
    assert_eq!(e.status(), None);
    let e = client(&server, 0)
        .call(&RequestRoute::<Value>::get("/me"))
        .header("bad name", "x")
        .send()
        .await
        .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("cannot build the request: invalid header name"),
        "{e}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// The generated route updating a device status of `configuration`.
fn update_status(
    configuration: &str,
    body: DeviceConfigurationDeviceStatus,
) -> UpdateDeviceManagementDeviceConfigurationDeviceStatus {
    Graph::new()
        .device_management()
        .device_configurations()
        .by_id(configuration)
        .device_statuses()
        .by_id("s1")
        .update(body)
}

#[tokio::test]
async fn send_gives_a_generated_routes_typed_model() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/v1.0/deviceManagement/deviceConfigurations/c1/deviceStatuses/s1"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header("prefer", "return=representation"))
        .and(body_json(json!({ "deviceDisplayName": "Laptop" })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "@odata.type": "#microsoft.graph.deviceConfigurationDeviceStatus",
            "id": "s1",
            "deviceDisplayName": "Laptop",
            "userName": null,
            "status": "compliant",
            "platform": 7,
            "lastReportedDateTime": "2024-05-01T10:00:00.1234567Z",
            "newProperty": { "kept": true }
        })))
        .expect(1)
        .mount(&server)
        .await;
    let route = update_status(
        "c1",
        DeviceConfigurationDeviceStatus {
            device_display_name: Field::Value("Laptop".into()),
            ..Default::default()
        },
    );
    let updated = client(&server, 0)
        .call(&route)
        .prefer(&Prefer::new().return_representation())
        .send()
        .await
        .unwrap();
    assert_eq!(updated.id, Field::Value("s1".into()));
    assert_eq!(updated.device_display_name, Field::Value("Laptop".into()));
    assert_eq!(updated.user_name, Field::Null);
    assert_eq!(updated.status, Field::Value(ComplianceStatus::Compliant));
    assert_eq!(updated.platform, Field::Value(7));
    assert!(updated.last_reported_date_time.is_value());
    assert!(updated.device_model.is_unset());
    assert_eq!(updated.additional_properties["newProperty"], json!({ "kept": true }));
    server.verify().await;
}

#[tokio::test]
async fn ids_cannot_change_the_target_url_on_the_wire() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = client(&server, 0);
    let cases = [
        ("a/b", "a%2Fb"),
        ("x?$select=secret#frag", "x%3F%24select%3Dsecret%23frag"),
        ("../../users", "..%2F..%2Fusers"),
        ("%2E%2E", "%252E%252E"),
        ("100% ü", "100%25%20%C3%BC"),
    ];
    for (id, _) in cases {
        client.send(&update_status(id, Default::default())).await.unwrap();
    }
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), cases.len());
    for ((id, encoded), request) in cases.iter().zip(&received) {
        assert_eq!(
            request.url.path(),
            format!("/v1.0/deviceManagement/deviceConfigurations/{encoded}/deviceStatuses/s1"),
            "{id}"
        );
        assert_eq!(request.url.query(), None, "{id}");
    }
    // `.` and `..` are steps in a URL however they are encoded: refused, not sent.
    for id in [".", ".."] {
        let e = client.send(&update_status(id, Default::default())).await.unwrap_err();
        assert!(
            matches!(
                e,
                Error::Graph(support::Error::DotPathParameter {
                    name: "deviceConfigurationId"
                })
            ),
            "{id}: {e}"
        );
    }
    assert_eq!(server.received_requests().await.unwrap().len(), cases.len());
}

#[tokio::test]
async fn a_batch_of_generated_routes_round_trips() {
    let server = MockServer::start().await;
    let expected = json!({ "requests": [
        { "id": "update", "method": "PATCH", "url": "/deviceManagement/deviceCompliancePolicies/p%2F1/userStatusOverview",
          "headers": { "content-type": "application/json" }, "body": { "pendingCount": 3 } },
        { "id": "ref", "method": "POST", "url": "/groups/g1/members/$ref",
          "headers": { "content-type": "application/json" },
          "body": { "@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/u1" }, "dependsOn": ["update"] },
        { "id": "list", "method": "GET", "url": "/users?$top=2", "headers": { "consistencylevel": "eventual" } }
    ]});
    Mock::given(method("POST"))
        .and(path("/v1.0/$batch"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header("content-type", "application/json"))
        .and(body_json(expected))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "responses": [
            { "id": "ref", "status": 204 },
            { "id": "list", "status": 200, "headers": { "Content-Type": "application/json" },
              "body": { "value": [{ "id": "u1" }, { "id": "u2" }], "@odata.nextLink": "https://graph.microsoft.com/v1.0/users?$skiptoken=x" } },
            { "id": "update", "status": 200, "headers": { "Content-Type": "application/json; charset=utf-8" },
              "body": { "id": "o1", "pendingCount": 3, "failedCount": 1 } }
        ]})))
        .expect(1)
        .mount(&server)
        .await;
    let update = Graph::new()
        .device_management()
        .device_compliance_policies()
        .by_id("p/1")
        .user_status_overview()
        .update(DeviceComplianceUserOverview {
            pending_count: Field::Value(3),
            ..Default::default()
        });
    let add = RequestRoute::<NoContent>::new(
        Request::new(http::Method::POST, "/groups/g1/members/$ref")
            .with_json_body(&json!({ "@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/u1" }))
            .unwrap(),
    );
    let mut list = list_users();
    *list.request_mut() = list
        .request()
        .clone()
        .with_query_param("$top", "2")
        .consistency_level(ConsistencyLevel::Eventual);
    let mut batch = Batch::new();
    batch.add("update", &update).unwrap();
    batch.add_after("ref", &add, &["update"]).unwrap();
    batch.add("list", &list).unwrap();
    // A beta-only route cannot ride in a v1.0 batch: it would reach v1.0.
    let beta = update_status("c1", Default::default());
    assert!(batch.add("beta", &beta).is_err());
    let response = client(&server, 0).send(&batch).await.unwrap();
    let updated = response
        .get("update")
        .unwrap()
        .parse::<UpdateDeviceManagementDeviceCompliancePolicyUserStatusOverview>()
        .unwrap();
    assert_eq!(updated.pending_count, Field::Value(3));
    assert_eq!(updated.failed_count, Field::Value(1));
    assert_eq!(
        response.get("ref").unwrap().parse::<RequestRoute<NoContent>>().unwrap(),
        NoContent
    );
    let page = response
        .get("list")
        .unwrap()
        .parse::<RequestRoute<CollectionPage<Value>>>()
        .unwrap();
    assert_eq!(ids(&page.value), ["u1", "u2"]);
    assert!(page.next_link.is_some());
    server.verify().await;
}

#[tokio::test]
async fn a_download_follows_a_redirect_without_the_token() {
    let graph = MockServer::start().await;
    let storage = MockServer::start().await;
    let bytes = b"the file's bytes".to_vec();
    Mock::given(method("GET"))
        .and(path("/v1.0/me/drive/items/f1/content"))
        .respond_with(
            ResponseTemplate::new(302).insert_header("Location", format!("{}/download/f1?sig=s", storage.uri())),
        )
        .mount(&graph)
        .await;
    Mock::given(method("GET"))
        .and(path("/download/f1"))
        .and(query_param("sig", "s"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(bytes.clone(), "application/octet-stream"))
        .expect(1)
        .mount(&storage)
        .await;
    assert_eq!(client(&graph, 0).send(&DownloadContent("f1")).await.unwrap(), bytes);
    let at_storage = storage.received_requests().await.unwrap();
    assert!(
        !at_storage[0].headers.contains_key("authorization"),
        "the token stays with Graph"
    );
    storage.verify().await;
}

#[tokio::test]
async fn a_throttled_page_is_retried_inside_the_stream() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .and(query_param("$skiptoken", "2"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    three_pages(&server).await;
    let items: Vec<Value> = client(&server, 2).items(&list_users()).try_collect().await.unwrap();
    assert_eq!(ids(&items), ["a", "b", "c", "d"]);
    assert_eq!(server.received_requests().await.unwrap().len(), 4);

    // A page that fails ends the stream with the error, after the items before it.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .and(query_param("$skiptoken", "2"))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_json(json!({ "error": { "code": "badSkipToken", "message": "expired" } })),
        )
        .with_priority(1)
        .mount(&server)
        .await;
    three_pages(&server).await;
    let results: Vec<Result<Value, Error>> = client(&server, 2).items(&list_users()).collect().await;
    assert_eq!(results.len(), 3);
    assert_eq!(results[1].as_ref().unwrap()["id"], "b");
    let e = results[2].as_ref().unwrap_err();
    assert_eq!(e.odata_error().unwrap().code, "badSkipToken");
}

#[tokio::test]
async fn a_server_that_is_not_there_is_a_transport_error() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::builder(StaticToken::new(TOKEN))
        .base_url(format!("http://127.0.0.1:{port}/v1.0"))
        .build();
    let e = client.send(&RequestRoute::<Value>::get("/me")).await.unwrap_err();
    assert!(matches!(e, Error::Transport(_)), "{e}");
    assert_eq!(e.status(), None);
    assert!(e.to_string().starts_with("cannot send the request: "), "{e}");
}
