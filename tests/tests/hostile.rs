//! Hostile input through the public folder reader and regeneration: inputs
//! that once panicked (hand-made or found by the fuzz targets in `fuzz/`)
//! must read to diagnostics, and a run over them must go on.

use generator::diagnostic::Severity;
use generator::read::{read_folder, PageRead};
use generator::regen::{regen, Settings};
use std::path::PathBuf;
use tests::synthetic::chain;

/// A fresh folder under the system temporary folder.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("msgraph-hostile-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Reads `bytes` as the page `page.md` of a folder, the way regeneration does.
fn read_bytes(name: &str, bytes: &[u8]) -> PageRead {
    let dir = temp_dir(name);
    std::fs::write(dir.join("page.md"), bytes).unwrap();
    let mut reads = read_folder(&dir).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(reads.len(), 1);
    reads.remove(0)
}

fn no_internal_error(read: &PageRead) {
    let internal: Vec<_> = read
        .diagnostics
        .iter()
        .filter(|d| d.code == generator::isolate::INTERNAL_ERROR)
        .collect();
    assert!(internal.is_empty(), "{internal:#?}");
}

/// The 46-character page from the report of hostile input (it panicked in
/// `type_cell::strip_ci`): a methods table whose cells hold multi-byte
/// characters.
const METHODS_EURO: &[u8] = "# resource type\n## Methods\n€|Return\n-|-\n)|€€€€".as_bytes();

#[test]
fn the_46_byte_reproducer_reads_without_a_panic() {
    assert_eq!(std::str::from_utf8(METHODS_EURO).unwrap().chars().count(), 46);
    let read = read_bytes("euro", METHODS_EURO);
    no_internal_error(&read);
}

#[test]
fn the_46_byte_reproducer_regenerates_with_the_run_going_on() {
    let dir = temp_dir("euro-regen");
    std::fs::create_dir_all(dir.join("in")).unwrap();
    std::fs::write(dir.join("in/euro.md"), METHODS_EURO).unwrap();
    let (name, text) = tests::seed("004");
    std::fs::write(dir.join("in").join(&name), text).unwrap();
    let report = regen(&Settings::new(dir.join("in"), dir.join("out"))).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(report.pages, 2);
    assert!(report
        .diagnostics
        .iter()
        .all(|d| d.code != generator::isolate::INTERNAL_ERROR));
    assert!(report.files > 0);
}

fn curly_quoted_type(cell: &[u8]) -> Vec<u8> {
    let mut page = b"# thing resource type\n\nNamespace: microsoft.graph\n\nA thing.\n\n## Properties\n\n\
| Property | Type | Description |\n|:---|:---|:---|\n| size | Int32 | The size. |\n| tags | "
        .to_vec();
    page.extend_from_slice(cell);
    page.extend_from_slice(b" | The tags. |\n");
    page
}

/// The type cell is kept verbatim as unreadable, with a diagnostic at its
/// row; the rest of the table is read.
fn unreadable_tags(read: &PageRead, expected: &str) {
    no_internal_error(read);
    let resource = read.page.resource.as_ref().expect("a resource page");
    let names: Vec<&str> = resource.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["size", "tags"]);
    let tags = &resource.properties[1];
    assert_eq!(tags.type_ref, generator::schema::TypeRef::Unknown(expected.into()));
    let d = read
        .diagnostics
        .iter()
        .find(|d| d.line == tags.line && d.code == "type-unreadable")
        .unwrap_or_else(|| panic!("no diagnostic at the row: {:#?}", read.diagnostics));
    assert_eq!(d.severity, Severity::Warning);
}

#[test]
fn a_curly_quoted_collection_type_is_unreadable_not_a_panic() {
    let read = read_bytes("curly", &curly_quoted_type("Collection“String”".as_bytes()));
    unreadable_tags(&read, "Collection“String”");
}

#[test]
fn windows_1252_quotes_are_decoded_lossily_and_read_without_a_panic() {
    let read = read_bytes("cp1252", &curly_quoted_type(b"Collection\x93String\x94"));
    unreadable_tags(&read, "Collection\u{fffd}String\u{fffd}");
}

/// Regenerates an empty page folder with `csdl` merged: the report and the
/// emitted models.
fn regen_csdl(name: &str, csdl: &str) -> (generator::regen::Report, String) {
    let dir = temp_dir(name);
    std::fs::create_dir_all(dir.join("in")).unwrap();
    std::fs::write(dir.join("meta.xml"), csdl).unwrap();
    let settings = Settings::new(dir.join("in"), dir.join("out")).with_csdl(Some(dir.join("meta.xml")));
    let report = regen(&settings).unwrap();
    let models = tests::generated_models(&dir.join("out"));
    let _ = std::fs::remove_dir_all(&dir);
    (report, models)
}

#[test]
fn a_long_base_type_cycle_is_one_error_naming_its_types() {
    let (report, models) = regen_csdl("cycle", &chain(500, true));
    let cycles: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "base-type-cycle")
        .collect();
    let errors: Vec<_> = cycles.iter().filter(|d| d.severity == Severity::Error).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let message = &errors[0].message;
    assert!(message.contains("500 types"), "{message}");
    assert!(message.contains("`ns.t0` -> `ns.t499` -> `ns.t498`"), "{message}");
    assert!(message.contains("each keeps its own properties only"), "{message}");
    assert!(report.errors() >= 1, "the run fails");
    // Inheritance is cut on the cycle: each type has its own property alone,
    // and no type is a base with a `Kind` enum of the others.
    let start = models.find("pub struct NsT7 {").expect("the type is emitted");
    let item = &models[start..start + models[start..].find("\n}").unwrap()];
    let fields: Vec<&str> = item
        .lines()
        .skip(1)
        .filter_map(|l| l.trim().strip_prefix("pub "))
        .filter_map(|l| l.split(':').next())
        .collect();
    assert_eq!(fields, ["odata_type", "p7", "additional_properties"], "{item}");
    assert!(!models.contains("Kind {"), "no polymorphic enum on a cycle");
}

#[test]
fn a_chain_deeper_than_the_limit_is_cut_with_an_error() {
    let limit = generator::inheritance::MAX_DEPTH;
    let (report, models) = regen_csdl("deep", &chain(limit + 36, false));
    let deep: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "base-type-too-deep")
        .collect();
    assert_eq!(deep.len(), 1, "one error, on the first type past the limit: {deep:#?}");
    assert_eq!(deep[0].severity, Severity::Error);
    assert!(
        deep[0].message.contains(&format!("`ns.t{limit}`")),
        "{}",
        deep[0].message
    );
    // The deepest type inherits from the nearest `limit` types only.
    let deepest = limit + 35;
    let last = models
        .split(&format!("pub struct NsT{deepest} "))
        .nth(1)
        .and_then(|rest| rest.split("\n}\n").next())
        .expect("the deepest type is emitted");
    assert!(last.contains(&format!("pub p{deepest}:")) && last.contains(&format!("pub p{}:", deepest + 1 - limit)));
    assert!(!last.contains(&format!("pub p{}:", deepest - limit)), "{last}");
}

#[test]
fn chains_within_the_limit_inherit_every_level() {
    let (report, models) = regen_csdl("shallow", &chain(10, false));
    assert!(report.diagnostics.iter().all(|d| !d.code.starts_with("base-type")));
    let last = models.split("pub struct NsT9 ").nth(1).expect("emitted");
    assert!(last.contains("pub p0:") && last.contains("pub p9:"));
}
