//! `cargo xtask regen`: regenerate a crate from reference pages.

use generator::diagnostic::Severity;
use std::path::PathBuf;
use std::process::ExitCode;

/// How diagnostics are printed (`--format`).
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum DiagnosticFormat {
    /// `file:line:col: severity[code]: message`
    Short,
    /// As rustc shows them: the source line with a caret under the column
    Human,
    /// One JSON object a line, for tools
    Json,
}

impl From<DiagnosticFormat> for generator::render::Format {
    fn from(f: DiagnosticFormat) -> Self {
        match f {
            DiagnosticFormat::Short => generator::render::Format::Short,
            DiagnosticFormat::Human => generator::render::Format::Human,
            DiagnosticFormat::Json => generator::render::Format::Json,
        }
    }
}

/// Regenerate generated/ (or another crate) from reference pages.
///
/// Regeneration writes only into a folder it owns: a new or empty one, or
/// one holding the manifest it wrote (`.msgraph-generated`). It never deletes
/// or overwrites a file the manifest does not list.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write nothing; fail, naming each stale file, if the output is out of date
    #[arg(long)]
    check: bool,
    /// Print every diagnostic, not only errors (all are printed for 50 pages or fewer)
    #[arg(long)]
    verbose: bool,
    /// How diagnostics are printed
    #[arg(long, value_enum, default_value = "short")]
    format: DiagnosticFormat,
    /// Folder of reference pages [default: docs-input/]
    #[arg(long, value_name = "DIR")]
    input: Option<PathBuf>,
    /// OData CSDL document to merge with the pages (overrides the input's generator.json)
    #[arg(long, value_name = "FILE")]
    csdl: Option<PathBuf>,
    /// Crate folder to write; anything but generated/ becomes a standalone crate [default: generated/]
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Fail on warnings too, not only on errors (also `{"deny_warnings": true}` in generator.json)
    #[arg(long)]
    deny_warnings: bool,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let root = crate::root();
    let check = args.check;
    let input = args.input.unwrap_or_else(|| root.join("docs-input"));
    let out = args.out.unwrap_or_else(|| root.join("generated"));
    let mut settings = generator::regen::Settings::new(input.clone(), out.clone())
        .with_check(check)
        .with_csdl(args.csdl)
        .with_deny_warnings(args.deny_warnings);
    if out != root.join("generated") {
        // A crate of its own: bring the hand-written lib.rs and support code along.
        settings = settings.with_standalone(root.join("generated/src"));
    }
    let progress = crate::progress::spinner(format!("regenerating {} from {}", out.display(), input.display()));
    let report = generator::regen::regen(&settings);
    progress.finish_and_clear();
    let report = report.map_err(|e| e.to_string())?;
    let format = generator::render::Format::from(args.format);
    let mut by_code = std::collections::BTreeMap::new();
    for d in &report.diagnostics {
        *by_code.entry((d.severity, d.code.as_str())).or_insert(0) += 1;
        if args.verbose || d.severity == Severity::Error || report.pages <= 50 {
            eprintln!("{}", generator::render::render(d, format, &input));
        }
    }
    for ((severity, code), n) in &by_code {
        eprintln!("  {n:>6} {severity:?} {code}");
    }
    if let Some(csdl) = &report.csdl {
        eprintln!("merged with {}", csdl.display());
    }
    for file in &report.left {
        eprintln!("left in place (not written by regen): {}", out.join(file).display());
    }
    for page in &report.left_out {
        eprintln!("left out: {page} (no readable request line)");
    }
    let stale: Vec<&String> = if check { report.stale().collect() } else { Vec::new() };
    for f in &stale {
        eprintln!("stale: {f}");
    }
    let count = |s: Severity| report.diagnostics.iter().filter(|d| d.severity == s).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    eprintln!(
        "{} pages, {errors} errors, {warnings} warnings: {} files ({} lines), {} {}, {} deleted, {} unchanged",
        report.pages,
        report.files,
        report.lines,
        report.written.len(),
        if check { "stale" } else { "written" },
        report.deleted.len(),
        report.unchanged
    );
    if !stale.is_empty() {
        eprintln!("{} is out of date: run `cargo xtask regen`", out.display());
        return Ok(ExitCode::FAILURE);
    }
    if report.deny_warnings && warnings > 0 {
        eprintln!("warnings are denied: {warnings} warnings fail the regeneration");
    }
    Ok(if report.failures() > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
