//! The bodies of the service's error responses.
//!
//! Most errors come as [`ServiceError`] (`{code, description, data, source}`, and in newer
//! answers also `message, errorName, isRetryable, parameters, errorMessageExtended`); throttling
//! (`429`) comes as [`ThrottlingError`] (`{statusCode, message}`). Both keep unknown fields.
//! [`ErrorBody::parse`] tells them apart and never fails: an empty or non-JSON body is kept raw.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// Error codes worth naming. Numeric codes are not unique across operations: 600002 means one
/// thing on create customer and another on agreements.
pub mod codes {
    /// Create customer: registration number not supported; agreements: date in the future.
    pub const INVALID_FOR_OPERATION: &str = "600002";
    /// Action not allowed.
    pub const ACTION_NOT_ALLOWED: &str = "600006";
    /// Organization registration number missing.
    pub const REGISTRATION_NUMBER_MISSING: &str = "600049";
    /// Organization registration number has the wrong format (the message has the pattern).
    pub const REGISTRATION_NUMBER_FORMAT: &str = "600050";
    /// Address phone number missing.
    pub const PHONE_NUMBER_MISSING: &str = "600051";
    /// A partner-confirmed agreement with the same contact already exists.
    pub const AGREEMENT_EXISTS: &str = "600061";
    /// Tenant not found.
    pub const TENANT_NOT_FOUND: &str = "60003";
    /// Invalid input.
    pub const INVALID_INPUT: &str = "800002";
    /// Unexpected service error.
    pub const UNEXPECTED: &str = "800003";
    /// Not a valid indirect reseller of the partner.
    pub const NOT_AN_INDIRECT_RESELLER: &str = "800016";
    /// Microsoft Partner Agreement not accepted.
    pub const MPA_NOT_ACCEPTED: &str = "900123";
    /// Microsoft Partner Agreement not accepted (variant).
    pub const MPA_NOT_ACCEPTED_2: &str = "900124";
}

/// An error `code`, which the service sends as a string or as a number. Compared and shown as
/// text; written back in the form it came in.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ErrorCode {
    text: String,
    numeric: bool,
}

impl ErrorCode {
    /// A code sent as text.
    pub fn text(code: impl Into<String>) -> Self {
        Self {
            text: code.into(),
            numeric: false,
        }
    }

    /// A code sent as a number.
    pub fn number(code: i64) -> Self {
        Self {
            text: code.to_string(),
            numeric: true,
        }
    }

    /// The code as text, e.g. `"600061"`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The code as a number, when it is one.
    pub fn as_i64(&self) -> Option<i64> {
        self.text.parse().ok()
    }

    /// Whether the code arrived as a JSON number.
    pub fn was_number(&self) -> bool {
        self.numeric
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ErrorCode({})", self.text)
    }
}

impl PartialEq<str> for ErrorCode {
    fn eq(&self, other: &str) -> bool {
        self.text == other
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.numeric
            && let Ok(n) = self.text.parse::<serde_json::Number>()
        {
            return n.serialize(s);
        }
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::String(text) => Ok(Self {
                text,
                numeric: false,
            }),
            Value::Number(n) => Ok(Self {
                text: n.to_string(),
                numeric: true,
            }),
            other => Err(serde::de::Error::custom(format!(
                "an error code must be a string or a number, not {}",
                json_kind(&other)
            ))),
        }
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for ErrorCode {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ErrorCode".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // A code is read from any JSON string or number (`anyOf` rather than a type list, which
        // ajv's strict mode refuses for more than one non-null type).
        schemars::json_schema!({
            "anyOf": [{ "type": "string" }, { "type": "number" }],
            "description": "The error code, as a string (error-codes page) or a number (600061 example)."
        })
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The usual error body. Every field may be absent; unknown fields are accepted (in Rust, kept
/// in `extra` and written back).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct ServiceError {
    /// The error code, e.g. `600061`.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Code")]
    pub code: Option<ErrorCode>,
    /// What went wrong.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Description")]
    pub description: Option<String>,
    /// A message (newer bodies; often the same as the description).
    #[serde(skip_serializing_if = "Option::is_none", alias = "Message")]
    pub message: Option<String>,
    /// The error's name, e.g. `PartnerConfirmedAgreementAlreadyExists`.
    #[serde(skip_serializing_if = "Option::is_none", alias = "ErrorName")]
    pub error_name: Option<String>,
    /// Whether repeating the request may succeed. `false` forbids a retry.
    #[serde(skip_serializing_if = "Option::is_none", alias = "IsRetryable")]
    pub is_retryable: Option<bool>,
    /// Parameters of the error.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Parameters")]
    pub parameters: Option<Value>,
    /// More detail, e.g. `InternalErrorCode=600061`.
    #[serde(
        skip_serializing_if = "Option::is_none",
        alias = "ErrorMessageExtended"
    )]
    pub error_message_extended: Option<String>,
    /// Extra data, usually a list of strings.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Data")]
    pub data: Option<Value>,
    /// Where the error came from.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Source")]
    pub source: Option<String>,
    /// Fields this version does not know.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub extra: Map<String, Value>,
}

impl ServiceError {
    /// A body with a code and a description, as the emulator and tests build them.
    pub fn new(code: impl Into<String>, description: impl Into<String>) -> Self {
        let description = description.into();
        Self {
            code: Some(ErrorCode::text(code)),
            message: Some(description.clone()),
            description: Some(description),
            ..Self::default()
        }
    }

    /// Whether the code is `code` (compared as text, whatever form it came in).
    pub fn has_code(&self, code: &str) -> bool {
        self.code.as_ref().is_some_and(|c| c.as_str() == code)
    }

    /// The best human text: description, else message, else the error name.
    pub fn text(&self) -> Option<&str> {
        self.description
            .as_deref()
            .or(self.message.as_deref())
            .or(self.error_name.as_deref())
    }
}

/// The throttling body sent with `429`: `{"statusCode":429,"message":"Rate limit is exceeded.
/// Try again in 57 seconds."}`. Unknown fields are kept.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct ThrottlingError {
    /// The HTTP status, 429.
    #[serde(skip_serializing_if = "Option::is_none", alias = "StatusCode")]
    pub status_code: Option<u16>,
    /// What happened and when to try again.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Message")]
    pub message: Option<String>,
    /// Fields this version does not know.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub extra: Map<String, Value>,
}

impl ThrottlingError {
    /// The wait the message asks for ("Try again in N seconds"), if it says one.
    pub fn retry_after_seconds(&self) -> Option<u64> {
        retry_after_from_message(self.message.as_deref()?)
    }
}

/// Reads "Try again in N second(s)" (case-insensitive) out of a throttling message.
pub(crate) fn retry_after_from_message(message: &str) -> Option<u64> {
    let lower = message.to_ascii_lowercase();
    let start = lower.find("try again in")? + "try again in".len();
    let rest = lower[start..].trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after = rest[digits.len()..].trim_start();
    if after.starts_with("second") {
        digits.parse().ok()
    } else {
        None
    }
}

/// An error response body, whatever its shape.
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorBody {
    /// The usual error body.
    Service(ServiceError),
    /// The throttling body.
    Throttling(ThrottlingError),
    /// Empty, not JSON, or JSON of another shape; the text is kept (lossily decoded as UTF-8).
    Raw(String),
}

impl ErrorBody {
    /// Reads an error body. Never fails: a body that is neither known shape is kept raw.
    pub fn parse(bytes: &[u8]) -> Self {
        match serde_json::from_slice::<Value>(bytes) {
            Ok(Value::Object(map)) => {
                let is_throttling = (map.contains_key("statusCode")
                    || map.contains_key("StatusCode"))
                    && !map.contains_key("code")
                    && !map.contains_key("Code");
                let value = Value::Object(map);
                if is_throttling {
                    if let Ok(t) = serde_json::from_value(value.clone()) {
                        return Self::Throttling(t);
                    }
                } else if let Ok(e) = serde_json::from_value(value.clone()) {
                    return Self::Service(e);
                }
                Self::Raw(value.to_string())
            }
            _ => Self::Raw(String::from_utf8_lossy(bytes).into_owned()),
        }
    }

    /// The service error, when the body is one.
    pub fn service(&self) -> Option<&ServiceError> {
        match self {
            Self::Service(e) => Some(e),
            _ => None,
        }
    }

    /// The error code as text, when there is one.
    pub fn code(&self) -> Option<&str> {
        self.service()
            .and_then(|e| e.code.as_ref())
            .map(ErrorCode::as_str)
    }

    /// The best human text of the body.
    pub fn text(&self) -> Option<&str> {
        match self {
            Self::Service(e) => e.text(),
            Self::Throttling(t) => t.message.as_deref(),
            Self::Raw(s) if s.trim().is_empty() => None,
            Self::Raw(s) => Some(s),
        }
    }

    /// `isRetryable` of a service error, when the body says.
    pub fn is_retryable(&self) -> Option<bool> {
        self.service().and_then(|e| e.is_retryable)
    }

    /// The wait a throttling body asks for, in seconds.
    pub fn retry_after_seconds(&self) -> Option<u64> {
        match self {
            Self::Throttling(t) => t.retry_after_seconds(),
            Self::Service(e) => e.text().and_then(retry_after_from_message),
            Self::Raw(s) => retry_after_from_message(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_as_number_or_string() {
        let a: ServiceError = serde_json::from_str(r#"{"code":600061}"#).unwrap();
        let b: ServiceError = serde_json::from_str(r#"{"code":"600061"}"#).unwrap();
        assert!(a.has_code(codes::AGREEMENT_EXISTS) && b.has_code("600061"));
        assert_eq!(serde_json::to_string(&a).unwrap(), r#"{"code":600061}"#);
        assert_eq!(serde_json::to_string(&b).unwrap(), r#"{"code":"600061"}"#);
        assert!(serde_json::from_str::<ServiceError>(r#"{"code":[1]}"#).is_err());
    }

    #[test]
    fn unknown_fields_are_kept() {
        let e: ServiceError = serde_json::from_str(r#"{"code":"1","traceId":"abc"}"#).unwrap();
        assert_eq!(e.extra["traceId"], "abc");
        assert_eq!(serde_json::to_value(&e).unwrap()["traceId"], "abc");
    }

    #[test]
    fn parse_tells_shapes_apart_and_never_fails() {
        let t = ErrorBody::parse(br#"{ "statusCode": 429, "message": "Rate limit is exceeded. Try again in 57 seconds." }"#);
        assert_eq!(t.retry_after_seconds(), Some(57));
        assert!(matches!(t, ErrorBody::Throttling(_)));
        let s = ErrorBody::parse(br#"{"code":600061,"isRetryable":false}"#);
        assert_eq!(s.code(), Some("600061"));
        assert_eq!(s.is_retryable(), Some(false));
        assert_eq!(ErrorBody::parse(b""), ErrorBody::Raw(String::new()));
        assert_eq!(
            ErrorBody::parse(b"<html>oops</html>").text(),
            Some("<html>oops</html>")
        );
        assert!(matches!(
            ErrorBody::parse(br#"{"code":{"x":1}}"#),
            ErrorBody::Raw(_)
        ));
        assert!(matches!(ErrorBody::parse(&[0xff, 0xfe]), ErrorBody::Raw(_)));
    }

    #[test]
    fn retry_after_message() {
        assert_eq!(retry_after_from_message("Try again in 1 second."), Some(1));
        assert_eq!(
            retry_after_from_message("try again in  30 seconds"),
            Some(30)
        );
        assert_eq!(retry_after_from_message("Try again later"), None);
        assert_eq!(
            retry_after_from_message("Try again in 99999999999999999999999 seconds"),
            None
        );
    }
}
