//! Integration tests of the generator against the source documents, and
//! helpers they share.

use std::path::{Path, PathBuf};

pub mod synthetic;

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// `docs-input/`.
pub fn docs_input() -> PathBuf {
    root().join("docs-input")
}

/// `../shared/corpus`, if this machine has it.
pub fn corpus() -> Option<PathBuf> {
    let dir = root().join("../shared/corpus");
    dir.is_dir().then_some(dir)
}

/// `../shared/corpus` for the test `name`; when it is absent, says on the
/// terminal that the test is skipped and why (the README tells where the
/// corpus comes from), and gives `None`.
pub fn corpus_or_skip(name: &str) -> Option<PathBuf> {
    let found = corpus();
    if found.is_none() {
        use std::io::Write;
        // Straight to stderr: the test harness captures `eprintln!` of
        // passing tests, and a skip must be seen.
        let _ = writeln!(
            std::io::stderr(),
            "skipped: {name} needs the Graph corpus at {} (absent; see README.md, \"The corpus\")",
            root().join("../shared/corpus").display()
        );
    }
    found
}

/// The seed page whose name starts with `prefix` (`"000"`).
pub fn seed(prefix: &str) -> (String, String) {
    let entry = std::fs::read_dir(docs_input())
        .expect("docs-input exists")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed {prefix}"));
    let name = entry.file_name().to_string_lossy().into_owned();
    (
        name.clone(),
        std::fs::read_to_string(entry.path()).expect("seed is readable"),
    )
}

/// Removes provenance (`line`, `annotation`, `file`, `format`) from schema JSON.
pub fn without_provenance(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| !matches!(k.as_str(), "line" | "annotation" | "file" | "format"))
                .map(|(k, v)| (k.clone(), without_provenance(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_provenance).collect()),
        other => other.clone(),
    }
}

/// The route code emitted for a schema (every `routes` file, in order), for
/// tests that follow a page to what a user gets.
pub fn emitted_routes(schema: &generator::resolve::model::Schema) -> String {
    generator::emit::emit(schema, generator::emit::Layout::Workspace)
        .expect("the schema emits")
        .iter()
        .filter(|f| f.path.contains("routes"))
        .map(|f| f.contents.as_str())
        .collect()
}

/// The operation of a schema documenting `alias` (`POST /me/contacts`).
pub fn route_by_alias<'a>(
    schema: &'a generator::resolve::model::Schema,
    alias: &str,
) -> &'a generator::resolve::model::Op {
    schema
        .operations
        .iter()
        .find(|o| o.aliases.iter().any(|a| a == alias))
        .unwrap_or_else(|| panic!("a route for {alias}"))
}

/// Checks emitted text against its committed fixture (`fixture` relative to
/// `tests/`); with `UPDATE_FIXTURES=1` in the environment, rewrites the
/// fixture first, to be read in the diff.
pub fn check_fixture(fixture: &str, emitted: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture);
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(&path, emitted).expect("the fixture is writable");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == emitted,
        "{fixture} is stale: rerun with UPDATE_FIXTURES=1 and read the diff"
    );
}

/// The text of every model file of a generated crate: `models.rs`, or the
/// files of the `models/` folder a long module is laid out as.
pub fn generated_models(crate_dir: &Path) -> String {
    let one = crate_dir.join("models/src/models.rs");
    if let Ok(text) = std::fs::read_to_string(&one) {
        return text;
    }
    let mut files = Vec::new();
    let mut dirs = vec![crate_dir.join("models/src/models")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("the models folder is readable") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("readable"))
        .collect()
}

/// The local Graph of the mock fixture pages (`tests/tests/fixtures/mock`)
/// on 127.0.0.1, with the seeded fault `rules` (`429:5%`, `latency:...`).
pub fn mock_with_faults(seed: u64, rules: &[&str]) -> msgraph_mock::Server {
    let graph =
        msgraph_mock::Graph::load(&root().join("tests/tests/fixtures/mock"), None).expect("the fixture pages load");
    let faults = msgraph_mock::FaultPlan::parse(seed, rules.iter().copied()).expect("the rules read");
    let options = msgraph_mock::Options {
        faults,
        ..msgraph_mock::Options::default()
    };
    msgraph_mock::Server::start(graph, options).expect("the server starts on 127.0.0.1")
}
