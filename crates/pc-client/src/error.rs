//! [`Error`]: everything a client call can fail with.

use std::time::Duration;

use pc_model::operation::OperationSpec;
use pc_model::operations::{CREATE_AGREEMENT, CREATE_CUSTOMER, CREATE_QUALIFICATION};
use pc_model::{Cloud, Qualification, QualificationKind, ServiceError, Violations};
use pc_transport::{CorrelationId, RequestId};

/// Why a client call failed.
///
/// Most failures come from sending an operation and keep `pc-transport`'s full detail in
/// [`Error::Transport`]; the predicates and accessors below answer the questions a caller asks
/// (throttled? transient? exists already? may it have applied?) whatever the variant, so no
/// caller needs to reach into it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Sending an operation failed: local validation (nothing sent), credentials, network,
    /// timeout, a service error, or an answer that could not be read.
    #[error(transparent)]
    Transport(pc_transport::Error),

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

/// What a refused write would have made, and exists already; see [`Error::existing`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Existing {
    /// The domain is taken (creating a customer: `409`).
    Domain,
    /// The agreement is already confirmed with that contact (`600061`).
    Agreement,
    /// The customer has a qualification of that kind already (`409`).
    Qualification,
}

impl Error {
    /// The error of the operation that failed, for the predicates below.
    fn sent(&self) -> Option<&pc_transport::Error> {
        match self {
            Error::Transport(e) => Some(e),
            Error::CustomerNotReadable { last } => Some(last),
            _ => None,
        }
    }

    /// The operation's spec (its id, whether it is a write, …), when an operation failed.
    pub fn operation(&self) -> Option<&'static OperationSpec> {
        self.sent().and_then(pc_transport::Error::operation)
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
        matches!(self, Error::Invalid(_)) || self.sent().is_some_and(|e| e.is_validation())
    }

    /// The validation violations, when that is the failure.
    pub fn violations(&self) -> Option<&Violations> {
        match self {
            Error::Invalid(v) => Some(v),
            _ => self.sent().and_then(|e| e.violations()),
        }
    }

    /// Whether the service answered `429 Too Many Requests` (after the retries allowed).
    pub fn is_throttled(&self) -> bool {
        self.sent().is_some_and(|e| e.is_throttled())
    }

    /// Whether trying again later may succeed (connection failures, timeouts, `408`, `429`,
    /// `5xx` unless the service said `"isRetryable": false`, transient token failures).
    pub fn is_transient(&self) -> bool {
        self.sent().is_some_and(|e| e.is_transient())
    }

    /// Whether an attempt or the call ran out of time.
    pub fn is_timeout(&self) -> bool {
        self.sent().is_some_and(|e| e.is_timeout())
    }

    /// Which time limit was reached, for a timeout.
    pub fn timeout_kind(&self) -> Option<pc_transport::TimeoutKind> {
        self.sent().and_then(|e| e.timeout_kind())
    }

    /// The wait the service asked for (`Retry-After`, else the throttling body), as it asked.
    pub fn retry_after(&self) -> Option<Duration> {
        self.sent().and_then(|e| e.retry_after())
    }

    /// Whether what the write would have made exists already: the domain taken, the agreement
    /// already confirmed (`600061`), the qualification already requested. One predicate for
    /// the three writes, so a rerun script need not match on `409`, codes or the emulator's
    /// `EMU-` codes; [`existing`](Self::existing) says which.
    pub fn already_exists(&self) -> bool {
        self.sent().is_some_and(|e| e.already_exists())
    }

    /// What exists already, when [`already_exists`](Self::already_exists) holds for one of the
    /// three writes.
    pub fn existing(&self) -> Option<Existing> {
        let e = self.sent().filter(|e| e.already_exists())?;
        match e.operation()?.id {
            id if id == CREATE_CUSTOMER.id => Some(Existing::Domain),
            id if id == CREATE_AGREEMENT.id => Some(Existing::Agreement),
            id if id == CREATE_QUALIFICATION.id => Some(Existing::Qualification),
            _ => None,
        }
    }

    /// Whether the service answered `404 Not Found` (no such customer, or not readable yet).
    pub fn is_not_found(&self) -> bool {
        self.sent().is_some_and(|e| e.is_not_found())
    }

    /// The HTTP status of the service's answer, when there was one.
    pub fn status(&self) -> Option<u16> {
        self.sent().and_then(|e| e.status())
    }

    /// The service's error code as text (e.g. `600061`), when its body had one.
    pub fn code(&self) -> Option<&str> {
        self.sent().and_then(|e| e.code())
    }

    /// The service's error body, when it was the usual kind.
    pub fn service_error(&self) -> Option<&ServiceError> {
        self.sent().and_then(|e| e.service_error())
    }

    /// Whether a request may have reached the service (so a change may have been made).
    pub fn may_have_been_sent(&self) -> bool {
        self.sent().is_some_and(|e| e.may_have_been_sent())
    }

    /// Whether an earlier attempt of the failed operation may have been applied (its answer lost,
    /// timed out or a `5xx`) before the last one failed.
    pub fn earlier_attempt_may_have_applied(&self) -> bool {
        self.sent()
            .is_some_and(|e| e.earlier_attempt_may_have_applied())
    }

    /// Whether the failed write may nevertheless have been applied: an attempt reached the service
    /// and its answer was lost, timed out or was a `5xx` (see the crate docs, "Safe under
    /// retries"). The client has already read back once; a caller that retries later (e.g. after
    /// a restart) must send the same `MS-RequestId` and read back again. Meaningless for reads.
    pub fn may_have_applied(&self) -> bool {
        self.sent().is_some_and(|e| e.may_have_applied())
    }

    /// The `MS-RequestId` of the failing operation, when a request was prepared.
    pub fn request_id(&self) -> Option<RequestId> {
        self.sent().and_then(|e| e.request_id())
    }

    /// The `MS-CorrelationId` of the failing operation, when a request was prepared.
    pub fn correlation_id(&self) -> Option<CorrelationId> {
        self.sent().and_then(|e| e.correlation_id())
    }

    /// The service's `MS-CV` of the failing attempt, when it answered.
    pub fn cv(&self) -> Option<&str> {
        self.sent().and_then(|e| e.cv())
    }
}

/// An operation refused because the cloud lacks it becomes [`Error::NotAvailableInCloud`]; any
/// other failure [`Error::Transport`].
impl From<pc_transport::Error> for Error {
    fn from(e: pc_transport::Error) -> Self {
        match (e.not_available_in(), e.operation()) {
            (Some(cloud), Some(op)) => Error::NotAvailableInCloud {
                operation: op.id,
                cloud,
            },
            _ => Error::Transport(e),
        }
    }
}
