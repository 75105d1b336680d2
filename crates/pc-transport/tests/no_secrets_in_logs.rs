//! Captures every `tracing` event and span at TRACE level (and `log` records of the HTTP stack)
//! over full calls that fetch tokens, rotate a refresh token, retry after a `401`, receive a
//! new tenant's password and fail, and checks that no secret appears. One test per binary: it
//! installs the global subscriber.
#![allow(clippy::unwrap_used)]

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};

use pc_model::operations::CreateCustomer;
use pc_model::{
    AddressRequest, BillingProfileRequest, CompanyProfileRequest, CreateCustomerRequest,
};
use pc_transport::{Authority, CallOptions, RefreshTokenCredential};
use support::*;
use tracing_subscriber::util::SubscriberInitExt;
use wiremock::matchers::{body_string_contains, header as has_header, method, path};
use wiremock::{Mock, ResponseTemplate};

const SECRETS: [&str; 6] = [
    "CLIENT-SECRET-VALUE",
    "REFRESH-TOKEN-SECRET-1",
    "REFRESH-TOKEN-SECRET-2",
    "REFRESH-TOKEN-SECRET-3",
    "ACCESS-TOKEN-SECRET",
    "0Krha*Io-PASSWORD",
];

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn customer_request() -> CreateCustomer {
    let address = AddressRequest::new("US".parse().unwrap())
        .with_address_line1("One Microsoft Way")
        .with_first_name("Gena")
        .with_last_name("Soto")
        .with_city("Redmond")
        .with_state("WA")
        .with_postal_code("98052");
    CreateCustomer {
        body: CreateCustomerRequest::new(
            CompanyProfileRequest::new("wingtiptoys.onmicrosoft.com"),
            BillingProfileRequest::new(address)
                .with_email("gena@wingtiptoys.com")
                .with_culture("en-US")
                .with_language("en")
                .with_company_name("Wingtip Toys"),
        ),
    }
}

#[tokio::test]
async fn no_secret_reaches_the_logs() {
    let capture = Capture::default();
    let writer = capture.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish()
        .try_init()
        .unwrap();

    let (server, clock) = server_and_clock().await;
    let token_path = format!("/{TENANT}/oauth2/v2.0/token");
    for (n, (old, new)) in [
        ("REFRESH-TOKEN-SECRET-1", "REFRESH-TOKEN-SECRET-2"),
        ("REFRESH-TOKEN-SECRET-2", "REFRESH-TOKEN-SECRET-3"),
    ]
    .into_iter()
    .enumerate()
    {
        Mock::given(method("POST"))
            .and(path(token_path.as_str()))
            .and(body_string_contains(old))
            .respond_with(ResponseTemplate::new(200).set_body_raw(
                format!(
                    r#"{{"token_type":"Bearer","expires_in":"3599","access_token":"ACCESS-TOKEN-SECRET-{}","refresh_token":"{new}"}}"#,
                    n + 1
                ),
                "application/json",
            ))
            .mount(&server)
            .await;
    }
    // The first token is refused, so the transport fetches a second one.
    Mock::given(method("POST"))
        .and(path("/v1/customers"))
        .and(has_header("authorization", "Bearer ACCESS-TOKEN-SECRET-1"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    let created = pc_model::fixtures::ALL
        .iter()
        .find(|f| f.name == "customer-create.response-201.docs.json")
        .unwrap()
        .json
        .replace("0Krha*Io", "0Krha*Io-PASSWORD");
    Mock::given(method("POST"))
        .and(path("/v1/customers"))
        .and(has_header("authorization", "Bearer ACCESS-TOKEN-SECRET-2"))
        .respond_with(ResponseTemplate::new(201).set_body_raw(created, "application/json"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(500).set_body_raw(
            r#"{"code":"800003","description":"Unexpected","isRetryable":false}"#,
            "application/json",
        ))
        .mount(&server)
        .await;

    let rotated = Arc::new(Mutex::new(Vec::new()));
    let sink = rotated.clone();
    let credential = RefreshTokenCredential::new(TENANT, "client-id", "REFRESH-TOKEN-SECRET-1")
        .with_client_secret("CLIENT-SECRET-VALUE")
        .with_authority(Authority::custom(&server.uri()).unwrap())
        .on_rotation(move |t| sink.lock().unwrap().push(t));
    tracing::info!(?credential, "credential");
    let transport = builder_with(&server.uri(), &clock, credential)
        .build()
        .unwrap();
    tracing::info!(?transport, "transport");

    let created = transport
        .execute(&customer_request(), &CallOptions::default())
        .await
        .unwrap();
    assert_eq!(created.attempts, 2);
    assert_eq!(
        created
            .value
            .user_credentials
            .as_ref()
            .unwrap()
            .password
            .as_ref()
            .unwrap()
            .expose(),
        "0Krha*Io-PASSWORD"
    );
    tracing::info!(?created, "created");
    assert_eq!(rotated.lock().unwrap().len(), 2);
    tracing::info!(rotated = ?rotated.lock().unwrap(), "rotated");

    let err = transport
        .execute(&list_qualifications(), &CallOptions::default())
        .await
        .unwrap_err();
    tracing::error!(error = %err, debug = ?err, "failed");

    let logs = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    // The capture is not empty, and saw the calls, the token fetches and the ids.
    assert!(!logs.is_empty(), "nothing was captured");
    assert!(logs.contains("partner_center_operation"), "{logs}");
    assert!(logs.contains("createCustomer"), "{logs}");
    assert!(logs.contains("requesting an access token"), "{logs}");
    assert!(logs.contains(&created.ids.request_id.to_string()), "{logs}");
    assert!(logs.contains("retrying"), "{logs}");
    assert!(logs.contains("800003"), "{logs}");
    for secret in SECRETS {
        assert!(!logs.contains(secret), "{secret} leaked:\n{logs}");
    }
}

const TENANT: &str = "contoso.onmicrosoft.com";
