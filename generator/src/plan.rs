//! The permissions planner of `cargo xtask permissions`: request lines
//! (documented templates or concrete URLs from logs) matched to the routes
//! read from pages, and a plan of the scopes they need. Matching and
//! planning are the generated crate's own hand-written runtime
//! (`runtime/support/matcher.rs`, `runtime/support/permissions.rs`), compiled here too, so
//! there is one implementation of each. The matcher compiled here also
//! binds example URLs for the example replay (`resolve::ops`) and routes
//! the local Graph's requests (`msgraph-mock`), matching exactly there
//! ([`matcher::Matcher::find_all`], [`matcher::bind`]).
//!
//! A permissions row the page ties to a request's path (`user` for
//! `/users/{id}/extensions`) is used for that request, and the plan names
//! it. Rows the page ties to no path are never offered as alternatives of
//! one another: where the page has no rows for everyone, they say the scope
//! depends on the resource or case (`For users:`, `For groups:`), and the
//! plan asks which applies; beside rows for everyone, they hold only in a
//! case (`Permissions for specific scenarios`), and the plan shows them
//! apart with their condition.

pub use crate::matcher;
#[path = "../runtime/support/permissions.rs"]
#[allow(dead_code)]
pub mod planner;
mod render;

use crate::schema::{AllOf, ApiVersion, Conditional, Grant, Grants, Method, Page, PermissionKind};
use matcher::Matcher;
use planner::{Kind, KindPlan, Need, Requirement};

/// One documented route: method, template, page and permissions of the path.
#[derive(Debug, Clone)]
pub struct Route {
    pub method: Method,
    pub template: String,
    pub file: String,
    /// What every request of the path needs: the page's rows for everyone
    /// and the rows it ties to this path.
    pub grants: Grants,
    /// The rows tied to this path that `grants` holds: condition and line.
    pub rows: Vec<(String, u32)>,
    /// Rows the page ties to no path: per resource or per case, never
    /// alternatives of one another.
    pub untied: Vec<Conditional>,
    /// Whether the page documents the beta endpoint.
    pub beta: bool,
    /// Other pages documenting the same bare request line
    /// (`eventmessage-list-attachments.md` and `message-list-attachments.md`).
    pub also: Vec<String>,
    /// What a user of the generated crate calls for the line, once the
    /// table is named from the resolved schema ([`RouteTable::name_routes`]).
    pub call: Option<Call>,
}

/// The generated route of a documented line and the navigation reaching it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// The route's path in the crate: `routes::users::GetUser`.
    pub route: String,
    /// The calls from a client: `.users().by_id(id).get()`.
    pub chain: String,
}

/// Every documented route of a set of pages, and a matcher over them.
pub struct RouteTable {
    pub routes: Vec<Route>,
    pub matcher: Matcher<usize>,
}

impl RouteTable {
    /// The routes of the operation pages, in page order; a line a page
    /// writes with a query selecting what it acts on
    /// (`/users/{id}/messages?$filter=...`, an extension's page) after every
    /// bare line, so a request is named for the page documenting it as such.
    pub fn new(pages: &[Page]) -> RouteTable {
        let mut routes = Vec::new();
        let mut matcher = Matcher::new();
        let requests = pages
            .iter()
            .filter_map(|page| page.operation.as_ref().map(|op| (page, op)));
        let bare = requests.clone().flat_map(|(page, op)| {
            op.requests
                .iter()
                .filter(|r| r.path.query.is_none())
                .map(move |r| (page, op, r))
        });
        let queried = requests.flat_map(|(page, op)| {
            op.requests
                .iter()
                .filter(|r| r.path.query.is_some())
                .map(move |r| (page, op, r))
        });
        for (page, op, r) in bare.chain(queried) {
            {
                matcher.insert(r.method.as_str(), &r.path.template, routes.len());
                let template = &r.path.template;
                let mut grants = op.permissions.grants.clone();
                let mut rows = Vec::new();
                let mut untied = Vec::new();
                for c in &op.permissions.conditional {
                    if c.paths.is_empty() {
                        untied.push(c.clone());
                    } else if c.paths.iter().any(|p| p == template) {
                        for kind in PermissionKind::ALL {
                            if let Some(g) = c.grants.get(kind) {
                                grants.add(kind, g);
                            }
                        }
                        rows.push((c.condition.clone(), c.line));
                    }
                }
                routes.push(Route {
                    method: r.method,
                    template: template.clone(),
                    file: page.file.clone(),
                    grants,
                    rows,
                    untied,
                    beta: op.api_version == Some(ApiVersion::Beta),
                    also: Vec::new(),
                    call: None,
                });
            }
        }
        // Each bare line's other pages, so a plan names every page of it.
        let key = |r: &Route| (r.method, r.template.to_ascii_lowercase());
        let mut pages_of: std::collections::HashMap<(Method, String), Vec<String>> = Default::default();
        for r in &routes {
            let files = pages_of.entry(key(r)).or_default();
            if !files.contains(&r.file) {
                files.push(r.file.clone());
            }
        }
        for r in &mut routes {
            r.also = pages_of[&key(r)].iter().filter(|f| **f != r.file).cloned().collect();
        }
        RouteTable { routes, matcher }
    }

    /// Names each documented line with the route the crate emits for it
    /// from `schema` (the pages resolved, with their CSDL) and the calls
    /// reaching it. A line no operation of the schema documents (a page
    /// left out by resolving) keeps no name.
    pub fn name_routes(&mut self, schema: &crate::resolve::Schema) {
        let nav = crate::resolve::navigation::navigation(schema);
        let mut calls = std::collections::HashMap::new();
        for (o, op) in schema.operations.iter().enumerate() {
            let with_body = op.raw_request || op.body_kind.is_some() || op.body.is_some();
            for (p, path) in op.paths.iter().enumerate() {
                let Some(address) = nav.addresses.get(&(o, p)) else {
                    continue;
                };
                let call = Call {
                    route: format!("routes::{}::{}", op.workload, op.rust_name),
                    chain: address.chain(path, with_body),
                };
                calls
                    .entry((op.method, path.template.to_ascii_lowercase()))
                    .or_insert(call);
            }
        }
        for r in &mut self.routes {
            r.call = calls.get(&(r.method, r.template.to_ascii_lowercase())).cloned();
        }
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
    /// Requests whose scope depends on the resource or case, the page
    /// giving one row each and none for everyone: not planned; the caller
    /// says which applies.
    pub choose: Vec<Choice>,
    /// Rows that hold only in a case, beside the rows planned: shown with
    /// their condition, never planned.
    pub cases: Vec<Case>,
}

/// A request and the rows it depends on, one per resource or case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub request: String,
    /// Condition as written, its line, and its least privileged scopes.
    pub options: Vec<(String, u32, String)>,
}

/// A row that holds only in a case, and the requests it may apply to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub condition: String,
    pub line: u32,
    pub scopes: String,
    pub requests: Vec<String>,
}

/// A grant's least privileged alternatives as text (`A or B and C`);
/// `not supported` for a grant of none.
fn least_text(g: &Grant) -> String {
    if !g.is_supported() {
        return "not supported".to_string();
    }
    let list: &[AllOf] = if g.least.is_empty() { &g.higher[..1] } else { &g.least };
    list.iter().map(ToString::to_string).collect::<Vec<_>>().join(" or ")
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

/// In the order of `Kind::ALL`, which the planner's requirements follow.
const KINDS: [PermissionKind; 4] = [
    PermissionKind::DelegatedWork,
    PermissionKind::DelegatedPersonal,
    PermissionKind::Application,
    PermissionKind::Unspecified,
];

/// Matches request lines (one a line; blank lines and `#` comments skipped)
/// and plans the scopes of the matched ones.
pub fn plan(table: &RouteTable, input: &str) -> Report {
    let lines = match_lines(table, input);
    let labels: Vec<(String, usize)> = lines
        .iter()
        .filter_map(|l| match l {
            LineMatch::Matched { text, route, .. } => Some((text.clone(), *route)),
            LineMatch::Unmatched { .. } | LineMatch::Beta { .. } => None,
        })
        .collect();
    // Per kind (in `KINDS` order): the choices to ask and the cases to show.
    let mut choices: [Vec<Choice>; 4] = Default::default();
    let mut cases: [Vec<Case>; 4] = Default::default();
    let needs: Vec<Need<'_>> = labels
        .iter()
        .map(|(label, route)| {
            let route = &table.routes[*route];
            let requirements =
                std::array::from_fn(|k| requirement_of(route, label, KINDS[k], &mut choices[k], &mut cases[k]));
            Need { label, requirements }
        })
        .collect();
    let mut kinds: Vec<KindReport> = planner::plan(&needs).into_iter().map(kind_report).collect();
    for report in &mut kinds {
        let Some(k) = Kind::ALL.iter().position(|kind| kind.label() == report.kind) else {
            continue;
        };
        let asked = std::mem::take(&mut choices[k]);
        report.unknown.retain(|l| !asked.iter().any(|c| &c.request == l));
        report.choose = asked;
        report.cases = std::mem::take(&mut cases[k]);
    }
    if let Some(app) = kinds.iter_mut().find(|k| k.kind == Kind::Application.label()) {
        let (me, rest): (Vec<String>, Vec<String>) = std::mem::take(&mut app.not_supported)
            .into_iter()
            .partition(|l| addresses_signed_in_user(l));
        app.not_supported = rest;
        app.needs_user = me;
    }
    Report { lines, kinds }
}

/// Each request line of `input` (blank lines and `#` comments skipped)
/// matched to its route: a beta request of a route documented for v1.0
/// only is said to be beta; a line matching none gets the nearest three.
fn match_lines(table: &RouteTable, input: &str) -> Vec<LineMatch> {
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
                nearest: {
                    let (method, target) = split_line(t);
                    let nearest = table.matcher.nearest(method, target, 3);
                    nearest.into_iter().map(|(_, template)| template.to_string()).collect()
                },
            },
        });
    }
    lines
}

/// What request `label` on `route` requires of `kind`: the rows for
/// everyone (rows holding only in a case beside them go to `cases`, shown
/// apart); where the page gives only rows per resource or case, a choice to
/// ask (to `choices`), planned as unknown. An app-only call to the
/// signed-in user is not supported.
fn requirement_of<'a>(
    route: &'a Route,
    label: &str,
    kind: PermissionKind,
    choices: &mut Vec<Choice>,
    cases: &mut Vec<Case>,
) -> Requirement<'a> {
    if kind == PermissionKind::Application && addresses_signed_in_user(label) {
        return Requirement::NotSupported;
    }
    let untied: Vec<(&Conditional, &Grant)> = route
        .untied
        .iter()
        .filter_map(|c| c.grants.get(kind).map(|g| (c, g)))
        .collect();
    match route.grants.get(kind) {
        Some(g) => {
            for (c, cg) in untied.into_iter().filter(|(_, cg)| cg.is_supported()) {
                let scopes = least_text(cg);
                match cases
                    .iter_mut()
                    .find(|x| x.condition == c.condition && x.scopes == scopes)
                {
                    Some(case) => case.requests.push(label.to_string()),
                    None => cases.push(Case {
                        condition: c.condition.clone(),
                        line: c.line,
                        scopes,
                        requests: vec![label.to_string()],
                    }),
                }
            }
            requirement(Some(g))
        }
        None if untied.is_empty() => Requirement::Unknown,
        None if untied.iter().all(|(_, g)| !g.is_supported()) => Requirement::NotSupported,
        None => {
            choices.push(Choice {
                request: label.to_string(),
                options: untied
                    .iter()
                    .map(|(c, g)| (c.condition.clone(), c.line, least_text(g)))
                    .collect(),
            });
            Requirement::Unknown
        }
    }
}

fn kind_report(p: KindPlan<'_>) -> KindReport {
    let own = |v: Vec<&str>| v.into_iter().map(String::from).collect::<Vec<_>>();
    KindReport {
        kind: p.kind.label(),
        scopes: p.scopes.into_iter().map(|(s, l)| (s.to_string(), own(l))).collect(),
        unknown: own(p.unknown),
        not_supported: own(p.not_supported),
        // (The page planner asks per resource itself, as `choose`.)
        needs_user: Vec::new(),
        choose: Vec::new(),
        cases: Vec::new(),
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

    /// `api/directory-deleteditems-get.md`: one table per resource
    /// (`For applications:`, `For users:`, `For groups:`) and none for
    /// everyone. The scope depends on what the deleted item is: the plan
    /// asks, and never offers the cheapest row as if any would do.
    #[test]
    fn per_resource_rows_are_asked_not_planned() {
        let table_of = |least: &str, higher: &str| {
            format!(
                "|Permission type      | Permissions (from least to most privileged)              |\n\
                 |:--------------------|:---------------------------------------------------------|\n\
                 |Delegated (work or school account) | {least}, {higher} |\n\
                 |Delegated (personal Microsoft account) | Not supported.    |\n\
                 |Application | {least}, {higher} |\n"
            )
        };
        let page = format!(
            "# Get deleted item\n\nGet it.\n\n## Permissions\n\
             One of the following permissions is required to call this API.\n\n\
             ### For applications:\n\n{}\n### For users:\n\n{}\n### For groups:\n\n{}\n\
             ## HTTP request\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nGET /directory/deletedItems/{{id}}\n```\n",
            table_of("Application.Read.All", "Application.ReadWrite.All, Directory.Read.All"),
            table_of("User.Read.All", "User.ReadWrite.All, Directory.Read.All"),
            table_of("Group.Read.All", "Group.ReadWrite.All, Directory.Read.All"),
        );
        let pages = [read_page("directory-deleteditems-get.md", &page).page];
        let table = RouteTable::new(&pages);
        let report = plan(&table, "GET /directory/deletedItems/abc\n");
        for k in [0, 2] {
            let kind = &report.kinds[k];
            assert!(kind.scopes.is_empty(), "{kind:?}");
            assert!(kind.unknown.is_empty(), "{kind:?}");
            assert_eq!(kind.choose.len(), 1);
            let options: Vec<(&str, &str)> = kind.choose[0]
                .options
                .iter()
                .map(|(c, _, s)| (c.as_str(), s.as_str()))
                .collect();
            assert_eq!(
                options,
                [
                    ("For applications:", "Application.Read.All"),
                    ("For users:", "User.Read.All"),
                    ("For groups:", "Group.Read.All")
                ]
            );
        }
        // Not supported in every row: not supported, nothing to ask.
        assert_eq!(report.kinds[1].not_supported, ["GET /directory/deletedItems/abc"]);
        assert!(report.kinds[1].choose.is_empty());
        let human = report.human(&table);
        assert!(human.contains("depends on the resource or case"), "{human}");
        assert!(human.contains("For users: (line"), "{human}");
        assert_eq!(
            report.json(&table)["plan"][0]["dependsOn"][0]["options"][1]["scopes"],
            "User.Read.All"
        );
    }

    /// `api/calendar-get.md`: a row per calendar, tied to the paths it
    /// names. A user's calendar is planned with the `user calendar` row and
    /// the plan says so; a group's with the `group calendar` row.
    #[test]
    fn rows_tied_to_a_path_are_named_for_the_request_they_serve() {
        let page = "# Get calendar\n\nGet one.\n\n## Permissions\n\
            Depending on the type of calendar that the event is in and the permission type (delegated or application) requested, one of the following permissions is required to call this API.\n\n\
            | Calendar | Delegated (work or school account) | Delegated (personal Microsoft account) | Application |\n\
            |:-----|:-----|:-----|:-----|\n\
            | user calendar | Calendars.Read, Calendars.ReadWrite | Calendars.Read, Calendars.ReadWrite | Calendars.Read, Calendars.ReadWrite |\n\
            | group calendar | Group.Read.All, Group.ReadWrite.All | Not supported. | Not supported. |\n\n\
            ## HTTP request\n<!-- { \"blockType\": \"ignored\" } -->\n\
            ```http\nGET /me/calendar\nGET /users/{id | userPrincipalName}/calendar\nGET /groups/{id}/calendar\n```\n";
        let pages = [read_page("calendar-get.md", page).page];
        let table = RouteTable::new(&pages);
        let report = plan(&table, "GET /users/abc/calendar\nGET /groups/g1/calendar\n");
        let work = &report.kinds[0];
        let scopes: Vec<(&str, &[String])> = work.scopes.iter().map(|(s, l)| (s.as_str(), &l[..])).collect();
        assert_eq!(
            scopes,
            [
                ("Calendars.Read", &["GET /users/abc/calendar".to_string()][..]),
                ("Group.Read.All", &["GET /groups/g1/calendar".to_string()][..])
            ]
        );
        assert_eq!(report.kinds[2].not_supported, ["GET /groups/g1/calendar"]);
        let human = report.human(&table);
        assert!(
            human.contains("calendar-get.md; permissions row `user calendar` (line 10)"),
            "{human}"
        );
        assert!(human.contains("permissions row `group calendar` (line 11)"), "{human}");
        assert_eq!(
            report.json(&table)["requests"][1]["permissionRows"][0]["condition"],
            "group calendar"
        );
    }

    /// A table for everyone and, under `### Permissions for specific
    /// scenarios`, a row that holds only in a case: planned from the first,
    /// the case shown apart with its condition, never asked for.
    #[test]
    fn scenario_rows_are_shown_apart_never_planned() {
        let page = "# Update user\n\nUpdate it.\n\n## Permissions\n\n\
            |Permission type|Least privileged permissions|Higher privileged permissions|\n|:---|:---|:---|\n\
            |Delegated (work or school account)|User.ReadWrite|User.ReadWrite.All, Directory.ReadWrite.All|\n\
            |Delegated (personal Microsoft account)|User.ReadWrite|Not available.|\n\
            |Application|User.ReadWrite.All|Directory.ReadWrite.All|\n\n\
            ### Permissions for specific scenarios\n\n\
            |Permission type|Least privileged permissions|Higher privileged permissions|\n|:---|:---|:---|\n\
            |Delegated (work or school account)|User-PasswordProfile.ReadWrite.All|Directory.AccessAsUser.All|\n\n\
            ## HTTP request\n\n```http\nPATCH /users/{id | userPrincipalName}\n```\n";
        let pages = [read_page("user-update.md", page).page];
        let table = RouteTable::new(&pages);
        let report = plan(&table, "PATCH /users/abc\n");
        let work = &report.kinds[0];
        let scopes: Vec<&str> = work.scopes.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(scopes, ["User.ReadWrite"]);
        assert_eq!(
            work.cases,
            [Case {
                condition: "Permissions for specific scenarios".into(),
                line: 17,
                scopes: "User-PasswordProfile.ReadWrite.All".into(),
                requests: vec!["PATCH /users/abc".into()],
            }]
        );
        assert!(report.kinds[2].cases.is_empty());
        assert_eq!(report.kinds[2].scopes[0].0, "User.ReadWrite.All");
        let human = report.human(&table);
        assert!(human.contains("only in a case"), "{human}");
        assert_eq!(
            report.json(&table)["plan"][0]["onlyInCase"][0]["condition"],
            "Permissions for specific scenarios"
        );
    }
}
