//! Idempotent replay: the first successful answer to a POST is remembered under
//! `(partner tenant, MS-RequestId)` and sent again, without acting, when the same id comes back
//! with the same request.
//!
//! - Only `POST`s carrying their own `MS-RequestId` take part (GET and HEAD act the same every
//!   time; an id the emulator generated cannot come back).
//! - Only `2xx` answers are remembered. A refused request (400, 404, 409, …) did not change
//!   anything, so retrying it with the same id runs it again.
//! - The same id with a different method, path or body is refused with `422`
//!   ([`REQUEST_ID_REUSED`](crate::codes::REQUEST_ID_REUSED)).
//! - Requests with the same key run one at a time: a retry that arrives while the first attempt
//!   is still running waits for it, then replays its answer.
//! - A replay asks the same of the caller as the operation did: the key is per partner tenant,
//!   and a token of a kind the operation refused (an App-only token repeating an App+User-only
//!   request, such as creating a reseller's customer) gets the operation's `403` instead of the
//!   remembered answer.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use uuid::Uuid;

use crate::app::Shared;
use crate::auth::{Caller, Needs};
use crate::codes;
use crate::error::ApiError;
use crate::lock;
use crate::pipeline::{RequestIds, mark};
use crate::snapshot::bump;

/// The largest request body accepted.
const MAX_BODY: usize = 1 << 20;

/// A remembered answer.
#[derive(Debug, Clone)]
pub(crate) struct StoredAnswer {
    pub(crate) fingerprint: u64,
    /// What the operation needed of its caller: asked again of whoever repeats the request.
    needs: Needs,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl StoredAnswer {
    pub(crate) fn new(
        fingerprint: u64,
        needs: Needs,
        status: StatusCode,
        headers: HeaderMap,
        body: Bytes,
    ) -> Self {
        Self {
            fingerprint,
            needs,
            status,
            headers,
            body,
        }
    }

    /// The answer again.
    pub(crate) fn to_response(&self) -> Response {
        let mut response = (self.status, self.body.clone()).into_response();
        *response.headers_mut() = self.headers.clone();
        response
    }
}

/// One key's slot: held while its request runs.
pub(crate) type Slot = Arc<tokio::sync::Mutex<Option<StoredAnswer>>>;

/// Every key's slot.
#[derive(Debug, Default)]
pub(crate) struct ReplayStore {
    slots: Mutex<HashMap<(Uuid, String), Slot>>,
}

impl ReplayStore {
    /// The slot of `request_id` for `tenant`, created empty if new.
    pub(crate) fn slot(&self, tenant: Uuid, request_id: &str) -> Slot {
        let mut slots = lock(&self.slots);
        Arc::clone(slots.entry((tenant, request_id.to_owned())).or_default())
    }

    /// Drops the empty slot of a request that was not remembered, unless another request with
    /// the same key holds it too, so that refused requests do not accumulate.
    fn forget_if_unshared(&self, tenant: Uuid, request_id: &str, slot: &Slot) {
        let mut slots = lock(&self.slots);
        // One reference in the map, one held by the caller: nobody else waits for it.
        if Arc::strong_count(slot) == 2 {
            slots.remove(&(tenant, request_id.to_owned()));
        }
    }

    /// How many keys are remembered or in use.
    #[cfg(test)]
    fn len(&self) -> usize {
        lock(&self.slots).len()
    }

    /// Forgets everything.
    pub(crate) fn clear(&self) {
        lock(&self.slots).clear();
    }
}

/// What makes two requests "the same": method, path with query, and body.
pub(crate) fn fingerprint(method: &str, path_and_query: &str, body: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    method.hash(&mut hasher);
    path_and_query.hash(&mut hasher);
    body.hash(&mut hasher);
    hasher.finish()
}

/// Buffers the body (at most 1 MiB, else `413`), then replays a POST's first successful answer
/// for a repeated `MS-RequestId`, or runs the handler and remembers a successful answer.
pub(crate) async fn replay_or_run(
    shared: &Shared,
    req: Request,
    next: Next,
    caller: Option<Caller>,
) -> Response {
    let (parts, body) = req.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        return ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            codes::BODY_TOO_LARGE,
            "RequestBodyTooLarge",
            "The request body is larger than 1 MiB.",
        )
        .into_response();
    };
    let ids = parts.extensions.get::<RequestIds>().cloned();
    let key = match (caller, ids) {
        (Some(caller), Some(ids))
            if parts.method == Method::POST
                && ids.request_id_sent
                && shared.replay_enabled.load(Ordering::SeqCst) =>
        {
            Some((caller, ids.request_id))
        }
        _ => None,
    };
    let Some((caller, request_id)) = key else {
        return next
            .run(Request::from_parts(parts, Body::from(bytes)))
            .await;
    };
    let path = parts
        .uri
        .path_and_query()
        .map_or_else(|| parts.uri.path(), |p| p.as_str());
    let print = fingerprint(parts.method.as_str(), path, &bytes);
    let tenant = caller.tenant;
    let slot = shared.replays.slot(tenant, &request_id);
    let mut stored = slot.lock().await;
    if let Some(answer) = stored.as_ref() {
        if answer.fingerprint != print {
            bump(&shared.counters.request_id_conflicts);
            let refusal = ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                codes::REQUEST_ID_REUSED,
                "RequestIdReused",
                format!(
                    "MS-RequestId {request_id} was already used for a different request (method, path or body); use a new MS-RequestId for a new operation."
                ),
            );
            return mark(refusal.into_response(), "request-id-reused");
        }
        if let Err(refusal) = caller.meets(answer.needs) {
            return mark(refusal.into_response(), "forbidden");
        }
        bump(&shared.counters.replays);
        tracing::info!(target: "pc_emulator::replay", request_id = %request_id, "replaying the first answer");
        return mark(answer.to_response(), "replayed");
    }
    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    if !response.status().is_success() {
        shared
            .replays
            .forget_if_unshared(tenant, &request_id, &slot);
        return response;
    }
    let needs = response
        .extensions()
        .get::<Needs>()
        .copied()
        .unwrap_or_else(|| Needs::of_caller(&caller));
    let (parts, body) = response.into_parts();
    let bytes: Bytes = to_bytes(body, usize::MAX).await.unwrap_or_default();
    *stored = Some(StoredAnswer::new(
        print,
        needs,
        parts.status,
        parts.headers.clone(),
        bytes.clone(),
    ));
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_per_tenant_and_fingerprints_see_every_part() {
        let store = ReplayStore::default();
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        assert!(Arc::ptr_eq(&store.slot(a, "x"), &store.slot(a, "x")));
        assert!(!Arc::ptr_eq(&store.slot(a, "x"), &store.slot(b, "x")));
        let base = fingerprint("POST", "/v1/customers", b"{}");
        assert_eq!(base, fingerprint("POST", "/v1/customers", b"{}"));
        assert_ne!(base, fingerprint("PUT", "/v1/customers", b"{}"));
        assert_ne!(base, fingerprint("POST", "/v1/customers?x", b"{}"));
        assert_ne!(base, fingerprint("POST", "/v1/customers", b"{ }"));
        let first = store.slot(a, "x");
        store.clear();
        assert!(!Arc::ptr_eq(&first, &store.slot(a, "x")));
        // An unshared empty slot is dropped; a shared one is kept.
        let held = store.slot(a, "y");
        store.forget_if_unshared(a, "y", &held);
        assert_eq!(store.len(), 1, "only x is left");
        let held = store.slot(a, "z");
        let waiter = store.slot(a, "z");
        store.forget_if_unshared(a, "z", &held);
        assert!(Arc::ptr_eq(&waiter, &store.slot(a, "z")));
    }
}
