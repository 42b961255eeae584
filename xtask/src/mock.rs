//! `cargo xtask mock`: serves the local Graph built from a folder of pages,
//! or measures it under a bounded loopback load.
//!
//!   mock [--input D] [--csdl F] [--port P] [--stateful] [--page-size N]
//!        [--throttle ROUTE]... [--bench N [--concurrency C]]
//!
//! `--throttle` makes a route (an operation's Rust name, or `"GET /users"`)
//! answer 429 once; `--bench N` sends N requests (every replayable example
//! and some the server must refuse) and prints the figures instead of
//! serving.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub fn run(args: &[String], root: &std::path::Path) -> Result<ExitCode, String> {
    let value = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1));
    let number = |name: &str| -> Result<Option<usize>, String> {
        value(name)
            .map(|v| {
                v.parse::<usize>()
                    .map_err(|_| format!("{name} takes a number, not `{v}`"))
            })
            .transpose()
    };
    let input = value("--input").map_or_else(|| root.join("docs-input"), PathBuf::from);
    let csdl = value("--csdl").map(PathBuf::from);
    let start = Instant::now();
    let graph = msgraph_mock::Graph::load(&input, csdl.as_deref()).map_err(|e| e.to_string())?;
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
    if let Some(total) = number("--bench")? {
        let concurrency = number("--concurrency")?.unwrap_or(8);
        let figures = msgraph_mock::load::bench(graph, total, concurrency, Duration::from_secs(120))
            .map_err(|e| e.to_string())?;
        println!("{figures}");
        return Ok(if figures.alive_after && !figures.statuses.contains_key(&500) {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        });
    }
    let options = msgraph_mock::Options {
        port: number("--port")?
            .unwrap_or(0)
            .try_into()
            .map_err(|_| "--port is too large")?,
        stateful: args.iter().any(|a| a == "--stateful"),
        page_size: number("--page-size")?,
        ..msgraph_mock::Options::default()
    };
    let server = msgraph_mock::Server::start(graph, options).map_err(|e| e.to_string())?;
    for (i, arg) in args.iter().enumerate() {
        if arg == "--throttle" {
            let route = args.get(i + 1).ok_or("--throttle takes a route")?;
            server.throttle(route, 1).map_err(|e| e.to_string())?;
        }
    }
    println!("local Graph at {} (Ctrl-C stops it)", server.url());
    server.wait().map_err(|e| e.to_string())?;
    Ok(ExitCode::SUCCESS)
}
