//! Fields of a model from property rows: one per wire name (the first row
//! wins), `@`-annotations left to the model's own `odata_type` and
//! `additional_properties`, Rust names unique within the model.

use super::model::{Field, Ty};
use crate::naming::{self, NameSet};
use crate::schema::{Primitive, Property};
use std::collections::HashSet;

/// Field names every model uses for its own purposes.
pub const RESERVED_FIELDS: [&str; 2] = ["odata_type", "additional_properties"];

pub fn fields<'a>(
    properties: impl IntoIterator<Item = &'a Property>,
    ty: &dyn Fn(&Property) -> Option<Ty>,
) -> Vec<Field> {
    let mut names = NameSet::new();
    for r in RESERVED_FIELDS {
        names.reserve(r);
    }
    let mut seen: HashSet<&str> = HashSet::new();
    let mut out = Vec::new();
    for p in properties {
        if p.name.starts_with('@') || p.name.contains("@odata.") || !seen.insert(&p.name) {
            continue;
        }
        out.push(Field {
            wire_name: p.name.clone(),
            rust_name: names.claim(&naming::field_name(&p.name)),
            ty: ty(p).unwrap_or(Ty::Primitive(Primitive::Json)),
            navigation: false,
            description: p.description.clone(),
        });
    }
    out
}
