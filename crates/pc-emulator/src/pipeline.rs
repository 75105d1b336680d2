//! What happens to every request before and after its handler, in this order:
//!
//! 1. **Ids, logging and the record** (every route): `MS-RequestId` and `MS-CorrelationId` are
//!    read (they must be GUIDs when sent) or generated, echoed on the answer with a new `MS-CV`
//!    and `MS-ServerId`, and one log line records method, path, status, ids and duration (never a
//!    header value or body, so never a token or password). A request to `/v1` is added to the
//!    record of received requests ([`crate::received`]) as it arrives, and its answer's status
//!    and outcome when it is made.
//! 2. **Authentication** (`/v1`): `401` unless `Authorization: Bearer` carries a valid token.
//! 3. **Throttling** (`/v1`): `429` once the partner tenant's budget for the minute is spent.
//! 4. **Faults** (`/v1` and token endpoints, applied by [`crate::fault`]): a scripted fault, or on
//!    `/v1` a random one; a fault "before the change" answers (or closes, or waits) here.
//! 5. **Replay** (`/v1` POSTs): see [`crate::idempotency`].
//! 6. The handler; then a fault "after the change" replaces, delays or breaks its answer.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use pc_model::ThrottlingError;
use tokio::time::Instant;
use uuid::Uuid;

use crate::app::Shared;
use crate::auth::bearer;
use crate::codes;
use crate::error::ApiError;
use crate::fault;
use crate::lock;
use crate::received::{self, Slot};
use crate::snapshot::bump;

const MS_REQUEST_ID: HeaderName = HeaderName::from_static("ms-requestid");
const MS_CORRELATION_ID: HeaderName = HeaderName::from_static("ms-correlationid");
const MS_CV: HeaderName = HeaderName::from_static("ms-cv");
const MS_SERVER_ID: HeaderName = HeaderName::from_static("ms-serverid");

/// What the pipeline did with a request, for the log line and the record (`handled` when
/// absent).
#[derive(Debug, Clone, Copy)]
struct Outcome(&'static str);

/// Marks an answer that a fault keeps from the client (the connection closes instead).
#[derive(Debug, Clone, Copy)]
struct Undelivered;

pub(crate) fn undelivered(mut response: Response) -> Response {
    response.extensions_mut().insert(Undelivered);
    response
}

pub(crate) fn mark(mut response: Response, outcome: &'static str) -> Response {
    response.extensions_mut().insert(Outcome(outcome));
    response
}

/// The ids of one request.
#[derive(Debug, Clone)]
pub(crate) struct RequestIds {
    pub(crate) request_id: String,
    /// Whether the client sent `MS-RequestId` (only then can a retry repeat it).
    pub(crate) request_id_sent: bool,
    pub(crate) correlation_id: String,
    pub(crate) cv: String,
}

fn read_ids(headers: &HeaderMap) -> (RequestIds, Result<(), ApiError>) {
    let mut problem = Ok(());
    let mut guid = |name: &HeaderName| -> Option<String> {
        let value = headers.get(name)?;
        match value.to_str().ok().map(str::trim).map(Uuid::parse_str) {
            Some(Ok(id)) => Some(id.hyphenated().to_string()),
            _ => {
                problem = Err(ApiError::invalid_input(format!(
                    "The {} header must be a GUID.",
                    if *name == MS_REQUEST_ID {
                        "MS-RequestId"
                    } else {
                        "MS-CorrelationId"
                    }
                )));
                None
            }
        }
    };
    let sent_request_id = guid(&MS_REQUEST_ID);
    let correlation_id = guid(&MS_CORRELATION_ID);
    let base_cv = headers
        .get(&MS_CV)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty() && v.len() <= 120 && v.bytes().all(|b| b.is_ascii_graphic()))
        .map_or_else(
            || Uuid::new_v4().simple().to_string()[..16].to_owned(),
            str::to_owned,
        );
    let ids = RequestIds {
        request_id_sent: sent_request_id.is_some(),
        request_id: sent_request_id.unwrap_or_else(|| Uuid::new_v4().to_string()),
        correlation_id: correlation_id.unwrap_or_else(|| Uuid::new_v4().to_string()),
        cv: format!("{base_cv}.0"),
    };
    (ids, problem)
}

/// Layer 1: ids, echo headers, one log line per request, the record of received requests.
pub(crate) async fn ids_and_log(
    State(shared): State<Arc<Shared>>,
    mut req: Request,
    next: Next,
) -> Response {
    let started = std::time::Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let (ids, problem) = read_ids(req.headers());
    req.extensions_mut().insert(ids.clone());
    let slot = if path == "/v1" || path.starts_with("/v1/") {
        record(&shared, &mut req).await
    } else {
        None
    };
    let mut response = match problem {
        Ok(()) => next.run(req).await,
        Err(e) => e.into_response(),
    };
    let headers = response.headers_mut();
    for (name, value) in [
        (MS_REQUEST_ID, &ids.request_id),
        (MS_CORRELATION_ID, &ids.correlation_id),
        (MS_CV, &ids.cv),
    ] {
        if let Ok(v) = HeaderValue::from_str(value) {
            headers.insert(name, v);
        }
    }
    headers.insert(MS_SERVER_ID, HeaderValue::from_static("pc-emulator"));
    let outcome = response
        .extensions()
        .get::<Outcome>()
        .map_or("handled", |o| o.0);
    if let Some(slot) = slot {
        let status = (response.extensions().get::<Undelivered>().is_none())
            .then(|| response.status().as_u16());
        lock(&shared.received).answered(slot, status, outcome);
    }
    tracing::info!(
        target: "pc_emulator::request",
        method = %method,
        path = %path,
        status = response.status().as_u16(),
        outcome,
        request_id = %ids.request_id,
        correlation_id = %ids.correlation_id,
        cv = %ids.cv,
        elapsed_us = started.elapsed().as_micros() as u64,
        "request"
    );
    response
}

/// Adds `req` to the record of received requests, reading the start of its body and leaving
/// the same body in place (unless nothing is recorded).
async fn record(shared: &Shared, req: &mut Request) -> Option<Slot> {
    if !lock(&shared.received).records() {
        return lock(&shared.received).record(
            req.method(),
            req.uri(),
            req.headers(),
            None,
            shared.started.elapsed(),
        );
    }
    let body = std::mem::take(req.body_mut());
    let (bytes, body) = received::peek(body).await;
    *req.body_mut() = body;
    lock(&shared.received).record(
        req.method(),
        req.uri(),
        req.headers(),
        bytes.as_deref(),
        shared.started.elapsed(),
    )
}

/// Layers 2 to 6 for the API.
pub(crate) async fn api_gate(
    State(shared): State<Arc<Shared>>,
    mut req: Request,
    next: Next,
) -> Response {
    bump(&shared.counters.requests);
    let now = Instant::now();
    let checked = bearer(req.headers()).and_then(|t| lock(&shared.tokens).check(t, now));
    let caller = match checked {
        Ok(caller) => caller,
        Err(reason) => {
            bump(&shared.counters.unauthorized);
            return mark(
                ApiError::unauthorized(reason, &shared.authority()).into_response(),
                "unauthorized",
            );
        }
    };
    if let Err(secs) = lock(&shared.throttle).admit(caller.tenant, now) {
        bump(&shared.counters.throttled);
        return mark(throttled(secs), "throttled");
    }
    req.extensions_mut().insert(caller);
    fault::apply(&shared, req, next, Some(caller), true).await
}

/// Layers 4 and 6 for the token endpoints (scripted faults only).
pub(crate) async fn token_gate(
    State(shared): State<Arc<Shared>>,
    req: Request,
    next: Next,
) -> Response {
    bump(&shared.counters.requests);
    bump(&shared.counters.token_requests);
    fault::apply(&shared, req, next, None, false).await
}

/// `429` with `Retry-After` and the throttling body.
fn throttled(retry_after_secs: u64) -> Response {
    let mut body = ThrottlingError::default();
    body.status_code = Some(429);
    body.message = Some(format!(
        "Rate limit is exceeded. Try again in {retry_after_secs} seconds."
    ));
    (
        StatusCode::TOO_MANY_REQUESTS,
        [
            (header::RETRY_AFTER, retry_after_secs.to_string()),
            (
                header::CONTENT_TYPE,
                "application/json; charset=utf-8".to_owned(),
            ),
        ],
        serde_json::to_vec(&body).unwrap_or_default(),
    )
        .into_response()
}

/// `404` for unknown routes.
pub(crate) async fn not_found(req: Request) -> Response {
    ApiError::new(
        StatusCode::NOT_FOUND,
        codes::NOT_FOUND,
        "NotFound",
        format!("No route {} {}.", req.method(), req.uri().path()),
    )
    .into_response()
}

/// `405` for known paths with another method.
pub(crate) async fn method_not_allowed(req: Request) -> Response {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        codes::METHOD_NOT_ALLOWED,
        "MethodNotAllowed",
        format!("{} is not allowed on {}.", req.method(), req.uri().path()),
    )
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_read_or_generated() {
        let mut headers = HeaderMap::new();
        let (ids, problem) = read_ids(&headers);
        assert!(problem.is_ok() && !ids.request_id_sent && ids.cv.ends_with(".0"));
        headers.insert(
            MS_REQUEST_ID,
            HeaderValue::from_static("037DB222-6D8E-4D7F-BA78-DF3DCA33FB68"),
        );
        headers.insert(MS_CV, HeaderValue::from_static("Yy/YaA0gYEmfQyR/.1"));
        let (ids, problem) = read_ids(&headers);
        assert!(problem.is_ok() && ids.request_id_sent);
        assert_eq!(ids.request_id, "037db222-6d8e-4d7f-ba78-df3dca33fb68");
        assert_eq!(ids.cv, "Yy/YaA0gYEmfQyR/.1.0");
        headers.insert(MS_CORRELATION_ID, HeaderValue::from_static("nope"));
        let (_, problem) = read_ids(&headers);
        assert_eq!(
            problem.err().map(|e| e.status()),
            Some(StatusCode::BAD_REQUEST)
        );
    }
}
