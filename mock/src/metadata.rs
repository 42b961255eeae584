//! Paths no page documents but the metadata defines: with a CSDL document
//! loaded, a request whose path walks through it (`GET /me/ownedObjects`,
//! a navigation property the pages of its year do not show; `POST
//! /groups/{id}/renew`, an action of a page not read) is answered as OData
//! says such a path behaves, rather than 404: a collection's GET lists what
//! the state holds below it (`{"value": []}` without state), a POST to it
//! creates an entity holding what was sent and an id (201), an entity's GET
//! gives what the state holds (404 when it holds nothing; its key alone
//! without state), PATCH, PUT and DELETE answer 204, `$count` the number
//! held; an action (POST) or function (GET) answers what its return type
//! is empty of (204 when it returns nothing); `$ref` adds, sets and removes
//! references (with state on, as [`crate::references`] does); a property
//! reads as empty and is set with 204. An entity read without state and
//! what an operation returns are filled from the pages' first example of
//! their type (`Graph::examples`). The server marks these answers
//! `x-mock-answer: metadata`.

use crate::csdl_index::Metadata;
use crate::error::ODataError;
use crate::graph::AnswerBody;
use crate::graph::Graph;
use crate::route::{decoded_parts, escape_segment};
use crate::state::{self, Store};
use generator::csdl::{Operation, OperationKind as CsdlKind, TypeRef};
use generator::resolve::address::Addressed;
use generator::schema::{Method, OperationKind};
use serde_json::{json, Value};

/// The root of the URLs a reference list gives (`@odata.id`), the service's
/// own as the pages write them.
const SERVICE_ROOT: &str = "https://graph.microsoft.com/v1.0";

/// The id of an entity created without state: nothing keeps it, so one
/// fixed id shaped like those the service hands out.
pub const STATELESS_ID: &str = "00000000-0000-4000-8000-000000000000";

/// What the metadata gives a request: status, headers and body.
pub(crate) type MetadataAnswer = (u16, Vec<(String, String)>, AnswerBody);

/// The status, headers and body the metadata gives a request on `path`
/// (canonical, without the version), or `None` when the path does not walk
/// or the method means nothing there. `store` is the state, when it is on.
/// The status is the one the documented operations nearest the path answer
/// with ([`Graph::documented_near`]), where theirs is not OData's default.
pub(crate) fn answer(
    graph: &Graph,
    metadata: &Metadata,
    method: Method,
    path: &str,
    sent: Option<&Value>,
    store: Option<&mut Store>,
) -> Result<Option<MetadataAnswer>, ODataError> {
    let parts = decoded_parts(path);
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    let Ok((before, addressed)) = metadata.borrow_dependent().walk_sent_from(&parts) else {
        return Ok(None);
    };
    let keyed = matches!(before, Some(Addressed::Collection { .. }));
    let key = parts.last().copied().unwrap_or_default();
    let kind = kind(method, &addressed);
    let example = example_type(method, &addressed, store.is_none()).and_then(|t| graph.example_of(&t));
    let mut store = store;
    let Some((status, mut body)) = default_answer(method, addressed, path, key, keyed, sent, store.as_deref_mut())?
    else {
        return Ok(None);
    };
    // An entity no state holds, or what an operation returns: a documented
    // example of its type, under what the answer already says (its key).
    if let (Some(example), AnswerBody::Json(Value::Object(answer))) = (example, &mut body) {
        let mut filled = example.clone();
        filled.extend(std::mem::take(answer));
        *answer = filled;
    }
    let Some((kind, returns)) = kind else {
        return Ok(Some((status, Vec::new(), body)));
    };
    let Some(near) = graph.documented_near(method, kind, returns, &parts, status) else {
        return Ok(Some((status, Vec::new(), body)));
    };
    Ok(Some(match (near.status, body) {
        (302, _) => {
            let location = near.location.into_iter().map(|l| ("Location".to_string(), l)).collect();
            (302, location, AnswerBody::None)
        }
        (204, _) => (204, Vec::new(), AnswerBody::None),
        // An update the neighbours answer with the entity: what it now is
        // (without state, what was sent, with its key when it has one).
        (status, AnswerBody::None) if kind == OperationKind::Update => {
            let entity = store.and_then(|s| s.get(path).cloned()).unwrap_or_else(|| match keyed {
                true => state::created(sent, key),
                false => sent.cloned().unwrap_or_else(|| json!({})),
            });
            (status, Vec::new(), AnswerBody::Json(entity))
        }
        (status, body) => (status, Vec::new(), body),
    }))
}

/// The entity or complex type whose documented example fills an answer: an
/// entity read without state, a complex property read, what an operation
/// returns when it returns one value of such a type.
fn example_type(method: Method, addressed: &Addressed, stateless: bool) -> Option<String> {
    match addressed {
        Addressed::Entity { entity } if method == Method::Get && stateless => Some(entity.clone()),
        Addressed::Property { ty } if method == Method::Get && !ty.collection && !ty.is_primitive() => {
            Some(ty.name.clone())
        }
        Addressed::Operation { op } => op
            .return_type
            .as_ref()
            .filter(|r| !r.type_ref.collection && !r.type_ref.is_primitive())
            .map(|r| r.type_ref.name.clone()),
        _ => None,
    }
}

/// The kind of documented operation a request is one of, and for an action
/// or function whether it returns something; `None` for `$ref`, `$value`
/// and `$count`, which answer alike everywhere.
fn kind(method: Method, addressed: &Addressed) -> Option<(OperationKind, Option<bool>)> {
    use OperationKind as K;
    Some(match (method, addressed) {
        (_, Addressed::Ref { .. } | Addressed::Value | Addressed::Count) => return None,
        (Method::Get, Addressed::Collection { .. }) => (K::List, None),
        (Method::Get, _) if !matches!(addressed, Addressed::Operation { .. }) => (K::Get, None),
        (Method::Post, Addressed::Collection { .. }) => (K::Create, None),
        (Method::Patch | Method::Put, _) => (K::Update, None),
        (Method::Delete, _) => (K::Delete, None),
        (_, Addressed::Operation { op }) if op.kind == CsdlKind::Function => {
            (K::Function, Some(op.return_type.is_some()))
        }
        (_, Addressed::Operation { op }) => (K::Action, Some(op.return_type.is_some())),
        _ => return None,
    })
}

/// What OData says a request on the path addressed gives.
fn default_answer(
    method: Method,
    addressed: Addressed,
    path: &str,
    key: &str,
    keyed: bool,
    sent: Option<&Value>,
    store: Option<&mut Store>,
) -> Result<Option<(u16, AnswerBody)>, ODataError> {
    Ok(match (method, addressed, store) {
        (Method::Get, Addressed::Collection { .. }, store) => {
            let items: Vec<Value> = store.map_or_else(Vec::new, |s| s.children(path).into_iter().cloned().collect());
            Some((200, AnswerBody::Json(json!({ "value": items }))))
        }
        (Method::Get, Addressed::Count, store) => {
            let collection = path.rsplit_once('/').map_or("", |(c, _)| c);
            let count = store.map_or(0, |s| s.children(collection).len());
            Some((200, AnswerBody::Text(count.to_string())))
        }
        (Method::Post, Addressed::Collection { .. }, Some(store)) => {
            let id = store.new_id();
            let entity = state::created(sent, &id);
            store.put(&format!("{path}/{}", escape_segment(&id)), entity.clone());
            Some((201, AnswerBody::Json(entity)))
        }
        (Method::Post, Addressed::Collection { .. }, None) => {
            Some((201, AnswerBody::Json(state::created(sent, STATELESS_ID))))
        }
        (Method::Get, Addressed::Entity { .. }, Some(store)) => match store.get(path) {
            Some(entity) => Some((200, AnswerBody::Json(entity.clone()))),
            None => {
                return Err(ODataError::new(
                    404,
                    "Request_ResourceNotFound",
                    format!("`{path}` is not in the state (a path the metadata defines; no page documents it)"),
                ))
            }
        },
        (Method::Get, Addressed::Entity { .. }, None) => {
            let entity = if keyed { json!({ "id": key }) } else { json!({}) };
            Some((200, AnswerBody::Json(entity)))
        }
        (Method::Patch, Addressed::Entity { .. }, store) => {
            if let (Some(store), Some(changes)) = (store, sent) {
                store.patch(path, changes);
            }
            Some((204, AnswerBody::None))
        }
        (Method::Put, Addressed::Entity { .. }, store) => {
            if let (Some(store), Some(entity)) = (store, sent) {
                store.put(path, entity.clone());
            }
            Some((204, AnswerBody::None))
        }
        (Method::Delete, Addressed::Entity { .. }, store) => {
            if let Some(store) = store {
                store.delete(path);
            }
            Some((204, AnswerBody::None))
        }
        (method, Addressed::Operation { op }, _) => operation(method, &op),
        (method, Addressed::Ref { collection }, store) => reference(method, path, collection, sent, store)?,
        (Method::Get, Addressed::Value, _) => Some((200, AnswerBody::Text(String::new()))),
        (Method::Put | Method::Delete, Addressed::Value, _) => Some((204, AnswerBody::None)),
        (Method::Get, Addressed::Property { ty }, _) => Some((200, AnswerBody::Json(empty(&ty)))),
        (Method::Patch | Method::Put, Addressed::Property { .. }, _) => Some((204, AnswerBody::None)),
        _ => None,
    })
}

/// An action called with POST or a function with GET: 204 when it returns
/// nothing, else 200 with an empty value of its return type. A function may
/// be called with POST too, as the pages call some (the workbook's
/// `itemAt`, education's `setUpResourcesFolder`) and the service takes them.
fn operation(method: Method, op: &Operation) -> Option<(u16, AnswerBody)> {
    let called = match op.kind {
        CsdlKind::Action => method == Method::Post,
        CsdlKind::Function => matches!(method, Method::Get | Method::Post),
    };
    if !called {
        return None;
    }
    Some(match &op.return_type {
        None => (204, AnswerBody::None),
        Some(r) => (200, AnswerBody::Json(empty(&r.type_ref))),
    })
}

/// An empty value of a type as the service wraps it: `{"value": []}` for a
/// collection, `{}` for an entity or complex value, and a primitive as
/// `{"value": ...}` (its zero; `null` for a type without one).
fn empty(ty: &TypeRef) -> Value {
    if ty.collection {
        return json!({ "value": [] });
    }
    if !ty.is_primitive() {
        return json!({});
    }
    let zero = match ty.name.as_str() {
        "Edm.Boolean" => json!(false),
        "Edm.String" => json!(""),
        "Edm.Int16" | "Edm.Int32" | "Edm.Int64" | "Edm.Byte" | "Edm.SByte" | "Edm.Double" | "Edm.Single"
        | "Edm.Decimal" => json!(0),
        _ => Value::Null,
    };
    json!({ "value": zero })
}

/// `$ref` of a navigation property: POST to a collection's adds, PUT to a
/// single one's sets, DELETE removes (204 each), GET lists the references
/// held; with state on the references are kept ([`crate::references`]).
fn reference(
    method: Method,
    path: &str,
    collection: bool,
    sent: Option<&Value>,
    store: Option<&mut Store>,
) -> Result<Option<(u16, AnswerBody)>, ODataError> {
    let at = path.strip_suffix("/$ref").unwrap_or(path);
    let allowed = match method {
        Method::Post => collection,
        Method::Put => !collection,
        Method::Delete | Method::Get => true,
        _ => false,
    };
    if !allowed {
        return Ok(None);
    }
    if method == Method::Get {
        let items: Vec<Value> = store.map_or_else(Vec::new, |s| {
            s.children(at)
                .into_iter()
                .filter_map(|e| e.get("id").and_then(Value::as_str))
                .map(|id| json!({ "@odata.id": format!("{SERVICE_ROOT}{at}/{}", escape_segment(id)) }))
                .collect()
        });
        return Ok(Some((200, AnswerBody::Json(json!({ "value": items })))));
    }
    if let Some(store) = store {
        crate::references::apply(store, method, at, sent, |_| None)?;
    }
    Ok(Some((204, AnswerBody::None)))
}
