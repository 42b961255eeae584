//! The state as a tenant: with state on, the entities the pages' examples
//! show are the starting state under their documented ids; a path ending in
//! a key finds its entity by every key the docs give it (`{id |
//! userPrincipalName}`), stored or documented, and any other key is a 404
//! OData error, as Graph answers an unknown id.

use crate::error::ODataError;
use crate::graph::{AnswerBody, Graph};
use crate::route::{escape_segment, Ask, Routed, Routing};
use crate::state::Store;
use generator::schema::{Method, Segment};
use serde_json::Value;

/// Where a keyed path leads in the state.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Located {
    /// The entity's path by its id (stored now, seeded from the docs if it
    /// was only documented).
    At(String),
    /// Not a keyed path, or one the docs show no entity for: the documented
    /// answer stands.
    Unknown,
}

/// The key names a path's last segment takes (`id`, `userPrincipalName`),
/// or `None` when it does not end in a key.
fn key_names(graph: &Graph, routed: &Routed) -> Option<Vec<String>> {
    let path = &graph.operations()[routed.op].paths[routed.path];
    match path.segments.last()? {
        Segment::Key { param } => {
            let mut names = vec!["id".to_string()];
            names.extend(param.alternatives.iter().cloned());
            names.push(param.name.clone());
            Some(names)
        }
        _ => None,
    }
}

/// Whether an entity has `key` under one of `names`.
fn has_key(entity: &Value, names: &[String], key: &str) -> bool {
    let Some(object) = entity.as_object() else { return false };
    object.iter().any(|(n, v)| {
        names.iter().any(|k| k.eq_ignore_ascii_case(n)) && v.as_str().is_some_and(|v| v.eq_ignore_ascii_case(key))
    })
}

/// Finds the entity a keyed path names: stored (by id or another key), else
/// documented (by the GET of the path or the list of its collection, then
/// stored under its id), else a 404.
pub(crate) fn locate(graph: &Graph, store: &mut Store, routed: &Routed, path: &str) -> Result<Located, ODataError> {
    let Some(names) = key_names(graph, routed) else {
        return Ok(Located::Unknown);
    };
    let Some((collection, key)) = path.rsplit_once('/') else {
        return Ok(Located::Unknown);
    };
    let key = percent_encoding::percent_decode_str(key)
        .decode_utf8_lossy()
        .into_owned();
    let gone = || {
        let mut error = ODataError::new(
            404,
            "ResourceNotFound",
            format!(
                "Resource '{key}' does not exist or one of its queried reference-property objects are not present."
            ),
        );
        error.target = Some(path.to_string());
        error
    };
    if store.is_deleted(path) {
        return Err(gone());
    }
    if store.get(path).is_some() {
        return Ok(Located::At(path.to_string()));
    }
    if let Some(id) = store
        .children(collection)
        .into_iter()
        .find(|e| has_key(e, &names, &key))
        .and_then(|e| e.get("id")?.as_str())
    {
        return Ok(Located::At(format!("{collection}/{}", escape_segment(id))));
    }
    let (documented, known) = documented(graph, path, collection, &names, &key);
    let Some(entity) = documented else {
        return if known { Err(gone()) } else { Ok(Located::Unknown) };
    };
    let id = entity
        .get("id")
        .and_then(Value::as_str)
        .map_or(key.clone(), str::to_string);
    let at = format!("{collection}/{}", escape_segment(&id));
    if store.is_deleted(&at) {
        return Err(gone());
    }
    if store.get(&at).is_none() {
        store.seed(&at, entity);
    }
    Ok(Located::At(at))
}

/// The documented entity with `key` (from the GET of the path, else the list
/// of its collection), and whether the docs show entities there at all.
fn documented(graph: &Graph, path: &str, collection: &str, names: &[String], key: &str) -> (Option<Value>, bool) {
    let mut known = false;
    if let Routing::Found(get) = graph.route(Method::Get, path, Ask::default()) {
        for answer in graph.answers(get.op) {
            let AnswerBody::Json(body) = &answer.body else { continue };
            if !body.is_object() || body.get("value").is_some() {
                continue;
            }
            known |= answer.path.is_some();
            let by_url = answer.path.as_ref().is_some_and(|(p, values)| {
                *p == get.path && values.last().is_some_and(|v| v.eq_ignore_ascii_case(key))
            });
            if by_url || has_key(body, names, key) {
                let mut entity = body.clone();
                if let Some(object) = entity.as_object_mut() {
                    object.retain(|n, _| !n.starts_with("@odata.context"));
                    object.entry("id").or_insert_with(|| Value::String(key.to_string()));
                }
                return (Some(entity), true);
            }
        }
    }
    if let Routing::Found(list) = graph.route(Method::Get, collection, Ask::default()) {
        for answer in graph.answers(list.op) {
            let Some(items) = answer_items(&answer.body) else {
                continue;
            };
            known |= !items.is_empty();
            if let Some(item) = items.iter().find(|i| has_key(i, names, key)) {
                return (Some(item.clone()), true);
            }
        }
    }
    (None, known)
}

fn answer_items(body: &AnswerBody) -> Option<&Vec<Value>> {
    match body {
        AnswerBody::Json(v) => v.get("value")?.as_array(),
        _ => None,
    }
}
