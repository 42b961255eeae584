//! Cargo features per workload: each route belongs to the feature of its
//! workload, and each model or enum to every feature whose routes reach it
//! (through bodies, responses, fields and base types, and for a create that
//! takes any derived type of its body, those types too). Types no route
//! reaches belong to `full`. Each type is also filed under a home workload:
//! the one whose routes reach it in the fewest steps (then by most routes,
//! then by name), `common` for types no route reaches.

use super::model::{Schema, Ty};
use std::collections::{BTreeMap, BTreeSet};

/// The feature that enables every workload.
pub const FULL: &str = "full";

/// The module of types no route reaches.
pub const COMMON: &str = "common";

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
    // Per type, per workload: the fewest steps from one of its routes, and
    // how many routes reach it in that many.
    let mut nearest: BTreeMap<&str, BTreeMap<&str, (usize, usize)>> = BTreeMap::new();
    for op in &schema.operations {
        let mut start = Vec::new();
        for t in op.body.iter().chain(op.response.iter()) {
            named(t, &mut start);
        }
        if let (Some(_), Some(Ty::Model(body))) = (&op.body_kind, &op.body) {
            let derived = schema
                .models
                .values()
                .find(|m| &m.rust_name == body)
                .map(|m| &m.derived);
            start.extend(derived.into_iter().flatten().filter_map(|w| base_rust.get(w.as_str())));
        }
        let mut stack: Vec<(&str, usize)> = start.into_iter().map(|n| (n, 0)).collect();
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        // Depth first, but a type met again nearer is walked again from there.
        while let Some((name, depth)) = stack.pop() {
            if seen.get(name).is_some_and(|&d| d <= depth) {
                continue;
            }
            seen.insert(name, depth);
            reached.entry(name.to_string()).or_default().insert(op.feature.clone());
            stack.extend(edges.get(name).into_iter().flatten().map(|n| (*n, depth + 1)));
        }
        for (name, depth) in seen {
            let entry = nearest
                .entry(name)
                .or_default()
                .entry(op.workload.as_str())
                .or_insert((depth, 0));
            if depth < entry.0 {
                *entry = (depth, 0);
            }
            if depth == entry.0 {
                entry.1 += 1;
            }
        }
    }
    let homes: BTreeMap<String, String> = nearest
        .into_iter()
        .map(|(name, by_workload)| {
            let home = by_workload
                .into_iter()
                .min_by(|a, b| (a.1 .0, std::cmp::Reverse(a.1 .1), a.0).cmp(&(b.1 .0, std::cmp::Reverse(b.1 .1), b.0)))
                .map(|(w, _)| w.to_string())
                .expect("reached by one route at least");
            (name.to_string(), home)
        })
        .collect();
    let home_of = |rust: &str| homes.get(rust).cloned().unwrap_or_else(|| COMMON.to_string());
    let features_of = |rust: &str| -> Vec<String> {
        match reached.get(rust) {
            Some(set) => set.iter().cloned().collect(),
            None => vec![FULL.to_string()],
        }
    };
    for m in schema.models.values_mut() {
        m.features = features_of(&m.rust_name);
        m.home = home_of(&m.rust_name);
    }
    for e in schema.enums.values_mut() {
        e.features = features_of(&e.rust_name);
        e.home = home_of(&e.rust_name);
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

/// The named types (models, enums) a type mentions.
pub(super) fn named<'a>(ty: &'a Ty, out: &mut Vec<&'a str>) {
    match ty {
        Ty::Model(n) | Ty::Enum(n) | Ty::Flags(n) => out.push(n),
        Ty::Collection(inner) => named(inner, out),
        Ty::Primitive(_) | Ty::Reference => {}
    }
}
