//! `GET /v1/customers/all/validations`: the partner's GCC validation codes, as a bare array, with
//! `remainingCreates` going down as GCC qualifications use them.

use std::sync::Arc;

use axum::Extension;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use pc_model::operations::LIST_VALIDATION_CODES;

use super::json;
use crate::app::Shared;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::lock;

/// `GET /v1/customers/all/validations`.
pub(crate) async fn list(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
) -> Result<Response, ApiError> {
    caller.require(&LIST_VALIDATION_CODES)?;
    let codes = lock(&shared.store).codes_of(caller.tenant);
    Ok(json(StatusCode::OK, &codes))
}
