//! What typed query options need from the schema: which properties are
//! navigation properties (a related entity, for `$expand`) rather than
//! structural ones (for `$select`, `$orderby`, `$filter`). A property is a
//! navigation property when its type, or its element type, is an entity
//! type: one derived from `microsoft.graph.entity` (OData allows entity
//! types only on navigation properties).

use super::model::{Schema, Ty};
use std::collections::{HashMap, HashSet};

const ENTITY: &str = "microsoft.graph.entity";

/// Marks each navigation property of every model.
pub fn mark_navigation(schema: &mut Schema) {
    let base_of: HashMap<&str, &str> = schema
        .models
        .values()
        .filter_map(|m| Some((m.wire_name.as_str(), m.base.as_deref()?)))
        .collect();
    let is_entity = |wire: &str| {
        let mut at = wire;
        // The chain is cut where inheritance has a cycle; the depth bounds it.
        for _ in 0..64 {
            if at == ENTITY {
                return true;
            }
            match base_of.get(at) {
                Some(base) => at = base,
                None => return false,
            }
        }
        false
    };
    let entities: HashSet<String> = schema
        .models
        .values()
        .filter(|m| is_entity(&m.wire_name))
        .map(|m| m.rust_name.clone())
        .collect();
    for model in schema.models.values_mut() {
        for field in &mut model.fields {
            let element = match &field.ty {
                Ty::Collection(inner) => inner.as_ref(),
                t => t,
            };
            field.navigation = matches!(element, Ty::Model(name) if entities.contains(name));
        }
    }
}
