//! Derived types: for every model, the models derived from it (directly or
//! not), and the name of its `XKind` enum when it has any, claimed against
//! every other type name so it cannot collide.

use super::model::Schema;
use crate::inheritance::MAX_DEPTH;
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub fn assign(schema: &mut Schema) {
    let by_lower: HashMap<String, String> = schema
        .models
        .keys()
        .map(|w| (w.to_ascii_lowercase(), w.clone()))
        .collect();
    let mut derived: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (wire, m) in &schema.models {
        let mut seen = BTreeSet::from([wire.clone()]);
        let mut base = m.base.clone();
        while let Some(parent) = base.and_then(|b| by_lower.get(&b.to_ascii_lowercase()).cloned()) {
            // A cycle ends the walk; so does the depth limit (chains are cut there).
            if seen.len() >= MAX_DEPTH || !seen.insert(parent.clone()) {
                break;
            }
            derived.entry(parent.clone()).or_default().insert(wire.clone());
            base = schema.models[&parent].base.clone();
        }
    }
    let mut taken: BTreeSet<String> = schema
        .models
        .values()
        .map(|m| m.rust_name.clone())
        .chain(schema.enums.values().map(|e| e.rust_name.clone()))
        .collect();
    for (wire, children) in derived {
        let model = schema.models.get_mut(&wire).expect("derived from a known model");
        let mut kind = format!("{}Kind", model.rust_name);
        while taken.contains(&kind) {
            kind.push_str("Kind");
        }
        taken.insert(kind.clone());
        model.kind_name = Some(kind);
        model.derived = children.into_iter().collect();
    }
}
