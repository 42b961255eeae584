//! Route names as a Graph user would guess them, from the method and the
//! path alone (never page titles): `GET /users` is `ListUsers`,
//! `GET /users/{id}` `GetUser`, `POST /users/{id}/messages`
//! `CreateUserMessage`, `GET /drives/{id}/items/{id}/content`
//! `GetDriveItemContent`, `POST /users/{id}/sendMail` `SendUserMail` (an
//! action's own verb leads).
//!
//! Each route proposes names in order of preference: the short name of each
//! of its paths (`/me` read as `/users/{id}`), then names keeping `Me` and
//! naming template query parameters, then
//! full names spelling out every segment, parameter and argument. Names are
//! handed out in rounds; a name two routes propose in the same round goes to
//! neither, so each takes a name built from what differs. The outcome
//! depends only on the routes, never on page order, and no name carries a
//! number.

use super::model::Op;
use super::ops::addresses_content;
use crate::diagnostic::{Diagnostic, Severity};
use crate::naming::{self, singular, NameSet};
use crate::schema::{Method, OperationKind, PathTemplate, Piece, RequestLine, Segment};
use std::collections::{BTreeMap, BTreeSet};

/// How much of a path a name spells out.
#[derive(Clone, Copy, PartialEq)]
enum Detail {
    /// Nouns only; `/me` is `/users/{id}`.
    Short,
    /// Nouns; `/me` stays `Me` and the template query's parameters are
    /// named (`...ContentWithFormat`).
    Me,
    /// Every segment, parameter and argument, and the method.
    Full,
}

/// Names every route: `routes[i]` is named from `requests[i]`.
pub fn assign(ops: &mut [Op], requests: &[Vec<RequestLine>], diagnostics: &mut Vec<Diagnostic>) {
    let proposals: Vec<Vec<(String, usize)>> = ops.iter().zip(requests).map(|(op, r)| proposals(op, r)).collect();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut names: Vec<Option<String>> = vec![None; ops.len()];
    let rounds = proposals.iter().map(Vec::len).max().unwrap_or(0);
    for round in 0..rounds {
        let mut wanted: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
        for (i, p) in proposals.iter().enumerate() {
            if names[i].is_none() {
                if let Some((name, extra)) = p.get(round) {
                    wanted.entry(name.as_str()).or_default().push((*extra, i));
                }
            }
        }
        for (name, mut routes) in wanted {
            // Among routes wanting the same name, one whose path writes
            // fewer query parameters (`.../content` against
            // `.../content?format={format}`) is the plainer one.
            routes.sort();
            let winner = match routes[..] {
                [(_, only)] => Some(only),
                [(a, first), (b, _), ..] if a < b => Some(first),
                _ => None,
            };
            if let Some(winner) = winner.filter(|_| free(&taken, name)) {
                taken.insert(name.to_string());
                names[winner] = Some(name.to_string());
            }
        }
    }
    // Only routes identical up to what names cannot spell remain: numbered,
    // and said so.
    let mut fallback = NameSet::new();
    for t in &taken {
        fallback.reserve(t);
        fallback.reserve(&format!("{t}Path"));
    }
    for (i, op) in ops.iter_mut().enumerate() {
        op.rust_name = match names[i].take() {
            Some(name) => name,
            None => {
                let wanted = proposals[i].last().map_or_else(|| "Route".into(), |(n, _)| n.clone());
                let name = fallback.claim(&wanted);
                fallback.reserve(&format!("{name}Path"));
                diagnostics.push(Diagnostic::new(
                    &op.sources[0],
                    requests[i].first().map_or(1, |r| r.path.line),
                    Severity::Warning,
                    "route-name-collision",
                    format!("no name tells this route from another; it is named `{name}`"),
                ));
                name
            }
        };
        op.aliases = requests[i]
            .iter()
            .map(|r| {
                let mut line = format!("{} {}", r.method.as_str(), r.path.template);
                if let Some(q) = &r.path.query {
                    line.push('?');
                    line.push_str(q);
                }
                line
            })
            .collect();
    }
}

/// A name is free when no route has it yet.
fn free(taken: &BTreeSet<String>, name: &str) -> bool {
    !taken.contains(name)
}

/// The names a route proposes, most wanted first, each with the number of
/// query parameters its path writes.
fn proposals(op: &Op, requests: &[RequestLine]) -> Vec<(String, usize)> {
    let mut lines: Vec<&RequestLine> = requests.iter().collect();
    lines.sort_by_cached_key(|r| {
        (
            words(op, &r.path, Detail::Short).1.len(),
            r.path.query_params.len(),
            r.path.template.clone(),
        )
    });
    [Detail::Short, Detail::Me, Detail::Full]
        .into_iter()
        .flat_map(|detail| {
            lines
                .iter()
                .map(move |r| (name(op, &r.path, detail), r.path.query_params.len()))
        })
        .collect()
}

/// The name of a route from one of its paths.
fn name(op: &Op, path: &PathTemplate, detail: Detail) -> String {
    let (verb, words) = words(op, path, detail);
    let text: String = std::iter::once(verb).chain(words).collect();
    let name = naming::type_name(&text);
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("Route{name}")
    } else {
        name
    }
}

/// A verb and the nouns after it.
fn words(op: &Op, path: &PathTemplate, detail: Detail) -> (String, Vec<String>) {
    let segments = &path.segments;
    let mut words: Vec<String> = Vec::new();
    for (i, s) in segments.iter().enumerate() {
        let keyed = matches!(segments.get(i + 1), Some(Segment::Key { .. }));
        match s {
            // `/devices(deviceId='{deviceId}')`: the entity set by an alternate key.
            Segment::Call { name, arguments } if alternate_key(segments, i) => {
                words.push(camel(&singular(name)));
                if detail == Detail::Full {
                    let names = arguments.iter().filter_map(|a| a.name.as_deref());
                    words.extend(names.map(|n| format!("By{}", camel(n))));
                }
            }
            Segment::Literal { name } if i == 0 && name.eq_ignore_ascii_case("me") && detail != Detail::Me => words
                .push(if detail == Detail::Full {
                    "Me".into()
                } else {
                    "User".into()
                }),
            Segment::Literal { name } if keyed && detail != Detail::Full => words.push(camel(&singular(name))),
            Segment::Literal { name } => words.push(camel(name)),
            Segment::Key { param } if detail == Detail::Full => words.push(format!("By{}", camel(&param.name))),
            Segment::Key { .. } => {}
            Segment::Cast { type_name } => words.push(format!("As{}", camel(local(type_name)))),
            Segment::Call { name, arguments } => {
                words.push(camel(local(name)));
                if detail == Detail::Full {
                    for a in arguments {
                        words.push(format!("With{}", camel(a.name.as_deref().unwrap_or("value"))));
                        words.extend(a.value.iter().map(piece_word));
                    }
                }
            }
            Segment::System { name } => words.push(camel(name.trim_start_matches('$'))),
            Segment::Mixed { pieces } => {
                let text: Vec<String> = pieces
                    .iter()
                    .filter(|p| detail == Detail::Full || matches!(p, Piece::Text(_)))
                    .map(piece_word)
                    .collect();
                words.extend(text.into_iter().filter(|w| !w.is_empty()));
            }
        }
    }
    if detail == Detail::Full {
        words.extend(path.query_params.iter().map(query_word));
        return (camel(&op.method.as_str().to_ascii_lowercase()), words);
    }
    if detail == Detail::Me {
        words.extend(path.query_params.iter().map(query_word));
    } else {
        // An operation a query identifies is named after what it selects
        // (`GetUserMessageWithSingleValueExtendedProperties`).
        words.extend(
            path.query_params
                .iter()
                .filter(|a| odata_subject(a).is_some())
                .map(query_word),
        );
    }
    let last = segments.last();
    let by_key = matches!(last, Some(Segment::Key { .. })) || alternate_key(segments, segments.len().saturating_sub(1));
    let system = |n: &str| matches!(last, Some(Segment::System { name }) if name == n);
    let action = matches!(last, Some(Segment::Call { .. })) && !by_key
        || matches!(op.kind, OperationKind::Action | OperationKind::Function)
            && matches!(last, Some(Segment::Literal { .. }))
            && op.method != Method::Delete;
    let verb = match op.method {
        Method::Get if system("$count") => {
            words.pop();
            "Count"
        }
        _ if action => match verb_first(op, last, &mut words) {
            Some(verb) => return (verb, words),
            None => "",
        },
        Method::Get if op.kind == OperationKind::List && !by_key => "List",
        Method::Get => "Get",
        Method::Post if system("$ref") => "Add",
        Method::Post => {
            if let Some(noun) = words
                .last_mut()
                .filter(|_| matches!(last, Some(Segment::Literal { .. })))
            {
                *noun = camel(&singular(noun));
            }
            "Create"
        }
        Method::Patch => "Update",
        Method::Put if system("$ref") => "Set",
        Method::Put if addresses_content(path) => "Upload",
        Method::Put => "Replace",
        Method::Delete if system("$ref") => "Remove",
        Method::Delete => "Delete",
    };
    (verb.to_string(), words)
}

/// An action's own verb leads its name (`POST /me/getMemberObjects` is
/// `GetUserMemberObjects`, `POST .../assign` `AssignDeviceManagementDeviceConfiguration`),
/// as does a function's when its name starts with one (`getEmailActivityUserDetail`);
/// other functions stay nouns (`UsersDelta`, `UserReminderView`). Takes the
/// operation's word off `words`.
fn verb_first(op: &Op, last: Option<&Segment>, words: &mut Vec<String>) -> Option<String> {
    const FUNCTION_VERBS: &[&str] = &["get", "find", "filter", "check", "list", "search", "validate", "is"];
    let name = match last? {
        Segment::Literal { name } => name.as_str(),
        Segment::Call { name, .. } => local(name),
        _ => return None,
    };
    // The words of the name: `getMemberObjects` -> get, member, objects.
    let mut parts: Vec<String> = heck::ToSnakeCase::to_snake_case(name)
        .split('_')
        .map(str::to_string)
        .collect();
    let first = parts.first()?.to_ascii_lowercase();
    let verb_led = match op.kind {
        OperationKind::Action => true,
        OperationKind::Function => parts.len() > 1 && FUNCTION_VERBS.contains(&first.as_str()),
        _ => false,
    };
    if !verb_led || words.is_empty() {
        return None;
    }
    words.pop();
    let verb = camel(&parts.remove(0));
    words.extend(parts.iter().map(|p| camel(p)));
    Some(verb)
}

/// Whether segment `i` addresses an entity set by an alternate key
/// (`devices(deviceId='{deviceId}')`, `applications(appId='{appId}')`): a
/// call with named arguments that opens the path, where Graph binds no
/// functions.
fn alternate_key(segments: &[Segment], i: usize) -> bool {
    i == 0
        && matches!(segments, [Segment::Call { arguments, .. }, ..]
            if !arguments.is_empty() && arguments.iter().all(|a| a.name.is_some()))
}

/// A template query parameter as a word: `startDateTime={start}` is
/// `WithStartDateTime`; an OData option names what it selects
/// (`$expand=singleValueExtendedProperties($filter=...)` is
/// `WithSingleValueExtendedProperties`).
fn query_word(a: &crate::schema::Argument) -> String {
    let subject = odata_subject(a);
    format!(
        "With{}",
        camel(subject.as_deref().unwrap_or(a.name.as_deref().unwrap_or("value")))
    )
}

/// What an OData query option selects: the property its value starts with.
pub(super) fn odata_subject(a: &crate::schema::Argument) -> Option<String> {
    let name = a.name.as_deref()?;
    let Some(Piece::Text(text)) = a.value.first() else {
        return None;
    };
    let ident: String = text.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    (name.starts_with('$') && !ident.is_empty()).then_some(ident)
}

fn piece_word(p: &Piece) -> String {
    match p {
        Piece::Text(t) => camel(t),
        Piece::Param(p) | Piece::Quoted(p) => camel(&p.name),
    }
}

/// The last part of a qualified name (`microsoft.graph.group` -> `group`).
fn local(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name)
}

/// UpperCamelCase of the letters and digits of `text`.
fn camel(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let mut out = String::new();
    for word in clean.split_whitespace() {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::path::parse_request_line;
    use crate::schema::Permissions;

    /// Routes of the given kinds and request lines, named together.
    fn named(routes: &[(OperationKind, &[&str])]) -> (Vec<String>, Vec<Diagnostic>) {
        let requests: Vec<Vec<RequestLine>> = routes
            .iter()
            .map(|(_, lines)| {
                lines
                    .iter()
                    .map(|l| {
                        let (method, path) = parse_request_line(l, 1).unwrap();
                        RequestLine { method, path }
                    })
                    .collect()
            })
            .collect();
        let mut ops: Vec<Op> = routes
            .iter()
            .zip(&requests)
            .map(|((kind, _), r)| Op {
                rust_name: String::new(),
                aliases: Vec::new(),
                workload: "w".into(),
                feature: "w".into(),
                title: String::new(),
                kind: *kind,
                method: r[0].method,
                description: String::new(),
                guidance: Vec::new(),
                permissions: Permissions::default(),
                headers: Vec::new(),
                api_version: None,
                paths: Vec::new(),
                body: None,
                body_kind: None,
                response: None,
                raw_request: false,
                raw_response: false,
                status: None,
                answer: Default::default(),
                odata_query: false,
                query_options: Vec::new(),
                query_item: None,
                sources: vec!["page.md".into()],
                examples: Vec::new(),
            })
            .collect();
        let mut diagnostics = Vec::new();
        assign(&mut ops, &requests, &mut diagnostics);
        (ops.into_iter().map(|o| o.rust_name).collect(), diagnostics)
    }

    /// Operations (kind and request lines) and the name each gets.
    const NAME_CASES: &[(OperationKind, &[&str], &str)] = {
        use OperationKind::*;
        &[
            (List, &["GET /users"], "ListUsers"),
            (Get, &["GET /users/{id | userPrincipalName}", "GET /me"], "GetUser"),
            (
                Get,
                &["GET /devices/{id}", "GET /devices(deviceId='{deviceId}')"],
                "GetDevice",
            ),
            (Get, &["GET /devices(deviceId='{deviceId}')"], "GetDevice"),
            (Update, &["PATCH /applications(appId='{appId}')"], "UpdateApplication"),
            (Delete, &["DELETE /applications(appId='{appId}')"], "DeleteApplication"),
            (Create, &["POST /users"], "CreateUser"),
            (
                Update,
                &["PATCH /users/{id | userPrincipalName}", "PATCH /me"],
                "UpdateUser",
            ),
            (Delete, &["DELETE /users/{id | userPrincipalName}"], "DeleteUser"),
            (
                List,
                &["GET /me/messages", "GET /users/{id | userPrincipalName}/messages"],
                "ListUserMessages",
            ),
            (
                Create,
                &["POST /me/mailFolders/{id}/messages"],
                "CreateUserMailFolderMessage",
            ),
            (
                Get,
                &[
                    "GET /me/drive/items/{item-id}/content",
                    "GET /drives/{drive-id}/items/{item-id}/content",
                    "GET /groups/{group-id}/drive/items/{item-id}/content",
                ],
                "GetDriveItemContent",
            ),
            (
                Update,
                &["PUT /drives/{drive-id}/items/{item-id}/content"],
                "UploadDriveItemContent",
            ),
            (Get, &["GET /users/{id}/manager"], "GetUserManager"),
            (
                Action,
                &["POST /me/sendMail", "POST /users/{id | userPrincipalName}/sendMail"],
                "SendUserMail",
            ),
            // An action's own verb, never `Create`.
            (Action, &["POST /me/getMemberObjects"], "GetUserMemberObjects"),
            (
                Action,
                &["POST /teams/{teamId}/sendActivityNotification"],
                "SendTeamActivityNotification",
            ),
            (
                Action,
                &["POST /deviceManagement/deviceConfigurations/{id}/assign"],
                "AssignDeviceManagementDeviceConfiguration",
            ),
            (
                Function,
                &["GET /reports/getEmailActivityUserDetail(period='{period_value}')"],
                "GetReportsEmailActivityUserDetail",
            ),
            (Function, &["GET /users/delta"], "UsersDelta"),
            (
                Function,
                &["GET /me/drive/root/search(q='{search-text}')"],
                "UserDriveRootSearch",
            ),
            (Create, &["POST /groups/{id}/members/$ref"], "AddGroupMembersRef"),
            (
                Delete,
                &["DELETE /groups/{id}/members/{memberId}/$ref"],
                "RemoveGroupMemberRef",
            ),
            (Get, &["GET /users/$count"], "CountUsers"),
            // An operation its query identifies is named after what it selects.
            (
                Get,
                &["GET /me/messages/{id}?$expand=singleValueExtendedProperties($filter=id eq '{id}')"],
                "GetUserMessageWithSingleValueExtendedProperties",
            ),
            (
                List,
                &["GET /policies/conditionalAccessPolicies"],
                "ListPoliciesConditionalAccessPolicies",
            ),
            (
                Get,
                &["GET /identity/conditionalAccess/policies/{id}"],
                "GetIdentityConditionalAccessPolicy",
            ),
            (
                List,
                &["GET /users/{id}/memberOf/microsoft.graph.group"],
                "ListUserMemberOfAsGroup",
            ),
        ]
    };

    #[test]
    fn names_follow_method_and_path() {
        for (kind, lines, expected) in NAME_CASES {
            let (names, diagnostics) = named(&[(*kind, *lines)]);
            assert_eq!(names, [*expected], "{lines:?}");
            assert!(diagnostics.is_empty());
        }
    }

    #[test]
    fn collisions_are_resolved_by_what_differs_and_order_does_not_matter() {
        use OperationKind::*;
        let routes: [(OperationKind, &[&str]); 4] = [
            (List, &["GET /users/{id}/messages"]),
            (List, &["GET /me/messages"]),
            (Get, &["GET /drive/items/{item-id}/content?format={format}"]),
            (Get, &["GET /drive/items/{item-id}/content"]),
        ];
        let (names, diagnostics) = named(&routes);
        assert_eq!(
            names,
            [
                "ListUserMessages",
                "ListMeMessages",
                "GetDriveItemContentWithFormat",
                "GetDriveItemContent"
            ]
            .map(String::from)
        );
        assert!(diagnostics.is_empty());
        let mut reversed = routes;
        reversed.reverse();
        let (mut again, _) = named(&reversed);
        again.reverse();
        assert_eq!(again, names);
    }

    #[test]
    fn singulars_of_graph_collections() {
        for (plural, one) in [
            ("users", "user"),
            ("policies", "policy"),
            ("mailFolders", "mailFolder"),
            ("addresses", "address"),
            ("children", "child"),
            ("aliases", "alias"),
            ("photos", "photo"),
            ("status", "status"),
            ("access", "access"),
            ("analysis", "analysis"),
            ("branches", "branch"),
            ("drive", "drive"),
        ] {
            assert_eq!(singular(plural), one);
        }
    }
}
