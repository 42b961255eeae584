//! Speed of the permissions planner (`cargo xtask permissions`) on the
//! whole Graph v1.0 route table (`docs-input/` when `../shared/corpus` is
//! absent): URL matching alone over every documented example request (a
//! concrete URL), and matching plus planning for sets of 10, 100 and 1,000
//! request lines. Before the runs, the slowest single lookup is printed
//! (each URL's fastest of 20 tries). Figures only, no assertions:
//! `cargo bench -p tests --features bench --bench permissions_plan`.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use generator::plan::{plan, RouteTable};
use generator::read::read_folder;
use std::time::{Duration, Instant};

/// The route table of the corpus (or of `docs-input/`) and the example
/// request lines of its pages, as `METHOD url`.
fn table_and_requests() -> (RouteTable, Vec<String>) {
    let input = match tests::corpus() {
        Some(corpus) => corpus.join("graph-docs-v1.0"),
        None => {
            eprintln!("../shared/corpus is absent: docs-input/ is measured instead");
            tests::docs_input()
        }
    };
    let pages: Vec<_> = read_folder(&input)
        .expect("input is readable")
        .into_iter()
        .map(|r| r.page)
        .collect();
    let table = RouteTable::new(&pages);
    let requests: Vec<String> = pages
        .iter()
        .filter_map(|p| p.operation.as_ref())
        .flat_map(|op| &op.examples)
        .filter_map(|e| e.request.as_ref())
        .map(|r| format!("{} {}", r.method.as_str(), r.url.trim()))
        .collect();
    eprintln!(
        "{}: {} routes, {} example requests",
        input.display(),
        table.routes.len(),
        requests.len()
    );
    (table, requests)
}

/// The slowest lookup: for each request, the fastest of 20 tries.
fn slowest_lookup(table: &RouteTable, requests: &[String]) {
    let mut slowest = (Duration::ZERO, "");
    for r in requests {
        let best = (0..20)
            .map(|_| {
                let start = Instant::now();
                black_box(table.find(black_box(r)));
                start.elapsed()
            })
            .min()
            .unwrap_or_default();
        if best > slowest.0 {
            slowest = (best, r);
        }
    }
    eprintln!("slowest single lookup: {:?} ({})", slowest.0, slowest.1);
}

fn bench(c: &mut Criterion) {
    let (table, requests) = table_and_requests();
    if requests.is_empty() {
        eprintln!("no example requests to measure");
        return;
    }
    slowest_lookup(&table, &requests);

    let mut group = c.benchmark_group("match");
    group.throughput(Throughput::Elements(requests.len() as u64));
    group.bench_function("every example request", |b| {
        b.iter(|| {
            for r in &requests {
                black_box(table.find(black_box(r)));
            }
        })
    });
    group.finish();

    let mut group = c.benchmark_group("plan");
    for n in [10usize, 100, 1_000] {
        let input: String = requests.iter().cycle().take(n).map(|r| format!("{r}\n")).collect();
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("request lines", n), &input, |b, input| {
            b.iter(|| black_box(plan(&table, black_box(input))))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(3)).sample_size(20);
    targets = bench
}
criterion_main!(benches);
