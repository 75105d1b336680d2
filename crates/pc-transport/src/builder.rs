//! [`TransportBuilder`]: everything a [`Transport`] is configured with, checked once in
//! [`build`](TransportBuilder::build).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use pc_model::{Cloud, RegistrationNumberCountries};
use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::clock::{Clock, SystemClock};
use crate::config::{Timeouts, check_application_name, check_base_url, check_locale};
use crate::credential::Credential;
use crate::error::Error;
use crate::headers::{CLIENT_NAME, fixed_headers};
use crate::rate_limit::RateLimiter;
use crate::retry::RetryPolicy;
use crate::token_cache::TokenCache;
use crate::transport::{Inner, Transport};

/// The largest answer a transport reads by default (16 MiB); see
/// [`TransportBuilder::max_response_bytes`]. Far above any Partner Center answer, it bounds the
/// memory a misbehaving server can make a call use. `pc` applies the same limit to the bodies it
/// reads from files.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// Builds a [`Transport`]. Start with [`Transport::builder`].
///
/// Defaults: the public cloud, locale `en-US`, no application name, [`RetryPolicy::default`],
/// [`Timeouts::default`], no rate limit, tokens refreshed 5 minutes before they expire, the
/// system clock, answers of at most [`DEFAULT_MAX_RESPONSE_BYTES`] (16 MiB).
#[must_use = "a builder does nothing until `build` is called"]
pub struct TransportBuilder {
    credential: Arc<dyn Credential>,
    cloud: Option<Cloud>,
    base_url: Option<String>,
    locale: String,
    application_name: Option<String>,
    retry: RetryPolicy,
    timeouts: Timeouts,
    rate_limit_per_minute: Option<u32>,
    token_refresh_margin: Duration,
    clock: Arc<dyn Clock>,
    max_response_bytes: usize,
    jitter_seed: Option<u64>,
    countries: Option<RegistrationNumberCountries>,
}

impl std::fmt::Debug for TransportBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TransportBuilder")
            .field("credential_kind", &self.credential.kind())
            .field("cloud", &self.cloud)
            .field("base_url", &self.base_url)
            .field("locale", &self.locale)
            .field("application_name", &self.application_name)
            .field("retry", &self.retry)
            .field("timeouts", &self.timeouts)
            .field("rate_limit_per_minute", &self.rate_limit_per_minute)
            .finish_non_exhaustive()
    }
}

impl TransportBuilder {
    pub(crate) fn new(credential: Arc<dyn Credential>) -> Self {
        Self {
            credential,
            cloud: None,
            base_url: None,
            locale: "en-US".to_owned(),
            application_name: None,
            retry: RetryPolicy::default(),
            timeouts: Timeouts::default(),
            rate_limit_per_minute: None,
            token_refresh_margin: Duration::from_secs(300),
            clock: Arc::new(SystemClock),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            jitter_seed: None,
            countries: None,
        }
    }

    /// Talks to this cloud's API. Operations not available in the cloud (confirming the
    /// customer agreement outside the public cloud) are refused before anything is sent.
    pub fn cloud(mut self, cloud: Cloud) -> Self {
        self.cloud = Some(cloud);
        self
    }

    /// Talks to this base URL instead of the cloud's (an emulator, a proxy). It must be `https`,
    /// or `http` to a loopback host (`127.0.0.0/8`, `::1`, `localhost`); [`build`](Self::build)
    /// refuses anything else. It may have a path prefix. With a base URL and no
    /// [`cloud`](Self::cloud), no cloud availability check is made.
    pub fn base_url(mut self, url: &str) -> Self {
        self.base_url = Some(url.to_owned());
        self
    }

    /// Sends this `X-Locale` (default `en-US`), the language of the service's messages.
    pub fn locale(mut self, locale: impl Into<String>) -> Self {
        self.locale = locale.into();
        self
    }

    /// Sends `MS-PartnerCenter-Application: <name>` (1 to 128 printable ASCII characters).
    pub fn application_name(mut self, name: impl Into<String>) -> Self {
        self.application_name = Some(name.into());
        self
    }

    /// Retries per this policy.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Uses these time limits (all must be more than zero).
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// Starts at most `per_minute` requests (attempts) per minute, evenly spaced, across every
    /// clone of the transport. Waiting for a slot counts against the operation's deadline.
    ///
    /// The service counts requests in fixed windows that open when a request arrives, so a
    /// limiter set exactly at its limit (500 per minute) can still meet a `429` when network
    /// jitter shifts a request across a window's edge: leave a few percent of headroom (485).
    pub fn rate_limit_per_minute(mut self, per_minute: u32) -> Self {
        self.rate_limit_per_minute = Some(per_minute);
        self
    }

    /// Refreshes tokens this long before they expire (default 5 minutes; at most half the
    /// token's lifetime is used).
    pub fn token_refresh_margin(mut self, margin: Duration) -> Self {
        self.token_refresh_margin = margin;
        self
    }

    /// Validates create-customer bodies against this registration-number country list instead
    /// of the default one (calls that pass their own
    /// [`CallOptions::validation_context`](crate::CallOptions::validation_context) use theirs).
    /// "Now" still comes from the transport's clock.
    pub fn registration_number_countries(mut self, countries: RegistrationNumberCountries) -> Self {
        self.countries = Some(countries);
        self
    }

    /// Uses this clock for decisions and waits (see [`Clock`](crate::Clock)); for tests, a
    /// [`ManualClock`](crate::ManualClock).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Seeds the backoff jitter, for reproducible delays in tests.
    pub fn jitter_seed(mut self, seed: u64) -> Self {
        self.jitter_seed = Some(seed);
        self
    }

    /// Refuses answers larger than `bytes` (default [`DEFAULT_MAX_RESPONSE_BYTES`], 16 MiB)
    /// instead of reading them into memory.
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_response_bytes = bytes;
        self
    }

    /// Checks the settings and builds the transport (one connection pool for it and its
    /// clones).
    ///
    /// # Errors
    /// A configuration [`Error`] for a base URL that is not `https` (or `http` to loopback), a
    /// malformed locale or application name, a zero timeout, a zero rate limit or zero
    /// attempts, or when the HTTP client cannot be set up.
    pub fn build(self) -> Result<Transport, Error> {
        self.timeouts.check().map_err(Error::configuration)?;
        if self.retry.max_attempts == 0 {
            return Err(Error::configuration(
                "the retry policy must allow at least one attempt",
            ));
        }
        let base_url = match &self.base_url {
            Some(url) => check_base_url(url, "base URL").map_err(Error::configuration)?,
            None => self.cloud.unwrap_or_default().api_base_url().to_owned(),
        };
        let base = reqwest::Url::parse(&base_url)
            .map_err(|e| Error::configuration(format!("the base URL is not a URL: {e}")))?;
        let cloud = match (&self.base_url, self.cloud) {
            (None, None) => Some(Cloud::default()),
            (_, cloud) => cloud,
        };
        check_locale(&self.locale).map_err(Error::configuration)?;
        if let Some(name) = &self.application_name {
            check_application_name(name).map_err(Error::configuration)?;
        }
        let limiter = match self.rate_limit_per_minute {
            Some(n) => Some(RateLimiter::per_minute(n).ok_or_else(|| {
                Error::configuration("the rate limit must be at least one request per minute")
            })?),
            None => None,
        };
        let fixed = fixed_headers(&self.locale, self.application_name.as_deref())
            .map_err(Error::configuration)?;
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(self.timeouts.connect)
            .user_agent(CLIENT_NAME)
            .pool_idle_timeout(Duration::from_secs(90))
            .build()
            .map_err(|e| {
                Error::configuration(format!("the HTTP client could not be set up: {e}"))
            })?;
        let seed = self
            .jitter_seed
            .unwrap_or_else(|| uuid::Uuid::new_v4().as_u64_pair().0);
        Ok(Transport::from_inner(Inner {
            http,
            base,
            cloud,
            fixed_headers: fixed,
            retry: self.retry,
            timeouts: self.timeouts,
            limiter,
            tokens: TokenCache::new(self.credential, self.token_refresh_margin),
            clock: self.clock,
            jitter: Mutex::new(StdRng::seed_from_u64(seed)),
            max_response_bytes: self.max_response_bytes,
            countries: self.countries,
        }))
    }
}
