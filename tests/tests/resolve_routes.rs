//! Route decisions made while resolving: content bodies and downloads are
//! bytes, not JSON; one operation listing many paths is one route with a
//! variant per path; the same operation on two pages is one route.

use generator::read::read_page;
use generator::resolve::resolve;

fn page(name: &str, method_and_paths: &[&str], response: &str) -> generator::schema::Page {
    let paths = method_and_paths.join("\n");
    let text = format!(
        "# Title of {name}\n\nDo something with a [driveItem](../resources/driveitem.md).\n\n## HTTP request\n\n```http\n{paths}\n```\n\n## Response\n\n{response}\n"
    );
    read_page(&format!("{name}.md"), &text).page
}

#[test]
fn content_uploads_and_downloads_are_bytes() {
    let pages = [
        page("put-content", &["PUT /me/drive/items/{item-id}/content"], "If successful, this method returns a `200 OK` response code and a [driveItem](../resources/driveitem.md) object."),
        page("get-content", &["GET /me/drive/items/{item-id}/content"], "Returns a `302 Found` response redirecting to a download URL."),
        page("get-item", &["GET /me/drive/items/{item-id}"], "If successful, this method returns a `200 OK` response code and a [driveItem](../resources/driveitem.md) object."),
    ];
    let schema = resolve(&pages, None).schema;
    let op = |title: &str| {
        schema
            .operations
            .iter()
            .find(|o| o.title == format!("Title of {title}"))
            .unwrap()
    };
    assert!(op("put-content").raw_request && !op("put-content").raw_response);
    assert!(op("get-content").raw_response && op("get-content").response.is_none());
    assert!(!op("get-item").raw_request && !op("get-item").raw_response);
}

#[test]
fn many_paths_are_one_route_and_pages_repeating_an_operation_merge() {
    let paths = ["GET /users/{id}/drive", "GET /me/drive", "GET /groups/{groupId}/drive"];
    let pages = [
        page("a", &paths, "Returns `200 OK`."),
        page("a", &paths, "Returns `200 OK`."),
    ];
    let resolved = resolve(&pages, None);
    assert_eq!(resolved.schema.operations.len(), 1);
    let op = &resolved.schema.operations[0];
    let paths: Vec<(&str, usize)> = op.paths.iter().map(|p| (p.template.as_str(), p.params.len())).collect();
    assert_eq!(
        paths,
        [
            ("/users/{id}/drive", 1),
            ("/me/drive", 0),
            ("/groups/{groupId}/drive", 1)
        ]
    );
    assert_eq!(op.sources, ["a.md", "a.md"]);
    assert!(resolved.diagnostics.iter().any(|d| d.code == "route-merged"));
}

#[test]
fn onedrive_item_paths_keep_their_slashes() {
    let pages = [page(
        "by-path",
        &[
            "GET /me/drive/root:/{item-path}:/children",
            "GET /me/drive/items/{item-id}/children",
        ],
        "Returns `200 OK`.",
    )];
    let schema = resolve(&pages, None).schema;
    let op = &schema.operations[0];
    assert_eq!(op.paths[0].item_paths, [0]);
    assert!(op.paths[1].item_paths.is_empty(), "an ordinary key is one segment");
    let (files, _) = generator::regen::generate(
        &[read_page(
            "by-path.md",
            &format!(
                "# Title\n\n## HTTP request\n\n```http\n{}\n```\n",
                "GET /me/drive/root:/{item-path}:/children"
            ),
        )],
        None,
        generator::emit::Layout::Workspace,
    )
    .unwrap();
    // Navigation builds the path: `root()` then `item_by_path(path)`, whose
    // `/` separate folders.
    let nav = files.iter().find(|f| f.path == "src/generated/nav/users.rs").unwrap();
    assert!(
        nav.contents.contains("pub fn item_by_path(")
            && nav
                .contents
                .contains(".text(\":\").segment().item_path(\"path\", path).text(\":\")"),
        "{}",
        nav.contents
    );
}

#[test]
fn a_placeholder_written_twice_is_two_parameters_and_template_queries_are_parameters() {
    let pages = [page(
        "instances",
        &["GET /groups/{id}/events/{id}/instances?startDateTime={start_datetime}&endDateTime={end_datetime}"],
        "Returns `200 OK`.",
    )];
    let schema = resolve(&pages, None).schema;
    let path = &schema.operations[0].paths[0];
    let params: Vec<(&str, &str)> = path.params.iter().map(|(w, r)| (w.as_str(), r.as_str())).collect();
    assert_eq!(
        params,
        [
            ("id", "id"),
            ("id", "id2"),
            ("start_datetime", "start_datetime"),
            ("end_datetime", "end_datetime")
        ]
    );
    assert_eq!(path.query.len(), 2);
}

/// A page documenting requests of several resources (an open extension
/// created on a contact or an event, as `opentypeextension-post-opentypeextension.md`
/// does) joins each resource's route; it does not glue them into one route
/// whose body is their common base.
#[test]
fn a_page_spanning_several_resources_joins_each_route_without_gluing_them() {
    let with_body = |name: &str, lines: &[&str], body: &str| {
        let text = format!(
            "# Title of {name}\n\nCreate something.\n\n## HTTP request\n\n```http\n{}\n```\n\n## Request body\n\nIn the request body, supply a JSON representation of [{body}](../resources/{body}.md) object.\n\n## Response\n\nIf successful, this method returns `201 Created` response code and a [{body}](../resources/{body}.md) object in the response body.\n",
            lines.join("\n")
        );
        read_page(&format!("{name}.md"), &text).page
    };
    let resource = |name: &str| {
        let text = format!(
            "# {name} resource type\n\nNamespace: microsoft.graph\n\nA {name}.\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| id | String | The id. |\n| {name}Name | String | A name. |\n"
        );
        read_page(&format!("{name}.md"), &text).page
    };
    let pages = [
        resource("contact"),
        resource("event"),
        resource("openTypeExtension"),
        with_body(
            "user-post-contacts",
            &["POST /me/contacts", "POST /users/{id}/contacts"],
            "contact",
        ),
        with_body("user-post-events", &["POST /me/events"], "event"),
        with_body(
            "opentypeextension-post-opentypeextension",
            &["POST /me/contacts", "POST /me/events", "POST /me/messages"],
            "openTypeExtension",
        ),
    ];
    let schema = resolve(&pages, None).schema;
    let route = |alias: &str| tests::route_by_alias(&schema, alias);
    let contacts = route("POST /me/contacts");
    let events = route("POST /me/events");
    assert_ne!(contacts.rust_name, events.rust_name, "two routes");
    assert_eq!(contacts.aliases, ["POST /me/contacts", "POST /users/{id}/contacts"]);
    assert_eq!(
        contacts.body,
        Some(generator::resolve::model::Ty::Model("Contact".into()))
    );
    assert_eq!(events.body, Some(generator::resolve::model::Ty::Model("Event".into())));
    for op in [contacts, events] {
        assert!(op
            .sources
            .contains(&"opentypeextension-post-opentypeextension.md".to_string()));
    }
    // A request only the spanning page documents is its own route.
    let messages = route("POST /me/messages");
    assert_eq!(messages.sources, ["opentypeextension-post-opentypeextension.md"]);
    assert_eq!(
        schema
            .operations
            .iter()
            .filter(|o| o.aliases.iter().any(|a| a == "POST /me/contacts"))
            .count(),
        1
    );
}

#[test]
fn a_route_keeps_its_own_body_rows_unless_another_page_names_the_resource_they_list() {
    let update = |name: &str, path: &str, title: &str| {
        let text = format!(
            "# {title}\n\nUpdate the properties of an [event](../resources/event.md) object.\n\n## HTTP request\n\n```http\n{path}\n```\n\n## Request body\n\n| Property | Type | Description |\n|:---|:---|:---|\n| subject | String | The subject. |\n| isAllDay | Boolean | Set to true if the event lasts all day. |\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and an updated [event](../resources/event.md) object in the response body.\n"
        );
        read_page(&format!("{name}.md"), &text).page
    };
    let typed = |name: &str, path: &str, sentence: &str| {
        let text = format!(
            "# Title of {name}\n\nSomething on an event.\n\n## HTTP request\n\n```http\n{path}\n```\n\n## Request body\n\n{sentence}\n\n## Response\n\nIf successful, this method returns a `200 OK` response code.\n"
        );
        read_page(&format!("{name}.md"), &text).page
    };
    let event = read_page(
        "event.md",
        "# event resource type\n\nNamespace: microsoft.graph\n\nAn event.\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| id | String | The id. |\n| subject | String | The subject. |\n| isAllDay | Boolean | All day. |\n| location | String | Where. |\n",
    )
    .page;
    let property = read_page(
        "multivaluelegacyextendedproperty.md",
        "# multiValueLegacyExtendedProperty resource type\n\nNamespace: microsoft.graph\n\nAn extended property.\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| id | String | The id. |\n| value | String collection | The values. |\n",
    )
    .page;
    let pages = [
        event,
        property,
        update("event-update", "PATCH /me/events/{id}", "Update event"),
        // Extended properties are created by a PATCH of the same path, with a
        // body of their own: it does not replace the update's body rows.
        typed(
            "multivaluelegacyextendedproperty-post-multivalueextendedproperties",
            "PATCH /me/events/{id}",
            "In the request body, supply a JSON representation of an array of [multiValueLegacyExtendedProperty](../resources/multivaluelegacyextendedproperty.md) objects.",
        ),
        // A page naming the resource whose properties the rows list: its type wins.
        update("calendar-update-event", "PATCH /me/calendar/events/{id}", "Update calendar event"),
        typed(
            "event-update-resource",
            "PATCH /me/calendar/events/{id}",
            "In the request body, supply a JSON representation of an [event](../resources/event.md) object.",
        ),
    ];
    let resolved = resolve(&pages, None);
    let schema = &resolved.schema;
    let route = |alias: &str| tests::route_by_alias(schema, alias);
    let update_event = route("PATCH /me/events/{id}");
    assert_eq!(update_event.sources.len(), 2, "{:?}", update_event.sources);
    let Some(generator::resolve::model::Ty::Model(body)) = &update_event.body else {
        panic!("the body is a model, not {:?}", update_event.body)
    };
    let model = schema.models.values().find(|m| &m.rust_name == body).unwrap();
    let fields: Vec<&str> = model.fields.iter().map(|f| f.wire_name.as_str()).collect();
    assert_eq!(fields, ["subject", "isAllDay"]);
    assert!(resolved.diagnostics.iter().any(|d| d.code == "route-merge-override"
        && d.file == "multivaluelegacyextendedproperty-post-multivalueextendedproperties.md"
        && d.message.contains("which the route keeps")));
    assert_eq!(
        route("PATCH /me/calendar/events/{id}").body,
        Some(generator::resolve::model::Ty::Model("Event".into()))
    );

    // What a user gets: the route takes the rows' model, not a list.
    let routes = tests::emitted_routes(schema);
    let rust = &update_event.rust_name;
    let start = routes.find(&format!("pub struct {rust} {{")).expect("the route struct");
    let item = &routes[start..start + routes[start..].find("\n}").unwrap()];
    assert!(item.contains(&format!("pub body: crate::models::{body},")), "{item}");
}

/// The calls reaching path `path` of the route titled `title`.
fn calls(schema: &generator::resolve::Schema, title: &str, path: usize) -> Vec<(String, usize)> {
    let nav = generator::resolve::navigation::navigation(schema);
    let op = schema
        .operations
        .iter()
        .position(|o| o.title == format!("Title of {title}"))
        .unwrap();
    nav.addresses[&(op, path)].calls.clone()
}

fn call_names(calls: &[(String, usize)]) -> Vec<&str> {
    calls.iter().map(|(m, _)| m.as_str()).collect()
}

#[test]
fn every_documented_path_is_reached_by_navigation_whatever_its_segments() {
    let pages = [
        // Real lines (directoryrole-get.md, driveitem-put-content.md,
        // sites-get.md, reportroot-getyammeractivityuserdetail.md,
        // officeclientconfiguration-updatepriorities.md).
        page(
            "role",
            &[
                "GET /directoryRoles/{role-id}",
                "GET /directoryRoles/roleTemplateId={roleTemplateId}",
            ],
            "Returns `200 OK`.",
        ),
        page(
            "upload",
            &["PUT /drives/{drive-id}/items/{parent-id}:/{filename}:/content"],
            "Returns `200 OK`.",
        ),
        page(
            "site",
            &["GET /sites/{hostname}:/{server-relative-path}"],
            "Returns `200 OK`.",
        ),
        page(
            "yammer",
            &[
                "GET /reports/getYammerActivityUserDetail(period='{period_value}')",
                "GET /reports/getYammerActivityUserDetail(date={date_value})",
            ],
            "Returns `200 OK`.",
        ),
        page(
            "alerts",
            &[
                "GET /security/alerts",
                "GET /security/alerts?$top=1",
                "GET /security/alerts?$filter={property} eq '{property-value}'",
            ],
            "Returns `200 OK`.",
        ),
    ];
    let schema = resolve(&pages, None).schema;
    // A segment of a shape no step models is a method writing it as documented.
    let role = calls(&schema, "role", 1);
    assert_eq!(call_names(&role), ["directory_roles", "by_role_template_id", "get"]);
    assert_eq!(role[1].1, 1, "the template id is the method's argument");
    // A key, then an item path relative to it.
    let upload = calls(&schema, "upload", 0);
    assert_eq!(
        call_names(&upload),
        [
            "drives",
            "by_id",
            "items",
            "by_id",
            "item_by_path",
            "content",
            "replace"
        ]
    );
    assert_eq!(upload.iter().map(|c| c.1).sum::<usize>(), 3);
    let site = calls(&schema, "site", 0);
    assert_eq!(call_names(&site), ["sites", "by_id", "item_at_path", "get"]);
    // Overloads of one function are told apart by their arguments, not numbers.
    assert_eq!(
        call_names(&calls(&schema, "yammer", 1)),
        ["reports", "get_yammer_activity_user_detail_with_date"]
    );
    assert_eq!(
        call_names(&calls(&schema, "yammer", 0)),
        ["reports", "get_yammer_activity_user_detail"]
    );
    // `$top`/`$filter` on a documented line of a list are the list's own
    // options, not other methods.
    let bare = calls(&schema, "alerts", 0);
    assert_eq!(bare[..2], [("security".to_string(), 0), ("alerts".to_string(), 0)]);
    for path in 1..3 {
        assert_eq!(calls(&schema, "alerts", path)[..], bare[..], "path {path}");
    }
}
