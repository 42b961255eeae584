//! Routing a request to its documented operation: the path templates matched
//! exactly by the matcher the example replay binds example URLs with
//! ([`Matcher::find_all`](generator::plan::matcher::Matcher::find_all):
//! casts, `$ref`, `$value`, function parameters, `{id | userPrincipalName}`),
//! the most specific template winning; and, for a path nothing matches, the
//! nearest templates.

use crate::graph::{Answer, AnswerBody, Graph};
use generator::resolve::OpPath;
use generator::schema::{Method, Segment};
use serde_json::Value;
use std::collections::BTreeSet;

/// A request routed to an operation's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routed {
    /// Index into [`Graph::operations`].
    pub op: usize,
    /// Index into the operation's paths.
    pub path: usize,
    /// The parameter values, in the path's `params` order.
    pub values: Vec<String>,
    /// The request path without its type casts (canonical form), when no
    /// page writes them and the path was routed without them
    /// (`/users/microsoft.graph.agentUser/{id}`, a type of a later year, is
    /// `/users/{id}`): what the request addresses, and the state's key.
    pub without_casts: Option<String>,
}

/// What a request asks beyond its method and path, which picks among the
/// operations documenting one path and among an operation's examples.
#[derive(Debug, Clone, Copy, Default)]
pub struct Ask<'a> {
    /// The raw query.
    pub query: Option<&'a str>,
    /// The JSON body.
    pub body: Option<&'a Value>,
    /// The `x-mock-example` header: an example's page (`api/user-get.md`)
    /// or page and line (`api/user-get.md:58`), as the answers name theirs.
    pub example: Option<&'a str>,
    /// The request headers: an example whose request headers (`Prefer:
    /// return=minimal`, `Accept-Language: de`) were all sent is closer.
    pub headers: Option<&'a axum::http::HeaderMap>,
    /// The request path in canonical form ([`canonical_path`]): an example
    /// whose URL is this very path is closer (`roleTemplateId=...` written
    /// where a key also matches).
    pub path: Option<&'a str>,
}

/// What routing found for a method and path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Routing {
    Found(Routed),
    /// The path is documented, for other methods only.
    OtherMethods(Vec<Method>),
    /// Nothing matches; the nearest documented paths (`GET /users/{id}`).
    NotFound(Vec<String>),
}

/// The segments of a request path, split at `/`, empty ones left out.
pub(crate) fn parts(path: &str) -> Vec<&str> {
    path.trim_matches('/').split('/').filter(|s| !s.is_empty()).collect()
}

/// The segments of a path as sent, split first and then each
/// percent-decoded: an encoded `/` (`%2F`) stays inside its segment.
pub fn decoded_parts(path: &str) -> Vec<String> {
    parts(path)
        .into_iter()
        .map(|p| percent_encoding::percent_decode_str(p).decode_utf8_lossy().into_owned())
        .collect()
}

/// Whether two queries are the same once percent-decoded: a documented
/// `$search="displayName:wa"` is sent as `$search=%22displayName:wa%22`.
pub fn same_query(a: Option<&str>, b: Option<&str>) -> bool {
    let decode = |q: Option<&str>| {
        percent_encoding::percent_decode_str(q.unwrap_or(""))
            .decode_utf8_lossy()
            .into_owned()
    };
    let (a, b) = (a.unwrap_or(""), b.unwrap_or(""));
    a == b || decode(Some(a)) == decode(Some(b))
}

/// One segment's text as it stands in a canonical path: `%` and `/`
/// written `%25` and `%2F`, everything else as it is.
pub fn escape_segment(text: &str) -> String {
    text.replace('%', "%25").replace('/', "%2F")
}

/// The canonical form of a path as sent, which routing and the state use:
/// each segment decoded, then written with [`escape_segment`], so
/// `/drives/b%21x/items/a%2Fb.txt` and `/drives/b!x/items/a%2fb.txt` are the
/// same path of four segments.
pub fn canonical_path(path: &str) -> String {
    let segments: Vec<String> = decoded_parts(path).iter().map(|s| escape_segment(s)).collect();
    format!("/{}", segments.join("/"))
}

impl Graph {
    /// Routes a path (no version prefix; split into segments, then each
    /// percent-decoded, so an encoded `/` stays inside its segment), its raw
    /// query, JSON body and chosen example. Among equally specific templates
    /// (one path documented by several operations) the operation with the
    /// closest example wins.
    pub fn route(&self, method: Method, path: &str, ask: Ask) -> Routing {
        let query = ask.query;
        let parts = decoded_parts(path);
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        let mut hits = self.paths.find_all(&parts, query);
        // A type cast no page writes narrows the entities it follows: the
        // request addresses the same ones as the path without it (the
        // planner's matcher reads casts the same way).
        let mut without_casts = None;
        if hits.is_empty() && parts.iter().any(|p| is_cast(p)) {
            let kept: Vec<&str> = parts.iter().copied().filter(|p| !is_cast(p)).collect();
            hits = self.paths.find_all(&kept, query);
            if !hits.is_empty() {
                let segments: Vec<String> = kept.iter().map(|s| escape_segment(s)).collect();
                without_casts = Some(format!("/{}", segments.join("/")));
            }
        }
        let ask = Ask {
            path: without_casts.as_deref().or(ask.path),
            ..ask
        };
        let mut best: Vec<Routed> = Vec::new();
        let mut best_score = 0;
        let mut others = BTreeSet::new();
        for hit in hits {
            let (o, p) = *hit.value;
            let op = &self.schema.operations[o];
            if op.method != method {
                others.insert(op.method);
                continue;
            }
            let score = specificity(&op.paths[p]);
            if best.is_empty() || score > best_score {
                best.clear();
                best_score = score;
            }
            if score == best_score {
                best.push(Routed {
                    op: o,
                    path: p,
                    values: hit.values,
                    without_casts: without_casts.clone(),
                });
            }
        }
        best.sort_by_key(|r| (r.op, r.path));
        let closest = best
            .into_iter()
            .enumerate()
            .max_by_key(|(i, r)| (self.answer_score(r, self.answer(r, ask), ask), std::cmp::Reverse(*i)))
            .map(|(_, r)| r);
        match closest {
            Some(routed) => Routing::Found(routed),
            None if !others.is_empty() => Routing::OtherMethods(others.into_iter().collect()),
            None => Routing::NotFound(self.nearest(method, path, 3)),
        }
    }

    /// The `count` documented paths nearest to a request no route matches
    /// (`GET /users/{id | userPrincipalName}`), ranked as the planner ranks
    /// them ([`Matcher::nearest`](generator::plan::matcher::Matcher::nearest)).
    pub fn nearest(&self, method: Method, path: &str, count: usize) -> Vec<String> {
        let nearest = self.paths.nearest(method.as_str(), path, count);
        nearest.into_iter().map(|(m, t)| format!("{m} {t}")).collect()
    }

    /// The documented answer for a routed request: the example it chose by
    /// `x-mock-example`, else the one whose URL values, query and body are
    /// the request's, else the closest one.
    pub fn answer(&self, routed: &Routed, ask: Ask) -> &Answer {
        let answers = &self.answers[routed.op];
        let mut best = &answers[0];
        let mut best_score = self.answer_score(routed, best, ask);
        for a in &answers[1..] {
            let s = self.answer_score(routed, a, ask);
            if s > best_score {
                best = a;
                best_score = s;
            }
        }
        best
    }

    /// How closely an answer's example is the request: the example chosen,
    /// same parameter values, the very URL path, same path template, same body, a body that fits (see
    /// [`body_fit`]), same query, the example's request headers sent (see
    /// [`headers_fit`]), and a body to send.
    #[allow(clippy::type_complexity)]
    fn answer_score(
        &self,
        routed: &Routed,
        a: &Answer,
        ask: Ask,
    ) -> (bool, bool, bool, bool, bool, (bool, u32), bool, (bool, usize), bool) {
        let Ask {
            query,
            body,
            example,
            headers,
            path,
        } = ask;
        let chosen = example.is_some_and(|e| a.is_named(e));
        let same_path = a.path.as_ref().is_some_and(|(p, _)| *p == routed.path);
        let same_values = a
            .path
            .as_ref()
            .is_some_and(|(p, v)| *p == routed.path && eq_values(v, &routed.values));
        let same_query = same_query(a.url_query.as_deref(), query);
        let same_body = a.request_body.as_ref() == body;
        let fit = body_fit(a.request_body.as_ref(), body);
        let has_body = !matches!(a.body, AnswerBody::None);
        let headers = headers_fit(&a.request_headers, headers);
        let same_url = path.is_some_and(|p| a.path.is_some() && canonical_path(&a.url_path).eq_ignore_ascii_case(p));
        (
            chosen,
            same_values,
            same_url,
            same_path,
            same_body,
            fit,
            same_query,
            headers,
            has_body,
        )
    }
}

/// Whether a segment is a type cast (`microsoft.graph.agentUser`), not a
/// call (`microsoft.graph.delta()`).
fn is_cast(segment: &str) -> bool {
    const CAST: &str = "microsoft.graph.";
    segment.len() > CAST.len()
        && segment.as_bytes()[..CAST.len()].eq_ignore_ascii_case(CAST.as_bytes())
        && !segment.contains('(')
}

/// How well the sent headers fit an example's request headers: whether
/// every one the example sends was sent with its value (names and values
/// compared ignoring case), then how many were.
fn headers_fit(example: &[(String, String)], sent: Option<&axum::http::HeaderMap>) -> (bool, usize) {
    let matched = example
        .iter()
        .filter(|(name, value)| {
            sent.into_iter()
                .flat_map(|h| h.get_all(name.as_str()))
                .filter_map(|v| v.to_str().ok())
                .any(|v| v.trim().eq_ignore_ascii_case(value))
        })
        .count();
    (matched == example.len(), matched)
}

/// How well a request body fits an example's request body: the same
/// `@odata.type` (a POST of an iOS policy gets the iOS example), then the
/// share (in thousandths) of top-level properties both have of those either has.
fn body_fit(example: Option<&Value>, sent: Option<&Value>) -> (bool, u32) {
    let (Some(Value::Object(example)), Some(Value::Object(sent))) = (example, sent) else {
        return (false, 0);
    };
    let odata_type = |o: &serde_json::Map<String, Value>| {
        o.get("@odata.type").and_then(Value::as_str).map(|t| {
            let t = t.trim_start_matches('#').to_ascii_lowercase();
            t.strip_prefix("microsoft.graph.").map(str::to_string).unwrap_or(t)
        })
    };
    let same_type = odata_type(sent).is_some_and(|t| Some(t) == odata_type(example));
    let shared = sent.keys().filter(|k| example.contains_key(*k)).count();
    let either = sent.len() + example.len() - shared;
    let share = match either {
        0 => 0,
        n => (shared * 1000 / n) as u32,
    };
    (same_type, share)
}

fn eq_values(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.eq_ignore_ascii_case(y))
}

/// How many segments of a template are fixed text rather than placeholders:
/// `/users/delta()` beats `/users/{id}`.
fn specificity(path: &OpPath) -> usize {
    path.segments
        .iter()
        .filter(|s| !matches!(s, Segment::Key { .. }))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    include!("../../generator/runtime/support/matcher_cases.rs");

    /// A local Graph of one page per documented request line.
    fn graph_of(lines: &[&str]) -> Graph {
        let lines: Vec<(&str, u16)> = lines.iter().map(|l| (*l, 200)).collect();
        crate::graph::graph_of(&lines)
    }

    #[test]
    fn a_cast_no_page_writes_stands_for_the_path_without_it() {
        let graph = graph_of(&[
            "DELETE /users/{id}",
            "GET /directoryObjects/microsoft.graph.group",
            "GET /directoryObjects",
        ]);
        let route = |method: Method, p: &str| match graph.route(method, p, Ask::default()) {
            Routing::Found(r) => Some((r.values, r.without_casts)),
            _ => None,
        };
        assert_eq!(
            route(Method::Delete, "/users/microsoft.graph.agentUser/u1"),
            Some((vec!["u1".to_string()], Some("/users/u1".to_string())))
        );
        // A documented cast stays; a path not documented either way is not found.
        assert_eq!(
            route(Method::Get, "/directoryObjects/microsoft.graph.group"),
            Some((vec![], None))
        );
        assert_eq!(route(Method::Delete, "/groups/microsoft.graph.x/g1"), None);
        assert_eq!(route(Method::Delete, "/users/u1"), Some((vec!["u1".to_string()], None)));
        assert!(is_cast("microsoft.graph.user") && !is_cast("microsoft.graph.delta()") && !is_cast("users"));
    }

    /// The matcher's shared cases, routed by the local Graph: the request
    /// line a request is routed to and the values it binds. A request routed
    /// only once its casts were taken out (the local Graph's own reading of
    /// a cast no page writes, tested above) is one the matcher finds none for.
    #[test]
    fn the_matchers_shared_cases_route_as_the_matcher_finds_them() {
        for (method, lines, url, expected, values) in CASES {
            let graph = graph_of(lines);
            let (path, query) = url.split_once('?').map_or((*url, None), |(p, q)| (p, Some(q)));
            let ask = Ask {
                query,
                ..Ask::default()
            };
            let found = match graph.route(Method::parse(method).expect("a method"), path, ask) {
                Routing::Found(r) if r.without_casts.is_none() => {
                    let op = &graph.operations()[r.op];
                    Some((
                        format!("{} {}", op.method.as_str(), op.paths[r.path].pattern()),
                        r.values,
                    ))
                }
                _ => None,
            };
            let expected = expected.map(|t| (t.to_string(), values.iter().map(|v| v.to_string()).collect()));
            assert_eq!(found, expected, "{method} {url}");
        }
    }

    #[test]
    fn an_encoded_slash_stays_inside_its_segment() {
        assert_eq!(
            decoded_parts("/drives/b%21x/items/a%2Fb.txt"),
            ["drives", "b!x", "items", "a/b.txt"]
        );
        assert_eq!(
            canonical_path("/drives/b%21x/items/a%2fb.txt"),
            "/drives/b!x/items/a%2Fb.txt"
        );
        assert_eq!(
            canonical_path("drives//b!x/items/a%2Fb.txt/"),
            "/drives/b!x/items/a%2Fb.txt"
        );
        assert_eq!(decoded_parts(&canonical_path("/users/100%25%2Fa")), ["users", "100%/a"]);
    }

    #[test]
    fn a_body_fits_the_example_of_its_odata_type_then_of_its_properties() {
        let ios = serde_json::json!({"@odata.type": "#microsoft.graph.iosGeneralDeviceConfiguration", "displayName": "a", "passcodeRequired": true});
        let android = serde_json::json!({"@odata.type": "#microsoft.graph.androidGeneralDeviceConfiguration", "displayName": "a", "passwordRequired": true});
        let sent =
            serde_json::json!({"@odata.type": "microsoft.graph.IosGeneralDeviceConfiguration", "displayName": "mine"});
        assert!(body_fit(Some(&ios), Some(&sent)) > body_fit(Some(&android), Some(&sent)));
        assert_eq!(body_fit(Some(&ios), Some(&sent)), (true, 666));
        let untyped = serde_json::json!({"displayName": "mine", "passwordRequired": false});
        assert!(body_fit(Some(&android), Some(&untyped)) > body_fit(Some(&ios), Some(&untyped)));
        assert_eq!(body_fit(None, Some(&untyped)), (false, 0));
    }

    #[test]
    fn an_example_whose_request_headers_were_all_sent_fits_best() {
        let minimal = vec![("Prefer".to_string(), "return=minimal".to_string())];
        let mut sent = axum::http::HeaderMap::new();
        assert!(headers_fit(&[], Some(&sent)) > headers_fit(&minimal, Some(&sent)));
        sent.insert("prefer", "Return=Minimal".parse().unwrap());
        assert_eq!(headers_fit(&minimal, Some(&sent)), (true, 1));
        assert!(headers_fit(&minimal, Some(&sent)) > headers_fit(&[], Some(&sent)));
        assert_eq!(headers_fit(&minimal, None), (false, 0));
    }

    #[test]
    fn queries_are_compared_decoded() {
        assert!(same_query(
            Some("$search=\"displayName:wa\""),
            Some("$search=%22displayName:wa%22")
        ));
        assert!(same_query(None, Some("")));
        assert!(!same_query(Some("$top=1"), Some("$top=2")));
    }
}
