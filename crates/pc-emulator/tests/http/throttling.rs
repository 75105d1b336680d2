//! The per-tenant request budget.

use pc_emulator::{AccessKind, FixedToken};
use reqwest::StatusCode;
use uuid::Uuid;

use crate::common::{Env, config, read};

#[tokio::test]
async fn over_budget_requests_get_429_with_retry_after() {
    let other = Uuid::from_u128(9);
    let env = Env::with(
        config()
            .with_rate_limit(Some(3))
            .with_fixed_token(FixedToken::new("other", AccessKind::AppOnly).for_tenant(other)),
    )
    .await;
    for _ in 0..3 {
        assert_eq!(
            env.get("/v1/customers").send().await.unwrap().status(),
            StatusCode::OK
        );
    }
    let response = env.get("/v1/customers").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    assert!(response.headers().contains_key("ms-requestid"));
    let (_, body) = read(response).await;
    assert_eq!(body["statusCode"], 429);
    let message = body["message"].as_str().unwrap();
    assert_eq!(
        message,
        format!("Rate limit is exceeded. Try again in {retry_after} seconds.")
    );
    // pc-model reads it as the throttling shape with the same wait.
    let parsed = pc_model::ErrorBody::parse(body.to_string().as_bytes());
    assert_eq!(parsed.retry_after_seconds(), Some(retry_after));
    // Another partner tenant has its own budget.
    let theirs = env
        .http
        .get(env.url("/v1/customers"))
        .bearer_auth("other")
        .send()
        .await
        .unwrap();
    assert_eq!(theirs.status(), StatusCode::OK);
    assert_eq!(env.emu.state().counters.throttled, 1);
    // Turned off at run time.
    env.emu.set_rate_limit(None);
    assert_eq!(
        env.get("/v1/customers").send().await.unwrap().status(),
        StatusCode::OK
    );
    assert_eq!(env.emu.state().rate_limit_per_minute, None);
}

#[tokio::test]
async fn unauthenticated_requests_do_not_spend_the_budget_and_control_routes_are_free() {
    let env = Env::with(config().with_rate_limit(Some(1))).await;
    for _ in 0..5 {
        assert_eq!(
            env.http
                .get(env.url("/v1/customers"))
                .send()
                .await
                .unwrap()
                .status(),
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            env.http
                .get(env.url("/_emulator/state"))
                .send()
                .await
                .unwrap()
                .status(),
            StatusCode::OK
        );
    }
    assert_eq!(
        env.get("/v1/customers").send().await.unwrap().status(),
        StatusCode::OK
    );
    assert_eq!(
        env.get("/v1/customers").send().await.unwrap().status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}
