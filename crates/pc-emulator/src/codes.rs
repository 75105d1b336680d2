//! The error codes the emulator answers with.
//!
//! Where the specification names a code, the emulator uses it (re-exported here from
//! [`pc_model::error::codes`]). Where the service's code is not documented, the emulator uses a
//! code of its own that starts with `EMU-`, so that nobody mistakes it for one of Microsoft's;
//! match on the HTTP status when writing code meant for the real service.
//!
//! | status | code | when |
//! |---|---|---|
//! | 400 | [`INVALID_INPUT`] `800002` | a body that is not JSON, is not an object, has an unknown key or a key given twice, or breaks a rule without a code of its own; a supplied `UserCredentials` on create customer; a bad header (an `MS-RequestId` or `MS-CorrelationId` that is not a GUID or is sent twice), path or query parameter; an agreement `templateId` that is not the Microsoft Customer Agreement's |
//! | 400 | [`REGISTRATION_NUMBER_MISSING`] `600049` | create customer: no registration number (or a blank one) in a country that needs one |
//! | 400 | [`PHONE_NUMBER_MISSING`] `600051` | create customer: no address phone number in such a country |
//! | 400 | [`INVALID_FOR_OPERATION`] `600002` | confirm agreement: `dateAgreed` in the future |
//! | 400 | [`NOT_AN_INDIRECT_RESELLER`] `800016` | create customer: `associatedPartnerId` is not one of the partner's indirect resellers |
//! | 400 | [`VALIDATION_CODE_UNKNOWN`] | GCC qualification: the validation code is not one of the partner's |
//! | 400 | [`VALIDATION_CODE_EXHAUSTED`] | GCC qualification: the code's `remainingCreates` is 0 |
//! | 401 | [`UNAUTHORIZED`] | no bearer token, or an unknown or expired one (with `WWW-Authenticate: Bearer …`) |
//! | 401 | [`UNAUTHORIZED`] | a control request (`/_emulator/…`) without the control token, when one was given at start |
//! | 403 | [`APP_USER_REQUIRED`] | an App-only token on an App+User-only operation, or creating a reseller's customer |
//! | 403 | [`CONTROL_OFF`] | a control request while the control API is off (a non-loopback address without a control token, or switched off) |
//! | 404 | [`TENANT_NOT_FOUND`] `60003` | no such customer (or not visible yet: read-after-create lag) |
//! | 404 | [`NOT_FOUND`] | no such route |
//! | 405 | [`METHOD_NOT_ALLOWED`] | a known path with another method |
//! | 409 | [`AGREEMENT_EXISTS`] `600061` | the same agreement confirmed again (code as a JSON number, `isRetryable: false`, like the documented body) |
//! | 409 | [`DOMAIN_TAKEN`] | create customer: the domain is in use |
//! | 409 | [`QUALIFICATION_EXISTS`] | the customer already has a qualification of that kind |
//! | 413 | [`BODY_TOO_LARGE`] | a body over 1 MiB |
//! | 422 | [`REQUEST_ID_REUSED`] | an `MS-RequestId` already used for a different request (method, path or body) |
//! | 429 | — | the throttling body `{statusCode, message}` with `Retry-After` |
//! | 500 | [`UNEXPECTED`] `800003` | injected fault `500` |
//! | 503 | [`UNEXPECTED`] `800003` | injected fault `503` (with `Retry-After`) |

pub use pc_model::error::codes::{
    AGREEMENT_EXISTS, INVALID_FOR_OPERATION, INVALID_INPUT, NOT_AN_INDIRECT_RESELLER,
    PHONE_NUMBER_MISSING, REGISTRATION_NUMBER_MISSING, TENANT_NOT_FOUND, UNEXPECTED,
};

/// `409`: the domain of a new customer is already in use.
pub const DOMAIN_TAKEN: &str = "EMU-DOMAIN-TAKEN";
/// `409`: the customer already has a qualification of the requested kind.
pub const QUALIFICATION_EXISTS: &str = "EMU-QUALIFICATION-EXISTS";
/// `400`: the GCC validation code is not one of the partner's.
pub const VALIDATION_CODE_UNKNOWN: &str = "EMU-VALIDATION-CODE-UNKNOWN";
/// `400`: the GCC validation code may qualify no more customers.
pub const VALIDATION_CODE_EXHAUSTED: &str = "EMU-VALIDATION-CODE-EXHAUSTED";
/// `401`: the bearer token is missing, unknown or expired.
pub const UNAUTHORIZED: &str = "EMU-UNAUTHORIZED";
/// `403`: the operation needs an App+User token.
pub const APP_USER_REQUIRED: &str = "EMU-APP-USER-REQUIRED";
/// `403`: the control API is off.
pub const CONTROL_OFF: &str = "EMU-CONTROL-OFF";
/// `404`: no such route.
pub const NOT_FOUND: &str = "EMU-NOT-FOUND";
/// `405`: the path exists with other methods.
pub const METHOD_NOT_ALLOWED: &str = "EMU-METHOD-NOT-ALLOWED";
/// `413`: the body is larger than 1 MiB.
pub const BODY_TOO_LARGE: &str = "EMU-BODY-TOO-LARGE";
/// `422`: the `MS-RequestId` was already used for a different request.
pub const REQUEST_ID_REUSED: &str = "EMU-REQUEST-ID-REUSED";
