//! The handlers of the onboarding operations, one module per resource. They run behind
//! [`crate::pipeline`], so the caller is authenticated and known; each checks the token kind the
//! operation needs (from `pc-model`'s [`OperationSpec`](pc_model::operation::OperationSpec)).

pub(crate) mod agreements;
pub(crate) mod customers;
pub(crate) mod domains;
pub(crate) mod qualifications;
pub(crate) mod search;
pub(crate) mod validations;

use std::sync::MutexGuard;

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use pc_model::{CustomerTenantId, Validate};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::time::Instant;

use crate::app::Shared;
use crate::auth::{Caller, Needs};
use crate::error::ApiError;
use crate::lock;
use crate::store::{CustomerRecord, Store};

/// A write to one customer's records (an agreement, a qualification), checked in the service's
/// order: the token (`403`), the customer id (`400`), the customer (`404`, before the body is
/// read), then the body (`pc-model` reading and validation). `write` gets the customer, the
/// body and the time, under the store's lock, which is handed back with its result so that
/// the caller may finish the change atomically.
pub(crate) fn write_to_customer<'s, R, T>(
    shared: &'s Shared,
    caller: Caller,
    needs: Needs,
    raw_id: &str,
    body: &[u8],
    write: impl FnOnce(&mut CustomerRecord, R, Instant) -> Result<T, ApiError>,
) -> Result<(MutexGuard<'s, Store>, T), ApiError>
where
    R: DeserializeOwned + Validate,
{
    caller.meets(needs)?;
    let id = customer_id(raw_id)?;
    let ctx = shared.validation_context();
    let now = Instant::now();
    let mut store = lock(&shared.store);
    let record = store
        .customer_mut(caller.tenant, id, now)
        .ok_or_else(|| ApiError::customer_not_found(raw_id))?;
    let request: R =
        pc_model::json::parse_request(body, &ctx).map_err(|v| ApiError::from_violations(&v))?;
    let written = write(record, request, now)?;
    Ok((store, written))
}

/// The `links` of a resource the service shows with a `self` link, for a `GET` of `uri`.
pub(crate) fn self_link(uri: String) -> pc_model::Links {
    let mut link = pc_model::Link::default();
    link.uri = Some(uri);
    link.method = Some("GET".to_owned());
    link.headers = Some(Vec::new());
    let mut links = pc_model::Links::default();
    links.self_link = Some(link);
    links
}

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
