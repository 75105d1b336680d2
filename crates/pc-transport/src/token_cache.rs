//! The token cache: one token per transport (shared by its clones), refreshed before it
//! expires, with concurrent callers sharing one refresh.
//!
//! A token is used until `expires_at - margin` (the margin shrinks to half the token's lifetime
//! for short-lived tokens, so a token is never refreshed on every call). When it is due, the
//! first caller starts one fetch and every caller that comes while it runs waits for that same
//! fetch and gets its result, success or failure. A `401` drops the token it was sent with,
//! unless a newer one has already replaced it.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use futures::FutureExt;
use futures::future::{BoxFuture, Shared};
use pc_model::Secret;

use crate::credential::{AccessToken, Credential, CredentialError, TokenContext};

type Fetch = Shared<BoxFuture<'static, Result<AccessToken, CredentialError>>>;

pub(crate) struct TokenCache {
    credential: Arc<dyn Credential>,
    margin: Duration,
    state: Arc<Mutex<State>>,
}

#[derive(Default)]
struct State {
    current: Option<Cached>,
    in_flight: Option<Fetch>,
}

struct Cached {
    token: AccessToken,
    refresh_at: SystemTime,
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

impl TokenCache {
    pub(crate) fn new(credential: Arc<dyn Credential>, margin: Duration) -> Self {
        Self {
            credential,
            margin,
            state: Arc::default(),
        }
    }

    pub(crate) fn credential(&self) -> &Arc<dyn Credential> {
        &self.credential
    }

    /// A token that is not due for refresh, from the cache or from one shared fetch.
    pub(crate) async fn get(&self, ctx: &TokenContext) -> Result<AccessToken, CredentialError> {
        let fetch = {
            let mut state = lock(&self.state);
            if let Some(cached) = &state.current
                && ctx.now() < cached.refresh_at
            {
                return Ok(cached.token.clone());
            }
            match &state.in_flight {
                Some(fetch) => fetch.clone(),
                None => {
                    let fetch = self.start_fetch(ctx);
                    state.in_flight = Some(fetch.clone());
                    fetch
                }
            }
        };
        fetch.await
    }

    fn start_fetch(&self, ctx: &TokenContext) -> Fetch {
        let credential = Arc::clone(&self.credential);
        let state = Arc::clone(&self.state);
        let ctx = ctx.clone();
        let margin = self.margin;
        async move {
            let result = credential.get_token(&ctx).await;
            let mut state = lock(&state);
            state.in_flight = None;
            if let Ok(token) = &result {
                let now = ctx.now();
                let lifetime = token.expires_at.duration_since(now).unwrap_or_default();
                let refresh_at = token
                    .expires_at
                    .checked_sub(margin.min(lifetime / 2))
                    .unwrap_or(now);
                state.current = Some(Cached {
                    token: token.clone(),
                    refresh_at,
                });
            }
            result
        }
        .boxed()
        .shared()
    }

    /// Drops the cached token if it is `refused` (the token a `401` answered).
    pub(crate) fn invalidate(&self, refused: &Secret) {
        let mut state = lock(&self.state);
        if state
            .current
            .as_ref()
            .is_some_and(|c| c.token.token == *refused)
        {
            state.current = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{Clock, ManualClock};
    use std::sync::atomic::{AtomicU32, Ordering};

    /// Counts fetches; each token lives an hour and is named after its fetch.
    struct Counting {
        fetches: AtomicU32,
        fail: bool,
    }

    impl Credential for Counting {
        fn get_token<'a>(
            &'a self,
            ctx: &'a TokenContext,
        ) -> BoxFuture<'a, Result<AccessToken, CredentialError>> {
            Box::pin(async move {
                let n = self.fetches.fetch_add(1, Ordering::SeqCst) + 1;
                // Take a while, so that every concurrent caller comes while it runs (join_all
                // polls a few dozen futures per round).
                for _ in 0..100 {
                    tokio::task::yield_now().await;
                }
                if self.fail {
                    return Err(CredentialError::transient("down"));
                }
                Ok(AccessToken {
                    token: Secret::new(format!("token-{n}")),
                    expires_at: ctx.now() + Duration::from_secs(3600),
                })
            })
        }
    }

    fn setup(fail: bool) -> (Arc<Counting>, TokenCache, TokenContext, ManualClock) {
        let credential = Arc::new(Counting {
            fetches: AtomicU32::new(0),
            fail,
        });
        let cache = TokenCache::new(credential.clone(), Duration::from_secs(300));
        let clock = ManualClock::new();
        let ctx = TokenContext::new(
            reqwest::Client::new(),
            Duration::from_secs(5),
            Arc::new(clock.clone()),
        );
        (credential, cache, ctx, clock)
    }

    #[tokio::test]
    async fn a_thousand_concurrent_callers_share_one_fetch() {
        let (credential, cache, ctx, _) = setup(false);
        let results = futures::future::join_all((0..1000).map(|_| cache.get(&ctx))).await;
        assert_eq!(credential.fetches.load(Ordering::SeqCst), 1);
        assert!(
            results
                .iter()
                .all(|r| r.as_ref().unwrap().token.expose() == "token-1")
        );
    }

    #[tokio::test]
    async fn concurrent_callers_share_one_failure_and_the_next_call_tries_again() {
        let (credential, cache, ctx, _) = setup(true);
        let results = futures::future::join_all((0..50).map(|_| cache.get(&ctx))).await;
        assert_eq!(credential.fetches.load(Ordering::SeqCst), 1);
        assert!(
            results
                .iter()
                .all(|r| r.as_ref().unwrap_err().is_transient())
        );
        assert!(cache.get(&ctx).await.is_err());
        assert_eq!(credential.fetches.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn refreshes_before_expiry_with_the_margin() {
        let (credential, cache, ctx, clock) = setup(false);
        assert_eq!(cache.get(&ctx).await.unwrap().token.expose(), "token-1");
        clock.advance(Duration::from_secs(3600 - 301));
        assert_eq!(cache.get(&ctx).await.unwrap().token.expose(), "token-1");
        clock.advance(Duration::from_secs(1));
        assert_eq!(cache.get(&ctx).await.unwrap().token.expose(), "token-2");
        assert_eq!(credential.fetches.load(Ordering::SeqCst), 2);
        assert!(clock.system_now() < cache_refresh_at(&cache));
    }

    fn cache_refresh_at(cache: &TokenCache) -> SystemTime {
        lock(&cache.state).current.as_ref().unwrap().refresh_at
    }

    #[tokio::test]
    async fn short_lived_tokens_are_kept_for_half_their_life() {
        struct Short;
        impl Credential for Short {
            fn get_token<'a>(
                &'a self,
                ctx: &'a TokenContext,
            ) -> BoxFuture<'a, Result<AccessToken, CredentialError>> {
                Box::pin(std::future::ready(Ok(AccessToken {
                    token: Secret::new("short"),
                    expires_at: ctx.now() + Duration::from_secs(60),
                })))
            }
        }
        let (_, _, ctx, _) = setup(false);
        let cache = TokenCache::new(Arc::new(Short), Duration::from_secs(300));
        cache.get(&ctx).await.unwrap();
        assert_eq!(
            cache_refresh_at(&cache),
            ctx.now() + Duration::from_secs(30)
        );
    }

    #[tokio::test]
    async fn a_401_drops_only_the_refused_token() {
        let (credential, cache, ctx, _) = setup(false);
        let first = cache.get(&ctx).await.unwrap();
        cache.invalidate(&Secret::new("some-older-token"));
        assert_eq!(cache.get(&ctx).await.unwrap(), first);
        cache.invalidate(&first.token);
        assert_eq!(cache.get(&ctx).await.unwrap().token.expose(), "token-2");
        assert_eq!(credential.fetches.load(Ordering::SeqCst), 2);
    }
}
