//! Shared by the onboarding tests: an emulator, a client of it, and rows.

#![allow(dead_code, unreachable_pub, clippy::unwrap_used)]

use std::time::Duration;

use pc_client::Client;
use pc_emulator::{DEFAULT_APP_USER_TOKEN, Emulator, EmulatorConfig, RunningEmulator};
use pc_model::ValidationContext;
use pc_onboard::{Format, Row};
use pc_transport::{Backoff, RetryPolicy, StaticToken, Timeouts};

/// An emulator with instant vetting, no throttling and no replay (the service's replay is
/// undocumented, so the tests assume none unless they say otherwise).
pub async fn emulator() -> RunningEmulator {
    Emulator::start(
        EmulatorConfig::default()
            .with_vetting_delay(Duration::ZERO)
            .with_rate_limit(None)
            .with_replay(false),
    )
    .await
    .unwrap()
}

/// A client of `emulator` that retries quickly.
pub fn client(emulator: &RunningEmulator) -> Client {
    Client::builder(StaticToken::new(DEFAULT_APP_USER_TOKEN))
        .base_url(emulator.url())
        .retry(RetryPolicy {
            max_attempts: 4,
            backoff: Backoff {
                initial: Duration::from_millis(1),
                multiplier: 2.0,
                max: Duration::from_millis(4),
                jitter: true,
            },
            max_delay: Duration::from_millis(5),
            retry_non_idempotent: true,
        })
        .timeouts(Timeouts {
            connect: Duration::from_secs(2),
            attempt: Duration::from_secs(5),
            operation: Duration::from_secs(10),
        })
        .vetting_poll(
            Duration::from_millis(5),
            Duration::from_millis(20),
            Duration::from_secs(5),
        )
        .customer_poll(
            Duration::from_millis(5),
            Duration::from_millis(20),
            Duration::from_secs(5),
        )
        .build()
        .unwrap()
}

/// The example file of the repository.
pub fn example(name: &str) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/onboarding/");
    std::fs::read_to_string(format!("{path}{name}")).unwrap()
}

/// The valid rows of `text`, which must have no problems.
pub fn rows(text: &str, format: Format) -> Vec<(usize, Row)> {
    let parsed = pc_onboard::parse(text, format, &ValidationContext::default()).unwrap();
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    parsed.rows
}

/// A JSON Lines row for `<prefix>.onmicrosoft.com` of the emulator's reseller, with the agreement
/// and the qualification `qualification` (a JSON object).
pub fn jsonl_row(prefix: &str, qualification: &str) -> String {
    format!(
        r#"{{"customer":{{"companyProfile":{{"domain":"{prefix}.onmicrosoft.com"}},"billingProfile":{{"email":"it@{prefix}.com","culture":"en-US","language":"en","companyName":"{prefix} Ltd","defaultAddress":{{"country":"US","city":"Redmond","state":"WA","addressLine1":"1 Main St","postalCode":"98052","firstName":"Ada","lastName":"Lovelace"}}}},"associatedPartnerId":"484e548c-f5f3-4528-93a9-c16c6373cb59"}},"agreement":{{"primaryContact":{{"firstName":"Ada","lastName":"Lovelace","email":"ada@{prefix}.com"}},"dateAgreed":"2024-05-01T09:00:00Z"}},"qualification":{qualification}}}"#
    )
}
