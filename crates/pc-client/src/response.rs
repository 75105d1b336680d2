//! [`Response`]: a call's value with the ids support asks for.

use std::ops::Deref;

use pc_transport::ResponseIds;

/// The value a call returned, and how it was obtained.
///
/// Derefs to the value, so `client.get_customer(id).await?.domain()` reads naturally; use
/// [`into_value`](Self::into_value) to keep the value alone.
#[derive(Debug, Clone)]
pub struct Response<T> {
    /// What the service returned.
    pub value: T,
    /// `MS-RequestId`, `MS-CorrelationId`, `MS-CV` and `MS-ServerId` of the (last) operation.
    pub ids: ResponseIds,
    /// The HTTP status of the answer.
    pub status: u16,
    /// Attempts made for the operation, the first included.
    pub attempts: u32,
    /// Whether the value was found by reading back after a retried or interrupted create whose
    /// first attempt may have applied (see the crate docs, "Safe under retries"); `ids` are then
    /// those of the read.
    pub reconciled: bool,
}

impl<T> Response<T> {
    /// The value alone.
    pub fn into_value(self) -> T {
        self.value
    }

    /// The same response with its value transformed.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            value: f(self.value),
            ids: self.ids,
            status: self.status,
            attempts: self.attempts,
            reconciled: self.reconciled,
        }
    }

    pub(crate) fn from_transport(r: pc_transport::Response<T>) -> Self {
        Response {
            value: r.value,
            ids: r.ids,
            status: r.status,
            attempts: r.attempts,
            reconciled: false,
        }
    }

    pub(crate) fn mark_reconciled(mut self) -> Self {
        self.reconciled = true;
        self
    }
}

impl<T> Deref for Response<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}
