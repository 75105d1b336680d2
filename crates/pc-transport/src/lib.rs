//! Sends one Partner Center operation and brings back a typed answer or a typed [`Error`]:
//! headers, request and correlation ids, credentials and tokens, retries, throttling, timeouts.
//!
//! The operations themselves (paths, bodies, validation, decoding) are described by
//! [`pc_model::operations`]; a [`Transport`] executes any
//! [`Endpoint`](pc_model::operation::Endpoint). Most programs use `pc-client`, which is built on
//! this crate, re-exports its credentials and settings, and has one method per operation; use
//! this crate directly to send an [`Endpoint`](pc_model::operation::Endpoint) yourself.
//!
//! # Where things are
//!
//! - **Sending**: [`Transport::builder`] ([`TransportBuilder`]: cloud or base URL, rate limit,
//!   [`Timeouts`], [`RetryPolicy`] with its [`Backoff`]), then [`Transport::execute`] with
//!   [`CallOptions`] (ids, time limit, deadline) per call.
//! - **Credentials**: [`ClientCredentials`] (App-only, client secret),
//!   [`RefreshTokenCredential`] (App+User, the secure application model; the rotated refresh
//!   token goes to [`on_rotation`](RefreshTokenCredential::on_rotation) or, to await a store
//!   such as a vault, [`on_rotation_async`](RefreshTokenCredential::on_rotation_async)),
//!   [`StaticToken`] (a token you already have), or your own [`Credential`]. [`Authority`]
//!   and [`TokenEndpoint`] choose the token endpoint.
//! - **Results**: a [`Response`] (the value and its [`ResponseIds`]) or an [`Error`] (its
//!   [`ErrorKind`], [`TimeoutKind`], [`CredentialError`]).
//! - **Tests**: [`ManualClock`] makes waits, backoff and token expiry run without real time
//!   ([`TransportBuilder::clock`]).
//!
//! # What one call does, and what can go wrong
//!
//! [`Transport::execute`] creates the `MS-RequestId` **once**, before the first attempt, and
//! sends it unchanged on every retry, so the service can recognise a retried `POST` as the same
//! request. Then:
//!
//! - **Local validation first.** A body that breaks a rule fails with
//!   [`ErrorKind::Validation`] and every violation, and nothing is sent. So does an operation
//!   the cloud does not offer, and one that needs an App+User token when the credential gives
//!   App-only tokens ([`ErrorKind::Configuration`]).
//! - **Tokens** come from a cache, refreshed before they expire; concurrent calls share one
//!   refresh, and a `401` fetches a new token and retries once.
//! - **Retries** follow [`RetryPolicy`]: connection failures, timeouts and `408`, `429`, `500`,
//!   `502`, `503`, `504` are retried (for `POST` too, since the request id is the same);
//!   `400`, `403`, `404`, `409`, … and any body with `"isRetryable": false` are not.
//!   `Retry-After` (seconds or HTTP date) and the throttling body's "Try again in N seconds"
//!   are honoured, at most [`RetryPolicy::max_delay`].
//! - **Every call ends**: each attempt within [`Timeouts::attempt`], the whole operation within
//!   [`Timeouts::operation`] (or [`CallOptions::timeout`]), and by [`CallOptions::deadline`]
//!   when one is given.
//! - **Errors say whether the request may have reached the service**
//!   ([`Error::may_have_been_sent`]) and whether an earlier attempt may have been applied
//!   ([`Error::earlier_attempt_may_have_applied`]), and carry `MS-RequestId`,
//!   `MS-CorrelationId` and `MS-CV`.
//! - **Secrets stay secret**: tokens, refresh tokens, client secrets and the new tenant's
//!   password never appear in `Debug`, `Display`, errors or `tracing` output.
//!
//! # Example
//!
//! ```no_run
//! use pc_model::operations::{CheckDomain, DomainAvailability};
//! use pc_model::Cloud;
//! use pc_transport::{CallOptions, ClientCredentials, ErrorKind, Transport};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let credential = ClientCredentials::new(
//!     "contoso.onmicrosoft.com",
//!     "11111111-2222-3333-4444-555555555555",
//!     std::env::var("PC_CLIENT_SECRET")?,
//! );
//! let transport = Transport::builder(credential)
//!     .cloud(Cloud::Public)
//!     .application_name("contoso-onboarding")
//!     .rate_limit_per_minute(485)
//!     .build()?;
//!
//! let check = CheckDomain::new("fabrikam.onmicrosoft.com")?;
//! match transport.execute(&check, &CallOptions::default()).await {
//!     Ok(answer) => {
//!         let free = answer.value == DomainAvailability::Available;
//!         println!("free: {free} (MS-CV {:?})", answer.ids.cv);
//!     }
//!     Err(e) if e.kind() == ErrorKind::Credential => eprintln!("check the app registration: {e}"),
//!     Err(e) if e.is_transient() => eprintln!("try again later: {e}"),
//!     Err(e) => return Err(e.into()),
//! }
//! # Ok(())
//! # }
//! ```

#![warn(missing_debug_implementations)]

mod attempt;
mod backoff;
mod builder;
mod call;
mod clock;
mod config;
mod credential;
mod error;
mod headers;
mod ids;
mod oauth;
mod rate_limit;
mod request;
mod response;
mod retry;
mod retry_after;
mod token_cache;
mod transport;

#[cfg(test)]
mod properties;

pub use backoff::Backoff;
pub use builder::{DEFAULT_MAX_RESPONSE_BYTES, TransportBuilder};
pub use call::CallOptions;
pub use clock::{Clock, ManualClock, SystemClock};
pub use config::Timeouts;
pub use credential::{
    AccessToken, Credential, CredentialError, FormResponse, StaticToken, TokenContext, TokenKind,
};
pub use error::{Error, ErrorKind, TimeoutKind};
pub use ids::{CorrelationId, IdError, RequestId};
pub use oauth::{
    Authority, ClientCredentials, RefreshTokenCredential, RotationResult, TokenEndpoint,
};
pub use response::{Response, ResponseIds};
pub use retry::RetryPolicy;
pub use transport::Transport;
