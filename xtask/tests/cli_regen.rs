//! `cargo xtask regen` as a maintainer runs it: warnings listed by default,
//! grouped by code with a count of the rest, notes counted, one summary line
//! counting each severity, paths that open from the working directory, and
//! bodies that are text by their content type or path not warned about.

use crate::common::{get_page, write_pages, xtask};

/// Five pages whose JSON example responses are broken, one whose `$value`
/// response is a vCard and one whose response says it is plain text.
fn pages_with_warnings(dir: &std::path::Path) -> std::path::PathBuf {
    let broken = "Content-type: application/json\n\n{\"id\": \"1\", oops}";
    let mut pages: Vec<(String, String)> = (1..=5)
        .map(|i| {
            let page = get_page(&format!("Get widget {i}"), &format!("/widgets{i}/{{id}}"), broken);
            (format!("api/widget-get-{i}.md"), page)
        })
        .collect();
    pages.push((
        "api/widget-get-value.md".into(),
        get_page("Get widget content", "/widgets/{id}/$value", "\nBEGIN:VCARD\nEND:VCARD"),
    ));
    pages.push((
        "api/widget-get-text.md".into(),
        get_page(
            "Get widget text",
            "/texts/{id}",
            "Content-Type: text/plain\n\nThe text.",
        ),
    ));
    write_pages(dir, "pages", &pages)
}

#[test]
fn warnings_are_listed_grouped_by_code_with_notes_counted() {
    let dir = tempfile::tempdir().unwrap();
    pages_with_warnings(dir.path());
    let run = xtask(dir.path(), &["regen", "--input", "pages", "--out", "crate"]);
    assert_eq!(run.code, Some(0), "warnings do not fail a regeneration: {}", run.stderr);
    let listed: Vec<&str> = run.stderr.lines().filter(|l| l.contains("warning[")).collect();
    assert_eq!(
        listed,
        [
            "pages/api/widget-get-1.md:26:1: warning[example-body-not-json]: example body is not JSON \
             (key must be a string at line 1 column 13); kept as text",
            "pages/api/widget-get-2.md:26:1: warning[example-body-not-json]: example body is not JSON \
             (key must be a string at line 1 column 13); kept as text",
            "pages/api/widget-get-3.md:26:1: warning[example-body-not-json]: example body is not JSON \
             (key must be a string at line 1 column 13); kept as text",
            "    2 more warning[example-body-not-json]: --verbose lists every one",
        ],
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("notes, not listed (--verbose lists them), by code:"),
        "{}",
        run.stderr
    );
    let summary = run.stderr.lines().last().unwrap();
    assert!(
        summary.starts_with("7 pages: 0 errors, 5 warnings, ") && summary.contains(" notes; "),
        "{summary}"
    );
    assert!(
        !run.stderr.contains("Warning") && !run.stderr.contains("Note "),
        "{}",
        run.stderr
    );
}

#[test]
fn verbose_lists_every_warning_and_note() {
    let dir = tempfile::tempdir().unwrap();
    pages_with_warnings(dir.path());
    let run = xtask(
        dir.path(),
        &["regen", "--input", "pages", "--out", "crate", "--verbose"],
    );
    assert_eq!(
        run.stderr.matches("warning[example-body-not-json]").count(),
        5,
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("note["), "{}", run.stderr);
    assert!(!run.stderr.contains("more warning["), "{}", run.stderr);
}

#[test]
fn the_human_form_is_grouped_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    pages_with_warnings(dir.path());
    let run = xtask(
        dir.path(),
        &["regen", "--input", "pages", "--out", "crate", "--format", "human"],
    );
    let listed = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning[example-body-not-json]"));
    assert_eq!(listed.count(), 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("--> pages/api/widget-get-1.md:26:1"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("26 | HTTP/1.1 200 OK"), "{}", run.stderr);
    assert!(
        run.stderr.contains("2 more warning[example-body-not-json]"),
        "{}",
        run.stderr
    );
}

#[test]
fn paths_open_from_the_working_directory() {
    let dir = tempfile::tempdir().unwrap();
    let pages = pages_with_warnings(dir.path());
    // From inside the folder the pages are named from it; from elsewhere in full.
    let run = xtask(&pages, &["regen", "--input", ".", "--out", "../crate"]);
    let first = "api/widget-get-1.md:26:1: warning[";
    assert!(run.stderr.lines().any(|l| l.starts_with(first)), "{}", run.stderr);
    let run = xtask(
        dir.path(),
        &["regen", "--input", pages.to_str().unwrap(), "--out", "crate"],
    );
    assert!(
        run.stderr.contains("pages/api/widget-get-1.md:26:1: warning["),
        "{}",
        run.stderr
    );
    for line in run.stderr.lines().filter(|l| l.contains(": warning[")) {
        let file = line.split(':').next().unwrap();
        assert!(
            dir.path().join(file).is_file(),
            "{file} does not open from the working directory"
        );
    }
}

#[test]
fn json_lines_hold_every_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    pages_with_warnings(dir.path());
    let run = xtask(
        dir.path(),
        &["regen", "--input", "pages", "--out", "crate", "--format", "json"],
    );
    let objects: Vec<serde_json::Value> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let warnings = objects.iter().filter(|o| o["severity"] == "warning").count();
    assert_eq!(warnings, 5, "{}", run.stderr);
    assert!(objects.iter().any(|o| o["severity"] == "note"), "{}", run.stderr);
    assert!(objects
        .iter()
        .all(|o| o["file"].as_str().unwrap().starts_with("pages/")));
}

#[test]
fn include_and_exclude_path_globs_keep_a_subset_of_the_routes() {
    let dir = tempfile::tempdir().unwrap();
    let pages = vec![
        (
            "api/widget-get.md".to_string(),
            get_page("Get widget", "/widgets/{id}", "\n{\"id\": \"1\"}"),
        ),
        (
            "api/widget-part-get.md".to_string(),
            get_page("Get widget part", "/widgets/{id}/parts/{id}", "\n{\"id\": \"2\"}"),
        ),
        (
            "api/gadget-get.md".to_string(),
            get_page("Get gadget", "/gadgets/{id}", "\n{\"id\": \"3\"}"),
        ),
    ];
    write_pages(dir.path(), "pages", &pages);
    let run = xtask(
        dir.path(),
        &[
            "regen",
            "--input",
            "pages",
            "--out",
            "crate",
            "--include-path",
            "/widgets/**",
            "--exclude-path",
            "/WIDGETS/*/parts/{part-id}",
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("left out by --include-path/--exclude-path: 2 routes"),
        "{}",
        run.stderr
    );
    let routes = std::fs::read_dir(dir.path().join("crate/src/generated/routes"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect::<String>();
    assert!(routes.contains("GET /widgets/{id}"), "{routes}");
    assert!(!routes.contains("/parts/") && !routes.contains("/gadgets/"), "{routes}");
}
