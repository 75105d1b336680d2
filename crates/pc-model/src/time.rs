//! Timestamps as the service writes them, read into [`DateTime<Utc>`].
//!
//! The service and its documentation use several spellings of one instant: `2020-12-04T20:54:24Z`,
//! `2020-12-03T10:37:38.885Z`, `2021-05-06T19:59:56.6832021+00:00` (seven fractional digits) and
//! `2019-08-26T00:00:00` (no offset at all, which the service means as UTC). [`parse`] accepts all
//! of them: an optional fraction of 1 to 9 digits and either `Z`, a `±hh:mm` offset or nothing.
//!
//! We always write RFC 3339 in UTC with a `Z` and as many fractional digits as the value needs
//! (0, 3, 6 or 9), so a value read and written again denotes the same instant, though not always
//! with the same bytes.

use std::fmt;

use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};
use serde::{Deserializer, Serializer};

/// A text that is not a timestamp in one of the accepted forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampError {
    input: String,
}

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a timestamp like 2018-06-14T00:00:00Z (RFC 3339, up to 9 fractional \
             digits, offset optional and then taken as UTC)",
            self.input
        )
    }
}

impl std::error::Error for TimestampError {}

/// Parses a timestamp in any of the forms described in the [module docs](self).
///
/// # Errors
/// [`TimestampError`] when the text is not `YYYY-MM-DDThh:mm:ss`, optionally followed by `.` and
/// 1 to 9 digits, optionally followed by `Z`/`z` or an offset `±hh:mm`.
pub fn parse(text: &str) -> Result<DateTime<Utc>, TimestampError> {
    let err = || TimestampError {
        input: text.chars().take(40).collect(),
    };
    let bytes = text.as_bytes();
    // The fixed part: `YYYY-MM-DDThh:mm:ss`.
    if bytes.len() < 19 || !bytes.is_ascii() {
        return Err(err());
    }
    let mut end = 19;
    if bytes.get(end) == Some(&b'.') {
        let digits = bytes[end + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 || digits > 9 {
            return Err(err());
        }
        end += 1 + digits;
    }
    let rest = &text[end..];
    if rest.is_empty() {
        let naive =
            NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f").map_err(|_| err())?;
        return Ok(naive.and_utc());
    }
    let offset_ok = rest.eq_ignore_ascii_case("z")
        || (rest.len() == 6
            && matches!(rest.as_bytes()[0], b'+' | b'-')
            && rest.as_bytes()[3] == b':');
    if !offset_ok {
        return Err(err());
    }
    DateTime::parse_from_rfc3339(text)
        .map(|dt| dt.with_timezone(&Utc))
        .map_err(|_| err())
}

/// The years a timestamp we send may fall in, in UTC: RFC 3339 writes four-digit years, and the
/// service refuses the negative or five-digit years `chrono` would write outside this range.
pub const SENDABLE_YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

/// Whether [`format()`] writes `value` in a form the service accepts: a year in
/// [`SENDABLE_YEARS`]. `0000-01-01T00:00:00+23:59` parses, but is `-0001-12-31T00:01:00Z` in UTC.
pub fn is_sendable(value: &DateTime<Utc>) -> bool {
    use chrono::Datelike;
    SENDABLE_YEARS.contains(&value.year())
}

/// Formats a timestamp the way we send it: RFC 3339, UTC, `Z`.
pub fn format(value: &DateTime<Utc>) -> String {
    value.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

struct Visitor;

impl serde::de::Visitor<'_> for Visitor {
    type Value = DateTime<Utc>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a timestamp such as \"2018-06-14T00:00:00Z\"")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        parse(v).map_err(E::custom)
    }
}

/// `#[serde(with = "crate::time::required")]` for a `DateTime<Utc>` field.
pub(crate) mod required {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(v: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format(v))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        d.deserialize_str(Visitor)
    }
}

/// `#[serde(with = "crate::time::optional")]` for an `Option<DateTime<Utc>>` field (null or absent
/// is `None`).
pub(crate) mod optional {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(
        v: &Option<DateTime<Utc>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => s.serialize_str(&format(v)),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        struct OptVisitor;
        impl<'de> serde::de::Visitor<'de> for OptVisitor {
            type Value = Option<DateTime<Utc>>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a timestamp or null")
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_str(Visitor).map(Some)
            }
        }
        d.deserialize_option(OptVisitor)
    }
}

/// Schemas for timestamp fields (used through `#[schemars(schema_with = ...)]`).
#[cfg(feature = "schema")]
pub(crate) mod schema {
    /// What we send: a strict RFC 3339 date-time.
    pub(crate) fn sent(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date-time",
            "description": "UTC timestamp in RFC 3339 form, e.g. 2018-06-14T00:00:00Z."
        })
    }

    /// What we accept, or `null`: RFC 3339, up to nine fractional digits, offset optional (then UTC).
    pub(crate) fn accepted_or_null(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": ["string", "null"],
            "pattern": PATTERN,
            "description": "Timestamp: YYYY-MM-DDThh:mm:ss, optional fraction of 1 to 9 digits, then Z, an offset \u{b1}hh:mm, or nothing (taken as UTC)."
        })
    }

    const PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})?$";
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn accepts_every_documented_spelling() {
        let cases = [
            (
                "2020-12-04T20:54:24Z",
                Utc.with_ymd_and_hms(2020, 12, 4, 20, 54, 24).unwrap(),
            ),
            (
                "2019-08-26T00:00:00",
                Utc.with_ymd_and_hms(2019, 8, 26, 0, 0, 0).unwrap(),
            ),
            (
                "2020-12-03T10:37:38.885Z",
                Utc.with_ymd_and_hms(2020, 12, 3, 10, 37, 38).unwrap()
                    + chrono::Duration::milliseconds(885),
            ),
            (
                "2021-05-06T19:59:56.6832021+00:00",
                Utc.with_ymd_and_hms(2021, 5, 6, 19, 59, 56).unwrap()
                    + chrono::Duration::nanoseconds(683_202_100),
            ),
            (
                "2021-05-06T21:59:56.123456789+02:00",
                Utc.with_ymd_and_hms(2021, 5, 6, 19, 59, 56).unwrap()
                    + chrono::Duration::nanoseconds(123_456_789),
            ),
            (
                "2018-06-14T00:00:00.000Z",
                Utc.with_ymd_and_hms(2018, 6, 14, 0, 0, 0).unwrap(),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(parse(text).unwrap(), expected, "{text}");
        }
    }

    #[test]
    fn refuses_malformed_input() {
        for bad in [
            "",
            "2020-12-04",
            "2020-12-04T20:54",
            "2020-12-04T20:54:24.Z",
            "2020-12-04T20:54:24.1234567890Z",
            "2020-12-04T20:54:24+0000",
            "2020-12-04T20:54:24 UTC",
            "2020-13-04T20:54:24Z",
            "2020-12-04T20:54:24Zjunk",
            "２０２０-12-04T20:54:24Z",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn writes_utc_with_z() {
        let t = parse("2021-05-06T21:59:56.5+02:00").unwrap();
        assert_eq!(format(&t), "2021-05-06T19:59:56.500Z");
        assert_eq!(
            format(&parse("2019-08-26T00:00:00").unwrap()),
            "2019-08-26T00:00:00Z"
        );
    }
}
