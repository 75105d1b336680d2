//! The partner's Government Community Cloud validation codes (`GET /v1/customers/all/validations`).

use serde::{Deserialize, Serialize};

/// One GCC validation code of the partner. Its `validationId` is what a Government Community
/// Cloud qualification request sends as `validationCode`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct ValidationCode {
    /// The partner's id.
    #[serde(skip_serializing_if = "Option::is_none", alias = "PartnerId")]
    pub partner_id: Option<String>,
    /// The organization the code was issued to.
    #[serde(skip_serializing_if = "Option::is_none", alias = "OrganizationName")]
    pub organization_name: Option<String>,
    /// The code itself.
    #[serde(skip_serializing_if = "Option::is_none", alias = "ValidationId")]
    pub validation_id: Option<String>,
    /// How many customers the code may qualify in all.
    #[serde(skip_serializing_if = "Option::is_none", alias = "MaxCreates")]
    pub max_creates: Option<i64>,
    /// How many more customers the code may qualify.
    #[serde(skip_serializing_if = "Option::is_none", alias = "RemainingCreates")]
    pub remaining_creates: Option<i64>,
    /// Version tag.
    #[serde(
        rename = "eTag",
        skip_serializing_if = "Option::is_none",
        alias = "ETag",
        alias = "etag"
    )]
    pub etag: Option<String>,
}
