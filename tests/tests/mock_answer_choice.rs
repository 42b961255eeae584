//! Choosing among the answers pages document for one request, over
//! 127.0.0.1: the example whose request body fits (the same `@odata.type`,
//! else the most properties in common) without the test naming it, else the
//! first; the placeholders pages write instead of values taken where a value
//! of that type goes.

use msgraph_mock::{Graph, Options, Server, EXAMPLE_HEADER};
use reqwest::blocking::{Client, Response};
use serde_json::{json, Value};

/// A page documenting the create of one derived configuration type.
fn page(platform: &str, property: &str) -> String {
    format!(
        r##"---
title: "Create {platform}GeneralDeviceConfiguration"
doc_type: apiPageType
---

# Create {platform}GeneralDeviceConfiguration

Create a new {platform}GeneralDeviceConfiguration object.

## HTTP request

```http
POST /deviceManagement/deviceConfigurations
```

## Response

If successful, this method returns a `201 Created` response code.

## Example

### Request

<!-- {{ "blockType": "request", "name": "create_{platform}" }} -->
```http
POST https://graph.microsoft.com/v1.0/deviceManagement/deviceConfigurations
Content-type: application/json

{{
  "@odata.type": "#microsoft.graph.{platform}GeneralDeviceConfiguration",
  "displayName": "Display Name value",
  "{property}": true
}}
```

### Response

<!-- {{ "blockType": "response" }} -->
```http
HTTP/1.1 201 Created
Content-Type: application/json

{{
  "@odata.type": "#microsoft.graph.{platform}GeneralDeviceConfiguration",
  "id": "{platform}-1",
  "displayName": "Display Name value",
  "{property}": true
}}
```
"##
    )
}

/// A user page whose example body writes placeholders for values.
const PLACEHOLDERS: &str = r#"---
title: "Update widget"
doc_type: apiPageType
---

# Update widget

## HTTP request

```http
PATCH /widgets/{id}
```

## Request body

| Property | Type | Description |
|:---|:---|:---|
| enabled | Boolean | Whether it runs. |
| size | Int32 | How big. |
| icon | Binary | Its picture. |

## Response

If successful, this method returns a `204 No Content` response code.

## Example

### Request

<!-- { "blockType": "request", "name": "update_widget" } -->
```http
PATCH https://graph.microsoft.com/v1.0/widgets/1
Content-type: application/json

{
  "enabled": "Boolean",
  "size": "Int32",
  "icon": "base64-encoded bytes"
}
```

### Response

<!-- { "blockType": "response" } -->
```http
HTTP/1.1 204 No Content
```
"#;

fn start() -> (Server, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("api")).unwrap();
    for (platform, property) in [("ios", "passcodeRequired"), ("android", "passwordRequired")] {
        std::fs::write(
            dir.path().join(format!("api/intune-{platform}-create.md")),
            page(platform, property),
        )
        .unwrap();
    }
    std::fs::write(dir.path().join("api/widget-update.md"), PLACEHOLDERS).unwrap();
    let graph = Graph::load(dir.path(), None).expect("the pages load");
    let server = Server::start(graph, Options::default()).expect("the server starts on 127.0.0.1");
    (server, dir)
}

fn post(server: &Server, body: Value) -> Response {
    Client::new()
        .post(format!("{}/deviceManagement/deviceConfigurations", server.url()))
        .bearer_auth("local")
        .json(&body)
        .send()
        .unwrap()
}

/// The page of the example that answered, and the answer's `@odata.type`.
fn answered(response: Response) -> (String, String) {
    assert_eq!(response.status(), 201);
    let example = response.headers()[EXAMPLE_HEADER].to_str().unwrap().to_string();
    let page = example.split(':').next().unwrap().to_string();
    let body: Value = response.json().unwrap();
    (page, body["@odata.type"].as_str().unwrap().to_string())
}

#[test]
fn the_example_of_the_body_s_odata_type_answers() {
    let (server, _dir) = start();
    for (sent, page) in [
        (
            "#microsoft.graph.iosGeneralDeviceConfiguration",
            "api/intune-ios-create.md",
        ),
        (
            "#microsoft.graph.androidGeneralDeviceConfiguration",
            "api/intune-android-create.md",
        ),
        (
            "microsoft.graph.AndroidGeneralDeviceConfiguration",
            "api/intune-android-create.md",
        ),
    ] {
        let (got, odata_type) = answered(post(&server, json!({"@odata.type": sent, "displayName": "mine"})));
        assert_eq!(got, page, "{sent}");
        assert!(
            odata_type.eq_ignore_ascii_case(&format!("#{}", sent.trim_start_matches('#'))),
            "{odata_type}"
        );
    }
}

#[test]
fn without_a_type_the_example_with_the_most_properties_in_common_answers_else_the_first() {
    let (server, _dir) = start();
    let (page, _) = answered(post(&server, json!({"displayName": "mine", "passwordRequired": false})));
    assert_eq!(page, "api/intune-android-create.md");
    let (page, _) = answered(post(&server, json!({"displayName": "mine", "passcodeRequired": false})));
    assert_eq!(page, "api/intune-ios-create.md");
    let first = answered(post(&server, json!({"displayName": "mine"})));
    assert_eq!(first, answered(post(&server, json!({}))), "no fit: the first example");
}

#[test]
fn placeholders_are_taken_where_their_type_goes() {
    let (server, _dir) = start();
    let send = |body: Value| {
        Client::new()
            .patch(format!("{}/widgets/7", server.url()))
            .bearer_auth("local")
            .json(&body)
            .send()
            .unwrap()
            .status()
            .as_u16()
    };
    assert_eq!(
        send(json!({"enabled": "Boolean", "size": "Int32", "icon": "base64-encoded bytes"})),
        204
    );
    assert_eq!(send(json!({"enabled": true, "size": "{size}"})), 204);
    assert_eq!(send(json!({"enabled": "Int32"})), 400, "a placeholder of another type");
    assert_eq!(send(json!({"enabled": "yes"})), 400);
}
