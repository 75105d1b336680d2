//! Where `pc` writes: human lines or JSON on standard output, problems on standard error.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::Write;

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

    /// One line of human output.
    pub(crate) fn line(&mut self, text: &str) {
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(stdout, "{text}");
    }

    /// One JSON document on its own line.
    pub(crate) fn json_value(&mut self, value: &serde_json::Value) {
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(stdout, "{value}");
    }

    /// A problem, on standard error, prefixed with `pc: `.
    pub(crate) fn error(&mut self, text: &str) {
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(stderr, "pc: {text}");
    }

    /// A detail of the problem just reported, indented, on standard error.
    pub(crate) fn error_line(&mut self, text: &str) {
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(stderr, "  {text}");
    }
}
