//! Typed, validated request and response bodies of the Microsoft Partner Center
//! customer-onboarding API, with no HTTP stack.
//!
//! This crate is what a Rust service depends on when it only wants the types: create a customer
//! for an indirect reseller, confirm the Microsoft Customer Agreement, request a qualification and
//! read its vetting. It pulls serde, serde_json, validator, uuid and chrono, and schemars only with
//! the `schema` feature; never reqwest, hyper or tokio. To send the requests, depend on
//! `pc-client` instead: it re-exports these types with a client that calls the service.
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
//! # Where things are
//!
//! - **Validation**: the [`Validate`] trait; [`ValidationContext`] holds what a rule needs
//!   besides the body (the clock for "not in the future", the [`RegistrationNumberCountries`]);
//!   a failure is [`Violations`], each [`Violation`] with its JSON pointer, a stable
//!   [`ViolationCode`] and a message.
//! - **Reading JSON**: [`json::parse_request`] decodes and validates a request body;
//!   [`json::from_slice`] decodes any body; both name the failing field by its JSON pointer.
//! - **Ids and values**: [`CustomerTenantId`], [`ResellerTenantId`], [`TemplateId`],
//!   [`RequestId`] and [`CorrelationId`] (GUIDs, [`IdError`] when not one), [`CountryCode`],
//!   [`Cloud`], and [`Secret`] for passwords and tokens (never shown by `Debug`).
//! - **Enums from typed text**: [`EducationSegment`] and [`RequestedQualification`] implement
//!   `FromStr` in any case (`k12`, `higher-education`, `gcc`), and open enums such as
//!   [`AgreementType`] have `parse_known`; both fail with [`UnknownName`].
//! - **Service errors**: [`ErrorBody::parse`] reads any error answer ([`ServiceError`],
//!   [`ThrottlingError`]); [`codes`] names the error codes worth handling.
//! - **For tests and other languages**: [`fixtures`] (the documented payloads), the `schema`
//!   feature (see [JSON Schemas](crate#json-schemas)) and the `proptest` feature (`testing`:
//!   strategies for valid and broken bodies).
//!
//! # JSON Schemas
//!
//! With the `schema` feature the request and response types implement `schemars::JsonSchema`,
//! with the lengths and patterns [`Validate`] checks, and the `schema` module derives them all. The
//! repository's `schemas/` directory holds the result and an OpenAPI document, for other
//! languages; its README lists where a schema and `validate()` differ, and the rules a schema
//! states only in its `description`.
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
mod contact;
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
