//! The optional state of a running server: entities created by POST, kept at
//! their key paths until the server stops, changed by PATCH and PUT, removed
//! by DELETE. Keys are request paths without the version prefix, lower-cased
//! (Graph reads segment names and ids case-insensitively).

use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Default)]
pub struct Store {
    entities: BTreeMap<String, Value>,
    /// Paths deleted while the server ran: they answer 404 from then on.
    deleted: BTreeSet<String>,
    next_id: u64,
}

/// The key of a path.
pub fn key(path: &str) -> String {
    path.trim_matches('/').to_ascii_lowercase()
}

impl Store {
    /// A fresh id, shaped like the GUIDs Graph hands out.
    pub fn new_id(&mut self) -> String {
        self.next_id += 1;
        format!("00000000-0000-4000-8000-{:012x}", self.next_id)
    }

    pub fn get(&self, path: &str) -> Option<&Value> {
        self.entities.get(&key(path))
    }

    pub fn is_deleted(&self, path: &str) -> bool {
        self.deleted.contains(&key(path))
    }

    pub fn put(&mut self, path: &str, entity: Value) {
        let k = key(path);
        self.deleted.remove(&k);
        self.entities.insert(k, entity);
    }

    /// Applies a PATCH body to the entity at `path`: its top-level properties
    /// replace the stored ones. The entity after the change.
    pub fn patch(&mut self, path: &str, changes: &Value) -> Option<&Value> {
        let entity = self.entities.get_mut(&key(path))?;
        if let (Some(target), Some(changes)) = (entity.as_object_mut(), changes.as_object()) {
            for (name, value) in changes {
                target.insert(name.clone(), value.clone());
            }
        }
        Some(entity)
    }

    /// Removes the entity at `path`; `false` if it was already deleted.
    pub fn delete(&mut self, path: &str) -> bool {
        let k = key(path);
        self.entities.remove(&k);
        self.deleted.insert(k)
    }

    /// The entities stored directly below a collection path, in id order.
    pub fn children(&self, path: &str) -> Vec<&Value> {
        let prefix = format!("{}/", key(path));
        self.entities
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .filter(|(k, _)| !k[prefix.len()..].contains('/'))
            .map(|(_, v)| v)
            .collect()
    }

    /// Whether the item with `id` in the collection at `path` was deleted.
    pub fn child_deleted(&self, path: &str, id: &str) -> bool {
        self.deleted
            .contains(&format!("{}/{}", key(path), id.to_ascii_lowercase()))
    }
}

/// A new entity: what was sent, with its id (never an example's values for
/// properties the request did not send).
pub fn created(sent: Option<&Value>, id: &str) -> Value {
    let mut entity = match sent {
        Some(Value::Object(object)) => object.clone(),
        _ => Map::new(),
    };
    entity.insert("id".into(), Value::String(id.into()));
    Value::Object(entity)
}
