//! The input every command reads, read one way: the pages of a folder with
//! the folder's `fixes.json` applied, and the CSDL document given (or named
//! by the folder's `generator.json`). `regen`, `diff`, `report`, `schema`,
//! `permissions` and the local Graph all start from [`load`] (or [`pages`]
//! where no CSDL is wanted), so they see the routes the crate has.

use crate::csdl::{Csdl, CsdlError};
use crate::diagnostic::{Diagnostic, Severity};
use crate::fixes::{Fixes, FixesError};
use crate::read::{self, PageRead};
use crate::resolve::{self, Resolved};
use crate::schema::Page;
use std::path::{Path, PathBuf};

/// Why an input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: {error}")]
    Io { path: PathBuf, error: std::io::Error },
    #[error("{path}: {error}")]
    Config { path: PathBuf, error: serde_json::Error },
    #[error(transparent)]
    Csdl(#[from] CsdlError),
    #[error(transparent)]
    Fixes(#[from] FixesError),
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
    pub fn read(input: &Path) -> Result<Config, LoadError> {
        let path = input.join(CONFIG_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text).map_err(|error| LoadError::Config { path, error }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(error) => Err(LoadError::Io { path, error }),
        }
    }
}

/// The CSDL document of an input folder: `given`, else the one its
/// `generator.json` names (relative to the folder), else none.
pub fn csdl_path(folder: &Path, given: Option<&Path>) -> Result<Option<PathBuf>, LoadError> {
    if let Some(path) = given {
        return Ok(Some(path.to_path_buf()));
    }
    Ok(Config::read(folder)?.csdl.map(|p| folder.join(p)))
}

/// Reads a CSDL document; its own diagnostics become notes on the file.
pub fn read_csdl(path: &Path) -> Result<(Csdl, Vec<Diagnostic>), LoadError> {
    let text = std::fs::read_to_string(path).map_err(|error| LoadError::Io {
        path: path.to_path_buf(),
        error,
    })?;
    let file = path.to_string_lossy().into_owned();
    let csdl = crate::csdl::read_csdl(&text, &file)?;
    let diagnostics = csdl
        .diagnostics
        .iter()
        .map(|d| {
            let code = format!("csdl-{}", d.code);
            Diagnostic::new(file.clone(), d.line as u32, Severity::Note, &code, d.message.clone())
                .at_column(d.column as u32)
        })
        .collect();
    Ok((csdl, diagnostics))
}

/// An input folder read: its pages, its CSDL document, and what reading
/// them said.
#[derive(Debug)]
pub struct Input {
    pub reads: Vec<PageRead>,
    /// The CSDL document merged with the pages, and where it was read.
    pub csdl: Option<(Csdl, PathBuf)>,
    /// Fixes naming pages the folder lacks.
    pub missing_pages: Vec<Diagnostic>,
    /// The CSDL reader's notes.
    pub csdl_notes: Vec<Diagnostic>,
}

/// Reads the pages of `folder` with its fixes, and the CSDL document `csdl`
/// (else the one the folder's `generator.json` names, if any).
pub fn load(folder: &Path, csdl: Option<PathBuf>) -> Result<Input, LoadError> {
    let fixes = Fixes::read(folder)?;
    let reads = read_fixed(folder, &fixes)?;
    let missing_pages = fixes.missing_pages(reads.iter().map(|r| r.page.file.as_str()));
    let (csdl, csdl_notes) = match csdl_path(folder, csdl.as_deref())? {
        Some(path) => {
            let (csdl, notes) = read_csdl(&path)?;
            (Some((csdl, path)), notes)
        }
        None => (None, Vec::new()),
    };
    Ok(Input {
        reads,
        csdl,
        missing_pages,
        csdl_notes,
    })
}

/// The pages of `folder` with its fixes applied, without any CSDL.
pub fn pages(folder: &Path) -> Result<Vec<PageRead>, LoadError> {
    read_fixed(folder, &Fixes::read(folder)?)
}

fn read_fixed(folder: &Path, fixes: &Fixes) -> Result<Vec<PageRead>, LoadError> {
    read::read_folder_with(folder, fixes).map_err(|error| LoadError::Io {
        path: folder.to_path_buf(),
        error,
    })
}

impl Input {
    /// The CSDL document, if any.
    pub fn csdl(&self) -> Option<&Csdl> {
        self.csdl.as_ref().map(|(c, _)| c)
    }

    /// The pages read (their diagnostics left behind) and the CSDL document,
    /// taken out of the input: nothing is copied.
    pub fn into_parts(self) -> (Vec<Page>, Option<Csdl>) {
        let pages = self.reads.into_iter().map(|r| r.page).collect();
        (pages, self.csdl.map(|(c, _)| c))
    }

    /// The pages resolved with the CSDL: the schema the crate is emitted from.
    pub fn resolve(self) -> (Vec<Page>, Resolved) {
        let (pages, csdl) = self.into_parts();
        let resolved = resolve::resolve(&pages, csdl.as_ref());
        (pages, resolved)
    }
}
