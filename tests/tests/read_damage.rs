//! Damaged and hostile input: each kind is a diagnostic with file and line,
//! nothing is silent, no damaged path becomes a route, and the rest of the
//! page (and of the folder) is still read.

use generator::diagnostic::{Diagnostic, Severity};
use generator::read::{read_bytes, read_file, read_folder, read_page};

fn operation_page(path_line: &str, property: &str) -> String {
    format!(
        "# Update widget\n\nUpdate a widget.\n\n## HTTP request\n\n```http\n{path_line}\nPATCH /widgets/{{id}}\n```\n\n\
## Request body\n\n|Property|Type|Description|\n|:---|:---|:---|\n|{property}|String|A name.|\n|size|Int32|A size.|\n"
    )
}

fn find<'d>(diags: &'d [Diagnostic], code: &str) -> &'d Diagnostic {
    diags
        .iter()
        .find(|d| d.code == code)
        .unwrap_or_else(|| panic!("no {code} in {diags:#?}"))
}

#[test]
fn damaged_paths_are_reported_and_never_routes() {
    for (path_line, code) in [
        ("PATCH /widgets/{id}/pa\0rts", "path-hidden-char"),
        ("PATCH /widgets/{id}/pa\u{200b}rts", "path-hidden-char"),
        ("PATCH /widgets/{id}/pa\u{301}rts", "path-hidden-char"),
        ("PATCH /widgets/{{id}/parts", "path-brace"),
        ("PATCH /widgets/{id}/../parts", "path-dot-segment"),
        ("PATCH /widgets/{id}/./parts", "path-dot-segment"),
        ("PATCH /widgets/{id}/%2e%2e/parts", "path-dot-segment"),
        (
            "PATCH /me/mailFolders/{id}/childFolders/{id}/.../messages",
            "path-any-depth",
        ),
    ] {
        let read = read_page("widget-update.md", &operation_page(path_line, "name"));
        let d = find(&read.diagnostics, code);
        assert_eq!(
            (d.file.as_str(), d.line, d.severity),
            ("widget-update.md", 8, Severity::Warning),
            "{path_line:?}"
        );
        let op = read.page.operation.as_ref().unwrap();
        let templates: Vec<&str> = op.requests.iter().map(|r| r.path.template.as_str()).collect();
        assert_eq!(
            templates,
            ["/widgets/{id}"],
            "{path_line:?}: only the good line is a route"
        );
        assert_eq!(read.accounting.unaccounted, 0);
    }
}

#[test]
fn hidden_characters_in_property_names_are_reported() {
    for (name, kept) in [("na\0me", None), ("na\u{301}me", None), ("na\u{200b}me", Some("name"))] {
        let read = read_page("widget-update.md", &operation_page("PATCH /widgets", name));
        let d = find(&read.diagnostics, "name-hidden-char");
        assert_eq!(
            (d.file.as_str(), d.line, d.column),
            ("widget-update.md", 16, 2),
            "{name:?}"
        );
        let names: Vec<&str> = read
            .page
            .operation
            .as_ref()
            .unwrap()
            .request_body
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        match kept {
            Some(n) => assert_eq!(names, [n, "size"], "{name:?}"),
            None => assert_eq!(names, ["size"], "{name:?}"),
        }
    }
}

#[test]
fn invalid_utf8_is_the_same_diagnostic_alone_or_in_a_folder() {
    let dir = std::env::temp_dir().join(format!("read-damage-utf8-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut bytes = operation_page("PATCH /widgets", "name").into_bytes();
    // A Latin-1 byte on line 3 (`Update a widget.`), column 7.
    bytes.splice(23..23, [0xe9]);
    assert_eq!(bytes[..23].iter().filter(|b| **b == b'\n').count(), 2);
    std::fs::write(dir.join("bad.md"), &bytes).unwrap();
    std::fs::write(dir.join("good.md"), operation_page("PATCH /widgets", "name")).unwrap();
    let folder = read_folder(&dir).unwrap();
    let alone = read_file("bad.md", &dir.join("bad.md")).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let in_folder = folder.iter().find(|r| r.page.file == "bad.md").unwrap();
    let d = find(&in_folder.diagnostics, "file-not-utf8");
    assert_eq!(d, find(&alone.diagnostics, "file-not-utf8"));
    assert_eq!((d.line, d.column, d.severity), (3, 7, Severity::Warning));
    // The page is still read, and the other page has no such diagnostic.
    assert_eq!(in_folder.page.operation.as_ref().unwrap().requests.len(), 2);
    let good = folder.iter().find(|r| r.page.file == "good.md").unwrap();
    assert!(good.diagnostics.iter().all(|d| d.code != "file-not-utf8"));
}

#[test]
fn an_empty_file_is_reported() {
    for text in [&b""[..], b"\n\n  \n"] {
        let read = read_bytes("empty.md", text);
        let d = find(&read.diagnostics, "page-empty");
        assert_eq!(
            (d.file.as_str(), d.line, d.severity),
            ("empty.md", 1, Severity::Warning)
        );
        assert!(read.page.operation.is_none());
    }
}
