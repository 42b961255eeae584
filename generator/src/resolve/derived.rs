//! Derived types: for every model, the models derived from it (directly or
//! not), and the name of its `XKind` enum when it has any, claimed against
//! every other type name so it cannot collide; creates of such a model take
//! its `XKind`, so any derived type can be posted.

use super::model::{Schema, Ty};
use crate::inheritance::MAX_DEPTH;
use crate::schema::{Method, OperationKind};
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

/// Gives every create and update whose body is a model with derived types
/// that model's `XKind` enum as its body: `POST
/// /deviceManagement/deviceConfigurations` and `PATCH
/// .../deviceConfigurations/{id}` take an iOS or a Windows configuration
/// alike, each written with its own `@odata.type`. Not for references (`.../$ref` posts an `@odata.id`), nor
/// for a root type such as `entity` (a create of "any entity" is a body the
/// pages failed to name).
pub fn create_bodies(schema: &mut Schema) {
    let kinds: HashMap<&str, &str> = schema
        .models
        .values()
        .filter(|m| m.base.is_some())
        .filter_map(|m| Some((m.rust_name.as_str(), m.kind_name.as_deref()?)))
        .collect();
    for op in &mut schema.operations {
        let reference = op
            .paths
            .iter()
            .any(|p| p.template.trim_end_matches('/').ends_with("/$ref"));
        let sends_entity = matches!(op.kind, OperationKind::Create | OperationKind::Update)
            && matches!(op.method, Method::Post | Method::Patch | Method::Put);
        if !sends_entity || op.raw_request || reference {
            continue;
        }
        if let Some(Ty::Model(name)) = &op.body {
            op.body_kind = kinds.get(name.as_str()).map(|k| k.to_string());
        }
    }
}
