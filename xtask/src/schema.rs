//! `cargo xtask schema`: print the facts read from pages as JSON.

use std::path::PathBuf;
use std::process::ExitCode;

/// Print the facts read from pages as JSON (diagnostics on stderr).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Page files or folders of pages to read [default: docs-input/]
    paths: Vec<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let paths = if args.paths.is_empty() {
        vec![crate::root().join("docs-input")]
    } else {
        args.paths
    };
    let mut pages = Vec::new();
    let mut diagnostics = Vec::new();
    for path in &paths {
        let reads = if path.is_dir() {
            generator::read::read_folder(path).map_err(|e| format!("{}: {e}", path.display()))?
        } else {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            vec![generator::read::read_file(&name, path).map_err(|e| format!("{}: {e}", path.display()))?]
        };
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
