//! Customers: create (reconciled after an ambiguous retry), read, search, check a domain.

use pc_model::operations::{CheckDomain, CreateCustomer, GetCustomer, SearchCustomers};
use pc_model::{CreateCustomerRequest, Customer, CustomerTenantId, ResellerTenantId};
use pc_transport::CallOptions;

use crate::call::{Action, Call, Run, Sealed};
use crate::client::Client;
use crate::error::Error;
use crate::vetting::Poller;

impl Client {
    /// Creates a customer (`POST /v1/customers`): a direct customer, or one of an indirect
    /// reseller when the request's `associatedPartnerId` is set (see
    /// [`create_customer_for_reseller`](Self::create_customer_for_reseller)).
    ///
    /// Answers the new [`Customer`](crate::Customer); its
    /// [`tenant_id`](crate::Customer::tenant_id) is what the other methods take. The body is
    /// validated first (a validation error means nothing was sent). The `201`'s
    /// `userCredentials.password` is the new admin password, a [`Secret`](pc_model::Secret).
    /// For about 90 seconds the service may answer `404` for the new customer:
    /// [`wait_for_customer`](Self::wait_for_customer) waits that out.
    ///
    /// Safe under retries: every attempt carries the same `MS-RequestId`, and when an attempt
    /// may have created the customer before failing (lost connection, timeout, `5xx`), a
    /// failure of the retry (e.g. the domain now being taken) is reconciled by searching the
    /// partner's customers for the domain: if it is ours (same reseller) it is returned with
    /// [`Response::reconciled`](crate::Response::reconciled) set, otherwise the original error stands. A reconciled customer
    /// has no password: the service shows it only in the `201`.
    ///
    /// # Errors
    /// - [`ErrorKind::Validation`](crate::ErrorKind::Validation): the body breaks a rule, e.g.
    ///   a domain that is not `<prefix>.onmicrosoft.com`, or a registration number or phone
    ///   number missing for the country; nothing was sent.
    /// - [`ErrorKind::Configuration`](crate::ErrorKind::Configuration): a reseller's customer
    ///   with a credential that gives App-only tokens; nothing was sent.
    /// - [`ErrorKind::Service`](crate::ErrorKind::Service): the service refused it, e.g.
    ///   the domain is taken ([`Error::existing`] is [`Existing::Domain`](crate::Existing::Domain);
    ///   [`find_customer`](Self::find_customer) tells whether it is yours) or `associatedPartnerId`
    ///   is not one of your indirect resellers (code `800016`).
    /// - Credential, connection and timeout failures, after the retries the
    ///   [`RetryPolicy`](crate::RetryPolicy) allows ([`Error::is_throttled`] when still `429`).
    pub fn create_customer(&self, request: CreateCustomerRequest) -> Call<'_, CreateCustomer> {
        Call::new(self, Ok(CreateCustomer { body: request }))
    }

    /// Creates a customer for the indirect reseller `reseller` (sets `associatedPartnerId`);
    /// otherwise as [`create_customer`](Self::create_customer).
    ///
    /// # Errors
    /// As [`create_customer`](Self::create_customer).
    pub fn create_customer_for_reseller(
        &self,
        reseller: ResellerTenantId,
        request: CreateCustomerRequest,
    ) -> Call<'_, CreateCustomer> {
        self.create_customer(request.for_reseller(reseller))
    }

    /// The partner's customer with exactly `domain` (any case) that is not recorded for another
    /// reseller than `reseller` (`GET /v1/customers?filter=…`, then
    /// [`SearchCustomers::exact`]): the read-back a create uses after an ambiguous failure, so
    /// that get-or-create is one call before the create. The value is `None` when there is no
    /// such customer (a customer created moments ago may be missing from searches for a while).
    /// Answers the customer found, or `None`.
    ///
    /// # Errors
    /// [`ErrorKind::Validation`](crate::ErrorKind::Validation) for an empty domain or one longer
    /// than 253 characters (nothing sent); otherwise as any call (see
    /// [`Client`](crate::Client#errors-of-every-call)).
    pub fn find_customer(
        &self,
        domain: &str,
        reseller: Option<ResellerTenantId>,
    ) -> Call<'_, FindCustomer> {
        let find = SearchCustomers::by_domain_prefix(domain).map(|search| FindCustomer {
            search,
            domain: domain.to_owned(),
            reseller,
        });
        Call::new(self, find)
    }

    /// Reads a customer (`GET /v1/customers/{id}`): answers the [`Customer`](crate::Customer).
    /// Right after creation the service may answer `404` for about 90 seconds;
    /// [`wait_for_customer`](Self::wait_for_customer) waits it out.
    ///
    /// # Errors
    /// An [`Error`] for credential, network, timeout or service failures;
    /// [`Error::is_not_found`] when there is no such customer (yet).
    pub fn get_customer(&self, customer: CustomerTenantId) -> Call<'_, GetCustomer> {
        Call::new(self, Ok(GetCustomer { customer }))
    }

    /// Reads a customer, retrying `404` with backoff until the client's customer-poll deadline
    /// ([`ClientBuilder::customer_poll`](crate::ClientBuilder::customer_poll), default
    /// 2 minutes): the service may not know a customer it has just created. Answers the
    /// [`Customer`](crate::Customer). The wait ends by its deadline, reads included (a read made
    /// at the deadline may take a tenth of it, at most 5 s, more); the call's
    /// [`timeout`](crate::Call::timeout), if set, bounds each read.
    ///
    /// # Errors
    /// [`ErrorKind::CustomerNotReadable`](crate::ErrorKind::CustomerNotReadable) when it still
    /// answers `404` at the deadline, or the deadline comes during a read (the predicates
    /// describe that last read's failure); any other failure at once.
    pub fn wait_for_customer(&self, customer: CustomerTenantId) -> Call<'_, WaitForCustomer> {
        Call::new(self, Ok(WaitForCustomer { customer }))
    }

    /// The partner's customers whose domain starts with `prefix`
    /// (`GET /v1/customers?filter=…`): answers a [`Collection`](crate::Collection) of
    /// [`Customer`](crate::Customer)s, one page of the service's default size (its `links`
    /// point at the next; the client does not follow them). A customer created moments ago may
    /// be missing for a while.
    ///
    /// # Errors
    /// [`ErrorKind::Validation`](crate::ErrorKind::Validation) for an empty prefix or one longer
    /// than 253 characters (nothing sent); otherwise as any call (see
    /// [`Client`](crate::Client#errors-of-every-call)).
    pub fn search_customers(&self, prefix: &str) -> Call<'_, SearchCustomers> {
        Call::new(self, SearchCustomers::by_domain_prefix(prefix))
    }

    /// Whether a domain is free for a new customer (`HEAD /v1/domains/{domain}`: `404` free,
    /// `200` taken): answers a [`DomainAvailability`](crate::DomainAvailability). Taken by
    /// anyone, yourself included; the documented way to learn it before creating.
    ///
    /// # Errors
    /// [`ErrorKind::Validation`](crate::ErrorKind::Validation) when `domain` is not a domain
    /// name (it could not be put in a path safely; nothing sent); otherwise as any call (see
    /// [`Client`](crate::Client#errors-of-every-call)).
    pub fn check_domain(&self, domain: &str) -> Call<'_, CheckDomain> {
        Call::new(self, CheckDomain::new(domain))
    }
}

/// The partner's customer with exactly a domain, for a reseller; see [`Client::find_customer`].
#[derive(Debug, Clone)]
pub struct FindCustomer {
    search: SearchCustomers,
    domain: String,
    reseller: Option<ResellerTenantId>,
}

impl Action for FindCustomer {
    type Output = Option<Customer>;

    fn run(self, client: &Client, options: CallOptions, _: Sealed) -> Run<'_, Self::Output> {
        Box::pin(async move {
            let found = client.send(&self.search, &options).await?;
            Ok(found.map(|listed| SearchCustomers::exact(listed, &self.domain, self.reseller)))
        })
    }
}

/// A read of a customer that waits out the service's `404` after creation; see
/// [`Client::wait_for_customer`].
#[derive(Debug, Clone, Copy)]
pub struct WaitForCustomer {
    customer: CustomerTenantId,
}

impl Action for WaitForCustomer {
    type Output = Customer;

    fn run(self, client: &Client, options: CallOptions, _: Sealed) -> Run<'_, Self::Output> {
        Box::pin(async move {
            let mut poller = Poller::start(client, client.inner.customer_poll);
            loop {
                match client
                    .send(
                        &GetCustomer {
                            customer: self.customer,
                        },
                        &poller.read_options(&options),
                    )
                    .await
                {
                    Ok(r) => return Ok(r),
                    // Not known yet, or the deadline came during the read.
                    Err(e) if e.status() == Some(404) || (e.is_timeout() && poller.expired()) => {
                        if !poller.sleep().await {
                            return Err(Error::customer_not_readable(e));
                        }
                    }
                    Err(e) => return Err(e.into()),
                }
            }
        })
    }
}
