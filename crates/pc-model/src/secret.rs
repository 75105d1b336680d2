//! [`Secret`]: a string that never shows itself in `Debug` or `Display`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A secret text: an admin password in a create-customer response, a token, a client secret.
///
/// `Debug` prints `Secret(********)` and `Display` prints `********`, whatever the value, so a
/// secret inside a logged or printed structure does not leak. The value is reachable only through
/// [`Secret::expose`], which makes every use of it explicit and easy to find.
///
/// Serialization writes the real value: the type describes data, and a caller who stores a
/// response needs the password in it. Do not serialize a structure holding a secret into a log.
#[derive(Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value itself. Every call site is a place where the secret may leave the program.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// A fixed mask (`********`) that tells that a value exists without telling its length.
    pub fn masked(&self) -> &'static str {
        if self.0.is_empty() { "" } else { "********" }
    }

    /// Whether the value is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({})", self.masked())
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.masked())
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Secret {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Secret".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A secret value; never log it."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_displays_the_value() {
        let s = Secret::new("0Krha*Io");
        assert!(!format!("{s:?}").contains("0Krha"));
        assert!(!format!("{s}").contains("0Krha"));
        assert!(!format!("{s:#?}").contains("0Krha"));
        assert_eq!(s.expose(), "0Krha*Io");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"0Krha*Io\"");
    }
}
