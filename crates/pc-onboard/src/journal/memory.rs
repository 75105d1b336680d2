//! [`MemoryJournal`]: the records in memory.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use chrono::{DateTime, Utc};
use pc_transport::RequestId;

use super::{Journal, JournalError, RowEntry, RowRecord, StepOutcome, StepRecord, StepState};
use crate::row::Step;

/// A journal in memory: for tests, and for a process that retries within itself but need not
/// survive a crash (the records are lost with the process). Clones share the records.
#[derive(Debug, Clone, Default)]
pub struct MemoryJournal {
    rows: std::sync::Arc<Mutex<BTreeMap<String, RowRecord>>>,
}

impl MemoryJournal {
    /// An empty journal.
    pub fn new() -> Self {
        Self::default()
    }

    fn rows(&self) -> MutexGuard<'_, BTreeMap<String, RowRecord>> {
        // Every change below is a single insert or assignment: a panic cannot leave half of one.
        self.rows.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn with_step<T>(
        &self,
        key: &str,
        step: Step,
        f: impl FnOnce(&mut RowRecord) -> Result<T, JournalError>,
    ) -> Result<T, JournalError> {
        let mut rows = self.rows();
        let row = rows
            .get_mut(key)
            .ok_or_else(|| JournalError::msg(format!("no row `{key}` for step {step}")))?;
        f(row)
    }
}

impl Journal for MemoryJournal {
    async fn load(&self) -> Result<Vec<RowRecord>, JournalError> {
        Ok(self.rows().values().cloned().collect())
    }

    async fn record_rows(&self, rows: &[RowEntry], at: DateTime<Utc>) -> Result<(), JournalError> {
        let mut all = self.rows();
        for entry in rows {
            all.entry(entry.key.clone())
                .and_modify(|r| r.entry = entry.clone())
                .or_insert_with(|| RowRecord {
                    entry: entry.clone(),
                    recorded_at: at,
                    steps: Vec::new(),
                });
        }
        Ok(())
    }

    async fn start_step(
        &self,
        key: &str,
        step: Step,
        request_id: Option<RequestId>,
        at: DateTime<Utc>,
    ) -> Result<(), JournalError> {
        self.with_step(key, step, |row| {
            match row.steps.iter_mut().find(|s| s.step == step) {
                Some(s) => {
                    s.state = StepState::InFlight;
                    s.request_id = request_id;
                    s.attempts += 1;
                    s.started_at = at;
                    s.finished_at = None;
                    s.outcome = None;
                }
                None => {
                    row.steps.push(StepRecord {
                        step,
                        state: StepState::InFlight,
                        request_id,
                        attempts: 1,
                        started_at: at,
                        finished_at: None,
                        outcome: None,
                    });
                    row.steps.sort_by_key(|s| s.step);
                }
            }
            Ok(())
        })
    }

    async fn finish_step(
        &self,
        key: &str,
        step: Step,
        state: StepState,
        outcome: &StepOutcome,
        at: DateTime<Utc>,
    ) -> Result<(), JournalError> {
        self.with_step(key, step, |row| {
            let s = row
                .steps
                .iter_mut()
                .find(|s| s.step == step)
                .ok_or_else(|| JournalError::msg(format!("step {step} of `{key}` not started")))?;
            s.state = state;
            if !step.has_request_id() {
                s.request_id = outcome.request_id;
            }
            s.finished_at = Some(at);
            s.outcome = Some(outcome.clone());
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn keeps_the_journal_contract() {
        super::super::contract::check(&MemoryJournal::new()).await;
    }
}
