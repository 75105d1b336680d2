//! Every call ends by its deadline, reconciliation included: against a server that never answers,
//! drips its body or sends `100 Continue` forever, the write's attempts use up the call's time
//! limit and the read-back gets only what is left (at least the grace, a tenth of the limit), not
//! a fresh time limit of its own.
//!
//! The network waits are real (short) timers; the tests assert on what the server saw, which
//! does not depend on the machine's speed: with 300 ms attempts and a 1 s limit, the read-back's
//! 100 ms grace leaves room for one read request, where a fresh limit would make three or four.

#![allow(clippy::unwrap_used)]

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use chrono::Utc;
use pc_client::{Client, Error};
use pc_model::{CustomerTenantId, ResellerTenantId};
use pc_transport::{StaticToken, TimeoutKind, Timeouts, TokenKind};

use common::misbehaving::{Behaviour, Server};
use common::{contact, new_customer, quick_retry};

const METADATA: &str = r#"{"totalCount":1,"items":[{"templateId":"117a77b0-9360-443b-8795-c6dedc750cf9","agreementType":"MicrosoftCustomerAgreement","versionRank":0}]}"#;

/// A client of `server` with 300 ms attempts and a 1 s limit per call.
fn client(server: &Server) -> Client {
    Client::builder(StaticToken::new("t").with_kind(TokenKind::AppAndUser))
        .base_url(server.url())
        .retry(quick_retry())
        .timeouts(Timeouts {
            connect: Duration::from_secs(2),
            attempt: Duration::from_millis(300),
            operation: Duration::from_secs(1),
        })
        .build()
        .unwrap()
}

/// The call failed with the write's timeout, which ran into the call's deadline.
fn assert_deadline(err: &Error) {
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(err.timeout_kind(), Some(TimeoutKind::Operation), "{err:?}");
    assert!(err.may_have_been_sent());
}

/// Creates a customer for a reseller against a server that treats every request as `behaviour`;
/// returns the error and the server.
async fn create_against(behaviour: Behaviour) -> (Error, Server) {
    let server = Server::start(move |_, _| behaviour).await;
    let client = client(&server);
    let reseller: ResellerTenantId = "484e548c-f5f3-4528-93a9-c16c6373cb59".parse().unwrap();
    let err = client
        .create_customer_for_reseller(reseller, new_customer("silent"))
        .await
        .unwrap_err();
    (err, server)
}

fn assert_create_bounded(err: &Error, server: &Server) {
    assert_deadline(err);
    let writes = server.count("POST", "/v1/customers");
    let reads = server.count("GET", "/v1/customers?");
    assert!(writes >= 1, "{:?}", server.seen());
    // The read-back happened, within the grace: one request at most.
    assert!(reads <= 1, "{:?}", server.seen());
    assert_eq!(writes + reads, server.seen().len(), "{:?}", server.seen());
}

#[tokio::test]
async fn a_create_against_a_silent_server_ends_by_its_deadline_read_back_included() {
    let (err, server) = create_against(Behaviour::Silent).await;
    assert_create_bounded(&err, &server);
}

#[tokio::test]
async fn a_create_against_a_dripping_body_ends_by_its_deadline_read_back_included() {
    let (err, server) = create_against(Behaviour::Drip).await;
    assert_create_bounded(&err, &server);
}

#[tokio::test]
async fn a_create_against_endless_100_continue_ends_by_its_deadline_read_back_included() {
    let (err, server) = create_against(Behaviour::EndlessContinue).await;
    assert_create_bounded(&err, &server);
}

#[tokio::test]
async fn a_slow_template_lookup_counts_against_the_confirmation_and_its_read_back() {
    // The template lookup's first two attempts get no answer (600 ms of the 1 s limit), the
    // third an answer; the confirmation and the read-back are met with silence.
    let lookups = AtomicUsize::new(0);
    let server = Server::start(move |method, target| {
        if method == "GET" && target.starts_with("/v1/agreements") {
            if lookups.fetch_add(1, Ordering::SeqCst) < 2 {
                Behaviour::Silent
            } else {
                Behaviour::AnswerAfter(Duration::ZERO, METADATA)
            }
        } else {
            Behaviour::Silent
        }
    })
    .await;
    let client = client(&server);
    let customer = CustomerTenantId::new_v4();
    let err = client
        .confirm_customer_agreement(customer, contact(), Utc::now())
        .await
        .unwrap_err();
    assert_deadline(&err);
    assert_eq!(
        server.count("GET", "/v1/agreements"),
        3,
        "{:?}",
        server.seen()
    );
    let route = format!("/v1/customers/{customer}/agreements");
    // 400 ms were left for the confirmation: two 300 ms attempts at most (a fresh limit: four).
    let writes = server.count("POST", &route);
    assert!((1..=2).contains(&writes), "{:?}", server.seen());
    assert!(server.count("GET", &route) <= 1, "{:?}", server.seen());
}

#[tokio::test]
async fn a_qualification_read_back_gets_only_the_time_left() {
    let server = Server::start(|_, _| Behaviour::Silent).await;
    let client = client(&server);
    let customer = CustomerTenantId::new_v4();
    let err = client
        .create_qualification(
            customer,
            pc_model::CreateQualificationRequest::StateOwnedEntity,
        )
        .await
        .unwrap_err();
    assert_deadline(&err);
    let route = format!("/v1/customers/{customer}/qualifications");
    assert!(server.count("POST", &route) >= 1, "{:?}", server.seen());
    assert!(server.count("GET", &route) <= 1, "{:?}", server.seen());
}

#[tokio::test]
async fn a_shorter_call_timeout_bounds_the_read_back_too() {
    // The per-call limit (what `pc --timeout` sets), not the transport's, is the deadline.
    let server = Server::start(|_, _| Behaviour::Silent).await;
    let client = Client::builder(StaticToken::new("t"))
        .base_url(server.url())
        .retry(quick_retry())
        .timeouts(Timeouts {
            connect: Duration::from_secs(2),
            attempt: Duration::from_millis(300),
            operation: Duration::from_secs(60),
        })
        .build()
        .unwrap();
    let err = client
        .create_customer(new_customer("limited"))
        .timeout(Duration::from_secs(1))
        .await
        .unwrap_err();
    assert_deadline(&err);
    assert!(
        server.count("GET", "/v1/customers?") <= 1,
        "{:?}",
        server.seen()
    );
}

#[tokio::test]
async fn a_call_waiting_for_another_calls_template_lookup_ends_by_its_own_deadline() {
    // The first call looks the template up under a 10 s limit and meets silence; a second call
    // with a 300 ms limit must not wait for that lookup past its own deadline.
    let server = Server::start(|_, _| Behaviour::Silent).await;
    let client = Client::builder(StaticToken::new("t").with_kind(TokenKind::AppAndUser))
        .base_url(server.url())
        .retry(quick_retry())
        .timeouts(Timeouts {
            connect: Duration::from_secs(2),
            attempt: Duration::from_secs(10),
            operation: Duration::from_secs(10),
        })
        .build()
        .unwrap();
    let customer = CustomerTenantId::new_v4();
    let first = tokio::spawn({
        let client = client.clone();
        async move {
            client
                .confirm_customer_agreement(customer, contact(), Utc::now())
                .await
        }
    });
    // Let the first call start its lookup.
    while server.count("GET", "/v1/agreements") == 0 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let err = client
        .confirm_customer_agreement(customer, contact(), Utc::now())
        .timeout(Duration::from_millis(300))
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(!err.may_have_been_sent(), "{err:?}");
    // The first call is still waiting for its answer.
    assert!(!first.is_finished());
    assert_eq!(server.count("GET", "/v1/agreements"), 1);
    first.abort();
}
