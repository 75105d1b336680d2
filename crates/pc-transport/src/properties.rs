//! Properties of the pure parts: the retry decision, backoff and `Retry-After` parsing never
//! panic, never wait longer than allowed, and always end.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, SystemTime};

use crate::retry::{AttemptOutcome, RetryDecision, RetryInput, StopReason};
use crate::retry_after::parse_retry_after;
use crate::{Backoff, RetryPolicy};
use proptest::prelude::*;

fn outcome() -> impl Strategy<Value = AttemptOutcome> {
    prop_oneof![
        Just(AttemptOutcome::ConnectFailed),
        Just(AttemptOutcome::ConnectionLost),
        Just(AttemptOutcome::TimedOut),
        any::<bool>().prop_map(|transient| AttemptOutcome::CredentialFailed { transient }),
        (
            100u16..600,
            proptest::option::of(any::<u64>()),
            proptest::option::of(any::<bool>())
        )
            .prop_map(|(status, wait, is_retryable)| AttemptOutcome::Status {
                status,
                retry_after: wait.map(Duration::from_secs),
                is_retryable,
            }),
    ]
}

fn policy() -> impl Strategy<Value = RetryPolicy> {
    (
        1u32..8,
        0u64..120_000,
        0u64..600,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(max_attempts, initial_ms, max_delay, jitter, retry_non_idempotent)| RetryPolicy {
                max_attempts,
                backoff: Backoff {
                    initial: Duration::from_millis(initial_ms),
                    jitter,
                    ..Backoff::default()
                },
                max_delay: Duration::from_secs(max_delay),
                retry_non_idempotent,
            },
        )
}

proptest! {
    #[test]
    fn decisions_respect_the_caps(
        policy in policy(),
        outcome in outcome(),
        idempotent in any::<bool>(),
        attempt in 1u32..20,
        remaining in proptest::option::of(0u64..1_000_000),
        token_refreshed in any::<bool>(),
        throttled_before in 0u32..20,
        jitter in 0.0f64..1.0,
    ) {
        let input = RetryInput {
            idempotent,
            attempt,
            remaining: remaining.map(Duration::from_millis),
            token_refreshed,
            throttled_before,
            jitter,
        };
        match policy.decide(&input, &outcome) {
            RetryDecision::Retry { delay, refresh_token } => {
                prop_assert!(delay <= policy.max_delay);
                if let Some(remaining) = input.remaining {
                    prop_assert!(delay < remaining || (refresh_token && !remaining.is_zero()));
                }
                if refresh_token {
                    let is_401 = matches!(outcome, AttemptOutcome::Status { status: 401, .. });
                    prop_assert!(is_401 && !token_refreshed);
                } else {
                    prop_assert!(attempt < policy.max_attempts);
                }
                if let AttemptOutcome::Status { is_retryable, status, .. } = outcome {
                    prop_assert!(is_retryable != Some(false) || status == 401);
                }
            }
            RetryDecision::Stop(StopReason::NotIdempotent) => {
                prop_assert!(!idempotent && !policy.retry_non_idempotent);
                prop_assert!(outcome.may_have_applied());
            }
            RetryDecision::Stop(_) => {}
        }
    }

    #[test]
    fn every_operation_ends(
        policy in policy(),
        outcomes in proptest::collection::vec(outcome(), 1..40),
    ) {
        // Replays the loop of `execute` with a scripted server: it must stop within
        // max_attempts + 1 attempts (the extra one is the retry with a fresh token).
        let mut token_refreshed = false;
        let mut attempts = 0;
        for (i, outcome) in outcomes.iter().cycle().enumerate().take(100) {
            attempts = i as u32 + 1;
            let input = RetryInput {
                idempotent: true,
                attempt: attempts,
                remaining: None,
                token_refreshed,
                throttled_before: 0,
                jitter: 0.5,
            };
            match policy.decide(&input, outcome) {
                RetryDecision::Retry { refresh_token, .. } => token_refreshed |= refresh_token,
                RetryDecision::Stop(_) => break,
            }
        }
        prop_assert!(attempts <= policy.max_attempts + 1, "{attempts}");
    }

    #[test]
    fn backoff_stays_between_half_and_the_cap(
        attempt in any::<u32>(),
        initial_ms in any::<u32>(),
        max_s in 0u64..100_000,
        sample in any::<f64>(),
    ) {
        let backoff = Backoff {
            initial: Duration::from_millis(u64::from(initial_ms)),
            max: Duration::from_secs(max_s),
            ..Backoff::default()
        };
        let nominal = backoff.nominal(attempt);
        let delay = backoff.delay(attempt, sample);
        prop_assert!(nominal <= backoff.max);
        prop_assert!(delay <= nominal);
        prop_assert!(delay + Duration::from_micros(1) >= nominal / 2);
    }

    #[test]
    fn retry_after_never_panics_and_reads_every_number(text in "\\PC{0,40}", n in any::<u64>()) {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let _ = parse_retry_after(&text, now);
        prop_assert_eq!(parse_retry_after(&n.to_string(), now), Some(Duration::from_secs(n)));
        let date = httpdate_string(now + Duration::from_secs(n % 1_000_000));
        prop_assert_eq!(
            parse_retry_after(&date, now),
            Some(Duration::from_secs(n % 1_000_000))
        );
    }
}

/// An IMF-fixdate, written by hand so the test does not share the parser's library.
fn httpdate_string(t: SystemTime) -> String {
    let secs = t.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs();
    let dt = chrono::DateTime::from_timestamp(secs as i64, 0).unwrap();
    dt.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}
