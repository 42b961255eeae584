//! Growth of regeneration with input size: synthetic pages and metadata at
//! two sizes each (property rows, enum members, request-body rows, base-type
//! depth), read, resolved and emitted in one process, with the time of each
//! and the ratio between sizes. A cost linear in the input keeps the ratio
//! near the size ratio. Prints figures only; run with
//! `cargo bench -p generator --bench scale`.

use generator::csdl::read_csdl;
use generator::emit::Layout;
use generator::read::read_page;
use generator::regen::generate;
use std::fmt::Write;
use std::time::{Duration, Instant};

fn table(header: &str, rows: usize, row: impl Fn(usize) -> String) -> String {
    let mut text = format!("{header}\n|---|---|---|\n");
    for i in 0..rows {
        writeln!(text, "{}", row(i)).unwrap();
    }
    text
}

/// A resource page with `n` property rows.
fn properties(n: usize) -> String {
    let rows = table("| Property | Type | Description |", n, |i| {
        format!("| p{i} | String | Row {i}. |")
    });
    format!("# widget resource type\n\nNamespace: microsoft.graph\n\nA widget.\n\n## Properties\n\n{rows}")
}

/// An enum page with `n` members.
fn members(n: usize) -> String {
    let rows = table("| Member | Value | Description |", n, |i| {
        format!("| m{i} | {i} | Member {i}. |")
    });
    format!("# colour enum type\n\nNamespace: microsoft.graph\n\nColours.\n\n## Members\n\n{rows}")
}

/// An operation page whose request body has `n` rows.
fn body(n: usize) -> String {
    let rows = table("| Parameter | Type | Description |", n, |i| {
        format!("| p{i} | String | Row {i}. |")
    });
    format!(
        "# Create widget\n\nCreate a widget.\n\n## HTTP request\n\n```http\nPOST /widgets\n```\n\n## Request body\n\n{rows}\n\n## Response\n\nIf successful, this method returns a `201 Created` response code.\n"
    )
}

/// CSDL with a chain of `n` entity types (or a cycle of them), one property each.
fn chain(n: usize, cycle: bool) -> String {
    let mut types = String::new();
    for i in 0..n {
        let base = match (i, cycle) {
            (0, false) => String::new(),
            (0, true) => format!(r#" BaseType="ns.t{}""#, n - 1),
            _ => format!(r#" BaseType="ns.t{}""#, i - 1),
        };
        writeln!(
            types,
            r#"<EntityType Name="t{i}"{base}><Property Name="p{i}" Type="Edm.String"/></EntityType>"#
        )
        .unwrap();
    }
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
<Schema Namespace="ns" xmlns="http://docs.oasis-open.org/odata/ns/edm">{types}</Schema>
</edmx:DataServices></edmx:Edmx>"#
    )
}

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
