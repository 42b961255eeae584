//! Documented paths against the metadata: the first segment must be an
//! entity set, singleton or operation import of the entity container, and
//! each later name a property of the type reached so far (or of a type
//! derived from it), a type cast, or a bound operation.

use super::{Drift, DriftKind, Outcome, Rule};
use crate::csdl::{Csdl, StructuredType};
use crate::schema::{Page, Segment};
use std::collections::{BTreeSet, HashMap, HashSet};

/// Where a path starts in the container.
#[derive(Clone, Copy)]
enum Root<'a> {
    /// An entity set or singleton of this entity type.
    Type(&'a str),
    /// An operation import: nothing to follow.
    Import,
}

struct Index<'a> {
    csdl: &'a Csdl,
    roots: HashMap<String, (&'a str, Root<'a>)>,
    /// Lower-cased simple names of every action and function.
    operations: HashSet<String>,
    /// Base type to directly derived types.
    children: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> Index<'a> {
    fn new(csdl: &'a Csdl) -> Self {
        let mut roots = HashMap::new();
        for c in csdl.containers.values() {
            for (n, s) in &c.entity_sets {
                roots.insert(n.to_ascii_lowercase(), (n.as_str(), Root::Type(s.entity_type.as_str())));
            }
            for (n, s) in &c.singletons {
                roots.insert(n.to_ascii_lowercase(), (n.as_str(), Root::Type(s.type_name.as_str())));
            }
            for n in c.action_imports.keys().chain(c.function_imports.keys()) {
                roots.insert(n.to_ascii_lowercase(), (n.as_str(), Root::Import));
            }
        }
        let operations = csdl
            .actions
            .values()
            .chain(csdl.functions.values())
            .flatten()
            .map(|o| o.name.to_ascii_lowercase())
            .collect();
        let mut children: HashMap<&str, Vec<&str>> = HashMap::new();
        for (name, t) in csdl.entity_types.iter().chain(&csdl.complex_types) {
            if let Some(b) = &t.base_type {
                children.entry(b.as_str()).or_default().push(name.as_str());
            }
        }
        Index {
            csdl,
            roots,
            operations,
            children,
        }
    }

    /// The type of property `name` of `ty`, its base types, or (breadth
    /// first) the types derived from it.
    fn step(&self, ty: &'a StructuredType, name: &str) -> Option<&'a str> {
        let own = |t: &'a StructuredType| -> Option<&'a str> {
            let p = t
                .properties
                .iter()
                .find(|p| p.name.eq_ignore_ascii_case(name))
                .map(|p| p.type_ref.name.as_str());
            p.or_else(|| {
                t.navigation_properties
                    .iter()
                    .find(|p| p.name.eq_ignore_ascii_case(name))
                    .map(|p| p.type_ref.name.as_str())
            })
        };
        let q = ty.qualified_name();
        if let Some(t) = self.csdl.base_chain(&q).into_iter().find_map(own) {
            return Some(t);
        }
        let mut seen: HashSet<&str> = HashSet::new();
        let mut level: Vec<&str> = self.children.get(q.as_str()).cloned().unwrap_or_default();
        while !level.is_empty() {
            let mut next = Vec::new();
            for d in level {
                if !seen.insert(d) {
                    continue;
                }
                let Some(t) = self.csdl.structured_type(d) else {
                    continue;
                };
                if let Some(found) = own(t) {
                    return Some(found);
                }
                next.extend(self.children.get(d).into_iter().flatten().copied());
            }
            level = next;
        }
        None
    }
}

/// Checks every documented request path, recording drift and coverage.
pub fn check(out: &mut Outcome, pages: &[Page], csdl: &Csdl) {
    let index = Index::new(csdl);
    let mut used_roots: BTreeSet<&str> = BTreeSet::new();
    for page in pages {
        let Some(op) = &page.operation else { continue };
        for request in &op.requests {
            let path = &request.path;
            let mut segments = path.segments.iter();
            let Some(Segment::Literal { name: first }) = segments.next() else {
                continue;
            };
            let drift = |docs: String, csdl: String| Drift {
                kind: DriftKind::Path,
                subject: path.template.clone(),
                docs,
                csdl,
                rule: Rule::DocsPathKept,
                file: page.file.clone(),
                line: path.line,
            };
            let Some(&(root_name, root)) = index.roots.get(&first.to_ascii_lowercase()) else {
                out.drift.push(drift(
                    format!("/{first}"),
                    "no entity set, singleton or operation import of that name".into(),
                ));
                out.paths.docs_only.push(path.template.clone());
                continue;
            };
            used_roots.insert(root_name);
            let Some(mut current) = (match root {
                Root::Type(t) => csdl.structured_type(t),
                Root::Import => None,
            }) else {
                out.paths.both.push(path.template.clone());
                continue;
            };
            let mut walked = format!("/{first}");
            let mut problem = None;
            for segment in segments {
                match segment {
                    Segment::Key { .. } => walked.push_str("/{key}"),
                    Segment::Literal { name } => match index.step(current, name) {
                        Some(next) => match csdl.structured_type(next) {
                            Some(t) => {
                                current = t;
                                walked = format!("{walked}/{name}");
                            }
                            // A primitive or enum value: nothing to follow.
                            None => break,
                        },
                        None if index.operations.contains(&name.to_ascii_lowercase()) => break,
                        None => {
                            let of = current.qualified_name();
                            problem = Some(drift(
                                format!("{walked}/{name}"),
                                format!("`{name}` is not a property of `{of}`"),
                            ));
                            break;
                        }
                    },
                    Segment::Cast { type_name } => {
                        let qualified = crate::facts::qualify(type_name, None);
                        match csdl.structured_type(&qualified) {
                            Some(t) => {
                                current = t;
                                walked = format!("{walked}/{type_name}");
                            }
                            None => {
                                problem =
                                    Some(drift(format!("{walked}/{type_name}"), format!("no type `{qualified}`")));
                                break;
                            }
                        }
                    }
                    Segment::Call { .. } | Segment::System { .. } | Segment::Mixed { .. } => break,
                }
            }
            match problem {
                Some(d) => {
                    out.drift.push(d);
                    out.paths.conflict.push(path.template.clone());
                }
                None => out.paths.both.push(path.template.clone()),
            }
        }
    }
    for c in csdl.containers.values() {
        for n in c.entity_sets.keys().chain(c.singletons.keys()) {
            if !used_roots.contains(n.as_str()) {
                out.paths.csdl_only.push(format!("/{n}"));
            }
        }
    }
}
