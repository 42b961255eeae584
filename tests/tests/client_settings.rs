//! The client's settings and what an application sees of its work, against
//! a real HTTP server on 127.0.0.1 (wiremock): the per-attempt timeout, the
//! `tracing` span of each attempt, and tokens from an Azure SDK credential
//! (feature `azure`).

use azure_core::credentials::{AccessToken, Secret, TokenCredential, TokenRequestOptions};
use msgraph_typed::client::{AzureCredential, Client, Cloud, RetryPolicy, StaticToken, DEFAULT_TIMEOUT};
use msgraph_typed::support::RequestRoute;
use serde_json::{json, Value};
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn me() -> RequestRoute<Value> {
    RequestRoute::get("/me")
}

async fn answer_me(server: &MockServer, answer: ResponseTemplate) {
    Mock::given(method("GET"))
        .and(path("/v1.0/me"))
        .respond_with(answer)
        .mount(server)
        .await;
}

#[tokio::test]
async fn an_attempt_past_the_timeout_fails_as_a_timeout_and_is_not_retried() {
    assert_eq!(DEFAULT_TIMEOUT, Duration::from_secs(100));
    let server = MockServer::start().await;
    answer_me(
        &server,
        ResponseTemplate::new(200)
            .set_body_json(json!({ "id": "me" }))
            .set_delay(Duration::from_secs(5)),
    )
    .await;
    let client = Client::builder(StaticToken::new("t"))
        .base_url(format!("{}/v1.0", server.uri()))
        .timeout(Some(Duration::from_millis(200)))
        .build();
    let started = std::time::Instant::now();
    let error = client.send(&me()).await.unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(4), "the answer was waited for");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

/// Everything `tracing` writes while the test runs, as text.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "current_thread")]
async fn each_attempt_is_a_tracing_span_and_a_retry_says_why() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/me"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "0")
                .insert_header("request-id", "rid-429"),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    answer_me(&server, ResponseTemplate::new(200).set_body_json(json!({ "id": "me" }))).await;
    let client = Client::builder(StaticToken::new("t"))
        .base_url(format!("{}/v1.0", server.uri()))
        .retry(RetryPolicy {
            max_retries: 2,
            ..RetryPolicy::default()
        })
        .build();
    client.send(&me()).await.unwrap();

    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    // The client's own events (the HTTP stack's debug lines sit in the same
    // spans).
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("graph_request{") && l.contains(" msgraph_typed::client: "))
        .collect();
    assert_eq!(lines.len(), 2, "{text}");
    let url = format!("url={}/v1.0/me", server.uri());
    assert!(lines[0].contains("WARN") && lines[0].contains("attempt=1"), "{text}");
    assert!(
        lines[0].contains("retrying") && lines[0].contains("status=429 Too Many Requests"),
        "{text}"
    );
    assert!(
        lines[0].contains("request_id=\"rid-429\"") && lines[0].contains(&url),
        "{text}"
    );
    assert!(lines[1].contains("DEBUG") && lines[1].contains("attempt=2"), "{text}");
    assert!(
        lines[1].contains("status=200") && lines[1].contains("response"),
        "{text}"
    );
    assert!(!text.contains("Bearer"), "a token was logged: {text}");
}

/// A credential as the Azure SDK's are: asked for scopes, gives a token.
#[derive(Debug, Default)]
struct Credential {
    asked: Mutex<Vec<Vec<String>>>,
    fail: bool,
}

#[async_trait::async_trait]
impl TokenCredential for Credential {
    async fn get_token(
        &self,
        scopes: &[&str],
        _options: Option<TokenRequestOptions<'_>>,
    ) -> azure_core::Result<AccessToken> {
        self.asked
            .lock()
            .unwrap()
            .push(scopes.iter().map(|s| s.to_string()).collect());
        if self.fail {
            return Err(azure_core::Error::with_message(
                azure_core::error::ErrorKind::Credential,
                "no managed identity here",
            ));
        }
        let expires = azure_core::time::OffsetDateTime::now_utc() + azure_core::time::Duration::hours(1);
        Ok(AccessToken::new(Secret::new("azure-token"), expires))
    }
}

#[tokio::test]
async fn an_azure_credential_supplies_the_token_for_the_clouds_graph() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/me"))
        .and(header("authorization", "Bearer azure-token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "id": "me" })))
        .mount(&server)
        .await;
    let credential = Arc::new(Credential::default());
    let tokens = AzureCredential::new(credential.clone()).cloud(Cloud::UsGovL4);
    let client = Client::builder(tokens)
        .base_url(format!("{}/v1.0", server.uri()))
        .build();
    assert_eq!(client.send(&me()).await.unwrap(), json!({ "id": "me" }));
    assert_eq!(
        *credential.asked.lock().unwrap(),
        [vec!["https://graph.microsoft.us/.default".to_owned()]]
    );

    let scoped = AzureCredential::new(credential.clone()).scopes(["User.Read", "Mail.Read"]);
    assert_eq!(scoped.requested_scopes(), ["User.Read", "Mail.Read"]);
}

#[tokio::test]
async fn a_failing_azure_credential_is_a_token_error_and_nothing_is_sent() {
    let server = MockServer::start().await;
    answer_me(&server, ResponseTemplate::new(200).set_body_json(json!({}))).await;
    let credential = Arc::new(Credential {
        fail: true,
        ..Credential::default()
    });
    let client = Client::builder(AzureCredential::new(credential))
        .base_url(format!("{}/v1.0", server.uri()))
        .build();
    let error = client.send(&me()).await.unwrap_err();
    assert!(matches!(error, msgraph_typed::client::Error::Token(_)), "{error:?}");
    assert!(error.to_string().contains("no managed identity here"), "{error}");
    assert!(server.received_requests().await.unwrap().is_empty());
}
