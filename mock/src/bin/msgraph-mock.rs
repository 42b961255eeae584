//! `msgraph-mock` (`cargo xtask mock` runs it): serves the local Graph
//! built from a folder of pages, or measures it under a bounded loopback
//! load. A binary of its own, so building the generator's command line
//! (`cargo xtask regen`) never builds the HTTP stack.

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Serve a local Graph on 127.0.0.1 that answers with the documented examples.
///
/// Each answer names its example in the `x-mock-example` header
/// (`api/user-get.md:43`); a request sending `x-mock-example: <page>[:<line>]`
/// gets that example where pages document one request with several answers.
#[derive(Debug, Parser)]
#[command(
    name = "cargo xtask mock",
    bin_name = "cargo xtask mock",
    after_help = "Requests need an Authorization header (any bearer token)."
)]
pub struct Args {
    /// Folder of reference pages [default: the repository's docs-input/]
    #[arg(long, value_name = "DIR")]
    input: Option<PathBuf>,
    /// OData CSDL document to merge with the pages (overrides the input's generator.json)
    ///
    /// With it, a path or method no page documents but the metadata defines (an entity set,
    /// navigation, action, function, `$ref`) is answered as OData says, with the status the
    /// nearest documented operations of its kind answer with, marked `x-mock-answer: metadata`.
    #[arg(long, value_name = "FILE")]
    csdl: Option<PathBuf>,
    /// Port on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Keep what POST creates, PATCH changes and DELETE removes until the server stops
    #[arg(long)]
    stateful: bool,
    /// Cut every collection into pages of this size when a request gives no $top
    #[arg(long, value_name = "N")]
    page_size: Option<usize>,
    /// Make a route (an operation's Rust name, or "GET /users") answer 429 once
    #[arg(long, value_name = "ROUTE")]
    throttle: Vec<String>,
    /// A seeded fault rule, on every route or one (`@ROUTE`): `503:10%`, `429:5%@GET /users`,
    /// `504:0.02`, `latency:50-400ms:25%`, `limit:100/10s` (429 with Graph's throttling headers
    /// past 100 requests in 10 s); may be repeated. While running, `POST /$mock/fault-rules`
    /// with `{"seed": N, "rules": [RULE, ...]}` replaces them, `DELETE` clears them
    #[arg(long, value_name = "RULE")]
    faults: Vec<String>,
    /// The seed of --faults: the same seed and requests give the same faults
    #[arg(long, value_name = "N", default_value_t = 0)]
    fault_seed: u64,
    /// A folder of answers of your own (.json/.yaml files, each one answer or a list:
    /// {"request": "GET /users/{id}", "status": 200, "headers": {..}, "body": {..}}), answered
    /// in place of the documented ones or for paths no page documents
    #[arg(long, value_name = "DIR")]
    overrides: Option<PathBuf>,
    /// Write every request received (method, URL, headers, body) to FILE as JSON lines
    #[arg(long, value_name = "FILE")]
    log: Option<PathBuf>,
    /// Instead of serving, send N requests over loopback and print the figures
    #[arg(long, value_name = "N")]
    bench: Option<usize>,
    /// Concurrent clients of --bench
    #[arg(long, default_value_t = 8)]
    concurrency: usize,
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Args) -> Result<ExitCode, String> {
    // `cargo xtask mock` names the repository's docs-input/ for the default.
    let input = args
        .input
        .or_else(|| std::env::var_os("MSGRAPH_DOCS_INPUT").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("docs-input"));
    let start = Instant::now();
    let graph = msgraph_mock::Graph::load(&input, args.csdl.as_deref()).map_err(|e| e.to_string())?;
    let examples: usize = (0..graph.operations().len())
        .map(|o| graph.answers(o).iter().filter(|a| a.path.is_some()).count())
        .sum();
    eprintln!(
        "{} operations, {} replayable examples, loaded in {:.2} s",
        graph.operations().len(),
        examples,
        start.elapsed().as_secs_f64()
    );
    let graph = Arc::new(graph);
    if let Some(total) = args.bench {
        let figures = msgraph_mock::load::bench(graph, total, args.concurrency, Duration::from_secs(120))
            .map_err(|e| e.to_string())?;
        println!("{figures}");
        let healthy = figures.alive_after && !figures.statuses.contains_key(&500);
        return Ok(if healthy { ExitCode::SUCCESS } else { ExitCode::FAILURE });
    }
    let faults = msgraph_mock::FaultPlan::parse(args.fault_seed, args.faults.iter().map(String::as_str))
        .map_err(|e| e.to_string())?;
    let overrides = match &args.overrides {
        Some(dir) => msgraph_mock::Overrides::load(dir).map_err(|e| e.to_string())?,
        None => Vec::new(),
    };
    let options = msgraph_mock::Options {
        port: args.port,
        stateful: args.stateful,
        page_size: args.page_size,
        // A server that runs until stopped keeps no requests in memory.
        record: false,
        log: args.log,
        faults,
        overrides,
        ..msgraph_mock::Options::default()
    };
    let server = msgraph_mock::Server::start(graph, options).map_err(|e| e.to_string())?;
    for route in &args.throttle {
        server.throttle(route, 1).map_err(|e| e.to_string())?;
    }
    println!("local Graph at {} (Ctrl-C stops it)", server.url());
    server.wait().map_err(|e| e.to_string())?;
    Ok(ExitCode::SUCCESS)
}
