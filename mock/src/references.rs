//! `$ref` with state on: `POST {collection}/$ref` adds the entity its
//! `@odata.id` names to the collection (`/groups/{id}/members`), `PUT
//! {single}/$ref` sets a single-valued navigation property
//! (`/users/{id}/manager`), and `DELETE {collection}/{id}/$ref` or `DELETE
//! {single}/$ref` removes the reference. The entity referenced is stored at
//! the reference's path as the state holds it (else as the docs show it,
//! else as its id alone), so a later GET of the collection or property and
//! `$expand` of it give what was referenced.

use crate::error::ODataError;
use crate::route::{canonical_path, escape_segment};
use crate::state::Store;
use generator::plan::matcher::split_url;
use generator::schema::Method;
use serde_json::{json, Value};

/// Applies a `$ref` request to the state. `at` is the path before `/$ref`;
/// `documented` gives the object the docs answer a GET of a path with.
pub(crate) fn apply(
    store: &mut Store,
    method: Method,
    at: &str,
    sent: Option<&Value>,
    documented: impl Fn(&str) -> Option<Value>,
) -> Result<(), ODataError> {
    match method {
        Method::Post | Method::Put => {
            let (path, id) = referenced(sent)?;
            let entity = entity(store, &path, &id, documented);
            let key = match method {
                Method::Post => format!("{at}/{}", escape_segment(&id)),
                _ => at.to_string(),
            };
            store.put(&key, entity);
            Ok(())
        }
        Method::Delete if store.delete(at) => Ok(()),
        Method::Delete => Err(ODataError::new(
            404,
            "Request_ResourceNotFound",
            format!("`{at}` holds no reference"),
        )),
        _ => Ok(()),
    }
}

/// The path and id of the entity a reference body names
/// (`{"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}"}`).
fn referenced(sent: Option<&Value>) -> Result<(String, String), ODataError> {
    let bad = || {
        let mut error = ODataError::new(
            400,
            "BadRequest",
            "a reference is a JSON object with `@odata.id`, the URL of the entity referenced",
        );
        error.target = Some("@odata.id".into());
        error
    };
    let url = sent
        .and_then(|v| v.get("@odata.id"))
        .and_then(Value::as_str)
        .ok_or_else(bad)?;
    let path = canonical_path(split_url(url).0);
    let id = path.rsplit('/').next().filter(|id| !id.is_empty()).ok_or_else(bad)?;
    let id = percent_encoding::percent_decode_str(id)
        .decode_utf8_lossy()
        .into_owned();
    Ok((path, id))
}

/// The entity referenced: the state's at its path, else the state's with
/// that id anywhere, else the documented one when it has that id, else the
/// id alone.
fn entity(store: &Store, path: &str, id: &str, documented: impl Fn(&str) -> Option<Value>) -> Value {
    let has_id = |v: &Value| {
        v.get("id")
            .and_then(Value::as_str)
            .is_some_and(|i| i.eq_ignore_ascii_case(id))
    };
    if let Some(found) = store.get(path) {
        return found.clone();
    }
    if let Some(found) = store.find_id(id) {
        return found.clone();
    }
    match documented(path) {
        Some(found) if has_id(&found) => found,
        _ => json!({ "id": id }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_names_the_path_and_id_of_its_entity() {
        let sent = json!({"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/a%2Fb"});
        assert_eq!(
            referenced(Some(&sent)).unwrap(),
            ("/directoryObjects/a%2Fb".to_string(), "a/b".to_string())
        );
        let error = referenced(Some(&json!({"id": "x"}))).unwrap_err();
        assert_eq!(error.status, 400);
    }

    #[test]
    fn an_added_reference_is_stored_below_the_collection_and_removed_again() {
        let mut store = Store::default();
        store.put("/users/u1", json!({"id": "u1", "displayName": "Ada"}));
        let sent = json!({"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/u1"});
        apply(&mut store, Method::Post, "/groups/g1/members", Some(&sent), |_| None).unwrap();
        assert_eq!(store.get("/groups/g1/members/u1").unwrap()["displayName"], "Ada");
        apply(&mut store, Method::Put, "/users/u2/manager", Some(&sent), |_| None).unwrap();
        assert_eq!(store.get("/users/u2/manager").unwrap()["id"], "u1");
        apply(&mut store, Method::Delete, "/groups/g1/members/u1", None, |_| None).unwrap();
        assert!(store.get("/groups/g1/members/u1").is_none());
        let error = apply(&mut store, Method::Delete, "/groups/g1/members/u1", None, |_| None).unwrap_err();
        assert_eq!(error.status, 404);
        let unknown = json!({"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/zz"});
        apply(&mut store, Method::Post, "/groups/g1/members", Some(&unknown), |_| None).unwrap();
        assert_eq!(store.get("/groups/g1/members/zz").unwrap(), &json!({"id": "zz"}));
    }
}
