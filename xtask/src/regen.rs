//! `cargo xtask regen`: regenerate a crate from reference pages.

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
    /// List every diagnostic: each warning (not only the first few of each code) and each note
    #[arg(long)]
    verbose: bool,
    /// How diagnostics are printed
    #[arg(long, value_enum, default_value = "short")]
    format: DiagnosticFormat,
    #[command(flatten)]
    pages: crate::pages::Pages,
    /// Crate folder to write; anything but generated/ becomes a standalone crate [default: generated/]
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Fail on warnings too, not only on errors (also `{"deny_warnings": true}` in generator.json)
    #[arg(long)]
    deny_warnings: bool,
    /// Keep only routes with a documented path this glob covers (`/users/**`; `*` or a
    /// `{placeholder}` is one segment, `**` any number; `/me/...` counts as `/users/{id}/...`);
    /// repeatable. The types they reach come along; the rest is left out
    #[arg(long, value_name = "GLOB")]
    include_path: Vec<String>,
    /// Leave out routes whose every documented path this glob covers (after --include-path);
    /// repeatable
    #[arg(long, value_name = "GLOB")]
    exclude_path: Vec<String>,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let root = crate::workspace::root();
    let check = args.check;
    let input = args.pages.folder();
    let out = args.out.unwrap_or_else(|| root.join("generated"));
    let mut settings = generator::regen::Settings::new(input.clone(), out.clone())
        .with_check(check)
        .with_csdl(args.pages.csdl)
        .with_deny_warnings(args.deny_warnings)
        .with_paths(generator::resolve::subset::PathFilter {
            include: args.include_path,
            exclude: args.exclude_path,
        });
    if out != root.join("generated") {
        // A crate of its own: bring a copy of the hand-written runtime along.
        settings = settings.with_standalone(generator::regen::runtime_dir());
    }
    let progress = crate::progress::spinner(format!("regenerating {} from {}", out.display(), input.display()));
    let report = generator::regen::regen(&settings);
    progress.finish_and_clear();
    let report = report.map_err(|e| e.to_string())?;
    let cwd = std::env::current_dir().ok();
    let listing = generator::listing::Listing {
        format: generator::render::Format::from(args.format),
        verbose: args.verbose,
        input: input.clone(),
        cwd: cwd.clone(),
    };
    for line in listing.lines(&report.diagnostics) {
        eprintln!("{line}");
    }
    if let Some(csdl) = &report.csdl {
        eprintln!("merged with {}", csdl.display());
    }
    let shown = |p: &std::path::Path| generator::listing::openable(&input, &p.to_string_lossy(), cwd.as_deref());
    // An output file (which may not exist yet) is named as the output folder was given.
    let shown_out = |file: &str| {
        generator::listing::openable(
            std::path::Path::new(""),
            &out.join(file).to_string_lossy(),
            cwd.as_deref(),
        )
    };
    for file in &report.left {
        eprintln!("left in place (not written by regen): {}", shown_out(file));
    }
    for page in &report.left_out {
        eprintln!(
            "left out: {} (no readable request line)",
            shown(std::path::Path::new(page))
        );
    }
    if report.routes_left_out > 0 {
        eprintln!(
            "left out by --include-path/--exclude-path: {}",
            generator::listing::plural(report.routes_left_out, "route")
        );
    }
    let stale: Vec<&String> = if check { report.stale().collect() } else { Vec::new() };
    for f in &stale {
        eprintln!("stale: {}", shown_out(f));
    }
    let counts = generator::listing::Counts::of(&report.diagnostics);
    eprintln!(
        "{} pages: {counts}; {} files ({} lines): {} {}, {} deleted, {} unchanged",
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
    if report.deny_warnings && counts.warnings > 0 {
        let warnings = generator::listing::plural(counts.warnings, "warning");
        eprintln!("warnings are denied: {warnings} fail the regeneration");
    }
    Ok(if report.failures() > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
