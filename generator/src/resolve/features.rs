//! Cargo features per workload: each route belongs to the feature of its
//! workload, and each model or enum to every feature whose routes reach it
//! (through bodies, responses, fields and base types, and for a create that
//! takes any derived type of its body, those types too). Types no route
//! reaches belong to `full`.

use super::model::{Schema, Ty};
use std::collections::{BTreeMap, BTreeSet};

/// The feature that enables every workload.
pub const FULL: &str = "full";

pub fn assign(schema: &mut Schema) {
    canonical_workloads(schema);
    // Rust name -> the types its definition mentions.
    let mut edges: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let base_rust: BTreeMap<&str, &str> = schema
        .models
        .iter()
        .map(|(w, m)| (w.as_str(), m.rust_name.as_str()))
        .collect();
    for m in schema.models.values() {
        let mut out = Vec::new();
        for f in &m.fields {
            named(&f.ty, &mut out);
        }
        if let Some(base) = m.base.as_deref().and_then(|b| base_rust.get(b)) {
            out.push(base);
        }
        edges.insert(&m.rust_name, out);
    }
    let mut reached: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for op in &schema.operations {
        let mut stack = Vec::new();
        for t in op.body.iter().chain(op.response.iter()) {
            named(t, &mut stack);
        }
        if let (Some(_), Some(Ty::Model(body))) = (&op.body_kind, &op.body) {
            let derived = schema
                .models
                .values()
                .find(|m| &m.rust_name == body)
                .map(|m| &m.derived);
            stack.extend(derived.into_iter().flatten().filter_map(|w| base_rust.get(w.as_str())));
        }
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        while let Some(name) = stack.pop() {
            if !seen.insert(name) {
                continue;
            }
            reached.entry(name.to_string()).or_default().insert(op.feature.clone());
            stack.extend(edges.get(name).into_iter().flatten());
        }
    }
    let features_of = |rust: &str| -> Vec<String> {
        match reached.get(rust) {
            Some(set) => set.iter().cloned().collect(),
            None => vec![FULL.to_string()],
        }
    };
    for m in schema.models.values_mut() {
        m.features = features_of(&m.rust_name);
    }
    for e in schema.enums.values_mut() {
        e.features = features_of(&e.rust_name);
    }
}

/// Pages spell some roots differently (`directoryRoles`, `directoryroles`):
/// such workloads are one, under the spelling most routes use.
fn canonical_workloads(schema: &mut Schema) {
    let key = |w: &str| w.replace('_', "");
    let mut counts: BTreeMap<String, BTreeMap<(String, String), usize>> = BTreeMap::new();
    for op in &schema.operations {
        *counts
            .entry(key(&op.workload))
            .or_default()
            .entry((op.workload.clone(), op.feature.clone()))
            .or_default() += 1;
    }
    let chosen: BTreeMap<String, (String, String)> = counts
        .into_iter()
        .map(|(k, spellings)| {
            let best = spellings
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(s, _)| s.clone())
                .expect("non-empty");
            (k, best)
        })
        .collect();
    for op in &mut schema.operations {
        let (workload, feature) = chosen[&key(&op.workload)].clone();
        op.workload = workload;
        op.feature = feature;
    }
}

fn named<'a>(ty: &'a Ty, out: &mut Vec<&'a str>) {
    match ty {
        Ty::Model(n) | Ty::Enum(n) | Ty::Flags(n) => out.push(n),
        Ty::Collection(inner) => named(inner, out),
        Ty::Primitive(_) | Ty::Reference => {}
    }
}
