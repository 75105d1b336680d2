//! [`Transport`]: executes one operation, from local validation to a typed answer.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use bytes::Bytes;
use chrono::{DateTime, Utc};
use pc_model::operation::{Auth, Endpoint, Method, OperationSpec};
use pc_model::{Cloud, RegistrationNumberCountries, ValidationContext};
use rand::RngExt;
use rand::rngs::StdRng;
use reqwest::header::{HeaderName, HeaderValue};
use tracing::Instrument;

use crate::attempt::{AttemptArgs, AttemptSuccess};
use crate::builder::TransportBuilder;
use crate::call::CallOptions;
use crate::clock::Clock;
use crate::config::Timeouts;
use crate::credential::{Credential, TokenContext, TokenKind};
use crate::error::Error;
use crate::ids::{CorrelationId, RequestId};
use crate::rate_limit::RateLimiter;
use crate::response::Response;
use crate::retry::{AttemptOutcome, RetryDecision, RetryInput, RetryPolicy};
use crate::token_cache::TokenCache;

/// Sends Partner Center operations. Cheap to clone: clones share one connection pool, one
/// token cache and one rate limiter.
///
/// See the [crate documentation](crate) for what [`execute`](Self::execute) does, in order.
#[derive(Clone)]
pub struct Transport {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    /// The API base URL (checked, without a trailing slash, then parsed): the one record of
    /// it, from which [`Transport::base_url`] and every request's URL are derived.
    pub(crate) base: reqwest::Url,
    pub(crate) cloud: Option<Cloud>,
    pub(crate) fixed_headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) retry: RetryPolicy,
    pub(crate) timeouts: Timeouts,
    pub(crate) limiter: Option<RateLimiter>,
    pub(crate) tokens: TokenCache,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) jitter: Mutex<StdRng>,
    pub(crate) max_response_bytes: usize,
    /// The registration-number countries of validation, when not the default list.
    pub(crate) countries: Option<RegistrationNumberCountries>,
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("base_url", &self.base_url())
            .field("cloud", &self.inner.cloud)
            .field("credential_kind", &self.credential_kind())
            .field("retry", &self.inner.retry)
            .field("timeouts", &self.inner.timeouts)
            .field("rate_limited", &self.inner.limiter.is_some())
            .finish_non_exhaustive()
    }
}

impl Transport {
    /// Starts building a transport that gets its tokens from `credential`.
    pub fn builder(credential: impl Credential + 'static) -> TransportBuilder {
        TransportBuilder::new(Arc::new(credential))
    }

    pub(crate) fn from_inner(inner: Inner) -> Self {
        Self {
            inner: Arc::new(inner),
        }
    }

    /// The cloud, when one was set (or defaulted: the public cloud when neither a cloud nor a
    /// base URL was given).
    pub fn cloud(&self) -> Option<Cloud> {
        self.inner.cloud
    }

    /// The API base URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        // A checked base URL has no query or fragment: its text ends with its path, whose `/`
        // the parser adds back to a bare host.
        self.inner.base.as_str().trim_end_matches('/')
    }

    /// The kind of token the credential gives.
    pub fn credential_kind(&self) -> TokenKind {
        self.inner.tokens.credential().kind()
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    /// The default time limits.
    pub fn timeouts(&self) -> Timeouts {
        self.inner.timeouts
    }

    /// The clock every decision and wait of this transport reads (see [`Clock`](crate::Clock)).
    /// Code built on the transport that waits (e.g. a client's polling) sleeps through it too,
    /// so a [`ManualClock`](crate::ManualClock) makes those waits instant in tests.
    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.inner.clock
    }

    /// Refuses, before anything is sent, an operation this transport cannot make: one missing
    /// from its cloud, or one that needs App+User tokens (`auth`, usually `spec.auth`, see
    /// [`Endpoint::auth`](pc_model::operation::Endpoint::auth)) when the credential gives
    /// App-only ones. [`execute`](Self::execute) makes this check itself; call it to refuse
    /// early, before work that leads up to the operation.
    ///
    /// # Errors
    /// A configuration [`Error`] saying what the operation needs.
    pub fn check_allowed(&self, spec: &'static OperationSpec, auth: Auth) -> Result<(), Error> {
        if let Some(cloud) = self.inner.cloud
            && !spec.available_in(cloud)
        {
            return Err(Error::not_available(cloud).for_operation(spec));
        }
        if auth == Auth::AppAndUser && self.credential_kind() == TokenKind::AppOnly {
            return Err(Error::configuration(format!(
                "{} needs an App+User token (the secure application model) and the credential \
                 gives App-only tokens; nothing was sent",
                spec.id
            )));
        }
        Ok(())
    }

    /// Executes one operation and decodes its answer.
    ///
    /// In order:
    /// 1. Picks the `MS-RequestId` (the caller's, or a new one) and `MS-CorrelationId`, once
    ///    for every attempt, and opens a tracing span with them and the operation id.
    /// 2. Refuses an operation that does not exist in the transport's cloud, and one that needs
    ///    App+User tokens when the credential gives App-only ones
    ///    ([`check_allowed`](Self::check_allowed)); then validates the body with
    ///    `endpoint.validate_with` unless [`CallOptions::skip_validation`]: a validation error
    ///    means nothing was sent.
    /// 3. For each attempt: waits for the rate limiter, gets a token from the cache, sends the
    ///    request with the same ids and reads the whole answer within the attempt timeout.
    /// 4. A status for which `endpoint.is_success` holds is decoded with `endpoint.decode`
    ///    (a decode failure is returned, not retried). Any other outcome goes to
    ///    the [`RetryPolicy`]'s decision; a `401` drops the token and retries once with a new one.
    /// 5. Stops at the operation deadline, whatever the server does: the earlier of the call's
    ///    (or the transport's) operation timeout and [`CallOptions::deadline`].
    ///
    /// # Errors
    /// An [`Error`] whose [`kind`](Error::kind) says what failed and whose accessors carry the
    /// status, the parsed error body, `Retry-After`, the ids and whether the request (or an
    /// earlier attempt) may have reached the service.
    pub async fn execute<E: Endpoint>(
        &self,
        endpoint: &E,
        options: &CallOptions,
    ) -> Result<Response<E::Output>, Error> {
        let spec = endpoint.spec();
        let request_id = options.request_id.unwrap_or_else(RequestId::new_v4);
        let correlation_id = options.correlation_id.unwrap_or_else(CorrelationId::new_v4);
        let span = tracing::info_span!(
            "partner_center_operation",
            operation = spec.id,
            method = spec.method.as_str(),
            request_id = %request_id,
            correlation_id = %correlation_id,
            attempts = tracing::field::Empty,
            status = tracing::field::Empty,
        );
        self.run(endpoint, options, request_id, correlation_id)
            .instrument(span)
            .await
            .map_err(|e| e.with_operation(spec, request_id, correlation_id))
    }

    async fn run<E: Endpoint>(
        &self,
        endpoint: &E,
        options: &CallOptions,
        request_id: RequestId,
        correlation_id: CorrelationId,
    ) -> Result<Response<E::Output>, Error> {
        let inner = &*self.inner;
        let spec = endpoint.spec();
        self.check_allowed(spec, endpoint.auth())?;
        if !options.skip_validation {
            let now = DateTime::<Utc>::from(inner.clock.system_now());
            let ctx = options.validation_context.clone().unwrap_or_else(|| {
                let ctx = ValidationContext::at(now);
                match &inner.countries {
                    Some(list) => ctx.with_registration_number_countries(list.clone()),
                    None => ctx,
                }
            });
            endpoint.validate_with(&ctx).map_err(Error::validation)?;
        }
        let url = self.url_for(endpoint)?;
        let body = match endpoint.body() {
            Some(body) => Some(Bytes::from(serde_json::to_vec(body).map_err(|e| {
                Error::configuration(format!("the request body could not be serialized: {e}"))
            })?)),
            None => None,
        };
        let method = match spec.method {
            Method::Get => reqwest::Method::GET,
            Method::Head => reqwest::Method::HEAD,
            Method::Post => reqwest::Method::POST,
        };

        if options.timeout.is_some_and(|t| t.is_zero()) {
            return Err(Error::configuration(
                "the operation timeout must be more than zero; nothing was sent",
            ));
        }
        let start = inner.clock.now();
        let own = options.timeout.unwrap_or(inner.timeouts.operation);
        let deadline = match (start.checked_add(own), options.deadline) {
            (Some(own), Some(given)) => Some(own.min(given)),
            (own, given) => own.or(given),
        };
        // The limit the operation runs under, for its timeout error.
        let budget = deadline.map_or(own, |d| d.saturating_duration_since(start));
        let attempt_timeout = options.attempt_timeout.unwrap_or(inner.timeouts.attempt);
        if attempt_timeout.is_zero() {
            return Err(Error::configuration(
                "the attempt timeout must be more than zero; nothing was sent",
            ));
        }
        let token_ctx = TokenContext::new(
            inner.http.clone(),
            attempt_timeout,
            Arc::clone(&inner.clock),
        );
        let mut attempt: u32 = 0;
        let mut token_refreshed = false;
        let mut throttled_before: u32 = 0;
        let mut earlier_may_have_applied = false;

        loop {
            attempt += 1;
            let result = self
                .attempt(AttemptArgs {
                    endpoint,
                    method: &method,
                    url: &url,
                    body: body.as_ref(),
                    request_id,
                    correlation_id,
                    deadline,
                    budget,
                    attempt_timeout,
                    token_ctx: &token_ctx,
                })
                .await;
            let (error, token) = match result {
                Ok(AttemptSuccess { status, ids, value }) => {
                    let span = tracing::Span::current();
                    span.record("attempts", attempt);
                    span.record("status", status);
                    return Ok(Response {
                        value,
                        status,
                        ids,
                        attempts: attempt,
                        earlier_attempt_may_have_applied: earlier_may_have_applied,
                        reconciled: false,
                    });
                }
                Err((error, token)) => (error, token),
            };
            // The error's classification is the one the decision reads.
            let outcome = error.attempt_outcome();
            let now = inner.clock.now();
            let jitter = inner
                .jitter
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .random::<f64>();
            let input = RetryInput {
                idempotent: spec.idempotent,
                attempt,
                remaining: deadline.map(|d| d.saturating_duration_since(now)),
                token_refreshed,
                throttled_before,
                jitter,
            };
            let decision = inner.retry.decide(&input, &outcome);
            if let AttemptOutcome::Status { status: 429, .. } = outcome {
                throttled_before += 1;
            }
            match decision {
                RetryDecision::Retry {
                    delay,
                    refresh_token,
                } => {
                    tracing::info!(
                        attempt,
                        delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                        refresh_token,
                        error = %error,
                        "retrying"
                    );
                    if refresh_token {
                        token_refreshed = true;
                        if let Some(token) = &token {
                            inner.tokens.invalidate(&token.token);
                        }
                    }
                    earlier_may_have_applied |= outcome.may_have_applied();
                    if !delay.is_zero() {
                        inner.clock.sleep(delay).await;
                    }
                }
                RetryDecision::Stop(reason) => {
                    let span = tracing::Span::current();
                    span.record("attempts", attempt);
                    if let Some(status) = error.status() {
                        span.record("status", status);
                    }
                    tracing::debug!(attempt, reason = reason.as_str(), "giving up");
                    return Err(error.with_attempts(attempt, earlier_may_have_applied));
                }
            }
        }
    }
}
