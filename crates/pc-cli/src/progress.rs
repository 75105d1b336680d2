//! A spinner with a status line, for waits (vetting): on a terminal, a spinner on standard error;
//! off a terminal, each new status as a line on standard output, so a log of the run shows the
//! wait; in `--json` mode, nothing (the result is the one document).

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::output::{Output, terminal_safe};

/// A spinner on standard error, or status lines; cheap to clone (clones drive the same spinner).
#[derive(Clone)]
pub(crate) struct Spinner {
    bar: ProgressBar,
    /// Whether each status is printed as a line (human output off a terminal).
    lines: bool,
}

impl Spinner {
    /// Starts spinning with `message` (printed as a line off a terminal).
    pub(crate) fn new(out: &Output, message: &str) -> Self {
        let lines = !out.json() && !std::io::stderr().is_terminal();
        let bar = if out.json() || lines {
            ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden())
        } else {
            ProgressBar::new_spinner()
        };
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
            bar.set_style(style);
        }
        let spinner = Self { bar, lines };
        spinner.set(message);
        if !lines {
            spinner.bar.enable_steady_tick(Duration::from_millis(100));
        }
        spinner
    }

    /// Replaces the status line, made [`terminal_safe`]: it may carry the service's text.
    pub(crate) fn set(&self, message: &str) {
        if self.lines {
            Output::new(false).line(message);
        }
        self.bar.set_message(terminal_safe(message).into_owned());
    }

    /// Removes the spinner.
    pub(crate) fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
