//! The control API under `/_emulator/`, for tests in any language. No authentication; JSON in
//! and out; not throttled, never faulted, never replayed.
//!
//! | method and path | body | answer |
//! |---|---|---|
//! | `GET /_emulator/state` | | `200`, the [`StateSnapshot`](crate::StateSnapshot) as JSON |
//! | `POST /_emulator/faults` | one [`ScriptedFault`] or an array of them, e.g. `[{"method":"POST","path":"/v1/customers","fault":"close-after","times":1}]` | `200 {"pending": n}` |
//! | `DELETE /_emulator/faults` | | `200 {"pending": 0}` |
//! | `POST /_emulator/reset` | | `204`; customers, agreements, qualifications, validation-code uses, replays, throttling windows, scripted faults and counters are cleared, the fault generator restarts from its seed; tokens (issued, static and the current refresh token) are kept |
//! | `PUT /_emulator/replay` | `{"enabled": false}` | `200 {"enabled": false}` |
//! | `PUT /_emulator/rate-limit` | `{"perMinute": 10}` (`null` or `0`: off) | `200 {"perMinute": 10}` |
//! | `POST /_emulator/tokens` | `{"kind": "app+user"}` or `{"kind": "app-only"}` | `200 {"access_token": "…", "token_type": "Bearer", "expires_in": 3599}` |
//!
//! A body that is not the expected JSON is answered `400` with a service-style error body.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::json;

use crate::api::json;
use crate::app::Shared;
use crate::config::TokenKind;
use crate::error::ApiError;
use crate::fault::ScriptedFault;
use crate::lock;

/// The control routes.
pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/_emulator/state", get(state))
        .route("/_emulator/faults", post(add_faults).delete(clear_faults))
        .route("/_emulator/reset", post(reset))
        .route("/_emulator/replay", put(replay).post(replay))
        .route("/_emulator/rate-limit", put(rate_limit).post(rate_limit))
        .route("/_emulator/tokens", post(tokens))
}

fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    pc_model::json::from_slice(body)
        .map_err(|e| ApiError::invalid_input(format!("The control request is invalid: {e}")))
}

async fn state(State(shared): State<Arc<Shared>>) -> Response {
    json(StatusCode::OK, &shared.snapshot())
}

async fn add_faults(State(shared): State<Arc<Shared>>, body: Bytes) -> Result<Response, ApiError> {
    // An array or one fault; told apart by the first character so that an error in a fault
    // (an unknown kind, a delay over the limit) is reported as it is.
    let faults = if body.trim_ascii_start().starts_with(b"[") {
        parse::<Vec<ScriptedFault>>(&body)?
    } else {
        vec![parse::<ScriptedFault>(&body)?]
    };
    shared.script_faults(faults);
    Ok(pending(&shared))
}

async fn clear_faults(State(shared): State<Arc<Shared>>) -> Response {
    shared.clear_faults();
    pending(&shared)
}

fn pending(shared: &Shared) -> Response {
    json(
        StatusCode::OK,
        &json!({ "pending": lock(&shared.injector).pending() }),
    )
}

async fn reset(State(shared): State<Arc<Shared>>) -> Response {
    shared.reset();
    StatusCode::NO_CONTENT.into_response()
}

#[derive(Deserialize)]
struct ReplaySwitch {
    enabled: bool,
}

async fn replay(State(shared): State<Arc<Shared>>, body: Bytes) -> Result<Response, ApiError> {
    let ReplaySwitch { enabled } = parse(&body)?;
    shared.set_replay(enabled);
    Ok(json(StatusCode::OK, &json!({ "enabled": enabled })))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RateLimit {
    per_minute: Option<u32>,
}

async fn rate_limit(State(shared): State<Arc<Shared>>, body: Bytes) -> Result<Response, ApiError> {
    let RateLimit { per_minute } = parse(&body)?;
    shared.set_rate_limit(per_minute);
    let now = lock(&shared.throttle).limit();
    Ok(json(StatusCode::OK, &json!({ "perMinute": now })))
}

#[derive(Deserialize)]
struct TokenRequest {
    kind: TokenKind,
}

async fn tokens(State(shared): State<Arc<Shared>>, body: Bytes) -> Result<Response, ApiError> {
    let TokenRequest { kind } = parse(&body)?;
    let token = shared.issue_token(kind);
    Ok(json(
        StatusCode::OK,
        &json!({
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": shared.config.token_lifetime.as_secs(),
        }),
    ))
}
