//! Where `pc` writes: human lines or JSON on standard output, problems on standard error.
//!
//! Much of what `pc` prints comes from outside (the service's error descriptions and values, the
//! values a validation message quotes from a file), so nothing is written as it came:
//!
//! - **Human output** writes each line with its control characters escaped (C0 such as ESC, CR,
//!   LF and BEL, DEL, the C1 range, and the Unicode controls that reorder text), so no text can
//!   move the cursor, retitle the window, clear the screen or start a line of its own (a forged
//!   `pc:` line); and cuts a line longer than [`MAX_LINE_CHARS`] with a note of its full length.
//! - **Values from outside** (a description, a violation's message) are cut to
//!   [`MAX_VALUE_CHARS`] with a note of their full length by [`bounded`], in human output and
//!   in JSON messages; the JSON data of a result is kept whole.
//! - **JSON output** is escaped by the JSON writer, and DEL, C1 and the reordering controls, which
//!   JSON allows raw, are written as `\u` escapes too: the same data, harmless on a terminal.
//! - [`Output::raw`] alone writes bytes as they are: for what `pc` generates itself (shell
//!   completion scripts), never for text from outside.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write;

/// The longest value from outside, in characters, that `pc` shows (see [`bounded`]).
pub(crate) const MAX_VALUE_CHARS: usize = 1_000;

/// The longest line, in characters, written in human output (a line may show a few values).
/// Longer lines are cut and end with a note of their full length.
pub(crate) const MAX_LINE_CHARS: usize = 4 * MAX_VALUE_CHARS;

/// The output mode of one run.
#[derive(Debug)]
pub(crate) struct Output {
    json: bool,
}

impl Output {
    /// Human output, or JSON when `json`.
    pub(crate) fn new(json: bool) -> Self {
        Self { json }
    }

    /// Whether scripts asked for JSON.
    pub(crate) fn json(&self) -> bool {
        self.json
    }

    /// One line of human output, made [`terminal_safe`].
    pub(crate) fn line(&mut self, text: &str) {
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(stdout, "{}", terminal_safe(text));
    }

    /// Bytes as they are (a generated script), on standard output.
    pub(crate) fn raw(&mut self, bytes: &[u8]) {
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(bytes);
    }

    /// One JSON document on its own line, with DEL, C1 and reordering controls escaped.
    pub(crate) fn json_value(&mut self, value: &serde_json::Value) {
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(stdout, "{}", json_text(value));
    }

    /// One document of the shapes in [`pc_cli::json`] on its own line, as
    /// [`json_value`](Self::json_value) writes it.
    pub(crate) fn json_doc<T: serde::Serialize>(&mut self, doc: &T) {
        match serde_json::to_value(doc) {
            Ok(value) => self.json_value(&value),
            Err(e) => self.error(&format!("cannot write the JSON output: {e}")),
        }
    }

    /// A problem, on standard error, prefixed with `pc: `, made [`terminal_safe`].
    pub(crate) fn error(&mut self, text: &str) {
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(stderr, "pc: {}", terminal_safe(text));
    }

    /// A detail of the problem just reported, indented, on standard error, made
    /// [`terminal_safe`].
    pub(crate) fn error_line(&mut self, text: &str) {
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(stderr, "  {}", terminal_safe(text));
    }
}

/// Whether a terminal could act on `c` rather than show it: C0 controls (ESC, CR, LF, BEL, …),
/// DEL, C1 controls (U+0080 to U+009F, among them the one-character CSI), and the invisible
/// marks and overrides that reorder bidirectional text.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// `text` cut to [`MAX_VALUE_CHARS`] characters, with `… (N characters in all)` when it was
/// longer: for a value that came from outside.
pub(crate) fn bounded(text: &str) -> Cow<'_, str> {
    cut(text, MAX_VALUE_CHARS)
}

/// `text` cut to `max` characters, with `… (N characters in all)` when it was longer.
fn cut(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some((cut, _)) => {
            let total = text.chars().count();
            Cow::Owned(format!("{}… ({total} characters in all)", &text[..cut]))
        }
    }
}

/// `text` as one harmless line: cut to [`MAX_LINE_CHARS`], with every character a terminal
/// could act on written as a Rust-style escape (ESC as `\u{1b}`, CR as `\r`, LF as `\n`).
pub(crate) fn terminal_safe(text: &str) -> Cow<'_, str> {
    let text = cut(text, MAX_LINE_CHARS);
    if !text.chars().any(is_unsafe) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `value` as compact JSON with DEL, C1 and reordering controls written as `\u` escapes (the
/// JSON writer escapes the C0 range itself).
pub(crate) fn json_text(value: &serde_json::Value) -> String {
    let text = value.to_string();
    if !text.chars().any(is_unsafe) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe(c) {
            // Only inside strings: JSON's own syntax is ASCII without controls.
            let _ = write!(out, "\\u{:04x}", u32::from(c));
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
    fn controls_are_escaped_and_everything_else_kept() {
        let hostile = "ok\u{1b}]0;pwned\u{7}\u{1b}[2J\r\npc: forged\u{9b}31m\u{7f}\u{202e}txt";
        let safe = terminal_safe(hostile);
        assert_eq!(
            safe,
            r"ok\u{1b}]0;pwned\u{7}\u{1b}[2J\r\npc: forged\u{9b}31m\u{7f}\u{202e}txt"
        );
        assert!(!safe.chars().any(is_unsafe));
        assert_eq!(terminal_safe("café ✓ 東京"), "café ✓ 東京");
        assert!(matches!(terminal_safe("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn long_text_is_cut_with_its_full_length() {
        let long = "é".repeat(MAX_LINE_CHARS + 5);
        let value = bounded(&long);
        assert!(value.starts_with(&"é".repeat(MAX_VALUE_CHARS)));
        assert!(value.ends_with(&format!("é… ({} characters in all)", MAX_LINE_CHARS + 5)));
        assert_eq!(
            bounded(&long[..2 * MAX_VALUE_CHARS]),
            long[..2 * MAX_VALUE_CHARS]
        );
        let line = terminal_safe(&long);
        assert!(line.ends_with(&format!("é… ({} characters in all)", MAX_LINE_CHARS + 5)));
        assert_eq!(line.chars().filter(|&c| c == 'é').count(), MAX_LINE_CHARS);
        // Cut before escaping: a line of escapes stays bounded too.
        let escapes = "\u{1b}".repeat(10 * MAX_LINE_CHARS);
        assert!(terminal_safe(&escapes).len() < 8 * MAX_LINE_CHARS);
    }

    #[test]
    fn json_stays_json_and_escapes_c1() {
        let value = serde_json::json!({"d": "a\u{1b}[2J\u{9b}\u{202e}\u{7f}b"});
        let text = json_text(&value);
        assert_eq!(text, r#"{"d":"a\u001b[2J\u009b\u202e\u007fb"}"#);
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }
}
