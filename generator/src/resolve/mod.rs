//! Resolving: page facts into one schema where every type, field, variant and
//! operation has its Rust name, collisions settled the same way every run.

pub mod address;
mod bodies;
mod derived;
mod examples;
mod features;
mod fields;
pub mod model;
pub mod navigation;
mod ops;
mod query;
mod route_identity;
mod route_names;
mod route_types;
pub mod subset;

pub use model::*;
pub use route_identity::{request_key, template_key};

use crate::csdl::Csdl;
use crate::diagnostic::Diagnostic;
use crate::facts::{self as types, qualify, TypeFacts, DEFAULT_NAMESPACE};
use crate::naming::{self, NameSet};
use crate::schema::{Page, TypeRef};
use std::collections::{BTreeMap, HashMap, HashSet};

/// A resolved schema and what resolving found.
#[derive(Debug)]
pub struct Resolved {
    pub schema: Schema,
    pub diagnostics: Vec<Diagnostic>,
}

pub use examples::primitive as primitive_fits;
pub use fields::RESERVED_FIELDS;

/// A resolver of a page's type reference (in the page's namespace, if any)
/// to its Rust type.
type TyOf<'a> = dyn Fn(&TypeRef, Option<&str>) -> Option<Ty> + 'a;

/// Resolves page facts, merged with the CSDL metadata when given: type
/// facts, then models and enums with their Rust names, then one route per
/// operation (merged across pages, typed through the metadata, named), then
/// what settles over the whole schema (bodies, options, derived types,
/// features, examples).
pub fn resolve(pages: &[Page], csdl: Option<&Csdl>) -> Resolved {
    let mut facts = types::collect_described(pages);
    if let Some(csdl) = csdl {
        crate::merge::merge(&mut facts, pages, csdl);
    }
    types::add_referenced(&mut facts, pages);
    let mut diagnostics = std::mem::take(&mut facts.diagnostics);
    let rust_names = type_names(&facts);
    let ty = |t: &TypeRef, ns: Option<&str>| -> Option<Ty> { to_ty(t, ns, &facts, &rust_names) };
    let mut schema = Schema {
        enums: enums(&facts, &rust_names),
        models: models(&facts, &rust_names, &ty, &mut diagnostics),
        operations: Vec::new(),
    };
    let candidates = candidates(pages, csdl.is_some(), &facts, &ty);
    routes(&mut schema, candidates, csdl, &ty, &mut diagnostics);
    if csdl.is_some() {
        let described: HashSet<&str> = facts
            .models
            .values()
            .filter(|m| m.resource_page.is_some() || m.sources.contains(crate::facts::CSDL_SOURCE))
            .map(|m| m.wire.as_str())
            .collect();
        bodies::drop_unreached_prose_models(&mut schema, &described, &mut diagnostics);
    }
    query::mark_navigation(&mut schema);
    query::settle_options(&mut schema);
    derived::assign(&mut schema);
    derived::create_bodies(&mut schema);
    features::assign(&mut schema);
    examples::check(&mut schema, &mut diagnostics);
    Resolved { schema, diagnostics }
}

/// Every enum, its variants named.
fn enums(facts: &TypeFacts, rust_names: &BTreeMap<String, String>) -> BTreeMap<String, Enum> {
    let mut enums = BTreeMap::new();
    for (wire, e) in &facts.enums {
        let mut variants = NameSet::new();
        variants.reserve("UnknownValue");
        enums.insert(
            wire.clone(),
            Enum {
                wire_name: wire.clone(),
                rust_name: rust_names[wire].clone(),
                description: e.description.clone(),
                variants: e
                    .members
                    .iter()
                    .map(|(name, description)| Variant {
                        wire_name: name.clone(),
                        rust_name: variants.claim(&naming::variant_name(name)),
                        description: description.clone(),
                    })
                    .collect(),
                flags: e.flags,
                sources: e.sources.iter().cloned().collect(),
                features: Vec::new(),
                home: String::new(),
            },
        );
    }
    enums
}

/// Every model, with the fields of its base types before its own.
fn models(
    facts: &TypeFacts,
    rust_names: &BTreeMap<String, String>,
    ty: &TyOf<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Model> {
    let mut models = BTreeMap::new();
    let (chains, chain_diags) = facts.base_chains();
    diagnostics.extend(chain_diags);
    for ((wire, m), chain) in facts.models.iter().zip(chains) {
        let ns = wire.rsplit_once('.').map(|(ns, _)| ns);
        let out = fields::fields(chain.iter().rev().flat_map(|level| level.properties.iter()), &|p| {
            ty(&p.type_ref, ns)
        });
        // A chain of the type alone with a base that exists: the type is on
        // a cycle, where inheritance is cut (reported above), so it has no
        // base and derives from nothing.
        let on_cycle = chain.len() == 1 && m.base.as_deref().and_then(|b| facts.find(b)).is_some();
        models.insert(
            wire.clone(),
            Model {
                wire_name: wire.clone(),
                rust_name: rust_names[wire].clone(),
                description: m.description.clone(),
                base: if on_cycle { None } else { m.base.clone() },
                fields: out,
                sources: m.sources.iter().cloned().collect(),
                features: Vec::new(),
                derived: Vec::new(),
                kind_name: None,
                queried: false,
                home: String::new(),
                open: chain.iter().any(|level| level.open),
            },
        );
    }
    models
}

/// The operations of the pages, one candidate route per page.
fn candidates(pages: &[Page], with_csdl: bool, facts: &TypeFacts, ty: &TyOf<'_>) -> Vec<ops::Candidate> {
    let mut candidates = Vec::new();
    for page in pages {
        let Some(op) = &page.operation else { continue };
        if op.requests.is_empty() {
            continue;
        }
        let ns = page.namespace.as_deref();
        let resolve_ty = |t: &TypeRef| ty(t, ns);
        // With metadata, a body named in prose only (`the parameters`, an
        // `id`) that neither the metadata nor a resource page defines, with
        // rows of its own: the rows are the route's body, not a model
        // shared with every page that writes the same word.
        let prose_body = with_csdl
            && op.request_body_type.as_ref().is_some_and(|t| {
                let described =
                    |m: &types::ModelFacts| m.resource_page.is_some() || m.sources.contains(crate::facts::CSDL_SOURCE);
                let key = facts.find(&qualify(&t.element().to_string(), ns));
                !op.request_body.is_empty() && key.and_then(|k| facts.models.get(k)).is_some_and(|m| !described(m))
            });
        let unnamed;
        let op = if prose_body {
            unnamed = crate::schema::Operation {
                request_body_type: None,
                ..op.clone()
            };
            &unnamed
        } else {
            op
        };
        // Body rows without a named body type become a model of the route's own.
        let body_fields = (op.request_body_type.is_none() && !op.request_body.is_empty())
            .then(|| fields::fields(&op.request_body, &|p| resolve_ty(&p.type_ref)));
        candidates.extend(ops::ops_of_page(page, op, body_fields.as_ref(), &resolve_ty));
    }
    candidates
}

/// The routes: candidates merged by request line, typed through the
/// metadata, named, each with its body model; into `schema.operations`.
fn routes(
    schema: &mut Schema,
    candidates: Vec<ops::Candidate>,
    csdl: Option<&Csdl>,
    ty: &TyOf<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut taken: HashSet<String> = schema
        .models
        .values()
        .map(|m| m.rust_name.clone())
        .chain(schema.enums.values().map(|e| e.rust_name.clone()))
        .collect();
    let parent_of: HashMap<&str, &str> = schema
        .models
        .values()
        .filter_map(|m| {
            let base = schema.models.get(m.base.as_deref()?)?;
            Some((m.rust_name.as_str(), base.rust_name.as_str()))
        })
        .collect();
    let fields_of: HashMap<&str, HashSet<String>> = schema
        .models
        .values()
        .map(|m| {
            let names = m.fields.iter().map(|f| f.wire_name.to_ascii_lowercase()).collect();
            (m.rust_name.as_str(), names)
        })
        .collect();
    let models = route_identity::Models {
        parent: &|rust| parent_of.get(rust).map(|p| p.to_string()),
        has_fields: &|rust, rows| {
            fields_of
                .get(rust)
                .is_some_and(|fields| rows.iter().all(|f| fields.contains(&f.wire_name.to_ascii_lowercase())))
        },
    };
    let mut routes = route_identity::merge(candidates, &models, diagnostics);
    let walker = csdl.map(address::Walker::new);
    if let Some(w) = &walker {
        routes = route_types::split_by_target(routes, w);
    }
    let actions: Vec<Option<route_types::ActionBody>> = routes
        .iter_mut()
        .map(|r| {
            (r.op.workload, r.op.feature) = ops::workload(r.requests.iter());
            route_types::type_route(r, walker.as_ref(), &|t| ty(t, None), &models, diagnostics)
        })
        .collect();
    let (mut ops, requests): (Vec<Op>, Vec<Vec<crate::schema::RequestLine>>) =
        routes.iter().map(|r| (r.op.clone(), r.requests.clone())).unzip();
    route_names::assign(&mut ops, &requests, diagnostics);
    let mut bodies = Vec::new();
    for ((o, route), action) in ops.iter_mut().zip(&routes).zip(actions) {
        let body = match action {
            Some(a) => Some(bodies::action_body(&a, o, &route.body_source, &|t| ty(t, None))),
            None => route
                .body_fields
                .clone()
                .filter(|_| o.body.is_none())
                .map(|fields| bodies::rows_body(fields, o, &route.body_source)),
        };
        if let Some(mut model) = body {
            model.rust_name = claim_type_name(&mut taken, &format!("{}Body", o.rust_name));
            o.body = Some(Ty::Model(model.rust_name.clone()));
            bodies.push(model);
        }
        for e in o.examples.iter().filter(|e| e.path.is_none()) {
            diagnostics.push(Diagnostic::new(
                &e.source,
                e.line,
                crate::diagnostic::Severity::Note,
                "example-path-unmatched",
                format!(
                    "example path `{}` matches no documented path of `{}`; it is not replayed",
                    e.url_path, o.rust_name
                ),
            ));
        }
    }
    for model in bodies {
        schema.models.insert(model.wire_name.clone(), model);
    }
    ops.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
    schema.operations = ops;
}

/// A type name not yet used by any model or enum (`taken`), now taken.
fn claim_type_name(taken: &mut HashSet<String>, candidate: &str) -> String {
    let mut name = candidate.to_string();
    let mut i = 2;
    while taken.contains(&name) {
        name = format!("{candidate}{i}");
        i += 1;
    }
    taken.insert(name.clone());
    name
}

/// Rust names for every model and enum, default namespace first, sorted.
fn type_names(facts: &TypeFacts) -> BTreeMap<String, String> {
    let mut wires: Vec<&String> = facts.models.keys().chain(facts.enums.keys()).collect();
    wires.sort_by_key(|w| {
        (
            !w.starts_with(&format!("{DEFAULT_NAMESPACE}.")) || w[DEFAULT_NAMESPACE.len() + 1..].contains('.'),
            w.to_string(),
        )
    });
    let mut names = NameSet::new();
    wires
        .into_iter()
        .map(|wire| {
            let local = match wire.strip_prefix(&format!("{DEFAULT_NAMESPACE}.")) {
                Some(rest) => rest.replace('.', "_"),
                None => wire.replace('.', "_"),
            };
            (wire.clone(), names.claim(&naming::type_name(&local)))
        })
        .collect()
}

fn to_ty(t: &TypeRef, ns: Option<&str>, facts: &TypeFacts, names: &BTreeMap<String, String>) -> Option<Ty> {
    Some(match t {
        TypeRef::Primitive(p) => Ty::Primitive(*p),
        TypeRef::Collection(inner) => Ty::Collection(Box::new(to_ty(inner, ns, facts, names)?)),
        TypeRef::Named(name) => {
            let key = facts.find(&qualify(name, ns))?;
            let rust = names.get(key)?.clone();
            if facts.enums.get(key).is_some_and(|e| e.flags) {
                Ty::Flags(rust)
            } else if facts.enums.contains_key(key) {
                Ty::Enum(rust)
            } else {
                Ty::Model(rust)
            }
        }
        TypeRef::Unknown(_) => return None,
    })
}
