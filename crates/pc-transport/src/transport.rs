//! [`Transport`]: executes one operation, from local validation to a typed answer.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use bytes::Bytes;
use chrono::{DateTime, Utc};
use pc_model::operation::{Auth, Endpoint, Method};
use pc_model::{Cloud, ValidationContext};
use rand::RngExt;
use rand::rngs::StdRng;
use reqwest::header::{self, HeaderMap, HeaderName, HeaderValue};
use tracing::Instrument;

use crate::builder::TransportBuilder;
use crate::call::CallOptions;
use crate::clock::Clock;
use crate::config::Timeouts;
use crate::credential::{AccessToken, Credential, TokenContext, TokenKind};
use crate::error::{Error, TimeoutKind};
use crate::headers::{id_headers, response_ids, retry_after};
use crate::ids::{CorrelationId, RequestId};
use crate::rate_limit::RateLimiter;
use crate::response::Response;
use crate::retry::{AttemptOutcome, RetryDecision, RetryInput, RetryPolicy};
use crate::retry_after::requested_wait;
use crate::token_cache::TokenCache;

/// Sends Partner Center operations. Cheap to clone: clones share one connection pool, one
/// token cache and one rate limiter.
///
/// See the [crate documentation](crate) for what [`execute`](Self::execute) does, in order.
#[derive(Clone)]
pub struct Transport {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: String,
    pub(crate) cloud: Option<Cloud>,
    pub(crate) fixed_headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) retry: RetryPolicy,
    pub(crate) timeouts: Timeouts,
    pub(crate) limiter: Option<RateLimiter>,
    pub(crate) tokens: TokenCache,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) jitter: Mutex<StdRng>,
    pub(crate) max_response_bytes: usize,
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("base_url", &self.inner.base_url)
            .field("cloud", &self.inner.cloud)
            .field("credential_kind", &self.credential_kind())
            .field("retry", &self.inner.retry)
            .field("timeouts", &self.inner.timeouts)
            .field("rate_limited", &self.inner.limiter.is_some())
            .finish_non_exhaustive()
    }
}

/// An answer read off the wire.
struct RawResponse {
    status: u16,
    headers: HeaderMap,
    body: Bytes,
}

/// Why an attempt got no answer.
enum SendFailure {
    /// Connecting failed: nothing was sent.
    Connect(reqwest::Error),
    /// The connection failed after the request may have gone out.
    Lost(reqwest::Error),
    /// The answer was larger than allowed.
    TooLarge(usize),
}

/// How one attempt ended, with the error to return if it is the last.
struct Failure {
    outcome: AttemptOutcome,
    error: Error,
    /// Retrying cannot help and the policy need not be asked.
    fatal: bool,
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
        &self.inner.base_url
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

    /// Executes one operation and decodes its answer.
    ///
    /// In order:
    /// 1. Picks the `MS-RequestId` (the caller's, or a new one) and `MS-CorrelationId`, once
    ///    for every attempt, and opens a tracing span with them and the operation id.
    /// 2. Refuses an operation that does not exist in the transport's cloud, then validates the
    ///    body with `endpoint.validate_with` unless [`CallOptions::skip_validation`]: a
    ///    validation error means nothing was sent.
    /// 3. For each attempt: waits for the rate limiter, gets a token from the cache, sends the
    ///    request with the same ids and reads the whole answer within the attempt timeout.
    /// 4. A status for which `endpoint.is_success` holds is decoded with `endpoint.decode`
    ///    (a decode failure is returned, not retried). Any other outcome goes to
    ///    [`RetryPolicy::decide`]; a `401` drops the token and retries once with a new one.
    /// 5. Stops at the operation deadline, whatever the server does.
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
            .map_err(|e| e.with_operation(spec.id, request_id, correlation_id))
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
        if let Some(cloud) = inner.cloud
            && !spec.available_in(cloud)
        {
            return Err(Error::configuration(format!(
                "{} is not available in the {cloud} cloud; nothing was sent",
                spec.id
            )));
        }
        if !options.skip_validation {
            let now = DateTime::<Utc>::from(inner.clock.system_now());
            let ctx = options
                .validation_context
                .clone()
                .unwrap_or_else(|| ValidationContext::at(now));
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

        let start = inner.clock.now();
        let budget = options.timeout.unwrap_or(inner.timeouts.operation);
        let deadline = start.checked_add(budget);
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
            let (failure, token) = match result {
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
                    });
                }
                Err((failure, token)) => (failure, token),
            };
            let now = inner.clock.now();
            let decision = if failure.fatal {
                None
            } else {
                let jitter = inner
                    .jitter
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .random::<f64>();
                let input = RetryInput {
                    idempotent: spec.idempotent,
                    attempt,
                    elapsed: now.saturating_duration_since(start),
                    remaining: deadline.map(|d| d.saturating_duration_since(now)),
                    token_refreshed,
                    jitter,
                };
                Some(inner.retry.decide(&input, &failure.outcome))
            };
            match decision {
                Some(RetryDecision::Retry {
                    delay,
                    refresh_token,
                }) => {
                    tracing::info!(
                        attempt,
                        delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                        refresh_token,
                        error = %failure.error,
                        "retrying"
                    );
                    if refresh_token {
                        token_refreshed = true;
                        if let Some(token) = &token {
                            inner.tokens.invalidate(&token.token);
                        }
                    }
                    earlier_may_have_applied |= failure.outcome.may_have_applied();
                    if !delay.is_zero() {
                        inner.clock.sleep(delay).await;
                    }
                }
                stop => {
                    let span = tracing::Span::current();
                    span.record("attempts", attempt);
                    if let Some(status) = failure.error.status() {
                        span.record("status", status);
                    }
                    let reason = match stop {
                        Some(RetryDecision::Stop(reason)) => reason.as_str(),
                        _ => "cannot be retried",
                    };
                    tracing::debug!(attempt, reason, "giving up");
                    return Err(failure
                        .error
                        .with_attempts(attempt, earlier_may_have_applied));
                }
            }
        }
    }

    /// One attempt: rate limiter, token, request, answer.
    async fn attempt<E: Endpoint>(
        &self,
        args: AttemptArgs<'_, E>,
    ) -> Result<AttemptSuccess<E::Output>, (Failure, Option<AccessToken>)> {
        let inner = &*self.inner;
        let operation_timeout = |sent: bool| Failure {
            outcome: AttemptOutcome::TimedOut,
            error: Error::timeout(TimeoutKind::Operation, args.budget, sent),
            fatal: true,
        };
        let remaining = |now: Instant| args.deadline.map(|d| d.saturating_duration_since(now));

        if remaining(inner.clock.now()) == Some(Duration::ZERO) {
            return Err((operation_timeout(false), None));
        }
        if let Some(limiter) = &inner.limiter {
            let now = inner.clock.now();
            match limiter.reserve(now, remaining(now)) {
                Ok(wait) if wait.is_zero() => {}
                Ok(wait) => {
                    tracing::debug!(
                        wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
                        "waiting for the rate limiter"
                    );
                    inner.clock.sleep(wait).await;
                }
                Err(_) => return Err((operation_timeout(false), None)),
            }
        }

        let token_wait = remaining(inner.clock.now()).unwrap_or(Duration::MAX);
        let token = match tokio::time::timeout(token_wait, inner.tokens.get(args.token_ctx)).await {
            Ok(Ok(token)) => token,
            Ok(Err(e)) => {
                tracing::debug!(error = %e, transient = e.is_transient(), "no access token");
                return Err((
                    Failure {
                        outcome: AttemptOutcome::CredentialFailed {
                            transient: e.is_transient(),
                        },
                        error: Error::credential(e),
                        fatal: false,
                    },
                    None,
                ));
            }
            Err(_) => return Err((operation_timeout(false), None)),
        };

        let (limit, limit_kind) = match remaining(inner.clock.now()) {
            Some(r) if r < args.attempt_timeout => (r, TimeoutKind::Operation),
            _ => (args.attempt_timeout, TimeoutKind::Attempt),
        };
        let request = match self.request(&args, &token) {
            Ok(request) => request,
            Err(error) => {
                let failure = Failure {
                    outcome: AttemptOutcome::CredentialFailed { transient: false },
                    error,
                    fatal: true,
                };
                return Err((failure, Some(token)));
            }
        };
        tracing::debug!(
            method = %args.method,
            path = request.url().path(),
            "sending"
        );
        let sent_at = inner.clock.now();
        let answer = tokio::time::timeout(limit, self.send(request)).await;
        let elapsed_ms = u64::try_from(
            inner
                .clock
                .now()
                .saturating_duration_since(sent_at)
                .as_millis(),
        )
        .unwrap_or(u64::MAX);
        let raw = match answer {
            Err(_) => {
                tracing::debug!(elapsed_ms, timeout = ?limit_kind, "no answer in time");
                let failure = match limit_kind {
                    TimeoutKind::Operation => operation_timeout(true),
                    TimeoutKind::Attempt => Failure {
                        outcome: AttemptOutcome::TimedOut,
                        error: Error::timeout(TimeoutKind::Attempt, args.attempt_timeout, true),
                        fatal: false,
                    },
                };
                return Err((failure, Some(token)));
            }
            Ok(Err(failure)) => {
                let failure = match failure {
                    SendFailure::Connect(e) => {
                        tracing::debug!(error = %e, "could not connect");
                        Failure {
                            outcome: AttemptOutcome::ConnectFailed,
                            error: Error::transport(
                                false,
                                "could not connect; nothing was sent",
                                Some(Box::new(e)),
                            ),
                            fatal: false,
                        }
                    }
                    SendFailure::Lost(e) => {
                        tracing::debug!(error = %e, "connection lost");
                        Failure {
                            outcome: AttemptOutcome::ConnectionLost,
                            error: Error::transport(
                                true,
                                "the connection failed after the request may have been sent",
                                Some(Box::new(e)),
                            ),
                            fatal: false,
                        }
                    }
                    SendFailure::TooLarge(limit) => Failure {
                        outcome: AttemptOutcome::ConnectionLost,
                        error: Error::transport(
                            true,
                            format!("the answer is larger than {limit} bytes and was not read"),
                            None,
                        ),
                        fatal: true,
                    },
                };
                return Err((failure, Some(token)));
            }
            Ok(Ok(raw)) => raw,
        };

        let ids = response_ids(&raw.headers, args.request_id, args.correlation_id);
        tracing::debug!(
            status = raw.status,
            elapsed_ms,
            cv = ids.cv.as_deref(),
            server_id = ids.server_id.as_deref(),
            "answered"
        );
        if args.endpoint.is_success(raw.status) {
            return match args.endpoint.decode(raw.status, &raw.body) {
                Ok(value) => Ok(AttemptSuccess {
                    status: raw.status,
                    ids,
                    value,
                }),
                Err(e) => {
                    tracing::debug!(pointer = e.pointer(), "the answer could not be decoded");
                    let failure = Failure {
                        outcome: AttemptOutcome::Status {
                            status: raw.status,
                            retry_after: None,
                            is_retryable: Some(false),
                        },
                        error: Error::decode(raw.status, e)
                            .with_response_ids(ids.cv, ids.server_id),
                        fatal: true,
                    };
                    Err((failure, Some(token)))
                }
            };
        }
        let header = retry_after(&raw.headers);
        let body = pc_model::ErrorBody::parse(&raw.body);
        let wait = requested_wait(header.as_deref(), &body, inner.clock.system_now());
        let outcome = AttemptOutcome::Status {
            status: raw.status,
            retry_after: wait,
            is_retryable: body.is_retryable(),
        };
        let mut error =
            Error::service(raw.status, raw.body, wait).with_response_ids(ids.cv, ids.server_id);
        if raw.status == 403
            && args.endpoint.spec().auth == Auth::AppAndUser
            && inner.tokens.credential().kind() == TokenKind::AppOnly
        {
            error = error.with_hint(
                "this operation needs an App+User token and the credential gives app-only tokens",
            );
        }
        Err((
            Failure {
                outcome,
                error,
                fatal: false,
            },
            Some(token),
        ))
    }

    fn url_for<E: Endpoint>(&self, endpoint: &E) -> Result<reqwest::Url, Error> {
        let path = endpoint.path();
        let refuse = || {
            Error::configuration(format!(
                "the path of {} does not stay under the base URL",
                endpoint.spec().id
            ))
        };
        if !path.starts_with('/') || path.contains(['?', '#', '\\']) {
            return Err(refuse());
        }
        let base = reqwest::Url::parse(&self.inner.base_url).map_err(|_| refuse())?;
        let mut url =
            reqwest::Url::parse(&format!("{}{path}", self.inner.base_url)).map_err(|_| refuse())?;
        if url.scheme() != base.scheme()
            || url.host_str() != base.host_str()
            || url.port_or_known_default() != base.port_or_known_default()
            || !url
                .path()
                .starts_with(&format!("{}/", base.path().trim_end_matches('/')))
        {
            return Err(refuse());
        }
        let query = endpoint.query();
        if !query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        Ok(url)
    }

    fn request<E: Endpoint>(
        &self,
        args: &AttemptArgs<'_, E>,
        token: &AccessToken,
    ) -> Result<reqwest::Request, Error> {
        let mut headers = HeaderMap::with_capacity(12);
        let mut auth =
            HeaderValue::try_from(format!("Bearer {}", token.token.expose())).map_err(|_| {
                Error::credential(crate::credential::CredentialError::new(
                    "the access token contains characters not allowed in a header",
                ))
            })?;
        auth.set_sensitive(true);
        headers.insert(header::AUTHORIZATION, auth);
        headers.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        for (name, value) in id_headers(args.request_id, args.correlation_id) {
            headers.insert(name, value);
        }
        for (name, value) in &self.inner.fixed_headers {
            headers.insert(name.clone(), value.clone());
        }
        let mut builder = self
            .inner
            .http
            .request(args.method.clone(), args.url.clone());
        if let Some(body) = args.body {
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            builder = builder.body(body.clone());
        }
        builder.headers(headers).build().map_err(|e| {
            Error::configuration(format!(
                "the request could not be built: {}",
                e.without_url()
            ))
        })
    }

    async fn send(&self, request: reqwest::Request) -> Result<RawResponse, SendFailure> {
        let classify = |e: reqwest::Error| {
            if e.is_connect() {
                SendFailure::Connect(e)
            } else {
                SendFailure::Lost(e)
            }
        };
        let max = self.inner.max_response_bytes;
        let mut response = self.inner.http.execute(request).await.map_err(classify)?;
        let status = response.status().as_u16();
        let headers = std::mem::take(response.headers_mut());
        if response
            .content_length()
            .is_some_and(|len| len > max as u64)
        {
            return Err(SendFailure::TooLarge(max));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(SendFailure::Lost)? {
            if body.len() + chunk.len() > max {
                return Err(SendFailure::TooLarge(max));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(RawResponse {
            status,
            headers,
            body: Bytes::from(body),
        })
    }
}

struct AttemptArgs<'a, E> {
    endpoint: &'a E,
    method: &'a reqwest::Method,
    url: &'a reqwest::Url,
    body: Option<&'a Bytes>,
    request_id: RequestId,
    correlation_id: CorrelationId,
    deadline: Option<Instant>,
    budget: Duration,
    attempt_timeout: Duration,
    token_ctx: &'a TokenContext,
}

struct AttemptSuccess<T> {
    status: u16,
    ids: crate::response::ResponseIds,
    value: T,
}
