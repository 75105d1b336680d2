//! When to read back after a write, and the options of those reads.

use pc_transport::CallOptions;

/// Whether a failed write may nevertheless have been applied by the service: an earlier attempt
/// may have applied (it was sent and then lost, timed out or failed with `5xx`, and the retry
/// failed, e.g. because the first one had worked), or the last attempt itself ended that way.
pub(crate) fn may_have_applied(e: &pc_transport::Error) -> bool {
    if e.is_validation() {
        return false;
    }
    let last_ambiguous = match e.status() {
        Some(status) => status >= 500,
        None => e.may_have_been_sent(),
    };
    e.earlier_attempt_may_have_applied() || last_ambiguous
}

/// Options for a read made on behalf of a call: the same correlation id and deadline, a new
/// request id (the call's request id belongs to its write).
pub(crate) fn read_options(call: &CallOptions) -> CallOptions {
    let mut read = CallOptions::default();
    read.correlation_id = call.correlation_id;
    read.timeout = call.timeout;
    read
}
