//! [`Client`] and [`ClientBuilder`].

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use pc_model::operation::Endpoint;
use pc_model::{Cloud, RegistrationNumberCountries, TemplateId};
use pc_transport::{CallOptions, Credential, RetryPolicy, Timeouts, Transport, TransportBuilder};

use crate::error::Error;
use crate::vetting::PollSchedule;
use pc_transport::Response;

/// The Partner Center onboarding client.
///
/// Build it once and share it: it is cheap to clone (`Arc` inside), `Send + Sync`, and all clones
/// use one connection pool, one token cache, one rate limiter and one cached agreement template.
/// Each method returns a [`Call`](crate::Call) to await, optionally after setting per-call
/// options.
///
/// # Errors of every call
///
/// Besides what each method lists, any call may fail with:
/// - [`ErrorKind::Configuration`](crate::ErrorKind::Configuration): the operation needs App+User
///   tokens and the credential gives App-only ones; nothing was sent.
/// - [`ErrorKind::Credential`](crate::ErrorKind::Credential): no access token (the token
///   endpoint refused the refresh token or secret, or could not be reached); nothing was sent
///   to Partner Center.
/// - [`ErrorKind::Connection`](crate::ErrorKind::Connection),
///   [`ErrorKind::Timeout`](crate::ErrorKind::Timeout): after the retries the
///   [`RetryPolicy`] allows within the call's time limit.
/// - [`ErrorKind::Service`](crate::ErrorKind::Service): the service's error answer, e.g. `429`
///   still after the retries ([`Error::is_throttled`]), `403`, `404`
///   ([`Error::is_not_found`]), a `5xx` still after the retries.
/// - [`ErrorKind::Decode`](crate::ErrorKind::Decode): a success answer that could not be read
///   ([`Error::decode_error`] names the field).
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) transport: Transport,
    pub(crate) mca_template: tokio::sync::OnceCell<TemplateId>,
    pub(crate) vetting: PollSchedule,
    pub(crate) customer_poll: PollSchedule,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.transport.base_url())
            .field("cloud", &self.inner.transport.cloud())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Starts building a client that authenticates with `credential`.
    pub fn builder(credential: impl Credential + 'static) -> ClientBuilder {
        ClientBuilder {
            transport: Transport::builder(credential),
            vetting: PollSchedule::VETTING,
            customer_poll: PollSchedule::CUSTOMER,
        }
    }

    /// A client over an already configured transport, with the default polls
    /// ([`PollSchedule::VETTING`], [`PollSchedule::CUSTOMER`]).
    pub fn from_transport(transport: Transport) -> Self {
        Self {
            inner: Arc::new(Inner {
                transport,
                mca_template: tokio::sync::OnceCell::new(),
                vetting: PollSchedule::VETTING,
                customer_poll: PollSchedule::CUSTOMER,
            }),
        }
    }

    /// The transport underneath.
    pub fn transport(&self) -> &Transport {
        &self.inner.transport
    }

    /// Now, on the client's clock (the transport's, so a
    /// [`ManualClock`](pc_transport::ManualClock) moves it in tests): e.g. the `dateAgreed` of
    /// an agreement confirmed at once.
    pub fn now(&self) -> DateTime<Utc> {
        DateTime::from(self.inner.transport.clock().system_now())
    }

    /// The cloud, when the client was built for one (not for a custom base URL).
    pub fn cloud(&self) -> Option<Cloud> {
        self.inner.transport.cloud()
    }

    /// Sends one operation.
    pub(crate) async fn send<E: Endpoint + Sync>(
        &self,
        endpoint: &E,
        options: &CallOptions,
    ) -> Result<Response<E::Output>, pc_transport::Error>
    where
        E::Body: Sync,
    {
        self.inner.transport.execute(endpoint, options).await
    }
}

/// Options of a [`Client`]; see [`Client::builder`].
#[must_use]
pub struct ClientBuilder {
    transport: TransportBuilder,
    vetting: PollSchedule,
    customer_poll: PollSchedule,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder").finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// Targets a Partner Center cloud's API (its base URL), and refuses locally what the cloud
    /// lacks (agreement confirmation outside the public cloud). Default: public.
    ///
    /// The credential chooses its token authority itself: give it the same cloud
    /// (e.g. [`RefreshTokenCredential::with_cloud`](crate::RefreshTokenCredential::with_cloud)),
    /// or it asks the public cloud's authority for tokens.
    pub fn cloud(mut self, cloud: Cloud) -> Self {
        self.transport = self.transport.cloud(cloud);
        self
    }

    /// Targets another base URL, e.g. the local emulator. Must be HTTPS unless the host is
    /// loopback; checked by [`build`](Self::build). Without a [`cloud`](Self::cloud) too, no
    /// operation is refused for its cloud.
    pub fn base_url(mut self, url: &str) -> Self {
        self.transport = self.transport.base_url(url);
        self
    }

    /// The `X-Locale` sent (default `en-US`).
    pub fn locale(mut self, locale: impl Into<String>) -> Self {
        self.transport = self.transport.locale(locale);
        self
    }

    /// Your application's name, sent as `MS-PartnerCenter-Application`.
    pub fn application_name(mut self, name: impl Into<String>) -> Self {
        self.transport = self.transport.application_name(name);
        self
    }

    /// How failed attempts are retried (default [`RetryPolicy::default`]: 4 attempts, waits of
    /// at most 60 s, `POST`s retried with the same `MS-RequestId`).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.transport = self.transport.retry(policy);
        self
    }

    /// Connect, per-attempt and per-operation timeouts (default [`Timeouts::default`]: 10 s,
    /// 30 s, 120 s). The operation timeout is every call's time limit unless the call sets its
    /// own ([`Call::timeout`](crate::Call::timeout)).
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.transport = self.transport.timeouts(timeouts);
        self
    }

    /// Stays under `per_minute` requests per minute across all clones of the client, so bulk
    /// work does not meet `429`. The service documents 500 per minute per tenant and counts
    /// them in fixed windows that start when a request arrives: leave a few percent of headroom
    /// (e.g. 485) so that network jitter at a window's edge cannot tip a request over.
    pub fn rate_limit_per_minute(mut self, per_minute: u32) -> Self {
        self.transport = self.transport.rate_limit_per_minute(per_minute);
        self
    }

    /// Validates create-customer bodies against this country list instead of the default one.
    pub fn registration_number_countries(mut self, countries: RegistrationNumberCountries) -> Self {
        self.transport = self.transport.registration_number_countries(countries);
        self
    }

    /// How [`Client::wait_for_vetting`] polls by default: first wait, longest wait, deadline
    /// (default [`PollSchedule::VETTING`]: 5 s growing to 1 min, for up to 15 min).
    pub fn vetting_poll(mut self, first: Duration, max: Duration, deadline: Duration) -> Self {
        self.vetting = PollSchedule {
            first,
            max,
            deadline,
        };
        self
    }

    /// How [`Client::wait_for_customer`] polls: first wait, longest wait, deadline (default
    /// [`PollSchedule::CUSTOMER`]: 2 s growing to 15 s, for up to 2 min).
    pub fn customer_poll(mut self, first: Duration, max: Duration, deadline: Duration) -> Self {
        self.customer_poll = PollSchedule {
            first,
            max,
            deadline,
        };
        self
    }

    /// Changes transport settings not exposed here, on the [`TransportBuilder`]: e.g. its
    /// [`clock`](TransportBuilder::clock) (a [`ManualClock`](crate::ManualClock) in tests),
    /// [`token_refresh_margin`](TransportBuilder::token_refresh_margin) or
    /// [`max_response_bytes`](TransportBuilder::max_response_bytes).
    pub fn transport(mut self, f: impl FnOnce(TransportBuilder) -> TransportBuilder) -> Self {
        self.transport = f(self.transport);
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    /// [`ErrorKind::Configuration`](crate::ErrorKind::Configuration) for a setting the transport
    /// refuses (see [`TransportBuilder::build`]): e.g. a base URL that is not `https` (or `http`
    /// to loopback), a malformed application name, a zero timeout or rate limit.
    pub fn build(self) -> Result<Client, Error> {
        let transport = self.transport.build()?;
        Ok(Client {
            inner: Arc::new(Inner {
                transport,
                mca_template: tokio::sync::OnceCell::new(),
                vetting: self.vetting,
                customer_poll: self.customer_poll,
            }),
        })
    }
}

#[cfg(test)]
impl Client {
    /// A client for tests that build calls without sending them: a static token, and a base URL
    /// on a loopback port nothing listens on.
    pub(crate) fn unsent() -> Result<Self, Error> {
        Client::builder(pc_transport::StaticToken::new("t"))
            .base_url("http://127.0.0.1:9")
            .build()
    }
}

#[cfg(test)]
mod tests {
    use pc_model::operations::Operation;
    use pc_model::{
        ContactRequest, CreateAgreementRequest, CreateQualificationRequest, CustomerTenantId,
        TemplateId,
    };

    use super::*;

    /// The method of each operation of `pc-model`'s table. The match is exhaustive: an operation
    /// added to the table does not compile here until the client has a method for it.
    #[test]
    fn every_operation_of_the_table_has_a_method() -> Result<(), Error> {
        let client = Client::unsent()?;
        let customer = CustomerTenantId::new_v4();
        let contact = || {
            ContactRequest::new("gena@wingtiptoys.com")
                .with_first_name("Gena")
                .with_last_name("Soto")
        };
        for &op in Operation::ALL {
            // Built, not awaited: nothing is sent.
            match op {
                Operation::CreateCustomer => drop(
                    client.create_customer(pc_model::CreateCustomerRequest::new(
                        pc_model::CompanyProfileRequest::new("a.onmicrosoft.com"),
                        pc_model::BillingProfileRequest::new(
                            pc_model::AddressRequest::new("US".parse().expect("a country code"))
                                .with_address_line1("1 Way")
                                .with_first_name("A")
                                .with_last_name("B"),
                        )
                        .with_email("a@b.com")
                        .with_culture("en-US")
                        .with_language("en")
                        .with_company_name("A"),
                    )),
                ),
                Operation::GetCustomer => drop(client.get_customer(customer)),
                Operation::SearchCustomers => drop(client.search_customers("a")),
                Operation::CheckDomain => drop(client.check_domain("a.onmicrosoft.com")),
                Operation::GetAgreementMetadata => drop(
                    client.agreement_metadata(pc_model::AgreementType::MicrosoftCustomerAgreement),
                ),
                Operation::CreateAgreement => drop(client.confirm_agreement(
                    customer,
                    CreateAgreementRequest::new(contact(), TemplateId::new_v4(), client.now()),
                )),
                Operation::ListAgreements => drop(client.list_agreements(customer, None)),
                Operation::CreateQualification => {
                    drop(client.create_qualification(
                        customer,
                        CreateQualificationRequest::StateOwnedEntity,
                    ))
                }
                Operation::ListQualifications => drop(client.list_qualifications(customer)),
                Operation::ListValidationCodes => drop(client.validation_codes()),
            }
        }
        Ok(())
    }
}
