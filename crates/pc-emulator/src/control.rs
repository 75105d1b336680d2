//! The control API under `/_emulator/`, for tests in any language. JSON in and out; not
//! throttled, never faulted, never replayed.
//!
//! It can read every customer and reset everything, so it answers only when
//! [`EmulatorConfig::control`](crate::EmulatorConfig::control) lets it: by default to anyone when
//! the emulator listens on a loopback address and to nobody (`403`, `EMU-CONTROL-OFF`) on any
//! other address; with a control token given at start, only to requests with
//! `Authorization: Bearer <token>` (others get `401`), on any address. The check comes before
//! the body is read.
//!
//! | method and path | body | answer |
//! |---|---|---|
//! | `GET /_emulator/state` | | `200`, the [`StateSnapshot`](crate::StateSnapshot) as JSON |
//! | `POST /_emulator/faults` | one [`ScriptedFault`] or an array of them, e.g. `[{"method":"POST","path":"/v1/customers","fault":"close-after","times":1}]` | `200 {"pending": n}` |
//! | `DELETE /_emulator/faults` | | `200 {"pending": 0}` |
//! | `POST /_emulator/reset` | | `204`; customers, agreements, qualifications, validation-code uses, replays, throttling windows, scripted faults, counters and the record of received requests are cleared, the fault generator restarts from its seed, and the refresh token valid at start is valid again (the rotated one is not); access tokens (issued and static) are kept |
//! | `GET /_emulator/requests` | | `200`, the [`ReceivedRequests`](crate::received::ReceivedRequests) as JSON: `{"requests": [{"method", "path", "query", "headers", "body", "status", "outcome"}, …], "dropped": n}` (see [`crate::received`]) |
//! | `DELETE /_emulator/requests` | | `204`; the record is emptied |
//! | `PUT /_emulator/replay` | `{"enabled": false}` | `200 {"enabled": false}` |
//! | `PUT /_emulator/rate-limit` | `{"perMinute": 10}` (`null` or `0`: off) | `200 {"perMinute": 10}` |
//! | `POST /_emulator/tokens` | `{"kind": "app+user"}` or `{"kind": "app-only"}` | `200 {"access_token": "…", "token_type": "Bearer", "expires_in": 3599}` |
//!
//! A body that is not the expected JSON is answered `400` with a service-style error body.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::json;

use crate::api::json;
use crate::app::Shared;
use crate::auth::bearer;
use crate::config::AccessKind;
use crate::error::ApiError;
use crate::fault::ScriptedFault;
use crate::lock;
use crate::pipeline::mark;

/// The control routes, behind [`gate`].
pub(crate) fn routes(shared: Arc<Shared>) -> Router<Arc<Shared>> {
    Router::new()
        .route("/_emulator/state", get(state))
        .route("/_emulator/faults", post(add_faults).delete(clear_faults))
        .route("/_emulator/reset", post(reset))
        .route("/_emulator/requests", get(received).delete(clear_received))
        .route("/_emulator/replay", put(replay).post(replay))
        .route("/_emulator/rate-limit", put(rate_limit).post(rate_limit))
        .route("/_emulator/tokens", post(tokens))
        .route_layer(from_fn_with_state(shared, gate))
}

/// Lets a control request through when the configuration allows it.
async fn gate(State(shared): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    match shared.config.control_token() {
        Some(None) => next.run(req).await,
        Some(Some(token)) if bearer(req.headers()).is_ok_and(|t| same(t, token)) => {
            next.run(req).await
        }
        Some(Some(_)) => mark(
            ApiError::control_unauthorized().into_response(),
            "control-unauthorized",
        ),
        None => mark(
            ApiError::control_off(shared.config.bind.ip()).into_response(),
            "control-off",
        ),
    }
}

/// Compares two tokens in a time that depends on their length only.
fn same(presented: &str, expected: &str) -> bool {
    presented.len() == expected.len()
        && presented
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
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

async fn received(State(shared): State<Arc<Shared>>) -> Response {
    let record = lock(&shared.received).snapshot();
    json(StatusCode::OK, &record)
}

async fn clear_received(State(shared): State<Arc<Shared>>) -> Response {
    lock(&shared.received).clear();
    StatusCode::NO_CONTENT.into_response()
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
    kind: AccessKind,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_whole() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("ab", "abc"));
        assert!(!same("", "abc"));
    }
}
