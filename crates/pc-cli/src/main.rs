//! `pc`: Partner Center customer onboarding from the command line.
//!
//! Exit statuses: 0 success, 1 local validation failure (nothing sent), 2 usage or unreadable
//! input, 3 service or transport failure.

use std::process::ExitCode;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

mod commands;
mod demo;
mod emulator;
mod exit;
mod logging;
mod onboard;
mod output;
mod progress;
mod report;
mod target;
mod validate;

use commands::{
    AgreementsCommand, CallArgs, CustomersCommand, DomainsCommand, QualificationsCommand,
};
use exit::Exit;
use output::Output;

/// Partner Center customer onboarding: create customers for indirect resellers, confirm the
/// Microsoft Customer Agreement, request qualifications and follow their vetting.
#[derive(Debug, Parser)]
#[command(
    name = "pc",
    version,
    propagate_version = true,
    after_help = "\
Start here:
  pc demo                                   the whole flow against a local emulator
  pc validate customer new-customer.json    check a body locally, nothing sent

Exit status: 0 success, 1 invalid request (nothing sent), 2 usage or unreadable input,
3 service or network failure."
)]
struct Cli {
    /// Print JSON for scripts instead of human-readable lines.
    #[arg(long, global = true)]
    json: bool,
    /// Show what the client does on standard error: -v each operation, retry and token fetch,
    /// -vv each attempt too (`RUST_LOG` sets any filter). Secrets are never shown.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

/// What the commands that call the service take: where to send, how to authenticate, and the
/// per-call options. Only those commands show these options.
#[derive(Debug, Args)]
struct ServiceArgs {
    #[command(flatten)]
    target: target::TargetArgs,
    #[command(flatten)]
    call: CallArgs,
}

/// A group of commands that call the service.
#[derive(Debug, Args)]
struct Service<C: Subcommand> {
    #[command(flatten)]
    service: ServiceArgs,
    #[command(subcommand)]
    command: C,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the onboarding flow against an emulator started in-process.
    Demo(demo::DemoArgs),
    /// Run the local emulator in the foreground.
    Emulator(emulator::EmulatorCommand),
    /// Validate a request body locally, without sending anything.
    Validate(validate::ValidateArgs),
    /// Onboard many customers from a JSON Lines or CSV file; rerun after a crash to resume.
    Onboard(onboard::OnboardArgs),
    /// Create, read and search customers.
    Customers(Service<CustomersCommand>),
    /// Check whether a domain is free.
    Domains(Service<DomainsCommand>),
    /// Agreement templates, confirmations and lists.
    Agreements(Service<AgreementsCommand>),
    /// Request qualifications, list them, wait for their vetting.
    Qualifications(Service<QualificationsCommand>),
    /// List the partner's Government Community Cloud validation codes.
    #[command(after_help = "Example:\n  pc validation-codes --json")]
    ValidationCodes(ServiceArgs),
    /// Print a completion script for a shell.
    #[command(after_help = "\
Examples:
  pc completions bash > ~/.local/share/bash-completion/completions/pc
  pc completions zsh > \"${fpath[1]}/_pc\"
  pc completions fish > ~/.config/fish/completions/pc.fish
  pc completions powershell >> $PROFILE")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// The whole command line definition, as parsed and as completed.
fn command() -> clap::Command {
    Cli::command().mut_subcommand("onboard", onboard::with_columns_help)
}

fn main() -> ExitCode {
    let matches = command().get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    if let Command::Qualifications(q) = &cli.command
        && let Err(message) = q.command.check()
    {
        command()
            .error(clap::error::ErrorKind::ArgumentConflict, message)
            .exit();
    }
    let mut out = Output::new(cli.json);
    logging::init(cli.verbose);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            out.error(&format!("cannot start the async runtime: {e}"));
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(run(&cli, &mut out)).into()
}

async fn run(cli: &Cli, out: &mut Output) -> Exit {
    let operation = match &cli.command {
        Command::Validate(args) => return validate::run(args, out),
        Command::Demo(args) => return demo::run(args, out).await,
        Command::Emulator(args) => return emulator::run(args, out).await,
        Command::Onboard(args) => return onboard::run(args, out).await,
        Command::Completions { shell } => {
            let mut command = command();
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut command, "pc", &mut script);
            out.raw(&script);
            return Exit::Success;
        }
        operation => operation,
    };
    let service = match operation {
        Command::Customers(s) => &s.service,
        Command::Domains(s) => &s.service,
        Command::Agreements(s) => &s.service,
        Command::Qualifications(s) => &s.service,
        Command::ValidationCodes(s) => s,
        Command::Validate(_)
        | Command::Demo(_)
        | Command::Emulator(_)
        | Command::Onboard(_)
        | Command::Completions { .. } => return Exit::Usage,
    };
    let client = match service.target.client() {
        Ok(client) => client,
        Err(message) => {
            out.error(&message);
            return Exit::Usage;
        }
    };
    let call = &service.call;
    match operation {
        Command::Customers(s) => commands::customers(&client, &s.command, call, out).await,
        Command::Domains(s) => commands::domains(&client, &s.command, call, out).await,
        Command::Agreements(s) => commands::agreements(&client, &s.command, call, out).await,
        Command::Qualifications(s) => {
            commands::qualifications(&client, &s.command, call, out).await
        }
        Command::ValidationCodes(_) => commands::validation_codes(&client, call, out).await,
        Command::Validate(_)
        | Command::Demo(_)
        | Command::Emulator(_)
        | Command::Onboard(_)
        | Command::Completions { .. } => Exit::Usage,
    }
}

/// The command of each operation of `pc-model`'s table. The match is exhaustive: an operation
/// added to the table does not compile here until it is given a command.
#[cfg(test)]
fn command_of(operation: pc_model::operations::Operation) -> &'static [&'static str] {
    use pc_model::operations::Operation;
    match operation {
        Operation::CreateCustomer => &["customers", "create"],
        Operation::GetCustomer => &["customers", "get"],
        Operation::SearchCustomers => &["customers", "search"],
        Operation::CheckDomain => &["domains", "check"],
        Operation::GetAgreementMetadata => &["agreements", "metadata"],
        Operation::CreateAgreement => &["agreements", "confirm"],
        Operation::ListAgreements => &["agreements", "list"],
        Operation::CreateQualification => &["qualifications", "create"],
        Operation::ListQualifications => &["qualifications", "list"],
        Operation::ListValidationCodes => &["validation-codes"],
    }
}

#[cfg(test)]
mod operation_commands {
    use super::*;

    #[test]
    fn every_operation_of_the_table_has_a_command() {
        for &op in pc_model::operations::Operation::ALL {
            let mut args = vec!["pc"];
            args.extend(command_of(op));
            args.push("--help");
            let err = command()
                .try_get_matches_from(&args)
                .map(|_| ())
                .expect_err("--help stops parsing");
            assert_eq!(
                err.kind(),
                clap::error::ErrorKind::DisplayHelp,
                "{}: {args:?}",
                op.spec().id
            );
        }
    }
}
