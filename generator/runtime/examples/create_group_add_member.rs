//! Creates a security group and adds a member to it (`POST /groups`, then
//! `POST /groups/{id}/members/$ref`).
//!
//! `GRAPH_TOKEN` holds an access token (`Group.ReadWrite.All`);
//! `GRAPH_BASE_URL` the base URL (default
//! `https://graph.microsoft.com/v1.0`); `MEMBER_ID` the id of the user to
//! add:
//!
//! ```sh
//! GRAPH_TOKEN=... MEMBER_ID=... cargo run -p msgraph-typed --features client --example create_group_add_member
//! ```
//!
//! A crate generated from the whole reference has `routes::groups` routes
//! for both requests; they are built by hand here so the example runs with
//! any generated crate.

use msgraph_typed::client::{Client, StaticToken};
use msgraph_typed::support::{NoContent, PathBuilder, Request, RequestRoute};
use serde_json::json;

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("set {name}"))
}

#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Group {
    id: String,
    display_name: Option<String>,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut builder = Client::builder(StaticToken::new(env("GRAPH_TOKEN")?));
    let base = std::env::var("GRAPH_BASE_URL").ok();
    if let Some(base) = &base {
        builder = builder.base_url(base);
    }
    let client = builder.build();
    let member = env("MEMBER_ID")?;

    let create = RequestRoute::<Group>::new(Request::new(http::Method::POST, "/groups").with_json_body(&json!({
        "displayName": "msgraph-typed example",
        "mailEnabled": false,
        "mailNickname": "msgraph-typed-example",
        "securityEnabled": true
    }))?);
    let group = client.send(&create).await?;
    println!(
        "created group {} ({})",
        group.id,
        group.display_name.as_deref().unwrap_or("-")
    );

    let add = RequestRoute::<NoContent>::new(
        // The id is percent-encoded into its own segment.
        PathBuilder::new()
            .literal("groups")
            .param("group-id", &group.id)
            .literal("members/$ref")
            .request(http::Method::POST)?
            .with_json_body(&json!({ "@odata.id": format!("{}/directoryObjects/{member}", client.base_url()) }))?,
    );
    client.send(&add).await?;
    println!("added {member}");
    Ok(())
}
