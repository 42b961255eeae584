//! Diagnostics listed for a person at a terminal, as cargo and rustc do:
//! every error, the first few warnings of each code with a count of the rest,
//! notes counted by code (all of them listed when verbose), each file named
//! so it opens from the working directory, and a count of each severity.

use crate::diagnostic::{Diagnostic, Severity};
use crate::render::{self, Format};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// How many warnings of one code are listed when not verbose.
pub const WARNINGS_PER_CODE: usize = 3;

/// Errors, warnings and notes in a set of diagnostics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

impl Counts {
    pub fn of(diagnostics: &[Diagnostic]) -> Counts {
        let mut counts = Counts::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Note => counts.notes += 1,
            }
        }
        counts
    }
}

impl std::fmt::Display for Counts {
    /// `0 errors, 1 warning, 12 notes`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}, {}, {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.notes, "note")
        )
    }
}

/// `1 warning`, `2 warnings`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// What to list and how.
#[derive(Debug, Clone)]
pub struct Listing {
    pub format: Format,
    /// Every diagnostic, notes included.
    pub verbose: bool,
    /// The folder page paths are relative to.
    pub input: PathBuf,
    /// The folder paths are shown from (the working directory); `None`
    /// shows them as joined to `input`.
    pub cwd: Option<PathBuf>,
}

impl Listing {
    /// The lines to print for `diagnostics`: in JSON, one line each for
    /// every diagnostic; otherwise errors, then warnings by code (the first
    /// [`WARNINGS_PER_CODE`] of each and how many more), then notes counted
    /// by code; everything when verbose.
    pub fn lines(&self, diagnostics: &[Diagnostic]) -> Vec<String> {
        let mut sorted: Vec<Diagnostic> = diagnostics.iter().map(|d| self.openable(d)).collect();
        sorted.sort_by(|a, b| (a.severity, &a.code).cmp(&(b.severity, &b.code)));
        if self.format == Format::Json || self.verbose {
            return sorted.iter().map(|d| self.render(d)).collect();
        }
        let mut out = Vec::new();
        let mut by_code: BTreeMap<(Severity, &str), Vec<&Diagnostic>> = BTreeMap::new();
        for d in &sorted {
            by_code.entry((d.severity, d.code.as_str())).or_default().push(d);
        }
        let mut notes = Vec::new();
        for ((severity, code), items) in &by_code {
            match severity {
                Severity::Error => out.extend(items.iter().map(|d| self.render(d))),
                Severity::Warning => {
                    out.extend(items.iter().take(WARNINGS_PER_CODE).map(|d| self.render(d)));
                    if items.len() > WARNINGS_PER_CODE {
                        let more = items.len() - WARNINGS_PER_CODE;
                        out.push(format!("    {more} more warning[{code}]: --verbose lists every one"));
                    }
                }
                Severity::Note => notes.push(format!("{} {code}", items.len())),
            }
        }
        if !notes.is_empty() {
            let total = sorted.iter().filter(|d| d.severity == Severity::Note).count();
            out.push(format!(
                "{}, not listed (--verbose lists them), by code:",
                plural(total, "note")
            ));
            out.extend(wrap(&notes, 100).into_iter().map(|l| format!("    {l}")));
        }
        out
    }

    fn render(&self, d: &Diagnostic) -> String {
        render::render(d, self.format, &self.input)
    }

    /// The diagnostic with its file as it opens from the working directory.
    fn openable(&self, d: &Diagnostic) -> Diagnostic {
        d.clone().in_file(openable(&self.input, &d.file, self.cwd.as_deref()))
    }
}

/// A file named relative to `input` (a page) or as given (a CSDL document),
/// as it opens from `cwd`: relative to it when inside it, else in full.
pub fn openable(input: &Path, file: &str, cwd: Option<&Path>) -> String {
    let given = Path::new(file);
    let path: PathBuf = if given.is_absolute() || (!input.join(given).exists() && given.exists()) {
        given.to_path_buf()
    } else {
        input.join(given)
    };
    // `./api/a.md` as `api/a.md`.
    let path: PathBuf = path
        .components()
        .filter(|c| *c != std::path::Component::CurDir)
        .collect();
    let shown = cwd
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .filter(|rel| !rel.as_os_str().is_empty())
        .unwrap_or(&path);
    shown.display().to_string()
}

/// Items joined with `, ` into lines of at most `width` characters (an item
/// longer than that alone on its line).
fn wrap(items: &[String], width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for item in items {
        match lines.last_mut() {
            Some(line) if line.len() + 2 + item.len() <= width => {
                line.push_str(", ");
                line.push_str(item);
            }
            _ => lines.push(item.clone()),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnostic(severity: Severity, code: &str, line: u32) -> Diagnostic {
        Diagnostic::new("api/page.md", line, severity, code, "m")
    }

    fn listing(verbose: bool) -> Listing {
        Listing {
            format: Format::Short,
            verbose,
            input: PathBuf::from("/pages"),
            cwd: Some(PathBuf::from("/")),
        }
    }

    #[test]
    fn warnings_are_grouped_and_notes_counted() {
        let mut all: Vec<Diagnostic> = (1..=5).map(|l| diagnostic(Severity::Warning, "w-code", l)).collect();
        all.push(diagnostic(Severity::Note, "n-code", 1));
        all.push(diagnostic(Severity::Note, "n-code", 2));
        all.push(diagnostic(Severity::Error, "e-code", 9));
        let lines = listing(false).lines(&all);
        assert_eq!(
            lines,
            [
                "pages/api/page.md:9:1: error[e-code]: m",
                "pages/api/page.md:1:1: warning[w-code]: m",
                "pages/api/page.md:2:1: warning[w-code]: m",
                "pages/api/page.md:3:1: warning[w-code]: m",
                "    2 more warning[w-code]: --verbose lists every one",
                "2 notes, not listed (--verbose lists them), by code:",
                "    2 n-code",
            ]
        );
        assert_eq!(listing(true).lines(&all).len(), all.len());
        assert_eq!(Counts::of(&all).to_string(), "1 error, 5 warnings, 2 notes".to_string());
    }

    #[test]
    fn paths_open_from_the_working_directory() {
        let input = Path::new("/work/pages");
        assert_eq!(openable(input, "api/a.md", Some(Path::new("/work"))), "pages/api/a.md");
        assert_eq!(
            openable(input, "api/a.md", Some(Path::new("/elsewhere"))),
            "/work/pages/api/a.md"
        );
        assert_eq!(
            openable(input, "/data/v1.0.xml", Some(Path::new("/work"))),
            "/data/v1.0.xml"
        );
        assert_eq!(openable(Path::new("pages"), "api/a.md", None), "pages/api/a.md");
        assert_eq!(openable(Path::new("."), "api/a.md", None), "api/a.md");
    }

    #[test]
    fn note_codes_wrap() {
        let items: Vec<String> = (0..30).map(|i| format!("{i} code-{i}")).collect();
        let lines = wrap(&items, 40);
        assert!(lines.iter().all(|l| l.len() <= 40), "{lines:?}");
        assert_eq!(lines.join(", "), items.join(", "));
    }
}
