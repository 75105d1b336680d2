//! [`Backoff`]: exponential delays with jitter, the fallback wait between attempts when the
//! service does not say how long to wait.

use std::time::Duration;

/// Exponential backoff: the wait after failed attempt `n` (1-based) is
/// `initial × multiplier^(n-1)`, capped at `max`, then jittered.
///
/// Jitter ("equal jitter") keeps half the delay and randomises the other half, so many clients
/// failing together do not come back together while each still waits at least half the nominal
/// delay.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Backoff {
    /// The delay after the first failed attempt, before jitter.
    pub initial: Duration,
    /// Growth factor per attempt; values below 1 are treated as 1.
    pub multiplier: f64,
    /// The largest delay, before jitter.
    pub max: Duration,
    /// Whether to randomise the upper half of each delay.
    pub jitter: bool,
}

impl Default for Backoff {
    /// 500 ms, doubling, at most 10 s, with jitter.
    fn default() -> Self {
        Self {
            initial: Duration::from_millis(500),
            multiplier: 2.0,
            max: Duration::from_secs(10),
            jitter: true,
        }
    }
}

impl Backoff {
    /// The same backoff without jitter (for deterministic tests and demonstrations).
    pub fn without_jitter(mut self) -> Self {
        self.jitter = false;
        self
    }

    /// The nominal delay after failed attempt `attempt` (1-based), capped at [`max`](Self::max).
    pub fn nominal(&self, attempt: u32) -> Duration {
        let exponent = attempt.saturating_sub(1).min(64);
        let factor = if self.multiplier.is_finite() {
            self.multiplier.max(1.0)
        } else {
            1.0
        };
        let scaled = self.initial.as_secs_f64() * factor.powi(exponent as i32);
        let capped = scaled.min(self.max.as_secs_f64());
        Duration::try_from_secs_f64(capped).map_or(self.max, |d| d.min(self.max))
    }

    /// The delay after failed attempt `attempt` (1-based), with `sample` (a number in `[0, 1)`,
    /// clamped into that range) choosing the jitter: `nominal × (1 + sample) / 2` with jitter,
    /// `nominal` without.
    pub fn delay(&self, attempt: u32, sample: f64) -> Duration {
        let nominal = self.nominal(attempt);
        if !self.jitter {
            return nominal;
        }
        let sample = if sample.is_finite() {
            sample.clamp(0.0, 1.0)
        } else {
            0.0
        };
        Duration::try_from_secs_f64(nominal.as_secs_f64() * (1.0 + sample) / 2.0)
            .map_or(nominal, |d| d.min(nominal))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_exponentially_and_caps() {
        let b = Backoff::default().without_jitter();
        let delays: Vec<_> = (1..=7).map(|n| b.delay(n, 0.9)).collect();
        assert_eq!(
            delays,
            [500, 1000, 2000, 4000, 8000, 10_000, 10_000].map(Duration::from_millis)
        );
        assert_eq!(b.delay(u32::MAX, 0.0), Duration::from_secs(10));
    }

    #[test]
    fn jitter_keeps_at_least_half() {
        let b = Backoff::default();
        assert_eq!(b.delay(2, 0.0), Duration::from_millis(500));
        assert_eq!(b.delay(2, 1.0), Duration::from_millis(1000));
        assert_eq!(b.delay(2, f64::NAN), Duration::from_millis(500));
        assert_eq!(b.delay(2, 7.0), Duration::from_millis(1000));
    }

    #[test]
    fn odd_settings_do_not_panic() {
        let b = Backoff {
            initial: Duration::from_secs(u64::MAX),
            multiplier: f64::INFINITY,
            max: Duration::from_secs(5),
            jitter: false,
        };
        assert_eq!(b.delay(10, 0.5), Duration::from_secs(5));
        let shrinking = Backoff {
            multiplier: 0.1,
            ..Backoff::default().without_jitter()
        };
        assert_eq!(shrinking.delay(3, 0.0), Duration::from_millis(500));
        let huge = Backoff {
            initial: Duration::MAX,
            max: Duration::MAX,
            ..Backoff::default()
        };
        assert_eq!(huge.delay(1, 1.0), Duration::MAX);
    }
}
