//! `cargo xtask <command>`: project automation.
//!
//! - `cargo xtask schemas` writes the JSON Schema files in `schemas/` from `pc-model`.
//! - `cargo xtask schemas --check` fails, naming the command to run, when a file is stale.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::process::ExitCode;

use xtask::schemas;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["schemas"] => match schemas::write(&schemas::workspace_root()) {
            Ok(written) => {
                for path in written {
                    println!("wrote {}", path.display());
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        ["schemas", "--check"] => match schemas::check(&schemas::workspace_root()) {
            Ok(()) => {
                println!("schemas/ is up to date");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!("usage: cargo xtask schemas [--check]");
            ExitCode::from(2)
        }
    }
}
