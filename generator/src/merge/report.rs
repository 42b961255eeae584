//! Coverage and drift report: what the pages and the metadata each describe,
//! counted per kind (types, properties, enums, operations, paths) with a few
//! examples of each, and drift counted by diagnostic code.

use super::{merge, Coverage};
use crate::csdl::Csdl;
use crate::resolve::types::collect_described;
use crate::schema::{OperationKind, Page, Segment};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// How many examples each cell of the report shows.
pub const EXAMPLES: usize = 3;

/// One line of the report: counts and the first few names of each cell.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub both: usize,
    pub docs_only: usize,
    pub csdl_only: usize,
    pub conflict: usize,
    pub examples: BTreeMap<&'static str, Vec<String>>,
}

impl From<&Coverage> for Tally {
    fn from(c: &Coverage) -> Self {
        let mut examples = BTreeMap::new();
        for (cell, names) in [
            ("both", &c.both),
            ("docs only", &c.docs_only),
            ("CSDL only", &c.csdl_only),
            ("conflict", &c.conflict),
        ] {
            let mut sorted: Vec<&String> = names.iter().collect();
            sorted.sort();
            sorted.dedup();
            if !sorted.is_empty() {
                examples.insert(cell, sorted.into_iter().take(EXAMPLES).cloned().collect());
            }
        }
        Tally {
            both: c.both.len(),
            docs_only: c.docs_only.len(),
            csdl_only: c.csdl_only.len(),
            conflict: c.conflict.len(),
            examples,
        }
    }
}

/// Coverage and drift of pages against metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub pages: usize,
    /// Entity and complex types.
    pub types: Tally,
    /// Structural and navigation properties.
    pub properties: Tally,
    pub enums: Tally,
    /// Actions and functions, by name.
    pub operations: Tally,
    /// Documented request paths (CSDL only: entity sets and singletons).
    pub paths: Tally,
    /// Drift records by diagnostic code.
    pub drift: BTreeMap<&'static str, usize>,
    /// The first few drift records of each code, as text.
    pub drift_examples: BTreeMap<&'static str, Vec<String>>,
}

/// Merges `csdl` into the facts of `pages` and tallies the outcome.
pub fn report(pages: &[Page], csdl: &Csdl) -> Report {
    let mut facts = collect_described(pages);
    let outcome = merge(&mut facts, pages, csdl);
    let mut drift = BTreeMap::new();
    let mut drift_examples: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    for d in &outcome.drift {
        *drift.entry(d.kind.code()).or_insert(0) += 1;
        let examples = drift_examples.entry(d.kind.code()).or_default();
        if examples.len() < EXAMPLES {
            examples.push(format!(
                "{} (docs `{}`, CSDL `{}`) at {}:{}",
                d.subject, d.docs, d.csdl, d.file, d.line
            ));
        }
    }
    Report {
        pages: pages.len(),
        types: (&outcome.types).into(),
        properties: (&outcome.properties).into(),
        enums: (&outcome.enums).into(),
        operations: (&operations(pages, csdl)).into(),
        paths: (&outcome.paths).into(),
        drift,
        drift_examples,
    }
}

/// Actions and functions the pages document (by the last call or name in
/// their paths) against those the metadata declares. A page documenting an
/// action the metadata declares only as a function (or the reverse) is a
/// conflict.
fn operations(pages: &[Page], csdl: &Csdl) -> Coverage {
    let declared = |map: &BTreeMap<String, Vec<crate::csdl::Operation>>| -> BTreeMap<String, String> {
        map.values()
            .flatten()
            .map(|o| (o.name.to_ascii_lowercase(), o.name.clone()))
            .collect()
    };
    let actions = declared(&csdl.actions);
    let functions = declared(&csdl.functions);
    let mut documented: BTreeMap<String, (OperationKind, String)> = BTreeMap::new();
    for page in pages {
        let Some(op) = &page.operation else { continue };
        if !matches!(op.kind, OperationKind::Action | OperationKind::Function) {
            continue;
        }
        for r in &op.requests {
            let name = r.path.segments.iter().rev().find_map(|s| match s {
                Segment::Call { name, .. } | Segment::Literal { name } => Some(name.as_str()),
                _ => None,
            });
            if let Some(name) = name {
                let simple = name.rsplit('.').next().unwrap_or(name);
                documented
                    .entry(simple.to_ascii_lowercase())
                    .or_insert((op.kind, simple.to_string()));
            }
        }
    }
    let mut c = Coverage::default();
    let mut seen = BTreeSet::new();
    for (lower, (kind, name)) in &documented {
        let (same, other) = match kind {
            OperationKind::Function => (&functions, &actions),
            _ => (&actions, &functions),
        };
        if same.contains_key(lower) {
            c.both.push(name.clone());
        } else if other.contains_key(lower) {
            c.conflict.push(format!("{name} (documented as {kind:?})"));
        } else {
            c.docs_only.push(name.clone());
        }
        seen.insert(lower.as_str());
    }
    for (lower, name) in actions.iter().chain(&functions) {
        if seen.insert(lower.as_str()) {
            c.csdl_only.push(name.clone());
        }
    }
    c
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} pages against the CSDL", self.pages)?;
        writeln!(
            f,
            "{:<12} {:>8} {:>10} {:>10} {:>9}",
            "", "both", "docs only", "CSDL only", "conflict"
        )?;
        let lines = [
            ("types", &self.types),
            ("properties", &self.properties),
            ("enums", &self.enums),
            ("operations", &self.operations),
            ("paths", &self.paths),
        ];
        for (name, t) in lines {
            writeln!(
                f,
                "{name:<12} {:>8} {:>10} {:>10} {:>9}",
                t.both, t.docs_only, t.csdl_only, t.conflict
            )?;
        }
        for (name, t) in lines {
            for (cell, examples) in &t.examples {
                writeln!(f, "  {name}, {cell}: {}", examples.join(", "))?;
            }
        }
        writeln!(f, "drift:")?;
        for (code, n) in &self.drift {
            writeln!(f, "  {n:>6} {code}")?;
            for e in self.drift_examples.get(code).into_iter().flatten() {
                writeln!(f, "           {e}")?;
            }
        }
        Ok(())
    }
}
