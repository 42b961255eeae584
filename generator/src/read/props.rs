//! Property-like tables (`Property|Type|Description`, `Parameter|Type|...`,
//! `Name|Type|Required|Description`, `Member|Value|Description`, ...) into
//! schema rows, with a diagnostic for every row that does not fit.

use super::blocks::{Inline, Row, Span, Table};
use super::enum_values;
use super::ledger::Ledger;
pub use super::table::Columns;
use super::type_cell::{self, TypeCell};
use crate::diagnostic::{Diagnostics, Severity};
use crate::schema::{EnumMember, Property, TypeRef};

/// Returns the cells of a row fitted to the header width: extra cells are
/// joined into the last column, missing ones are empty; both are reported.
pub fn fit_row(row: &Row, width: usize, diags: &mut Diagnostics) -> Vec<Inline> {
    let mut cells = row.cells.clone();
    if cells.len() > width && width > 0 {
        diags.push_at(
            Severity::Warning,
            row.line,
            row.column(width),
            "table-row-cells",
            format!(
                "row has {} cells, the header {width}; extra cells joined into the last column",
                cells.len()
            ),
        );
        let extra: Vec<Inline> = cells.split_off(width);
        let last = cells.last_mut().expect("width > 0");
        for cell in extra {
            last.push_text(" | ");
            last.spans.extend(cell.spans);
        }
    } else if cells.len() < width {
        diags.push_at(
            Severity::Warning,
            row.line,
            row.column(cells.len().saturating_sub(1)),
            "table-row-cells",
            format!(
                "row has {} cells, the header {width}; missing cells read as empty",
                cells.len()
            ),
        );
        cells.resize(width, Inline::default());
    }
    cells
}

/// A table row as read: a named row, or a row that is not one.
enum RowRead<'t> {
    Named(Vec<Inline>, String, &'t Row),
    /// A line that continues the previous row's description.
    Continuation(String),
}

/// Appends a continuation line to the description of the row before it (a
/// continuation before any row has nothing to continue, and `named_rows`
/// has reported it).
fn continue_description(description: Option<&mut String>, text: &str) {
    if let Some(description) = description {
        *description = format!("{description} {text}").trim().to_string();
    }
}

/// The rows of a table fitted to its header, each with its name cell read;
/// rows without a name are reported (as `what` rows) and skipped, and so are
/// bold group rows (`|**Onboarding**|`); a row that is a continuation of the
/// previous row's description (`Valid values 1 to 100000|`) is returned as
/// such. Every row is marked in the ledger.
fn named_rows<'t>(
    table: &'t Table,
    columns: Columns,
    what: &'static str,
    diags: &mut Diagnostics,
    ledger: &mut Ledger,
) -> Vec<RowRead<'t>> {
    let width = table.header.len();
    let mut out = Vec::new();
    for row in &table.rows {
        ledger.row(row.line);
        if width > 1 && row.cells.len() == 1 && !out.is_empty() && is_sentence(&row.cells[0].plain()) {
            diags.note(
                row.line,
                "table-row-continuation",
                "line continues the previous row's description; joined to it",
            );
            out.push(RowRead::Continuation(row.cells[0].plain()));
            continue;
        }
        if columns.type_col.is_some() && is_group_row(row) {
            diags.note(
                row.line,
                "table-group-row",
                format!(
                    "row `{}` has a name and nothing else: a group heading inside the table, not a {what}; skipped",
                    row.cells[0].plain()
                ),
            );
            continue;
        }
        let cells = fit_row(row, width, diags);
        let raw_name = raw_text(&cells[columns.name]);
        if let Some(c) = super::path::hidden_char(&raw_name) {
            // A zero-width space is dropped from the name; anything else changes it.
            let keep = raw_name
                .chars()
                .all(|c| super::path::is_zero_width(c) || super::path::hidden_char(&c.to_string()).is_none());
            diags.push_at(
                Severity::Warning,
                row.line,
                row.column(columns.name),
                "name-hidden-char",
                format!(
                    "{what} name `{}` holds the invisible character U+{:04X}; {}",
                    raw_name.escape_debug(),
                    c as u32,
                    if keep { "read without it" } else { "row skipped" }
                ),
            );
            if !keep {
                continue;
            }
        }
        let name = cells[columns.name].plain().trim_matches(['*', '`', ' ']).to_string();
        if name.is_empty() || name.chars().all(|c| c == '-') {
            diags.warning(row.line, "table-row-empty", format!("{what} row has no name; skipped"));
            continue;
        }
        out.push(RowRead::Named(cells, name, row));
    }
    out
}

/// A cell's text as written, before whitespace is collapsed.
fn raw_text(cell: &Inline) -> String {
    cell.spans
        .iter()
        .map(|s| match s {
            Span::Text(t) | Span::Code(t) | Span::Emphasis(t) => t.as_str(),
            Span::Link { text, .. } => text.as_str(),
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// A row with a first cell and nothing else (`|**Onboarding**|`, `| &nbsp;
/// &nbsp; **Policy Set** | |`): in a table with a type column, a heading for
/// the rows below (bold is its markdown; published text loses it).
fn is_group_row(row: &Row) -> bool {
    let Some((first, rest)) = row.cells.split_first() else {
        return false;
    };
    !first.is_empty() && rest.iter().all(Inline::is_empty)
}

/// Text that reads as a sentence rather than a name or a heading: several
/// words with sentence punctuation, or many words.
fn is_sentence(text: &str) -> bool {
    let words = text.split_whitespace().count();
    words >= 3 && (text.contains(['.', ':', ',']) || words >= 6)
}

/// Reads property rows. Rows without a name are reported and skipped.
pub fn properties(table: &Table, columns: Columns, diags: &mut Diagnostics, ledger: &mut Ledger) -> Vec<Property> {
    let mut out: Vec<Property> = Vec::new();
    for read in named_rows(table, columns, "property", diags, ledger) {
        let (cells, name, row) = match read {
            RowRead::Named(cells, name, row) => (cells, name, row),
            RowRead::Continuation(text) => {
                continue_description(out.last_mut().map(|p| &mut p.description), &text);
                continue;
            }
        };
        let line = row.line;
        let type_ref = match columns.type_col {
            Some(c) => read_type(&cells[c], line, row.column(c), diags),
            None => TypeRef::Unknown(String::new()),
        };
        let description_inline = columns.description.map(|c| cells[c].clone()).unwrap_or_default();
        let description = description_inline.plain();
        let required = columns
            .required
            .and_then(|c| yes_no(&cells[c].plain()))
            .or_else(|| required_from_description(&description));
        let read_only = description.contains("Read-only") || description.contains("read-only.");
        out.push(Property {
            name,
            type_ref,
            enum_values: enum_values::from_description(&description_inline),
            description,
            required,
            read_only,
            line,
        });
    }
    out
}

/// Reads a type cell, reporting anything odd.
pub fn read_type(cell: &Inline, line: u32, column: u32, diags: &mut Diagnostics) -> TypeRef {
    match type_cell::parse(cell) {
        TypeCell::Read(t) => t,
        TypeCell::Unusual(t, why) => {
            diags.push_at(Severity::Note, line, column, "type-nonstandard", why);
            t
        }
        TypeCell::Unreadable(t) => {
            diags.push_at(
                Severity::Warning,
                line,
                column,
                "type-unreadable",
                format!("type `{}` is not readable; kept verbatim", cell.plain()),
            );
            t
        }
    }
}

fn yes_no(text: &str) -> Option<bool> {
    let t = text.trim().trim_end_matches('.').to_ascii_lowercase();
    match t.as_str() {
        "yes" | "y" | "true" | "required" | "✓" | "x" => Some(true),
        "no" | "n" | "false" | "optional" => Some(false),
        _ => None,
    }
}

fn required_from_description(description: &str) -> Option<bool> {
    let d = description.trim_start();
    if d.starts_with("Required") || d.contains(" Required.") || d.contains("Required.") && d.len() < 12 {
        Some(true)
    } else if d.starts_with("Optional") || d.contains(" Optional.") {
        Some(false)
    } else {
        None
    }
}

/// Reads enum member rows (`Member|Value|Description` or a single column).
pub fn members(table: &Table, columns: Columns, diags: &mut Diagnostics, ledger: &mut Ledger) -> Vec<EnumMember> {
    let mut out: Vec<EnumMember> = Vec::new();
    for read in named_rows(table, columns, "enum member", diags, ledger) {
        let (cells, name, row) = match read {
            RowRead::Named(cells, name, row) => (cells, name, row),
            RowRead::Continuation(text) => {
                continue_description(out.last_mut().map(|m| &mut m.description), &text);
                continue;
            }
        };
        let line = row.line;
        let value = columns.value.and_then(|c| {
            let text = cells[c].plain();
            let parsed = text.trim().parse::<i64>().ok();
            if parsed.is_none() && !text.trim().is_empty() {
                diags.note(
                    line,
                    "enum-value-unreadable",
                    format!("member value `{text}` is not an integer; left unset"),
                );
            }
            parsed
        });
        let description = columns.description.map(|c| cells[c].plain()).unwrap_or_default();
        out.push(EnumMember {
            name,
            value,
            description,
            line,
        });
    }
    out
}
