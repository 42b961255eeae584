//! `$expand` with state on: a navigation property the query names is put
//! into the answer from the state when the state holds it: the entities
//! stored below `{entity}/{name}` as an array (a collection such as
//! `contacts`), else the entity stored at `{entity}/{name}` (a single one
//! such as `manager`), each with the expansion's own `$select`. What the
//! state does not hold is left as the documented answer has it.

use crate::query::Expansion;
use crate::route::escape_segment;
use crate::state::Store;
use serde_json::{Map, Value};

/// Expands an entity at `path`, or each item of a collection answer at
/// `path` (its items at `path/{id}`).
pub(crate) fn apply(store: &Store, body: &mut Value, path: &str, expand: &[Expansion]) {
    if expand.is_empty() {
        return;
    }
    match body.get_mut("value").and_then(Value::as_array_mut) {
        Some(items) => {
            for item in items {
                let Some(id) = item.get("id").and_then(Value::as_str).map(escape_segment) else {
                    continue;
                };
                if let Some(entity) = item.as_object_mut() {
                    expand_entity(store, entity, &format!("{path}/{id}"), expand);
                }
            }
        }
        None => {
            if let Some(entity) = body.as_object_mut() {
                expand_entity(store, entity, path, expand);
            }
        }
    }
}

fn expand_entity(store: &Store, entity: &mut Map<String, Value>, path: &str, expand: &[Expansion]) {
    for expansion in expand {
        let at = format!("{path}/{}", expansion.name);
        let selected = |v: &Value| {
            let mut v = v.clone();
            if let (Some(select), Some(object)) = (&expansion.select, v.as_object_mut()) {
                object.retain(|name, _| {
                    name == "id" || name.starts_with('@') || select.iter().any(|s| s.eq_ignore_ascii_case(name))
                });
            }
            v
        };
        let children = store.children(&at);
        let value = if !children.is_empty() {
            Value::Array(children.into_iter().map(selected).collect())
        } else if let Some(single) = store.get(&at) {
            selected(single)
        } else {
            continue;
        };
        entity.insert(expansion.name.clone(), value);
    }
}
