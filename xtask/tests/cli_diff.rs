//! `cargo xtask diff` as a reviewer reads it: changes named as a caller
//! sees them (Rust names, never internal keys), each with the page and line
//! it is on in the base and in the head, and page changes the metadata
//! overrides reported as drift rather than dropped.

use crate::common::{resource_page, update_page, write_pages, xtask};
use std::path::Path;

/// `widget` (with `weight` or without), a page sending `widget` to `PATCH
/// /widgets/{id}` and another page of the same request listing its body rows.
fn side(dir: &Path, name: &str, with_weight: bool) {
    let mut properties = vec![("id", "String"), ("colour", "String")];
    if with_weight {
        properties.push(("weight", "Int32"));
    }
    let named = update_page("widget", "/widgets/{id}", &[]).replace(
        "supply the values for relevant fields that should be updated.",
        "supply a JSON representation of the [widget](../resources/widget.md) object.",
    );
    let pages = [
        (
            "resources/widget.md".to_string(),
            resource_page("widget", Some("entity"), &properties),
        ),
        ("api/widget-update-json.md".to_string(), named),
        (
            "api/widget-update.md".to_string(),
            update_page("widget", "/widgets/{id}", &[("colour", "String"), ("weight", "Int32")]),
        ),
    ];
    write_pages(dir, name, &pages);
}

#[test]
fn a_body_model_of_the_page_rows_is_named_for_a_caller_with_its_places() {
    let dir = tempfile::tempdir().unwrap();
    side(dir.path(), "base", true);
    side(dir.path(), "head", false);
    let run = xtask(dir.path(), &["diff", "--base", "base", "--head", "head"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "## API changes\n\n3 changes, 2 breaking.\n\n### Routes\n\n\
         - **breaking** `UpdateWidget` (`PATCH /widgets/{id}`): request body `Widget` -> `UpdateWidgetBody` \
         (`Widget` no longer has `weight` that the page sends) \
         (base `base/api/widget-update.md:10`, head `head/api/widget-update.md:10`)\n\n\
         ### Types\n\n\
         - added model `UpdateWidgetBody` (the request body of `UpdateWidget`, from the rows of its page) \
         (head `head/api/widget-update.md:19`)\n\
         - **breaking** `widget.weight`: removed (was `Edm.Int32`) \
         (base `base/resources/widget.md:14`, head `head/resources/widget.md`)\n"
    );
    assert!(!run.stdout.contains(".md#"), "an internal key leaked: {}", run.stdout);
    assert!(run.stderr.contains(": 3 changes, 2 breaking"), "{}", run.stderr);
}

#[test]
fn the_json_report_names_both_places_and_the_rust_types() {
    let dir = tempfile::tempdir().unwrap();
    side(dir.path(), "base", true);
    side(dir.path(), "head", false);
    let run = xtask(dir.path(), &["diff", "--base", "base", "--head", "head", "--json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let body = &report["changes"][0];
    assert_eq!(body["change"], "body-changed", "{}", run.stdout);
    assert_eq!(body["from_rust"], "Widget");
    assert_eq!(body["to_rust"], "UpdateWidgetBody");
    assert_eq!(body["lost"], serde_json::json!(["weight"]));
    assert_eq!(
        body["base"],
        serde_json::json!({"file": "base/api/widget-update.md", "line": 10})
    );
    assert_eq!(
        body["head"],
        serde_json::json!({"file": "head/api/widget-update.md", "line": 10})
    );
    for change in report["changes"].as_array().unwrap() {
        assert!(change.get("base").is_some() || change.get("head").is_some(), "{change}");
    }
}

/// Metadata where `widget` has `colour` and `weight`.
const CSDL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="entity" Abstract="true"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
      <EntityType Name="widget" BaseType="graph.entity"><Property Name="colour" Type="Edm.String"/><Property Name="weight" Type="Edm.Int32"/></EntityType>
      <EntityContainer Name="GraphService"><EntitySet Name="widgets" EntityType="microsoft.graph.widget"/></EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#;

#[test]
fn a_page_change_the_metadata_overrides_is_reported_as_drift() {
    let dir = tempfile::tempdir().unwrap();
    side(dir.path(), "base", true);
    side(dir.path(), "head", false);
    std::fs::write(dir.path().join("v1.0.xml"), CSDL).unwrap();
    let run = xtask(
        dir.path(),
        &["diff", "--base", "base", "--head", "head", "--csdl", "v1.0.xml"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!run.stdout.contains("No API changes"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("\n### Drift (pages against the metadata; no API change)\n"),
        "{}",
        run.stdout
    );
    let drift: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("`microsoft.graph.widget/weight`"))
        .collect();
    assert_eq!(drift.len(), 1, "{}", run.stdout);
    assert!(drift[0].starts_with("- new drift-property-csdl-only: "), "{}", drift[0]);
    assert!(drift[0].contains("(head `head/"), "{}", drift[0]);
    assert!(
        run.stdout.starts_with("## API changes\n\n1 change, 0 breaking."),
        "{}",
        run.stdout
    );
}

#[test]
fn the_same_pages_give_no_changes() {
    let dir = tempfile::tempdir().unwrap();
    side(dir.path(), "base", true);
    side(dir.path(), "head", true);
    std::fs::write(dir.path().join("v1.0.xml"), CSDL).unwrap();
    let run = xtask(
        dir.path(),
        &["diff", "--base", "base", "--head", "head", "--csdl", "v1.0.xml"],
    );
    assert_eq!(run.stdout, "## API changes\n\nNo API changes.\n");
}
