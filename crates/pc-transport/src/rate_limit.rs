//! The client-side rate limiter: at most N requests start in any minute, shared by every clone
//! of a [`Transport`](crate::Transport).
//!
//! It is a token bucket holding one token that refills every `60 s / N` (the "generic cell rate
//! algorithm" form): each attempt reserves the next free slot and waits for it, so requests are
//! spread evenly and no burst can push a minute over N. With N = 500, the documented limit of
//! the customer resource, a request starts at most every 120 ms.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

#[derive(Debug)]
pub(crate) struct RateLimiter {
    interval: Duration,
    next_free: Mutex<Option<Instant>>,
}

impl RateLimiter {
    /// A limiter of `per_minute` requests per minute; `None` when `per_minute` is 0.
    pub(crate) fn per_minute(per_minute: u32) -> Option<Self> {
        (per_minute > 0).then(|| Self {
            interval: Duration::from_secs(60) / per_minute,
            next_free: Mutex::new(None),
        })
    }

    /// Reserves the next free slot at or after `now` and returns how long to wait for it.
    ///
    /// # Errors
    /// The wait it would take, without reserving anything, when that wait exceeds `max_wait`.
    pub(crate) fn reserve(
        &self,
        now: Instant,
        max_wait: Option<Duration>,
    ) -> Result<Duration, Duration> {
        let mut next_free = self
            .next_free
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let slot = match *next_free {
            Some(next) if next > now => next,
            _ => now,
        };
        let wait = slot - now;
        if max_wait.is_some_and(|max| wait > max) {
            return Err(wait);
        }
        *next_free = Some(slot + self.interval);
        Ok(wait)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreads_requests_evenly() {
        let limiter = RateLimiter::per_minute(60).unwrap();
        let t0 = Instant::now();
        let waits: Vec<_> = (0..3).map(|_| limiter.reserve(t0, None).unwrap()).collect();
        assert_eq!(waits, [0, 1, 2].map(Duration::from_secs));
        // Time passes: the next slot is 3 s after t0, so at t0 + 2.5 s the wait is 0.5 s.
        let later = t0 + Duration::from_millis(2500);
        assert_eq!(limiter.reserve(later, None), Ok(Duration::from_millis(500)));
        // Long idle does not build up a burst.
        let idle = t0 + Duration::from_secs(600);
        assert_eq!(limiter.reserve(idle, None), Ok(Duration::ZERO));
        assert_eq!(limiter.reserve(idle, None), Ok(Duration::from_secs(1)));
    }

    #[test]
    fn refuses_a_wait_longer_than_allowed_without_reserving() {
        let limiter = RateLimiter::per_minute(1).unwrap();
        let t0 = Instant::now();
        assert_eq!(
            limiter.reserve(t0, Some(Duration::ZERO)),
            Ok(Duration::ZERO)
        );
        assert_eq!(
            limiter.reserve(t0, Some(Duration::from_secs(10))),
            Err(Duration::from_secs(60))
        );
        assert_eq!(
            limiter.reserve(t0, Some(Duration::from_secs(60))),
            Ok(Duration::from_secs(60))
        );
        assert!(RateLimiter::per_minute(0).is_none());
    }

    #[test]
    fn at_most_n_in_any_minute() {
        let limiter = RateLimiter::per_minute(500).unwrap();
        let t0 = Instant::now();
        let starts: Vec<Instant> = (0..2000)
            .map(|_| t0 + limiter.reserve(t0, None).unwrap())
            .collect();
        for (i, start) in starts.iter().enumerate() {
            let in_window = starts[i..]
                .iter()
                .take_while(|s| **s < *start + Duration::from_secs(60))
                .count();
            assert!(in_window <= 500, "{in_window}");
        }
    }
}
