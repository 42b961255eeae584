//! Permissions: the `Permission type | Permissions` table by kind, and the
//! classic italic scope list (`*A.ReadWrite.All; B.ReadWrite.All*`) as scopes
//! of unspecified kind.

use super::blocks::{Block, Inline, Span, Table};
use super::ledger::Ledger;
use crate::diagnostic::Diagnostics;
use crate::schema::Permissions;

/// Reads the blocks of a Permissions/Prerequisites section.
pub fn read(blocks: &[&Block], perms: &mut Permissions, diags: &mut Diagnostics, ledger: &mut Ledger) {
    for block in blocks {
        match block {
            Block::Table(t) => table(t, perms, diags, ledger),
            Block::Paragraph { text, line } | Block::ListItem { text, line } => {
                let italic: Vec<&str> = text
                    .spans
                    .iter()
                    .filter_map(|s| match s {
                        Span::Emphasis(e) => Some(e.as_str()),
                        _ => None,
                    })
                    .collect();
                for e in italic {
                    let found = scopes(e);
                    if found.is_empty() {
                        diags.note(*line, "permission-unreadable", format!("`{e}` lists no scope; ignored"));
                    }
                    perms.unspecified.extend(found);
                }
            }
            _ => {}
        }
    }
}

fn table(t: &Table, perms: &mut Permissions, diags: &mut Diagnostics, ledger: &mut Ledger) {
    ledger.table(t);
    let is_kind_table = t
        .header
        .first()
        .is_some_and(|h| h.to_ascii_lowercase().contains("permission type"));
    if !is_kind_table {
        diags.warning(
            t.line,
            "permissions-table-unknown",
            format!(
                "permissions table with header `{}` is not a permission-type table; {} rows skipped",
                t.header.join(" | "),
                t.rows.len()
            ),
        );
        return;
    }
    if t.header.len() > 2 {
        diags.note(
            t.line,
            "permissions-matrix",
            "permissions differ per resource; the scopes of all columns are merged",
        );
    }
    for row in &t.rows {
        let Some(first) = row.cells.first() else { continue };
        let kind = first.plain().to_ascii_lowercase();
        let cell_text: Vec<String> = row.cells.iter().skip(1).map(Inline::plain).collect();
        let slot = if kind.contains("delegated") && (kind.contains("personal") || kind.contains("microsoft account")) {
            &mut perms.delegated_personal
        } else if kind.contains("delegated") {
            &mut perms.delegated_work
        } else if kind.contains("application") {
            &mut perms.application
        } else {
            diags.note(
                row.line,
                "permission-kind-unknown",
                format!(
                    "row `{}` names no permission kind (a sub-row such as an RBAC group); skipped",
                    first.plain()
                ),
            );
            continue;
        };
        let mut found = Vec::new();
        for cell in &cell_text {
            if is_not_supported(cell) {
                continue;
            }
            let s = scopes(cell);
            if s.is_empty() {
                diags.note(
                    row.line,
                    "permission-unreadable",
                    format!("`{cell}` lists no scope; read as not supported"),
                );
            }
            for scope in s {
                if !found.contains(&scope) {
                    found.push(scope);
                }
            }
        }
        slot.get_or_insert_with(Vec::new).extend(found);
    }
}

fn is_not_supported(cell: &str) -> bool {
    let c = cell.trim().trim_end_matches('.').to_ascii_lowercase();
    c.is_empty()
        || matches!(
            c.as_str(),
            "not supported" | "none" | "n/a" | "not applicable" | "-" | "not available"
        )
}

/// Scope names in a cell: dotted words (`User.Read.All`) or single words
/// (`Directory.AccessAsUser.All`, `offline_access`), skipping joiners.
pub fn scopes(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .map(|w| w.trim_matches(|c: char| c == '*' || c == '.' || c == '`' || c == '(' || c == ')'))
        .filter(|w| {
            !w.is_empty()
                && (w.contains('.') || w.contains('_'))
                && w.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-')
        })
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_lists() {
        assert_eq!(
            scopes("DeviceManagementApps.ReadWrite.All; DeviceManagementConfiguration.ReadWrite.All"),
            [
                "DeviceManagementApps.ReadWrite.All",
                "DeviceManagementConfiguration.ReadWrite.All"
            ]
        );
        assert_eq!(
            scopes("User.Read, User.ReadWrite or Directory.Read.All*"),
            ["User.Read", "User.ReadWrite", "Directory.Read.All"]
        );
        assert!(scopes("TODO: Determine scopes").is_empty());
        assert!(is_not_supported("Not Supported."));
        assert!(is_not_supported("n/a"));
    }
}
