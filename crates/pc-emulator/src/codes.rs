//! The error codes the emulator answers with.
//!
//! Where the specification names a code, the emulator uses it (re-exported here from
//! [`pc_model::codes`]). Where the service's code is not documented, the emulator uses a
//! code of its own that starts with `EMU-`, so that nobody mistakes it for one of Microsoft's;
//! match on the HTTP status when writing code meant for the real service.
//!
//! The status of each answer, when the emulator gives it, where that behaviour comes from and
//! the test that checks it: the table "Error answers" in the crate's README, which a test keeps
//! in step with the constants here (each `EMU-` constant's documentation starts with its status).

pub use pc_model::codes::{
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
