//! Error answers in the service's shape (`{code, description, message, errorName, isRetryable,
//! data?}`), and the mapping of `pc-model` violations to the service's codes.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use pc_model::{ErrorCode, ServiceError};
use pc_model::{ViolationCode, Violations};

use crate::codes;

/// An error answer.
#[derive(Debug, Clone)]
pub(crate) struct ApiError {
    status: StatusCode,
    /// Boxed: errors travel through many `Result`s and the body is large.
    body: Box<ServiceError>,
    retry_after: Option<u32>,
    www_authenticate: Option<String>,
}

impl ApiError {
    /// A non-retryable error with a code sent as a string.
    pub(crate) fn new(
        status: StatusCode,
        code: &str,
        error_name: &str,
        description: impl Into<String>,
    ) -> Self {
        let mut body = ServiceError::new(code, description);
        body.error_name = Some(error_name.to_owned());
        body.is_retryable = Some(false);
        Self {
            status,
            body: Box::new(body),
            retry_after: None,
            www_authenticate: None,
        }
    }

    /// The status.
    #[cfg(test)]
    pub(crate) fn status(&self) -> StatusCode {
        self.status
    }

    /// Adds `data` (one line per problem).
    pub(crate) fn with_data(mut self, data: Vec<String>) -> Self {
        self.body.data = Some(data.into());
        self
    }

    /// `400 800002`.
    pub(crate) fn invalid_input(description: impl Into<String>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            codes::INVALID_INPUT,
            "InvalidInput",
            description,
        )
    }

    /// `404 60003` for a customer the caller cannot see.
    pub(crate) fn customer_not_found(customer: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            codes::TENANT_NOT_FOUND,
            "TenantNotFound",
            format!("The customer tenant {customer} was not found."),
        )
    }

    /// `401` with `WWW-Authenticate: Bearer …`.
    pub(crate) fn unauthorized(reason: &str, authority: &str) -> Self {
        let mut e = Self::new(
            StatusCode::UNAUTHORIZED,
            codes::UNAUTHORIZED,
            "Unauthorized",
            format!("Authentication failed: {reason}."),
        );
        let reason = reason.replace('"', "'");
        e.www_authenticate = Some(format!(
            "Bearer authorization_uri=\"{authority}/oauth2/authorize\", error=\"invalid_token\", error_description=\"{reason}\""
        ));
        e
    }

    /// `401` for a control request without the control token.
    pub(crate) fn control_unauthorized() -> Self {
        let mut e = Self::new(
            StatusCode::UNAUTHORIZED,
            codes::UNAUTHORIZED,
            "Unauthorized",
            "The control API needs Authorization: Bearer <the control token given at start>.",
        );
        e.www_authenticate = Some("Bearer realm=\"pc-emulator control API\"".to_owned());
        e
    }

    /// `403` for a control request while the control API is off.
    pub(crate) fn control_off(bind: std::net::IpAddr) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            codes::CONTROL_OFF,
            "ControlApiOff",
            format!(
                "The control API is off: the emulator listens on {bind}, not on a loopback address, and was started without a control token (--control-token)."
            ),
        )
    }

    /// `403`: the operation needs an App+User token.
    pub(crate) fn app_user_required(what: &str) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            codes::APP_USER_REQUIRED,
            "AppPlusUserRequired",
            format!(
                "{what} requires App+User (delegated) authentication; App-only tokens are not accepted."
            ),
        )
    }

    /// `409 600061` exactly as documented: the code is a JSON number.
    pub(crate) fn agreement_exists() -> Self {
        let text = "A partner confirmed agreement already exists for the customer.";
        let mut e = Self::new(
            StatusCode::CONFLICT,
            codes::AGREEMENT_EXISTS,
            "PartnerConfirmedAgreementAlreadyExists",
            text,
        );
        e.body.code = Some(ErrorCode::number(600_061));
        e.body.parameters = Some(serde_json::json!({}));
        e.body.error_message_extended = Some("InternalErrorCode=600061".to_owned());
        e
    }

    /// `500 800003`, retryable (injected fault).
    pub(crate) fn internal() -> Self {
        let mut e = Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            codes::UNEXPECTED,
            "UnexpectedServiceError",
            "An unexpected error occurred in the service (injected fault).",
        );
        e.body.is_retryable = Some(true);
        e
    }

    /// `503 800003` with `Retry-After`, retryable (injected fault).
    pub(crate) fn unavailable(retry_after_secs: u32) -> Self {
        let mut e = Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            codes::UNEXPECTED,
            "ServiceUnavailable",
            format!(
                "The service is temporarily unavailable (injected fault). Try again in {retry_after_secs} seconds."
            ),
        );
        e.body.is_retryable = Some(true);
        e.retry_after = Some(retry_after_secs);
        e
    }

    /// Maps the violations of a request body to the service's answer: a violation that has a
    /// code of its own decides the code (`600049` before `600051`, and `600002`), else `800002`.
    /// Every violation is listed in `data` as `<pointer>: <message>`.
    pub(crate) fn from_violations(violations: &Violations) -> Self {
        const SPECIFIC: [(&str, ViolationCode, &str, &str, &str); 3] = [
            (
                "/companyProfile/organizationRegistrationNumber",
                ViolationCode::RequiredForCountry,
                codes::REGISTRATION_NUMBER_MISSING,
                "OrganizationRegistrationNumberMissing",
                "The organization registration number",
            ),
            (
                "/billingProfile/defaultAddress/phoneNumber",
                ViolationCode::RequiredForCountry,
                codes::PHONE_NUMBER_MISSING,
                "PhoneNumberMissing",
                "The address phone number",
            ),
            (
                "/dateAgreed",
                ViolationCode::FutureDate,
                codes::INVALID_FOR_OPERATION,
                "DateAgreedInFuture",
                "The date of the agreement",
            ),
        ];
        let specific = SPECIFIC
            .iter()
            .find_map(|(pointer, kind, code, name, what)| {
                violations
                    .iter()
                    .find(|v| v.pointer == *pointer && v.code == *kind)
                    .map(|v| (*code, *name, format!("{what} {}.", v.message)))
            });
        let data = violations.iter().map(ToString::to_string).collect();
        match specific {
            Some((code, name, description)) => {
                Self::new(StatusCode::BAD_REQUEST, code, name, description).with_data(data)
            }
            None => {
                let first = violations
                    .iter()
                    .next()
                    .map_or_else(|| "The request is invalid.".to_owned(), ToString::to_string);
                Self::invalid_input(format!("The request body is invalid: {first}")).with_data(data)
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&self.body).unwrap_or_default();
        let mut response = (
            self.status,
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            body,
        )
            .into_response();
        let headers = response.headers_mut();
        if let Some(secs) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if let Some(value) = self
            .www_authenticate
            .and_then(|v| HeaderValue::from_str(&v).ok())
        {
            headers.insert(header::WWW_AUTHENTICATE, value);
        }
        response
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use pc_model::Violation;

    fn violations(list: &[(&str, ViolationCode)]) -> Violations {
        let mut v = Violations::new();
        for (p, c) in list {
            v.push(Violation::new(*p, *c, "is required for customers in PL"));
        }
        v
    }

    #[test]
    fn violations_map_to_the_service_codes() {
        let e = ApiError::from_violations(&violations(&[
            (
                "/billingProfile/defaultAddress/phoneNumber",
                ViolationCode::RequiredForCountry,
            ),
            (
                "/companyProfile/organizationRegistrationNumber",
                ViolationCode::RequiredForCountry,
            ),
        ]));
        assert_eq!(e.status, StatusCode::BAD_REQUEST);
        assert!(e.body.has_code("600049"));
        assert_eq!(e.body.data.as_ref().unwrap().as_array().unwrap().len(), 2);
        let e = ApiError::from_violations(&violations(&[(
            "/billingProfile/defaultAddress/phoneNumber",
            ViolationCode::RequiredForCountry,
        )]));
        assert!(e.body.has_code("600051"));
        let e =
            ApiError::from_violations(&violations(&[("/dateAgreed", ViolationCode::FutureDate)]));
        assert!(e.body.has_code("600002"));
        let e = ApiError::from_violations(&violations(&[("/x", ViolationCode::Syntax)]));
        assert!(e.body.has_code("800002"));
    }

    #[test]
    fn agreement_exists_matches_the_documented_body() {
        let e = ApiError::agreement_exists();
        let value = serde_json::to_value(&e.body).unwrap();
        let documented: serde_json::Value = serde_json::from_str(
            pc_model::fixtures::ALL
                .iter()
                .find(|f| f.name == "error-600061.docs.json")
                .unwrap()
                .json,
        )
        .unwrap();
        assert_eq!(value, documented);
    }
}
