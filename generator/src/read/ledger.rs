//! Accounting: every table row and every path line of a page must end up in
//! the schema or in a diagnostic. Consumers mark what they took; whatever is
//! left unmarked at the end is reported, so nothing is dropped silently.

use super::blocks::{Block, Table};
use crate::diagnostic::Diagnostics;
use std::collections::BTreeSet;

/// Totals of one page's accounting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Accounting {
    pub table_rows: usize,
    pub path_lines: usize,
    /// Rows and path lines neither used nor diagnosed (a reader bug if not 0).
    pub unaccounted: usize,
}

#[derive(Debug, Default)]
pub struct Ledger {
    rows: BTreeSet<u32>,
    path_lines: BTreeSet<u32>,
    path_lines_seen: BTreeSet<u32>,
}

impl Ledger {
    /// Marks every row of a table as accounted for.
    pub fn table(&mut self, table: &Table) {
        self.rows.extend(table.rows.iter().map(|r| r.line));
    }

    /// Reports a table no reader takes, in `section` (empty: the page's
    /// introduction), and marks its rows as accounted for.
    pub fn ignore_table(&mut self, t: &Table, section: &str, diags: &mut Diagnostics) {
        self.table(t);
        let place = if section.is_empty() {
            "the introduction".to_string()
        } else {
            format!("section `{section}`")
        };
        diags.note(
            t.line,
            "table-ignored",
            format!(
                "table `{}` in {place} carries no schema facts; its {} rows are skipped",
                t.header.join(" | "),
                t.rows.len()
            ),
        );
    }

    pub fn row(&mut self, line: u32) {
        crate::isolate::reach(line);
        self.rows.insert(line);
    }

    /// A line in a request block that must be accounted for.
    pub fn path_line_seen(&mut self, line: u32) {
        self.path_lines_seen.insert(line);
    }

    pub fn path_line(&mut self, line: u32) {
        self.path_lines.insert(line);
    }

    /// Reports what no consumer took and returns the totals.
    pub fn close(self, blocks: &[Block], diags: &mut Diagnostics) -> Accounting {
        let mut acc = Accounting {
            path_lines: self.path_lines_seen.len(),
            ..Accounting::default()
        };
        for block in blocks {
            if let Block::Table(t) = block {
                acc.table_rows += t.rows.len();
                let missed: Vec<u32> = t
                    .rows
                    .iter()
                    .map(|r| r.line)
                    .filter(|l| !self.rows.contains(l))
                    .collect();
                if !missed.is_empty() {
                    acc.unaccounted += missed.len();
                    diags.warning(
                        t.line,
                        "table-unread",
                        format!(
                            "table `{}` ({} rows) was not read into the schema; skipped",
                            t.header.join(" | "),
                            missed.len()
                        ),
                    );
                }
            }
        }
        for line in self.path_lines_seen.difference(&self.path_lines) {
            acc.unaccounted += 1;
            diags.warning(
                *line,
                "path-unread",
                "request line was not read into the schema; skipped",
            );
        }
        acc
    }
}
