//! Regeneration: read the input pages, resolve, emit, and bring an output
//! folder in line: write only files whose content changed, delete generated
//! files no longer produced, or (check mode) only report what is stale.
//!
//! The input folder may hold a `generator.json` naming a CSDL document
//! (relative to the folder) to merge with the pages: `{"csdl": "v1.0.xml"}`.
//! [`Settings::with_csdl`] overrides it.

use crate::csdl::{self, Csdl};
use crate::diagnostic::{Diagnostic, Severity};
use crate::emit::{self, EmitError, File};
use crate::isolate;
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
        }
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
    Emit(#[from] EmitError),
    /// Resolving or emitting panicked on the pages together but on none
    /// alone, so nothing could be produced; `diagnostics` has one
    /// `internal-error` per page.
    #[error("internal error on the pages together (on none alone): {}", diagnostics.first().map_or("", |d| d.message.as_str()))]
    Internal { diagnostics: Vec<Diagnostic> },
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
}

impl Report {
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
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
) -> Result<(Vec<File>, Vec<Diagnostic>), RegenError> {
    generate_owned(reads.to_vec(), csdl, layout)
}

/// [`generate`] taking the reads, so pages are not copied. A page whose
/// resolving or emitting panics is left out with an `internal-error`
/// diagnostic ([`isolate::per_page`]).
fn generate_owned(
    reads: Vec<PageRead>,
    csdl: Option<&Csdl>,
    layout: emit::Layout,
) -> Result<(Vec<File>, Vec<Diagnostic>), RegenError> {
    let mut diagnostics = Vec::new();
    let pages: Vec<_> = reads
        .into_iter()
        .map(|r| {
            diagnostics.extend(r.diagnostics);
            r.page
        })
        .collect();
    let (out, _, failed) = isolate::per_page(pages, |pages| {
        #[cfg(test)]
        pages
            .iter()
            .for_each(|p| isolate::inject::fire(isolate::Stage::Resolving, &p.file));
        let resolved = resolve::resolve(pages, csdl);
        isolate::enter(isolate::Stage::Emitting);
        #[cfg(test)]
        pages
            .iter()
            .for_each(|p| isolate::inject::fire(isolate::Stage::Emitting, &p.file));
        (emit::emit(&resolved.schema, layout), resolved.diagnostics)
    });
    let Some((files, resolved)) = out else {
        return Err(RegenError::Internal { diagnostics: failed });
    };
    diagnostics.extend(failed);
    diagnostics.extend(resolved);
    let files = files?;
    diagnostics.sort();
    Ok((files, diagnostics))
}

pub fn regen(settings: &Settings) -> Result<Report, RegenError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |error| RegenError::Io { path, error }
    };
    let reads = read::read_folder(&settings.input).map_err(io(&settings.input))?;
    let layout = if settings.standalone.is_some() {
        emit::Layout::Standalone
    } else {
        emit::Layout::Workspace
    };
    let csdl_path = settings.csdl_path()?;
    let csdl = csdl_path.as_deref().map(read_csdl).transpose()?;
    let pages = reads.len();
    let (mut files, mut diagnostics) = generate_owned(reads, csdl.as_ref().map(|(c, _)| c), layout)?;
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
