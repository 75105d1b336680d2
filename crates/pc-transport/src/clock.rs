//! Time, injected: the [`Clock`] trait, the real [`SystemClock`] and the [`ManualClock`] for
//! tests.
//!
//! Every decision that depends on time (retry delays, the operation deadline, token expiry, the
//! rate limiter, "now" for local validation) reads the transport's clock, and every wait the
//! transport chooses (backoff, `Retry-After`, rate limiting) goes through [`Clock::sleep`]. With
//! a [`ManualClock`] those waits return at once and only move the clock forward, so tests run at
//! full speed and can assert on the waits that were asked for.
//!
//! The one exception is waiting on the network: the per-attempt timeout and the part of the
//! operation deadline spent inside an attempt are enforced by real timers, because a test
//! server answers in real time.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use futures::future::BoxFuture;

/// A source of time and a way to wait.
pub trait Clock: Send + Sync + fmt::Debug {
    /// Monotonic now, for deadlines and elapsed time.
    fn now(&self) -> Instant;

    /// Wall-clock now, for token expiry, HTTP dates in `Retry-After` and local validation.
    fn system_now(&self) -> SystemTime;

    /// Waits `duration`.
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()>;
}

/// The real clock: [`Instant::now`], [`SystemTime::now`] and [`tokio::time::sleep`](https://docs.rs/tokio/1/tokio/time/fn.sleep.html).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn system_now(&self) -> SystemTime {
        SystemTime::now()
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// A clock that only moves when told to. [`sleep`](Clock::sleep) returns at once after moving
/// the clock forward by the duration and recording it.
///
/// Clones share the same time and the same record of sleeps.
#[derive(Debug, Clone)]
pub struct ManualClock {
    inner: Arc<Mutex<ManualState>>,
}

#[derive(Debug)]
struct ManualState {
    base: Instant,
    system_base: SystemTime,
    offset: Duration,
    sleeps: Vec<Duration>,
}

impl ManualClock {
    /// A clock whose wall time starts at `start`.
    pub fn starting_at(start: SystemTime) -> Self {
        Self {
            inner: Arc::new(Mutex::new(ManualState {
                base: Instant::now(),
                system_base: start,
                offset: Duration::ZERO,
                sleeps: Vec::new(),
            })),
        }
    }

    /// A clock whose wall time starts now.
    pub fn new() -> Self {
        Self::starting_at(SystemTime::now())
    }

    fn state(&self) -> std::sync::MutexGuard<'_, ManualState> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Moves the clock forward.
    pub fn advance(&self, duration: Duration) {
        let mut state = self.state();
        state.offset = state.offset.saturating_add(duration);
    }

    /// How far the clock has moved since it was made.
    pub fn elapsed(&self) -> Duration {
        self.state().offset
    }

    /// Every [`sleep`](Clock::sleep) asked for so far, in order.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.state().sleeps.clone()
    }
}

impl Default for ManualClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        let state = self.state();
        state.base + state.offset
    }

    fn system_now(&self) -> SystemTime {
        let state = self.state();
        state.system_base + state.offset
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        {
            let mut state = self.state();
            state.offset = state.offset.saturating_add(duration);
            state.sleeps.push(duration);
        }
        Box::pin(std::future::ready(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn manual_clock_moves_only_when_told() {
        let start = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let clock = ManualClock::starting_at(start);
        let t0 = clock.now();
        assert_eq!(clock.system_now(), start);
        clock.sleep(Duration::from_secs(3)).await;
        clock.advance(Duration::from_secs(2));
        assert_eq!(clock.now() - t0, Duration::from_secs(5));
        assert_eq!(clock.system_now(), start + Duration::from_secs(5));
        assert_eq!(clock.sleeps(), vec![Duration::from_secs(3)]);
        assert_eq!(clock.clone().elapsed(), Duration::from_secs(5));
    }
}
