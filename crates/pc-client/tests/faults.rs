//! The onboarding flow, run 220 times (eight at a time) against an emulator injecting random
//! faults (including "connection closed after the change was made"), with the service's replay
//! on and off. Every run succeeds or fails with a typed error; the emulator never holds a duplicate customer,
//! agreement or qualification; and whatever the client reported as created exists.

#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::Utc;
use futures::StreamExt;
use pc_client::{Client, Error, ErrorKind};
use pc_emulator::fault::{Fault, FaultKind};
use pc_emulator::{DEFAULT_RESELLER_ID, GccValidationCode, RunningEmulator};
use pc_model::{
    AgreementType, CreateQualificationRequest, CustomerTenantId, EducationSegment,
    QualificationKind,
};

use common::{contact, new_customer, quick_config, start};

const RUNS_PER_MODE: usize = 110;
const CONCURRENT_RUNS: usize = 8;

/// What one run achieved before it stopped.
#[derive(Debug, Default)]
struct Run {
    domain: String,
    customer: Option<CustomerTenantId>,
    agreement_confirmed: bool,
    qualifications: Vec<QualificationKind>,
    /// The step that failed, and whether the client said the request may have been sent.
    failure: Option<(&'static str, bool)>,
    reconciled: u32,
}

fn faults() -> Vec<Fault> {
    vec![
        Fault::before(FaultKind::InternalError),
        Fault::after(FaultKind::InternalError),
        Fault::before(FaultKind::Unavailable {
            retry_after_secs: 1,
        }),
        Fault::before(FaultKind::NonJsonError),
        Fault::before(FaultKind::Delay(Duration::from_millis(400))),
        Fault::after(FaultKind::Delay(Duration::from_millis(400))),
        Fault::before(FaultKind::CloseConnection),
        Fault::after(FaultKind::CloseConnection),
        Fault::after(FaultKind::CloseConnection),
        Fault::before(FaultKind::TruncatedBody),
    ]
}

fn record<T>(
    run: &mut Run,
    step: &'static str,
    result: Result<pc_client::Response<T>, Error>,
) -> Option<pc_client::Response<T>> {
    match result {
        Ok(r) => {
            run.reconciled += u32::from(r.reconciled);
            Some(r)
        }
        Err(e) => {
            // A typed error that says what happened; never a panic.
            assert!(!e.to_string().is_empty());
            assert!(
                matches!(
                    e.kind(),
                    ErrorKind::Connection
                        | ErrorKind::Timeout
                        | ErrorKind::Service
                        | ErrorKind::Decode
                        | ErrorKind::Credential
                        | ErrorKind::VettingDeadline
                ),
                "{step}: {e:?}"
            );
            run.failure = Some((step, e.may_have_been_sent()));
            None
        }
    }
}

async fn onboard(client: &Client, domain_prefix: &str, code: &str) -> Run {
    let mut run = Run {
        domain: format!("{domain_prefix}.onmicrosoft.com"),
        ..Run::default()
    };
    let attempt = async {
        record(
            &mut run,
            "check domain",
            client
                .check_domain(&format!("{domain_prefix}.onmicrosoft.com"))
                .await,
        )?;
        let created = record(
            &mut run,
            "create customer",
            client
                .create_customer_for_reseller(DEFAULT_RESELLER_ID, new_customer(domain_prefix))
                .await,
        )?;
        let id = created.tenant_id().unwrap();
        run.customer = Some(id);
        record(
            &mut run,
            "confirm agreement",
            client
                .confirm_customer_agreement(id, contact(), Utc::now())
                .await,
        )?;
        run.agreement_confirmed = true;
        let education = CreateQualificationRequest::education(EducationSegment::K12);
        record(
            &mut run,
            "create education",
            client.create_qualification(id, education).await,
        )?;
        run.qualifications.push(QualificationKind::Education);
        record(
            &mut run,
            "wait for vetting",
            client
                .wait_for_vetting(id, QualificationKind::Education)
                .await,
        )?;
        let gcc = CreateQualificationRequest::government_community_cloud(code);
        record(
            &mut run,
            "create gcc",
            client.create_qualification(id, gcc).await,
        )?;
        run.qualifications
            .push(QualificationKind::GovernmentCommunityCloud);
        record(
            &mut run,
            "list agreements",
            client
                .list_agreements(id, Some(AgreementType::MicrosoftCustomerAgreement))
                .await,
        )?;
        record(
            &mut run,
            "list qualifications",
            client.list_qualifications(id).await,
        )?;
        Some(())
    };
    let _ = attempt.await;
    run
}

fn check_state(emulator: &RunningEmulator, runs: &[Run]) {
    let state = emulator.state();
    let mut per_domain: BTreeMap<String, usize> = BTreeMap::new();
    for c in &state.customers {
        *per_domain
            .entry(c.domain().unwrap().to_ascii_lowercase())
            .or_default() += 1;
    }
    assert!(
        per_domain.values().all(|&n| n == 1),
        "duplicate customers: {per_domain:?}"
    );
    for (customer, agreements) in &state.agreements {
        assert!(
            agreements.len() <= 1,
            "{customer}: {} agreements",
            agreements.len()
        );
    }
    for (customer, qualifications) in &state.qualifications {
        let mut kinds: Vec<_> = qualifications
            .iter()
            .map(|q| q.qualification.clone().unwrap().to_string())
            .collect();
        let n = kinds.len();
        kinds.sort();
        kinds.dedup();
        assert_eq!(
            kinds.len(),
            n,
            "{customer}: duplicate qualifications {kinds:?}"
        );
    }
    for run in runs {
        let stored = state.customers_with_domain(&run.domain);
        let Some(id) = run.customer else {
            // A customer that exists although its create failed was flagged as possibly sent,
            // so the caller knew to look.
            if !stored.is_empty() {
                assert_eq!(
                    run.failure,
                    Some(("create customer", true)),
                    "{}",
                    run.domain
                );
            }
            continue;
        };
        // Nothing the client reported as created is missing...
        assert_eq!(stored.len(), 1, "{}", run.domain);
        assert_eq!(stored[0].tenant_id(), Some(id));
        let agreements = state.agreements.get(&id).map_or(0, Vec::len);
        if run.agreement_confirmed {
            assert_eq!(agreements, 1, "{}", run.domain);
        } else if agreements > 0 {
            // ...and what exists although its write failed was flagged as possibly sent.
            assert_eq!(
                run.failure,
                Some(("confirm agreement", true)),
                "{}",
                run.domain
            );
        }
        let stored_kinds: Vec<QualificationKind> =
            state.qualifications.get(&id).map_or(Vec::new(), |qs| {
                qs.iter().filter_map(|q| q.qualification.clone()).collect()
            });
        for kind in &run.qualifications {
            assert!(
                stored_kinds.contains(kind),
                "{}: {kind} missing",
                run.domain
            );
        }
        for kind in stored_kinds
            .iter()
            .filter(|k| !run.qualifications.contains(k))
        {
            let step = if *kind == QualificationKind::Education {
                "create education"
            } else {
                "create gcc"
            };
            assert_eq!(run.failure, Some((step, true)), "{}: {kind}", run.domain);
        }
    }
}

/// Short attempts, so that delayed answers time out and are retried; quick vetting polls.
fn fast(builder: pc_client::ClientBuilder) -> pc_client::ClientBuilder {
    builder
        .timeouts(pc_transport::Timeouts {
            connect: Duration::from_secs(1),
            attempt: Duration::from_millis(150),
            operation: Duration::from_secs(5),
        })
        .retry(pc_transport::RetryPolicy {
            max_attempts: 5,
            ..common::quick_retry()
        })
        .vetting_poll(
            Duration::from_millis(1),
            Duration::from_millis(5),
            Duration::from_secs(2),
        )
}

async fn run_mode(replay: bool, seed: u64) -> (Vec<Run>, pc_emulator::Counters) {
    let config = quick_config()
        .with_replay(replay)
        .with_random_faults(seed, 0.2, faults())
        .with_gcc_validation_codes([GccValidationCode::new(
            "123456",
            "Contoso Government",
            10_000,
        )]);
    let emulator = start(config).await;
    let (client, _) = common::client_with(&emulator, fast);
    // Runs go CONCURRENT_RUNS at a time: the time is spent waiting for delayed answers to time
    // out, and concurrent runs also share the token cache, the template cache and the GCC code.
    let runs: Vec<Run> = futures::stream::iter(0..RUNS_PER_MODE)
        .map(|i| {
            let prefix = format!("fault{}{i}", if replay { "r" } else { "n" });
            let client = &client;
            async move { onboard(client, &prefix, "123456").await }
        })
        .buffer_unordered(CONCURRENT_RUNS)
        .collect()
        .await;
    check_state(&emulator, &runs);
    let counters = emulator.state().counters;
    emulator.shutdown().await;
    (runs, counters)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn onboarding_survives_random_faults_with_and_without_replay() {
    let (with_replay, c1) = run_mode(true, 7).await;
    let (without_replay, c2) = run_mode(false, 11).await;
    let all: Vec<&Run> = with_replay.iter().chain(&without_replay).collect();
    assert!(all.len() >= 200);

    // The faults really happened, and were really survived.
    assert!(
        c1.faults_injected > 50 && c2.faults_injected > 50,
        "{c1:?} {c2:?}"
    );
    assert!(c1.replays > 0, "replay was exercised: {c1:?}");
    let reconciled: u32 = without_replay.iter().map(|r| r.reconciled).sum();
    assert!(reconciled > 0, "reconciliation was exercised");
    let completed = all.iter().filter(|r| r.failure.is_none()).count();
    assert!(
        completed * 10 >= all.len() * 8,
        "only {completed} of {} runs completed",
        all.len()
    );
}
