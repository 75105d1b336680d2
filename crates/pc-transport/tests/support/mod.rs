//! Shared helpers of the transport's integration tests: a wiremock server, a transport on a
//! manual clock, and request values.
#![allow(dead_code, clippy::unwrap_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime};

use chrono::{TimeZone, Utc};
use futures::future::BoxFuture;
use pc_model::operations::{CreateAgreement, ListQualifications};
use pc_model::{ContactRequest, CreateAgreementRequest, CustomerTenantId, Secret};
use pc_transport::{
    AccessToken, Backoff, Credential, CredentialError, ManualClock, RetryPolicy, StaticToken,
    TokenContext, TokenKind, Transport, TransportBuilder,
};
use wiremock::{MockServer, Request};

/// 2023-11-14T22:13:20Z: the manual clock's start, after every date in the fixtures.
pub(crate) fn start_time() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000)
}

pub(crate) fn customer() -> CustomerTenantId {
    "626099fe-17af-4756-9fd0-6a73b7127859".parse().unwrap()
}

pub(crate) fn agreement() -> CreateAgreement {
    CreateAgreement {
        customer: customer(),
        body: CreateAgreementRequest::new(
            ContactRequest::new("someone@example.com")
                .with_first_name("Tania")
                .with_last_name("Carr")
                .with_phone_number("1234567890"),
            "117a77b0-9360-443b-8795-c6dedc750cf9".parse().unwrap(),
            Utc.with_ymd_and_hms(2018, 6, 14, 0, 0, 0).unwrap(),
        ),
    }
}

pub(crate) fn list_qualifications() -> ListQualifications {
    ListQualifications {
        customer: customer(),
    }
}

pub(crate) const AGREEMENT_201: &str = r#"{"primaryContact":{"firstName":"Tania","lastName":"Carr","email":"someone@example.com","phoneNumber":"1234567890"},"templateId":"117a77b0-9360-443b-8795-c6dedc750cf9","dateAgreed":"2018-06-14T00:00:00Z","type":"MicrosoftCustomerAgreement","agreementLink":"https://aka.ms/customeragreement"}"#;

pub(crate) const ERROR_600061: &str = r#"{"code":600061,"message":"A partner confirmed agreement already exists for the customer.","description":"A partner confirmed agreement already exists for the customer.","errorName":"PartnerConfirmedAgreementAlreadyExists","isRetryable":false,"parameters":{},"errorMessageExtended":"InternalErrorCode=600061"}"#;

/// Deterministic retries: the default policy without jitter (waits 0.5 s, 1 s, 2 s).
pub(crate) fn policy() -> RetryPolicy {
    RetryPolicy {
        backoff: Backoff::default().without_jitter(),
        ..RetryPolicy::default()
    }
}

/// A transport to `server` with a static token, a manual clock and [`policy`].
pub(crate) fn builder(base_url: &str, clock: &ManualClock) -> TransportBuilder {
    builder_with(base_url, clock, StaticToken::new("test-token"))
}

pub(crate) fn builder_with(
    base_url: &str,
    clock: &ManualClock,
    credential: impl Credential + 'static,
) -> TransportBuilder {
    Transport::builder(credential)
        .base_url(base_url)
        .clock(Arc::new(clock.clone()))
        .retry(policy())
}

pub(crate) async fn server_and_clock() -> (MockServer, ManualClock) {
    (
        MockServer::start().await,
        ManualClock::starting_at(start_time()),
    )
}

pub(crate) fn header<'a>(request: &'a Request, name: &str) -> &'a str {
    request
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// A credential that hands out `token-1`, `token-2`, … valid for an hour, counting fetches.
#[derive(Debug, Default)]
pub(crate) struct Counting {
    pub(crate) fetches: AtomicU32,
}

impl Counting {
    pub(crate) fn fetches(&self) -> u32 {
        self.fetches.load(Ordering::SeqCst)
    }
}

impl Credential for Counting {
    fn get_token<'a>(
        &'a self,
        ctx: &'a TokenContext,
    ) -> BoxFuture<'a, Result<AccessToken, CredentialError>> {
        let n = self.fetches.fetch_add(1, Ordering::SeqCst) + 1;
        Box::pin(std::future::ready(Ok(AccessToken {
            token: Secret::new(format!("token-{n}")),
            expires_at: ctx.now() + Duration::from_secs(3600),
        })))
    }

    fn kind(&self) -> TokenKind {
        TokenKind::AppAndUser
    }
}
