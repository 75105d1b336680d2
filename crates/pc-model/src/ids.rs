//! Identifiers as newtypes over [`Uuid`], so that a reseller id cannot be passed where a customer
//! id is expected: tenant and template ids from the bodies, and the request and correlation ids
//! every request carries in its headers.
//!
//! Each id serializes as the hyphenated lowercase GUID string the service uses, parses from any
//! form [`Uuid::parse_str`] accepts (hyphenated, simple, braced, URN) and fails with a clear error
//! otherwise.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! uuid_id {
    ($(#[$meta:meta])* $name:ident, $what:literal) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// Wraps a [`Uuid`].
            pub const fn new(id: Uuid) -> Self {
                Self(id)
            }

            /// Wraps a [`Uuid`] (the same as [`new`](Self::new)).
            pub const fn from_uuid(id: Uuid) -> Self {
                Self(id)
            }

            /// A new random (version 4) id; useful in tests and in the emulator.
            pub fn new_v4() -> Self {
                Self(Uuid::new_v4())
            }

            /// The wrapped [`Uuid`].
            pub const fn as_uuid(&self) -> &Uuid {
                &self.0
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl FromStr for $name {
            type Err = IdError;

            /// Parses a GUID in any form [`Uuid::parse_str`] accepts (hyphenated, simple, braced,
            /// URN), surrounding spaces ignored; fails with [`IdError`] naming the kind of id when
            /// the text is not one.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s.trim()).map(Self).map_err(|_| IdError { what: $what })
            }
        }

        impl fmt::Display for $name {
            /// The hyphenated lowercase form sent on the wire.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0.hyphenated(), f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({})"), self.0.hyphenated())
            }
        }

        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn inline_schema() -> bool {
                true
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "format": "uuid",
                    "description": concat!("The ", $what, " (a GUID).")
                })
            }
        }
    };
}

uuid_id!(
    /// The tenant id of a customer (`customer-tenant-id` in paths, `id` and
    /// `companyProfile.tenantId` in the customer resource).
    CustomerTenantId,
    "customer tenant id"
);
uuid_id!(
    /// The tenant id of an indirect reseller (`associatedPartnerId`).
    ResellerTenantId,
    "reseller tenant id"
);
uuid_id!(
    /// The id of an agreement template (`templateId`), learned from agreement metadata.
    TemplateId,
    "agreement template id"
);
uuid_id!(
    /// The `MS-RequestId` of one logical operation: **the service's idempotency key**.
    ///
    /// Create one per operation, before its first attempt, and send the same value on every
    /// retry of that operation, so that a retried `POST` is recognisable as the same request; a
    /// new operation needs a new id. To retry an operation across a process restart, store the id
    /// and send it again.
    RequestId,
    "MS-RequestId"
);
uuid_id!(
    /// The `MS-CorrelationId` that ties several operations together in the service's logs: new
    /// per operation, or one for a whole workflow.
    CorrelationId,
    "MS-CorrelationId"
);

/// A text that should have been a GUID was not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdError {
    what: &'static str,
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} must be a GUID such as 00000000-0000-0000-0000-000000000000",
            self.what
        )
    }
}

impl std::error::Error for IdError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_hyphenated_lowercase() {
        let id: CustomerTenantId = "{626099FE-17AF-4756-9FD0-6A73B7127859}".parse().unwrap();
        assert_eq!(id.to_string(), "626099fe-17af-4756-9fd0-6a73b7127859");
        assert_eq!(
            serde_json::to_string(&id).unwrap(),
            "\"626099fe-17af-4756-9fd0-6a73b7127859\""
        );
    }

    #[test]
    fn rejects_non_guid_with_the_kind_of_id() {
        let err = "contoso".parse::<ResellerTenantId>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "reseller tenant id must be a GUID such as 00000000-0000-0000-0000-000000000000"
        );
        let err = "x".parse::<RequestId>().unwrap_err();
        assert!(
            err.to_string().starts_with("MS-RequestId must be a GUID"),
            "{err}"
        );
        assert!(serde_json::from_str::<TemplateId>("\"x\"").is_err());
    }
}
