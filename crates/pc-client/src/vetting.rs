//! Polling schedules, and waiting for a qualification's vetting.

use std::fmt;
use std::future::IntoFuture;
use std::time::{Duration, Instant};

use futures::future::BoxFuture;
use pc_model::operations::ListQualifications;
use pc_model::{CustomerTenantId, Qualification, QualificationKind};
use pc_transport::CallOptions;

use crate::client::Client;
use crate::error::Error;
use crate::reconcile::earliest;
use pc_transport::Response;

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
    /// Give up this long after the start, reads included.
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

/// The waits of a schedule, in order: `first`, growing by half each time up to `max`, without
/// end ([`Poller`] stops them at the deadline).
pub(crate) fn waits(s: PollSchedule) -> impl Iterator<Item = Duration> + Send {
    let mut next = s.first.min(s.max);
    std::iter::from_fn(move || {
        let wait = next;
        next = (next + next / 2).min(s.max).max(Duration::from_millis(1));
        Some(wait)
    })
}

/// Polls on a schedule, on the transport's clock: the whole wait, reads included, ends by the
/// schedule's deadline; no sleep goes past it, each read gets at most the time left, and a read
/// made at the deadline gets the client's grace (see [`crate::reconcile`]).
pub(crate) struct Poller<'c> {
    client: &'c Client,
    limit: Duration,
    deadline: Option<Instant>,
    waits: Box<dyn Iterator<Item = Duration> + Send + 'c>,
}

impl<'c> Poller<'c> {
    /// Starts the schedule's clock now.
    pub(crate) fn start(client: &'c Client, schedule: PollSchedule) -> Self {
        Self {
            client,
            limit: schedule.deadline,
            deadline: client
                .transport()
                .clock()
                .now()
                .checked_add(schedule.deadline),
            waits: Box::new(waits(schedule)),
        }
    }

    /// Options for the next read: `base`'s correlation id and per-read time limit, bounded by
    /// the wait's deadline.
    pub(crate) fn read_options(&self, base: &CallOptions) -> CallOptions {
        let mut call = base.clone();
        call.deadline = earliest(base.deadline, self.deadline);
        self.client.concluding_read_options(&call, self.limit)
    }

    /// Whether the deadline has come.
    pub(crate) fn expired(&self) -> bool {
        self.deadline
            .is_some_and(|d| self.client.transport().clock().now() >= d)
    }

    /// Sleeps until the next poll, never past the deadline; `false`, without sleeping, when the
    /// deadline has come.
    pub(crate) async fn sleep(&mut self) -> bool {
        let clock = self.client.transport().clock();
        let left = self
            .deadline
            .map_or(Duration::MAX, |d| d.saturating_duration_since(clock.now()));
        if left.is_zero() {
            return false;
        }
        let wait = self.waits.next().unwrap_or(left).min(left);
        clock.sleep(wait).await;
        true
    }
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

impl fmt::Debug for WaitForVetting<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WaitForVetting")
            .field("customer", &self.customer)
            .field("kind", &self.kind)
            .field("schedule", &self.schedule)
            .field("on_change", &self.on_change.as_ref().map(|_| "…"))
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
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

    /// Per-call options for the reads: their correlation id and per-read
    /// [`timeout`](CallOptions::timeout). Each read gets a new request id; the wait as a whole
    /// ends by [`deadline`](Self::deadline).
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
            let mut poller = Poller::start(self.client, self.schedule);
            let mut last: Option<Qualification> = None;
            loop {
                let read = self
                    .client
                    .send(
                        &ListQualifications {
                            customer: self.customer,
                        },
                        &poller.read_options(&self.options),
                    )
                    .await;
                let list = match read {
                    Ok(list) => list,
                    // The deadline came during the read.
                    Err(e) if e.is_timeout() && poller.expired() => {
                        return Err(Error::vetting_deadline(self.kind, last));
                    }
                    Err(e) => return Err(e.into()),
                };
                let Some(current) = list
                    .value
                    .iter()
                    .rev()
                    .find(|q| q.qualification.as_ref() == Some(&self.kind))
                    .cloned()
                else {
                    // Nothing to wait for: the customer has no such qualification.
                    return Err(Error::no_such_qualification(self.kind));
                };
                let changed = last
                    .as_ref()
                    .is_none_or(|l| l.vetting_status != current.vetting_status);
                if changed && let Some(f) = self.on_change.as_mut() {
                    f(&current);
                }
                if current.is_settled() {
                    return Ok(list.map(|_| current));
                }
                last = Some(current);
                if !poller.sleep().await {
                    return Err(Error::vetting_deadline(self.kind, last));
                }
            }
        })
    }
}

impl Client {
    /// Waits for the vetting of the customer's `kind` qualification to finish: polls the list
    /// with growing waits (client default: 5 s to 1 min, for up to 15 min; see
    /// [`ClientBuilder::vetting_poll`](crate::ClientBuilder::vetting_poll), or per wait
    /// [`WaitForVetting::deadline`] and [`WaitForVetting::poll_interval`]) until its status is
    /// `Approved` or `Denied` (or it has none, like a State Owned Entity), reporting each change
    /// through [`WaitForVetting::on_change`]. Answers that [`Qualification`] (the last of the kind
    /// in the list, if it has several): check its `vetting_status`, since `Denied` is an answer
    /// too, with `vetting_reason` saying why. A status the client does not know keeps it
    /// waiting. The wait ends by its deadline, reads included (a read made at the deadline may
    /// take a tenth of it, at most 5 s, more).
    ///
    /// # Errors
    /// [`ErrorKind::NoSuchQualification`](crate::ErrorKind::NoSuchQualification) at once when the
    /// customer has no qualification of that kind;
    /// [`ErrorKind::VettingDeadline`](crate::ErrorKind::VettingDeadline) with the last state seen
    /// ([`Error::last_seen`]); the read's failure when a read fails.
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
    fn waits_grow_by_half_up_to_the_longest() {
        let s = PollSchedule {
            first: Duration::from_secs(2),
            max: Duration::from_secs(5),
            deadline: Duration::from_secs(20),
        };
        let waits: Vec<u128> = waits(s).take(6).map(|d| d.as_millis()).collect();
        assert_eq!(waits, [2000, 3000, 4500, 5000, 5000, 5000]);
        let zero = PollSchedule {
            first: Duration::ZERO,
            max: Duration::ZERO,
            ..s
        };
        assert_eq!(
            super::waits(zero).take(3).collect::<Vec<_>>(),
            [0, 1, 1].map(Duration::from_millis)
        );
    }
}
