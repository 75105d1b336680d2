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
    /// File holding the refresh token; every rotated refresh token is written back to it (mode
    /// 0600) before it is used, and the command fails if it cannot be.
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
                // Stored before the new access token is used; if it cannot be, the call fails
                // (after the transport's retries, each storing again) naming the file.
                credential = credential.on_rotation_async(move |token| {
                    let path = path.clone();
                    async move {
                        let stored: pc_transport::RotationResult =
                            tokio::task::spawn_blocking(move || {
                                write_token_file(&path, token.expose())
                            })
                            .await
                            .map_err(|e| e.to_string())
                            .and_then(|written| written)
                            .map_err(Into::into);
                        stored
                    }
                });
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
            return Err(no_credentials());
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
            _ => Err(format!("{what} needs {}", spelled(APPLICATION, "and"))),
        }
    }
}

// The ways to give credentials, by the ids of `TargetArgs`' fields; the message that lists them
// spells each as clap defines it (environment variable and flag). A test checks that every
// argument is either in these lists or not a credential.

/// A ready access token.
const ACCESS_TOKEN: &[&str] = &["access_token"];
/// Credentials that give App+User tokens; they need [`APPLICATION`].
const APP_USER: &[&str] = &["refresh_token", "refresh_token_file"];
/// Credentials that give App-only tokens; they need [`APPLICATION`].
const APP_ONLY: &[&str] = &["client_secret"];
/// The application the credentials above are redeemed for.
const APPLICATION: &[&str] = &["tenant_id", "client_id"];

/// The error when no credentials are given: every way to give them.
fn no_credentials() -> String {
    format!(
        "no credentials: set {} for App+User tokens, or {} for App-only tokens, with {}; \
         or {}, a ready access token",
        spelled(APP_USER, "or"),
        spelled(APP_ONLY, "or"),
        spelled(APPLICATION, "and"),
        spelled(ACCESS_TOKEN, "or"),
    )
}

/// `PC_A (--a) and PC_B (--b)`: the arguments `ids` of [`TargetArgs`], as clap spells them,
/// joined by `word`.
fn spelled(ids: &[&str], word: &str) -> String {
    let command = TargetArgs::augment_args(clap::Command::new("pc"));
    let names: Vec<String> = ids
        .iter()
        .map(|id| {
            let arg = command.get_arguments().find(|a| a.get_id() == *id);
            let env = arg
                .and_then(clap::Arg::get_env)
                .map(|e| e.to_string_lossy());
            let long = arg.and_then(clap::Arg::get_long);
            match (env, long) {
                (Some(env), Some(long)) => format!("{env} (--{long})"),
                (Some(env), None) => env.into_owned(),
                (None, Some(long)) => format!("--{long}"),
                (None, None) => (*id).to_owned(),
            }
        })
        .collect();
    match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {word} {last}", rest.join(", ")),
        None => String::new(),
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

/// Replaces the file's contents with `token`, readable by the owner only: written to a new
/// file beside it (`<path>.tmp`, created afresh with mode 0600 on Unix, so a leftover one with
/// looser permissions is not reused), synced, then renamed over it, so a crash never leaves half
/// a token.
///
/// # Errors
/// A message naming the file when the token cannot be written (the file keeps the old one).
fn write_token_file(path: &Path, token: &str) -> Result<(), String> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    let result = (|| {
        match std::fs::remove_file(&tmp) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&tmp)?;
        std::io::Write::write_all(&mut file, token.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        format!(
            "cannot store the rotated refresh token in {} (written first to {}): {e}",
            path.display(),
            tmp.display()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_no_credentials_message_names_every_credential_argument() {
        let message = no_credentials();
        let command = TargetArgs::augment_args(clap::Command::new("pc"));
        let not_credentials = [
            "base_url",
            "cloud",
            "authority",
            "token_endpoint",
            "locale",
            "application",
        ];
        let mut checked = 0;
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            if not_credentials.contains(&id) {
                continue;
            }
            // A new credential argument belongs to one of the lists the message is made of.
            assert!(
                [ACCESS_TOKEN, APP_USER, APP_ONLY, APPLICATION]
                    .iter()
                    .any(|list| list.contains(&id)),
                "{id} is neither a credential listed in the message nor in `not_credentials`"
            );
            let env = arg.get_env().unwrap().to_str().unwrap();
            let long = arg.get_long().unwrap();
            assert!(
                message.contains(&format!("{env} (--{long})")),
                "{env} (--{long}) not in: {message}"
            );
            checked += 1;
        }
        assert_eq!(checked, 6, "{message}");
        assert!(message.contains("PC_REFRESH_TOKEN_FILE (--refresh-token-file)"));
    }
}
