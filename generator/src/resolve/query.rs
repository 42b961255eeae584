//! What typed query options need from the schema: which options each route
//! takes and the model they name (the documented ones that apply to what it
//! answers: `$select` and `$expand` only, for one entity), which models are
//! so named, and which properties are navigation properties (a related
//! entity, for `$expand`) rather than structural ones (for `$select`,
//! `$orderby`, `$filter`). A property is a navigation property when its
//! type, or its element type, is an entity type: one derived from
//! `microsoft.graph.entity` (OData allows entity types only on navigation
//! properties).

use super::model::{Answer, Op, Schema, Ty};
use crate::schema::QueryOption;
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

/// Settles each route's query options and item, and marks the models they
/// name.
pub fn settle_options(schema: &mut Schema) {
    let mut queried = HashSet::new();
    for op in &mut schema.operations {
        let item = item(op).map(|(model, collection)| (model.to_string(), collection));
        match item {
            Some((model, collection)) => {
                if !collection {
                    op.query_options
                        .retain(|o| matches!(o, QueryOption::Select | QueryOption::Expand));
                }
                if !op.query_options.is_empty() {
                    queried.insert(model.clone());
                    op.query_item = Some(model);
                }
            }
            None => op.query_options.clear(),
        }
    }
    for model in schema.models.values_mut() {
        model.queried = queried.contains(&model.rust_name);
    }
}

/// The model a route answers (or the element of the collection it
/// answers), and whether it is a collection; `None` when the answer is not
/// a model or the route takes no query.
fn item(op: &Op) -> Option<(&str, bool)> {
    if !op.odata_query || op.raw_response || op.answer != Answer::Body {
        return None;
    }
    match op.response.as_ref()? {
        Ty::Collection(inner) => match inner.as_ref() {
            Ty::Model(m) => Some((m, true)),
            _ => None,
        },
        Ty::Model(m) => Some((m, false)),
        _ => None,
    }
}
