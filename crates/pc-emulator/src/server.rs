//! Starting, driving and stopping an emulator.

use std::fmt;
use std::future::IntoFuture;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::app::{Shared, router};
use crate::config::{AccessKind, EmulatorConfig};
use crate::fault::ScriptedFault;
use crate::fault::{BreakableListener, ConnectionHandle, Timeouts};
use crate::lock;
use crate::received::ReceivedRequests;
use crate::snapshot::StateSnapshot;

/// Why an emulator could not start.
#[derive(Debug, thiserror::Error)]
pub enum EmulatorError {
    /// The configuration is inconsistent (e.g. a fault rate above 1).
    #[error("invalid emulator configuration: {0}")]
    Config(String),
    /// The address could not be bound (in use, not permitted, …).
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
}

/// Starts emulators.
#[derive(Debug, Clone, Copy)]
pub struct Emulator;

impl Emulator {
    /// Binds `config.bind` (by default `127.0.0.1:0`, a free port), starts serving on the current
    /// tokio runtime, and returns at once (it takes about a millisecond).
    ///
    /// The emulator runs until [`RunningEmulator::shutdown`] or until the [`RunningEmulator`] is
    /// dropped. Must be called inside a tokio runtime.
    ///
    /// # Errors
    /// [`EmulatorError::Config`] for an invalid configuration, [`EmulatorError::Bind`] when the
    /// address cannot be bound.
    pub async fn start(config: EmulatorConfig) -> Result<RunningEmulator, EmulatorError> {
        config.check().map_err(EmulatorError::Config)?;
        let listener =
            TcpListener::bind(config.bind)
                .await
                .map_err(|source| EmulatorError::Bind {
                    addr: config.bind,
                    source,
                })?;
        let addr = listener
            .local_addr()
            .map_err(|source| EmulatorError::Bind {
                addr: config.bind,
                source,
            })?;
        if let Some(warning) = config.exposure_warning() {
            tracing::warn!(target: "pc_emulator", "{warning}");
        }
        let url = format!("http://{addr}");
        let timeouts = Timeouts {
            header_read: config.header_read_timeout,
            idle: config.idle_timeout,
        };
        let shared = Arc::new(Shared::new(config, url.clone()));
        let app = router(Arc::clone(&shared));
        let (stop, stopped) = oneshot::channel::<()>();
        let serve = axum::serve(
            BreakableListener::new(listener, timeouts),
            app.into_make_service_with_connect_info::<ConnectionHandle>(),
        )
        .with_graceful_shutdown(async move {
            let _ = stopped.await;
        });
        let task = tokio::spawn(serve.into_future());
        tracing::info!(target: "pc_emulator", %url, "emulator listening");
        Ok(RunningEmulator {
            shared,
            addr,
            url,
            stop: Some(stop),
            task: Some(task),
        })
    }
}

/// A running emulator. Dropping it stops accepting connections (connections already open finish
/// their current request).
pub struct RunningEmulator {
    shared: Arc<Shared>,
    addr: SocketAddr,
    url: String,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

impl fmt::Debug for RunningEmulator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RunningEmulator")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

impl RunningEmulator {
    /// The base URL, e.g. `http://127.0.0.1:41234`: the API is under `/v1`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The token authority (the same base URL): tokens come from
    /// `{authority}/{tenant}/oauth2/token` (v1) or `{authority}/{tenant}/oauth2/v2.0/token` (v2).
    pub fn token_authority(&self) -> &str {
        &self.url
    }

    /// The configuration it started with.
    pub fn config(&self) -> &EmulatorConfig {
        &self.shared.config
    }

    /// A copy of its data and counters now.
    pub fn state(&self) -> StateSnapshot {
        self.shared.snapshot()
    }

    /// Queues faults for the next matching requests, after those already queued. Scripted faults
    /// apply to the API and token endpoints, before random faults.
    pub fn script_faults(&self, faults: impl IntoIterator<Item = ScriptedFault>) {
        self.shared.script_faults(faults);
    }

    /// Drops every queued fault.
    pub fn clear_faults(&self) {
        self.shared.clear_faults();
    }

    /// Turns idempotent replay on or off (already remembered answers are kept).
    pub fn set_replay(&self, enabled: bool) {
        self.shared.set_replay(enabled);
    }

    /// Changes the request budget per partner tenant and minute; `None` or `Some(0)` turns
    /// throttling off. Requests made while it was on still count in their minute; requests made
    /// while it was off do not, so a budget turned on starts with the next request.
    pub fn set_rate_limit(&self, per_minute: Option<u32>) {
        self.shared.set_rate_limit(per_minute);
    }

    /// The API requests received so far, in the order they arrived, with ids as numbered
    /// placeholders and tokens redacted (see [`crate::received`]): made for snapshot tests of the
    /// code that calls the emulator, e.g. `insta::assert_json_snapshot!(emulator.received())`.
    pub fn received(&self) -> ReceivedRequests {
        lock(&self.shared.received).snapshot()
    }

    /// Empties the record of received requests (and restarts its placeholders' numbering), e.g.
    /// after a test's setup.
    pub fn clear_received(&self) {
        lock(&self.shared.received).clear();
    }

    /// Back to the initial data: see the control API's `reset` for what is cleared and what is
    /// kept. The refresh token valid at start is valid again.
    pub fn reset(&self) {
        self.shared.reset();
    }

    /// A new access token of `kind` for the configured partner, valid for the configured
    /// lifetime, without going through the token endpoint.
    pub fn issue_token(&self, kind: AccessKind) -> String {
        self.shared.issue_token(kind)
    }

    /// Stops accepting connections, lets open requests finish (at most 5 seconds), and returns.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(mut task) = self.task.take()
            && tokio::time::timeout(Duration::from_secs(5), &mut task)
                .await
                .is_err()
        {
            task.abort();
        }
    }
}

impl Drop for RunningEmulator {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
