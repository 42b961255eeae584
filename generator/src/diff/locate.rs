//! Where each change of an API diff comes from: the page and line of the
//! request line, type, property or enum member on each side, found in the
//! page facts each side was resolved from, so a reviewer can open both.

use super::view::normalize_path;
use super::{Change, Report};
use crate::facts::{collect_described, qualify};
use crate::resolve::Schema;
use crate::schema::Page;
use serde::Serialize;
use std::collections::BTreeMap;

/// A page, relative to its input folder, and a line on it (`None`: the page
/// as a whole, as for a property no longer on it).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Location {
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

impl Location {
    fn at(file: &str, line: u32) -> Location {
        Location {
            file: file.to_string(),
            line: (line > 0).then_some(line),
        }
    }

    /// `api/x.md:12`, or `api/x.md`.
    pub fn text(&self) -> String {
        match self.line {
            Some(line) => format!("{}:{line}", self.file),
            None => self.file.clone(),
        }
    }
}

/// The places one side's pages give to request lines, types, properties and
/// enum members.
#[derive(Debug, Default)]
pub struct Locator {
    /// Each request line on each page that documents it, by page.
    lines: BTreeMap<(String, String), BTreeMap<String, Location>>,
    /// The page of the operation serving each request line.
    homes: BTreeMap<(String, String), String>,
    types: BTreeMap<String, Location>,
    properties: BTreeMap<(String, String), Location>,
    members: BTreeMap<(String, String), Location>,
}

impl Locator {
    /// The places in `pages` (the first page, by path, for each; a request
    /// line on the page of the operation `schema` serves it with).
    pub fn of(pages: &[Page], schema: &Schema) -> Locator {
        let mut at = Locator::default();
        for op in &schema.operations {
            for path in &op.paths {
                let key = (op.method.as_str().to_string(), normalize_path(&path.template));
                if let Some(home) = op.sources.first() {
                    at.homes.entry(key).or_insert_with(|| home.clone());
                }
            }
        }
        let facts = collect_described(pages);
        for (wire, model) in &facts.models {
            let page = model.resource_page.as_ref().map(|p| Location::at(p, 1));
            if let Some(place) = page.or_else(|| model.location.as_ref().map(|(f, l)| Location::at(f, *l))) {
                at.types.insert(wire.clone(), place);
            }
            for p in &model.properties {
                if let Some(file) = model.property_sources.get(&p.name) {
                    at.properties
                        .insert((wire.clone(), p.name.clone()), Location::at(file, p.line));
                }
            }
        }
        for (wire, e) in &facts.enums {
            if let Some((file, line)) = &e.location {
                at.types.insert(wire.clone(), Location::at(file, *line));
            }
        }
        for page in pages {
            at.add_page(page);
        }
        at
    }

    fn add_page(&mut self, page: &Page) {
        let ns = page.namespace.as_deref();
        for e in &page.enums {
            for m in &e.members {
                self.members
                    .entry((qualify(&e.name, ns), m.name.clone()))
                    .or_insert_with(|| Location::at(&page.file, m.line));
            }
        }
        let Some(op) = &page.operation else { return };
        for r in &op.requests {
            let key = (r.method.as_str().to_string(), normalize_path(&r.path.template));
            self.lines
                .entry(key)
                .or_default()
                .entry(page.file.clone())
                .or_insert_with(|| Location::at(&page.file, r.path.line));
        }
        // A model of the page's own body rows is keyed `page#Route`.
        if let Some(first) = op.request_body.first() {
            let prefix = format!("{}#", page.file);
            self.types.insert(prefix.clone(), Location::at(&page.file, first.line));
            for p in &op.request_body {
                self.properties
                    .insert((prefix.clone(), p.name.clone()), Location::at(&page.file, p.line));
            }
        }
    }

    /// A request line on its operation's page, else on the first page with it.
    fn route(&self, method: &str, path: &str) -> Option<Location> {
        let key = (method.to_string(), normalize_path(path));
        let pages = self.lines.get(&key)?;
        let home = self.homes.get(&key).and_then(|h| pages.get(h));
        home.or_else(|| pages.values().next()).cloned()
    }

    fn ty(&self, wire: &str) -> Option<Location> {
        self.types.get(local_key(wire)).cloned()
    }

    fn property(&self, owner: &str, property: &str) -> Option<Location> {
        let key = (local_key(owner).to_string(), property.to_string());
        self.properties.get(&key).cloned()
    }

    /// Where `change` is on this side: its own place, else (a property or
    /// member no longer there) the page of the type that held it.
    pub fn locate(&self, change: &Change) -> Option<Location> {
        let page_of = |owner: &str| self.ty(owner).map(|l| Location { line: None, ..l });
        match change {
            Change::RouteAdded { method, path, .. }
            | Change::RouteRemoved { method, path, .. }
            | Change::RouteRenamed { method, path, .. }
            | Change::BodyChanged { method, path, .. }
            | Change::ResponseChanged { method, path, .. }
            | Change::PermissionsAdded { method, path, .. }
            | Change::PermissionsRemoved { method, path, .. } => self.route(method, path),
            Change::TypeAdded { name, .. }
            | Change::TypeRemoved { name, .. }
            | Change::TypeRenamed { name, .. }
            | Change::BaseChanged { name, .. } => self.ty(name),
            Change::PropertyAdded { owner, property, .. }
            | Change::PropertyRemoved { owner, property, .. }
            | Change::PropertyChanged { owner, property, .. } => {
                self.property(owner, property).or_else(|| page_of(owner))
            }
            Change::MemberAdded { owner, member } | Change::MemberRemoved { owner, member } => self
                .members
                .get(&(owner.clone(), member.clone()))
                .cloned()
                .or_else(|| page_of(owner)),
            Change::DriftAdded { file, line, .. } | Change::DriftRemoved { file, line, .. } => {
                Some(Location::at(file, *line))
            }
        }
    }
}

/// The key a page-local model is found by: `api/x.md#Route` -> `api/x.md#`.
fn local_key(wire: &str) -> &str {
    match wire.find('#') {
        Some(i) => &wire[..=i],
        None => wire,
    }
}

/// Fills in where each change of `report` is on the base and on the head
/// side. A property or member gone from one side is placed on the page it
/// was on, where that page is still there.
pub fn locate(report: &mut Report, base: (&[Page], &Schema), head: (&[Page], &Schema)) {
    let kept = |pages: &[Page], at: Option<Location>| {
        at.filter(|l| pages.iter().any(|p| p.file == l.file))
            .map(|l| Location { line: None, ..l })
    };
    let (base_pages, head_pages) = (base.0, head.0);
    let (base, head) = (Locator::of(base.0, base.1), Locator::of(head.0, head.1));
    for entry in &mut report.changes {
        let (was, is) = match &entry.change {
            Change::PropertyRemoved { .. } | Change::MemberRemoved { .. } => {
                let was = base.locate(&entry.change);
                (
                    was.clone(),
                    kept(head_pages, was).or_else(|| head.locate(&entry.change)),
                )
            }
            Change::PropertyAdded { .. } | Change::MemberAdded { .. } => {
                let is = head.locate(&entry.change);
                (kept(base_pages, is.clone()).or_else(|| base.locate(&entry.change)), is)
            }
            Change::RouteAdded { .. } | Change::TypeAdded { .. } | Change::DriftAdded { .. } => {
                (None, head.locate(&entry.change))
            }
            Change::RouteRemoved { .. } | Change::TypeRemoved { .. } | Change::DriftRemoved { .. } => {
                (base.locate(&entry.change), None)
            }
            _ => (base.locate(&entry.change), head.locate(&entry.change)),
        };
        entry.base = was;
        entry.head = is;
    }
}
