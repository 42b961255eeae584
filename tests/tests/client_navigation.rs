//! Navigation by path from a client, against a wiremock server on
//! 127.0.0.1: `client.device_management()...update(body).await` sends the
//! route the chain reaches (path encoded, body, token), retries a throttled
//! answer, and reads a service error as a typed error; the sans-IO root
//! gives the same request without a client.

use msgraph_typed::client::{Client, RetryPolicy, StaticToken};
use msgraph_typed::models::DeviceConfigurationDeviceStatus;
use msgraph_typed::nav::Graph;
use msgraph_typed::support::{Field, Route};
use serde_json::json;
use std::time::Duration;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder(StaticToken::new("t0ken"))
        .base_url(format!("{}/v1.0", server.uri()))
        .retry(RetryPolicy {
            max_retries: 2,
            initial_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(5),
            ..RetryPolicy::default()
        })
        .build()
}

fn renamed() -> DeviceConfigurationDeviceStatus {
    DeviceConfigurationDeviceStatus {
        device_display_name: Field::Value("Kiosk 7".into()),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_navigation_chain_from_a_client_is_awaited_as_its_route() {
    let server = MockServer::start().await;
    let at = "/v1.0/deviceManagement/deviceConfigurations/c%2F1/deviceStatuses/s1";
    Mock::given(method("PATCH"))
        .and(path(at))
        .and(header("authorization", "Bearer t0ken"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path(at))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "id": "s1", "deviceDisplayName": "Kiosk 7" })))
        .mount(&server)
        .await;
    let client = client(&server);
    let updated = client
        .device_management()
        .device_configurations()
        .by_id("c/1")
        .device_statuses()
        .by_id("s1")
        .update(renamed())
        .await
        .expect("the second attempt succeeds");
    assert_eq!(updated.id.value().map(String::as_str), Some("s1"));
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 2, "the 429 was retried");
    let sent: serde_json::Value = serde_json::from_slice(&received[1].body).unwrap();
    assert_eq!(sent, json!({ "deviceDisplayName": "Kiosk 7" }), "only what was set");

    // The same chain from the sans-IO root builds the same request.
    let route = Graph::new()
        .device_management()
        .device_configurations()
        .by_id("c/1")
        .device_statuses()
        .by_id("s1")
        .update(renamed());
    let request = route.to_request().unwrap();
    assert_eq!(format!("/v1.0{}", request.path), at);
}

#[tokio::test]
async fn a_service_error_reached_by_navigation_is_typed() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "error": { "code": "ResourceNotFound", "message": "no such status" }
        })))
        .mount(&server)
        .await;
    let client = client(&server);
    let error = client
        .graph()
        .device_management()
        .device_configurations()
        .by_id("c1")
        .device_statuses()
        .by_id("missing")
        .update(renamed())
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(http::StatusCode::NOT_FOUND));
    assert_eq!(error.odata_error().map(|e| e.code.as_str()), Some("ResourceNotFound"));
    // An id that would leave its segment is refused before anything is sent.
    let refused = client
        .device_management()
        .device_configurations()
        .by_id("..")
        .device_statuses()
        .by_id("s1")
        .update(renamed())
        .await;
    assert!(refused.is_err());
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}
