//! [`CallOptions`]: per-call settings.

use std::time::{Duration, Instant};

use pc_model::ValidationContext;

use crate::ids::{CorrelationId, RequestId};

/// Settings for one call of [`Transport::execute`](crate::Transport::execute). The default is
/// right for most calls: new ids, the transport's timeouts, local validation on.
///
/// ```
/// use std::time::Duration;
/// use pc_transport::{CallOptions, CorrelationId, RequestId};
///
/// let workflow = CorrelationId::new_v4();
/// // Stored before the first try, so that a restarted process retries with the same key.
/// let request_id: RequestId = "9f1c2a4e-1111-4b5c-9d2e-0123456789ab".parse()?;
/// let options = CallOptions::default()
///     .request_id(request_id)
///     .correlation_id(workflow)
///     .timeout(Duration::from_secs(300));
/// assert_eq!(options.request_id, Some(request_id));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct CallOptions {
    /// The `MS-RequestId` to send; a new one when `None`. Pass the same id only to repeat the
    /// same logical operation (e.g. after a restart); a new operation needs a new id.
    pub request_id: Option<RequestId>,
    /// The `MS-CorrelationId` to send; a new one when `None`.
    pub correlation_id: Option<CorrelationId>,
    /// The whole operation's time limit, replacing the transport's
    /// [`Timeouts::operation`](crate::Timeouts::operation).
    pub timeout: Option<Duration>,
    /// A point on the transport's clock ([`Clock::now`](crate::Clock::now)) by which the
    /// operation must end, whatever its `timeout`: the earlier of the two applies. For several
    /// operations that share one time limit, e.g. a lookup, a write and a read-back made for one
    /// call.
    pub deadline: Option<Instant>,
    /// One attempt's time limit, replacing the transport's
    /// [`Timeouts::attempt`](crate::Timeouts::attempt).
    pub attempt_timeout: Option<Duration>,
    /// Sends the body without local validation (for testing the service's own checks).
    pub skip_validation: bool,
    /// The validation context (country list, "now"); by default the transport clock's now and
    /// the default country list.
    pub validation_context: Option<ValidationContext>,
}

impl CallOptions {
    /// Sends this `MS-RequestId`.
    pub fn request_id(mut self, id: RequestId) -> Self {
        self.request_id = Some(id);
        self
    }

    /// Sends this `MS-CorrelationId`.
    pub fn correlation_id(mut self, id: CorrelationId) -> Self {
        self.correlation_id = Some(id);
        self
    }

    /// Limits the whole operation to `timeout`.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Ends the operation by `deadline` (on the transport's clock) at the latest.
    pub fn deadline(mut self, deadline: Instant) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// Limits each attempt to `timeout`.
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// Skips local validation when `skip` is true.
    pub fn skip_validation(mut self, skip: bool) -> Self {
        self.skip_validation = skip;
        self
    }

    /// Validates with this context.
    pub fn validation_context(mut self, ctx: ValidationContext) -> Self {
        self.validation_context = Some(ctx);
        self
    }
}
