//! The report: one line per row, from the journal, as CSV or JSON.

use std::collections::BTreeMap;
use std::io::Write;

use pc_model::CustomerTenantId;
use serde::Serialize;
use serde_json::Value;

use crate::input::Problem;
use crate::journal::{PasswordFate, Remedy, RowRecord, StepState};
use crate::row::Step;

/// Where a row stands.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RowStatus {
    /// Every step is done.
    Done,
    /// A step failed; its error's `remedy` says whether a rerun can finish the row.
    Failed,
    /// A step was interrupted; a rerun resumes it with the same `MS-RequestId`.
    InFlight,
    /// Some steps are still to run.
    Pending,
    /// Left out of the run: invalid, a duplicate domain, or changed since it was sent.
    Skipped,
}

impl RowStatus {
    /// `done`, `failed`, `in-flight`, `pending` or `skipped`.
    pub fn name(self) -> &'static str {
        match self {
            RowStatus::Done => "done",
            RowStatus::Failed => "failed",
            RowStatus::InFlight => "in-flight",
            RowStatus::Pending => "pending",
            RowStatus::Skipped => "skipped",
        }
    }
}

/// One step in a report line.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportStep {
    /// Where it stands.
    pub state: StepState,
    /// Its `MS-RequestId` (see [`StepRecord::request_id`](crate::StepRecord::request_id)).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// How many times it was started (more than 1 after an interruption or a retried failure).
    pub attempts: u32,
    /// Found by reading back after an interrupted or ambiguous write.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub reconciled: bool,
    /// `free`, a vetting status, …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// A failure in a report line.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportError {
    /// The step that failed (absent for a skipped row).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<Step>,
    /// The HTTP status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// The service's error code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// What went wrong, control characters escaped.
    pub description: String,
    /// What can finish the row, for a failed one (a skipped row's input must be fixed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remedy: Option<Remedy>,
}

/// One line of the report.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportLine {
    /// The row's line in the input file.
    pub line: usize,
    /// Its domain (lower case).
    pub domain: String,
    /// Where it stands.
    pub status: RowStatus,
    /// The new customer's tenant id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<CustomerTenantId>,
    /// What became of the admin password.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<PasswordFate>,
    /// Each step started, by name.
    pub steps: BTreeMap<Step, ReportStep>,
    /// The failure, for a failed or skipped row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ReportError>,
}

/// The steps a journaled row needs: those of its input, and the vetting wait if it was started.
fn needed(record: &RowRecord) -> Vec<Step> {
    let input: Value = serde_json::from_str(&record.entry.input).unwrap_or(Value::Null);
    let mut steps = vec![Step::Domain, Step::Customer, Step::Readable];
    if input.get("agreement").is_some() {
        steps.push(Step::Agreement);
    }
    if input.get("qualification").is_some() {
        steps.push(Step::Qualification);
        if record.step(Step::Vetting).is_some() {
            steps.push(Step::Vetting);
        }
    }
    steps
}

impl ReportLine {
    /// The line of a journaled row.
    pub fn from_record(record: &RowRecord) -> Self {
        let mut error = None;
        let mut status = RowStatus::Done;
        for s in &record.steps {
            match s.state {
                StepState::Failed => {
                    status = RowStatus::Failed;
                    error =
                        s.outcome
                            .as_ref()
                            .and_then(|o| o.error.as_ref())
                            .map(|e| ReportError {
                                step: Some(s.step),
                                status: e.status,
                                code: e.code.clone(),
                                description: escape_controls(&e.description),
                                remedy: s.remedy(),
                            });
                }
                StepState::InFlight if status != RowStatus::Failed => {
                    status = RowStatus::InFlight;
                }
                _ => {}
            }
        }
        if status == RowStatus::Done
            && !needed(record)
                .iter()
                .all(|n| record.step(*n).is_some_and(|s| s.is_done()))
        {
            status = RowStatus::Pending;
        }
        let steps = record
            .steps
            .iter()
            .map(|s| {
                let outcome = s.outcome.as_ref();
                (
                    s.step,
                    ReportStep {
                        state: s.state,
                        request_id: s.request_id.map(|r| r.to_string()),
                        attempts: s.attempts,
                        reconciled: outcome.is_some_and(|o| o.reconciled),
                        detail: outcome
                            .and_then(|o| o.detail.as_deref())
                            .map(escape_controls),
                    },
                )
            })
            .collect();
        let customer = record.step(Step::Customer).and_then(|s| s.outcome.as_ref());
        ReportLine {
            line: record.entry.line,
            domain: record.entry.key.clone(),
            status,
            customer_id: customer.and_then(|o| o.customer_id),
            password: customer.and_then(|o| o.password),
            steps,
            error,
        }
    }

    /// The line of a row left out of the run, with its problems.
    pub fn skipped(line: usize, domain: Option<String>, problems: &[&Problem]) -> Self {
        let description = problems
            .iter()
            .map(|p| {
                let mut p = (*p).clone();
                p.message = escape_controls(&p.message);
                p.to_string()
            })
            .collect::<Vec<_>>()
            .join("; ");
        ReportLine {
            line,
            domain: domain.unwrap_or_default(),
            status: RowStatus::Skipped,
            customer_id: None,
            password: None,
            steps: BTreeMap::new(),
            error: Some(ReportError {
                step: None,
                status: None,
                code: None,
                description,
                remedy: None,
            }),
        }
    }
}

/// The report of a journal's rows, in line order.
pub fn report(records: &[RowRecord]) -> Vec<ReportLine> {
    let mut lines: Vec<ReportLine> = records.iter().map(ReportLine::from_record).collect();
    lines.sort_by(|a, b| (a.line, &a.domain).cmp(&(b.line, &b.domain)));
    lines
}

/// Counts of rows by status.
pub fn counts(lines: &[ReportLine]) -> BTreeMap<RowStatus, usize> {
    let mut counts = BTreeMap::new();
    for line in lines {
        *counts.entry(line.status).or_insert(0) += 1;
    }
    counts
}

/// The report's CSV columns: the row, then a state (`domainStep`, …) and an `MS-RequestId`
/// (`domainRequestId`, …) column per step, then the failure and its `remedy` (`rerun` or
/// `change-domain`).
pub fn csv_header() -> Vec<String> {
    let mut header: Vec<String> = ["line", "domain", "status", "customerId", "password"]
        .map(str::to_owned)
        .to_vec();
    for step in Step::ALL {
        header.push(format!("{}Step", step.name()));
        header.push(format!("{}RequestId", step.name()));
    }
    header.extend(
        [
            "errorStep",
            "errorStatus",
            "errorCode",
            "errorDescription",
            "remedy",
        ]
        .map(str::to_owned),
    );
    header
}

/// Writes `lines` as CSV (see [`csv_header`]). A step's cell is its state, then `read back`
/// when it was reconciled and its detail, e.g. `done (read back)` or `done: InReview`.
///
/// # Errors
/// An I/O error from `out`.
pub fn write_csv(lines: &[ReportLine], out: impl Write) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(csv_header())
        .map_err(std::io::Error::other)?;
    for l in lines {
        let mut record = vec![
            l.line.to_string(),
            l.domain.clone(),
            l.status.name().to_owned(),
            l.customer_id.map(|c| c.to_string()).unwrap_or_default(),
            l.password.map(|p| p.name().to_owned()).unwrap_or_default(),
        ];
        for step in Step::ALL {
            match l.steps.get(&step) {
                Some(s) => {
                    let mut cell = s.state.name().to_owned();
                    if s.reconciled {
                        cell.push_str(" (read back)");
                    }
                    if let Some(d) = &s.detail {
                        cell.push_str(": ");
                        cell.push_str(d);
                    }
                    record.push(cell);
                    record.push(s.request_id.clone().unwrap_or_default());
                }
                None => record.extend([String::new(), String::new()]),
            }
        }
        match &l.error {
            Some(e) => record.extend([
                e.step.map(|s| s.name().to_owned()).unwrap_or_default(),
                e.status.map(|s| s.to_string()).unwrap_or_default(),
                e.code.clone().unwrap_or_default(),
                e.description.clone(),
                e.remedy.map(|r| r.name().to_owned()).unwrap_or_default(),
            ]),
            None => record.extend(std::iter::repeat_n(String::new(), 5)),
        }
        w.write_record(&record).map_err(std::io::Error::other)?;
    }
    w.flush()
}

/// Writes `lines` as one JSON array.
///
/// # Errors
/// An I/O error from `out`.
pub fn write_json(lines: &[ReportLine], mut out: impl Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut out, lines)?;
    out.write_all(b"\n")
}

/// `text` with control characters (C0, DEL, C1) written as escapes such as `\u{1b}`, so that
/// service text cannot move a terminal's cursor or change its colours.
pub fn escape_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(
            escape_controls("a\u{1b}[31mb\n\u{9b}c é"),
            "a\\u{1b}[31mb\\n\\u{9b}c é"
        );
    }
}
