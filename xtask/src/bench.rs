//! `cargo xtask bench`: speed, memory and size figures on the whole corpus.
//! Prints figures and asserts nothing.

use std::path::PathBuf;
use std::process::ExitCode;

/// Print speed, memory and size figures for the whole corpus (asserts nothing).
///
/// Runs from a release build unless `--dev` is given.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder of reference pages [default: ../shared/corpus/graph-docs-v1.0]
    #[arg(long, value_name = "DIR")]
    input: Option<PathBuf>,
    /// The one workload timed alone by `cargo check`
    #[arg(long, value_name = "FEATURE", default_value = "users")]
    feature: String,
    /// Measure this (dev) build rather than re-running from a release build
    #[arg(long)]
    dev: bool,
    /// Skip timing `cargo check` of the generated crate
    #[arg(long)]
    no_check: bool,
    /// OData CSDL document to merge with the pages (the full crate is measured with it)
    #[arg(long, value_name = "FILE")]
    csdl: Option<PathBuf>,
    /// Only measure the compile figures of the crate already in this folder
    #[arg(long = "crate", value_name = "DIR")]
    crate_dir: Option<PathBuf>,
    /// Also time another crate's `cargo check` in the same run, for a ratio
    /// (a folder with its own `[workspace]`, such as graph-rs-sdk unpacked
    /// from the cargo registry: see the README's "Build cost" section)
    #[arg(long, value_name = "DIR")]
    against: Option<PathBuf>,
    /// Features of the `--against` crate, built without its default ones
    /// (e.g. `rustls-tls` for graph-rs-sdk)
    #[arg(long, value_name = "FEATURES", requires = "against")]
    against_features: Option<String>,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    use std::time::Instant;
    let root = crate::workspace::root;
    let input = args
        .input
        .clone()
        .unwrap_or_else(|| root().join("../shared/corpus/graph-docs-v1.0"));
    let feature = args.feature.clone();
    let against = args.against.as_ref().map(|dir| crate::bench_crate::Against {
        dir: dir.clone(),
        features: args.against_features.clone(),
    });
    let out = root().join("target/bench-crate");
    if out.exists() && !out.join(generator::output::OWNED_LIST).exists() {
        // The bench's own scratch crate under target/, from before regeneration kept a list of its files.
        std::fs::remove_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    if cfg!(debug_assertions) && !args.dev {
        return rerun_from_release();
    }
    if let Some(dir) = &args.crate_dir {
        crate::bench_crate::compile_figures(dir, &root().join("target/bench-crate-target"), &feature, &against)?;
        return Ok(ExitCode::SUCCESS);
    }

    let progress = crate::progress::spinner(format!("bench: regenerating from {}", input.display()));
    // (b) full regeneration, first, so the peak memory is regeneration's own.
    let start = Instant::now();
    let settings = generator::regen::Settings::new(&input, &out)
        .with_csdl(args.csdl.clone())
        .with_standalone(generator::regen::runtime_dir());
    let report = generator::regen::regen(&settings).map_err(|e| e.to_string())?;
    let regen_first = start.elapsed().as_secs_f64();
    let peak = generator::bench::peak_memory_kib();
    let stages = time_stages(&input, &settings, &progress)?;
    progress.finish_and_clear();
    print_regen_figures(&report, regen_first, peak, &stages);

    if args.no_check {
        return Ok(ExitCode::SUCCESS);
    }
    // (c) the generated crate's compile figures against its yardstick.
    crate::bench_crate::compile_figures(&out, &root().join("target/bench-crate-target"), &feature, &against)?;
    Ok(ExitCode::SUCCESS)
}

/// Figures are for optimised code: runs this command again from a release
/// build, with the same arguments.
fn rerun_from_release() -> Result<ExitCode, String> {
    eprintln!("note: re-running the bench from a release build (`--dev` measures this build instead)");
    let status = std::process::Command::new(env!("CARGO"))
        .args(["run", "--release", "--package", "xtask", "--", "bench"])
        .args(std::env::args().skip_while(|a| a != "bench").skip(1))
        .current_dir(crate::workspace::root())
        .status()
        .map_err(|e| e.to_string())?;
    Ok(status.code().map_or(ExitCode::FAILURE, |c| ExitCode::from(c as u8)))
}

/// The best of three runs of each stage, in seconds, and what the schema holds.
struct Stages {
    bare: f64,
    read: f64,
    regen_again: f64,
    resolve: f64,
    emit: f64,
    models: usize,
    enums: usize,
    routes: usize,
}

/// (a) reading alone against a bare pulldown-cmark pass over the same
/// files, a regeneration with nothing changed, and resolve and emit alone.
fn time_stages(
    input: &std::path::Path,
    settings: &generator::regen::Settings,
    progress: &indicatif::ProgressBar,
) -> Result<Stages, String> {
    use std::time::Instant;
    let err = |e: &dyn std::fmt::Display| e.to_string();
    let files: Vec<_> = generator::read::page_files(input)
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
    progress.set_message("bench: timing a bare markdown pass, reading and regeneration (3 runs each)");
    let bare = best(&|| {
        generator::bench::bare_markdown_pass(&files)
            .map(|_| ())
            .map_err(|e| err(&e))
    })?;
    let read = best(&|| generator::read::read_folder(input).map(|_| ()).map_err(|e| err(&e)))?;
    let regen_again = best(&|| generator::regen::regen(settings).map(|_| ()).map_err(|e| err(&e)))?;
    // The stages of regeneration, each alone.
    let csdl = settings.csdl_path().map_err(|e| err(&e))?;
    let csdl = csdl
        .as_deref()
        .map(generator::regen::read_csdl)
        .transpose()
        .map_err(|e| err(&e))?
        .map(|(c, _)| c);
    let pages: Vec<_> = generator::read::read_folder(input)
        .map_err(|e| err(&e))?
        .into_iter()
        .map(|r| r.page)
        .collect();
    progress.set_message("bench: timing resolve and emit");
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
    Ok(Stages {
        bare,
        read,
        regen_again,
        resolve,
        emit,
        models: resolved.schema.models.len(),
        enums: resolved.schema.enums.len(),
        routes: resolved.schema.operations.len(),
    })
}

/// Prints the figures of reading and regeneration.
fn print_regen_figures(report: &generator::regen::Report, regen_first: f64, peak: Option<u64>, s: &Stages) {
    let profile = if cfg!(debug_assertions) {
        "dev (as `cargo xtask regen` runs)"
    } else {
        "release (optimised)"
    };
    println!("profile:                    {profile}");
    println!("pages:                      {}", report.pages);
    println!("bare pulldown-cmark pass:   {:.3} s", s.bare);
    println!(
        "reading (all formats):      {:.3} s  ({:.2}x the bare pass)",
        s.read,
        s.read / s.bare
    );
    println!("full regen, first run:      {regen_first:.3} s");
    println!(
        "full regen, nothing changed:{:.3} s  ({:.2}x the bare pass)",
        s.regen_again,
        s.regen_again / s.bare
    );
    println!(
        "  stages: read {:.3} s, resolve {:.3} s, emit {:.3} s, the rest {:.3} s",
        s.read,
        s.resolve,
        s.emit,
        s.regen_again - s.read - s.resolve - s.emit
    );
    match peak {
        Some(kib) => println!("peak memory (regen):        {:.1} MiB", kib as f64 / 1024.0),
        None => println!("peak memory (regen):        unknown on this system"),
    }
    println!(
        "generated:                  {} files, {} lines",
        report.files, report.lines
    );
    println!("types:                      {} models, {} enums", s.models, s.enums);
    println!("routes:                     {}", s.routes);
}
