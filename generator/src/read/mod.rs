//! Reading: reference pages in any of the three formats into page facts.
//!
//! Each format is lowered into one block model (`markdown`, `text`), blocks are
//! split into sections (`sections`), and sections are read into an operation
//! (`operation`) or a resource and its enums (`resource`). Nothing here makes
//! a Rust decision.

#![deny(clippy::string_slice)]

mod annotation;
pub mod blocks;
mod enum_values;
mod example;
pub mod include;
mod ledger;
pub mod lenient_json;
mod markdown;
mod operation;
pub mod path;
mod permissions;
mod props;
mod prose;
mod query_options;
pub mod render_text;
mod resource;
pub mod sections;
mod table;
mod text;
pub mod type_cell;

pub use ledger::Accounting;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::fixes::Fixes;
use crate::line_index::LineIndex;
use crate::schema::{ApiVersion, Page, PageFormat, PageKind};
use blocks::{Block, Inline};
use rayon::prelude::*;
use sections::SectionKind;
use std::path::Path;

/// The result of reading one page.
#[derive(Debug, Clone)]
pub struct PageRead {
    pub page: Page,
    pub diagnostics: Vec<Diagnostic>,
    pub accounting: Accounting,
}

/// Facts of the part before the first section.
#[derive(Debug, Default)]
pub(crate) struct Intro {
    pub title: Option<String>,
    /// The type a resource or enum page is about (`x resource type`).
    pub subject: Option<String>,
    pub namespace: Option<String>,
    pub description: Option<String>,
    pub description_inline: Option<Inline>,
    pub api_version: Option<ApiVersion>,
}

/// Reads one page. `file` is the name diagnostics carry. Its include files
/// are not read (the page is read alone): see [`read_page_in`].
pub fn read_page(file: &str, text: &str) -> PageRead {
    read_page_in(include::IncludeRoot::default(), file, text)
}

/// Reads one page of an input folder: `file` is its path relative to the
/// folder, which is where its include files are looked for.
pub fn read_page_in(root: include::IncludeRoot<'_>, file: &str, text: &str) -> PageRead {
    let mut diags = Diagnostics::new(file);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        diags.warning(1, "page-empty", "file is empty; no page is read from it");
    }
    let (front, body) = front_matter(text, &mut diags);
    let format = if front.is_some() {
        PageFormat::CurrentMarkdown
    } else if looks_like_markdown(text) {
        PageFormat::ClassicMarkdown
    } else {
        PageFormat::PublishedText
    };
    let blocks = match format {
        PageFormat::PublishedText => text::lower(&body),
        _ => markdown::lower(&body, &mut diags),
    };
    let sections = sections::split(&blocks);
    let intro = intro(&blocks, &sections, front.as_ref());
    let kind = classify(&intro, &sections, file);
    if let Some(doc_type) = front.as_ref().and_then(|f| f.get("doc_type")).and_then(|v| v.as_str()) {
        let expected = match kind {
            PageKind::Operation => "apiPageType",
            PageKind::Resource => "resourcePageType",
            PageKind::Enum => "enumPageType",
            PageKind::Other => doc_type,
        };
        if doc_type != expected {
            diags.note(
                1,
                "doc-type-mismatch",
                format!("front matter says `{doc_type}` but the content is a {kind:?} page; read by content"),
            );
        }
    }
    let mut ledger = ledger::Ledger::default();
    let mut page = Page {
        title: intro.title.clone(),
        namespace: intro.namespace.clone(),
        description: intro.description.clone(),
        ..Page::new(file, format, kind)
    };
    match kind {
        PageKind::Operation => {
            let includes = include::resolve(root, file, &body, &mut diags);
            let op = operation::read(&intro, &sections, &includes, &mut diags, &mut ledger);
            if op.requests.is_empty() {
                // An upstream defect of one page: the page is left out, the others are generated.
                diags.warning(
                    sections
                        .iter()
                        .find(|s| s.kind == SectionKind::HttpRequest)
                        .map_or(1, |s| s.line),
                    "no-request",
                    "operation page documents no readable request line; the page is left out (no route is generated for it)",
                );
            }
            page.operation = Some(op);
        }
        PageKind::Resource => {
            let r = resource::read(&intro, &sections, &mut page.enums, &mut diags, &mut ledger);
            page.resource = Some(r);
        }
        PageKind::Enum => resource::read_enums(&intro, &sections, &mut page.enums, &mut diags, &mut ledger),
        PageKind::Other => {
            for section in &sections {
                for block in &section.blocks {
                    if let Block::Table(t) = block {
                        ledger.ignore_table(t, &section.heading, &mut diags);
                    }
                }
            }
        }
    }
    let accounting = ledger.close(&blocks, &mut diags);
    PageRead {
        page,
        diagnostics: diags.into_vec(),
        accounting,
    }
}

/// Reads every page (`*.md`, `*.txt`) under `dir`, in parallel, sorted by
/// path; a page whose reading panics is an `internal-error` diagnostic.
pub fn read_folder(dir: &Path) -> std::io::Result<Vec<PageRead>> {
    read_folder_with(dir, &Fixes::default())
}

/// [`read_folder`] with `fixes` applied to the pages they name; a fix that no
/// longer applies is reported with its page ([`Fixes::missing_pages`] finds
/// fixes of pages the folder lacks).
pub fn read_folder_with(dir: &Path, fixes: &Fixes) -> std::io::Result<Vec<PageRead>> {
    page_files(dir)?
        .par_iter()
        .map(|(rel, path)| {
            Ok(read_bytes_with(
                include::IncludeRoot(Some(dir)),
                rel,
                &std::fs::read(path)?,
                fixes,
            ))
        })
        .collect()
}

/// Reads one page file; `name` is the name diagnostics carry. Bytes that are
/// not UTF-8 are reported at their line and read as U+FFFD, alone or in a
/// folder alike.
pub fn read_file(name: &str, path: &Path) -> std::io::Result<PageRead> {
    let bytes = std::fs::read(path)?;
    Ok(read_bytes(name, &bytes))
}

/// [`read_page`] on raw bytes: text that is not UTF-8 gets a diagnostic at the
/// line of its first bad byte, and the rest of the page is still read.
pub fn read_bytes(name: &str, bytes: &[u8]) -> PageRead {
    read_bytes_with(include::IncludeRoot::default(), name, bytes, &Fixes::default())
}

/// [`read_page_in`], with a panic turned into an empty page and an
/// `internal-error` diagnostic ([`crate::isolate`]).
fn read_page_guarded(root: include::IncludeRoot<'_>, file: &str, text: &str) -> PageRead {
    use crate::isolate::{catch, Stage};
    catch(Stage::Reading, || {
        #[cfg(test)]
        crate::isolate::inject::fire(Stage::Reading, file);
        read_page_in(root, file, text)
    })
    .unwrap_or_else(|panic| PageRead {
        page: Page::new(file, PageFormat::PublishedText, PageKind::Other),
        diagnostics: vec![panic.diagnostic(file)],
        accounting: Accounting::default(),
    })
}

/// Reads one page's bytes with `fixes` applied; its include files are looked
/// for under `root`.
fn read_bytes_with(root: include::IncludeRoot<'_>, name: &str, bytes: &[u8], fixes: &Fixes) -> PageRead {
    let fixed = |text: &str| {
        let (text, applied) = fixes.apply(name, text);
        let mut read = read_page_guarded(root, name, &text);
        read.diagnostics.splice(0..0, applied);
        read
    };
    match std::str::from_utf8(bytes) {
        Ok(text) => fixed(text),
        Err(err) => {
            let at = err.valid_up_to();
            let valid = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
            let (line, column) = LineIndex::new(valid).line_column(at);
            let mut read = fixed(&String::from_utf8_lossy(bytes));
            read.diagnostics.insert(
                0,
                Diagnostic::new(
                    name,
                    line as u32,
                    crate::diagnostic::Severity::Warning,
                    "file-not-utf8",
                    "file is not valid UTF-8; bad bytes read as U+FFFD",
                )
                .at_column(column as u32),
            );
            read
        }
    }
}

/// Every page (`*.md`, `*.txt`) under `dir`: its path relative to `dir`
/// (the name diagnostics carry) and its full path, sorted. READMEs and the
/// include files under `includes/` are not pages.
pub fn page_files(dir: &Path) -> std::io::Result<Vec<(String, std::path::PathBuf)>> {
    let mut files = Vec::new();
    collect_pages(dir, dir, &mut files)?;
    files.sort();
    Ok(files)
}

fn collect_pages(root: &Path, dir: &Path, out: &mut Vec<(String, std::path::PathBuf)>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_pages(root, &path, out)?;
        } else if matches!(path.extension().and_then(|e| e.to_str()), Some("md") | Some("txt"))
            && !include::is_not_a_page(&path)
        {
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, path));
        }
    }
    Ok(())
}

/// Splits YAML front matter off, replacing it with blank lines so line
/// numbers stay those of the file.
fn front_matter(text: &str, diags: &mut Diagnostics) -> (Option<yaml_serde::Mapping>, String) {
    let Some(rest) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")) else {
        return (None, text.to_string());
    };
    let end = rest.find("\n---").map(|i| i + 1);
    let Some(end) = end else {
        diags.warning(
            1,
            "front-matter-unclosed",
            "front matter is not closed; read as markdown",
        );
        return (None, text.to_string());
    };
    let yaml = rest.get(..end).unwrap_or_default();
    let after = rest
        .get(end..)
        .unwrap_or_default()
        .find('\n')
        .map_or(rest.len(), |i| end + i);
    let consumed = text.get(..text.len() - rest.len() + after).unwrap_or(text);
    let blank: String = consumed.chars().filter(|c| *c == '\n').collect();
    let body = format!("{blank}{}", rest.get(after..).unwrap_or_default());
    match yaml_serde::from_str::<yaml_serde::Mapping>(yaml) {
        Ok(map) => (Some(map), body),
        Err(err) => {
            diags.warning(
                2,
                "front-matter-yaml",
                format!("front matter is not YAML ({err}); ignored"),
            );
            (Some(yaml_serde::Mapping::new()), body)
        }
    }
}

fn looks_like_markdown(text: &str) -> bool {
    text.lines()
        .any(|l| l.starts_with("# ") || l.starts_with("## ") || l.starts_with("```") || l.starts_with("<!--"))
}

fn intro(blocks: &[Block], sections: &[sections::Section<'_>], front: Option<&yaml_serde::Mapping>) -> Intro {
    let title = blocks.iter().find_map(|b| match b {
        Block::Heading { level: 1, text, .. } => Some(text.plain()),
        _ => None,
    });
    let mut intro = Intro {
        title,
        ..Intro::default()
    };
    if let Some(title) = &intro.title {
        let lower = title.to_ascii_lowercase();
        for suffix in [
            " resource type",
            " enum type",
            " enumeration type",
            " complex type",
            " entity type",
            " enum",
        ] {
            if lower.ends_with(suffix) {
                intro.subject = Some(
                    title
                        .get(..title.len() - suffix.len())
                        .unwrap_or(title)
                        .trim()
                        .to_string(),
                );
            }
        }
    }
    let intro_section = &sections[0];
    for block in &intro_section.blocks {
        match block {
            Block::Paragraph { text, .. } => {
                let plain = text.plain();
                if let Some(ns) = plain.strip_prefix("Namespace:") {
                    intro.namespace = Some(ns.trim().to_string());
                } else if intro.description.is_none() && is_description(&plain) {
                    intro.description = Some(plain);
                    intro.description_inline = Some(text.clone());
                }
            }
            Block::Quote { text, .. } => {
                let lower = text.plain().to_ascii_lowercase();
                if lower.contains("/beta") && lower.contains("subject to change") {
                    intro.api_version = Some(ApiVersion::Beta);
                }
            }
            _ => {}
        }
    }
    if intro.description.is_none() {
        intro.description = front
            .and_then(|f| f.get("description"))
            .and_then(|v| v.as_str())
            .map(blocks::collapse_whitespace);
    }
    intro
}

fn is_description(plain: &str) -> bool {
    let skip = [
        "Note:",
        "Important:",
        "Caution:",
        "Warning:",
        "This API is available",
        "**Note",
    ];
    !plain.is_empty() && !skip.iter().any(|s| plain.starts_with(s))
}

fn classify(intro: &Intro, sections: &[sections::Section<'_>], file: &str) -> PageKind {
    let title = intro.title.as_deref().unwrap_or("").to_ascii_lowercase();
    let name = file.rsplit('/').next().unwrap_or(file);
    if title.ends_with("enum type") || title.ends_with("enumeration type") || name.starts_with("enums") {
        return PageKind::Enum;
    }
    if title.ends_with("resource type") || title.ends_with("complex type") || title.ends_with("entity type") {
        return PageKind::Resource;
    }
    let has = |kind: SectionKind| sections.iter().any(|s| s.kind == kind);
    if has(SectionKind::HttpRequest) {
        return PageKind::Operation;
    }
    if has(SectionKind::Properties) || has(SectionKind::JsonRepresentation) {
        return PageKind::Resource;
    }
    if has(SectionKind::Permissions) && sections.iter().any(holds_task_requests) {
        // No `HTTP request` heading: each request under a task heading of
        // its own (`## Get the tenant's root site`, `api/site-get.md`). An
        // overview page naming requests has no permissions of its own.
        return PageKind::Operation;
    }
    PageKind::Other
}

/// Whether a section outside the examples, under a heading no reader knows,
/// holds a block of request templates (method and path, no host).
fn holds_task_requests(section: &sections::Section<'_>) -> bool {
    section.kind == SectionKind::Unknown
        && !section.in_examples
        && section
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Code { text, .. } if operation::is_template_block(text)))
}
