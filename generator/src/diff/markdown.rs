//! The API diff as Markdown for a pull request: a summary line, then one
//! section per kind of change, breaking changes marked **breaking**.

use super::{view::PERMISSION_KINDS, Change, Report, Section, TypeKind};
use crate::resolve::types::DEFAULT_NAMESPACE;
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
            };
            let _ = write!(out, "\n### {title}\n\n");
        }
        out.push_str("- ");
        if entry.breaking {
            out.push_str("**breaking** ");
        }
        out.push_str(&line(&entry.change));
        out.push('\n');
    }
    out
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
            from,
            to,
        } => format!(
            "`{route}` (`{method} {path}`): request body {} -> {}",
            opt_ty(from),
            opt_ty(to)
        ),
        Change::ResponseChanged {
            route,
            method,
            path,
            from,
            to,
        } => format!(
            "`{route}` (`{method} {path}`): response {} -> {}",
            opt_ty(from),
            opt_ty(to)
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
        Change::TypeAdded { kind, name, rust_name } => {
            format!("added {} `{}` (`{rust_name}`)", type_kind(*kind), short(name))
        }
        Change::TypeRemoved { kind, name, rust_name } => {
            format!("removed {} `{}` (`{rust_name}`)", type_kind(*kind), short(name))
        }
        Change::TypeRenamed { kind, name, from, to } => {
            format!("{} `{}`: renamed `{from}` -> `{to}`", type_kind(*kind), short(name))
        }
        Change::BaseChanged { name, from, to } => {
            format!("`{}`: base type {} -> {}", short(name), opt_ty(from), opt_ty(to))
        }
        Change::PropertyAdded { owner, property, ty: t } => {
            format!("`{}.{property}`: added, `{}`", short(owner), ty(t))
        }
        Change::PropertyRemoved { owner, property, ty: t } => {
            format!("`{}.{property}`: removed (was `{}`)", short(owner), ty(t))
        }
        Change::PropertyChanged {
            owner,
            property,
            from,
            to,
        } => format!(
            "`{}.{property}`: type `{}` -> `{}`{}",
            short(owner),
            ty(from),
            ty(to),
            collection_note(from, to)
        ),
        Change::MemberAdded { owner, member } => format!("`{}`: added member `{member}`", short(owner)),
        Change::MemberRemoved { owner, member } => format!("`{}`: removed member `{member}`", short(owner)),
    }
}
