//! What `pc … --json` prints: one type per document or line, and [`schemas`], the JSON Schema of
//! each command's output.
//!
//! Every command that calls the service prints one [`CommandOutput`]: the result and its ids, or
//! the failure. `pc validate` prints a [`ValidateOutput`], `pc emulator` an [`EmulatorOutput`],
//! `pc demo` one [`DemoLine`] per line (NDJSON), `pc onboard` one [`OnboardLine`] per line and
//! `pc onboard --status` an [`OnboardStatus`]. Text that came from outside (a description,
//! a violation's message) is cut to 1,000 characters with a note of its full length; the data of
//! a result is kept whole.

use pc_model::{Agreement, AgreementMetadata, Collection, Customer, Qualification, ValidationCode};
use schemars::generate::{Contract, SchemaSettings};
use schemars::{JsonSchema, Schema};
use serde::Serialize;

/// The ids support asks for, of the call that gave a result.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CallIds {
    /// `MS-RequestId` of the call (reuse it to repeat the call safely).
    #[schemars(extend("format" = "uuid"))]
    pub request_id: String,
    /// `MS-CorrelationId` of the call.
    #[schemars(extend("format" = "uuid"))]
    pub correlation_id: String,
    /// `MS-CV` of the answer, when the service sent one.
    pub cv: Option<String>,
}

/// A result: the service's answer as `pc-model` reads it, and its ids.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Success<T> {
    /// The answer (a customer's admin password is masked unless `--reveal-password`).
    pub result: T,
    /// The ids of the call.
    pub ids: CallIds,
    /// Whether the result was found by reading back after a retried write's answer was lost.
    pub reconciled: bool,
}

/// A failed operation: `{"error": …}`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Failure {
    /// What went wrong.
    pub error: ErrorOutput,
}

/// What went wrong with an operation.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ErrorOutput {
    /// The whole failure in words.
    pub message: String,
    /// The HTTP status of the service's answer; `null` when there was none (a local refusal, a
    /// network failure).
    pub status: Option<u16>,
    /// The service's error code (e.g. `600061`).
    pub code: Option<String>,
    /// The service's error name.
    pub error_name: Option<String>,
    /// The service's description.
    pub description: Option<String>,
    /// The broken rules of a request refused before sending (empty otherwise).
    pub violations: Vec<ViolationOutput>,
    /// Whether the request may have reached the service (check before repeating a write).
    pub may_have_been_sent: bool,
    /// `MS-RequestId` of the call, when it was made.
    #[schemars(extend("format" = "uuid"))]
    pub request_id: Option<String>,
    /// `MS-CorrelationId` of the call, when it was made.
    #[schemars(extend("format" = "uuid"))]
    pub correlation_id: Option<String>,
    /// `MS-CV` of the answer, when the service sent one.
    pub cv: Option<String>,
}

/// One broken rule of a request body.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ViolationOutput {
    /// JSON pointer (RFC 6901) of the field, e.g. `/companyProfile/domain`; empty for the whole
    /// body.
    pub path: String,
    /// Why, as a stable snake_case code (e.g. `required`, `length`, `syntax`); new codes may be
    /// added.
    pub code: String,
    /// Why, in words.
    pub message: String,
}

/// What an operation command prints: a result or a failure.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum CommandOutput<T> {
    /// The operation succeeded.
    Success(Success<T>),
    /// It failed.
    Failure(Failure),
}

/// The result of `pc domains check`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DomainCheck {
    /// The domain checked.
    pub domain: String,
    /// Whether it is free for a new customer.
    pub available: bool,
}

/// What `pc validate` prints.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ValidateOutput {
    /// Whether the body is acceptable.
    pub valid: bool,
    /// Every broken rule (one with an empty path when the input is unreadable or not JSON).
    pub errors: Vec<ViolationOutput>,
}

/// What `pc emulator` prints once it listens.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EmulatorOutput {
    /// The emulator's base URL (API paths under `/v1`, token endpoints under `/{tenant}/oauth2`).
    pub url: String,
    /// Its partner tenant.
    #[schemars(extend("format" = "uuid"))]
    pub tenant_id: String,
    /// The client id its token endpoint accepts.
    pub client_id: String,
    /// The indirect reseller it knows.
    #[schemars(extend("format" = "uuid"))]
    pub reseller_id: String,
    /// Its GCC validation code.
    pub gcc_validation_code: String,
}

/// One line of `pc demo --json`: an event, or the failure that ended the run.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum DemoLine {
    /// An event of the run.
    Event(DemoEvent),
    /// The failure that ended it (the last line).
    Failure(Failure),
}

/// An event of `pc demo --json`, tagged by `event`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(
    tag = "event",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum DemoEvent {
    /// The emulator started and the flow begins.
    Started {
        /// The emulator's base URL.
        emulator: String,
        /// The indirect reseller the customer is created for.
        #[schemars(extend("format" = "uuid"))]
        reseller: String,
        /// The random faults injected (`off` for none).
        faults: String,
        /// Their seed.
        seed: u64,
        /// Whether the emulator replays answers to a repeated `MS-RequestId`.
        replay: bool,
    },
    /// One step of the flow succeeded.
    Step(DemoStep),
    /// Every step succeeded.
    Finished {
        /// Wall time of the whole run.
        seconds: f64,
        /// API requests the emulator received.
        requests: u64,
        /// Faults the emulator injected, all survived.
        faults_survived: u64,
    },
}

/// One step of the demo.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DemoStep {
    /// Which step: `check-domain`, `create-customer`, `wait-for-customer`, `confirm-agreement`,
    /// `request-education`, `wait-for-vetting`, `validation-codes`, `request-gcc`,
    /// `list-agreements`, `list-qualifications`.
    pub step: String,
    /// What was done, as the human line says it.
    pub summary: String,
    /// `MS-RequestId` of the operation that gave the result.
    #[schemars(extend("format" = "uuid"))]
    pub request_id: String,
    /// Its `MS-CorrelationId`.
    #[schemars(extend("format" = "uuid"))]
    pub correlation_id: String,
    /// Its `MS-CV`, when the service sent one.
    pub cv: Option<String>,
    /// The HTTP status of the answer that gave the result.
    pub status: u16,
    /// Attempts of the operation (of the write, for a reconciled write), the first included.
    pub attempts: u32,
    /// Whether the result was found by reading back after the write's answer was lost.
    pub reconciled: bool,
    /// What the emulator received during the step, in order.
    pub received: Vec<Exchange>,
}

/// One request the emulator received during a demo step, and what became of it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Exchange {
    /// The method.
    pub method: String,
    /// The path, ids as placeholders (`<customer-1>`).
    pub path: String,
    /// The status of the answer the client got; `null` when it got none (a dropped connection).
    pub status: Option<u16>,
    /// What the emulator did: `handled`, `replayed`, `throttled`, `unauthorized`, or the injected
    /// fault (`503`, `close-after`, …).
    pub outcome: String,
    /// Milliseconds since the step's previous request (a retry's or throttling wait); `0` for
    /// the first.
    pub waited_ms: u64,
}

/// One line of `pc onboard --json`: an event of the run (`started`, `row-started`, `step`,
/// `row-done`, `row-failed`), a row that cannot be onboarded as written (`problem`), or how the
/// run ended (`summary`, the last line).
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum OnboardLine {
    /// An event of the run.
    Run(pc_onboard::Event),
    /// A problem or the summary.
    Command(OnboardEvent),
}

/// The lines of `pc onboard --json` that the command adds to the run's events, tagged by
/// `event`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum OnboardEvent {
    /// A row that cannot be onboarded as written (nothing is sent unless `--skip-invalid`).
    Problem {
        /// What is wrong, and where.
        problem: pc_onboard::Problem,
    },
    /// How the run ended.
    Summary {
        /// The counts of rows.
        summary: pc_onboard::Summary,
        /// Rows skipped as invalid.
        skipped: usize,
        /// The journal's path.
        journal: String,
        /// The report's path, with `--report`.
        report: Option<String>,
    },
}

/// What `pc onboard --status --json` prints: where the run stands, from the journal alone.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OnboardStatus {
    /// The journal's path.
    pub journal: String,
    /// Rows per status (`done`, `failed`, `in-flight`, `pending`, `skipped`), those with at
    /// least one.
    pub counts: std::collections::BTreeMap<String, usize>,
    /// One line per journaled row, as the report writes it.
    pub rows: Vec<pc_onboard::report::ReportLine>,
}

/// The published schema of one command's `--json` output.
#[derive(Debug, Clone)]
pub struct OutputSchema {
    /// The file's stem under `schemas/cli/`, e.g. `customers-get`.
    pub stem: &'static str,
    /// The command, e.g. `pc customers get`.
    pub command: &'static str,
    /// Whether the command prints one document per line (NDJSON), each valid against the
    /// schema, rather than one document.
    pub lines: bool,
    /// The schema, as derived (draft 2020-12, the shape `pc` writes).
    pub schema: Schema,
}

/// The schema of every command's `--json` output, in a fixed order.
pub fn schemas() -> Vec<OutputSchema> {
    fn of<T: JsonSchema>(stem: &'static str, command: &'static str, lines: bool) -> OutputSchema {
        let mut settings = SchemaSettings::draft2020_12();
        settings.contract = Contract::Serialize;
        OutputSchema {
            stem,
            command,
            lines,
            schema: settings.into_generator().into_root_schema_for::<T>(),
        }
    }
    vec![
        of::<CommandOutput<Customer>>("customers-create", "pc customers create", false),
        of::<CommandOutput<Customer>>("customers-get", "pc customers get", false),
        of::<CommandOutput<Collection<Customer>>>("customers-search", "pc customers search", false),
        of::<CommandOutput<DomainCheck>>("domains-check", "pc domains check", false),
        of::<CommandOutput<Collection<AgreementMetadata>>>(
            "agreements-metadata",
            "pc agreements metadata",
            false,
        ),
        of::<CommandOutput<Agreement>>("agreements-confirm", "pc agreements confirm", false),
        of::<CommandOutput<Collection<Agreement>>>("agreements-list", "pc agreements list", false),
        of::<CommandOutput<Qualification>>(
            "qualifications-create",
            "pc qualifications create",
            false,
        ),
        of::<CommandOutput<Vec<Qualification>>>(
            "qualifications-list",
            "pc qualifications list",
            false,
        ),
        of::<CommandOutput<Qualification>>("qualifications-wait", "pc qualifications wait", false),
        of::<CommandOutput<Vec<ValidationCode>>>("validation-codes", "pc validation-codes", false),
        of::<ValidateOutput>("validate", "pc validate", false),
        of::<EmulatorOutput>("emulator", "pc emulator", false),
        of::<DemoLine>("demo", "pc demo", true),
        of::<OnboardLine>("onboard", "pc onboard", true),
        of::<OnboardStatus>("onboard-status", "pc onboard --status", false),
    ]
}
