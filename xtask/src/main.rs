//! `cargo xtask`: thin front end over the `generator` library.
//!
//! Commands:
//!   schema <file-or-folder>...   print the facts read from pages as JSON
//!   regen [--check] [--input D] [--csdl F] [--out D]
//!                                 regenerate generated/ from docs-input/
//!   report [--input D] [--csdl F] coverage and drift of pages against CSDL
//!   bench [--input D] [--feature F] [--dev] [--no-check]
//!                                 print speed, memory and size figures for
//!                                 the whole corpus (asserts nothing), from a
//!                                 release build unless `--dev` is given;
//!                                 `--no-check` skips timing `cargo check`
//!   permissions [--input D] [--format json] [FILE]
//!                                 the scopes to ask for to make the request
//!                                 lines of FILE (or stdin)

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprintln!("usage: cargo xtask <schema|regen|report> ...");
        return ExitCode::from(2);
    };
    let result = match command.as_str() {
        "schema" => schema(rest),
        "regen" => regen(rest),
        "report" => report(rest),
        "bench" => bench(rest),
        "permissions" => permissions(rest),
        other => Err(format!("unknown command `{other}`")),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// `permissions`: request lines to routes, and the scopes they need.
fn permissions(args: &[String]) -> Result<ExitCode, String> {
    let input = option(args, "--input").unwrap_or_else(|| root().join("docs-input"));
    let json = option(args, "--format").is_some_and(|f| f.as_os_str() == "json");
    let mut skip = false;
    let file = args.iter().find(|a| {
        let value = skip;
        skip = a.starts_with("--");
        !value && !a.starts_with("--")
    });
    let lines = match file {
        Some(f) => std::fs::read_to_string(f).map_err(|e| format!("{f}: {e}"))?,
        None => std::io::read_to_string(std::io::stdin()).map_err(|e| e.to_string())?,
    };
    let reads = generator::read::read_folder(&input).map_err(|e| format!("{}: {e}", input.display()))?;
    let pages: Vec<_> = reads.into_iter().map(|r| r.page).collect();
    let table = generator::plan::RouteTable::new(&pages);
    let report = generator::plan::plan(&table, &lines);
    if json {
        let text = serde_json::to_string_pretty(&report.json(&table)).map_err(|e| e.to_string())?;
        println!("{text}");
    } else {
        print!("{}", report.human(&table));
    }
    Ok(if report.has_unmatched() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The repository root (xtask lives one level below it).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask has a parent")
        .to_path_buf()
}

fn schema(paths: &[String]) -> Result<ExitCode, String> {
    let paths: Vec<PathBuf> = if paths.is_empty() {
        vec![root().join("docs-input")]
    } else {
        paths.iter().map(PathBuf::from).collect()
    };
    let mut pages = Vec::new();
    let mut diagnostics = Vec::new();
    for path in &paths {
        let reads = if path.is_dir() {
            generator::read::read_folder(path).map_err(|e| format!("{}: {e}", path.display()))?
        } else {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            vec![generator::read::read_page(&name, &text)]
        };
        for read in reads {
            pages.push(read.page);
            diagnostics.extend(read.diagnostics);
        }
    }
    for d in &diagnostics {
        eprintln!("{d}");
    }
    let out = serde_json::json!({ "pages": pages, "diagnostics": diagnostics });
    println!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
    Ok(ExitCode::SUCCESS)
}

/// Reads a `--name value` option.
fn option(args: &[String], name: &str) -> Option<PathBuf> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
}

fn regen(args: &[String]) -> Result<ExitCode, String> {
    let check = args.iter().any(|a| a == "--check");
    let verbose = args.iter().any(|a| a == "--verbose");
    let input = option(args, "--input").unwrap_or_else(|| root().join("docs-input"));
    let out = option(args, "--out").unwrap_or_else(|| root().join("generated"));
    let mut settings = generator::regen::Settings::new(input, out.clone())
        .with_check(check)
        .with_csdl(option(args, "--csdl"));
    if out != root().join("generated") {
        // A crate of its own: bring the hand-written lib.rs and support code along.
        settings = settings.with_standalone(root().join("generated/src"));
    }
    let report = generator::regen::regen(&settings).map_err(|e| e.to_string())?;
    let mut by_code = std::collections::BTreeMap::new();
    for d in &report.diagnostics {
        *by_code.entry((d.severity, d.code.as_str())).or_insert(0) += 1;
        if verbose || d.severity == generator::diagnostic::Severity::Error || report.pages <= 50 {
            eprintln!("{d}");
        }
    }
    for ((severity, code), n) in &by_code {
        eprintln!("  {n:>6} {severity:?} {code}");
    }
    if let Some(csdl) = &report.csdl {
        eprintln!("merged with {}", csdl.display());
    }
    eprintln!(
        "{} pages, {} files ({} lines): {} written, {} deleted, {} unchanged",
        report.pages,
        report.files,
        report.lines,
        if check { 0 } else { report.written.len() },
        if check { 0 } else { report.deleted.len() },
        report.unchanged
    );
    if check {
        let stale: Vec<&String> = report.stale().collect();
        if !stale.is_empty() {
            for f in &stale {
                eprintln!("stale: {f}");
            }
            eprintln!("generated/ is out of date: run `cargo xtask regen`");
            return Ok(ExitCode::FAILURE);
        }
    }
    if report.errors() > 0 {
        eprintln!("{} errors", report.errors());
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn report(args: &[String]) -> Result<ExitCode, String> {
    let input = option(args, "--input").unwrap_or_else(|| root().join("docs-input"));
    let settings = generator::regen::Settings::new(&input, root().join("generated")).with_csdl(option(args, "--csdl"));
    let csdl = settings
        .csdl_path()
        .map_err(|e| e.to_string())?
        .ok_or("no CSDL: pass --csdl F or name one in generator.json")?;
    let (csdl, _) = generator::regen::read_csdl(&csdl).map_err(|e| e.to_string())?;
    let reads = generator::read::read_folder(&input).map_err(|e| format!("{}: {e}", input.display()))?;
    let pages: Vec<_> = reads.into_iter().map(|r| r.page).collect();
    print!("{}", generator::merge::report::report(&pages, &csdl));
    Ok(ExitCode::SUCCESS)
}

fn bench(args: &[String]) -> Result<ExitCode, String> {
    use std::time::Instant;
    let input = option(args, "--input").unwrap_or_else(|| root().join("../shared/corpus/graph-docs-v1.0"));
    let feature = args
        .iter()
        .position(|a| a == "--feature")
        .and_then(|i| args.get(i + 1))
        .cloned()
        .unwrap_or_else(|| "users".into());
    let out = root().join("target/bench-crate");
    let err = |e: &dyn std::fmt::Display| e.to_string();
    if cfg!(debug_assertions) && !args.iter().any(|a| a == "--dev") {
        // Figures are for optimised code: run this command again from a release build.
        eprintln!("note: re-running the bench from a release build (`--dev` measures this build instead)");
        let status = std::process::Command::new(env!("CARGO"))
            .args(["run", "--quiet", "--release", "--package", "xtask", "--", "bench"])
            .args(args)
            .current_dir(root())
            .status()
            .map_err(|e| err(&e))?;
        return Ok(status.code().map_or(ExitCode::FAILURE, |c| ExitCode::from(c as u8)));
    }
    let profile = if cfg!(debug_assertions) {
        "dev (as `cargo xtask regen` runs)"
    } else {
        "release (optimised)"
    };

    // (b) full regeneration, first, so the peak memory is regeneration's own.
    let start = Instant::now();
    let settings = generator::regen::Settings::new(&input, &out).with_standalone(root().join("generated/src"));
    let report = generator::regen::regen(&settings).map_err(|e| err(&e))?;
    let regen_time = start.elapsed();
    let peak = generator::bench::peak_memory_kib();

    // (a) reading alone against a bare pulldown-cmark pass over the same files.
    let files: Vec<_> = generator::read::page_files(&input)
        .map_err(|e| err(&e))?
        .into_iter()
        .map(|(_, path)| path)
        .collect();
    let best = |f: &dyn Fn() -> Result<(), String>| -> Result<f64, String> {
        let mut times = Vec::new();
        for _ in 0..3 {
            let t = Instant::now();
            f()?;
            times.push(t.elapsed().as_secs_f64());
        }
        Ok(times.into_iter().fold(f64::INFINITY, f64::min))
    };
    let bare = best(&|| {
        generator::bench::bare_markdown_pass(&files)
            .map(|_| ())
            .map_err(|e| err(&e))
    })?;
    let read = best(&|| generator::read::read_folder(&input).map(|_| ()).map_err(|e| err(&e)))?;
    let regen_again = best(&|| generator::regen::regen(&settings).map(|_| ()).map_err(|e| err(&e)))?;
    // The stages of regeneration, each alone.
    let csdl = settings.csdl_path().map_err(|e| err(&e))?;
    let csdl = csdl
        .as_deref()
        .map(generator::regen::read_csdl)
        .transpose()
        .map_err(|e| err(&e))?
        .map(|(c, _)| c);
    let pages: Vec<_> = generator::read::read_folder(&input)
        .map_err(|e| err(&e))?
        .into_iter()
        .map(|r| r.page)
        .collect();
    let resolve = best(&|| {
        generator::resolve::resolve(&pages, csdl.as_ref());
        Ok(())
    })?;
    let resolved = generator::resolve::resolve(&pages, csdl.as_ref());
    drop(pages);
    let emit = best(&|| {
        generator::emit::emit(&resolved.schema, generator::emit::Layout::Standalone)
            .map(|_| ())
            .map_err(|e| err(&e))
    })?;

    let text = |p: &str| std::fs::read_to_string(out.join(p)).unwrap_or_default();
    let models = text("src/generated/models.rs");
    let enums = text("src/generated/enums.rs");
    let routes_dir = out.join("src/generated/routes");
    let mut routes = 0;
    for entry in std::fs::read_dir(&routes_dir).map_err(|e| err(&e))? {
        let t = std::fs::read_to_string(entry.map_err(|e| err(&e))?.path()).unwrap_or_default();
        routes += t.matches("impl crate::support::Route for").count();
    }
    println!("profile:                    {profile}");
    println!("pages:                      {}", report.pages);
    println!("bare pulldown-cmark pass:   {:.3} s", bare);
    println!(
        "reading (all formats):      {:.3} s  ({:.2}x the bare pass)",
        read,
        read / bare
    );
    println!("full regen, first run:      {:.3} s", regen_time.as_secs_f64());
    println!(
        "full regen, nothing changed:{:.3} s  ({:.2}x the bare pass)",
        regen_again,
        regen_again / bare
    );
    println!(
        "  stages: read {read:.3} s, resolve {resolve:.3} s, emit {emit:.3} s, the rest {:.3} s",
        regen_again - read - resolve - emit
    );
    match peak {
        Some(kib) => println!("peak memory (regen):        {:.1} MiB", kib as f64 / 1024.0),
        None => println!("peak memory (regen):        unknown on this system"),
    }
    println!(
        "generated:                  {} files, {} lines",
        report.files, report.lines
    );
    println!(
        "types:                      {} models, {} enums",
        models.matches("pub struct ").count(),
        enums.matches("pub enum ").count()
    );
    println!("routes:                     {routes}");

    if args.iter().any(|a| a == "--no-check") {
        return Ok(ExitCode::SUCCESS);
    }
    // (c) cargo check of the generated crate: dependencies first (untimed).
    let target = root().join("target/bench-crate-target");
    let check = |extra: &[&str]| -> Result<f64, String> {
        let lib = out.join("src/lib.rs");
        let contents = std::fs::read(&lib).map_err(|e| err(&e))?;
        std::fs::write(&lib, contents).map_err(|e| err(&e))?;
        let t = Instant::now();
        let status = std::process::Command::new(env!("CARGO"))
            .arg("check")
            .arg("--quiet")
            .args(extra)
            .arg("--manifest-path")
            .arg(out.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", &target)
            .status()
            .map_err(|e| err(&e))?;
        if !status.success() {
            return Err(format!("cargo check {extra:?} of the generated crate failed"));
        }
        Ok(t.elapsed().as_secs_f64())
    };
    // Dependencies first (untimed); then each configuration twice: the first
    // check builds the crate from nothing, the second after an edit reuses
    // incremental state, as when working on code that uses the crate.
    check(&["--no-default-features"])?;
    let all = [check(&["--all-features"])?, check(&["--all-features"])?];
    let one_args = ["--no-default-features", "--features", feature.as_str()];
    let one = [check(&one_args)?, check(&one_args)?];
    println!(
        "cargo check, all features:  {:.1} s first, {:.1} s after an edit",
        all[0], all[1]
    );
    println!(
        "cargo check, `{feature}` only: {:.1} s first, {:.1} s after an edit",
        one[0], one[1]
    );
    Ok(ExitCode::SUCCESS)
}
