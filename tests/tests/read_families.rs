//! The families of real page forms the reader must get right, each on the
//! lines quoted from real pages: responses, table headers and rows, request
//! sections inside examples, upstream defects that must not block the other
//! pages.

use generator::diagnostic::Severity;
use generator::read::{read_page, PageRead};
use generator::schema::{Method, Operation, Primitive, TypeRef};

/// An operation page around the given sections.
fn page(sections: &str) -> String {
    format!("# Do widget\n\nDo a [widget](../resources/widget.md).\n\n{sections}")
}

fn op(read: &PageRead) -> &Operation {
    read.page.operation.as_ref().expect("an operation page")
}

fn codes(read: &PageRead) -> Vec<(&str, u32, Severity)> {
    read.diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.line, d.severity))
        .collect()
}

const REQUEST: &str = "## HTTP request\n\n```http\nPOST /drives/{drive-id}/items/{item-id}/copy\n```\n\n";

#[test]
fn status_with_a_comma_sets_the_response() {
    for (sentence, status) in [
        (
            "returns `200, OK` response code and a [widget](../resources/widget.md) object",
            200,
        ),
        (
            "returns `201, Created` response code and a [widget](../resources/widget.md) object",
            201,
        ),
        ("returns `204, No Content` response code", 204),
        ("returns `202, Accepted` response code", 202),
    ] {
        let read = read_page(
            "w.md",
            &page(&format!(
                "{REQUEST}## Response\n\nIf successful, this method {sentence}.\n"
            )),
        );
        let response = op(&read).response.as_ref().expect(sentence);
        assert_eq!(response.status, Some(status), "{sentence}");
        assert!(!codes(&read).iter().any(|c| c.0 == "response-unreadable"), "{sentence}");
    }
}

/// `drive-recent.md`: the response section's prose names the body but no
/// status, and the section holds the documented response itself.
#[test]
fn a_response_section_without_a_status_takes_the_response_written_in_it() {
    let text = page(&format!(
        "{REQUEST}## Response\n\nThis method returns a collection of [DriveItem](../resources/driveitem.md) resources for items which the owner of the drive has recently accessed.\n\n<!-- {{ \"blockType\": \"response\",\n       \"@odata.type\": \"Collection(microsoft.graph.driveItem)\",\n       \"truncated\": true}} -->\n\n```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{{ \"value\": [] }}\n```\n"
    ));
    let read = read_page("drive-recent.md", &text);
    let response = op(&read).response.as_ref().expect("a response");
    assert_eq!(response.status, Some(200));
    // The prose's name of the type the block's `@odata.type` gives.
    assert_eq!(response.body, Some(TypeRef::collection(TypeRef::named("DriveItem"))));
    let found = codes(&read);
    assert!(
        found.contains(&("response-from-example", 11, Severity::Note)),
        "{found:?}"
    );
    assert!(!found.iter().any(|c| c.0 == "response-unreadable"), "{found:?}");

    // `site-follow.md`: no status in the prose, the status of the first
    // successful example response, the body the prose names.
    let text = page(&format!(
        "{REQUEST}## Response \n\n* If the request is successful, this method returns an array of [site](../resources/site.md) objects.\n\n## Example\n\n### Request\n\n```http\nPOST /drives/a/items/b/copy\n```\n\n### Response\n\n```http\nHTTP/1.1 202 Accepted\n```\n"
    ));
    let read = read_page("site-follow.md", &text);
    let response = op(&read).response.as_ref().expect("a response");
    assert_eq!(response.status, Some(202));

    // Nothing to take it from: left unset, and said.
    let read = read_page("w.md", &page(&format!("{REQUEST}## Response\n\nThe copied item.\n")));
    assert!(op(&read).response.is_none());
    assert!(codes(&read).iter().any(|c| c.0 == "response-unreadable"));
}

#[test]
fn name_value_description_reads_the_value_as_the_type() {
    // api/driveitem-copy.md
    let read = read_page(
        "driveitem-copy.md",
        &page(&format!(
            "{REQUEST}## Request body\n\n\
| Name            | Value                                          | Description                                                                                                 |\n\
|:----------------|:-----------------------------------------------|:------------------------------------------------------------------------------------------------------------|\n\
| parentReference | [ItemReference](../resources/itemreference.md) | Optional. Reference to the parent item the copy will be created in.                                         |\n\
| name            | string                                         | Optional. The new name for the copy. If this isn't provided, the same name will be used as the original.    |\n"
        )),
    );
    let body = &op(&read).request_body;
    assert_eq!(body.len(), 2);
    assert_eq!(body[0].type_ref, TypeRef::named("ItemReference"));
    assert_eq!(body[1].type_ref, TypeRef::Primitive(Primitive::String));
    assert_eq!(body[1].required, Some(false));
}

#[test]
fn other_parameter_headers() {
    let read = read_page(
        "w.md",
        &page(&format!(
            "{REQUEST}## Request body\n\n\
| Required parameter | Type | Description |\n|:---|:---|:---|\n| comment | String | A comment. |\n\n\
## Function parameters\n\n\
| Parameters | Type | Required | Description |\n|:---|:---|:---|:---|\n| top | Int32 | Yes | How many. |\n"
        )),
    );
    let o = op(&read);
    assert_eq!(o.request_body.len(), 1);
    assert_eq!(o.request_body[0].name, "comment");
    assert_eq!(o.parameters.len(), 1);
    assert_eq!(o.parameters[0].name, "top");
    assert_eq!(o.parameters[0].type_ref, TypeRef::Primitive(Primitive::Int32));
    assert_eq!(o.parameters[0].required, Some(true));
    assert!(!codes(&read).iter().any(|c| c.0 == "table-header-unknown"));
}

#[test]
fn group_rows_and_continuation_lines_are_not_properties() {
    let read = read_page(
        "w.md",
        &page(&format!(
            "{REQUEST}## Request body\n\n\
|Property|Type|Description|\n|:---|:---|:---|\n\
|**Onboarding**|||\n\
|maxSize|Int32|Maximum size in MB.\n\
Recommended values: 1 MB to 100,000 MB. Valid values 1 to 100000|\n\
|name|String|The name.|\n"
        )),
    );
    let body = &op(&read).request_body;
    let names: Vec<&str> = body.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["maxSize", "name"]);
    assert!(
        body[0].description.ends_with("Valid values 1 to 100000"),
        "{}",
        body[0].description
    );
    let c = codes(&read);
    assert!(c.contains(&("table-group-row", 15, Severity::Note)), "{c:?}");
    assert!(c.contains(&("table-row-continuation", 17, Severity::Note)), "{c:?}");
    assert_eq!(read.accounting.unaccounted, 0);
}

#[test]
fn http_request_inside_an_example_is_not_the_api_request() {
    // api/todotask-delta.md
    let markdown = page(
        "## HTTP request\n\n```http\nGET /me/todo/lists/{id}/tasks/delta\n```\n\n\
## Response\n\nIf successful, this method returns a `200 OK` response code.\n\n\
## Example\n### Request\nThe following is an example of the request.\n\n### HTTP Request\n\n\
```http\nGET https://graph.microsoft.com/v1.0/me/todo/lists/gDbc8U7HGwADDZocJgAAAA==/tasks/delta?$deltatoken=w0vf2jHg2mBXU\n```\n\n\
### Response\n\n```http\nHTTP/1.1 200 OK\n```\n",
    );
    let published = generator::read::render_text::render(&markdown);
    for (name, text) in [
        ("todotask-delta.md", markdown.as_str()),
        ("todotask-delta.txt", &published),
    ] {
        let read = read_page(name, text);
        let o = op(&read);
        let paths: Vec<&str> = o.requests.iter().map(|r| r.path.template.as_str()).collect();
        assert_eq!(paths, ["/me/todo/lists/{id}/tasks/delta"], "{name}");
        assert_eq!(o.examples.len(), 1, "{name}");
        assert!(
            o.examples[0].request.is_some() && o.examples[0].response.is_some(),
            "{name}"
        );
    }
}

#[test]
fn glued_request_line_is_read_with_a_warning() {
    let read = read_page(
        "w.md",
        &page("## HTTP request\n\n```http\nDELETE/identity/conditionalAccess/policies/{id}\n```\n"),
    );
    let o = op(&read);
    assert_eq!(o.requests.len(), 1);
    assert_eq!(o.requests[0].method, Method::Delete);
    assert_eq!(o.requests[0].path.template, "/identity/conditionalAccess/policies/{id}");
    assert!(codes(&read).contains(&("request-line-glued", 8, Severity::Warning)));
}

#[test]
fn a_placeholder_page_is_a_warning_and_left_out() {
    let read = read_page(
        "w.md",
        &page("## HTTP request\n\n```http\nGET ** Entity URI for microsoft.graph.widget not found\n```\n"),
    );
    assert!(op(&read).requests.is_empty());
    let c = codes(&read);
    assert!(c.contains(&("path-placeholder", 8, Severity::Warning)), "{c:?}");
    assert!(c.contains(&("no-request", 5, Severity::Warning)), "{c:?}");
    assert!(!c.iter().any(|c| c.2 == Severity::Error), "{c:?}");
}

#[test]
fn requests_documented_each_under_a_heading_of_their_own_are_all_read() {
    // drive-list.md: one `HTTP request` heading under the first request's
    // section; the other requests sit in request blocks under headings of
    // their own.
    let text = "# List available drives\n\nRetrieve the list of [Drive](../resources/drive.md) resources available for a target User, Group, or Site.\n\n\
## List a group's drives\n\nTo list the document libraries for a group, your app requests the **drives** relationship on the Group.\n\n### HTTP request\n\n\
<!-- {\"blockType\": \"request\", \"name\": \"group-list-drives\", \"scopes\": \"groups.read.all\" } -->\n\n```msgraph-interactive\nGET /groups/{groupId}/drives\n```\n\n\
## List a site's drives\n\nTo list the document libraries for a site, your app requests the **drives** relationship on the Site.\n\n\
<!-- {\"blockType\": \"request\", \"name\": \"site-list-drives\", \"scopes\": \"sites.read.all\" } -->\n\n```msgraph-interactive\nGET /sites/{siteId}/drives\n```\n\n\
## List the current user's drives\n\n<!-- {\"blockType\": \"request\", \"name\": \"enum-drives\" } -->\n\n```msgraph-interactive\nGET /me/drives\n```\n\n\
## Drives of other tenants\n\nA full URL or a body is not a request line:\n\n```http\nGET https://graph.microsoft.com/v1.0/me/drive\n```\n\n```json\n{\"value\": []}\n```\n\n\
## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [Drive](../resources/drive.md) objects in the response body.\n";
    let read = read_page("api/drive-list.md", text);
    let lines: Vec<(Method, &str)> = op(&read)
        .requests
        .iter()
        .map(|r| (r.method, r.path.template.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            (Method::Get, "/groups/{groupId}/drives"),
            (Method::Get, "/sites/{siteId}/drives"),
            (Method::Get, "/me/drives"),
        ]
    );
    let site = read
        .diagnostics
        .iter()
        .find(|d| d.code == "unknown-section" && d.message.contains("List a site's drives"))
        .expect("the section is named");
    assert!(site.message.contains("its request lines are read"), "{}", site.message);
    assert!(read.diagnostics.iter().any(|d| d.code == "unknown-section"
        && d.message.contains("`Drives of other tenants`")
        && d.message.ends_with("its text is skipped")));

    // What a user gets: one route, a path variant per request.
    let schema = generator::resolve::resolve(&[read.page], None).schema;
    let routes = tests::emitted_routes(&schema);
    for alias in [
        "GET /groups/{groupId}/drives",
        "GET /sites/{siteId}/drives",
        "GET /me/drives",
    ] {
        assert!(routes.contains(&format!("#[doc(alias = \"{alias}\")]")), "{alias}");
    }
    assert_eq!(schema.operations.len(), 1);
}

#[test]
fn a_page_without_a_response_section_takes_its_first_example_response() {
    // list-list.md: the only response is the example's, typed by an
    // annotation written `@type` with `isCollection`.
    let list = "# list resource type\n\nNamespace: microsoft.graph\n\nA list.\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| id | String | The id. |\n| name | String | The name. |\n";
    let text = "# List lists in a site\n\nGet the collection of [lists][] for a [site][].\n\n## HTTP request\n\n```http\nGET /sites/{site-id}/lists\n```\n\n## Example\n\n#### Request\n\n<!-- { \"blockType\": \"request\", \"name\": \"get-lists\" } -->\n\n```http\nGET /sites/{site-id}/lists\n```\n\n#### Response\n\n<!-- { \"blockType\": \"response\", \"@type\": \"microsoft.graph.list\", \"isCollection\": true, \"truncated\": true } -->\n\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"value\": [{\"id\": \"1\", \"name\": \"Documents\"}]}\n```\n";
    let read = read_page("api/list-list.md", text);
    let response = op(&read).response.clone().expect("a response");
    assert_eq!(response.status, Some(200));
    assert_eq!(
        response.body,
        Some(TypeRef::collection(TypeRef::named("microsoft.graph.list")))
    );
    let note = read
        .diagnostics
        .iter()
        .find(|d| d.code == "response-from-example")
        .expect("the response's origin is said");
    assert_eq!(
        (note.line, note.severity),
        (21, Severity::Note),
        "the example's response section"
    );

    // The example's prose states it (subscriptions-socketio.md).
    let text = "# Get websocket endpoint\n\nGet a socket.\n\n## HTTP request\n\n```http\nGET /subscriptions/socketIo()\n```\n\n## Example\n\n### Request\n\n```http\nGET https://graph.microsoft.com/v1.0/subscriptions/socketIo()\n```\n\n### Response\n\nIf successful, this method returns a `200 OK` response code and a [subscription](../resources/subscription.md) object in the response body.\n\n```http\nHTTP/1.1 200 OK\n```\n";
    let read = read_page("api/subscriptions-socketio.md", text);
    let response = op(&read).response.clone().expect("a response");
    assert_eq!(
        (response.status, response.body),
        (Some(200), Some(TypeRef::named("subscription")))
    );

    // What a user gets: a typed page of lists, not untyped JSON.
    let pages = [
        read_page("resources/list.md", list).page,
        read_page("api/list-list.md", text_of_list_list()).page,
    ];
    let schema = generator::resolve::resolve(&pages, None).schema;
    let routes = tests::emitted_routes(&schema);
    assert!(
        routes.contains("type Response = crate::support::CollectionPage<crate::models::List>;"),
        "{routes}"
    );
}

fn text_of_list_list() -> &'static str {
    "# List lists in a site\n\nGet the collection of lists for a site.\n\n## HTTP request\n\n```http\nGET /sites/{site-id}/lists\n```\n\n## Example\n\n#### Response\n\n<!-- { \"blockType\": \"response\", \"@type\": \"microsoft.graph.list\", \"isCollection\": true } -->\n\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"value\": []}\n```\n"
}
