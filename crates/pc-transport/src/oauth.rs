//! OAuth 2.0 credentials against Microsoft Entra ID: [`ClientCredentials`] (app-only) and
//! [`RefreshTokenCredential`] (App+User, the secure application model).
//!
//! Token URLs are `{authority}/{tenant}/oauth2/token` (v1, with `resource=`) and
//! `{authority}/{tenant}/oauth2/v2.0/token` (v2, with `scope=`). The authority is the cloud's
//! ([`Cloud::login_authority`]) unless overridden, e.g. with an emulator's URL. The v1 endpoint
//! sends `expires_in` as a string (`"3599"`) and v2 as a number; both are read.
//!
//! Tokens, refresh tokens and client secrets are [`Secret`]s: they never appear in `Debug`,
//! `Display`, errors or logs.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use futures::future::BoxFuture;
use pc_model::operation::encode_path_segment;
use pc_model::{Cloud, Secret};
use serde::Deserialize;

use crate::config::check_base_url;
use crate::credential::{AccessToken, Credential, CredentialError, TokenContext, TokenKind};
use crate::error::Error;

/// The token authority (the host of the token endpoint), e.g. `https://login.microsoftonline.com`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authority(String);

impl Authority {
    /// The authority of a cloud ([`Cloud::login_authority`]).
    pub fn for_cloud(cloud: Cloud) -> Self {
        Self(cloud.login_authority().to_owned())
    }

    /// Any authority: an `https` URL, or `http` to a loopback host (an emulator).
    ///
    /// # Errors
    /// A configuration [`Error`] for anything else (not a URL, plain `http` to another host,
    /// credentials, query or fragment in the URL).
    pub fn custom(url: &str) -> Result<Self, Error> {
        check_base_url(url, "token authority")
            .map(Self)
            .map_err(Error::configuration)
    }

    /// The URL, without a trailing slash.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Which token endpoint to use and for which audience.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenEndpoint {
    /// `/oauth2/token` with `resource=<resource>`, e.g. `https://api.partnercenter.microsoft.com`.
    V1 {
        /// The resource.
        resource: String,
    },
    /// `/oauth2/v2.0/token` with `scope=<scope>`, e.g.
    /// `https://api.partnercenter.microsoft.com/.default`.
    V2 {
        /// The scope.
        scope: String,
    },
}

impl TokenEndpoint {
    /// v1 for the cloud's Partner Center resource.
    pub fn v1_for(cloud: Cloud) -> Self {
        Self::V1 {
            resource: cloud.token_resource().to_owned(),
        }
    }

    /// v2 for the cloud's Partner Center `/.default` scope.
    pub fn v2_for(cloud: Cloud) -> Self {
        Self::V2 {
            scope: format!("{}/.default", cloud.token_resource()),
        }
    }

    fn url(&self, authority: &Authority, tenant: &str) -> String {
        let tenant = encode_path_segment(tenant);
        match self {
            Self::V1 { .. } => format!("{}/{tenant}/oauth2/token", authority.as_str()),
            Self::V2 { .. } => format!("{}/{tenant}/oauth2/v2.0/token", authority.as_str()),
        }
    }

    fn audience(&self) -> (&'static str, &str) {
        match self {
            Self::V1 { resource } => ("resource", resource),
            Self::V2 { scope } => ("scope", scope),
        }
    }
}

/// Where and for what to ask for tokens; shared by both credentials.
#[derive(Debug, Clone)]
struct Endpoint {
    tenant: String,
    client_id: String,
    client_secret: Option<Secret>,
    authority: Authority,
    endpoint: TokenEndpoint,
}

impl Endpoint {
    fn new(tenant: String, client_id: String, client_secret: Option<Secret>) -> Self {
        Self {
            tenant,
            client_id,
            client_secret,
            authority: Authority::for_cloud(Cloud::Public),
            endpoint: TokenEndpoint::v2_for(Cloud::Public),
        }
    }

    fn set_cloud(&mut self, cloud: Cloud) {
        self.authority = Authority::for_cloud(cloud);
        self.endpoint = match self.endpoint {
            TokenEndpoint::V1 { .. } => TokenEndpoint::v1_for(cloud),
            TokenEndpoint::V2 { .. } => TokenEndpoint::v2_for(cloud),
        };
    }

    /// Redeems a grant and reads the answer.
    async fn request(
        &self,
        ctx: &TokenContext,
        grant_type: &str,
        refresh_token: Option<&Secret>,
    ) -> Result<TokenAnswer, CredentialError> {
        let url = self.endpoint.url(&self.authority, &self.tenant);
        let (audience_name, audience) = self.endpoint.audience();
        let mut form: Vec<(&str, &str)> = vec![
            ("grant_type", grant_type),
            ("client_id", &self.client_id),
            (audience_name, audience),
        ];
        if let Some(secret) = &self.client_secret {
            form.push(("client_secret", secret.expose()));
        }
        if let Some(token) = refresh_token {
            form.push(("refresh_token", token.expose()));
        }
        tracing::debug!(
            grant_type,
            authority = self.authority.as_str(),
            tenant = %self.tenant,
            "requesting an access token"
        );
        let requested_at = ctx.now();
        let response = ctx.post_form(&url, &form).await?;
        let answer =
            read_token_response(response.status, &response.body, requested_at).map_err(|e| {
                // The endpoint's description is shown; it must not be able to show a secret.
                let secrets = [self.client_secret.as_ref(), refresh_token];
                e.redacting(secrets.into_iter().flatten().map(Secret::expose))
            })?;
        tracing::debug!(
            status = response.status,
            rotated_refresh_token = answer.refresh_token.is_some(),
            "access token received"
        );
        Ok(answer)
    }
}

/// The token endpoint's setters, written once for both credentials (each keeps its token
/// endpoint in a field `endpoint`).
macro_rules! endpoint_setters {
    () => {
        /// Uses the cloud's authority and audience, keeping the endpoint version.
        pub fn with_cloud(mut self, cloud: Cloud) -> Self {
            self.endpoint.set_cloud(cloud);
            self
        }

        /// Uses another authority (e.g. an emulator); see [`Authority::custom`].
        pub fn with_authority(mut self, authority: Authority) -> Self {
            self.endpoint.authority = authority;
            self
        }

        /// Uses another endpoint version or audience.
        pub fn with_endpoint(mut self, endpoint: TokenEndpoint) -> Self {
            self.endpoint.endpoint = endpoint;
            self
        }
    };
}

/// App-only tokens through the client-credentials grant.
///
/// Defaults: the public cloud's authority and the v2 endpoint with scope
/// `https://api.partnercenter.microsoft.com/.default`. Which audience the service accepts for
/// app-only tokens has changed over time, so both are configurable.
#[derive(Debug, Clone)]
pub struct ClientCredentials {
    endpoint: Endpoint,
}

impl ClientCredentials {
    /// Credentials of an application registered in `tenant` (a GUID or a domain).
    pub fn new(
        tenant: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: impl Into<Secret>,
    ) -> Self {
        Self {
            endpoint: Endpoint::new(tenant.into(), client_id.into(), Some(client_secret.into())),
        }
    }

    endpoint_setters!();
}

impl Credential for ClientCredentials {
    fn get_token<'a>(
        &'a self,
        ctx: &'a TokenContext,
    ) -> BoxFuture<'a, Result<AccessToken, CredentialError>> {
        Box::pin(async move {
            let answer = self
                .endpoint
                .request(ctx, "client_credentials", None)
                .await?;
            Ok(answer.access_token)
        })
    }

    fn kind(&self) -> TokenKind {
        TokenKind::AppOnly
    }
}

/// What a rotation callback's future ends with: `Ok` once the new refresh token is stored, or
/// why it could not be stored.
pub type RotationResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;

/// Called with every new refresh token the token endpoint hands out, so it can be persisted.
type RotationCallback = Arc<dyn Fn(Secret) -> BoxFuture<'static, RotationResult> + Send + Sync>;

/// The refresh token in use, and whether the rotation callback has yet to store it.
struct RefreshState {
    token: Secret,
    unsaved: bool,
}

/// App+User tokens by redeeming a refresh token (the secure application model).
///
/// Refresh tokens rotate: each redemption may return a new one, which replaces the old one in
/// this credential and is handed to the rotation callback ([`on_rotation_async`], or
/// [`on_rotation`] for a synchronous one), so the caller can store it (the old one may stop
/// working, and an unused one expires after 90 days). Redemptions are serialised, so one refresh
/// token is never redeemed twice at once, even when the credential is shared by several
/// transports.
///
/// [`on_rotation_async`]: Self::on_rotation_async
/// [`on_rotation`]: Self::on_rotation
///
/// Defaults: the public cloud's authority and the v2 endpoint with scope
/// `https://api.partnercenter.microsoft.com/.default`.
pub struct RefreshTokenCredential {
    endpoint: Endpoint,
    refresh: tokio::sync::Mutex<RefreshState>,
    on_rotation: Option<RotationCallback>,
}

impl fmt::Debug for RefreshTokenCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RefreshTokenCredential")
            .field("endpoint", &self.endpoint)
            .field("refresh_token", &"********")
            .field("on_rotation", &self.on_rotation.is_some())
            .finish()
    }
}

impl RefreshTokenCredential {
    /// Redeems `refresh_token` for the application `client_id` in `tenant` (a public client:
    /// add a secret with [`with_client_secret`](Self::with_client_secret) for a confidential
    /// one).
    pub fn new(
        tenant: impl Into<String>,
        client_id: impl Into<String>,
        refresh_token: impl Into<Secret>,
    ) -> Self {
        Self {
            endpoint: Endpoint::new(tenant.into(), client_id.into(), None),
            refresh: tokio::sync::Mutex::new(RefreshState {
                token: refresh_token.into(),
                unsaved: false,
            }),
            on_rotation: None,
        }
    }

    /// Sends a client secret with each redemption.
    pub fn with_client_secret(mut self, secret: impl Into<Secret>) -> Self {
        self.endpoint.client_secret = Some(secret.into());
        self
    }

    /// Stores each new refresh token with `callback`, e.g. in a vault:
    ///
    /// ```
    /// # use pc_transport::RefreshTokenCredential;
    /// # async fn save_in_vault(_: &str) -> std::io::Result<()> { Ok(()) }
    /// let credential = RefreshTokenCredential::new("contoso.onmicrosoft.com", "client-id", "rt")
    ///     .on_rotation_async(|token| async move {
    ///         save_in_vault(token.expose()).await?;
    ///         Ok(())
    ///     });
    /// ```
    ///
    /// The callback's future is awaited before the new access token is used, while other
    /// redemptions wait, so tokens are stored one at a time and in order; keep it short.
    ///
    /// If it fails, the call that needed the token fails with a transient credential error
    /// ([`ErrorKind::Credential`](crate::ErrorKind::Credential), the callback's message and
    /// error as its source), and is retried per the retry policy. The credential keeps the new
    /// refresh token (the old one may no longer work), and hands the same token to the callback
    /// again before its next redemption, until it is stored: a token is never used before the
    /// callback has stored it, and never silently left unstored. The callback's error is shown in
    /// messages and logs, so it must not contain the token.
    pub fn on_rotation_async<F, Fut>(mut self, callback: F) -> Self
    where
        F: Fn(Secret) -> Fut + Send + Sync + 'static,
        Fut: std::future::Future<Output = RotationResult> + Send + 'static,
    {
        self.on_rotation = Some(Arc::new(move |token| Box::pin(callback(token))));
        self
    }

    /// Calls `callback` with each new refresh token: a callback that cannot fail and does not
    /// wait (e.g. sending the value to a channel). It is
    /// [`on_rotation_async`](Self::on_rotation_async) with a callback that returns at once
    /// with `Ok`.
    pub fn on_rotation(self, callback: impl Fn(Secret) + Send + Sync + 'static) -> Self {
        self.on_rotation_async(move |token| {
            callback(token);
            std::future::ready(Ok(()))
        })
    }

    endpoint_setters!();

    /// The refresh token in use now (the latest one the endpoint handed out).
    pub async fn current_refresh_token(&self) -> Secret {
        self.refresh.lock().await.token.clone()
    }

    /// Hands a rotated refresh token the callback has not stored yet to the callback.
    async fn store(&self, state: &mut RefreshState) -> Result<(), CredentialError> {
        let Some(callback) = &self.on_rotation else {
            state.unsaved = false;
            return Ok(());
        };
        if !state.unsaved {
            return Ok(());
        }
        match callback(state.token.clone()).await {
            Ok(()) => {
                state.unsaved = false;
                Ok(())
            }
            Err(e) => {
                tracing::error!(error = %e, "the rotation callback could not store the new refresh token");
                Err(CredentialError::transient(format!(
                    "the new refresh token could not be stored by the rotation callback: {e}"
                ))
                .with_source(CallbackError(e)))
            }
        }
    }
}

impl Credential for RefreshTokenCredential {
    fn get_token<'a>(
        &'a self,
        ctx: &'a TokenContext,
    ) -> BoxFuture<'a, Result<AccessToken, CredentialError>> {
        Box::pin(async move {
            let mut state = self.refresh.lock().await;
            // A token from an earlier redemption that could not be stored is stored first.
            self.store(&mut state).await?;
            let answer = self
                .endpoint
                .request(ctx, "refresh_token", Some(&state.token))
                .await?;
            if let Some(rotated) = answer.refresh_token
                && !rotated.is_empty()
                && rotated != state.token
            {
                state.token = rotated;
                state.unsaved = true;
                self.store(&mut state).await?;
            }
            Ok(answer.access_token)
        })
    }

    fn kind(&self) -> TokenKind {
        TokenKind::AppAndUser
    }
}

/// A rotation callback's error, as the source of a [`CredentialError`].
#[derive(Debug)]
struct CallbackError(Box<dyn std::error::Error + Send + Sync>);

impl fmt::Display for CallbackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the rotation callback failed")
    }
}

impl std::error::Error for CallbackError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(self.0.as_ref())
    }
}

/// A token endpoint's successful answer.
#[derive(Debug)]
struct TokenAnswer {
    access_token: AccessToken,
    refresh_token: Option<Secret>,
}

#[derive(Deserialize)]
struct RawTokenResponse {
    access_token: Option<Secret>,
    #[serde(default)]
    expires_in: Option<NumberOrString>,
    #[serde(default)]
    refresh_token: Option<Secret>,
}

#[derive(Deserialize)]
struct RawTokenError {
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    error_description: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum NumberOrString {
    Number(u64),
    Text(String),
}

impl NumberOrString {
    fn seconds(&self) -> Option<u64> {
        match self {
            Self::Number(n) => Some(*n),
            Self::Text(s) => s.trim().parse().ok(),
        }
    }
}

/// How long a token whose answer gives no usable `expires_in` is trusted. A `401` before then
/// still brings a new one.
const DEFAULT_LIFETIME: Duration = Duration::from_secs(600);

/// Reads a token endpoint's answer (v1 or v2). Errors name the status and the OAuth error and
/// never contain the body's tokens.
fn read_token_response(
    status: u16,
    body: &[u8],
    requested_at: SystemTime,
) -> Result<TokenAnswer, CredentialError> {
    if !(200..300).contains(&status) {
        let (error, description) = match serde_json::from_slice::<RawTokenError>(body) {
            Ok(e) => (e.error, e.error_description),
            Err(_) => (None, None),
        };
        let mut message = format!("the token endpoint answered {status}");
        if let Some(error) = &error {
            message.push_str(": ");
            message.push_str(&first_line(error, 64));
        }
        if let Some(description) = &description {
            message.push_str(": ");
            message.push_str(&first_line(description, 300));
        }
        let transient = status >= 500 || status == 429 || status == 408;
        let err = if transient {
            CredentialError::transient(message)
        } else {
            CredentialError::new(message)
        };
        return Err(err.with_status(status, error));
    }
    let raw: RawTokenResponse = serde_json::from_slice(body).map_err(|e| {
        // Only the position: serde's message could quote a value from the body.
        CredentialError::new(format!(
            "the token endpoint's answer is not a token response (line {}, column {})",
            e.line(),
            e.column()
        ))
        .with_status(status, None)
    })?;
    let token = raw.access_token.filter(|t| !t.is_empty()).ok_or_else(|| {
        CredentialError::new("the token endpoint's answer has no access_token")
            .with_status(status, None)
    })?;
    let lifetime = raw
        .expires_in
        .as_ref()
        .and_then(NumberOrString::seconds)
        .map_or(DEFAULT_LIFETIME, Duration::from_secs);
    let expires_at = requested_at
        .checked_add(lifetime)
        .unwrap_or(requested_at + DEFAULT_LIFETIME);
    Ok(TokenAnswer {
        access_token: AccessToken { token, expires_at },
        refresh_token: raw.refresh_token.filter(|t| !t.is_empty()),
    })
}

/// The first line of `text`, made [`one_line`](crate::error::one_line) (Entra ID puts a trace id
/// and a timestamp on the lines after its `AADSTS` message).
fn first_line(text: &str, max_chars: usize) -> String {
    crate::error::one_line(text.lines().next().unwrap_or_default(), max_chars)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t0() -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000)
    }

    #[test]
    fn v1_string_and_v2_number_expiry() {
        let v1 = read_token_response(
            200,
            br#"{"token_type":"Bearer","expires_in":"3599","access_token":"AT1","refresh_token":"RT2"}"#,
            t0(),
        )
        .unwrap();
        assert_eq!(v1.access_token.expires_at, t0() + Duration::from_secs(3599));
        assert_eq!(v1.refresh_token.unwrap().expose(), "RT2");
        let v2 = read_token_response(
            200,
            br#"{"token_type":"Bearer","expires_in":3599,"access_token":"AT1"}"#,
            t0(),
        )
        .unwrap();
        assert_eq!(v2.access_token.expires_at, t0() + Duration::from_secs(3599));
        assert!(v2.refresh_token.is_none());
        let odd = read_token_response(200, br#"{"access_token":"AT","expires_in":"soon"}"#, t0())
            .unwrap();
        assert_eq!(odd.access_token.expires_at, t0() + DEFAULT_LIFETIME);
    }

    #[test]
    fn failures_say_why_without_secrets() {
        let e = read_token_response(
            400,
            br#"{"error":"invalid_grant","error_description":"AADSTS70000: The refresh token has expired.\r\nTrace ID: 1"}"#,
            t0(),
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "the token endpoint answered 400: invalid_grant: AADSTS70000: The refresh token has expired."
        );
        assert_eq!(e.oauth_error(), Some("invalid_grant"));
        assert!(!e.is_transient());
        assert!(
            read_token_response(503, b"<html>", t0())
                .unwrap_err()
                .is_transient()
        );
        let e = read_token_response(200, br#"{"access_token":12345678}"#, t0()).unwrap_err();
        assert!(!e.to_string().contains("12345678"), "{e}");
        assert!(read_token_response(200, br#"{"access_token":""}"#, t0()).is_err());
        let e = read_token_response(
            401,
            b"{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: bad\\u001b]0;x\\u0007 secret\"}",
            t0(),
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "the token endpoint answered 401: invalid_client: AADSTS7000215: bad ]0;x  secret"
        );
    }

    #[test]
    fn token_urls() {
        let public = Authority::for_cloud(Cloud::Public);
        assert_eq!(
            TokenEndpoint::v1_for(Cloud::Public).url(&public, "contoso.onmicrosoft.com"),
            "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/token"
        );
        assert_eq!(
            TokenEndpoint::v2_for(Cloud::China).url(&Authority::for_cloud(Cloud::China), "a/b"),
            "https://login.chinacloudapi.cn/a%2Fb/oauth2/v2.0/token"
        );
        assert_eq!(
            TokenEndpoint::v2_for(Cloud::UsGovernment).audience(),
            ("scope", "https://api.partnercenter.microsoft.com/.default")
        );
        assert!(Authority::custom("http://login.example.com").is_err());
        assert_eq!(
            Authority::custom("http://127.0.0.1:9/").unwrap().as_str(),
            "http://127.0.0.1:9"
        );
        let cred = ClientCredentials::new("t", "c", "sup3r-secret").with_cloud(Cloud::UsGovernment);
        let shown = format!("{cred:?}");
        assert!(!shown.contains("sup3r"), "{shown}");
        assert!(shown.contains("login.microsoftonline.us"), "{shown}");
        let refresh = RefreshTokenCredential::new("t", "c", "r3fresh").with_client_secret("sup3r");
        assert!(!format!("{refresh:?}").contains("r3fresh"));
        assert!(!format!("{refresh:?}").contains("sup3r"));
    }
}
