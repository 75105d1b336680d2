//! The client's `tracing` output on standard error: `-v` shows each operation, retry and token
//! fetch (`info`), `-vv` each attempt as well (`debug`), `RUST_LOG` any filter (it wins over
//! `-v`). Without either, warnings and errors only (e.g. a rotated refresh token that could not
//! be stored).
//!
//! Secrets are redacted where the events are made (`pc-transport` never records a token, secret
//! or password); each line written here is also made
//! [`terminal_safe`](crate::output::terminal_safe), since an event may quote the service's text.

use std::io::Write;

use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

/// The crates whose events `-v` shows.
const CRATES: [&str; 4] = ["pc_client", "pc_transport", "pc_onboard", "pc"];

/// The filter for `verbosity` (the count of `-v`), unless `RUST_LOG` is set.
fn filter(verbosity: u8) -> EnvFilter {
    if let Ok(filter) = EnvFilter::try_from_default_env() {
        return filter;
    }
    let level = match verbosity {
        0 => "warn",
        1 => "info",
        _ => "debug",
    };
    let directives: Vec<String> = CRATES.iter().map(|c| format!("{c}={level}")).collect();
    EnvFilter::new(directives.join(","))
}

/// Sends the events allowed by `verbosity` or `RUST_LOG` to standard error.
pub(crate) fn init(verbosity: u8) {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter(verbosity))
        .with_writer(SafeStderr)
        .with_ansi(false)
        .with_target(verbosity >= 2)
        .try_init();
}

/// Writes each line to standard error made terminal-safe.
#[derive(Debug, Clone, Copy)]
struct SafeStderr;

impl<'a> MakeWriter<'a> for SafeStderr {
    type Writer = SafeLines;

    fn make_writer(&'a self) -> Self::Writer {
        SafeLines(Vec::new())
    }
}

/// One event's text, written when dropped (the formatter writes an event, then drops its
/// writer).
#[derive(Debug)]
struct SafeLines(Vec<u8>);

impl Write for SafeLines {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for SafeLines {
    fn drop(&mut self) {
        let text = String::from_utf8_lossy(&self.0);
        let mut stderr = std::io::stderr().lock();
        for line in text.lines() {
            let _ = writeln!(stderr, "{}", crate::output::terminal_safe(line));
        }
    }
}
