//! Growth of regeneration with input size: synthetic pages and metadata at
//! two sizes each (property rows, enum members, request-body rows, base-type
//! depth), read, resolved and emitted in one process, with the time of each
//! and the ratio between sizes. A cost linear in the input keeps the ratio
//! near the size ratio. Prints figures only; run with
//! `cargo bench -p tests --features bench --bench scale`.

use generator::csdl::read_csdl;
use generator::emit::Layout;
use generator::read::read_page;
use generator::regen::generate;
use std::time::{Duration, Instant};
use tests::synthetic::{body, chain, members, properties};

// The allocator `cargo xtask regen` runs with, so the figures are the tool's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Reads, resolves and emits one page (or metadata alone): the time, the
/// lines emitted and the errors reported.
fn run(page: Option<String>, csdl: Option<String>) -> (Duration, usize, usize) {
    let start = Instant::now();
    let reads: Vec<_> = page.iter().map(|text| read_page("bench.md", text)).collect();
    let csdl = csdl.map(|text| read_csdl(&text, "bench.xml").expect("the metadata is well formed"));
    let (files, diagnostics) = generate(&reads, csdl.as_ref(), Layout::Workspace).expect("emits");
    let elapsed = start.elapsed();
    let lines = files.iter().map(|f| f.contents.lines().count()).sum();
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == generator::diagnostic::Severity::Error)
        .count();
    (elapsed, lines, errors)
}

fn main() {
    type Case = (&'static str, [usize; 2], fn(usize) -> (Option<String>, Option<String>));
    let cases: [Case; 5] = [
        ("property rows", [10_000, 100_000], |n| (Some(properties(n)), None)),
        ("enum members", [10_000, 100_000], |n| (Some(members(n)), None)),
        ("request-body rows", [10_000, 100_000], |n| (Some(body(n)), None)),
        ("base-type depth", [10, 1_000], |n| (None, Some(chain(n, false)))),
        ("base-type cycle length", [1_000, 10_000], |n| {
            (None, Some(chain(n, true)))
        }),
    ];
    println!(
        "{:<24} {:>8} {:>10} {:>10} {:>7}",
        "case", "size", "seconds", "lines", "errors"
    );
    for (name, sizes, input) in cases {
        let mut times = Vec::new();
        for n in sizes {
            let (page, csdl) = input(n);
            let (time, lines, errors) = run(page, csdl);
            println!("{name:<24} {n:>8} {:>10.3} {lines:>10} {errors:>7}", time.as_secs_f64());
            times.push(time.as_secs_f64());
        }
        println!(
            "{name:<24} growth: {}x the input, {:.1}x the time",
            sizes[1] / sizes[0],
            times[1] / times[0].max(1e-9)
        );
    }
}
