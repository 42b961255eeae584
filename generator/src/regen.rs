//! Regeneration: read the input pages, resolve, emit, and bring an output
//! folder in line: write only files whose content changed, delete generated
//! files no longer produced, or (check mode) only report what is stale.
//!
//! The input folder may hold a `generator.json` naming a CSDL document
//! (relative to the folder) to merge with the pages: `{"csdl": "v1.0.xml"}`.
//! [`Settings::with_csdl`] overrides it. `{"deny_warnings": true}` there (or
//! [`Settings::with_deny_warnings`]) fails a regeneration on warnings too.
//! A `fixes.json` beside the pages corrects them ([`crate::fixes`]).

use crate::csdl::{self, Csdl};
use crate::diagnostic::{Diagnostic, Severity};
use crate::emit::{self, EmitError, File};
use crate::fixes::{Fixes, FixesError};
use crate::read::{self, PageRead};
use crate::resolve;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Where regeneration reads and writes, built with chained `with_*` calls.
#[derive(Debug, Clone)]
pub struct Settings {
    pub input: PathBuf,
    pub out: PathBuf,
    pub check: bool,
    /// For a crate outside the workspace: the hand-written `src/` (lib.rs and
    /// support/) to copy beside the generated code.
    pub standalone: Option<PathBuf>,
    /// A CSDL document to merge, overriding the input folder's config.
    pub csdl: Option<PathBuf>,
    /// Fail on warnings too, whatever the input folder's config says.
    pub deny_warnings: bool,
}

/// The name of the optional config file in the input folder.
pub const CONFIG_FILE: &str = "generator.json";

/// `generator.json` beside the pages.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// A CSDL document, relative to the input folder.
    #[serde(default)]
    pub csdl: Option<PathBuf>,
    /// Fail a regeneration on warnings, not only on errors.
    #[serde(default)]
    pub deny_warnings: bool,
}

impl Config {
    /// Reads the config of an input folder; no file is the default config.
    pub fn read(input: &Path) -> Result<Config, RegenError> {
        let path = input.join(CONFIG_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text).map_err(|error| RegenError::Config { path, error }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(error) => Err(RegenError::Io { path, error }),
        }
    }
}

impl Settings {
    pub fn new(input: impl Into<PathBuf>, out: impl Into<PathBuf>) -> Self {
        Settings {
            input: input.into(),
            out: out.into(),
            check: false,
            standalone: None,
            csdl: None,
            deny_warnings: false,
        }
    }

    /// Fail on warnings, not only on errors (CI strictness).
    pub fn with_deny_warnings(mut self, deny: bool) -> Self {
        self.deny_warnings = deny;
        self
    }

    pub fn with_csdl(mut self, csdl: Option<PathBuf>) -> Self {
        self.csdl = csdl;
        self
    }

    /// The CSDL document to merge: the override, else the config's (relative
    /// to the input folder), else none.
    pub fn csdl_path(&self) -> Result<Option<PathBuf>, RegenError> {
        if let Some(path) = &self.csdl {
            return Ok(Some(path.clone()));
        }
        Ok(Config::read(&self.input)?.csdl.map(|p| self.input.join(p)))
    }

    pub fn with_check(mut self, check: bool) -> Self {
        self.check = check;
        self
    }

    pub fn with_standalone(mut self, hand_written_src: impl Into<PathBuf>) -> Self {
        self.standalone = Some(hand_written_src.into());
        self
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RegenError {
    #[error("{path}: {error}")]
    Io { path: PathBuf, error: std::io::Error },
    #[error("{path}: {error}")]
    Config { path: PathBuf, error: serde_json::Error },
    #[error(transparent)]
    Csdl(#[from] csdl::CsdlError),
    #[error(transparent)]
    Fixes(#[from] FixesError),
    #[error(transparent)]
    Emit(#[from] EmitError),
}

/// What a regeneration did or, in check mode, would do.
#[derive(Debug, Default)]
pub struct Report {
    pub pages: usize,
    pub written: Vec<String>,
    pub deleted: Vec<String>,
    pub unchanged: usize,
    pub diagnostics: Vec<Diagnostic>,
    pub files: usize,
    pub lines: usize,
    /// The CSDL document merged, if any.
    pub csdl: Option<PathBuf>,
    /// Operation pages left out (no readable request line), by file.
    pub left_out: Vec<String>,
    /// Whether warnings fail the regeneration (setting or config).
    pub deny_warnings: bool,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    /// The diagnostics that fail the regeneration: errors, and warnings
    /// when they are denied.
    pub fn failures(&self) -> usize {
        self.errors() + if self.deny_warnings { self.warnings() } else { 0 }
    }

    /// Files that differ from what regeneration produces.
    pub fn stale(&self) -> impl Iterator<Item = &String> {
        self.written.iter().chain(self.deleted.iter())
    }
}

/// The folders of the output that belong to the generator.
const OWNED: &[&str] = &["src/generated"];
/// Single files of the output that belong to the generator.
const OWNED_FILES: &[&str] = &["tests/examples.rs", "Cargo.toml"];

/// Reads a CSDL document; its own diagnostics become notes on the file.
pub fn read_csdl(path: &Path) -> Result<(Csdl, Vec<Diagnostic>), RegenError> {
    let text = std::fs::read_to_string(path).map_err(|error| RegenError::Io {
        path: path.to_path_buf(),
        error,
    })?;
    let file = path.to_string_lossy().into_owned();
    let csdl = csdl::read_csdl(&text, &file)?;
    let diagnostics = csdl
        .diagnostics
        .iter()
        .map(|d| Diagnostic {
            file: file.clone(),
            line: d.line as u32,
            column: d.column as u32,
            severity: Severity::Note,
            code: format!("csdl-{}", d.code),
            message: d.message.clone(),
        })
        .collect();
    Ok((csdl, diagnostics))
}

/// Reads, resolves (merging `csdl` when given) and emits: the files and all
/// diagnostics.
pub fn generate(
    reads: &[PageRead],
    csdl: Option<&Csdl>,
    layout: emit::Layout,
) -> Result<(Vec<File>, Vec<Diagnostic>), EmitError> {
    generate_owned(reads.to_vec(), csdl, layout)
}

/// [`generate`] taking the reads, so pages are neither copied nor kept
/// through emission.
fn generate_owned(
    reads: Vec<PageRead>,
    csdl: Option<&Csdl>,
    layout: emit::Layout,
) -> Result<(Vec<File>, Vec<Diagnostic>), EmitError> {
    let mut diagnostics = Vec::new();
    let pages: Vec<_> = reads
        .into_iter()
        .map(|r| {
            diagnostics.extend(r.diagnostics);
            r.page
        })
        .collect();
    let resolved = resolve::resolve(&pages, csdl);
    drop(pages);
    diagnostics.extend(resolved.diagnostics);
    diagnostics.sort();
    Ok((emit::emit(&resolved.schema, layout)?, diagnostics))
}

pub fn regen(settings: &Settings) -> Result<Report, RegenError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |error| RegenError::Io { path, error }
    };
    let config = Config::read(&settings.input)?;
    let fixes = Fixes::read(&settings.input)?;
    let reads = read::read_folder_with(&settings.input, &fixes).map_err(io(&settings.input))?;
    let left_out = reads
        .iter()
        .filter(|r| r.page.operation.as_ref().is_some_and(|op| op.requests.is_empty()))
        .map(|r| r.page.file.clone())
        .collect();
    let layout = if settings.standalone.is_some() {
        emit::Layout::Standalone
    } else {
        emit::Layout::Workspace
    };
    let csdl_path = settings.csdl_path()?;
    let csdl = csdl_path.as_deref().map(read_csdl).transpose()?;
    let pages = reads.len();
    let missing_pages = fixes.missing_pages(reads.iter().map(|r| r.page.file.as_str()));
    let (mut files, mut diagnostics) = generate_owned(reads, csdl.as_ref().map(|(c, _)| c), layout)?;
    diagnostics.splice(0..0, missing_pages);
    if let Some((_, csdl_diagnostics)) = csdl {
        diagnostics.extend(csdl_diagnostics);
    }
    if let Some(src) = &settings.standalone {
        let mut hand_written = Vec::new();
        list_files(src, src, &mut hand_written).map_err(io(src))?;
        for rel in hand_written.into_iter().filter(|r| !r.starts_with("generated/")) {
            let contents = std::fs::read_to_string(src.join(&rel)).map_err(io(&src.join(&rel)))?;
            files.push(File {
                path: format!("src/{rel}"),
                contents,
            });
        }
    }
    let mut report = Report {
        pages,
        diagnostics,
        files: files.len(),
        csdl: csdl_path,
        left_out,
        deny_warnings: settings.deny_warnings || config.deny_warnings,
        ..Report::default()
    };
    report.lines = files.iter().map(|f| f.contents.lines().count()).sum();
    let produced: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for file in &files {
        let path = settings.out.join(&file.path);
        match std::fs::read(&path) {
            Ok(existing) if existing == file.contents.as_bytes() => report.unchanged += 1,
            _ => {
                report.written.push(file.path.clone());
                if !settings.check {
                    if let Some(parent) = path.parent() {
                        std::fs::create_dir_all(parent).map_err(io(parent))?;
                    }
                    std::fs::write(&path, &file.contents).map_err(io(&path))?;
                }
            }
        }
    }
    let mut existing = Vec::new();
    let owned_dirs: &[&str] = if settings.standalone.is_some() { &["src"] } else { OWNED };
    for dir in owned_dirs {
        list_files(&settings.out, &settings.out.join(dir), &mut existing).map_err(io(&settings.out.join(dir)))?;
    }
    existing.extend(
        OWNED_FILES
            .iter()
            .filter(|f| settings.out.join(f).exists())
            .map(|f| f.to_string()),
    );
    for rel in existing {
        if !produced.contains(rel.as_str()) {
            if !settings.check {
                let path = settings.out.join(&rel);
                std::fs::remove_file(&path).map_err(io(&path))?;
            }
            report.deleted.push(rel);
        }
    }
    report.deleted.sort();
    Ok(report)
}

fn list_files(root: &Path, dir: &Path, out: &mut Vec<String>) -> std::io::Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            list_files(root, &path, out)?;
        } else {
            out.push(
                path.strip_prefix(root)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/"),
            );
        }
    }
    Ok(())
}
