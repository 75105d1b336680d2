//! The customer resource: what `POST /v1/customers` takes ([`CreateCustomerRequest`]) and what
//! the service answers ([`Customer`]), with their company and billing profiles and address.
//!
//! Request types have their fields as plain fields, constructors for what cannot be swapped by
//! mistake ([`CreateCustomerRequest::new`], [`AddressRequest::new`]) and named `with_` setters
//! for the rest; [`Validate::validate`] checks the rules listed on each type.
//! Reading a request accepts camelCase and PascalCase names (the .NET SDK's bodies parse, with
//! the resource fields it sent along), treats `null` as absent, and refuses anything else: an
//! unknown or misspelt key, a key given twice, an array where an object belongs. Writing one uses
//! camelCase and leaves out absent fields.

use serde::{Deserialize, Serialize};

use crate::collection::{Links, ResourceAttributes};
use crate::contact::contact_setters;
use crate::country::CountryCode;
use crate::ids::{CustomerTenantId, ResellerTenantId};
use crate::open_enum::open_enum;
use crate::secret::Secret;
use crate::strict::{SET_BY_THE_SERVICE, SdkField, strict_request};
use crate::validation::{
    CULTURE, DOMAIN, EMAIL, LANGUAGE, NON_BLANK, Validate, ValidationContext, Violation,
    ViolationCode, Violations, is_blank, request_struct,
};

// ---------------------------------------------------------------------------------------------
// Request
// ---------------------------------------------------------------------------------------------

// The fields of the `Customer` resource that the .NET SDK sent along with a create request, as
// the documented request shows them (`fixtures/customer-create-indirect.request.docs.json`, from
// the "create a customer for an indirect reseller" page): accepted in that spelling, and ignored.
const CREATE_CUSTOMER_SDK_FIELDS: [SdkField; 7] = [
    SdkField::null_only("Id", SET_BY_THE_SERVICE),
    SdkField::null_only("CommerceId", SET_BY_THE_SERVICE),
    SdkField::ignored("RelationshipToPartner"),
    SdkField::null_only("AllowDelegatedAccess", SET_BY_THE_SERVICE),
    SdkField::null_only(
        "UserCredentials",
        "must not be sent: the service generates the admin password",
    ),
    SdkField::null_only("CustomDomains", SET_BY_THE_SERVICE),
    SdkField::ignored("Attributes"),
];
const COMPANY_PROFILE_SDK_FIELDS: [SdkField; 3] = [
    SdkField::null_only("TenantId", SET_BY_THE_SERVICE),
    SdkField::null_only(
        "CompanyName",
        "a request sets the company name in billingProfile.companyName",
    ),
    SdkField::ignored("Attributes"),
];
const BILLING_PROFILE_SDK_FIELDS: [SdkField; 4] = [
    SdkField::null_only("Id", SET_BY_THE_SERVICE),
    SdkField::null_only(
        "FirstName",
        "a request sets the contact's name in billingProfile.defaultAddress.firstName",
    ),
    SdkField::null_only(
        "LastName",
        "a request sets the contact's name in billingProfile.defaultAddress.lastName",
    ),
    SdkField::ignored("Attributes"),
];

request_struct! {
    /// The body of `POST /v1/customers`: a new customer, for an indirect reseller when
    /// `associatedPartnerId` is set.
    ///
    /// It never carries `userCredentials`: the service refuses a supplied password.
    ///
    /// Rules: domain `<prefix>.onmicrosoft.com` (prefix 1 to 27 letters or digits); billing email,
    /// culture (`en-US`, any case), two-letter language, company name; address line 1 (1 to 200
    /// characters), line 2 (at most 200), first and last name (1 to 50); and, when the billing
    /// address country is in the registration-number list, a non-blank
    /// `companyProfile.organizationRegistrationNumber` and
    /// `billingProfile.defaultAddress.phoneNumber`.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[cfg_attr(feature = "schema", schemars(transform = schema::registration_number_rule))]
    #[serde(remote = "Self", rename_all = "camelCase", deny_unknown_fields)]
    #[non_exhaustive]
    pub struct CreateCustomerRequest {
        /// The customer's company: its domain and, where required, registration number.
        #[serde(alias = "CompanyProfile")]
        #[validate(nested)]
        pub company_profile: CompanyProfileRequest,
        /// Billing contact, culture, language and registered address.
        #[serde(alias = "BillingProfile")]
        #[validate(nested)]
        pub billing_profile: BillingProfileRequest,
        /// The indirect reseller the customer is created for. Without it the customer becomes a
        /// direct customer of the provider.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            alias = "AssociatedPartnerId"
        )]
        pub associated_partner_id: Option<ResellerTenantId>,
        /// `true` creates a default GDAP relationship, `false` none; absent means the service
        /// default.
        #[serde(
            rename = "enableGDAPByDefault",
            alias = "EnableGDAPByDefault",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub enable_gdap_by_default: Option<bool>,
    }
}

strict_request!(
    CreateCustomerRequest,
    "a create-customer request object",
    &CREATE_CUSTOMER_SDK_FIELDS
);

impl CreateCustomerRequest {
    /// A direct customer of the provider with the given profiles.
    pub fn new(
        company_profile: CompanyProfileRequest,
        billing_profile: BillingProfileRequest,
    ) -> Self {
        Self {
            company_profile,
            billing_profile,
            associated_partner_id: None,
            enable_gdap_by_default: None,
        }
    }

    /// Creates the customer for an indirect reseller instead.
    pub fn for_reseller(mut self, reseller: ResellerTenantId) -> Self {
        self.associated_partner_id = Some(reseller);
        self
    }

    /// Sets `enableGDAPByDefault`.
    pub fn with_gdap_by_default(mut self, enable: bool) -> Self {
        self.enable_gdap_by_default = Some(enable);
        self
    }
}

impl Validate for CreateCustomerRequest {
    fn validate_with(&self, ctx: &ValidationContext) -> Result<(), Violations> {
        let mut violations = Violations::new();
        violations.extend_from_field_rules(self);
        let address = &self.billing_profile.default_address;
        if ctx.registration_number_countries.contains(address.country) {
            let country = address.country;
            if self
                .company_profile
                .organization_registration_number
                .as_deref()
                .is_none_or(is_blank)
            {
                violations.push(Violation::new(
                    "/companyProfile/organizationRegistrationNumber",
                    ViolationCode::RequiredForCountry,
                    format!("is required for customers in {country}"),
                ));
            }
            if address.phone_number.as_deref().is_none_or(is_blank) {
                violations.push(Violation::new(
                    "/billingProfile/defaultAddress/phoneNumber",
                    ViolationCode::RequiredForCountry,
                    format!("is required for customers in {country}"),
                ));
            }
        }
        violations.into_result()
    }
}

request_struct! {
    /// The company profile of a new customer.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[serde(remote = "Self", rename_all = "camelCase", deny_unknown_fields)]
    #[non_exhaustive]
    pub struct CompanyProfileRequest {
        /// The new tenant's domain, `<prefix>.onmicrosoft.com`.
        #[serde(alias = "Domain")]
        #[validate(regex(path = *DOMAIN, code = "domain"))]
        pub domain: String,
        /// The organization registration number (INN and similar). Required in some countries;
        /// optional elsewhere.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            alias = "OrganizationRegistrationNumber"
        )]
        pub organization_registration_number: Option<String>,
    }
}

strict_request!(
    CompanyProfileRequest,
    "a company profile object",
    &COMPANY_PROFILE_SDK_FIELDS
);

impl CompanyProfileRequest {
    /// A company profile with the given domain.
    pub fn new(domain: impl Into<String>) -> Self {
        Self {
            domain: domain.into(),
            organization_registration_number: None,
        }
    }

    /// Sets the organization registration number.
    pub fn with_registration_number(mut self, number: impl Into<String>) -> Self {
        self.organization_registration_number = Some(number.into());
        self
    }
}

request_struct! {
    /// The billing profile of a new customer.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[serde(remote = "Self", rename_all = "camelCase", deny_unknown_fields)]
    #[non_exhaustive]
    pub struct BillingProfileRequest {
        /// The customer's email address.
        #[serde(alias = "Email")]
        #[validate(regex(path = *EMAIL, code = "email"))]
        pub email: String,
        /// Culture for communication and currency, e.g. `en-US` (any case; the service
        /// normalises it).
        #[serde(alias = "Culture")]
        #[validate(regex(path = *CULTURE, code = "culture"))]
        pub culture: String,
        /// Two-letter language code, e.g. `en` (any case).
        #[serde(alias = "Language")]
        #[validate(regex(path = *LANGUAGE, code = "language"))]
        pub language: String,
        /// The registered company name.
        #[serde(alias = "CompanyName")]
        #[validate(regex(path = *NON_BLANK, code = "required"))]
        pub company_name: String,
        /// The registered address.
        #[serde(alias = "DefaultAddress")]
        #[validate(nested)]
        pub default_address: AddressRequest,
    }
}

strict_request!(
    BillingProfileRequest,
    "a billing profile object",
    &BILLING_PROFILE_SDK_FIELDS
);

impl BillingProfileRequest {
    /// A billing profile at `default_address`; set the email, culture, language and company
    /// name (all required) with the `with_` methods. One left unset is empty, and
    /// [`Validate::validate`] reports it with its JSON pointer, before anything is sent.
    ///
    /// ```
    /// use pc_model::{
    ///     AddressRequest, BillingProfileRequest, CompanyProfileRequest, CountryCode,
    ///     CreateCustomerRequest, Validate,
    /// };
    ///
    /// let address = AddressRequest::new(CountryCode::new("US")?)
    ///     .with_address_line1("One Microsoft Way")
    ///     .with_first_name("Gena")
    ///     .with_last_name("Soto");
    /// let billing = BillingProfileRequest::new(address.clone())
    ///     .with_email("gena@wingtiptoys.com")
    ///     .with_culture("en-US")
    ///     .with_language("en")
    ///     .with_company_name("Wingtip Toys");
    /// let company = CompanyProfileRequest::new("wingtiptoys.onmicrosoft.com");
    /// assert!(CreateCustomerRequest::new(company.clone(), billing).validate().is_ok());
    ///
    /// // Forgotten fields are reported by name, before anything is sent.
    /// let incomplete = BillingProfileRequest::new(address).with_email("gena@wingtiptoys.com");
    /// let violations = CreateCustomerRequest::new(company, incomplete).validate().unwrap_err();
    /// let pointers: Vec<&str> = violations.iter().map(|v| v.pointer.as_str()).collect();
    /// assert_eq!(
    ///     pointers,
    ///     ["/billingProfile/companyName", "/billingProfile/culture", "/billingProfile/language"]
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(default_address: AddressRequest) -> Self {
        Self {
            email: String::new(),
            culture: String::new(),
            language: String::new(),
            company_name: String::new(),
            default_address,
        }
    }

    /// Sets the customer's email address.
    pub fn with_email(mut self, email: impl Into<String>) -> Self {
        self.email = email.into();
        self
    }

    /// Sets the culture, e.g. `en-US`.
    pub fn with_culture(mut self, culture: impl Into<String>) -> Self {
        self.culture = culture.into();
        self
    }

    /// Sets the two-letter language code, e.g. `en`.
    pub fn with_language(mut self, language: impl Into<String>) -> Self {
        self.language = language.into();
        self
    }

    /// Sets the registered company name.
    pub fn with_company_name(mut self, company_name: impl Into<String>) -> Self {
        self.company_name = company_name.into();
        self
    }
}

request_struct! {
    /// A postal address in a request.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[serde(remote = "Self", rename_all = "camelCase", deny_unknown_fields)]
    #[non_exhaustive]
    pub struct AddressRequest {
        /// ISO 3166-1 alpha-2 country code.
        #[serde(alias = "Country")]
        pub country: CountryCode,
        /// Region, where the country has them.
        #[serde(default, skip_serializing_if = "Option::is_none", alias = "Region")]
        pub region: Option<String>,
        /// City.
        #[serde(default, skip_serializing_if = "Option::is_none", alias = "City")]
        pub city: Option<String>,
        /// State or province.
        #[serde(default, skip_serializing_if = "Option::is_none", alias = "State")]
        pub state: Option<String>,
        /// First address line, 1 to 200 characters.
        #[serde(alias = "AddressLine1")]
        #[validate(length(max = 200, code = "length"), regex(path = *NON_BLANK, code = "required"))]
        pub address_line1: String,
        /// Second address line, at most 200 characters.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            alias = "AddressLine2"
        )]
        #[validate(length(max = 200, code = "length"))]
        pub address_line2: Option<String>,
        /// Postal code.
        #[serde(default, skip_serializing_if = "Option::is_none", alias = "PostalCode")]
        pub postal_code: Option<String>,
        /// Contact first name, 1 to 50 characters.
        #[serde(alias = "FirstName")]
        #[validate(length(max = 50, code = "length"), regex(path = *NON_BLANK, code = "required"))]
        pub first_name: String,
        /// Contact last name, 1 to 50 characters.
        #[serde(alias = "LastName")]
        #[validate(length(max = 50, code = "length"), regex(path = *NON_BLANK, code = "required"))]
        pub last_name: String,
        /// Phone number. Required in the registration-number countries.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            alias = "PhoneNumber"
        )]
        pub phone_number: Option<String>,
    }
}

strict_request!(AddressRequest, "an address object", &[]);

impl AddressRequest {
    /// An address in `country`; set the first address line and the contact's first and last
    /// name (all required) and the other fields with the `with_` methods. A required field left
    /// unset is empty, and [`Validate::validate`] reports it with its JSON pointer.
    pub fn new(country: CountryCode) -> Self {
        Self {
            country,
            region: None,
            city: None,
            state: None,
            address_line1: String::new(),
            address_line2: None,
            postal_code: None,
            first_name: String::new(),
            last_name: String::new(),
            phone_number: None,
        }
    }

    /// Sets the first address line.
    pub fn with_address_line1(mut self, line: impl Into<String>) -> Self {
        self.address_line1 = line.into();
        self
    }

    contact_setters!();

    /// Sets the city.
    pub fn with_city(mut self, city: impl Into<String>) -> Self {
        self.city = Some(city.into());
        self
    }

    /// Sets the state.
    pub fn with_state(mut self, state: impl Into<String>) -> Self {
        self.state = Some(state.into());
        self
    }

    /// Sets the region.
    pub fn with_region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sets the postal code.
    pub fn with_postal_code(mut self, postal_code: impl Into<String>) -> Self {
        self.postal_code = Some(postal_code.into());
        self
    }

    /// Sets the second address line.
    pub fn with_address_line2(mut self, line: impl Into<String>) -> Self {
        self.address_line2 = Some(line.into());
        self
    }
}

// ---------------------------------------------------------------------------------------------
// Response
// ---------------------------------------------------------------------------------------------

open_enum! {
    /// How a customer relates to the partner (`relationshipToPartner`), spelled as the service
    /// writes it: lower snake case (the .NET SDK's converter writes `microsoft_support`).
    pub enum RelationshipToPartner {
        /// No relationship recorded.
        None = "none",
        /// The partner (or its indirect reseller) resells to the customer.
        Reseller = "reseller",
        /// The partner advises the customer.
        Advisor = "advisor",
        /// A syndication partner relationship.
        Syndication = "syndication",
        /// Microsoft support relationship.
        MicrosoftSupport = "microsoft_support",
    }
}

/// A customer as the service returns it (the `201` of create, `GET /v1/customers/{id}`).
///
/// Every field may be absent; unknown fields are ignored. `userCredentials.password` holds the
/// new tenant's admin password: a secret that must never be logged (in Rust a [`Secret`], which
/// never shows in `Debug` output).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct Customer {
    /// The customer's tenant id.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Id")]
    pub id: Option<CustomerTenantId>,
    /// The commerce id.
    #[serde(skip_serializing_if = "Option::is_none", alias = "CommerceId")]
    pub commerce_id: Option<String>,
    /// Company profile.
    #[serde(skip_serializing_if = "Option::is_none", alias = "CompanyProfile")]
    pub company_profile: Option<CompanyProfile>,
    /// Billing profile.
    #[serde(skip_serializing_if = "Option::is_none", alias = "BillingProfile")]
    pub billing_profile: Option<BillingProfile>,
    /// Relationship to the partner, e.g. `reseller`.
    #[serde(
        skip_serializing_if = "Option::is_none",
        alias = "RelationshipToPartner"
    )]
    pub relationship_to_partner: Option<RelationshipToPartner>,
    /// Whether delegated administration is allowed.
    #[serde(
        skip_serializing_if = "Option::is_none",
        alias = "AllowDelegatedAccess"
    )]
    pub allow_delegated_access: Option<bool>,
    /// The admin credentials of a newly created tenant.
    #[serde(skip_serializing_if = "Option::is_none", alias = "UserCredentials")]
    pub user_credentials: Option<UserCredentials>,
    /// The indirect reseller, when there is one.
    #[serde(skip_serializing_if = "Option::is_none", alias = "AssociatedPartnerId")]
    pub associated_partner_id: Option<ResellerTenantId>,
    /// Whether a default GDAP relationship was requested.
    #[serde(
        rename = "enableGDAPByDefault",
        alias = "EnableGDAPByDefault",
        skip_serializing_if = "Option::is_none"
    )]
    pub enable_gdap_by_default: Option<bool>,
    /// Custom domains of the tenant.
    #[serde(skip_serializing_if = "Option::is_none", alias = "CustomDomains")]
    pub custom_domains: Option<Vec<String>>,
    /// Links.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Links")]
    pub links: Option<Links>,
    /// Resource attributes.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Attributes")]
    pub attributes: Option<ResourceAttributes>,
}

impl Customer {
    /// The tenant id, from `id` or else `companyProfile.tenantId`.
    pub fn tenant_id(&self) -> Option<CustomerTenantId> {
        self.id
            .or_else(|| self.company_profile.as_ref().and_then(|p| p.tenant_id))
    }

    /// The domain from the company profile.
    pub fn domain(&self) -> Option<&str> {
        self.company_profile
            .as_ref()
            .and_then(|p| p.domain.as_deref())
    }
}

/// A customer's company profile, as returned.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct CompanyProfile {
    /// The tenant id.
    #[serde(skip_serializing_if = "Option::is_none", alias = "TenantId")]
    pub tenant_id: Option<CustomerTenantId>,
    /// The domain.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Domain")]
    pub domain: Option<String>,
    /// The company name.
    #[serde(skip_serializing_if = "Option::is_none", alias = "CompanyName")]
    pub company_name: Option<String>,
    /// The organization registration number.
    #[serde(
        skip_serializing_if = "Option::is_none",
        alias = "OrganizationRegistrationNumber"
    )]
    pub organization_registration_number: Option<String>,
    /// Links.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Links")]
    pub links: Option<Links>,
    /// Resource attributes.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Attributes")]
    pub attributes: Option<ResourceAttributes>,
}

/// A customer's billing profile, as returned.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct BillingProfile {
    /// The profile id.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Id")]
    pub id: Option<String>,
    /// First name of the billing contact.
    #[serde(skip_serializing_if = "Option::is_none", alias = "FirstName")]
    pub first_name: Option<String>,
    /// Last name of the billing contact.
    #[serde(skip_serializing_if = "Option::is_none", alias = "LastName")]
    pub last_name: Option<String>,
    /// Email address.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Email")]
    pub email: Option<String>,
    /// Culture, e.g. `en-US`.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Culture")]
    pub culture: Option<String>,
    /// Language, e.g. `en`.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Language")]
    pub language: Option<String>,
    /// Company name.
    #[serde(skip_serializing_if = "Option::is_none", alias = "CompanyName")]
    pub company_name: Option<String>,
    /// Registered address.
    #[serde(skip_serializing_if = "Option::is_none", alias = "DefaultAddress")]
    pub default_address: Option<Address>,
    /// Links.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Links")]
    pub links: Option<Links>,
    /// Resource attributes.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Attributes")]
    pub attributes: Option<ResourceAttributes>,
}

/// A postal address, as returned. The country is kept as text: a response is never refused
/// because of a code this version does not know.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct Address {
    /// Country code.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Country")]
    pub country: Option<String>,
    /// Region.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Region")]
    pub region: Option<String>,
    /// City.
    #[serde(skip_serializing_if = "Option::is_none", alias = "City")]
    pub city: Option<String>,
    /// State.
    #[serde(skip_serializing_if = "Option::is_none", alias = "State")]
    pub state: Option<String>,
    /// First line.
    #[serde(skip_serializing_if = "Option::is_none", alias = "AddressLine1")]
    pub address_line1: Option<String>,
    /// Second line.
    #[serde(skip_serializing_if = "Option::is_none", alias = "AddressLine2")]
    pub address_line2: Option<String>,
    /// Postal code.
    #[serde(skip_serializing_if = "Option::is_none", alias = "PostalCode")]
    pub postal_code: Option<String>,
    /// Contact first name.
    #[serde(skip_serializing_if = "Option::is_none", alias = "FirstName")]
    pub first_name: Option<String>,
    /// Contact last name.
    #[serde(skip_serializing_if = "Option::is_none", alias = "LastName")]
    pub last_name: Option<String>,
    /// Phone number.
    #[serde(skip_serializing_if = "Option::is_none", alias = "PhoneNumber")]
    pub phone_number: Option<String>,
}

/// The admin credentials of a new tenant. The password is a secret: never log it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct UserCredentials {
    /// The admin user name.
    #[serde(skip_serializing_if = "Option::is_none", alias = "UserName")]
    pub user_name: Option<String>,
    /// The admin password: a secret, never to be logged (in Rust, never printed by `Debug` or
    /// `Display`).
    #[serde(skip_serializing_if = "Option::is_none", alias = "Password")]
    pub password: Option<Secret>,
}

#[cfg(feature = "schema")]
mod schema {
    use crate::validation::{DEFAULT_REGISTRATION_NUMBER_COUNTRIES, NON_BLANK};

    /// Adds the country-dependent rule to the request schema as an `if`/`then`: when the billing
    /// address country is in the default list, the registration number and the address phone
    /// number are required and non-blank.
    pub(super) fn registration_number_rule(schema: &mut schemars::Schema) {
        let mut countries = DEFAULT_REGISTRATION_NUMBER_COUNTRIES.to_vec();
        countries.sort_unstable();
        // The same rule as `validate()` (`is_blank`), so the same characters count as blank.
        let non_blank = NON_BLANK.as_str();
        let rule = serde_json::json!({
            "description": "In the countries listed here (the default list of the current \
                documentation), companyProfile.organizationRegistrationNumber and \
                billingProfile.defaultAddress.phoneNumber are required and must not be blank.",
            "if": {
                "type": "object",
                "required": ["billingProfile"],
                "properties": { "billingProfile": {
                    "type": "object",
                    "required": ["defaultAddress"],
                    "properties": { "defaultAddress": {
                        "type": "object",
                        "required": ["country"],
                        "properties": { "country": { "type": "string", "enum": countries } }
                    } }
                } }
            },
            "then": {
                "type": "object",
                "properties": {
                    "companyProfile": {
                        "type": "object",
                        "required": ["organizationRegistrationNumber"],
                        "properties": {
                            "organizationRegistrationNumber": { "type": "string", "pattern": non_blank }
                        }
                    },
                    "billingProfile": {
                        "type": "object",
                        "properties": { "defaultAddress": {
                            "type": "object",
                            "required": ["phoneNumber"],
                            "properties": { "phoneNumber": { "type": "string", "pattern": non_blank } }
                        } }
                    }
                }
            }
        });
        if let Some(obj) = schema.as_object_mut() {
            let all_of = obj
                .entry("allOf")
                .or_insert_with(|| serde_json::Value::Array(Vec::new()));
            if let Some(list) = all_of.as_array_mut() {
                list.push(rule);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationships_are_read_in_the_services_spelling_and_unknown_ones_round_trip() {
        for (wire, known) in [
            ("none", RelationshipToPartner::None),
            ("reseller", RelationshipToPartner::Reseller),
            ("advisor", RelationshipToPartner::Advisor),
            ("syndication", RelationshipToPartner::Syndication),
            ("microsoft_support", RelationshipToPartner::MicrosoftSupport),
        ] {
            let read: Customer =
                serde_json::from_value(serde_json::json!({ "relationshipToPartner": wire }))
                    .unwrap();
            assert_eq!(read.relationship_to_partner, Some(known), "{wire}");
        }
        for unknown in ["microsoftSupport", "value_added_later"] {
            let read: Customer =
                serde_json::from_value(serde_json::json!({ "relationshipToPartner": unknown }))
                    .unwrap();
            let relationship = read.relationship_to_partner.clone().unwrap();
            assert!(!relationship.is_known(), "{unknown}");
            assert_eq!(
                serde_json::to_value(&read).unwrap()["relationshipToPartner"],
                unknown
            );
        }
    }
}
