//! Route identity: a route is one documented (method, path set) operation.
//! Candidates (one per page and method) that document the same request line,
//! paths compared up to parameter names and letter case, merge into one
//! route whose facts are the union of its pages' facts. The page whose
//! resource matches the path is the primary: its title, summary and types
//! lead. Every merge that drops or overrides a fact says so.

use super::model::{Field, Op, Ty};
use super::ops::{self, Candidate};
use crate::diagnostic::{Diagnostic, Severity};
use crate::schema::{ApiVersion, Header, Piece, RequestLine, Segment};
use std::collections::{BTreeMap, BTreeSet};

/// A merged route, not yet named.
#[derive(Debug, Clone)]
pub struct Route {
    pub op: Op,
    pub requests: Vec<RequestLine>,
    pub body_fields: Option<Vec<Field>>,
    /// The page whose body rows make `body_fields`.
    pub body_source: String,
}

/// The identity of a request line: method and path with every placeholder
/// reduced to `{}` and letters lower-cased (Graph paths are case-insensitive).
pub fn request_key(line: &RequestLine) -> String {
    let mut key = format!("{} {}", line.method.as_str(), template_key(&line.path.template));
    if let Some(q) = &line.path.query {
        key.push('?');
        key.push_str(&template_key(q));
    }
    key
}

/// A path template (or its query) with every placeholder reduced to `{}`
/// and letters lower-cased: `/users/{id | userPrincipalName}` and
/// `/Users/{user-id}` are the same.
pub fn template_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    let mut depth = 0i32;
    for c in text.chars() {
        match c {
            '{' => {
                depth += 1;
                if depth == 1 {
                    key.push_str("{}");
                }
            }
            '}' => depth -= 1,
            _ if depth > 0 => {}
            c => key.extend(c.to_lowercase()),
        }
    }
    key
}

/// Builds routes from candidates: each request line belongs to the route of
/// its primary page (the one whose resource the path addresses best, ties
/// by file name); a page that is primary for some request lines makes a
/// route of them. Every other page documenting one of those lines joins
/// that route's facts, so a page that lists requests of many resources
/// (an open extension created on messages, events and contacts) adds to
/// each of their routes without gluing them into one. Sorted by their first
/// request key. `parent` gives the base type of a model (by Rust name).
pub fn merge(candidates: Vec<Candidate>, models: &Models, diagnostics: &mut Vec<Diagnostic>) -> Vec<Route> {
    // Each candidate's request keys, in the order of its lines.
    let keys: Vec<Vec<String>> = candidates
        .iter()
        .map(|c| c.requests.iter().map(request_key).collect())
        .collect();
    // The primary candidate of every request key, and a line written so.
    let mut documented: BTreeMap<&str, (Vec<usize>, &RequestLine)> = BTreeMap::new();
    for (i, c) in candidates.iter().enumerate() {
        for (key, line) in keys[i].iter().zip(&c.requests) {
            let (docs, _) = documented.entry(key).or_insert((Vec::new(), line));
            if !docs.contains(&i) {
                docs.push(i);
            }
        }
    }
    let mut owner: BTreeMap<&str, usize> = BTreeMap::new();
    for (key, (docs, line)) in &documented {
        let targets: BTreeSet<String> = target(line).into_iter().collect();
        let primary = docs
            .iter()
            .copied()
            .min_by_key(|&i| {
                let c = &candidates[i];
                (
                    primary_rank(c, &targets),
                    c.op.sources[0].clone(),
                    c.op.title.clone(),
                    i,
                )
            })
            .expect("a key has a page");
        owner.insert(key, primary);
    }
    // One group per primary candidate (or per candidate without request
    // lines): the primary first, then each page that documents one of its
    // lines, with only those lines.
    let mut groups: BTreeMap<usize, Vec<Candidate>> = BTreeMap::new();
    for (i, c) in candidates.iter().enumerate() {
        if c.requests.is_empty() {
            groups.entry(i).or_default().push(c.clone());
            continue;
        }
        let route_of: Vec<usize> = keys[i].iter().map(|k| owner[k.as_str()]).collect();
        let mut routes = route_of.clone();
        routes.sort_unstable();
        routes.dedup();
        for route in routes {
            let mut part = c.clone();
            part.requests = c
                .requests
                .iter()
                .zip(&route_of)
                .filter(|(_, r)| **r == route)
                .map(|(line, _)| line.clone())
                .collect();
            let group = groups.entry(route).or_default();
            if route == i {
                group.insert(0, part);
            } else {
                group.push(part);
            }
        }
    }
    let mut routes: Vec<Route> = groups
        .into_values()
        .map(|group| merge_group(group, models, diagnostics))
        .collect();
    routes.sort_by_cached_key(|r| r.requests.iter().map(request_key).min());
    routes
}

/// How well a page's file name matches the resource the paths address
/// (lower is better): `user-list.md` for `GET /users` beats
/// `intune-devices-user-list.md`.
fn primary_rank(c: &Candidate, targets: &BTreeSet<String>) -> u8 {
    let file = c.op.sources[0].rsplit('/').next().unwrap_or_default();
    let stem = file.split('.').next().unwrap_or_default().to_ascii_lowercase();
    let resource = stem
        .rsplit_once('-')
        .map(|(head, _)| head)
        .unwrap_or(&stem)
        .replace('-', "");
    let ty = |t: &Option<Ty>| match t {
        Some(Ty::Model(m)) => Some(m.to_ascii_lowercase()),
        Some(Ty::Collection(inner)) => match inner.as_ref() {
            Ty::Model(m) => Some(m.to_ascii_lowercase()),
            _ => None,
        },
        _ => None,
    };
    if targets.contains(&resource) {
        0
    } else if targets
        .iter()
        .any(|t| stem.ends_with(&format!("-{t}")) || stem.contains(&format!("-{t}-")))
    {
        1
    } else if ty(&c.op.response)
        .or(ty(&c.op.body))
        .is_some_and(|t| targets.contains(&t))
    {
        2
    } else {
        3
    }
}

/// The resource a path addresses: its last plain segment, singular, lower
/// case without separators (`/users/{id}/messages` -> `message`).
fn target(line: &RequestLine) -> Option<String> {
    line.path.segments.iter().rev().find_map(|s| match s {
        Segment::Literal { name } => Some(crate::naming::singular(name).to_ascii_lowercase()),
        Segment::Mixed { pieces } => pieces.iter().find_map(|p| match p {
            Piece::Text(t) => Some(t.trim_matches(':').to_ascii_lowercase()),
            _ => None,
        }),
        _ => None,
    })
}

/// What merging asks of the models, by Rust name.
pub struct Models<'a> {
    /// A model's base type.
    pub parent: &'a dyn Fn(&str) -> Option<String>,
    /// Whether a model has a field of the wire name of every field given.
    pub has_fields: &'a dyn Fn(&str, &[Field]) -> bool,
}

fn merge_group(mut group: Vec<Candidate>, models: &Models, diagnostics: &mut Vec<Diagnostic>) -> Route {
    // The primary leads; the pages joining it in a stable order.
    let targets: BTreeSet<String> = group[0].requests.iter().filter_map(target).collect();
    group[1..].sort_by_cached_key(|c| (primary_rank(c, &targets), c.op.sources[0].clone(), c.op.title.clone()));
    let mut group = group.into_iter();
    let first = group.next().expect("a group has a candidate");
    let mut route = Route {
        body_source: first.op.sources[0].clone(),
        op: first.op,
        requests: first.requests,
        body_fields: first.body_fields,
    };
    let primary = route.op.sources[0].clone();
    let mut keys: BTreeSet<String> = route.requests.iter().map(request_key).collect();
    for c in group {
        let file = c.op.sources[0].clone();
        let line = c.requests.first().map_or(1, |r| r.path.line);
        let note = |severity: Severity, code: &str, message: String| {
            Diagnostic::new(file.clone(), line, severity, code, message)
        };
        let op = &mut route.op;
        diagnostics.push(note(
            Severity::Note,
            "route-merged",
            format!(
                "the page documents `{} {}` again; its facts join the route of `{primary}`",
                c.op.method.as_str(),
                c.requests.first().map_or("", |r| r.path.template.as_str())
            ),
        ));
        for r in &c.requests {
            if keys.insert(request_key(r)) {
                route.requests.push(r.clone());
            }
        }
        for overridden in op.permissions.union(&c.op.permissions) {
            diagnostics.push(note(Severity::Note, "route-merge-override", overridden));
        }
        merge_headers(op, &c.op.headers, &primary, &note, diagnostics);
        op.odata_query |= c.op.odata_query;
        for o in &c.op.query_options {
            if !op.query_options.contains(o) {
                op.query_options.push(*o);
            }
        }
        op.query_options.sort();
        // Beta only when every page documenting the route is beta only.
        if op.api_version == Some(ApiVersion::Beta) {
            op.api_version = c.op.api_version;
        }
        merge_body_and_response(&mut route, &c, models, &note, diagnostics);
        let op = &mut route.op;
        if c.op.raw_request != op.raw_request || c.op.raw_response != op.raw_response {
            diagnostics.push(note(
                Severity::Warning,
                "route-merge-override",
                format!("the page reads the request or response body as bytes where `{primary}` does not (or the reverse); the primary page wins"),
            ));
        }
        if route.body_fields.is_none() && c.body_fields.is_some() && op.body.is_none() {
            route.body_fields = c.body_fields;
            route.body_source = file.clone();
        }
        let description = c.op.description.trim();
        if !description.is_empty()
            && description != op.description.trim()
            && !op.guidance.iter().any(|(_, d)| d == description)
        {
            op.guidance.push((file.clone(), description.to_string()));
        }
        op.examples.extend(c.op.examples);
        op.sources.push(file);
    }
    route.refresh_paths();
    route
}

/// Makes a merged page's diagnostic at its first request line.
type Note<'a> = dyn Fn(Severity, &str, String) -> Diagnostic + 'a;

/// Headers a merged page adds join the route; one it marks required where
/// the primary page `primary` does not (or the reverse) is a note, the
/// primary page winning.
fn merge_headers(op: &mut Op, theirs: &[Header], primary: &str, note: &Note, diagnostics: &mut Vec<Diagnostic>) {
    for h in theirs {
        match op.headers.iter().find(|m| m.name.eq_ignore_ascii_case(&h.name)) {
            None => op.headers.push(h.clone()),
            Some(m) if m.required != h.required => diagnostics.push(note(
                Severity::Note,
                "route-merge-override",
                format!(
                    "header `{}` is {} here but {} on `{primary}`; the primary page wins",
                    h.name,
                    if h.required { "required" } else { "optional" },
                    if m.required { "required" } else { "optional" },
                ),
            )),
            Some(_) => {}
        }
    }
}

/// A merged page's body and response types against the route's (a note
/// where the page's gives way). Body rows of the route's own (its model,
/// made after merging) give way only to a model with every one of their
/// properties (the resource the rows list some of): another page's
/// unrelated body type (extended properties posted on the same path) does
/// not replace them.
fn merge_body_and_response(
    route: &mut Route,
    c: &Candidate,
    models: &Models,
    note: &Note,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let own_rows = match (&route.body_fields, &route.op.body, &c.op.body) {
        (Some(rows), None, Some(Ty::Model(theirs))) => !(models.has_fields)(theirs, rows),
        (Some(_), None, _) => true,
        _ => false,
    };
    if let (true, Some(theirs)) = (own_rows, &c.op.body) {
        diagnostics.push(note(
            Severity::Note,
            "route-merge-override",
            format!(
                "request body `{}` differs from the body rows of `{}`, which the route keeps",
                show(theirs),
                route.body_source
            ),
        ));
    }
    let body = if own_rows { &None } else { &c.op.body };
    for (what, mine, theirs) in [
        ("response", &mut route.op.response, &c.op.response),
        ("request body", &mut route.op.body, body),
    ] {
        if let Some(message) = merge_type(what, mine, theirs, models.parent) {
            diagnostics.push(note(Severity::Note, "route-merge-override", message));
        }
    }
}

impl Route {
    /// Path variants from the route's request lines, and each example
    /// matched to the path it uses.
    pub fn refresh_paths(&mut self) {
        let refs: Vec<&RequestLine> = self.requests.iter().collect();
        self.op.paths = ops::paths(&refs);
        for e in &mut self.op.examples {
            e.path = ops::example_path(&self.op.paths, &e.url_path, e.url_query.as_deref());
        }
    }
}

/// Merges another page's response or body type into the route's: equal
/// types stay, models related by inheritance become their nearest common
/// base (the polymorphic form), anything else keeps the primary's type.
/// Returns a message when a page's type gives way.
fn merge_type(
    what: &str,
    mine: &mut Option<Ty>,
    theirs: &Option<Ty>,
    parent: &dyn Fn(&str) -> Option<String>,
) -> Option<String> {
    match (mine.as_ref(), theirs) {
        (_, None) => None,
        (None, Some(t)) => {
            *mine = Some(t.clone());
            None
        }
        (Some(m), Some(t)) if m == t => None,
        (Some(m), Some(t)) => match common_base(m, t, parent).filter(|base| !is_root(base, parent) || base == m) {
            Some(base) => {
                let message = (&base != m || &base != t).then(|| {
                    format!(
                        "{what} `{}` is read as its base `{}`, the polymorphic form every page's type shares",
                        show(t),
                        show(&base)
                    )
                });
                *mine = Some(base);
                message
            }
            None => Some(format!(
                "{what} `{}` differs from the primary page's `{}`, which the route keeps",
                show(t),
                show(m)
            )),
        },
    }
}

/// A model with no base (`entity`): every entity shares it, so two types
/// meeting only there are unrelated, not forms of one polymorphic type.
fn is_root(t: &Ty, parent: &dyn Fn(&str) -> Option<String>) -> bool {
    match t {
        Ty::Collection(inner) => is_root(inner, parent),
        Ty::Model(m) => parent(m).is_none(),
        _ => false,
    }
}

fn show(t: &Ty) -> String {
    match t {
        Ty::Model(n) | Ty::Enum(n) | Ty::Flags(n) => n.clone(),
        Ty::Primitive(p) => format!("{p:?}"),
        Ty::Collection(inner) => format!("Collection({})", show(inner)),
        Ty::Reference => "Reference".into(),
    }
}

/// The nearest model both types are (collections of collections alike).
pub(super) fn common_base(a: &Ty, b: &Ty, parent: &dyn Fn(&str) -> Option<String>) -> Option<Ty> {
    match (a, b) {
        (Ty::Collection(a), Ty::Collection(b)) => Some(Ty::Collection(Box::new(common_base(a, b, parent)?))),
        (Ty::Model(a), Ty::Model(b)) => {
            let chain = |start: &str| {
                let mut out = vec![start.to_string()];
                while let Some(p) = parent(out.last().expect("non-empty")) {
                    if out.contains(&p) {
                        break;
                    }
                    out.push(p);
                }
                out
            };
            let theirs = chain(b);
            chain(a).into_iter().find(|m| theirs.contains(m)).map(Ty::Model)
        }
        _ => None,
    }
}
