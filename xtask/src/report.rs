//! `cargo xtask report`: coverage and drift of pages against a CSDL document.

use std::path::PathBuf;
use std::process::ExitCode;

/// How the report is printed (`--format`).
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ReportFormat {
    /// A table of counts, then the names in each cell and the drift records
    Text,
    /// The whole report as JSON: every name and drift record
    Json,
}

/// Coverage and drift: what the pages and the CSDL each have, and where they disagree.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A reference page or a folder of pages [default: docs-input/]
    #[arg(long, value_name = "PAGE|DIR")]
    input: Option<PathBuf>,
    /// OData CSDL document to compare the pages with (overrides a folder's generator.json)
    #[arg(long, value_name = "FILE")]
    csdl: Option<PathBuf>,
    /// List every name and drift record, not only the first three of each
    #[arg(long)]
    all: bool,
    /// How the report is printed
    #[arg(long, value_enum, default_value = "text")]
    format: ReportFormat,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let root = crate::workspace::root();
    let input = args.input.unwrap_or_else(|| root.join("docs-input"));
    let reads = crate::pages::read_pages(&input)?;
    // A folder's generator.json may name the CSDL; one page needs --csdl.
    let folder = if input.is_dir() { input.clone() } else { PathBuf::new() };
    if !input.is_dir() && args.csdl.is_none() {
        return Err(format!(
            "{}: one page is compared with the CSDL given by --csdl F",
            input.display()
        ));
    }
    let settings = generator::regen::Settings::new(&folder, root.join("generated")).with_csdl(args.csdl);
    let csdl = settings
        .csdl_path()
        .map_err(|e| e.to_string())?
        .ok_or("no CSDL: pass --csdl F or name one in the input folder's generator.json")?;
    let (csdl, _) = generator::regen::read_csdl(&csdl).map_err(|e| e.to_string())?;
    let pages: Vec<_> = reads.into_iter().map(|r| r.page).collect();
    let mut report = generator::merge::report::report(&pages, &csdl);
    let cwd = std::env::current_dir().ok();
    for record in report.drift.values_mut().flatten() {
        record.file = generator::listing::openable(&folder, &record.file, cwd.as_deref());
    }
    match args.format {
        ReportFormat::Json => println!("{}", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?),
        ReportFormat::Text => print!(
            "{}",
            report.render((!args.all).then_some(generator::merge::report::EXAMPLES))
        ),
    }
    Ok(ExitCode::SUCCESS)
}
