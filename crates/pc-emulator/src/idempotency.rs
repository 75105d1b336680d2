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
//! - Memory is bounded: an answer is replayed for
//!   [`EmulatorConfig::replay_window`](crate::EmulatorConfig::replay_window) (default an hour;
//!   a repeat after that acts again) and at most
//!   [`EmulatorConfig::replay_capacity`](crate::EmulatorConfig::replay_capacity) answers are
//!   remembered (default 25,000): remembering one more forgets the oldest first.

use std::collections::{HashMap, VecDeque};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::time::Instant;
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
    fingerprint: u64,
    /// What the operation needed of its caller: asked again of whoever repeats the request.
    needs: Needs,
    remembered_at: Instant,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl StoredAnswer {
    /// The answer again.
    pub(crate) fn to_response(&self) -> Response {
        let mut response = (self.status, self.body.clone()).into_response();
        *response.headers_mut() = self.headers.clone();
        response
    }
}

/// One key's slot: held while its request runs.
pub(crate) type Slot = Arc<tokio::sync::Mutex<Option<StoredAnswer>>>;

/// A replay key: the partner tenant and the `MS-RequestId`.
type Key = (Uuid, Uuid);

/// A key's slot, and which remembering of it the order queue knows.
#[derive(Debug)]
struct Entry {
    slot: Slot,
    /// The sequence number of the answer stored in the slot, once there is one.
    remembered: Option<u64>,
}

#[derive(Debug)]
struct Keys {
    entries: HashMap<Key, Entry>,
    /// Remembered answers, oldest first: when, which key, which remembering.
    order: VecDeque<(Instant, Key, u64)>,
    next: u64,
}

/// Every key's slot, bounded: an answer is replayed for `window` after it was remembered and
/// forgotten afterwards (as other answers are remembered), and at most `capacity` answers are
/// remembered (the oldest is forgotten first). Keys whose request is still running are kept
/// whatever their number: each holds a connection.
#[derive(Debug)]
pub(crate) struct ReplayStore {
    window: Duration,
    capacity: usize,
    keys: Mutex<Keys>,
}

impl ReplayStore {
    /// A store that replays for `window` and remembers at most `capacity` answers.
    pub(crate) fn new(window: Duration, capacity: usize) -> Self {
        Self {
            window,
            capacity,
            keys: Mutex::new(Keys {
                entries: HashMap::new(),
                order: VecDeque::new(),
                next: 0,
            }),
        }
    }

    /// Whether an answer remembered at `at` is still replayed at `now`.
    fn fresh(&self, at: Instant, now: Instant) -> bool {
        now.saturating_duration_since(at) < self.window
    }

    /// The slot of `request_id` for `tenant`, created empty if new. Forgets the answers whose
    /// window has passed at `now`.
    pub(crate) fn slot(&self, tenant: Uuid, request_id: Uuid, now: Instant) -> Slot {
        let mut keys = lock(&self.keys);
        while let Some(&(at, _, _)) = keys.order.front() {
            if self.fresh(at, now) {
                break;
            }
            keys.pop_oldest();
        }
        let entry = keys
            .entries
            .entry((tenant, request_id))
            .or_insert_with(|| Entry {
                slot: Slot::default(),
                remembered: None,
            });
        Arc::clone(&entry.slot)
    }

    /// Records that the slot of the key now holds an answer remembered at `now`, and forgets the
    /// oldest answers beyond the capacity.
    fn remembered(&self, tenant: Uuid, request_id: Uuid, now: Instant) {
        let mut keys = lock(&self.keys);
        let sequence = keys.next;
        keys.next += 1;
        let key = (tenant, request_id);
        if let Some(entry) = keys.entries.get_mut(&key) {
            entry.remembered = Some(sequence);
            keys.order.push_back((now, key, sequence));
        }
        while keys.order.len() > self.capacity {
            keys.pop_oldest();
        }
    }

    /// Drops the empty slot of a request that was not remembered, unless another request with
    /// the same key holds it too, so that refused requests do not accumulate.
    fn forget_if_unshared(&self, tenant: Uuid, request_id: Uuid, slot: &Slot) {
        let mut keys = lock(&self.keys);
        // One reference in the map, one held by the caller: nobody else waits for it.
        let key = (tenant, request_id);
        if Arc::strong_count(slot) == 2
            && keys
                .entries
                .get(&key)
                .is_some_and(|e| e.remembered.is_none())
        {
            keys.entries.remove(&key);
        }
    }

    /// How many keys are remembered or in use.
    pub(crate) fn len(&self) -> usize {
        lock(&self.keys).entries.len()
    }

    /// Forgets everything.
    pub(crate) fn clear(&self) {
        let mut keys = lock(&self.keys);
        keys.entries.clear();
        keys.order.clear();
    }
}

impl Keys {
    /// Forgets the oldest remembered answer, unless its key was remembered again since.
    fn pop_oldest(&mut self) {
        if let Some((_, key, sequence)) = self.order.pop_front()
            && self
                .entries
                .get(&key)
                .is_some_and(|e| e.remembered == Some(sequence))
        {
            self.entries.remove(&key);
        }
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
            Uuid::parse_str(&ids.request_id)
                .ok()
                .map(|uuid| (caller, ids.request_id, uuid))
        }
        _ => None,
    };
    let Some((caller, request_id, request_uuid)) = key else {
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
    let slot = shared.replays.slot(tenant, request_uuid, Instant::now());
    let mut stored = slot.lock().await;
    let now = Instant::now();
    if let Some(answer) = stored
        .as_ref()
        .filter(|a| shared.replays.fresh(a.remembered_at, now))
    {
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
            .forget_if_unshared(tenant, request_uuid, &slot);
        return response;
    }
    let needs = response
        .extensions()
        .get::<Needs>()
        .copied()
        .unwrap_or_else(|| Needs::of_caller(&caller));
    let (parts, body) = response.into_parts();
    let bytes: Bytes = to_bytes(body, usize::MAX).await.unwrap_or_default();
    let now = Instant::now();
    *stored = Some(StoredAnswer {
        fingerprint: print,
        needs,
        remembered_at: now,
        status: parts.status,
        headers: parts.headers.clone(),
        body: bytes.clone(),
    });
    shared.replays.remembered(tenant, request_uuid, now);
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_per_tenant_and_fingerprints_see_every_part() {
        let store = ReplayStore::new(Duration::from_secs(60), 10);
        let now = Instant::now();
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let (x, y, z) = (
            Uuid::from_u128(10),
            Uuid::from_u128(11),
            Uuid::from_u128(12),
        );
        assert!(Arc::ptr_eq(&store.slot(a, x, now), &store.slot(a, x, now)));
        assert!(!Arc::ptr_eq(&store.slot(a, x, now), &store.slot(b, x, now)));
        let base = fingerprint("POST", "/v1/customers", b"{}");
        assert_eq!(base, fingerprint("POST", "/v1/customers", b"{}"));
        assert_ne!(base, fingerprint("PUT", "/v1/customers", b"{}"));
        assert_ne!(base, fingerprint("POST", "/v1/customers?x", b"{}"));
        assert_ne!(base, fingerprint("POST", "/v1/customers", b"{ }"));
        let first = store.slot(a, x, now);
        store.clear();
        assert!(!Arc::ptr_eq(&first, &store.slot(a, x, now)));
        // An unshared empty slot is dropped; a shared one is kept.
        let held = store.slot(a, y, now);
        store.forget_if_unshared(a, y, &held);
        assert_eq!(store.len(), 1, "only x is left");
        let held = store.slot(a, z, now);
        let waiter = store.slot(a, z, now);
        store.forget_if_unshared(a, z, &held);
        assert!(Arc::ptr_eq(&waiter, &store.slot(a, z, now)));
    }

    #[test]
    fn answers_are_forgotten_after_the_window_and_beyond_the_capacity() {
        let window = Duration::from_secs(60);
        let store = ReplayStore::new(window, 2);
        let t0 = Instant::now();
        let a = Uuid::from_u128(1);
        let ids: Vec<Uuid> = (0..4).map(|n| Uuid::from_u128(100 + n)).collect();
        let remember = |store: &ReplayStore, id: Uuid, at: Instant| {
            drop(store.slot(a, id, at));
            store.remembered(a, id, at);
        };
        remember(&store, ids[0], t0);
        remember(&store, ids[1], t0 + Duration::from_secs(1));
        assert_eq!(store.len(), 2);
        // A third answer forgets the oldest.
        remember(&store, ids[2], t0 + Duration::from_secs(2));
        assert_eq!(store.len(), 2);
        let keys = lock(&store.keys);
        assert!(!keys.entries.contains_key(&(a, ids[0])));
        drop(keys);
        // After the window, the next use of the store forgets what expired.
        assert!(store.fresh(t0 + Duration::from_secs(1), t0 + window));
        assert!(!store.fresh(t0, t0 + window));
        drop(store.slot(a, ids[3], t0 + Duration::from_secs(1) + window));
        let keys = lock(&store.keys);
        assert!(!keys.entries.contains_key(&(a, ids[1])));
        assert!(keys.entries.contains_key(&(a, ids[2])));
        drop(keys);
        // A key remembered again is not forgotten by its first, older remembering.
        let store = ReplayStore::new(window, 2);
        remember(&store, ids[0], t0);
        remember(&store, ids[0], t0 + Duration::from_secs(5));
        remember(&store, ids[1], t0 + Duration::from_secs(6));
        assert_eq!(store.len(), 2);
        assert!(lock(&store.keys).entries.contains_key(&(a, ids[0])));
    }
}
