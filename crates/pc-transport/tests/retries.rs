//! Retries, throttling and deadlines against an in-process server, on a manual clock: no test
//! sleeps for a backoff or a `Retry-After`.
#![allow(clippy::unwrap_used)]

mod support;

use std::time::Duration;

use pc_transport::{
    CallOptions, Clock, ErrorKind, RequestId, StaticToken, TimeoutKind, Timeouts, Transport,
};
use support::*;
use wiremock::matchers::{header as has_header, method, path};
use wiremock::{Mock, ResponseTemplate};

const AGREEMENTS: &str = "/v1/customers/626099fe-17af-4756-9fd0-6a73b7127859/agreements";
const QUALIFICATIONS: &str = "/v1/customers/626099fe-17af-4756-9fd0-6a73b7127859/qualifications";

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

#[tokio::test]
async fn a_post_keeps_its_request_id_on_every_attempt_and_the_next_operation_gets_a_new_one() {
    let (server, clock) = server_and_clock().await;
    Mock::given(method("POST"))
        .and(path(AGREEMENTS))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(AGREEMENTS))
        .respond_with(
            ResponseTemplate::new(201)
                .set_body_raw(AGREEMENT_201, "application/json")
                .insert_header("MS-CV", "cv.3"),
        )
        .mount(&server)
        .await;
    let transport = builder(&server.uri(), &clock).build().unwrap();

    let first = transport
        .execute(&agreement(), &CallOptions::default())
        .await
        .unwrap();
    assert_eq!(first.status, 201);
    assert_eq!(first.attempts, 3);
    assert!(
        first.earlier_attempt_may_have_applied,
        "a 503 may have acted"
    );
    assert_eq!(first.ids.cv.as_deref(), Some("cv.3"));
    assert_eq!(clock.sleeps(), vec![Duration::from_millis(500), secs(1)]);

    let second = transport
        .execute(&agreement(), &CallOptions::default())
        .await
        .unwrap();
    assert_eq!(second.attempts, 1);
    assert!(!second.earlier_attempt_may_have_applied);

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 4);
    let ids: Vec<&str> = requests.iter().map(|r| header(r, "ms-requestid")).collect();
    let correlations: Vec<&str> = requests
        .iter()
        .map(|r| header(r, "ms-correlationid"))
        .collect();
    assert_eq!(ids[0], first.ids.request_id.to_string());
    assert!(ids[..3].iter().all(|id| *id == ids[0]), "{ids:?}");
    assert!(correlations[..3].iter().all(|id| *id == correlations[0]));
    assert_ne!(ids[3], ids[0]);
    assert_ne!(correlations[3], correlations[0]);
    assert_eq!(ids[3], second.ids.request_id.to_string());
    // Every attempt sends the same body.
    assert!(requests[..3].iter().all(|r| r.body == requests[0].body));
}

#[tokio::test]
async fn a_caller_supplied_request_id_is_sent_as_it_is() {
    let (server, clock) = server_and_clock().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("[]", "application/json"))
        .mount(&server)
        .await;
    let transport = builder(&server.uri(), &clock).build().unwrap();
    let id: RequestId = "9f1c2a4e-1111-4b5c-9d2e-0123456789ab".parse().unwrap();
    let answer = transport
        .execute(
            &list_qualifications(),
            &CallOptions::default().request_id(id),
        )
        .await
        .unwrap();
    assert_eq!(answer.ids.request_id, id);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(header(&requests[0], "ms-requestid"), id.to_string());
}

/// Answers `first` once, then `200 []`; returns the waits the transport asked for.
async fn waits_after(first: ResponseTemplate, options: CallOptions) -> Vec<Duration> {
    let (server, clock) = server_and_clock().await;
    Mock::given(method("GET"))
        .respond_with(first)
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("[]", "application/json"))
        .mount(&server)
        .await;
    let transport = builder(&server.uri(), &clock).build().unwrap();
    let answer = transport
        .execute(&list_qualifications(), &options)
        .await
        .unwrap();
    assert_eq!(answer.attempts, 2);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
    clock.sleeps()
}

#[tokio::test]
async fn retry_after_in_seconds_is_honoured() {
    let waits = waits_after(
        ResponseTemplate::new(429).insert_header("Retry-After", "7"),
        CallOptions::default(),
    )
    .await;
    assert_eq!(waits, vec![secs(7)]);
}

#[tokio::test]
async fn retry_after_as_an_http_date_is_honoured_and_a_past_date_means_now() {
    // The manual clock starts at Tue, 14 Nov 2023 22:13:20 GMT.
    let waits = waits_after(
        ResponseTemplate::new(503).insert_header("Retry-After", "Tue, 14 Nov 2023 22:13:50 GMT"),
        CallOptions::default(),
    )
    .await;
    assert_eq!(waits, vec![secs(30)]);
    let waits = waits_after(
        ResponseTemplate::new(503).insert_header("Retry-After", "Mon, 13 Nov 2023 00:00:00 GMT"),
        CallOptions::default(),
    )
    .await;
    assert_eq!(waits, Vec::<Duration>::new(), "retried at once");
}

#[tokio::test]
async fn without_retry_after_the_throttling_body_then_backoff_decide() {
    let waits = waits_after(
        ResponseTemplate::new(429).set_body_raw(
            r#"{"statusCode":429,"message":"Rate limit is exceeded. Try again in 3 seconds."}"#,
            "application/json",
        ),
        CallOptions::default(),
    )
    .await;
    assert_eq!(waits, vec![secs(3)]);
    let waits = waits_after(ResponseTemplate::new(429), CallOptions::default()).await;
    assert_eq!(waits, vec![Duration::from_millis(500)]);
    let waits = waits_after(
        ResponseTemplate::new(429).insert_header("Retry-After", "whenever"),
        CallOptions::default(),
    )
    .await;
    assert_eq!(waits, vec![Duration::from_millis(500)]);
}

#[tokio::test]
async fn repeated_throttling_backs_off_beyond_a_short_retry_after() {
    let (server, clock) = server_and_clock().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
        .up_to_n_times(3)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("[]", "application/json"))
        .mount(&server)
        .await;
    let transport = builder(&server.uri(), &clock).build().unwrap();
    let answer = transport
        .execute(&list_qualifications(), &CallOptions::default())
        .await
        .unwrap();
    assert_eq!(answer.attempts, 4);
    // The first 429 waits the 1 s asked for; the next ones the longer of that and the backoff
    // (1 s after the second attempt, 2 s after the third).
    assert_eq!(clock.sleeps(), vec![secs(1), secs(1), secs(2)]);
}

#[tokio::test]
async fn an_absurd_retry_after_is_capped() {
    let waits = waits_after(
        ResponseTemplate::new(429).insert_header("Retry-After", "99999999999"),
        CallOptions::default().timeout(secs(3600)),
    )
    .await;
    assert_eq!(waits, vec![secs(60)]);
}

#[tokio::test]
async fn a_wait_past_the_deadline_returns_the_throttling_error_at_once() {
    let (server, clock) = server_and_clock().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "57")
                .insert_header("MS-CV", "throttled.1"),
        )
        .mount(&server)
        .await;
    let transport = builder(&server.uri(), &clock).build().unwrap();
    let err = transport
        .execute(
            &list_qualifications(),
            &CallOptions::default().timeout(secs(30)),
        )
        .await
        .unwrap_err();
    assert!(err.is_throttled() && err.is_transient());
    assert_eq!(err.retry_after(), Some(secs(57)));
    assert_eq!(err.attempts(), 1);
    assert_eq!(err.cv(), Some("throttled.1"));
    assert!(clock.sleeps().is_empty());
}

#[tokio::test]
async fn agreement_exists_with_is_retryable_false_is_not_retried() {
    let (server, clock) = server_and_clock().await;
    Mock::given(method("POST"))
        .and(path(AGREEMENTS))
        .respond_with(
            ResponseTemplate::new(409)
                .set_body_raw(ERROR_600061, "application/json")
                .insert_header("MS-CV", "abc.7")
                .insert_header("MS-ServerId", "srv-42"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let transport = builder(&server.uri(), &clock).build().unwrap();
    let err = transport
        .execute(&agreement(), &CallOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Service);
    assert_eq!(err.status(), Some(409));
    assert_eq!(err.code(), Some("600061"));
    assert_eq!(
        err.service_error().unwrap().error_name.as_deref(),
        Some("PartnerConfirmedAgreementAlreadyExists")
    );
    assert_eq!(err.service_error().unwrap().is_retryable, Some(false));
    assert_eq!(err.raw_body(), Some(ERROR_600061.as_bytes()));
    assert_eq!(err.cv(), Some("abc.7"));
    assert_eq!(err.server_id(), Some("srv-42"));
    assert_eq!(
        err.operation().map(|op| op.id),
        Some("createCustomerAgreement")
    );
    assert!(err.request_id().is_some() && err.correlation_id().is_some());
    assert!(!err.is_transient() && err.may_have_been_sent());
    assert!(!err.earlier_attempt_may_have_applied());
    assert_eq!(err.attempts(), 1);
    let text = err.to_string();
    assert!(
        text.contains("600061") && text.contains("MS-CV abc.7"),
        "{text}"
    );
}

#[tokio::test]
async fn a_transient_status_whose_body_says_not_retryable_is_not_retried() {
    let (server, clock) = server_and_clock().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(500).set_body_raw(
            r#"{"code":"800003","description":"Unexpected","isRetryable":false}"#,
            "application/json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let transport = builder(&server.uri(), &clock).build().unwrap();
    let err = transport
        .execute(&list_qualifications(), &CallOptions::default())
        .await
        .unwrap_err();
    assert_eq!((err.status(), err.code()), (Some(500), Some("800003")));
    assert!(!err.is_transient());
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    for status in [400, 403, 404, 409, 412, 417] {
        let (server, clock) = server_and_clock().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(status))
            .expect(1)
            .mount(&server)
            .await;
        let transport = builder(&server.uri(), &clock).build().unwrap();
        let err = transport
            .execute(&agreement(), &CallOptions::default())
            .await
            .unwrap_err();
        assert_eq!(err.status(), Some(status));
        assert_eq!(err.attempts(), 1, "{status}");
    }
}

#[tokio::test]
async fn a_connect_failure_is_retried_and_reported_as_not_sent() {
    // A port that was just free: nothing listens there.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let clock = pc_transport::ManualClock::starting_at(start_time());
    let transport = builder(&format!("http://127.0.0.1:{port}"), &clock)
        .build()
        .unwrap();
    let err = transport
        .execute(&agreement(), &CallOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Connection);
    assert!(err.is_transient());
    assert!(!err.may_have_been_sent());
    assert!(!err.earlier_attempt_may_have_applied());
    assert_eq!(err.attempts(), 4);
    assert_eq!(
        clock.sleeps(),
        vec![Duration::from_millis(500), secs(1), secs(2)]
    );
    assert!(std::error::Error::source(&err).is_some());
}

#[tokio::test]
async fn an_attempt_timeout_is_retried_and_the_operation_deadline_ends_the_call() {
    let (server, clock) = server_and_clock().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_delay(secs(30)))
        .mount(&server)
        .await;
    let transport = builder(&server.uri(), &clock)
        .timeouts(Timeouts {
            attempt: Duration::from_millis(100),
            ..Timeouts::default()
        })
        .build()
        .unwrap();
    let err = transport
        .execute(&agreement(), &CallOptions::default())
        .await
        .unwrap_err();
    assert!(err.is_timeout());
    assert_eq!(err.timeout_kind(), Some(TimeoutKind::Attempt));
    assert_eq!(err.attempts(), 4);
    assert!(err.may_have_been_sent());
    assert!(err.earlier_attempt_may_have_applied());

    // A whole-operation limit shorter than an attempt ends the call after the first attempt.
    let err = transport
        .execute(
            &agreement(),
            &CallOptions::default()
                .timeout(Duration::from_millis(100))
                .attempt_timeout(secs(30)),
        )
        .await
        .unwrap_err();
    assert_eq!(err.timeout_kind(), Some(TimeoutKind::Operation));
    assert_eq!(err.attempts(), 1);
    assert!(
        err.to_string().contains("did not finish within 100ms"),
        "{err}"
    );
}

#[tokio::test]
async fn the_deadline_counts_the_waits_between_attempts() {
    let (server, clock) = server_and_clock().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "20"))
        .mount(&server)
        .await;
    let transport = builder(&server.uri(), &clock).build().unwrap();
    let err = transport
        .execute(
            &list_qualifications(),
            &CallOptions::default().timeout(secs(50)),
        )
        .await
        .unwrap_err();
    // 20 s, 20 s, then a third wait would reach the 50 s deadline.
    assert_eq!(clock.sleeps(), vec![secs(20), secs(20)]);
    assert_eq!(err.attempts(), 3);
    assert_eq!(err.status(), Some(503));
}

#[tokio::test]
async fn a_401_fetches_a_new_token_and_retries_once() {
    let (server, clock) = server_and_clock().await;
    Mock::given(method("POST"))
        .and(has_header("authorization", "Bearer token-1"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(has_header("authorization", "Bearer token-2"))
        .respond_with(ResponseTemplate::new(201).set_body_raw(AGREEMENT_201, "application/json"))
        .mount(&server)
        .await;
    let credential = std::sync::Arc::new(Counting::default());
    let transport = builder_with(&server.uri(), &clock, credential.clone())
        .retry(pc_transport::RetryPolicy::never())
        .build()
        .unwrap();
    let answer = transport
        .execute(&agreement(), &CallOptions::default())
        .await
        .unwrap();
    assert_eq!(answer.attempts, 2);
    assert!(!answer.earlier_attempt_may_have_applied);
    assert_eq!(credential.fetches(), 2);
    assert!(clock.sleeps().is_empty());
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        header(&requests[0], "ms-requestid"),
        header(&requests[1], "ms-requestid")
    );

    // A token refused twice fails the call.
    let (server, clock) = server_and_clock().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401))
        .expect(2)
        .mount(&server)
        .await;
    let transport = builder_with(&server.uri(), &clock, Counting::default())
        .build()
        .unwrap();
    let err = transport
        .execute(&list_qualifications(), &CallOptions::default())
        .await
        .unwrap_err();
    assert_eq!((err.status(), err.attempts()), (Some(401), 2));
}

#[tokio::test]
async fn validation_failures_send_nothing() {
    let (server, clock) = server_and_clock().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_raw(AGREEMENT_201, "application/json"))
        .mount(&server)
        .await;
    let transport = builder(&server.uri(), &clock).build().unwrap();
    let mut future = agreement();
    future.body.date_agreed =
        chrono::DateTime::from(clock.system_now()) + chrono::Duration::days(1);
    let err = transport
        .execute(&future, &CallOptions::default())
        .await
        .unwrap_err();
    assert!(err.is_validation());
    assert_eq!(
        err.violations().unwrap().iter().next().unwrap().pointer,
        "/dateAgreed"
    );
    assert_eq!(err.attempts(), 0);
    assert!(!err.may_have_been_sent());
    assert!(err.request_id().is_some());
    assert!(server.received_requests().await.unwrap().is_empty());

    // Skipping validation sends it (to test the service's own checks).
    let answer = transport
        .execute(&future, &CallOptions::default().skip_validation(true))
        .await
        .unwrap();
    assert_eq!(answer.status, 201);
}

#[tokio::test]
async fn operations_missing_from_the_cloud_are_refused_before_sending() {
    let (server, clock) = server_and_clock().await;
    let transport = builder(&server.uri(), &clock)
        .cloud(pc_model::Cloud::UsGovernment)
        .build()
        .unwrap();
    assert_eq!(transport.cloud(), Some(pc_model::Cloud::UsGovernment));
    let err = transport
        .execute(&agreement(), &CallOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Configuration);
    assert!(
        err.to_string().contains("not available in the usgov cloud"),
        "{err}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn an_unreadable_success_is_a_decode_error_and_is_not_retried() {
    let (server, clock) = server_and_clock().await;
    Mock::given(method("GET"))
        .and(path(QUALIFICATIONS))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(r#"[{"qualification":42}]"#, "application/json"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let transport = builder(&server.uri(), &clock).build().unwrap();
    let err = transport
        .execute(&list_qualifications(), &CallOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert_eq!(err.decode_error().unwrap().pointer(), "/0/qualification");
    assert_eq!(err.status(), Some(200));
    assert!(err.raw_body().is_none());
    assert!(err.to_string().contains("at /0/qualification"), "{err}");
}

#[tokio::test]
async fn the_rate_limit_is_shared_by_clones() {
    let (server, clock) = server_and_clock().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("[]", "application/json"))
        .mount(&server)
        .await;
    let transport = builder(&server.uri(), &clock)
        .rate_limit_per_minute(60)
        .build()
        .unwrap();
    let clone = transport.clone();
    for t in [&transport, &clone, &transport, &clone] {
        t.execute(&list_qualifications(), &CallOptions::default())
            .await
            .unwrap();
    }
    assert_eq!(clock.sleeps(), vec![secs(1), secs(1), secs(1)]);

    // A slot beyond the deadline is not waited for: the next slot is 1 s away.
    clock.advance(secs(1));
    let err = transport
        .execute(
            &list_qualifications(),
            &CallOptions::default().timeout(Duration::from_millis(500)),
        )
        .await;
    assert!(err.is_ok(), "the next slot is free now: {err:?}");
    let err = clone
        .execute(
            &list_qualifications(),
            &CallOptions::default().timeout(Duration::from_millis(500)),
        )
        .await
        .unwrap_err();
    assert_eq!(err.timeout_kind(), Some(TimeoutKind::Operation));
    assert!(!err.may_have_been_sent());
}

#[tokio::test]
async fn redirects_are_not_followed() {
    let (server, clock) = server_and_clock().await;
    let elsewhere = wiremock::MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(302)
                .insert_header("Location", format!("{}/steal", elsewhere.uri())),
        )
        .mount(&server)
        .await;
    let transport = builder(&server.uri(), &clock).build().unwrap();
    let err = transport
        .execute(&list_qualifications(), &CallOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(302));
    assert!(elsewhere.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn oversized_answers_are_refused() {
    let (server, clock) = server_and_clock().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(" ".repeat(1000) + "[]", "application/json"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let transport = builder(&server.uri(), &clock)
        .max_response_bytes(100)
        .build()
        .unwrap();
    let err = transport
        .execute(&list_qualifications(), &CallOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Connection);
    assert!(err.to_string().contains("larger than 100 bytes"), "{err}");
}

#[tokio::test]
async fn static_token_transport_reports_its_settings() {
    let transport = Transport::builder(StaticToken::new("x")).build().unwrap();
    assert_eq!(transport.cloud(), Some(pc_model::Cloud::Public));
    assert_eq!(
        transport.base_url(),
        "https://api.partnercenter.microsoft.com"
    );
    let china = Transport::builder(StaticToken::new("x"))
        .cloud(pc_model::Cloud::China)
        .build()
        .unwrap();
    assert_eq!(
        china.base_url(),
        "https://partner.partnercenterapi.microsoftonline.cn"
    );
    for bad in [
        Transport::builder(StaticToken::new("x")).base_url("http://example.com"),
        Transport::builder(StaticToken::new("x")).locale("en_US"),
        Transport::builder(StaticToken::new("x")).application_name("a\nb"),
        Transport::builder(StaticToken::new("x")).rate_limit_per_minute(0),
        Transport::builder(StaticToken::new("x")).retry(pc_transport::RetryPolicy {
            max_attempts: 0,
            ..Default::default()
        }),
    ] {
        let err = bad.build().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Configuration, "{err}");
    }
}

#[tokio::test]
async fn app_and_user_operations_are_refused_before_sending_with_an_app_only_credential() {
    let (server, clock) = server_and_clock().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(403))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("[]", "application/json"))
        .mount(&server)
        .await;
    let credential = StaticToken::new("t").with_kind(pc_transport::TokenKind::AppOnly);
    let transport = builder_with(&server.uri(), &clock, credential)
        .build()
        .unwrap();
    let err = transport
        .execute(&agreement(), &CallOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Configuration);
    assert!(!err.may_have_been_sent() && err.attempts() == 0);
    assert!(
        err.to_string().contains(
            "createCustomerAgreement needs an App+User token (the secure application model) \
             and the credential gives App-only tokens; nothing was sent"
        ),
        "{err}"
    );
    // So are the other App+User operations; reads accept App-only tokens.
    let qualification = pc_model::operations::CreateQualification {
        customer: customer(),
        body: pc_model::CreateQualificationRequest::StateOwnedEntity,
    };
    let err = transport
        .execute(&qualification, &CallOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Configuration, "{err}");
    let err = transport
        .execute(
            &pc_model::operations::ListValidationCodes,
            &CallOptions::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Configuration, "{err}");
    transport
        .execute(&list_qualifications(), &CallOptions::default())
        .await
        .unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_403_to_a_token_of_unknown_kind_on_an_app_and_user_operation_says_why_it_may_be() {
    let (server, clock) = server_and_clock().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(403))
        .expect(1)
        .mount(&server)
        .await;
    let transport = builder(&server.uri(), &clock).build().unwrap();
    let err = transport
        .execute(&agreement(), &CallOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(403));
    assert!(err.hint().unwrap().contains("App+User"));
    assert!(err.to_string().contains("needs an App+User token"), "{err}");
    let err = transport
        .execute(
            &agreement(),
            &CallOptions::default().attempt_timeout(Duration::ZERO),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Configuration);
    let err = transport
        .execute(
            &agreement(),
            &CallOptions::default().timeout(Duration::ZERO),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Configuration);
    assert!(err.to_string().contains("more than zero"), "{err}");
}

#[test]
fn the_public_types_can_cross_threads() {
    fn send_sync<T: Send + Sync + 'static>() {}
    fn clone<T: Clone>() {}
    send_sync::<Transport>();
    clone::<Transport>();
    send_sync::<pc_transport::Error>();
    send_sync::<pc_transport::ClientCredentials>();
    send_sync::<pc_transport::RefreshTokenCredential>();
    let _: Box<dyn std::error::Error + Send + Sync> = Box::new(
        pc_transport::Transport::builder(StaticToken::new("x"))
            .locale("")
            .build()
            .unwrap_err(),
    );
}
