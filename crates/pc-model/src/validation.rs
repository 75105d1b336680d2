//! Local validation of request bodies, before anything is sent.
//!
//! [`Validate::validate`] reports **every** broken rule at once as a [`Violations`] list. Each
//! [`Violation`] names the wire field by its JSON pointer (`/billingProfile/defaultAddress/country`,
//! never a Rust field name), carries a stable [`ViolationCode`] and a readable message.
//!
//! Rules that depend on something outside the body take it from a [`ValidationContext`]: the
//! current time (an agreement's `dateAgreed` must not be in the future) and the list of countries
//! that require an organization registration number ([`RegistrationNumberCountries`]).
//!
//! Bodies read from JSON go through [`crate::json::parse_request`], which turns a decode failure
//! (a missing required field, a wrong type, an unknown enum value, a bad GUID or country code)
//! into a violation with the same pointer form; decoding stops at the first such error, and the
//! rules above run only once the body decodes.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fmt;
use std::sync::{Arc, LazyLock};

use chrono::{DateTime, Utc};
use regex::Regex;
use serde::Serialize;

use crate::country::CountryCode;

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
    /// whole body.
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

    /// Adds validator's errors, mapping Rust field names to wire names under `base` (a pointer).
    pub(crate) fn extend_from_validator(
        &mut self,
        base: &str,
        result: Result<(), validator::ValidationErrors>,
    ) {
        if let Err(errors) = result {
            self.push_validator_errors(base, &errors);
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
pub(crate) fn wire_name(rust: &str) -> String {
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

/// Escapes one JSON pointer reference token (RFC 6901).
pub fn escape_pointer(token: &str) -> Cow<'_, str> {
    if token.contains(['~', '/']) {
        Cow::Owned(token.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(token)
    }
}

/// The longest domain prefix the service accepts.
pub const DOMAIN_PREFIX_MAX: usize = 27;

/// `<prefix>.onmicrosoft.com`, prefix 1 to 27 ASCII letters or digits.
pub static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Za-z0-9]{1,27}\.onmicrosoft\.com$").expect("static pattern compiles")
});

/// A culture: language, optional script, region (`en-US`, `sr-Latn-RS`), any case.
pub static CULTURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Za-z]{2,3}(-[A-Za-z]{4})?-[A-Za-z]{2}$").expect("static pattern compiles")
});

/// A two-letter language code, any case.
pub static LANGUAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z]{2}$").expect("static pattern compiles"));

/// An email address as HTML's `<input type=email>` defines it (the WHATWG rule browsers apply):
/// a local part of letters, digits, dots and ``!#$%&'*+/=?^_`{|}~-`` (at most 64 characters),
/// `@`, and a domain of dot-separated labels of ASCII letters, digits and inner hyphens.
///
/// One pattern for `validate()` and for the published schemas' `pattern`: the `email` format of
/// JSON Schema is checked differently by every validator (Python's `jsonschema` only looks for an
/// `@`, ajv-formats and the `jsonschema` crate refuse `a..b@example.com`, validator accepts it),
/// so it would give other languages other verdicts than ours. Internationalized domains must be
/// written in their ASCII (`xn--`) form.
pub static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$",
    )
    .expect("static pattern compiles")
});

/// The whitespace characters, written out as the inside of a character class: Unicode's
/// `White_Space` property (what Rust's `char::is_whitespace` and `str::trim` use).
///
/// Patterns never use `\s`: it means other characters in each language (JavaScript adds U+FEFF
/// and leaves out U+0085, Python adds U+001C to U+001F), so a schema using it would give other
/// verdicts in other languages than in Rust. Every engine reads this list the same.
pub const WHITESPACE: &str =
    r"\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";

/// The control characters (C0, DEL and C1), as the inside of a character class.
pub const CONTROL: &str = r"\u0000-\u001F\u007F-\u009F";

/// A pattern that finds a control character anywhere in a text. No pattern we publish matches a
/// control character, and each end-anchored one is paired with this one (as `not`) in the
/// schemas: Python's `$` also matches before a final newline, so `^en$` alone would let `en\n`
/// through there, while Rust and JavaScript refuse it.
pub static CONTROL_CHARACTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("[{CONTROL}]")).expect("static pattern compiles"));

/// At least one character that is not whitespace.
pub static NON_BLANK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("[^{WHITESPACE}]")).expect("static pattern compiles"));

/// No whitespace and no control character at all.
pub static NO_WHITESPACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!("^[^{WHITESPACE}{CONTROL}]*$")).expect("static pattern compiles")
});

/// Whether a text is empty or only whitespace (the opposite of [`NON_BLANK`]).
pub(crate) fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// The countries whose customers must give an organization registration number (and an address
/// phone number) when created.
///
/// The service's list has changed over the years, so it is data: start from
/// [`RegistrationNumberCountries::default`] (the 25 countries of the current documentation) or
/// build another with [`RegistrationNumberCountries::new`].
///
/// Cloning is cheap (the set is shared), and so is [`Default`]: the default list is built once,
/// since every call of the client validates with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationNumberCountries(Arc<BTreeSet<CountryCode>>);

/// The default list: AM AZ BY HU KZ KG MD RU TJ UZ UA IN BR ZA PL AE SA TR TH VN MM IQ SS VE CN.
pub const DEFAULT_REGISTRATION_NUMBER_COUNTRIES: [&str; 25] = [
    "AM", "AZ", "BY", "HU", "KZ", "KG", "MD", "RU", "TJ", "UZ", "UA", "IN", "BR", "ZA", "PL", "AE",
    "SA", "TR", "TH", "VN", "MM", "IQ", "SS", "VE", "CN",
];

impl RegistrationNumberCountries {
    /// A list of your own.
    pub fn new(countries: impl IntoIterator<Item = CountryCode>) -> Self {
        Self(Arc::new(countries.into_iter().collect()))
    }

    /// Whether `country` is in the list.
    pub fn contains(&self, country: CountryCode) -> bool {
        self.0.contains(&country)
    }

    /// The countries, sorted.
    pub fn iter(&self) -> impl Iterator<Item = CountryCode> + '_ {
        self.0.iter().copied()
    }
}

/// The default list, built on first use.
static DEFAULT_COUNTRIES: LazyLock<RegistrationNumberCountries> = LazyLock::new(|| {
    RegistrationNumberCountries::new(
        DEFAULT_REGISTRATION_NUMBER_COUNTRIES
            .iter()
            .filter_map(|c| CountryCode::new(c).ok()),
    )
});

impl Default for RegistrationNumberCountries {
    fn default() -> Self {
        DEFAULT_COUNTRIES.clone()
    }
}

/// What validation needs beyond the body itself.
#[derive(Debug, Clone)]
pub struct ValidationContext {
    /// "Now", for rules about the future.
    pub now: DateTime<Utc>,
    /// Countries requiring a registration number and phone number.
    pub registration_number_countries: RegistrationNumberCountries,
}

impl ValidationContext {
    /// A context at the given time with the default country list.
    pub fn at(now: DateTime<Utc>) -> Self {
        Self {
            now,
            registration_number_countries: RegistrationNumberCountries::default(),
        }
    }

    /// Replaces the country list.
    pub fn with_registration_number_countries(mut self, list: RegistrationNumberCountries) -> Self {
        self.registration_number_countries = list;
        self
    }
}

impl Default for ValidationContext {
    /// The current time and the default country list.
    fn default() -> Self {
        Self::at(Utc::now())
    }
}

/// A request body that can be checked locally.
pub trait Validate {
    /// Checks every rule with the given context.
    ///
    /// # Errors
    /// Every broken rule, sorted by pointer.
    fn validate_with(&self, ctx: &ValidationContext) -> Result<(), Violations>;

    /// Checks every rule at the current time with the default country list.
    ///
    /// # Errors
    /// Every broken rule, sorted by pointer.
    fn validate(&self) -> Result<(), Violations> {
        self.validate_with(&ValidationContext::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_and_pointers() {
        assert_eq!(
            wire_name("organization_registration_number"),
            "organizationRegistrationNumber"
        );
        assert_eq!(wire_name("address_line1"), "addressLine1");
        assert_eq!(escape_pointer("a/b~c"), "a~1b~0c");
    }

    #[test]
    fn default_country_list_has_the_seed_countries() {
        let list = RegistrationNumberCountries::default();
        assert_eq!(list.iter().count(), 25);
        assert!(list.contains(CountryCode::new("CN").unwrap()));
        assert!(!list.contains(CountryCode::new("US").unwrap()));
    }

    #[test]
    fn patterns() {
        assert!(DOMAIN.is_match("contoso.onmicrosoft.com"));
        assert!(DOMAIN.is_match("abcdefghijklmnopqrstuvwxyz1.onmicrosoft.com"));
        assert!(!DOMAIN.is_match("abcdefghijklmnopqrstuvwxyz12.onmicrosoft.com"));
        assert!(!DOMAIN.is_match("con-toso.onmicrosoft.com"));
        assert!(!DOMAIN.is_match("contoso.com"));
        assert!(CULTURE.is_match("EN-us") && CULTURE.is_match("sr-Latn-RS"));
        assert!(!CULTURE.is_match("english"));
        assert!(LANGUAGE.is_match("En") && !LANGUAGE.is_match("eng"));
    }

    #[test]
    fn whitespace_is_what_rust_calls_whitespace_and_blank_agrees() {
        let class = Regex::new(&format!("^[{WHITESPACE}]$")).unwrap();
        // Every whitespace and control character is in the Basic Multilingual Plane.
        for c in (0..=0xFFFF).filter_map(char::from_u32) {
            let text = c.to_string();
            assert_eq!(
                class.is_match(&text),
                c.is_whitespace(),
                "U+{:04X}",
                c as u32
            );
            assert_eq!(
                NON_BLANK.is_match(&text),
                !is_blank(&text),
                "U+{:04X}",
                c as u32
            );
            assert_eq!(
                CONTROL_CHARACTER.is_match(&text),
                c.is_control(),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn no_anchored_pattern_matches_a_control_character() {
        for (pattern, valid) in [
            (&*DOMAIN, "contoso.onmicrosoft.com"),
            (&*CULTURE, "en-US"),
            (&*LANGUAGE, "en"),
            (&*EMAIL, "someone@example.com"),
            (&*NO_WHITESPACE, "123456"),
        ] {
            assert!(pattern.is_match(valid), "{valid}");
            for c in (0..=0xFFFF)
                .filter_map(char::from_u32)
                .filter(|c| c.is_control())
            {
                for text in [format!("{valid}{c}"), format!("{c}{valid}")] {
                    assert!(!pattern.is_match(&text), "{pattern} matches {text:?}");
                }
            }
        }
    }

    #[test]
    fn email_pattern_is_the_html_rule() {
        for ok in [
            "someone@example.com",
            "Gena@wingtiptoys.com",
            "a.b+tag@sub.example.co.uk",
            "a..b@example.com",
            "o'hara@example.com",
            "user@localhost",
            &format!("{}@example.com", "a".repeat(64)),
        ] {
            assert!(EMAIL.is_match(ok), "{ok}");
        }
        for bad in [
            "",
            "not-an-email",
            "someone.example.com",
            "someone@",
            "@example.com",
            "a b@example.com",
            "a@b@example.com",
            "a@-example.com",
            "a@example-.com",
            "a@exa_mple.com",
            "a@example..com",
            "a@example.com.",
            "user@bücher.de",
            "ä@example.com",
            &format!("{}@example.com", "a".repeat(65)),
            &format!("a@{}.com", "b".repeat(64)),
        ] {
            assert!(!EMAIL.is_match(bad), "{bad}");
        }
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
