//! The journal: what has been sent for each row and step, kept so that a rerun after a crash
//! resumes instead of starting over.
//!
//! [`Journal`] is a trait so that a Rust service can keep these records in its own database;
//! [`SqliteJournal`] (a file) is the default and [`MemoryJournal`] keeps them in memory (for
//! tests, or a process that does not need to survive a crash).
//!
//! # The records
//!
//! - A **row** ([`RowEntry`]) is keyed by its domain in lower case and holds the row's canonical
//!   JSON ([`Row::fingerprint`](crate::Row::fingerprint)), its line in the file and the
//!   `MS-CorrelationId` sent with every request made for it.
//! - A **step** ([`StepRecord`]) of a row is written twice: [`Journal::start_step`] with the
//!   `MS-RequestId` **before** the request is sent, then [`Journal::finish_step`] with the
//!   outcome after the answer. A step found [`StepState::InFlight`] on a rerun was interrupted;
//!   it is sent again with the same `MS-RequestId`.
//!
//! # What an implementation must guarantee
//!
//! - Each method's changes are atomic (one transaction) and **durable when its future
//!   completes**: the request goes out only after `start_step` has returned `Ok`, so a crash
//!   after that moment finds the request id on the next run.
//! - [`Journal::load`] returns exactly what was recorded, in any order.
//! - Nothing in the records is secret: admin passwords never reach the journal.

mod memory;
mod sqlite;

use std::future::Future;

use chrono::{DateTime, Utc};
use pc_model::CustomerTenantId;
use pc_transport::{CorrelationId, RequestId};
use serde::{Deserialize, Serialize};

pub use memory::MemoryJournal;
pub use sqlite::SqliteJournal;

use crate::row::Step;

/// A row as recorded in the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RowEntry {
    /// The row's key: its domain in lower case.
    pub key: String,
    /// Its line in the input file when it was recorded.
    pub line: usize,
    /// Its canonical JSON ([`Row::fingerprint`](crate::Row::fingerprint)).
    pub input: String,
    /// The `MS-CorrelationId` of every request made for the row.
    pub correlation_id: CorrelationId,
}

/// Everything recorded about one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RowRecord {
    /// The row.
    #[serde(flatten)]
    pub entry: RowEntry,
    /// When it was first recorded.
    pub recorded_at: DateTime<Utc>,
    /// Its steps that were started at least once, in step order.
    pub steps: Vec<StepRecord>,
}

impl RowRecord {
    /// The record of `step`, if it was started.
    pub fn step(&self, step: Step) -> Option<&StepRecord> {
        self.steps.iter().find(|s| s.step == step)
    }

    /// The customer id, once the customer step has one.
    pub fn customer_id(&self) -> Option<CustomerTenantId> {
        self.step(Step::Customer)
            .and_then(|s| s.outcome.as_ref())
            .and_then(|o| o.customer_id)
    }

    /// Whether a step that changes something at the service was started.
    pub fn has_write(&self) -> bool {
        self.steps.iter().any(|s| s.step.is_write())
    }
}

/// Where a step stands.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepState {
    /// Started (its request may have been sent) and not finished: the run was interrupted.
    InFlight,
    /// Finished successfully.
    Done,
    /// Finished with a failure.
    Failed,
}

impl StepState {
    /// `in-flight`, `done` or `failed`.
    pub fn name(self) -> &'static str {
        match self {
            StepState::InFlight => "in-flight",
            StepState::Done => "done",
            StepState::Failed => "failed",
        }
    }

    /// The state named `name` (see [`name`](Self::name)).
    pub fn from_name(name: &str) -> Option<Self> {
        [StepState::InFlight, StepState::Done, StepState::Failed]
            .into_iter()
            .find(|s| s.name() == name)
    }
}

/// One step of one row, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StepRecord {
    /// Which step.
    pub step: Step,
    /// Where it stands.
    pub state: StepState,
    /// The `MS-RequestId` journaled before sending (steps that send one identified request), or
    /// the last read's (the waits, once finished).
    pub request_id: Option<RequestId>,
    /// How many times the step was started (1 on the first run; more after interruptions and
    /// retried failures).
    pub attempts: u32,
    /// When it was last started.
    pub started_at: DateTime<Utc>,
    /// When it last finished.
    pub finished_at: Option<DateTime<Utc>>,
    /// What came of it, once finished.
    pub outcome: Option<StepOutcome>,
}

impl StepRecord {
    /// Whether the step is finished successfully.
    pub fn is_done(&self) -> bool {
        self.state == StepState::Done
    }

    /// What can finish the row, when the step failed (see [`Remedy::of`]).
    pub fn remedy(&self) -> Option<Remedy> {
        if self.state != StepState::Failed {
            return None;
        }
        let outcome = self.outcome.as_ref();
        Some(match outcome.and_then(|o| o.error.as_ref()) {
            Some(error) => Remedy::of(
                self.step,
                error,
                outcome.is_some_and(|o| o.may_have_applied),
            ),
            None => Remedy::Rerun,
        })
    }

    /// Whether a rerun must send the step again with the same `MS-RequestId` and read back on
    /// failure: it was interrupted, or it failed in a way that may have applied it.
    pub fn must_resume(&self) -> bool {
        match self.state {
            StepState::InFlight => true,
            StepState::Done => false,
            StepState::Failed => self.outcome.as_ref().is_none_or(|o| o.may_have_applied),
        }
    }
}

/// What became of the new tenant's admin password.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PasswordFate {
    /// Written to the credentials file (by this run or an earlier one).
    Stored,
    /// Never received: the customer was found by reading back after its creation's answer was
    /// lost (the service shows the password only in that answer). Reset it in the Microsoft 365
    /// admin center.
    NotReceived,
    /// Received and thrown away, as asked (`--discard-passwords`).
    Discarded,
}

impl PasswordFate {
    /// `stored`, `not-received` or `discarded`.
    pub fn name(self) -> &'static str {
        match self {
            PasswordFate::Stored => "stored",
            PasswordFate::NotReceived => "not-received",
            PasswordFate::Discarded => "discarded",
        }
    }

    /// The fate named `name` (see [`name`](Self::name)).
    pub fn from_name(name: &str) -> Option<Self> {
        [
            PasswordFate::Stored,
            PasswordFate::NotReceived,
            PasswordFate::Discarded,
        ]
        .into_iter()
        .find(|f| f.name() == name)
    }
}

/// What came of a finished step.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StepOutcome {
    /// The `MS-RequestId` of the answer (of the read, when the value was found by reading back;
    /// of the last read, for the waits).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<RequestId>,
    /// The customer's tenant id (customer step).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<CustomerTenantId>,
    /// Whether the result was found by reading back after an interrupted or ambiguous write.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub reconciled: bool,
    /// What became of the admin password (customer step).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<PasswordFate>,
    /// A word about the result: `free` (domain), the vetting status (qualification, vetting).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The failure, for a failed step.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<StepError>,
    /// For a failed write: whether it may nevertheless have been applied, so that a rerun must
    /// send it with the same `MS-RequestId` and read back.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub may_have_applied: bool,
}

/// Why a step failed.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StepError {
    /// The HTTP status of the service's answer, when there was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// The service's error code, when its body had one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// What went wrong (the service's description when it gave one). Service text, kept as it
    /// came: escape it before showing it on a terminal.
    pub description: String,
}

impl StepError {
    /// The domain check's answer that `domain` exists already (`status`: the check's `2xx`).
    pub(crate) fn domain_taken(domain: &str, status: u16) -> Self {
        StepError {
            status: Some(status),
            code: None,
            description: format!("the domain {domain} is taken by another tenant"),
        }
    }
}

/// What can finish a row that stopped at a failed step. Derived from what the journal holds
/// ([`Remedy::of`]), so a run's events, its summary, its report and `--status` agree.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Remedy {
    /// Running again may finish the row: the network or the service failed, a wait ran out,
    /// the credentials or permissions were wrong (fix them first), …
    Rerun,
    /// The row's domain belongs to another tenant: no rerun can create its customer. Give the row
    /// another domain in the input file (a row with a new domain is a new row).
    ChangeDomain,
}

impl Remedy {
    /// What can finish a row whose `step` failed with `error`; `may_have_applied` is the
    /// outcome's (a write that may have been applied is read back by the next run).
    ///
    /// The domain is taken when the domain check found it in use (this row's own customer is
    /// never checked for: its creation is journaled before it is sent, and a rerun resumes it
    /// instead), or when creating the customer was refused with `409` and the write was not one
    /// that may have been applied earlier.
    pub fn of(step: Step, error: &StepError, may_have_applied: bool) -> Self {
        let taken = match step {
            Step::Domain => error.status.is_some_and(|s| (200..300).contains(&s)),
            Step::Customer => error.status == Some(409) && !may_have_applied,
            _ => false,
        };
        if taken {
            Remedy::ChangeDomain
        } else {
            Remedy::Rerun
        }
    }

    /// `rerun` or `change-domain`.
    pub fn name(self) -> &'static str {
        match self {
            Remedy::Rerun => "rerun",
            Remedy::ChangeDomain => "change-domain",
        }
    }

    /// What to do, for people: `rerun to retry it`, or `a rerun cannot finish it: give the row
    /// another domain in the input file`.
    pub fn advice(self) -> &'static str {
        match self {
            Remedy::Rerun => "rerun to retry it",
            Remedy::ChangeDomain => {
                "a rerun cannot finish it: give the row another domain in the input file"
            }
        }
    }
}

/// A journal that could not be read or written. The run stops: without its records it could not
/// guarantee that nothing is sent twice.
#[derive(Debug, thiserror::Error)]
#[error("journal: {message}")]
pub struct JournalError {
    message: String,
    #[source]
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl JournalError {
    /// An error with a message and its cause.
    pub fn new(
        message: impl Into<String>,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Self {
            message: message.into(),
            source: Some(source.into()),
        }
    }

    /// An error with only a message.
    pub fn msg(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            source: None,
        }
    }
}

/// Where an onboarding keeps its records; see the [module docs](self) for what an
/// implementation must guarantee.
pub trait Journal: Send + Sync {
    /// Every row recorded so far, with its steps.
    fn load(&self) -> impl Future<Output = Result<Vec<RowRecord>, JournalError>> + Send;

    /// Records new rows, and replaces the input and line of rows already recorded (the caller
    /// does that only for rows with no write step started), in one transaction.
    fn record_rows(
        &self,
        rows: &[RowEntry],
        at: DateTime<Utc>,
    ) -> impl Future<Output = Result<(), JournalError>> + Send;

    /// Records that `step` of row `key` is about to be sent with `request_id`: the state becomes
    /// [`StepState::InFlight`], the attempts grow by one, a previous outcome is cleared. Must be
    /// durable before the request is sent.
    fn start_step(
        &self,
        key: &str,
        step: Step,
        request_id: Option<RequestId>,
        at: DateTime<Utc>,
    ) -> impl Future<Output = Result<(), JournalError>> + Send;

    /// Records the outcome of `step` of row `key`: `state` is [`StepState::Done`] or
    /// [`StepState::Failed`]. For the waits, `outcome.request_id` replaces the step's request id.
    fn finish_step(
        &self,
        key: &str,
        step: Step,
        state: StepState,
        outcome: &StepOutcome,
        at: DateTime<Utc>,
    ) -> impl Future<Output = Result<(), JournalError>> + Send;
}

#[cfg(test)]
pub(crate) mod contract {
    //! The behaviour every journal must have, run against each implementation.

    #![allow(clippy::unwrap_used)]

    use super::*;

    fn entry(key: &str, line: usize, input: &str) -> RowEntry {
        RowEntry {
            key: key.to_owned(),
            line,
            input: input.to_owned(),
            correlation_id: CorrelationId::new_v4(),
        }
    }

    pub(crate) async fn check(journal: &impl Journal) {
        let t0 = Utc::now();
        assert!(journal.load().await.unwrap().is_empty());

        let a = entry("a.onmicrosoft.com", 2, r#"{"a":1}"#);
        let b = entry("b.onmicrosoft.com", 3, r#"{"b":1}"#);
        journal
            .record_rows(&[a.clone(), b.clone()], t0)
            .await
            .unwrap();

        let rid = RequestId::new_v4();
        journal
            .start_step(&a.key, Step::Customer, Some(rid), t0)
            .await
            .unwrap();
        let rows = journal.load().await.unwrap();
        let ra = rows.iter().find(|r| r.entry.key == a.key).unwrap();
        assert_eq!(ra.entry, a);
        let step = ra.step(Step::Customer).unwrap();
        assert_eq!(step.state, StepState::InFlight);
        assert_eq!(step.request_id, Some(rid));
        assert_eq!(step.attempts, 1);
        assert!(step.must_resume());
        assert!(ra.has_write());

        let customer = CustomerTenantId::new_v4();
        let outcome = StepOutcome {
            request_id: Some(rid),
            customer_id: Some(customer),
            password: Some(PasswordFate::Stored),
            ..StepOutcome::default()
        };
        journal
            .finish_step(&a.key, Step::Customer, StepState::Done, &outcome, t0)
            .await
            .unwrap();
        // A failed wait records the last read's request id.
        let read = RequestId::new_v4();
        journal
            .start_step(&a.key, Step::Readable, None, t0)
            .await
            .unwrap();
        let failed = StepOutcome {
            request_id: Some(read),
            error: Some(StepError {
                status: Some(404),
                code: Some("600002".to_owned()),
                description: "not \"found\", \u{1b}[31m".to_owned(),
            }),
            ..StepOutcome::default()
        };
        journal
            .finish_step(&a.key, Step::Readable, StepState::Failed, &failed, t0)
            .await
            .unwrap();

        let rows = journal.load().await.unwrap();
        let ra = rows.iter().find(|r| r.entry.key == a.key).unwrap();
        assert_eq!(ra.customer_id(), Some(customer));
        let done = ra.step(Step::Customer).unwrap();
        assert!(done.is_done() && !done.must_resume());
        assert_eq!(done.outcome.as_ref(), Some(&outcome));
        let readable = ra.step(Step::Readable).unwrap();
        assert_eq!(readable.state, StepState::Failed);
        assert_eq!(readable.request_id, Some(read));
        assert_eq!(readable.outcome.as_ref(), Some(&failed));
        assert!(!readable.must_resume());

        // Starting again clears the outcome and counts the attempt.
        journal
            .start_step(&a.key, Step::Readable, None, t0)
            .await
            .unwrap();
        let rows = journal.load().await.unwrap();
        let readable = rows
            .iter()
            .find(|r| r.entry.key == a.key)
            .and_then(|r| r.step(Step::Readable).cloned())
            .unwrap();
        assert_eq!(readable.attempts, 2);
        assert_eq!(readable.state, StepState::InFlight);
        assert_eq!(readable.outcome, None);

        // Replacing a row's input keeps its correlation id... as given by the caller.
        let b2 = RowEntry {
            input: r#"{"b":2}"#.to_owned(),
            line: 9,
            ..b.clone()
        };
        journal
            .record_rows(std::slice::from_ref(&b2), t0)
            .await
            .unwrap();
        let rows = journal.load().await.unwrap();
        assert_eq!(rows.len(), 2);
        let rb = rows.iter().find(|r| r.entry.key == b.key).unwrap();
        assert_eq!(rb.entry, b2);
        assert!(rb.steps.is_empty() && !rb.has_write());

        // A step of an unknown row is an error, not a silent insert.
        assert!(
            journal
                .start_step("nobody.onmicrosoft.com", Step::Domain, None, t0)
                .await
                .is_err()
        );
    }
}

#[cfg(test)]
mod remedy_tests {
    use super::*;

    #[test]
    fn only_a_domain_taken_by_someone_else_needs_a_change() {
        let error = |status: Option<u16>| StepError {
            status,
            code: None,
            description: String::new(),
        };
        let taken = StepError::domain_taken("x.onmicrosoft.com", 200);
        assert_eq!(
            Remedy::of(Step::Domain, &taken, false),
            Remedy::ChangeDomain
        );
        for (step, status, may_have_applied, remedy) in [
            (Step::Domain, Some(503), false, Remedy::Rerun),
            (Step::Domain, None, false, Remedy::Rerun),
            (Step::Customer, Some(409), false, Remedy::ChangeDomain),
            // A resumed create refused as a duplicate may be this row's own customer: a rerun
            // reads it back.
            (Step::Customer, Some(409), true, Remedy::Rerun),
            (Step::Customer, Some(500), false, Remedy::Rerun),
            (Step::Qualification, Some(409), false, Remedy::Rerun),
            (Step::Readable, Some(200), false, Remedy::Rerun),
        ] {
            assert_eq!(
                Remedy::of(step, &error(status), may_have_applied),
                remedy,
                "{step} {status:?} {may_have_applied}"
            );
        }
    }
}
