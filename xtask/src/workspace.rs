//! Where the workspace is: the repository root, found from xtask's own
//! folder, so every command runs the same from any working directory.

use std::path::{Path, PathBuf};

/// The repository root (xtask lives one level below it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask has a parent")
        .to_path_buf()
}
