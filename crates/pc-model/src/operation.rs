//! Operations described as data, and the [`Endpoint`] trait that makes one call of an operation a
//! value.
//!
//! An [`OperationSpec`] says what the service documents about an operation: method, path template
//! and its typed parameters, query parameters, request and response bodies, whether repeating it
//! is harmless, which authentication and clouds it needs. The client executes [`Endpoint`] values
//! built from these; the OpenAPI export reads the same specs. Nothing here does HTTP.

use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::cloud::Cloud;
use crate::collection::ItemList;
use crate::json::{self, DecodeError};
use crate::validation::{ValidationContext, Violations};

/// An HTTP method, as the operations use them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`.
    Get,
    /// `HEAD`.
    Head,
    /// `POST`.
    Post,
}

impl Method {
    /// The method's name, e.g. `"POST"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Head => "HEAD",
            Method::Post => "POST",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which tokens an operation accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Auth {
    /// Only App+User (delegated) tokens.
    AppAndUser,
    /// App-only or App+User tokens.
    AppOrAppAndUser,
}

/// The type of a path or query parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    /// A GUID.
    Guid,
    /// A DNS domain name.
    Domain,
    /// One of a set of strings (open: other values may be accepted by the service).
    OneOf(&'static [&'static str]),
    /// A [`CustomerFilter`](crate::CustomerFilter), as JSON text.
    CustomerFilter,
    /// An integer from `min` to `max`.
    Integer {
        /// The smallest value accepted.
        min: u32,
        /// The largest value accepted.
        max: u32,
    },
}

/// A path or query parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParamSpec {
    /// Its name on the wire, e.g. `customerTenantId` in `{customerTenantId}`.
    pub name: &'static str,
    /// What it is.
    pub description: &'static str,
    /// Its type.
    pub kind: ParamKind,
    /// Whether it must be given.
    pub required: bool,
}

/// Whether a body is something we send or something we accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Contract {
    /// A request body: the canonical body we send.
    Request,
    /// A response body: what we accept from the service.
    Response,
}

/// A named body. Each has one JSON Schema file, `schemas/<file_stem>.schema.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BodyRef {
    /// [`CreateCustomerRequest`](crate::customer::CreateCustomerRequest).
    CustomerCreateRequest,
    /// [`CreateAgreementRequest`](crate::agreement::CreateAgreementRequest).
    AgreementCreateRequest,
    /// [`CreateQualificationRequest`](crate::qualification::CreateQualificationRequest).
    QualificationCreateRequest,
    /// [`Customer`](crate::customer::Customer).
    Customer,
    /// A [`Collection`](crate::collection::Collection) of customers.
    CustomerCollection,
    /// [`Agreement`](crate::agreement::Agreement).
    Agreement,
    /// A [`Collection`](crate::collection::Collection) of agreements.
    AgreementCollection,
    /// A [`Collection`](crate::collection::Collection) of agreement metadata.
    AgreementMetadataCollection,
    /// [`Qualification`](crate::qualification::Qualification).
    Qualification,
    /// [`QualificationsEnvelope`](crate::QualificationsEnvelope): the
    /// `{"qualifications": [...]}` answer one reference page shows for a qualification create.
    QualificationsEnvelope,
    /// A list of qualifications (bare array).
    QualificationList,
    /// A list of validation codes (bare array).
    ValidationCodeList,
    /// [`ServiceError`](crate::error::ServiceError).
    Error,
    /// [`ThrottlingError`](crate::error::ThrottlingError).
    ThrottlingError,
}

impl BodyRef {
    /// Every body, requests first.
    pub const ALL: [BodyRef; 14] = [
        BodyRef::CustomerCreateRequest,
        BodyRef::AgreementCreateRequest,
        BodyRef::QualificationCreateRequest,
        BodyRef::Customer,
        BodyRef::CustomerCollection,
        BodyRef::Agreement,
        BodyRef::AgreementCollection,
        BodyRef::AgreementMetadataCollection,
        BodyRef::Qualification,
        BodyRef::QualificationsEnvelope,
        BodyRef::QualificationList,
        BodyRef::ValidationCodeList,
        BodyRef::Error,
        BodyRef::ThrottlingError,
    ];

    /// The schema file's stem, e.g. `customer-create-request`.
    pub fn file_stem(self) -> &'static str {
        match self {
            BodyRef::CustomerCreateRequest => "customer-create-request",
            BodyRef::AgreementCreateRequest => "agreement-create-request",
            BodyRef::QualificationCreateRequest => "qualification-create-request",
            BodyRef::Customer => "customer",
            BodyRef::CustomerCollection => "customer-collection",
            BodyRef::Agreement => "agreement",
            BodyRef::AgreementCollection => "agreement-collection",
            BodyRef::AgreementMetadataCollection => "agreement-metadata-collection",
            BodyRef::Qualification => "qualification",
            BodyRef::QualificationsEnvelope => "qualifications-envelope",
            BodyRef::QualificationList => "qualification-list",
            BodyRef::ValidationCodeList => "validation-code-list",
            BodyRef::Error => "error",
            BodyRef::ThrottlingError => "throttling-error",
        }
    }

    /// Whether we send it or accept it.
    pub fn contract(self) -> Contract {
        match self {
            BodyRef::CustomerCreateRequest
            | BodyRef::AgreementCreateRequest
            | BodyRef::QualificationCreateRequest => Contract::Request,
            _ => Contract::Response,
        }
    }
}

/// A documented response of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResponseSpec {
    /// The HTTP status.
    pub status: u16,
    /// What it means.
    pub description: &'static str,
    /// Its body, if it has one.
    pub body: Option<BodyRef>,
}

/// Error responses every operation may give, in addition to its own [`OperationSpec::responses`].
pub const COMMON_ERROR_RESPONSES: &[ResponseSpec] = &[
    ResponseSpec {
        status: 400,
        description: "The request is invalid; the body says why.",
        body: Some(BodyRef::Error),
    },
    ResponseSpec {
        status: 401,
        description: "The token is missing, expired or invalid.",
        body: Some(BodyRef::Error),
    },
    ResponseSpec {
        status: 403,
        description: "The token may not perform this operation (e.g. an App-only token where App+User is required).",
        body: Some(BodyRef::Error),
    },
    ResponseSpec {
        status: 429,
        description: "Too many requests; wait for Retry-After.",
        body: Some(BodyRef::ThrottlingError),
    },
    ResponseSpec {
        status: 500,
        description: "Unexpected service error.",
        body: Some(BodyRef::Error),
    },
    ResponseSpec {
        status: 503,
        description: "Service unavailable; retry after Retry-After.",
        body: Some(BodyRef::Error),
    },
];

/// Error responses of every operation with a request body, in addition to
/// [`COMMON_ERROR_RESPONSES`]. The service documents neither: both are the emulator's answers
/// (its codes start with `EMU-`), listed so that a client knows every status it may meet.
pub const BODY_ERROR_RESPONSES: &[ResponseSpec] = &[
    ResponseSpec {
        status: 413,
        description: "The request body is larger than 1 MiB (the emulator's limit; the service's is undocumented).",
        body: Some(BodyRef::Error),
    },
    ResponseSpec {
        status: 422,
        description: "The MS-RequestId was already used for a different request (method, path or body): use a new MS-RequestId for a new operation. The emulator's answer; the service does not document what it does.",
        body: Some(BodyRef::Error),
    },
];

/// What the service documents about one operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationSpec {
    /// A stable camelCase id, e.g. `createCustomer` (the OpenAPI `operationId`).
    pub id: &'static str,
    /// Its number in the specification's table of operations, when it has one.
    pub number: Option<u8>,
    /// One line.
    pub summary: &'static str,
    /// Behaviour worth knowing.
    pub description: &'static str,
    /// The method.
    pub method: Method,
    /// The path template, e.g. `/v1/customers/{customerTenantId}/agreements`.
    pub path: &'static str,
    /// The parameters in the path template, in order.
    pub path_params: &'static [ParamSpec],
    /// The query parameters.
    pub query_params: &'static [ParamSpec],
    /// The request body, if any.
    pub request_body: Option<BodyRef>,
    /// The operation's own responses: success first, then errors particular to it.
    pub responses: &'static [ResponseSpec],
    /// Whether repeating the request is harmless. `false` for POSTs: they are made safe to retry
    /// by resending the same `MS-RequestId` and by reconciling.
    pub idempotent: bool,
    /// Which tokens it accepts; where that depends on the body, the strictest
    /// ([`Endpoint::auth`] says it for one call).
    pub auth: Auth,
    /// The clouds in which it exists.
    pub clouds: &'static [Cloud],
}

impl OperationSpec {
    /// Whether the operation exists in `cloud`.
    pub fn available_in(&self, cloud: Cloud) -> bool {
        self.clouds.contains(&cloud)
    }

    /// Every response the operation may give, by status: its own
    /// [`responses`](Self::responses), then the [`COMMON_ERROR_RESPONSES`] and, when it takes a
    /// body, the [`BODY_ERROR_RESPONSES`] it does not describe itself. A `HEAD` response never
    /// has a body, so none of a `HEAD` operation's responses names one.
    pub fn all_responses(&self) -> Vec<ResponseSpec> {
        let body_errors = match self.request_body {
            Some(_) => BODY_ERROR_RESPONSES,
            None => &[],
        };
        let mut all: Vec<ResponseSpec> = self.responses.to_vec();
        for extra in COMMON_ERROR_RESPONSES.iter().chain(body_errors) {
            if all.iter().all(|r| r.status != extra.status) {
                all.push(*extra);
            }
        }
        all.sort_by_key(|r| r.status);
        if self.method == Method::Head {
            for r in &mut all {
                r.body = None;
            }
        }
        all
    }
}

/// The body type of an operation without one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum NoBody {}

/// A value read from a successful answer: what [`Endpoint::decode`] returns unless an operation
/// reads its answer its own way.
///
/// The JSON bodies (a customer, an agreement, a qualification, a collection) are decoded with
/// [`json::from_slice`]; a `Vec` accepts the documented bare array or a collection object (see
/// [`ItemList`]); `()` ignores the body.
pub trait FromAnswer: Sized {
    /// Reads the answer's `status` and `body`.
    ///
    /// # Errors
    /// [`DecodeError`] with the JSON pointer of the first problem.
    fn from_answer(status: u16, body: &[u8]) -> Result<Self, DecodeError>;
}

macro_rules! json_answers {
    ($($ty:ty),* $(,)?) => {$(
        impl FromAnswer for $ty {
            fn from_answer(_status: u16, body: &[u8]) -> Result<Self, DecodeError> {
                json::from_slice(body)
            }
        }
    )*};
}

json_answers!(
    crate::customer::Customer,
    crate::agreement::Agreement,
    crate::qualification::Qualification,
);

impl<T: DeserializeOwned> FromAnswer for crate::collection::Collection<T> {
    fn from_answer(_status: u16, body: &[u8]) -> Result<Self, DecodeError> {
        json::from_slice(body)
    }
}

impl<T: DeserializeOwned> FromAnswer for Vec<T> {
    fn from_answer(_status: u16, body: &[u8]) -> Result<Self, DecodeError> {
        json::from_slice::<ItemList<T>>(body).map(Vec::from)
    }
}

impl FromAnswer for () {
    fn from_answer(_status: u16, _body: &[u8]) -> Result<Self, DecodeError> {
        Ok(())
    }
}

/// One call of an operation as a value: it knows its spec, path, query and body, how to check
/// itself before sending, and how to read the service's answer.
///
/// The operations of [`crate::operations`] implement it through the table there, which writes
/// each path once (in the spec) and fills it with [`fill_path`].
pub trait Endpoint {
    /// The request body type ([`NoBody`] when there is none).
    type Body: Serialize;
    /// What a successful call returns.
    type Output: FromAnswer;

    /// The operation's description.
    fn spec(&self) -> &'static OperationSpec;

    /// The path with its parameters filled in and percent-encoded, e.g.
    /// `/v1/customers/626099fe-17af-4756-9fd0-6a73b7127859/agreements`.
    fn path(&self) -> String;

    /// Query parameters, in order, not yet encoded.
    fn query(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }

    /// The request body, if any.
    fn body(&self) -> Option<&Self::Body> {
        None
    }

    /// Local validation of the body before sending.
    ///
    /// # Errors
    /// Every rule the body breaks.
    fn validate_with(&self, _ctx: &ValidationContext) -> Result<(), Violations> {
        Ok(())
    }

    /// Which tokens this call needs: the operation's [`OperationSpec::auth`], unless the body
    /// asks for less (a customer created without a reseller may be created with an App-only
    /// token).
    fn auth(&self) -> Auth {
        self.spec().auth
    }

    /// Whether `status` is a successful answer for this operation (2xx unless the operation says
    /// otherwise, as checking a domain does with `404`).
    fn is_success(&self, status: u16) -> bool {
        (200..300).contains(&status)
    }

    /// Reads a successful answer: by default [`FromAnswer::from_answer`] of the output type.
    ///
    /// # Errors
    /// [`DecodeError`] with the JSON pointer of the first problem.
    fn decode(&self, status: u16, body: &[u8]) -> Result<Self::Output, DecodeError> {
        Self::Output::from_answer(status, body)
    }
}

/// A write whose effect a read can find: what a client reads after an attempt that may have
/// applied, to learn whether it did, since the service's replay of a repeated `MS-RequestId` is
/// undocumented. Each write of [`crate::operations`] declares its read-back here (a customer by
/// domain, an agreement by template and contact, a qualification by kind), and one generic path
/// runs write-then-read.
pub trait ReadBack: Endpoint {
    /// The read.
    type Read: Endpoint;

    /// The read that lists what this write makes.
    ///
    /// # Errors
    /// The violations that keep it from being built (e.g. a customer without a domain, sent
    /// unvalidated).
    fn read_back(&self) -> Result<Self::Read, Violations>;

    /// What this write made, among the read's answer; `None` when it is not there.
    fn find(&self, found: <Self::Read as Endpoint>::Output) -> Option<Self::Output>;
}

/// Fills a path template (`/v1/customers/{customerTenantId}/agreements`) with `args`, one per
/// `{…}` parameter in order, each percent-encoded with [`encode_path_segment`]. A parameter
/// without an argument is left empty (the table's test checks that every operation gives as many
/// arguments as its template has parameters).
pub fn fill_path(template: &str, args: &[&dyn fmt::Display]) -> String {
    let mut out = String::with_capacity(template.len() + 40 * args.len());
    let mut args = args.iter();
    let mut rest = template;
    while let (Some(open), Some(close)) = (rest.find('{'), rest.find('}')) {
        if close < open {
            break;
        }
        out.push_str(&rest[..open]);
        if let Some(arg) = args.next() {
            out.push_str(&encode_path_segment(&arg.to_string()));
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Percent-encodes one path segment: everything but ASCII letters, digits and `-._~` is encoded,
/// so `/`, `?`, `#` and `%` in a value cannot change the path.
pub fn encode_path_segment(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_everything_that_could_change_the_path() {
        assert_eq!(encode_path_segment("a/b?c#d%e f"), "a%2Fb%3Fc%23d%25e%20f");
        assert_eq!(
            encode_path_segment("contoso.onmicrosoft.com"),
            "contoso.onmicrosoft.com"
        );
        assert_eq!(encode_path_segment("é"), "%C3%A9");
    }

    #[test]
    fn fills_each_parameter_in_order_encoded() {
        assert_eq!(fill_path("/v1/customers", &[]), "/v1/customers");
        assert_eq!(fill_path("/v1/{a}/x/{b}", &[&"p/q", &7]), "/v1/p%2Fq/x/7");
    }
}
