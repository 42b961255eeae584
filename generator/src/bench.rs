//! Measurements for `cargo xtask bench`: a bare pulldown-cmark pass over
//! the same files as the reader, as the baseline the reader is compared to,
//! and the process's peak memory. Figures are printed, never asserted.

use pulldown_cmark::{Options, Parser};
use rayon::prelude::*;
use std::path::PathBuf;

/// Reads every file and runs pulldown-cmark over it (tables on), in parallel
/// like the reader; returns the number of events, so the work is not skipped.
pub fn bare_markdown_pass(files: &[PathBuf]) -> std::io::Result<usize> {
    files
        .par_iter()
        .map(|path| {
            let text = std::fs::read_to_string(path)?;
            Ok(Parser::new_ext(&text, Options::ENABLE_TABLES).count())
        })
        .sum()
}

/// Peak resident memory of this process in KiB (Linux `VmHWM`), if known.
pub fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}
