//! The compile figures of `cargo xtask bench`: the generated crate beside its
//! declarations-only yardstick (`generator::bench::yardstick_crate`), built
//! in the same run so each figure is also a ratio that survives a noisy
//! machine. Per crate: `cargo check` after a touch of its root (incremental,
//! lower of two runs) and, for a crate whose models are a crate of their own
//! (`models/`), after a touch of the models' root (which rechecks both);
//! non-incremental (`CARGO_INCREMENTAL=0`, every generated crate's root
//! touched: as a first build of the crate as a dependency), the peak memory of the build (`/usr/bin/time`),
//! source and macro-expanded lines (`cargo +nightly rustc -Zunpretty`); and
//! one workload feature alone. Prints figures, asserts nothing.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// One timed build: seconds and peak resident memory of the process tree.
struct Run {
    seconds: f64,
    peak_kib: Option<u64>,
}

/// The figures of one crate.
struct Figures {
    source: usize,
    expanded: Option<usize>,
    incremental: Run,
    /// After touching the models crate's root, when there is one.
    models_touched: Option<Run>,
    non_incremental: Run,
}

/// The root of a crate's own code, touched for "after a touch".
const ROOT: &[&str] = &["src/lib.rs"];
/// The root of the models crate (`msgraph-typed-models`), when there is one.
const MODELS_ROOT: &str = "models/src/lib.rs";
/// The roots of every generated crate: a change to all of them.
const EVERY_ROOT: &[&str] = &["src/lib.rs", MODELS_ROOT];
/// The folders of Rust source counted, where they exist: the crate's, the
/// models crate's and the support crate's.
const SOURCE_DIRS: &[&str] = &["src", "models/src", "support"];

/// Another crate timed in the same run (`--against`), for a ratio to it.
pub struct Against {
    pub dir: PathBuf,
    /// Its features, built without its default ones; `None`: its defaults.
    pub features: Option<String>,
}

/// Measures the crate at `out` and its yardstick, then `feature` alone, and
/// the `against` crate if given, and prints the table. Build output goes
/// under `target`.
pub fn compile_figures(out: &Path, target: &Path, feature: &str, against: &Option<Against>) -> Result<(), String> {
    let yardstick = target.join("yardstick-crate");
    if yardstick.exists() {
        std::fs::remove_dir_all(&yardstick).map_err(|e| e.to_string())?;
    }
    generator::bench::yardstick_crate(out, &yardstick).map_err(|e| format!("yardstick: {e}"))?;
    let all = ["--features", "full"];
    let generated = figures(out, target, &all)?;
    let declared = figures(&yardstick, target, &all)?;
    let one = ["--no-default-features", "--features", feature];
    check(out, target, &one, true, ROOT)?;
    let users = best(out, target, &one)?;
    let other = match against {
        Some(a) => {
            let features: Vec<&str> = match &a.features {
                Some(f) => vec!["--no-default-features", "--features", f.as_str()],
                None => Vec::new(),
            };
            let other_target = target.join("against");
            check(&a.dir, &other_target, &features, true, ROOT)?;
            let incremental = best(&a.dir, &other_target, &features)?;
            let non_incremental = check(&a.dir, &other_target, &features, false, EVERY_ROOT)?;
            Some((a, incremental, non_incremental))
        }
        None => None,
    };

    print_against_yardstick(&generated, &declared, feature, &users);
    if let Some((a, incremental, non_incremental)) = &other {
        print_against_other(&generated, a, incremental, non_incremental);
    }
    Ok(())
}

fn figures(dir: &Path, target: &Path, features: &[&str]) -> Result<Figures, String> {
    // Dependencies and the crate itself first, untimed.
    check(dir, target, features, true, ROOT)?;
    let incremental = best(dir, target, features)?;
    let models_touched = if dir.join(MODELS_ROOT).is_file() {
        let a = check(dir, target, features, true, &[MODELS_ROOT])?;
        let b = check(dir, target, features, true, &[MODELS_ROOT])?;
        Some(if a.seconds <= b.seconds { a } else { b })
    } else {
        None
    };
    let non_incremental = check(dir, target, features, false, EVERY_ROOT)?;
    let mut source = 0;
    for folder in SOURCE_DIRS.iter().map(|d| dir.join(d)).filter(|d| d.is_dir()) {
        source += generator::bench::rust_lines(&folder).map_err(|e| e.to_string())?;
    }
    Ok(Figures {
        source,
        expanded: expanded_lines(dir, target, features)?,
        incremental,
        models_touched,
        non_incremental,
    })
}

/// The lower of two incremental checks after a touch.
fn best(dir: &Path, target: &Path, features: &[&str]) -> Result<Run, String> {
    let a = check(dir, target, features, true, ROOT)?;
    let b = check(dir, target, features, true, ROOT)?;
    Ok(if a.seconds <= b.seconds { a } else { b })
}

/// Touches the files of `touch` that exist (crate roots, relative to `dir`)
/// and runs `cargo check`, timed, under `/usr/bin/time` for the peak memory
/// (of the largest process: one rustc) when it is there.
fn check(dir: &Path, target: &Path, features: &[&str], incremental: bool, touch: &[&str]) -> Result<Run, String> {
    for lib in touch.iter().map(|t| dir.join(t)).filter(|l| l.is_file()) {
        let contents = std::fs::read(&lib).map_err(|e| e.to_string())?;
        std::fs::write(&lib, contents).map_err(|e| e.to_string())?;
    }
    let time = Path::new("/usr/bin/time");
    // `time -o` opens its file before cargo makes the folder.
    std::fs::create_dir_all(target).map_err(|e| format!("{}: {e}", target.display()))?;
    let peak_file = target.join("bench-peak.txt");
    let mut command = if time.exists() {
        let mut c = Command::new(time);
        c.arg("-f").arg("%M").arg("-o").arg(&peak_file).arg(env!("CARGO"));
        c
    } else {
        Command::new(env!("CARGO"))
    };
    command
        .args(["check", "--quiet"])
        .args(features)
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", if incremental { "1" } else { "0" });
    let start = Instant::now();
    let status = command.status().map_err(|e| e.to_string())?;
    let seconds = start.elapsed().as_secs_f64();
    if !status.success() {
        return Err(format!("cargo check {features:?} of {} failed", dir.display()));
    }
    let peak_kib = time
        .exists()
        .then(|| std::fs::read_to_string(&peak_file).ok())
        .flatten()
        .and_then(|t| t.trim().parse().ok());
    Ok(Run { seconds, peak_kib })
}

/// Lines of the crate after macro expansion, from nightly rustc; `None`
/// (with a note) when no nightly toolchain is installed.
fn expanded_lines(dir: &Path, target: &Path, features: &[&str]) -> Result<Option<usize>, String> {
    let output = Command::new("cargo")
        .args(["+nightly", "rustc", "--quiet", "--lib", "--profile", "check"])
        .args(features)
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .args(["--", "-Zunpretty=expanded"])
        .env("CARGO_TARGET_DIR", target.join("nightly"))
        .env_remove("RUSTUP_TOOLCHAIN")
        .env_remove("RUSTC")
        .output();
    match output {
        Ok(o) if o.status.success() => Ok(Some(o.stdout.iter().filter(|&&b| b == b'\n').count())),
        Ok(o) => {
            eprintln!(
                "note: no expanded line count ({})",
                String::from_utf8_lossy(&o.stderr)
                    .lines()
                    .next()
                    .unwrap_or("nightly rustc failed")
            );
            Ok(None)
        }
        Err(e) => {
            eprintln!("note: no expanded line count ({e})");
            Ok(None)
        }
    }
}

/// `a / b` as a ratio (`1.50x`).
fn ratio(a: f64, b: f64) -> String {
    if b > 0.0 {
        format!("{:.2}x", a / b)
    } else {
        "-".into()
    }
}

/// A run's peak memory in MiB.
fn mib(r: &Run) -> String {
    r.peak_kib
        .map_or("unknown".into(), |k| format!("{:.0} MiB", k as f64 / 1024.0))
}

/// The table of the generated crate against its yardstick, and the one
/// workload alone.
fn print_against_yardstick(generated: &Figures, declared: &Figures, feature: &str, users: &Run) {
    let lines = |n: Option<usize>| n.map_or("no nightly".into(), |n| n.to_string());
    println!();
    println!("generated crate against its yardstick (declarations alone), all features:");
    println!("{:<34} {:>14} {:>14} {:>8}", "", "generated", "yardstick", "ratio");
    println!(
        "{:<34} {:>14} {:>14} {:>8}",
        "source lines",
        generated.source,
        declared.source,
        ratio(generated.source as f64, declared.source as f64)
    );
    println!(
        "{:<34} {:>14} {:>14} {:>8}",
        "lines after macro expansion",
        lines(generated.expanded),
        lines(declared.expanded),
        match (generated.expanded, declared.expanded) {
            (Some(g), Some(d)) => ratio(g as f64, d as f64),
            _ => "-".into(),
        }
    );
    println!(
        "{:<34} {:>12.1} s {:>12.1} s {:>8}",
        "cargo check after a touch",
        generated.incremental.seconds,
        declared.incremental.seconds,
        ratio(generated.incremental.seconds, declared.incremental.seconds)
    );
    if let (Some(g), Some(d)) = (&generated.models_touched, &declared.models_touched) {
        println!(
            "{:<34} {:>12.1} s {:>12.1} s {:>8}",
            "cargo check after touching models",
            g.seconds,
            d.seconds,
            ratio(g.seconds, d.seconds)
        );
    }
    println!(
        "{:<34} {:>12.1} s {:>12.1} s {:>8}",
        "cargo check, non-incremental",
        generated.non_incremental.seconds,
        declared.non_incremental.seconds,
        ratio(generated.non_incremental.seconds, declared.non_incremental.seconds)
    );
    println!(
        "{:<34} {:>14} {:>14}",
        "peak memory, after a touch",
        mib(&generated.incremental),
        mib(&declared.incremental)
    );
    if let (Some(g), Some(d)) = (&generated.models_touched, &declared.models_touched) {
        println!(
            "{:<34} {:>14} {:>14}",
            "peak memory, after touching models",
            mib(g),
            mib(d)
        );
    }
    println!(
        "{:<34} {:>14} {:>14}",
        "peak memory, non-incremental",
        mib(&generated.non_incremental),
        mib(&declared.non_incremental)
    );
    if let Some(expanded) = generated.expanded {
        println!(
            "expansion of the generated crate: {:.2}x its source",
            expanded as f64 / generated.source as f64
        );
    }
    println!(
        "`{feature}` alone, cargo check after a touch: {:.1} s ({})",
        users.seconds,
        mib(users)
    );
}

/// The table of the generated crate against another crate timed in the same run.
fn print_against_other(generated: &Figures, a: &Against, incremental: &Run, non_incremental: &Run) {
    println!();
    println!("generated crate against {} (same run):", a.dir.display());
    println!("{:<34} {:>14} {:>14} {:>8}", "", "generated", "other", "ratio");
    println!(
        "{:<34} {:>12.1} s {:>12.1} s {:>8}",
        "cargo check after a touch",
        generated.incremental.seconds,
        incremental.seconds,
        ratio(generated.incremental.seconds, incremental.seconds)
    );
    if let Some(g) = &generated.models_touched {
        println!(
            "{:<34} {:>12.1} s {:>12.1} s {:>8}",
            "... after touching models",
            g.seconds,
            incremental.seconds,
            ratio(g.seconds, incremental.seconds)
        );
    }
    println!(
        "{:<34} {:>12.1} s {:>12.1} s {:>8}",
        "cargo check, non-incremental",
        generated.non_incremental.seconds,
        non_incremental.seconds,
        ratio(generated.non_incremental.seconds, non_incremental.seconds)
    );
    println!(
        "{:<34} {:>14} {:>14}",
        "peak memory, after a touch",
        mib(&generated.incremental),
        mib(incremental)
    );
    println!(
        "{:<34} {:>14} {:>14}",
        "peak memory, non-incremental",
        mib(&generated.non_incremental),
        mib(non_incremental)
    );
}
