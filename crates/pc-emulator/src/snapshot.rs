//! What tests can see of an emulator: its data and its counters
//! ([`RunningEmulator::state`](crate::RunningEmulator::state), `GET /_emulator/state`).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};

use pc_model::{Agreement, Customer, CustomerTenantId, Qualification, ValidationCode};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A copy of the emulator's state at one moment. Serialized in camelCase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StateSnapshot {
    /// The configured partner tenant.
    pub partner_tenant_id: Uuid,
    /// Whether a repeated `MS-RequestId` replays the first answer.
    pub replay_enabled: bool,
    /// The request budget per partner tenant and minute; `None` when throttling is off.
    pub rate_limit_per_minute: Option<u32>,
    /// Every customer, in creation order, including those still hidden by the read-after-create
    /// lag. Admin passwords are left out.
    pub customers: Vec<Customer>,
    /// Each customer's confirmed agreements, in creation order.
    pub agreements: BTreeMap<CustomerTenantId, Vec<Agreement>>,
    /// Each customer's qualifications with their vetting status as of now.
    pub qualifications: BTreeMap<CustomerTenantId, Vec<Qualification>>,
    /// The configured partner's GCC validation codes with their `remainingCreates`.
    pub validation_codes: Vec<ValidationCode>,
    /// How many scripted faults are still waiting for a matching request (each `times` counts).
    pub scripted_faults_pending: u64,
    /// How many issued access tokens are held (fixed tokens not counted); at most
    /// [`EmulatorConfig::max_issued_tokens`](crate::EmulatorConfig::max_issued_tokens).
    pub issued_tokens: u64,
    /// How many `MS-RequestId`s are remembered for replay or in use; at most
    /// [`EmulatorConfig::replay_capacity`](crate::EmulatorConfig::replay_capacity) plus the
    /// requests running.
    pub replay_entries: u64,
    /// What happened so far.
    pub counters: Counters,
}

impl StateSnapshot {
    /// The customers whose domain is `domain` (case-insensitive). More than one would be a
    /// duplicate, which the emulator never creates.
    pub fn customers_with_domain(&self, domain: &str) -> Vec<&Customer> {
        self.customers
            .iter()
            .filter(|c| c.domain().is_some_and(|d| d.eq_ignore_ascii_case(domain)))
            .collect()
    }
}

/// Counts of what the emulator did since it started (or was reset).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Counters {
    /// Requests to the API (`/v1/…`) and token endpoints, whatever their outcome.
    pub requests: u64,
    /// Requests to the token endpoints.
    pub token_requests: u64,
    /// Access tokens issued (token endpoints, control API, `issue_token`).
    pub tokens_issued: u64,
    /// Answers replayed for a repeated `MS-RequestId`.
    pub replays: u64,
    /// Requests refused because their `MS-RequestId` was used for a different request.
    pub request_id_conflicts: u64,
    /// Faults injected (scripted or random).
    pub faults_injected: u64,
    /// `429` answers sent.
    pub throttled: u64,
    /// `401` answers sent.
    pub unauthorized: u64,
    /// Customers created.
    pub customers_created: u64,
    /// Agreements confirmed.
    pub agreements_created: u64,
    /// Qualifications created.
    pub qualifications_created: u64,
}

/// The live counters behind [`Counters`].
#[derive(Debug, Default)]
pub(crate) struct LiveCounters {
    pub(crate) requests: AtomicU64,
    pub(crate) token_requests: AtomicU64,
    pub(crate) tokens_issued: AtomicU64,
    pub(crate) replays: AtomicU64,
    pub(crate) request_id_conflicts: AtomicU64,
    pub(crate) faults_injected: AtomicU64,
    pub(crate) throttled: AtomicU64,
    pub(crate) unauthorized: AtomicU64,
    pub(crate) customers_created: AtomicU64,
    pub(crate) agreements_created: AtomicU64,
    pub(crate) qualifications_created: AtomicU64,
}

/// Adds one.
pub(crate) fn bump(counter: &AtomicU64) {
    counter.fetch_add(1, Ordering::Relaxed);
}

impl LiveCounters {
    pub(crate) fn read(&self) -> Counters {
        let get = |c: &AtomicU64| c.load(Ordering::Relaxed);
        Counters {
            requests: get(&self.requests),
            token_requests: get(&self.token_requests),
            tokens_issued: get(&self.tokens_issued),
            replays: get(&self.replays),
            request_id_conflicts: get(&self.request_id_conflicts),
            faults_injected: get(&self.faults_injected),
            throttled: get(&self.throttled),
            unauthorized: get(&self.unauthorized),
            customers_created: get(&self.customers_created),
            agreements_created: get(&self.agreements_created),
            qualifications_created: get(&self.qualifications_created),
        }
    }

    pub(crate) fn reset(&self) {
        for c in [
            &self.requests,
            &self.token_requests,
            &self.tokens_issued,
            &self.replays,
            &self.request_id_conflicts,
            &self.faults_injected,
            &self.throttled,
            &self.unauthorized,
            &self.customers_created,
            &self.agreements_created,
            &self.qualifications_created,
        ] {
            c.store(0, Ordering::Relaxed);
        }
    }
}
