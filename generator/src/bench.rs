//! Measurements for `cargo xtask bench`: a bare pulldown-cmark pass over
//! the same files as the reader, as the baseline the reader is compared to;
//! the process's peak memory; and the declarations-only yardstick of a
//! generated crate (its types without impls or derives), which the generated
//! crate's check time and size are compared to. Figures are printed, never
//! asserted.

use pulldown_cmark::{Options, Parser};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Reads every file and runs pulldown-cmark over it (tables on), in parallel
/// like the reader; returns the number of events, so the work is not skipped.
pub fn bare_markdown_pass(files: &[PathBuf]) -> std::io::Result<usize> {
    files
        .par_iter()
        .map(|path| {
            let text = std::fs::read_to_string(path)?;
            Ok(Parser::new_ext(&text, Options::ENABLE_TABLES).count())
        })
        .sum()
}

/// Peak resident memory of this process in KiB (Linux `VmHWM`), if known.
pub fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// The declarations of a generated file alone: every `impl` block dropped,
/// `#[derive]` and `#[serde]` attributes removed from the types that stay.
/// What is left is the least any crate declaring these types must compile.
pub fn yardstick(source: &str) -> syn::Result<String> {
    let mut file = syn::parse_file(source)?;
    file.items.retain(|item| !matches!(item, syn::Item::Impl(_)));
    for item in &mut file.items {
        match item {
            syn::Item::Struct(s) => {
                strip(&mut s.attrs);
                s.fields.iter_mut().for_each(|f| strip(&mut f.attrs));
            }
            syn::Item::Enum(e) => {
                strip(&mut e.attrs);
                for v in &mut e.variants {
                    strip(&mut v.attrs);
                    v.fields.iter_mut().for_each(|f| strip(&mut f.attrs));
                }
            }
            _ => {}
        }
    }
    Ok(prettyplease::unparse(&file))
}

fn strip(attrs: &mut Vec<syn::Attribute>) {
    attrs.retain(|a| !a.path().is_ident("derive") && !a.path().is_ident("serde"));
}

/// Copies the generated crate at `from` to `to` (which must not exist),
/// with every file under `src/generated/` and `models/src/` reduced to its [`yardstick`];
/// hand-written support code stays as it is. Returns the files written.
pub fn yardstick_crate(from: &Path, to: &Path) -> std::io::Result<usize> {
    let mut written = 0;
    copy_dir(from, to, &mut |relative, text| {
        written += 1;
        let emitted = relative.starts_with("src/generated") || relative.starts_with("models/src");
        if emitted && relative.extension().is_some_and(|e| e == "rs") {
            let text = std::str::from_utf8(text).map_err(std::io::Error::other)?;
            let reduced = yardstick(text).map_err(|e| std::io::Error::other(format!("{}: {e}", relative.display())))?;
            Ok(reduced.into_bytes())
        } else if relative == Path::new("Cargo.toml") {
            // `tests/` is not copied: neither are the tests the manifest names.
            let text = std::str::from_utf8(text).map_err(std::io::Error::other)?;
            Ok(without_test_targets(text).into_bytes())
        } else {
            Ok(text.to_vec())
        }
    })?;
    Ok(written)
}

/// A manifest without its `[[test]]` tables.
fn without_test_targets(manifest: &str) -> String {
    let mut out = String::new();
    let mut in_test = false;
    for line in manifest.lines() {
        if line.starts_with('[') {
            in_test = line.trim() == "[[test]]";
        }
        if !in_test {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// What becomes of one file's bytes, given its path relative to the crate.
type MapFile<'a> = dyn FnMut(&Path, &[u8]) -> std::io::Result<Vec<u8>> + 'a;

/// Copies a generated crate: its manifest, `src/` and the crates beside it
/// (`models/`, `support/`), not `tests/` or build output, passing each
/// file's bytes through `map`.
fn copy_dir(from: &Path, to: &Path, map: &mut MapFile<'_>) -> std::io::Result<()> {
    let mut stack = vec![PathBuf::new()];
    while let Some(dir) = stack.pop() {
        std::fs::create_dir_all(to.join(&dir))?;
        let mut entries: Vec<_> = std::fs::read_dir(from.join(&dir))?.collect::<Result<_, _>>()?;
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let relative = dir.join(entry.file_name());
            if relative == Path::new("tests") || relative == Path::new("target") {
                continue;
            }
            if entry.file_type()?.is_dir() {
                stack.push(relative);
            } else {
                let bytes = std::fs::read(entry.path())?;
                std::fs::write(to.join(&relative), map(&relative, &bytes)?)?;
            }
        }
    }
    Ok(())
}

/// Lines of every `.rs` file under `dir`.
pub fn rust_lines(dir: &Path) -> std::io::Result<usize> {
    let mut lines = 0;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            lines += rust_lines(&entry.path())?;
        } else if entry.path().extension().is_some_and(|e| e == "rs") {
            lines += std::fs::read_to_string(entry.path())?.lines().count();
        }
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_yardstick_manifest_names_no_test_it_lacks() {
        let manifest = "[dev-dependencies]\nhttp = \"1\"\n\n[[test]]\nname = \"models\"\nrequired-features = [\"fuzzing\"]\n\n[features]\nfuzzing = []\n";
        assert_eq!(
            without_test_targets(manifest),
            "[dev-dependencies]\nhttp = \"1\"\n\n[features]\nfuzzing = []\n"
        );
    }

    #[test]
    fn the_yardstick_keeps_declarations_and_drops_impls_and_derives() {
        let source = r#"
            /// A user.
            #[cfg(feature = "users")]
            #[derive(Debug, Clone, serde::Serialize)]
            pub struct User {
                /// The name.
                #[serde(rename = "displayName")]
                pub display_name: Field<String>,
            }
            impl serde::Serialize for User {}
            #[derive(Debug)]
            pub enum Kind { A, #[serde(untagged)] B(String) }
            impl Kind { pub fn as_str(&self) -> &str { "" } }
        "#;
        let out = yardstick(source).unwrap();
        assert!(!out.contains("impl"), "{out}");
        assert!(!out.contains("derive") && !out.contains("serde"), "{out}");
        for kept in [
            "/// A user.",
            "#[cfg(feature = \"users\")]",
            "pub display_name: Field<String>",
            "B(String)",
        ] {
            assert!(out.contains(kept), "{kept} missing from {out}");
        }
    }
}
