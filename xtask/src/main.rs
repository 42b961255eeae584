//! `cargo xtask`: thin front end over the `generator` library.
//!
//! Commands:
//!   schema <file-or-folder>...   print the facts read from pages as JSON
//!   regen [--check] [--input D] [--csdl F] [--out D]
//!                                 regenerate generated/ from docs-input/
//!   report [--input D] [--csdl F] coverage and drift of pages against CSDL

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprintln!("usage: cargo xtask <schema|regen|report> ...");
        return ExitCode::from(2);
    };
    let result = match command.as_str() {
        "schema" => schema(rest),
        "regen" => regen(rest),
        "report" => report(rest),
        other => Err(format!("unknown command `{other}`")),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// The repository root (xtask lives one level below it).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask has a parent").to_path_buf()
}

fn schema(paths: &[String]) -> Result<ExitCode, String> {
    let paths: Vec<PathBuf> = if paths.is_empty() { vec![root().join("docs-input")] } else { paths.iter().map(PathBuf::from).collect() };
    let mut pages = Vec::new();
    let mut diagnostics = Vec::new();
    for path in &paths {
        let reads = if path.is_dir() {
            generator::read::read_folder(path).map_err(|e| format!("{}: {e}", path.display()))?
        } else {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            vec![generator::read::read_page(&name, &text)]
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
    Ok(ExitCode::SUCCESS)
}

/// Reads a `--name value` option.
fn option(args: &[String], name: &str) -> Option<PathBuf> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(PathBuf::from)
}

fn regen(args: &[String]) -> Result<ExitCode, String> {
    let check = args.iter().any(|a| a == "--check");
    let verbose = args.iter().any(|a| a == "--verbose");
    let input = option(args, "--input").unwrap_or_else(|| root().join("docs-input"));
    let out = option(args, "--out").unwrap_or_else(|| root().join("generated"));
    let mut settings = generator::regen::Settings::new(input, out.clone()).with_check(check).with_csdl(option(args, "--csdl"));
    if out != root().join("generated") {
        // A crate of its own: bring the hand-written lib.rs and support code along.
        settings = settings.with_standalone(root().join("generated/src"));
    }
    let report = generator::regen::regen(&settings).map_err(|e| e.to_string())?;
    let mut by_code = std::collections::BTreeMap::new();
    for d in &report.diagnostics {
        *by_code.entry((d.severity, d.code.as_str())).or_insert(0) += 1;
        if verbose || d.severity == generator::diagnostic::Severity::Error || report.pages <= 50 {
            eprintln!("{d}");
        }
    }
    for ((severity, code), n) in &by_code {
        eprintln!("  {n:>6} {severity:?} {code}");
    }
    if let Some(csdl) = &report.csdl {
        eprintln!("merged with {}", csdl.display());
    }
    eprintln!(
        "{} pages, {} files ({} lines): {} written, {} deleted, {} unchanged",
        report.pages,
        report.files,
        report.lines,
        if check { 0 } else { report.written.len() },
        if check { 0 } else { report.deleted.len() },
        report.unchanged
    );
    if check {
        let stale: Vec<&String> = report.stale().collect();
        if !stale.is_empty() {
            for f in &stale {
                eprintln!("stale: {f}");
            }
            eprintln!("generated/ is out of date: run `cargo xtask regen`");
            return Ok(ExitCode::FAILURE);
        }
    }
    if report.errors() > 0 {
        eprintln!("{} errors", report.errors());
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn report(args: &[String]) -> Result<ExitCode, String> {
    let input = option(args, "--input").unwrap_or_else(|| root().join("docs-input"));
    let settings = generator::regen::Settings::new(&input, root().join("generated")).with_csdl(option(args, "--csdl"));
    let csdl = settings.csdl_path().map_err(|e| e.to_string())?.ok_or("no CSDL: pass --csdl F or name one in generator.json")?;
    let (csdl, _) = generator::regen::read_csdl(&csdl).map_err(|e| e.to_string())?;
    let reads = generator::read::read_folder(&input).map_err(|e| format!("{}: {e}", input.display()))?;
    let pages: Vec<_> = reads.into_iter().map(|r| r.page).collect();
    print!("{}", generator::merge::report::report(&pages, &csdl));
    Ok(ExitCode::SUCCESS)
}
