//! Operations of one page: one route candidate per method the page
//! documents, with its documented paths and the examples matched to the path
//! they use. Candidates are merged into routes by `route_identity` and
//! named by `route_names`.

use super::model::{Answer, Field, Op, OpExample, OpPath, Ty};
use crate::naming::{self, NameSet};
use crate::schema::{
    Method, Operation, OperationKind, Page, PathTemplate, Piece, Primitive, RequestLine, Segment, TypeRef,
};

/// One page's operation for one method, before merging and naming.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The route as its page documents it (`rust_name` not yet set).
    pub op: Op,
    /// The documented request lines, in page order.
    pub requests: Vec<RequestLine>,
    /// Body rows of a page that names no body type: the route's own model.
    pub body_fields: Option<Vec<Field>>,
}

/// Builds the route candidates of one operation page, one per method.
/// `ty` resolves type references; `body_fields` are the body rows of a page
/// that names no body type.
pub fn ops_of_page(
    page: &Page,
    op: &Operation,
    body_fields: Option<&Vec<Field>>,
    ty: &dyn Fn(&crate::schema::TypeRef) -> Option<Ty>,
) -> Vec<Candidate> {
    let mut methods: Vec<Method> = Vec::new();
    for r in &op.requests {
        if !methods.contains(&r.method) {
            methods.push(r.method);
        }
    }
    let mut out = Vec::new();
    for (i, method) in methods.iter().enumerate() {
        let requests: Vec<&RequestLine> = op.requests.iter().filter(|r| r.method == *method).collect();
        let paths = paths(&requests);
        let has_body = matches!(method, Method::Post | Method::Patch | Method::Put);
        let content = requests.iter().all(|r| addresses_content(&r.path));
        let raw_request = has_body && content;
        let page_response = page_response(op);
        let stream = page_response == Some(TypeRef::Primitive(Primitive::Stream));
        let raw_response = stream
            || *method == Method::Get && (content || op.response.as_ref().is_some_and(|r| r.status == Some(302)));
        let body = if has_body && !raw_request {
            op.request_body_type.as_ref().and_then(ty)
        } else {
            None
        };
        let response = if raw_response {
            None
        } else {
            page_response.as_ref().and_then(ty)
        };
        // One primitive value is answered inside `{"value": ...}`.
        let answer = if matches!(response, Some(Ty::Primitive(_))) {
            Answer::Value
        } else {
            Answer::Body
        };
        let (workload, feature) = workload(requests.iter().copied());
        let examples = examples_of(page, op, *method, &paths, has_body);
        let op = Op {
            rust_name: String::new(),
            aliases: Vec::new(),
            workload,
            feature,
            title: op.name.clone(),
            kind: if i == 0 {
                op.kind
            } else {
                kind_of_method(*method, op.kind)
            },
            method: *method,
            description: op.description.clone().unwrap_or_default(),
            guidance: Vec::new(),
            permissions: op.permissions.clone(),
            headers: op
                .request_headers
                .iter()
                .filter(|h| !h.name.eq_ignore_ascii_case("authorization"))
                .cloned()
                .collect(),
            api_version: op.api_version,
            paths,
            body,
            body_kind: None,
            response,
            raw_request,
            raw_response,
            status: op.response.as_ref().and_then(|r| r.status),
            answer,
            odata_query: op.odata_query
                || matches!(op.kind, OperationKind::List | OperationKind::Get) && *method == Method::Get,
            query_item: None,
            query_options: if *method == Method::Get {
                op.query_options.clone()
            } else {
                Vec::new()
            },
            sources: vec![page.file.clone()],
            examples,
        };
        let takes_json = has_body && !raw_request;
        out.push(Candidate {
            body_fields: body_fields.filter(|_| takes_json && op.body.is_none()).cloned(),
            requests: requests.into_iter().cloned().collect(),
            op,
        });
    }
    out
}

/// The page's examples of `method`, each with the documented path it
/// matches (and the values it gives the path's placeholders), its request
/// body where the method takes one, and its response body.
fn examples_of(page: &Page, op: &Operation, method: Method, paths: &[OpPath], has_body: bool) -> Vec<OpExample> {
    op.examples
        .iter()
        .filter_map(|e| {
            let request = e.request.as_ref().filter(|r| r.method == method)?;
            Some(OpExample {
                path: example_path(paths, &request.path, request.query.as_deref()),
                url_path: request.path.clone(),
                url_query: request.query.clone(),
                request_body: if has_body {
                    request.body.as_ref().and_then(|b| b.json().cloned())
                } else {
                    None
                },
                response_body: e
                    .response
                    .as_ref()
                    .and_then(|r| r.body.as_ref())
                    .and_then(|b| b.json().cloned()),
                source: page.file.clone(),
                line: request.line,
            })
        })
        .collect()
}

/// The page's response type; a primitive named by its bare name (`a
/// String`, `a Stream`) is that primitive.
fn page_response(op: &Operation) -> Option<TypeRef> {
    op.response.as_ref().and_then(|r| r.body.as_ref()).map(|t| match t {
        TypeRef::Named(n) => Primitive::from_edm(n).map_or_else(|| t.clone(), TypeRef::Primitive),
        other => other.clone(),
    })
}

/// The workload of a route (module and feature): the first segment of its
/// paths. `/me` is the signed-in user, `/users/{id}` navigated to, so its
/// routes are in `users` (an app-only daemon reads a user's mail there);
/// the first path not under `/me` decides.
pub(super) fn workload<'a>(requests: impl Iterator<Item = &'a RequestLine>) -> (String, String) {
    let roots: Vec<&str> = requests
        .filter_map(|r| {
            r.path.segments.iter().find_map(|s| match s {
                Segment::Literal { name } => Some(name.as_str()),
                _ => None,
            })
        })
        .collect();
    let root = match roots.iter().find(|r| !r.eq_ignore_ascii_case("me")) {
        Some(root) => root,
        None if roots.is_empty() => "root",
        None => "users",
    };
    (naming::module_name(root), naming::feature_name(root))
}

/// Whether a path addresses a stream's content (`.../content`, `.../$value`).
pub(super) fn addresses_content(path: &PathTemplate) -> bool {
    match path.segments.last() {
        Some(Segment::System { name }) => name == "$value",
        Some(Segment::Literal { name }) => name.eq_ignore_ascii_case("content"),
        _ => false,
    }
}

fn kind_of_method(method: Method, fallback: OperationKind) -> OperationKind {
    match method {
        Method::Patch | Method::Put => OperationKind::Update,
        Method::Delete => OperationKind::Delete,
        _ => fallback,
    }
}

/// The documented paths, with their parameters.
pub(super) fn paths(requests: &[&RequestLine]) -> Vec<OpPath> {
    requests
        .iter()
        .map(|r| OpPath {
            template: r.path.template.clone(),
            segments: r.path.segments.clone(),
            query: r.path.query_params.clone(),
            params: params(&r.path),
            item_paths: item_paths(&r.path),
        })
        .collect()
}

/// Indexes of placeholders right after a segment ending in `:`
/// (`root:/{item-path}:`).
fn item_paths(path: &PathTemplate) -> Vec<usize> {
    let mut out = Vec::new();
    let mut index = 0;
    let mut after_colon = false;
    for segment in &path.segments {
        let count = segment.params().len();
        if after_colon {
            out.extend(index..index + count);
        }
        index += count;
        after_colon = match segment {
            Segment::Literal { name } => name.ends_with(':'),
            Segment::Mixed { pieces } => matches!(pieces.last(), Some(Piece::Text(t)) if t.ends_with(':')),
            _ => false,
        };
    }
    out
}

fn params(path: &PathTemplate) -> Vec<(String, String)> {
    let mut names = NameSet::new();
    path.parameters()
        .into_iter()
        .map(|p| (p.name.clone(), names.claim(&naming::field_name(&p.name))))
        .collect()
}

/// The first of `paths` an example's URL (path and query as written) uses,
/// with the values of its placeholders in `params` order: matched exactly
/// by the runtime's matcher ([`bind`](crate::matcher::bind)). `None`
/// if the example uses another path or a value cannot be told.
pub(super) fn example_path(paths: &[OpPath], url_path: &str, url_query: Option<&str>) -> Option<(usize, Vec<String>)> {
    let parts: Vec<&str> = url_path.split('/').filter(|s| !s.is_empty()).collect();
    paths
        .iter()
        .enumerate()
        .find_map(|(i, p)| crate::matcher::bind(&p.pattern(), &parts, url_query).map(|v| (i, v)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::path::parse_request_line;

    fn op_path(line: &str) -> OpPath {
        let (_, path) = parse_request_line(line, 1).unwrap();
        OpPath {
            template: path.template.clone(),
            segments: path.segments.clone(),
            query: path.query_params.clone(),
            params: params(&path),
            item_paths: item_paths(&path),
        }
    }

    /// An example binds to the first path it uses; the template's query
    /// (`startDateTime={start}`) reaches the matcher through
    /// [`OpPath::pattern`]. The matcher's own cases are in
    /// `runtime/support/matcher_cases.rs`.
    #[test]
    fn examples_bind_to_the_first_path_they_use() {
        let paths = [
            op_path("GET /groups/{id}/events/{id}"),
            op_path("GET /me/calendarView?startDateTime={start}&endDateTime={end}"),
            op_path("GET /me/drive/root:/{item-path}:/children"),
            op_path("GET /me/calendarView?$filter=x"),
        ];
        assert_eq!(
            paths[1].pattern(),
            "/me/calendarView?startDateTime={start}&endDateTime={end}"
        );
        let bound = |url: &str, query: Option<&str>| example_path(&paths, url, query);
        assert_eq!(
            bound("/groups/g1/events/e1", None),
            Some((0, vec!["g1".to_string(), "e1".to_string()]))
        );
        assert_eq!(bound("/users/g1/events/e1", None), None);
        assert_eq!(
            bound(
                "/me/calendarView",
                Some("startDateTime=2017-01-01T19:00:00-08:00&endDateTime=2017-01-07T19:00:00-08:00")
            ),
            Some((
                1,
                vec![
                    "2017-01-01T19:00:00-08:00".to_string(),
                    "2017-01-07T19:00:00-08:00".to_string()
                ]
            ))
        );
        assert_eq!(
            bound("/me/drive/root:/Documents:/children", None),
            Some((2, vec!["Documents".to_string()]))
        );
        // A query of anything but placeholders binds no example.
        assert_eq!(bound("/me/calendarView", Some("$filter=x")), None);
    }
}
