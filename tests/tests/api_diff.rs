//! `cargo xtask diff` semantics: seed pages edited in temporary copies give
//! exactly the expected API changes; edits that change no emitted API give
//! none; and a real pair of corpus page sets gives a reviewed report.

use generator::diff::{self, markdown};
use generator::resolve::Schema;
use std::path::Path;

/// A copy of `from`'s pages in a temporary folder, with `edit` applied to
/// the page whose name starts with `page`.
fn edited_copy(from: &Path, page: &str, edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut edited = false;
    for entry in std::fs::read_dir(from).expect("input folder").filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let mut text = std::fs::read_to_string(entry.path()).expect("page is readable");
        if name.starts_with(page) {
            let before = text.clone();
            text = edit(&text);
            assert_ne!(before, text, "the edit of {name} changed nothing");
            edited = true;
        }
        std::fs::write(dir.path().join(&name), text).expect("copy written");
    }
    assert!(edited, "no page {page}");
    dir
}

fn resolve(dir: &Path) -> Schema {
    diff::resolve_input(dir, None).expect("input resolves").0
}

/// The Rust name of the operation documented on the seed page `prefix`.
fn route_of(schema: &Schema, prefix: &str) -> String {
    let op = schema
        .operations
        .iter()
        .find(|op| op.sources.iter().any(|s| s.starts_with(prefix)))
        .unwrap_or_else(|| panic!("no operation from {prefix}"));
    op.rust_name.clone()
}

/// The Markdown report of the seeds against the seeds with one page edited.
fn seed_report(page: &str, edit: impl Fn(&str) -> String) -> (String, Schema) {
    let base = resolve(&tests::docs_input());
    let head_dir = edited_copy(&tests::docs_input(), page, edit);
    let head = resolve(head_dir.path());
    let report = diff::diff(&base, &head);
    assert_eq!(report.breaking, report.changes.iter().filter(|e| e.breaking).count());
    (markdown::render(&report), base)
}

#[test]
fn a_removed_property_is_breaking() {
    let (report, _) = seed_report("000", |t| {
        t.replace("|failedCount|Int32|Number of failed devices|\n", "")
    });
    assert_eq!(
        report,
        "## API changes\n\n1 change, 1 breaking.\n\n### Types\n\n\
         - **breaking** `deviceConfigurationDeviceOverview.failedCount`: removed (was `Edm.Int32`)\n"
    );
}

#[test]
fn a_property_made_a_collection_is_a_breaking_type_change() {
    let (report, _) = seed_report("000", |t| {
        t.replace("|pendingCount|Int32|", "|pendingCount|Int32 collection|")
    });
    assert_eq!(
        report,
        "## API changes\n\n1 change, 1 breaking.\n\n### Types\n\n\
         - **breaking** `deviceConfigurationDeviceOverview.pendingCount`: type `Edm.Int32` -> \
         `Collection(Edm.Int32)` (now a collection)\n"
    );
}

#[test]
fn an_added_path_is_an_added_route_and_not_breaking() {
    let path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.windows10GeneralConfiguration/deviceStatusOverview/";
    let (report, base) = seed_report("000", |t| {
        t.replace(
            "PATCH /deviceManagement/deviceConfigurations/{deviceConfigurationId}/deviceStatusOverview/\n",
            &format!(
                "PATCH /deviceManagement/deviceConfigurations/{{deviceConfigurationId}}/deviceStatusOverview/\nPATCH {path}\n"
            ),
        )
    });
    let route = route_of(&base, "000");
    // Paths are kept without their trailing `/`.
    let path = path.trim_end_matches('/');
    assert_eq!(
        report,
        format!("## API changes\n\n1 change, 0 breaking.\n\n### Routes\n\n- added `PATCH {path}` (`{route}`)\n")
    );
}

#[test]
fn an_added_permission_is_reported_on_its_operation_and_not_breaking() {
    let (report, base) = seed_report("001", |t| {
        t.replace(
            "*DeviceManagementConfiguration.ReadWrite.All*",
            "*DeviceManagementConfiguration.ReadWrite.All; DeviceManagementConfiguration.Read.All*",
        )
    });
    let op = base
        .operations
        .iter()
        .find(|op| op.sources.iter().any(|s| s.starts_with("001")))
        .expect("an operation from 001");
    // The operation is named by its first request line in sorted order.
    let first = op
        .paths
        .iter()
        .map(|p| &p.template)
        .min_by_key(|t| diff::view::normalize_path(t))
        .expect("a path");
    let line = format!("{} {first}", op.method.as_str());
    assert_eq!(
        report,
        format!(
            "## API changes\n\n1 change, 0 breaking.\n\n### Permissions\n\n\
             - `{}` (`{line}`): unspecified kind now also accepts `DeviceManagementConfiguration.Read.All`\n",
            op.rust_name
        )
    );
}

#[test]
fn a_removed_permission_is_breaking() {
    let (report, base) = seed_report("003", |t| {
        t.replace(
            "|Application|DeviceManagementConfiguration.ReadWrite.All|",
            "|Application|Not supported.|",
        )
    });
    let route = route_of(&base, "003");
    assert!(
        report.contains(&format!("- **breaking** `{route}` (`"))
            && report.contains("application no longer accepts `DeviceManagementConfiguration.ReadWrite.All`"),
        "{report}"
    );
    assert!(report.contains("1 change, 1 breaking."), "{report}");
}

#[test]
fn edits_that_change_no_api_are_not_reported() {
    let (report, _) = seed_report("000", |t| {
        t.replace("|Number of failed devices|", "|How many devices failed|")
            .replace("Update the properties of a", "Updates the properties of one")
    });
    assert_eq!(report, "## API changes\n\nNo API changes.\n");
}

#[test]
fn the_json_report_holds_the_same_changes() {
    let base = resolve(&tests::docs_input());
    let head_dir = edited_copy(&tests::docs_input(), "000", |t| {
        t.replace("|failedCount|Int32|Number of failed devices|\n", "")
            .replace("|pendingCount|Int32|", "|pendingCount|Int64|")
    });
    let report = diff::diff(&base, &resolve(head_dir.path()));
    let json = serde_json::to_value(&report).expect("report serialises");
    assert_eq!(
        json,
        serde_json::json!({
            "breaking": 2,
            "changes": [
                {
                    "breaking": true,
                    "change": "property-removed",
                    "owner": "microsoft.graph.deviceConfigurationDeviceOverview",
                    "property": "failedCount",
                    "ty": "Edm.Int32"
                },
                {
                    "breaking": true,
                    "change": "property-changed",
                    "owner": "microsoft.graph.deviceConfigurationDeviceOverview",
                    "property": "pendingCount",
                    "from": "Edm.Int32",
                    "to": "Edm.Int64"
                }
            ]
        })
    );
}

/// Corpus pages about users, copied to a temporary folder.
const USER_PAGES: &[&str] = &[
    "api/user-get.md",
    "api/user-list.md",
    "api/user-update.md",
    "api/user-delete.md",
    "api/user-list-manager.md",
    "resources/user.md",
    "resources/passwordprofile.md",
];

fn copy_pages(corpus: &Path, pages: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    for page in pages {
        let to = dir.path().join(page);
        std::fs::create_dir_all(to.parent().expect("a folder")).expect("folder created");
        std::fs::copy(corpus.join(page), &to).expect("page copied");
    }
    dir
}

fn edit(dir: &Path, page: &str, from: &str, to: &str) {
    let path = dir.join(page);
    let text = std::fs::read_to_string(&path).expect("page is readable");
    assert!(text.contains(from), "{page} has no `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("page written");
}

#[test]
fn a_real_pair_of_corpus_page_sets() {
    let Some(corpus) = tests::corpus_or_skip("a_real_pair_of_corpus_page_sets") else {
        return;
    };
    let pages = corpus.join("graph-docs-v1.0");
    let base = copy_pages(&pages, USER_PAGES);
    let head = copy_pages(&pages, &USER_PAGES[..USER_PAGES.len() - 1]);
    let h = head.path();
    // A property gone, one retyped, one made a collection; a path and a
    // permission added, a permission dropped; a route and a type removed.
    let fax = "|faxNumber|String|The fax number of the user. <br><br>Returned only on `$select`. Supports `$filter` (`eq`, `ne`, `NOT` , `ge`, `le`, `in`, `startsWith`).|\n";
    edit(h, "resources/user.md", fax, "");
    edit(
        h,
        "resources/user.md",
        "|showInAddressList|Boolean|",
        "|showInAddressList|String|",
    );
    edit(
        h,
        "resources/user.md",
        "| employeeId | String |",
        "| employeeId | String collection |",
    );
    edit(
        h,
        "api/user-list.md",
        "GET /users\n",
        "GET /users\nGET /users/delta/pending\n",
    );
    edit(
        h,
        "api/user-get.md",
        "|Application | User.Read.All, User.ReadWrite.All,",
        "|Application | User.Read.All, User.ReadBasic.All, User.ReadWrite.All,",
    );
    edit(
        h,
        "api/user-get.md",
        "|Delegated (personal Microsoft account) | User.Read, User.ReadWrite ",
        "|Delegated (personal Microsoft account) | User.ReadWrite ",
    );
    std::fs::remove_file(h.join("api/user-delete.md")).expect("page removed");
    let report = diff::diff(&resolve(base.path()), &resolve(h));
    insta::assert_snapshot!(markdown::render(&report));
}
