//! Onboarding against the emulator: a full run, a rerun that sends nothing, steps resumed after
//! an interruption (sent again with their journaled `MS-RequestId` and read back, with the
//! service's replay off and on), passwords written once, and rows changed after they were sent.

#![allow(clippy::unwrap_used)]

mod common;

use std::sync::{Arc, Mutex};

use chrono::Utc;
use pc_client::{Client, RequestId};
use pc_emulator::RunningEmulator;
use pc_onboard::report::{self, RowStatus};
use pc_onboard::{
    CredentialsFile, DiscardPasswords, Event, Format, Journal, MemoryJournal, Onboarding,
    PasswordFate, PasswordSink, Row, SqliteJournal, Step, StepOutcome, StepState, Summary,
};

use common::{client, emulator, example, jsonl_row, rows};

const SOE: &str = r#"{"qualification":"StateOwnedEntity"}"#;

/// Runs `rows` and returns the summary and the events, serialized.
async fn run<J: Journal>(
    onboarding: &Onboarding<J>,
    rows: Vec<(usize, Row)>,
) -> (Summary, Vec<String>) {
    let plan = onboarding.prepare(rows).await.unwrap();
    assert!(plan.refused().is_empty(), "{:?}", plan.refused());
    let events = Mutex::new(Vec::new());
    let summary = onboarding
        .run(plan, &|e: &Event| {
            events
                .lock()
                .unwrap()
                .push(serde_json::to_string(e).unwrap())
        })
        .await
        .unwrap();
    (summary, events.into_inner().unwrap())
}

fn passwords_in(path: &std::path::Path) -> Vec<(String, String)> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_owned(), r[3].to_owned())
        })
        .collect()
}

fn assert_onboarded_once(emulator: &RunningEmulator, rows: &[(usize, Row)]) {
    let state = emulator.state();
    assert_eq!(state.customers.len(), rows.len());
    for (_, row) in rows {
        let found = state.customers_with_domain(row.domain());
        assert_eq!(found.len(), 1, "{}", row.domain());
        let id = found[0].tenant_id().unwrap();
        if row.agreement.is_some() {
            assert_eq!(state.agreements.get(&id).map(Vec::len), Some(1));
        }
        if let Some(q) = &row.qualification {
            let qs = &state.qualifications[&id];
            assert_eq!(qs.len(), 1);
            assert_eq!(qs[0].qualification.as_ref(), Some(&q.kind()));
        }
    }
}

#[tokio::test]
async fn onboards_the_example_and_a_rerun_sends_nothing() {
    let emulator = emulator().await;
    let dir = tempfile::tempdir().unwrap();
    let creds = dir.path().join("passwords.csv");
    let journal_path = dir.path().join("customers.journal");
    let rows = rows(&example("customers.jsonl"), Format::JsonLines);
    let onboarding = Onboarding::new(
        client(&emulator),
        SqliteJournal::open(&journal_path).unwrap(),
        Arc::new(CredentialsFile::open(&creds).unwrap()),
    )
    .wait_vetting(true);
    let (summary, events) = run(&onboarding, rows.clone()).await;
    assert_eq!(summary.done, 3, "{events:#?}");
    assert!(summary.is_complete());
    assert_onboarded_once(&emulator, &rows);

    // Every password is in the file, once, and nowhere else.
    let passwords = passwords_in(&creds);
    assert_eq!(passwords.len(), 3);
    let journal_file = std::fs::read(&journal_path).unwrap();
    let journal_text = String::from_utf8_lossy(&journal_file);
    for (domain, password) in &passwords {
        assert!(!password.is_empty());
        assert!(
            events.iter().all(|e| !e.contains(password.as_str())),
            "{domain}"
        );
        assert!(!journal_text.contains(password.as_str()), "{domain}");
    }
    assert!(events.iter().any(|e| e.contains(r#""event":"row-done""#)));

    let records = onboarding.journal().load().await.unwrap();
    let report = report::report(&records);
    assert!(report.iter().all(|l| l.status == RowStatus::Done));
    assert!(
        report
            .iter()
            .all(|l| l.password == Some(PasswordFate::Stored) && l.steps.len() == 6)
    );
    let vetted = report[0].steps[&Step::Vetting].detail.as_deref();
    assert_eq!(vetted, Some("Approved"));

    // A rerun sends nothing.
    let before = emulator.state().counters.requests;
    let (summary, events) = run(&onboarding, rows).await;
    assert_eq!((summary.already_done, summary.done), (3, 0));
    assert_eq!(events.len(), 1, "only the start: {events:?}");
    assert_eq!(emulator.state().counters.requests, before);
}

/// A journal where `row`'s `step` is in flight with `request_id` and the steps before it are
/// done (the customer step with `customer`), as a run killed right after sending `step` leaves it.
async fn interrupted_at<J: Journal>(
    onboarding: &Onboarding<J>,
    row: &(usize, Row),
    step: Step,
    request_id: RequestId,
    customer: Option<pc_model::CustomerTenantId>,
) {
    onboarding.prepare(vec![row.clone()]).await.unwrap();
    let key = row.1.key();
    let journal = onboarding.journal();
    for done in row.1.steps(false).into_iter().take_while(|s| *s != step) {
        journal
            .start_step(&key, done, None, Utc::now())
            .await
            .unwrap();
        let outcome = StepOutcome {
            customer_id: customer.filter(|_| done == Step::Customer),
            ..StepOutcome::default()
        };
        journal
            .finish_step(&key, done, StepState::Done, &outcome, Utc::now())
            .await
            .unwrap();
    }
    journal
        .start_step(&key, step, Some(request_id), Utc::now())
        .await
        .unwrap();
}

/// The customer the interrupted run's request created.
async fn create_first(client: &Client, row: &Row, request_id: RequestId) -> String {
    let created = client
        .create_customer(row.customer.clone())
        .request_id(request_id)
        .await
        .unwrap();
    created
        .user_credentials
        .as_ref()
        .and_then(|c| c.password.as_ref())
        .unwrap()
        .expose()
        .to_owned()
}

#[tokio::test]
async fn an_interrupted_create_is_resent_with_its_id_and_read_back() {
    for replay in [false, true] {
        let emulator = emulator().await;
        emulator.set_replay(replay);
        let client = client(&emulator);
        let dir = tempfile::tempdir().unwrap();
        let creds = Arc::new(CredentialsFile::open(dir.path().join("p.csv")).unwrap());
        let row = rows(&jsonl_row("resumed", SOE), Format::JsonLines).remove(0);
        let onboarding = Onboarding::new(client.clone(), MemoryJournal::new(), creds.clone());
        let request_id = RequestId::new_v4();
        interrupted_at(&onboarding, &row, Step::Customer, request_id, None).await;
        let password = create_first(&client, &row.1, request_id).await;

        let (summary, events) = run(&onboarding, vec![row.clone()]).await;
        assert_eq!(summary.done, 1, "replay {replay}: {events:#?}");
        assert_onboarded_once(&emulator, std::slice::from_ref(&row));
        assert_eq!(emulator.state().counters.customers_created, 1);
        let record = onboarding.journal().load().await.unwrap().remove(0);
        let step = record.step(Step::Customer).unwrap();
        assert_eq!(step.request_id, Some(request_id), "the same MS-RequestId");
        assert_eq!(step.attempts, 2);
        let outcome = step.outcome.as_ref().unwrap();
        if replay {
            // The service answered the resent request as the first time: the password came back.
            assert!(!outcome.reconciled);
            assert_eq!(outcome.password, Some(PasswordFate::Stored));
            assert_eq!(passwords_in(creds.path()), [(row.1.key(), password)]);
        } else {
            // Refused as a duplicate, then found by reading back: no password to be had.
            assert!(outcome.reconciled);
            assert_eq!(outcome.password, Some(PasswordFate::NotReceived));
            assert_eq!(summary.passwords_not_received, 1);
            assert!(passwords_in(creds.path()).is_empty());
        }
    }
}

#[tokio::test]
async fn a_password_written_before_the_crash_is_not_written_again() {
    for replay in [false, true] {
        let emulator = emulator().await;
        emulator.set_replay(replay);
        let client = client(&emulator);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.csv");
        let row = rows(&jsonl_row("stored", SOE), Format::JsonLines).remove(0);
        let request_id = RequestId::new_v4();
        let password = create_first(&client, &row.1, request_id).await;
        // The killed run had written the password, not yet the step's outcome.
        let creds = Arc::new(CredentialsFile::open(&path).unwrap());
        creds
            .store(&pc_onboard::NewTenantCredentials {
                domain: &row.1.key(),
                customer_id: None,
                user_name: None,
                password: &pc_model::Secret::new(password.clone()),
            })
            .unwrap();
        let onboarding = Onboarding::new(client, MemoryJournal::new(), creds);
        interrupted_at(&onboarding, &row, Step::Customer, request_id, None).await;
        let (summary, _) = run(&onboarding, vec![row.clone()]).await;
        assert_eq!(summary.done, 1);
        assert_eq!(summary.passwords_not_received, 0, "replay {replay}");
        assert_eq!(passwords_in(&path), [(row.1.key(), password)]);
    }
}

#[tokio::test]
async fn interrupted_agreements_and_qualifications_are_read_back() {
    for step in [Step::Agreement, Step::Qualification] {
        let emulator = emulator().await;
        let client = client(&emulator);
        let row = rows(&jsonl_row("later", SOE), Format::JsonLines).remove(0);
        let onboarding = Onboarding::new(
            client.clone(),
            MemoryJournal::new(),
            Arc::new(DiscardPasswords),
        );
        // What the interrupted run did: the customer, the agreement if `step` comes after it,
        // then `step`'s request, applied by the service.
        let customer = client
            .create_customer(row.1.customer.clone())
            .await
            .unwrap()
            .tenant_id()
            .unwrap();
        let a = row.1.agreement.as_ref().unwrap();
        let confirm = |request_id: RequestId| {
            client
                .confirm_customer_agreement(customer, a.primary_contact.clone(), a.date_agreed)
                .request_id(request_id)
        };
        let request_id = RequestId::new_v4();
        if step == Step::Agreement {
            confirm(request_id).await.unwrap();
        } else {
            confirm(RequestId::new_v4()).await.unwrap();
            client
                .create_qualification(customer, row.1.qualification.clone().unwrap())
                .request_id(request_id)
                .await
                .unwrap();
        }
        interrupted_at(&onboarding, &row, step, request_id, Some(customer)).await;

        let (summary, events) = run(&onboarding, vec![row.clone()]).await;
        assert_eq!(summary.done, 1, "{step}: {events:#?}");
        assert_onboarded_once(&emulator, std::slice::from_ref(&row));
        let record = onboarding.journal().load().await.unwrap().remove(0);
        let s = record.step(step).unwrap();
        assert_eq!(s.request_id, Some(request_id));
        assert!(s.outcome.as_ref().unwrap().reconciled, "{step}");
    }
}

#[tokio::test]
async fn a_row_changed_after_its_customer_was_sent_is_refused() {
    let emulator = emulator().await;
    let onboarding = Onboarding::new(
        client(&emulator),
        MemoryJournal::new(),
        Arc::new(DiscardPasswords),
    );
    let sent = rows(&jsonl_row("sent", SOE), Format::JsonLines);
    run(&onboarding, sent.clone()).await;
    // Recorded only: a changed row that was never sent is simply taken as it is now.
    let unsent = rows(&jsonl_row("unsent", SOE), Format::JsonLines);
    onboarding.prepare(unsent.clone()).await.unwrap();

    let edited = |rows: &[(usize, Row)], line: usize| {
        let mut rows = rows.to_vec();
        rows[0].0 = line;
        rows[0].1.customer.billing_profile.email = "new@example.com".to_owned();
        rows
    };
    let plan = onboarding
        .prepare([edited(&sent, 7), edited(&unsent, 8)].concat())
        .await
        .unwrap();
    let refused: Vec<String> = plan.refused().iter().map(ToString::to_string).collect();
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(
        refused[0].starts_with(
            "row 7: /customer/billingProfile/email: changed since its customer was sent on "
        ),
        "{}",
        refused[0]
    );
    assert_eq!(plan.rows(), 1);
    let records = onboarding.journal().load().await.unwrap();
    let unsent_record = records
        .iter()
        .find(|r| r.entry.key == "unsent.onmicrosoft.com")
        .unwrap();
    assert!(unsent_record.entry.input.contains("new@example.com"));
    assert_eq!(unsent_record.entry.line, 8);
    let sent_record = records
        .iter()
        .find(|r| r.entry.key == "sent.onmicrosoft.com")
        .unwrap();
    assert!(!sent_record.entry.input.contains("new@example.com"));
}

#[tokio::test]
async fn a_taken_domain_fails_its_row_and_the_others_go_on() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let taken = rows(&jsonl_row("taken", SOE), Format::JsonLines).remove(0);
    client
        .create_customer(taken.1.customer.clone())
        .await
        .unwrap();
    let free = rows(&jsonl_row("free", SOE), Format::JsonLines).remove(0);
    let onboarding = Onboarding::new(client, MemoryJournal::new(), Arc::new(DiscardPasswords));
    let (summary, events) = run(&onboarding, vec![taken, free]).await;
    assert_eq!((summary.done, summary.failed), (1, 1), "{events:#?}");
    assert!(!summary.is_complete());
    let report = report::report(&onboarding.journal().load().await.unwrap());
    let failed = report
        .iter()
        .find(|l| l.status == RowStatus::Failed)
        .unwrap();
    let error = failed.error.as_ref().unwrap();
    assert_eq!(error.step, Some(Step::Domain));
    assert!(error.description.contains("taken"), "{error:?}");
    assert_eq!(emulator.state().customers.len(), 2);
}
