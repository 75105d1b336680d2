//! [`Call`]: one client call, a value holding what it runs (an operation's endpoint, or one of
//! the client's conveniences) and its per-call options, awaited through one generic path.

use std::fmt;
use std::future::IntoFuture;
use std::time::Duration;

use futures::future::BoxFuture;
use pc_model::operation::{Endpoint, ReadBack};
use pc_model::operations::{
    CheckDomain, CreateAgreement, CreateCustomer, CreateQualification, GetAgreementMetadata,
    GetCustomer, ListAgreements, ListQualifications, ListValidationCodes, SearchCustomers,
};
use pc_model::{ValidationContext, Violations};
use pc_transport::{CallOptions, CorrelationId, RequestId, Response};

use crate::client::Client;
use crate::error::Error;

/// A call, ready to be awaited; set per-call options first if you need them.
///
/// It is a value: the client, what the call runs (an [`Action`]: the operation's
/// [`Endpoint`](pc_model::operation::Endpoint) value from `pc-model`'s table, e.g.
/// [`GetCustomer`](pc_model::operations::GetCustomer), or one of the client's conveniences in
/// [`actions`](crate::actions)) and its [`CallOptions`]. Nothing is sent until it is awaited.
///
/// ```no_run
/// # async fn f(client: pc_client::Client, id: pc_client::CustomerTenantId) -> Result<(), pc_client::Error> {
/// use std::time::Duration;
/// let customer = client.get_customer(id).timeout(Duration::from_secs(10)).await?;
/// # Ok(()) }
/// ```
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<'c, A> {
    client: &'c Client,
    /// What the call runs, or why it could not be built (then awaiting it fails at once,
    /// nothing sent).
    action: Result<A, Violations>,
    options: CallOptions,
}

impl<A: fmt::Debug> fmt::Debug for Call<'_, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("action", &self.action)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl<'c, A: Action> Call<'c, A> {
    /// A call of `action` on `client` with default options; `Err` when the action could not be
    /// built from the caller's arguments. Bounded by [`Action`], so a client method for an
    /// endpoint that is not listed below as a read or a write does not compile.
    pub(crate) fn new(client: &'c Client, action: Result<A, Violations>) -> Self {
        Self {
            client,
            action,
            options: CallOptions::default(),
        }
    }
}

impl<A> Call<'_, A> {
    /// Sends this `MS-RequestId` instead of a new one: the idempotency key, to retry an
    /// operation safely across a process restart. It goes to the call's operation: the write
    /// of a create or confirmation, or the read of a plain read. The reads a convenience makes
    /// besides (the agreement template, a read-back, the polls of
    /// [`wait_for_customer`](Client::wait_for_customer)) get new ones.
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

    /// Bounds the whole call by `timeout` instead of the client's operation timeout: every
    /// lookup, attempt and wait, and the read-back after an ambiguous write, which alone may run
    /// a grace past it (a tenth of `timeout`, at most 5 s) when it starts with less than that
    /// left.
    ///
    /// For [`wait_for_customer`](Client::wait_for_customer) it bounds each read instead: the
    /// wait as a whole ends by the client's
    /// [`customer_poll`](crate::ClientBuilder::customer_poll) deadline.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// Sends the body without validating it locally first (to test the service's own checks):
    /// a body the service refuses then fails with [`ErrorKind::Service`](crate::ErrorKind::Service)
    /// instead of [`ErrorKind::Validation`](crate::ErrorKind::Validation).
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

impl<'c, A: Action> IntoFuture for Call<'c, A> {
    type Output = Result<Response<A::Output>, Error>;
    type IntoFuture = BoxFuture<'c, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        match self.action {
            Ok(action) => action.run(self.client, self.options, Sealed(())),
            Err(violations) => Box::pin(std::future::ready(Err(violations.into()))),
        }
    }
}

/// What a [`Call`] runs when awaited: an operation of `pc-model`'s table (its
/// [`Endpoint`](pc_model::operation::Endpoint) type: a read is sent once, a write is reconciled
/// after an ambiguous failure), or one of the client's [`actions`](crate::actions). Implemented
/// in this crate only.
pub trait Action: Send + Sized + 'static {
    /// What the call answers, in a [`Response`].
    type Output: Send;

    /// Runs the call. Not callable outside this crate (the last argument cannot be named).
    #[doc(hidden)]
    fn run(self, client: &Client, options: CallOptions, _: Sealed) -> Run<'_, Self::Output>;
}

/// What [`Action::run`] returns: the call's future.
pub(crate) type Run<'c, T> = BoxFuture<'c, Result<Response<T>, Error>>;

/// The argument that keeps [`Action::run`] to this crate.
#[doc(hidden)]
#[derive(Debug)]
pub struct Sealed(());

/// A read: sent once under the call's options.
fn read<E>(client: &Client, endpoint: E, options: CallOptions) -> Run<'_, E::Output>
where
    E: Endpoint + Send + Sync + 'static,
    E::Body: Sync,
    E::Output: Send,
{
    Box::pin(async move { Ok(client.send(&endpoint, &options).await?) })
}

/// A write: the call's deadline fixed, then write-then-reconcile
/// ([`Client::write`](crate::Client)).
fn write<E>(client: &Client, endpoint: E, options: CallOptions) -> Run<'_, E::Output>
where
    E: ReadBack + Send + Sync + 'static,
    E::Body: Sync,
    E::Output: Send,
    E::Read: Send + Sync,
    <E::Read as Endpoint>::Body: Sync,
    <E::Read as Endpoint>::Output: Send,
{
    Box::pin(async move {
        let options = client.start_call(options);
        client.write(&endpoint, &options).await
    })
}

/// The operations of the table, each a read or a write.
macro_rules! operations {
    ($($run:ident: $($endpoint:ty),+;)+) => {$($(
        impl Action for $endpoint {
            type Output = <$endpoint as Endpoint>::Output;

            fn run(self, client: &Client, options: CallOptions, _: Sealed) -> Run<'_, Self::Output> {
                $run(client, self, options)
            }
        }
    )+)+};
}

operations! {
    read: GetCustomer, SearchCustomers, CheckDomain, GetAgreementMetadata, ListAgreements,
        ListQualifications, ListValidationCodes;
    write: CreateCustomer, CreateAgreement, CreateQualification;
}

#[cfg(test)]
mod tests {
    use pc_model::CustomerTenantId;

    use super::*;

    #[test]
    fn a_call_is_a_value_showing_its_endpoint_and_options() -> Result<(), Error> {
        let client = Client::unsent()?;
        let customer = CustomerTenantId::new_v4();
        let call = client
            .get_customer(customer)
            .timeout(Duration::from_secs(7));
        let shown = format!("{call:?}");
        assert!(shown.contains("GetCustomer"), "{shown}");
        assert!(shown.contains(&customer.to_string()), "{shown}");
        assert!(shown.contains("7s"), "{shown}");
        // An endpoint that cannot be built is kept as its violations, and sent never.
        let refused = format!("{:?}", client.check_domain("not a domain"));
        assert!(refused.contains("Err"), "{refused}");
        Ok(())
    }
}
