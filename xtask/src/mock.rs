//! `cargo xtask mock`: runs the local Graph's own binary (`msgraph-mock`,
//! in `mock/`) with the arguments given, so `cargo xtask regen` never
//! builds the local Graph's HTTP stack; `cargo xtask mock --help` shows its
//! flags. It runs a release build: the local Graph answers through the
//! generator's code, which the dev profile leaves unoptimised (v1.0 corpus,
//! `--stateful --bench 20000` on 2 cores: 1,833 requests/s from the dev
//! build, about 9,000 from the release build, whose first build takes
//! 110 s).

use std::process::{Command, ExitCode};

/// Serve a local Graph on 127.0.0.1 that answers with the documented examples
/// (`cargo xtask mock --help` lists its flags).
#[derive(Debug, clap::Args)]
#[command(disable_help_flag = true)]
pub struct Args {
    /// Arguments of the local Graph (`--input`, `--csdl`, `--port`, `--stateful`, `--bench`, ...)
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<String>,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args([
            "run",
            "--quiet",
            "--release",
            "--package",
            "msgraph-mock",
            "--bin",
            "msgraph-mock",
            "--",
        ])
        .args(&args.args)
        .env("MSGRAPH_DOCS_INPUT", crate::workspace::root().join("docs-input"))
        .status()
        .map_err(|e| format!("cannot run the local Graph: {e}"))?;
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
