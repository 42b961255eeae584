//! `cargo xtask permissions`: request lines matched to their documented
//! routes, and the scopes to ask for to make them all.

use std::path::PathBuf;
use std::process::ExitCode;

/// How the plan is printed (`--format`).
#[derive(Debug, Clone, Copy, Default, clap::ValueEnum)]
pub enum PlanFormat {
    /// Per permission kind: the scopes to ask for and the requests each serves
    #[default]
    Human,
    /// The same plan as one JSON document, for tools
    Json,
}

/// Print the scopes to ask for to make a set of requests (exit 1 if a line matches no route).
///
/// Each line is a request: a documented template (`GET /users/{id}/messages`)
/// or a concrete URL from a log (`GET https://graph.microsoft.com/v1.0/me/messages?$top=5`);
/// a line without a method is a GET. A line that matches no route is
/// reported with the nearest documented paths. The pages are read as `regen`
/// reads them (the folder's fixes, its CSDL), so each matched line names
/// the generated route and the calls reaching it.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// File of request lines, one a line [default: standard input]
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,
    /// Folder of reference pages whose routes the lines are matched to [default: docs-input/]
    #[arg(long, value_name = "DIR")]
    input: Option<PathBuf>,
    /// OData CSDL document to merge with the pages, as `regen` does (overrides the input's generator.json)
    #[arg(long, value_name = "FILE")]
    csdl: Option<PathBuf>,
    /// How to print the plan
    #[arg(long, value_enum, default_value_t = PlanFormat::Human)]
    format: PlanFormat,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let input = args
        .input
        .unwrap_or_else(|| crate::workspace::root().join("docs-input"));
    let lines = match &args.file {
        Some(f) => std::fs::read_to_string(f).map_err(|e| format!("{}: {e}", f.display()))?,
        None => std::io::read_to_string(std::io::stdin()).map_err(|e| format!("standard input: {e}"))?,
    };
    let loaded = generator::load::load(&input, args.csdl).map_err(|e| e.to_string())?;
    let (pages, resolved) = loaded.resolve();
    let mut table = generator::plan::RouteTable::new(&pages);
    table.name_routes(&resolved.schema);
    let report = generator::plan::plan(&table, &lines);
    match args.format {
        PlanFormat::Json => {
            let text = serde_json::to_string_pretty(&report.json(&table)).map_err(|e| e.to_string())?;
            println!("{text}");
        }
        PlanFormat::Human => print!("{}", report.human(&table)),
    }
    Ok(if report.has_unmatched() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
