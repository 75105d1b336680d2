//! Every request is logged with its ids, and never with a password, token or secret.
//!
//! A test binary of its own: it installs the process-wide subscriber, which sees every event
//! from every thread. A thread-local subscriber (`set_default`) misses events whose callsites
//! another test's thread registered first without one, so it cannot be trusted alongside other
//! tests.

#![allow(clippy::unwrap_used)]

#[path = "http/common.rs"]
#[allow(dead_code)]
mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use pc_emulator::{
    DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_PARTNER_TENANT_ID, DEFAULT_REFRESH_TOKEN,
};
use reqwest::StatusCode;
use tracing_subscriber::util::SubscriberInitExt;

use common::{Env, customer, read};

/// A log sink the test can read.
#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The only test of this binary: it owns the global subscriber.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_are_logged_with_ids_and_without_secrets() {
    let sink = Sink::default();
    let writer = sink.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish()
        .try_init()
        .unwrap();

    let env = Env::new().await;
    let url = env.url(&format!("/{DEFAULT_PARTNER_TENANT_ID}/oauth2/token"));
    let (status, tokens) = read(
        env.http
            .post(&url)
            .form(&[
                ("grant_type", "refresh_token"),
                ("client_id", DEFAULT_CLIENT_ID),
                ("client_secret", DEFAULT_CLIENT_SECRET),
                ("resource", "https://api.partnercenter.microsoft.com"),
                ("refresh_token", DEFAULT_REFRESH_TOKEN),
            ])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let access = tokens["access_token"].as_str().unwrap();
    let refresh = tokens["refresh_token"].as_str().unwrap();
    let request_id = "0c9d5e2a-4f57-4a6e-9f4b-8a1b2c3d4e5f";
    let correlation_id = "1d9d5e2a-4f57-4a6e-9f4b-8a1b2c3d4e5f";
    let created = env
        .http
        .post(env.url("/v1/customers"))
        .bearer_auth(access)
        .header("MS-RequestId", request_id)
        .header("MS-CorrelationId", correlation_id)
        .json(&customer("logged.onmicrosoft.com"))
        .send()
        .await
        .unwrap();
    let (status, created) = read(created).await;
    assert_eq!(status, StatusCode::CREATED);
    let password = created["userCredentials"]["password"].as_str().unwrap();

    let logs = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
    // The capture is not empty: "no secret in the logs" must never pass on a log that saw nothing.
    assert!(!logs.is_empty(), "nothing was captured");
    assert!(
        logs.contains("/oauth2/token"),
        "the token request is logged: {logs}"
    );
    let line = logs
        .lines()
        .find(|l| l.contains(request_id))
        .expect("the create is logged");
    assert!(
        line.contains(correlation_id) && line.contains("status=201") && line.contains("cv="),
        "{line}"
    );
    assert!(logs.contains("path=/v1/customers"));
    for secret in [
        password,
        access,
        refresh,
        DEFAULT_REFRESH_TOKEN,
        DEFAULT_CLIENT_SECRET,
    ] {
        assert!(!logs.contains(secret), "a secret was logged: {logs}");
    }
}
