//! Polling schedules, and waiting for a qualification's vetting.

use std::future::IntoFuture;
use std::time::Duration;

use futures::future::BoxFuture;
use pc_model::{CustomerTenantId, Qualification, QualificationKind};
use pc_transport::CallOptions;

use crate::client::Client;
use crate::error::Error;
use crate::response::Response;

/// How to poll: the first wait, the longest wait (waits grow by half each time), and the total.
///
/// Polls sleep through the transport's [`Clock`](pc_transport::Clock), so a client built with a
/// [`ManualClock`](pc_transport::ManualClock) polls without waiting in real time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PollSchedule {
    /// The first wait.
    pub first: Duration,
    /// The longest wait.
    pub max: Duration,
    /// Give up after waiting this long in all.
    pub deadline: Duration,
}

impl PollSchedule {
    /// Vetting takes minutes to days: 5 s growing to 1 min, for up to 15 min.
    pub const VETTING: PollSchedule = PollSchedule {
        first: Duration::from_secs(5),
        max: Duration::from_secs(60),
        deadline: Duration::from_secs(15 * 60),
    };

    /// A new customer may answer `404` for about 90 s: 2 s growing to 15 s, for up to 2 min.
    pub const CUSTOMER: PollSchedule = PollSchedule {
        first: Duration::from_secs(2),
        max: Duration::from_secs(15),
        deadline: Duration::from_secs(120),
    };
}

/// The waits of a schedule, in order; they add up to at most its deadline.
pub(crate) fn sleep_schedule(s: PollSchedule) -> impl Iterator<Item = Duration> {
    let mut next = s.first.min(s.max);
    let mut left = s.deadline;
    std::iter::from_fn(move || {
        if left.is_zero() {
            return None;
        }
        let wait = next.min(left);
        left -= wait;
        next = (next + next / 2).min(s.max).max(Duration::from_millis(1));
        Some(wait)
    })
}

type OnChange<'c> = Box<dyn FnMut(&Qualification) + Send + 'c>;

/// A wait for vetting to finish; see [`Client::wait_for_vetting`]. Await it.
#[must_use = "a wait does nothing until it is awaited"]
pub struct WaitForVetting<'c> {
    client: &'c Client,
    customer: CustomerTenantId,
    kind: QualificationKind,
    schedule: PollSchedule,
    on_change: Option<OnChange<'c>>,
    options: CallOptions,
}

impl<'c> WaitForVetting<'c> {
    /// Gives up after `deadline` in all.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.schedule.deadline = deadline;
        self
    }

    /// Polls first after `first`, the waits growing to at most `max`.
    pub fn poll_interval(mut self, first: Duration, max: Duration) -> Self {
        self.schedule.first = first;
        self.schedule.max = max;
        self
    }

    /// Calls `f` with the qualification each time its vetting status changes (and with the
    /// first state seen).
    pub fn on_change(mut self, f: impl FnMut(&Qualification) + Send + 'c) -> Self {
        self.on_change = Some(Box::new(f));
        self
    }

    /// Per-call options for the reads (correlation id, per-read timeout).
    pub fn options(mut self, options: CallOptions) -> Self {
        self.options = options;
        self
    }
}

impl<'c> IntoFuture for WaitForVetting<'c> {
    type Output = Result<Response<Qualification>, Error>;
    type IntoFuture = BoxFuture<'c, Self::Output>;

    fn into_future(mut self) -> Self::IntoFuture {
        Box::pin(async move {
            let mut sleeps = sleep_schedule(self.schedule);
            let mut last: Option<Qualification> = None;
            loop {
                let list = self
                    .client
                    .list_qualifications(self.customer)
                    .options(self.options.clone())
                    .await?;
                let current = list
                    .value
                    .iter()
                    .rev()
                    .find(|q| q.qualification.as_ref() == Some(&self.kind))
                    .cloned();
                if let Some(q) = &current {
                    let changed = last
                        .as_ref()
                        .is_none_or(|l| l.vetting_status != q.vetting_status);
                    if changed && let Some(f) = self.on_change.as_mut() {
                        f(q);
                    }
                    if q.is_settled() {
                        let q = q.clone();
                        return Ok(list.map(|_| q));
                    }
                }
                if current.is_some() {
                    last = current;
                }
                match sleeps.next() {
                    Some(wait) => self.client.transport().clock().sleep(wait).await,
                    None => {
                        return Err(Error::VettingDeadline {
                            kind: self.kind,
                            last: last.map(Box::new),
                        });
                    }
                }
            }
        })
    }
}

impl Client {
    /// Waits for the vetting of the customer's `kind` qualification to finish: polls the list
    /// with growing waits (client default: 5 s to 1 min, for up to 15 min) until its status is
    /// `Approved` or `Denied` (or it has none, like a State Owned Entity), reporting each change
    /// through [`WaitForVetting::on_change`].
    ///
    /// # Errors
    /// [`Error::VettingDeadline`] with the last state seen; [`Error::Transport`] when a read fails.
    pub fn wait_for_vetting(
        &self,
        customer: CustomerTenantId,
        kind: QualificationKind,
    ) -> WaitForVetting<'_> {
        WaitForVetting {
            client: self,
            customer,
            kind,
            schedule: self.inner.vetting,
            on_change: None,
            options: CallOptions::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedules_grow_and_stop_at_the_deadline() {
        let s = PollSchedule {
            first: Duration::from_secs(2),
            max: Duration::from_secs(5),
            deadline: Duration::from_secs(20),
        };
        let waits: Vec<u128> = sleep_schedule(s).map(|d| d.as_millis()).collect();
        assert_eq!(waits, [2000, 3000, 4500, 5000, 5000, 500]);
        assert_eq!(
            sleep_schedule(PollSchedule {
                deadline: Duration::ZERO,
                ..s
            })
            .count(),
            0
        );
        let total: Duration = sleep_schedule(PollSchedule::VETTING).sum();
        assert_eq!(total, PollSchedule::VETTING.deadline);
    }
}
