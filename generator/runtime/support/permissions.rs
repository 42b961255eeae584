//! Permissions as data, and a planner: which scopes an application asks for
//! to make a given set of requests.
//!
//! Each route carries a [`RoutePermissions`] constant (`PERMISSIONS`) with,
//! per permission kind, the least privileged alternatives the page documents
//! and the higher privileged ones. [`plan`] takes the routes an application
//! calls and returns, per kind, the smallest set of least privileged scopes
//! it found that covers them all, with the routes each scope serves; routes
//! whose permissions are unknown or not supported for a kind are listed.
//!
//! This file has no dependencies: the generator compiles it too, so the
//! planner of `cargo xtask permissions` is this one.

/// Scopes needed together (`Policy.Read.All` and `Application.ReadWrite.All`).
pub type AllOf = &'static [&'static str];

/// What one permission kind requires of a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// The page does not say.
    Unknown,
    /// The kind cannot call the route.
    NotSupported,
    /// Any one alternative grants access; `least` are the least privileged,
    /// `higher` the higher privileged ones, in documented order.
    Scopes {
        /// The least privileged alternatives: ask for one of these.
        least: &'static [AllOf],
        /// Higher privileged alternatives, from less to more privileged.
        higher: &'static [AllOf],
    },
}

/// The permission kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Delegated, work or school account.
    DelegatedWork,
    /// Delegated, personal Microsoft account.
    DelegatedPersonal,
    /// Application (app-only).
    Application,
    /// Scopes a page lists without a kind.
    Unspecified,
}

impl Kind {
    /// Every kind, in the order pages list them.
    pub const ALL: [Kind; 4] = [
        Kind::DelegatedWork,
        Kind::DelegatedPersonal,
        Kind::Application,
        Kind::Unspecified,
    ];

    /// How the pages name the kind.
    pub fn label(self) -> &'static str {
        match self {
            Kind::DelegatedWork => "Delegated (work or school account)",
            Kind::DelegatedPersonal => "Delegated (personal Microsoft account)",
            Kind::Application => "Application",
            Kind::Unspecified => "Kind not given",
        }
    }
}

/// A national cloud.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cloud {
    /// The global service.
    Global,
    /// US Government L4.
    UsGovL4,
    /// US Government L5 (DOD).
    UsGovL5,
    /// China operated by 21Vianet.
    China,
}

/// Permissions that hold under a condition the page names (a resource, a
/// workload, a request path).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Condition {
    /// The condition as written.
    pub condition: &'static str,
    /// The documented paths it applies to; empty: the page does not say.
    pub paths: &'static [&'static str],
    /// Delegated, work or school account.
    pub delegated_work: Access,
    /// Delegated, personal Microsoft account.
    pub delegated_personal: Access,
    /// Application.
    pub application: Access,
    /// Without a kind.
    pub unspecified: Access,
}

/// Everything a page says about a route's permissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoutePermissions {
    /// The route's type name.
    pub route: &'static str,
    /// Delegated, work or school account.
    pub delegated_work: Access,
    /// Delegated, personal Microsoft account.
    pub delegated_personal: Access,
    /// Application.
    pub application: Access,
    /// Without a kind (classic pages).
    pub unspecified: Access,
    /// Permissions that hold under a condition.
    pub conditions: &'static [Condition],
    /// Directory roles a delegated caller must hold one of.
    pub directory_roles: &'static [&'static str],
    /// National clouds the route is available in; empty: not said.
    pub national_clouds: &'static [Cloud],
}

fn kind_access(kind: Kind, w: Access, p: Access, a: Access, u: Access) -> Access {
    match kind {
        Kind::DelegatedWork => w,
        Kind::DelegatedPersonal => p,
        Kind::Application => a,
        Kind::Unspecified => u,
    }
}

impl RoutePermissions {
    /// What `kind` requires of the route itself (conditions aside).
    pub fn access(&self, kind: Kind) -> Access {
        kind_access(
            kind,
            self.delegated_work,
            self.delegated_personal,
            self.application,
            self.unspecified,
        )
    }

    /// The least privileged alternatives of a kind for a request to `path`
    /// (a documented template; `None`: any path of the route): the route's
    /// own, and those of each condition tied to the path.
    ///
    /// Conditions tied to no path are never alternatives of one another:
    /// beside rows for everyone they hold only in a case (a scenario, such
    /// as reading one property) and are left out; where the page gives no
    /// row for everyone, one row per resource or case (`For users:`, `For
    /// groups:`), the requirement [`depends on`](Requirement::DependsOn)
    /// which applies, and [`RoutePermissions::requirement_in`] gives a case's.
    pub fn requirement(&self, kind: Kind, path: Option<&str>) -> Requirement<'static> {
        let mut req = Requirement::from_access(self.access(kind));
        let mut untied = Vec::new();
        for c in self.conditions {
            let access = c.access(kind);
            if c.paths.is_empty() {
                untied.push((c.condition, access));
            } else if path.is_none_or(|p| c.paths.iter().any(|q| q.eq_ignore_ascii_case(p))) {
                req.merge(Requirement::from_access(access));
            }
        }
        if req != Requirement::Unknown || untied.is_empty() {
            return req;
        }
        let cases: Vec<&'static str> = untied
            .iter()
            .filter(|(_, a)| matches!(a, Access::Scopes { .. }))
            .map(|(c, _)| *c)
            .collect();
        if !cases.is_empty() {
            Requirement::DependsOn(cases)
        } else if untied.iter().all(|(_, a)| *a == Access::NotSupported) {
            Requirement::NotSupported
        } else {
            Requirement::Unknown
        }
    }

    /// What a kind requires in one case the page names (`For users:`): that
    /// condition's row, with the route's own alternatives; `None` when the
    /// route has no such condition.
    pub fn requirement_in(&self, kind: Kind, condition: &str) -> Option<Requirement<'static>> {
        let c = self
            .conditions
            .iter()
            .find(|c| c.condition.eq_ignore_ascii_case(condition))?;
        let mut req = Requirement::from_access(self.access(kind));
        req.merge(Requirement::from_access(c.access(kind)));
        Some(req)
    }
}

impl Condition {
    /// What the condition's row gives a kind.
    pub fn access(&self, kind: Kind) -> Access {
        kind_access(
            kind,
            self.delegated_work,
            self.delegated_personal,
            self.application,
            self.unspecified,
        )
    }
}

/// What one route requires of one kind, as the planner sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Requirement<'a> {
    /// The page does not say.
    Unknown,
    /// Not supported for the kind.
    NotSupported,
    /// Any one of these all-of groups (least privileged) suffices.
    AnyOf(Vec<Vec<&'a str>>),
    /// The page gives one row per resource or case (these conditions) and
    /// none for everyone: which applies is the caller's to say
    /// ([`RoutePermissions::requirement_in`]); never planned as if any would do.
    DependsOn(Vec<&'a str>),
}

impl<'a> Requirement<'a> {
    /// The least privileged alternatives of an [`Access`].
    pub fn from_access(access: Access) -> Requirement<'static> {
        match access {
            Access::Unknown => Requirement::Unknown,
            Access::NotSupported => Requirement::NotSupported,
            Access::Scopes { least, higher } => {
                // A list with no least privileged entry: its first is the least.
                let list = if least.is_empty() {
                    &higher[..higher.len().min(1)]
                } else {
                    least
                };
                Requirement::AnyOf(list.iter().map(|g| g.to_vec()).collect())
            }
        }
    }

    /// Adds the alternatives of another source (a condition) to these.
    pub fn merge(&mut self, other: Requirement<'a>) {
        match (&mut *self, other) {
            (_, Requirement::Unknown) => {}
            (Requirement::AnyOf(mine), Requirement::AnyOf(more)) => {
                for g in more {
                    if !mine.contains(&g) {
                        mine.push(g);
                    }
                }
            }
            (Requirement::AnyOf(_), Requirement::NotSupported) => {}
            (me, other) => *me = other,
        }
    }
}

/// One request of the application, for [`plan`]: a label (a request line, a
/// route name) and what it requires per kind.
#[derive(Debug, Clone)]
pub struct Need<'a> {
    /// How the plan names the request.
    pub label: &'a str,
    /// What it requires, per kind, in the order of [`Kind::ALL`].
    pub requirements: [Requirement<'a>; 4],
}

impl<'a> Need<'a> {
    /// The needs of a route for a request to `path` (a documented template,
    /// or `None` for any path of the route).
    pub fn route(permissions: &RoutePermissions, path: Option<&str>, label: &'a str) -> Need<'a> {
        Need {
            label,
            requirements: Kind::ALL.map(|k| permissions.requirement(k, path)),
        }
    }
}

/// The plan of one permission kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindPlan<'a> {
    /// The kind.
    pub kind: Kind,
    /// Scopes to ask for, each with the labels of the requests it serves
    /// (a request needing an all-of group is served by each of its scopes).
    pub scopes: Vec<(&'a str, Vec<&'a str>)>,
    /// Requests whose permissions the pages do not give for this kind.
    pub unknown: Vec<&'a str>,
    /// Requests this kind cannot make.
    pub not_supported: Vec<&'a str>,
    /// Requests whose scope depends on the resource or case, with the
    /// conditions the page gives a row each: not planned.
    pub depends: Vec<(&'a str, Vec<&'a str>)>,
}

/// Per kind, the smallest set of least privileged scopes found that covers
/// every request (set cover: exact for up to 20 distinct alternatives,
/// greedy beyond), with the requests each scope serves, and the requests
/// whose permissions are unknown or not supported.
pub fn plan<'a>(needs: &[Need<'a>]) -> Vec<KindPlan<'a>> {
    Kind::ALL
        .iter()
        .enumerate()
        .map(|(i, kind)| plan_kind(*kind, needs.iter().map(|n| (n.label, &n.requirements[i]))))
        .filter(|p| !p.scopes.is_empty() || !p.not_supported.is_empty() || p.kind != Kind::Unspecified)
        .collect()
}

fn plan_kind<'a, 'r>(kind: Kind, needs: impl Iterator<Item = (&'a str, &'r Requirement<'a>)>) -> KindPlan<'a>
where
    'a: 'r,
{
    let mut out = KindPlan {
        kind,
        scopes: Vec::new(),
        unknown: Vec::new(),
        not_supported: Vec::new(),
        depends: Vec::new(),
    };
    let mut covered: Vec<(&'a str, &'r [Vec<&'a str>])> = Vec::new();
    for (label, req) in needs {
        match req {
            Requirement::Unknown => out.unknown.push(label),
            Requirement::NotSupported => out.not_supported.push(label),
            Requirement::AnyOf(alts) if alts.is_empty() => out.not_supported.push(label),
            Requirement::AnyOf(alts) => covered.push((label, alts)),
            Requirement::DependsOn(cases) => out.depends.push((label, cases.clone())),
        }
    }
    let chosen = choose(&covered.iter().map(|(_, a)| *a).collect::<Vec<_>>());
    for (label, alts) in &covered {
        // The first alternative (in documented order) the chosen set holds.
        let Some(group) = alts.iter().find(|g| g.iter().all(|s| chosen.contains(s))) else {
            continue;
        };
        for scope in group {
            match out.scopes.iter_mut().find(|(s, _)| s == scope) {
                Some((_, labels)) => {
                    if !labels.contains(label) {
                        labels.push(label)
                    }
                }
                None => out.scopes.push((scope, vec![label])),
            }
        }
    }
    out.scopes.sort_by(|a, b| a.0.cmp(b.0));
    out
}

/// The subsets of `n` items (n <= 20) with `size` members, as bit masks in
/// increasing order (Gosper's hack).
fn subsets(n: u32, size: u32) -> impl Iterator<Item = u32> {
    let limit = 1u32 << n;
    let first = if size == 0 { 0 } else { (1u32 << size) - 1 };
    let mut next = (size <= n).then_some(first);
    std::iter::from_fn(move || {
        let mask = next?;
        next = if mask == 0 {
            None
        } else {
            let low = mask & mask.wrapping_neg();
            let ripple = mask + low;
            Some((((ripple ^ mask) >> 2) / low) | ripple).filter(|m| *m < limit)
        };
        Some(mask)
    })
}

/// A smallest set of scopes holding one alternative of every requirement.
fn choose<'a>(reqs: &[&[Vec<&'a str>]]) -> Vec<&'a str> {
    // Requests with the same requirement are one requirement, weighed by
    // how many requests it stands for.
    let mut sorted = reqs.to_vec();
    sorted.sort_unstable();
    let mut weighed: Vec<(&[Vec<&'a str>], usize)> = Vec::new();
    for r in sorted {
        match weighed.last_mut() {
            Some((last, n)) if *last == r => *n += 1,
            _ => weighed.push((r, 1)),
        }
    }
    let reqs: Vec<&[Vec<&'a str>]> = weighed.iter().map(|(r, _)| *r).collect();
    let mut candidates: Vec<&'a str> = reqs.iter().flat_map(|r| r.iter().flatten().copied()).collect();
    candidates.sort_unstable();
    candidates.dedup();
    let satisfied = |set: &[&str], r: &[Vec<&str>]| r.iter().any(|g| g.iter().all(|s| set.contains(s)));
    if candidates.len() <= 20 {
        // Exact: subsets by size (a bit per candidate, so an alternative is
        // held when its bits are in the set); of the smallest, the first in
        // sorted order.
        let n = candidates.len();
        let bit = |s: &str| candidates.binary_search(&s).map_or(0, |i| 1u32 << i);
        let needs: Vec<Vec<u32>> = reqs
            .iter()
            .map(|r| r.iter().map(|g| g.iter().fold(0, |m, s| m | bit(s))).collect())
            .collect();
        let covers = |set: u32| needs.iter().all(|alts| alts.iter().any(|g| g & set == *g));
        let chosen = (0..=n as u32)
            .find_map(|size| subsets(n as u32, size).find(|mask| covers(*mask)))
            .unwrap_or(0);
        return (0..n)
            .filter(|i| chosen & (1 << i) != 0)
            .map(|i| candidates[i])
            .collect();
    }
    // Greedy: the alternative covering most unmet requests per new scope.
    let mut set: Vec<&'a str> = Vec::new();
    loop {
        let unmet: Vec<&(&[Vec<&str>], usize)> = weighed.iter().filter(|(r, _)| !satisfied(&set, r)).collect();
        if unmet.is_empty() {
            return set;
        }
        let mut best: Option<(f64, &Vec<&'a str>)> = None;
        for (r, _) in &unmet {
            for g in r.iter() {
                let new = g.iter().filter(|s| !set.contains(s)).count().max(1) as f64;
                let mut trial = set.clone();
                trial.extend(g.iter().copied());
                let served: usize = unmet.iter().filter(|(r, _)| satisfied(&trial, r)).map(|(_, n)| n).sum();
                let gain = served as f64 / new;
                if best.is_none_or(|(b, _)| gain > b) {
                    best = Some((gain, g));
                }
            }
        }
        let (_, g) = best.expect("an unmet requirement has an alternative");
        for s in g {
            if !set.contains(s) {
                set.push(s);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn need<'a>(label: &'a str, work: &[&[&'a str]]) -> Need<'a> {
        let req = Requirement::AnyOf(work.iter().map(|g| g.to_vec()).collect());
        Need {
            label,
            requirements: [
                req,
                Requirement::NotSupported,
                Requirement::Unknown,
                Requirement::Unknown,
            ],
        }
    }

    #[test]
    fn one_scope_serving_several_requests_beats_one_each() {
        let needs = [
            need("GET /me/messages", &[&["Mail.ReadBasic"], &["Mail.Read"]]),
            need("GET /me/messages/{id}/attachments", &[&["Mail.Read"]]),
            need("GET /me", &[&["User.Read"]]),
        ];
        let plans = plan(&needs);
        let work = &plans[0];
        assert_eq!(work.kind, Kind::DelegatedWork);
        assert_eq!(
            work.scopes,
            [
                (
                    "Mail.Read",
                    vec!["GET /me/messages", "GET /me/messages/{id}/attachments"]
                ),
                ("User.Read", vec!["GET /me"]),
            ]
        );
        assert_eq!(plans[1].not_supported.len(), 3);
        assert_eq!(plans[2].unknown.len(), 3);
    }

    #[test]
    fn subsets_come_by_size_in_increasing_order() {
        assert_eq!(
            subsets(4, 2).collect::<Vec<_>>(),
            [0b0011, 0b0101, 0b0110, 0b1001, 0b1010, 0b1100]
        );
        assert_eq!(subsets(3, 0).collect::<Vec<_>>(), [0]);
        assert_eq!(subsets(3, 3).collect::<Vec<_>>(), [0b111]);
        assert_eq!(subsets(20, 20).count(), 1);
        assert_eq!(subsets(20, 3).count(), 1140);
        assert_eq!(subsets(2, 3).count(), 0);
    }

    #[test]
    fn the_exact_cover_is_found_among_twenty_scopes() {
        // Nineteen requests, each served by a scope of its own or by two
        // shared ones together: the two shared scopes are the smallest plan.
        let names: Vec<String> = (0..18).map(|i| format!("Own{i:02}.Read")).collect();
        let labels: Vec<String> = (0..18).map(|i| format!("GET /r{i}")).collect();
        let mut needs: Vec<Need<'_>> = names
            .iter()
            .zip(&labels)
            .map(|(n, l)| need(l, &[&[n.as_str()], &["Shared.A", "Shared.B"]]))
            .collect();
        needs.push(need("GET /shared", &[&["Shared.B"]]));
        let scopes: Vec<&str> = plan(&needs)[0].scopes.iter().map(|(s, _)| *s).collect();
        assert_eq!(scopes, ["Shared.A", "Shared.B"]);
    }

    #[test]
    fn all_of_groups_are_asked_for_together() {
        let needs = [need("POST /x", &[&["Policy.Read.All", "Application.ReadWrite.All"]])];
        let scopes: Vec<&str> = plan(&needs)[0].scopes.iter().map(|(s, _)| *s).collect();
        assert_eq!(scopes, ["Application.ReadWrite.All", "Policy.Read.All"]);
    }

    #[test]
    fn conditions_tied_to_a_path_apply_to_it_only() {
        static C: [Condition; 1] = [Condition {
            condition: "group calendar",
            paths: &["/groups/{id}/calendar"],
            delegated_work: Access::Scopes {
                least: &[&["Group.Read.All"]],
                higher: &[],
            },
            delegated_personal: Access::NotSupported,
            application: Access::NotSupported,
            unspecified: Access::Unknown,
        }];
        let p = RoutePermissions {
            route: "GetCalendar",
            delegated_work: Access::Scopes {
                least: &[&["Calendars.Read"]],
                higher: &[&["Calendars.ReadWrite"]],
            },
            delegated_personal: Access::Unknown,
            application: Access::Unknown,
            unspecified: Access::Unknown,
            conditions: &C,
            directory_roles: &[],
            national_clouds: &[],
        };
        assert_eq!(
            p.requirement(Kind::DelegatedWork, Some("/me/calendar")),
            Requirement::AnyOf(vec![vec!["Calendars.Read"]])
        );
        assert_eq!(
            p.requirement(Kind::DelegatedWork, Some("/groups/{id}/calendar")),
            Requirement::AnyOf(vec![vec!["Calendars.Read"], vec!["Group.Read.All"]])
        );
    }

    const fn scopes(least: &'static [&'static [&'static str]]) -> Access {
        Access::Scopes { least, higher: &[] }
    }

    const fn untied(condition: &'static str, work: Access) -> Condition {
        Condition {
            condition,
            paths: &[],
            delegated_work: work,
            delegated_personal: Access::NotSupported,
            application: Access::Unknown,
            unspecified: Access::Unknown,
        }
    }

    fn route(work: Access, conditions: &'static [Condition]) -> RoutePermissions {
        RoutePermissions {
            route: "DeleteDirectoryDeletedItem",
            delegated_work: work,
            delegated_personal: Access::Unknown,
            application: Access::Unknown,
            unspecified: Access::Unknown,
            conditions,
            directory_roles: &[],
            national_clouds: &[],
        }
    }

    #[test]
    fn rows_per_resource_are_asked_never_planned_as_alternatives() {
        static PER_RESOURCE: [Condition; 2] = [
            untied("For users:", scopes(&[&["User.ReadWrite.All"]])),
            untied("For groups:", scopes(&[&["Group.ReadWrite.All"]])),
        ];
        let p = route(Access::Unknown, &PER_RESOURCE);
        let req = p.requirement(Kind::DelegatedWork, None);
        assert_eq!(req, Requirement::DependsOn(vec!["For users:", "For groups:"]));
        assert_eq!(p.requirement(Kind::DelegatedPersonal, None), Requirement::NotSupported);
        assert_eq!(
            p.requirement_in(Kind::DelegatedWork, "for groups:"),
            Some(Requirement::AnyOf(vec![vec!["Group.ReadWrite.All"]]))
        );
        assert_eq!(p.requirement_in(Kind::DelegatedWork, "For devices:"), None);
        let plans = plan(&[Need::route(&p, None, "DELETE /directory/deletedItems/x")]);
        let work = &plans[0];
        assert!(work.scopes.is_empty(), "{work:?}");
        assert_eq!(
            work.depends,
            [("DELETE /directory/deletedItems/x", vec!["For users:", "For groups:"])]
        );
    }

    #[test]
    fn rows_for_a_scenario_beside_rows_for_everyone_are_left_out() {
        static SCENARIO: [Condition; 1] = [untied(
            "To read the signInActivity property",
            scopes(&[&["AuditLog.Read.All"]]),
        )];
        let p = route(scopes(&[&["User.Read.All"]]), &SCENARIO);
        assert_eq!(
            p.requirement(Kind::DelegatedWork, Some("/users")),
            Requirement::AnyOf(vec![vec!["User.Read.All"]])
        );
    }
}
