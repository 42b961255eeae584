//! Diagnostics: every odd thing in the input, with where it is, what is wrong
//! and what was done about it.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a diagnostic is. Regeneration fails on errors (and on
/// warnings when they are denied).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Input that would make the output wrong; regeneration fails.
    Error,
    /// Input that was odd but handled; the message says how.
    Warning,
    /// Input that is expected to be skipped, recorded so nothing is dropped silently.
    Note,
}

/// One finding about one place in one input file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The file, as given to the reader (relative to the input folder).
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    pub severity: Severity,
    /// A stable, kebab-case code (`table-row-cells`, `type-unreadable`, ...).
    pub code: String,
    /// What is wrong and what was done about it.
    pub message: String,
}

impl Diagnostic {
    /// A finding at the start of `line` of `file`; the one way a diagnostic
    /// is made (with [`Diagnostic::at_column`] when the column is known).
    pub fn new(file: impl Into<String>, line: u32, severity: Severity, code: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line,
            column: 1,
            severity,
            code: code.to_string(),
            message: message.into(),
        }
    }

    /// The same finding at `column` of its line (1-based, in characters).
    pub fn at_column(mut self, column: u32) -> Self {
        self.column = column;
        self
    }

    /// The same finding named by another spelling of its file.
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = file.into();
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        write!(
            f,
            "{}:{}:{}: {severity}[{}]: {}",
            self.file, self.line, self.column, self.code, self.message
        )
    }
}

/// Collects diagnostics for one file.
#[derive(Debug, Default)]
pub struct Diagnostics {
    file: String,
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new(file: impl Into<String>) -> Self {
        Diagnostics {
            file: file.into(),
            items: Vec::new(),
        }
    }

    pub fn file(&self) -> &str {
        &self.file
    }

    pub fn push(&mut self, severity: Severity, line: u32, code: &str, message: impl Into<String>) {
        self.push_at(severity, line, 1, code, message);
    }

    /// A diagnostic at a known column (1-based, in characters).
    pub fn push_at(&mut self, severity: Severity, line: u32, column: u32, code: &str, message: impl Into<String>) {
        self.items
            .push(Diagnostic::new(self.file.clone(), line, severity, code, message).at_column(column));
    }

    pub fn error(&mut self, line: u32, code: &str, message: impl Into<String>) {
        self.push(Severity::Error, line, code, message);
    }

    pub fn warning(&mut self, line: u32, code: &str, message: impl Into<String>) {
        self.push(Severity::Warning, line, code, message);
    }

    pub fn note(&mut self, line: u32, code: &str, message: impl Into<String>) {
        self.push(Severity::Note, line, code, message);
    }

    /// Keeps diagnostics made for another file (an include file read for this one).
    pub fn extend(&mut self, items: Vec<Diagnostic>) {
        self.items.extend(items);
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }

    pub fn as_slice(&self) -> &[Diagnostic] {
        &self.items
    }
}
