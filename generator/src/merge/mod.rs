//! Merging OData CSDL metadata into the type facts read from pages, before
//! any Rust name is settled, so one schema comes out of both sources.
//!
//! Rules: every CSDL entity, complex and enum type is in the result, under
//! its CSDL spelling; types only pages describe are kept. For a type both
//! describe, the CSDL decides the base type, the property list and property
//! types; pages fill in descriptions the CSDL lacks and add properties the
//! CSDL does not have. Enum members are the CSDL's, then those only pages
//! list (a page leaving out `unknownFutureValue` is no drift). Names match case-insensitively. Every disagreement is a [`Drift`]
//! naming the rule applied, and a diagnostic at the page and line.

pub mod drift;
mod paths;
pub mod report;
#[cfg(test)]
mod tests;

pub use drift::{Drift, DriftKind, Rule};

use crate::csdl::{self, Csdl, StructuredType};
use crate::facts::{EnumFacts, ModelFacts, TypeFacts};
use crate::inheritance::MAX_DEPTH;
use crate::schema::{Page, Primitive, Property, TypeRef};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

pub use crate::facts::CSDL_SOURCE;

/// The sentinel member of evolvable enums.
pub const UNKNOWN_FUTURE_VALUE: &str = "unknownFutureValue";

/// Names found on each side, or on both with or without a disagreement.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// On both sides, agreeing.
    pub both: Vec<String>,
    pub docs_only: Vec<String>,
    pub csdl_only: Vec<String>,
    /// On both sides, disagreeing.
    pub conflict: Vec<String>,
}

/// What merging found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// Entity and complex types.
    pub types: Coverage,
    /// Properties (structural and navigation), as `type/property`.
    pub properties: Coverage,
    pub enums: Coverage,
    /// Documented path templates checked against the entity container;
    /// `csdl_only` are entity sets and singletons no path starts with.
    pub paths: Coverage,
    /// Every disagreement, sorted.
    pub drift: Vec<Drift>,
}

/// Which kind of type a CSDL name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CsdlKind {
    Structured,
    Enum,
}

/// Merges `csdl` into `facts` (read from `pages`), adding drift diagnostics
/// to `facts.diagnostics`.
pub fn merge(facts: &mut TypeFacts, pages: &[Page], csdl: &Csdl) -> Outcome {
    let mut out = Outcome::default();
    let index = csdl_index(csdl);
    let mut merged: BTreeMap<&str, ()> = BTreeMap::new();
    merge_models(&mut out, facts, csdl, &index, &mut merged);
    merge_enums(&mut out, facts, csdl, &index, &mut merged);
    add_csdl_only(&mut out, facts, csdl, &merged);
    paths::check(&mut out, pages, csdl);
    out.drift.sort();
    facts.diagnostics.extend(out.drift.iter().map(Drift::diagnostic));
    out
}

/// Every metadata type by its lowercase name: its name as written and its kind.
fn csdl_index(csdl: &Csdl) -> HashMap<String, (&str, CsdlKind)> {
    let mut index: HashMap<String, (&str, CsdlKind)> = HashMap::new();
    for name in csdl.entity_types.keys().chain(csdl.complex_types.keys()) {
        index
            .entry(name.to_ascii_lowercase())
            .or_insert((name, CsdlKind::Structured));
    }
    for name in csdl.enum_types.keys() {
        index.entry(name.to_ascii_lowercase()).or_insert((name, CsdlKind::Enum));
    }
    index
}

/// Each page's structured type merged with its metadata type (found by
/// name, or by the metadata's name for it), or kept as the docs have it;
/// metadata names merged are added to `merged`.
fn merge_models<'c>(
    out: &mut Outcome,
    facts: &mut TypeFacts,
    csdl: &'c Csdl,
    index: &HashMap<String, (&'c str, CsdlKind)>,
    merged: &mut BTreeMap<&'c str, ()>,
) {
    let docs_models: Vec<String> = facts.models.keys().cloned().collect();
    let renamed = csdl_names(csdl, facts, index);
    let docs_lower: HashSet<String> = docs_models.iter().map(|w| w.to_ascii_lowercase()).collect();
    for wire in docs_models {
        let docs = facts.remove_model(&wire).expect("listed");
        let csdl_name = renamed.get(&wire).copied();
        if let (Some(name), Some(file)) = (csdl_name, &docs.resource_page) {
            out.drift.push(Drift {
                kind: DriftKind::TypeName,
                subject: wire.clone(),
                docs: wire.clone(),
                csdl: name.to_string(),
                rule: Rule::CsdlNameKept,
                file: file.clone(),
                line: 1,
            });
        }
        let found = csdl_name
            .map(|name| (name, CsdlKind::Structured))
            .or_else(|| index.get(&wire.to_ascii_lowercase()).copied());
        if let Some(name) = csdl_name {
            facts.alias(&wire, name);
            // A page describes the type under the metadata's name too: that
            // page's facts stand, this one's name finds them.
            if docs_lower.contains(&name.to_ascii_lowercase()) {
                continue;
            }
        }
        match found.as_ref() {
            Some(&(name, CsdlKind::Structured)) => {
                let ty = csdl.structured_type(name).expect("indexed");
                let model = merge_model(out, csdl, docs, ty, name);
                facts.insert_model(model);
                merged.insert(name, ());
                out.types.both.push(name.to_string());
            }
            Some(&(name, CsdlKind::Enum)) => {
                if !docs.properties.is_empty() {
                    let (file, line) = docs.location.clone().unwrap_or_default();
                    out.drift.push(Drift {
                        kind: DriftKind::Kind,
                        subject: name.to_string(),
                        docs: "structured type".into(),
                        csdl: "enum type".into(),
                        rule: Rule::CsdlKindKept,
                        file,
                        line,
                    });
                    out.types.conflict.push(name.to_string());
                }
            }
            None => {
                if let Some(file) = &docs.resource_page {
                    out.drift.push(Drift {
                        kind: DriftKind::TypeDocsOnly,
                        subject: wire.clone(),
                        docs: "structured type".into(),
                        csdl: String::new(),
                        rule: Rule::DocsOnlyTypeKept,
                        file: file.clone(),
                        line: 1,
                    });
                }
                out.types.docs_only.push(wire.clone());
                out.properties
                    .docs_only
                    .extend(docs.properties.iter().map(|p| format!("{wire}/{}", p.name)));
                facts.insert_model(docs);
            }
        }
    }
}

/// Each page's enum merged with its metadata enum, or kept as the docs have
/// it; a name that is a structured type in the metadata is a conflict.
fn merge_enums<'c>(
    out: &mut Outcome,
    facts: &mut TypeFacts,
    csdl: &'c Csdl,
    index: &HashMap<String, (&'c str, CsdlKind)>,
    merged: &mut BTreeMap<&'c str, ()>,
) {
    let docs_enums: Vec<String> = facts.enums.keys().cloned().collect();
    for wire in docs_enums {
        let docs = facts.remove_enum(&wire).expect("listed");
        match index.get(&wire.to_ascii_lowercase()) {
            Some(&(name, CsdlKind::Enum)) => {
                let e = merge_enum(out, &csdl.enum_types[name], docs);
                facts.insert_enum(e);
                merged.insert(name, ());
            }
            Some(&(name, CsdlKind::Structured)) => {
                let (file, line) = docs.location.clone().unwrap_or_default();
                out.drift.push(Drift {
                    kind: DriftKind::Kind,
                    subject: name.to_string(),
                    docs: "enum type".into(),
                    csdl: "structured type".into(),
                    rule: Rule::CsdlKindKept,
                    file,
                    line,
                });
                out.enums.conflict.push(name.to_string());
            }
            None => {
                let (file, line) = docs.location.clone().unwrap_or_default();
                out.drift.push(Drift {
                    kind: DriftKind::EnumDocsOnly,
                    subject: wire.clone(),
                    docs: "enum type".into(),
                    csdl: String::new(),
                    rule: Rule::DocsOnlyTypeKept,
                    file,
                    line,
                });
                out.enums.docs_only.push(wire.clone());
                facts.insert_enum(docs);
            }
        }
    }
}

/// Metadata types no page describes, added as the metadata has them.
fn add_csdl_only(out: &mut Outcome, facts: &mut TypeFacts, csdl: &Csdl, merged: &BTreeMap<&str, ()>) {
    for (name, ty) in csdl.entity_types.iter().chain(&csdl.complex_types) {
        if merged.contains_key(name.as_str()) || facts.models.contains_key(name) {
            continue;
        }
        if facts.find(name).is_some_and(|k| facts.enums.contains_key(k)) {
            // A page's enum of the same name was reported as a kind conflict above.
            let k = facts.find(name).expect("found").to_string();
            facts.remove_enum(&k);
        }
        let model = merge_model(out, csdl, ModelFacts::default(), ty, name);
        facts.insert_model(model);
        out.types.csdl_only.push(name.clone());
    }
    for (name, e) in &csdl.enum_types {
        if merged.contains_key(name.as_str()) || facts.enums.contains_key(name) {
            continue;
        }
        let e = merge_enum(out, e, EnumFacts::default());
        facts.insert_enum(e);
        out.enums.csdl_only.push(name.clone());
    }
}

/// Page types the metadata has under another name: a page's `chart` (its
/// properties) is the metadata's `workbookChart`, `page` is `onenotePage`,
/// `tab` is `teamsTab`. A page type the metadata lacks by name goes by the
/// one type of its namespace whose name ends with its own and which has at
/// least half of its properties.
fn csdl_names<'a>(
    csdl: &'a Csdl,
    facts: &TypeFacts,
    index: &HashMap<String, (&'a str, CsdlKind)>,
) -> BTreeMap<String, &'a str> {
    let mut by_suffix: BTreeMap<String, &'a str> = BTreeMap::new();
    let mut claimed: HashMap<&str, usize> = HashMap::new();
    for (wire, docs) in &facts.models {
        if index.contains_key(&wire.to_ascii_lowercase()) {
            continue;
        }
        let Some((ns, simple)) = wire.rsplit_once('.') else {
            continue;
        };
        let suffix = simple.to_ascii_lowercase();
        let props: HashSet<String> = docs.properties.iter().map(|p| p.name.to_ascii_lowercase()).collect();
        let candidates: Vec<(&'a str, usize)> = csdl
            .entity_types
            .iter()
            .chain(&csdl.complex_types)
            .filter(|(_, t)| {
                t.namespace == ns && t.name.len() > simple.len() && t.name.to_ascii_lowercase().ends_with(&suffix)
            })
            .map(|(name, _)| {
                let have: HashSet<String> = csdl
                    .all_properties(name)
                    .iter()
                    .map(|p| p.name.to_ascii_lowercase())
                    .chain(
                        csdl.all_navigation_properties(name)
                            .iter()
                            .map(|p| p.name.to_ascii_lowercase()),
                    )
                    .collect();
                (name.as_str(), props.iter().filter(|p| have.contains(*p)).count())
            })
            .filter(|(_, shared)| *shared * 2 >= props.len())
            .collect();
        let best = candidates.iter().map(|(_, n)| *n).max();
        let mut top: Vec<&str> = candidates
            .iter()
            .filter(|(_, n)| Some(*n) == best)
            .map(|(name, _)| *name)
            .collect();
        // Of types sharing as many properties, the base the others derive
        // from (`identityUserFlow`, not `b2xIdentityUserFlow`).
        if top.len() > 1 {
            let bases: Vec<&str> = top
                .iter()
                .copied()
                .filter(|b| {
                    top.iter()
                        .all(|t| t == b || csdl.base_chain(t).iter().any(|c| c.qualified_name() == *b))
                })
                .collect();
            top = bases;
        }
        if let [one] = top.as_slice() {
            by_suffix.insert(wire.clone(), one);
            *claimed.entry(one).or_default() += 1;
        }
    }
    // A metadata type two page types would take is neither's.
    by_suffix.retain(|_, name| claimed[name] == 1);
    by_suffix
}

/// Graph's untyped JSON value: an empty complex type in the metadata, whose
/// values are arrays, numbers and strings as often as objects
/// (`workbookRange/values` is an array of arrays).
pub const JSON_TYPE: &str = "microsoft.graph.Json";

/// A CSDL type reference as a page type reference; type definitions become
/// their underlying type, unknown `Edm` types and [`JSON_TYPE`] untyped JSON.
pub fn csdl_type(csdl: &Csdl, t: &csdl::TypeRef) -> TypeRef {
    let element = |name: &str| -> TypeRef {
        if name.starts_with("Edm.") || name == JSON_TYPE {
            return TypeRef::Primitive(Primitive::from_edm(name).unwrap_or(Primitive::Json));
        }
        match csdl.type_definitions.get(name) {
            Some(def) => TypeRef::Primitive(Primitive::from_edm(&def.underlying_type).unwrap_or(Primitive::Json)),
            None => TypeRef::Named(name.to_string()),
        }
    };
    let inner = element(&t.name);
    if t.collection {
        TypeRef::collection(inner)
    } else {
        inner
    }
}

/// Whether a page's type (names relative to `ns`) is the metadata's type.
pub fn same_type(docs: &TypeRef, csdl: &TypeRef, ns: Option<&str>) -> bool {
    match (docs, csdl) {
        (TypeRef::Collection(a), TypeRef::Collection(b)) => same_type(a, b, ns),
        (TypeRef::Primitive(a), TypeRef::Primitive(b)) => a == b,
        (TypeRef::Named(a), TypeRef::Named(b)) => crate::facts::qualify(a, ns).eq_ignore_ascii_case(b),
        _ => false,
    }
}

fn description(description: &Option<String>, long: &Option<String>, docs: &str) -> String {
    description
        .as_ref()
        .or(long.as_ref())
        .filter(|d| !d.trim().is_empty())
        .cloned()
        .unwrap_or_else(|| docs.to_string())
}

/// One structured type from both sides (`docs` empty for a metadata-only type).
fn merge_model(out: &mut Outcome, csdl: &Csdl, docs: ModelFacts, ty: &StructuredType, name: &str) -> ModelFacts {
    compare_base(out, &docs, ty, name);
    let (mut properties, used) = own_properties(out, csdl, &docs, ty, name);
    // Properties the page lists beyond the type's own: inherited, or docs-only.
    properties.extend(properties_beyond_own(out, csdl, &docs, ty, name, &used));
    let mut sources = docs.sources;
    sources.insert(CSDL_SOURCE.to_string());
    ModelFacts {
        wire: name.to_string(),
        description: description(&ty.description, &ty.long_description, &docs.description),
        base: ty.base_type.clone(),
        properties,
        sources,
        location: docs.location,
        resource_page: docs.resource_page,
        property_sources: docs.property_sources,
        open: ty.open_type || docs.open,
    }
}

/// The file a documented property was read from: its own page, else the type's.
fn file_of(docs: &ModelFacts, p: &Property) -> String {
    docs.property_sources
        .get(&p.name)
        .cloned()
        .unwrap_or_else(|| docs.location.clone().unwrap_or_default().0)
}

/// Drift between the page's base type and the metadata's (the metadata's is kept).
fn compare_base(out: &mut Outcome, docs: &ModelFacts, ty: &StructuredType, name: &str) {
    let (type_file, type_line) = docs.location.clone().unwrap_or_default();
    if let (Some(d), Some(c)) = (&docs.base, &ty.base_type) {
        if !d.eq_ignore_ascii_case(c) {
            out.drift.push(Drift {
                kind: DriftKind::Base,
                subject: name.to_string(),
                docs: d.clone(),
                csdl: c.clone(),
                rule: Rule::CsdlBaseKept,
                file: type_file.clone(),
                line: type_line,
            });
        }
    } else if let (Some(d), None) = (&docs.base, &ty.base_type) {
        out.drift.push(Drift {
            kind: DriftKind::Base,
            subject: name.to_string(),
            docs: d.clone(),
            csdl: String::new(),
            rule: Rule::CsdlBaseKept,
            file: type_file.clone(),
            line: type_line,
        });
    }
}

/// The metadata type's own properties (structural, then navigation), each
/// merged with the page's property of the same name if any; also which of
/// the page's properties were used.
fn own_properties(
    out: &mut Outcome,
    csdl: &Csdl,
    docs: &ModelFacts,
    ty: &StructuredType,
    name: &str,
) -> (Vec<Property>, Vec<bool>) {
    let ns = Some(ty.namespace.as_str());
    let documented = docs.resource_page.is_some();
    let (type_file, type_line) = docs.location.clone().unwrap_or_default();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for (i, p) in docs.properties.iter().enumerate() {
        by_name.entry(p.name.to_ascii_lowercase()).or_insert(i);
    }
    let mut used = vec![false; docs.properties.len()];
    let mut properties = Vec::new();
    let own = ty
        .properties
        .iter()
        .map(|p| (&p.name, &p.type_ref, &p.description, &p.long_description))
        .chain(
            ty.navigation_properties
                .iter()
                .map(|p| (&p.name, &p.type_ref, &p.description, &p.long_description)),
        );
    for (pname, ptype, pdesc, plong) in own {
        let t = csdl_type(csdl, ptype);
        let subject = format!("{name}/{pname}");
        let found = by_name.get(&pname.to_ascii_lowercase()).copied();
        let merged = match found {
            Some(i) => {
                used[i] = true;
                let d = &docs.properties[i];
                compare(out, d, &t, ns, subject, file_of(docs, d));
                Property {
                    name: pname.clone(),
                    type_ref: t,
                    description: description(pdesc, plong, &d.description),
                    ..d.clone()
                }
            }
            None => {
                if documented {
                    out.drift.push(Drift {
                        kind: DriftKind::PropertyCsdlOnly,
                        subject: subject.clone(),
                        docs: String::new(),
                        csdl: t.to_string(),
                        rule: Rule::CsdlOnlyPropertyKept,
                        file: type_file.clone(),
                        line: type_line,
                    });
                }
                out.properties.csdl_only.push(subject);
                Property {
                    name: pname.clone(),
                    type_ref: t,
                    description: description(pdesc, plong, ""),
                    required: None,
                    read_only: false,
                    enum_values: Vec::new(),
                    line: 0,
                }
            }
        };
        properties.push(merged);
    }
    (properties, used)
}

/// The page's properties that are not the metadata type's own (not `used`):
/// compared with an inherited property of the same name, or kept as
/// documented-only (returned).
fn properties_beyond_own(
    out: &mut Outcome,
    csdl: &Csdl,
    docs: &ModelFacts,
    ty: &StructuredType,
    name: &str,
    used: &[bool],
) -> Vec<Property> {
    let ns = Some(ty.namespace.as_str());
    let mut properties = Vec::new();
    let inherited: HashMap<String, TypeRef> = bounded_base_chain(csdl, name)
        .into_iter()
        .skip(1)
        .flat_map(|t| {
            t.properties
                .iter()
                .map(|p| (&p.name, &p.type_ref))
                .chain(t.navigation_properties.iter().map(|p| (&p.name, &p.type_ref)))
        })
        .map(|(n, t)| (n.to_ascii_lowercase(), csdl_type(csdl, t)))
        .collect();
    for (i, d) in docs.properties.iter().enumerate() {
        if used[i] || d.name.starts_with('@') {
            continue;
        }
        let subject = format!("{name}/{}", d.name);
        match inherited.get(&d.name.to_ascii_lowercase()) {
            Some(t) => compare(out, d, t, ns, subject, file_of(docs, d)),
            None => {
                out.drift.push(Drift {
                    kind: DriftKind::PropertyDocsOnly,
                    subject: subject.clone(),
                    docs: d.type_ref.to_string(),
                    csdl: String::new(),
                    rule: Rule::DocsOnlyPropertyKept,
                    file: file_of(docs, d),
                    line: d.line,
                });
                out.properties.docs_only.push(subject);
                properties.push(d.clone());
            }
        }
    }
    properties
}

/// [`Csdl::base_chain`] cut at [`MAX_DEPTH`] types, so a deep chain or a
/// long cycle costs each type a bounded walk (resolving reports both).
fn bounded_base_chain<'a>(csdl: &'a Csdl, name: &str) -> Vec<&'a StructuredType> {
    let mut chain: Vec<&StructuredType> = Vec::new();
    let mut seen = HashSet::new();
    let mut next = csdl.structured_type(name);
    while let Some(ty) = next {
        if chain.len() == MAX_DEPTH || !seen.insert((ty.namespace.as_str(), ty.name.as_str())) {
            break;
        }
        chain.push(ty);
        next = ty.base_type.as_deref().and_then(|b| csdl.structured_type(b));
    }
    chain
}

/// Compares a documented property with the metadata's type of it.
fn compare(out: &mut Outcome, d: &Property, csdl: &TypeRef, ns: Option<&str>, subject: String, file: String) {
    if same_type(&d.type_ref, csdl, ns) {
        out.properties.both.push(subject);
    } else {
        out.drift.push(Drift {
            kind: DriftKind::Type,
            subject: subject.clone(),
            docs: d.type_ref.to_string(),
            csdl: csdl.to_string(),
            rule: Rule::CsdlTypeKept,
            file,
            line: d.line,
        });
        out.properties.conflict.push(subject);
    }
}

/// One enum from both sides (`docs` empty for a metadata-only enum).
fn merge_enum(out: &mut Outcome, e: &csdl::EnumType, docs: EnumFacts) -> EnumFacts {
    let name = format!("{}.{}", e.namespace, e.name);
    let described = !docs.members.is_empty();
    let mut members: Vec<(String, String)> = Vec::new();
    let mut csdl_only = Vec::new();
    for m in &e.members {
        let docs_member = docs.members.iter().find(|(n, _)| n.eq_ignore_ascii_case(&m.name));
        if docs_member.is_none() {
            csdl_only.push(m.name.clone());
        }
        let docs_description = docs_member.map(|(_, d)| d.as_str()).unwrap_or("");
        members.push((
            m.name.clone(),
            description(&m.description, &m.long_description, docs_description),
        ));
    }
    // Pages often leave out the evolvable-enum sentinel; that is no drift.
    csdl_only.retain(|m| m != UNKNOWN_FUTURE_VALUE);
    let mut docs_only = Vec::new();
    for (n, d) in &docs.members {
        if !e.members.iter().any(|m| m.name.eq_ignore_ascii_case(n)) {
            docs_only.push(n.clone());
            members.push((n.clone(), d.clone()));
        }
    }
    if described {
        if docs_only.is_empty() && csdl_only.is_empty() {
            out.enums.both.push(name.clone());
        } else {
            let (file, line) = docs.location.clone().unwrap_or_default();
            out.drift.push(Drift {
                kind: DriftKind::EnumMembers,
                subject: name.clone(),
                docs: docs_only.join(", "),
                csdl: csdl_only.join(", "),
                rule: Rule::MembersUnited,
                file,
                line,
            });
            out.enums.conflict.push(name.clone());
        }
    }
    let mut sources = docs.sources;
    sources.insert(CSDL_SOURCE.to_string());
    EnumFacts {
        wire: name,
        description: description(&e.description, &e.long_description, &docs.description),
        members,
        sources,
        location: docs.location,
        flags: e.is_flags,
    }
}
