//! Delta queries with state on: the first round of `GET /users/delta()` is
//! the documented answer with what the state holds merged in, ending in an
//! `@odata.deltaLink` back to this server; following that link gives what
//! changed in the collection since (created and changed entities as they
//! are, removed ones as `{"id", "@removed": {"reason": "deleted"}}`) and a
//! new `deltaLink`, as Graph's delta rounds go. The link keeps the round's
//! query options (`$select`, `$filter`, `$expand`, ...), so each later round
//! is shaped as the first one was; paging and token options are left out.

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
        let link = format!("{link_base}?{}$deltatoken={}", kept_options(query), store.version());
        object.insert("@odata.deltaLink".into(), Value::String(link));
    }
    Ok(body)
}

/// The options of a delta round's query that its `deltaLink` keeps, as
/// sent, each followed by `&`: all but the token and paging ones.
fn kept_options(query: Option<&str>) -> String {
    const LEFT_OUT: [&str; 4] = ["$deltatoken", "$skiptoken", "$skip", "$top"];
    query
        .unwrap_or("")
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter(|pair| {
            let name = pair.split('=').next().unwrap_or(pair);
            let name = percent_encoding::percent_decode_str(name).decode_utf8_lossy();
            !LEFT_OUT.iter().any(|n| n.eq_ignore_ascii_case(&name))
        })
        .map(|pair| format!("{pair}&"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::kept_options;

    #[test]
    fn a_delta_link_keeps_the_shaping_options_and_drops_tokens_and_paging() {
        assert_eq!(kept_options(None), "");
        assert_eq!(
            kept_options(Some("$select=displayName,jobTitle&$deltatoken=3&%24skiptoken=x&$top=2")),
            "$select=displayName,jobTitle&"
        );
        assert_eq!(
            kept_options(Some("$filter=id%20eq%20%27a%27&$expand=manager")),
            "$filter=id%20eq%20%27a%27&$expand=manager&"
        );
    }
}
