//! The `filter` of a customer search (`GET /v1/customers?filter=…`): the JSON object
//! `{"Field":"Domain","Value":"contoso","Operator":"starts_with"}`, sent URL-encoded in the query.
//!
//! Microsoft's "get a list of customers by company name or domain" page documents the three
//! keys, the fields `Domain` and `CompanyName` and the operator `starts_with`. It does not say
//! what the service does with other keys or spellings: this type reads only the documented form
//! (unknown or repeated keys are refused, naming the key), as the request bodies do.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::validation::{Validate, ValidationContext, Violation, ViolationCode, Violations};

/// What a customer search compares the value with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum CustomerFilterField {
    /// The customer's domain, e.g. `contoso.onmicrosoft.com`.
    Domain,
    /// The customer's company name.
    CompanyName,
}

/// How a customer search compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum FilterOperator {
    /// The field starts with the value, ignoring case.
    #[serde(rename = "starts_with")]
    StartsWith,
}

/// A customer search filter.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CustomerFilter {
    /// The field compared.
    #[serde(rename = "Field")]
    pub field: CustomerFilterField,
    /// The prefix looked for: not empty, not only whitespace.
    #[serde(rename = "Value")]
    #[cfg_attr(
        feature = "schema",
        schemars(length(min = 1), regex(pattern = *crate::validation::NON_BLANK))
    )]
    pub value: String,
    /// The comparison.
    #[serde(rename = "Operator")]
    pub operator: FilterOperator,
}

impl CustomerFilter {
    /// Customers whose domain starts with `prefix`.
    pub fn domain_prefix(prefix: impl Into<String>) -> Self {
        Self {
            field: CustomerFilterField::Domain,
            value: prefix.into(),
            operator: FilterOperator::StartsWith,
        }
    }

    /// Reads a `filter` query value.
    ///
    /// # Errors
    /// Violations with JSON pointers: text that is not a JSON object, a missing, unknown or
    /// repeated key, a field or operator other than the documented ones, a blank value.
    pub fn parse(text: &str) -> Result<Self, Violations> {
        crate::json::parse_request(text.as_bytes(), &ValidationContext::default())
    }

    /// Whether `text` (a domain or company name) passes the filter: it starts with the value,
    /// ignoring case.
    pub fn matches(&self, text: &str) -> bool {
        match self.operator {
            FilterOperator::StartsWith => {
                text.to_lowercase().starts_with(&self.value.to_lowercase())
            }
        }
    }
}

impl Validate for CustomerFilter {
    fn validate_with(&self, _ctx: &ValidationContext) -> Result<(), Violations> {
        if crate::validation::is_blank(&self.value) {
            return Err(Violation::new(
                "/Value",
                ViolationCode::Required,
                "must be a non-empty prefix",
            )
            .into());
        }
        Ok(())
    }
}

/// The JSON text, as sent in the query (before URL encoding).
impl fmt::Display for CustomerFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = serde_json::to_string(self).map_err(|_| fmt::Error)?;
        f.write_str(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_reads_the_documented_form() {
        let filter = CustomerFilter::domain_prefix("contoso");
        let text = filter.to_string();
        assert_eq!(
            text,
            r#"{"Field":"Domain","Value":"contoso","Operator":"starts_with"}"#
        );
        assert_eq!(CustomerFilter::parse(&text).unwrap(), filter);
        assert!(filter.matches("Contoso.onmicrosoft.com"));
        assert!(!filter.matches("fabrikam.onmicrosoft.com"));
        let by_name = CustomerFilter::parse(
            r#"{"Field":"CompanyName","Value":"W","Operator":"starts_with"}"#,
        )
        .unwrap();
        assert_eq!(by_name.field, CustomerFilterField::CompanyName);
    }

    #[test]
    fn refuses_anything_else_naming_the_key() {
        for (text, pointer) in [
            ("nope", ""),
            ("[]", ""),
            (
                r#"{"Field":"Email","Value":"a","Operator":"starts_with"}"#,
                "/Field",
            ),
            (
                r#"{"Field":"Domain","Value":"a","Operator":"equals"}"#,
                "/Operator",
            ),
            (
                r#"{"Field":"Domain","Value":" ","Operator":"starts_with"}"#,
                "/Value",
            ),
            (r#"{"Field":"Domain","Operator":"starts_with"}"#, "/Value"),
            (
                r#"{"Field":"Domain","Value":"a","Operator":"starts_with","Extra":1}"#,
                "/Extra",
            ),
            (
                r#"{"field":"Domain","Value":"a","Operator":"starts_with"}"#,
                "/field",
            ),
        ] {
            let violations = CustomerFilter::parse(text).expect_err(text);
            let first = violations.iter().next().expect(text);
            assert_eq!(first.pointer, pointer, "{text}: {violations}");
        }
    }
}
