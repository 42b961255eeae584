//! Ownership of an output folder. Regeneration writes a list of its files
//! ([`OWNED_LIST`], `.msgraph-generated`) naming every file it wrote; it deletes or overwrites only files listed
//! there, refuses a non-empty folder without one, and reports files it finds
//! among its own that it did not write, leaving them in place.

use std::collections::BTreeSet;
use std::path::Path;

/// The owned-files list's name, at the top of the output folder.
pub const OWNED_LIST: &str = ".msgraph-generated";

const HEADER: &str = "# Files written by `cargo xtask regen`; it deletes or overwrites no other file.\n\
                      # Regeneration rewrites this list: do not edit it.\n";

/// The owned-files list for the given files (sorted, one relative path a line).
pub fn owned_list(files: &BTreeSet<&str>) -> String {
    let mut text = String::from(HEADER);
    for file in files {
        text.push_str(file);
        text.push('\n');
    }
    text
}

/// The files an output folder's owned-files list names; `None` when it has none.
pub fn owned(out: &Path) -> std::io::Result<Option<BTreeSet<String>>> {
    match std::fs::read_to_string(out.join(OWNED_LIST)) {
        Ok(text) => Ok(Some(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(String::from)
                .collect(),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Up to `limit` entries of a folder (sorted), or none if it is absent.
pub fn some_entries(dir: &Path, limit: usize) -> std::io::Result<Vec<String>> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut names: Vec<String> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<Result<_, _>>()?;
    names.sort();
    names.truncate(limit);
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_owned_list_names_files_and_reads_back() {
        let dir = std::env::temp_dir().join(format!("msgraph-output-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert_eq!(owned(&dir).unwrap(), None);
        let files: BTreeSet<&str> = ["src/b.rs", "Cargo.toml", "src/a.rs"].into_iter().collect();
        std::fs::write(dir.join(OWNED_LIST), owned_list(&files)).unwrap();
        let read = owned(&dir).unwrap().unwrap();
        assert_eq!(read.iter().map(String::as_str).collect::<BTreeSet<_>>(), files);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
