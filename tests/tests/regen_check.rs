//! `cargo xtask regen --check` semantics: the committed generated/ matches
//! docs-input/, a hand edit is caught, and a second run writes nothing.

use generator::output::OWNED_LIST;
use generator::regen::{regen, RegenError, Settings};
use std::path::{Path, PathBuf};
use tests::{docs_input, root};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("msgraph-regen-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn committed_generated_crate_is_up_to_date() {
    let report = regen(&Settings::new(docs_input(), root().join("generated")).with_check(true)).unwrap();
    let stale: Vec<&String> = report.stale().collect();
    assert!(
        stale.is_empty(),
        "generated/ is stale ({stale:?}): run `cargo xtask regen`"
    );
    assert_eq!(report.errors(), 0);
}

#[test]
fn check_names_a_hand_edited_and_an_extra_file() {
    let out = scratch("edit");
    copy_dir(&root().join("generated/src/generated"), &out.join("src/generated"));
    copy_dir(&root().join("generated/models"), &out.join("models"));
    copy_dir(&root().join("generated/tests"), &out.join("tests"));
    std::fs::copy(root().join("generated/Cargo.toml"), out.join("Cargo.toml")).unwrap();
    // The owned-files list, as an earlier regeneration that wrote `leftover.rs` left it.
    let owned = std::fs::read_to_string(root().join("generated").join(OWNED_LIST)).unwrap();
    std::fs::write(out.join(OWNED_LIST), format!("{owned}src/generated/leftover.rs\n")).unwrap();
    let models = out.join("models/src/models.rs");
    let mut text = std::fs::read_to_string(&models).unwrap();
    text.push_str("// a hand edit\n");
    std::fs::write(&models, text).unwrap();
    std::fs::write(out.join("src/generated/leftover.rs"), "// no longer produced\n").unwrap();
    let report = regen(&Settings::new(docs_input(), &out).with_check(true)).unwrap();
    assert_eq!(report.written, ["models/src/models.rs", OWNED_LIST]);
    assert_eq!(report.deleted, ["src/generated/leftover.rs"]);
    // Check mode changes nothing.
    assert!(out.join("src/generated/leftover.rs").exists());
    std::fs::remove_dir_all(out).unwrap();
}

#[test]
fn regen_twice_writes_nothing_the_second_time() {
    let out = scratch("twice");
    let first = regen(&Settings::new(docs_input(), &out)).unwrap();
    assert!(!first.written.is_empty());
    let stamp = |p: &Path| std::fs::metadata(p).unwrap().modified().unwrap();
    let models = out.join("models/src/models.rs");
    let before = stamp(&models);
    let second = regen(&Settings::new(docs_input(), &out)).unwrap();
    assert!(
        second.written.is_empty() && second.deleted.is_empty(),
        "{:?}",
        second.written
    );
    assert_eq!(second.unchanged, first.files);
    assert_eq!(stamp(&models), before, "an unchanged file is not rewritten");
    std::fs::remove_dir_all(out).unwrap();
}

#[test]
fn a_folder_regen_did_not_write_is_refused_and_left_alone() {
    let out = scratch("foreign");
    std::fs::create_dir_all(out.join("src")).unwrap();
    std::fs::write(out.join("src/mine.rs"), "// the user's\n").unwrap();
    let err = regen(&Settings::new(docs_input(), &out)).unwrap_err();
    assert!(matches!(err, RegenError::NotOwned { .. }), "{err}");
    let message = err.to_string();
    assert!(
        message.contains("refusing") && message.contains(OWNED_LIST),
        "{message}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("src/mine.rs")).unwrap(),
        "// the user's\n"
    );
    assert!(!out.join("src/generated").exists(), "nothing written");
    std::fs::remove_dir_all(out).unwrap();
}

#[test]
fn a_users_file_beside_generated_files_is_left_and_reported() {
    let out = scratch("beside");
    let settings = Settings::new(docs_input(), &out).with_standalone(generator::regen::runtime_dir());
    regen(&settings).unwrap();
    let owned = std::fs::read_to_string(out.join(OWNED_LIST)).unwrap();
    assert!(owned.contains("\nmodels/src/models.rs\n") && owned.contains("\nCargo.toml\n"));
    std::fs::write(out.join("src/mine.rs"), "// the user's\n").unwrap();
    let report = regen(&settings).unwrap();
    assert_eq!(report.left, ["src/mine.rs"]);
    assert!(report.deleted.is_empty() && report.written.is_empty(), "{report:?}");
    assert!(out.join("src/mine.rs").exists());
    std::fs::remove_dir_all(out).unwrap();
}

#[test]
fn a_standalone_crate_gets_a_copy_of_the_hand_written_runtime_in_src_and_support() {
    let out = scratch("runtime");
    regen(&Settings::new(docs_input(), &out).with_standalone(generator::regen::runtime_dir())).unwrap();
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    // Beside src/generated/, the crate root needs no #[path] to find it.
    assert!(lib.contains("\nmod generated;\n") && !lib.contains("#[path ="), "{lib}");
    assert!(out.join("src/client/mod.rs").is_file() && !out.join("src/support").exists());
    // The support crate keeps its folder, with a manifest naming versions.
    assert!(out.join("support/lib.rs").is_file() && out.join("support/temporal").is_dir());
    let support = std::fs::read_to_string(out.join("support/Cargo.toml")).unwrap();
    assert!(
        support.contains("name = \"msgraph-typed-support\"") && !support.contains("workspace = true"),
        "{support}"
    );
    assert!(!out.join("src/README.md").exists(), "only the runtime's Rust files");
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(!manifest.contains("[lib]"), "{manifest}");
    assert!(
        manifest.contains("msgraph-typed-support = { path = \"support\" }\n"),
        "{manifest}"
    );
    let models = std::fs::read_to_string(out.join("models/Cargo.toml")).unwrap();
    assert!(
        models.contains("msgraph-typed-support = { path = \"../support\" }\n"),
        "{models}"
    );
    std::fs::remove_dir_all(out).unwrap();
}

#[test]
fn a_generated_path_taken_by_a_users_file_is_not_overwritten() {
    let out = scratch("taken");
    regen(&Settings::new(docs_input(), &out)).unwrap();
    // A file regeneration will produce, put there by hand and not in the owned-files list.
    let owned = std::fs::read_to_string(out.join(OWNED_LIST)).unwrap();
    std::fs::write(out.join(OWNED_LIST), owned.replace("models/src/models.rs\n", "")).unwrap();
    std::fs::write(out.join("models/src/models.rs"), "// the user's\n").unwrap();
    let err = regen(&Settings::new(docs_input(), &out)).unwrap_err();
    assert!(
        matches!(&err, RegenError::Overwrite { files, .. } if files == &["models/src/models.rs"]),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("models/src/models.rs")).unwrap(),
        "// the user's\n"
    );
    std::fs::remove_dir_all(out).unwrap();
}
