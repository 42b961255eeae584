//! Derived queries over a read `Csdl` (inheritance, keys, derived types,
//! aliases, annotation look-ups) and annotation target resolution.

use super::model::*;
use super::names::{resolve_name, TargetPath};
use std::collections::{BTreeMap, HashSet};

/// What a qualified type name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeKind {
    Primitive,
    Entity,
    Complex,
    Enum,
    Definition,
}

impl Csdl {
    /// Replaces a leading alias by its namespace (`graph.user` ->
    /// `microsoft.graph.user`); also inside `Collection(...)`.
    pub fn resolve_alias(&self, name: &str) -> String {
        let name = name.trim();
        match name.strip_prefix("Collection(").and_then(|r| r.strip_suffix(')')) {
            Some(inner) => format!("Collection({})", resolve_name(&self.aliases, inner)),
            None => resolve_name(&self.aliases, name),
        }
    }

    /// Entity or complex type by qualified (or aliased) name.
    pub fn structured_type(&self, name: &str) -> Option<&StructuredType> {
        self.entity_types
            .get(name)
            .or_else(|| self.complex_types.get(name))
            .or_else(|| {
                let full = resolve_name(&self.aliases, name);
                self.entity_types.get(&full).or_else(|| self.complex_types.get(&full))
            })
    }

    /// What `name` (qualified or aliased) refers to, if anything.
    pub fn type_kind(&self, name: &str) -> Option<TypeKind> {
        let full = resolve_name(&self.aliases, name);
        if full.starts_with("Edm.") {
            Some(TypeKind::Primitive)
        } else if self.entity_types.contains_key(&full) {
            Some(TypeKind::Entity)
        } else if self.complex_types.contains_key(&full) {
            Some(TypeKind::Complex)
        } else if self.enum_types.contains_key(&full) {
            Some(TypeKind::Enum)
        } else if self.type_definitions.contains_key(&full) {
            Some(TypeKind::Definition)
        } else {
            None
        }
    }

    /// The type itself, then its base type, and so on up to the root.
    /// Stops at an undefined base type or when a cycle would repeat a type.
    pub fn base_chain(&self, name: &str) -> Vec<&StructuredType> {
        let mut chain = Vec::new();
        let mut seen = HashSet::new();
        let mut next = self.structured_type(name);
        while let Some(ty) = next {
            if !seen.insert((ty.namespace.as_str(), ty.name.as_str())) {
                break;
            }
            chain.push(ty);
            next = ty.base_type.as_deref().and_then(|b| self.structured_type(b));
        }
        chain
    }

    /// The key of an entity type: its own, or the nearest base type's.
    pub fn keys_of(&self, name: &str) -> Vec<&PropertyRef> {
        self.base_chain(name)
            .into_iter()
            .find(|t| !t.key.is_empty())
            .map(|t| t.key.iter().collect())
            .unwrap_or_default()
    }

    /// Structural properties, those of the root type first, own ones last.
    pub fn all_properties(&self, name: &str) -> Vec<&Property> {
        self.base_chain(name)
            .into_iter()
            .rev()
            .flat_map(|t| &t.properties)
            .collect()
    }

    /// Navigation properties, those of the root type first, own ones last.
    pub fn all_navigation_properties(&self, name: &str) -> Vec<&NavigationProperty> {
        self.base_chain(name)
            .into_iter()
            .rev()
            .flat_map(|t| &t.navigation_properties)
            .collect()
    }

    /// Qualified names of every type deriving from `name`, directly or
    /// transitively, breadth first and sorted within each level.
    pub fn derived_types(&self, name: &str) -> Vec<String> {
        let root = resolve_name(&self.aliases, name);
        let mut children: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for (qname, ty) in self.entity_types.iter().chain(&self.complex_types) {
            if let Some(base) = &ty.base_type {
                children.entry(base.as_str()).or_default().push(qname.clone());
            }
        }
        let mut out: Vec<String> = Vec::new();
        let mut seen: HashSet<String> = HashSet::from([root.clone()]);
        let mut level = vec![root];
        while !level.is_empty() {
            let mut next = Vec::new();
            for n in &level {
                for c in children.get(n.as_str()).into_iter().flatten() {
                    if seen.insert(c.clone()) {
                        next.push(c.clone());
                    }
                }
            }
            next.sort();
            out.extend(next.iter().cloned());
            level = next;
        }
        out
    }

    /// All overloads of an action or function (qualified or aliased name).
    pub fn operations(&self, name: &str) -> Vec<&Operation> {
        let full = resolve_name(&self.aliases, name);
        self.actions
            .get(&full)
            .into_iter()
            .chain(self.functions.get(&full))
            .flatten()
            .collect()
    }

    /// Bound operations whose binding parameter has the given type
    /// (`Collection(...)` allowed).
    pub fn bound_to(&self, type_ref: &str) -> Vec<&Operation> {
        let wanted = self.resolve_alias(type_ref);
        self.actions
            .values()
            .chain(self.functions.values())
            .flatten()
            .filter(|op| op.binding_parameter().is_some_and(|p| p.type_ref.to_string() == wanted))
            .collect()
    }

    /// Entity set by name, in any container.
    pub fn entity_set(&self, name: &str) -> Option<&EntitySet> {
        self.containers.values().find_map(|c| c.entity_sets.get(name))
    }

    /// Singleton by name, in any container.
    pub fn singleton(&self, name: &str) -> Option<&Singleton> {
        self.containers.values().find_map(|c| c.singletons.get(name))
    }

    /// Every attached annotation with `term`, with the path of its element
    /// (`ns.Type/member`, `ns.Container/set`, `ns.op(types)/param`).
    pub fn annotations_with_term(&self, term: &str) -> Vec<(String, &Annotation)> {
        let term = resolve_name(&self.aliases, term);
        let mut out = Vec::new();
        self.for_each_annotated(&mut |path, el| {
            for a in el.annotations() {
                if a.term == term {
                    out.push((path.to_string(), a));
                }
            }
        });
        out
    }

    /// Capability annotations (`Org.OData.Capabilities.V1.*`) with the path
    /// of their element.
    pub fn capability_annotations(&self) -> Vec<(String, &Annotation)> {
        let mut out = Vec::new();
        self.for_each_annotated(&mut |path, el| {
            for a in el.annotations() {
                if a.term.starts_with(CAPABILITIES_NAMESPACE) {
                    out.push((path.to_string(), a));
                }
            }
        });
        out
    }

    /// Calls `f` with the path and element of everything that can carry
    /// annotations, in a fixed order.
    pub fn for_each_annotated<'a>(&'a self, f: &mut dyn FnMut(&str, &'a dyn Annotated)) {
        for s in &self.schemas {
            f(&s.namespace, s);
        }
        for (q, t) in self.entity_types.iter().chain(&self.complex_types) {
            f(q, t);
            for p in &t.properties {
                f(&format!("{q}/{}", p.name), p);
            }
            for p in &t.navigation_properties {
                f(&format!("{q}/{}", p.name), p);
            }
        }
        for (q, t) in &self.enum_types {
            f(q, t);
            for m in &t.members {
                f(&format!("{q}/{}", m.name), m);
            }
        }
        for (q, t) in &self.type_definitions {
            f(q, t);
        }
        for (q, ops) in self.actions.iter().chain(&self.functions) {
            for op in ops {
                let types: Vec<String> = op.parameters.iter().map(|p| p.type_ref.to_string()).collect();
                let path = format!("{q}({})", types.join(", "));
                f(&path, op);
                for p in &op.parameters {
                    f(&format!("{path}/{}", p.name), p);
                }
                if let Some(r) = &op.return_type {
                    f(&format!("{path}/$ReturnType"), r);
                }
            }
        }
        for (q, terms) in &self.terms {
            for t in terms {
                f(q, t);
            }
        }
        for (q, c) in &self.containers {
            f(q, c);
            for (n, s) in &c.entity_sets {
                f(&format!("{q}/{n}"), s);
            }
            for (n, s) in &c.singletons {
                f(&format!("{q}/{n}"), s);
            }
            for (n, s) in c.action_imports.iter().chain(&c.function_imports) {
                f(&format!("{q}/{n}"), s);
            }
        }
    }
}

/// Attaches an external annotation to the element its target names. Gives
/// the annotation back with its normalised target when nothing matches.
pub(crate) fn attach_to_target(
    csdl: &mut Csdl,
    aliases: &BTreeMap<String, String>,
    raw_target: &str,
    annotation: Annotation,
) -> Option<TargetedAnnotation> {
    let target = TargetPath::parse(aliases, raw_target);
    let hosts = hosts_mut(csdl, &target);
    let count = hosts.len();
    for host in hosts {
        host.attach(annotation.clone());
    }
    (count == 0).then(|| TargetedAnnotation {
        target: target.to_string(),
        annotation,
    })
}

fn hosts_mut<'a>(csdl: &'a mut Csdl, t: &TargetPath) -> Vec<&'a mut dyn Annotated> {
    let segs: Vec<&str> = t.segments.iter().map(String::as_str).collect();
    let head = t.head.as_str();
    let mut out: Vec<&'a mut dyn Annotated> = Vec::new();
    if t.parameters.is_none() {
        if let Some(ty) = csdl.entity_types.get_mut(head).or(csdl.complex_types.get_mut(head)) {
            match segs.as_slice() {
                [] => out.push(ty),
                [member] => out.extend(structured_member_mut(ty, member)),
                _ => {}
            }
            return out;
        }
        if let Some(ty) = csdl.enum_types.get_mut(head) {
            match segs.as_slice() {
                [] => out.push(ty),
                [member] => {
                    if let Some(m) = ty.members.iter_mut().find(|m| m.name == *member) {
                        out.push(m);
                    }
                }
                _ => {}
            }
            return out;
        }
        if let Some(ty) = csdl.type_definitions.get_mut(head) {
            if segs.is_empty() {
                out.push(ty);
            }
            return out;
        }
        if let Some(c) = csdl.containers.get_mut(head) {
            match segs.as_slice() {
                [] => out.push(c),
                [member] => out.extend(container_member_mut(c, member)),
                _ => {}
            }
            return out;
        }
        if let Some(terms) = csdl.terms.get_mut(head) {
            if segs.is_empty() {
                out.extend(terms.iter_mut().map(|t| t as &mut dyn Annotated));
            }
            return out;
        }
        if segs.is_empty() {
            if let Some(s) = csdl.schemas.iter_mut().find(|s| s.namespace == head) {
                out.push(s);
                return out;
            }
        }
    }
    let ops = csdl
        .actions
        .get_mut(head)
        .into_iter()
        .chain(csdl.functions.get_mut(head))
        .flatten();
    for op in ops {
        if t.parameters.as_ref().is_some_and(|params| !signature_is(op, params)) {
            continue;
        }
        match segs.as_slice() {
            [] => out.push(op),
            ["$ReturnType"] => {
                if let Some(r) = op.return_type.as_mut() {
                    out.push(r);
                }
            }
            [param] => {
                if let Some(p) = op.parameters.iter_mut().find(|p| p.name == *param) {
                    out.push(p);
                }
            }
            _ => {}
        }
    }
    out
}

/// A structured type's property or navigation property named `member`.
fn structured_member_mut<'a>(ty: &'a mut StructuredType, member: &str) -> Option<&'a mut dyn Annotated> {
    if let Some(p) = ty.properties.iter_mut().find(|p| p.name == member) {
        return Some(p);
    }
    let p = ty.navigation_properties.iter_mut().find(|p| p.name == member)?;
    Some(p)
}

/// A container's entity set, singleton, action import or function import
/// named `member`, in that order.
fn container_member_mut<'a>(c: &'a mut EntityContainer, member: &str) -> Option<&'a mut dyn Annotated> {
    if let Some(s) = c.entity_sets.get_mut(member) {
        Some(s)
    } else if let Some(s) = c.singletons.get_mut(member) {
        Some(s)
    } else if let Some(s) = c.action_imports.get_mut(member) {
        Some(s)
    } else if let Some(s) = c.function_imports.get_mut(member) {
        Some(s)
    } else {
        None
    }
}

/// Whether an overload's parameters have the types a target lists, in order.
fn signature_is(op: &Operation, params: &[String]) -> bool {
    op.parameters.len() == params.len()
        && op
            .parameters
            .iter()
            .zip(params)
            .all(|(p, want)| p.type_ref.to_string() == *want)
}
