//! [`Onboarding`]: runs the rows' steps concurrently, journaling each before and after.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use futures::StreamExt;
use pc_client::{Client, DomainAvailability, Error, RequestId};
use pc_model::{CorrelationId, CustomerTenantId};
use serde::Serialize;
use serde_json::Value;

use crate::credentials::{NewTenantCredentials, PasswordSink};
use crate::input::Problem;
use crate::journal::{
    Journal, JournalError, PasswordFate, Remedy, RowEntry, RowRecord, StepError, StepOutcome,
    StepRecord, StepState,
};
use crate::row::{Row, Step};
use crate::service::{self, Ids};

/// The default number of rows worked on at once: enough to keep the rate limiter busy while some
/// rows wait for the service.
pub const DEFAULT_CONCURRENCY: usize = 16;

/// The default request budget of a run, per minute: 97 % of the 500 requests per minute and
/// partner tenant the service documents for the customer resource. The service counts in fixed
/// windows that start when a request arrives, so a client at exactly the limit can see a `429`
/// at a window's edge; the headroom absorbs that jitter.
pub const DEFAULT_RATE_LIMIT_PER_MINUTE: u32 = 485;

/// Why a run stopped before every row was tried. Rows in progress at that moment are resumed
/// by the next run.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The journal could not be read or written.
    #[error(transparent)]
    Journal(#[from] JournalError),
    /// An admin password could not be stored.
    #[error("cannot store an admin password: {0}")]
    Passwords(#[source] std::io::Error),
}

/// Something that happened during a run, for progress displays. Never holds a password.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum Event {
    /// The run starts.
    #[serde(rename_all = "camelCase")]
    Started {
        /// Rows in the plan.
        rows: usize,
        /// Of those, rows finished by earlier runs.
        already_done: usize,
    },
    /// A row's first step to run this time is about to start.
    #[serde(rename_all = "camelCase")]
    RowStarted {
        /// The row's line.
        line: usize,
        /// Its domain.
        domain: String,
    },
    /// A step finished.
    #[serde(rename_all = "camelCase")]
    Step {
        /// The row's line.
        line: usize,
        /// Its domain.
        domain: String,
        /// The step.
        step: Step,
        /// `done` or `failed`.
        state: StepState,
        /// Whether it was resumed from an earlier run (sent again with its journaled id).
        resumed: bool,
        /// The `MS-RequestId` journaled for it, if it sends one identified request.
        #[serde(skip_serializing_if = "Option::is_none")]
        request_id: Option<RequestId>,
        /// What came of it.
        outcome: StepOutcome,
    },
    /// Every step of a row is done.
    #[serde(rename_all = "camelCase")]
    RowDone {
        /// The row's line.
        line: usize,
        /// Its domain.
        domain: String,
        /// The customer's tenant id.
        customer_id: Option<CustomerTenantId>,
    },
    /// A row stopped at a failed step; `remedy` says whether a rerun can finish it.
    #[serde(rename_all = "camelCase")]
    RowFailed {
        /// The row's line.
        line: usize,
        /// Its domain.
        domain: String,
        /// The step that failed.
        step: Step,
        /// Why.
        error: StepError,
        /// What can finish the row.
        remedy: Remedy,
    },
}

/// How a run ended.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Rows in the plan.
    pub rows: usize,
    /// Rows finished by earlier runs.
    pub already_done: usize,
    /// Rows finished by this run.
    pub done: usize,
    /// Rows stopped at a failed step.
    pub failed: usize,
    /// Of those, rows whose domain is taken by another tenant ([`Remedy::ChangeDomain`]): no
    /// rerun can finish them. A rerun may finish the others.
    pub domains_taken: usize,
    /// Customers whose admin password was never received (found by reading back).
    pub passwords_not_received: usize,
}

impl Summary {
    /// Whether every row of the plan is done.
    pub fn is_complete(&self) -> bool {
        self.already_done + self.done == self.rows
    }
}

/// What a run will do, from the rows and the journal; see [`Onboarding::prepare`].
#[derive(Debug, Clone)]
pub struct Plan {
    rows: Vec<Planned>,
    refused: Vec<Problem>,
    already_done: usize,
}

#[derive(Debug, Clone)]
struct Planned {
    line: usize,
    row: Row,
    key: String,
    correlation_id: CorrelationId,
    steps: HashMap<Step, StepRecord>,
    done: bool,
}

impl Plan {
    /// Rows that will be onboarded or are already done.
    pub fn rows(&self) -> usize {
        self.rows.len()
    }

    /// Of those, rows finished by earlier runs.
    pub fn already_done(&self) -> usize {
        self.already_done
    }

    /// Rows refused because they changed since a write was sent for them, one problem per
    /// changed field. They are left out of the run.
    pub fn refused(&self) -> &[Problem] {
        &self.refused
    }
}

/// A bulk onboarding: a client, a journal and somewhere for the passwords.
///
/// [`prepare`](Self::prepare) compares the rows with the journal without sending anything;
/// [`run`](Self::run) works through them, [`concurrency`](Self::concurrency) rows at a time, all
/// sharing the client (one connection pool, token cache and rate limiter: build the client with
/// [`ClientBuilder::rate_limit_per_minute`](pc_client::ClientBuilder::rate_limit_per_minute)).
pub struct Onboarding<J> {
    client: Client,
    journal: J,
    passwords: Arc<dyn PasswordSink>,
    concurrency: usize,
    wait_vetting: bool,
}

impl<J> std::fmt::Debug for Onboarding<J> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Onboarding")
            .field("concurrency", &self.concurrency)
            .field("wait_vetting", &self.wait_vetting)
            .finish_non_exhaustive()
    }
}

impl<J: Journal> Onboarding<J> {
    /// An onboarding through `client`, recording in `journal`, handing passwords to `passwords`.
    pub fn new(client: Client, journal: J, passwords: Arc<dyn PasswordSink>) -> Self {
        Self {
            client,
            journal,
            passwords,
            concurrency: DEFAULT_CONCURRENCY,
            wait_vetting: false,
        }
    }

    /// Works on at most `rows` rows at once (at least 1). Default [`DEFAULT_CONCURRENCY`].
    pub fn concurrency(mut self, rows: usize) -> Self {
        self.concurrency = rows.max(1);
        self
    }

    /// Also waits for each qualification's vetting to finish (the client's vetting schedule).
    pub fn wait_vetting(mut self, wait: bool) -> Self {
        self.wait_vetting = wait;
        self
    }

    /// The journal.
    pub fn journal(&self) -> &J {
        &self.journal
    }

    /// Compares `rows` (line, row) with the journal and records the rows it does not know yet;
    /// nothing is sent. A row whose input differs from its journaled form is refused if a write
    /// was already started for it (see [`Plan::refused`]); otherwise its new form is recorded.
    ///
    /// # Errors
    /// [`JournalError`] when the journal cannot be read or written.
    pub async fn prepare(&self, rows: Vec<(usize, Row)>) -> Result<Plan, JournalError> {
        let mut records: HashMap<String, RowRecord> = self
            .journal
            .load()
            .await?
            .into_iter()
            .map(|r| (r.entry.key.clone(), r))
            .collect();
        let mut to_record = Vec::new();
        let mut plan = Plan {
            rows: Vec::with_capacity(rows.len()),
            refused: Vec::new(),
            already_done: 0,
        };
        for (line, row) in rows {
            let key = row.key();
            let input = row.fingerprint();
            let record = records.remove(&key);
            let correlation_id = record
                .as_ref()
                .map_or_else(CorrelationId::new_v4, |r| r.entry.correlation_id);
            let mut steps = HashMap::new();
            match record {
                Some(record) if record.entry.input != input && record.has_write() => {
                    plan.refused.extend(changed(line, &record, &input));
                    continue;
                }
                Some(record) => {
                    if record.entry.input != input || record.entry.line != line {
                        to_record.push(RowEntry {
                            key: key.clone(),
                            line,
                            input,
                            correlation_id,
                        });
                    }
                    steps = record.steps.into_iter().map(|s| (s.step, s)).collect();
                }
                None => to_record.push(RowEntry {
                    key: key.clone(),
                    line,
                    input,
                    correlation_id,
                }),
            }
            let done = row
                .steps(self.wait_vetting)
                .iter()
                .all(|s| steps.get(s).is_some_and(StepRecord::is_done));
            plan.already_done += usize::from(done);
            plan.rows.push(Planned {
                line,
                row,
                key,
                correlation_id,
                steps,
                done,
            });
        }
        if !to_record.is_empty() {
            self.journal.record_rows(&to_record, Utc::now()).await?;
        }
        Ok(plan)
    }

    /// Onboards the plan's rows that are not done yet, calling `on_event` as things happen.
    /// A row stops at its first failed step (a rerun tries it again, unless its
    /// [`Remedy`] says a rerun cannot finish it); the other rows go on.
    ///
    /// # Errors
    /// [`RunError`] when the journal or the password sink fails: the run stops at once, and
    /// rows in progress are resumed by the next run.
    pub async fn run(
        &self,
        plan: Plan,
        on_event: &(dyn Fn(&Event) + Send + Sync),
    ) -> Result<Summary, RunError> {
        let mut summary = Summary {
            rows: plan.rows.len(),
            already_done: plan.already_done,
            ..Summary::default()
        };
        on_event(&Event::Started {
            rows: summary.rows,
            already_done: summary.already_done,
        });
        let mut runs = futures::stream::iter(plan.rows.into_iter().filter(|r| !r.done))
            .map(|row| self.run_row(row, on_event))
            .buffer_unordered(self.concurrency);
        while let Some(end) = runs.next().await {
            let end = end?;
            match end.failed {
                None => summary.done += 1,
                Some(remedy) => {
                    summary.failed += 1;
                    summary.domains_taken += usize::from(remedy == Remedy::ChangeDomain);
                }
            }
            summary.passwords_not_received += usize::from(end.password_not_received);
        }
        Ok(summary)
    }

    async fn run_row(
        &self,
        planned: Planned,
        on_event: &(dyn Fn(&Event) + Send + Sync),
    ) -> Result<RowEnd, RunError> {
        let Planned {
            line,
            row,
            key,
            correlation_id,
            steps,
            ..
        } = planned;
        let domain = row.domain().to_owned();
        on_event(&Event::RowStarted {
            line,
            domain: domain.clone(),
        });
        let mut customer_id = steps
            .get(&Step::Customer)
            .filter(|s| s.is_done())
            .and_then(|s| s.outcome.as_ref())
            .and_then(|o| o.customer_id);
        let mut end = RowEnd::default();
        for step in row.steps(self.wait_vetting) {
            let prior = steps.get(&step);
            if prior.is_some_and(StepRecord::is_done) {
                continue;
            }
            let resumed = prior.is_some_and(StepRecord::must_resume);
            let request_id = step.has_request_id().then(|| {
                prior
                    .filter(|_| resumed)
                    .and_then(|p| p.request_id)
                    .unwrap_or_else(RequestId::new_v4)
            });
            self.journal
                .start_step(&key, step, request_id, Utc::now())
                .await?;
            let ids = Ids {
                request_id,
                correlation_id,
            };
            let outcome = self
                .execute(step, &row, &key, customer_id, ids, resumed)
                .await?;
            let state = if outcome.error.is_none() {
                StepState::Done
            } else {
                StepState::Failed
            };
            self.journal
                .finish_step(&key, step, state, &outcome, Utc::now())
                .await?;
            end.password_not_received |= outcome.password == Some(PasswordFate::NotReceived);
            if step == Step::Customer {
                customer_id = outcome.customer_id;
            }
            let error = outcome.error.clone();
            let may_have_applied = outcome.may_have_applied;
            on_event(&Event::Step {
                line,
                domain: domain.clone(),
                step,
                state,
                resumed,
                request_id,
                outcome,
            });
            if let Some(error) = error {
                let remedy = Remedy::of(step, &error, may_have_applied);
                on_event(&Event::RowFailed {
                    line,
                    domain,
                    step,
                    error,
                    remedy,
                });
                end.failed = Some(remedy);
                return Ok(end);
            }
        }
        on_event(&Event::RowDone {
            line,
            domain,
            customer_id,
        });
        Ok(end)
    }

    /// Sends one step and says what came of it; `Err` only for the password sink.
    async fn execute(
        &self,
        step: Step,
        row: &Row,
        key: &str,
        customer_id: Option<CustomerTenantId>,
        ids: Ids,
        resumed: bool,
    ) -> Result<StepOutcome, RunError> {
        let client = &self.client;
        let needs_customer = || StepOutcome {
            error: Some(StepError {
                status: None,
                code: None,
                description: "the customer step recorded no customer id".to_owned(),
            }),
            ..StepOutcome::default()
        };
        let outcome = match step {
            Step::Domain => match service::check_domain(client, row.domain(), ids).await {
                Ok(r) if r.value == DomainAvailability::Available => StepOutcome {
                    request_id: Some(r.ids.request_id),
                    detail: Some("free".to_owned()),
                    ..StepOutcome::default()
                },
                Ok(r) => StepOutcome {
                    request_id: Some(r.ids.request_id),
                    error: Some(StepError::domain_taken(key, r.status)),
                    ..StepOutcome::default()
                },
                Err(e) => failure(step, &e, resumed),
            },
            Step::Customer => {
                match service::create_customer(client, &row.customer, ids, resumed).await {
                    Ok(r) => self.created(key, r).await?,
                    Err(e) => failure(step, &e, resumed),
                }
            }
            Step::Readable => match customer_id {
                None => needs_customer(),
                Some(id) => match service::wait_readable(client, id, ids).await {
                    Ok(r) => StepOutcome {
                        request_id: Some(r.ids.request_id),
                        ..StepOutcome::default()
                    },
                    Err(e) => failure(step, &e, resumed),
                },
            },
            Step::Agreement => match (customer_id, &row.agreement) {
                (Some(id), Some(agreement)) => {
                    match service::confirm_agreement(client, id, agreement, ids, resumed).await {
                        Ok(r) => StepOutcome {
                            request_id: Some(r.ids.request_id),
                            reconciled: r.reconciled,
                            ..StepOutcome::default()
                        },
                        Err(e) => failure(step, &e, resumed),
                    }
                }
                _ => needs_customer(),
            },
            Step::Qualification => match (customer_id, &row.qualification) {
                (Some(id), Some(q)) => {
                    match service::request_qualification(client, id, q, ids, resumed).await {
                        Ok(r) => StepOutcome {
                            request_id: Some(r.ids.request_id),
                            reconciled: r.reconciled,
                            detail: vetting_detail(&r.value),
                            ..StepOutcome::default()
                        },
                        Err(e) => failure(step, &e, resumed),
                    }
                }
                _ => needs_customer(),
            },
            Step::Vetting => match (customer_id, &row.qualification) {
                (Some(id), Some(q)) => {
                    match service::wait_vetting(client, id, q.kind(), ids).await {
                        Ok(r) => StepOutcome {
                            request_id: Some(r.ids.request_id),
                            detail: vetting_detail(&r.value),
                            ..StepOutcome::default()
                        },
                        Err(e) => failure(step, &e, resumed),
                    }
                }
                _ => needs_customer(),
            },
        };
        Ok(outcome)
    }

    /// The customer step's outcome: the password stored (before the step is recorded done) or
    /// why there is none.
    async fn created(
        &self,
        key: &str,
        response: pc_client::Response<pc_model::Customer>,
    ) -> Result<StepOutcome, RunError> {
        let customer_id = response.tenant_id();
        let credentials = response.value.user_credentials.clone();
        let password = credentials
            .as_ref()
            .and_then(|c| c.password.clone())
            .filter(|p| !p.is_empty());
        let fate = match password {
            Some(password) => {
                let sink = Arc::clone(&self.passwords);
                let domain = key.to_owned();
                let user_name = credentials.and_then(|c| c.user_name);
                tokio::task::spawn_blocking(move || {
                    sink.store(&NewTenantCredentials {
                        domain: &domain,
                        customer_id,
                        user_name: user_name.as_deref(),
                        password: &password,
                    })
                })
                .await
                .map_err(|e| RunError::Passwords(std::io::Error::other(e)))?
                .map_err(RunError::Passwords)?
            }
            // Found by reading back, or an answer without one: stored only if an earlier run
            // received it.
            None if self.passwords.holds(key) => PasswordFate::Stored,
            None => PasswordFate::NotReceived,
        };
        Ok(StepOutcome {
            request_id: Some(response.ids.request_id),
            customer_id,
            reconciled: response.reconciled,
            password: Some(fate),
            ..StepOutcome::default()
        })
    }
}

#[derive(Debug, Default)]
struct RowEnd {
    /// What can finish the row, when it stopped at a failed step.
    failed: Option<Remedy>,
    password_not_received: bool,
}

fn vetting_detail(q: &pc_model::Qualification) -> Option<String> {
    q.vetting_status
        .as_ref()
        .map(|s| s.as_str().to_owned())
        .or_else(|| q.qualification.as_ref().map(|k| k.as_str().to_owned()))
}

/// A failed step's outcome.
fn failure(step: Step, e: &Error, resumed: bool) -> StepOutcome {
    let description = e
        .service_error()
        .and_then(|b| b.text())
        .map_or_else(|| e.to_string(), str::to_owned);
    StepOutcome {
        request_id: e.request_id(),
        error: Some(StepError {
            status: e.status(),
            code: e.code().map(str::to_owned),
            description,
        }),
        may_have_applied: step.is_write() && !e.is_local() && (resumed || e.may_have_applied()),
        ..StepOutcome::default()
    }
}

/// One problem per field that differs between the journaled row and `input`.
fn changed(line: usize, record: &RowRecord, input: &str) -> Vec<Problem> {
    let old: Value = serde_json::from_str(&record.entry.input).unwrap_or(Value::Null);
    let new: Value = serde_json::from_str(input).unwrap_or(Value::Null);
    let mut pointers = Vec::new();
    diff("", &old, &new, &mut pointers);
    if pointers.is_empty() {
        pointers.push(String::new());
    }
    let since = record
        .steps
        .iter()
        .filter(|s| s.step.is_write())
        .map(|s| s.started_at)
        .min()
        .unwrap_or(record.recorded_at);
    pointers
        .into_iter()
        .map(|pointer| Problem {
            line,
            pointer,
            column: None,
            message: format!(
                "changed since its customer was sent on {}; a row cannot change once sent: restore it as journaled, or leave it out",
                day(&since)
            ),
        })
        .collect()
}

fn day(t: &DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

/// The pointers at which `a` and `b` differ.
fn diff(at: &str, a: &Value, b: &Value, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                let path = format!("{at}/{}", pc_model::json::escape_pointer(k));
                match (x.get(k), y.get(k)) {
                    (Some(p), Some(q)) => diff(&path, p, q, out),
                    _ => out.push(path),
                }
            }
        }
        _ if a != b => out.push(at.to_owned()),
        _ => {}
    }
}
