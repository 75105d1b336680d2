//! `pc validate <customer|agreement|qualification> <FILE|->`: checks a request body locally.
//!
//! Exit codes: 0 and `valid` when the body is acceptable; 1 and one `<json-pointer>: <message>`
//! line per violation when it is not; 2 when the input cannot be read, is larger than
//! [`MAX_INPUT_BYTES`] (16 MiB) or is not JSON (with line and column). `--json` prints
//! `{"valid": bool, "errors": [{"path", "code", "message"}]}` instead, in every case.

use std::io::Read;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use pc_model::json::{DecodeError, from_slice};
use pc_model::{
    CountryCode, CreateAgreementRequest, CreateCustomerRequest, CreateQualificationRequest,
    RegistrationNumberCountries, Validate, ValidationContext, Violation, ViolationCode, Violations,
};
use serde::de::DeserializeOwned;

use crate::exit::Exit;
use crate::output::Output;

/// Which request body a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum BodyKind {
    /// `POST /v1/customers`.
    Customer,
    /// `POST /v1/customers/{id}/agreements`.
    Agreement,
    /// `POST /v1/customers/{id}/qualifications`.
    Qualification,
}

/// Arguments of `pc validate`.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  pc validate customer new-customer.json
  cat agreement.json | pc validate agreement -
  pc validate qualification gcc.json --json

Both camelCase and PascalCase (.NET SDK) bodies are accepted.
Exit status: 0 valid, 1 invalid (one `<json-pointer>: <message>` line per violation),
2 unreadable, larger than 16 MiB, or not JSON.")]
pub(crate) struct ValidateArgs {
    /// The kind of request body.
    #[arg(value_enum)]
    kind: BodyKind,
    /// The file to check, or `-` for standard input.
    file: PathBuf,
    /// Check `dateAgreed` against this time instead of now (RFC 3339).
    #[arg(long, value_name = "TIMESTAMP", value_parser = parse_time)]
    now: Option<chrono::DateTime<chrono::Utc>>,
    /// Countries requiring a registration number, comma-separated, instead of the built-in 25.
    #[arg(long, value_name = "CC,CC,...", value_delimiter = ',')]
    registration_countries: Option<Vec<CountryCode>>,
}

fn parse_time(text: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    pc_model::time::parse(text).map_err(|e| e.to_string())
}

/// Why a request body from a file was not accepted.
pub(crate) enum Rejected {
    /// The input cannot be read or is not JSON; the message names the input (the file, or
    /// standard input), so it is printed as it is.
    Unreadable(Violation),
    /// The body breaks rules (or does not decode into the request type).
    Invalid(Violations),
}

impl Rejected {
    /// Prints the problem the way `pc validate` does and gives its exit status: 1 invalid,
    /// 2 unreadable.
    pub(crate) fn report(&self, out: &mut Output) -> Exit {
        let (exit, errors): (Exit, Vec<&Violation>) = match self {
            Rejected::Invalid(v) => (Exit::Invalid, v.iter().collect()),
            Rejected::Unreadable(v) => (Exit::Usage, vec![v]),
        };
        if out.json() {
            let errors = crate::report::violations_json(errors);
            out.json_doc(&pc_cli::json::ValidateOutput {
                valid: false,
                errors,
            });
        } else {
            match self {
                Rejected::Invalid(v) => v
                    .iter()
                    .for_each(|v| out.line(&crate::report::violation_line(v))),
                // The message names the input itself.
                Rejected::Unreadable(v) => out.error(&v.message),
            }
        }
        exit
    }
}

impl Rejected {
    /// Prints the problem the way an operation command prints a failure and gives its exit
    /// status: with `--json`, `{"error": …}` with the violations (as a request refused by the
    /// client), otherwise the lines of [`report`](Self::report).
    pub(crate) fn report_as_failure(&self, out: &mut Output) -> Exit {
        if !out.json() {
            return self.report(out);
        }
        let (exit, message, violations): (Exit, String, Vec<&Violation>) = match self {
            Rejected::Invalid(v) => (
                Exit::Invalid,
                "the request is invalid; nothing was sent".to_owned(),
                v.iter().collect(),
            ),
            Rejected::Unreadable(v) => (Exit::Usage, v.message.clone(), vec![v]),
        };
        out.json_doc(&pc_cli::json::Failure {
            error: pc_cli::json::ErrorOutput {
                message: crate::output::bounded(&message).into_owned(),
                status: None,
                code: None,
                error_name: None,
                description: None,
                violations: crate::report::violations_json(violations),
                may_have_been_sent: false,
                request_id: None,
                correlation_id: None,
                cv: None,
            },
        });
        exit
    }
}

/// Reads a request body from `file` (`-` for standard input) and validates it.
///
/// # Errors
/// [`Rejected`] saying whether the input is unreadable or invalid.
pub(crate) fn read_request<T: DeserializeOwned + Validate>(
    file: &Path,
    ctx: &ValidationContext,
) -> Result<T, Rejected> {
    let bytes = read_input(file).map_err(|message| {
        Rejected::Unreadable(Violation::new("", ViolationCode::Syntax, message))
    })?;
    let body = from_slice::<T>(&bytes).map_err(|e| {
        if e.is_syntax() {
            Rejected::Unreadable(not_json(file, &e))
        } else {
            Rejected::Invalid(e.to_violation().into())
        }
    })?;
    body.validate_with(ctx).map_err(Rejected::Invalid)?;
    Ok(body)
}

/// Runs `pc validate`.
pub(crate) fn run(args: &ValidateArgs, out: &mut Output) -> Exit {
    let mut ctx = ValidationContext::default();
    if let Some(now) = args.now {
        ctx.now = now;
    }
    if let Some(list) = &args.registration_countries {
        ctx.registration_number_countries = RegistrationNumberCountries::new(list.iter().copied());
    }
    let result = match args.kind {
        BodyKind::Customer => read_request::<CreateCustomerRequest>(&args.file, &ctx).map(drop),
        BodyKind::Agreement => read_request::<CreateAgreementRequest>(&args.file, &ctx).map(drop),
        BodyKind::Qualification => {
            read_request::<CreateQualificationRequest>(&args.file, &ctx).map(drop)
        }
    };
    match result {
        Ok(()) => {
            if out.json() {
                out.json_doc(&pc_cli::json::ValidateOutput {
                    valid: true,
                    errors: Vec::new(),
                });
            } else {
                out.line("valid");
            }
            Exit::Success
        }
        Err(rejected) => rejected.report(out),
    }
}

/// The largest body read from a file or standard input: the limit the transport applies to the
/// service's answers (16 MiB), far above any request body.
pub(crate) const MAX_INPUT_BYTES: usize = pc_transport::DEFAULT_MAX_RESPONSE_BYTES;

/// Reads `file` (`-` for standard input), at most [`MAX_INPUT_BYTES`]: a larger input, or a
/// device or FIFO that never ends, is refused after reading one byte more than the limit.
fn read_input(file: &Path) -> Result<Vec<u8>, String> {
    let what = input_name(file);
    let reader: Box<dyn Read> = if file.as_os_str() == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(file).map_err(|e| format!("cannot read {what}: {e}"))?)
    };
    read_bounded(reader, MAX_INPUT_BYTES).map_err(|e| match e {
        Some(e) => format!("cannot read {what}: {e}"),
        None => format!(
            "cannot read {what}: the input is larger than {} MiB ({MAX_INPUT_BYTES} bytes); no request body is that large",
            MAX_INPUT_BYTES / (1024 * 1024)
        ),
    })
}

/// How the messages about `file` name it: its path, or `standard input` for `-`.
fn input_name(file: &Path) -> String {
    if file.as_os_str() == "-" {
        "standard input".to_owned()
    } else {
        file.display().to_string()
    }
}

/// Reads everything from `reader` if it is at most `limit` bytes; `Err(None)` when there is more.
fn read_bounded(reader: impl Read, limit: usize) -> Result<Vec<u8>, Option<std::io::Error>> {
    let mut buf = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    reader.take(cap).read_to_end(&mut buf).map_err(Some)?;
    if buf.len() > limit {
        return Err(None);
    }
    Ok(buf)
}

fn not_json(file: &Path, e: &DecodeError) -> Violation {
    Violation::new(
        "",
        ViolationCode::Syntax,
        format!(
            "{} is not JSON: {} at line {}, column {}",
            input_name(file),
            e.message(),
            e.line(),
            e.column()
        ),
    )
}
