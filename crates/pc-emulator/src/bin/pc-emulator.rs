//! `pc-emulator`: runs the emulator until Ctrl-C and prints where it listens.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::process::ExitCode;

use clap::Parser;
use pc_emulator::{
    DEFAULT_APP_ONLY_TOKEN, DEFAULT_APP_USER_TOKEN, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET,
    DEFAULT_GCC_VALIDATION_CODE, DEFAULT_REFRESH_TOKEN, DEFAULT_RESELLER_ID, Emulator,
    EmulatorArgs,
};

/// A local Partner Center for tests and demos.
#[derive(Debug, Parser)]
#[command(name = "pc-emulator", version, after_help = EmulatorArgs::AFTER_HELP)]
struct Cli {
    #[command(flatten)]
    args: EmulatorArgs,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Cli::parse().args;
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("pc_emulator=info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let config = args.to_config();
    if let Some(warning) = config.exposure_warning() {
        eprintln!("pc-emulator: {warning}");
    }
    let tenant = config.partner_tenant_id;
    let emulator = match Emulator::start(config).await {
        Ok(emulator) => emulator,
        Err(e) => {
            eprintln!("pc-emulator: {e}");
            return ExitCode::FAILURE;
        }
    };
    let url = emulator.url();
    println!("pc-emulator listening on {url}");
    println!("  API base URL     {url}  (paths under /v1)");
    println!(
        "  token endpoints  {url}/{tenant}/oauth2/token  and  {url}/{tenant}/oauth2/v2.0/token"
    );
    println!("  client id        {DEFAULT_CLIENT_ID}");
    println!("  client secret    {DEFAULT_CLIENT_SECRET}");
    println!(
        "  refresh token    {DEFAULT_REFRESH_TOKEN}  (rotates on each use; a reset makes it valid again)"
    );
    println!(
        "  fixed tokens     {DEFAULT_APP_USER_TOKEN} (App+User), {DEFAULT_APP_ONLY_TOKEN} (App-only); they never expire"
    );
    println!("  reseller id      {DEFAULT_RESELLER_ID}");
    println!("  GCC code         {DEFAULT_GCC_VALIDATION_CODE}");
    match emulator.config().control_token() {
        Some(None) => println!("  control API      {url}/_emulator/state"),
        Some(Some(_)) => println!(
            "  control API      {url}/_emulator/state  (Authorization: Bearer <the control token>)"
        ),
        None => println!("  control API      off"),
    }
    if tokio::signal::ctrl_c().await.is_err() {
        eprintln!("pc-emulator: cannot wait for Ctrl-C; stopping");
    }
    emulator.shutdown().await;
    ExitCode::SUCCESS
}
