//! The optional state of a running server: entities created by POST, kept at
//! their key paths until the server stops, changed by PATCH and PUT, removed
//! by DELETE. Keys are request paths without the version prefix, lower-cased
//! (Graph reads segment names and ids case-insensitively). Each change is
//! numbered, so a delta query can give what changed since a number
//! (`crate::delta`); entities seeded from the docs are no change.

use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Default)]
pub struct Store {
    entities: BTreeMap<String, Value>,
    /// Paths deleted while the server ran: they answer 404 from then on.
    deleted: BTreeSet<String>,
    next_id: u64,
    /// Each path's last change, by key.
    changes: BTreeMap<String, Change>,
    /// The number of the last change.
    version: u64,
}

/// One path's last change: its number and, for a removal, the removed
/// entity's id.
#[derive(Debug, Clone)]
struct Change {
    version: u64,
    removed: Option<String>,
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

    /// An entity stored anywhere with this id (`id` compared without case).
    pub fn find_id(&self, id: &str) -> Option<&Value> {
        self.entities.values().find(|e| {
            e.get("id")
                .and_then(Value::as_str)
                .is_some_and(|i| i.eq_ignore_ascii_case(id))
        })
    }

    pub fn is_deleted(&self, path: &str) -> bool {
        self.deleted.contains(&key(path))
    }

    pub fn put(&mut self, path: &str, entity: Value) {
        let k = key(path);
        self.deleted.remove(&k);
        self.entities.insert(k.clone(), entity);
        self.changed(k, None);
    }

    /// Stores an entity the docs show, as the starting state: no change.
    pub fn seed(&mut self, path: &str, entity: Value) {
        let k = key(path);
        self.deleted.remove(&k);
        self.entities.insert(k, entity);
    }

    /// The number of the last change (0 before any).
    pub fn version(&self) -> u64 {
        self.version
    }

    fn changed(&mut self, k: String, removed: Option<String>) {
        self.version += 1;
        let version = self.version;
        self.changes.insert(k, Change { version, removed });
    }

    /// What changed directly below a collection path after change number
    /// `since`, in the order of the changes: each entity as it is now, each
    /// removed one as `{"id": ..., "@removed": {"reason": "deleted"}}`, as
    /// Graph's delta answers give them.
    pub fn changed_since(&self, path: &str, since: u64) -> Vec<Value> {
        let prefix = format!("{}/", key(path));
        let mut changed: Vec<(u64, Value)> = self
            .changes
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .filter(|(k, c)| c.version > since && !k[prefix.len()..].contains('/'))
            .filter_map(|(k, c)| {
                let item = match &c.removed {
                    Some(id) => serde_json::json!({ "id": id, "@removed": { "reason": "deleted" } }),
                    None => self.entities.get(k)?.clone(),
                };
                Some((c.version, item))
            })
            .collect();
        changed.sort_by_key(|(version, _)| *version);
        changed.into_iter().map(|(_, item)| item).collect()
    }

    /// Applies a PATCH body to the entity at `path`: its top-level properties
    /// replace the stored ones. The entity after the change.
    pub fn patch(&mut self, path: &str, changes: &Value) -> Option<&Value> {
        let k = key(path);
        let entity = self.entities.get_mut(&k)?;
        if let (Some(target), Some(changes)) = (entity.as_object_mut(), changes.as_object()) {
            for (name, value) in changes {
                target.insert(name.clone(), value.clone());
            }
        }
        self.changed(k.clone(), None);
        self.entities.get(&k)
    }

    /// Removes the entity at `path`; `false` if it was already deleted.
    pub fn delete(&mut self, path: &str) -> bool {
        let k = key(path);
        let id = self
            .entities
            .remove(&k)
            .and_then(|e| Some(e.get("id")?.as_str()?.to_string()))
            .unwrap_or_else(|| {
                let last = path.trim_matches('/').rsplit('/').next().unwrap_or_default();
                percent_encoding::percent_decode_str(last)
                    .decode_utf8_lossy()
                    .into_owned()
            });
        let removed = self.deleted.insert(k.clone());
        if removed {
            self.changed(k, Some(id));
        }
        removed
    }

    /// A collection answer with the items deleted from it left out and the
    /// ones stored below `path` put in (in place of their documented item,
    /// or added).
    pub fn merge_children(&self, body: &mut Value, path: &str) {
        let Some(items) = body.get_mut("value").and_then(Value::as_array_mut) else {
            return;
        };
        items.retain(|item| {
            item.get("id")
                .and_then(Value::as_str)
                .is_none_or(|id| !self.child_deleted(path, &crate::route::escape_segment(id)))
        });
        for child in self.children(path) {
            let same = |item: &Value| item.get("id").is_some_and(|id| Some(id) == child.get("id"));
            match items.iter_mut().find(|item| same(item)) {
                Some(item) => *item = child.clone(),
                None => items.push(child.clone()),
            }
        }
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
