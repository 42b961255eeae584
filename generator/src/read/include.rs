//! Include files: `[!INCLUDE [label](path)]` lines of a page, resolved
//! relative to the including file for the includes that carry API facts
//! (permission tables, the directory roles of `rbac-for-apis/`, national
//! cloud availability); SDK snippets and notes are left out. A missing
//! include is a warning naming the file looked for; a cycle or an include
//! outside the input folder is an error of that line.

use super::blocks::Block;
use crate::diagnostic::Diagnostics;
use crate::schema::Cloud;
use std::path::{Component, Path, PathBuf};

/// What an include line brings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IncludeKind {
    /// A permissions table (`includes/permissions/x-permissions.md`).
    Permissions,
    /// Directory roles a delegated caller needs (`includes/rbac-for-apis/`).
    DirectoryRoles,
    /// National cloud availability, read from the file's name.
    NationalClouds(Vec<Cloud>),
}

/// One fact-bearing include line of a page, with the blocks of the file it
/// names when that file was read.
#[derive(Debug, Clone)]
pub struct Included {
    pub line: u32,
    pub kind: IncludeKind,
    /// The target as written.
    pub target: String,
    /// The include file's blocks, nested fact-bearing includes spliced in;
    /// `None`: the file could not be read (diagnosed).
    pub blocks: Option<Vec<Block>>,
    /// The include file's path relative to the input folder.
    pub file: Option<String>,
}

/// Where include files are looked for: the input folder, when the page was
/// read from one.
#[derive(Debug, Clone, Copy, Default)]
pub struct IncludeRoot<'a>(pub Option<&'a Path>);

/// Whether a file of an input folder is no page: a README, or an include
/// file (under an `includes` folder, with `ms.topic: include` or no front
/// matter at all).
pub fn is_not_a_page(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if name == "readme.md" || name == "readme.txt" {
        return true;
    }
    if !path.components().any(|c| c.as_os_str() == "includes") {
        return false;
    }
    let Ok(text) = std::fs::read(path) else { return false };
    let head = String::from_utf8_lossy(&text[..text.len().min(2048)]).into_owned();
    let head = head.trim_start_matches('\u{feff}');
    match head.strip_prefix("---") {
        Some(front) => front.split("\n---").next().is_some_and(|f| {
            f.lines()
                .any(|l| l.replace(' ', "").eq_ignore_ascii_case("ms.topic:include"))
        }),
        None => true,
    }
}

/// The `[!INCLUDE [label](target)]` lines of a text: line, label, target.
pub fn scan(text: &str) -> Vec<(u32, String, String)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let t = line.trim().trim_start_matches('>').trim();
        let Some(rest) = t.strip_prefix("[!INCLUDE").or_else(|| t.strip_prefix("[!include")) else {
            continue;
        };
        let Some((label, rest)) = rest.trim_start().strip_prefix('[').and_then(|r| r.split_once(']')) else {
            continue;
        };
        let Some(target) = rest
            .trim_start()
            .strip_prefix('(')
            .and_then(|r| r.split_once(')'))
            .map(|(t, _)| t)
        else {
            continue;
        };
        out.push((i as u32 + 1, label.trim().to_string(), target.trim().to_string()));
    }
    out
}

/// What an include carries, from its label and target; `None`: nothing the
/// reader takes (SDK snippets, notes, disclaimers).
pub fn kind(label: &str, target: &str) -> Option<IncludeKind> {
    let t = target.to_ascii_lowercase();
    let stem = t.rsplit('/').next().unwrap_or(&t).trim_end_matches(".md");
    if t.contains("/snippets/") {
        return None;
    }
    if label.eq_ignore_ascii_case("permissions-table") || t.contains("includes/permissions/") {
        return Some(IncludeKind::Permissions);
    }
    if t.contains("rbac-for-apis/") {
        return Some(IncludeKind::DirectoryRoles);
    }
    if label.eq_ignore_ascii_case("national-cloud-support") || matches!(stem, "all-clouds" | "global-only") {
        return clouds_of(stem).map(IncludeKind::NationalClouds);
    }
    None
}

/// The clouds a `national-cloud-support` include names.
fn clouds_of(stem: &str) -> Option<Vec<Cloud>> {
    use Cloud::*;
    Some(match stem {
        "all-clouds" => vec![Global, UsGovL4, UsGovL5, China],
        "global-only" => vec![Global],
        "global-us" => vec![Global, UsGovL4, UsGovL5],
        "global-china" => vec![Global, China],
        "us-gov-only" => vec![UsGovL4, UsGovL5],
        _ => return None,
    })
}

/// Resolves the fact-bearing includes of a page.
pub fn resolve(root: IncludeRoot<'_>, file: &str, text: &str, diags: &mut Diagnostics) -> Vec<Included> {
    let mut stack = vec![normalize(Path::new(file)).unwrap_or_else(|| PathBuf::from(file))];
    let mut out = Vec::new();
    for (line, label, target) in scan(text) {
        let Some(kind) = kind(&label, &target) else { continue };
        if let IncludeKind::NationalClouds(_) = kind {
            // The file's name says it all; the file itself holds prose.
            out.push(Included {
                line,
                kind,
                target,
                blocks: None,
                file: None,
            });
            continue;
        }
        let (blocks, file) = match load(root, file, &target, line, &mut stack, diags) {
            Some((blocks, file)) => (Some(blocks), Some(file)),
            None => (None, None),
        };
        out.push(Included {
            line,
            kind,
            target,
            blocks,
            file,
        });
    }
    out
}

/// Reads one include file into blocks, following its own fact-bearing
/// includes. Diagnostics of the include's text carry its own file name.
fn load(
    root: IncludeRoot<'_>,
    including: &str,
    target: &str,
    line: u32,
    stack: &mut Vec<PathBuf>,
    diags: &mut Diagnostics,
) -> Option<(Vec<Block>, String)> {
    let base = Path::new(including).parent().unwrap_or(Path::new(""));
    let Some(rel) = normalize(&base.join(target.split(['#', '?']).next().unwrap_or(target))) else {
        diags.error(
            line,
            "include-outside",
            format!("include `{target}` lies outside the input folder; not read"),
        );
        return None;
    };
    let rel_text = rel.to_string_lossy().replace('\\', "/");
    if stack.contains(&rel) {
        diags.error(
            line,
            "include-cycle",
            format!("include `{target}` ({rel_text}) includes itself through this line; not read again"),
        );
        return None;
    }
    let Some(dir) = root.0 else {
        diags.warning(
            line,
            "include-missing",
            format!(
                "include `{rel_text}` is not read: the page was read alone, not from its folder; its facts are unknown"
            ),
        );
        return None;
    };
    let path = dir.join(&rel);
    let text = match std::fs::read(&path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(_) => {
            diags.warning(
                line,
                "include-missing",
                format!(
                    "include file `{}` is missing; the facts it holds are unknown",
                    path.display()
                ),
            );
            return None;
        }
    };
    let mut inner = Diagnostics::new(rel_text.clone());
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let (_, body) = super::front_matter(text, &mut inner);
    let mut blocks = super::markdown::lower(&body, &mut inner);
    stack.push(rel.clone());
    for (l, label, t) in scan(&body) {
        if kind(&label, &t).is_some_and(|k| !matches!(k, IncludeKind::NationalClouds(_))) {
            if let Some((nested, _)) = load(root, &rel_text, &t, l, stack, &mut inner) {
                blocks.extend(nested);
            }
        }
    }
    stack.pop();
    diags.extend(inner.into_vec());
    Some((blocks, rel_text))
}

/// Resolves `.` and `..` lexically; `None` if the path climbs above its root.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn include_lines_and_their_kinds() {
        let text = "x\n[!INCLUDE [permissions-table](../includes/permissions/chat-delete-permissions.md)]\n\
                    [!INCLUDE [sample-code](../includes/snippets/csharp/x-csharp-snippets.md)]\n\
                    [!INCLUDE [national-cloud-support](../../includes/global-us.md)]\n\
                    [!INCLUDE [rbac-signin-id-apis](../includes/rbac-for-apis/rbac-signin-id-apis.md)]\n";
        let found = scan(text);
        assert_eq!(found.len(), 4);
        assert_eq!(found[0].0, 2);
        assert_eq!(found[0].2, "../includes/permissions/chat-delete-permissions.md");
        let kinds: Vec<_> = found.iter().map(|(_, l, t)| kind(l, t)).collect();
        assert_eq!(
            kinds,
            [
                Some(IncludeKind::Permissions),
                None,
                Some(IncludeKind::NationalClouds(vec![
                    Cloud::Global,
                    Cloud::UsGovL4,
                    Cloud::UsGovL5
                ])),
                Some(IncludeKind::DirectoryRoles),
            ]
        );
    }

    #[test]
    fn paths_outside_their_root_are_refused() {
        assert_eq!(
            normalize(Path::new("api/../includes/permissions/x.md")),
            Some(PathBuf::from("includes/permissions/x.md"))
        );
        assert_eq!(normalize(Path::new("api/../../x.md")), None);
    }
}
