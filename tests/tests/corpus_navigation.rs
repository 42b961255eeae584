//! Navigation by path on the Graph v1.0 corpus merged with its CSDL: every
//! route is reached by navigation from the root, `/me/...` and
//! `/users/{id}/...` lead to one node, and no node holds two terminals of
//! one name.

use generator::read::read_folder;
use generator::resolve::navigation::navigation;
use std::collections::{BTreeSet, HashSet};

#[test]
fn every_route_is_reached_by_navigation() {
    let Some(corpus) = tests::corpus_or_skip("every_route_is_reached_by_navigation") else {
        return;
    };
    let reads = read_folder(&corpus.join("graph-docs-v1.0")).expect("corpus is readable");
    let (csdl, _) = generator::regen::read_csdl(&corpus.join("csdl/v1.0.xml")).expect("CSDL is readable");
    let pages: Vec<_> = reads.into_iter().map(|r| r.page).collect();
    let schema = generator::resolve::resolve(&pages, Some(&csdl)).schema;
    let nav = navigation(&schema);
    let reached: HashSet<usize> = nav
        .nodes
        .iter()
        .flat_map(|n| n.terminals.iter().map(|t| t.op))
        .collect();
    let unreached: Vec<&str> = schema
        .operations
        .iter()
        .enumerate()
        .filter(|(i, _)| !reached.contains(i))
        .map(|(_, o)| o.rust_name.as_str())
        .collect();
    let terminals: usize = nav.nodes.iter().map(|n| n.terminals.len()).sum();
    // Navigation is the only way to build a route's path: every documented
    // path of every route has its calls, taking each parameter of its
    // segments once (a `$top`/`$filter` the line writes is the route's
    // query options' to write, not a call's).
    let unaddressed: Vec<String> = schema
        .operations
        .iter()
        .enumerate()
        .flat_map(|(i, op)| op.paths.iter().enumerate().map(move |(j, p)| (i, j, op, p)))
        .filter(|(i, j, _, p)| {
            nav.addresses.get(&(*i, *j)).is_none_or(|a| {
                let taken = a.calls.iter().map(|c| c.1).sum::<usize>();
                let segments = p.segments.iter().map(|s| s.params().len()).sum::<usize>();
                taken < segments || taken > p.params.len()
            })
        })
        .map(|(_, _, op, p)| format!("{}: {}", op.rust_name, p.template))
        .collect();
    println!(
        "nodes {}, terminals {terminals}, routes reached {} of {}, paths without navigation {}",
        nav.nodes.len(),
        reached.len(),
        schema.operations.len(),
        unaddressed.len()
    );
    assert_eq!(unaddressed, Vec::<String>::new());
    assert_eq!(unreached, Vec::<&str>::new());
    for node in &nav.nodes {
        let names: Vec<&str> = node
            .terminals
            .iter()
            .map(|t| t.method.as_str())
            .chain(node.children.iter().map(|e| e.method.as_str()))
            .collect();
        let unique: BTreeSet<&str> = names.iter().copied().collect();
        assert_eq!(unique.len(), names.len(), "{} has a method twice", node.template);
    }
    // An operation a query identifies is a route of its own, reached by
    // its own method, not the bare line's.
    // A parameter of the service's own written on a documented line names
    // its call (`mailFolders/?includeHiddenFolders=true`), and an update of
    // what a function answers is `update_<function>`; neither is numbered.
    let methods: BTreeSet<&str> = nav
        .nodes
        .iter()
        .flat_map(|n| n.terminals.iter().map(|t| t.method.as_str()))
        .collect();
    assert!(methods.contains("list_with_include_hidden_folders"));
    assert!(methods.contains("update_range"));
    let expanded = schema
        .operations
        .iter()
        .find(|o| {
            o.aliases
                .iter()
                .any(|a| a.starts_with("GET /me/messages/{id}?$expand=singleValueExtendedProperties"))
        })
        .expect("the extended-property read of a message");
    assert!(
        expanded.rust_name.ends_with("WithSingleValueExtendedProperties"),
        "{}",
        expanded.rust_name
    );
    assert!(!expanded.aliases.iter().any(|a| a == "GET /me/messages/{id}"));
    let root = &nav.nodes[0];
    let me = root.children.iter().find(|e| e.method == "me").expect("me()");
    let users = root.children.iter().find(|e| e.method == "users").expect("users()");
    let user = nav.nodes[users.target]
        .children
        .iter()
        .find(|e| e.method == "by_id")
        .expect("by_id");
    assert_eq!(me.target, user.target, "/me is the node of /users/{{id}}");
    // Routes documented only with paths the tree does not model
    // (`roleTemplateId={id}`, a cast to another namespace): it only goes down.
    assert!(unreached.len() <= 2, "routes unreached: {unreached:?}");
}
