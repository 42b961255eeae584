//! Diagnostics rendered for a reader: the short one-line form (the
//! default, [`Diagnostic`]'s `Display`), the form rustc shows (the source
//! line with a caret under the column), and JSON lines for tools.

use crate::diagnostic::{Diagnostic, Severity};
use annotate_snippets::{Level, Renderer, Snippet};
use std::path::Path;

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// `file:line:col: severity[code]: message`.
    #[default]
    Short,
    /// As rustc: the message, then the source line with a caret under the column.
    Human,
    /// One JSON object a line.
    Json,
}

/// Renders one diagnostic. `input` is the folder page paths are relative to;
/// other paths (a CSDL document) are read as given. Without the source (a
/// file that cannot be read, a line past its end), the human form has no
/// snippet.
pub fn render(diagnostic: &Diagnostic, format: Format, input: &Path) -> String {
    match format {
        Format::Short => diagnostic.to_string(),
        Format::Json => serde_json::to_string(diagnostic).expect("a diagnostic serialises"),
        Format::Human => {
            let text = std::fs::read_to_string(input.join(&diagnostic.file))
                .or_else(|_| std::fs::read_to_string(&diagnostic.file))
                .ok();
            human(diagnostic, text.as_deref())
        }
    }
}

/// The rustc-style form of a diagnostic, given the text of its file.
pub fn human(diagnostic: &Diagnostic, source: Option<&str>) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Note => Level::Note,
    };
    let location = format!("{}:{}:{}", diagnostic.file, diagnostic.line, diagnostic.column);
    let line = source.and_then(|s| s.lines().nth((diagnostic.line as usize).checked_sub(1)?));
    let mut message = level.title(&diagnostic.message).id(&diagnostic.code);
    if let Some(line) = line {
        // The column counts characters; the span is in bytes, one character wide.
        let start = line
            .char_indices()
            .nth((diagnostic.column as usize).saturating_sub(1))
            .map_or(line.len(), |(i, _)| i);
        let end = line[start..].chars().next().map_or(start, |c| start + c.len_utf8());
        message = message.snippet(
            Snippet::source(line)
                .line_start(diagnostic.line as usize)
                .origin(&diagnostic.file)
                // The primary mark: annotate-snippets draws `^` for it (`-` for a warning's).
                .annotation(Level::Error.span(start..end)),
        );
        Renderer::plain().render(message).to_string()
    } else {
        format!("{}\n  --> {location}", Renderer::plain().render(message))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnostic(line: u32, column: u32) -> Diagnostic {
        Diagnostic::new(
            "page.md",
            line,
            Severity::Warning,
            "type-unreadable",
            "`Strng` is not a type; kept as JSON",
        )
        .at_column(column)
    }

    #[test]
    fn human_form_shows_the_line_and_a_caret_under_the_column() {
        let source = "# Title\n|name|Strng|The name.|\n";
        let text = human(&diagnostic(2, 7), Some(source));
        assert_eq!(
            text,
            "warning[type-unreadable]: `Strng` is not a type; kept as JSON\n \
             --> page.md:2:7\n  |\n2 | |name|Strng|The name.|\n  |       ^\n  |"
        );
    }

    #[test]
    fn human_form_without_source_names_the_place() {
        let text = human(&diagnostic(9, 1), Some("one line\n"));
        assert_eq!(
            text,
            "warning[type-unreadable]: `Strng` is not a type; kept as JSON\n  --> page.md:9:1"
        );
    }

    #[test]
    fn json_lines_carry_every_field() {
        let text = render(&diagnostic(2, 7), Format::Json, Path::new("."));
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["file"], "page.md");
        assert_eq!(value["line"], 2);
        assert_eq!(value["column"], 7);
        assert_eq!(value["severity"], "warning");
        assert_eq!(value["code"], "type-unreadable");
        assert!(!text.contains('\n'));
    }
}
