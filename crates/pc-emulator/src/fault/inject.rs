//! Applying a fault to a request: before the handler (an error answer, a closed connection or a
//! wait instead of acting) or after it (the change is made, then the answer is replaced, delayed,
//! cut off or never delivered).

use axum::body::{Body, to_bytes};
use axum::extract::{ConnectInfo, Request};
use axum::http::{HeaderValue, StatusCode, Version, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::conn::ConnectionHandle;
use super::{Fault, FaultKind};
use crate::app::Shared;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::idempotency::replay_or_run;
use crate::lock;
use crate::pipeline::{mark, undelivered};
use crate::snapshot::bump;

/// Layers 4 and 6 of the [pipeline](crate::pipeline): the fault for this request, if any (a
/// scripted one, or a random one when `random`), applied before or after the handler runs.
pub(crate) async fn apply(
    shared: &Shared,
    req: Request,
    next: Next,
    caller: Option<Caller>,
    random: bool,
) -> Response {
    let fault = lock(&shared.injector).next(req.method().as_str(), req.uri().path(), random);
    // Truncation finds the body after the HTTP/1.1 headers; an HTTP/2 connection is closed instead.
    let conn = req
        .extensions()
        .get::<ConnectInfo<ConnectionHandle>>()
        .map(|c| (c.0.clone(), req.version() == Version::HTTP_2));
    if let Some(fault) = fault {
        bump(&shared.counters.faults_injected);
        tracing::info!(target: "pc_emulator::fault", fault = %fault, path = %req.uri().path(), "injecting a fault");
        if !fault.after_change {
            match fault.kind {
                FaultKind::Delay(d) => tokio::time::sleep(d).await,
                _ => {
                    let response = replace(fault.kind, conn.as_ref(), None).await;
                    return mark(response, fault.name());
                }
            }
        }
    }
    let response = replay_or_run(shared, req, next, caller).await;
    match fault {
        Some(
            fault @ Fault {
                kind,
                after_change: true,
            },
        ) => mark(
            replace(kind, conn.as_ref(), Some(response)).await,
            fault.name(),
        ),
        Some(fault) => mark(response, fault.name()),
        None => response,
    }
}

/// The answer a fault leaves: an error, the same answer late, or a broken connection.
async fn replace(
    kind: FaultKind,
    conn: Option<&(ConnectionHandle, bool)>,
    response: Option<Response>,
) -> Response {
    match (kind, conn) {
        (FaultKind::InternalError, _) => ApiError::internal().into_response(),
        (FaultKind::Unavailable { retry_after_secs }, _) => {
            ApiError::unavailable(retry_after_secs).into_response()
        }
        (FaultKind::NonJsonError, _) => non_json(),
        (FaultKind::Delay(d), _) => {
            tokio::time::sleep(d).await;
            response.unwrap_or_else(|| ApiError::internal().into_response())
        }
        (FaultKind::CloseConnection, Some((conn, _)))
        | (FaultKind::TruncatedBody, Some((conn, true))) => {
            conn.close();
            // Never delivered: the connection refuses to write it.
            undelivered(response.unwrap_or_else(|| StatusCode::NO_CONTENT.into_response()))
        }
        (FaultKind::TruncatedBody, Some((conn, false))) => match response {
            Some(response) => {
                let (mut parts, body) = response.into_parts();
                let bytes = to_bytes(body, usize::MAX).await.unwrap_or_default();
                conn.truncate_body(bytes.len() / 2);
                // The connection ends with this answer. Without a body to cut (a `HEAD`, an
                // empty answer), the answer goes out whole, and without `Connection: close` the
                // client would reuse the connection and the next request's answer would be cut
                // off instead.
                parts
                    .headers
                    .insert(header::CONNECTION, HeaderValue::from_static("close"));
                Response::from_parts(parts, Body::from(bytes))
            }
            None => {
                conn.close();
                undelivered(StatusCode::NO_CONTENT.into_response())
            }
        },
        // Served without our listener (no connection handle): the closest thing is a 500.
        (FaultKind::CloseConnection | FaultKind::TruncatedBody, None) => {
            ApiError::internal().into_response()
        }
    }
}

/// `502` with an HTML page, as a gateway would answer.
fn non_json() -> Response {
    (
        StatusCode::BAD_GATEWAY,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>\
         <p>The upstream service did not answer (injected fault).</p></body></html>",
    )
        .into_response()
}
