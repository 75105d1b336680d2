//! Reading an enum's value from text a person typed (a command-line argument, a spreadsheet
//! cell): the wire name or a documented short name, in any case, with or without `-`, `_` or
//! spaces between words. Request bodies are stricter: their JSON takes the wire name only.

use std::fmt;

/// `text` without case, `-`, `_` or spaces: what two spellings of one name have in common.
pub(crate) fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// `A`, `A or B`, `A, B or C`.
pub(crate) fn one_of(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [only] => (*only).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// A text that names no value of an enum (from its `FromStr` or `parse_known`).
///
/// Its message quotes the text (at most 64 characters, escaped) and lists the wire names:
/// `"university" is not an education segment; use K12 or HigherEducation`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    text: String,
    what: &'static str,
    expected: &'static [&'static str],
}

impl UnknownName {
    pub(crate) fn new(text: &str, what: &'static str, expected: &'static [&'static str]) -> Self {
        Self {
            text: text.chars().take(64).collect(),
            what,
            expected,
        }
    }

    /// The wire names that are accepted.
    pub fn expected(&self) -> &'static [&'static str] {
        self.expected
    }
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not {}; use {}",
            self.text,
            self.what,
            one_of(self.expected)
        )
    }
}

impl std::error::Error for UnknownName {}

/// Defines a closed enum whose values have a wire name and optional short names, with
/// `ALL`, `NAMES`, `as_str`, `Display` (the wire name) and `FromStr` (see the module). Each
/// variant is written `Variant = "Wire" | "short" | …`; the derives (serde, schemars) are the
/// caller's and must write the same wire names (a test per enum checks it).
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal $(| $alias:literal)*, )+
        }
    ) => {
        $(#[$meta])*
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The wire names, in declaration order.
            pub const NAMES: &'static [&'static str] = &[$($wire),+];

            /// The wire name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( Self::$variant => $wire, )+
                }
            }
        }

        impl std::fmt::Display for $name {
            /// The wire name.
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::name::UnknownName;

            /// The wire name or a short name, in any case, with or without `-`, `_` or spaces
            /// between words.
            ///
            /// # Errors
            /// [`UnknownName`](crate::UnknownName), listing the wire names.
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                let folded = $crate::name::fold(text);
                $(
                    if folded == $crate::name::fold($wire)
                        $( || folded == $crate::name::fold($alias) )*
                    {
                        return Ok(Self::$variant);
                    }
                )+
                Err($crate::name::UnknownName::new(text, $what, Self::NAMES))
            }
        }
    };
}

pub(crate) use named_enum;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_and_separators() {
        assert_eq!(fold("Higher-Education"), "highereducation");
        assert_eq!(fold("higher_education"), "highereducation");
        assert_eq!(fold("Higher Education"), "highereducation");
        assert_eq!(one_of(&["A"]), "A");
        assert_eq!(one_of(&["A", "B", "C"]), "A, B or C");
    }

    #[test]
    fn an_unknown_name_is_quoted_escaped_and_shortened() {
        let e = UnknownName::new(
            &format!("\u{1b}[31m{}", "x".repeat(100)),
            "a thing",
            &["A", "B"],
        );
        let text = e.to_string();
        assert!(text.starts_with("\"\\u{1b}[31mxxx"), "{text}");
        assert!(text.ends_with("is not a thing; use A or B"), "{text}");
        assert!(!text.contains('\u{1b}'));
        assert_eq!(text.matches('x').count(), 59);
    }
}
