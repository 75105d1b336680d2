//! Where access tokens come from: the [`Credential`] trait, [`AccessToken`], [`CredentialError`]
//! and the simplest credential, [`StaticToken`].
//!
//! The OAuth credentials ([`ClientCredentials`](crate::ClientCredentials) and
//! [`RefreshTokenCredential`](crate::RefreshTokenCredential)) live in [`oauth`](crate::oauth).
//! The transport never calls a credential directly on every request: it keeps the token in a
//! cache, refreshes it before it expires and lets concurrent callers share one refresh.

use std::error::Error as StdError;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use futures::future::BoxFuture;
use pc_model::Secret;

use crate::clock::Clock;

/// Which kind of token a credential gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TokenKind {
    /// An application token (client credentials): enough for reading, and for creating direct
    /// customers.
    AppOnly,
    /// A delegated App+User token (the secure application model): needed for creating customers
    /// for resellers, agreements and qualifications.
    AppAndUser,
    /// Not known (e.g. a token passed in by the caller).
    #[default]
    Unknown,
}

/// A bearer token and when it stops working. `Debug` never shows the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessToken {
    /// The token sent as `Authorization: Bearer <token>`.
    pub token: Secret,
    /// When the token expires.
    pub expires_at: SystemTime,
}

/// A source of access tokens. Implement it to bring tokens from elsewhere (a vault, a sidecar,
/// a managed identity); the trait is object-safe.
///
/// The transport calls [`get_token`](Self::get_token) only when its cached token is missing,
/// about to expire, or was refused with `401`; never for two callers at once.
pub trait Credential: Send + Sync {
    /// Gets a new token. `ctx` gives the transport's clock (use it for `expires_at`) and an HTTP
    /// client for token endpoints.
    ///
    /// # Errors
    /// [`CredentialError`], saying whether trying again may help. Its message must not contain
    /// the secret.
    fn get_token<'a>(
        &'a self,
        ctx: &'a TokenContext,
    ) -> BoxFuture<'a, Result<AccessToken, CredentialError>>;

    /// The kind of token it gives.
    fn kind(&self) -> TokenKind {
        TokenKind::Unknown
    }
}

impl<C: Credential + ?Sized> Credential for Arc<C> {
    fn get_token<'a>(
        &'a self,
        ctx: &'a TokenContext,
    ) -> BoxFuture<'a, Result<AccessToken, CredentialError>> {
        (**self).get_token(ctx)
    }

    fn kind(&self) -> TokenKind {
        (**self).kind()
    }
}

/// A failure to get a token. Its message never contains a secret.
#[derive(Debug, Clone)]
pub struct CredentialError {
    message: String,
    transient: bool,
    status: Option<u16>,
    oauth_error: Option<String>,
    source: Option<Arc<dyn StdError + Send + Sync>>,
}

impl CredentialError {
    /// A permanent failure (wrong secret, revoked refresh token, …): retrying will not help.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            transient: false,
            status: None,
            oauth_error: None,
            source: None,
        }
    }

    /// A failure that may go away (token endpoint unreachable, `5xx`, `429`): the operation is
    /// retried per the retry policy, since nothing was sent to Partner Center.
    pub fn transient(message: impl Into<String>) -> Self {
        Self {
            transient: true,
            ..Self::new(message)
        }
    }

    /// Attaches the underlying error.
    pub fn with_source(mut self, source: impl StdError + Send + Sync + 'static) -> Self {
        self.source = Some(Arc::new(source));
        self
    }

    pub(crate) fn with_status(mut self, status: u16, oauth_error: Option<String>) -> Self {
        self.status = Some(status);
        self.oauth_error = oauth_error;
        self
    }

    /// The same error with every occurrence of the `secrets` in its message replaced by
    /// `********`: for messages that quote what a token endpoint answered.
    pub(crate) fn redacting<'s>(mut self, secrets: impl IntoIterator<Item = &'s str>) -> Self {
        for secret in secrets {
            if !secret.is_empty() && self.message.contains(secret) {
                self.message = self.message.replace(secret, "********");
            }
        }
        self
    }

    /// Whether trying again may help.
    pub fn is_transient(&self) -> bool {
        self.transient
    }

    /// The token endpoint's HTTP status, when it answered.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The OAuth `error` code the token endpoint answered (e.g. `invalid_grant`), if any.
    pub fn oauth_error(&self) -> Option<&str> {
        self.oauth_error.as_deref()
    }
}

impl fmt::Display for CredentialError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for CredentialError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

/// What a credential gets from the transport: its clock and an HTTP client for token
/// endpoints (sharing the transport's connection pool, TLS settings and timeouts).
#[derive(Clone)]
pub struct TokenContext {
    http: reqwest::Client,
    timeout: Duration,
    clock: Arc<dyn Clock>,
}

impl fmt::Debug for TokenContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenContext")
            .field("timeout", &self.timeout)
            .field("clock", &self.clock)
            .finish_non_exhaustive()
    }
}

/// A token endpoint's answer: its status and body.
#[derive(Debug, Clone)]
pub struct FormResponse {
    /// The HTTP status.
    pub status: u16,
    /// The body. It may contain tokens: do not log it.
    pub body: Bytes,
}

impl TokenContext {
    pub(crate) fn new(http: reqwest::Client, timeout: Duration, clock: Arc<dyn Clock>) -> Self {
        Self {
            http,
            timeout,
            clock,
        }
    }

    /// Wall-clock now, from the transport's clock.
    pub fn now(&self) -> SystemTime {
        self.clock.system_now()
    }

    /// The transport's clock.
    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    /// Posts a form (`application/x-www-form-urlencoded`) to `url`, within the transport's
    /// per-attempt timeout, without following redirects.
    ///
    /// # Errors
    /// A transient [`CredentialError`] when the endpoint cannot be reached or does not answer in
    /// time. An answer with any status is `Ok`.
    pub async fn post_form(
        &self,
        url: &str,
        form: &[(&str, &str)],
    ) -> Result<FormResponse, CredentialError> {
        let host = reqwest::Url::parse(url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_default();
        let send = async {
            let response = self
                .http
                .post(url)
                .header(reqwest::header::ACCEPT, "application/json")
                .form(form)
                .send()
                .await?;
            let status = response.status().as_u16();
            let body = response.bytes().await?;
            Ok::<_, reqwest::Error>(FormResponse { status, body })
        };
        match tokio::time::timeout(self.timeout, send).await {
            Ok(Ok(response)) => Ok(response),
            Ok(Err(e)) => {
                let e = e.without_url();
                Err(CredentialError::transient(format!(
                    "the token endpoint {host} could not be reached: {}",
                    causes(&e)
                ))
                .with_source(e))
            }
            Err(_) => Err(CredentialError::transient(format!(
                "the token endpoint {host} did not answer within {:?}",
                self.timeout
            ))),
        }
    }
}

/// `error` and its sources, joined by `: ` (a source that repeats the text before it is left
/// out), on one line: what a network failure was, down to the operating system's reason.
fn causes(error: &(dyn StdError + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let line = cause.to_string();
        if !text.ends_with(&line) {
            text.push_str(": ");
            text.push_str(&line);
        }
        source = cause.source();
    }
    crate::error::one_line(&text, 500)
}

/// A token given by the caller, used as it is. With no expiry given it is treated as valid for
/// a day at a time; after a `401` the transport asks again and gets the same token, so a
/// refused static token fails the call.
#[derive(Debug, Clone)]
pub struct StaticToken {
    token: Secret,
    kind: TokenKind,
    expires_at: Option<SystemTime>,
}

impl StaticToken {
    /// A token of unknown kind and expiry.
    pub fn new(token: impl Into<Secret>) -> Self {
        Self {
            token: token.into(),
            kind: TokenKind::Unknown,
            expires_at: None,
        }
    }

    /// Says which kind of token it is.
    pub fn with_kind(mut self, kind: TokenKind) -> Self {
        self.kind = kind;
        self
    }

    /// Says when it expires.
    pub fn expiring_at(mut self, expires_at: SystemTime) -> Self {
        self.expires_at = Some(expires_at);
        self
    }
}

impl Credential for StaticToken {
    fn get_token<'a>(
        &'a self,
        ctx: &'a TokenContext,
    ) -> BoxFuture<'a, Result<AccessToken, CredentialError>> {
        let expires_at = self.expires_at.unwrap_or_else(|| {
            let now = ctx.now();
            now.checked_add(Duration::from_secs(86_400)).unwrap_or(now)
        });
        Box::pin(std::future::ready(Ok(AccessToken {
            token: self.token.clone(),
            expires_at,
        })))
    }

    fn kind(&self) -> TokenKind {
        self.kind
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;

    #[tokio::test]
    async fn static_token_never_shows_itself() {
        let clock = ManualClock::new();
        let ctx = TokenContext::new(
            reqwest::Client::new(),
            Duration::from_secs(1),
            Arc::new(clock.clone()),
        );
        let cred = StaticToken::new("s3cr3t-token").with_kind(TokenKind::AppOnly);
        assert!(!format!("{cred:?}").contains("s3cr3t"));
        let token = cred.get_token(&ctx).await.unwrap();
        assert_eq!(token.token.expose(), "s3cr3t-token");
        assert!(!format!("{token:?}").contains("s3cr3t"));
        assert_eq!(
            token.expires_at,
            clock.system_now() + Duration::from_secs(86_400)
        );
        let shared: Arc<dyn Credential> = Arc::new(cred);
        assert_eq!(shared.kind(), TokenKind::AppOnly);
    }

    #[test]
    fn errors_keep_their_source() {
        let e = CredentialError::transient("down").with_source(std::io::Error::other("reset"));
        assert!(e.is_transient());
        assert_eq!(e.to_string(), "down");
        assert_eq!(e.source().unwrap().to_string(), "reset");
        assert!(!CredentialError::new("no").is_transient());
    }
}
