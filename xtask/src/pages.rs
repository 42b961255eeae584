//! The input flags that several commands share: a folder of reference pages
//! and an OData CSDL document to merge with them.

use std::path::PathBuf;

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
        self.input.clone().unwrap_or_else(|| crate::root().join("docs-input"))
    }
}
