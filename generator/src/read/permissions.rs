//! Permissions: the tables of a Permissions/Prerequisites section (on the
//! page or in its include files) into least and higher privileged scopes per
//! kind, in documented order; all-of groups (`A and B`); conditions (per
//! resource, per workload sub-row, per `###` subheading, per cell prefix or
//! suffix); classic scope lists (italic, bulleted or plain); directory roles.
//! Scopes named in prose beside a table are not the operation's permissions.

use super::blocks::{Block, Inline, Span, Table};
use super::include::{IncludeKind, Included};
use super::ledger::Ledger;
use crate::diagnostic::Diagnostics;
use crate::schema::{AllOf, Cloud, Conditional, Grant, Grants, PermissionKind, Permissions, RequestLine};
use roles::{add_roles, roles_of_include};

/// One thing of a Permissions section, in line order: a block of the page
/// or an include line.
#[derive(Debug, Clone, Copy)]
pub enum Item<'a> {
    Block(&'a Block),
    Include(&'a Included),
}

/// Reads one Permissions section (or a `###` subsection of it, whose heading
/// is then the condition of what it holds).
pub fn read(
    condition: Option<(&str, u32)>,
    items: &[Item<'_>],
    perms: &mut Permissions,
    diags: &mut Diagnostics,
    ledger: &mut Ledger,
) {
    let has_table = items.iter().any(|i| match i {
        Item::Block(Block::Table(t)) => kind_table(t).is_some() || resource_table(t).is_some(),
        Item::Include(inc) => inc.kind == IncludeKind::Permissions,
        _ => false,
    });
    let mut reader = Reader {
        perms,
        condition: condition.map(|(c, l)| (c.to_string(), l)),
        paths: Vec::new(),
        roles_follow: false,
    };
    let outer = reader.condition.is_some();
    for (i, item) in items.iter().enumerate() {
        match item {
            Item::Include(inc) => reader.include(inc, diags),
            Item::Block(Block::Paragraph { text, line }) if !outer && heads_table(text, items.get(i + 1)) => {
                // A subheading without heading markup (published text, or a
                // paragraph `For applications:`): it names the condition of
                // the tables that follow, as a `###` subsection's heading does.
                reader.condition = Some((text.plain().trim().to_string(), *line));
                reader.roles_follow = false;
            }
            Item::Block(block) => reader.block(block, has_table, diags, ledger),
        }
    }
}

/// Whether a paragraph is a title (short, no sentence, no scope) directly
/// above a permissions table.
fn heads_table(text: &Inline, next: Option<&Item<'_>>) -> bool {
    let is_table =
        matches!(next, Some(Item::Block(Block::Table(t))) if kind_table(t).is_some() || resource_table(t).is_some());
    is_table && is_title(&text.plain())
}

/// A short line that is no sentence and names no scope: a subheading, or a
/// directory role on a line of its own.
fn is_title(plain: &str) -> bool {
    let plain = plain.trim();
    !plain.is_empty()
        && plain.chars().count() <= 60
        && plain.split_whitespace().count() <= 8
        && !plain.ends_with('.')
        && scopes(plain).is_empty()
}

struct Reader<'p> {
    perms: &'p mut Permissions,
    condition: Option<(String, u32)>,
    /// Request paths named by the last `permissions` annotation.
    paths: Vec<String>,
    /// Whether list items that follow name directory roles.
    roles_follow: bool,
}

impl Reader<'_> {
    fn include(&mut self, inc: &Included, diags: &mut Diagnostics) {
        match &inc.kind {
            IncludeKind::NationalClouds(clouds) => set_clouds(self.perms, clouds),
            IncludeKind::Permissions => match (&inc.blocks, &inc.file) {
                (Some(blocks), Some(file)) => {
                    let mut inner = Diagnostics::new(file.clone());
                    let mut tables = 0;
                    for block in blocks {
                        if let Block::Table(t) = block {
                            tables += 1;
                            self.table(t, &mut inner);
                        }
                    }
                    if tables == 0 {
                        inner.warning(
                            1,
                            "permissions-table-missing",
                            "include file holds no permissions table",
                        );
                        self.perms.include_missing = true;
                    }
                    diags.extend(inner.into_vec());
                }
                _ => self.perms.include_missing = true,
            },
            IncludeKind::DirectoryRoles => roles_of_include(self.perms, inc, diags),
        }
    }

    fn block(&mut self, block: &Block, has_table: bool, diags: &mut Diagnostics, ledger: &mut Ledger) {
        match block {
            Block::Table(t) => {
                self.roles_follow = false;
                if let Some(clouds) = cloud_table(t) {
                    ledger.table(t);
                    set_clouds(self.perms, &clouds);
                } else {
                    ledger.table(t);
                    self.table(t, diags);
                }
            }
            Block::Annotation { value, .. }
                if value.get("blockType").and_then(|v| v.as_str()) == Some("permissions") =>
            {
                self.paths = request_paths(value);
            }
            Block::Paragraph { text, .. } | Block::Quote { text, .. }
                if self.roles_follow && is_title(&text.plain()) =>
            {
                // A role on a line of its own (published text has no list
                // markup; a list inside a note is quoted): the roles list
                // goes on.
                add_roles(self.perms, text);
            }
            Block::Paragraph { text, line } | Block::Quote { text, line } => {
                let plain = text.plain();
                let lower = plain.to_ascii_lowercase();
                self.roles_follow = lower.contains("role") && (lower.contains("following") || lower.ends_with(':'));
                if has_table || matches!(block, Block::Quote { .. }) || is_alert(&plain) {
                    prose_scopes(text, *line, diags);
                } else {
                    self.scope_line(text, *line, diags);
                }
            }
            Block::ListItem { text, line } => {
                if self.roles_follow {
                    add_roles(self.perms, text);
                } else if has_table {
                    prose_scopes(text, *line, diags);
                } else {
                    self.scope_line(text, *line, diags);
                }
            }
            _ => {}
        }
    }

    /// A classic scope list: italic scopes in a paragraph, a bullet, or a
    /// plain line of scopes; `If accessing X: *scopes*` is a condition.
    fn scope_line(&mut self, text: &Inline, line: u32, diags: &mut Diagnostics) {
        let italic: Vec<&str> = text
            .spans
            .iter()
            .filter_map(|s| match s {
                Span::Emphasis(e) => Some(e.as_str()),
                _ => None,
            })
            .collect();
        let plain = text.plain();
        let pieces = if italic.is_empty() {
            let conditioned = plain
                .split_once(':')
                .is_some_and(|(c, rest)| is_condition_prefix(c.trim()) && is_scope_line(rest));
            if !conditioned && !is_scope_line(&plain) {
                return;
            }
            cell_of(&plain)
        } else {
            // Text before the italics that ends in `:` names a condition.
            let prefix = plain.split_once(':').map(|(p, _)| p.trim().to_string());
            let mut pieces = Vec::new();
            for e in italic {
                let found = cell_of(e);
                if found.is_empty() || found.iter().all(|p| p.alternatives.is_empty()) {
                    diags.note(line, "permission-unreadable", format!("`{e}` lists no scope; ignored"));
                }
                pieces.extend(found);
            }
            if let Some(prefix) = prefix.filter(|p| is_condition_prefix(p)) {
                for p in &mut pieces {
                    p.condition.get_or_insert_with(|| prefix.clone());
                }
            }
            pieces
        };
        for piece in pieces {
            let grant = Grant {
                least: piece.alternatives,
                higher: Vec::new(),
            };
            self.add(PermissionKind::Unspecified, piece.condition, grant, line);
        }
    }

    /// Adds a grant for a kind under the current condition (section
    /// heading, annotation paths) and the piece's own.
    fn add(&mut self, kind: PermissionKind, condition: Option<String>, grant: Grant, line: u32) {
        let section = self.condition.as_ref().map(|(c, _)| c.clone());
        let condition = match (section, condition) {
            (Some(s), Some(c)) => Some(format!("{s}: {c}")),
            (s, c) => s.or(c),
        };
        let condition = condition.or_else(|| (!self.paths.is_empty()).then(|| self.paths.join(", ")));
        match condition {
            None => self.perms.grants.add(kind, &grant),
            Some(condition) => {
                let existing = self
                    .perms
                    .conditional
                    .iter_mut()
                    .find(|c| c.condition == condition && c.paths == self.paths);
                match existing {
                    Some(c) => c.grants.add(kind, &grant),
                    None => {
                        let mut grants = Grants::default();
                        grants.add(kind, &grant);
                        self.perms.conditional.push(Conditional {
                            condition,
                            paths: self.paths.clone(),
                            grants,
                            line,
                        });
                    }
                }
            }
        }
    }

    fn table(&mut self, t: &Table, diags: &mut Diagnostics) {
        if let Some(layout) = kind_table(t) {
            self.kind_rows(t, layout, diags);
        } else if let Some(columns) = resource_table(t) {
            self.resource_rows(t, &columns, diags);
        } else {
            diags.warning(
                t.line,
                "permissions-table-unknown",
                format!(
                    "permissions table with header `{}` is not a permission-type table; {} rows skipped",
                    t.header.join(" | "),
                    t.rows.len()
                ),
            );
        }
    }

    /// `Permission type | ...` tables: one row per kind, perhaps with
    /// sub-rows per workload under a kind.
    fn kind_rows(&mut self, t: &Table, layout: Layout, diags: &mut Diagnostics) {
        let mut current: Option<PermissionKind> = None;
        for row in &t.rows {
            let Some(first) = row.cells.first() else { continue };
            let label = first.plain();
            let cells: Vec<String> = row.cells.iter().skip(1).map(Inline::plain).collect();
            let kind = kind_of(&label);
            let Some(kind) = kind.or(current) else {
                diags.warning(
                    row.line,
                    "permission-kind-unknown",
                    format!("row `{label}` names no permission kind and follows none; skipped"),
                );
                continue;
            };
            let sub_row = kind_of(&label).is_none();
            current = Some(kind);
            let condition = sub_row.then(|| label.trim_matches(|c: char| c == '*' || c.is_whitespace()).to_string());
            if !sub_row && cells.iter().all(|c| c.trim().is_empty()) {
                // A kind row whose scopes follow in sub-rows.
                continue;
            }
            match &layout {
                Layout::LeastHigher { least, higher } => {
                    let least_cell = cells.get(least - 1).map(String::as_str).unwrap_or("");
                    let higher_cell = cells.get(higher - 1).map(String::as_str).unwrap_or("");
                    let least_pieces = self.cell_pieces(least_cell, row.line, diags);
                    let higher_pieces = self.cell_pieces(higher_cell, row.line, diags);
                    self.add_pieces(kind, &condition, least_pieces, higher_pieces, row.line);
                }
                Layout::Ordered { reversed } => {
                    let text = cells.join(", ");
                    let mut pieces = self.cell_pieces(&text, row.line, diags);
                    if *reversed {
                        for p in &mut pieces {
                            p.alternatives.reverse();
                        }
                    }
                    let (least, higher) = ordered(pieces);
                    self.add_pieces(kind, &condition, least, higher, row.line);
                }
                Layout::PerColumn(columns) => {
                    for (i, name) in columns.iter().enumerate() {
                        let cell = cells.get(i).map(String::as_str).unwrap_or("");
                        let pieces = self.cell_pieces(cell, row.line, diags);
                        let condition = Some(match &condition {
                            Some(c) => format!("{name}: {c}"),
                            None => name.clone(),
                        });
                        let pieces = ordered(pieces);
                        self.add_pieces(kind, &condition, pieces.0, pieces.1, row.line);
                    }
                }
            }
        }
    }

    /// Resource-by-kind tables: `Calendar | Delegated (work or school
    /// account) | ... | Application`, `Supported resource | Permission`.
    fn resource_rows(&mut self, t: &Table, columns: &[PermissionKind], diags: &mut Diagnostics) {
        for row in &t.rows {
            let Some(first) = row.cells.first() else { continue };
            let resource = first.plain();
            for (i, kind) in columns.iter().enumerate() {
                let cell = row.cells.get(i + 1).map(Inline::plain).unwrap_or_default();
                let pieces = self.cell_pieces(&cell, row.line, diags);
                let (least, higher) = ordered(pieces);
                self.add_pieces(*kind, &Some(resource.clone()), least, higher, row.line);
            }
        }
    }

    /// The pieces of a cell; `Not supported.` and the like give none.
    fn cell_pieces(&self, cell: &str, line: u32, diags: &mut Diagnostics) -> Vec<Piece> {
        if is_not_supported(cell) {
            return Vec::new();
        }
        let pieces = cell_of(cell);
        if pieces.iter().all(|p| p.alternatives.is_empty()) {
            diags.warning(
                line,
                "permission-unreadable",
                format!("`{cell}` lists no scope; read as not supported"),
            );
            return Vec::new();
        }
        pieces
    }

    /// Adds least and higher pieces of one row: pieces without a condition
    /// to the kind, each conditioned piece to its condition.
    fn add_pieces(
        &mut self,
        kind: PermissionKind,
        row_condition: &Option<String>,
        least: Vec<Piece>,
        higher: Vec<Piece>,
        line: u32,
    ) {
        let mut by_condition: Vec<(Option<String>, Grant)> = Vec::new();
        let mut slot = |condition: Option<String>| -> usize {
            let condition = match (row_condition.clone(), condition) {
                (Some(r), Some(c)) => Some(format!("{r}: {c}")),
                (r, c) => r.or(c),
            };
            match by_condition.iter().position(|(c, _)| *c == condition) {
                Some(i) => i,
                None => {
                    by_condition.push((condition, Grant::not_supported()));
                    by_condition.len() - 1
                }
            }
        };
        let mut entries: Vec<(usize, bool, Vec<AllOf>)> = Vec::new();
        for p in least {
            entries.push((slot(p.condition), true, p.alternatives));
        }
        for p in higher {
            entries.push((slot(p.condition), false, p.alternatives));
        }
        if entries.is_empty() {
            slot(None);
        }
        for (i, is_least, alternatives) in entries {
            let grant = &mut by_condition[i].1;
            let list = if is_least { &mut grant.least } else { &mut grant.higher };
            for a in alternatives {
                if !list.contains(&a) {
                    list.push(a);
                }
            }
        }
        for (condition, grant) in by_condition {
            self.add(kind, condition, grant, line);
        }
    }
}

/// The first alternative of each piece is the least privileged, the rest
/// higher (a list documented from least to most privileged).
fn ordered(pieces: Vec<Piece>) -> (Vec<Piece>, Vec<Piece>) {
    pieces
        .into_iter()
        .map(|mut p| {
            let rest = if p.alternatives.is_empty() {
                Vec::new()
            } else {
                p.alternatives.split_off(1)
            };
            let higher = Piece {
                condition: p.condition.clone(),
                alternatives: rest,
            };
            (p, higher)
        })
        .unzip()
}

/// Whether a table outside a Permissions section is one the permissions
/// reader takes: a permissions table or the national cloud table.
pub fn is_permissions_table(t: &Table) -> bool {
    kind_table(t).is_some() || cloud_table(t).is_some()
}

/// How a `Permission type` table lays out its scopes.
#[derive(Debug, Clone, PartialEq)]
enum Layout {
    /// `Least privileged permissions | Higher privileged permissions` (column
    /// indexes in the row).
    LeastHigher { least: usize, higher: usize },
    /// One list, least to most privileged, or reversed.
    Ordered { reversed: bool },
    /// One column per resource (`Permission type | Chat | Channel`).
    PerColumn(Vec<String>),
}

fn kind_table(t: &Table) -> Option<Layout> {
    let first = t.header.first()?.to_ascii_lowercase();
    if !first.contains("permission type") {
        return None;
    }
    let rest: Vec<String> = t.header.iter().skip(1).map(|h| h.to_ascii_lowercase()).collect();
    let least = rest.iter().position(|h| h.contains("least privileged"));
    let higher = rest.iter().position(|h| h.contains("higher privileged"));
    if let (Some(l), Some(h)) = (least, higher) {
        return Some(Layout::LeastHigher {
            least: l + 1,
            higher: h + 1,
        });
    }
    if rest.len() <= 1 || rest.iter().all(|h| h.contains("permission")) {
        let reversed = rest.iter().any(|h| h.contains("most to least"));
        return Some(Layout::Ordered { reversed });
    }
    Some(Layout::PerColumn(t.header.iter().skip(1).cloned().collect()))
}

/// A table of resources by kind: kinds are its columns after the first.
fn resource_table(t: &Table) -> Option<Vec<PermissionKind>> {
    let columns: Vec<Option<PermissionKind>> = t.header.iter().skip(1).map(|h| kind_of(h)).collect();
    if !columns.is_empty() && columns.iter().all(Option::is_some) {
        return Some(columns.into_iter().flatten().collect());
    }
    let first = t.header.first()?.to_ascii_lowercase();
    if t.header.len() == 2 && first.contains("resource") && t.header[1].to_ascii_lowercase().contains("permission") {
        return Some(vec![PermissionKind::Unspecified]);
    }
    None
}

/// The permission kind a row label or column header names.
fn kind_of(label: &str) -> Option<PermissionKind> {
    let k = label.to_ascii_lowercase();
    if k.contains("delegated") && (k.contains("personal") || k.contains("microsoft account")) {
        Some(PermissionKind::DelegatedPersonal)
    } else if k.contains("delegated") {
        Some(PermissionKind::DelegatedWork)
    } else if k.trim().starts_with("application") {
        Some(PermissionKind::Application)
    } else {
        None
    }
}

/// The national cloud table of published pages (`Global service | US
/// Government L4 | ...` with ✅/❌).
pub fn cloud_table(t: &Table) -> Option<Vec<Cloud>> {
    let first = t.header.first()?.to_ascii_lowercase();
    if !first.contains("global service") {
        return None;
    }
    let row = t.rows.first()?;
    let mut clouds = Vec::new();
    for (i, h) in t.header.iter().enumerate() {
        let h = h.to_ascii_lowercase();
        let cloud = if h.contains("global") {
            Cloud::Global
        } else if h.contains("l4") {
            Cloud::UsGovL4
        } else if h.contains("l5") {
            Cloud::UsGovL5
        } else if h.contains("china") {
            Cloud::China
        } else {
            continue;
        };
        let cell = row.cells.get(i).map(Inline::plain).unwrap_or_default();
        if cell.contains('✅') || cell.eq_ignore_ascii_case("yes") {
            clouds.push(cloud);
        }
    }
    Some(clouds)
}

fn set_clouds(perms: &mut Permissions, clouds: &[Cloud]) {
    perms.national_clouds = clouds.to_vec();
    perms.national_clouds.sort();
    perms.national_clouds.dedup();
}

/// Records scopes named in prose beside a table: not the operation's.
fn prose_scopes(text: &Inline, line: u32, diags: &mut Diagnostics) {
    let named: Vec<String> = text
        .spans
        .iter()
        .filter_map(|s| match s {
            Span::Emphasis(e) => Some(scopes(e)),
            _ => None,
        })
        .flatten()
        .collect();
    if !named.is_empty() {
        diags.note(
            line,
            "permission-in-prose",
            format!(
                "`{}` named in a note, not in the permissions table; not read as the operation's permissions",
                named.join("`, `")
            ),
        );
    }
}

/// A bare alert line of published pages (`Important`, `Note`).
fn is_alert(plain: &str) -> bool {
    matches!(plain, "Important" | "Note" | "Caution" | "Warning" | "Tip")
}

/// Whether a line is nothing but scopes and joiners.
fn is_scope_line(plain: &str) -> bool {
    let words: Vec<&str> = plain.split_whitespace().collect();
    !words.is_empty()
        && words.iter().any(|w| is_scope(clean(w)))
        && words.iter().all(|w| {
            let c = clean(w);
            c.is_empty() || is_scope(c) || matches!(c.to_ascii_lowercase().as_str(), "or" | "and")
        })
}

fn is_condition_prefix(p: &str) -> bool {
    let l = p.to_ascii_lowercase();
    !p.is_empty() && scopes(p).is_empty() && (l.starts_with("if ") || l.starts_with("for ") || l.starts_with("when "))
}

fn is_not_supported(cell: &str) -> bool {
    let c = cell.trim().trim_end_matches('.').to_ascii_lowercase();
    c.is_empty()
        || matches!(
            c.as_str(),
            "not supported" | "none" | "n/a" | "not applicable" | "-" | "not available"
        )
}

/// Scopes that hold under one condition written in the cell (`... for a
/// chat message.`, `For channel resource: ...`), or under none.
#[derive(Debug, Clone, Default, PartialEq)]
struct Piece {
    condition: Option<String>,
    /// Alternatives in written order; each an all-of group.
    alternatives: Vec<AllOf>,
}

/// Reads a cell: scopes separated by `,` `;` `or` (alternatives) and `and`
/// (all-of), a prefix condition ending in `:`, a suffix condition starting
/// with `for`/`when`/`if` and ending in `.`; `Not available.` and the like
/// name nothing.
fn cell_of(text: &str) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut cur = Piece::default();
    let mut prose: Vec<&str> = Vec::new();
    let mut join_next = false;
    let mut after_scope_sep = true;
    let flush = |cur: &mut Piece, pieces: &mut Vec<Piece>| {
        if !cur.alternatives.is_empty() {
            pieces.push(std::mem::take(cur));
        } else {
            cur.condition = None;
        }
    };
    // `User.Read.All,User.ReadWrite.All`: a separator without its space.
    let spaced = text.replace(',', ", ").replace(';', "; ");
    for word in spaced.split_whitespace() {
        let core = clean(word);
        if is_scope(core) {
            if !prose.is_empty() {
                let p = prose.join(" ");
                if p.ends_with(':') {
                    flush(&mut cur, &mut pieces);
                    cur.condition = Some(strip_marks(p.trim_end_matches(':')));
                }
                prose.clear();
            }
            match cur.alternatives.last_mut() {
                Some(group) if join_next => group.0.push(core.to_string()),
                _ => cur.alternatives.push(AllOf::one(core)),
            }
            join_next = false;
            after_scope_sep = word.ends_with(',') || word.ends_with(';');
            continue;
        }
        let lower = core.to_ascii_lowercase();
        if prose.is_empty() && lower == "and" && !after_scope_sep && !cur.alternatives.is_empty() {
            join_next = true;
            continue;
        }
        if prose.is_empty() && (lower == "or" || lower.is_empty()) {
            continue;
        }
        join_next = false;
        prose.push(word);
        let first = prose[0].to_ascii_lowercase();
        let suffix = matches!(first.as_str(), "for" | "when" | "if" | "to");
        if suffix && word.ends_with('.') && !cur.alternatives.is_empty() && cur.condition.is_none() {
            cur.condition = Some(strip_marks(prose.join(" ").trim_end_matches('.')));
            prose.clear();
            flush(&mut cur, &mut pieces);
        }
    }
    if !prose.is_empty() && !cur.alternatives.is_empty() && cur.condition.is_none() {
        let p = prose.join(" ");
        let first = prose[0].to_ascii_lowercase();
        if matches!(first.as_str(), "for" | "when" | "if") {
            cur.condition = Some(strip_marks(p.trim_end_matches('.')));
        }
    }
    flush(&mut cur, &mut pieces);
    pieces
}

fn strip_marks(text: &str) -> String {
    text.replace("**", "").replace('*', "").trim().to_string()
}

/// A word without surrounding punctuation and emphasis marks.
fn clean(word: &str) -> &str {
    word.trim_matches(|c: char| matches!(c, '*' | '`' | '(' | ')' | ',' | ';' | ':' | '"' | '\''))
        .trim_end_matches('.')
        .trim_matches(|c: char| matches!(c, '*' | '`' | '(' | ')'))
}

/// A scope name: dotted words starting with a capital (`User.Read.All`), or
/// an underscored word (`offline_access`).
fn is_scope(w: &str) -> bool {
    let Some(first) = w.chars().next() else { return false };
    let charset = w
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-');
    charset
        && ((w.contains('.') && first.is_ascii_uppercase() && !w.ends_with('.') && !w.contains(".."))
            || (w.contains('_') && first.is_ascii_lowercase()))
}

/// Scope names in text, in order.
pub fn scopes(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .map(clean)
        .filter(|w| is_scope(w))
        .map(str::to_string)
        .collect()
}

/// Ties conditions that name a resource (`group calendar`, `For
/// group-specific settings`) to the documented paths whose first segment is
/// that resource (`/groups/...`; `/me` is a user), when that picks some
/// paths but not all; else to the paths holding a segment the condition
/// names (`Permissions for channel`: `/teams/{id}/channels/...`).
pub fn tie_to_paths(perms: &mut Permissions, requests: &[RequestLine]) {
    let singular = |w: &str| -> String {
        let w = w.to_ascii_lowercase();
        let w = if w == "me" { "user".to_string() } else { w };
        w.strip_suffix('s').map(str::to_string).unwrap_or(w)
    };
    // Each path's literal segments, singular, its first segment first.
    let paths: Vec<(Vec<String>, &str)> = requests
        .iter()
        .map(|r| {
            let segments = r
                .path
                .template
                .trim_start_matches('/')
                .split('/')
                .filter(|s| !s.is_empty() && !s.starts_with('{'))
                .map(singular)
                .collect();
            (segments, r.path.template.as_str())
        })
        .collect();
    for c in perms.conditional.iter_mut().filter(|c| c.paths.is_empty()) {
        let words: Vec<String> = c
            .condition
            .split(|ch: char| !ch.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(singular)
            .collect();
        let tie = |named: &dyn Fn(&[String]) -> bool| -> Vec<String> {
            let mut tied: Vec<String> = paths
                .iter()
                .filter(|(segments, _)| named(segments))
                .map(|(_, t)| t.to_string())
                .collect();
            tied.dedup();
            if tied.len() < paths.len() {
                tied
            } else {
                Vec::new()
            }
        };
        let by_first = tie(&|segments| segments.first().is_some_and(|f| words.contains(f)));
        c.paths = if by_first.is_empty() {
            tie(&|segments| segments.iter().any(|s| words.contains(s)))
        } else {
            by_first
        };
    }
}

/// The request paths of a `permissions` annotation's `requestUrls`.
fn request_paths(value: &serde_json::Value) -> Vec<String> {
    let Some(urls) = value.get("requestUrls").and_then(|v| v.as_array()) else {
        return Vec::new();
    };
    urls.iter()
        .filter_map(|u| u.as_str())
        .filter_map(|u| super::path::parse_request_line(u, 0).ok())
        .map(|(_, p)| p.template)
        .collect()
}

mod roles;
#[cfg(test)]
mod tests;
