//! Directory roles a delegated caller needs: the role lists of a
//! Permissions section or of an `rbac-for-apis/` include (a plain list, or a
//! list inside a `> [!IMPORTANT]` note), names without their list markers.

use super::super::blocks::{Block, Inline, Span};
use super::super::include::Included;
use super::{is_scope, is_title, scopes};
use crate::diagnostic::Diagnostics;
use crate::schema::Permissions;

/// Reads the roles of an `rbac-for-apis/` include: its list items, quoted
/// or not, and role lines after a sentence announcing them. An include
/// that was read and names no role is a warning at its line.
pub(super) fn roles_of_include(perms: &mut Permissions, inc: &Included, diags: &mut Diagnostics) {
    let Some(blocks) = &inc.blocks else { return };
    let before = perms.directory_roles.len();
    let mut follow = false;
    for block in blocks {
        match block {
            Block::ListItem { text, .. } => add_roles(perms, text),
            Block::Paragraph { text, .. } | Block::Quote { text, .. } => {
                let plain = text.plain();
                if follow && is_title(&plain) {
                    add_roles(perms, text);
                } else {
                    let lower = plain.to_ascii_lowercase();
                    follow = lower.contains("role") && (lower.contains("following") || lower.ends_with(':'));
                }
            }
            _ => {}
        }
    }
    if perms.directory_roles.len() == before && blocks.iter().any(|b| !matches!(b, Block::Annotation { .. })) {
        diags.warning(
            inc.line,
            "roles-unread",
            format!(
                "include `{}` names directory roles, but no role list was found in it; its roles are not read",
                inc.target
            ),
        );
    }
}

/// Directory roles named by a list item: its italic names, or its text
/// without a list marker left by published text (`+ Global Administrator`).
pub(super) fn add_roles(perms: &mut Permissions, text: &Inline) {
    let italic: Vec<String> = text
        .spans
        .iter()
        .filter_map(|s| match s {
            Span::Emphasis(e) => Some(e.trim().to_string()),
            _ => None,
        })
        .filter(|e| !e.is_empty() && !is_scope(e))
        .collect();
    let names = if italic.is_empty() {
        let plain = text.plain();
        let plain = strip_list_marker(plain.trim()).trim_end_matches('.').trim().to_string();
        if plain.is_empty() || plain.len() > 80 || !scopes(&plain).is_empty() {
            return;
        }
        vec![plain]
    } else {
        italic
    };
    for name in names {
        if !perms.directory_roles.contains(&name) {
            perms.directory_roles.push(name);
        }
    }
}

/// A line without its list marker (`+ `, `- `, `* `, `• `).
fn strip_list_marker(line: &str) -> &str {
    ["+ ", "- ", "* ", "• "]
        .iter()
        .find_map(|m| line.strip_prefix(m))
        .map_or(line, str::trim_start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_list_markers_leave_role_names() {
        let mut perms = Permissions::default();
        for line in ["+ Global Administrator", "- Intune Administrator", "Global Reader."] {
            add_roles(&mut perms, &Inline::text(line));
        }
        assert_eq!(
            perms.directory_roles,
            ["Global Administrator", "Intune Administrator", "Global Reader"]
        );
    }
}
