//! What the emulator holds stays bounded: issued tokens and remembered answers.

use std::time::Duration;

use pc_emulator::codes;
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::common::{Env, config, customer, expect_error, read};

async fn issue(env: &Env) -> String {
    let (status, body) = read(
        env.http
            .post(env.url("/_emulator/tokens"))
            .json(&json!({"kind": "app+user"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    body["access_token"].as_str().unwrap().to_owned()
}

async fn state(env: &Env) -> Value {
    read(
        env.http
            .get(env.url("/_emulator/state"))
            .send()
            .await
            .unwrap(),
    )
    .await
    .1
}

#[tokio::test]
async fn expired_tokens_are_forgotten_and_the_oldest_beyond_the_maximum() {
    // Tokens issued already expired: each new one forgets the ones before.
    let env = Env::with(config().with_token_lifetime(Duration::ZERO)).await;
    for _ in 0..40 {
        issue(&env).await;
    }
    let held = state(&env).await;
    assert_eq!(held["issuedTokens"], 1, "{}", held["issuedTokens"]);
    assert_eq!(held["counters"]["tokensIssued"], 40);

    // Live tokens: at most the maximum, the oldest forgotten first.
    let env = Env::with(config().with_max_issued_tokens(3)).await;
    let mut tokens = Vec::new();
    for _ in 0..5 {
        tokens.push(issue(&env).await);
    }
    assert_eq!(state(&env).await["issuedTokens"], 3);
    for (n, token) in tokens.iter().enumerate() {
        let answer = env
            .http
            .get(env.url("/v1/customers/all/validations"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        if n < 2 {
            expect_error(answer, StatusCode::UNAUTHORIZED, codes::UNAUTHORIZED).await;
        } else {
            assert_eq!(answer.status(), StatusCode::OK, "token {n}");
        }
    }
    // Fixed tokens never count and never go.
    assert_eq!(
        env.get("/v1/customers/all/validations")
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn answers_are_remembered_up_to_the_capacity_the_oldest_forgotten_first() {
    let env = Env::with(config().with_replay_limits(Duration::from_secs(3600), 2)).await;
    let ids: Vec<String> = (0..3).map(|_| Uuid::new_v4().to_string()).collect();
    for (n, id) in ids.iter().enumerate() {
        let domain = format!("capacity{n}.onmicrosoft.com");
        let created = env
            .post_id("/v1/customers", &customer(&domain), id)
            .send()
            .await
            .unwrap();
        assert_eq!(created.status(), StatusCode::CREATED);
    }
    assert_eq!(state(&env).await["replayEntries"], 2);
    // The newest is replayed; the oldest was forgotten, so repeating it acts again.
    let newest = env
        .post_id(
            "/v1/customers",
            &customer("capacity2.onmicrosoft.com"),
            &ids[2],
        )
        .send()
        .await
        .unwrap();
    assert_eq!(newest.status(), StatusCode::CREATED);
    let oldest = env
        .post_id(
            "/v1/customers",
            &customer("capacity0.onmicrosoft.com"),
            &ids[0],
        )
        .send()
        .await
        .unwrap();
    expect_error(oldest, StatusCode::CONFLICT, codes::DOMAIN_TAKEN).await;
    let held = state(&env).await;
    assert_eq!(held["replayEntries"], 2);
    assert_eq!(held["counters"]["replays"], 1);
}

#[tokio::test]
async fn answers_are_replayed_within_the_window_only_and_forgotten_after_it() {
    // A zero window: an answer is never fresh, so a repeat acts again, and what is remembered
    // is forgotten as the next request with an id arrives.
    let env = Env::with(config().with_replay_limits(Duration::ZERO, 100)).await;
    let id = Uuid::new_v4().to_string();
    let body = customer("window.onmicrosoft.com");
    let first = env
        .post_id("/v1/customers", &body, &id)
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    let again = env
        .post_id("/v1/customers", &body, &id)
        .send()
        .await
        .unwrap();
    expect_error(again, StatusCode::CONFLICT, codes::DOMAIN_TAKEN).await;
    for n in 0..5 {
        let created = env
            .post(
                "/v1/customers",
                &customer(&format!("window{n}.onmicrosoft.com")),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(created.status(), StatusCode::CREATED);
    }
    let held = state(&env).await;
    assert_eq!(held["replayEntries"], 1, "only the latest");
    assert_eq!(held["counters"]["replays"], 0);
}
