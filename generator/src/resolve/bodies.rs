//! Route body models: an action's parameters (from the metadata, described
//! by the page's rows), a page's own body rows; and, once every route is
//! typed, the models read from prose alone that nothing reaches.

use super::model::{Field, Model, Op, Schema, Ty};
use super::route_types::{self, ActionBody};
use crate::diagnostic::Diagnostic;
use crate::schema::TypeRef;
use std::collections::{HashMap, HashSet};

/// The body model of an action route (its Rust name is set by the caller).
pub(super) fn action_body(a: &ActionBody, op: &Op, source: &str, ty: &dyn Fn(&TypeRef) -> Option<Ty>) -> Model {
    body_model(
        format!("{}#{}", a.action.qualified_name(), op.rust_name),
        format!(
            "The parameters of `{}`: the request body of {}.",
            a.action.name, op.title
        ),
        action_fields(a, ty),
        vec![source.to_string(), crate::facts::CSDL_SOURCE.to_string()],
    )
}

/// The body model of a route whose page lists body rows and names no type.
pub(super) fn rows_body(fields: Vec<Field>, op: &Op, source: &str) -> Model {
    body_model(
        format!("{source}#{}", op.rust_name),
        format!("The request body of {}.", op.title),
        fields,
        vec![source.to_string()],
    )
}

fn body_model(wire_name: String, description: String, fields: Vec<Field>, sources: Vec<String>) -> Model {
    Model {
        wire_name,
        rust_name: String::new(),
        description,
        base: None,
        fields,
        sources,
        features: Vec::new(),
        derived: Vec::new(),
        kind_name: None,
        open: false,
        queried: false,
        home: String::new(),
    }
}

/// The fields of an action's body model: its parameters (the binding
/// parameter left out), described by the page's rows where it has them,
/// else by the metadata.
fn action_fields(a: &ActionBody, ty: &dyn Fn(&TypeRef) -> Option<Ty>) -> Vec<Field> {
    let rows: Vec<crate::schema::Property> = a
        .action
        .parameters
        .iter()
        .skip(usize::from(a.action.is_bound))
        .map(|p| {
            let row = a
                .rows
                .iter()
                .flatten()
                .find(|f| f.wire_name.eq_ignore_ascii_case(&p.name));
            // The service reads parameters in any case; the wire and the
            // pages write them camelCase (`Comment`, `SaveToSentItems` in
            // older metadata).
            let name = row.map_or_else(
                || heck::ToLowerCamelCase::to_lower_camel_case(p.name.as_str()),
                |f| f.wire_name.clone(),
            );
            crate::schema::Property {
                name,
                type_ref: route_types::type_ref(&p.type_ref),
                description: row
                    .map(|f| f.description.clone())
                    .filter(|d| !d.is_empty())
                    .or_else(|| p.description.clone())
                    .unwrap_or_default(),
                required: Some(!p.nullable),
                read_only: false,
                enum_values: Vec::new(),
                line: 0,
            }
        })
        .collect();
    super::fields::fields(&rows, &|p| ty(&p.type_ref))
}

/// Models read from prose alone (a request-body sentence naming `id` or
/// `parameters`) that no route and no described model reaches, once the
/// metadata types the routes: dropped, each with a `prose-type-dropped` note.
/// A described model is one the metadata or a resource page defines.
pub(super) fn drop_unreached_prose_models(
    schema: &mut Schema,
    described: &HashSet<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let by_rust: HashMap<&str, &Model> = schema.models.values().map(|m| (m.rust_name.as_str(), m)).collect();
    let mut reached: HashSet<String> = HashSet::new();
    let mut todo: Vec<String> = Vec::new();
    fn names(t: &Ty, out: &mut Vec<String>) {
        match t {
            Ty::Model(n) => out.push(n.clone()),
            Ty::Collection(inner) => names(inner, out),
            _ => {}
        }
    }
    for op in &schema.operations {
        for t in op.body.iter().chain(&op.response) {
            names(t, &mut todo);
        }
    }
    for m in schema.models.values() {
        if described.contains(m.wire_name.as_str()) || m.wire_name.contains('#') {
            todo.push(m.rust_name.clone());
        }
    }
    while let Some(name) = todo.pop() {
        if !reached.insert(name.clone()) {
            continue;
        }
        if let Some(m) = by_rust.get(name.as_str()) {
            for f in &m.fields {
                names(&f.ty, &mut todo);
            }
            if let Some(base) = m.base.as_deref().and_then(|b| schema.models.get(b)) {
                todo.push(base.rust_name.clone());
            }
        }
    }
    let dropped: Vec<String> = schema
        .models
        .values()
        .filter(|m| !reached.contains(&m.rust_name))
        .map(|m| m.wire_name.clone())
        .collect();
    for wire in dropped {
        let m = schema.models.remove(&wire).expect("listed");
        diagnostics.push(Diagnostic::new(
            m.sources.first().cloned().unwrap_or_default(),
            1,
            crate::diagnostic::Severity::Note,
            "prose-type-dropped",
            format!(
                "type `{wire}` is named only in prose (a request or response sentence), and neither the metadata nor a resource page defines it; no route uses it, so it is not generated"
            ),
        ));
    }
}
