//! Regeneration: read the input pages, resolve, emit, and bring an output
//! folder in line: write only files whose content changed, delete generated
//! files no longer produced, or (check mode) only report what is stale.
//!
//! The input folder may hold a `generator.json` naming a CSDL document
//! (relative to the folder) to merge with the pages: `{"csdl": "v1.0.xml"}`.
//! [`Settings::with_csdl`] overrides it. `{"deny_warnings": true}` there (or
//! [`Settings::with_deny_warnings`]) fails a regeneration on warnings too.
//! A `fixes.json` beside the pages corrects them ([`crate::fixes`]).

use crate::csdl::Csdl;
use crate::diagnostic::{Diagnostic, Severity};
use crate::emit::{self, EmitError, File};
use crate::isolate;
pub use crate::load::{read_csdl, Config, LoadError, CONFIG_FILE};
use crate::read::PageRead;
use crate::resolve;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Where regeneration reads and writes, built with chained `with_*` calls.
#[derive(Debug, Clone)]
pub struct Settings {
    pub input: PathBuf,
    pub out: PathBuf,
    pub check: bool,
    /// For a crate outside the workspace: the hand-written runtime (usually
    /// [`runtime_dir`]: `lib.rs`, `support/`, `client/`) to copy into its
    /// `src/` beside the generated code.
    pub standalone: Option<PathBuf>,
    /// A CSDL document to merge, overriding the input folder's config.
    pub csdl: Option<PathBuf>,
    /// Fail on warnings too, whatever the input folder's config says.
    pub deny_warnings: bool,
    /// Only the routes whose documented paths these globs keep.
    pub paths: resolve::subset::PathFilter,
}

/// The hand-written runtime of the generated crate, shipped with the
/// generator: the crate root (`lib.rs`), `client/` and the support crate
/// (`support/`, `msgraph-typed-support`). The workspace compiles them where
/// they are (`generated/Cargo.toml` points its `[lib] path` at `lib.rs`, and
/// `support/` is a workspace member); a standalone crate gets a copy of the
/// root and client in its `src/` and of the support crate in `support/`.
pub fn runtime_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime")
}

/// The line of the runtime's `lib.rs` that finds the emitted code from
/// `generator/runtime/`; a standalone crate's `src/lib.rs` sits beside
/// `src/generated/` and goes without it.
const WORKSPACE_PATH_LINE: &str = "#[path = \"../../generated/src/generated/mod.rs\"]\n";

impl Settings {
    pub fn new(input: impl Into<PathBuf>, out: impl Into<PathBuf>) -> Self {
        Settings {
            input: input.into(),
            out: out.into(),
            check: false,
            standalone: None,
            csdl: None,
            deny_warnings: false,
            paths: resolve::subset::PathFilter::default(),
        }
    }

    /// Only the routes with a documented path an include glob covers and no
    /// exclude glob does, and the types they reach.
    pub fn with_paths(mut self, paths: resolve::subset::PathFilter) -> Self {
        self.paths = paths;
        self
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
        Ok(crate::load::csdl_path(&self.input, self.csdl.as_deref())?)
    }

    pub fn with_check(mut self, check: bool) -> Self {
        self.check = check;
        self
    }

    /// A crate of its own, with a copy of the hand-written `runtime`
    /// (usually [`runtime_dir`]).
    pub fn with_standalone(mut self, runtime: impl Into<PathBuf>) -> Self {
        self.standalone = Some(runtime.into());
        self
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RegenError {
    #[error("{path}: {error}")]
    Io { path: PathBuf, error: std::io::Error },
    /// The input could not be read ([`crate::load`]).
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Emit(#[from] EmitError),
    /// Resolving or emitting panicked on the pages together but on none
    /// alone, so nothing could be produced; `diagnostics` has one
    /// `internal-error` per page.
    #[error("internal error on the pages together (on none alone): {}", diagnostics.first().map_or("", |d| d.message.as_str()))]
    Internal { diagnostics: Vec<Diagnostic> },
    /// The output folder holds files and no list of what regeneration wrote.
    #[error(
        "{out}: refusing to write into a folder regeneration did not create: it is not empty \
         ({entries}) and has no `{owned}` listing generated files; give --out a new or empty folder",
        out = out.display(),
        entries = entries.join(", "),
        owned = crate::output::OWNED_LIST
    )]
    NotOwned { out: PathBuf, entries: Vec<String> },
    /// Files regeneration would write exist already and are not its own.
    #[error(
        "{out}: refusing to overwrite files regeneration did not write (not in `{owned}`): {files}",
        out = out.display(),
        files = files.join(", "),
        owned = crate::output::OWNED_LIST
    )]
    Overwrite { out: PathBuf, files: Vec<String> },
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
    /// Files among the generated ones that regeneration did not write (not
    /// in its owned-files list): left in place.
    pub left: Vec<String>,
    /// Operation pages left out (no readable request line), by file.
    pub left_out: Vec<String>,
    /// Whether warnings fail the regeneration (setting or config).
    pub deny_warnings: bool,
    /// Routes left out by the include and exclude globs.
    pub routes_left_out: usize,
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

/// The folders of the workspace crate where generated files live: files
/// there that regeneration did not write are reported.
const OWNED: &[&str] = &["src/generated", "models/src"];

/// Reads, resolves (merging `csdl` when given) and emits: the files and all
/// diagnostics.
pub fn generate(
    reads: &[PageRead],
    csdl: Option<&Csdl>,
    layout: emit::Layout,
) -> Result<(Vec<File>, Vec<Diagnostic>), RegenError> {
    let (files, diagnostics, _) = generate_owned(reads.to_vec(), csdl, layout, &Default::default())?;
    Ok((files, diagnostics))
}

/// [`generate`] taking the reads, so pages are not copied. A page whose
/// resolving or emitting panics is left out with an `internal-error`
/// diagnostic ([`isolate::per_page`]).
fn generate_owned(
    reads: Vec<PageRead>,
    csdl: Option<&Csdl>,
    layout: emit::Layout,
    paths: &resolve::subset::PathFilter,
) -> Result<(Vec<File>, Vec<Diagnostic>, usize), RegenError> {
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
        let mut resolved = resolve::resolve(pages, csdl);
        let left_out = resolve::subset::apply(&mut resolved.schema, paths);
        isolate::enter(isolate::Stage::Emitting);
        #[cfg(test)]
        pages
            .iter()
            .for_each(|p| isolate::inject::fire(isolate::Stage::Emitting, &p.file));
        (emit::emit(&resolved.schema, layout), resolved.diagnostics, left_out)
    });
    let Some((files, resolved, left_out)) = out else {
        return Err(RegenError::Internal { diagnostics: failed });
    };
    diagnostics.extend(failed);
    diagnostics.extend(resolved);
    let files = files?;
    diagnostics.sort();
    Ok((files, diagnostics, left_out))
}

pub fn regen(settings: &Settings) -> Result<Report, RegenError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |error| RegenError::Io { path, error }
    };
    let config = Config::read(&settings.input)?;
    let input = crate::load::load(&settings.input, settings.csdl.clone())?;
    let (reads, csdl) = (input.reads, input.csdl);
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
    let pages = reads.len();
    let (mut files, mut diagnostics, routes_left_out) =
        generate_owned(reads, csdl.as_ref().map(|(c, _)| c), layout, &settings.paths)?;
    diagnostics.splice(0..0, input.missing_pages);
    diagnostics.extend(input.csdl_notes);
    let csdl_path = csdl.map(|(_, path)| path);
    if let Some(src) = &settings.standalone {
        let mut hand_written = Vec::new();
        list_files(src, src, &mut hand_written).map_err(io(src))?;
        hand_written.sort();
        // The runtime's examples are the workspace crate's, not a copy's.
        for rel in hand_written
            .into_iter()
            .filter(|r| r.ends_with(".rs") && !r.starts_with("examples/"))
        {
            let mut contents = std::fs::read_to_string(src.join(&rel)).map_err(io(&src.join(&rel)))?;
            if rel == "lib.rs" {
                contents = contents.replacen(WORKSPACE_PATH_LINE, "", 1);
            }
            // The support crate keeps its folder; the rest is the crate's `src/`.
            let path = if rel.starts_with("support/") {
                rel
            } else {
                format!("src/{rel}")
            };
            files.push(File { path, contents });
        }
        files.push(File {
            path: "support/Cargo.toml".into(),
            contents: emit::support_manifest(),
        });
    }
    let mut report = Report {
        pages,
        diagnostics,
        files: files.len(),
        csdl: csdl_path,
        left_out,
        deny_warnings: settings.deny_warnings || config.deny_warnings,
        routes_left_out,
        ..Report::default()
    };
    report.lines = files.iter().map(|f| f.contents.lines().count()).sum();
    write_owned(settings, &files, &mut report)?;
    Ok(report)
}

/// Brings the output folder in line with `files`, touching only what the
/// owned-files list says regeneration wrote (see [`crate::output`]); in check mode,
/// only reports.
fn write_owned(settings: &Settings, files: &[File], report: &mut Report) -> Result<(), RegenError> {
    use crate::output::{self, OWNED_LIST};
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |error| RegenError::Io { path, error }
    };
    let out = &settings.out;
    let owned = output::owned(out).map_err(io(&out.join(OWNED_LIST)))?;
    let mut produced: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    produced.insert(OWNED_LIST);
    let owned_list = File {
        path: OWNED_LIST.to_string(),
        contents: output::owned_list(&produced),
    };
    let owned = match owned {
        Some(owned) => owned,
        None => {
            let entries = output::some_entries(out, 5).map_err(io(out))?;
            if !entries.is_empty() && !settings.check {
                return Err(RegenError::NotOwned {
                    out: out.clone(),
                    entries,
                });
            }
            BTreeSet::new()
        }
    };
    let all: Vec<&File> = files.iter().chain(std::iter::once(&owned_list)).collect();
    let foreign: Vec<String> = all
        .iter()
        .filter(|f| f.path != OWNED_LIST && !owned.contains(&f.path) && out.join(&f.path).exists())
        .map(|f| f.path.clone())
        .collect();
    if !foreign.is_empty() && !settings.check {
        return Err(RegenError::Overwrite {
            out: out.clone(),
            files: foreign,
        });
    }
    report.files += 1;
    report.lines += owned_list.contents.lines().count();
    for file in all {
        let path = out.join(&file.path);
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
    // Only files the owned-files list names are deleted; other files where
    // generated files live are reported and left.
    for rel in &owned {
        if !produced.contains(rel.as_str()) && out.join(rel).is_file() {
            if !settings.check {
                let path = out.join(rel);
                std::fs::remove_file(&path).map_err(io(&path))?;
            }
            report.deleted.push(rel.clone());
        }
    }
    report.deleted.sort();
    let mut existing = Vec::new();
    let owned_dirs: &[&str] = if settings.standalone.is_some() {
        &["src", "tests", "models", "support"]
    } else {
        OWNED
    };
    for dir in owned_dirs {
        list_files(out, &out.join(dir), &mut existing).map_err(io(&out.join(dir)))?;
    }
    report.left = existing
        .into_iter()
        .filter(|rel| !produced.contains(rel.as_str()) && !owned.contains(rel))
        .collect();
    report.left.sort();
    Ok(())
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
