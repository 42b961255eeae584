//! Calls Graph the way the README shows, on the crate of the whole v1.0
//! corpus, against the local Graph (faults set on it over HTTP, as a test
//! suite would): every user page by page through a 429, one user with
//! `$select`, a 404 read as a typed error, polymorphic device configurations
//! listed and one updated with only its name, a 503 retried, an HTML 502
//! read as an error, a drive's children, an action with a body.
//!
//! ```sh
//! cargo xtask regen --input ../shared/corpus/graph-docs-v1.0 \
//!     --csdl ../shared/corpus/csdl/v1.0.xml --out target/msgraph-typed-v1.0
//! cargo xtask mock --input ../shared/corpus/graph-docs-v1.0 \
//!     --csdl ../shared/corpus/csdl/v1.0.xml --port 8080 --page-size 1 &
//! GRAPH_BASE_URL=http://127.0.0.1:8080/v1.0 cargo run --manifest-path tests/corpus-app/Cargo.toml
//! ```

use futures_util::TryStreamExt;
use msgraph_typed::client::{Client, RetryPolicy, StaticToken};
use msgraph_typed::models::{GetDirectoryObjectMemberObjectsBody, User, Windows10GeneralConfiguration};
use std::time::Duration;
use msgraph_typed::support::Field;

type Failure = Box<dyn std::error::Error>;

/// Makes the local Graph answer `route` with `status` (and an HTML `body`) once.
async fn fault(base: &str, route: &str, status: u16, body: Option<&str>) -> Result<(), Failure> {
    let origin = base.trim_end_matches('/').trim_end_matches("/v1.0");
    let mut fault = serde_json::json!({ "route": route, "status": status, "retryAfter": 0 });
    if let Some(body) = body {
        fault["body"] = body.into();
        fault["contentType"] = "text/html".into();
    }
    let answer = reqwest::Client::new().post(format!("{origin}/$mock/faults")).json(&fault).send().await?;
    if answer.status() != reqwest::StatusCode::NO_CONTENT {
        return Err(format!("the local Graph refused the fault: {}", answer.text().await?).into());
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Failure> {
    let base = std::env::var("GRAPH_BASE_URL").map_err(|_| "set GRAPH_BASE_URL")?;
    let client = Client::builder(StaticToken::new("local-token"))
        .base_url(&base)
        .retry(RetryPolicy { initial_delay: Duration::from_millis(10), ..RetryPolicy::default() })
        .build();

    // Every user, following @odata.nextLink page by page; the first page is throttled once.
    fault(&base, "GET /users", 429, None).await?;
    let users: Vec<User> = client.users().list().items().try_collect().await?;
    // `by_id` takes an id or a user principal name, as the service does.
    let first = users.first().ok_or("no users")?;
    let id = first.id.value().or(first.user_principal_name.value()).cloned().ok_or("no id")?;
    println!("list: {} users, first {id}", users.len());

    // A user's mail folders, page by page (the local Graph cuts them in pages of one).
    let pages: Vec<_> = client.users().by_id(&id).mail_folders().list().pages().try_collect().await?;
    let names: Vec<_> = pages.iter().flat_map(|p| &p.value).filter_map(|f| f.display_name.value()).collect();
    println!("mail folders: {} pages, {names:?}", pages.len());

    // One user with $select, typed by the model: `Group::DISPLAY_NAME` would not compile.
    let user = client.users().by_id(&id).get().select([User::DISPLAY_NAME, User::MAIL]).await?;
    println!("get with $select: {:?} <{:?}>", user.display_name.value(), user.mail.value());

    // A 404 is a typed error: the service's code and message.
    fault(&base, "GET /users/{id}", 404, None).await?;
    let missing = client.users().by_id("no-such-user").get().await.expect_err("a 404");
    let graph_error = missing.graph_error().ok_or("a typed Graph error")?;
    println!("404: status {:?}, code {:?}", missing.status(), graph_error.code());
    assert_eq!(missing.status(), Some(http::StatusCode::NOT_FOUND));
    assert_eq!(graph_error.code(), Some("ResourceNotFound"));

    // Device configurations of every platform in one list, each read as its own type.
    let configurations = client.device_management().device_configurations().list().await?;
    let kinds: Vec<String> = configurations.value.iter().map(|c| format!("{:?}", c.clone().into_kind())).collect();
    let first = configurations.value.first().ok_or("no device configurations")?;
    let configuration_id = first.id.value().cloned().ok_or("no id")?;
    println!("device configurations: {} ({} kinds read)", configurations.value.len(), kinds.len());

    // A PATCH sends only what is set: the name (and the type it is).
    let rename = Windows10GeneralConfiguration { display_name: Field::Value("Kiosk policy".into()), ..Default::default() };
    client.device_management().device_configurations().by_id(&configuration_id).update(rename).await?;
    println!("device configuration renamed");

    // A 503 is retried; an HTML 502 from a gateway is an error with its status and text.
    fault(&base, "GET /users/{id}", 503, None).await?;
    client.users().by_id(&id).get().await?;
    println!("503: retried");
    fault(&base, "GET /users/{id}", 502, Some("<html><body>502 Bad Gateway</body></html>")).await?;
    let gateway = client.users().by_id(&id).get().await.expect_err("a 502");
    println!("502: {gateway}");
    assert_eq!(gateway.status(), Some(http::StatusCode::BAD_GATEWAY));
    assert_eq!(gateway.graph_error().and_then(|e| e.code()), None, "an HTML answer carries no OData error");

    // A drive item's children.
    let children = client.drives().by_id("drive-1").items().by_id("root").children().list().await?;
    println!("drive children: {}", children.value.len());

    // An update sends only what is set.
    let patch = User { job_title: Field::Value("Site engineer".into()), ..Default::default() };
    client.users().by_id(&id).update(patch).await?;
    println!("update: done");

    // An action with its own body model.
    let body = GetDirectoryObjectMemberObjectsBody { security_enabled_only: Field::Value(false), ..Default::default() };
    let groups = client.users().by_id(&id).get_member_objects(body).await?;
    println!("action getMemberObjects: {} ids, first {:?}", groups.value.len(), groups.value.first());
    Ok(())
}
