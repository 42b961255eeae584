//! A loopback load: a bounded number of requests (and a time limit) sent to
//! a running server from a few concurrent clients, with the figures that
//! `cargo xtask mock --bench` prints. The mix is every documented example
//! that routes to its operation, plus requests the server must refuse
//! (unknown paths, bodies that do not fit, no `Authorization`).

use crate::graph::Graph;
use crate::server::{Options, Server};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One request of the mix.
#[derive(Debug, Clone)]
pub struct Planned {
    pub method: &'static str,
    /// Path and query after the version prefix.
    pub target: String,
    pub body: Option<String>,
    pub authorized: bool,
}

/// What a load run measured.
#[derive(Debug, Clone)]
pub struct Figures {
    pub requests: usize,
    pub concurrency: usize,
    pub seconds: f64,
    pub per_second: f64,
    /// Latency percentiles in milliseconds.
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    /// Answers by status; `0` counts requests that got no answer.
    pub statuses: BTreeMap<u16, usize>,
    /// Whether the server still answered after the load.
    pub alive_after: bool,
}

impl std::fmt::Display for Figures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "requests:        {} ({} concurrent) in {:.2} s",
            self.requests, self.concurrency, self.seconds
        )?;
        writeln!(f, "throughput:      {:.0} requests/s", self.per_second)?;
        writeln!(
            f,
            "latency:         p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            self.p50_ms, self.p99_ms, self.max_ms
        )?;
        let statuses: Vec<String> = self.statuses.iter().map(|(s, n)| format!("{s}: {n}")).collect();
        writeln!(f, "statuses:        {}", statuses.join(", "))?;
        write!(f, "alive after:     {}", self.alive_after)
    }
}

/// The mix for a route table: each replayable example, and one refused
/// request of each kind for every 20 of them.
pub fn plan(graph: &Graph) -> Vec<Planned> {
    let mut out = Vec::new();
    for (o, op) in graph.operations().iter().enumerate() {
        for answer in graph.answers(o) {
            if answer.path.is_none() {
                continue;
            }
            out.push(Planned {
                method: op.method.as_str(),
                target: answer.target(),
                body: answer.request_body.as_ref().map(|b| b.to_string()),
                authorized: true,
            });
        }
    }
    let refused = out.len() / 20 + 1;
    for i in 0..refused {
        out.push(Planned {
            method: "GET",
            target: format!("/no/such/path/{i}"),
            body: None,
            authorized: true,
        });
        out.push(Planned {
            method: "GET",
            target: "/me".into(),
            body: None,
            authorized: false,
        });
        out.push(Planned {
            method: "POST",
            target: "/users".into(),
            body: Some(format!("{{\"notAProperty{i}\": 1, \"accountEnabled\": \"yes\"}}")),
            authorized: true,
        });
    }
    out
}

/// Sends `total` requests from the mix (round robin) to `base_url`
/// (`http://127.0.0.1:P/v1.0`) from `concurrency` clients, stopping early at
/// `limit`.
pub fn run(base_url: &str, mix: &[Planned], total: usize, concurrency: usize, limit: Duration) -> Figures {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime starts");
    // Redirects are answers to count, not to follow: a documented `302`
    // points at the service's download hosts, off the loopback.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client builds");
    let mix = Arc::new(mix.to_vec());
    let start = Instant::now();
    let results: Vec<(u16, Duration)> = runtime.block_on(async {
        let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let workers: Vec<_> = (0..concurrency.max(1))
            .map(|_| {
                let (client, mix, next, base) = (client.clone(), mix.clone(), next.clone(), base_url.to_string());
                tokio::spawn(async move {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if i >= total || start.elapsed() > limit || mix.is_empty() {
                            break;
                        }
                        let planned = &mix[i % mix.len()];
                        let method = reqwest::Method::from_bytes(planned.method.as_bytes()).expect("a method");
                        let mut request = client.request(method, format!("{base}{}", planned.target));
                        if planned.authorized {
                            request = request.header("Authorization", "Bearer local");
                        }
                        if let Some(body) = &planned.body {
                            request = request.header("Content-Type", "application/json").body(body.clone());
                        }
                        let t = Instant::now();
                        let status = match request.send().await {
                            Ok(response) => {
                                let status = response.status().as_u16();
                                let _ = response.bytes().await;
                                status
                            }
                            Err(_) => 0,
                        };
                        out.push((status, t.elapsed()));
                    }
                    out
                })
            })
            .collect();
        let mut all = Vec::new();
        for w in workers {
            all.extend(w.await.unwrap_or_default());
        }
        all
    });
    let seconds = start.elapsed().as_secs_f64();
    let alive_after = runtime.block_on(async {
        client
            .get(format!("{base_url}/no/such/path"))
            .header("Authorization", "Bearer local")
            .send()
            .await
            .is_ok_and(|r| r.status() == 404)
    });
    let mut latencies: Vec<f64> = results.iter().map(|(_, d)| d.as_secs_f64() * 1000.0).collect();
    latencies.sort_by(f64::total_cmp);
    let at = |q: f64| {
        latencies
            .get(((latencies.len() as f64 - 1.0) * q).round() as usize)
            .copied()
            .unwrap_or(0.0)
    };
    let mut statuses = BTreeMap::new();
    for (s, _) in &results {
        *statuses.entry(*s).or_insert(0) += 1;
    }
    Figures {
        requests: results.len(),
        concurrency,
        seconds,
        per_second: results.len() as f64 / seconds.max(1e-9),
        p50_ms: at(0.5),
        p99_ms: at(0.99),
        max_ms: latencies.last().copied().unwrap_or(0.0),
        statuses,
        alive_after,
    }
}

/// Starts a server for `graph`, runs the load against it, and stops it.
pub fn bench(graph: Arc<Graph>, total: usize, concurrency: usize, limit: Duration) -> std::io::Result<Figures> {
    let mix = plan(&graph);
    // The load measures answering; nothing it sends is kept.
    let server = Server::start(
        graph,
        Options {
            record: false,
            ..Options::default()
        },
    )?;
    let figures = run(&server.url(), &mix, total, concurrency, limit);
    server.shutdown()?;
    Ok(figures)
}
