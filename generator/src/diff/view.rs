//! A resolved schema seen by stable keys: request lines (method and path up
//! to parameter names), qualified wire names of types, properties and enum
//! members. Rust names are kept only to name things in the report; they
//! never decide what is the same thing.

use crate::resolve::{Schema, Ty};
use crate::schema::{PermissionKind, Permissions};
use std::collections::{BTreeMap, BTreeSet};

/// A request line: `GET` and the path with every `{placeholder}` made `{}`,
/// so `/users/{id}` and `/users/{user-id}` are one line.
pub type LineKey = (String, String);

/// What a diff compares of one operation.
#[derive(Debug, Clone)]
pub struct OpView {
    pub rust_name: String,
    /// Request lines, with the path as written (first per key).
    pub lines: BTreeMap<LineKey, String>,
    pub body: Option<String>,
    pub response: Option<String>,
    /// Scopes by permission kind (`delegated-work`, ...); kinds a page does
    /// not state are absent.
    pub permissions: BTreeMap<&'static str, BTreeSet<String>>,
}

#[derive(Debug, Clone)]
pub struct ModelView {
    pub rust_name: String,
    pub base: Option<String>,
    /// Every property, inherited ones included, by wire name: its type.
    pub fields: BTreeMap<String, String>,
}

#[derive(Debug, Clone)]
pub struct EnumView {
    pub rust_name: String,
    pub members: BTreeSet<String>,
}

/// The comparable content of a schema.
#[derive(Debug, Clone, Default)]
pub struct View {
    pub ops: Vec<OpView>,
    /// Which operations document each request line (indexes into `ops`).
    pub lines: BTreeMap<LineKey, Vec<usize>>,
    pub models: BTreeMap<String, ModelView>,
    pub enums: BTreeMap<String, EnumView>,
}

/// `/users/{id}/events?start={s}` -> `/users/{}/events?start={}`.
pub fn normalize_path(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut depth = 0usize;
    for c in template.chars() {
        match c {
            '{' => {
                if depth == 0 {
                    out.push_str("{}");
                }
                depth += 1;
            }
            '}' if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    out
}

impl View {
    pub fn of(schema: &Schema) -> View {
        let model_wire: BTreeMap<&str, &str> = schema
            .models
            .values()
            .map(|m| (m.rust_name.as_str(), m.wire_name.as_str()))
            .collect();
        let enum_wire: BTreeMap<&str, &str> = schema
            .enums
            .values()
            .map(|e| (e.rust_name.as_str(), e.wire_name.as_str()))
            .collect();
        let ty = |t: &Ty| type_key(t, &model_wire, &enum_wire);

        let mut view = View::default();
        for op in &schema.operations {
            let method = op.method.as_str().to_string();
            let mut lines = BTreeMap::new();
            for path in &op.paths {
                lines
                    .entry((method.clone(), normalize_path(&path.template)))
                    .or_insert_with(|| path.template.clone());
            }
            let index = view.ops.len();
            for key in lines.keys() {
                view.lines.entry(key.clone()).or_default().push(index);
            }
            view.ops.push(OpView {
                rust_name: op.rust_name.clone(),
                lines,
                body: op.body.as_ref().map(ty),
                response: op.response.as_ref().map(ty),
                permissions: permission_sets(&op.permissions),
            });
        }
        for (wire, model) in &schema.models {
            view.models.insert(
                wire.clone(),
                ModelView {
                    rust_name: model.rust_name.clone(),
                    base: model.base.clone(),
                    fields: model.fields.iter().map(|f| (f.wire_name.clone(), ty(&f.ty))).collect(),
                },
            );
        }
        for (wire, e) in &schema.enums {
            view.enums.insert(
                wire.clone(),
                EnumView {
                    rust_name: e.rust_name.clone(),
                    members: e.variants.iter().map(|v| v.wire_name.clone()).collect(),
                },
            );
        }
        view
    }
}

impl View {
    /// The Rust type a caller sees for a type key: a model's or enum's Rust
    /// name, `Vec<...>` for a collection, a primitive by its EDM name.
    pub fn rust_type(&self, key: &str) -> String {
        if let Some(inner) = key.strip_prefix("Collection(").and_then(|k| k.strip_suffix(')')) {
            return format!("Vec<{}>", self.rust_type(inner));
        }
        if let Some(m) = self.models.get(key) {
            return m.rust_name.clone();
        }
        if let Some(e) = self.enums.get(key) {
            return e.rust_name.clone();
        }
        key.to_string()
    }
}

/// A type by wire names: `Edm.String`, `microsoft.graph.user`,
/// `Collection(microsoft.graph.user)`.
fn type_key(ty: &Ty, models: &BTreeMap<&str, &str>, enums: &BTreeMap<&str, &str>) -> String {
    match ty {
        Ty::Primitive(p) => format!("Edm.{}", p.edm_name()),
        Ty::Model(name) => models.get(name.as_str()).copied().unwrap_or(name).to_string(),
        Ty::Enum(name) => enums.get(name.as_str()).copied().unwrap_or(name).to_string(),
        Ty::Collection(inner) => format!("Collection({})", type_key(inner, models, enums)),
        Ty::Reference => "$ref".to_string(),
        Ty::Flags(name) => format!("Flags({})", enums.get(name.as_str()).copied().unwrap_or(name)),
    }
}

/// The permission kinds in report order, with how the report names them.
pub const PERMISSION_KINDS: [(&str, &str); 4] = [
    ("delegated-work", "delegated (work or school account)"),
    ("delegated-personal", "delegated (personal Microsoft account)"),
    ("application", "application"),
    ("unspecified", "unspecified kind"),
];

/// Per kind, every alternative that grants the operation: its least and
/// higher privileged scopes (an all-of group as `A and B`), and those that
/// hold under a condition as `A (condition)`. Which of them is least
/// privileged does not change what a caller may hold, so it is not kept.
fn permission_sets(p: &Permissions) -> BTreeMap<&'static str, BTreeSet<String>> {
    let mut out: BTreeMap<&'static str, BTreeSet<String>> = BTreeMap::new();
    let kinds = PermissionKind::ALL.iter().zip(PERMISSION_KINDS);
    for (kind, (key, _)) in kinds.clone() {
        if let Some(grant) = p.grants.get(*kind) {
            out.entry(key).or_default().extend(grant.all().map(|a| a.to_string()));
        }
    }
    for c in &p.conditional {
        for (kind, (key, _)) in kinds.clone() {
            if let Some(grant) = c.grants.get(*kind) {
                out.entry(key)
                    .or_default()
                    .extend(grant.all().map(|a| format!("{a} ({})", c.condition)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalize_path;

    #[test]
    fn placeholders_compare_up_to_their_names() {
        assert_eq!(normalize_path("/users/{id | userPrincipalName}"), "/users/{}");
        assert_eq!(normalize_path("/users/{user-id}/events"), "/users/{}/events");
        assert_eq!(
            normalize_path("/me/calendarView?startDateTime={start}"),
            "/me/calendarView?startDateTime={}"
        );
    }
}
