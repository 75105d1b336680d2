//! Agreements: the metadata that names each agreement template ([`AgreementMetadata`]), the
//! confirmation that a customer accepted the Microsoft Customer Agreement
//! ([`CreateAgreementRequest`]) and the confirmed agreements the service returns ([`Agreement`]).
//!
//! [`Validate::validate_with`] takes "now" for the `dateAgreed` rule from
//! [`ValidationContext::now`]. Reading a confirmation accepts camelCase and PascalCase, treats
//! `null` as absent, reads a missing `type` as `MicrosoftCustomerAgreement`, and refuses an
//! unknown key, a key given twice or an array where an object belongs.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::collection::{Links, ResourceAttributes};
use crate::contact::contact_setters;
use crate::ids::TemplateId;
use crate::open_enum::open_enum;
use crate::strict::strict_request;
use crate::time;
use crate::validation::{
    EMAIL, NON_BLANK, Validate, ValidationContext, Violation, ViolationCode, Violations,
    request_struct,
};

open_enum! {
    /// The type of an agreement (`agreementType`, or `type` on a confirmed agreement).
    ///
    /// [`AgreementType::parse_known`] also takes the short names `mca` (Microsoft Customer
    /// Agreement) and `cloud` (Microsoft Cloud Agreement).
    pub enum AgreementType {
        /// The Microsoft Customer Agreement (MCA), the one partners confirm today.
        MicrosoftCustomerAgreement = "MicrosoftCustomerAgreement" | "mca",
        /// The older Microsoft Cloud Agreement; what `GET /v1/agreements` returns by default.
        MicrosoftCloudAgreement = "MicrosoftCloudAgreement" | "cloud",
    }
}

/// The type written in a confirmation request. Only the Microsoft Customer Agreement is confirmed
/// through this API (the service decides the type from the template id anyway).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum ConfirmedAgreementType {
    /// `MicrosoftCustomerAgreement`.
    #[default]
    MicrosoftCustomerAgreement,
}

request_struct! {
    /// The body of `POST /v1/customers/{customer-tenant-id}/agreements`: the partner confirms that
    /// the customer accepted the Microsoft Customer Agreement.
    ///
    /// Rules: contact first and last name non-blank, email valid, `templateId` a GUID, and
    /// `dateAgreed` not in the future and, in UTC, in the years 1 to 9999 (what RFC 3339 can write
    /// and the service accepts).
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[serde(remote = "Self", rename_all = "camelCase", deny_unknown_fields)]
    #[non_exhaustive]
    pub struct CreateAgreementRequest {
        /// The person in the customer's organization who accepted the agreement.
        #[serde(alias = "PrimaryContact")]
        #[validate(nested)]
        pub primary_contact: ContactRequest,
        /// The agreement template id, from the agreement metadata (`templateId` of
        /// `GET /v1/agreements?agreementType=MicrosoftCustomerAgreement`).
        #[serde(alias = "TemplateId")]
        pub template_id: TemplateId,
        /// When the customer accepted, in UTC. Must not be in the future (the service answers
        /// 600002).
        #[serde(with = "time::required", alias = "DateAgreed")]
        #[cfg_attr(feature = "schema", schemars(schema_with = "time::schema::sent"))]
        pub date_agreed: DateTime<Utc>,
        /// Always `MicrosoftCustomerAgreement`.
        #[serde(rename = "type", alias = "Type", default)]
        pub agreement_type: ConfirmedAgreementType,
    }
}

strict_request!(
    CreateAgreementRequest,
    "an agreement confirmation object",
    &[]
);

impl CreateAgreementRequest {
    /// A confirmation of the Microsoft Customer Agreement.
    pub fn new(
        primary_contact: ContactRequest,
        template_id: TemplateId,
        date_agreed: DateTime<Utc>,
    ) -> Self {
        Self {
            primary_contact,
            template_id,
            date_agreed,
            agreement_type: ConfirmedAgreementType::MicrosoftCustomerAgreement,
        }
    }
}

impl Validate for CreateAgreementRequest {
    fn validate_with(&self, ctx: &ValidationContext) -> Result<(), Violations> {
        let mut violations = Violations::new();
        violations.extend_from_field_rules(self);
        if !time::is_sendable(&self.date_agreed) {
            violations.push(Violation::new(
                "/dateAgreed",
                ViolationCode::InvalidValue,
                format!(
                    "must fall in the years {} to {} once converted to UTC (is {})",
                    time::SENDABLE_YEARS.start(),
                    time::SENDABLE_YEARS.end(),
                    time::format(&self.date_agreed)
                ),
            ));
        }
        if self.date_agreed > ctx.now {
            violations.push(Violation::new(
                "/dateAgreed",
                ViolationCode::FutureDate,
                format!(
                    "must not be in the future (is {}, now is {})",
                    time::format(&self.date_agreed),
                    time::format(&ctx.now)
                ),
            ));
        }
        violations.into_result()
    }
}

request_struct! {
    /// The contact in a confirmation request.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[serde(remote = "Self", rename_all = "camelCase", deny_unknown_fields)]
    #[non_exhaustive]
    pub struct ContactRequest {
        /// First name.
        #[serde(alias = "FirstName")]
        #[validate(regex(path = *NON_BLANK, code = "required"))]
        pub first_name: String,
        /// Last name.
        #[serde(alias = "LastName")]
        #[validate(regex(path = *NON_BLANK, code = "required"))]
        pub last_name: String,
        /// Email address.
        #[serde(alias = "Email")]
        #[validate(regex(path = *EMAIL, code = "email"))]
        pub email: String,
        /// Phone number, optional.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            alias = "PhoneNumber"
        )]
        pub phone_number: Option<String>,
    }
}

strict_request!(ContactRequest, "a contact object", &[]);

impl ContactRequest {
    /// A contact reached at `email`; set the first and last name (both required) with the
    /// `with_` methods. A name left unset is empty, and [`Validate::validate`] reports it with
    /// its JSON pointer.
    pub fn new(email: impl Into<String>) -> Self {
        Self {
            first_name: String::new(),
            last_name: String::new(),
            email: email.into(),
            phone_number: None,
        }
    }

    contact_setters!();
}

/// A contact, as returned.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct Contact {
    /// First name.
    #[serde(skip_serializing_if = "Option::is_none", alias = "FirstName")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(skip_serializing_if = "Option::is_none", alias = "LastName")]
    pub last_name: Option<String>,
    /// Email address.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Email")]
    pub email: Option<String>,
    /// Phone number.
    #[serde(skip_serializing_if = "Option::is_none", alias = "PhoneNumber")]
    pub phone_number: Option<String>,
}

impl From<&ContactRequest> for Contact {
    fn from(c: &ContactRequest) -> Self {
        Contact {
            first_name: Some(c.first_name.clone()),
            last_name: Some(c.last_name.clone()),
            email: Some(c.email.clone()),
            phone_number: c.phone_number.clone(),
        }
    }
}

/// A confirmed agreement, as returned by confirmation (`201`) and by the list.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct Agreement {
    /// The user who recorded the confirmation (set by the service).
    #[serde(skip_serializing_if = "Option::is_none", alias = "UserId")]
    pub user_id: Option<String>,
    /// The customer's contact who accepted.
    #[serde(skip_serializing_if = "Option::is_none", alias = "PrimaryContact")]
    pub primary_contact: Option<Contact>,
    /// The agreement template.
    #[serde(skip_serializing_if = "Option::is_none", alias = "TemplateId")]
    pub template_id: Option<TemplateId>,
    /// When the customer accepted.
    #[serde(
        with = "time::optional",
        skip_serializing_if = "Option::is_none",
        alias = "DateAgreed"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "time::schema::accepted_or_null")
    )]
    pub date_agreed: Option<DateTime<Utc>>,
    /// The agreement type.
    #[serde(
        rename = "type",
        skip_serializing_if = "Option::is_none",
        alias = "Type"
    )]
    pub agreement_type: Option<AgreementType>,
    /// Link to the agreement text.
    #[serde(skip_serializing_if = "Option::is_none", alias = "AgreementLink")]
    pub agreement_link: Option<String>,
    /// Links.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Links")]
    pub links: Option<Links>,
    /// Resource attributes.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Attributes")]
    pub attributes: Option<ResourceAttributes>,
}

impl Agreement {
    /// Whether this agreement records the same confirmation as `request`: same template and the
    /// same contact (first name, last name, email, phone), which is what the service treats as a
    /// duplicate (600061).
    pub fn matches(&self, request: &CreateAgreementRequest) -> bool {
        self.template_id == Some(request.template_id)
            && self.primary_contact.as_ref() == Some(&Contact::from(&request.primary_contact))
    }
}

/// One agreement template (`GET /v1/agreements`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct AgreementMetadata {
    /// The template id to confirm against.
    #[serde(skip_serializing_if = "Option::is_none", alias = "TemplateId")]
    pub template_id: Option<TemplateId>,
    /// The agreement type.
    #[serde(skip_serializing_if = "Option::is_none", alias = "AgreementType")]
    pub agreement_type: Option<AgreementType>,
    /// Link to the agreement text.
    #[serde(skip_serializing_if = "Option::is_none", alias = "AgreementLink")]
    pub agreement_link: Option<String>,
    /// Version rank: the highest is the current version.
    #[serde(skip_serializing_if = "Option::is_none", alias = "VersionRank")]
    pub version_rank: Option<i64>,
    /// Links.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Links")]
    pub links: Option<Links>,
    /// Resource attributes.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Attributes")]
    pub attributes: Option<ResourceAttributes>,
}

/// The current template of `agreement_type` among `items`: the one with the highest
/// `versionRank` (a missing rank counts as lowest). `None` when no item has that type and a
/// template id.
pub fn current_template<'a>(
    items: impl IntoIterator<Item = &'a AgreementMetadata>,
    agreement_type: &AgreementType,
) -> Option<&'a AgreementMetadata> {
    items
        .into_iter()
        .filter(|m| m.agreement_type.as_ref() == Some(agreement_type) && m.template_id.is_some())
        .max_by_key(|m| m.version_rank.unwrap_or(i64::MIN))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_that_converts_outside_the_sendable_years_is_refused_at_date_agreed() {
        let request = |date: &str| {
            crate::json::parse_request::<CreateAgreementRequest>(
                serde_json::json!({
                    "primaryContact": {"firstName": "Tania", "lastName": "Carr", "email": "t@contoso.com"},
                    "templateId": "117a77b0-9360-443b-8795-c6dedc750cf9",
                    "dateAgreed": date,
                })
                .to_string()
                .as_bytes(),
                &ValidationContext::default(),
            )
        };
        // Valid RFC 3339, but `-0001-12-31T00:01:00Z` once in UTC: the service refuses that.
        let e = request("0000-01-01T00:00:00+23:59").unwrap_err();
        let v = e.at("/dateAgreed").unwrap();
        assert_eq!(v.code, ViolationCode::InvalidValue);
        assert!(v.message.contains("years 1 to 9999"), "{e}");
        assert!(request("0001-01-01T00:00:00Z").is_ok());
        assert!(request("0001-01-01T00:30:00+01:00").is_err());
    }

    #[test]
    fn picks_the_highest_version_rank_of_the_type() {
        let meta = |t: &str, rank: Option<i64>, id: u128| AgreementMetadata {
            template_id: Some(TemplateId::new(uuid::Uuid::from_u128(id))),
            agreement_type: Some(AgreementType::from(t)),
            version_rank: rank,
            ..AgreementMetadata::default()
        };
        let items = vec![
            meta("MicrosoftCustomerAgreement", Some(1), 1),
            meta("MicrosoftCloudAgreement", Some(9), 2),
            meta("MicrosoftCustomerAgreement", Some(3), 3),
            meta("MicrosoftCustomerAgreement", None, 4),
        ];
        let got = current_template(&items, &AgreementType::MicrosoftCustomerAgreement).unwrap();
        assert_eq!(
            got.template_id,
            Some(TemplateId::new(uuid::Uuid::from_u128(3)))
        );
        assert!(
            current_template(&items[..0], &AgreementType::MicrosoftCustomerAgreement).is_none()
        );
    }
}
