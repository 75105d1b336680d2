//! `POST` and `GET /v1/customers/{id}/qualifications`.
//!
//! The answers are written by hand to keep the service's two spellings of the date: the POST
//! answer says `vettingCreateDate`, the GET answer (a bare array) `vettingCreatedDate`.

use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{SubsecRound, Utc};
use pc_model::operations::{CREATE_QUALIFICATION, LIST_QUALIFICATIONS};
use pc_model::{CreateQualificationRequest, VettingStatus};
use serde_json::{Map, Value};
use tokio::time::Instant;

use super::{customer_id, json, write_to_customer};
use crate::app::Shared;
use crate::auth::{Caller, Needs};
use crate::codes;
use crate::error::ApiError;
use crate::snapshot::bump;
use crate::store::{CodeRefusal, QualificationRecord, Vetting};
use crate::vetting::vetting_outcome;
use crate::{later, lock};

/// One qualification as the service writes it, with `status` (none for kinds without vetting);
/// `date_field` is the spelling of the date.
fn render(
    record: &QualificationRecord,
    status: Option<(VettingStatus, Option<&str>)>,
    date_field: &str,
) -> Value {
    let mut object = Map::new();
    object.insert("qualification".into(), record.kind.as_str().into());
    if let Some((status, reason)) = status {
        object.insert("vettingStatus".into(), status.as_str().into());
        if let Some(reason) = reason {
            object.insert("vettingReason".into(), reason.into());
        }
        object.insert(
            date_field.into(),
            pc_model::time::format(&record.created).into(),
        );
    }
    Value::Object(object)
}

/// `POST /v1/customers/{id}/qualifications`: `404` for an unknown customer, then the body
/// (`800002`), a second qualification of the same kind (`409`), the GCC validation code (`400`,
/// and one use of it), then `201` with `InReview` (or no vetting for State Owned Entity).
pub(crate) async fn create(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    Path(raw): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let needs = Needs::of(&CREATE_QUALIFICATION);
    let (mut store, (now, request, qualification)) = write_to_customer(
        &shared,
        caller,
        needs,
        &raw,
        &body,
        |record, request: CreateQualificationRequest, now| {
            let kind = request.kind();
            if record.qualifications.iter().any(|q| q.kind == kind) {
                return Err(ApiError::new(
                    StatusCode::CONFLICT,
                    codes::QUALIFICATION_EXISTS,
                    "QualificationAlreadyExists",
                    format!(
                        "The customer already has a {} qualification.",
                        kind.as_str()
                    ),
                ));
            }
            let website = match &request {
                CreateQualificationRequest::Education(e) => e.website.clone(),
                _ => None,
            };
            let outcome = vetting_outcome(&kind, record.domain(), website.as_deref());
            let qualification = QualificationRecord {
                kind,
                created: Utc::now().trunc_subsecs(3),
                vetting: outcome.map(|outcome| Vetting {
                    decided_at: later(now, shared.config.vetting_delay),
                    outcome,
                }),
            };
            Ok((now, request, qualification))
        },
    )?;
    let id = customer_id(&raw)?;
    // The last check: nothing after it can fail, so a refused request never uses up a create.
    if let CreateQualificationRequest::GovernmentCommunityCloud(gcc) = &request {
        use_code(&mut store, caller, &gcc.validation_code)?;
    }
    // The customer was found above and nothing removes customers, so it is still there.
    if let Some(record) = store.customer_mut(caller.tenant, id, now) {
        record.qualifications.push(qualification.clone());
    }
    drop(store);
    bump(&shared.counters.qualifications_created);
    // The POST answer is always `InReview` when there is vetting, as documented.
    let status = qualification
        .vetting
        .map(|_| (VettingStatus::InReview, None));
    Ok(needs.on(json(
        StatusCode::CREATED,
        &render(&qualification, status, "vettingCreateDate"),
    )))
}

fn use_code(store: &mut crate::store::Store, caller: Caller, code: &str) -> Result<(), ApiError> {
    store.use_code(caller.tenant, code).map_err(|refusal| match refusal {
        CodeRefusal::Unknown => ApiError::new(
            StatusCode::BAD_REQUEST,
            codes::VALIDATION_CODE_UNKNOWN,
            "InvalidValidationCode",
            "The validation code is not one of the partner's Government Community Cloud validation codes.",
        ),
        CodeRefusal::Exhausted => ApiError::new(
            StatusCode::BAD_REQUEST,
            codes::VALIDATION_CODE_EXHAUSTED,
            "ValidationCodeExhausted",
            "The validation code may not qualify more customers (remainingCreates is 0).",
        ),
    })
}

/// `GET /v1/customers/{id}/qualifications`: a bare array, vetting as of now.
pub(crate) async fn list(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    Path(raw): Path<String>,
) -> Result<Response, ApiError> {
    caller.require(&LIST_QUALIFICATIONS)?;
    let id = customer_id(&raw)?;
    let now = Instant::now();
    let mut store = lock(&shared.store);
    let record = store
        .customer_mut(caller.tenant, id, now)
        .ok_or_else(|| ApiError::customer_not_found(&raw))?;
    let items: Vec<Value> = record
        .qualifications
        .iter()
        .map(|q| render(q, q.status_at(now), "vettingCreatedDate"))
        .collect();
    drop(store);
    Ok(json(StatusCode::OK, &items))
}
