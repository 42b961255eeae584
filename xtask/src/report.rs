//! `cargo xtask report`: coverage and drift of pages against a CSDL document.

use std::path::PathBuf;
use std::process::ExitCode;

/// Coverage and drift: what the pages and the CSDL each have, and where they disagree.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder of reference pages [default: docs-input/]
    #[arg(long, value_name = "DIR")]
    input: Option<PathBuf>,
    /// OData CSDL document (overrides the input's generator.json)
    #[arg(long, value_name = "FILE")]
    csdl: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let root = crate::root();
    let input = args.input.unwrap_or_else(|| root.join("docs-input"));
    let settings = generator::regen::Settings::new(&input, root.join("generated")).with_csdl(args.csdl);
    let csdl = settings
        .csdl_path()
        .map_err(|e| e.to_string())?
        .ok_or("no CSDL: pass --csdl F or name one in generator.json")?;
    let (csdl, _) = generator::regen::read_csdl(&csdl).map_err(|e| e.to_string())?;
    let reads = generator::read::read_folder(&input).map_err(|e| format!("{}: {e}", input.display()))?;
    let pages: Vec<_> = reads.into_iter().map(|r| r.page).collect();
    print!("{}", generator::merge::report::report(&pages, &csdl));
    Ok(ExitCode::SUCCESS)
}
