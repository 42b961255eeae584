//! Delta queries with state on: the first round of `GET /users/delta()` is
//! the documented answer with what the state holds merged in, ending in an
//! `@odata.deltaLink` back to this server; following that link gives what
//! changed in the collection since (created and changed entities as they
//! are, removed ones as `{"id", "@removed": {"reason": "deleted"}}`) and a
//! new `deltaLink`, as Graph's delta rounds go.

use crate::error::ODataError;
use crate::graph::Graph;
use crate::paging::pairs;
use crate::route::Routed;
use crate::state::Store;
use generator::schema::Segment;
use serde_json::Value;

/// Whether the routed path is a delta function (`/users/delta()`).
pub(crate) fn is_delta(graph: &Graph, routed: &Routed) -> bool {
    let path = &graph.operations()[routed.op].paths[routed.path];
    match path.segments.last() {
        Some(Segment::Call { name, .. } | Segment::Literal { name }) => name.eq_ignore_ascii_case("delta"),
        _ => false,
    }
}

/// The answer to a delta round on `path` (`/users/delta()`): changes since
/// the query's `$deltatoken`, or, without one, the documented first round
/// (`documented`) with the state merged in.
pub(crate) fn answer(
    store: &Store,
    path: &str,
    query: Option<&str>,
    documented: Option<Value>,
    link_base: &str,
) -> Result<Value, ODataError> {
    let collection = path.rsplit_once('/').map_or("", |(c, _)| c);
    let token = pairs(query)
        .into_iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("$deltatoken"));
    let mut body = match token {
        Some((_, token)) => {
            let since = token
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|since| *since <= store.version())
                .ok_or_else(|| {
                    let mut error = ODataError::new(
                        400,
                        "BadRequest",
                        format!("`{token}` is not a delta token this server gave; start again without one"),
                    );
                    error.target = Some("$deltatoken".into());
                    error
                })?;
            serde_json::json!({ "value": store.changed_since(collection, since) })
        }
        None => {
            let mut body = documented
                .filter(|v| v.get("value").is_some_and(Value::is_array))
                .unwrap_or_else(|| serde_json::json!({ "value": [] }));
            store.merge_children(&mut body, collection);
            body
        }
    };
    if let Some(object) = body.as_object_mut() {
        object.remove("@odata.nextLink");
        let link = format!("{link_base}?$deltatoken={}", store.version());
        object.insert("@odata.deltaLink".into(), Value::String(link));
    }
    Ok(body)
}
