//! [`Error`]: everything a client call can fail with.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use pc_model::json::DecodeError;
use pc_model::operation::OperationSpec;
use pc_model::operations::{CREATE_AGREEMENT, CREATE_CUSTOMER, CREATE_QUALIFICATION};
use pc_model::{Cloud, ErrorBody, Qualification, QualificationKind, ServiceError, Violations};
use pc_transport::{CorrelationId, RequestId};

/// Why a client call failed: one type for every failure, whether it happened before sending,
/// in the transport or in a convenience of the client.
///
/// [`kind`](Self::kind) says what happened, for a `match`; the predicates and accessors answer
/// the questions a caller asks (throttled? transient? exists already? may it have applied?
/// which ids?) whatever the kind. The representation is private: the transport's full detail is
/// kept inside and reached through these accessors and [`source`](std::error::Error::source).
/// Like the transport's, the message and `Debug` never contain tokens, secrets, request bodies
/// or success bodies.
pub struct Error(Box<Repr>);

enum Repr {
    /// Sending an operation failed: local validation (nothing sent), configuration (an
    /// operation the cloud lacks, …), credentials, network, timeout, a service error, or an
    /// answer that could not be read.
    Operation(pc_transport::Error),
    /// An argument was refused before anything was sent.
    Invalid(Violations),
    /// The service lists no template for the Microsoft Customer Agreement.
    NoAgreementTemplate,
    /// The customer has no qualification of the kind waited for.
    NoSuchQualification { kind: QualificationKind },
    /// Vetting did not finish before the deadline; the last state seen.
    VettingDeadline {
        kind: QualificationKind,
        last: Option<Qualification>,
    },
    /// The customer did not become readable before the deadline; the last failure.
    CustomerNotReadable { last: pc_transport::Error },
}

/// What kind of failure an [`Error`] is; see [`Error::kind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A request body or an argument broke local validation rules; nothing was sent. See
    /// [`Error::violations`].
    Validation,
    /// The operation does not exist in the client's cloud (agreement confirmation in the US
    /// Government and 21Vianet clouds); nothing was sent. See [`Error::not_available_in`].
    NotAvailableInCloud,
    /// As [`pc_transport::ErrorKind::Configuration`] (nothing sent), except an operation the
    /// cloud lacks, which is [`NotAvailableInCloud`](Self::NotAvailableInCloud).
    Configuration,
    /// As [`pc_transport::ErrorKind::Credential`].
    Credential,
    /// As [`pc_transport::ErrorKind::Connection`].
    Connection,
    /// As [`pc_transport::ErrorKind::Timeout`].
    Timeout,
    /// As [`pc_transport::ErrorKind::Service`]; see also [`Error::existing`].
    Service,
    /// As [`pc_transport::ErrorKind::Decode`].
    Decode,
    /// The service lists no template for the Microsoft Customer Agreement.
    NoAgreementTemplate,
    /// The customer has no qualification of the kind waited for: there is no vetting to wait
    /// for. See [`Error::qualification_kind`].
    NoSuchQualification,
    /// Vetting was not settled by the wait's deadline. See [`Error::qualification_kind`] and
    /// [`Error::last_seen`].
    VettingDeadline,
    /// The customer could not be read before the wait's deadline (the service may answer `404`
    /// for a while after creating it); the predicates describe the last failure.
    CustomerNotReadable,
}

/// What a refused write would have made, and exists already; see [`Error::existing`].
///
/// Microsoft documents the agreement's `600061`; the answers to a taken domain and to a second
/// qualification of a kind are not documented, and the client takes a `409` for them (what the
/// emulator answers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Existing {
    /// The domain is taken, by any partner's customer (creating a customer: `409`).
    /// [`Client::find_customer`](crate::Client::find_customer) tells whether it is yours;
    /// [`Client::check_domain`](crate::Client::check_domain) asks before creating.
    Domain,
    /// The agreement is already confirmed with that contact (`600061`).
    Agreement,
    /// The customer has a qualification of that kind already (`409`).
    Qualification,
}

impl Error {
    fn new(repr: Repr) -> Self {
        Self(Box::new(repr))
    }

    /// Vetting was not settled by the deadline; `last` is the last state seen.
    pub(crate) fn vetting_deadline(kind: QualificationKind, last: Option<Qualification>) -> Self {
        Self::new(Repr::VettingDeadline { kind, last })
    }

    /// The customer has no qualification of `kind` to wait for.
    pub(crate) fn no_such_qualification(kind: QualificationKind) -> Self {
        Self::new(Repr::NoSuchQualification { kind })
    }

    /// The service lists no Microsoft Customer Agreement template.
    pub(crate) fn no_agreement_template() -> Self {
        Self::new(Repr::NoAgreementTemplate)
    }

    /// The customer was still not readable at the deadline; `last` is the last failure.
    pub(crate) fn customer_not_readable(last: pc_transport::Error) -> Self {
        Self::new(Repr::CustomerNotReadable { last })
    }

    /// The error of the operation that failed, for the predicates below.
    fn sent(&self) -> Option<&pc_transport::Error> {
        match &*self.0 {
            Repr::Operation(e) | Repr::CustomerNotReadable { last: e } => Some(e),
            _ => None,
        }
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        use pc_transport::ErrorKind as Sent;
        match &*self.0 {
            Repr::Operation(e) if e.not_available_in().is_some() => ErrorKind::NotAvailableInCloud,
            Repr::Operation(e) => match e.kind() {
                Sent::Validation => ErrorKind::Validation,
                Sent::Configuration => ErrorKind::Configuration,
                Sent::Credential => ErrorKind::Credential,
                Sent::Connection => ErrorKind::Connection,
                Sent::Timeout => ErrorKind::Timeout,
                Sent::Service => ErrorKind::Service,
                // `pc_transport::ErrorKind` is non-exhaustive: a kind added there reads as a
                // failure to read the answer until it has a name here.
                _ => ErrorKind::Decode,
            },
            Repr::Invalid(_) => ErrorKind::Validation,
            Repr::NoAgreementTemplate => ErrorKind::NoAgreementTemplate,
            Repr::NoSuchQualification { .. } => ErrorKind::NoSuchQualification,
            Repr::VettingDeadline { .. } => ErrorKind::VettingDeadline,
            Repr::CustomerNotReadable { .. } => ErrorKind::CustomerNotReadable,
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
        matches!(
            self.kind(),
            ErrorKind::Validation | ErrorKind::NotAvailableInCloud | ErrorKind::Configuration
        )
    }

    /// Whether a request body or argument failed local validation (nothing was sent).
    pub fn is_validation(&self) -> bool {
        self.kind() == ErrorKind::Validation
    }

    /// The validation violations, when that is the failure.
    pub fn violations(&self) -> Option<&Violations> {
        match &*self.0 {
            Repr::Invalid(v) => Some(v),
            _ => self.sent().and_then(|e| e.violations()),
        }
    }

    /// The cloud the operation does not exist in, when that is why it was refused (nothing was
    /// sent): agreement confirmation in the US Government and 21Vianet clouds.
    pub fn not_available_in(&self) -> Option<Cloud> {
        self.sent().and_then(pc_transport::Error::not_available_in)
    }

    /// The qualification waited for, when a wait for vetting failed
    /// ([`ErrorKind::NoSuchQualification`], [`ErrorKind::VettingDeadline`]).
    pub fn qualification_kind(&self) -> Option<&QualificationKind> {
        match &*self.0 {
            Repr::NoSuchQualification { kind } | Repr::VettingDeadline { kind, .. } => Some(kind),
            _ => None,
        }
    }

    /// The last state of the qualification seen before the deadline, for
    /// [`ErrorKind::VettingDeadline`] (`None` when no read answered in time).
    pub fn last_seen(&self) -> Option<&Qualification> {
        match &*self.0 {
            Repr::VettingDeadline { last, .. } => last.as_ref(),
            _ => None,
        }
    }

    /// Whether the service answered `429 Too Many Requests`, still after the waits and retries
    /// the client's [`RetryPolicy`](crate::RetryPolicy) allows; [`retry_after`](Self::retry_after)
    /// is the wait it asked for.
    pub fn is_throttled(&self) -> bool {
        self.sent().is_some_and(|e| e.is_throttled())
    }

    /// Whether trying again later may succeed: connection failures, timeouts, transient token
    /// failures, and `408`, `429`, `500`, `502`, `503`, `504` unless the service said
    /// `"isRetryable": false` (as [`pc_transport::Error::is_transient`]). For
    /// [`ErrorKind::CustomerNotReadable`], whether its last read's failure was; `false` for the
    /// client's other kinds ([`ErrorKind::VettingDeadline`] included: wait again to learn more).
    pub fn is_transient(&self) -> bool {
        self.sent().is_some_and(|e| e.is_transient())
    }

    /// Whether an attempt or the call ran out of time. For
    /// [`ErrorKind::CustomerNotReadable`], whether its last read did; never for
    /// [`ErrorKind::VettingDeadline`].
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

    /// The service's `MS-ServerId` of the failing attempt, when it answered.
    pub fn server_id(&self) -> Option<&str> {
        self.sent().and_then(|e| e.server_id())
    }

    /// Attempts made by the failing operation (0 when nothing was tried, e.g. a validation
    /// error, or when no operation failed).
    pub fn attempts(&self) -> u32 {
        self.sent().map_or(0, pc_transport::Error::attempts)
    }

    /// What probably went wrong, when the transport can tell (e.g. an App-only token sent to an
    /// operation that needs App+User).
    pub fn hint(&self) -> Option<&'static str> {
        self.sent().and_then(pc_transport::Error::hint)
    }

    /// The service's error body, parsed (the usual error, a throttling body, or raw text).
    pub fn error_body(&self) -> Option<&ErrorBody> {
        self.sent().and_then(|e| e.error_body())
    }

    /// The error answer's body as received (service errors only: a success body that could not
    /// be read is not kept, since it may carry a new tenant's password).
    pub fn raw_body(&self) -> Option<&[u8]> {
        self.sent().and_then(|e| e.raw_body())
    }

    /// Why a success answer could not be read (with its JSON pointer), for
    /// [`ErrorKind::Decode`].
    pub fn decode_error(&self) -> Option<&DecodeError> {
        self.sent().and_then(|e| e.decode_error())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.0 {
            Repr::Operation(e) => match (e.not_available_in(), e.operation()) {
                (Some(cloud), Some(op)) => write!(
                    f,
                    "{} is not available in the {cloud} Partner Center cloud; nothing was sent",
                    op.id
                ),
                _ => fmt::Display::fmt(e, f),
            },
            Repr::Invalid(v) => write!(f, "invalid input, nothing was sent:\n{v}"),
            Repr::NoAgreementTemplate => {
                f.write_str("the service returned no Microsoft Customer Agreement template")
            }
            Repr::NoSuchQualification { kind } => write!(
                f,
                "the customer has no {kind} qualification, so there is no vetting to wait for"
            ),
            Repr::VettingDeadline { kind, last } => write!(
                f,
                "vetting of the {kind} qualification did not finish in time (last seen: {})",
                last.as_ref()
                    .and_then(|q| q.vetting_status.as_ref())
                    .map_or("nothing", |s| s.as_str())
            ),
            Repr::CustomerNotReadable { .. } => {
                f.write_str("the customer could not be read before the deadline")
            }
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.0 {
            // The transport's `Debug` shows every detail without secrets.
            Repr::Operation(e) => fmt::Debug::fmt(e, f),
            Repr::Invalid(v) => f.debug_tuple("Invalid").field(v).finish(),
            Repr::NoAgreementTemplate => f.write_str("NoAgreementTemplate"),
            Repr::NoSuchQualification { kind } => f
                .debug_struct("NoSuchQualification")
                .field("kind", kind)
                .finish(),
            Repr::VettingDeadline { kind, last } => f
                .debug_struct("VettingDeadline")
                .field("kind", kind)
                .field("last", last)
                .finish(),
            Repr::CustomerNotReadable { last } => f
                .debug_struct("CustomerNotReadable")
                .field("last", last)
                .finish(),
        }
    }
}

impl StdError for Error {
    /// The failed operation's underlying error (a credential, decode or connection failure);
    /// for [`ErrorKind::CustomerNotReadable`], the last read's failure.
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match &*self.0 {
            Repr::Operation(e) => e.source(),
            Repr::CustomerNotReadable { last } => Some(last),
            _ => None,
        }
    }
}

/// Arguments refused before anything was sent ([`ErrorKind::Validation`]), e.g. a value a
/// caller checked itself.
impl From<Violations> for Error {
    fn from(violations: Violations) -> Self {
        Self::new(Repr::Invalid(violations))
    }
}

/// Any failure of an operation, classified by [`Error::kind`].
impl From<pc_transport::Error> for Error {
    fn from(e: pc_transport::Error) -> Self {
        Self::new(Repr::Operation(e))
    }
}
