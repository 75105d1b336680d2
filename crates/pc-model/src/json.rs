//! Reading JSON with errors that name the failing field by its JSON pointer.
//!
//! [`from_slice`] decodes at full speed and, only when decoding fails, decodes again while
//! tracking the path, so a successful decode pays nothing for the better error.
//! [`parse_request`] adds local validation on top: what a server or a command line needs to
//! answer "is this body acceptable, and if not, where is it wrong".

use std::borrow::Cow;
use std::fmt;

use serde::de::DeserializeOwned;

use crate::validation::{Validate, ValidationContext, Violation, ViolationCode, Violations};

/// What kind of decode failure happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// Not well-formed JSON (including a body cut short).
    Syntax,
    /// Well-formed JSON with a field missing.
    MissingField,
    /// Well-formed JSON with a value of the wrong type.
    InvalidType,
    /// Well-formed JSON with a value that is not allowed.
    InvalidValue,
    /// A key the object does not take (in a request body).
    UnknownField,
    /// A key given twice in one object (in a request body).
    DuplicateField,
}

/// A body that could not be decoded into the expected type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pointer: String,
    message: String,
    line: usize,
    column: usize,
    kind: DecodeErrorKind,
}

impl DecodeError {
    /// A decode error about a value found well-formed but unusable (no position in the input).
    pub(crate) fn new(pointer: &str, message: &str, kind: DecodeErrorKind) -> Self {
        Self {
            pointer: pointer.to_owned(),
            message: message.to_owned(),
            line: 0,
            column: 0,
            kind,
        }
    }

    /// JSON pointer of the failing value (for a missing field: the field itself).
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// What is wrong, without the position.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// 1-based line of the failure in the input (0 when unknown).
    pub fn line(&self) -> usize {
        self.line
    }

    /// 1-based column of the failure in the input (0 when unknown).
    pub fn column(&self) -> usize {
        self.column
    }

    /// The kind of failure.
    pub fn kind(&self) -> DecodeErrorKind {
        self.kind
    }

    /// Whether the input is not JSON at all (as opposed to JSON of the wrong shape).
    pub fn is_syntax(&self) -> bool {
        self.kind == DecodeErrorKind::Syntax
    }

    /// The failure as a validation [`Violation`].
    pub fn to_violation(&self) -> Violation {
        let code = match self.kind {
            DecodeErrorKind::Syntax => ViolationCode::Syntax,
            DecodeErrorKind::MissingField => ViolationCode::Required,
            DecodeErrorKind::InvalidType => ViolationCode::InvalidType,
            DecodeErrorKind::InvalidValue => ViolationCode::InvalidValue,
            DecodeErrorKind::UnknownField => ViolationCode::UnknownField,
            DecodeErrorKind::DuplicateField => ViolationCode::DuplicateField,
        };
        let message = match self.kind {
            DecodeErrorKind::Syntax => {
                format!(
                    "{} (line {}, column {})",
                    self.message, self.line, self.column
                )
            }
            _ => self.message.clone(),
        };
        Violation::new(self.pointer.clone(), code, message)
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(
            f,
            "{pointer}: {} (line {}, column {})",
            self.message, self.line, self.column
        )
    }
}

impl std::error::Error for DecodeError {}

/// Decodes `bytes` into `T`.
///
/// # Errors
/// [`DecodeError`] with the JSON pointer, line and column of the first problem.
pub fn from_slice<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeError> {
    match serde_json::from_slice(bytes) {
        Ok(value) => Ok(value),
        Err(first) => {
            // Input whose start already has the wrong shape (`8x`, `[]x`) fails on the shape
            // first; it is still not JSON, and that is what to report.
            if first.classify() == serde_json::error::Category::Data
                && let Err(syntax) = serde_json::from_slice::<serde::de::IgnoredAny>(bytes)
            {
                return Err(describe(std::iter::empty(), &syntax));
            }
            let mut de = serde_json::Deserializer::from_slice(bytes);
            match serde_path_to_error::deserialize::<_, T>(&mut de) {
                Err(err) => Err(describe(err.path().iter(), err.inner())),
                // The value itself decodes, so the first failure was trailing input after it.
                Ok(_) => Err(describe(std::iter::empty(), &first)),
            }
        }
    }
}

/// Decodes a JSON value already read into `T`, with the same pointers as [`from_slice`] (no line
/// or column: the value has no position).
///
/// # Errors
/// [`DecodeError`] with the JSON pointer of the first problem.
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, DecodeError> {
    serde_path_to_error::deserialize(value).map_err(|err| describe(err.path().iter(), err.inner()))
}

/// Decodes `text` into `T`; see [`from_slice`].
///
/// # Errors
/// As [`from_slice`].
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, DecodeError> {
    from_slice(text.as_bytes())
}

/// Decodes a request body and validates it: what the emulator does with each body it receives
/// and what `pc validate` does with a file.
///
/// # Errors
/// A single violation when the body does not decode (see [`DecodeError::to_violation`]),
/// otherwise every rule the decoded body breaks.
pub fn parse_request<T: DeserializeOwned + Validate>(
    bytes: &[u8],
    ctx: &ValidationContext,
) -> Result<T, Violations> {
    let value: T = from_slice(bytes).map_err(|e| Violations::from(e.to_violation()))?;
    value.validate_with(ctx)?;
    Ok(value)
}

fn describe<'a>(
    path: impl Iterator<Item = &'a serde_path_to_error::Segment>,
    inner: &serde_json::Error,
) -> DecodeError {
    use serde_json::error::Category;
    let mut pointer = String::new();
    for segment in path {
        use serde_path_to_error::Segment;
        match segment {
            Segment::Seq { index } => {
                pointer.push('/');
                pointer.push_str(&index.to_string());
            }
            Segment::Map { key } => {
                pointer.push('/');
                pointer.push_str(&escape_pointer(key));
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    let full = inner.to_string();
    // serde_json appends " at line L column C"; we report the position separately.
    let message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_owned(),
        None => full,
    };
    let kind = match inner.classify() {
        Category::Syntax | Category::Eof | Category::Io => DecodeErrorKind::Syntax,
        Category::Data if message.starts_with("missing field") => DecodeErrorKind::MissingField,
        Category::Data if message.starts_with("invalid type") => DecodeErrorKind::InvalidType,
        Category::Data if message.starts_with("unknown field") => DecodeErrorKind::UnknownField,
        Category::Data if message.starts_with("duplicate field") => DecodeErrorKind::DuplicateField,
        Category::Data => DecodeErrorKind::InvalidValue,
    };
    // Errors about a key ("missing field `email`", "unknown field `x`, expected ...",
    // "duplicate field `x`", our "unexpected field `x`: ...") point at the key itself, unless
    // the path already ends there (serde reports some of them while reading the key).
    let about_a_key = matches!(
        kind,
        DecodeErrorKind::MissingField
            | DecodeErrorKind::UnknownField
            | DecodeErrorKind::DuplicateField
    ) || message.starts_with("unexpected field `");
    if about_a_key && let Some(name) = message.split('`').nth(1) {
        let token = escape_pointer(name);
        if !pointer.ends_with(&format!("/{token}")) {
            pointer.push('/');
            pointer.push_str(&token);
        }
    }
    let message = match kind {
        DecodeErrorKind::MissingField => "is required".to_owned(),
        DecodeErrorKind::UnknownField => unknown_field(&message),
        DecodeErrorKind::DuplicateField => "is given twice; a key may appear only once".to_owned(),
        _ => message,
    };
    DecodeError {
        pointer,
        message,
        line: inner.line(),
        column: inner.column(),
        kind,
    }
}

/// "unknown field; did you mean organizationRegistrationNumber?" from serde's "unknown field
/// `organisationRegistrationNumber`, expected one of `domain`, `Domain`, ...": the closest
/// camelCase field, else the list of them.
fn unknown_field(serde_message: &str) -> String {
    let mut names = serde_message.split('`').skip(1).step_by(2);
    let unknown = names.next().unwrap_or_default();
    // The canonical (camelCase) names; the PascalCase aliases would only repeat them.
    let fields: Vec<&str> = names
        .filter(|n| n.chars().next().is_some_and(|c| !c.is_ascii_uppercase()))
        .collect();
    match crate::strict::closest(unknown, &fields) {
        Some(field) => format!("unknown field; did you mean {field}?"),
        None if fields.is_empty() => "unknown field; this object takes no fields".to_owned(),
        None => format!("unknown field; expected one of {}", fields.join(", ")),
    }
}

/// Writes a body as the service takes it: camelCase keys, absent fields left out.
///
/// # Errors
/// Only if a value cannot be written as JSON, which no type of this crate does.
pub fn to_string<T: serde::Serialize + ?Sized>(body: &T) -> Result<String, serde_json::Error> {
    serde_json::to_string(body)
}

/// Escapes one reference token of a JSON pointer (RFC 6901): `~` becomes `~0` and `/` becomes
/// `~1`, so that `a/b` names one key, not two levels. Use it when building the pointer of a
/// [`Violation`] from a key of your own (as `pc-onboard` does for its rows' columns and
/// keys); this crate builds its own pointers with it. This is its one public path.
///
/// ```
/// use pc_model::json::escape_pointer;
/// assert_eq!(format!("/{}", escape_pointer("a/b~c")), "/a~1b~0c");
/// ```
pub fn escape_pointer(token: &str) -> Cow<'_, str> {
    if token.contains(['~', '/']) {
        Cow::Owned(token.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_tokens_are_escaped() {
        assert_eq!(escape_pointer("a/b~c"), "a~1b~0c");
        assert!(matches!(escape_pointer("plain"), Cow::Borrowed("plain")));
    }
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct Outer {
        inner_list: Vec<Inner>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        count: u32,
        name: String,
    }

    #[test]
    fn pointers_name_the_field() {
        let e =
            from_str::<Outer>(r#"{"innerList":[{"count":1,"name":"a"},{"count":"x","name":"b"}]}"#)
                .unwrap_err();
        assert_eq!(e.pointer(), "/innerList/1/count");
        assert_eq!(e.kind(), DecodeErrorKind::InvalidType);

        let e = from_str::<Outer>(r#"{"innerList":[{"count":1}]}"#).unwrap_err();
        assert_eq!(e.pointer(), "/innerList/0/name");
        assert_eq!(e.kind(), DecodeErrorKind::MissingField);
        assert_eq!(e.to_violation().code, ViolationCode::Required);
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let e = from_str::<Outer>("{\n  \"innerList\": [\n  }").unwrap_err();
        assert!(e.is_syntax());
        assert_eq!(e.line(), 3);
        assert!(e.to_string().contains("line 3"), "{e}");
        let e = from_str::<Outer>(r#"{"innerList":[]} trailing"#).unwrap_err();
        assert!(e.is_syntax());
    }

    #[test]
    fn input_that_is_not_json_is_a_syntax_error_whatever_its_start() {
        for text in ["8x", "[]x", "{}x", "\"a\"]", "tru", "[1,", "nul"] {
            let e = from_str::<Outer>(text).unwrap_err();
            assert!(e.is_syntax(), "{text}: {e:?}");
        }
        // Well-formed JSON of the wrong shape stays a shape error.
        for text in ["8", "[]", "\"a\"", "null", "{\"innerList\":{}}"] {
            let e = from_str::<Outer>(text).unwrap_err();
            assert!(!e.is_syntax(), "{text}: {e:?}");
        }
    }
}
