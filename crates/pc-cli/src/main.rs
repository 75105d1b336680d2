//! `pc`: validate Partner Center request bodies locally.
//!
//! Exit statuses: 0 success, 1 local validation failure (nothing sent), 2 usage or unreadable
//! input, 3 service or transport failure.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod exit;
mod output;
mod validate;

use output::Output;

/// Partner Center customer onboarding from the command line.
#[derive(Debug, Parser)]
#[command(name = "pc", version, about, propagate_version = true)]
struct Cli {
    /// Print JSON for scripts instead of human-readable lines.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate a request body locally, without sending anything.
    Validate(validate::ValidateArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = Output::new(cli.json);
    let exit = match &cli.command {
        Command::Validate(args) => validate::run(args, &mut out),
    };
    exit.into()
}
