//! [`Row`]: one customer to onboard, and the [`Step`]s that onboard it.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use pc_model::{
    ContactRequest, CreateAgreementRequest, CreateCustomerRequest, CreateQualificationRequest,
    TemplateId, Validate, ValidationContext, Violations,
};
use serde::{Deserialize, Serialize};

/// One customer to onboard: the create-customer body (with `associatedPartnerId` for a
/// reseller's customer), and optionally the Microsoft Customer Agreement confirmation and a
/// qualification request.
///
/// Its serialized form (camelCase, absent fields left out) is the JSON Lines input format and the
/// row's [fingerprint](Self::fingerprint) in the journal.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Row {
    /// The create-customer body.
    pub customer: CreateCustomerRequest,
    /// The agreement confirmation; the template id is looked up once per run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agreement: Option<AgreementInput>,
    /// The qualification to request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualification: Option<CreateQualificationRequest>,
}

impl Row {
    /// A row that only creates the customer.
    pub fn new(customer: CreateCustomerRequest) -> Self {
        Self {
            customer,
            agreement: None,
            qualification: None,
        }
    }

    /// Also confirms the Microsoft Customer Agreement.
    pub fn with_agreement(mut self, agreement: AgreementInput) -> Self {
        self.agreement = Some(agreement);
        self
    }

    /// Also requests a qualification.
    pub fn with_qualification(mut self, qualification: CreateQualificationRequest) -> Self {
        self.qualification = Some(qualification);
        self
    }

    /// The new customer's domain, as written.
    pub fn domain(&self) -> &str {
        &self.customer.company_profile.domain
    }

    /// The row's key in the journal: the domain in lower case (domains are unique regardless of
    /// case, in the service and in an input file).
    pub fn key(&self) -> String {
        self.domain().to_ascii_lowercase()
    }

    /// The row's canonical JSON: the same row always gives the same text, whatever its input
    /// format or spelling (PascalCase, key order, spacing). The journal keeps it to notice a row
    /// that changed between runs.
    pub fn fingerprint(&self) -> String {
        // Serializing plain structs, strings and enums cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The steps that onboard this row, in order; [`Step::Vetting`] only when `wait_vetting` and
    /// the row asks for a qualification.
    pub fn steps(&self, wait_vetting: bool) -> Vec<Step> {
        let mut steps = vec![Step::Domain, Step::Customer, Step::Readable];
        if self.agreement.is_some() {
            steps.push(Step::Agreement);
        }
        if self.qualification.is_some() {
            steps.push(Step::Qualification);
            if wait_vetting {
                steps.push(Step::Vetting);
            }
        }
        steps
    }
}

impl Validate for Row {
    /// Every rule of every part, with pointers from the row's root (`/customer/…`,
    /// `/agreement/…`, `/qualification/…`).
    fn validate_with(&self, ctx: &ValidationContext) -> Result<(), Violations> {
        let mut all = Violations::new();
        let mut add = |prefix: &str, result: Result<(), Violations>| {
            if let Err(violations) = result {
                push_prefixed(&mut all, prefix, violations);
            }
        };
        add("/customer", self.customer.validate_with(ctx));
        if let Some(a) = &self.agreement {
            add("/agreement", a.validate_with(ctx));
        }
        if let Some(q) = &self.qualification {
            add("/qualification", q.validate_with(ctx));
        }
        all.into_result()
    }
}

/// Adds `violations` to `all` with `prefix` in front of each pointer.
pub(crate) fn push_prefixed(all: &mut Violations, prefix: &str, violations: Violations) {
    for mut v in violations {
        v.pointer = format!("{prefix}{}", v.pointer);
        all.push(v);
    }
}

/// The agreement part of a row: who accepted the Microsoft Customer Agreement, and when. The
/// template id is not part of the input: it is the current one, fetched once per run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AgreementInput {
    /// The customer's contact who accepted.
    #[serde(alias = "PrimaryContact")]
    pub primary_contact: ContactRequest,
    /// When they accepted (RFC 3339; not in the future).
    #[serde(alias = "DateAgreed", with = "timestamp")]
    pub date_agreed: DateTime<Utc>,
}

impl AgreementInput {
    /// A confirmation by `primary_contact` at `date_agreed`.
    pub fn new(primary_contact: ContactRequest, date_agreed: DateTime<Utc>) -> Self {
        Self {
            primary_contact,
            date_agreed,
        }
    }

    /// The confirmation request for the given template.
    pub fn request(&self, template: TemplateId) -> CreateAgreementRequest {
        CreateAgreementRequest::new(self.primary_contact.clone(), template, self.date_agreed)
    }
}

impl Validate for AgreementInput {
    /// The rules of the confirmation request itself (contact, email, date not in the future).
    fn validate_with(&self, ctx: &ValidationContext) -> Result<(), Violations> {
        self.request(TemplateId::new(uuid::Uuid::nil()))
            .validate_with(ctx)
    }
}

/// `dateAgreed` read with every spelling the service accepts, written as RFC 3339 UTC.
mod timestamp {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(v: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&pc_model::time::format(v))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let text = String::deserialize(d)?;
        pc_model::time::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// One step of onboarding a row, in the order they run.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Step {
    /// Check that the domain is free (`HEAD /v1/domains/{domain}`).
    Domain,
    /// Create the customer (`POST /v1/customers`): the write that must never happen twice.
    Customer,
    /// Wait until the new customer can be read (the service may answer `404` for a while).
    Readable,
    /// Confirm the Microsoft Customer Agreement.
    Agreement,
    /// Request the qualification.
    Qualification,
    /// Wait for the qualification's vetting to finish (`--wait-vetting`).
    Vetting,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 6] = [
        Step::Domain,
        Step::Customer,
        Step::Readable,
        Step::Agreement,
        Step::Qualification,
        Step::Vetting,
    ];

    /// The step's name in the journal, events and reports: `domain`, `customer`, `readable`,
    /// `agreement`, `qualification`, `vetting`.
    pub fn name(self) -> &'static str {
        match self {
            Step::Domain => "domain",
            Step::Customer => "customer",
            Step::Readable => "readable",
            Step::Agreement => "agreement",
            Step::Qualification => "qualification",
            Step::Vetting => "vetting",
        }
    }

    /// Whether the step changes something at the service (so a resumed one is read back after a
    /// failure, and a row whose input changed after it started is refused).
    pub fn is_write(self) -> bool {
        matches!(self, Step::Customer | Step::Agreement | Step::Qualification)
    }

    /// Whether the step sends one identified request whose `MS-RequestId` is journaled before it
    /// is sent (the waits send several reads, each with its own id).
    pub fn has_request_id(self) -> bool {
        !matches!(self, Step::Readable | Step::Vetting)
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A step name that is not one of [`Step::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an onboarding step")]
pub struct UnknownStep(pub String);

impl FromStr for Step {
    type Err = UnknownStep;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Step::ALL
            .into_iter()
            .find(|step| step.name() == s)
            .ok_or_else(|| UnknownStep(s.chars().take(40).collect()))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn step_names_round_trip() {
        for step in Step::ALL {
            assert_eq!(step.name().parse::<Step>().unwrap(), step);
            assert_eq!(
                serde_json::to_string(&step).unwrap(),
                format!("\"{}\"", step.name())
            );
        }
        assert!("Domain".parse::<Step>().is_err());
    }
}
