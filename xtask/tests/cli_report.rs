//! `cargo xtask report` and `cargo xtask schema` on what a maintainer
//! points them at: one page or a folder, anything else refused with a clear
//! error; the report's names all listed with `--all`, as data with
//! `--format json`, and empty values and backticked phrases readable.

use crate::common::{resource_page, write_pages, xtask, CSDL};

/// A folder with a `widget` page (one property the CSDL lacks, `weight`) and
/// a `gadget` page whose base type disagrees with the CSDL; the CSDL beside it.
fn folder(dir: &std::path::Path) {
    let pages = [
        (
            "resources/widget.md".to_string(),
            resource_page(
                "widget",
                Some("entity"),
                &[("id", "String"), ("colour", "String"), ("weight", "Int32")],
            ),
        ),
        (
            "resources/gadget.md".to_string(),
            resource_page("gadget", Some("entity"), &[("size", "Int32")]),
        ),
    ];
    write_pages(dir, "pages", &pages);
    std::fs::write(dir.join("v1.0.xml"), CSDL).unwrap();
}

#[test]
fn a_report_on_one_page() {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path());
    let run = xtask(
        dir.path(),
        &["report", "--input", "pages/resources/widget.md", "--csdl", "v1.0.xml"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.starts_with("1 pages against the CSDL"), "{}", run.stdout);
    assert!(
        run.stdout.contains("pages/resources/widget.md:")
            && run
                .stdout
                .contains("`microsoft.graph.widget/weight`: docs `Edm.Int32`, CSDL nothing"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("``"), "{}", run.stdout);
}

#[test]
fn what_is_neither_a_page_nor_a_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path());
    let run = xtask(dir.path(), &["report", "--input", "v1.0.xml", "--csdl", "v1.0.xml"]);
    assert_eq!(run.code, Some(2));
    assert_eq!(
        run.stderr.trim(),
        "error: v1.0.xml: not a reference page (`.md`, `.txt`) nor a folder of them"
    );
    let run = xtask(dir.path(), &["report", "--input", "nothing-here", "--csdl", "v1.0.xml"]);
    assert_eq!(run.stderr.trim(), "error: nothing-here: no such page or folder");
    std::fs::write(dir.path().join("facts.json"), "{\"pages\": []}").unwrap();
    let run = xtask(dir.path(), &["schema", "facts.json"]);
    assert_eq!(run.code, Some(2));
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr.trim(),
        "error: facts.json: not a reference page (`.md`, `.txt`) nor a folder of them"
    );
}

#[test]
fn schema_reads_a_page_or_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path());
    for input in ["pages", "pages/resources/widget.md"] {
        let run = xtask(dir.path(), &["schema", input]);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        let facts: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let pages = facts["pages"].as_array().unwrap();
        assert!(!pages.is_empty() && pages.len() <= 2, "{input}: {}", run.stdout);
    }
}

#[test]
fn json_gives_every_name_and_drift_record() {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path());
    let run = xtask(
        dir.path(),
        &["report", "--input", "pages", "--csdl", "v1.0.xml", "--format", "json"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["pages"], 2);
    let docs_only = &report["properties"]["names"]["docs only"];
    assert_eq!(
        docs_only,
        &serde_json::json!(["microsoft.graph.widget/weight"]),
        "{}",
        run.stdout
    );
    let base = &report["drift"]["drift-base"][0];
    assert_eq!(base["subject"], "microsoft.graph.gadget", "{}", run.stdout);
    assert_eq!(base["csdl"], "microsoft.graph.widget");
    assert_eq!(base["file"], "pages/resources/gadget.md");
}

#[test]
fn all_lists_every_name() {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path());
    let some = xtask(dir.path(), &["report", "--input", "pages", "--csdl", "v1.0.xml"]);
    let all = xtask(
        dir.path(),
        &["report", "--input", "pages", "--csdl", "v1.0.xml", "--all"],
    );
    assert!(!all.stdout.contains(" more"), "{}", all.stdout);
    // Every name the short form shows is in the long one, one a line.
    let shown = |text: &str| text.matches("microsoft.graph.").count();
    assert!(
        shown(&all.stdout) >= shown(&some.stdout),
        "{}\n{}",
        some.stdout,
        all.stdout
    );
    assert!(
        all.stdout.contains("\n           microsoft.graph.widget/weight\n"),
        "{}",
        all.stdout
    );
}
