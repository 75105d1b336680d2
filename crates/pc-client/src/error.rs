//! [`Error`]: everything a client call can fail with.

use pc_model::{Cloud, Qualification, QualificationKind, ServiceError, Violations};
use pc_transport::{CorrelationId, RequestId};

/// Why a client call failed.
///
/// Most failures come from sending an operation and keep the transport's full detail in
/// [`Error::Transport`]; the accessors below answer the common questions whatever the variant.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Sending an operation failed: local validation (nothing sent), credentials, network,
    /// timeout, a service error, or an answer that could not be read.
    #[error(transparent)]
    Transport(#[from] pc_transport::Error),

    /// An argument was refused before anything was sent (e.g. a domain that is not a domain
    /// name).
    #[error("invalid input, nothing was sent:\n{0}")]
    Invalid(Violations),

    /// The operation does not exist in the client's cloud; nothing was sent.
    #[error("{operation} is not available in the {cloud} Partner Center cloud; nothing was sent")]
    NotAvailableInCloud {
        /// The operation's id, e.g. `createCustomerAgreement`.
        operation: &'static str,
        /// The client's cloud.
        cloud: Cloud,
    },

    /// The service lists no template for the Microsoft Customer Agreement.
    #[error("the service returned no Microsoft Customer Agreement template")]
    NoAgreementTemplate,

    /// The customer has no qualification of the kind waited for: there is no vetting to wait
    /// for.
    #[error("the customer has no {kind} qualification, so there is no vetting to wait for")]
    NoSuchQualification {
        /// The qualification asked for.
        kind: QualificationKind,
    },

    /// Vetting did not finish before the deadline.
    #[error("vetting of the {kind} qualification did not finish in time (last seen: {})",
        last.as_ref().and_then(|q| q.vetting_status.as_ref()).map_or("nothing", |s| s.as_str()))]
    VettingDeadline {
        /// The qualification waited for.
        kind: QualificationKind,
        /// The last state seen, if a read answered before the deadline.
        last: Option<Box<Qualification>>,
    },

    /// The customer did not become readable before the deadline (the service may answer `404`
    /// for a while after creating it).
    #[error("the customer could not be read before the deadline")]
    CustomerNotReadable {
        /// The last failure.
        #[source]
        last: Box<pc_transport::Error>,
    },
}

impl Error {
    /// The transport error, when the failure came from sending an operation.
    pub fn transport(&self) -> Option<&pc_transport::Error> {
        match self {
            Error::Transport(e) => Some(e),
            Error::CustomerNotReadable { last } => Some(last),
            _ => None,
        }
    }

    /// Whether the call was refused locally before anything was sent: invalid input, an
    /// operation the cloud lacks, one that needs an App+User token from a credential that gives
    /// App-only tokens, or another configuration problem.
    pub fn is_local(&self) -> bool {
        match self {
            Error::Transport(e) => {
                e.is_validation() || e.kind() == pc_transport::ErrorKind::Configuration
            }
            Error::Invalid(_) | Error::NotAvailableInCloud { .. } => true,
            _ => false,
        }
    }

    /// Whether a request body or argument failed local validation (nothing was sent).
    pub fn is_validation(&self) -> bool {
        matches!(self, Error::Invalid(_)) || self.transport().is_some_and(|e| e.is_validation())
    }

    /// The validation violations, when that is the failure.
    pub fn violations(&self) -> Option<&Violations> {
        match self {
            Error::Invalid(v) => Some(v),
            _ => self.transport().and_then(|e| e.violations()),
        }
    }

    /// The HTTP status of the service's answer, when there was one.
    pub fn status(&self) -> Option<u16> {
        self.transport().and_then(|e| e.status())
    }

    /// The service's error code as text (e.g. `600061`), when its body had one.
    pub fn code(&self) -> Option<&str> {
        self.transport().and_then(|e| e.code())
    }

    /// The service's error body, when it was the usual kind.
    pub fn service_error(&self) -> Option<&ServiceError> {
        self.transport().and_then(|e| e.service_error())
    }

    /// Whether a request may have reached the service (so a change may have been made).
    pub fn may_have_been_sent(&self) -> bool {
        self.transport().is_some_and(|e| e.may_have_been_sent())
    }

    /// Whether the failed write may nevertheless have been applied: an attempt reached the service
    /// and its answer was lost, timed out or was a `5xx` (see the crate docs, "Safe under
    /// retries"). The client has already read back once; a caller that retries later (e.g. after
    /// a restart) must send the same `MS-RequestId` and read back again. Meaningless for reads.
    pub fn may_have_applied(&self) -> bool {
        self.transport()
            .is_some_and(crate::reconcile::may_have_applied)
    }

    /// The `MS-RequestId` of the failing operation, when a request was prepared.
    pub fn request_id(&self) -> Option<RequestId> {
        self.transport().and_then(|e| e.request_id())
    }

    /// The `MS-CorrelationId` of the failing operation, when a request was prepared.
    pub fn correlation_id(&self) -> Option<CorrelationId> {
        self.transport().and_then(|e| e.correlation_id())
    }

    /// The service's `MS-CV` of the failing attempt, when it answered.
    pub fn cv(&self) -> Option<&str> {
        self.transport().and_then(|e| e.cv())
    }
}
