//! ISO 3166-1 alpha-2 country codes.
//!
//! [`CountryCode`] can only hold one of the officially assigned codes (plus `XK`, the user-assigned
//! code Microsoft uses for Kosovo), written in upper case as the service expects. Parsing is exact:
//! `us` and `USA` are refused with a message saying what is expected, so a typo is caught locally
//! instead of by the service.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Every code [`CountryCode`] accepts, sorted.
pub const ISO_3166_ALPHA2: &[&str] = &[
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "XK", "YE", "YT", "ZA", "ZM", "ZW",
];

/// An ISO 3166-1 alpha-2 country code such as `US`, checked against [`ISO_3166_ALPHA2`].
///
/// Construct it with [`CountryCode::new`] or [`str::parse`]; both fail with [`CountryCodeError`]
/// for anything that is not an assigned upper-case code.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// Checks and wraps a code.
    ///
    /// # Errors
    /// [`CountryCodeError`] when `code` is not exactly one of [`ISO_3166_ALPHA2`] (case matters).
    pub fn new(code: &str) -> Result<Self, CountryCodeError> {
        match ISO_3166_ALPHA2.binary_search(&code) {
            Ok(_) => {
                let b = code.as_bytes();
                Ok(Self([b[0], b[1]]))
            }
            Err(_) => Err(CountryCodeError {
                input: code.chars().take(16).collect(),
            }),
        }
    }

    /// The code, e.g. `"US"`.
    pub fn as_str(&self) -> &str {
        // The bytes come from `ISO_3166_ALPHA2`, which is ASCII.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    /// Every valid code, in order.
    pub fn all() -> impl Iterator<Item = CountryCode> {
        ISO_3166_ALPHA2.iter().map(|c| {
            let b = c.as_bytes();
            CountryCode([b[0], b[1]])
        })
    }
}

/// A text that is not an ISO 3166-1 alpha-2 code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryCodeError {
    input: String,
}

impl fmt::Display for CountryCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not an ISO 3166-1 alpha-2 country code (two upper-case letters such as `US`)",
            self.input
        )
    }
}

impl std::error::Error for CountryCodeError {}

impl FromStr for CountryCode {
    type Err = CountryCodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CountryCode({})", self.as_str())
    }
}

impl Serialize for CountryCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CountryCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = CountryCode;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an ISO 3166-1 alpha-2 country code such as \"US\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<CountryCode, E> {
                CountryCode::new(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for CountryCode {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CountryCode".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "ISO 3166-1 alpha-2 country code, upper case (XK for Kosovo).",
            "enum": ISO_3166_ALPHA2,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_unique_and_complete() {
        assert!(ISO_3166_ALPHA2.windows(2).all(|w| w[0] < w[1]));
        // 249 assigned codes plus XK.
        assert_eq!(ISO_3166_ALPHA2.len(), 250);
        assert!(
            ISO_3166_ALPHA2
                .iter()
                .all(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()))
        );
    }

    #[test]
    fn exact_codes_only() {
        assert_eq!(CountryCode::new("US").unwrap().as_str(), "US");
        for bad in ["us", "USA", "", "ZZ", "U", "Ü", "U\u{0}"] {
            let err = CountryCode::new(bad).unwrap_err();
            assert!(err.to_string().contains("ISO 3166-1"), "{bad}: {err}");
        }
        assert!(serde_json::from_str::<CountryCode>("\"XX\"").is_err());
        assert!(serde_json::from_str::<CountryCode>("42").is_err());
        assert_eq!(CountryCode::all().count(), 250);
    }
}
