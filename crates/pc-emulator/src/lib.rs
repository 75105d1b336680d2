//! A local Partner Center for tests and demos: the customer-onboarding operations, a token
//! endpoint, idempotent replay, throttling and fault injection, in memory, on `127.0.0.1`.
//!
//! Partners cannot test onboarding code without a live Partner Center account, and the service's
//! sandbox creates real tenants. Like stripe-mock or Azurite, this crate serves the same HTTP API
//! locally: start it in-process from a test ([`Emulator::start`]) or as a program
//! (`pc-emulator --port 8080`, or `pc emulator`), and point any HTTP client at its URL.
//!
//! ```no_run
//! use pc_emulator::{Emulator, EmulatorConfig, DEFAULT_APP_USER_TOKEN};
//!
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let emulator = Emulator::start(EmulatorConfig::default()).await?;
//! let url = format!("{}/v1/customers/all/validations", emulator.url());
//! // Any HTTP client, e.g. reqwest:
//! // reqwest::Client::new().get(url).bearer_auth(DEFAULT_APP_USER_TOKEN).send().await?;
//! # let _ = (url, DEFAULT_APP_USER_TOKEN);
//! assert_eq!(emulator.state().customers.len(), 0);
//! emulator.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! [`Emulator::start`] takes an [`EmulatorConfig`] (every default is a `DEFAULT_…` constant:
//! tokens, ids, limits) and returns a [`RunningEmulator`]: its [`url`](RunningEmulator::url),
//! what it holds ([`state`](RunningEmulator::state)) and received
//! ([`received`](RunningEmulator::received)), faults to inject
//! ([`script_faults`](RunningEmulator::script_faults)), and
//! [`shutdown`](RunningEmulator::shutdown). With `pc-client`, point a client at it:
//! `Client::builder(StaticToken::new(DEFAULT_APP_USER_TOKEN)).base_url(emulator.url())`, or
//! redeem [`DEFAULT_REFRESH_TOKEN`] with the authority `emulator.token_authority()`. The programs'
//! flags are [`EmulatorArgs`].
//!
//! # What it serves
//!
//! Every operation of `pc-model`'s table ([`pc_model::operations::OPERATIONS`]: method, path,
//! parameters, bodies and documented answers; `schemas/openapi.json` is the same table), at its
//! path under the emulator's URL; the router is built from that table, so no operation is left
//! out. Besides them: the token endpoints, `POST /{tenant}/oauth2/token` (v1) and
//! `POST /{tenant}/oauth2/v2.0/token` (v2) (see [Tokens](crate#tokens)), and the control API
//! under `/_emulator/…` (see [Control API](crate#control-api)).
//!
//! Bodies are read and validated with `pc-model` (camelCase or PascalCase); bad requests are
//! answered like the service, with the codes listed in [`codes`]. Every answer echoes
//! `MS-RequestId` and `MS-CorrelationId` (generated when absent; they must be GUIDs when sent)
//! and adds `MS-CV` and `MS-ServerId`. Each request is logged with `tracing` (target
//! `pc_emulator::request`: method, path, status, ids, duration; never headers or bodies).
//!
//! # Behaviour
//!
//! - **Authentication**: `/v1` needs `Authorization: Bearer <token>` with a token from the token
//!   endpoint, [`RunningEmulator::issue_token`], the control API, or a [`FixedToken`]
//!   ([`DEFAULT_APP_USER_TOKEN`], [`DEFAULT_APP_ONLY_TOKEN`]); otherwise `401` with
//!   `WWW-Authenticate: Bearer …`. Operations that `pc-model` marks App+User-only refuse App-only
//!   tokens with `403`; creating a customer with an App-only token is allowed for direct
//!   customers only (no `associatedPartnerId`), as the specification says.
//! - **Customers**: unique domains (case-insensitive, across partners; `409`), the reseller must
//!   be one of [`EmulatorConfig::indirect_resellers`] (`800016`), the `201` carries a generated
//!   admin password and `relationshipToPartner: reseller` for a reseller's customer. With
//!   [`EmulatorConfig::read_after_create_lag`], a new customer answers `404` (and is missing from
//!   searches) for that long; `HEAD /v1/domains` sees it at once. The search
//!   (`filter={"Field":"Domain","Value":"…","Operator":"starts_with"}`, or `CompanyName`) matches
//!   a prefix, case-insensitively, and answers at most `size` (default 200) customers. Customers
//!   are private to the partner tenant that created them.
//! - **Agreements**: only the Microsoft Customer Agreement template ([`MCA_TEMPLATE_ID`]) can be
//!   confirmed; `dateAgreed` in the future is `600002`; the same template and contact again is
//!   `600061`; a changed contact makes a new record. Both agreement lists (the metadata and a
//!   customer's) answer the Microsoft Cloud Agreement when `agreementType` is absent, and both
//!   types for `*`.
//! - **Qualifications**: one per kind and customer (`409`); GCC uses one `remainingCreates` of
//!   the validation code; vetting follows the [`vetting`] rule after
//!   [`EmulatorConfig::vetting_delay`]. The POST answers `201` with `vettingCreateDate`, the GET a
//!   bare array with `vettingCreatedDate`, as the service does.
//! - **Replay**: see [Replay](crate#replay) below.
//! - **Throttling**: [`EmulatorConfig::rate_limit_per_minute`] requests per partner tenant in a
//!   fixed one-minute window, then `429` with `Retry-After` and
//!   `{"statusCode":429,"message":"Rate limit is exceeded. Try again in N seconds."}`.
//! - **Faults**: see [`fault`]: scripted ([`RunningEmulator::script_faults`]) or random from a
//!   seed ([`EmulatorConfig::with_random_faults`]).
//! - **Connections** (our choice; the service does not document its limits): between requests,
//!   a connection that has not sent a whole request head within
//!   [`EmulatorConfig::header_read_timeout`] (from when it was accepted, or from the first byte
//!   of its next request), or that starts no request within [`EmulatorConfig::idle_timeout`]
//!   after an answer, is closed without an answer, so idle clients cannot hold every file
//!   descriptor. No limit applies while a request is handled.
//! - **What it received**: every API request, in order, with its answer's status, ids as
//!   numbered placeholders and tokens redacted ([`RunningEmulator::received`], see [`received`]),
//!   so a test can snapshot what the code under test sent.
//!
//! # Replay
//!
//! A `POST` to `/v1` repeated with the same `MS-RequestId` (per partner tenant) and the same
//! method, path and body gets the first **successful** answer again (status, headers, body),
//! without acting again. The same id with a different request is refused with `422`
//! ([`codes::REQUEST_ID_REUSED`]). Refused requests are not remembered, so they can be retried
//! with the same id. A retry arriving while the first attempt still runs waits for it. A replay
//! asks of its caller what the operation asked: an App-only token repeating a request that needed
//! App+User (a reseller's customer, an agreement, a qualification) gets the operation's `403`, not
//! the remembered answer. An answer is replayed for [`EmulatorConfig::replay_window`] (an hour
//! by default; our choice, as the service does not document its own) and at most
//! [`EmulatorConfig::replay_capacity`] answers are remembered (25,000), the oldest forgotten
//! first, so memory stays bounded; issued access tokens are bounded the same way (expired ones
//! are forgotten, and at most [`EmulatorConfig::max_issued_tokens`] are held). Replay can
//! be switched off ([`EmulatorConfig::replay`], [`RunningEmulator::set_replay`]) to emulate a
//! service that does not deduplicate.
//!
//! # Tokens
//!
//! The token endpoints behave like Microsoft Entra ID's: `client_credentials` with [`DEFAULT_CLIENT_ID`] / [`DEFAULT_CLIENT_SECRET`] gives an
//! App-only token; `refresh_token` with [`DEFAULT_REFRESH_TOKEN`] gives an App+User token and a new
//! refresh token, and the old one stops working. v1 answers `expires_in` as a string, v2 as a
//! number. Errors are OAuth bodies (`{"error": …, "error_description": "AADSTS…: …", …}`):
//! `400` with `invalid_request` (an unknown tenant, a missing parameter), `unsupported_grant_type`,
//! `unauthorized_client` (an unknown client id) or `invalid_grant` (an unknown or already redeemed
//! refresh token, `AADSTS70000`, as the service answers a refresh token used twice); `401` with
//! `invalid_client` (a wrong or missing secret). A reset (`POST /_emulator/reset`) makes the
//! refresh token of the start valid again.
//!
//! # Control API
//!
//! It answers only when [`EmulatorConfig::control`] allows: by default to anyone when listening on
//! a loopback address, and to nobody (`403`) on any other address unless a control token was given
//! at start ([`ControlAccess::Token`], `--control-token`), which requests then send as
//! `Authorization: Bearer <token>` (else `401`).
//!
//! | method and path | body | answer |
//! |---|---|---|
//! | `GET /_emulator/state` | | `200`, the [`StateSnapshot`] as JSON (camelCase) |
//! | `POST /_emulator/faults` | a [`ScriptedFault`](fault::ScriptedFault) or an array of them: `[{"method":"POST","path":"/v1/customers","fault":"close-after","times":1}]` | `200 {"pending": n}` |
//! | `DELETE /_emulator/faults` | | `200 {"pending": 0}` |
//! | `POST /_emulator/reset` | | `204`: data, replays, throttling windows, scripted faults, counters and received requests cleared, fault generator reseeded, the refresh token of the start valid again; access tokens kept |
//! | `GET /_emulator/requests` | | `200`, the [`ReceivedRequests`](received::ReceivedRequests) as JSON: what the API received, in order (see [`received`]) |
//! | `DELETE /_emulator/requests` | | `204`: the record of received requests emptied |
//! | `PUT /_emulator/replay` | `{"enabled": false}` | `200 {"enabled": false}` |
//! | `PUT /_emulator/rate-limit` | `{"perMinute": 10}` (`null`/`0` = off) | `200 {"perMinute": 10}` |
//! | `POST /_emulator/tokens` | `{"kind": "app+user"}` or `{"kind": "app-only"}` | `200 {"access_token": …, "token_type": "Bearer", "expires_in": …}` |

#![warn(missing_debug_implementations)]

mod api;
mod app;
mod args;
mod auth;
pub mod codes;
mod config;
mod control;
mod error;
pub mod fault;
mod idempotency;
mod oauth;
mod pipeline;
pub mod received;
mod server;
mod snapshot;
mod store;
mod throttle;
pub mod vetting;

use std::sync::{Mutex, MutexGuard, PoisonError};

pub use api::agreements::{CLOUD_AGREEMENT_TEMPLATE_ID, MCA_TEMPLATE_ID};
pub use args::EmulatorArgs;
pub use config::{
    AccessKind, ControlAccess, DEFAULT_APP_ONLY_TOKEN, DEFAULT_APP_USER_TOKEN, DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET, DEFAULT_GCC_MAX_CREATES, DEFAULT_GCC_VALIDATION_CODE,
    DEFAULT_HEADER_READ_TIMEOUT, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_ISSUED_TOKENS,
    DEFAULT_PARTNER_TENANT_ID, DEFAULT_RATE_LIMIT_PER_MINUTE, DEFAULT_REFRESH_TOKEN,
    DEFAULT_REPLAY_CAPACITY, DEFAULT_REPLAY_WINDOW, DEFAULT_RESELLER_ID, DEFAULT_TOKEN_LIFETIME,
    DEFAULT_USER_ID, DEFAULT_VETTING_DELAY, EmulatorConfig, FixedToken, GccValidationCode,
    MAX_DURATION,
};
pub use server::{Emulator, EmulatorError, RunningEmulator};
pub use snapshot::{Counters, StateSnapshot};

/// The README's examples, compiled as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// `after` from `now`: the deadline of a lifetime or delay. Durations are checked against
/// [`MAX_DURATION`](config::MAX_DURATION) before they get here; should one still not fit, the
/// deadline is the furthest that does, never a panic.
pub(crate) fn later(now: tokio::time::Instant, after: std::time::Duration) -> tokio::time::Instant {
    now.checked_add(after)
        .or_else(|| now.checked_add(config::MAX_DURATION))
        .unwrap_or(now)
}

/// Locks a mutex, ignoring poisoning: the data behind our locks stays consistent even if a
/// thread panicked while holding one (every change is a single assignment or push).
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
