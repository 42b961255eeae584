//! The permissions planner of `cargo xtask permissions`: request lines
//! (documented templates or concrete URLs from logs) matched to the routes
//! read from pages, and a plan of the scopes they need. Matching and
//! planning are the generated crate's own support code
//! (`support/matcher.rs`, `support/permissions.rs`), compiled here too, so
//! there is one implementation of each.

#[path = "../../generated/src/support/matcher.rs"]
pub mod matcher;
#[path = "../../generated/src/support/permissions.rs"]
#[allow(dead_code)]
pub mod planner;

use crate::schema::{AllOf, ApiVersion, Grant, Grants, Method, Page, PermissionKind};
use matcher::Matcher;
use planner::{Kind, KindPlan, Need, Requirement};
use serde_json::json;

/// One documented route: method, template, page and permissions of the path.
#[derive(Debug, Clone)]
pub struct Route {
    pub method: Method,
    pub template: String,
    pub file: String,
    pub grants: Grants,
    /// Whether the page documents the beta endpoint.
    pub beta: bool,
}

/// Every documented route of a set of pages, and a matcher over them.
pub struct RouteTable {
    pub routes: Vec<Route>,
    pub matcher: Matcher<usize>,
}

impl RouteTable {
    /// The routes of the operation pages, in page order.
    pub fn new(pages: &[Page]) -> RouteTable {
        let mut routes = Vec::new();
        let mut matcher = Matcher::new();
        for page in pages {
            let Some(op) = &page.operation else { continue };
            for r in &op.requests {
                matcher.insert(r.method.as_str(), &r.path.template, routes.len());
                routes.push(Route {
                    method: r.method,
                    template: r.path.template.clone(),
                    file: page.file.clone(),
                    grants: op.permissions.for_path(&r.path.template),
                    beta: op.api_version == Some(ApiVersion::Beta),
                });
            }
        }
        RouteTable { routes, matcher }
    }

    /// The route of a request line (`GET /users/{id}` or `GET https://...`;
    /// a line without a method is a `GET`).
    pub fn find(&self, line: &str) -> Option<usize> {
        let (method, target) = split_line(line);
        self.matcher.find(method, target).map(|(i, _)| *i)
    }
}

/// A request line's method and target.
pub fn split_line(line: &str) -> (&str, &str) {
    let line = line.trim();
    match line.split_once(char::is_whitespace) {
        Some((m, rest)) if Method::parse(&m.to_ascii_uppercase()).is_some() => {
            (m, rest.trim().trim_end_matches("HTTP/1.1").trim())
        }
        _ => ("GET", line),
    }
}

/// One input line and what it matched.
#[derive(Debug, Clone)]
pub enum LineMatch {
    Matched {
        line: usize,
        text: String,
        route: usize,
    },
    Unmatched {
        line: usize,
        text: String,
        nearest: Vec<String>,
    },
    /// A `/beta/` request whose route the pages document for v1.0 only: said
    /// to be beta, never planned as v1.0.
    Beta {
        line: usize,
        text: String,
        route: usize,
    },
}

/// Whether a request line addresses the beta endpoint (`/beta/...`,
/// `https://graph.microsoft.com/beta/...`).
fn is_beta(line: &str) -> bool {
    let mut rest = split_line(line).1;
    for scheme in ["https://", "http://"] {
        if let Some(r) = rest.strip_prefix(scheme) {
            rest = r.find('/').map_or("", |i| &r[i..]);
        }
    }
    rest.trim_start_matches('/')
        .split(['/', '?'])
        .next()
        .is_some_and(|first| first.eq_ignore_ascii_case("beta"))
}

/// The plan for a list of request lines.
#[derive(Debug, Clone)]
pub struct Report {
    pub lines: Vec<LineMatch>,
    /// Per kind: scopes and the request lines each serves; unknown and
    /// unsupported lines.
    pub kinds: Vec<KindReport>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindReport {
    pub kind: &'static str,
    pub scopes: Vec<(String, Vec<String>)>,
    pub unknown: Vec<String>,
    pub not_supported: Vec<String>,
    /// Requests of the signed-in user (`/me/...`) under a kind that has
    /// none (Application): never planned with a scope.
    pub needs_user: Vec<String>,
}

/// Whether a request addresses the signed-in user (`/me`, `/me/...`), which
/// an app-only call has not.
fn addresses_signed_in_user(line: &str) -> bool {
    let (path, _) = matcher::split_url(split_line(line).1);
    path.trim_start_matches('/')
        .split('/')
        .next()
        .is_some_and(|first| first.eq_ignore_ascii_case("me"))
}

fn requirement(grant: Option<&Grant>) -> Requirement<'_> {
    match grant {
        None => Requirement::Unknown,
        Some(g) if !g.is_supported() => Requirement::NotSupported,
        Some(g) => {
            let list: &[AllOf] = if g.least.is_empty() { &g.higher[..1] } else { &g.least };
            Requirement::AnyOf(list.iter().map(|a| a.0.iter().map(String::as_str).collect()).collect())
        }
    }
}

/// Matches request lines (one a line; blank lines and `#` comments skipped)
/// and plans the scopes of the matched ones.
pub fn plan(table: &RouteTable, input: &str) -> Report {
    let mut lines = Vec::new();
    for (i, text) in input.lines().enumerate() {
        let t = text.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        lines.push(match table.find(t) {
            Some(route) if is_beta(t) && !table.routes[route].beta => LineMatch::Beta {
                line: i + 1,
                text: t.to_string(),
                route,
            },
            Some(route) => LineMatch::Matched {
                line: i + 1,
                text: t.to_string(),
                route,
            },
            None => LineMatch::Unmatched {
                line: i + 1,
                text: t.to_string(),
                nearest: table
                    .matcher
                    .nearest(split_line(t).1, 3)
                    .into_iter()
                    .map(String::from)
                    .collect(),
            },
        });
    }
    let labels: Vec<(String, usize)> = lines
        .iter()
        .filter_map(|l| match l {
            LineMatch::Matched { text, route, .. } => Some((text.clone(), *route)),
            LineMatch::Unmatched { .. } | LineMatch::Beta { .. } => None,
        })
        .collect();
    let needs: Vec<Need<'_>> = labels
        .iter()
        .map(|(label, route)| {
            let g = &table.routes[*route].grants;
            let application = if addresses_signed_in_user(label) {
                Requirement::NotSupported
            } else {
                requirement(g.get(PermissionKind::Application))
            };
            Need {
                label,
                requirements: [
                    requirement(g.get(PermissionKind::DelegatedWork)),
                    requirement(g.get(PermissionKind::DelegatedPersonal)),
                    application,
                    requirement(g.get(PermissionKind::Unspecified)),
                ],
            }
        })
        .collect();
    let mut kinds: Vec<KindReport> = planner::plan(&needs).into_iter().map(kind_report).collect();
    if let Some(app) = kinds.iter_mut().find(|k| k.kind == Kind::Application.label()) {
        let (me, rest): (Vec<String>, Vec<String>) = std::mem::take(&mut app.not_supported)
            .into_iter()
            .partition(|l| addresses_signed_in_user(l));
        app.not_supported = rest;
        app.needs_user = me;
    }
    Report { lines, kinds }
}

fn kind_report(p: KindPlan<'_>) -> KindReport {
    let own = |v: Vec<&str>| v.into_iter().map(String::from).collect::<Vec<_>>();
    KindReport {
        kind: p.kind.label(),
        scopes: p.scopes.into_iter().map(|(s, l)| (s.to_string(), own(l))).collect(),
        unknown: own(p.unknown),
        not_supported: own(p.not_supported),
        needs_user: Vec::new(),
    }
}

impl Report {
    /// The plan as text for people.
    pub fn human(&self, table: &RouteTable) -> String {
        let mut out = String::new();
        for l in &self.lines {
            match l {
                LineMatch::Matched { line, text, route } => {
                    let r = &table.routes[*route];
                    out.push_str(&format!(
                        "{line}: {text}\n    -> {} {} ({})\n",
                        r.method.as_str(),
                        r.template,
                        r.file
                    ));
                }
                LineMatch::Beta { line, text, route } => {
                    let r = &table.routes[*route];
                    out.push_str(&format!(
                        "{line}: {text}\n    -> a beta request; the pages document {} {} ({}) for v1.0 only; not planned\n",
                        r.method.as_str(),
                        r.template,
                        r.file
                    ));
                }
                LineMatch::Unmatched { line, text, nearest } => {
                    out.push_str(&format!("{line}: {text}\n    -> no documented route; nearest:\n"));
                    for n in nearest {
                        out.push_str(&format!("       {n}\n"));
                    }
                }
            }
        }
        for k in &self.kinds {
            out.push_str(&format!("\n{}:\n", k.kind));
            if k.scopes.is_empty() {
                out.push_str("  (no scope covers these requests)\n");
            }
            for (scope, served) in &k.scopes {
                out.push_str(&format!("  {scope}\n"));
                for s in served {
                    out.push_str(&format!("      {s}\n"));
                }
            }
            if !k.not_supported.is_empty() {
                out.push_str(&format!("  not supported: {}\n", k.not_supported.join("; ")));
            }
            if !k.needs_user.is_empty() {
                out.push_str(&format!(
                    "  not supported (needs a signed-in user; use `/users/{{id}}/...`): {}\n",
                    k.needs_user.join("; ")
                ));
            }
            if !k.unknown.is_empty() {
                out.push_str(&format!("  unknown (the pages do not say): {}\n", k.unknown.join("; ")));
            }
        }
        out
    }

    /// The plan as JSON.
    pub fn json(&self, table: &RouteTable) -> serde_json::Value {
        let lines: Vec<_> = self
            .lines
            .iter()
            .map(|l| match l {
                LineMatch::Matched { line, text, route } => {
                    let r = &table.routes[*route];
                    json!({"line": line, "request": text, "route": format!("{} {}", r.method.as_str(), r.template), "page": r.file})
                }
                LineMatch::Unmatched { line, text, nearest } => {
                    json!({"line": line, "request": text, "route": null, "nearest": nearest})
                }
                LineMatch::Beta { line, text, route } => {
                    let r = &table.routes[*route];
                    json!({"line": line, "request": text, "route": null, "beta": true,
                           "v1Route": format!("{} {}", r.method.as_str(), r.template), "page": r.file})
                }
            })
            .collect();
        let kinds: Vec<_> = self
            .kinds
            .iter()
            .map(|k| {
                let scopes: Vec<_> = k
                    .scopes
                    .iter()
                    .map(|(s, served)| json!({"scope": s, "serves": served}))
                    .collect();
                json!({"kind": k.kind, "scopes": scopes, "unknown": k.unknown, "notSupported": k.not_supported, "needsSignedInUser": k.needs_user})
            })
            .collect();
        json!({"requests": lines, "plan": kinds})
    }

    /// Whether some line matched no route.
    pub fn has_unmatched(&self) -> bool {
        self.lines.iter().any(|l| matches!(l, LineMatch::Unmatched { .. }))
    }
}

/// The kinds in report order.
pub fn kind_labels() -> [&'static str; 4] {
    Kind::ALL.map(Kind::label)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::read_page;

    const PAGE: &str = "# List messages\n\nList them.\n\n## Permissions\n\n\
        |Permission type|Least privileged permissions|Higher privileged permissions|\n|:---|:---|:---|\n\
        |Delegated (work or school account)|Mail.ReadBasic|Mail.Read|\n\
        |Delegated (personal Microsoft account)|Mail.ReadBasic|Mail.Read|\n\
        |Application|Mail.ReadBasic.All|Mail.Read|\n\n\
        ## HTTP request\n\n```http\nGET /me/messages\nGET /users/{id | userPrincipalName}/messages\n```\n";

    const USER: &str = "# Get user\n\nGet one.\n\n## Permissions\n\n\
        |Permission type|Least privileged permissions|Higher privileged permissions|\n|:---|:---|:---|\n\
        |Delegated (work or school account)|User.Read|User.ReadWrite|\n\
        |Delegated (personal Microsoft account)|User.Read|User.ReadWrite|\n\
        |Application|Not supported.|Not supported.|\n\n\
        ## HTTP request\n\n```http\nGET /me\n```\n";

    #[test]
    fn request_lines_plan_per_kind() {
        let pages = [
            read_page("message-list.md", PAGE).page,
            read_page("user-get.md", USER).page,
        ];
        let table = RouteTable::new(&pages);
        let input = "# from the logs\nGET https://graph.microsoft.com/v1.0/users/87d349ed-44d7-43e1-9a83-5f2406dee5bd/messages?$top=5\n\
                     GET /me\nGET /me/mesages\n";
        let report = plan(&table, input);
        assert!(report.has_unmatched());
        let LineMatch::Unmatched { nearest, line, .. } = &report.lines[2] else {
            panic!("{:?}", report.lines)
        };
        assert_eq!(*line, 4);
        assert_eq!(nearest[0], "/me/messages");
        let work = &report.kinds[0];
        assert_eq!(work.kind, kind_labels()[0]);
        let scopes: Vec<&str> = work.scopes.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(scopes, ["Mail.ReadBasic", "User.Read"]);
        let app = &report.kinds[2];
        assert_eq!(app.scopes[0].0, "Mail.ReadBasic.All");
        assert_eq!(app.needs_user, ["GET /me"]);
        let json = report.json(&table);
        assert_eq!(
            json["requests"][0]["route"],
            "GET /users/{id | userPrincipalName}/messages"
        );
        assert!(report.human(&table).contains("Mail.ReadBasic.All"));
    }

    /// `GET /me` and `POST /me/sendMail` have no meaning without a signed-in
    /// user: under Application they are never planned with a scope, even
    /// where the page lists one for the same route under `/users/{id}`.
    #[test]
    fn app_only_requests_of_the_signed_in_user_get_no_scope() {
        let page = "# List messages\n\nList them.\n\n## Permissions\n\n\
            |Permission type|Least privileged permissions|Higher privileged permissions|\n|:---|:---|:---|\n\
            |Delegated (work or school account)|Mail.ReadBasic|Mail.Read|\n\
            |Application|Mail.ReadBasic.All|Mail.Read|\n\n\
            ## HTTP request\n\n```http\nGET /me/messages\nGET /users/{id | userPrincipalName}/messages\n```\n";
        let pages = [read_page("message-list.md", page).page];
        let table = RouteTable::new(&pages);
        let report = plan(
            &table,
            "GET https://graph.microsoft.com/v1.0/me/messages?$top=5\nGET /users/abc/messages\n",
        );
        let app = &report.kinds[2];
        assert_eq!(
            app.needs_user,
            ["GET https://graph.microsoft.com/v1.0/me/messages?$top=5"]
        );
        let served: Vec<&str> = app
            .scopes
            .iter()
            .flat_map(|(_, l)| l.iter().map(String::as_str))
            .collect();
        assert_eq!(served, ["GET /users/abc/messages"]);
        assert!(app.not_supported.is_empty());
        // Delegated kinds plan both.
        assert_eq!(report.kinds[0].scopes[0].1.len(), 2);
        let human = report.human(&table);
        assert!(
            human.contains("needs a signed-in user; use `/users/{id}/...`"),
            "{human}"
        );
        assert_eq!(
            report.json(&table)["plan"][2]["needsSignedInUser"][0],
            "GET https://graph.microsoft.com/v1.0/me/messages?$top=5"
        );
    }

    /// A `/beta/` URL against v1.0 pages is said to be beta, never planned
    /// as v1.0; against a beta page it is planned.
    #[test]
    fn beta_urls_are_not_planned_as_v1() {
        let pages = [read_page("message-list.md", PAGE).page];
        let table = RouteTable::new(&pages);
        let input = "GET https://graph.microsoft.com/beta/users/abc/messages\nGET /v1.0/users/abc/messages\n";
        let report = plan(&table, input);
        assert!(
            matches!(report.lines[0], LineMatch::Beta { line: 1, .. }),
            "{:?}",
            report.lines
        );
        assert!(matches!(report.lines[1], LineMatch::Matched { line: 2, .. }));
        assert!(!report.has_unmatched());
        let served: Vec<&String> = report.kinds[0].scopes.iter().flat_map(|(_, l)| l).collect();
        assert_eq!(served, ["GET /v1.0/users/abc/messages"]);
        assert!(report.human(&table).contains("a beta request"));
        assert_eq!(report.json(&table)["requests"][0]["beta"], true);

        let beta = PAGE.replace(
            "List them.",
            "List them.\n\n> **Important:** APIs under the `/beta` version in Microsoft Graph are subject to change.",
        );
        let pages = [read_page("beta/message-list.md", &beta).page];
        let table = RouteTable::new(&pages);
        let report = plan(&table, input);
        assert!(
            matches!(report.lines[0], LineMatch::Matched { .. }),
            "{:?}",
            report.lines
        );
    }
}
