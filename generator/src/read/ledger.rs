//! Accounting: every table row and every path line of a page must end up in
//! the schema or in a diagnostic. Consumers mark what they took; whatever is
//! left unmarked at the end is reported, so nothing is dropped silently.

use super::blocks::{Block, Table};
use super::table::Columns;
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
    /// introduction), and marks its rows as accounted for: a warning
    /// (`table-facts-ignored`) when the table carries API facts by its
    /// header or heading ([`facts_of`]), a note (`table-ignored`) when it
    /// is decoration (use cases, report lists, path overviews).
    pub fn ignore_table(&mut self, t: &Table, section: &str, diags: &mut Diagnostics) {
        self.table(t);
        let place = if section.is_empty() {
            "the introduction".to_string()
        } else {
            format!("section `{section}`")
        };
        let header = t.header.join(" | ");
        let rows = t.rows.len();
        match facts_of(&t.header, section) {
            Some(facts) => diags.warning(
                t.line,
                "table-facts-ignored",
                format!("table `{header}` in {place} lists {facts}, but no reader takes it here; its {rows} rows are skipped"),
            ),
            None => diags.note(
                t.line,
                "table-ignored",
                format!("table `{header}` in {place} carries no schema facts; its {rows} rows are skipped"),
            ),
        }
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

/// What API facts a table holds, by its header and the heading above it;
/// `None` for decoration. Facts: permissions (a column naming permissions);
/// properties, parameters, headers, relationships, members or named values
/// (a first column a property table names rows by: `Property`, `Name`,
/// `Parameter`, `Header`, `Relationship`, `Member`, or any with a `Type`
/// column); the values of an enum or option (a first
/// column `Value` or `x value` under a heading `x values`, `x options` or
/// `... enumeration`).
pub fn facts_of(header: &[String], section: &str) -> Option<&'static str> {
    let lower: Vec<String> = header.iter().map(|h| h.trim().to_ascii_lowercase()).collect();
    if lower.iter().any(|h| h.contains("permission")) {
        return Some("permissions");
    }
    let section = section.trim().to_ascii_lowercase();
    if let Some(c) = Columns::of(header).filter(|c| c.name == 0 || c.type_col.is_some()) {
        let name = lower[c.name].as_str();
        return Some(match name {
            n if n.starts_with("relationship") => "relationships",
            n if n.contains("parameter") => "parameters",
            n if n.starts_with("member") || n == "enum value" || n == "value name" => "enum members",
            "header" => "headers",
            _ if section.contains("header") => "headers",
            _ if c.type_col.is_some() || c.value.is_some() || name.starts_with("propert") => "properties",
            _ => "named values",
        });
    }
    let first = lower.first().map(String::as_str).unwrap_or("");
    let values_heading =
        section.ends_with(" values") || section.ends_with(" options") || section.ends_with(" enumeration");
    (values_heading && (first == "value" || first.ends_with(" value"))).then_some("enum or option values")
}

#[cfg(test)]
mod tests {
    use super::facts_of;

    fn facts(header: &str, section: &str) -> Option<&'static str> {
        let header: Vec<String> = header.split('|').map(|c| c.trim().to_string()).collect();
        facts_of(&header, section)
    }

    /// Headers and headings of tables no reader takes on v1.0 pages.
    #[test]
    fn fact_tables_are_told_from_decoration() {
        // api/chat-post-members.md:20, read as a resource page.
        assert_eq!(
            facts(
                "Permission Type | Permissions (from least to most privileged)",
                "Permissions"
            ),
            Some("permissions")
        );
        // resources/webhooks.md:41, resources/consentrequests-root.md:47.
        assert_eq!(
            facts("Permission type | Supported resource types", "Permissions"),
            Some("permissions")
        );
        assert_eq!(
            facts(
                "Operation | Delegated permissions | Required directory role of the calling user",
                "Role and delegated permission authorization checks"
            ),
            Some("permissions")
        );
        // api/chat-post-members.md:33, api/shares-get.md:67, api/user-exportpersonaldata.md:48.
        assert_eq!(facts("Header | Value", "Request headers"), Some("headers"));
        assert_eq!(facts("Name | Description", "Prefer header values"), Some("headers"));
        assert_eq!(facts("Name | Description", "Response"), Some("named values"));
        // api/driveitem-preview.md:68, resources/operationerror.md:19, api/driveitem-delta.md:66.
        assert_eq!(facts("Name | Type | Description", "Response"), Some("properties"));
        assert_eq!(
            facts("Property | Type | Description", "operationError Properties"),
            Some("properties")
        );
        assert_eq!(facts("Name | Value | Description", "Response"), Some("properties"));
        // resources/education-overview.md:31, api/user-translateexchangeids.md:51.
        assert_eq!(
            facts(
                "Parameter | Description",
                "App permissions to enable school IT admins to consent"
            ),
            Some("parameters")
        );
        assert_eq!(
            facts("Member | Description", "exchangeIdFormat values"),
            Some("enum members")
        );
        // resources/application.md:99, resources/folderview.md:45, resources/personorgroupcolumn.md:40.
        assert_eq!(
            facts("Value | Description", "signInAudience values"),
            Some("enum or option values")
        );
        assert_eq!(
            facts("Value | Description", "sortBy options"),
            Some("enum or option values")
        );
        assert_eq!(
            facts("DisplayAs value | Description", "DisplayAs options"),
            Some("enum or option values")
        );
        // Decoration: report lists, use cases, overviews of paths and resources.
        assert_eq!(facts("Function | Return Type | Description", "Reports"), None);
        assert_eq!(facts("Use cases | REST resources | See also", "Common use cases"), None);
        assert_eq!(facts("Path | Resource", "Commonly accessed resources"), None);
        assert_eq!(facts("Resource | Properties", "Common properties"), None);
        assert_eq!(facts("Type | Description", "Derived types"), None);
        assert_eq!(facts("Value | Description", "403 Forbidden"), None);
    }
}
