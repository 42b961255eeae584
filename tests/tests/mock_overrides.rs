//! The user's own answers on the local Graph over 127.0.0.1: read from a
//! folder of JSON and YAML files (`Overrides::load`, `cargo xtask mock
//! --overrides DIR`), answered in place of the documented example for the
//! requests they name, and for paths no page documents; requests are still
//! checked first.

use msgraph_mock::{Graph, Options, Override, Overrides, Server, OVERRIDE_HEADER};
use reqwest::blocking::{Client, RequestBuilder, Response};
use serde_json::{json, Value};

const ADA: &str = "11111111-0000-0000-0000-000000000001";
const OTHER: &str = "11111111-0000-0000-0000-000000000002";

fn start(overrides: Vec<Override>) -> Server {
    let dir = tests::root().join("tests/tests/fixtures/mock");
    let graph = Graph::load(&dir, None).expect("the fixture pages load");
    Server::start(
        graph,
        Options {
            overrides,
            ..Options::default()
        },
    )
    .expect("the server starts on 127.0.0.1")
}

fn send(request: RequestBuilder) -> Response {
    request.bearer_auth("local").send().unwrap()
}

fn named(response: &Response) -> Option<String> {
    response
        .headers()
        .get(OVERRIDE_HEADER)
        .map(|v| v.to_str().unwrap().to_string())
}

/// A folder with one JSON answer and a YAML file of two.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ada.json"),
        json!({
            "request": format!("GET /users/{ADA}"),
            "headers": {"ETag": "W/\"7\""},
            "body": {"id": ADA, "displayName": "Ada from the folder"}
        })
        .to_string(),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("more")).unwrap();
    std::fs::write(
        dir.path().join("more/answers.yaml"),
        r#"
- request: GET /me/widgets/{id}
  body: {id: w1, name: lever}
- request: POST /users
  status: 409
  body: {error: {code: Conflict, message: taken}}
"#,
    )
    .unwrap();
    dir
}

#[test]
fn answers_from_a_folder_replace_the_documented_ones_they_name() {
    let dir = folder();
    let server = start(Overrides::load(dir.path()).expect("the folder reads"));
    let client = Client::new();
    let base = server.url();

    let ada = send(client.get(format!("{base}/users/{ADA}")));
    assert_eq!(ada.status(), 200);
    assert_eq!(
        named(&ada),
        Some(format!("{}#0", dir.path().join("ada.json").display()))
    );
    assert_eq!(ada.headers()["etag"], "W/\"7\"");
    assert_eq!(ada.json::<Value>().unwrap()["displayName"], "Ada from the folder");

    // Another user is answered as documented.
    let other = send(client.get(format!("{base}/users/{OTHER}")));
    assert_eq!(other.status(), 200);
    assert_eq!(named(&other), None);
    assert_ne!(other.json::<Value>().unwrap()["displayName"], "Ada from the folder");

    // An answer replacing a create; the body is checked first all the same.
    let conflict = send(
        client
            .post(format!("{base}/users"))
            .json(&json!({"displayName": "Ada"})),
    );
    assert_eq!(conflict.status(), 409);
    assert_eq!(conflict.json::<Value>().unwrap()["error"]["code"], "Conflict");
    let unfit = send(client.post(format!("{base}/users")).json(&json!({"notAProperty": 1})));
    assert_eq!(unfit.status(), 400);
    assert_eq!(named(&unfit), None);
}

#[test]
fn an_answer_for_a_path_no_page_documents_is_an_extra_route() {
    let dir = folder();
    let server = start(Overrides::load(dir.path()).unwrap());
    let client = Client::new();
    let widget = send(client.get(format!("{}/me/widgets/w1", server.url())));
    assert_eq!(widget.status(), 200);
    assert!(named(&widget).unwrap().ends_with("answers.yaml#0"));
    assert_eq!(widget.json::<Value>().unwrap(), json!({"id": "w1", "name": "lever"}));
    // Still a 404 for what neither pages nor answers have, a 401 without a token.
    let missing = send(client.get(format!("{}/me/gadgets/g1", server.url())));
    assert_eq!(missing.status(), 404);
    let anonymous = client.get(format!("{}/me/widgets/w1", server.url())).send().unwrap();
    assert_eq!(anonymous.status(), 401);
}

#[test]
fn a_text_answer_given_in_code_keeps_its_content_type() {
    let answer: Override = serde_json::from_value(json!({
        "request": "GET /users?$top=1",
        "status": 502,
        "headers": {"Content-Type": "text/html"},
        "text": "<html>bad gateway</html>"
    }))
    .unwrap();
    let server = start(vec![answer]);
    let client = Client::new();
    let html = send(client.get(format!("{}/users?$top=1", server.url())));
    assert_eq!(html.status(), 502);
    assert_eq!(html.headers()["content-type"], "text/html");
    assert_eq!(html.text().unwrap(), "<html>bad gateway</html>");
    // Without that query, the documented list.
    let list = send(client.get(format!("{}/users", server.url())));
    assert_eq!(list.status(), 200);
}

#[test]
fn a_file_that_does_not_read_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.json"),
        r#"{"request": "GET users", "status": 200}"#,
    )
    .unwrap();
    let error = Overrides::load(dir.path()).unwrap_err().to_string();
    assert!(
        error.contains("bad.json#0") && error.contains("does not start with `/`"),
        "{error}"
    );
    std::fs::write(
        dir.path().join("bad.json"),
        r#"{"request": "GET /users", "stats": 200}"#,
    )
    .unwrap();
    let error = Overrides::load(dir.path()).unwrap_err().to_string();
    assert!(error.contains("bad.json") && error.contains("stats"), "{error}");
}
