//! Every fault kind, scripted and random, seen by a plain reqwest client.

use std::time::Duration;

use pc_emulator::fault::{Fault, FaultKind, ScriptedFault};
use pc_emulator::{DEFAULT_APP_USER_TOKEN, DEFAULT_PARTNER_TENANT_ID, codes};
use reqwest::StatusCode;
use uuid::Uuid;

use crate::common::{Env, client, config, customer, expect_error, read};

fn script(env: &Env, method: &str, path: &str, fault: &str) {
    env.emu
        .script_faults([ScriptedFault::new(method, path, fault.parse().unwrap())]);
}

#[tokio::test]
async fn error_answers_before_the_change() {
    let env = Env::new().await;
    script(&env, "POST", "/v1/customers", "500");
    let e = expect_error(
        env.post("/v1/customers", &customer("a.onmicrosoft.com"))
            .send()
            .await
            .unwrap(),
        StatusCode::INTERNAL_SERVER_ERROR,
        codes::UNEXPECTED,
    )
    .await;
    assert_eq!(e["isRetryable"], true);
    script(&env, "POST", "/v1/customers", "503:2");
    let unavailable = env
        .post("/v1/customers", &customer("a.onmicrosoft.com"))
        .send()
        .await
        .unwrap();
    assert_eq!(unavailable.headers()["retry-after"], "2");
    expect_error(
        unavailable,
        StatusCode::SERVICE_UNAVAILABLE,
        codes::UNEXPECTED,
    )
    .await;
    script(&env, "POST", "/v1/customers", "non-json");
    let html = env
        .post("/v1/customers", &customer("a.onmicrosoft.com"))
        .send()
        .await
        .unwrap();
    assert_eq!(html.status(), StatusCode::BAD_GATEWAY);
    assert!(
        html.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let text = html.text().await.unwrap();
    assert!(
        text.starts_with("<html>") && serde_json::from_str::<serde_json::Value>(&text).is_err()
    );
    let state = env.emu.state();
    assert!(state.customers.is_empty(), "nothing was created");
    assert_eq!(state.counters.faults_injected, 3);
    // The next request is served normally.
    assert_eq!(
        env.post("/v1/customers", &customer("a.onmicrosoft.com"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn a_500_after_the_change_created_the_customer_and_a_retry_replays() {
    let env = Env::new().await;
    script(&env, "POST", "/v1/customers", "500-after");
    let id = Uuid::new_v4().to_string();
    let send = || {
        env.post_id("/v1/customers", &customer("after.onmicrosoft.com"), &id)
            .send()
    };
    assert_eq!(
        send().await.unwrap().status(),
        StatusCode::INTERNAL_SERVER_ERROR
    );
    assert_eq!(env.emu.state().customers.len(), 1);
    assert_eq!(send().await.unwrap().status(), StatusCode::CREATED);
    assert_eq!(env.emu.state().customers.len(), 1);
}

#[tokio::test]
async fn closing_before_the_change_is_a_connection_error_and_changes_nothing() {
    let env = Env::new().await;
    script(&env, "POST", "/v1/customers", "close");
    let error = env
        .post("/v1/customers", &customer("close.onmicrosoft.com"))
        .send()
        .await
        .unwrap_err();
    assert!(error.is_request() && !error.is_timeout(), "{error:?}");
    assert!(env.emu.state().customers.is_empty());
    assert_eq!(
        env.post("/v1/customers", &customer("close.onmicrosoft.com"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::CREATED
    );
}

/// The case that makes naive clients create duplicates: the change was made, the answer lost.
#[tokio::test]
async fn closing_after_the_change_keeps_the_change_and_a_retry_with_the_same_id_replays_it() {
    let env = Env::new().await;
    script(&env, "POST", "/v1/customers", "close-after");
    let id = Uuid::new_v4().to_string();
    let send = || {
        env.post_id("/v1/customers", &customer("lost.onmicrosoft.com"), &id)
            .send()
    };
    let error = send().await.unwrap_err();
    assert!(error.is_request(), "{error:?}");
    assert_eq!(env.emu.state().customers.len(), 1, "the customer exists");
    // A careful client retries with the same id and gets the answer it lost.
    let (status, body) = read(send().await.unwrap()).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(
        body["id"],
        serde_json::to_value(env.emu.state().customers[0].id).unwrap()
    );
    // A naive client retries with a new id and is told the domain is taken.
    let naive = env
        .post("/v1/customers", &customer("lost.onmicrosoft.com"))
        .send()
        .await
        .unwrap();
    expect_error(naive, StatusCode::CONFLICT, codes::DOMAIN_TAKEN).await;
    assert_eq!(env.emu.state().customers.len(), 1);
}

#[tokio::test]
async fn a_truncated_body_fails_to_read() {
    let env = Env::new().await;
    script(&env, "POST", "/v1/customers", "truncate");
    let response = env
        .post("/v1/customers", &customer("cut.onmicrosoft.com"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::CREATED,
        "status and headers arrive"
    );
    let length: usize = response.headers()["content-length"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(length > 100);
    let error = response.bytes().await.unwrap_err();
    assert!(error.is_body() || error.is_decode(), "{error:?}");
    assert_eq!(env.emu.state().customers.len(), 1, "the change was made");
}

/// A truncated answer without a body (a `HEAD`'s) arrives whole and ends its connection: a
/// client that pools connections does not reuse it, so no later answer is cut off instead.
#[tokio::test]
async fn a_truncated_answer_without_a_body_ends_its_connection() {
    let env = Env::new().await;
    let pooled = reqwest::Client::new();
    script(&env, "HEAD", "/v1/domains/*", "truncate");
    let head = pooled
        .head(env.url("/v1/domains/free.onmicrosoft.com"))
        .bearer_auth(DEFAULT_APP_USER_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(head.status(), StatusCode::NOT_FOUND);
    assert_eq!(head.headers()["connection"], "close");
    assert_eq!(env.emu.state().counters.faults_injected, 1);
    // Time for a kept-alive connection to go back to the pool, as it would without the close.
    tokio::time::sleep(Duration::from_millis(50)).await;
    for _ in 0..3 {
        let (status, _) = read(
            pooled
                .get(env.url("/v1/customers"))
                .bearer_auth(DEFAULT_APP_USER_TOKEN)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
    }
}

#[tokio::test]
async fn a_delay_makes_the_client_time_out() {
    let env = Env::new().await;
    script(&env, "GET", "/v1/customers", "delay:5s");
    let error = env
        .get("/v1/customers")
        .timeout(Duration::from_millis(200))
        .send()
        .await
        .unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    // After the change: the client times out, the customer exists, the retry replays.
    script(&env, "POST", "/v1/customers", "delay-after:5s");
    let id = Uuid::new_v4().to_string();
    let send = || env.post_id("/v1/customers", &customer("slow.onmicrosoft.com"), &id);
    let error = send()
        .timeout(Duration::from_millis(300))
        .send()
        .await
        .unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(env.emu.state().customers.len(), 1);
    assert_eq!(send().send().await.unwrap().status(), StatusCode::CREATED);
    assert_eq!(env.emu.state().counters.replays, 1);
}

#[tokio::test]
async fn scripted_faults_reach_the_token_endpoint() {
    let env = Env::new().await;
    env.emu.script_faults([ScriptedFault::any_method(
        "/*/oauth2/*",
        Fault::before(FaultKind::Unavailable {
            retry_after_secs: 1,
        }),
    )]);
    let url = env.url(&format!("/{DEFAULT_PARTNER_TENANT_ID}/oauth2/token"));
    let response = env
        .http
        .post(&url)
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.headers()["retry-after"], "1");
    assert_eq!(env.emu.state().scripted_faults_pending, 0);
}

/// The same seed and the same requests give the same faults.
#[tokio::test]
async fn random_faults_are_deterministic_from_the_seed() {
    let kinds: Vec<Fault> = ["500", "503", "non-json"]
        .iter()
        .map(|k| k.parse().unwrap())
        .collect();
    let run = |seed: u64| {
        let kinds = kinds.clone();
        async move {
            let env = Env::with(config().with_random_faults(seed, 0.5, kinds)).await;
            let mut statuses = Vec::new();
            for _ in 0..40 {
                statuses.push(
                    env.get("/v1/customers")
                        .send()
                        .await
                        .unwrap()
                        .status()
                        .as_u16(),
                );
            }
            let injected = env.emu.state().counters.faults_injected;
            assert_eq!(
                injected as usize,
                statuses.iter().filter(|s| **s != 200).count()
            );
            assert!(statuses.iter().all(|s| [200, 500, 502, 503].contains(s)));
            (statuses, injected)
        }
    };
    let (a, injected) = run(11).await;
    assert!((5..=35).contains(&injected), "{injected}");
    assert_eq!(a, run(11).await.0);
    assert_ne!(a, run(12).await.0);
    // Reset restarts the sequence.
    let env = Env::with(config().with_random_faults(3, 0.5, kinds)).await;
    let mut first = Vec::new();
    for _ in 0..10 {
        first.push(env.get("/v1/customers").send().await.unwrap().status());
    }
    env.emu.reset();
    let http = client();
    for expected in first {
        let got = http
            .get(env.url("/v1/customers"))
            .bearer_auth(pc_emulator::DEFAULT_APP_USER_TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(got.status(), expected);
    }
}

/// Over HTTP/2 (prior knowledge) the API works, and connection faults close the connection.
#[tokio::test]
async fn http2_clients_are_served_and_connection_faults_close() {
    let env = Env::new().await;
    let h2 = reqwest::Client::builder()
        .http2_prior_knowledge()
        .build()
        .unwrap();
    let ok = h2
        .get(env.url("/v1/customers"))
        .bearer_auth(pc_emulator::DEFAULT_APP_USER_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(
        (ok.version(), ok.status()),
        (reqwest::Version::HTTP_2, StatusCode::OK)
    );
    for fault in ["truncate", "close"] {
        script(&env, "GET", "/v1/customers", fault);
        let h2 = reqwest::Client::builder()
            .http2_prior_knowledge()
            .build()
            .unwrap();
        let outcome = h2
            .get(env.url("/v1/customers"))
            .bearer_auth(pc_emulator::DEFAULT_APP_USER_TOKEN)
            .send()
            .await;
        let error = match outcome {
            Ok(response) => response.bytes().await.unwrap_err(),
            Err(e) => e,
        };
        assert!(!error.is_timeout(), "{fault}: {error:?}");
    }
}
