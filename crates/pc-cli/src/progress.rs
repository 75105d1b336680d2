//! A spinner with a status line, for waits (vetting). Shown only on a terminal and never in
//! `--json` mode.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::output::Output;

/// A spinner on standard error; cheap to clone (clones drive the same spinner).
#[derive(Clone)]
pub(crate) struct Spinner {
    bar: ProgressBar,
}

impl Spinner {
    /// Starts spinning with `message`.
    pub(crate) fn new(out: &Output, message: &str) -> Self {
        let bar = if out.json() {
            ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden())
        } else {
            // Hidden by indicatif itself when standard error is not a terminal.
            ProgressBar::new_spinner()
        };
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
            bar.set_style(style);
        }
        bar.set_message(crate::output::terminal_safe(message).into_owned());
        bar.enable_steady_tick(Duration::from_millis(100));
        Self { bar }
    }

    /// Replaces the status line, made [`terminal_safe`](crate::output::terminal_safe): it may
    /// carry the service's text.
    pub(crate) fn set(&self, message: &str) {
        self.bar
            .set_message(crate::output::terminal_safe(message).into_owned());
    }

    /// Removes the spinner.
    pub(crate) fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
