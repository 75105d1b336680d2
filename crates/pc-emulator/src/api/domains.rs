//! `HEAD /v1/domains/{domain}`: `200` when a customer uses the domain (whoever its partner,
//! including customers still hidden by the read-after-create lag), `404` when it is free, `400`
//! when it is not a domain name; always an empty body.

use std::sync::Arc;

use axum::Extension;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use pc_model::operations::{CHECK_DOMAIN, CheckDomain};

use crate::app::Shared;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::lock;

/// `HEAD /v1/domains/{domain}`.
pub(crate) async fn check(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    Path(domain): Path<String>,
) -> Result<StatusCode, ApiError> {
    caller.require(&CHECK_DOMAIN)?;
    let Ok(domain) = CheckDomain::new(domain) else {
        return Ok(StatusCode::BAD_REQUEST);
    };
    Ok(if lock(&shared.store).domain_taken(domain.domain()) {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    })
}
