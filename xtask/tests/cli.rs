//! `cargo xtask` run as its users run it, as one test binary: each file is a
//! module named as it was.

mod common;

mod cli_diff;
mod cli_regen;
mod cli_report;
