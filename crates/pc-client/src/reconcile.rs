//! One deadline per call: the options of the operations a call is made of (a lookup, a write, a
//! read-back after an ambiguous write, the reads of a poll), and when to read back.
//!
//! A call fixes its deadline when it starts (now plus its time limit, on the transport's clock)
//! and every operation it makes runs under that same deadline, so a lookup, the write's attempts
//! and waits and the read-back together end by it. The one exception is a read that concludes the
//! call (a read-back, the last poll of a wait): when less than the [`grace`] is left, it gets the
//! grace, so a write that used up the whole time limit can still be reconciled.

use std::time::{Duration, Instant};

use pc_transport::CallOptions;

use crate::client::Client;

/// The longest [`grace`].
pub(crate) const MAX_GRACE: Duration = Duration::from_secs(5);

/// How long past its deadline a call may run to make its concluding read: a tenth of the time
/// limit, at most [`MAX_GRACE`].
pub(crate) fn grace(limit: Duration) -> Duration {
    (limit / 10).min(MAX_GRACE)
}

/// Whether a failed write may nevertheless have been applied by the service: an earlier attempt
/// may have applied (it was sent and then lost, timed out or failed with `5xx`, and the retry
/// failed, e.g. because the first one had worked), or the last attempt itself ended that way.
pub(crate) fn may_have_applied(e: &pc_transport::Error) -> bool {
    if e.is_validation() {
        return false;
    }
    let last_ambiguous = match e.status() {
        Some(status) => status >= 500,
        None => e.may_have_been_sent(),
    };
    e.earlier_attempt_may_have_applied() || last_ambiguous
}

/// The earlier of two optional instants.
pub(crate) fn earliest(a: Option<Instant>, b: Option<Instant>) -> Option<Instant> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

impl Client {
    /// The time limit of a call: its own, else the transport's operation timeout.
    pub(crate) fn limit(&self, call: &CallOptions) -> Duration {
        call.timeout
            .unwrap_or_else(|| self.transport().timeouts().operation)
    }

    /// The call's options with its deadline fixed: now plus its time limit, or the caller's
    /// deadline when that is earlier.
    pub(crate) fn start_call(&self, mut call: CallOptions) -> CallOptions {
        let now = self.transport().clock().now();
        call.deadline = earliest(now.checked_add(self.limit(&call)), call.deadline);
        call
    }

    /// Options for a read made as part of a call (the agreement template, a poll): the call's
    /// correlation id, time limit and deadline, and a new request id (the call's request id
    /// belongs to its write).
    pub(crate) fn read_options(&self, call: &CallOptions) -> CallOptions {
        let mut read = CallOptions::default();
        read.correlation_id = call.correlation_id;
        read.timeout = call.timeout;
        read.deadline = call.deadline;
        read
    }

    /// Options for the read that concludes a call (the read-back after an ambiguous write): as
    /// [`read_options`](Self::read_options), but with at least the [`grace`] of `limit` from now.
    pub(crate) fn concluding_read_options(
        &self,
        call: &CallOptions,
        limit: Duration,
    ) -> CallOptions {
        let mut read = self.read_options(call);
        let now = self.transport().clock().now();
        if let (Some(deadline), Some(floor)) = (read.deadline, now.checked_add(grace(limit))) {
            read.deadline = Some(deadline.max(floor));
        }
        read
    }

    /// Options for a read-back after an ambiguous write of the call `call`.
    pub(crate) fn read_back_options(&self, call: &CallOptions) -> CallOptions {
        self.concluding_read_options(call, self.limit(call))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grace_is_a_tenth_of_the_limit_and_at_most_five_seconds() {
        assert_eq!(grace(Duration::from_secs(1)), Duration::from_millis(100));
        assert_eq!(grace(Duration::from_secs(10)), Duration::from_secs(1));
        assert_eq!(grace(Duration::from_secs(120)), MAX_GRACE);
        assert_eq!(grace(Duration::MAX), MAX_GRACE);
        assert_eq!(grace(Duration::ZERO), Duration::ZERO);
    }
}
