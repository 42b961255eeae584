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
fn many_paths_are_variants_of_one_route_and_pages_repeating_an_operation_merge() {
    let paths = ["GET /users/{id}/drive", "GET /me/drive", "GET /groups/{groupId}/drive"];
    let pages = [
        page("a", &paths, "Returns `200 OK`."),
        page("a", &paths, "Returns `200 OK`."),
    ];
    let resolved = resolve(&pages, None);
    assert_eq!(resolved.schema.operations.len(), 1);
    let op = &resolved.schema.operations[0];
    let variants: Vec<(&str, usize)> = op.paths.iter().map(|p| (p.variant.as_str(), p.params.len())).collect();
    assert_eq!(variants, [("UsersDrive", 1), ("MeDrive", 0), ("GroupsDrive", 1)]);
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
    let routes = files.iter().find(|f| f.path == "src/generated/routes/me.rs").unwrap();
    assert!(
        routes.contents.contains(".item_path(\"item-path\", item_path)"),
        "{}",
        routes.contents
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
