//! The control API under /_emulator, routing errors, and garbage input.

use pc_emulator::{
    DEFAULT_APP_USER_TOKEN, DEFAULT_GCC_VALIDATION_CODE, Emulator, StateSnapshot, codes,
};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{Env, customer, expect_error, read};

async fn control(
    env: &Env,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut request = env.http.request(method, env.url(path));
    if let Some(body) = body {
        request = request.json(&body);
    }
    read(request.send().await.unwrap()).await
}

#[tokio::test]
async fn state_faults_replay_rate_limit_tokens_and_reset() {
    use reqwest::Method;
    let env = Env::new().await;
    let id = env.create_customer("control.onmicrosoft.com").await;
    env.post(&format!("/v1/customers/{id}/qualifications"), &json!({"qualification": "GovernmentCommunityCloud", "validationCode": DEFAULT_GCC_VALIDATION_CODE})).send().await.unwrap();

    let (status, state) = control(&env, Method::GET, "/_emulator/state", None).await;
    assert_eq!(status, StatusCode::OK);
    let snapshot: StateSnapshot = serde_json::from_value(state.clone()).unwrap();
    assert_eq!(snapshot.customers.len(), 1);
    assert_eq!(state["qualifications"][&id][0]["vettingStatus"], "Approved");
    assert_eq!(state["validationCodes"][0]["remainingCreates"], 9);
    assert_eq!(state["counters"]["customersCreated"], 1);

    let one = json!({"method": "GET", "path": "/v1/customers", "fault": "500"});
    assert_eq!(
        control(&env, Method::POST, "/_emulator/faults", Some(one))
            .await
            .1,
        json!({"pending": 1})
    );
    let many = json!([{"path": "/v1/*", "fault": "503:1", "times": 3}]);
    assert_eq!(
        control(&env, Method::POST, "/_emulator/faults", Some(many))
            .await
            .1,
        json!({"pending": 4})
    );
    assert_eq!(
        env.get("/v1/customers").send().await.unwrap().status(),
        StatusCode::INTERNAL_SERVER_ERROR
    );
    assert_eq!(
        control(&env, Method::DELETE, "/_emulator/faults", None)
            .await
            .1,
        json!({"pending": 0})
    );
    assert_eq!(
        env.get("/v1/customers").send().await.unwrap().status(),
        StatusCode::OK
    );

    assert_eq!(
        control(
            &env,
            Method::PUT,
            "/_emulator/replay",
            Some(json!({"enabled": false}))
        )
        .await
        .1,
        json!({"enabled": false})
    );
    assert!(!env.emu.state().replay_enabled);
    assert_eq!(
        control(
            &env,
            Method::PUT,
            "/_emulator/rate-limit",
            Some(json!({"perMinute": 7}))
        )
        .await
        .1,
        json!({"perMinute": 7})
    );
    assert_eq!(
        control(
            &env,
            Method::PUT,
            "/_emulator/rate-limit",
            Some(json!({"perMinute": null}))
        )
        .await
        .1,
        json!({"perMinute": null})
    );

    let (status, token) = control(
        &env,
        Method::POST,
        "/_emulator/tokens",
        Some(json!({"kind": "app-only"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let token = token["access_token"].as_str().unwrap().to_owned();
    let refused = env
        .http
        .get(env.url("/v1/customers/all/validations"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    expect_error(refused, StatusCode::FORBIDDEN, codes::APP_USER_REQUIRED).await;

    let (status, _) = control(&env, Method::POST, "/_emulator/reset", None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let after = env.emu.state();
    assert!(after.customers.is_empty() && after.qualifications.is_empty());
    assert_eq!(after.validation_codes[0].remaining_creates, Some(10));
    assert_eq!(after.counters.requests, 0);
    // Tokens survive a reset.
    let ok = env
        .http
        .get(env.url("/v1/customers"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::OK);

    for (path, body) in [
        (
            "/_emulator/faults",
            json!({"path": "/v1", "fault": "explode"}),
        ),
        ("/_emulator/replay", json!({"enabled": "yes"})),
        ("/_emulator/tokens", json!({"kind": "root"})),
    ] {
        let (status, body) = control(&env, Method::POST, path, Some(body)).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::BAD_REQUEST, Some(codes::INVALID_INPUT)),
            "{path}"
        );
    }
}

#[tokio::test]
async fn unknown_routes_are_404_and_wrong_methods_405() {
    let env = Env::new().await;
    expect_error(
        env.get("/v2/customers").send().await.unwrap(),
        StatusCode::NOT_FOUND,
        codes::NOT_FOUND,
    )
    .await;
    let delete = env
        .http
        .delete(env.url("/v1/customers"))
        .bearer_auth(pc_emulator::DEFAULT_APP_USER_TOKEN)
        .send()
        .await
        .unwrap();
    expect_error(
        delete,
        StatusCode::METHOD_NOT_ALLOWED,
        codes::METHOD_NOT_ALLOWED,
    )
    .await;
    let get_token = env
        .http
        .get(env.url("/common/oauth2/token"))
        .send()
        .await
        .unwrap();
    assert_eq!(get_token.status(), StatusCode::METHOD_NOT_ALLOWED);
}

/// Whatever the body, every POST answers a 4xx with a service error body, and the server keeps
/// serving.
#[tokio::test]
async fn garbage_never_breaks_the_server() {
    let env = Env::new().await;
    let id = env.create_customer("garbage.onmicrosoft.com").await;
    let deep = "[".repeat(10_000);
    let long_string = format!("{{\"qualification\":\"{}\"}}", "x".repeat(100_000));
    let bodies: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"\x00\x01\x02".to_vec(),
        deep.into_bytes(),
        long_string.into_bytes(),
        b"{\"companyProfile\":{\"domain\":\"\\ud800\"}}".to_vec(),
        b"{\"templateId\":\"x\",\"dateAgreed\":\"99999-99-99\"}".to_vec(),
        b"1e999999".to_vec(),
        serde_json::to_vec(&customer("garbage.onmicrosoft.com")).unwrap(),
    ];
    for path in [
        "/v1/customers".to_owned(),
        format!("/v1/customers/{id}/agreements"),
        format!("/v1/customers/{id}/qualifications"),
    ] {
        for body in &bodies {
            let response = env
                .http
                .post(env.url(&path))
                .bearer_auth(pc_emulator::DEFAULT_APP_USER_TOKEN)
                .body(body.clone())
                .send()
                .await
                .unwrap();
            let status = response.status();
            assert!(status.is_client_error(), "{path}: {status}");
            let (_, error) = read(response).await;
            assert!(
                error["code"].is_string() || error["code"].is_number(),
                "{path}: {error}"
            );
        }
    }
    assert_eq!(
        env.get("/v1/customers").send().await.unwrap().status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn start_refuses_a_bad_configuration_and_a_taken_address() {
    use pc_emulator::{Emulator, EmulatorConfig, EmulatorError};
    let first = Emulator::start(EmulatorConfig::default()).await.unwrap();
    assert_eq!(first.token_authority(), first.url());
    let taken = Emulator::start(EmulatorConfig::default().with_bind(first.addr())).await;
    assert!(
        matches!(taken, Err(EmulatorError::Bind { .. })),
        "{taken:?}"
    );
    let bad = Emulator::start(EmulatorConfig::default().with_random_faults(1, 2.0, [])).await;
    assert!(matches!(bad, Err(EmulatorError::Config(_))), "{bad:?}");
    let url = first.url().to_owned();
    first.shutdown().await;
    assert!(
        reqwest::get(format!("{url}/_emulator/state"))
            .await
            .is_err(),
        "stopped"
    );
}

#[tokio::test]
async fn durations_that_overflow_time_arithmetic_are_refused() {
    use reqwest::Method;
    let env = Env::new().await;
    for fault in ["delay:10000000000000000000s", "delay-after:876001h"] {
        let body = json!({"path": "/v1/customers", "fault": fault});
        let (status, answer) = control(&env, Method::POST, "/_emulator/faults", Some(body)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
        assert!(answer.to_string().contains("100 years"), "{answer}");
    }
    assert_eq!(env.emu.state().scripted_faults_pending, 0);
    let longest = json!({"path": "/v1/nothing", "fault": "delay:3153600000s"});
    let (status, _) = control(&env, Method::POST, "/_emulator/faults", Some(longest)).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn the_longest_lifetimes_and_delays_are_served_and_longer_ones_refused_at_start() {
    use pc_emulator::MAX_DURATION;
    use std::time::Duration;
    for absurd in [
        crate::common::config().with_token_lifetime(Duration::MAX),
        crate::common::config().with_read_after_create_lag(Duration::from_secs(u64::MAX)),
        crate::common::config().with_vetting_delay(MAX_DURATION + Duration::from_secs(1)),
    ] {
        let refused = Emulator::start(absurd).await.unwrap_err().to_string();
        assert!(refused.contains("at most 3153600000s"), "{refused}");
    }
    let env = Env::with(
        crate::common::config()
            .with_token_lifetime(MAX_DURATION)
            .with_read_after_create_lag(MAX_DURATION),
    )
    .await;
    let (status, token) = read(
        env.http
            .post(env.url("/_emulator/tokens"))
            .json(&json!({"kind": "app+user"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(token["expires_in"], MAX_DURATION.as_secs());
    let (status, created) = read(
        env.http
            .post(env.url("/v1/customers"))
            .bearer_auth(token["access_token"].as_str().unwrap())
            .json(&customer("forlater.onmicrosoft.com"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().unwrap();
    let hidden = env
        .get(&format!("/v1/customers/{id}"))
        .send()
        .await
        .unwrap();
    expect_error(hidden, StatusCode::NOT_FOUND, codes::TENANT_NOT_FOUND).await;
}

#[tokio::test]
async fn the_control_api_is_off_on_other_addresses_unless_a_token_was_given() {
    use pc_emulator::ControlAccess;
    use std::net::{Ipv4Addr, SocketAddr};
    let everywhere = SocketAddr::from((Ipv4Addr::UNSPECIFIED, 0));
    let local = |env: &Env, path: &str| format!("http://127.0.0.1:{}{path}", env.emu.addr().port());

    // On 0.0.0.0 without a token: off for everyone, and nothing it would do is done.
    let env = Env::with(crate::common::config().with_bind(everywhere)).await;
    assert!(env.emu.config().exposure_warning().is_some());
    let id = env.create_customer("kept.onmicrosoft.com").await;
    for (method, path) in [
        (reqwest::Method::GET, "/_emulator/state"),
        (reqwest::Method::POST, "/_emulator/reset"),
        (reqwest::Method::POST, "/_emulator/tokens"),
    ] {
        let refused = env
            .http
            .request(method, local(&env, path))
            .json(&json!({"kind": "app+user"}))
            .send()
            .await
            .unwrap();
        expect_error(refused, StatusCode::FORBIDDEN, codes::CONTROL_OFF).await;
    }
    assert_eq!(env.emu.state().customers.len(), 1, "not reset");
    assert_eq!(env.emu.state().counters.tokens_issued, 0);
    // The API itself is served.
    let got = env
        .get(&format!("/v1/customers/{id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(got.status(), StatusCode::OK);

    // With a control token: only requests that carry it.
    let env = Env::with(
        crate::common::config()
            .with_bind(everywhere)
            .with_control(ControlAccess::Token("s3cret".to_owned())),
    )
    .await;
    let state = local(&env, "/_emulator/state");
    for token in [
        None,
        Some("s3cre"),
        Some("S3CRET"),
        Some(DEFAULT_APP_USER_TOKEN),
    ] {
        let mut request = env.http.get(&state);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let refused = request.send().await.unwrap();
        assert!(refused.headers().contains_key("www-authenticate"));
        expect_error(refused, StatusCode::UNAUTHORIZED, codes::UNAUTHORIZED).await;
    }
    let allowed = env
        .http
        .get(&state)
        .bearer_auth("s3cret")
        .send()
        .await
        .unwrap();
    assert_eq!(allowed.status(), StatusCode::OK);

    // On loopback the control API is open unless switched off.
    let env = Env::with(crate::common::config().with_control(ControlAccess::Off)).await;
    assert!(env.emu.config().exposure_warning().is_none());
    let refused = env
        .http
        .get(env.url("/_emulator/state"))
        .send()
        .await
        .unwrap();
    expect_error(refused, StatusCode::FORBIDDEN, codes::CONTROL_OFF).await;
    assert!(
        Emulator::start(crate::common::config().with_control(ControlAccess::Token(" ".into())))
            .await
            .is_err()
    );
}
