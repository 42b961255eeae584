//! Coverage and drift report: what the pages and the metadata each describe,
//! counted per kind (types, properties, enums, operations, paths) with the
//! names in each cell, and drift records by diagnostic code. The text form
//! shows the first few of each ([`Report::render`] with all of them); the
//! serde form holds everything.

use super::drift::Drift;
use super::{merge, Coverage};
use crate::csdl::Csdl;
use crate::facts::collect_described;
use crate::schema::{OperationKind, Page, Segment};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// How many names each cell of the text report shows, unless all are asked for.
pub const EXAMPLES: usize = 3;

/// One line of the report: counts and the names of each cell, sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub both: usize,
    pub docs_only: usize,
    pub csdl_only: usize,
    pub conflict: usize,
    /// Every name of each non-empty cell (`both`, `docs only`, ...), sorted.
    pub names: BTreeMap<&'static str, Vec<String>>,
}

impl From<&Coverage> for Tally {
    fn from(c: &Coverage) -> Self {
        let mut names = BTreeMap::new();
        for (cell, list) in [
            ("both", &c.both),
            ("docs only", &c.docs_only),
            ("CSDL only", &c.csdl_only),
            ("conflict", &c.conflict),
        ] {
            let mut sorted: Vec<&String> = list.iter().collect();
            sorted.sort();
            sorted.dedup();
            if !sorted.is_empty() {
                names.insert(cell, sorted.into_iter().cloned().collect());
            }
        }
        Tally {
            both: c.both.len(),
            docs_only: c.docs_only.len(),
            csdl_only: c.csdl_only.len(),
            conflict: c.conflict.len(),
            names,
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
    /// Drift records by diagnostic code, in the order merging found them.
    pub drift: BTreeMap<&'static str, Vec<Drift>>,
}

/// Merges `csdl` into the facts of `pages` and tallies the outcome.
pub fn report(pages: &[Page], csdl: &Csdl) -> Report {
    let mut facts = collect_described(pages);
    let outcome = merge(&mut facts, pages, csdl);
    let mut drift: BTreeMap<&'static str, Vec<Drift>> = BTreeMap::new();
    for d in &outcome.drift {
        drift.entry(d.kind.code()).or_default().push(d.clone());
    }
    Report {
        pages: pages.len(),
        types: (&outcome.types).into(),
        properties: (&outcome.properties).into(),
        enums: (&outcome.enums).into(),
        operations: (&operations(pages, csdl)).into(),
        paths: (&outcome.paths).into(),
        drift,
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

/// A value of a drift record as text: nothing as `nothing`, a name in
/// backticks, a phrase holding its own backticks as it is.
fn side(value: &str) -> String {
    if value.is_empty() {
        "nothing".to_string()
    } else if value.contains('`') {
        value.to_string()
    } else {
        format!("`{value}`")
    }
}

/// `a, b, c` and, beyond `limit`, `and N more`.
fn some(names: &[String], limit: Option<usize>) -> String {
    let shown = limit.unwrap_or(names.len()).min(names.len());
    let mut text = names[..shown].join(", ");
    if shown < names.len() {
        text.push_str(&format!(" and {} more (--all)", names.len() - shown));
    }
    text
}

impl Report {
    /// The report as text, with up to `limit` names of each cell and drift
    /// records of each code (`None`: all of them).
    pub fn render(&self, limit: Option<usize>) -> String {
        let mut out = String::new();
        let _ = self.write(&mut out, limit);
        out
    }

    fn write(&self, f: &mut impl fmt::Write, limit: Option<usize>) -> fmt::Result {
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
            for (cell, names) in &t.names {
                if limit.is_some() {
                    writeln!(f, "  {name}, {cell}: {}", some(names, limit))?;
                } else {
                    writeln!(f, "  {name}, {cell}:")?;
                    for n in names {
                        writeln!(f, "           {n}")?;
                    }
                }
            }
        }
        writeln!(f, "drift:")?;
        for (code, records) in &self.drift {
            writeln!(f, "  {:>6} {code}", records.len())?;
            let shown = limit.unwrap_or(records.len()).min(records.len());
            for d in &records[..shown] {
                writeln!(
                    f,
                    "           {}:{}: `{}`: docs {}, CSDL {}",
                    d.file,
                    d.line,
                    d.subject,
                    side(&d.docs),
                    side(&d.csdl)
                )?;
            }
            if shown < records.len() {
                writeln!(f, "           {} more: --all lists every one", records.len() - shown)?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, Some(EXAMPLES))
    }
}
