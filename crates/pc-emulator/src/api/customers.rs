//! `POST /v1/customers` and `GET /v1/customers/{id}`.

use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use pc_model::operations::GET_CUSTOMER;
use pc_model::{
    Address, BillingProfile, CompanyProfile, CreateCustomerRequest, Customer, CustomerTenantId,
    RelationshipToPartner, ResourceAttributes, Secret, UserCredentials,
};
use tokio::time::Instant;
use uuid::Uuid;

use super::{customer_id, json};
use crate::app::Shared;
use crate::auth::{Caller, Needs};
use crate::codes;
use crate::error::ApiError;
use crate::snapshot::bump;
use crate::store::CustomerRecord;
use crate::{later, lock};

/// `POST /v1/customers`.
///
/// Checks, in order: the body (`pc-model` reading and validation: `600049`, `600051`, else
/// `800002`, which also covers a supplied `UserCredentials`, an unknown key or a key given twice),
/// the token (App-only may create direct customers only: `403`), the reseller (`800016`), the
/// domain (`409`). The service's format rules for registration numbers (`600050`) are not
/// documented, so the emulator checks only what the schema says: present and not blank.
pub(crate) async fn create(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let ctx = shared.validation_context();
    let request: CreateCustomerRequest =
        pc_model::json::parse_request(&body, &ctx).map_err(|v| ApiError::from_violations(&v))?;
    // App-only tokens may create direct customers only, as the specification says.
    let needs = if request.associated_partner_id.is_some() {
        Needs::AppAndUser("Creating a customer for an indirect reseller")
    } else {
        Needs::AnyToken
    };
    caller.meets(needs)?;
    if let Some(reseller) = request.associated_partner_id {
        let known = caller.tenant == shared.config.partner_tenant_id
            && shared.config.indirect_resellers.contains(&reseller);
        if !known {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                codes::NOT_AN_INDIRECT_RESELLER,
                "InvalidIndirectReseller",
                format!("{reseller} is not a valid indirect reseller of the partner."),
            ));
        }
    }
    let domain = request.company_profile.domain.clone();
    let customer = new_customer(&request);
    let password = new_password();
    {
        let mut store = lock(&shared.store);
        if store.domain_taken(&domain) {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                codes::DOMAIN_TAKEN,
                "DomainAlreadyExists",
                format!("The domain {domain} is already in use by another tenant."),
            ));
        }
        store.insert(CustomerRecord {
            partner: caller.tenant,
            customer: customer.clone(),
            visible_at: later(Instant::now(), shared.config.read_after_create_lag),
            agreements: Vec::new(),
            qualifications: Vec::new(),
        });
    }
    bump(&shared.counters.customers_created);
    let mut credentials = UserCredentials::default();
    credentials.user_name = Some("admin".to_owned());
    credentials.password = Some(Secret::new(password));
    let mut created = customer;
    created.user_credentials = Some(credentials);
    Ok(needs.on(json(StatusCode::CREATED, &created)))
}

/// `GET /v1/customers/{id}`.
pub(crate) async fn get(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    Path(raw): Path<String>,
) -> Result<Response, ApiError> {
    caller.require(&GET_CUSTOMER)?;
    let id = customer_id(&raw)?;
    let mut store = lock(&shared.store);
    let record = store
        .customer_mut(caller.tenant, id, Instant::now())
        .ok_or_else(|| ApiError::customer_not_found(&raw))?;
    Ok(json(StatusCode::OK, &record.customer))
}

/// The parts of a customer a create request determines (no ids, no credentials).
#[allow(
    clippy::field_reassign_with_default,
    reason = "pc-model's response types may gain fields, so they are filled field by field"
)]
fn requested(req: &CreateCustomerRequest) -> Customer {
    let a = &req.billing_profile.default_address;
    let mut company = CompanyProfile::default();
    company.domain = Some(req.company_profile.domain.clone());
    company.company_name = Some(req.billing_profile.company_name.clone());
    company.organization_registration_number =
        req.company_profile.organization_registration_number.clone();
    let mut address = Address::default();
    address.country = Some(a.country.to_string());
    address.region = a.region.clone();
    address.city = a.city.clone();
    address.state = a.state.clone();
    address.address_line1 = Some(a.address_line1.clone());
    address.address_line2 = a.address_line2.clone();
    address.postal_code = a.postal_code.clone();
    address.first_name = Some(a.first_name.clone());
    address.last_name = Some(a.last_name.clone());
    address.phone_number = a.phone_number.clone();
    let mut billing = BillingProfile::default();
    billing.email = Some(req.billing_profile.email.clone());
    billing.culture = Some(req.billing_profile.culture.clone());
    billing.language = Some(req.billing_profile.language.clone());
    billing.company_name = Some(req.billing_profile.company_name.clone());
    billing.default_address = Some(address);
    let mut customer = Customer::default();
    customer.company_profile = Some(company);
    customer.billing_profile = Some(billing);
    customer.associated_partner_id = req.associated_partner_id;
    customer.enable_gdap_by_default = req.enable_gdap_by_default;
    customer
}

/// The customer the service makes of a request: ids, profile links and attributes, culture
/// normalised (`EN-US` → `en-US`), `relationshipToPartner` `reseller` for a reseller's customer.
fn new_customer(request: &CreateCustomerRequest) -> Customer {
    let id = CustomerTenantId::new_v4();
    let attributes = |kind: &str, etag: Option<String>| {
        let mut attributes = ResourceAttributes::default();
        attributes.object_type = Some(kind.to_owned());
        attributes.etag = etag;
        Some(attributes)
    };
    let mut customer = requested(request);
    customer.id = Some(id);
    customer.commerce_id = Some(id.to_string());
    if let Some(company) = customer.company_profile.as_mut() {
        company.tenant_id = Some(id);
        company.links = Some(super::self_link(format!(
            "/customers/{id}/profiles/company"
        )));
        company.attributes = attributes("CustomerCompanyProfile", None);
    }
    if let Some(billing) = customer.billing_profile.as_mut() {
        billing.id = Some(Uuid::new_v4().to_string());
        billing.culture = billing.culture.as_deref().map(normalize_culture);
        let etag = (Uuid::new_v4().as_u128() % 10_000_000_000_000_000_000).to_string();
        billing.attributes = attributes("CustomerBillingProfile", Some(etag));
    }
    customer.relationship_to_partner = Some(if request.associated_partner_id.is_some() {
        RelationshipToPartner::Reseller
    } else {
        RelationshipToPartner::None
    });
    customer.allow_delegated_access = Some(true);
    customer.attributes = attributes("Customer", None);
    customer
}

/// `EN-US` → `en-US`, `sr-latn-rs` → `sr-Latn-RS`.
fn normalize_culture(culture: &str) -> String {
    let parts: Vec<&str> = culture.split('-').collect();
    let last = parts.len().saturating_sub(1);
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| match i {
            0 => part.to_ascii_lowercase(),
            i if i == last => part.to_ascii_uppercase(),
            _ => {
                let lower = part.to_ascii_lowercase();
                let mut chars = lower.chars();
                chars.next().map_or_else(String::new, |c| {
                    c.to_ascii_uppercase().to_string() + chars.as_str()
                })
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// A new tenant admin password: 12 characters with upper and lower case, digits and a symbol.
fn new_password() -> String {
    const LOWER: &[u8] = b"abcdefghijkmnopqrstuvwxyz";
    const UPPER: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
    const DIGITS: &[u8] = b"23456789";
    const SYMBOLS: &[u8] = b"*!#$%";
    let bytes = Uuid::new_v4().into_bytes();
    let pick = |set: &[u8], b: u8| char::from(set[usize::from(b) % set.len()]);
    let mut password = String::with_capacity(12);
    password.push(pick(UPPER, bytes[0]));
    password.push(pick(SYMBOLS, bytes[1]));
    password.push(pick(DIGITS, bytes[2]));
    for &b in &bytes[3..12] {
        password.push(pick(LOWER, b));
    }
    password
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cultures_are_normalised() {
        assert_eq!(normalize_culture("EN-US"), "en-US");
        assert_eq!(normalize_culture("sr-latn-rs"), "sr-Latn-RS");
        assert_eq!(normalize_culture("pl-PL"), "pl-PL");
    }

    #[test]
    fn passwords_are_strong_and_differ() {
        let (a, b) = (new_password(), new_password());
        assert_eq!(a.len(), 12);
        assert_ne!(a, b);
        assert!(a.chars().any(|c| c.is_ascii_uppercase()));
        assert!(a.chars().any(|c| c.is_ascii_digit()));
    }
}
