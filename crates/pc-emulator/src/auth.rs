//! Access tokens, the rotating refresh token, and who is calling.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::time::Duration;

use axum::http::{HeaderMap, header};
use axum::response::Response;
use pc_model::operation::{Auth, OperationSpec};
use tokio::time::Instant;
use uuid::Uuid;

use crate::config::{AccessKind, EmulatorConfig};
use crate::error::ApiError;
use crate::later;

/// What a valid access token stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Caller {
    /// The partner tenant.
    pub(crate) tenant: Uuid,
    /// App-only or App+User.
    pub(crate) kind: AccessKind,
    /// The user of an App+User token.
    pub(crate) user: Uuid,
}

impl Caller {
    /// Refuses an App-only caller when `spec` needs App+User.
    pub(crate) fn require(&self, spec: &OperationSpec) -> Result<(), ApiError> {
        self.meets(Needs::of(spec))
    }

    /// Refuses a caller whose token is not of the kind `needs` asks for (`403`).
    pub(crate) fn meets(&self, needs: Needs) -> Result<(), ApiError> {
        match needs {
            Needs::AppAndUser(what) if self.kind == AccessKind::AppOnly => {
                Err(ApiError::app_user_required(what))
            }
            _ => Ok(()),
        }
    }
}

/// The token kind one request needed, as its handler decided. A handler attaches it to a
/// successful answer ([`Needs::on`]) so that a replay of that answer asks the same of whoever
/// repeats the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Needs {
    /// Any valid token of the partner tenant.
    AnyToken,
    /// An App+User token; the text names the operation in the refusal.
    AppAndUser(&'static str),
}

impl Needs {
    /// What `spec` needs of every caller.
    pub(crate) fn of(spec: &OperationSpec) -> Self {
        match spec.auth {
            Auth::AppAndUser => Self::AppAndUser(spec.summary.trim_end_matches('.')),
            Auth::AppOrAppAndUser => Self::AnyToken,
        }
    }

    /// What an answer without a [`Needs`] of its own needed: the kind of the caller who got it.
    pub(crate) fn of_caller(caller: &Caller) -> Self {
        match caller.kind {
            AccessKind::AppAndUser => Self::AppAndUser("Repeating this request"),
            AccessKind::AppOnly => Self::AnyToken,
        }
    }

    /// `response`, marked as needing this.
    pub(crate) fn on(self, mut response: Response) -> Response {
        response.extensions_mut().insert(self);
        response
    }
}

#[derive(Debug, Clone, Copy)]
struct Grant {
    caller: Caller,
    expires_at: Option<Instant>,
}

/// Issued and fixed tokens, and the refresh token currently valid.
///
/// Bounded: issued tokens all live as long, so they expire in the order they were issued; issuing
/// one forgets those expired, then the oldest beyond the configured maximum.
#[derive(Debug)]
pub(crate) struct Tokens {
    access: HashMap<Arc<str>, Grant>,
    /// Issued tokens, oldest first, with their expiry.
    issued: VecDeque<(Instant, Arc<str>)>,
    lifetime: Duration,
    max_issued: usize,
    refresh: String,
    partner: Uuid,
    user: Uuid,
}

impl Tokens {
    /// The fixed tokens of `config` and its initial refresh token.
    pub(crate) fn new(config: &EmulatorConfig) -> Self {
        let access = config
            .fixed_tokens
            .iter()
            .map(|t| {
                let caller = Caller {
                    tenant: t.tenant.unwrap_or(config.partner_tenant_id),
                    kind: t.kind,
                    user: config.user_id,
                };
                (
                    Arc::from(t.token.as_str()),
                    Grant {
                        caller,
                        expires_at: None,
                    },
                )
            })
            .collect();
        Self {
            access,
            issued: VecDeque::new(),
            lifetime: config.token_lifetime,
            max_issued: config.max_issued_tokens.max(1),
            refresh: config.refresh_token.clone(),
            partner: config.partner_tenant_id,
            user: config.user_id,
        }
    }

    /// A new access token of `kind` for the partner, valid for the configured lifetime from
    /// `now`. Forgets the issued tokens expired at `now`, then the oldest ones while the maximum
    /// would be exceeded.
    pub(crate) fn issue(&mut self, kind: AccessKind, now: Instant) -> String {
        while let Some((expires_at, token)) = self.issued.front() {
            if *expires_at > now && self.issued.len() < self.max_issued {
                break;
            }
            self.access.remove(token);
            self.issued.pop_front();
        }
        let token: Arc<str> = Arc::from(random_token("emu-at"));
        let caller = Caller {
            tenant: self.partner,
            kind,
            user: self.user,
        };
        let expires_at = later(now, self.lifetime);
        self.access.insert(
            Arc::clone(&token),
            Grant {
                caller,
                expires_at: Some(expires_at),
            },
        );
        self.issued.push_back((expires_at, Arc::clone(&token)));
        token.to_string()
    }

    /// How many issued tokens are held (expired ones included until they are forgotten).
    pub(crate) fn issued(&self) -> usize {
        self.issued.len()
    }

    /// Redeems the refresh token: when `presented` is the current one, it is replaced by a new
    /// one, which is returned; the old one stops working.
    pub(crate) fn rotate_refresh(&mut self, presented: &str) -> Option<String> {
        if presented.is_empty() || presented != self.refresh {
            return None;
        }
        self.refresh = random_token("emu-rt");
        Some(self.refresh.clone())
    }

    /// Makes `initial` the valid refresh token again (a reset): a client that starts over from
    /// the configured refresh token works, and the rotated one stops working.
    pub(crate) fn restore_refresh(&mut self, initial: &str) {
        initial.clone_into(&mut self.refresh);
    }

    /// Who `token` stands for at `now`.
    ///
    /// # Errors
    /// Why the token is refused (unknown or expired).
    pub(crate) fn check(&self, token: &str, now: Instant) -> Result<Caller, &'static str> {
        let grant = self
            .access
            .get(token)
            .ok_or("the access token is not valid")?;
        match grant.expires_at {
            Some(at) if now >= at => Err("the access token has expired"),
            _ => Ok(grant.caller),
        }
    }
}

/// The token of an `Authorization: Bearer <token>` header.
///
/// # Errors
/// Why there is none (missing header, another scheme, not text).
pub(crate) fn bearer(headers: &HeaderMap) -> Result<&str, &'static str> {
    let value = headers
        .get(header::AUTHORIZATION)
        .ok_or("no Authorization header; send Authorization: Bearer <token>")?;
    let value = value
        .to_str()
        .map_err(|_| "the Authorization header is not text")?;
    let (scheme, token) = value
        .trim()
        .split_once(' ')
        .ok_or("the Authorization header must be Bearer <token>")?;
    let token = token.trim();
    if !scheme.eq_ignore_ascii_case("bearer") || token.is_empty() {
        return Err("the Authorization header must be Bearer <token>");
    }
    Ok(token)
}

fn random_token(prefix: &str) -> String {
    format!(
        "{prefix}.{}{}",
        Uuid::new_v4().simple(),
        Uuid::new_v4().simple()
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn issued_tokens_expire_and_refresh_tokens_rotate() {
        let config = EmulatorConfig::default().with_token_lifetime(Duration::from_secs(10));
        let mut tokens = Tokens::new(&config);
        let now = Instant::now();
        let t = tokens.issue(AccessKind::AppAndUser, now);
        assert_eq!(tokens.check(&t, now).unwrap().kind, AccessKind::AppAndUser);
        assert!(tokens.check(&t, now + Duration::from_secs(10)).is_err());
        assert!(tokens.check("nope", now).is_err());
        assert!(
            tokens
                .check(
                    crate::config::DEFAULT_APP_ONLY_TOKEN,
                    now + Duration::from_secs(1 << 30)
                )
                .is_ok()
        );
        // Expired tokens are forgotten when the next one is issued.
        assert_eq!(tokens.issued(), 1);
        tokens.issue(AccessKind::AppOnly, now + Duration::from_secs(10));
        assert_eq!(tokens.issued(), 1);
        assert_eq!(
            tokens.check(&t, now).err(),
            Some("the access token is not valid")
        );
        let next = tokens.rotate_refresh(&config.refresh_token).unwrap();
        assert!(tokens.rotate_refresh(&config.refresh_token).is_none());
        assert!(tokens.rotate_refresh(&next).is_some());
        assert!(tokens.rotate_refresh("").is_none());
    }

    #[test]
    fn bearer_header() {
        let mut h = HeaderMap::new();
        assert!(bearer(&h).is_err());
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("bearer abc"),
        );
        assert_eq!(bearer(&h).unwrap(), "abc");
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic abc"));
        assert!(bearer(&h).is_err());
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer "));
        assert!(bearer(&h).is_err());
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_bytes(b"Bearer \xff").unwrap(),
        );
        assert!(bearer(&h).is_err());
    }
}
