//! Retries: what the service said (`Retry-After` as seconds or a date), the
//! policy's back-off and limit, which statuses and methods are retried, and
//! a token asked for on every attempt.

use super::*;
use futures_util::future::BoxFuture;
use msgraph_typed::client::{TokenError, TokenSource};
use std::sync::atomic::{AtomicUsize, Ordering};

#[tokio::test]
async fn a_429_is_retried_after_what_the_service_said() {
    let server = MockServer::start().await;
    answers(
        &server,
        "GET",
        "/v1.0/me",
        vec![
            ResponseTemplate::new(429).insert_header("Retry-After", "0"),
            ResponseTemplate::new(200).set_body_json(json!({ "id": "me" })),
        ],
    )
    .await;
    let me = client(&server, 3)
        .send(&RequestRoute::<Value>::get("/me"))
        .await
        .unwrap();
    assert_eq!(me, json!({ "id": "me" }));
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 2);
    // Both attempts are the same request.
    assert_eq!(
        received[0].headers["client-request-id"],
        received[1].headers["client-request-id"]
    );
}

#[tokio::test]
async fn a_post_is_not_retried_without_retry_after_but_is_with_it() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1.0/groups"))
        .respond_with(ResponseTemplate::new(429))
        .expect(1)
        .mount(&server)
        .await;
    let create = RequestRoute::<Value>::new(
        Request::new(http::Method::POST, "/groups")
            .with_json_body(&json!({}))
            .unwrap(),
    );
    let e = client(&server, 3).send(&create).await.unwrap_err();
    assert_eq!(e.status(), Some(http::StatusCode::TOO_MANY_REQUESTS));
    server.verify().await;

    let server = MockServer::start().await;
    answers(
        &server,
        "POST",
        "/v1.0/groups",
        vec![
            ResponseTemplate::new(503).insert_header("Retry-After", "0"),
            ResponseTemplate::new(201).set_body_json(json!({ "id": "g" })),
        ],
    )
    .await;
    assert_eq!(client(&server, 3).send(&create).await.unwrap(), json!({ "id": "g" }));
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_503_gives_up_after_the_limit() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("request-id", "r-503"))
        .mount(&server)
        .await;
    let e = client(&server, 2)
        .send(&RequestRoute::<Value>::get("/me"))
        .await
        .unwrap_err();
    // The first attempt and two retries.
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
    assert_eq!(e.status(), Some(http::StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(e.request_id(), Some("r-503"));
}

#[tokio::test]
async fn retry_after_as_a_date_and_back_off_without_one() {
    let server = MockServer::start().await;
    answers(
        &server,
        "GET",
        "/v1.0/me",
        vec![
            // A date in the past: retry at once.
            ResponseTemplate::new(503).insert_header("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"),
            // No Retry-After on a GET: the policy's back-off (1-5 ms here).
            ResponseTemplate::new(429),
            ResponseTemplate::new(200).set_body_json(json!({ "id": "me" })),
        ],
    )
    .await;
    let me = client(&server, 3)
        .send(&RequestRoute::<Value>::get("/me"))
        .await
        .unwrap();
    assert_eq!(me["id"], "me");
    assert_eq!(server.received_requests().await.unwrap().len(), 3);

    // Asked to wait longer than the policy allows: the 429 comes back at once.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "3600"))
        .mount(&server)
        .await;
    let e = client(&server, 3)
        .send(&RequestRoute::<Value>::get("/me"))
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(http::StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_504_is_retried_and_a_500_is_not() {
    let server = MockServer::start().await;
    answers(
        &server,
        "GET",
        "/v1.0/me",
        vec![
            ResponseTemplate::new(504),
            ResponseTemplate::new(500)
                .set_body_json(json!({ "error": { "code": "generalException", "message": "boom" } })),
        ],
    )
    .await;
    let e = client(&server, 5)
        .send(&RequestRoute::<Value>::get("/me"))
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(http::StatusCode::INTERNAL_SERVER_ERROR));
    assert_eq!(e.odata_error().unwrap().code, "generalException");
    // One 504 retried, then the 500 given back.
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

/// Gives `t1`, `t2`, ...: a new token for each attempt, as a refreshing
/// credential would.
#[derive(Default)]
struct CountingTokens(AtomicUsize);

impl TokenSource for CountingTokens {
    fn token(&self) -> BoxFuture<'_, Result<String, TokenError>> {
        let n = self.0.fetch_add(1, Ordering::SeqCst) + 1;
        Box::pin(std::future::ready(Ok(format!("t{n}"))))
    }
}

struct FailingTokens;

impl TokenSource for FailingTokens {
    fn token(&self) -> BoxFuture<'_, Result<String, TokenError>> {
        Box::pin(std::future::ready(Err("the credential expired".into())))
    }
}

#[tokio::test]
async fn the_token_source_is_asked_for_every_attempt() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    let base = format!("{}/v1.0", server.uri());
    let counting = Client::builder(CountingTokens::default()).base_url(&base).build();
    counting.send(&RequestRoute::<Value>::get("/me")).await.unwrap();
    let received = server.received_requests().await.unwrap();
    let tokens: Vec<_> = received.iter().map(|r| r.headers["authorization"].clone()).collect();
    assert_eq!(tokens, ["Bearer t1", "Bearer t2"]);

    let failing = Client::builder(FailingTokens).base_url(&base).build();
    let e = failing.send(&RequestRoute::<Value>::get("/me")).await.unwrap_err();
    assert!(matches!(e, Error::Token(_)), "{e}");
    assert_eq!(e.to_string(), "cannot get an access token: the credential expired");
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        2,
        "nothing sent without a token"
    );
}
