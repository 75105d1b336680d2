//! Open enums: a known set of values plus one variant that keeps any other value verbatim.
//!
//! Everything the service sends as an enum-like string is read into an open enum, so a value added
//! by the service later (a new qualification, a new vetting status) is kept instead of failing the
//! whole response, and writes back exactly as it came. Known values match exactly (case matters);
//! anything else becomes `Other(Unknown)`. [`Unknown`] has no public constructor: an `Other` can
//! only be made by parsing (`From<&str>`), so it never holds a known name. Text a person typed
//! (a command-line argument) is read with `parse_known` instead: a known value in any case, or an
//! error.

use std::fmt;

/// A value an open enum does not know, kept exactly as received.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Unknown(pub(crate) String);

impl Unknown {
    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Unknown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

/// Defines an open enum. Each known variant is written `Variant = "wire"`.
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal $(| $alias:literal)*, )+
        }
    ) => {
        $(#[$meta])*
        ///
        /// This is an open enum: values this version does not know are kept in `Other` and written
        /// back unchanged. Build one from text with `From<&str>`.
        #[derive(Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version does not know, kept verbatim.
            Other($crate::open_enum::Unknown),
        }

        impl $name {
            /// The known values, as written on the wire.
            pub const KNOWN: &'static [&'static str] = &[$($wire),+];

            /// The value as written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )+
                    Self::Other(other) => other.as_str(),
                }
            }

            /// Whether this is one of [`Self::KNOWN`].
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Other(_))
            }

            /// A known value from text a person typed: the wire name or a documented short
            /// name, in any case, with or without `-`, `_` or spaces between words. Unlike
            /// `From<&str>`, an unknown value is an error, not `Other`.
            ///
            /// # Errors
            /// [`UnknownName`](crate::UnknownName), listing [`Self::KNOWN`].
            pub fn parse_known(text: &str) -> Result<Self, $crate::name::UnknownName> {
                let folded = $crate::name::fold(text);
                $(
                    if folded == $crate::name::fold($wire)
                        $( || folded == $crate::name::fold($alias) )*
                    {
                        return Ok(Self::$variant);
                    }
                )+
                Err($crate::name::UnknownName::new(
                    text,
                    concat!("a known ", stringify!($name)),
                    Self::KNOWN,
                ))
            }

            fn from_known(text: &str) -> Option<Self> {
                match text {
                    $( $wire => Some(Self::$variant), )+
                    _ => None,
                }
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                Self::from_known(text)
                    .unwrap_or_else(|| Self::Other($crate::open_enum::Unknown(text.to_owned())))
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                Self::from_known(&text).unwrap_or(Self::Other($crate::open_enum::Unknown(text)))
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(text))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    $( Self::$variant => f.write_str(stringify!($variant)), )+
                    Self::Other(other) => write!(f, "Other({:?})", other.as_str()),
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl serde::de::Visitor<'_> for Visitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str("a string")
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$name, E> {
                        Ok($name::from(v))
                    }
                    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<$name, E> {
                        Ok($name::from(v))
                    }
                }
                d.deserialize_str(Visitor)
            }
        }

        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                let description = format!(
                    "Open set: one of {} today; other values may appear and must be accepted.",
                    Self::KNOWN.join(", ")
                );
                schemars::json_schema!({
                    "description": description,
                    "anyOf": [
                        { "type": "string", "enum": Self::KNOWN },
                        { "type": "string" }
                    ]
                })
            }
        }
    };
}

pub(crate) use open_enum;

#[cfg(test)]
#[allow(unreachable_pub, dead_code)]
mod tests {
    open_enum! {
        /// A test enum.
        pub enum Colour {
            /// Red.
            Red = "red",
            /// Dark blue.
            DarkBlue = "DarkBlue" | "navy",
        }
    }

    #[test]
    fn typed_text_reads_known_values_in_any_spelling_and_refuses_others() {
        for (text, colour) in [
            ("RED", Colour::Red),
            ("dark-blue", Colour::DarkBlue),
            ("dark_blue", Colour::DarkBlue),
            ("Navy", Colour::DarkBlue),
        ] {
            assert_eq!(Colour::parse_known(text).unwrap(), colour, "{text}");
        }
        let err = Colour::parse_known("green").unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"green\" is not a known Colour; use red or DarkBlue"
        );
        // The short name is for typed text only: on the wire it is an unknown value.
        assert!(!Colour::from("navy").is_known());
    }

    #[test]
    fn known_values_match_exactly_and_unknown_ones_round_trip() {
        assert_eq!(
            serde_json::from_str::<Colour>("\"red\"").unwrap(),
            Colour::Red
        );
        let v: Colour = serde_json::from_str("\"Red\"").unwrap();
        assert!(!v.is_known());
        assert_eq!(serde_json::to_string(&v).unwrap(), "\"Red\"");
        assert_eq!(format!("{v:?}"), "Other(\"Red\")");
        assert_eq!(Colour::from("DarkBlue"), Colour::DarkBlue);
        assert_eq!(Colour::DarkBlue.to_string(), "DarkBlue");
        assert!(serde_json::from_str::<Colour>("3").is_err());
    }
}
