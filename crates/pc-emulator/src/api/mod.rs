//! The handlers of the onboarding operations, one module per resource. They run behind
//! [`crate::pipeline`], so the caller is authenticated and known; each checks the token kind the
//! operation needs (from `pc-model`'s [`OperationSpec`](pc_model::operation::OperationSpec)).

pub(crate) mod agreements;
pub(crate) mod customers;
pub(crate) mod domains;
pub(crate) mod qualifications;
pub(crate) mod search;
pub(crate) mod validations;

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use pc_model::CustomerTenantId;
use serde::Serialize;

use crate::error::ApiError;

/// A JSON answer.
pub(crate) fn json<T: Serialize>(status: StatusCode, value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => (
            status,
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            body,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "an answer could not be serialized");
            ApiError::internal().into_response()
        }
    }
}

/// The `{customer-tenant-id}` of a path.
///
/// # Errors
/// `400 800002` when it is not a GUID.
pub(crate) fn customer_id(raw: &str) -> Result<CustomerTenantId, ApiError> {
    raw.parse().map_err(|_| {
        ApiError::invalid_input(format!(
            "The customer tenant id `{}` is not a GUID.",
            raw.chars().take(64).collect::<String>()
        ))
    })
}

/// The value of query parameter `name`, matched case-insensitively as the service does.
pub(crate) fn query_param<'a>(query: &'a [(String, String)], name: &str) -> Option<&'a str> {
    query
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_and_query_helpers() {
        assert!(customer_id("626099fe-17af-4756-9fd0-6a73b7127859").is_ok());
        assert_eq!(
            customer_id("all").err().map(|e| e.status()),
            Some(StatusCode::BAD_REQUEST)
        );
        let q = vec![("AgreementType".to_owned(), "All".to_owned())];
        assert_eq!(query_param(&q, "agreementType"), Some("All"));
        assert_eq!(query_param(&q, "size"), None);
    }
}
