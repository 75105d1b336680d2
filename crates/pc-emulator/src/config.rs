//! What an emulator starts with: its partner, credentials, limits, delays and faults.
//!
//! [`EmulatorConfig::default`] is ready to use: every default is a `pub const` of this module so
//! that tests and demos can refer to them (the client id and secret, the refresh token, the
//! reseller, the GCC validation code, …).

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use pc_model::{RegistrationNumberCountries, ResellerTenantId};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::fault::{Fault, FaultKind, FaultSpec, format_duration};
use crate::received::DEFAULT_RECEIVED_LIMIT;

/// The partner (indirect provider) tenant the emulator serves.
pub const DEFAULT_PARTNER_TENANT_ID: Uuid = Uuid::from_u128(0x6b4d0a7e_1c2f_4b8a_9e3d_5f0a1b2c3d4e);
/// The indirect reseller known to the default partner. It is the `AssociatedPartnerId` of the
/// documented create-customer example, so that example is accepted as it is.
pub const DEFAULT_RESELLER_ID: ResellerTenantId =
    ResellerTenantId::new(Uuid::from_u128(0x484e548c_f5f3_4528_93a9_c16c6373cb59));
/// The user behind App+User tokens (the `userId` of confirmed agreements).
pub const DEFAULT_USER_ID: Uuid = Uuid::from_u128(0x3d6f2c09_eb40_48ca_a4b3_d24c9c007531);
/// The application (client) id the token endpoint accepts.
pub const DEFAULT_CLIENT_ID: &str = "2f8a6c1e-0b3d-4e5f-8a9b-1c2d3e4f5a6b";
/// The client secret the token endpoint accepts.
pub const DEFAULT_CLIENT_SECRET: &str = "pc-emulator-client-secret";
/// The refresh token valid when the emulator starts (it rotates on each redemption).
pub const DEFAULT_REFRESH_TOKEN: &str = "pc-emulator-refresh-token";
/// A fixed App+User bearer token accepted by the default configuration; it never expires.
pub const DEFAULT_APP_USER_TOKEN: &str = "pc-emulator-app-user-token";
/// A fixed App-only bearer token accepted by the default configuration; it never expires.
pub const DEFAULT_APP_ONLY_TOKEN: &str = "pc-emulator-app-only-token";
/// How long issued access tokens live (`expires_in` answers this many seconds).
pub const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(3599);
/// How many issued access tokens are held at most; issuing one more forgets the oldest (its
/// holder gets `401` and fetches a new one). Expired tokens are forgotten as new ones are issued.
pub const DEFAULT_MAX_ISSUED_TOKENS: usize = 10_000;
/// How long a successful answer is replayed for a repeated `MS-RequestId`. Our choice: Partner
/// Center does not document how long it remembers a request id; an hour is far longer than any
/// client's retries of one call.
pub const DEFAULT_REPLAY_WINDOW: Duration = Duration::from_secs(3600);
/// How many answers are remembered for replay at most; remembering one more forgets the oldest.
/// At about 1.5 KiB per remembered customer creation, about 40 MiB.
pub const DEFAULT_REPLAY_CAPACITY: usize = 25_000;
/// How long a connection may take to send a whole request head: from when it is accepted, or
/// from the first byte of its next request. Then it is closed. Our choice (Partner Center does
/// not document its own): hyper's default, between Go's common 10 to 60 seconds and nginx's
/// `client_header_timeout` of 60 seconds.
pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a connection may stay open without a request after its last answer. Then it is
/// closed. Our choice (Partner Center does not document its own): IIS's default
/// `connectionTimeout`, longer than the 90 seconds for which reqwest keeps an idle connection, so
/// that a pooled connection is not closed under a client about to reuse it.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(120);
/// The documented request budget of the customer resource, per partner tenant and minute.
pub const DEFAULT_RATE_LIMIT_PER_MINUTE: u32 = 500;
/// How long an Education or GCC qualification stays `InReview`.
pub const DEFAULT_VETTING_DELAY: Duration = Duration::from_secs(2);
/// The longest duration the emulator accepts anywhere (lifetimes, delays, fault delays): 100
/// years. Far below what `Instant`, `SystemTime`, chrono or tokio's timers can add without
/// overflowing, so a deadline computed from any accepted value never panics; longer values are
/// refused by [`parse_duration`](crate::fault::parse_duration) (the command line's `--lag`,
/// `--vetting-delay`, `--token-lifetime`, `delay:` faults in `--faults` and the control API) and
/// by [`EmulatorConfig::check`].
pub const MAX_DURATION: Duration = Duration::from_secs(100 * 365 * 24 * 60 * 60);
/// The partner's Government Community Cloud validation code (the documented example).
pub const DEFAULT_GCC_VALIDATION_CODE: &str = "123456";
/// How many customers the default GCC validation code may qualify.
pub const DEFAULT_GCC_MAX_CREATES: u32 = 10;

/// Which kind of access token a caller holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AccessKind {
    /// App-only (client credentials): refused by App+User-only operations with `403`.
    #[serde(rename = "app-only")]
    AppOnly,
    /// App+User (delegated, from a refresh token): accepted everywhere.
    #[serde(rename = "app+user")]
    AppAndUser,
}

/// Who may use the control API (`/_emulator/…`), which can read every customer's data, reset
/// everything and issue tokens.
#[derive(Clone, PartialEq, Eq, Default)]
pub enum ControlAccess {
    /// Anyone who can connect when the emulator listens on a loopback address (`127.0.0.1`,
    /// `::1`); nobody (as [`ControlAccess::Off`]) on any other address. The default.
    #[default]
    LoopbackOnly,
    /// Requests carrying `Authorization: Bearer <token>` with this token, on any address; other
    /// requests get `401`.
    Token(String),
    /// Nobody: every `/_emulator/…` request gets `403`.
    Off,
}

impl std::fmt::Debug for ControlAccess {
    /// The token is not shown.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::LoopbackOnly => "LoopbackOnly",
            Self::Token(_) => "Token(…)",
            Self::Off => "Off",
        })
    }
}

/// A bearer token accepted without going through the token endpoint; it never expires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixedToken {
    /// The token text, sent as `Authorization: Bearer <token>`.
    pub token: String,
    /// Its kind.
    pub kind: AccessKind,
    /// The partner tenant it acts for; `None` means the configured partner. Another tenant is a
    /// partner with no indirect resellers and no validation codes, with its own throttling
    /// budget, replay keys and customers.
    pub tenant: Option<Uuid>,
}

impl FixedToken {
    /// A token of `kind` for the configured partner.
    pub fn new(token: impl Into<String>, kind: AccessKind) -> Self {
        Self {
            token: token.into(),
            kind,
            tenant: None,
        }
    }

    /// The same token acting for another partner tenant.
    pub fn for_tenant(mut self, tenant: Uuid) -> Self {
        self.tenant = Some(tenant);
        self
    }
}

/// A Government Community Cloud validation code of the partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GccValidationCode {
    /// The code (`validationId`), sent by GCC qualification requests as `validationCode`.
    pub validation_id: String,
    /// The organization it was issued to.
    pub organization_name: String,
    /// How many customers it may qualify; each GCC qualification uses one.
    pub max_creates: u32,
}

impl GccValidationCode {
    /// A code that may qualify `max_creates` customers.
    pub fn new(
        validation_id: impl Into<String>,
        organization_name: impl Into<String>,
        max_creates: u32,
    ) -> Self {
        Self {
            validation_id: validation_id.into(),
            organization_name: organization_name.into(),
            max_creates,
        }
    }
}

/// Everything an emulator starts with. Build it from [`Default`] and the `with_` methods, or set
/// the public fields directly.
#[derive(Debug, Clone)]
pub struct EmulatorConfig {
    /// Where to listen. Default `127.0.0.1:0` (a free port; read it back from
    /// [`RunningEmulator::url`](crate::RunningEmulator::url)).
    pub bind: SocketAddr,
    /// The partner tenant id. Default [`DEFAULT_PARTNER_TENANT_ID`]. The token endpoint accepts
    /// it (and `common`, `organizations`) as `{tenant}`.
    pub partner_tenant_id: Uuid,
    /// The partner's indirect resellers: `associatedPartnerId` must be one of them (else
    /// `800016`). Default: [`DEFAULT_RESELLER_ID`].
    pub indirect_resellers: Vec<ResellerTenantId>,
    /// The user behind App+User tokens. Default [`DEFAULT_USER_ID`].
    pub user_id: Uuid,
    /// The client id of both grants. Default [`DEFAULT_CLIENT_ID`].
    pub client_id: String,
    /// The client secret of both grants. Default [`DEFAULT_CLIENT_SECRET`].
    pub client_secret: String,
    /// The refresh token valid at start. Default [`DEFAULT_REFRESH_TOKEN`].
    pub refresh_token: String,
    /// Bearer tokens accepted without the token endpoint. Default: [`DEFAULT_APP_USER_TOKEN`]
    /// (App+User) and [`DEFAULT_APP_ONLY_TOKEN`] (App-only).
    pub fixed_tokens: Vec<FixedToken>,
    /// Lifetime of issued access tokens. Default [`DEFAULT_TOKEN_LIFETIME`]; zero issues tokens
    /// that are already expired (useful to test re-authentication).
    pub token_lifetime: Duration,
    /// Requests per partner tenant and minute before `429`. Default
    /// `Some(`[`DEFAULT_RATE_LIMIT_PER_MINUTE`]`)`; `None` or `Some(0)` turns throttling off.
    pub rate_limit_per_minute: Option<u32>,
    /// Whether a repeated `MS-RequestId` replays the first answer. Default `true`.
    pub replay: bool,
    /// How long an answer is replayed. Default [`DEFAULT_REPLAY_WINDOW`]; a repeat after that
    /// acts again.
    pub replay_window: Duration,
    /// How many answers are remembered for replay at most; the oldest is forgotten first.
    /// Default [`DEFAULT_REPLAY_CAPACITY`].
    pub replay_capacity: usize,
    /// How many issued access tokens are held at most; the oldest is forgotten first. Default
    /// [`DEFAULT_MAX_ISSUED_TOKENS`]. Fixed tokens do not count.
    pub max_issued_tokens: usize,
    /// How long a new customer answers `404` (read-after-create lag). Default zero.
    pub read_after_create_lag: Duration,
    /// How long Education and GCC qualifications stay `InReview`. Default
    /// [`DEFAULT_VETTING_DELAY`].
    pub vetting_delay: Duration,
    /// Seed of the random fault injection. Default `0`.
    pub fault_seed: u64,
    /// Probability (0 to 1) that an API request gets one of [`fault_kinds`](Self::fault_kinds).
    /// Default `0` (no random faults).
    pub fault_rate: f64,
    /// The faults drawn at random; empty means every kind with its default parameters.
    pub fault_kinds: Vec<Fault>,
    /// The partner's GCC validation codes. Default: [`DEFAULT_GCC_VALIDATION_CODE`] for
    /// [`DEFAULT_GCC_MAX_CREATES`] customers.
    pub gcc_validation_codes: Vec<GccValidationCode>,
    /// Countries whose customers need a registration number and phone number.
    pub registration_number_countries: RegistrationNumberCountries,
    /// Who may use the control API. Default [`ControlAccess::LoopbackOnly`].
    pub control: ControlAccess,
    /// How long a connection may take to send a whole request head, from when it is accepted
    /// or from the first byte of its next request; then it is closed. Default
    /// [`DEFAULT_HEADER_READ_TIMEOUT`].
    pub header_read_timeout: Duration,
    /// How long a connection may wait for its next request after an answer (or take to read
    /// an answer); then it is closed. Default [`DEFAULT_IDLE_TIMEOUT`].
    pub idle_timeout: Duration,
    /// How many API requests the record of received requests keeps
    /// ([`RunningEmulator::received`](crate::RunningEmulator::received)): the last ones, older
    /// ones are only counted. Default [`DEFAULT_RECEIVED_LIMIT`]; `0` records nothing.
    pub received_limit: usize,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            partner_tenant_id: DEFAULT_PARTNER_TENANT_ID,
            indirect_resellers: vec![DEFAULT_RESELLER_ID],
            user_id: DEFAULT_USER_ID,
            client_id: DEFAULT_CLIENT_ID.to_owned(),
            client_secret: DEFAULT_CLIENT_SECRET.to_owned(),
            refresh_token: DEFAULT_REFRESH_TOKEN.to_owned(),
            fixed_tokens: vec![
                FixedToken::new(DEFAULT_APP_USER_TOKEN, AccessKind::AppAndUser),
                FixedToken::new(DEFAULT_APP_ONLY_TOKEN, AccessKind::AppOnly),
            ],
            token_lifetime: DEFAULT_TOKEN_LIFETIME,
            rate_limit_per_minute: Some(DEFAULT_RATE_LIMIT_PER_MINUTE),
            replay: true,
            replay_window: DEFAULT_REPLAY_WINDOW,
            replay_capacity: DEFAULT_REPLAY_CAPACITY,
            max_issued_tokens: DEFAULT_MAX_ISSUED_TOKENS,
            read_after_create_lag: Duration::ZERO,
            vetting_delay: DEFAULT_VETTING_DELAY,
            fault_seed: 0,
            fault_rate: 0.0,
            fault_kinds: Vec::new(),
            gcc_validation_codes: vec![GccValidationCode::new(
                DEFAULT_GCC_VALIDATION_CODE,
                "Contoso Government",
                DEFAULT_GCC_MAX_CREATES,
            )],
            registration_number_countries: RegistrationNumberCountries::default(),
            control: ControlAccess::default(),
            header_read_timeout: DEFAULT_HEADER_READ_TIMEOUT,
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
            received_limit: DEFAULT_RECEIVED_LIMIT,
        }
    }
}

impl EmulatorConfig {
    /// Listens on `addr` instead of `127.0.0.1:0`.
    pub fn with_bind(mut self, addr: SocketAddr) -> Self {
        self.bind = addr;
        self
    }

    /// Serves another partner tenant.
    pub fn with_partner_tenant_id(mut self, tenant: Uuid) -> Self {
        self.partner_tenant_id = tenant;
        self
    }

    /// Replaces the list of indirect resellers.
    pub fn with_indirect_resellers(
        mut self,
        resellers: impl IntoIterator<Item = ResellerTenantId>,
    ) -> Self {
        self.indirect_resellers = resellers.into_iter().collect();
        self
    }

    /// Sets the client id and secret the token endpoint accepts.
    pub fn with_client_credentials(
        mut self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        self.client_id = client_id.into();
        self.client_secret = client_secret.into();
        self
    }

    /// Sets the refresh token valid at start.
    pub fn with_refresh_token(mut self, token: impl Into<String>) -> Self {
        self.refresh_token = token.into();
        self
    }

    /// Accepts one more static bearer token.
    pub fn with_fixed_token(mut self, token: FixedToken) -> Self {
        self.fixed_tokens.push(token);
        self
    }

    /// Sets the lifetime of issued access tokens.
    pub fn with_token_lifetime(mut self, lifetime: Duration) -> Self {
        self.token_lifetime = lifetime;
        self
    }

    /// Sets the request budget per partner tenant and minute; `None` or `Some(0)` turns
    /// throttling off.
    pub fn with_rate_limit(mut self, per_minute: Option<u32>) -> Self {
        self.rate_limit_per_minute = per_minute;
        self
    }

    /// Turns idempotent replay on or off.
    pub fn with_replay(mut self, enabled: bool) -> Self {
        self.replay = enabled;
        self
    }

    /// Sets how long answers are replayed and how many are remembered at most.
    pub fn with_replay_limits(mut self, window: Duration, capacity: usize) -> Self {
        self.replay_window = window;
        self.replay_capacity = capacity;
        self
    }

    /// Sets how many issued access tokens are held at most.
    pub fn with_max_issued_tokens(mut self, max: usize) -> Self {
        self.max_issued_tokens = max;
        self
    }

    /// Keeps the last `limit` requests in the record of received requests instead of
    /// [`DEFAULT_RECEIVED_LIMIT`]; `0` records nothing.
    pub fn with_received_limit(mut self, limit: usize) -> Self {
        self.received_limit = limit;
        self
    }

    /// Sets how long a new customer answers `404`.
    pub fn with_read_after_create_lag(mut self, lag: Duration) -> Self {
        self.read_after_create_lag = lag;
        self
    }

    /// Sets how long qualifications stay `InReview`.
    pub fn with_vetting_delay(mut self, delay: Duration) -> Self {
        self.vetting_delay = delay;
        self
    }

    /// Injects faults at random: `rate` (0 to 1) of API requests get one of `kinds` (all kinds
    /// when empty), drawn from a generator seeded with `seed`.
    pub fn with_random_faults(
        mut self,
        seed: u64,
        rate: f64,
        kinds: impl IntoIterator<Item = Fault>,
    ) -> Self {
        self.fault_seed = seed;
        self.fault_rate = rate;
        self.fault_kinds = kinds.into_iter().collect();
        self
    }

    /// Applies a parsed [`FaultSpec`] (rate and kinds) with `seed`.
    pub fn with_fault_spec(self, seed: u64, spec: &FaultSpec) -> Self {
        self.with_random_faults(seed, spec.rate, spec.faults.iter().cloned())
    }

    /// Replaces the partner's GCC validation codes.
    pub fn with_gcc_validation_codes(
        mut self,
        codes: impl IntoIterator<Item = GccValidationCode>,
    ) -> Self {
        self.gcc_validation_codes = codes.into_iter().collect();
        self
    }

    /// Replaces the registration-number country list.
    pub fn with_registration_number_countries(mut self, list: RegistrationNumberCountries) -> Self {
        self.registration_number_countries = list;
        self
    }

    /// Sets who may use the control API.
    pub fn with_control(mut self, control: ControlAccess) -> Self {
        self.control = control;
        self
    }

    /// Sets how long a connection may take to send a request head and how long it may stay idle
    /// between requests before it is closed.
    pub fn with_connection_timeouts(mut self, header_read: Duration, idle: Duration) -> Self {
        self.header_read_timeout = header_read;
        self.idle_timeout = idle;
        self
    }

    /// Whether the control API answers, and whether it needs a token: `None` when it is off,
    /// `Some(None)` when it is open, `Some(Some(token))` when it needs `token`.
    pub fn control_token(&self) -> Option<Option<&str>> {
        match &self.control {
            ControlAccess::LoopbackOnly if self.bind.ip().is_loopback() => Some(None),
            ControlAccess::LoopbackOnly | ControlAccess::Off => None,
            ControlAccess::Token(token) => Some(Some(token)),
        }
    }

    /// A warning for the operator when the emulator listens on an address other hosts may reach
    /// (not loopback): it is a test tool with well-known credentials. `None` on loopback.
    pub fn exposure_warning(&self) -> Option<String> {
        let ip = self.bind.ip();
        if ip.is_loopback() {
            return None;
        }
        let control = if self.control_token().is_some() {
            "the control API needs the control token"
        } else {
            "the control API is off"
        };
        Some(format!(
            "warning: listening on {ip}, not on a loopback address. The emulator is a test tool: \
             anyone who can reach it can use its well-known credentials and fixed tokens, and its \
             answers carry the admin passwords of the customers it creates; {control}. Never put \
             real data in it."
        ))
    }

    /// The effective request budget: `None` when throttling is off.
    pub fn effective_rate_limit(&self) -> Option<u32> {
        self.rate_limit_per_minute.filter(|n| *n > 0)
    }

    /// Checks the values that can be wrong.
    ///
    /// # Errors
    /// A message naming the value when the fault rate is not a number between 0 and 1, a
    /// connection timeout is zero, or a duration (a lifetime, a delay, a fault's delay, a
    /// timeout) is longer than [`MAX_DURATION`].
    pub fn check(&self) -> Result<(), String> {
        if !(0.0..=1.0).contains(&self.fault_rate) {
            return Err(format!(
                "the fault rate must be between 0 and 1, not {}",
                self.fault_rate
            ));
        }
        if self.max_issued_tokens == 0 {
            return Err("max_issued_tokens must be at least 1".to_owned());
        }
        if matches!(&self.control, ControlAccess::Token(t) if t.trim().is_empty()) {
            return Err("the control token must not be empty".to_owned());
        }
        for (name, value) in [
            ("header_read_timeout", self.header_read_timeout),
            ("idle_timeout", self.idle_timeout),
        ] {
            if value.is_zero() {
                return Err(format!("{name} must be longer than zero"));
            }
        }
        let fault_delays = self.fault_kinds.iter().filter_map(|f| match f.kind {
            FaultKind::Delay(d) => Some(("a delay fault", d)),
            _ => None,
        });
        for (name, value) in [
            ("token_lifetime", self.token_lifetime),
            ("read_after_create_lag", self.read_after_create_lag),
            ("vetting_delay", self.vetting_delay),
            ("replay_window", self.replay_window),
            ("header_read_timeout", self.header_read_timeout),
            ("idle_timeout", self.idle_timeout),
        ]
        .into_iter()
        .chain(fault_delays)
        {
            if value > MAX_DURATION {
                return Err(format!(
                    "{name} must be at most {} (100 years), not {}s",
                    format_duration(MAX_DURATION),
                    value.as_secs()
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_usable_and_checked() {
        let config = EmulatorConfig::default();
        assert!(config.check().is_ok());
        assert_eq!(config.effective_rate_limit(), Some(500));
        assert_eq!(config.with_rate_limit(Some(0)).effective_rate_limit(), None);
        assert!(
            EmulatorConfig::default()
                .with_random_faults(1, 1.5, [])
                .check()
                .is_err()
        );
        assert!(
            EmulatorConfig::default()
                .with_random_faults(1, f64::NAN, [])
                .check()
                .is_err()
        );
        let absurd = Duration::from_secs(u64::MAX);
        for config in [
            EmulatorConfig::default().with_token_lifetime(absurd),
            EmulatorConfig::default().with_read_after_create_lag(absurd),
            EmulatorConfig::default().with_vetting_delay(MAX_DURATION + Duration::from_nanos(1)),
            EmulatorConfig::default().with_random_faults(
                1,
                0.5,
                [Fault::before(FaultKind::Delay(absurd))],
            ),
        ] {
            assert!(config.check().is_err(), "{config:?}");
        }
        assert!(
            EmulatorConfig::default()
                .with_token_lifetime(MAX_DURATION)
                .with_vetting_delay(MAX_DURATION)
                .with_read_after_create_lag(MAX_DURATION)
                .check()
                .is_ok()
        );
        assert_eq!(
            DEFAULT_RESELLER_ID.to_string(),
            "484e548c-f5f3-4528-93a9-c16c6373cb59"
        );
    }

    #[test]
    fn token_kinds_have_wire_names() {
        assert_eq!(
            serde_json::to_string(&AccessKind::AppAndUser)
                .ok()
                .as_deref(),
            Some("\"app+user\"")
        );
        assert_eq!(
            serde_json::from_str::<AccessKind>("\"app-only\"").ok(),
            Some(AccessKind::AppOnly)
        );
    }
}
