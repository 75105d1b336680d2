//! One deadline per call: the options of the operations a call is made of (a lookup, a write, a
//! read-back after an ambiguous write, the reads of a poll), and when to read back.
//!
//! A call fixes its deadline when it starts (now plus its time limit, on the transport's clock)
//! and every operation it makes runs under that same deadline, so a lookup, the write's attempts
//! and waits and the read-back together end by it. The one exception is a read that concludes the
//! call (a read-back, the last poll of a wait): when less than the [`grace`] is left, it gets the
//! grace, so a write that used up the whole time limit can still be reconciled.

use std::time::{Duration, Instant};

use pc_model::operation::{Endpoint, ReadBack};
use pc_transport::{CallOptions, Response};

use crate::call::{Action, Call, Run, Sealed};
use crate::client::Client;
use crate::error::Error;

/// The longest [`grace`].
pub(crate) const MAX_GRACE: Duration = Duration::from_secs(5);

/// How long past its deadline a call may run to make its concluding read: a tenth of the time
/// limit, at most [`MAX_GRACE`].
pub(crate) fn grace(limit: Duration) -> Duration {
    (limit / 10).min(MAX_GRACE)
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

    /// Sends a write under the call's options and, when it fails in a way that may have applied
    /// ([`pc_transport::Error::may_have_applied`]), reads back what it would have made, with the
    /// read-back's grace: found, that is returned with `reconciled` set and the write's
    /// `attempts`; otherwise (not found, or
    /// the read failed) the write's error stands. The one write-then-reconcile path of every
    /// write.
    pub(crate) async fn write<E>(
        &self,
        write: &E,
        options: &CallOptions,
    ) -> Result<Response<E::Output>, Error>
    where
        E: ReadBack + Sync,
        E::Body: Sync,
        E::Read: Sync,
        <E::Read as Endpoint>::Body: Sync,
    {
        match self.send(write, options).await {
            Ok(written) => Ok(written),
            Err(e) if e.may_have_applied() => {
                let found = self
                    .find_written(write, &self.read_back_options(options))
                    .await;
                match found.ok().and_then(Response::transpose) {
                    // The operation's attempts are the write's, not the read-back's.
                    Some(found) => Ok(Response {
                        attempts: e.attempts(),
                        ..found
                    }),
                    None => Err(e.into()),
                }
            }
            Err(e) => Err(e.into()),
        }
    }

    /// What `write` made, found by its read-back ([`ReadBack`]): the read's response, its value
    /// `None` when the read does not list it, `reconciled` set when it does.
    pub(crate) async fn find_written<E>(
        &self,
        write: &E,
        options: &CallOptions,
    ) -> Result<Response<Option<E::Output>>, Error>
    where
        E: ReadBack + Sync,
        E::Read: Sync,
        <E::Read as Endpoint>::Body: Sync,
    {
        let read = write.read_back().map_err(Error::from)?;
        let mut found = self
            .send(&read, options)
            .await?
            .map(|listed| write.find(listed));
        found.reconciled = found.value.is_some();
        Ok(found)
    }

    /// Whether `write` (e.g. [`CreateAgreement`](pc_model::operations::CreateAgreement)) has
    /// been applied: its read-back, the same the client runs after an ambiguous failure (the
    /// customer with the domain for the reseller, the agreement with the template and contact,
    /// the qualification of the kind). The value is what the write made, with `reconciled` set,
    /// or `None`. Nothing is written. For a process that resumes a write it may have sent before
    /// a crash.
    ///
    /// # Errors
    /// [`ErrorKind::Validation`](crate::ErrorKind::Validation) when the read cannot be built (nothing sent);
    /// otherwise as any call (see
    /// [`Client`](crate::Client#errors-of-every-call)).
    pub fn read_back<E>(&self, write: E) -> Call<'_, FindWritten<E>>
    where
        FindWritten<E>: Action,
    {
        Call::new(self, Ok(FindWritten { write }))
    }
}

/// A read of what a write made, by the write's read-back; see [`Client::read_back`].
#[derive(Debug, Clone)]
pub struct FindWritten<E> {
    write: E,
}

impl<E> Action for FindWritten<E>
where
    E: ReadBack + Send + Sync + 'static,
    E::Output: Send,
    E::Read: Send + Sync,
    <E::Read as Endpoint>::Body: Sync,
    <E::Read as Endpoint>::Output: Send,
{
    type Output = Option<E::Output>;

    fn run(self, client: &Client, options: CallOptions, _: Sealed) -> Run<'_, Self::Output> {
        Box::pin(async move { client.find_written(&self.write, &options).await })
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
