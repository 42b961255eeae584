//! A sweep over the Graph v1.0 reference pages in `../shared/corpus`: no
//! panic, every operation page yields a method and a path or a diagnostic
//! saying why, every table row and path line accounted for. Prints totals.

use generator::read::read_folder;
use generator::schema::PageKind;
use std::collections::BTreeMap;

#[test]
fn corpus_pages_read_completely() {
    let Some(corpus) = tests::corpus_or_skip("corpus_pages_read_completely") else {
        return;
    };
    let reads = read_folder(&corpus.join("graph-docs-v1.0")).expect("corpus is readable");
    assert_eq!(reads.len(), 3341, "pages in the corpus");
    let mut by_kind: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_code: BTreeMap<(String, String), usize> = BTreeMap::new();
    let (mut operations, mut with_request, mut paths, mut properties, mut rows, mut path_lines, mut unaccounted) =
        (0, 0, 0, 0, 0, 0, 0);
    let mut without_request = Vec::new();
    for read in &reads {
        *by_kind.entry(format!("{:?}", read.page.kind)).or_default() += 1;
        for d in &read.diagnostics {
            *by_code
                .entry((format!("{:?}", d.severity), d.code.clone()))
                .or_default() += 1;
        }
        rows += read.accounting.table_rows;
        path_lines += read.accounting.path_lines;
        unaccounted += read.accounting.unaccounted;
        if let Some(r) = &read.page.resource {
            properties += r.properties.len() + r.relationships.len();
        }
        if read.page.kind == PageKind::Operation {
            let op = read.page.operation.as_ref().unwrap();
            operations += 1;
            properties += op.request_body.len();
            paths += op.requests.len();
            if op.requests.is_empty() {
                assert!(
                    read.diagnostics.iter().any(|d| d.code == "no-request"),
                    "{} has no request and no diagnostic saying why",
                    read.page.file
                );
                without_request.push(read.page.file.clone());
            } else {
                with_request += 1;
            }
        }
    }
    println!("pages: {} {by_kind:?}", reads.len());
    println!(
        "operations: {operations}, with method and path: {with_request}, paths: {paths}, properties: {properties}"
    );
    println!("table rows: {rows}, path lines: {path_lines}, unaccounted: {unaccounted}");
    println!("operation pages without a request: {without_request:?}");
    for ((severity, code), n) in &by_code {
        println!("  {severity:>7} {code:<32} {n}");
    }
    assert_eq!(
        unaccounted, 0,
        "every table row and path line ends up in the schema or a diagnostic"
    );
    assert!(
        with_request * 100 >= operations * 99,
        "{with_request} of {operations} operation pages yield a method and path"
    );
}
