//! Where `pc` sends requests and how it authenticates: flags, or `PC_*` environment variables.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use pc_client::{Client, ClientBuilder};
use pc_model::Cloud;
use pc_transport::{
    Authority, ClientCredentials, RefreshTokenCredential, StaticToken, TokenEndpoint,
};

/// The service to talk to and the credentials to use.
#[derive(Debug, Args)]
#[command(next_help_heading = "Target and credentials (flags or environment)")]
pub(crate) struct TargetArgs {
    /// API base URL, e.g. the emulator's http://127.0.0.1:8080 (default: the cloud's).
    #[arg(long, env = "PC_BASE_URL", global = true, value_name = "URL")]
    base_url: Option<String>,
    /// Partner Center cloud: public, usgov or china [default: public].
    #[arg(long, env = "PC_CLOUD", global = true, value_name = "CLOUD")]
    cloud: Option<Cloud>,
    /// Your partner tenant (id or domain), for the token endpoint.
    #[arg(long, env = "PC_TENANT_ID", global = true, value_name = "TENANT")]
    tenant_id: Option<String>,
    /// Your application (client) id.
    #[arg(long, env = "PC_CLIENT_ID", global = true, value_name = "ID")]
    client_id: Option<String>,
    /// Client secret: App-only tokens (client credentials), or the secret of a confidential
    /// client redeeming a refresh token. Prefer the environment variable.
    #[arg(
        long,
        env = "PC_CLIENT_SECRET",
        hide_env_values = true,
        global = true,
        value_name = "SECRET"
    )]
    client_secret: Option<String>,
    /// Refresh token for App+User tokens (the secure application model). Prefer the environment
    /// variable or --refresh-token-file.
    #[arg(
        long,
        env = "PC_REFRESH_TOKEN",
        hide_env_values = true,
        global = true,
        value_name = "TOKEN"
    )]
    refresh_token: Option<String>,
    /// File holding the refresh token; every rotated refresh token is written back to it.
    #[arg(
        long,
        env = "PC_REFRESH_TOKEN_FILE",
        global = true,
        value_name = "PATH"
    )]
    refresh_token_file: Option<PathBuf>,
    /// A ready access token (sent as is; no refresh).
    #[arg(
        long,
        env = "PC_ACCESS_TOKEN",
        hide_env_values = true,
        global = true,
        value_name = "TOKEN"
    )]
    access_token: Option<String>,
    /// Token authority instead of the cloud's, e.g. the emulator's URL.
    #[arg(long, env = "PC_AUTHORITY", global = true, value_name = "URL")]
    authority: Option<String>,
    /// Token endpoint version.
    #[arg(long, env = "PC_TOKEN_ENDPOINT", global = true, value_enum, default_value_t = EndpointVersion::V2)]
    token_endpoint: EndpointVersion,
    /// `X-Locale` of requests, the language of the service's messages [default: en-US].
    #[arg(long, env = "PC_LOCALE", global = true, value_name = "LOCALE")]
    locale: Option<String>,
    /// Your application's name, sent as MS-PartnerCenter-Application.
    #[arg(long, env = "PC_APPLICATION", global = true, value_name = "NAME")]
    application: Option<String>,
}

/// Which token endpoint to redeem credentials at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum EndpointVersion {
    /// `/oauth2/token` with a resource.
    V1,
    /// `/oauth2/v2.0/token` with a scope.
    V2,
}

impl TargetArgs {
    /// Builds the client.
    ///
    /// # Errors
    /// A message for the user (a usage problem: exit 2) when credentials are missing or
    /// inconsistent, or a setting is refused.
    pub(crate) fn client(&self) -> Result<Client, String> {
        self.client_with(|builder| builder)
    }

    /// Builds the client with more settings from `more`.
    ///
    /// # Errors
    /// As [`client`](Self::client).
    pub(crate) fn client_with(
        &self,
        more: impl FnOnce(ClientBuilder) -> ClientBuilder,
    ) -> Result<Client, String> {
        let cloud = self.cloud.unwrap_or_default();
        let authority = match &self.authority {
            Some(url) => Authority::custom(url).map_err(|e| format!("--authority: {e}"))?,
            None => Authority::for_cloud(cloud),
        };
        let endpoint = match self.token_endpoint {
            EndpointVersion::V1 => TokenEndpoint::v1_for(cloud),
            EndpointVersion::V2 => TokenEndpoint::v2_for(cloud),
        };
        let refresh_token = match (&self.refresh_token, &self.refresh_token_file) {
            (Some(token), _) => Some(token.clone()),
            (None, Some(path)) => Some(read_token_file(path)?),
            (None, None) => None,
        };
        let mut builder = if let Some(token) = &self.access_token {
            Client::builder(StaticToken::new(token.as_str()))
        } else if let Some(refresh_token) = refresh_token {
            let (tenant, client_id) = self.app("a refresh token")?;
            let mut credential = RefreshTokenCredential::new(tenant, client_id, refresh_token)
                .with_cloud(cloud)
                .with_authority(authority)
                .with_endpoint(endpoint);
            if let Some(secret) = &self.client_secret {
                credential = credential.with_client_secret(secret.as_str());
            }
            if let Some(path) = self.refresh_token_file.clone() {
                credential =
                    credential.on_rotation(move |token| write_token_file(&path, token.expose()));
            }
            Client::builder(credential)
        } else if let Some(secret) = &self.client_secret {
            let (tenant, client_id) = self.app("a client secret")?;
            let credential = ClientCredentials::new(tenant, client_id, secret.as_str())
                .with_cloud(cloud)
                .with_authority(authority)
                .with_endpoint(endpoint);
            Client::builder(credential)
        } else {
            return Err(
                "no credentials: set PC_REFRESH_TOKEN (App+User) or PC_CLIENT_SECRET \
                        (App-only) with PC_TENANT_ID and PC_CLIENT_ID, or PC_ACCESS_TOKEN"
                    .to_owned(),
            );
        };
        if let Some(cloud) = self.cloud {
            builder = builder.cloud(cloud);
        }
        if let Some(url) = &self.base_url {
            builder = builder.base_url(url);
        }
        if let Some(locale) = &self.locale {
            builder = builder.locale(locale.as_str());
        }
        if let Some(name) = &self.application {
            builder = builder.application_name(name.as_str());
        }
        more(builder).build().map_err(|e| e.to_string())
    }

    fn app(&self, what: &str) -> Result<(String, String), String> {
        match (&self.tenant_id, &self.client_id) {
            (Some(t), Some(c)) => Ok((t.clone(), c.clone())),
            _ => Err(format!(
                "{what} needs PC_TENANT_ID and PC_CLIENT_ID (or --tenant-id, --client-id)"
            )),
        }
    }
}

fn read_token_file(path: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the refresh token from {}: {e}", path.display()))?;
    let token = text.trim();
    if token.is_empty() {
        return Err(format!("{} holds no refresh token", path.display()));
    }
    Ok(token.to_owned())
}

/// Replaces the file's contents with `token`, readable by the owner only: written to a temporary
/// file beside it, then renamed over it, so a crash never leaves half a token.
fn write_token_file(path: &Path, token: &str) {
    let tmp = path.with_extension("tmp");
    let result = (|| {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&tmp)?;
        std::io::Write::write_all(&mut file, token.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        tracing::error!(path = %path.display(), error = %e, "could not store the rotated refresh token");
        #[allow(clippy::print_stderr)]
        {
            eprintln!(
                "pc: could not store the rotated refresh token in {}: {e}",
                path.display()
            );
        }
    }
}
