//! Idempotent replay of a repeated MS-RequestId.

use pc_emulator::{DEFAULT_APP_ONLY_TOKEN, DEFAULT_APP_USER_TOKEN, codes};
use reqwest::StatusCode;
use serde_json::json;
use uuid::Uuid;

use crate::common::{Env, agreement, config, customer, expect_error, read};

#[tokio::test]
async fn the_same_request_id_and_body_replays_the_first_answer() {
    let env = Env::new().await;
    let id = Uuid::new_v4().to_string();
    let send = || {
        env.post_id("/v1/customers", &customer("once.onmicrosoft.com"), &id)
            .send()
    };
    let first = send().await.unwrap();
    let first_cv = first.headers()["ms-cv"].clone();
    let (status, first) = read(first).await;
    assert_eq!(status, StatusCode::CREATED);
    let second = send().await.unwrap();
    assert_ne!(
        second.headers()["ms-cv"],
        first_cv,
        "per-request headers are new"
    );
    assert_eq!(second.headers()["ms-requestid"], id.as_str());
    let (status, second) = read(second).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(first, second, "same customer, same password");
    let state = env.emu.state();
    assert_eq!(state.customers.len(), 1);
    assert_eq!(
        (state.counters.replays, state.counters.customers_created),
        (1, 1)
    );
}

#[tokio::test]
async fn the_same_request_id_with_another_request_is_refused() {
    let env = Env::new().await;
    let id = Uuid::new_v4().to_string();
    env.post_id("/v1/customers", &customer("first.onmicrosoft.com"), &id)
        .send()
        .await
        .unwrap();
    let other = env
        .post_id("/v1/customers", &customer("second.onmicrosoft.com"), &id)
        .send()
        .await
        .unwrap();
    expect_error(
        other,
        StatusCode::UNPROCESSABLE_ENTITY,
        codes::REQUEST_ID_REUSED,
    )
    .await;
    assert_eq!(env.emu.state().counters.request_id_conflicts, 1);
    assert_eq!(env.emu.state().customers.len(), 1);
}

#[tokio::test]
async fn a_refused_request_can_be_fixed_and_retried_with_the_same_id() {
    let env = Env::new().await;
    let id = Uuid::new_v4().to_string();
    let mut broken = customer("fixed.onmicrosoft.com");
    broken["billingProfile"]["email"] = json!("nope");
    let refused = env
        .post_id("/v1/customers", &broken, &id)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let fixed = env
        .post_id("/v1/customers", &customer("fixed.onmicrosoft.com"), &id)
        .send()
        .await
        .unwrap();
    assert_eq!(fixed.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn without_replay_a_retried_post_acts_again() {
    let env = Env::with(config().with_replay(false)).await;
    let id = Uuid::new_v4().to_string();
    let customer_id = {
        let r = env
            .post_id("/v1/customers", &customer("twice.onmicrosoft.com"), &id)
            .send()
            .await
            .unwrap();
        read(r).await.1["id"].as_str().unwrap().to_owned()
    };
    let again = env
        .post_id("/v1/customers", &customer("twice.onmicrosoft.com"), &id)
        .send()
        .await
        .unwrap();
    expect_error(again, StatusCode::CONFLICT, codes::DOMAIN_TAKEN).await;
    let path = format!("/v1/customers/{customer_id}/agreements");
    let agreement_id = Uuid::new_v4().to_string();
    let first = env
        .post_id(&path, &agreement("Tania"), &agreement_id)
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    let retry = env
        .post_id(&path, &agreement("Tania"), &agreement_id)
        .send()
        .await
        .unwrap();
    expect_error(retry, StatusCode::CONFLICT, codes::AGREEMENT_EXISTS).await;
    // Switched back on at run time.
    env.emu.set_replay(true);
    let q = format!("/v1/customers/{customer_id}/qualifications");
    let qid = Uuid::new_v4().to_string();
    for _ in 0..2 {
        let r = env
            .post_id(&q, &json!({"qualification": "StateOwnedEntity"}), &qid)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::CREATED);
    }
    assert_eq!(env.emu.state().counters.replays, 1);
}

#[tokio::test]
async fn concurrent_retries_with_one_id_create_one_customer() {
    let env = Env::new().await;
    let id = Uuid::new_v4().to_string();
    let body = customer("race.onmicrosoft.com");
    let sends = (0..8).map(|_| {
        env.http
            .post(env.url("/v1/customers"))
            .bearer_auth(DEFAULT_APP_USER_TOKEN)
            .header("MS-RequestId", &id)
            .json(&body)
            .send()
    });
    let answers = futures::future::join_all(sends).await;
    let mut ids = Vec::new();
    for answer in answers {
        let (status, body) = read(answer.unwrap()).await;
        assert_eq!(status, StatusCode::CREATED);
        ids.push(body["id"].clone());
    }
    ids.dedup();
    assert_eq!(ids.len(), 1);
    assert_eq!(env.emu.state().customers.len(), 1);
    assert_eq!(env.emu.state().counters.replays, 7);
}

#[tokio::test]
async fn a_replay_goes_only_to_the_partner_tenant_that_got_the_answer() {
    let other = Uuid::from_u128(7);
    let env = Env::with(
        config()
            .with_fixed_token(
                pc_emulator::FixedToken::new("other", pc_emulator::AccessKind::AppAndUser)
                    .for_tenant(other),
            )
            .with_fixed_token(
                pc_emulator::FixedToken::new("other-app", pc_emulator::AccessKind::AppOnly)
                    .for_tenant(other),
            )
            .with_token_lifetime(std::time::Duration::ZERO),
    )
    .await;
    let as_token = |token: &str, path: &str, body: &serde_json::Value, id: &str| {
        env.http
            .post(env.url(path))
            .bearer_auth(token)
            .header("MS-RequestId", id)
            .json(body)
            .send()
    };
    // The partner creates a reseller's customer: the answer carries the admin password.
    let id = Uuid::new_v4().to_string();
    let body = customer("partnerone.onmicrosoft.com");
    let (status, first) = read(
        env.post_id("/v1/customers", &body, &id)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(first["userCredentials"]["password"].is_string());
    let customer_id = first["id"].as_str().unwrap();

    // Another partner tenant repeating the same id and body gets what the operation answers
    // it: the reseller is not one of its own (App+User), App+User is needed (App-only).
    let refused = as_token("other", "/v1/customers", &body, &id)
        .await
        .unwrap();
    let refusal = expect_error(
        refused,
        StatusCode::BAD_REQUEST,
        codes::NOT_AN_INDIRECT_RESELLER,
    )
    .await;
    assert!(!refusal.to_string().contains("password"), "{refusal}");
    let refused = as_token("other-app", "/v1/customers", &body, &id)
        .await
        .unwrap();
    expect_error(refused, StatusCode::FORBIDDEN, codes::APP_USER_REQUIRED).await;
    // A token that is unknown, or expired (issued with a zero lifetime), gets the 401.
    let expired = env.emu.issue_token(pc_emulator::AccessKind::AppAndUser);
    for token in ["forged", expired.as_str()] {
        let refused = as_token(token, "/v1/customers", &body, &id).await.unwrap();
        expect_error(refused, StatusCode::UNAUTHORIZED, codes::UNAUTHORIZED).await;
    }

    // The same for an agreement on the partner's customer: the other tenant cannot see it.
    let path = format!("/v1/customers/{customer_id}/agreements");
    let agreement_id = Uuid::new_v4().to_string();
    let confirmed = env
        .post_id(&path, &agreement("Ana"), &agreement_id)
        .send()
        .await
        .unwrap();
    assert_eq!(confirmed.status(), StatusCode::CREATED);
    let refused = as_token("other", &path, &agreement("Ana"), &agreement_id)
        .await
        .unwrap();
    expect_error(refused, StatusCode::NOT_FOUND, codes::TENANT_NOT_FOUND).await;

    // A direct customer: the other tenant's request with the same id is its own operation.
    let mut direct = customer("partnerdirect.onmicrosoft.com");
    direct
        .as_object_mut()
        .unwrap()
        .remove("associatedPartnerId");
    let direct_id = Uuid::new_v4().to_string();
    env.post_id("/v1/customers", &direct, &direct_id)
        .send()
        .await
        .unwrap();
    let theirs = as_token("other", "/v1/customers", &direct, &direct_id)
        .await
        .unwrap();
    expect_error(theirs, StatusCode::CONFLICT, codes::DOMAIN_TAKEN).await;

    // Nothing was replayed to anyone but the partner, who still gets its answer.
    assert_eq!(env.emu.state().counters.replays, 0);
    let (status, again) = read(
        env.post_id("/v1/customers", &body, &id)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, &again), (StatusCode::CREATED, &first));
    assert_eq!(env.emu.state().customers.len(), 2);
}

#[tokio::test]
async fn a_replay_asks_the_repeating_caller_what_the_operation_asks() {
    let env = Env::new().await;
    let id = Uuid::new_v4().to_string();
    let body = customer("replayauth.onmicrosoft.com");
    let (status, first) = read(
        env.post_id("/v1/customers", &body, &id)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(first["userCredentials"]["password"].is_string());
    let as_app_only = |path: &str, body: &serde_json::Value, id: &str| {
        env.http
            .post(env.url(path))
            .bearer_auth(DEFAULT_APP_ONLY_TOKEN)
            .header("MS-RequestId", id)
            .json(body)
            .send()
    };
    // A reseller's customer needs App+User: the App-only token gets the 403, not the password.
    let refused = as_app_only("/v1/customers", &body, &id).await.unwrap();
    let refusal = expect_error(refused, StatusCode::FORBIDDEN, codes::APP_USER_REQUIRED).await;
    assert!(!refusal.to_string().contains("password"), "{refusal}");
    // The App+User caller still gets its answer again.
    let (status, again) = read(
        env.post_id("/v1/customers", &body, &id)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, &again), (StatusCode::CREATED, &first));

    // Confirming an agreement needs App+User whatever the body.
    let customer_id = first["id"].as_str().unwrap();
    let path = format!("/v1/customers/{customer_id}/agreements");
    let agreement_id = Uuid::new_v4().to_string();
    let confirmed = env
        .post_id(&path, &agreement("Ana"), &agreement_id)
        .send()
        .await
        .unwrap();
    assert_eq!(confirmed.status(), StatusCode::CREATED);
    let refused = as_app_only(&path, &agreement("Ana"), &agreement_id)
        .await
        .unwrap();
    expect_error(refused, StatusCode::FORBIDDEN, codes::APP_USER_REQUIRED).await;

    // A direct customer may be created with an App-only token, so its replay is open to one.
    let mut direct = customer("replaydirect.onmicrosoft.com");
    direct
        .as_object_mut()
        .unwrap()
        .remove("associatedPartnerId");
    let direct_id = Uuid::new_v4().to_string();
    let (status, created) = read(
        env.post_id("/v1/customers", &direct, &direct_id)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, replayed) = read(
        as_app_only("/v1/customers", &direct, &direct_id)
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, &replayed), (StatusCode::CREATED, &created));
    let state = env.emu.state();
    assert_eq!(state.counters.replays, 2);
    assert_eq!(state.customers.len(), 2);
}
