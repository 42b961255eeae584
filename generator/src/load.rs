//! The input every command reads, read one way: the pages of a folder with
//! the folder's `fixes.json` applied, and the CSDL document given (or named
//! by the folder's `generator.json`). `regen`, `diff`, `report`, `schema`,
//! `permissions` and the local Graph all start from [`load`] (or [`pages`]
//! where no CSDL is wanted), so they see the routes the crate has.

use crate::csdl::Csdl;
use crate::diagnostic::Diagnostic;
use crate::fixes::Fixes;
use crate::read::{self, PageRead};
use crate::regen::{read_csdl, RegenError, Settings};
use crate::resolve::{self, Resolved};
use crate::schema::Page;
use std::path::{Path, PathBuf};

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
pub fn load(folder: &Path, csdl: Option<PathBuf>) -> Result<Input, RegenError> {
    let settings = Settings::new(folder, folder).with_csdl(csdl);
    let fixes = Fixes::read(folder)?;
    let reads = read_fixed(folder, &fixes)?;
    let missing_pages = fixes.missing_pages(reads.iter().map(|r| r.page.file.as_str()));
    let (csdl, csdl_notes) = match settings.csdl_path()? {
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
pub fn pages(folder: &Path) -> Result<Vec<PageRead>, RegenError> {
    read_fixed(folder, &Fixes::read(folder)?)
}

fn read_fixed(folder: &Path, fixes: &Fixes) -> Result<Vec<PageRead>, RegenError> {
    read::read_folder_with(folder, fixes).map_err(|error| RegenError::Io {
        path: folder.to_path_buf(),
        error,
    })
}

impl Input {
    /// The CSDL document, if any.
    pub fn csdl(&self) -> Option<&Csdl> {
        self.csdl.as_ref().map(|(c, _)| c)
    }

    /// The pages read (their diagnostics left behind).
    pub fn pages(&self) -> Vec<Page> {
        self.reads.iter().map(|r| r.page.clone()).collect()
    }

    /// The pages resolved with the CSDL: the schema the crate is emitted from.
    pub fn resolve(&self) -> (Vec<Page>, Resolved) {
        let pages = self.pages();
        let resolved = resolve::resolve(&pages, self.csdl());
        (pages, resolved)
    }
}
