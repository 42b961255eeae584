//! The input flags that several commands share: a folder of reference pages
//! and an OData CSDL document to merge with them; and the pages of a path
//! that may be one page or a folder of them.

use generator::read::PageRead;
use std::path::{Path, PathBuf};

/// Where a command reads its pages (`#[command(flatten)]` into its `Args`).
#[derive(Debug, clap::Args)]
pub struct Pages {
    /// Folder of reference pages [default: docs-input/]
    #[arg(long, value_name = "DIR")]
    pub input: Option<PathBuf>,
    /// OData CSDL document to merge with the pages (overrides the input's generator.json)
    #[arg(long, value_name = "FILE")]
    pub csdl: Option<PathBuf>,
}

impl Pages {
    /// The folder given, or the repository's `docs-input/`.
    pub fn folder(&self) -> PathBuf {
        self.input
            .clone()
            .unwrap_or_else(|| crate::workspace::root().join("docs-input"))
    }
}

/// Whether `path` names a reference page by its extension (`.md`, `.txt`).
fn is_page(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("md") | Some("txt"))
}

/// The pages at `path`: every page of a folder (with the folder's fixes, as
/// `regen` reads it), or one page (`.md`, `.txt`); anything else is refused
/// with what was expected.
pub fn read_pages(path: &Path) -> Result<Vec<PageRead>, String> {
    let shown = path.display();
    if path.is_dir() {
        let reads = generator::load::pages(path).map_err(|e| e.to_string())?;
        if reads.is_empty() {
            return Err(format!(
                "{shown}: a folder with no reference pages (`.md`, `.txt`) in it"
            ));
        }
        return Ok(reads);
    }
    if !path.exists() {
        return Err(format!("{shown}: no such page or folder"));
    }
    if !path.is_file() || !is_page(path) {
        return Err(format!(
            "{shown}: not a reference page (`.md`, `.txt`) nor a folder of them"
        ));
    }
    let read = generator::read::read_file(&path.to_string_lossy(), path).map_err(|e| format!("{shown}: {e}"))?;
    Ok(vec![read])
}
