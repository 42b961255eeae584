//! `cargo xtask diff`: the API changes between two versions of the input, as
//! Markdown for a pull request (or JSON), breaking changes marked.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

/// Print the API changes between two versions of the input (Markdown, or JSON with --json).
///
/// The base is a git ref of this repository (its copy of the head folder is
/// read at that ref) or a folder of pages.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The version to compare against: a git ref (`main`, `HEAD~3`, a commit) or a folder of pages
    #[arg(long, value_name = "REF|DIR")]
    base: String,
    /// The changed version: a folder of pages [default: docs-input/]
    #[arg(long, value_name = "DIR")]
    head: Option<PathBuf>,
    /// OData CSDL document merged with the head (and with the base unless --base-csdl is given)
    #[arg(long, value_name = "FILE")]
    csdl: Option<PathBuf>,
    /// OData CSDL document merged with the base
    #[arg(long, value_name = "FILE")]
    base_csdl: Option<PathBuf>,
    /// Print the changes as JSON rather than Markdown
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let root = crate::workspace::root();
    let head = args.head.unwrap_or_else(|| root.join("docs-input"));
    let start = Instant::now();
    let mut extracted = None;
    let base = if Path::new(&args.base).is_dir() {
        PathBuf::from(&args.base)
    } else {
        let (dir, path) = extract_at_ref(&root, &args.base, &head)?;
        extracted = Some(dir);
        path
    };
    let base_csdl = args.base_csdl.or_else(|| args.csdl.clone());
    let err = |side: &'static str| move |e: generator::regen::RegenError| format!("{side}: {e}");
    let base_side = generator::diff::read_side(&base, base_csdl).map_err(err("base"))?;
    let head_side = generator::diff::read_side(&head, args.csdl).map_err(err("head"))?;
    let mut report = generator::diff::diff_sides(&base_side, &head_side);
    // Pages named as they open: the base's as `ref:folder/page` (what `git
    // show` takes) or from the working directory, the head's from there.
    let cwd = std::env::current_dir().ok();
    let in_repo = |p: &Path| -> Option<String> {
        let relative = p
            .canonicalize()
            .ok()?
            .strip_prefix(root.canonicalize().ok()?)
            .ok()?
            .to_path_buf();
        Some(relative.to_string_lossy().replace('\\', "/"))
    };
    let at_ref = extracted.as_ref().and(in_repo(&head));
    for entry in &mut report.changes {
        if let Some(at) = &mut entry.base {
            at.file = match &at_ref {
                Some(folder) => format!("{}:{folder}/{}", args.base, at.file),
                None => generator::listing::openable(&base, &at.file, cwd.as_deref()),
            };
        }
        if let Some(at) = &mut entry.head {
            at.file = generator::listing::openable(&head, &at.file, cwd.as_deref());
        }
    }
    let (base_pages, head_pages) = (base_side.pages.len(), head_side.pages.len());
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?);
    } else {
        print!("{}", generator::diff::markdown::render(&report));
    }
    eprintln!(
        "compared {base_pages} base pages with {head_pages} head pages: {}, {} breaking ({:.1} s)",
        generator::listing::plural(report.changes.len(), "change"),
        report.breaking,
        start.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// A scratch folder under the workspace's `target/`, removed when dropped.
#[derive(Debug)]
struct Scratch(PathBuf);

impl Scratch {
    fn new(root: &Path) -> Result<Scratch, String> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = root
            .join("target")
            .join(format!("xtask-diff-base-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Writes the repository's copy of `folder` at `git_ref` into a scratch
/// folder (`git archive`, unpacked by the system's `tar`, as git's own docs
/// do): the folder itself, and the path of the copy.
fn extract_at_ref(root: &Path, git_ref: &str, folder: &Path) -> Result<(Scratch, PathBuf), String> {
    let canonical = |p: &Path| p.canonicalize().map_err(|e| format!("{}: {e}", p.display()));
    let root = canonical(root)?;
    let folder = canonical(folder)?;
    let relative = folder.strip_prefix(&root).map_err(|_| {
        format!(
            "`{git_ref}` is not a folder, and as a git ref it needs a head folder inside the repository ({} is not)",
            folder.display()
        )
    })?;
    let relative = relative.to_string_lossy().replace('\\', "/");
    let output = Command::new("git")
        .arg("-C")
        .arg(&root)
        .args(["archive", "--format=tar", git_ref, "--", &relative])
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "`{git_ref}` is neither a folder nor a git ref holding `{relative}`: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let dir = Scratch::new(&root)?;
    let mut tar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(&dir.0)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run tar: {e}"))?;
    let written = tar
        .stdin
        .take()
        .map(|mut stdin| std::io::Write::write_all(&mut stdin, &output.stdout));
    let status = tar.wait().map_err(|e| format!("tar: {e}"))?;
    if !status.success() || !matches!(written, Some(Ok(()))) {
        return Err(format!("cannot unpack `{relative}` at `{git_ref}` (tar: {status})"));
    }
    let path = dir.0.join(&relative);
    Ok((dir, path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_git_ref_gives_the_folder_as_committed() {
        let root = crate::workspace::root();
        let (_dir, path) = extract_at_ref(&root, "HEAD", &root.join("docs-input")).unwrap();
        let listed = Command::new("git")
            .arg("-C")
            .arg(&root)
            .args(["ls-tree", "--name-only", "HEAD", "docs-input/"])
            .output()
            .unwrap();
        let committed: Vec<String> = String::from_utf8(listed.stdout)
            .unwrap()
            .lines()
            .map(|l| l.trim_start_matches("docs-input/").to_string())
            .collect();
        let mut extracted: Vec<String> = std::fs::read_dir(&path)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        extracted.sort();
        assert!(!committed.is_empty());
        assert_eq!(extracted, committed);
    }

    #[test]
    fn an_unknown_ref_is_named_in_the_error() {
        let root = crate::workspace::root();
        let err = extract_at_ref(&root, "no-such-ref-anywhere", &root.join("docs-input")).unwrap_err();
        assert!(
            err.contains("`no-such-ref-anywhere` is neither a folder nor a git ref"),
            "{err}"
        );
    }
}
