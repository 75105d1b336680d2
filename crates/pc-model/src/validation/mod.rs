//! Local validation of request bodies, before anything is sent.
//!
//! [`Validate::validate`] reports **every** broken rule at once as a [`Violations`] list. Each
//! [`Violation`] names the wire field by its JSON pointer (`/billingProfile/defaultAddress/country`,
//! never a Rust field name), carries a stable [`ViolationCode`] and a readable message.
//!
//! Rules that depend on something outside the body take it from a [`ValidationContext`]: the
//! current time (an agreement's `dateAgreed` must not be in the future) and the list of countries
//! that require an organization registration number ([`RegistrationNumberCountries`]).
//!
//! Bodies read from JSON go through [`crate::json::parse_request`], which turns a decode failure
//! (a missing required field, a wrong type, an unknown enum value, a bad GUID or country code)
//! into a violation with the same pointer form; decoding stops at the first such error, and the
//! rules above run only once the body decodes.

mod context;
mod field_rules;
mod patterns;
mod violation;

#[cfg(any(test, feature = "proptest", feature = "schema"))]
pub(crate) use context::DEFAULT_REGISTRATION_NUMBER_COUNTRIES;
pub use context::{RegistrationNumberCountries, ValidationContext};
pub(crate) use field_rules::{FieldRules, Nested, request_struct};
#[cfg(feature = "schema")]
pub(crate) use patterns::CONTROL_CHARACTER;
pub(crate) use patterns::{CULTURE, DOMAIN, EMAIL, LANGUAGE, NO_WHITESPACE, NON_BLANK, is_blank};
pub use violation::{Violation, ViolationCode, Violations};

/// A request body that can be checked locally.
///
/// The only validation trait the request types implement: the `validator` crate checks some
/// rules inside this crate, but its traits are not implemented on them, so `validator::Validate`
/// in scope too leaves `.validate()` unambiguous.
pub trait Validate {
    /// Checks every rule with the given context.
    ///
    /// # Errors
    /// Every broken rule, sorted by pointer.
    fn validate_with(&self, ctx: &ValidationContext) -> Result<(), Violations>;

    /// Checks every rule at the current time with the default country list.
    ///
    /// # Errors
    /// Every broken rule, sorted by pointer.
    fn validate(&self) -> Result<(), Violations> {
        self.validate_with(&ValidationContext::default())
    }
}
