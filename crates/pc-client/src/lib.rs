//! The async client for Microsoft Partner Center customer onboarding: create a customer for an
//! indirect reseller, confirm the Microsoft Customer Agreement, request qualifications and wait
//! for their vetting, safely under retries.
//!
//! # Quick start
//!
//! This example runs as written: it starts the local emulator (the `pc-emulator` crate, here a
//! dev-dependency standing in for the service) in-process and authenticates through the real
//! refresh-token flow. Against the service, drop the emulator and the two
//! `base_url`/`with_authority` lines, and use your own tenant, application and refresh token.
//!
//! ```
//! use pc_client::{
//!     AddressRequest, Authority, BillingProfileRequest, Client, CompanyProfileRequest,
//!     ContactRequest, CreateCustomerRequest, CreateQualificationRequest, EducationSegment,
//!     QualificationKind, RefreshTokenCredential,
//! };
//! use pc_emulator::{
//!     DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_PARTNER_TENANT_ID, DEFAULT_REFRESH_TOKEN,
//!     DEFAULT_RESELLER_ID, Emulator, EmulatorConfig,
//! };
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let emulator = Emulator::start(EmulatorConfig::default().with_vetting_delay(std::time::Duration::ZERO)).await?;
//!
//! // App+User tokens from a refresh token (the secure application model). Each redemption
//! // hands back a new refresh token and the old one stops working: store it (the README's client
//! // quick start writes it to a file).
//! let credential = RefreshTokenCredential::new(
//!     DEFAULT_PARTNER_TENANT_ID.to_string(),
//!     DEFAULT_CLIENT_ID,
//!     DEFAULT_REFRESH_TOKEN,
//! )
//! .with_client_secret(DEFAULT_CLIENT_SECRET)
//! .with_authority(Authority::custom(emulator.token_authority())?)
//! .on_rotation(|new_refresh_token| { /* persist it */ let _ = new_refresh_token; });
//!
//! let client = Client::builder(credential)
//!     .base_url(emulator.url())
//!     .application_name("contoso-onboarding")
//!     .vetting_poll(std::time::Duration::from_millis(10), std::time::Duration::from_millis(50), std::time::Duration::from_secs(10))
//!     .build()?;
//!
//! // A customer for an indirect reseller; the body is validated before anything is sent.
//! let address = AddressRequest::new("US".parse()?)
//!     .with_address_line1("One Microsoft Way")
//!     .with_first_name("Gena")
//!     .with_last_name("Soto")
//!     .with_city("Redmond").with_state("WA").with_postal_code("98052");
//! let request = CreateCustomerRequest::new(
//!     CompanyProfileRequest::new("wingtiptoys.onmicrosoft.com"),
//!     BillingProfileRequest::new(address)
//!         .with_email("gena@wingtiptoys.com")
//!         .with_culture("en-US")
//!         .with_language("en")
//!         .with_company_name("Wingtip Toys"),
//! );
//! let customer = client.create_customer_for_reseller(DEFAULT_RESELLER_ID, request).await?;
//! let id = customer.tenant_id().expect("the service returns the tenant id");
//! println!("created {id} (MS-RequestId {})", customer.ids.request_id);
//!
//! // The Microsoft Customer Agreement: the template id is looked up (and cached) for you.
//! let contact = ContactRequest::new("gena@wingtiptoys.com")
//!     .with_first_name("Gena")
//!     .with_last_name("Soto");
//! client.confirm_customer_agreement(id, contact, client.now()).await?;
//!
//! // An Education qualification, then its asynchronous vetting.
//! let education = CreateQualificationRequest::education(EducationSegment::K12);
//! client.create_qualification(id, education).await?;
//! let vetted = client
//!     .wait_for_vetting(id, QualificationKind::Education)
//!     .on_change(|q| println!("vetting: {:?}", q.vetting_status))
//!     .await?;
//! assert!(vetted.is_settled());
//! # emulator.shutdown().await;
//! # Ok(())
//! # }
//! ```
//!
//! # Where to start
//!
//! - **A client**: [`Client::builder`] with a credential, then [`ClientBuilder`] settings (base
//!   URL or [`Cloud`], application name, rate limit, timeouts, retry policy, vetting polls) and
//!   `build`. The credential is a [`RefreshTokenCredential`] for App+User tokens (creating a
//!   reseller's customer, confirming agreements and requesting qualifications need them), a
//!   [`ClientCredentials`] for App-only tokens, a [`StaticToken`] for a token you already have,
//!   or your own [`Credential`].
//! - **Requests**: [`CreateCustomerRequest`] (with [`CompanyProfileRequest`],
//!   [`BillingProfileRequest`], [`AddressRequest`]), [`ContactRequest`] for the agreement,
//!   [`CreateQualificationRequest`]; each method of [`Client`] takes the request and returns a
//!   [`Call`], whose type parameter is the operation's type in [`operations`] (or a
//!   convenience's, in [`actions`]). Each method says what its call answers.
//! - **Outcomes**: a [`Response`] (the value and its [`ResponseIds`]) or an [`Error`], whose
//!   predicates answer what a rerun asks ([`Error::already_exists`] with [`Existing`],
//!   [`Error::is_not_found`], [`Error::is_throttled`], [`Error::is_transient`],
//!   [`Error::may_have_applied`]); see [Handling errors](#handling-errors).
//! - **Tests**: the `pc-emulator` crate serves the same API in-process, as above; a
//!   [`ManualClock`] (through [`ClientBuilder::transport`]) makes waits and polls run without
//!   real time.
//!
//! # One dependency
//!
//! This crate re-exports what building a client, its requests and its error handling takes: the
//! request and response types, validation, error bodies and [`operations`] of [`pc_model`]
//! ([`CreateCustomerRequest`], [`Customer`], [`Collection`], [`Validate`], [`ErrorBody`],
//! [`codes`], …), and the credentials, [`Cloud`], [`RetryPolicy`], [`Timeouts`], [`Transport`]
//! and clocks of [`pc_transport`]. Their documentation is in those crates; `pc-client` alone in
//! `Cargo.toml` is enough. A service that only validates bodies takes `pc-model` alone.
//!
//! # Handling errors
//!
//! Every method fails with one [`Error`] type; its predicates answer what a caller decides on,
//! whatever the failure was:
//!
//! | question | ask | then |
//! |---|---|---|
//! | Is the input wrong? (Nothing was sent.) | [`Error::is_validation`], [`Error::violations`]: every broken rule, with the JSON pointer of its field | fix the input |
//! | Does what the write would make exist already: the domain taken, the agreement confirmed, the qualification requested? | [`Error::already_exists`], [`Error::existing`] says which | for a domain, [`Client::find_customer`] tells whether the customer is yours (made by an earlier run) |
//! | Throttled? | [`Error::is_throttled`], [`Error::retry_after`] | the client has already waited and retried as its [`RetryPolicy`] allows: come back later, and keep under the limit with [`ClientBuilder::rate_limit_per_minute`] |
//! | May trying again later succeed? | [`Error::is_transient`] | |
//! | May the failed write have happened anyway? | [`Error::may_have_applied`] | the client has read back once already; rerun with the same [`Error::request_id`] ([`Call::request_id`]) or read back yourself ([`Client::read_back`]) |
//! | What does support need? | the message (`Display`), [`Error::request_id`], [`Error::correlation_id`], [`Error::cv`] | |
//!
//! For a `match`, [`Error::kind`] names the failure ([`ErrorKind`]). A rerunnable script that
//! creates a customer:
//!
//! ```
//! use pc_client::{
//!     AddressRequest, BillingProfileRequest, Client, CompanyProfileRequest, CreateCustomerRequest,
//!     DomainAvailability, Error, Existing, ResellerTenantId, RetryPolicy, StaticToken, TokenKind,
//! };
//! use pc_emulator::{DEFAULT_APP_USER_TOKEN, DEFAULT_RESELLER_ID, Emulator, EmulatorConfig};
//!
//! /// Creates the reseller's customer for `domain`, and says what happened.
//! async fn onboard(client: &Client, reseller: ResellerTenantId, domain: &str) -> Result<String, Error> {
//!     let address = AddressRequest::new("US".parse().expect("a country code"))
//!         .with_address_line1("One Microsoft Way")
//!         .with_first_name("Gena")
//!         .with_last_name("Soto");
//!     let request = CreateCustomerRequest::new(
//!         CompanyProfileRequest::new(domain),
//!         BillingProfileRequest::new(address)
//!             .with_email("gena@wingtiptoys.com")
//!             .with_culture("en-US")
//!             .with_language("en")
//!             .with_company_name("Wingtip Toys"),
//!     );
//!     match client.create_customer_for_reseller(reseller, request).await {
//!         Ok(created) => Ok(format!("created (MS-RequestId {})", created.ids.request_id)),
//!         // Taken: by an earlier run of this script, or by someone else.
//!         Err(e) if e.existing() == Some(Existing::Domain) => {
//!             match client.find_customer(domain, Some(reseller)).await?.into_value() {
//!                 Some(_) => Ok("ours already".to_owned()),
//!                 None => Ok("taken by someone else".to_owned()),
//!             }
//!         }
//!         // Nothing was sent.
//!         Err(e) if e.is_validation() => {
//!             let fields: Vec<&str> =
//!                 e.violations().into_iter().flatten().map(|v| v.pointer.as_str()).collect();
//!             Ok(format!("invalid: {}", fields.join(", ")))
//!         }
//!         // Still throttled after the retries the policy allows.
//!         Err(e) if e.is_throttled() => Ok(format!("throttled, try again in {:?}", e.retry_after())),
//!         Err(e) => Err(e),
//!     }
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let emulator = Emulator::start(EmulatorConfig::default().with_rate_limit(None)).await?;
//! let client = Client::builder(StaticToken::new(DEFAULT_APP_USER_TOKEN).with_kind(TokenKind::AppAndUser))
//!     .base_url(emulator.url())
//!     .retry(RetryPolicy::never()) // so that the throttling below is seen at once
//!     .build()?;
//! let reseller = DEFAULT_RESELLER_ID;
//!
//! assert!(onboard(&client, reseller, "wingtiptoys.onmicrosoft.com").await?.starts_with("created"));
//! assert_eq!(onboard(&client, reseller, "wingtiptoys.onmicrosoft.com").await?, "ours already");
//! assert_eq!(onboard(&client, reseller, "wingtip toys").await?, "invalid: /companyProfile/domain");
//! emulator.set_rate_limit(Some(1)); // one request a minute…
//! let free = client.check_domain("fabrikam.onmicrosoft.com").await?; // …and here it is
//! assert_eq!(free.value, DomainAvailability::Available);
//! let throttled = onboard(&client, reseller, "fabrikam.onmicrosoft.com").await?;
//! assert!(throttled.starts_with("throttled, try again in Some("), "{throttled}");
//! # emulator.shutdown().await;
//! # Ok(())
//! # }
//! ```
//!
//! # What you get
//!
//! - **One method per operation**, shaped like the resource; each returns a [`Call`] you await,
//!   after setting per-call options if you need them (`request_id`, `correlation_id`,
//!   `timeout`, `skip_validation`). Results are [`Response`]s: the value plus `MS-RequestId`,
//!   `MS-CorrelationId` and `MS-CV`.
//! - **Local validation first**: a body that breaks a rule fails with every violation, by JSON
//!   pointer, and nothing is sent.
//! - **Conveniences**: [`Client::confirm_customer_agreement`] (the template id fetched once per
//!   client), [`Client::wait_for_vetting`], [`Client::wait_for_customer`] (the service may
//!   answer `404` for a new customer for about 90 s), and a local refusal of agreement
//!   confirmation in the US Government and 21Vianet clouds.
//! - **One client, shared**: cheap to clone, `Send + Sync`, one connection pool, token cache and
//!   optional rate limiter ([`ClientBuilder::rate_limit_per_minute`]).
//!
//! # Safe under retries
//!
//! A create is never duplicated and never silently lost:
//!
//! - every attempt of a `POST` carries the same `MS-RequestId`, so a service that deduplicates
//!   sees one request;
//! - because the service's replay behaviour is undocumented, after an attempt that may have been
//!   applied (sent, then the connection dropped, a timeout, a `5xx`), a failure of the retry is
//!   **reconciled** by reading back: the customer with the same domain among the partner's
//!   customers (and the same reseller), the agreement with the same template and contact, the
//!   qualification of the same kind. Found, it is returned with [`Response::reconciled`] set;
//!   not found, the original error stands. A 600061 on a first attempt is returned as the error
//!   it is: the agreement existed before the call.
//! - an error always says whether the request may have reached the service
//!   ([`Error::may_have_been_sent`]);
//! - the read-back runs within the call's deadline: the time limit (the call's
//!   [`timeout`](Call::timeout), else the transport's operation timeout) bounds the template
//!   lookup, the attempts, the waits and the read-back together; a read-back that starts with
//!   less than a tenth of the limit left (at most 5 s) gets that much.

#![warn(missing_debug_implementations)]

mod agreements;
mod call;
mod client;
mod customers;
mod error;
mod qualifications;
mod reconcile;
mod vetting;

pub use call::{Action, Call};

/// What a [`Call`] runs besides one operation of `pc-model`'s table: the client's conveniences,
/// each made by its [`Client`] method. Their behaviour is documented there.
pub mod actions {
    pub use crate::agreements::ConfirmCustomerAgreement;
    pub use crate::customers::{FindCustomer, WaitForCustomer};
    pub use crate::reconcile::FindWritten;
}
pub use client::{Client, ClientBuilder};
pub use error::{Error, ErrorKind, Existing};
pub use vetting::{PollSchedule, WaitForVetting};

pub use pc_model::operations::{self, DomainAvailability};
pub use pc_transport::{CallOptions, CorrelationId, RequestId, Response, ResponseIds};

// What building a client and its requests takes, so that `pc-client` alone is enough; the
// canonical paths are in `pc_model` and `pc_transport`.
pub use pc_model::json::DecodeError;
pub use pc_model::{
    Address, AddressRequest, Agreement, AgreementMetadata, AgreementType, BillingProfile,
    BillingProfileRequest, Cloud, Collection, CompanyProfile, CompanyProfileRequest,
    ConfirmedAgreementType, Contact, ContactRequest, CountryCode, CountryCodeError,
    CreateAgreementRequest, CreateCustomerRequest, CreateQualificationRequest, Customer,
    CustomerTenantId, EducationQualification, EducationSegment, ErrorBody,
    GovernmentCommunityCloudQualification, IdError, Qualification, QualificationKind,
    RegistrationNumberCountries, RelationshipToPartner, RequestedQualification, ResellerTenantId,
    Secret, ServiceError, TemplateId, ThrottlingError, UnknownName, UserCredentials, Validate,
    ValidationCode, ValidationContext, VettingStatus, Violation, ViolationCode, Violations, codes,
};
pub use pc_transport::{
    AccessToken, Authority, Backoff, ClientCredentials, Clock, Credential, CredentialError,
    ManualClock, RefreshTokenCredential, RetryPolicy, RotationResult, StaticToken, TimeoutKind,
    Timeouts, TokenEndpoint, TokenKind, Transport, TransportBuilder,
};

/// The project README's Rust examples, compiled as doc tests (the client quick start is built and
/// run from its own dependency lines by `tests/readme.rs`).
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;
