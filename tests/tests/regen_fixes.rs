//! Upstream defects at regeneration: a broken page is a warning and left
//! out while the others are generated; `fixes.json` beside the pages
//! corrects a page without editing it; `deny_warnings` makes CI strict.

use generator::diagnostic::Severity;
use generator::regen::{regen, Report, Settings};
use std::path::{Path, PathBuf};

const BROKEN: &str = "# Delete widget\n\nDelete a [widget](../resources/widget.md).\n\n## HTTP request\n\n\
```http\nDELETE ** Entity URI for microsoft.graph.widget not found\n```\n\n## Response\n\n\
If successful, this method returns a `204 No Content` response code.\n";

/// An input folder with seed 002 and the broken page, and an output folder.
fn scratch(name: &str, fixes: Option<&str>, config: Option<&str>) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("msgraph-regen-fixes-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let input = dir.join("input");
    std::fs::create_dir_all(&input).unwrap();
    let (seed_name, seed) = tests::seed("002");
    std::fs::write(input.join(seed_name), seed).unwrap();
    std::fs::write(input.join("widget-delete.md"), BROKEN).unwrap();
    if let Some(fixes) = fixes {
        std::fs::write(input.join("fixes.json"), fixes).unwrap();
    }
    if let Some(config) = config {
        std::fs::write(input.join("generator.json"), config).unwrap();
    }
    (input, dir.join("out"))
}

fn run(input: &Path, out: &Path, deny: bool) -> Report {
    let report = regen(&Settings::new(input, out).with_deny_warnings(deny)).unwrap();
    std::fs::remove_dir_all(input.parent().unwrap()).unwrap();
    report
}

fn has(report: &Report, code: &str, severity: Severity) -> bool {
    report
        .diagnostics
        .iter()
        .any(|d| d.code == code && d.severity == severity)
}

#[test]
fn a_broken_page_is_left_out_and_the_others_are_generated() {
    let (input, out) = scratch("broken", None, None);
    let report = run(&input, &out, false);
    assert_eq!(report.errors(), 0);
    assert_eq!(report.failures(), 0);
    assert_eq!(report.left_out, ["widget-delete.md"]);
    assert!(has(&report, "no-request", Severity::Warning));
    assert!(report.written.iter().any(|f| f.ends_with(".rs")));
}

#[test]
fn deny_warnings_fails_on_warnings_by_setting_or_config() {
    let (input, out) = scratch("deny", None, None);
    assert!(run(&input, &out, true).failures() > 0);
    let (input, out) = scratch("deny-config", None, Some(r#"{"deny_warnings": true}"#));
    let report = run(&input, &out, false);
    assert!(report.deny_warnings);
    assert_eq!(report.failures(), report.errors() + report.warnings());
    assert!(report.failures() > 0);
}

#[test]
fn a_fix_corrects_the_page_and_is_reported() {
    let fixes = r#"{"fixes": [
        {"page": "widget-delete.md", "line": 8,
         "find": "DELETE ** Entity URI for microsoft.graph.widget not found",
         "replace": "DELETE /widgets/{id}", "reason": "generator leftover upstream"},
        {"page": "widget-delete.md", "find": "`404 Not Found`", "replace": "`204 No Content`"},
        {"page": "gone.md", "find": "x", "replace": "y"}
    ]}"#;
    let (input, out) = scratch("fix", Some(fixes), None);
    let report = run(&input, &out, false);
    assert!(report.left_out.is_empty(), "{:?}", report.left_out);
    let applied: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "fix-applied")
        .map(|d| (d.file.as_str(), d.line, d.severity))
        .collect();
    assert_eq!(applied, [("widget-delete.md", 8, Severity::Note)]);
    let stale: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "fix-stale")
        .map(|d| (d.file.as_str(), d.severity))
        .collect();
    assert_eq!(
        stale,
        [
            ("fixes.json", Severity::Warning),
            ("widget-delete.md", Severity::Warning)
        ]
    );
    assert!(!has(&report, "no-request", Severity::Warning));
}
