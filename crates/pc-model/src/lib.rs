//! Typed, validated request and response bodies of the Microsoft Partner Center
//! customer-onboarding API, with no HTTP stack.
//!
//! This crate is what a Rust service depends on when it only wants the types: create a customer
//! for an indirect reseller, confirm the Microsoft Customer Agreement, request a qualification and
//! read its vetting. It pulls serde, serde_json, validator, uuid and chrono, and schemars only with
//! the `schema` feature; never reqwest, hyper or tokio.
//!
//! - **Requests** ([`CreateCustomerRequest`], [`CreateAgreementRequest`],
//!   [`CreateQualificationRequest`]) have their fields as plain public fields, constructors that
//!   take what cannot be swapped by mistake, and named `with_` setters for the rest (a required
//!   one left unset is empty and reported). [`Validate::validate`] reports every broken rule at
//!   once, each with the JSON pointer of the wire field, before anything is sent.
//! - **Responses** ([`Customer`], [`Agreement`], [`Qualification`], …) tolerate absent fields,
//!   ignore unknown ones, and read enum-like strings into open enums that keep values added by
//!   the service later.
//! - Writing uses camelCase and leaves out `None`; reading accepts camelCase and PascalCase.
//! - [`operations`] describes each operation as data, and one [`Endpoint`](operation::Endpoint)
//!   type per operation builds a call and reads its answer.
//!
//! ```
//! use pc_model::{
//!     AddressRequest, BillingProfileRequest, CompanyProfileRequest, CountryCode,
//!     CreateCustomerRequest, Validate,
//! };
//!
//! let address = AddressRequest::new("PL".parse::<CountryCode>()?)
//!     .with_address_line1("ul. Prosta 1")
//!     .with_first_name("Anna")
//!     .with_last_name("Nowak")
//!     .with_city("Warszawa")
//!     .with_postal_code("00-001");
//! let request = CreateCustomerRequest::new(
//!     CompanyProfileRequest::new("nowak.onmicrosoft.com"),
//!     BillingProfileRequest::new(address)
//!         .with_email("anna@example.com")
//!         .with_culture("pl-PL")
//!         .with_language("pl")
//!         .with_company_name("Nowak sp. z o.o."),
//! );
//!
//! // Poland requires a registration number and a phone number: both are reported at once.
//! let violations = request.validate().unwrap_err();
//! let pointers: Vec<&str> = violations.iter().map(|v| v.pointer.as_str()).collect();
//! assert_eq!(
//!     pointers,
//!     ["/billingProfile/defaultAddress/phoneNumber", "/companyProfile/organizationRegistrationNumber"]
//! );
//!
//! // Responses read from camelCase or PascalCase, and never show the admin password.
//! let customer: pc_model::Customer = serde_json::from_str(
//!     r#"{"Id":"626099fe-17af-4756-9fd0-6a73b7127859","userCredentials":{"password":"0Krha*Io"}}"#,
//! )?;
//! assert!(!format!("{customer:?}").contains("0Krha"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_debug_implementations)]

mod agreement;
mod cloud;
mod collection;
mod country;
mod customer;
mod error;
mod filter;
pub mod fixtures;
mod ids;
pub mod json;
mod name;
mod open_enum;
pub mod operation;
pub mod operations;
mod qualification;
#[cfg(feature = "schema")]
pub mod schema;
mod secret;
mod strict;
#[cfg(feature = "proptest")]
pub mod testing;
pub mod time;
mod validation;
mod validation_code;

pub use agreement::{
    Agreement, AgreementMetadata, AgreementType, ConfirmedAgreementType, Contact, ContactRequest,
    CreateAgreementRequest, current_template,
};
pub use cloud::{Cloud, UnknownCloud};
pub use collection::{Collection, ItemList, Link, Links, ResourceAttributes};
pub use country::{CountryCode, CountryCodeError, ISO_3166_ALPHA2};
pub use customer::{
    Address, AddressRequest, BillingProfile, BillingProfileRequest, CompanyProfile,
    CompanyProfileRequest, CreateCustomerRequest, Customer, RelationshipToPartner, UserCredentials,
};
pub use error::{ErrorBody, ErrorCode, ServiceError, ThrottlingError, codes};
pub use filter::{CustomerFilter, CustomerFilterField, FilterOperator};
pub use ids::{CorrelationId, CustomerTenantId, IdError, RequestId, ResellerTenantId, TemplateId};
pub use name::UnknownName;
pub use open_enum::Unknown;
pub use qualification::{
    CreateQualificationRequest, EducationQualification, EducationSegment,
    GovernmentCommunityCloudQualification, Qualification, QualificationKind,
    QualificationsEnvelope, RequestedQualification, VettingStatus,
};
pub use secret::Secret;
pub use validation::{
    RegistrationNumberCountries, Validate, ValidationContext, Violation, ViolationCode, Violations,
};
pub use validation_code::ValidationCode;
