//! Broken rules: one [`Violation`] with its JSON pointer and [`ViolationCode`], all of them as
//! [`Violations`].

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;

use super::field_rules::FieldRules;
use super::patterns::DOMAIN_PREFIX_MAX;
use crate::json::escape_pointer;

/// A stable, machine-readable reason for a [`Violation`]. Serialized in `snake_case`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ViolationCode {
    /// A required field is missing, empty or only whitespace.
    Required,
    /// A field required because of the billing address country is missing or blank.
    RequiredForCountry,
    /// A text is longer or shorter than allowed.
    Length,
    /// Not an email address.
    Email,
    /// Not a `<prefix>.onmicrosoft.com` domain.
    Domain,
    /// Not a culture such as `en-US`.
    Culture,
    /// Not a two-letter language code.
    Language,
    /// Contains whitespace where none is allowed.
    Whitespace,
    /// A date that must not be in the future is.
    FutureDate,
    /// A value of the right JSON type that is not allowed (unknown enum value, malformed GUID or
    /// country code, a field that does not belong to the chosen variant).
    InvalidValue,
    /// A value of the wrong JSON type (an array where an object belongs, among others).
    InvalidType,
    /// A key the object does not take: unknown or misspelt, or in the wrong object.
    UnknownField,
    /// A key given twice in one object (under one spelling or two).
    DuplicateField,
    /// The body is not well-formed JSON.
    Syntax,
}

impl ViolationCode {
    /// The code as text, e.g. `required_for_country`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Required => "required",
            Self::RequiredForCountry => "required_for_country",
            Self::Length => "length",
            Self::Email => "email",
            Self::Domain => "domain",
            Self::Culture => "culture",
            Self::Language => "language",
            Self::Whitespace => "whitespace",
            Self::FutureDate => "future_date",
            Self::InvalidValue => "invalid_value",
            Self::InvalidType => "invalid_type",
            Self::UnknownField => "unknown_field",
            Self::DuplicateField => "duplicate_field",
            Self::Syntax => "syntax",
        }
    }

    fn from_validator(code: &str) -> Self {
        match code {
            "required" => Self::Required,
            "length" => Self::Length,
            "email" => Self::Email,
            "domain" => Self::Domain,
            "culture" => Self::Culture,
            "language" => Self::Language,
            "whitespace" => Self::Whitespace,
            _ => Self::InvalidValue,
        }
    }
}

impl fmt::Display for ViolationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// JSON pointer (RFC 6901) of the wire field, e.g. `/companyProfile/domain`; empty for the
    /// whole body. Serialized as `path` (so in `pc --json` output).
    #[serde(rename = "path")]
    pub pointer: String,
    /// Why, as a stable code.
    pub code: ViolationCode,
    /// Why, in words. Never contains secret values.
    pub message: String,
}

impl Violation {
    /// A violation at `pointer`.
    pub fn new(
        pointer: impl Into<String>,
        code: ViolationCode,
        message: impl Into<String>,
    ) -> Self {
        Self {
            pointer: pointer.into(),
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for Violation {
    /// `<pointer>: <message>`, with `/` standing for the whole body.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(f, "{pointer}: {}", self.message)
    }
}

/// Every rule a body breaks, sorted by pointer. Never empty when returned as an error.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct Violations(Vec<Violation>);

impl Violations {
    /// An empty list.
    pub fn new() -> Self {
        Self(Vec::new())
    }

    /// Adds one.
    pub fn push(&mut self, violation: Violation) {
        self.0.push(violation);
    }

    /// The violations, sorted by pointer.
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.0.iter()
    }

    /// How many.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The violation at `pointer`, if any.
    pub fn at(&self, pointer: &str) -> Option<&Violation> {
        self.0.iter().find(|v| v.pointer == pointer)
    }

    /// `Ok(())` when empty, else `Err(self)` sorted by pointer.
    ///
    /// # Errors
    /// `self` when it holds at least one violation.
    pub fn into_result(mut self) -> Result<(), Violations> {
        if self.0.is_empty() {
            Ok(())
        } else {
            self.0
                .sort_by(|a, b| (&a.pointer, a.code).cmp(&(&b.pointer, b.code)));
            self.0.dedup();
            Err(self)
        }
    }

    /// Adds the broken field rules of `body` (validator's errors), mapping Rust field names to
    /// wire names.
    pub(crate) fn extend_from_field_rules(&mut self, body: &impl FieldRules) {
        if let Err(errors) = body.check_fields() {
            self.push_validator_errors("", &errors);
        }
    }

    fn push_validator_errors(&mut self, base: &str, errors: &validator::ValidationErrors) {
        use validator::ValidationErrorsKind as Kind;
        for (field, kind) in errors.errors() {
            let pointer = format!("{base}/{}", escape_pointer(&wire_name(field)));
            match kind {
                Kind::Field(list) => {
                    for e in list {
                        let code = ViolationCode::from_validator(&e.code);
                        let message = match &e.message {
                            Some(m) => m.to_string(),
                            None => default_message(code, &e.params),
                        };
                        self.push(Violation::new(pointer.clone(), code, message));
                    }
                }
                Kind::Struct(inner) => self.push_validator_errors(&pointer, inner),
                Kind::List(items) => {
                    for (index, inner) in items {
                        self.push_validator_errors(&format!("{pointer}/{index}"), inner);
                    }
                }
            }
        }
    }
}

impl IntoIterator for Violations {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Violations {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl From<Violation> for Violations {
    fn from(v: Violation) -> Self {
        Self(vec![v])
    }
}

impl fmt::Display for Violations {
    /// One `<pointer>: <message>` line per violation.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, v) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Violations {}

fn default_message(
    code: ViolationCode,
    params: &std::collections::HashMap<Cow<'static, str>, serde_json::Value>,
) -> String {
    match code {
        ViolationCode::Length => {
            let chars = params
                .get("value")
                .and_then(|v| v.as_str())
                .map(|s| s.chars().count());
            let bound = match (params.get("min"), params.get("max")) {
                (Some(min), Some(max)) => format!("between {min} and {max} characters"),
                (None, Some(max)) => format!("at most {max} characters"),
                (Some(min), None) => format!("at least {min} characters"),
                (None, None) => "of another length".to_owned(),
            };
            match chars {
                Some(n) => format!("must be {bound} long (is {n})"),
                None => format!("must be {bound} long"),
            }
        }
        ViolationCode::Required => "is required and must not be blank".to_owned(),
        ViolationCode::Email => "must be an email address such as someone@example.com".to_owned(),
        ViolationCode::Domain => format!(
            "must be `<prefix>.onmicrosoft.com` where the prefix is 1 to {DOMAIN_PREFIX_MAX} letters or digits"
        ),
        ViolationCode::Culture => "must be a culture such as en-US".to_owned(),
        ViolationCode::Language => "must be a two-letter language code such as en".to_owned(),
        ViolationCode::Whitespace => "must not contain whitespace".to_owned(),
        _ => "is not valid".to_owned(),
    }
}

/// The wire (camelCase) name of a Rust (snake_case) field name.
fn wire_name(rust: &str) -> String {
    let mut out = String::with_capacity(rust.len());
    let mut upper = false;
    for c in rust.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names() {
        assert_eq!(
            wire_name("organization_registration_number"),
            "organizationRegistrationNumber"
        );
        assert_eq!(wire_name("address_line1"), "addressLine1");
    }

    #[test]
    fn violations_sort_and_display() {
        let mut v = Violations::new();
        v.push(Violation::new("/b", ViolationCode::Required, "is required"));
        v.push(Violation::new("/a", ViolationCode::Email, "bad"));
        let err = v.into_result().unwrap_err();
        assert_eq!(err.to_string(), "/a: bad\n/b: is required");
        assert!(Violations::new().into_result().is_ok());
    }
}
