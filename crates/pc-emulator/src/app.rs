//! The state shared by every request, and the routes.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{MethodFilter, MethodRouter, on, post};
use pc_model::ValidationContext;
use pc_model::operation::Method;
use pc_model::operations::Operation;
use tokio::time::Instant;

use crate::api::{agreements, customers, domains, qualifications, search, validations};
use crate::auth::Tokens;
use crate::config::{AccessKind, EmulatorConfig};
use crate::fault::Injector;
use crate::fault::ScriptedFault;
use crate::idempotency::ReplayStore;
use crate::received::Recorder;
use crate::snapshot::{LiveCounters, StateSnapshot, bump};
use crate::store::Store;
use crate::throttle::Throttle;
use crate::{control, fault, lock, oauth, pipeline};

/// Everything the handlers share.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) config: EmulatorConfig,
    /// The base URL, e.g. `http://127.0.0.1:4242`.
    pub(crate) url: String,
    pub(crate) store: Mutex<Store>,
    pub(crate) tokens: Mutex<Tokens>,
    pub(crate) throttle: Mutex<Throttle>,
    pub(crate) injector: Mutex<Injector>,
    pub(crate) replays: ReplayStore,
    pub(crate) replay_enabled: AtomicBool,
    pub(crate) counters: LiveCounters,
    /// What the API received, for snapshot tests.
    pub(crate) received: Mutex<Recorder>,
    /// When it started: the clock of [`ReceivedRequest::received_after`](crate::received::ReceivedRequest::received_after).
    pub(crate) started: std::time::Instant,
}

impl Shared {
    pub(crate) fn new(config: EmulatorConfig, url: String) -> Self {
        Self {
            store: Mutex::new(Store::new(
                config.partner_tenant_id,
                config.gcc_validation_codes.clone(),
            )),
            tokens: Mutex::new(Tokens::new(&config)),
            throttle: Mutex::new(Throttle::new(config.effective_rate_limit())),
            injector: Mutex::new(Injector::new(
                config.fault_seed,
                config.fault_rate,
                config.fault_kinds.clone(),
            )),
            replays: ReplayStore::new(config.replay_window, config.replay_capacity),
            replay_enabled: AtomicBool::new(config.replay),
            counters: LiveCounters::default(),
            received: Mutex::new(Recorder::new(config.received_limit)),
            started: std::time::Instant::now(),
            url,
            config,
        }
    }

    /// Validation as of now with the configured country list.
    pub(crate) fn validation_context(&self) -> ValidationContext {
        ValidationContext::default()
            .with_registration_number_countries(self.config.registration_number_countries.clone())
    }

    /// The token authority for `WWW-Authenticate`: the base URL and the partner tenant.
    pub(crate) fn authority(&self) -> String {
        format!("{}/{}", self.url, self.config.partner_tenant_id)
    }

    pub(crate) fn snapshot(&self) -> StateSnapshot {
        let now = Instant::now();
        let (customers, agreements, qualifications, validation_codes) = {
            let store = lock(&self.store);
            let (c, a, q) = store.dump(now);
            (c, a, q, store.codes_of(self.config.partner_tenant_id))
        };
        StateSnapshot {
            partner_tenant_id: self.config.partner_tenant_id,
            replay_enabled: self.replay_enabled.load(Ordering::SeqCst),
            rate_limit_per_minute: lock(&self.throttle).limit(),
            customers,
            agreements,
            qualifications,
            validation_codes,
            scripted_faults_pending: lock(&self.injector).pending(),
            issued_tokens: lock(&self.tokens).issued() as u64,
            replay_entries: self.replays.len() as u64,
            counters: self.counters.read(),
        }
    }

    /// Back to the initial data: see [`crate::control`] for what is kept.
    pub(crate) fn reset(&self) {
        lock(&self.store).reset();
        lock(&self.throttle).reset();
        lock(&self.injector).reset();
        self.replays.clear();
        self.counters.reset();
        lock(&self.received).clear();
        lock(&self.tokens).restore_refresh(&self.config.refresh_token);
    }

    pub(crate) fn script_faults(&self, faults: impl IntoIterator<Item = ScriptedFault>) {
        lock(&self.injector).script(faults);
    }

    pub(crate) fn clear_faults(&self) {
        lock(&self.injector).clear_script();
    }

    pub(crate) fn set_replay(&self, enabled: bool) {
        self.replay_enabled.store(enabled, Ordering::SeqCst);
    }

    pub(crate) fn set_rate_limit(&self, per_minute: Option<u32>) {
        lock(&self.throttle).set_limit(per_minute);
    }

    /// A new access token of `kind`, valid for the configured lifetime.
    pub(crate) fn issue_token(&self, kind: AccessKind) -> String {
        bump(&self.counters.tokens_issued);
        lock(&self.tokens).issue(kind, Instant::now())
    }
}

/// The handler of each operation of `pc-model`'s table, on the operation's method (a `GET`
/// answers `HEAD` too, as the service does). The match is exhaustive: an operation added to the
/// table does not compile here until it has a handler.
fn handler(operation: Operation) -> MethodRouter<Arc<Shared>> {
    let method = match operation.spec().method {
        Method::Get => MethodFilter::GET,
        Method::Head => MethodFilter::HEAD,
        Method::Post => MethodFilter::POST,
    };
    match operation {
        Operation::CreateCustomer => on(method, customers::create),
        Operation::GetCustomer => on(method, customers::get),
        Operation::SearchCustomers => on(method, search::search),
        Operation::CheckDomain => on(method, domains::check),
        Operation::GetAgreementMetadata => on(method, agreements::metadata),
        Operation::CreateAgreement => on(method, agreements::create),
        Operation::ListAgreements => on(method, agreements::list),
        Operation::CreateQualification => on(method, qualifications::create),
        Operation::ListQualifications => on(method, qualifications::list),
        Operation::ListValidationCodes => on(method, validations::list),
    }
}

/// Every route: the API under `/v1` (one route per operation of `pc-model`'s table, at the
/// spec's path, behind authentication, throttling, faults and replay), the token endpoints
/// (behind scripted faults), the control API under `/_emulator`, all behind the request-id and
/// logging layer.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    let api = Operation::ALL
        .iter()
        .fold(Router::new(), |api, &op| {
            api.route(op.spec().path, handler(op))
        })
        .method_not_allowed_fallback(pipeline::method_not_allowed)
        .layer(from_fn_with_state(Arc::clone(&shared), pipeline::api_gate));
    let token = Router::new()
        .route("/{tenant}/oauth2/token", post(oauth::token_v1))
        .route("/{tenant}/oauth2/v2.0/token", post(oauth::token_v2))
        .method_not_allowed_fallback(pipeline::method_not_allowed)
        .layer(from_fn_with_state(
            Arc::clone(&shared),
            pipeline::token_gate,
        ));
    Router::new()
        .merge(api)
        .merge(token)
        .merge(control::routes(Arc::clone(&shared)))
        .fallback(pipeline::not_found)
        .layer(from_fn_with_state(
            Arc::clone(&shared),
            pipeline::ids_and_log,
        ))
        .layer(from_fn(fault::track_requests))
        .with_state(shared)
}
