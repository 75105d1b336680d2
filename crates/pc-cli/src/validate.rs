//! `pc validate <customer|agreement|qualification> <FILE|->`: checks a request body locally.
//!
//! Exit codes: 0 and `valid` when the body is acceptable; 1 and one `<json-pointer>: <message>`
//! line per violation when it is not; 2 when the input cannot be read or is not JSON (with line
//! and column). `--json` prints `{"valid": bool, "errors": [{"path", "code", "message"}]}`
//! instead, in every case.

use std::io::Read;
use std::path::PathBuf;

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
2 unreadable or not JSON.")]
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

/// Outcome of checking one body.
enum Verdict {
    Valid,
    Invalid(Violations),
    /// The input is not JSON (or cannot be read).
    Unreadable(Violation),
}

/// Runs `pc validate`.
pub(crate) fn run(args: &ValidateArgs, out: &mut Output) -> Exit {
    let bytes = match read_input(&args.file) {
        Ok(bytes) => bytes,
        Err(message) => {
            let v = Violation::new("", ViolationCode::Syntax, message);
            return report(&Verdict::Unreadable(v), args, out);
        }
    };
    let mut ctx = ValidationContext::default();
    if let Some(now) = args.now {
        ctx.now = now;
    }
    if let Some(list) = &args.registration_countries {
        ctx.registration_number_countries = RegistrationNumberCountries::new(list.iter().copied());
    }
    let verdict = match args.kind {
        BodyKind::Customer => check::<CreateCustomerRequest>(&bytes, &ctx),
        BodyKind::Agreement => check::<CreateAgreementRequest>(&bytes, &ctx),
        BodyKind::Qualification => check::<CreateQualificationRequest>(&bytes, &ctx),
    };
    report(&verdict, args, out)
}

fn read_input(file: &PathBuf) -> Result<Vec<u8>, String> {
    if file.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(buf)
    } else {
        std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))
    }
}

fn check<T: DeserializeOwned + Validate>(bytes: &[u8], ctx: &ValidationContext) -> Verdict {
    match from_slice::<T>(bytes) {
        Err(e) if e.is_syntax() => Verdict::Unreadable(not_json(&e)),
        Err(e) => Verdict::Invalid(e.to_violation().into()),
        Ok(body) => match body.validate_with(ctx) {
            Ok(()) => Verdict::Valid,
            Err(v) => Verdict::Invalid(v),
        },
    }
}

fn not_json(e: &DecodeError) -> Violation {
    Violation::new(
        "",
        ViolationCode::Syntax,
        format!(
            "not JSON: {} at line {}, column {}",
            e.message(),
            e.line(),
            e.column()
        ),
    )
}

fn report(verdict: &Verdict, args: &ValidateArgs, out: &mut Output) -> Exit {
    let (exit, errors): (Exit, Vec<&Violation>) = match verdict {
        Verdict::Valid => (Exit::Success, Vec::new()),
        Verdict::Invalid(v) => (Exit::Invalid, v.iter().collect()),
        Verdict::Unreadable(v) => (Exit::Usage, vec![v]),
    };
    if out.json() {
        out.json_value(&serde_json::json!({
            "valid": errors.is_empty(),
            "errors": errors,
        }));
    } else {
        match verdict {
            Verdict::Valid => out.line("valid"),
            Verdict::Invalid(v) => v.iter().for_each(|v| out.line(&v.to_string())),
            Verdict::Unreadable(v) => {
                out.error(&format!("{}: {}", args.file.display(), v.message));
            }
        }
    }
    exit
}
