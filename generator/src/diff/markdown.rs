//! The API diff as Markdown for a pull request: a summary line, then one
//! section per kind of change, breaking changes marked **breaking**, each
//! named as a caller sees it (Rust names) and followed by where it is on
//! each side.

use super::{view::PERMISSION_KINDS, Change, Report, Section, TypeKind};
use crate::facts::DEFAULT_NAMESPACE;
use std::fmt::Write;

/// Renders a report. No changes give a single line saying so.
pub fn render(report: &Report) -> String {
    let mut out = String::from("## API changes\n\n");
    if report.is_empty() {
        out.push_str("No API changes.\n");
        return out;
    }
    let _ = writeln!(
        out,
        "{} {}, {} breaking.",
        report.changes.len(),
        if report.changes.len() == 1 { "change" } else { "changes" },
        report.breaking
    );
    let mut section = None;
    for entry in &report.changes {
        let this = entry.change.section();
        if section != Some(this) {
            section = Some(this);
            let title = match this {
                Section::Routes => "Routes",
                Section::Permissions => "Permissions",
                Section::Types => "Types",
                Section::Enums => "Enums",
                Section::Drift => "Drift (pages against the metadata; no API change)",
            };
            let _ = write!(out, "\n### {title}\n\n");
        }
        out.push_str("- ");
        if entry.breaking {
            out.push_str("**breaking** ");
        }
        out.push_str(&line(&entry.change));
        out.push_str(&places(entry));
        out.push('\n');
    }
    out
}

/// Where a change is: ` (base `a.md:3`, head `a.md:4`)`, one side only
/// where the other has nothing.
fn places(entry: &super::Entry) -> String {
    let side = |name: &str, at: &Option<super::locate::Location>| at.as_ref().map(|l| format!("{name} `{}`", l.text()));
    let sides: Vec<String> = [side("base", &entry.base), side("head", &entry.head)]
        .into_iter()
        .flatten()
        .collect();
    if sides.is_empty() {
        String::new()
    } else {
        format!(" ({})", sides.join(", "))
    }
}

/// A model of one route's body, by its key: `api/x.md#Route` (the page's
/// own body rows) or `microsoft.graph.act#Route` (an action's parameters).
fn body_model(name: &str) -> Option<String> {
    let (source, route) = name.split_once('#')?;
    Some(if source.ends_with(".md") || source.ends_with(".txt") {
        format!("the request body of `{route}`, from the rows of its page")
    } else {
        format!("the parameters of `{}` sent by `{route}`", short(source))
    })
}

/// A type named for a caller: its Rust name, and what it is when it has no
/// name of its own in the API (a route's body model).
fn named_type(kind: TypeKind, name: &str, rust_name: &str) -> String {
    match body_model(name) {
        Some(what) => format!("{} `{rust_name}` ({what})", type_kind(kind)),
        None => format!("{} `{}` (`{rust_name}`)", type_kind(kind), short(name)),
    }
}

/// A property named for a reader: `user.jobTitle`, or `jobTitle` of a
/// route's body model.
fn prop(owner: &str, property: &str) -> String {
    match body_model(owner) {
        Some(what) => format!("`{property}` of {what}"),
        None => format!("`{}.{property}`", short(owner)),
    }
}

/// A route's type as a caller sees it: `none`, or the Rust type.
fn rust_ty(rust: &Option<String>) -> String {
    rust.as_deref().map_or_else(|| "none".to_string(), |r| format!("`{r}`"))
}

/// Why a body became a model of the page's own rows.
fn lost_note(from: &Option<String>, lost: &[String]) -> String {
    match from {
        Some(from) if !lost.is_empty() => format!(
            " (`{from}` no longer has {} that the page sends)",
            lost.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ")
        ),
        _ => String::new(),
    }
}

/// A wire name without the default namespace (`microsoft.graph.user` -> `user`).
fn short(name: &str) -> &str {
    name.strip_prefix(DEFAULT_NAMESPACE)
        .and_then(|rest| rest.strip_prefix('.'))
        .unwrap_or(name)
}

/// A type key with short names inside: `Collection(microsoft.graph.user)` -> `Collection(user)`.
fn ty(key: &str) -> String {
    match key.strip_prefix("Collection(").and_then(|k| k.strip_suffix(')')) {
        Some(inner) => format!("Collection({})", ty(inner)),
        None => short(key).to_string(),
    }
}

fn opt_ty(key: &Option<String>) -> String {
    key.as_deref()
        .map_or_else(|| "none".to_string(), |k| format!("`{}`", ty(k)))
}

fn kind_name(kind: &str) -> &'static str {
    PERMISSION_KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("unknown kind", |(_, name)| name)
}

fn scopes(list: &[String]) -> String {
    list.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
}

fn type_kind(kind: TypeKind) -> &'static str {
    match kind {
        TypeKind::Model => "model",
        TypeKind::Enum => "enum",
    }
}

/// What changed in a property's type, in words, beyond the two types.
fn collection_note(from: &str, to: &str) -> &'static str {
    match (from.starts_with("Collection("), to.starts_with("Collection(")) {
        (false, true) => " (now a collection)",
        (true, false) => " (no longer a collection)",
        _ => "",
    }
}

fn line(change: &Change) -> String {
    match change {
        Change::RouteAdded { method, path, route } => format!("added `{method} {path}` (`{route}`)"),
        Change::RouteRemoved { method, path, route } => format!("removed `{method} {path}` (`{route}`)"),
        Change::RouteRenamed { method, path, from, to } => {
            format!("`{method} {path}`: route renamed `{from}` -> `{to}`")
        }
        Change::BodyChanged {
            route,
            method,
            path,
            from_rust,
            to_rust,
            lost,
            ..
        } => format!(
            "`{route}` (`{method} {path}`): request body {} -> {}{}",
            rust_ty(from_rust),
            rust_ty(to_rust),
            lost_note(from_rust, lost)
        ),
        Change::ResponseChanged {
            route,
            method,
            path,
            from_rust,
            to_rust,
            ..
        } => format!(
            "`{route}` (`{method} {path}`): response {} -> {}",
            rust_ty(from_rust),
            rust_ty(to_rust)
        ),
        Change::PermissionsAdded {
            route,
            method,
            path,
            kind,
            scopes: list,
        } => format!(
            "`{route}` (`{method} {path}`): {} now also accepts {}",
            kind_name(kind),
            scopes(list)
        ),
        Change::PermissionsRemoved {
            route,
            method,
            path,
            kind,
            scopes: list,
        } => format!(
            "`{route}` (`{method} {path}`): {} no longer accepts {}",
            kind_name(kind),
            scopes(list)
        ),
        Change::TypeAdded { kind, name, rust_name } => format!("added {}", named_type(*kind, name, rust_name)),
        Change::TypeRemoved { kind, name, rust_name } => format!("removed {}", named_type(*kind, name, rust_name)),
        Change::TypeRenamed { kind, name, from, to } => match body_model(name) {
            Some(what) => format!("{} {what}: renamed `{from}` -> `{to}`", type_kind(*kind)),
            None => format!("{} `{}`: renamed `{from}` -> `{to}`", type_kind(*kind), short(name)),
        },
        Change::BaseChanged { name, from, to } => {
            format!("`{}`: base type {} -> {}", short(name), opt_ty(from), opt_ty(to))
        }
        Change::PropertyAdded { owner, property, ty: t } => {
            format!("{}: added, `{}`", prop(owner, property), ty(t))
        }
        Change::PropertyRemoved { owner, property, ty: t } => {
            format!("{}: removed (was `{}`)", prop(owner, property), ty(t))
        }
        Change::PropertyChanged {
            owner,
            property,
            from,
            to,
        } => format!(
            "{}: type `{}` -> `{}`{}",
            prop(owner, property),
            ty(from),
            ty(to),
            collection_note(from, to)
        ),
        Change::MemberAdded { owner, member } => format!("`{}`: added member `{member}`", short(owner)),
        Change::MemberRemoved { owner, member } => format!("`{}`: removed member `{member}`", short(owner)),
        Change::DriftAdded { code, message, .. } => format!("new {code}: {message}"),
        Change::DriftRemoved { code, message, .. } => format!("gone {code}: {message}"),
    }
}
