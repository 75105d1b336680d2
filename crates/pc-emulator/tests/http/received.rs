//! The record of received requests: `GET`/`DELETE /_emulator/requests`,
//! `RunningEmulator::received`, and a reset that restores the refresh token.

use pc_emulator::fault::ScriptedFault;
use pc_emulator::received::ReceivedRequests;
use pc_emulator::{
    DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_PARTNER_TENANT_ID, DEFAULT_REFRESH_TOKEN,
};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{Env, config, customer, read};

#[tokio::test]
async fn the_api_requests_are_recorded_in_order_with_ids_and_secrets_replaced() {
    let env = Env::with(config().with_received_limit(3)).await;
    let id = env.create_customer("recorded.onmicrosoft.com").await;
    env.emu.script_faults([ScriptedFault::new(
        "GET",
        "/v1/customers/*",
        "close-after".parse().unwrap(),
    )]);
    let request_id = "0b7a4f3e-5d2c-4b1a-9e8f-7c6d5e4f3a2b";
    assert!(
        env.get(&format!("/v1/customers/{id}?size=1"))
            .header("MS-RequestId", request_id)
            .send()
            .await
            .is_err()
    );
    let again = env
        .get(&format!("/v1/customers/{id}?size=1"))
        .header("MS-RequestId", request_id)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::OK);
    // Without a token: recorded too, with its refusal.
    let refused = env
        .http
        .get(env.url("/v1/agreements"))
        .header("Authorization", "Basic dXNlcjpwYXNz")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    // Neither the token endpoint nor the control API is recorded.
    let token = env
        .http
        .post(env.url(&format!("/{DEFAULT_PARTNER_TENANT_ID}/oauth2/token")))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", DEFAULT_CLIENT_ID),
            ("client_secret", DEFAULT_CLIENT_SECRET),
            ("resource", "https://api.partnercenter.microsoft.com"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(token.status(), StatusCode::OK);

    let (status, over_http) = read(
        env.http
            .get(env.url("/_emulator/requests"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let record = env.emu.received();
    assert_eq!(serde_json::to_value(&record).unwrap(), over_http);
    // The limit of 3 kept the last three; the create left the record (its MS-RequestId keeps
    // its placeholder, so the retried read's is the second).
    assert_eq!(record.dropped, 1);
    let summary: Vec<Value> = record
        .requests
        .iter()
        .map(|r| {
            json!([
                r.method,
                r.path,
                r.query,
                r.headers.get("MS-RequestId"),
                r.headers.get("Authorization"),
                r.status,
                r.outcome
            ])
        })
        .collect();
    assert_eq!(
        summary,
        [
            json!([
                "GET",
                "/v1/customers/<customer-1>",
                [["size", "1"]],
                "<request-id-2>",
                "Bearer <redacted>",
                null,
                "close-after"
            ]),
            json!([
                "GET",
                "/v1/customers/<customer-1>",
                [["size", "1"]],
                "<request-id-2>",
                "Bearer <redacted>",
                200,
                "handled"
            ]),
            json!([
                "GET",
                "/v1/agreements",
                [],
                null,
                "<redacted>",
                401,
                "unauthorized"
            ]),
        ]
    );
    let text = over_http.to_string();
    for secret in [pc_emulator::DEFAULT_APP_USER_TOKEN, "dXNlcjpwYXNz", &id] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }

    let cleared = env
        .http
        .delete(env.url("/_emulator/requests"))
        .send()
        .await
        .unwrap();
    assert_eq!(cleared.status(), StatusCode::NO_CONTENT);
    assert_eq!(env.emu.received(), ReceivedRequests::default());
}

#[tokio::test]
async fn the_recorded_body_is_what_was_sent_and_the_handler_still_gets_it_whole() {
    let env = Env::new().await;
    // Larger than the recorded maximum: noted by size, and still created whole.
    let name = "W".repeat(pc_emulator::received::MAX_RECORDED_BODY);
    let mut big = customer("big.onmicrosoft.com");
    big["billingProfile"]["companyName"] = json!(name);
    let answer = env.post("/v1/customers", &big).send().await.unwrap();
    let (status, body) = read(answer).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(body["billingProfile"]["companyName"], json!(name));
    env.create_customer("small.onmicrosoft.com").await;
    let record = env.emu.received();
    assert_eq!(
        record.requests[0].body,
        Some(json!(format!(
            "<more than {} bytes, not recorded>",
            pc_emulator::received::MAX_RECORDED_BODY
        )))
    );
    assert_eq!(
        record.requests[1].body,
        Some(customer("small.onmicrosoft.com"))
    );
    assert_eq!(record.requests[1].status, Some(201));
}

#[tokio::test]
async fn a_reset_clears_the_record_and_makes_the_first_refresh_token_valid_again() {
    let env = Env::new().await;
    let redeem = |refresh: &str| {
        env.http
            .post(env.url(&format!("/{DEFAULT_PARTNER_TENANT_ID}/oauth2/v2.0/token")))
            .form(&[
                ("grant_type", "refresh_token"),
                ("client_id", DEFAULT_CLIENT_ID),
                ("client_secret", DEFAULT_CLIENT_SECRET),
                ("scope", "https://api.partnercenter.microsoft.com/.default"),
                ("refresh_token", refresh),
            ])
            .send()
    };
    let (status, body) = read(redeem(DEFAULT_REFRESH_TOKEN).await.unwrap()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let rotated = body["refresh_token"].as_str().unwrap().to_owned();
    assert_eq!(
        redeem(DEFAULT_REFRESH_TOKEN).await.unwrap().status(),
        StatusCode::BAD_REQUEST
    );
    env.create_customer("beforereset.onmicrosoft.com").await;
    assert_eq!(env.emu.received().requests.len(), 1);

    let reset = env
        .http
        .post(env.url("/_emulator/reset"))
        .send()
        .await
        .unwrap();
    assert_eq!(reset.status(), StatusCode::NO_CONTENT);
    assert!(env.emu.received().requests.is_empty());
    assert_eq!(
        redeem(&rotated).await.unwrap().status(),
        StatusCode::BAD_REQUEST,
        "the rotated refresh token is no longer valid"
    );
    assert_eq!(
        redeem(DEFAULT_REFRESH_TOKEN).await.unwrap().status(),
        StatusCode::OK
    );
}
