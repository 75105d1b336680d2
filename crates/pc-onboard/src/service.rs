//! Every call an onboarding makes to the service, through `pc-client`, in one place: one
//! function per step, and the read-backs that settle a write resumed after an interruption.
//!
//! The client reconciles a write whose attempt may have applied *within* a call. A write resumed
//! by a later run (the journal found it in flight) is sent again with its journaled
//! `MS-RequestId`: a service that deduplicates answers as the first time; one that does not
//! refuses it as a duplicate, and then the resource is looked up here (customer by domain and
//! reseller, agreement by template and contact, qualification by kind).

use pc_client::{
    CallOptions, Client, CorrelationId, DomainAvailability, Error, RequestId, Response,
};
use pc_model::operation::ReadBack;
use pc_model::operations::{CreateAgreement, CreateQualification};
use pc_model::{
    Agreement, CreateCustomerRequest, CreateQualificationRequest, Customer, CustomerTenantId,
    Qualification, QualificationKind,
};

use crate::row::AgreementInput;

/// The ids a step's requests carry.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ids {
    /// The step's journaled `MS-RequestId` (steps that send one identified request).
    pub(crate) request_id: Option<RequestId>,
    /// The row's `MS-CorrelationId`.
    pub(crate) correlation_id: CorrelationId,
}

impl Ids {
    fn options(&self) -> CallOptions {
        let options = CallOptions::default().correlation_id(self.correlation_id);
        match self.request_id {
            Some(id) => options.request_id(id),
            None => options,
        }
    }

    /// Options of a read made for the step: its correlation id, a new request id.
    fn read(&self) -> CallOptions {
        CallOptions::default().correlation_id(self.correlation_id)
    }
}

/// Whether a failed write is worth reading back for: it was resumed (an earlier run may have
/// applied it), or the service says the resource exists already.
fn read_back_after(e: &Error, resumed: bool, exists: bool) -> bool {
    !e.is_local() && (resumed || exists)
}

/// The client's read-back of `write` (the same it runs after an ambiguous failure), found.
async fn read_back<E>(client: &Client, write: E, ids: Ids) -> Option<Response<E::Output>>
where
    E: ReadBack + Send + Sync + 'static,
    E::Output: Send,
    E::Read: Send + Sync,
    <E::Read as pc_model::operation::Endpoint>::Body: Sync,
    <E::Read as pc_model::operation::Endpoint>::Output: Send,
{
    client
        .read_back(write)
        .options(ids.read())
        .await
        .ok()?
        .transpose()
}

pub(crate) async fn check_domain(
    client: &Client,
    domain: &str,
    ids: Ids,
) -> Result<Response<DomainAvailability>, Error> {
    client.check_domain(domain).options(ids.options()).await
}

pub(crate) async fn create_customer(
    client: &Client,
    request: &CreateCustomerRequest,
    ids: Ids,
    resumed: bool,
) -> Result<Response<Customer>, Error> {
    match client
        .create_customer(request.clone())
        .options(ids.options())
        .await
    {
        Err(e) if read_back_after(&e, resumed, false) => {
            let domain = &request.company_profile.domain;
            let found = client
                .find_customer(domain, request.associated_partner_id)
                .options(ids.read())
                .await;
            match found.ok().and_then(Response::transpose) {
                Some(found) => Ok(Response {
                    reconciled: true,
                    ..found
                }),
                None => Err(e),
            }
        }
        other => other,
    }
}

pub(crate) async fn wait_readable(
    client: &Client,
    customer: CustomerTenantId,
    ids: Ids,
) -> Result<Response<Customer>, Error> {
    client.wait_for_customer(customer).options(ids.read()).await
}

pub(crate) async fn confirm_agreement(
    client: &Client,
    customer: CustomerTenantId,
    input: &AgreementInput,
    ids: Ids,
    resumed: bool,
) -> Result<Response<Agreement>, Error> {
    let result = client
        .confirm_customer_agreement(customer, input.primary_contact.clone(), input.date_agreed)
        .options(ids.options())
        .await;
    match result {
        Err(e) if read_back_after(&e, resumed, e.already_exists()) => {
            match find_agreement(client, customer, input, ids).await {
                Some(found) => Ok(found),
                None => Err(e),
            }
        }
        other => other,
    }
}

/// The customer's agreement with the current template and the row's contact.
async fn find_agreement(
    client: &Client,
    customer: CustomerTenantId,
    input: &AgreementInput,
    ids: Ids,
) -> Option<Response<Agreement>> {
    let template = client.customer_agreement_template().await.ok()?;
    let body = input.request(template);
    read_back(client, CreateAgreement { customer, body }, ids).await
}

pub(crate) async fn request_qualification(
    client: &Client,
    customer: CustomerTenantId,
    request: &CreateQualificationRequest,
    ids: Ids,
    resumed: bool,
) -> Result<Response<Qualification>, Error> {
    let result = client
        .create_qualification(customer, request.clone())
        .options(ids.options())
        .await;
    match result {
        Err(e) if read_back_after(&e, resumed, e.already_exists()) => {
            let write = CreateQualification {
                customer,
                body: request.clone(),
            };
            match read_back(client, write, ids).await {
                Some(found) => Ok(found),
                None => Err(e),
            }
        }
        other => other,
    }
}

pub(crate) async fn wait_vetting(
    client: &Client,
    customer: CustomerTenantId,
    kind: QualificationKind,
    ids: Ids,
) -> Result<Response<Qualification>, Error> {
    client
        .wait_for_vetting(customer, kind)
        .options(ids.read())
        .await
}
