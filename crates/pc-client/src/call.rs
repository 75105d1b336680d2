//! [`Call`]: one client call with its per-call options, awaited directly.

use std::future::IntoFuture;
use std::time::Duration;

use futures::future::BoxFuture;
use pc_model::ValidationContext;
use pc_transport::{CallOptions, CorrelationId, RequestId};

use crate::error::Error;
use pc_transport::Response;

type Runner<'c, T> =
    Box<dyn FnOnce(CallOptions) -> BoxFuture<'c, Result<Response<T>, Error>> + Send + 'c>;

/// A call, ready to be awaited; set per-call options first if you need them.
///
/// ```no_run
/// # async fn f(client: pc_client::Client, id: pc_model::CustomerTenantId) -> Result<(), pc_client::Error> {
/// use std::time::Duration;
/// let customer = client.get_customer(id).timeout(Duration::from_secs(10)).await?;
/// # Ok(()) }
/// ```
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<'c, T> {
    options: CallOptions,
    run: Runner<'c, T>,
}

impl<'c, T> Call<'c, T> {
    pub(crate) fn new(
        options: CallOptions,
        run: impl FnOnce(CallOptions) -> BoxFuture<'c, Result<Response<T>, Error>> + Send + 'c,
    ) -> Self {
        Self {
            options,
            run: Box::new(run),
        }
    }

    /// Sends this `MS-RequestId` instead of a new one: the idempotency key, to retry an
    /// operation safely across a process restart. Applies to the call's write; reads made by a
    /// convenience get their own.
    pub fn request_id(mut self, id: RequestId) -> Self {
        self.options.request_id = Some(id);
        self
    }

    /// Sends this `MS-CorrelationId`, to tie the calls of one workflow together in the
    /// service's logs.
    pub fn correlation_id(mut self, id: CorrelationId) -> Self {
        self.options.correlation_id = Some(id);
        self
    }

    /// Bounds the whole call by `timeout`: every lookup, attempt and wait, and the read-back
    /// after an ambiguous write, which alone may run a grace past it (a tenth of `timeout`, at
    /// most 5 s) when it starts with less than that left.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// Sends the body without validating it locally first.
    pub fn skip_validation(mut self) -> Self {
        self.options.skip_validation = true;
        self
    }

    /// Validates with this context (clock, registration-number countries) instead of the
    /// client's.
    pub fn validation_context(mut self, ctx: ValidationContext) -> Self {
        self.options.validation_context = Some(ctx);
        self
    }

    /// Replaces all per-call options.
    pub fn options(mut self, options: CallOptions) -> Self {
        self.options = options;
        self
    }
}

impl<'c, T: 'c> IntoFuture for Call<'c, T> {
    type Output = Result<Response<T>, Error>;
    type IntoFuture = BoxFuture<'c, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        (self.run)(self.options)
    }
}
