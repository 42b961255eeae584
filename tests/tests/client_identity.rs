//! Tokens from the Microsoft identity platform (`ClientSecret`,
//! `DeviceCode`), with the sign-in host and Graph both served by a real HTTP
//! server on 127.0.0.1 (wiremock): what is posted to the token endpoints, the
//! token reaching Graph, caching and renewal, and the service's errors.

use msgraph_typed::client::{Client, ClientSecret, DeviceCode, DeviceCodePrompt, IdentityError};
use msgraph_typed::support::RequestRoute;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use wiremock::matchers::{body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TENANT: &str = "contoso.onmicrosoft.com";
const TOKEN_PATH: &str = "/contoso.onmicrosoft.com/oauth2/v2.0/token";

fn me() -> RequestRoute<Value> {
    RequestRoute::get("/me")
}

/// Graph's `/me`, answered only with `token`.
async fn graph_accepts(server: &MockServer, token: &str) {
    Mock::given(method("GET"))
        .and(path("/v1.0/me"))
        .and(header("authorization", format!("Bearer {token}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "id": "me" })))
        .mount(server)
        .await;
}

fn token_answer(token: &str, expires_in: u64) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "token_type": "Bearer",
        "expires_in": expires_in,
        "access_token": token,
        "refresh_token": format!("refresh-of-{token}"),
    }))
}

fn oauth_error(status: u16, error: &str, description: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({ "error": error, "error_description": description }))
}

fn client(server: &MockServer, source: impl msgraph_typed::client::TokenSource + 'static) -> Client {
    Client::builder(source)
        .base_url(format!("{}/v1.0", server.uri()))
        .build()
}

#[tokio::test]
async fn a_client_secret_is_exchanged_once_for_an_app_token_graph_accepts() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string_contains("grant_type=client_credentials"))
        .and(body_string_contains("client_id=app-id"))
        .and(body_string_contains("client_secret=s%3Dcr%26t"))
        .and(body_string_contains(
            "scope=https%3A%2F%2Fgraph.microsoft.com%2F.default",
        ))
        .respond_with(token_answer("app-token", 3599))
        .expect(1)
        .mount(&server)
        .await;
    graph_accepts(&server, "app-token").await;
    let source = ClientSecret::new(TENANT, "app-id", "s=cr&t").authority(server.uri());
    assert_eq!(source.token_url(), format!("{}{TOKEN_PATH}", server.uri()));
    let client = client(&server, source);
    for _ in 0..3 {
        assert_eq!(client.send(&me()).await.unwrap()["id"], "me");
    }
    // `expect(1)`: the token was kept for the later requests.
    server.verify().await;
}

#[tokio::test]
async fn an_expired_app_token_is_asked_for_again() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(token_answer("short", 0))
        .expect(2)
        .mount(&server)
        .await;
    graph_accepts(&server, "short").await;
    let client = client(
        &server,
        ClientSecret::new(TENANT, "app-id", "secret").authority(server.uri()),
    );
    client.send(&me()).await.unwrap();
    client.send(&me()).await.unwrap();
    server.verify().await;
}

#[tokio::test]
async fn a_refused_secret_is_a_token_error_with_the_services_words_and_nothing_reaches_graph() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(oauth_error(
            401,
            "invalid_client",
            "AADSTS7000215: Invalid client secret provided.",
        ))
        .mount(&server)
        .await;
    let client = client(
        &server,
        ClientSecret::new(TENANT, "app-id", "wrong").authority(server.uri()),
    );
    let error = client.send(&me()).await.unwrap_err();
    let text = error.to_string();
    assert!(text.contains("AADSTS7000215"), "{text}");
    let identity = std::error::Error::source(&error)
        .and_then(|e| e.downcast_ref::<IdentityError>())
        .expect("the identity platform's error is the source");
    assert_eq!((identity.status, identity.error.as_str()), (401, "invalid_client"));
    let requests = server.received_requests().await.unwrap();
    assert!(
        requests.iter().all(|r| r.url.path() == TOKEN_PATH),
        "Graph was not called"
    );
}

/// A device code source against `server`, recording what the user is shown.
fn device_code(server: &MockServer) -> (DeviceCode, Arc<Mutex<Vec<DeviceCodePrompt>>>) {
    let shown = Arc::new(Mutex::new(Vec::new()));
    let seen = shown.clone();
    let source = DeviceCode::new(TENANT, "public-app", ["User.Read"], move |prompt| {
        seen.lock().unwrap().push(prompt.clone())
    })
    .authority(server.uri());
    (source, shown)
}

async fn device_code_endpoint(server: &MockServer) {
    Mock::given(method("POST"))
        .and(path("/contoso.onmicrosoft.com/oauth2/v2.0/devicecode"))
        .and(body_string_contains("client_id=public-app"))
        .and(body_string_contains(
            "scope=https%3A%2F%2Fgraph.microsoft.com%2FUser.Read+offline_access",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "device_code": "dev-code-1",
            "user_code": "ABCD-EFGH",
            "verification_uri": "https://microsoft.com/devicelogin",
            "expires_in": 900,
            "interval": 0,
            "message": "To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code ABCD-EFGH to authenticate."
        })))
        .expect(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn a_device_code_sign_in_shows_the_code_waits_for_the_user_and_renews_by_refresh_token() {
    let server = MockServer::start().await;
    device_code_endpoint(&server).await;
    let device_grant = || body_string_contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code");
    // The user has not signed in yet, twice; then has.
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .and(device_grant())
        .and(body_string_contains("device_code=dev-code-1"))
        .respond_with(oauth_error(400, "authorization_pending", "AADSTS70016: pending"))
        .up_to_n_times(2)
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .and(device_grant())
        .respond_with(token_answer("user-token", 0))
        .expect(1)
        .mount(&server)
        .await;
    // The token expires at once: the next request renews it by refresh token.
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .and(body_string_contains("grant_type=refresh_token"))
        .and(body_string_contains("refresh_token=refresh-of-user-token"))
        .respond_with(token_answer("renewed-token", 3599))
        .expect(1)
        .mount(&server)
        .await;
    graph_accepts(&server, "user-token").await;
    graph_accepts(&server, "renewed-token").await;

    let (source, shown) = device_code(&server);
    let client = client(&server, source);
    client.send(&me()).await.unwrap();
    client.send(&me()).await.unwrap();
    client.send(&me()).await.unwrap();
    let shown = shown.lock().unwrap().clone();
    assert_eq!(shown.len(), 1, "the user signs in once");
    assert_eq!(shown[0].user_code, "ABCD-EFGH");
    assert_eq!(shown[0].verification_uri, "https://microsoft.com/devicelogin");
    assert!(shown[0].message.contains("enter the code ABCD-EFGH"));
    server.verify().await;
}

#[tokio::test]
async fn a_declined_device_code_sign_in_is_a_token_error() {
    let server = MockServer::start().await;
    device_code_endpoint(&server).await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(oauth_error(
            400,
            "authorization_declined",
            "AADSTS70000: The user declined.",
        ))
        .mount(&server)
        .await;
    let (source, _) = device_code(&server);
    let error = client(&server, source).send(&me()).await.unwrap_err();
    assert!(error.to_string().contains("authorization_declined"), "{error}");
    assert!(server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .all(|r| !r.url.path().starts_with("/v1.0")));
}
