//! The retry decision, as a pure function: [`RetryPolicy::decide`] looks at what happened to
//! one attempt and says whether to try again and after how long.
//!
//! | outcome of the attempt | GET / HEAD | POST |
//! |---|---|---|
//! | could not connect, or could not get a token for a transient reason (nothing sent) | retry | retry |
//! | connection lost after sending, or no answer within the attempt timeout | retry | retry, because the same `MS-RequestId` is resent |
//! | `408`, `429`, `500`, `502`, `503`, `504` | retry | retry, because the same `MS-RequestId` is resent |
//! | `401`, the first time in the operation | retry at once with a new token | same |
//! | `401` again, `400`, `403`, `404`, `409`, `412`, `417`, any other status | stop | stop |
//! | any status whose body says `"isRetryable": false` | stop | stop |
//! | no attempts left, or the wait would not end before the operation's deadline | stop | stop |
//!
//! The wait before a retry is the service's `Retry-After` (seconds or HTTP date), else the
//! throttling body's "Try again in N seconds", else [`Backoff`]. A second and later `429` in the
//! same operation waits the longer of the service's wait and the backoff, as Microsoft's
//! throttling guidance asks (wait, then back off exponentially), so a service that keeps asking
//! for a short wait is not hammered. Always at most [`RetryPolicy::max_delay`]. A wait that would reach the operation's deadline is not slept:
//! the attempt's error is returned at once, since the retry could not happen in time anyway.
//!
//! With [`RetryPolicy::retry_non_idempotent`] turned off, a `POST` is retried only when the
//! service certainly did not act on it (nothing sent, `401`, `408`, `429`).

use std::time::Duration;

use crate::backoff::Backoff;

/// When and how often to retry.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Attempts per operation, the first included (`1` = never retry). The one retry after a
    /// `401` with a fresh token does not need a spare attempt.
    pub max_attempts: u32,
    /// The wait when the service does not say how long.
    pub backoff: Backoff,
    /// The longest wait before a retry, whatever the service asks for (`Retry-After: 86400`
    /// waits this long, then retries).
    pub max_delay: Duration,
    /// Whether `POST`s are retried after failures where the service may have acted (lost
    /// connection, timeout, `5xx`). Safe because every attempt carries the operation's
    /// `MS-RequestId`; the caller learns of it through `earlier_attempt_may_have_applied`.
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    /// 4 attempts, [`Backoff::default`], waits of at most 60 s, `POST`s retried.
    fn default() -> Self {
        Self {
            max_attempts: 4,
            backoff: Backoff::default(),
            max_delay: Duration::from_secs(60),
            retry_non_idempotent: true,
        }
    }
}

/// What happened to one attempt that did not succeed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AttemptOutcome {
    /// The connection could not be made: nothing was sent.
    ConnectFailed,
    /// The connection failed after the request may have been (partly) sent.
    ConnectionLost,
    /// No complete answer within the attempt timeout.
    TimedOut,
    /// No token could be obtained, so nothing was sent; `transient` when the token endpoint may
    /// answer next time (unreachable, `5xx`, `429`).
    CredentialFailed {
        /// Whether trying again may help.
        transient: bool,
    },
    /// The operation's deadline came, before sending (`sent` false) or while waiting for the
    /// answer: there is no time for another attempt.
    DeadlineReached {
        /// Whether the request may have gone out.
        sent: bool,
    },
    /// The answer was larger than the transport reads: another attempt would get the same.
    AnswerTooLarge,
    /// The request was refused before sending (validation, configuration, the cloud, a token
    /// that cannot go in a header).
    Refused,
    /// The service answered with a status that is not a success for the operation.
    Status {
        /// The HTTP status.
        status: u16,
        /// The wait the service asked for (header, else body), before clamping.
        retry_after: Option<Duration>,
        /// The error body's `isRetryable`, when it has one.
        is_retryable: Option<bool>,
    },
}

impl AttemptOutcome {
    /// Whether the service may have acted on the request: it may have received it and then the
    /// answer was lost (lost connection, timeout), or it failed on its side (`5xx`).
    pub(crate) fn may_have_applied(&self) -> bool {
        match *self {
            AttemptOutcome::ConnectionLost
            | AttemptOutcome::TimedOut
            | AttemptOutcome::AnswerTooLarge => true,
            AttemptOutcome::DeadlineReached { sent } => sent,
            AttemptOutcome::Status { status, .. } => status >= 500,
            AttemptOutcome::ConnectFailed
            | AttemptOutcome::CredentialFailed { .. }
            | AttemptOutcome::Refused => false,
        }
    }
}

/// Everything [`RetryPolicy::decide`] looks at besides the outcome.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct RetryInput {
    /// Whether repeating the operation is harmless (`GET`, `HEAD`).
    pub(crate) idempotent: bool,
    /// Attempts made so far, the failed one included (1 after the first attempt).
    pub(crate) attempt: u32,
    /// Time left before the operation's deadline, if it has one.
    pub(crate) remaining: Option<Duration>,
    /// Whether this operation already retried once with a fresh token after a `401`.
    pub(crate) token_refreshed: bool,
    /// How many earlier attempts of this operation were answered `429` (not counting this one).
    pub(crate) throttled_before: u32,
    /// A number in `[0, 1)` choosing the backoff's jitter.
    pub(crate) jitter: f64,
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RetryDecision {
    /// Wait `delay`, then try again; with `refresh_token`, drop the cached token first.
    Retry {
        /// How long to wait.
        delay: Duration,
        /// Whether the cached token must be replaced (after a `401`).
        refresh_token: bool,
    },
    /// Return the attempt's error.
    Stop(StopReason),
}

/// Why there is no retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StopReason {
    /// The outcome is not worth retrying (e.g. `400`, `404`, `409`, a second `401`).
    NotRetryable,
    /// The error body said `"isRetryable": false`.
    ServiceSaidNotRetryable,
    /// The operation may have been applied and the policy does not retry `POST`s then.
    NotIdempotent,
    /// Every allowed attempt was made.
    AttemptsExhausted,
    /// The wait before the next attempt would not end before the deadline.
    Deadline,
}

impl StopReason {
    /// A few words for logs.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            StopReason::NotRetryable => "not retryable",
            StopReason::ServiceSaidNotRetryable => "the service said isRetryable: false",
            StopReason::NotIdempotent => "not idempotent and may have been applied",
            StopReason::AttemptsExhausted => "no attempts left",
            StopReason::Deadline => "the wait would pass the deadline",
        }
    }
}

/// Statuses worth another attempt.
pub(crate) const RETRYABLE_STATUSES: [u16; 6] = [408, 429, 500, 502, 503, 504];

impl RetryPolicy {
    /// A policy that never retries (the one retry with a fresh token after a `401` still
    /// happens).
    pub fn never() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Decides what to do after a failed attempt. Pure: the same input gives the same answer,
    /// with no clock, randomness or I/O (the caller passes elapsed time, remaining time and the
    /// jitter sample).
    pub(crate) fn decide(&self, input: &RetryInput, outcome: &AttemptOutcome) -> RetryDecision {
        if let AttemptOutcome::Status { status: 401, .. } = outcome {
            if input.token_refreshed {
                return RetryDecision::Stop(StopReason::NotRetryable);
            }
            if input.remaining == Some(Duration::ZERO) {
                return RetryDecision::Stop(StopReason::Deadline);
            }
            return RetryDecision::Retry {
                delay: Duration::ZERO,
                refresh_token: true,
            };
        }
        let retryable = match *outcome {
            AttemptOutcome::ConnectFailed
            | AttemptOutcome::ConnectionLost
            | AttemptOutcome::TimedOut => true,
            AttemptOutcome::CredentialFailed { transient } => transient,
            AttemptOutcome::DeadlineReached { .. } => {
                return RetryDecision::Stop(StopReason::Deadline);
            }
            AttemptOutcome::AnswerTooLarge | AttemptOutcome::Refused => false,
            AttemptOutcome::Status {
                status,
                is_retryable,
                ..
            } => {
                if is_retryable == Some(false) {
                    return RetryDecision::Stop(StopReason::ServiceSaidNotRetryable);
                }
                RETRYABLE_STATUSES.contains(&status)
            }
        };
        if !retryable {
            return RetryDecision::Stop(StopReason::NotRetryable);
        }
        if !input.idempotent && !self.retry_non_idempotent && outcome.may_have_applied() {
            return RetryDecision::Stop(StopReason::NotIdempotent);
        }
        if input.attempt >= self.max_attempts {
            return RetryDecision::Stop(StopReason::AttemptsExhausted);
        }
        let backoff = || self.backoff.delay(input.attempt, input.jitter);
        let delay = match *outcome {
            AttemptOutcome::Status {
                status: 429,
                retry_after: Some(wait),
                ..
            } if input.throttled_before > 0 => wait.max(backoff()),
            AttemptOutcome::Status {
                retry_after: Some(wait),
                ..
            } => wait,
            _ => backoff(),
        }
        .min(self.max_delay);
        if input.remaining.is_some_and(|remaining| delay >= remaining) {
            return RetryDecision::Stop(StopReason::Deadline);
        }
        RetryDecision::Retry {
            delay,
            refresh_token: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> RetryPolicy {
        RetryPolicy {
            backoff: Backoff::default().without_jitter(),
            ..RetryPolicy::default()
        }
    }

    fn input(idempotent: bool) -> RetryInput {
        RetryInput {
            idempotent,
            attempt: 1,
            remaining: Some(Duration::from_secs(100)),
            token_refreshed: false,
            throttled_before: 0,
            jitter: 0.5,
        }
    }

    fn status(status: u16) -> AttemptOutcome {
        AttemptOutcome::Status {
            status,
            retry_after: None,
            is_retryable: None,
        }
    }

    const BACKOFF_1: RetryDecision = RetryDecision::Retry {
        delay: Duration::from_millis(500),
        refresh_token: false,
    };

    #[test]
    fn connection_failures_timeouts_and_transient_statuses_are_retried_for_any_method() {
        let p = policy();
        let mut outcomes = vec![
            AttemptOutcome::ConnectFailed,
            AttemptOutcome::ConnectionLost,
            AttemptOutcome::TimedOut,
            AttemptOutcome::CredentialFailed { transient: true },
        ];
        outcomes.extend(RETRYABLE_STATUSES.map(status));
        for outcome in outcomes {
            for idempotent in [true, false] {
                assert_eq!(
                    p.decide(&input(idempotent), &outcome),
                    BACKOFF_1,
                    "{outcome:?}"
                );
            }
        }
    }

    #[test]
    fn a_reached_deadline_a_too_large_answer_and_a_local_refusal_stop() {
        let p = policy();
        for (outcome, reason) in [
            (
                AttemptOutcome::DeadlineReached { sent: true },
                StopReason::Deadline,
            ),
            (AttemptOutcome::AnswerTooLarge, StopReason::NotRetryable),
            (AttemptOutcome::Refused, StopReason::NotRetryable),
        ] {
            for idempotent in [true, false] {
                assert_eq!(
                    p.decide(&input(idempotent), &outcome),
                    RetryDecision::Stop(reason),
                    "{outcome:?}"
                );
            }
        }
    }

    #[test]
    fn client_errors_are_not_retried() {
        let p = policy();
        for s in [400, 403, 404, 409, 412, 417, 422, 501, 505, 302] {
            for idempotent in [true, false] {
                assert_eq!(
                    p.decide(&input(idempotent), &status(s)),
                    RetryDecision::Stop(StopReason::NotRetryable),
                    "{s}"
                );
            }
        }
        assert_eq!(
            p.decide(
                &input(true),
                &AttemptOutcome::CredentialFailed { transient: false }
            ),
            RetryDecision::Stop(StopReason::NotRetryable)
        );
    }

    #[test]
    fn unauthorized_retries_once_with_a_new_token() {
        let p = RetryPolicy::never();
        let first = p.decide(&input(false), &status(401));
        assert_eq!(
            first,
            RetryDecision::Retry {
                delay: Duration::ZERO,
                refresh_token: true
            }
        );
        let again = RetryInput {
            token_refreshed: true,
            attempt: 2,
            ..input(false)
        };
        assert_eq!(
            p.decide(&again, &status(401)),
            RetryDecision::Stop(StopReason::NotRetryable)
        );
        let no_time = RetryInput {
            remaining: Some(Duration::ZERO),
            ..input(true)
        };
        assert_eq!(
            p.decide(&no_time, &status(401)),
            RetryDecision::Stop(StopReason::Deadline)
        );
    }

    #[test]
    fn is_retryable_false_forbids_a_retry_even_for_transient_statuses() {
        let p = policy();
        for s in [409, 429, 500, 503] {
            let outcome = AttemptOutcome::Status {
                status: s,
                retry_after: Some(Duration::from_secs(1)),
                is_retryable: Some(false),
            };
            assert_eq!(
                p.decide(&input(true), &outcome),
                RetryDecision::Stop(StopReason::ServiceSaidNotRetryable)
            );
        }
        // `isRetryable: true` does not make a client error retryable.
        let outcome = AttemptOutcome::Status {
            status: 409,
            retry_after: None,
            is_retryable: Some(true),
        };
        assert_eq!(
            p.decide(&input(true), &outcome),
            RetryDecision::Stop(StopReason::NotRetryable)
        );
    }

    #[test]
    fn retry_after_is_honoured_and_clamped() {
        let p = policy();
        let throttled = |secs| AttemptOutcome::Status {
            status: 429,
            retry_after: Some(Duration::from_secs(secs)),
            is_retryable: None,
        };
        let retry = |secs| RetryDecision::Retry {
            delay: Duration::from_secs(secs),
            refresh_token: false,
        };
        assert_eq!(p.decide(&input(false), &throttled(57)), retry(57));
        assert_eq!(p.decide(&input(false), &throttled(0)), retry(0));
        assert_eq!(p.decide(&input(false), &throttled(86_400)), retry(60));
        let soon = RetryInput {
            remaining: Some(Duration::from_secs(30)),
            ..input(false)
        };
        assert_eq!(
            p.decide(&soon, &throttled(57)),
            RetryDecision::Stop(StopReason::Deadline)
        );
        let unbounded = RetryInput {
            remaining: None,
            ..input(false)
        };
        assert_eq!(p.decide(&unbounded, &throttled(86_400)), retry(60));
        // A 429 without a wait falls back to backoff.
        assert_eq!(p.decide(&input(true), &status(429)), BACKOFF_1);
    }

    #[test]
    fn repeated_throttling_backs_off_exponentially_beyond_retry_after() {
        let p = policy();
        let throttled = |secs| AttemptOutcome::Status {
            status: 429,
            retry_after: Some(Duration::from_secs(secs)),
            is_retryable: None,
        };
        let retry = |millis| RetryDecision::Retry {
            delay: Duration::from_millis(millis),
            refresh_token: false,
        };
        let at = |attempt, throttled_before| RetryInput {
            attempt,
            throttled_before,
            ..input(false)
        };
        // The first 429 waits what the service asks, even when backoff would be longer.
        assert_eq!(p.decide(&at(3, 0), &throttled(1)), retry(1_000));
        // Later ones wait the longer of the two: backoff after attempt 3 is 2 s, after 5 is 8 s.
        assert_eq!(p.decide(&at(3, 2), &throttled(1)), retry(2_000));
        assert_eq!(p.decide(&at(3, 2), &throttled(0)), retry(2_000));
        assert_eq!(p.decide(&at(3, 1), &throttled(7)), retry(7_000));
        let many = RetryPolicy {
            max_attempts: 10,
            ..policy()
        };
        assert_eq!(many.decide(&at(5, 4), &throttled(1)), retry(8_000));
        // Still clamped by the maximum delay and the deadline.
        let short = RetryPolicy {
            max_delay: Duration::from_millis(1_500),
            ..policy()
        };
        assert_eq!(short.decide(&at(3, 2), &throttled(1)), retry(1_500));
        let tight = RetryInput {
            remaining: Some(Duration::from_millis(1_800)),
            ..at(3, 2)
        };
        assert_eq!(
            p.decide(&tight, &throttled(1)),
            RetryDecision::Stop(StopReason::Deadline)
        );
        // Other statuses keep honouring their wait as it is.
        let unavailable = AttemptOutcome::Status {
            status: 503,
            retry_after: Some(Duration::from_secs(1)),
            is_retryable: None,
        };
        assert_eq!(p.decide(&at(3, 2), &unavailable), retry(1_000));
    }

    #[test]
    fn backoff_grows_with_the_attempt_and_respects_the_deadline() {
        let p = policy();
        let third = RetryInput {
            attempt: 3,
            ..input(true)
        };
        assert_eq!(
            p.decide(&third, &AttemptOutcome::TimedOut),
            RetryDecision::Retry {
                delay: Duration::from_secs(2),
                refresh_token: false
            }
        );
        let tight = RetryInput {
            remaining: Some(Duration::from_millis(400)),
            ..input(true)
        };
        assert_eq!(
            p.decide(&tight, &AttemptOutcome::ConnectFailed),
            RetryDecision::Stop(StopReason::Deadline)
        );
    }

    #[test]
    fn attempts_are_bounded() {
        let p = policy();
        let last = RetryInput {
            attempt: 4,
            ..input(true)
        };
        assert_eq!(
            p.decide(&last, &status(503)),
            RetryDecision::Stop(StopReason::AttemptsExhausted)
        );
        assert_eq!(
            RetryPolicy::never().decide(&input(true), &AttemptOutcome::ConnectFailed),
            RetryDecision::Stop(StopReason::AttemptsExhausted)
        );
    }

    #[test]
    fn posts_without_non_idempotent_retries_only_retry_when_nothing_happened() {
        let p = RetryPolicy {
            retry_non_idempotent: false,
            ..policy()
        };
        for outcome in [
            AttemptOutcome::ConnectionLost,
            AttemptOutcome::TimedOut,
            status(500),
            status(503),
        ] {
            assert!(outcome.may_have_applied());
            assert_eq!(
                p.decide(&input(false), &outcome),
                RetryDecision::Stop(StopReason::NotIdempotent),
                "{outcome:?}"
            );
            assert_eq!(p.decide(&input(true), &outcome), BACKOFF_1, "{outcome:?}");
        }
        for outcome in [
            AttemptOutcome::ConnectFailed,
            AttemptOutcome::CredentialFailed { transient: true },
            status(408),
            status(429),
        ] {
            assert!(!outcome.may_have_applied());
            assert_eq!(p.decide(&input(false), &outcome), BACKOFF_1, "{outcome:?}");
        }
    }
}
