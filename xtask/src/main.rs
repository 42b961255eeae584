//! `cargo xtask`: thin command-line front end over the `generator` library.
//!
//! Each subcommand lives in a file of its own: an `Args` struct (its flags,
//! documented for `--help`) and a `run` function. Adding a command is one
//! variant in [`Command`] and one module.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod bench;
mod bench_crate;
mod diff;
mod mock;
mod pages;
mod permissions;
mod progress;
mod regen;
mod report;
mod schema;
mod workspace;

// Regeneration builds and drops millions of small token trees; mimalloc
// takes a third off a large page's regeneration against the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Generate, check and measure the msgraph-typed crate from Microsoft Graph reference pages.
#[derive(Debug, Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Schema(schema::Args),
    Regen(regen::Args),
    Report(report::Args),
    Bench(bench::Args),
    Mock(mock::Args),
    Diff(diff::Args),
    Permissions(permissions::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Schema(args) => schema::run(args),
        Command::Regen(args) => regen::run(args),
        Command::Report(args) => report::run(args),
        Command::Bench(args) => bench::run(args),
        Command::Mock(args) => mock::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Permissions(args) => permissions::run(args),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn unknown_flag_names_the_closest() {
        let err = Cli::try_parse_from(["xtask", "regen", "--chek"]).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("--check"), "{text}");
    }

    #[test]
    fn every_command_has_help() {
        for sub in Cli::command().get_subcommands() {
            assert!(sub.get_about().is_some(), "`{}` has no description", sub.get_name());
            for arg in sub.get_arguments() {
                if arg.get_id() != "help" {
                    assert!(
                        arg.get_help().is_some(),
                        "`{} {}` has no description",
                        sub.get_name(),
                        arg.get_id()
                    );
                }
            }
        }
    }
}
