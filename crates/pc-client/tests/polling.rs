//! Polling (`wait_for_vetting`, `wait_for_customer`) sleeps through the transport's clock: with a
//! [`ManualClock`] the waits are recorded and take no real time, so these tests use the client's
//! default schedules (minutes long) and never sleep.

#![allow(clippy::unwrap_used)]

mod common;

use std::sync::Arc;
use std::time::Duration;

use pc_client::{Client, ErrorKind, PollSchedule};
use pc_model::{
    CreateQualificationRequest, CustomerTenantId, EducationSegment, QualificationKind,
    VettingStatus,
};
use pc_transport::{ManualClock, StaticToken};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use common::{client_with, new_customer, quick_config, start};

/// A client of `emulator` with the default poll schedules and a manual clock.
fn manual_client(emulator: &pc_emulator::RunningEmulator) -> (Client, ManualClock) {
    let clock = ManualClock::new();
    let shared = clock.clone();
    let (client, _) = client_with(emulator, move |b| {
        let v = PollSchedule::VETTING;
        let c = PollSchedule::CUSTOMER;
        b.vetting_poll(v.first, v.max, v.deadline)
            .customer_poll(c.first, c.max, c.deadline)
            .transport(|t| t.clock(Arc::new(shared)))
    });
    (client, clock)
}

/// A new customer `<prefix>.onmicrosoft.com` with a K12 Education qualification requested; the
/// emulator's vetting rule reads the prefix (`deny…`, `pending…`).
async fn customer_with_education(client: &Client, prefix: &str) -> CustomerTenantId {
    let id = client
        .create_customer(new_customer(prefix))
        .await
        .unwrap()
        .tenant_id()
        .unwrap();
    client
        .create_qualification(
            id,
            CreateQualificationRequest::education(EducationSegment::K12),
        )
        .await
        .unwrap();
    id
}

#[tokio::test]
async fn vetting_can_end_denied_with_a_reason() {
    let emulator = start(quick_config()).await;
    let (client, clock) = manual_client(&emulator);
    let id = customer_with_education(&client, "denyacademy").await;
    let q = client
        .wait_for_vetting(id, QualificationKind::Education)
        .await
        .unwrap();
    assert_eq!(q.vetting_status, Some(VettingStatus::Denied));
    assert_eq!(
        q.vetting_reason.as_deref(),
        Some("Not an Education Customer")
    );
    // Settled at the first read: no wait at all.
    assert_eq!(clock.sleeps(), Vec::<Duration>::new());
}

#[tokio::test]
async fn vetting_that_never_ends_hits_the_deadline_with_the_last_state() {
    let emulator = start(quick_config()).await;
    let (client, clock) = manual_client(&emulator);
    let id = customer_with_education(&client, "pendingschool").await;
    let err = client
        .wait_for_vetting(id, QualificationKind::Education)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::VettingDeadline, "{err:?}");
    assert_eq!(
        err.qualification_kind(),
        Some(&QualificationKind::Education)
    );
    assert_eq!(
        err.last_seen().and_then(|q| q.vetting_status.clone()),
        Some(VettingStatus::InReview)
    );
    // The whole 15-minute schedule went through the clock: 5 s growing by half to 1 min.
    let sleeps = clock.sleeps();
    assert_eq!(
        sleeps[..3],
        [5_000, 7_500, 11_250].map(Duration::from_millis)
    );
    assert_eq!(sleeps.iter().max(), Some(&Duration::from_secs(60)));
    assert_eq!(
        sleeps.iter().sum::<Duration>(),
        PollSchedule::VETTING.deadline
    );
}

/// A qualification list that says `InReview` twice, then `Approved`.
async fn vetting_server(customer: CustomerTenantId) -> MockServer {
    let server = MockServer::start().await;
    let list = |status: &str| {
        format!(
            r#"[{{"qualification":"Education","vettingStatus":"{status}","vettingCreatedDate":"2024-01-01T00:00:00Z"}}]"#
        )
    };
    let route = format!("/v1/customers/{customer}/qualifications");
    Mock::given(method("GET"))
        .and(path(route.as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_raw(list("InReview"), "application/json"))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(route.as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_raw(list("Approved"), "application/json"))
        .mount(&server)
        .await;
    server
}

fn wiremock_client(server: &MockServer, clock: &ManualClock) -> Client {
    let clock = clock.clone();
    Client::builder(StaticToken::new("test-token"))
        .base_url(&server.uri())
        .transport(|t| t.clock(Arc::new(clock)))
        .build()
        .unwrap()
}

#[tokio::test]
async fn vetting_is_polled_on_the_clock_until_it_settles() {
    let customer = CustomerTenantId::new_v4();
    let server = vetting_server(customer).await;
    let clock = ManualClock::new();
    let client = wiremock_client(&server, &clock);
    let mut seen = Vec::new();
    let q = client
        .wait_for_vetting(customer, QualificationKind::Education)
        .on_change(|q| seen.push(q.vetting_status.clone()))
        .await
        .unwrap();
    assert_eq!(q.vetting_status, Some(VettingStatus::Approved));
    assert_eq!(
        seen,
        [Some(VettingStatus::InReview), Some(VettingStatus::Approved)]
    );
    assert_eq!(
        clock.sleeps(),
        [Duration::from_secs(5), Duration::from_millis(7_500)]
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn a_customer_is_read_once_the_service_knows_it() {
    let customer = CustomerTenantId::new_v4();
    let server = MockServer::start().await;
    let route = format!("/v1/customers/{customer}");
    Mock::given(method("GET"))
        .and(path(route.as_str()))
        .respond_with(ResponseTemplate::new(404))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(route.as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            format!(
                r#"{{"id":"{customer}","companyProfile":{{"domain":"late.onmicrosoft.com"}}}}"#
            ),
            "application/json",
        ))
        .mount(&server)
        .await;
    let clock = ManualClock::new();
    let client = wiremock_client(&server, &clock);
    let read = client.wait_for_customer(customer).await.unwrap();
    assert_eq!(read.domain(), Some("late.onmicrosoft.com"));
    assert_eq!(
        clock.sleeps(),
        [Duration::from_secs(2), Duration::from_secs(3)]
    );
}

#[tokio::test]
async fn a_customer_never_readable_fails_at_the_deadline() {
    let emulator =
        start(quick_config().with_read_after_create_lag(Duration::from_secs(3_600))).await;
    let (client, clock) = manual_client(&emulator);
    let id = client
        .create_customer(new_customer("slowtenant"))
        .await
        .unwrap()
        .tenant_id()
        .unwrap();
    let err = client.wait_for_customer(id).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::CustomerNotReadable, "{err:?}");
    assert_eq!(
        clock.sleeps().iter().sum::<Duration>(),
        PollSchedule::CUSTOMER.deadline
    );
}

/// Answers with `template`, moving `clock` forward by a second first: a read that takes time.
struct SlowRead {
    clock: ManualClock,
    template: ResponseTemplate,
}

impl wiremock::Respond for SlowRead {
    fn respond(&self, _: &wiremock::Request) -> ResponseTemplate {
        self.clock.advance(Duration::from_secs(1));
        self.template.clone()
    }
}

#[tokio::test]
async fn waiting_for_a_qualification_the_customer_lacks_fails_at_once() {
    let customer = CustomerTenantId::new_v4();
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"[{"qualification":"StateOwnedEntity"}]"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    let clock = ManualClock::new();
    let client = wiremock_client(&server, &clock);
    let err = client
        .wait_for_vetting(customer, QualificationKind::Education)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NoSuchQualification, "{err:?}");
    assert_eq!(
        err.qualification_kind(),
        Some(&QualificationKind::Education)
    );
    assert_eq!(
        err.to_string(),
        "the customer has no Education qualification, so there is no vetting to wait for"
    );
    assert_eq!(clock.sleeps(), Vec::<Duration>::new());
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn no_poll_sleeps_past_the_deadline_when_reads_take_time() {
    let customer = CustomerTenantId::new_v4();
    let server = MockServer::start().await;
    let clock = ManualClock::new();
    Mock::given(method("GET"))
        .respond_with(SlowRead {
            clock: clock.clone(),
            template: ResponseTemplate::new(200).set_body_raw(
                r#"[{"qualification":"Education","vettingStatus":"InReview"}]"#,
                "application/json",
            ),
        })
        .mount(&server)
        .await;
    let client = wiremock_client(&server, &clock);
    let err = client
        .wait_for_vetting(customer, QualificationKind::Education)
        .deadline(Duration::from_secs(4))
        .poll_interval(Duration::from_secs(5), Duration::from_secs(60))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::VettingDeadline, "{err:?}");
    // The first read took 1 s of the 4: the one sleep ends at the deadline, where a last read
    // is made.
    assert_eq!(clock.sleeps(), [Duration::from_secs(3)]);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn waiting_for_a_customer_ends_by_the_deadline_when_reads_take_time() {
    let customer = CustomerTenantId::new_v4();
    let server = MockServer::start().await;
    let clock = ManualClock::new();
    Mock::given(method("GET"))
        .respond_with(SlowRead {
            clock: clock.clone(),
            template: ResponseTemplate::new(404),
        })
        .mount(&server)
        .await;
    let client = wiremock_client(&server, &clock);
    let err = client.wait_for_customer(customer).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::CustomerNotReadable, "{err:?}");
    // Every read took a second: the sleeps and the reads together fill the 2 minutes.
    let reads = u32::try_from(server.received_requests().await.unwrap().len()).unwrap();
    let slept: Duration = clock.sleeps().iter().sum();
    assert_eq!(
        slept + Duration::from_secs(1) * (reads - 1),
        PollSchedule::CUSTOMER.deadline
    );
}
