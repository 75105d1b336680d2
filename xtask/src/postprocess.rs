//! Turns schemars' output into schemas that read well outside Rust and load without warnings in
//! every validator we test with (ajv strict mode, Python `jsonschema`, the `jsonschema` crate).
//!
//! - Descriptions come from rustdoc comments: intra-doc links (``[`X`](Self::x)``,
//!   ``[`Y`]``, `[text](crate::z)`) become plain code spans or text, and the hard line breaks of
//!   the comments are joined so that each paragraph is one line.
//! - `format` values outside the draft 2020-12 vocabulary (schemars writes `uint16`, `uint64`,
//!   `int64` for Rust integers) are removed; the `minimum`/`maximum` schemars writes next to them
//!   stay, and are the portable statement of the range.
//! - An end-anchored `pattern` (`^…$`) gets `not: {pattern: <a control character>}` beside it.
//!   Python's `re.search` lets `$` match before a final newline, so `^en$` accepts `en\n` there
//!   while Rust and JavaScript refuse it; no pattern we publish matches a control character
//!   (`pc_model::schema::control_character_pattern`), so the pair means in Python what the pattern
//!   alone means in Rust and JavaScript. The same goes for `format: date-time`, whose Python
//!   checker has the same `$`.
//! - The boolean schema `true` ("anything", as schemars writes `Vec<serde_json::Value>` items)
//!   becomes the equal empty schema `{}`: some code generators (openapi-python-client) stop at a
//!   boolean where they expect a schema object.

use std::sync::LazyLock;

use regex::{Captures, Regex};
use serde_json::Value;

/// The formats a published schema may use: standard in draft 2020-12 and checked by ajv-formats,
/// Python `jsonschema` (with its format extras) and the `jsonschema` crate alike.
pub const PORTABLE_FORMATS: &[&str] = &["date-time", "uuid"];

/// Applies every rewrite below to a schema, recursively.
pub fn portable(schema: &mut Value) {
    walk(schema, &mut |map| {
        for (key, value) in map.iter_mut() {
            let holds_schema = SCHEMA_KEYWORDS.contains(&key.as_str());
            if holds_schema && *value == Value::Bool(true) {
                *value = Value::Object(serde_json::Map::new());
            }
            if SCHEMA_MAP_KEYWORDS.contains(&key.as_str())
                && let Value::Object(schemas) = value
            {
                for schema in schemas.values_mut() {
                    if *schema == Value::Bool(true) {
                        *schema = Value::Object(serde_json::Map::new());
                    }
                }
            }
        }
        if let Some(Value::String(text)) = map.get_mut("description") {
            *text = clean_description(text);
        }
        let non_standard = map
            .get("format")
            .and_then(Value::as_str)
            .is_some_and(|f| !PORTABLE_FORMATS.contains(&f));
        if non_standard {
            map.remove("format");
        }
        let end_anchored = map
            .get("pattern")
            .and_then(Value::as_str)
            .is_some_and(|p| p.starts_with('^') && p.ends_with('$') && !p.ends_with("\\$"));
        let date_time = map.get("format").is_some_and(|f| f == "date-time");
        if (end_anchored || date_time) && !map.contains_key("not") {
            map.insert("not".into(), no_control_character());
        }
    });
}

/// Keywords whose value is one schema.
const SCHEMA_KEYWORDS: &[&str] = &[
    "items",
    "additionalProperties",
    "unevaluatedProperties",
    "unevaluatedItems",
    "contains",
    "propertyNames",
    "not",
    "if",
    "then",
    "else",
];

/// Keywords whose value maps names to schemas.
const SCHEMA_MAP_KEYWORDS: &[&str] = &["properties", "patternProperties", "$defs"];

/// The schema `not` holds beside an end-anchored pattern: "a string with a control character".
fn no_control_character() -> Value {
    serde_json::json!({
        "type": "string",
        "pattern": pc_model::schema::control_character_pattern(),
        "description": "No control character, not even a final newline (which Python's `$` lets through)."
    })
}

/// Keywords whose values are instance data, not schemas: [`walk`] does not enter them.
const DATA_KEYWORDS: &[&str] = &["const", "default", "enum", "examples"];

/// Calls `f` on every object in `value`, parents before children, except inside instance data
/// (`examples`, `default`, `const`, `enum`).
pub fn walk(value: &mut Value, f: &mut impl FnMut(&mut serde_json::Map<String, Value>)) {
    match value {
        Value::Object(map) => {
            f(map);
            for (key, child) in map.iter_mut() {
                if !DATA_KEYWORDS.contains(&key.as_str()) {
                    walk(child, f);
                }
            }
        }
        Value::Array(list) => {
            for child in list {
                walk(child, f);
            }
        }
        _ => {}
    }
}

/// A link with a target: ``[`code`](target)`` or `[text](target)`.
static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\[\]]+)\]\(([^()\s]+)\)").expect("static pattern compiles"));

/// A bare intra-doc link: ``[`Type::item`]``.
static BARE_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[(`[^`\[\]]+`)\]").expect("static pattern compiles"));

/// A rustdoc description as plain Markdown for readers of the schema: intra-doc links are
/// replaced by their text (web links are kept), and each paragraph is joined into one line (list
/// items keep their own lines).
pub fn clean_description(text: &str) -> String {
    let text = LINK.replace_all(text, |c: &Captures<'_>| {
        if c[2].contains("://") {
            c[0].to_owned()
        } else {
            c[1].to_owned()
        }
    });
    let text = BARE_LINK.replace_all(&text, "$1");
    text.split("\n\n")
        .map(|paragraph| {
            let mut out = String::new();
            for (i, line) in paragraph.lines().map(str::trim_end).enumerate() {
                if i > 0 {
                    let list_item = line.starts_with("- ") || line.starts_with("* ");
                    out.push(if list_item { '\n' } else { ' ' });
                }
                out.push_str(line.trim_start_matches(' '));
            }
            out
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intra_doc_links_become_text_and_web_links_stay() {
        assert_eq!(
            clean_description(
                "Set [`associated_partner_id`](Self::associated_partner_id) or see the\n\
                 [list](crate::validation::RegistrationNumberCountries), [`Secret`] and \
                 [docs](https://learn.microsoft.com/x)."
            ),
            "Set `associated_partner_id` or see the list, `Secret` and \
             [docs](https://learn.microsoft.com/x)."
        );
    }

    #[test]
    fn paragraphs_are_joined_but_kept_apart() {
        assert_eq!(
            clean_description("One\nline.\n\nTwo:\n- a\n- b"),
            "One line.\n\nTwo:\n- a\n- b"
        );
    }

    #[test]
    fn boolean_true_schemas_become_empty_objects_and_flags_stay() {
        let mut schema = serde_json::json!({
            "type": "array",
            "items": true,
            "uniqueItems": true,
            "properties": { "a": true, "b": { "additionalProperties": true, "deprecated": true } },
            "additionalProperties": false,
            "examples": [{ "items": true }]
        });
        portable(&mut schema);
        assert_eq!(
            schema,
            serde_json::json!({
                "type": "array",
                "items": {},
                "uniqueItems": true,
                "properties": { "a": {}, "b": { "additionalProperties": {}, "deprecated": true } },
                "additionalProperties": false,
                "examples": [{ "items": true }]
            })
        );
    }

    #[test]
    fn non_standard_formats_go_and_ranges_stay() {
        let mut schema = serde_json::json!({
            "properties": {
                "a": {"type": "integer", "format": "uint16", "minimum": 0, "maximum": 65535},
                "b": {"type": "string", "format": "uuid"},
                "c": {"type": ["integer", "null"], "format": "int64"}
            }
        });
        portable(&mut schema);
        assert_eq!(
            schema,
            serde_json::json!({
                "properties": {
                    "a": {"type": "integer", "minimum": 0, "maximum": 65535},
                    "b": {"type": "string", "format": "uuid"},
                    "c": {"type": ["integer", "null"]}
                }
            })
        );
    }
}
