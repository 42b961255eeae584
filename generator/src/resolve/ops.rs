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
                path: paths
                    .iter()
                    .enumerate()
                    .find_map(|(i, p)| match_path(p, &request.path, request.query.as_deref()).map(|v| (i, v))),
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

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

/// Splits call arguments on commas outside quotes.
fn split_arguments(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, c) in text.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            ',' if !quoted => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if !text.is_empty() {
        out.push(&text[start..]);
    }
    out
}

/// Matches written text against template pieces, capturing the values of
/// the placeholders (a quoted one without its quotes, `''` undone).
fn match_pieces(pieces: &[Piece], mut text: &str) -> Option<Vec<String>> {
    let mut values = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Text(t) => text = strip_prefix_ci(text, t)?,
            Piece::Quoted(_) => {
                let rest = text.strip_prefix('\'')?;
                let mut end = None;
                let bytes = rest.as_bytes();
                let mut j = 0;
                while j < bytes.len() {
                    if bytes[j] == b'\'' {
                        if bytes.get(j + 1) == Some(&b'\'') {
                            j += 2;
                            continue;
                        }
                        end = Some(j);
                        break;
                    }
                    j += 1;
                }
                let end = end?;
                values.push(rest[..end].replace("''", "'"));
                text = &rest[end + 1..];
            }
            Piece::Param(_) => {
                let end = match pieces.get(i + 1) {
                    Some(Piece::Text(next)) => text.find(next.as_str())?,
                    Some(_) => return None,
                    None => text.len(),
                };
                if end == 0 {
                    return None;
                }
                values.push(text[..end].to_string());
                text = &text[end..];
            }
        }
    }
    text.is_empty().then_some(values)
}

/// Matches an example URL against a path, returning the values of its
/// parameters in `params` order: from the path's segments, then from the
/// example's query for `name={placeholder}` pairs. `None` if the example
/// uses another path or a value cannot be told.
pub fn match_path(path: &OpPath, example: &str, example_query: Option<&str>) -> Option<Vec<String>> {
    let parts: Vec<&str> = example.trim_matches('/').split('/').filter(|s| !s.is_empty()).collect();
    match_parts(path, &parts, example_query)
}

/// [`match_path`] over a path already split into segments (and decoded
/// segment by segment, so an encoded `/` stays inside its segment).
pub fn match_parts<S: AsRef<str>>(path: &OpPath, parts: &[S], example_query: Option<&str>) -> Option<Vec<String>> {
    let parts: Vec<&str> = parts.iter().map(AsRef::as_ref).collect();
    if parts.len() != path.segments.len() {
        return None;
    }
    let mut values = Vec::new();
    for (segment, part) in path.segments.iter().zip(&parts) {
        match segment {
            Segment::Literal { name } if name.eq_ignore_ascii_case(part) => {}
            Segment::Cast { type_name } if type_name.eq_ignore_ascii_case(part) => {}
            Segment::System { name } if name == part => {}
            Segment::Key { .. } => values.push(part.to_string()),
            Segment::Mixed { pieces } => values.extend(match_pieces(pieces, part)?),
            Segment::Call { name, arguments } => {
                let inner = strip_prefix_ci(part, name)?.strip_prefix('(')?.strip_suffix(')')?;
                let written = split_arguments(inner);
                if written.len() != arguments.len() {
                    return None;
                }
                for (argument, text) in arguments.iter().zip(written) {
                    let text = match &argument.name {
                        Some(n) => strip_prefix_ci(text.trim(), n)?
                            .trim_start()
                            .strip_prefix('=')?
                            .trim_start(),
                        None => text.trim(),
                    };
                    values.extend(match_pieces(&argument.value, text)?);
                }
            }
            _ => return None,
        }
    }
    let pairs: Vec<(&str, &str)> = example_query
        .unwrap_or("")
        .split('&')
        .filter_map(|p| p.split_once('='))
        .collect();
    for argument in &path.query {
        let [Piece::Param(_)] = argument.value.as_slice() else {
            return None;
        };
        let name = argument.name.as_deref()?;
        let (_, value) = pairs.iter().find(|(n, _)| n.eq_ignore_ascii_case(name))?;
        values.push(
            percent_encoding::percent_decode_str(value)
                .decode_utf8_lossy()
                .into_owned(),
        );
    }
    Some(values)
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

    #[test]
    fn examples_match_calls_mixed_segments_and_queries() {
        let p = op_path(
            "GET /identityGovernance/accessReviews/definitions/{id}/instances/filterByCurrentUser(on='{value}')",
        );
        assert_eq!(
            match_path(
                &p,
                "/identityGovernance/accessReviews/definitions/abc/instances/filterByCurrentUser(on='reviewer')",
                None
            ),
            Some(vec!["abc".to_string(), "reviewer".to_string()])
        );
        let p = op_path("GET /me/drive/root:/{item-path}:/children");
        assert_eq!(
            match_path(&p, "/me/drive/root:/Documents:/children", None),
            Some(vec!["Documents".to_string()])
        );
        let p = op_path("GET /me/calendarView?startDateTime={start}&endDateTime={end}");
        assert_eq!(
            match_path(
                &p,
                "/me/calendarView",
                Some("startDateTime=2017-01-01T19:00:00-08:00&endDateTime=2017-01-07T19:00:00-08:00")
            ),
            Some(vec![
                "2017-01-01T19:00:00-08:00".to_string(),
                "2017-01-07T19:00:00-08:00".to_string()
            ])
        );
        let p = op_path("GET /groups/{id}/events/{id}");
        assert_eq!(
            match_path(&p, "/groups/g1/events/e1", None),
            Some(vec!["g1".to_string(), "e1".to_string()])
        );
        assert_eq!(match_path(&p, "/users/g1/events/e1", None), None);
    }
}
