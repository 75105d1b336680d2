//! The patterns of the rules, compiled once: each feeds both `validate()` (through validator's
//! `regex` rule) and the published schemas' `pattern`, so Rust and other languages give the same
//! verdict.

use std::sync::LazyLock;

use regex::Regex;

/// The longest domain prefix the service accepts.
pub(crate) const DOMAIN_PREFIX_MAX: usize = 27;

/// `<prefix>.onmicrosoft.com`, prefix 1 to 27 ASCII letters or digits.
pub(crate) static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Za-z0-9]{1,27}\.onmicrosoft\.com$").expect("static pattern compiles")
});

/// A culture: language, optional script, region (`en-US`, `sr-Latn-RS`), any case.
pub(crate) static CULTURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Za-z]{2,3}(-[A-Za-z]{4})?-[A-Za-z]{2}$").expect("static pattern compiles")
});

/// A two-letter language code, any case.
pub(crate) static LANGUAGE: LazyLock<Regex> =
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
pub(crate) static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
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
pub(crate) const WHITESPACE: &str =
    r"\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";

/// The control characters (C0, DEL and C1), as the inside of a character class.
pub(crate) const CONTROL: &str = r"\u0000-\u001F\u007F-\u009F";

/// A pattern that finds a control character anywhere in a text. No pattern we publish matches a
/// control character, and each end-anchored one is paired with this one (as `not`) in the
/// schemas: Python's `$` also matches before a final newline, so `^en$` alone would let `en\n`
/// through there, while Rust and JavaScript refuse it.
#[cfg_attr(not(any(test, feature = "schema")), expect(dead_code))]
pub(crate) static CONTROL_CHARACTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("[{CONTROL}]")).expect("static pattern compiles"));

/// At least one character that is not whitespace.
pub(crate) static NON_BLANK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("[^{WHITESPACE}]")).expect("static pattern compiles"));

/// No whitespace and no control character at all.
pub(crate) static NO_WHITESPACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!("^[^{WHITESPACE}{CONTROL}]*$")).expect("static pattern compiles")
});

/// Whether a text is empty or only whitespace (the opposite of [`NON_BLANK`]).
pub(crate) fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
