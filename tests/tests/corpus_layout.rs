//! The layout of the crate emitted from the Graph v1.0 corpus and its CSDL:
//! no file longer than an editor or a review can take, models and enums
//! filed by the workload whose routes reach them first, a long workload's
//! routes, nodes and the example tests cut into parts, every path a user
//! writes (`models::User`, `routes::users::ListUsers`) the same as in one
//! file.

use generator::emit::{emit, Layout};
use generator::read::read_folder;

#[test]
fn no_emitted_file_is_over_the_limit_and_models_are_filed_by_workload() {
    let Some(corpus) = tests::corpus_or_skip("no_emitted_file_is_over_the_limit") else {
        return;
    };
    let reads = read_folder(&corpus.join("graph-docs-v1.0")).expect("corpus is readable");
    let (csdl, _) = generator::regen::read_csdl(&corpus.join("csdl/v1.0.xml")).expect("CSDL is readable");
    let pages: Vec<_> = reads.into_iter().map(|r| r.page).collect();
    let schema = generator::resolve::resolve(&pages, Some(&csdl)).schema;
    let files = emit(&schema, Layout::Standalone).expect("emits");
    let longest = files
        .iter()
        .map(|f| (f.contents.lines().count(), f.path.as_str()))
        .max()
        .unwrap();
    println!("{} files, longest {} lines ({})", files.len(), longest.0, longest.1);
    assert!(longest.0 <= 30_000, "{} has {} lines", longest.1, longest.0);

    let file = |path: &str| {
        files
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("{path} is emitted"))
            .contents
            .as_str()
    };
    let models = file("models/src/models/mod.rs");
    assert!(
        models.contains("pub mod users;\n#[doc(no_inline)]\n#[allow(unused_imports)]\npub use users::*;"),
        "{models}"
    );
    assert!(models.contains("pub mod device_management;"), "{models}");
    // `User` is filed under `users`, `DeviceConfiguration` under
    // `device_management`, a type no route reaches under `common`.
    let filed = |name: &str| {
        files
            .iter()
            .find(|f| {
                f.path.starts_with("models/src/models/") && f.contents.contains(&format!("\npub struct {name} {{"))
            })
            .map(|f| f.path.as_str())
            .unwrap_or_else(|| panic!("{name} is emitted"))
    };
    assert!(
        filed("User").starts_with("models/src/models/users"),
        "{}",
        filed("User")
    );
    assert!(
        filed("DeviceConfiguration").starts_with("models/src/models/device_management"),
        "{}",
        filed("DeviceConfiguration")
    );
    // A workload too long for one file is a folder of private parts.
    let routes = file("src/generated/routes/users/mod.rs");
    assert!(
        routes.contains("mod part_1;\n#[allow(unused_imports)]\npub use part_1::*;"),
        "{routes}"
    );
    assert!(files.iter().any(|f| f.path == "tests/examples/main.rs"));
    assert!(file("tests/examples/part_1.rs").contains("use super::*;"));
    // Each part of a split model group sees every model.
    for f in files
        .iter()
        .filter(|f| f.path.starts_with("models/src/models/") && !f.path.ends_with("mod.rs"))
    {
        assert!(f.contents.contains("use crate::models::*;"), "{}", f.path);
    }
}
