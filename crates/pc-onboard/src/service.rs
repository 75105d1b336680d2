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
use pc_model::{
    Agreement, AgreementType, CreateCustomerRequest, CreateQualificationRequest, Customer,
    CustomerTenantId, Qualification, QualificationKind, ResellerTenantId,
};

use crate::row::AgreementInput;

/// The service's code for "this agreement already exists".
const AGREEMENT_EXISTS: &str = "600061";

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

fn found<T, U>(response: Response<T>, value: U) -> Response<U> {
    Response {
        reconciled: true,
        ..response.map(|_| value)
    }
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
            match find_our_customer(client, domain, request.associated_partner_id, ids).await {
                Some(found) => Ok(found),
                None => Err(e),
            }
        }
        other => other,
    }
}

/// The partner's customer with exactly `domain` (any case), not recorded for another reseller.
async fn find_our_customer(
    client: &Client,
    domain: &str,
    reseller: Option<ResellerTenantId>,
    ids: Ids,
) -> Option<Response<Customer>> {
    let mut list = client
        .search_customers(domain)
        .options(ids.read())
        .await
        .ok()?;
    let index = list.value.items.iter().position(|c| {
        c.domain().is_some_and(|d| d.eq_ignore_ascii_case(domain))
            && match (reseller, c.associated_partner_id) {
                (Some(wanted), Some(actual)) => wanted == actual,
                _ => true,
            }
    })?;
    let customer = list.value.items.swap_remove(index);
    Some(found(list, customer))
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
        Err(e) if read_back_after(&e, resumed, e.code() == Some(AGREEMENT_EXISTS)) => {
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
    let request = input.request(template);
    let mut list = client
        // Without a type the service lists only Microsoft Cloud Agreement records.
        .list_agreements(customer, Some(AgreementType::MicrosoftCustomerAgreement))
        .options(ids.read())
        .await
        .ok()?;
    let index = list.value.items.iter().rposition(|a| a.matches(&request))?;
    let agreement = list.value.items.swap_remove(index);
    Some(found(list, agreement))
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
        // `409`: the customer has a qualification of this kind already.
        Err(e) if read_back_after(&e, resumed, e.status() == Some(409)) => {
            match find_qualification(client, customer, request.kind(), ids).await {
                Some(found) => Ok(found),
                None => Err(e),
            }
        }
        other => other,
    }
}

/// The customer's qualification of `kind`.
async fn find_qualification(
    client: &Client,
    customer: CustomerTenantId,
    kind: QualificationKind,
    ids: Ids,
) -> Option<Response<Qualification>> {
    let mut list = client
        .list_qualifications(customer)
        .options(ids.read())
        .await
        .ok()?;
    let index = list
        .value
        .iter()
        .rposition(|q| q.qualification.as_ref() == Some(&kind))?;
    let qualification = list.value.swap_remove(index);
    Some(found(list, qualification))
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
