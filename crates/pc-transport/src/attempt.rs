//! One attempt of an operation: wait for the rate limiter, get a token, send, read the answer
//! and classify the outcome for the retry decision.

use std::time::{Duration, Instant};

use bytes::Bytes;
use pc_model::operation::{Auth, Endpoint};

use crate::credential::{AccessToken, TokenContext, TokenKind};
use crate::error::{Error, TimeoutKind};
use crate::headers::{response_ids, retry_after};
use crate::ids::{CorrelationId, RequestId};
use crate::request::SendFailure;
use crate::response::ResponseIds;
use crate::retry_after::requested_wait;
use crate::transport::Transport;

/// What an attempt needs: the same for every attempt of an operation.
pub(crate) struct AttemptArgs<'a, E> {
    pub(crate) endpoint: &'a E,
    pub(crate) method: &'a reqwest::Method,
    pub(crate) url: &'a reqwest::Url,
    pub(crate) body: Option<&'a Bytes>,
    pub(crate) request_id: RequestId,
    pub(crate) correlation_id: CorrelationId,
    pub(crate) deadline: Option<Instant>,
    pub(crate) budget: Duration,
    pub(crate) attempt_timeout: Duration,
    pub(crate) token_ctx: &'a TokenContext,
}

/// A decoded successful answer.
pub(crate) struct AttemptSuccess<T> {
    pub(crate) status: u16,
    pub(crate) ids: ResponseIds,
    pub(crate) value: T,
}

impl Transport {
    /// One attempt: rate limiter, token, request, answer.
    pub(crate) async fn attempt<E: Endpoint>(
        &self,
        args: AttemptArgs<'_, E>,
    ) -> Result<AttemptSuccess<E::Output>, (Error, Option<AccessToken>)> {
        let inner = &*self.inner;
        let operation_timeout =
            |sent: bool| Error::timeout(TimeoutKind::Operation, args.budget, sent);
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
                return Err((Error::credential(e), None));
            }
            Err(_) => return Err((operation_timeout(false), None)),
        };

        let (limit, limit_kind) = match remaining(inner.clock.now()) {
            Some(r) if r < args.attempt_timeout => (r, TimeoutKind::Operation),
            _ => (args.attempt_timeout, TimeoutKind::Attempt),
        };
        let request = match self.request(&args, &token) {
            Ok(request) => request,
            Err(error) => return Err((error, Some(token))),
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
                    TimeoutKind::Attempt => {
                        Error::timeout(TimeoutKind::Attempt, args.attempt_timeout, true)
                    }
                };
                return Err((failure, Some(token)));
            }
            Ok(Err(failure)) => {
                let failure = match failure {
                    SendFailure::Connect(e) => {
                        tracing::debug!(error = %e, "could not connect");
                        Error::connection(
                            false,
                            "could not connect; nothing was sent",
                            Some(Box::new(e)),
                        )
                    }
                    SendFailure::Lost(e) => {
                        tracing::debug!(error = %e, "connection lost");
                        Error::connection(
                            true,
                            "the connection failed after the request may have been sent",
                            Some(Box::new(e)),
                        )
                    }
                    SendFailure::TooLarge(limit) => Error::too_large(limit),
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
                    let error =
                        Error::decode(raw.status, e).with_response_ids(ids.cv, ids.server_id);
                    Err((error, Some(token)))
                }
            };
        }
        let header = retry_after(&raw.headers);
        let body = pc_model::ErrorBody::parse(&raw.body);
        let wait = requested_wait(header.as_deref(), &body, inner.clock.system_now());
        let mut error = Error::service(raw.status, raw.body, body, wait)
            .with_response_ids(ids.cv, ids.server_id);
        // A credential known to give App-only tokens is refused before sending; one of unknown
        // kind (a token passed in) may give them.
        if raw.status == 403
            && args.endpoint.auth() == Auth::AppAndUser
            && inner.tokens.credential().kind() == TokenKind::Unknown
        {
            error = error.with_hint(
                "this operation needs an App+User token; the access token may be App-only",
            );
        }
        Err((error, Some(token)))
    }
}
