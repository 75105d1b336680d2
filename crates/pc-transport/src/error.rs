//! [`Error`]: the one error type of the transport, with predicates and accessors.
//!
//! Every error says what happened ([`ErrorKind`]), whether the request may have reached the
//! service ([`Error::may_have_been_sent`]), whether an earlier attempt of the same operation may
//! have been applied ([`Error::earlier_attempt_may_have_applied`]) and carries the ids support
//! asks for (`MS-RequestId`, `MS-CorrelationId`, `MS-CV`). Its messages never contain tokens,
//! secrets, request bodies or success bodies (which may carry a new tenant's password).

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use pc_model::codes::AGREEMENT_EXISTS;
use pc_model::json::DecodeError;
use pc_model::operation::OperationSpec;
use pc_model::{Cloud, ErrorBody, ServiceError, Violations};

use crate::credential::CredentialError;
use crate::ids::{CorrelationId, RequestId};
use crate::retry::{AttemptOutcome, RETRYABLE_STATUSES};

/// What kind of failure an [`Error`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The request broke local validation rules; nothing was sent.
    Validation,
    /// The transport or the call is misconfigured (bad base URL, an operation not available in
    /// the cloud, …); nothing was sent.
    Configuration,
    /// No access token could be obtained; nothing was sent to Partner Center.
    Credential,
    /// The connection failed, or the answer was larger than
    /// [`TransportBuilder::max_response_bytes`](crate::TransportBuilder::max_response_bytes) and
    /// was not read; see [`Error::may_have_been_sent`].
    Connection,
    /// An attempt or the whole operation ran out of time; see [`Error::timeout_kind`].
    Timeout,
    /// The service answered with an error status.
    Service,
    /// The service answered with success, but the body could not be read.
    Decode,
}

/// Which time limit an operation ran into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeoutKind {
    /// One attempt took longer than the per-attempt timeout.
    Attempt,
    /// The whole operation reached its deadline.
    Operation,
}

/// A failed operation.
///
/// [`kind`](Self::kind) says what happened; [`may_have_been_sent`](Self::may_have_been_sent)
/// whether the last attempt may have reached the service;
/// [`earlier_attempt_may_have_applied`](Self::earlier_attempt_may_have_applied) whether an
/// earlier attempt may have been applied; the ids support asks for (`MS-RequestId`,
/// `MS-CorrelationId`, `MS-CV`) are in the message and behind accessors. The message and `Debug`
/// never contain tokens, secrets, request bodies or success bodies. No `reqwest` or `hyper` type
/// appears in its API; the underlying error is reachable through
/// [`source`](std::error::Error::source).
pub struct Error(Box<Inner>);

struct Inner {
    detail: Detail,
    operation: Option<&'static OperationSpec>,
    request_id: Option<RequestId>,
    correlation_id: Option<CorrelationId>,
    cv: Option<String>,
    server_id: Option<String>,
    attempts: u32,
    earlier_attempt_may_have_applied: bool,
    hint: Option<&'static str>,
    source: Option<Box<dyn StdError + Send + Sync + 'static>>,
}

enum Detail {
    Validation(Violations),
    Configuration(String),
    NotAvailable(Cloud),
    Credential(CredentialError),
    Connection {
        may_have_been_sent: bool,
        message: String,
    },
    Timeout {
        kind: TimeoutKind,
        limit: Duration,
        may_have_been_sent: bool,
    },
    TooLarge {
        limit: usize,
    },
    Service(Box<ServiceFailure>),
    Decode {
        status: u16,
        error: DecodeError,
    },
}

struct ServiceFailure {
    status: u16,
    body: ErrorBody,
    retry_after: Option<Duration>,
    raw: Bytes,
}

impl Error {
    fn from_detail(detail: Detail) -> Self {
        Self(Box::new(Inner {
            detail,
            operation: None,
            request_id: None,
            correlation_id: None,
            cv: None,
            server_id: None,
            attempts: 0,
            earlier_attempt_may_have_applied: false,
            hint: None,
            source: None,
        }))
    }

    pub(crate) fn validation(violations: Violations) -> Self {
        Self::from_detail(Detail::Validation(violations))
    }

    pub(crate) fn configuration(message: impl Into<String>) -> Self {
        Self::from_detail(Detail::Configuration(message.into()))
    }

    pub(crate) fn not_available(cloud: Cloud) -> Self {
        Self::from_detail(Detail::NotAvailable(cloud))
    }

    pub(crate) fn credential(error: CredentialError) -> Self {
        Self::from_detail(Detail::Credential(error))
    }

    pub(crate) fn connection(
        may_have_been_sent: bool,
        message: impl Into<String>,
        source: Option<Box<dyn StdError + Send + Sync>>,
    ) -> Self {
        let mut e = Self::from_detail(Detail::Connection {
            may_have_been_sent,
            message: message.into(),
        });
        e.0.source = source;
        e
    }

    pub(crate) fn too_large(limit: usize) -> Self {
        Self::from_detail(Detail::TooLarge { limit })
    }

    /// What happened to the attempt this error ends, as the retry decision reads it: each
    /// failure is classified here once.
    pub(crate) fn attempt_outcome(&self) -> AttemptOutcome {
        match &self.0.detail {
            Detail::Connection {
                may_have_been_sent: false,
                ..
            } => AttemptOutcome::ConnectFailed,
            Detail::Connection { .. } => AttemptOutcome::ConnectionLost,
            Detail::Timeout {
                kind: TimeoutKind::Operation,
                may_have_been_sent,
                ..
            } => AttemptOutcome::DeadlineReached {
                sent: *may_have_been_sent,
            },
            Detail::Timeout { .. } => AttemptOutcome::TimedOut,
            Detail::TooLarge { .. } => AttemptOutcome::AnswerTooLarge,
            Detail::Credential(e) => AttemptOutcome::CredentialFailed {
                transient: e.is_transient(),
            },
            Detail::Service(s) => AttemptOutcome::Status {
                status: s.status,
                retry_after: s.retry_after,
                is_retryable: s.body.is_retryable(),
            },
            Detail::Decode { status, .. } => AttemptOutcome::Status {
                status: *status,
                retry_after: None,
                is_retryable: Some(false),
            },
            Detail::Validation(_) | Detail::Configuration(_) | Detail::NotAvailable(_) => {
                AttemptOutcome::Refused
            }
        }
    }

    pub(crate) fn timeout(kind: TimeoutKind, limit: Duration, may_have_been_sent: bool) -> Self {
        Self::from_detail(Detail::Timeout {
            kind,
            limit,
            may_have_been_sent,
        })
    }

    /// A service error answer: `body` is `raw` parsed (once, by the caller, which reads the
    /// requested wait from it too).
    pub(crate) fn service(
        status: u16,
        raw: Bytes,
        body: ErrorBody,
        retry_after: Option<Duration>,
    ) -> Self {
        Self::from_detail(Detail::Service(Box::new(ServiceFailure {
            status,
            body,
            retry_after,
            raw,
        })))
    }

    pub(crate) fn decode(status: u16, error: DecodeError) -> Self {
        Self::from_detail(Detail::Decode { status, error })
    }

    pub(crate) fn with_operation(
        mut self,
        operation: &'static OperationSpec,
        request_id: RequestId,
        correlation_id: CorrelationId,
    ) -> Self {
        self.0.operation = Some(operation);
        self.0.request_id = Some(request_id);
        self.0.correlation_id = Some(correlation_id);
        self
    }

    pub(crate) fn for_operation(mut self, operation: &'static OperationSpec) -> Self {
        self.0.operation = Some(operation);
        self
    }

    pub(crate) fn with_response_ids(
        mut self,
        cv: Option<String>,
        server_id: Option<String>,
    ) -> Self {
        self.0.cv = cv;
        self.0.server_id = server_id;
        self
    }

    pub(crate) fn with_hint(mut self, hint: &'static str) -> Self {
        self.0.hint = Some(hint);
        self
    }

    /// What probably went wrong, when the transport can tell (e.g. an app-only token sent to an
    /// operation that needs App+User).
    pub fn hint(&self) -> Option<&'static str> {
        self.0.hint
    }

    pub(crate) fn with_attempts(mut self, attempts: u32, earlier_may_have_applied: bool) -> Self {
        self.0.attempts = attempts;
        self.0.earlier_attempt_may_have_applied = earlier_may_have_applied;
        self
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        match &self.0.detail {
            Detail::Validation(_) => ErrorKind::Validation,
            Detail::Configuration(_) | Detail::NotAvailable(_) => ErrorKind::Configuration,
            Detail::Credential(_) => ErrorKind::Credential,
            Detail::Connection { .. } | Detail::TooLarge { .. } => ErrorKind::Connection,
            Detail::Timeout { .. } => ErrorKind::Timeout,
            Detail::Service(_) => ErrorKind::Service,
            Detail::Decode { .. } => ErrorKind::Decode,
        }
    }

    /// Whether local validation refused the request (nothing was sent).
    pub fn is_validation(&self) -> bool {
        self.kind() == ErrorKind::Validation
    }

    /// Whether an attempt or the operation ran out of time.
    pub fn is_timeout(&self) -> bool {
        self.kind() == ErrorKind::Timeout
    }

    /// Which time limit was reached, for a timeout.
    pub fn timeout_kind(&self) -> Option<TimeoutKind> {
        match &self.0.detail {
            Detail::Timeout { kind, .. } => Some(*kind),
            _ => None,
        }
    }

    /// Whether the service answered `429 Too Many Requests`.
    pub fn is_throttled(&self) -> bool {
        self.status() == Some(429)
    }

    /// Whether trying the operation again later may succeed: connection failures, timeouts,
    /// transient token failures, and `408`, `429`, `500`, `502`, `503`, `504` unless the body
    /// says `"isRetryable": false`. Not an answer too large to read (the next one would be
    /// too), nor any other status (`501` included).
    pub fn is_transient(&self) -> bool {
        match &self.0.detail {
            Detail::Connection { .. } | Detail::Timeout { .. } => true,
            Detail::Credential(e) => e.is_transient(),
            Detail::Service(s) => {
                RETRYABLE_STATUSES.contains(&s.status) && s.body.is_retryable() != Some(false)
            }
            Detail::Validation(_)
            | Detail::Configuration(_)
            | Detail::NotAvailable(_)
            | Detail::TooLarge { .. }
            | Detail::Decode { .. } => false,
        }
    }

    /// Whether the last attempt's request may have reached the service. `false` for
    /// validation, configuration and credential errors and for connection failures before
    /// sending; `true` when the service answered, and when the connection broke or timed out
    /// after the request went out. For a `POST`, look at
    /// [`earlier_attempt_may_have_applied`](Self::earlier_attempt_may_have_applied) too.
    pub fn may_have_been_sent(&self) -> bool {
        match &self.0.detail {
            Detail::Validation(_)
            | Detail::Configuration(_)
            | Detail::NotAvailable(_)
            | Detail::Credential(_) => false,
            Detail::Connection {
                may_have_been_sent, ..
            }
            | Detail::Timeout {
                may_have_been_sent, ..
            } => *may_have_been_sent,
            Detail::Service(_) | Detail::Decode { .. } | Detail::TooLarge { .. } => true,
        }
    }

    /// Whether an earlier attempt of this operation failed in a way where the service may
    /// have acted (sent then timed out, connection lost after sending, `5xx`). After a retried
    /// `POST`, a "conflict" or "already exists" answer may be the earlier attempt's doing:
    /// reconcile by reading back.
    pub fn earlier_attempt_may_have_applied(&self) -> bool {
        self.0.earlier_attempt_may_have_applied
    }

    /// The cloud the operation does not exist in, when that is why it was refused (nothing was
    /// sent): agreement confirmation in the US Government and 21Vianet clouds.
    pub fn not_available_in(&self) -> Option<Cloud> {
        match &self.0.detail {
            Detail::NotAvailable(cloud) => Some(*cloud),
            _ => None,
        }
    }

    /// Whether a failed write may nevertheless have been applied by the service: the last attempt
    /// reached it and its answer was lost, timed out or was a `5xx`, or an earlier attempt ended
    /// that way (and the retry failed, e.g. because the first had worked). What `pc-client`'s
    /// reconciliation and a caller's rerun decide on. Meaningless for reads.
    pub fn may_have_applied(&self) -> bool {
        self.0.earlier_attempt_may_have_applied || self.attempt_outcome().may_have_applied()
    }

    /// Whether the service refused a write because what it would make exists already: a
    /// `409 Conflict` (a domain taken, a qualification of that kind already requested) or the
    /// code `600061` (the agreement already confirmed with that contact), whatever the body's
    /// other codes. Rerunning a script, match on this rather than on statuses or codes.
    ///
    /// Microsoft documents `600061`; the answer to a taken domain or a second qualification of
    /// a kind is not documented, and `409` is what the emulator answers and this predicate
    /// assumes. To learn whether a domain is taken before creating a customer, ask the
    /// documented domain check ([`CheckDomain`](pc_model::operations::CheckDomain)).
    pub fn already_exists(&self) -> bool {
        self.status() == Some(409) || self.code() == Some(AGREEMENT_EXISTS)
    }

    /// Whether the service answered `404 Not Found` (no such customer, or one created moments
    /// ago and not yet readable).
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }

    /// The HTTP status, when the service answered.
    pub fn status(&self) -> Option<u16> {
        match &self.0.detail {
            Detail::Service(s) => Some(s.status),
            Detail::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The error body, parsed (usual error, throttling body, or raw text).
    pub fn error_body(&self) -> Option<&ErrorBody> {
        match &self.0.detail {
            Detail::Service(s) => Some(&s.body),
            _ => None,
        }
    }

    /// The usual error body (`code`, `description`, `errorName`, `isRetryable`,
    /// `parameters`, …), when the body is one.
    pub fn service_error(&self) -> Option<&ServiceError> {
        self.error_body().and_then(ErrorBody::service)
    }

    /// The service's error code as text (e.g. `"600061"`), whether it came as a string or a
    /// number.
    pub fn code(&self) -> Option<&str> {
        self.error_body().and_then(ErrorBody::code)
    }

    /// The validation violations, for a validation error.
    pub fn violations(&self) -> Option<&Violations> {
        match &self.0.detail {
            Detail::Validation(v) => Some(v),
            _ => None,
        }
    }

    /// The decode failure (with its JSON pointer), for a decode error.
    pub fn decode_error(&self) -> Option<&DecodeError> {
        match &self.0.detail {
            Detail::Decode { error, .. } => Some(error),
            _ => None,
        }
    }

    /// The credential failure, for a credential error.
    pub fn credential_error(&self) -> Option<&CredentialError> {
        match &self.0.detail {
            Detail::Credential(e) => Some(e),
            _ => None,
        }
    }

    /// The wait the service asked for (`Retry-After`, else "Try again in N seconds" in the
    /// body), as it asked, before any clamping.
    pub fn retry_after(&self) -> Option<Duration> {
        match &self.0.detail {
            Detail::Service(s) => s.retry_after,
            _ => None,
        }
    }

    /// The error response's body as received. Kept for service errors only: success bodies
    /// that fail to decode are not kept, since they may carry a new tenant's password.
    pub fn raw_body(&self) -> Option<&[u8]> {
        match &self.0.detail {
            Detail::Service(s) => Some(&s.raw),
            _ => None,
        }
    }

    /// The operation's spec (its id, e.g. `createCustomer`, whether it is idempotent, …), when
    /// the error belongs to one.
    pub fn operation(&self) -> Option<&'static OperationSpec> {
        self.0.operation
    }

    /// The `MS-RequestId` sent (the same on every attempt).
    pub fn request_id(&self) -> Option<RequestId> {
        self.0.request_id
    }

    /// The `MS-CorrelationId` sent.
    pub fn correlation_id(&self) -> Option<CorrelationId> {
        self.0.correlation_id
    }

    /// The `MS-CV` of the failing attempt's answer, when there was one.
    pub fn cv(&self) -> Option<&str> {
        self.0.cv.as_deref()
    }

    /// The `MS-ServerId` of the failing attempt's answer, when there was one.
    pub fn server_id(&self) -> Option<&str> {
        self.0.server_id.as_deref()
    }

    /// Attempts made (0 when nothing was tried, e.g. a validation error).
    pub fn attempts(&self) -> u32 {
        self.0.attempts
    }
}

/// `text` on one line of at most `max_chars` characters (and `…`): control characters become
/// spaces, so a service's text cannot break a log line or drive a terminal.
pub(crate) fn one_line(text: &str, max_chars: usize) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(max_chars)
        .collect();
    if text.chars().count() > max_chars {
        format!("{}…", flat.trim_end())
    } else {
        flat.trim().to_owned()
    }
}

/// `limit` rounded up to whole milliseconds: an operation under a deadline shared with earlier
/// ones (see [`CallOptions::deadline`](crate::CallOptions::deadline)) starts a few microseconds
/// after it was set, and `10s` says more than `9.999639083s`.
fn whole_millis(limit: Duration) -> Duration {
    let millis = limit.as_nanos().div_ceil(1_000_000);
    Duration::from_millis(u64::try_from(millis).unwrap_or(u64::MAX))
}

fn reason_phrase(status: u16) -> &'static str {
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("")
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(op) = self.0.operation {
            write!(f, "{}: ", op.id)?;
        }
        match &self.0.detail {
            Detail::Validation(v) => {
                f.write_str("the request is invalid, nothing was sent: ")?;
                for (i, violation) in v.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{violation}")?;
                }
            }
            Detail::Configuration(message) => write!(f, "{message}")?,
            Detail::NotAvailable(cloud) => write!(
                f,
                "the operation is not available in the {cloud} cloud; nothing was sent"
            )?,
            Detail::Credential(e) => write!(f, "could not get an access token: {e}")?,
            Detail::Connection { message, .. } => f.write_str(message)?,
            Detail::TooLarge { limit } => write!(
                f,
                "the answer is larger than {limit} bytes and was not read"
            )?,
            Detail::Timeout {
                kind: TimeoutKind::Attempt,
                limit,
                ..
            } => write!(f, "no answer within the attempt timeout of {limit:?}")?,
            Detail::Timeout {
                kind: TimeoutKind::Operation,
                limit,
                ..
            } if limit.is_zero() => f.write_str(
                "the operation's deadline had passed before it started; nothing was sent",
            )?,
            Detail::Timeout {
                kind: TimeoutKind::Operation,
                limit,
                ..
            } => write!(
                f,
                "the operation did not finish within {:?}",
                whole_millis(*limit)
            )?,
            Detail::Service(s) => {
                write!(
                    f,
                    "the service answered {} {}",
                    s.status,
                    reason_phrase(s.status)
                )?;
                match &s.body {
                    ErrorBody::Service(e) => {
                        if let Some(code) = &e.code {
                            write!(f, ": {}", one_line(&code.to_string(), 64))?;
                        }
                        if let Some(name) = &e.error_name {
                            write!(f, " {}", one_line(name, 100))?;
                        }
                        if let Some(text) = e.description.as_deref().or(e.message.as_deref()) {
                            write!(f, ": {}", one_line(text, 500))?;
                        }
                    }
                    other => {
                        if let Some(text) = other.text() {
                            write!(f, ": {}", one_line(text, 200))?;
                        }
                    }
                }
            }
            Detail::Decode { status, error } => {
                let pointer = if error.pointer().is_empty() {
                    "/"
                } else {
                    error.pointer()
                };
                write!(f, "could not read the {status} answer at {pointer}")?;
            }
        }
        if let Some(hint) = self.0.hint {
            write!(f, " ({hint})")?;
        }
        let mut ids = Vec::new();
        if let Some(id) = self.0.request_id {
            ids.push(format!("MS-RequestId {id}"));
        }
        if let Some(id) = self.0.correlation_id {
            ids.push(format!("MS-CorrelationId {id}"));
        }
        if let Some(cv) = &self.0.cv {
            ids.push(format!("MS-CV {}", one_line(cv, 64)));
        }
        if self.0.attempts > 1 {
            ids.push(format!("{} attempts", self.0.attempts));
        }
        if !ids.is_empty() {
            write!(f, " [{}]", ids.join(", "))?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Error");
        d.field("kind", &self.kind())
            .field("operation", &self.0.operation.map(|op| op.id))
            .field("status", &self.status())
            .field("code", &self.code())
            .field("request_id", &self.0.request_id)
            .field("correlation_id", &self.0.correlation_id)
            .field("cv", &self.0.cv)
            .field("server_id", &self.0.server_id)
            .field("attempts", &self.0.attempts)
            .field("may_have_been_sent", &self.may_have_been_sent())
            .field(
                "earlier_attempt_may_have_applied",
                &self.0.earlier_attempt_may_have_applied,
            );
        match &self.0.detail {
            Detail::Validation(v) => d.field("violations", v),
            Detail::Configuration(m) => d.field("message", m),
            Detail::NotAvailable(cloud) => d.field("not_available_in", cloud),
            Detail::Credential(e) => d.field("credential", e),
            Detail::Connection { message, .. } => d.field("message", message),
            Detail::TooLarge { limit } => d.field("answer_limit", limit),
            Detail::Timeout { kind, limit, .. } => d.field("timeout", kind).field("limit", limit),
            Detail::Service(s) => d
                .field("body", &s.body)
                .field("retry_after", &s.retry_after)
                .field("raw_body_len", &s.raw.len()),
            Detail::Decode { error, .. } => d.field("decode", error),
        };
        d.finish()
    }
}

impl StdError for Error {
    /// The credential or decode failure, else the connection's underlying error.
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match &self.0.detail {
            Detail::Credential(e) => Some(e),
            Detail::Decode { error, .. } => Some(error),
            _ => self
                .0
                .source
                .as_deref()
                .map(|e| e as &(dyn StdError + 'static)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pc_model::{Violation, ViolationCode};

    fn service(status: u16, raw: Bytes, retry_after: Option<Duration>) -> Error {
        let body = ErrorBody::parse(&raw);
        Error::service(status, raw, body, retry_after)
    }

    fn ids(e: Error) -> Error {
        e.with_operation(
            &pc_model::operations::CREATE_AGREEMENT,
            "626099fe-17af-4756-9fd0-6a73b7127859".parse().unwrap(),
            "00000000-0000-0000-0000-000000000001".parse().unwrap(),
        )
        .with_response_ids(Some("abc.1".into()), Some("srv".into()))
    }

    #[test]
    fn service_error_with_everything_support_needs() {
        let raw = Bytes::from_static(
            br#"{"code":600061,"description":"An agreement already exists.","errorName":"PartnerConfirmedAgreementAlreadyExists","isRetryable":false}"#,
        );
        let e = ids(service(409, raw.clone(), None)).with_attempts(2, true);
        assert_eq!(e.kind(), ErrorKind::Service);
        assert_eq!(e.code(), Some("600061"));
        assert_eq!(e.status(), Some(409));
        assert!(!e.is_transient() && !e.is_throttled() && e.may_have_been_sent());
        assert!(e.earlier_attempt_may_have_applied());
        assert_eq!(e.raw_body(), Some(&raw[..]));
        assert_eq!(e.cv(), Some("abc.1"));
        assert_eq!(e.server_id(), Some("srv"));
        assert_eq!(
            e.to_string(),
            "createCustomerAgreement: the service answered 409 Conflict: 600061 \
             PartnerConfirmedAgreementAlreadyExists: An agreement already exists. \
             [MS-RequestId 626099fe-17af-4756-9fd0-6a73b7127859, \
             MS-CorrelationId 00000000-0000-0000-0000-000000000001, MS-CV abc.1, 2 attempts]"
        );
        let debug = format!("{e:?}");
        assert!(
            debug.contains(&format!("raw_body_len: {}", raw.len())),
            "{debug}"
        );
    }

    #[test]
    fn throttled_and_transient() {
        let e = service(
            429,
            Bytes::from_static(br#"{"statusCode":429,"message":"Rate limit is exceeded. Try again in 57 seconds."}"#),
            Some(Duration::from_secs(57)),
        );
        assert!(e.is_throttled() && e.is_transient());
        assert_eq!(e.retry_after(), Some(Duration::from_secs(57)));
        assert!(e.to_string().contains("Try again in 57 seconds"), "{e}");
        let no_retry = service(503, Bytes::from_static(br#"{"isRetryable":false}"#), None);
        assert!(!no_retry.is_transient());
    }

    #[test]
    fn local_failures_were_not_sent() {
        let v = Error::validation(Violations::from(Violation::new(
            "/companyProfile/domain",
            ViolationCode::Domain,
            "must end with .onmicrosoft.com",
        )));
        assert!(v.is_validation() && !v.may_have_been_sent() && v.attempts() == 0);
        assert_eq!(
            v.to_string(),
            "the request is invalid, nothing was sent: /companyProfile/domain: must end with .onmicrosoft.com"
        );
        let c = Error::credential(CredentialError::transient("down"));
        assert!(c.is_transient() && !c.may_have_been_sent());
        assert_eq!(c.source().unwrap().to_string(), "down");
        let t = Error::connection(false, "could not connect", None);
        assert!(t.is_transient() && !t.may_have_been_sent());
        let timeout = Error::timeout(TimeoutKind::Attempt, Duration::from_secs(30), true);
        assert!(timeout.is_timeout() && timeout.may_have_been_sent());
        assert_eq!(timeout.timeout_kind(), Some(TimeoutKind::Attempt));
        let deadline = Error::timeout(
            TimeoutKind::Operation,
            Duration::from_nanos(9_999_639_083),
            true,
        );
        assert_eq!(
            deadline.to_string(),
            "the operation did not finish within 10s"
        );
        let passed = Error::timeout(TimeoutKind::Operation, Duration::ZERO, false);
        assert_eq!(
            passed.to_string(),
            "the operation's deadline had passed before it started; nothing was sent"
        );
    }

    #[test]
    fn each_failure_is_classified_once_for_the_retry_decision_and_the_caller() {
        let cases = [
            (
                Error::connection(false, "x", None),
                AttemptOutcome::ConnectFailed,
                false,
            ),
            (
                Error::connection(true, "x", None),
                AttemptOutcome::ConnectionLost,
                true,
            ),
            (Error::too_large(10), AttemptOutcome::AnswerTooLarge, true),
            (
                Error::timeout(TimeoutKind::Attempt, Duration::from_secs(1), true),
                AttemptOutcome::TimedOut,
                true,
            ),
            (
                Error::timeout(TimeoutKind::Operation, Duration::from_secs(1), false),
                AttemptOutcome::DeadlineReached { sent: false },
                false,
            ),
            (Error::configuration("x"), AttemptOutcome::Refused, false),
            (
                service(503, Bytes::new(), None),
                AttemptOutcome::Status {
                    status: 503,
                    retry_after: None,
                    is_retryable: None,
                },
                true,
            ),
        ];
        for (error, outcome, applied) in cases {
            assert_eq!(error.attempt_outcome(), outcome, "{error:?}");
            assert_eq!(error.may_have_applied(), applied, "{error:?}");
            assert_eq!(outcome.may_have_applied(), applied, "{error:?}");
        }
        let big = Error::too_large(10);
        assert!(big.may_have_been_sent() && big.kind() == ErrorKind::Connection);
        assert_eq!(
            big.to_string(),
            "the answer is larger than 10 bytes and was not read"
        );
    }

    /// `is_transient` tells a caller what the retry policy decided: an error the transport would
    /// have retried (given attempts and time) is transient, one it gives up on at once is not.
    /// Two differences: a reached deadline (no retry fits, but a later call may succeed) and a
    /// `401` (retried once with a new token; a `401` that stays is not transient).
    #[test]
    fn transient_errors_are_the_ones_the_policy_retries() {
        use crate::retry::{RetryDecision, RetryInput, RetryPolicy};
        let errors = [
            Error::connection(false, "x", None),
            Error::connection(true, "x", None),
            Error::too_large(10),
            Error::timeout(TimeoutKind::Attempt, Duration::from_secs(1), true),
            Error::configuration("x"),
            Error::not_available(Cloud::China),
            Error::credential(CredentialError::transient("down")),
            Error::credential(CredentialError::new("refused")),
            Error::decode(200, pc_model::json::from_slice::<u32>(b"x").unwrap_err()),
            service(429, Bytes::new(), Some(Duration::from_secs(1))),
            service(400, Bytes::new(), None),
            service(409, Bytes::new(), None),
            service(501, Bytes::new(), None),
            service(503, Bytes::new(), None),
            service(503, Bytes::from_static(br#"{"isRetryable":false}"#), None),
        ];
        let input = RetryInput {
            idempotent: true,
            attempt: 1,
            remaining: None,
            token_refreshed: false,
            throttled_before: 0,
            jitter: 0.0,
        };
        for error in errors {
            let retried = matches!(
                RetryPolicy::default().decide(&input, &error.attempt_outcome()),
                RetryDecision::Retry { .. }
            );
            assert_eq!(error.is_transient(), retried, "{error:?}");
        }
        let deadline = Error::timeout(TimeoutKind::Operation, Duration::from_secs(1), true);
        assert!(deadline.is_transient());
    }

    #[test]
    fn odd_bodies_are_shown_on_one_line() {
        let e = service(
            502,
            Bytes::from_static(b"<html>\r\nBad gateway\r\n</html>"),
            None,
        );
        assert_eq!(
            e.to_string(),
            "the service answered 502 Bad Gateway: <html>  Bad gateway  </html>"
        );
        let empty = service(404, Bytes::new(), None);
        assert_eq!(empty.to_string(), "the service answered 404 Not Found");
    }
}
