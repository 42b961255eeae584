//! Type facts, the stage before any Rust name: collecting them from pages: models (resource pages, request bodies,
//! responses, referenced types) and enums (enum pages, value tables,
//! `Possible values` lists), merged by qualified wire name. Collection runs
//! in two passes so metadata can be merged in between: described types first
//! ([`collect_described`]), then a diagnostic for each name nothing describes
//! ([`add_referenced`]); such names are typed as untyped JSON.

/// The source recorded for facts the metadata (`$metadata`, the CSDL)
/// gives rather than a page.
pub const CSDL_SOURCE: &str = "$metadata";

use crate::diagnostic::{Diagnostic, Severity};
use crate::inheritance::{describe, Chains, MAX_DEPTH};
use crate::schema::{Page, Property, TypeRef};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

pub const DEFAULT_NAMESPACE: &str = "microsoft.graph";

/// Facts about one model, from every page that describes it.
#[derive(Debug, Default)]
pub struct ModelFacts {
    pub wire: String,
    pub description: String,
    pub base: Option<String>,
    pub properties: Vec<Property>,
    pub sources: BTreeSet<String>,
    /// The page (and line) that first listed properties of the type.
    pub location: Option<(String, u32)>,
    /// The resource page describing the type, if any.
    pub resource_page: Option<String>,
    /// The page each property was first read from, by property name.
    pub property_sources: BTreeMap<String, String>,
    /// An open type (`OpenType="true"`, `"openType": true`): instances may
    /// hold properties beyond the declared ones.
    pub open: bool,
}

/// Facts about one enum.
#[derive(Debug, Default)]
pub struct EnumFacts {
    pub wire: String,
    pub description: String,
    pub members: Vec<(String, String)>,
    pub sources: BTreeSet<String>,
    /// The page (and line) that first listed members of the enum.
    pub location: Option<(String, u32)>,
    /// A flags enum (`IsFlags="true"`): a value is a set of members.
    pub flags: bool,
}

/// All type facts, keyed by qualified wire name, with a case-insensitive index.
#[derive(Debug, Default)]
pub struct TypeFacts {
    pub models: BTreeMap<String, ModelFacts>,
    pub enums: BTreeMap<String, EnumFacts>,
    pub diagnostics: Vec<Diagnostic>,
    /// Lower-cased wire name to the key of the model or enum first given it.
    index: HashMap<String, String>,
}

/// Qualifies a type name with a namespace unless it already has one. A
/// namespace that is not a dotted name (prose read as one) is ignored, and a
/// sentence's full stop after the name dropped.
pub fn qualify(name: &str, namespace: Option<&str>) -> String {
    let name = name.trim().trim_start_matches('#').trim_end_matches('.');
    let namespace = namespace.filter(|ns| {
        ns.split('.')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
    });
    if let Some(rest) = name.strip_prefix("graph.") {
        return format!("{DEFAULT_NAMESPACE}.{rest}");
    }
    if name.contains('.') {
        return name.to_string();
    }
    format!("{}.{name}", namespace.unwrap_or(DEFAULT_NAMESPACE))
}

impl TypeFacts {
    /// The key of a model or enum, matching case-insensitively.
    pub fn find(&self, qualified: &str) -> Option<&str> {
        if let Some((k, _)) = self.models.get_key_value(qualified) {
            return Some(k);
        }
        if let Some((k, _)) = self.enums.get_key_value(qualified) {
            return Some(k);
        }
        let key = self.index.get(&qualified.to_ascii_lowercase())?;
        let in_models = self.models.get_key_value(key).map(|(k, _)| k.as_str());
        in_models.or_else(|| self.enums.get_key_value(key).map(|(k, _)| k.as_str()))
    }

    /// The enum of that name (exactly), created empty if absent.
    pub fn enum_entry(&mut self, wire: String) -> &mut EnumFacts {
        self.index
            .entry(wire.to_ascii_lowercase())
            .or_insert_with(|| wire.clone());
        self.enums.entry(wire.clone()).or_insert_with(|| EnumFacts {
            wire,
            ..Default::default()
        })
    }

    /// The model of that name (exactly), created empty if absent.
    pub fn model_entry(&mut self, wire: String) -> &mut ModelFacts {
        self.index
            .entry(wire.to_ascii_lowercase())
            .or_insert_with(|| wire.clone());
        self.models.entry(wire.clone()).or_insert_with(|| ModelFacts {
            wire,
            ..Default::default()
        })
    }

    /// Makes `from` find what `to` finds (a page's name of a type the
    /// metadata names otherwise).
    pub fn alias(&mut self, from: &str, to: &str) {
        self.index.insert(from.to_ascii_lowercase(), to.to_string());
    }

    /// Takes a model out (for renaming or replacing it).
    pub fn remove_model(&mut self, wire: &str) -> Option<ModelFacts> {
        let removed = self.models.remove(wire)?;
        self.unindex(wire);
        Some(removed)
    }

    /// Takes an enum out (for renaming or replacing it).
    pub fn remove_enum(&mut self, wire: &str) -> Option<EnumFacts> {
        let removed = self.enums.remove(wire)?;
        self.unindex(wire);
        Some(removed)
    }

    /// Puts a model in under its `wire` name, replacing one of that name.
    pub fn insert_model(&mut self, model: ModelFacts) {
        self.index
            .entry(model.wire.to_ascii_lowercase())
            .or_insert_with(|| model.wire.clone());
        self.models.insert(model.wire.clone(), model);
    }

    /// Puts an enum in under its `wire` name, replacing one of that name.
    pub fn insert_enum(&mut self, e: EnumFacts) {
        self.index
            .entry(e.wire.to_ascii_lowercase())
            .or_insert_with(|| e.wire.clone());
        self.enums.insert(e.wire.clone(), e);
    }

    fn unindex(&mut self, wire: &str) {
        let lower = wire.to_ascii_lowercase();
        if self.index.get(&lower).is_some_and(|k| k == wire) {
            self.index.remove(&lower);
            // Another type differing only in case takes the slot.
            if let Some(k) = self
                .models
                .keys()
                .chain(self.enums.keys())
                .find(|k| k.to_ascii_lowercase() == lower)
            {
                self.index.insert(lower, k.clone());
            }
        }
    }

    fn add_enum_members(
        &mut self,
        wire: String,
        members: impl IntoIterator<Item = (String, String)>,
        source: &str,
        line: u32,
    ) {
        let entry = self.enum_entry(wire);
        entry.sources.insert(source.to_string());
        if entry.location.is_none() {
            entry.location = Some((source.to_string(), line));
        }
        let mut known: HashSet<String> = entry.members.iter().map(|(n, _)| n.clone()).collect();
        for (name, description) in members {
            if known.insert(name.clone()) {
                entry.members.push((name, description));
            }
        }
    }

    /// Adds properties to a model, reporting a property whose type differs
    /// between pages (the first reading is kept).
    pub fn add_properties(&mut self, wire: String, properties: &[Property], source: &str) {
        let mut conflicts = Vec::new();
        let entry = self.model_entry(wire.clone());
        entry.sources.insert(source.to_string());
        if entry.location.is_none() && !properties.is_empty() {
            entry.location = Some((source.to_string(), properties[0].line));
        }
        // The first property of each name, by name.
        let mut by_name: HashMap<String, usize> = HashMap::with_capacity(entry.properties.len());
        for (i, q) in entry.properties.iter().enumerate() {
            by_name.entry(q.name.clone()).or_insert(i);
        }
        for p in properties {
            entry
                .property_sources
                .entry(p.name.clone())
                .or_insert_with(|| source.to_string());
            match by_name.get(&p.name).map(|&i| &entry.properties[i]) {
                Some(q) if q.type_ref != p.type_ref && !matches!(p.type_ref, TypeRef::Unknown(_)) => {
                    conflicts.push((
                        p.line,
                        format!(
                            "property `{}` of `{wire}` is `{}` here but `{}` elsewhere; the first reading is kept",
                            p.name, p.type_ref, q.type_ref
                        ),
                    ));
                }
                Some(_) => {}
                None => {
                    by_name.insert(p.name.clone(), entry.properties.len());
                    entry.properties.push(p.clone());
                }
            }
        }
        for (line, message) in conflicts {
            self.diagnostics.push(Diagnostic::new(
                source,
                line,
                Severity::Warning,
                "type-conflict",
                message,
            ));
        }
    }
}

/// Collects type facts from all pages.
pub fn collect(pages: &[Page]) -> TypeFacts {
    let mut facts = collect_described(pages);
    add_referenced(&mut facts, pages);
    facts
}

/// Collects the types pages describe: enums, resource pages, request bodies.
pub fn collect_described(pages: &[Page]) -> TypeFacts {
    let mut facts = TypeFacts::default();
    // Enums first, so property types can tell enums from models.
    for page in pages {
        let ns = page.namespace.as_deref();
        for e in &page.enums {
            facts.add_enum_members(
                qualify(&e.name, ns),
                e.members.iter().map(|m| (m.name.clone(), m.description.clone())),
                &page.file,
                e.line,
            );
        }
        for p in page_properties(page) {
            if let TypeRef::Named(name) = p.type_ref.element() {
                if !p.enum_values.is_empty() {
                    facts.add_enum_members(
                        qualify(name, ns),
                        p.enum_values.iter().map(|v| (v.clone(), String::new())),
                        &page.file,
                        p.line,
                    );
                }
            }
        }
    }
    for page in pages {
        let ns = page.namespace.as_deref();
        if let Some(r) = &page.resource {
            if !r.name.is_empty()
                && facts
                    .find(&qualify(&r.name, ns))
                    .is_none_or(|k| facts.models.contains_key(k))
            {
                let wire = qualify(&r.name, ns);
                let mut props = r.properties.clone();
                props.extend(r.relationships.iter().cloned());
                facts.add_properties(wire.clone(), &props, &page.file);
                let entry = facts.model_entry(wire);
                if entry.resource_page.is_none() {
                    entry.resource_page = Some(page.file.clone());
                }
                if entry.location.is_none() {
                    entry.location = Some((page.file.clone(), 1));
                }
                if entry.description.is_empty() {
                    entry.description = page.description.clone().unwrap_or_default();
                }
                if entry.base.is_none() {
                    entry.base = r.base_type.as_deref().map(|b| qualify(b, ns));
                }
                entry.open |= r.open_type;
            }
        }
        if let Some(op) = &page.operation {
            if let Some(TypeRef::Named(name)) = op.request_body_type.as_ref().map(TypeRef::element) {
                let wire = qualify(name, ns);
                if !facts.enums.contains_key(&wire) {
                    facts.add_properties(wire, &op.request_body, &page.file);
                }
            }
        }
    }
    facts
}

/// Reports every referenced name that is neither an enum nor a model: it is
/// typed as untyped JSON, since nothing says whether it is an object or a value.
pub fn add_referenced(facts: &mut TypeFacts, pages: &[Page]) {
    let mut referenced: Vec<(String, String, u32)> = Vec::new();
    for page in pages {
        let ns = page.namespace.as_deref();
        let mut refer = |t: &TypeRef, line: u32| {
            if let TypeRef::Named(name) = t.element() {
                referenced.push((qualify(name, ns), page.file.clone(), line));
            }
        };
        for p in page_properties(page) {
            refer(&p.type_ref, p.line);
        }
        if let Some(op) = &page.operation {
            if let Some(t) = op.response.as_ref().and_then(|r| r.body.as_ref()) {
                refer(t, 1);
            }
            if let Some(t) = &op.request_body_type {
                refer(t, 1);
            }
        }
    }
    for (wire, file, line) in referenced {
        if facts.find(&wire).is_none() {
            facts.diagnostics.push(Diagnostic::new(
                &file,
                line,
                Severity::Note,
                "type-undescribed",
                format!(
                    "type `{wire}` is not described by any page or the metadata, so whether it is an object or a value is unknown; typed as untyped JSON"
                ),
            ));
        }
    }
}

/// Every property-like row of a page.
fn page_properties(page: &Page) -> impl Iterator<Item = &Property> {
    let resource = page
        .resource
        .iter()
        .flat_map(|r| r.properties.iter().chain(r.relationships.iter()));
    let op = page.operation.iter().flat_map(|o| o.request_body.iter());
    resource.chain(op)
}

impl TypeFacts {
    /// Each model's base-type chain, the model itself first, in the order of
    /// `models` ([`crate::inheritance`]: linear in the number of models, cut
    /// at its depth limit), and an error for each cycle and each cut chain.
    pub fn base_chains(&self) -> (Vec<Vec<&ModelFacts>>, Vec<Diagnostic>) {
        let models: Vec<&ModelFacts> = self.models.values().collect();
        let index: HashMap<&str, usize> = self.models.keys().enumerate().map(|(i, k)| (k.as_str(), i)).collect();
        let base = models
            .iter()
            .map(|m| {
                let b = m.base.as_deref()?;
                index.get(self.find(b)?).copied()
            })
            .collect();
        let chains = Chains::new(base);
        let at = |m: &ModelFacts| m.location.clone().unwrap_or_else(|| (CSDL_SOURCE.to_string(), 0));
        let mut diagnostics = Vec::new();
        let mut error = |m: &ModelFacts, code: &str, message: String| {
            let (file, line) = at(m);
            diagnostics.push(Diagnostic::new(file, line, Severity::Error, code, message));
        };
        for cycle in chains.cycles() {
            let first = models[cycle[0]];
            let names: Vec<&str> = cycle
                .iter()
                .chain(&cycle[..1])
                .map(|&i| models[i].wire.as_str())
                .collect();
            error(
                first,
                "base-type-cycle",
                format!(
                    "the base types of {} types lead back to themselves: {}; inheritance is cut there: each keeps its own properties only",
                    cycle.len(),
                    describe(&names)
                ),
            );
        }
        for i in chains.too_deep() {
            let m = models[i];
            let chain = chains.chain(i);
            error(
                m,
                "base-type-too-deep",
                format!(
                    "the base-type chain of `{}` is deeper than {MAX_DEPTH} types ({}); it and the types below it inherit from the nearest {MAX_DEPTH} only",
                    m.wire,
                    describe(&chain.iter().map(|&i| models[i].wire.as_str()).collect::<Vec<_>>())
                ),
            );
        }
        let chains = (0..models.len())
            .map(|i| chains.chain(i).into_iter().map(|j| models[j]).collect())
            .collect();
        (chains, diagnostics)
    }
}
