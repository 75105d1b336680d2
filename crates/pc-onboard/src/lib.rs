//! Bulk customer onboarding from a file, journaled so that a crash, a `kill -9`, a lost network
//! or a reboot never creates a customer twice or loses one: the library behind `pc onboard`.
//!
//! For each row (a customer to create, optionally for an indirect reseller, with the Microsoft
//! Customer Agreement to confirm and a qualification to request) it checks the domain, creates
//! the customer, waits until the customer can be read, confirms the agreement (the template is
//! fetched once per run), requests the qualification and, if asked, waits for its vetting.
//! Rows run concurrently through one [`pc_client::Client`], so they share its connection pool,
//! token cache and rate limiter.
//!
//! # Nothing twice, nothing lost
//!
//! Before each request the [`Journal`] records the step with the `MS-RequestId` it will carry,
//! durably; after the answer it records the outcome. A rerun with the same rows skips finished
//! steps and sends an interrupted one again **with the same `MS-RequestId`**; if the service
//! then refuses it as a duplicate (it created the resource the first time), the resource is read
//! back (customer by domain and reseller, agreement by template and contact, qualification by
//! kind) instead of being created again. A row whose input changed after its customer was sent
//! is refused, not guessed at. Admin passwords go only to a [`PasswordSink`] (see
//! [`credentials`] for what is guaranteed about them).
//!
//! # Where to start
//!
//! 1. [`parse`] the file ([`Format::JsonLines`] or [`Format::Csv`]): every row is validated, and
//!    [`Parsed::problems`] lists every [`Problem`] at once, before anything is sent.
//! 2. [`Onboarding::new`] with a [`pc_client::Client`], a [`Journal`] ([`SqliteJournal`] to
//!    survive a crash, [`MemoryJournal`] for tests, or your own database) and a [`PasswordSink`]
//!    ([`CredentialsFile`], or [`DiscardPasswords`]).
//! 3. [`Onboarding::prepare`] the rows into a [`Plan`] (a row whose input changed after a write
//!    was started for it is refused here: [`Plan::refused`]), then [`Onboarding::run`] it, watching each [`Event`]; the [`Summary`] says
//!    which rows are done, and [`report`] writes one [`ReportLine`] per row.
//!
//! # Example
//!
//! ```
//! use std::sync::Arc;
//! use pc_client::{Client, StaticToken, ValidationContext};
//! use pc_onboard::{DiscardPasswords, Format, MemoryJournal, Onboarding};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # use pc_emulator::*;
//! # let emulator = Emulator::start(EmulatorConfig::default()).await?;
//! # let url = emulator.url();
//! let rows = r#"{"customer":{"companyProfile":{"domain":"wingtiptoys.onmicrosoft.com"},"billingProfile":{"email":"gena@wingtiptoys.com","culture":"en-US","language":"en","companyName":"Wingtip Toys","defaultAddress":{"country":"US","city":"Redmond","state":"WA","addressLine1":"One Microsoft Way","postalCode":"98052","firstName":"Gena","lastName":"Soto"}},"associatedPartnerId":"484e548c-f5f3-4528-93a9-c16c6373cb59"},"qualification":{"qualification":"StateOwnedEntity"}}"#;
//! let parsed = pc_onboard::parse(rows, Format::JsonLines, &ValidationContext::default())?;
//! assert!(parsed.problems.is_empty()); // every row is validated before anything is sent
//!
//! let client = Client::builder(StaticToken::new(DEFAULT_APP_USER_TOKEN))
//!     .base_url(url)
//!     .rate_limit_per_minute(485) // just under the documented 500 per minute
//!     .build()?;
//! // `SqliteJournal::open("customers.jsonl.journal")?` to survive a crash.
//! let onboarding = Onboarding::new(client, MemoryJournal::new(), Arc::new(DiscardPasswords));
//! let plan = onboarding.prepare(parsed.rows).await?;
//! let summary = onboarding.run(plan, &|event| println!("{event:?}")).await?;
//! assert!(summary.is_complete());
//! # Ok(())
//! # }
//! ```

#![warn(missing_debug_implementations)]

pub mod credentials;
pub mod input;
pub mod journal;
pub mod report;
mod row;
mod runner;
mod service;

pub use credentials::{CredentialsFile, DiscardPasswords, NewTenantCredentials, PasswordSink};
pub use input::{Format, InputError, Parsed, Problem, parse};
pub use journal::{
    Journal, JournalError, MemoryJournal, PasswordFate, Remedy, RowEntry, RowRecord, SqliteJournal,
    StepError, StepOutcome, StepRecord, StepState,
};
pub use report::{ReportLine, RowStatus};
pub use row::{AgreementInput, Row, Step, UnknownStep};
pub use runner::{
    DEFAULT_CONCURRENCY, DEFAULT_RATE_LIMIT_PER_MINUTE, Event, Onboarding, Plan, RunError, Summary,
};
