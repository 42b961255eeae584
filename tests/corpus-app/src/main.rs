//! Calls Graph the way the README shows, on the crate of the whole v1.0
//! corpus, against the local Graph: every user page by page, one user with
//! `$select`, an update, an action.
//!
//! ```sh
//! cargo xtask regen --input ../shared/corpus/graph-docs-v1.0 \
//!     --csdl ../shared/corpus/csdl/v1.0.xml --out target/msgraph-typed-v1.0
//! cargo xtask mock --input ../shared/corpus/graph-docs-v1.0 \
//!     --csdl ../shared/corpus/csdl/v1.0.xml --port 8080 --page-size 1 &
//! GRAPH_BASE_URL=http://127.0.0.1:8080/v1.0 cargo run --manifest-path tests/corpus-app/Cargo.toml
//! ```

use futures_util::TryStreamExt;
use msgraph_typed::client::{Client, StaticToken};
use msgraph_typed::models::{GetDirectoryObjectMemberObjectsBody, User};
use msgraph_typed::support::Field;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let base = std::env::var("GRAPH_BASE_URL").map_err(|_| "set GRAPH_BASE_URL")?;
    let client = Client::builder(StaticToken::new("local-token")).base_url(base).build();

    // Every user, following @odata.nextLink page by page.
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
