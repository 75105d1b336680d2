//! [`Response`]: a successful operation's value with its status, ids and attempt count; the one
//! response type of the transport and of `pc-client`.

use std::ops::Deref;

use crate::ids::{CorrelationId, RequestId};

/// The ids of an answer, which support asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseIds {
    /// The `MS-RequestId` (the one the service echoed, which is the one sent).
    pub request_id: RequestId,
    /// The `MS-CorrelationId`.
    pub correlation_id: CorrelationId,
    /// The service's `MS-CV` (correlation vector), when it sent one.
    pub cv: Option<String>,
    /// The service's `MS-ServerId`, when it sent one.
    pub server_id: Option<String>,
}

/// A successful operation, or a call of `pc-client` made of several (a write and its read-back,
/// the reads of a poll): the value and how it was obtained.
///
/// Derefs to the value, so `client.get_customer(id).await?.domain()` reads naturally; use
/// [`into_value`](Self::into_value) to keep the value alone.
#[derive(Debug, Clone, PartialEq)]
pub struct Response<T> {
    /// The decoded answer.
    pub value: T,
    /// The HTTP status of the successful attempt.
    pub status: u16,
    /// The ids of the successful attempt.
    pub ids: ResponseIds,
    /// Attempts made, the successful one included.
    pub attempts: u32,
    /// Whether an earlier attempt failed in a way where the service may have acted on it (sent
    /// then timed out, connection lost after sending, `5xx`). For a `POST` that succeeded on a
    /// retry this is a hint that two records could exist; for one that failed with "already
    /// exists", see [`Error::earlier_attempt_may_have_applied`](crate::Error::earlier_attempt_may_have_applied).
    pub earlier_attempt_may_have_applied: bool,
    /// Whether the value was found by reading back after a write whose attempt may have applied
    /// failed (see `pc-client`'s "Safe under retries"); `status` and `ids` are then those of the
    /// read, `attempts` those of the write. Never set by the transport itself.
    pub reconciled: bool,
}

impl<T> Response<T> {
    /// The answer, without the metadata.
    pub fn into_value(self) -> T {
        self.value
    }

    /// Transforms the answer, keeping the metadata.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            value: f(self.value),
            status: self.status,
            ids: self.ids,
            attempts: self.attempts,
            earlier_attempt_may_have_applied: self.earlier_attempt_may_have_applied,
            reconciled: self.reconciled,
        }
    }
}

impl<T> Response<Option<T>> {
    /// The response of the value, when there is one.
    pub fn transpose(self) -> Option<Response<T>> {
        let value = self.value?;
        Some(Response {
            value,
            status: self.status,
            ids: self.ids,
            attempts: self.attempts,
            earlier_attempt_may_have_applied: self.earlier_attempt_may_have_applied,
            reconciled: self.reconciled,
        })
    }
}

impl<T> Deref for Response<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}
