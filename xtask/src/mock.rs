//! `cargo xtask mock`: serves the local Graph built from a folder of pages,
//! or measures it under a bounded loopback load.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Serve a local Graph on 127.0.0.1 that answers with the documented examples.
///
/// Each answer names its example in the `x-mock-example` header
/// (`api/user-get.md:43`); a request sending `x-mock-example: <page>[:<line>]`
/// gets that example where pages document one request with several answers.
#[derive(Debug, clap::Args)]
#[command(after_help = "Requests need an Authorization header (any bearer token).")]
pub struct Args {
    #[command(flatten)]
    pages: crate::pages::Pages,
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
    /// Instead of serving, send N requests over loopback and print the figures
    #[arg(long, value_name = "N")]
    bench: Option<usize>,
    /// Concurrent clients of --bench
    #[arg(long, default_value_t = 8)]
    concurrency: usize,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let input = args.pages.folder();
    let start = Instant::now();
    let graph = msgraph_mock::Graph::load(&input, args.pages.csdl.as_deref()).map_err(|e| e.to_string())?;
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
    let options = msgraph_mock::Options {
        port: args.port,
        stateful: args.stateful,
        page_size: args.page_size,
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
