//! Section 3: many concurrent calls on a cold token cache share one token request.

use std::future::IntoFuture;
use std::time::{Duration, Instant};

use pc_client::Client;
use pc_emulator::{
    DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_PARTNER_TENANT_ID, DEFAULT_REFRESH_TOKEN,
    EmulatorConfig,
};
use pc_transport::{Authority, RefreshTokenCredential};
use tokio::runtime::Handle;

use crate::Mode;
use crate::report::{Report, Target};
use crate::workload;

const SECTION: &str = "tokens";

pub(crate) async fn run(mode: Mode, servers: &Handle, report: &mut Report) {
    let calls = match mode {
        Mode::Full => 1000,
        Mode::Smoke => 100,
    };
    let emulator = workload::emulator(
        servers,
        EmulatorConfig::default()
            .with_rate_limit(None)
            .with_vetting_delay(Duration::ZERO),
    )
    .await;
    // App+User tokens through the real refresh-token flow against the emulator's token endpoint.
    let credential = RefreshTokenCredential::new(
        DEFAULT_PARTNER_TENANT_ID.to_string(),
        DEFAULT_CLIENT_ID,
        DEFAULT_REFRESH_TOKEN,
    )
    .with_client_secret(DEFAULT_CLIENT_SECRET)
    .with_authority(Authority::custom(emulator.token_authority()).expect("a loopback authority"));
    let client = Client::builder(credential)
        .base_url(emulator.url())
        .build()
        .expect("the client builds");

    let started = Instant::now();
    let results =
        futures::future::join_all((0..calls).map(|_| client.validation_codes().into_future()))
            .await;
    let took = started.elapsed();
    let failed = results.iter().filter(|r| r.is_err()).count();
    let counters = emulator.state().counters;
    report.count(
        SECTION,
        format!("token requests for {calls} concurrent calls on a cold cache"),
        counters.token_requests,
        Target::Exactly(1),
        format!(
            "{} calls answered, {failed} failed, {} API requests, in {:.0} ms",
            calls - failed,
            counters.requests,
            took.as_secs_f64() * 1e3
        ),
    );
    if !mode.is_full() {
        assert_eq!(
            failed,
            0,
            "every call succeeds: {:?}",
            results.iter().find(|r| r.is_err())
        );
        assert_eq!(
            counters.token_requests, 1,
            "concurrent calls on a cold cache share one token request"
        );
    }
    workload::stop(servers, emulator).await;
}
