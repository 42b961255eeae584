//! Route identity on the Graph v1.0 corpus merged with its CSDL: every
//! request line of every operation page resolves to exactly one route, whose
//! rustdoc lists every scope and header the page documents; no two routes
//! share a (method, path); no route name needed a number to be told apart.

use generator::read::path::parse_request_line;
use generator::read::read_folder;
use generator::resolve::request_key;
use generator::schema::{PermissionKind, RequestLine};
use std::collections::BTreeMap;

#[test]
fn every_request_line_is_one_route_documenting_its_pages() {
    let Some(corpus) = tests::corpus() else {
        println!("../shared/corpus is absent; the corpus route test is skipped");
        return;
    };
    let reads = read_folder(&corpus.join("graph-docs-v1.0")).expect("corpus is readable");
    let (csdl, _) = generator::regen::read_csdl(&corpus.join("csdl/v1.0.xml")).expect("CSDL is readable");
    let (files, diagnostics) =
        generator::regen::generate(&reads, Some(&csdl), generator::emit::Layout::Standalone).expect("emits");
    let docs = route_docs(&files);

    // The request lines each route answers, from its search aliases.
    let resolved = generator::resolve::resolve(&reads.iter().map(|r| r.page.clone()).collect::<Vec<_>>(), Some(&csdl));
    let mut route_of: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for op in &resolved.schema.operations {
        assert!(docs.contains_key(&op.rust_name), "{} is emitted", op.rust_name);
        for alias in &op.aliases {
            let (method, path) = parse_request_line(alias, 1).expect("an alias is a request line");
            route_of
                .entry(request_key(&RequestLine { method, path }))
                .or_default()
                .push(&op.rust_name);
        }
    }
    // A page may write one request line twice with other parameter names
    // (`/lists/{list-id}`, `/lists/{list-title}`): still one route.
    for routes in route_of.values_mut() {
        routes.dedup();
    }
    let shared: Vec<_> = route_of.iter().filter(|(_, routes)| routes.len() > 1).collect();
    assert!(shared.is_empty(), "request lines of more than one route: {shared:?}");

    let mut pages = 0;
    let mut missing = Vec::new();
    for read in &reads {
        let Some(op) = &read.page.operation else { continue };
        pages += 1;
        for request in &op.requests {
            let key = request_key(request);
            let Some([route]) = route_of.get(&key).map(Vec::as_slice) else {
                panic!("{}: `{key}` belongs to no route", read.page.file);
            };
            let doc = &docs[*route];
            assert!(
                doc.contains(&format!("`{}`", read.page.file)),
                "{route} names its page {}",
                read.page.file
            );
            for fact in documented_facts(op) {
                if !doc.contains(&format!("`{fact}`")) {
                    missing.push(format!("{}: {route} lacks `{fact}`", read.page.file));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "{} facts missing, first: {:?}",
        missing.len(),
        &missing[..missing.len().min(10)]
    );

    let collisions: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.code == "route-name-collision")
        .collect();
    assert!(collisions.is_empty(), "routes named by number: {collisions:?}");
    let merged = diagnostics.iter().filter(|d| d.code == "route-merged").count();
    println!(
        "operation pages: {pages}, routes: {}, request lines: {}, pages merged into another's route: {merged}",
        resolved.schema.operations.len(),
        route_of.len()
    );
}

/// Each route's rustdoc, by name, from the emitted route files.
fn route_docs(files: &[generator::emit::File]) -> BTreeMap<String, String> {
    let mut docs: BTreeMap<String, String> = BTreeMap::new();
    for f in files.iter().filter(|f| f.path.starts_with("src/generated/routes/")) {
        let mut doc = String::new();
        for line in f.contents.lines() {
            let line = line.trim_start();
            if let Some(name) = line.strip_prefix("pub struct ").and_then(|r| r.strip_suffix(" {")) {
                assert!(
                    docs.insert(name.to_string(), std::mem::take(&mut doc)).is_none(),
                    "{name} twice"
                );
            } else if line.starts_with("///") || line.starts_with("#[") || line.starts_with("alias") || line == ")]" {
                doc.push_str(line);
                doc.push('\n');
            } else {
                doc.clear();
            }
        }
    }
    docs
}

/// The facts a page documents that its route's rustdoc names: every
/// scope of its permissions and every request header but `Authorization`.
fn documented_facts(op: &generator::schema::Operation) -> Vec<&String> {
    let p = &op.permissions;
    let grants = std::iter::once(&p.grants).chain(p.conditional.iter().map(|c| &c.grants));
    let scopes: Vec<&String> = grants
        .flat_map(|g| PermissionKind::ALL.into_iter().filter_map(|k| g.get(k)))
        .flat_map(|g| g.all())
        .flat_map(|a| &a.0)
        .collect();
    let headers = op
        .request_headers
        .iter()
        .map(|h| &h.name)
        .filter(|h| !h.eq_ignore_ascii_case("authorization"));
    scopes.into_iter().chain(headers).collect()
}
