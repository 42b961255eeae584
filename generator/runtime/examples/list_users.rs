//! Lists every user, page by page, following `@odata.nextLink`.
//!
//! `GRAPH_TOKEN` holds an access token (`User.Read.All`); `GRAPH_BASE_URL`
//! the base URL (default `https://graph.microsoft.com/v1.0`), so the example
//! runs against the service or a local server:
//!
//! ```sh
//! GRAPH_TOKEN=... cargo run -p msgraph-typed --features client --example list_users
//! ```
//!
//! A crate generated from the whole reference has `routes::users::ListUsers`
//! for this request; the route is built by hand here so the example runs
//! with any generated crate.

use futures_util::TryStreamExt;
use msgraph_typed::client::{Client, StaticToken};
use msgraph_typed::support::{CollectionPage, ConsistencyLevel, Prefer, QueryOptions, Request, RequestRoute};

#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct User {
    id: String,
    display_name: Option<String>,
    user_principal_name: Option<String>,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let token = std::env::var("GRAPH_TOKEN").map_err(|_| "set GRAPH_TOKEN to an access token")?;
    let mut builder = Client::builder(StaticToken::new(token));
    if let Ok(base) = std::env::var("GRAPH_BASE_URL") {
        builder = builder.base_url(base);
    }
    let client = builder.build();

    let request = Request::new(http::Method::GET, "/users").with_query(
        &QueryOptions::new()
            .select(["id", "displayName", "userPrincipalName"])
            .count(true),
    );
    let list_users = RequestRoute::<CollectionPage<User>>::new(request);
    let mut pages = Box::pin(
        client
            .call(&list_users)
            // `$count` is an advanced query: it needs `ConsistencyLevel: eventual`.
            .consistency_level(ConsistencyLevel::Eventual)
            .prefer(&Prefer::new().max_page_size(100))
            .pages(),
    );
    let mut n = 0;
    while let Some(page) = pages.try_next().await? {
        if let Some(count) = page.count {
            println!("{count} users in all");
        }
        for user in &page.value {
            n += 1;
            println!(
                "{n:>5} {} {} {}",
                user.id,
                user.display_name.as_deref().unwrap_or("-"),
                user.user_principal_name.as_deref().unwrap_or("-")
            );
        }
    }
    Ok(())
}
