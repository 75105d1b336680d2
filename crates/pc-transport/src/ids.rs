//! [`RequestId`] and [`CorrelationId`]: the two GUIDs every request carries.

use std::fmt;
use std::str::FromStr;

use uuid::Uuid;

macro_rules! guid_header {
    ($(#[$meta:meta])* $name:ident, $header:literal) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Uuid);

        impl $name {
            /// A new random (version 4) id.
            pub fn new_v4() -> Self {
                Self(Uuid::new_v4())
            }

            /// Wraps a [`Uuid`].
            pub const fn from_uuid(id: Uuid) -> Self {
                Self(id)
            }

            /// The wrapped [`Uuid`].
            pub const fn as_uuid(&self) -> &Uuid {
                &self.0
            }

            /// The name of the header that carries it.
            pub const HEADER: &'static str = $header;
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
            type Err = InvalidId;

            /// Parses a GUID in any form [`Uuid::parse_str`] accepts (hyphenated, simple, braced,
            /// URN), surrounding spaces ignored.
            ///
            /// # Errors
            /// [`InvalidId`] when the text is not a GUID.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s.trim())
                    .map(Self)
                    .map_err(|_| InvalidId { header: $header })
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
    };
}

guid_header!(
    /// The `MS-RequestId` of one logical operation: **the service's idempotency key**.
    ///
    /// The transport creates one per [`execute`](crate::Transport::execute) call, before the
    /// first attempt, and sends the same value on every retry of that call, so that a retried
    /// `POST` is recognisable as the same request. A caller that must retry an operation across
    /// a process restart stores the id and passes it back through
    /// [`CallOptions::request_id`](crate::CallOptions::request_id); a new operation must use a
    /// new id.
    RequestId,
    "MS-RequestId"
);

guid_header!(
    /// The `MS-CorrelationId` that ties several operations together in the service's logs. New
    /// per call unless the caller passes one (e.g. one per onboarding workflow).
    CorrelationId,
    "MS-CorrelationId"
);

/// A text that should have been a GUID was not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidId {
    header: &'static str,
}

impl fmt::Display for InvalidId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} must be a GUID such as 00000000-0000-0000-0000-000000000000",
            self.header
        )
    }
}

impl std::error::Error for InvalidId {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_any_guid_form_and_prints_hyphenated_lowercase() {
        let id: RequestId = " {626099FE-17AF-4756-9FD0-6A73B7127859} ".parse().unwrap();
        assert_eq!(id.to_string(), "626099fe-17af-4756-9fd0-6a73b7127859");
        assert_eq!(
            format!("{id:?}"),
            "RequestId(626099fe-17af-4756-9fd0-6a73b7127859)"
        );
        let err = "nope".parse::<CorrelationId>().unwrap_err();
        assert!(err.to_string().starts_with("MS-CorrelationId"), "{err}");
        assert_ne!(RequestId::new_v4(), RequestId::new_v4());
    }
}
