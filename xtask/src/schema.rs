//! `cargo xtask schema`: print the facts read from pages as JSON.

use std::path::PathBuf;
use std::process::ExitCode;

/// Print the facts read from pages as JSON (diagnostics on stderr).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Reference pages (`.md`, `.txt`) or folders of them to read [default: docs-input/]
    paths: Vec<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let paths = if args.paths.is_empty() {
        vec![crate::workspace::root().join("docs-input")]
    } else {
        args.paths
    };
    let mut pages = Vec::new();
    let mut diagnostics = Vec::new();
    for path in &paths {
        let reads = crate::pages::read_pages(path)?;
        for read in reads {
            pages.push(read.page);
            diagnostics.extend(read.diagnostics);
        }
    }
    for d in &diagnostics {
        eprintln!("{d}");
    }
    let out = serde_json::json!({ "pages": pages, "diagnostics": diagnostics });
    println!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
    // A page the reader failed on (a caught panic) fails the command.
    if diagnostics.iter().any(|d| d.code == generator::isolate::INTERNAL_ERROR) {
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
