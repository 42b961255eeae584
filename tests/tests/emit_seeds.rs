//! The code emitted for each seed page, as a snapshot per page.

use generator::read::read_page;
use generator::regen::generate;
use tests::docs_input;

#[test]
fn emitted_code_snapshot_per_page() {
    let mut names: Vec<_> = std::fs::read_dir(docs_input())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    for name in names {
        let name = name.to_string_lossy().into_owned();
        let text = std::fs::read_to_string(docs_input().join(&name)).unwrap();
        let (files, _) = generate(&[read_page(&name, &text)], None, generator::emit::Layout::Workspace)
            .expect("the seed emits valid Rust");
        let code: String = files
            .iter()
            .filter(|f| {
                ![
                    "src/generated/mod.rs",
                    "Cargo.toml",
                    "models/src/lib.rs",
                    "models/Cargo.toml",
                ]
                .contains(&f.path.as_str())
            })
            .map(|f| format!("// ===== {} =====\n{}", f.path, f.contents))
            .collect();
        insta::assert_snapshot!(format!("emit_{}", &name[..3]), code);
    }
}
