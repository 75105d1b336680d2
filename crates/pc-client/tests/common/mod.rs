//! Shared by the client's integration tests: an emulator, a client wired to it through the real
//! refresh-token flow, and request builders.

#![allow(dead_code, unreachable_pub, clippy::unwrap_used)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

pub mod misbehaving;

use pc_client::Client;
use pc_emulator::{
    DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_PARTNER_TENANT_ID, DEFAULT_REFRESH_TOKEN,
    Emulator, EmulatorConfig, RunningEmulator,
};
use pc_model::{
    AddressRequest, BillingProfileRequest, CompanyProfileRequest, ContactRequest,
    CreateCustomerRequest, Secret,
};
use pc_transport::{Authority, Backoff, RefreshTokenCredential, RetryPolicy, Timeouts};

/// An emulator with instant vetting and no throttling, unless the caller says otherwise.
pub fn quick_config() -> EmulatorConfig {
    EmulatorConfig::default()
        .with_vetting_delay(Duration::ZERO)
        .with_rate_limit(None)
}

pub async fn start(config: EmulatorConfig) -> RunningEmulator {
    Emulator::start(config).await.unwrap()
}

/// Retries quickly: waits of at most 5 ms whatever the server asks for.
pub fn quick_retry() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 4,
        backoff: Backoff {
            initial: Duration::from_millis(1),
            multiplier: 2.0,
            max: Duration::from_millis(4),
            jitter: true,
        },
        max_delay: Duration::from_millis(5),
        retry_non_idempotent: true,
    }
}

/// The rotated refresh tokens a client's credential handed back.
pub type Rotations = Arc<Mutex<Vec<Secret>>>;

/// A client of `emulator` that gets App+User tokens by redeeming the emulator's refresh token.
pub fn client(emulator: &RunningEmulator) -> (Client, Rotations) {
    client_with(emulator, |b| b)
}

/// [`client`], with more settings.
pub fn client_with(
    emulator: &RunningEmulator,
    more: impl FnOnce(pc_client::ClientBuilder) -> pc_client::ClientBuilder,
) -> (Client, Rotations) {
    let rotations: Rotations = Arc::default();
    let sink = rotations.clone();
    let credential = RefreshTokenCredential::new(
        DEFAULT_PARTNER_TENANT_ID.to_string(),
        DEFAULT_CLIENT_ID,
        DEFAULT_REFRESH_TOKEN,
    )
    .with_client_secret(DEFAULT_CLIENT_SECRET)
    .with_authority(Authority::custom(emulator.token_authority()).unwrap())
    .on_rotation(move |token| sink.lock().unwrap().push(token));
    let client = Client::builder(credential)
        .base_url(emulator.url())
        .retry(quick_retry())
        .timeouts(Timeouts {
            connect: Duration::from_secs(2),
            attempt: Duration::from_secs(2),
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
        );
    let client = more(client).build().unwrap();
    (client, rotations)
}

/// A valid new customer with domain `<prefix>.onmicrosoft.com`.
pub fn new_customer(prefix: &str) -> CreateCustomerRequest {
    let address = AddressRequest::new("US".parse().unwrap())
        .with_address_line1("One Microsoft Way")
        .with_first_name("Gena")
        .with_last_name("Soto")
        .with_city("Redmond")
        .with_state("WA")
        .with_postal_code("98052")
        .with_phone_number("4255550101");
    CreateCustomerRequest::new(
        CompanyProfileRequest::new(format!("{prefix}.onmicrosoft.com")),
        BillingProfileRequest::new(address)
            .with_email("gena@wingtiptoys.com")
            .with_culture("en-US")
            .with_language("en")
            .with_company_name("Wingtip Toys"),
    )
}

pub fn contact() -> ContactRequest {
    ContactRequest::new("tania@wingtiptoys.com")
        .with_first_name("Tania")
        .with_last_name("Carr")
        .with_phone_number("1234567890")
}
