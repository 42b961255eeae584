//! API diff: what changed for a user of the generated crate between two
//! resolved schemas, each change marked breaking or not.
//!
//! Schemas are compared by stable keys (request lines, wire names), never by
//! Rust names alone; a Rust name that changes for the same key is reported
//! as a rename. Only what shapes the emitted API is compared (routes, their
//! bodies, responses and permissions; types, properties, base types, enum
//! members): descriptions, sources and examples are not API changes.
//! [`markdown`] renders a report for a pull request; the report is also
//! plain serde data for `--json`. [`locate`] names where each change is on
//! each side; with metadata, drift that appears or goes is reported too (a
//! page change the metadata overrides changes no API but is not dropped).

pub mod locate;
pub mod markdown;
pub mod view;

use crate::diagnostic::Diagnostic;
use crate::schema::Page;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use view::{LineKey, OpView, View};

/// One change between the base and the head schema.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "kebab-case")]
pub enum Change {
    /// A request line that no route served before.
    RouteAdded {
        method: String,
        path: String,
        route: String,
    },
    /// A request line that no route serves any more.
    RouteRemoved {
        method: String,
        path: String,
        route: String,
    },
    /// The same operation under another Rust name.
    RouteRenamed {
        method: String,
        path: String,
        from: String,
        to: String,
    },
    /// The request body's type (`None`: no body), by wire name and as the
    /// Rust type a caller passes; `lost`: properties the head's body sends
    /// that the base's body type no longer has (why a model of the page's
    /// own rows took its place).
    BodyChanged {
        route: String,
        method: String,
        path: String,
        from: Option<String>,
        to: Option<String>,
        from_rust: Option<String>,
        to_rust: Option<String>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        lost: Vec<String>,
    },
    /// The response's type (`None`: no typed response), by wire name and in Rust.
    ResponseChanged {
        route: String,
        method: String,
        path: String,
        from: Option<String>,
        to: Option<String>,
        from_rust: Option<String>,
        to_rust: Option<String>,
    },
    /// Scopes an operation now also accepts.
    PermissionsAdded {
        route: String,
        method: String,
        path: String,
        kind: String,
        scopes: Vec<String>,
    },
    /// Scopes an operation no longer accepts (narrowed).
    PermissionsRemoved {
        route: String,
        method: String,
        path: String,
        kind: String,
        scopes: Vec<String>,
    },
    TypeAdded {
        kind: TypeKind,
        name: String,
        rust_name: String,
    },
    TypeRemoved {
        kind: TypeKind,
        name: String,
        rust_name: String,
    },
    TypeRenamed {
        kind: TypeKind,
        name: String,
        from: String,
        to: String,
    },
    BaseChanged {
        name: String,
        from: Option<String>,
        to: Option<String>,
    },
    PropertyAdded {
        owner: String,
        property: String,
        ty: String,
    },
    PropertyRemoved {
        owner: String,
        property: String,
        ty: String,
    },
    /// A property's type changed (its element type, its collection-ness, or both).
    PropertyChanged {
        owner: String,
        property: String,
        from: String,
        to: String,
    },
    MemberAdded {
        owner: String,
        member: String,
    },
    MemberRemoved {
        owner: String,
        member: String,
    },
    /// A disagreement between pages and metadata that the head has and the
    /// base had not: a page change the metadata overrides (no API change).
    DriftAdded {
        code: String,
        message: String,
        file: String,
        line: u32,
    },
    /// A disagreement the base had and the head has not.
    DriftRemoved {
        code: String,
        message: String,
        file: String,
        line: u32,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TypeKind {
    Model,
    Enum,
}

/// The report's sections, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    Routes,
    Permissions,
    Types,
    Enums,
    Drift,
}

impl Change {
    /// Breaking for a user of the generated crate: code that compiled and
    /// worked against the base may not against the head. Additions are not
    /// breaking (models are built with `Default`, and enums already carry an
    /// `UnknownValue` arm for members they do not name).
    pub fn breaking(&self) -> bool {
        !matches!(
            self,
            Change::RouteAdded { .. }
                | Change::PermissionsAdded { .. }
                | Change::TypeAdded { .. }
                | Change::PropertyAdded { .. }
                | Change::MemberAdded { .. }
                | Change::DriftAdded { .. }
                | Change::DriftRemoved { .. }
        )
    }

    pub fn section(&self) -> Section {
        match self {
            Change::RouteAdded { .. }
            | Change::RouteRemoved { .. }
            | Change::RouteRenamed { .. }
            | Change::BodyChanged { .. }
            | Change::ResponseChanged { .. } => Section::Routes,
            Change::PermissionsAdded { .. } | Change::PermissionsRemoved { .. } => Section::Permissions,
            Change::TypeAdded {
                kind: TypeKind::Enum, ..
            }
            | Change::TypeRemoved {
                kind: TypeKind::Enum, ..
            }
            | Change::TypeRenamed {
                kind: TypeKind::Enum, ..
            }
            | Change::MemberAdded { .. }
            | Change::MemberRemoved { .. } => Section::Enums,
            Change::TypeAdded { .. }
            | Change::TypeRemoved { .. }
            | Change::TypeRenamed { .. }
            | Change::BaseChanged { .. }
            | Change::PropertyAdded { .. }
            | Change::PropertyRemoved { .. }
            | Change::PropertyChanged { .. } => Section::Types,
            Change::DriftAdded { .. } | Change::DriftRemoved { .. } => Section::Drift,
        }
    }

    /// Sort key: section, then the thing changed (request line or wire
    /// name), then the kind of change.
    fn sort_key(&self) -> (Section, String, String, u8) {
        let section = self.section();
        let line = |method: &str, path: &str| format!("{} {method}", view::normalize_path(path));
        match self {
            Change::RouteAdded { method, path, .. } => (section, line(method, path), String::new(), 0),
            Change::RouteRemoved { method, path, .. } => (section, line(method, path), String::new(), 1),
            Change::RouteRenamed { method, path, .. } => (section, line(method, path), String::new(), 2),
            Change::BodyChanged { method, path, .. } => (section, line(method, path), String::new(), 3),
            Change::ResponseChanged { method, path, .. } => (section, line(method, path), String::new(), 4),
            Change::PermissionsAdded { method, path, kind, .. } => (section, line(method, path), kind.clone(), 0),
            Change::PermissionsRemoved { method, path, kind, .. } => (section, line(method, path), kind.clone(), 1),
            Change::TypeAdded { name, .. } => (section, name.clone(), String::new(), 0),
            Change::TypeRemoved { name, .. } => (section, name.clone(), String::new(), 1),
            Change::TypeRenamed { name, .. } => (section, name.clone(), String::new(), 2),
            Change::BaseChanged { name, .. } => (section, name.clone(), String::new(), 3),
            Change::PropertyAdded { owner, property, .. }
            | Change::PropertyRemoved { owner, property, .. }
            | Change::PropertyChanged { owner, property, .. } => (section, owner.clone(), property.clone(), 4),
            Change::MemberAdded { owner, member } | Change::MemberRemoved { owner, member } => {
                (section, owner.clone(), member.clone(), 4)
            }
            Change::DriftAdded { code, message, .. } => (section, code.clone(), message.clone(), 0),
            Change::DriftRemoved { code, message, .. } => (section, code.clone(), message.clone(), 1),
        }
    }
}

/// A change with its verdict and where it is on each side, as `--json`
/// writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub breaking: bool,
    #[serde(flatten)]
    pub change: Change,
    /// Where it is in the base's pages (`None`: not there, or not known).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base: Option<locate::Location>,
    /// Where it is in the head's pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub head: Option<locate::Location>,
}

/// Every change from base to head, sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub breaking: usize,
    pub changes: Vec<Entry>,
}

impl Report {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// Compares two resolved schemas.
pub fn diff(base: &crate::resolve::Schema, head: &crate::resolve::Schema) -> Report {
    diff_views(&View::of(base), &View::of(head))
}

/// Compares two schema views.
pub fn diff_views(base: &View, head: &View) -> Report {
    let mut changes = Vec::new();
    routes(base, head, &mut changes);
    models(base, head, &mut changes);
    enums(base, head, &mut changes);
    report_of(changes)
}

/// Sorted changes with their verdicts (no places yet).
fn report_of(mut changes: Vec<Change>) -> Report {
    changes.sort_by_cached_key(Change::sort_key);
    changes.dedup();
    let changes: Vec<Entry> = changes
        .into_iter()
        .map(|change| Entry {
            breaking: change.breaking(),
            change,
            base: None,
            head: None,
        })
        .collect();
    Report {
        breaking: changes.iter().filter(|e| e.breaking).count(),
        changes,
    }
}

fn first_line(op: &OpView) -> (&LineKey, &String) {
    op.lines.iter().next().expect("an operation has a path")
}

fn routes(base: &View, head: &View, out: &mut Vec<Change>) {
    for (key, ops) in &head.lines {
        if !base.lines.contains_key(key) {
            let op = &head.ops[ops[0]];
            out.push(Change::RouteAdded {
                method: key.0.clone(),
                path: op.lines[key].clone(),
                route: op.rust_name.clone(),
            });
        }
    }
    for (key, ops) in &base.lines {
        if !head.lines.contains_key(key) {
            let op = &base.ops[ops[0]];
            out.push(Change::RouteRemoved {
                method: key.0.clone(),
                path: op.lines[key].clone(),
                route: op.rust_name.clone(),
            });
        }
    }
    for now in &head.ops {
        let Some(before) = matching_op(base, now) else {
            continue;
        };
        let shared = now.lines.keys().find(|k| before.lines.contains_key(*k));
        let (key, path) = shared.map(|k| (k, &now.lines[k])).unwrap_or_else(|| first_line(now));
        let (method, path, route) = (key.0.clone(), path.clone(), now.rust_name.clone());
        if before.rust_name != now.rust_name {
            out.push(Change::RouteRenamed {
                method: method.clone(),
                path: path.clone(),
                from: before.rust_name.clone(),
                to: now.rust_name.clone(),
            });
        }
        if before.body != now.body {
            out.push(Change::BodyChanged {
                route: route.clone(),
                method: method.clone(),
                path: path.clone(),
                from: before.body.clone(),
                to: now.body.clone(),
                from_rust: before.body.as_deref().map(|k| base.rust_type(k)),
                to_rust: now.body.as_deref().map(|k| head.rust_type(k)),
                lost: lost_properties(base, head, before.body.as_deref(), now.body.as_deref()),
            });
        }
        if before.response != now.response {
            out.push(Change::ResponseChanged {
                route: route.clone(),
                method: method.clone(),
                path: path.clone(),
                from: before.response.clone(),
                to: now.response.clone(),
                from_rust: before.response.as_deref().map(|k| base.rust_type(k)),
                to_rust: now.response.as_deref().map(|k| head.rust_type(k)),
            });
        }
        let empty = BTreeSet::new();
        for (kind, _) in view::PERMISSION_KINDS {
            let was = before.permissions.get(kind).unwrap_or(&empty);
            let is = now.permissions.get(kind).unwrap_or(&empty);
            let added: Vec<String> = is.difference(was).cloned().collect();
            let removed: Vec<String> = was.difference(is).cloned().collect();
            if !added.is_empty() {
                out.push(Change::PermissionsAdded {
                    route: route.clone(),
                    method: method.clone(),
                    path: path.clone(),
                    kind: kind.to_string(),
                    scopes: added,
                });
            }
            if !removed.is_empty() {
                out.push(Change::PermissionsRemoved {
                    route: route.clone(),
                    method: method.clone(),
                    path: path.clone(),
                    kind: kind.to_string(),
                    scopes: removed,
                });
            }
        }
    }
}

/// Properties the head's body model `to` has that the base's body type
/// `from` had and no longer has in the head: why `to` took its place.
fn lost_properties(base: &View, head: &View, from: Option<&str>, to: Option<&str>) -> Vec<String> {
    let (Some(from), Some(to)) = (from, to) else {
        return Vec::new();
    };
    let (Some(body), Some(was), Some(is)) = (head.models.get(to), base.models.get(from), head.models.get(from)) else {
        return Vec::new();
    };
    body.fields
        .keys()
        .filter(|p| was.fields.contains_key(*p) && !is.fields.contains_key(*p))
        .cloned()
        .collect()
}

/// The base operation that is the same operation as `now`: the one sharing
/// the most request lines with it; among those, one of the same Rust name,
/// then the one with the fewest other lines, then the first.
fn matching_op<'a>(base: &'a View, now: &OpView) -> Option<&'a OpView> {
    let mut shared: BTreeMap<usize, usize> = BTreeMap::new();
    for key in now.lines.keys() {
        for &index in base.lines.get(key).into_iter().flatten() {
            *shared.entry(index).or_default() += 1;
        }
    }
    shared
        .into_iter()
        .min_by_key(|&(index, count)| {
            let op = &base.ops[index];
            (
                std::cmp::Reverse(count),
                op.rust_name != now.rust_name,
                op.lines.len() - count,
                index,
            )
        })
        .map(|(index, _)| &base.ops[index])
}

fn models(base: &View, head: &View, out: &mut Vec<Change>) {
    for (name, now) in &head.models {
        let Some(before) = base.models.get(name) else {
            out.push(Change::TypeAdded {
                kind: TypeKind::Model,
                name: name.clone(),
                rust_name: now.rust_name.clone(),
            });
            continue;
        };
        if before.rust_name != now.rust_name {
            out.push(Change::TypeRenamed {
                kind: TypeKind::Model,
                name: name.clone(),
                from: before.rust_name.clone(),
                to: now.rust_name.clone(),
            });
        }
        if before.base != now.base {
            out.push(Change::BaseChanged {
                name: name.clone(),
                from: before.base.clone(),
                to: now.base.clone(),
            });
        }
        // A property change is reported on the type that declares it, not
        // again on every type derived from it: skipped where the same base
        // type has the same change.
        let parents = match (&before.base, &now.base) {
            (Some(b), Some(h)) if b == h => base.models.get(b).zip(head.models.get(h)),
            _ => None,
        };
        let inherited = |property: &String, was: Option<&String>, is: Option<&String>| {
            parents.is_some_and(|(p0, p1)| p0.fields.get(property) == was && p1.fields.get(property) == is)
        };
        let properties: BTreeSet<&String> = before.fields.keys().chain(now.fields.keys()).collect();
        for property in properties {
            let (was, is) = (before.fields.get(property), now.fields.get(property));
            if was == is || inherited(property, was, is) {
                continue;
            }
            let (owner, property) = (name.clone(), property.clone());
            out.push(match (was, is) {
                (None, Some(ty)) => Change::PropertyAdded {
                    owner,
                    property,
                    ty: ty.clone(),
                },
                (Some(ty), None) => Change::PropertyRemoved {
                    owner,
                    property,
                    ty: ty.clone(),
                },
                (Some(from), Some(to)) => Change::PropertyChanged {
                    owner,
                    property,
                    from: from.clone(),
                    to: to.clone(),
                },
                (None, None) => unreachable!("a property of one side"),
            });
        }
    }
    for (name, before) in &base.models {
        if !head.models.contains_key(name) {
            out.push(Change::TypeRemoved {
                kind: TypeKind::Model,
                name: name.clone(),
                rust_name: before.rust_name.clone(),
            });
        }
    }
}

fn enums(base: &View, head: &View, out: &mut Vec<Change>) {
    for (name, now) in &head.enums {
        let Some(before) = base.enums.get(name) else {
            out.push(Change::TypeAdded {
                kind: TypeKind::Enum,
                name: name.clone(),
                rust_name: now.rust_name.clone(),
            });
            continue;
        };
        if before.rust_name != now.rust_name {
            out.push(Change::TypeRenamed {
                kind: TypeKind::Enum,
                name: name.clone(),
                from: before.rust_name.clone(),
                to: now.rust_name.clone(),
            });
        }
        for member in now.members.difference(&before.members) {
            out.push(Change::MemberAdded {
                owner: name.clone(),
                member: member.clone(),
            });
        }
        for member in before.members.difference(&now.members) {
            out.push(Change::MemberRemoved {
                owner: name.clone(),
                member: member.clone(),
            });
        }
    }
    for (name, before) in &base.enums {
        if !head.enums.contains_key(name) {
            out.push(Change::TypeRemoved {
                kind: TypeKind::Enum,
                name: name.clone(),
                rust_name: before.rust_name.clone(),
            });
        }
    }
}

/// One side of a diff: its resolved schema, the pages it was read from and
/// the diagnostics resolving gave (drift among them, with metadata).
pub struct Side {
    pub schema: crate::resolve::Schema,
    pub pages: Vec<Page>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads an input folder as every command does ([`crate::load`]: its
/// fixes, its CSDL: `csdl`, else the folder's `generator.json`) and
/// resolves it.
pub fn read_side(input: &std::path::Path, csdl: Option<std::path::PathBuf>) -> Result<Side, crate::regen::RegenError> {
    let (pages, resolved) = crate::load::load(input, csdl)?.resolve();
    Ok(Side {
        schema: resolved.schema,
        pages,
        diagnostics: resolved.diagnostics,
    })
}

/// Reads an input folder and resolves it: the schema a diff compares, and
/// the number of pages read.
pub fn resolve_input(
    input: &std::path::Path,
    csdl: Option<std::path::PathBuf>,
) -> Result<(crate::resolve::Schema, usize), crate::regen::RegenError> {
    let side = read_side(input, csdl)?;
    Ok((side.schema, side.pages.len()))
}

/// The whole diff of two sides: API changes, drift that appeared or went,
/// and where each is on each side.
pub fn diff_sides(base: &Side, head: &Side) -> Report {
    let mut changes = diff(&base.schema, &head.schema)
        .changes
        .into_iter()
        .map(|e| e.change)
        .collect::<Vec<_>>();
    changes.extend(drift(&base.diagnostics, &head.diagnostics));
    let mut report = report_of(changes);
    locate::locate(&mut report, (&base.pages, &base.schema), (&head.pages, &head.schema));
    report
}

/// Drift diagnostics of one side and not the other, compared by code and
/// message (a page's lines may move while its drift stays the same).
fn drift(base: &[Diagnostic], head: &[Diagnostic]) -> Vec<Change> {
    let keys = |all: &[Diagnostic]| -> BTreeSet<(String, String)> {
        all.iter()
            .filter(|d| d.code.starts_with("drift-"))
            .map(|d| (d.code.clone(), d.message.clone()))
            .collect()
    };
    let (was, is) = (keys(base), keys(head));
    let mut out = Vec::new();
    for d in head.iter().filter(|d| d.code.starts_with("drift-")) {
        if !was.contains(&(d.code.clone(), d.message.clone())) {
            out.push(Change::DriftAdded {
                code: d.code.clone(),
                message: d.message.clone(),
                file: d.file.clone(),
                line: d.line,
            });
        }
    }
    for d in base.iter().filter(|d| d.code.starts_with("drift-")) {
        if !is.contains(&(d.code.clone(), d.message.clone())) {
            out.push(Change::DriftRemoved {
                code: d.code.clone(),
                message: d.message.clone(),
                file: d.file.clone(),
                line: d.line,
            });
        }
    }
    out
}
