//! Per-page fixes: a maintainer corrects a page's facts without editing the
//! page. `fixes.json` beside the input pages lists text replacements, each
//! for one page (and optionally one line): a request line, a type cell, a
//! response sentence, a permission row.
//!
//! ```json
//! { "fixes": [
//!   { "page": "api/x-delete.md", "line": 30,
//!     "find": "DELETE ** Entity URI for microsoft.graph.x not found",
//!     "replace": "DELETE /x/{id}",
//!     "reason": "the page's request line is a generator leftover" }
//! ] }
//! ```
//!
//! Fixes are applied to the page text before it is read, so every reader
//! sees the corrected page. Each applied fix is reported (a note at the
//! page and line); a fix whose text is no longer on the page, or whose page
//! is gone, is a warning: the page has changed and the fix needs a look.

use crate::diagnostic::{Diagnostic, Severity};
use serde::Deserialize;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// The name of the fixes file in the input folder.
pub const FIXES_FILE: &str = "fixes.json";

/// Every fix of an input folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixes {
    #[serde(default)]
    pub fixes: Vec<Fix>,
}

/// One replacement on one page.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fix {
    /// The page, relative to the input folder (as diagnostics name it).
    pub page: String,
    /// The 1-based line the text is on; any line when absent.
    #[serde(default)]
    pub line: Option<u32>,
    /// The text as the page has it.
    pub find: String,
    /// What to read instead.
    pub replace: String,
    /// Why, for whoever reads the file.
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum FixesError {
    #[error("{path}: {error}")]
    Io { path: PathBuf, error: std::io::Error },
    #[error("{path}: {error}")]
    Json { path: PathBuf, error: serde_json::Error },
}

impl Fixes {
    /// Reads the fixes of an input folder; no file means no fixes.
    pub fn read(input: &Path) -> Result<Fixes, FixesError> {
        let path = input.join(FIXES_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text).map_err(|error| FixesError::Json { path, error }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Fixes::default()),
            Err(error) => Err(FixesError::Io { path, error }),
        }
    }

    /// Applies the fixes of `page` to its text: the text to read and a
    /// diagnostic for each fix (applied, or no longer applying).
    pub fn apply<'t>(&self, page: &str, text: &'t str) -> (Cow<'t, str>, Vec<Diagnostic>) {
        let mut text = Cow::Borrowed(text);
        let mut diagnostics = Vec::new();
        for fix in self.fixes.iter().filter(|f| f.page == page) {
            let diagnostic = |line: u32, severity: Severity, code: &str, message: String| {
                Diagnostic::new(page, line, severity, code, message)
            };
            match find(&text, fix) {
                Some((start, line)) => {
                    let mut fixed = String::with_capacity(text.len());
                    fixed.push_str(&text[..start]);
                    fixed.push_str(&fix.replace);
                    fixed.push_str(&text[start + fix.find.len()..]);
                    text = Cow::Owned(fixed);
                    let why = fix.reason.as_deref().map(|r| format!(" ({r})")).unwrap_or_default();
                    diagnostics.push(diagnostic(
                        line,
                        Severity::Note,
                        "fix-applied",
                        format!("`{}` read as `{}` by {FIXES_FILE}{why}", fix.find, fix.replace),
                    ));
                }
                None => diagnostics.push(diagnostic(
                    fix.line.unwrap_or(1),
                    Severity::Warning,
                    "fix-stale",
                    format!(
                        "{FIXES_FILE} replaces `{}`{}, but the page no longer has it; the fix does nothing",
                        fix.find,
                        fix.line.map(|l| format!(" on line {l}")).unwrap_or_default()
                    ),
                )),
            }
        }
        (text, diagnostics)
    }

    /// A warning for each fix whose page is not among `pages`.
    pub fn missing_pages<'p>(&self, pages: impl IntoIterator<Item = &'p str>) -> Vec<Diagnostic> {
        let pages: std::collections::BTreeSet<&str> = pages.into_iter().collect();
        self.fixes
            .iter()
            .filter(|f| !pages.contains(f.page.as_str()))
            .map(|f| {
                Diagnostic::new(
                    FIXES_FILE,
                    1,
                    Severity::Warning,
                    "fix-stale",
                    format!(
                        "a fix names the page `{}`, which is not in the input; the fix does nothing",
                        f.page
                    ),
                )
            })
            .collect()
    }
}

/// Where the fix's text is: byte offset and 1-based line. With a line, the
/// text must start on that line (it may run on to the next ones).
fn find(text: &str, fix: &Fix) -> Option<(usize, u32)> {
    if fix.find.is_empty() {
        return None;
    }
    let from = match fix.line {
        None => 0,
        Some(0) => return None,
        Some(l) => match l {
            1 => 0,
            _ => text.match_indices('\n').nth(l as usize - 2)?.0 + 1,
        },
    };
    let at = from + text[from..].find(&fix.find)?;
    let line = text[..at].matches('\n').count() as u32 + 1;
    fix.line.is_none_or(|l| l == line).then_some((at, line))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixes(json: &str) -> Fixes {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn applies_a_fix_and_reports_it() {
        let f = fixes(
            r#"{"fixes": [{"page": "a.md", "line": 2, "find": "GET ** Entity URI for x not found", "replace": "GET /x/{id}"}]}"#,
        );
        let (text, diags) = f.apply("a.md", "# A\nGET ** Entity URI for x not found\n");
        assert_eq!(text, "# A\nGET /x/{id}\n");
        assert_eq!(diags.len(), 1);
        assert_eq!((diags[0].code.as_str(), diags[0].line), ("fix-applied", 2));
        let (text, diags) = f.apply("b.md", "GET ** Entity URI for x not found\n");
        assert!(matches!(text, Cow::Borrowed(_)));
        assert!(diags.is_empty());
    }

    #[test]
    fn a_fix_that_no_longer_applies_is_a_warning() {
        let f = fixes(r#"{"fixes": [{"page": "a.md", "line": 3, "find": "Int32", "replace": "Double"}]}"#);
        // The text is on another line than the fix says.
        let (text, diags) = f.apply("a.md", "x\n|zoom|Int32|\ny\n");
        assert_eq!(text, "x\n|zoom|Int32|\ny\n");
        assert_eq!(
            (diags[0].code.as_str(), diags[0].severity),
            ("fix-stale", Severity::Warning)
        );
        let missing = f.missing_pages(["b.md"]);
        assert_eq!(missing[0].code, "fix-stale");
        assert!(f.missing_pages(["a.md"]).is_empty());
    }

    #[test]
    fn without_a_line_the_first_occurrence_is_fixed() {
        let f = fixes(r#"{"fixes": [{"page": "a.md", "find": "number", "replace": "Double"}]}"#);
        let (text, diags) = f.apply("a.md", "a\n|zoom|number|\n|x|number|\n");
        assert_eq!(text, "a\n|zoom|Double|\n|x|number|\n");
        assert_eq!(diags[0].line, 2);
    }

    #[test]
    fn unknown_keys_are_refused() {
        assert!(serde_json::from_str::<Fixes>(r#"{"fixes": [{"page": "a", "find": "x", "with": "y"}]}"#).is_err());
    }
}
