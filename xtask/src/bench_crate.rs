//! The compile figures of `cargo xtask bench`: the generated crate beside its
//! declarations-only yardstick (`generator::bench::yardstick_crate`), built
//! in the same run so each figure is also a ratio that survives a noisy
//! machine. Per crate: `cargo check` after a touch (incremental, lower of two
//! runs), non-incremental (`CARGO_INCREMENTAL=0`, as a first build of the
//! crate as a dependency), the peak memory of the build (`/usr/bin/time`),
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
    non_incremental: Run,
}

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
    check(out, target, &one, true)?;
    let users = best(out, target, &one)?;
    let other = match against {
        Some(a) => {
            let features: Vec<&str> = match &a.features {
                Some(f) => vec!["--no-default-features", "--features", f.as_str()],
                None => Vec::new(),
            };
            let other_target = target.join("against");
            check(&a.dir, &other_target, &features, true)?;
            let incremental = best(&a.dir, &other_target, &features)?;
            let non_incremental = check(&a.dir, &other_target, &features, false)?;
            Some((a, incremental, non_incremental))
        }
        None => None,
    };

    let ratio = |a: f64, b: f64| if b > 0.0 { format!("{:.2}x", a / b) } else { "-".into() };
    let mib = |r: &Run| {
        r.peak_kib
            .map_or("unknown".into(), |k| format!("{:.0} MiB", k as f64 / 1024.0))
    };
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
        mib(&users)
    );
    if let Some((a, incremental, non_incremental)) = other {
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
            mib(&incremental)
        );
        println!(
            "{:<34} {:>14} {:>14}",
            "peak memory, non-incremental",
            mib(&generated.non_incremental),
            mib(&non_incremental)
        );
    }
    Ok(())
}

fn figures(dir: &Path, target: &Path, features: &[&str]) -> Result<Figures, String> {
    // Dependencies and the crate itself first, untimed.
    check(dir, target, features, true)?;
    let incremental = best(dir, target, features)?;
    let non_incremental = check(dir, target, features, false)?;
    Ok(Figures {
        source: generator::bench::rust_lines(&dir.join("src")).map_err(|e| e.to_string())?,
        expanded: expanded_lines(dir, target, features)?,
        incremental,
        non_incremental,
    })
}

/// The lower of two incremental checks after a touch.
fn best(dir: &Path, target: &Path, features: &[&str]) -> Result<Run, String> {
    let a = check(dir, target, features, true)?;
    let b = check(dir, target, features, true)?;
    Ok(if a.seconds <= b.seconds { a } else { b })
}

/// Touches `src/lib.rs` and runs `cargo check`, timed, under `/usr/bin/time`
/// for the peak memory when it is there.
fn check(dir: &Path, target: &Path, features: &[&str], incremental: bool) -> Result<Run, String> {
    let lib = dir.join("src/lib.rs");
    let contents = std::fs::read(&lib).map_err(|e| e.to_string())?;
    std::fs::write(&lib, contents).map_err(|e| e.to_string())?;
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
