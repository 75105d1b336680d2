//! The request budget per partner tenant: a fixed one-minute window, as the service documents
//! "N requests per minute per tenant". A request over the budget is answered `429` with
//! `Retry-After` = the seconds until the window ends (at least 1).

use std::collections::HashMap;
use std::time::Duration;

use tokio::time::Instant;
use uuid::Uuid;

const WINDOW: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, Copy)]
struct Window {
    start: Instant,
    count: u32,
}

/// Budgets of all partner tenants.
#[derive(Debug, Default)]
pub(crate) struct Throttle {
    limit: Option<u32>,
    windows: HashMap<Uuid, Window>,
}

impl Throttle {
    /// `limit` requests per tenant and minute; `None` lets everything through.
    pub(crate) fn new(limit: Option<u32>) -> Self {
        Self {
            limit,
            windows: HashMap::new(),
        }
    }

    /// The budget.
    pub(crate) fn limit(&self) -> Option<u32> {
        self.limit
    }

    /// Changes the budget; current windows keep their counts.
    pub(crate) fn set_limit(&mut self, limit: Option<u32>) {
        self.limit = limit.filter(|n| *n > 0);
    }

    /// Forgets every window.
    pub(crate) fn reset(&mut self) {
        self.windows.clear();
    }

    /// Counts a request of `tenant` at `now`.
    ///
    /// # Errors
    /// The whole seconds to wait (at least 1) when the tenant's budget for this minute is spent;
    /// the refused request is not counted.
    pub(crate) fn admit(&mut self, tenant: Uuid, now: Instant) -> Result<(), u64> {
        let Some(limit) = self.limit else {
            return Ok(());
        };
        let window = self.windows.entry(tenant).or_insert(Window {
            start: now,
            count: 0,
        });
        if now.saturating_duration_since(window.start) >= WINDOW {
            *window = Window {
                start: now,
                count: 0,
            };
        }
        if window.count >= limit {
            let left = WINDOW.saturating_sub(now.saturating_duration_since(window.start));
            let secs = left.as_secs() + u64::from(left.subsec_nanos() > 0);
            return Err(secs.max(1));
        }
        window.count += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_per_tenant_and_minute() {
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let t0 = Instant::now();
        let mut throttle = Throttle::new(Some(2));
        assert_eq!(throttle.admit(a, t0), Ok(()));
        assert_eq!(throttle.admit(a, t0 + Duration::from_secs(3)), Ok(()));
        assert_eq!(throttle.admit(a, t0 + Duration::from_millis(3500)), Err(57));
        // Another tenant has its own budget.
        assert_eq!(throttle.admit(b, t0), Ok(()));
        // The window ends a minute after its first request.
        assert_eq!(throttle.admit(a, t0 + Duration::from_secs(60)), Ok(()));
        assert_eq!(
            throttle.admit(a, t0 + Duration::from_millis(119_900)),
            Ok(())
        );
        assert_eq!(
            throttle.admit(a, t0 + Duration::from_millis(119_950)),
            Err(1)
        );
    }

    #[test]
    fn off_and_changed() {
        let a = Uuid::from_u128(1);
        let now = Instant::now();
        let mut throttle = Throttle::new(None);
        for _ in 0..1000 {
            assert_eq!(throttle.admit(a, now), Ok(()));
        }
        throttle.set_limit(Some(1));
        assert_eq!(throttle.admit(a, now), Ok(()));
        assert!(throttle.admit(a, now).is_err());
        throttle.reset();
        assert_eq!(throttle.admit(a, now), Ok(()));
        throttle.set_limit(Some(0));
        assert_eq!(throttle.limit(), None);
    }
}
