//! `cargo xtask regen`: regenerate a crate from reference pages.

use std::path::PathBuf;
use std::process::ExitCode;

/// Regenerate generated/ (or another crate) from reference pages.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write nothing; fail, naming each stale file, if the output is out of date
    #[arg(long)]
    check: bool,
    /// Print every diagnostic, not only errors (all are printed for 50 pages or fewer)
    #[arg(long)]
    verbose: bool,
    /// Folder of reference pages [default: docs-input/]
    #[arg(long, value_name = "DIR")]
    input: Option<PathBuf>,
    /// OData CSDL document to merge with the pages (overrides the input's generator.json)
    #[arg(long, value_name = "FILE")]
    csdl: Option<PathBuf>,
    /// Crate folder to write; anything but generated/ becomes a standalone crate [default: generated/]
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let root = crate::root();
    let check = args.check;
    let input = args.input.unwrap_or_else(|| root.join("docs-input"));
    let out = args.out.unwrap_or_else(|| root.join("generated"));
    let mut settings = generator::regen::Settings::new(input, out.clone())
        .with_check(check)
        .with_csdl(args.csdl);
    if out != root.join("generated") {
        // A crate of its own: bring the hand-written lib.rs and support code along.
        settings = settings.with_standalone(root.join("generated/src"));
    }
    let report = generator::regen::regen(&settings).map_err(|e| e.to_string())?;
    let mut by_code = std::collections::BTreeMap::new();
    for d in &report.diagnostics {
        *by_code.entry((d.severity, d.code.as_str())).or_insert(0) += 1;
        if args.verbose || d.severity == generator::diagnostic::Severity::Error || report.pages <= 50 {
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
