//! The types room: entity, complex and enumeration types, type definitions
//! and their parts (keys, properties, navigation properties, members).

use super::frame::{member_exists, Attrs, Frame};
use super::{PendingRef, State};
use crate::csdl::model::*;
use crate::csdl::names::resolve_name;
use std::collections::btree_map::Entry;

impl State {
    /// Types: entities, complexes, enums, type definitions and their parts.
    pub(super) fn open_type(&mut self, name: &str, a: &Attrs, pos: usize) -> Option<Frame> {
        use Frame as F;
        let ns = self.namespace.clone();
        let parent = self.stack.last();
        let frame = match (parent, name) {
            (Some(F::Schema(_)), "EntityType" | "ComplexType") => self.open_structured(name, ns, a, pos),
            (Some(F::Structured { entity: true, .. }), "Key") => F::Key,
            (Some(F::Key), "PropertyRef") => {
                let n = self.stack.len();
                if let Some(F::Structured { ty, .. }) = self.stack.get_mut(n - 2) {
                    ty.key.push(PropertyRef {
                        name: a.string("Name"),
                        alias: a.opt("Alias"),
                    });
                }
                F::Leaf
            }
            (Some(F::Structured { ty, .. }), "Property") => {
                let owner = format!("{ns}.{}", ty.name);
                self.open_property(&owner, a, pos)
            }
            (Some(F::Structured { ty, .. }), "NavigationProperty") => {
                let owner = ty.name.clone();
                let nav_name = a.string("Name");
                let type_ref = self.type_ref(a, "Type", pos, || {
                    format!("navigation property {ns}.{owner}/{nav_name}")
                });
                F::NavigationProperty(NavigationProperty {
                    name: nav_name,
                    type_ref,
                    nullable: self.flag(a, "Nullable", true, pos),
                    contains_target: self.flag(a, "ContainsTarget", false, pos),
                    partner: a.opt("Partner"),
                    ..Default::default()
                })
            }
            (Some(F::NavigationProperty(_)), "ReferentialConstraint" | "OnDelete") => F::Leaf,
            (Some(F::Schema(_)), "EnumType") => {
                let ty = EnumType {
                    name: a.string("Name"),
                    namespace: ns,
                    is_flags: self.flag(a, "IsFlags", false, pos),
                    underlying_type: a
                        .get("UnderlyingType")
                        .map_or("Edm.Int32".to_string(), |u| resolve_name(&self.aliases, u)),
                    ..Default::default()
                };
                F::Enum { ty, pos }
            }
            (Some(F::Enum { ty, .. }), "Member") => {
                let implicit = ty.members.len() as i64;
                self.open_member(implicit, a, pos)
            }
            (Some(F::Schema(_)), "TypeDefinition") => {
                let ty = TypeDefinition {
                    name: a.string("Name"),
                    namespace: ns,
                    underlying_type: a
                        .get("UnderlyingType")
                        .map(|u| resolve_name(&self.aliases, u))
                        .unwrap_or_default(),
                    ..Default::default()
                };
                F::TypeDefinition { ty, pos }
            }
            _ => return None,
        };
        Some(frame)
    }

    /// An entity or complex type (`name` says which) of namespace `ns`; its
    /// base type is checked once every type is known.
    fn open_structured(&mut self, name: &str, ns: String, a: &Attrs, pos: usize) -> Frame {
        let type_name = a.string("Name");
        let base_type = a.get("BaseType").map(|b| resolve_name(&self.aliases, b));
        if let Some(b) = &base_type {
            let context = format!("base type of {ns}.{type_name}");
            self.pending_refs.push(PendingRef {
                pos,
                name: b.clone(),
                context,
            });
        }
        let ty = StructuredType {
            is_abstract: self.flag(a, "Abstract", false, pos),
            open_type: self.flag(a, "OpenType", false, pos),
            has_stream: self.flag(a, "HasStream", false, pos),
            name: type_name,
            namespace: ns,
            base_type,
            ..Default::default()
        };
        Frame::Structured {
            entity: name == "EntityType",
            ty,
            pos,
        }
    }

    /// A property of the type `owner` (qualified).
    fn open_property(&mut self, owner: &str, a: &Attrs, pos: usize) -> Frame {
        let prop_name = a.string("Name");
        let type_ref = self.type_ref(a, "Type", pos, || format!("property {owner}/{prop_name}"));
        let precision = a.get("Precision").and_then(|p| match p.parse() {
            Ok(v) => Some(v),
            Err(_) => {
                self.diag(pos, "invalid-value", format!("Precision=\"{p}\" is not a number"));
                None
            }
        });
        let unicode = a.get("Unicode").map(|_| self.flag(a, "Unicode", true, pos));
        Frame::Property(Property {
            name: prop_name,
            type_ref,
            nullable: self.flag(a, "Nullable", true, pos),
            default_value: a.opt("DefaultValue"),
            max_length: a.opt("MaxLength"),
            precision,
            scale: a.opt("Scale"),
            unicode,
            ..Default::default()
        })
    }

    /// An enumeration member; one without a value takes `implicit`, its
    /// position.
    fn open_member(&mut self, implicit: i64, a: &Attrs, pos: usize) -> Frame {
        let (value, explicit_value) = match a.get("Value") {
            None => (implicit, false),
            Some(v) => match v.trim().parse() {
                Ok(v) => (v, true),
                Err(_) => {
                    self.diag(pos, "invalid-value", format!("member Value=\"{v}\" is not an integer"));
                    (implicit, false)
                }
            },
        };
        Frame::Member(EnumMember {
            name: a.string("Name"),
            value,
            explicit_value,
            ..Default::default()
        })
    }

    /// A finished type joins the model, a finished part its type.
    pub(super) fn close_type(&mut self, frame: Frame) {
        use Frame as F;
        match frame {
            F::Structured { entity, ty, pos } => {
                let qname = ty.qualified_name();
                self.add_type(qname.clone(), pos);
                let map = if entity {
                    &mut self.csdl.entity_types
                } else {
                    &mut self.csdl.complex_types
                };
                if !insert_first(map, qname.clone(), ty) {
                    self.duplicate_type(pos, &qname);
                }
            }
            F::Property(p) => {
                let parent = self.stack.last_mut();
                if let Some(F::Structured { ty, .. }) = parent.filter(|f| !member_exists(f, "Property", &p.name)) {
                    ty.properties.push(p);
                }
            }
            F::NavigationProperty(p) => {
                let parent = self.stack.last_mut();
                if let Some(F::Structured { ty, .. }) = parent.filter(|f| !member_exists(f, "Property", &p.name)) {
                    ty.navigation_properties.push(p);
                }
            }
            F::Enum { ty, pos } => {
                let qname = format!("{}.{}", ty.namespace, ty.name);
                self.add_type(qname.clone(), pos);
                if !insert_first(&mut self.csdl.enum_types, qname.clone(), ty) {
                    self.duplicate_type(pos, &qname);
                }
            }
            F::Member(m) => {
                let parent = self.stack.last_mut();
                if let Some(F::Enum { ty, .. }) = parent.filter(|f| !member_exists(f, "Member", &m.name)) {
                    ty.members.push(m);
                }
            }
            F::TypeDefinition { ty, pos } => {
                let qname = format!("{}.{}", ty.namespace, ty.name);
                self.add_type(qname.clone(), pos);
                self.csdl.type_definitions.entry(qname).or_insert(ty);
            }
            // Frames of the other rooms.
            _ => {}
        }
    }

    fn duplicate_type(&mut self, pos: usize, qname: &str) {
        self.diag(
            pos,
            "duplicate-name",
            format!("type {qname} is declared twice; the first is kept"),
        );
    }

    fn add_type(&mut self, qname: String, pos: usize) {
        self.type_positions.entry(qname).or_insert(pos);
    }
}

/// Inserts `value` unless `key` is taken; false if it was (the first stays).
fn insert_first<T>(map: &mut std::collections::BTreeMap<String, T>, key: String, value: T) -> bool {
    match map.entry(key) {
        Entry::Vacant(slot) => {
            slot.insert(value);
            true
        }
        Entry::Occupied(_) => false,
    }
}
