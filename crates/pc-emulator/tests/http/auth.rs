//! Token endpoints, 401, 403 and the request-id headers.

use std::time::Duration;

use pc_emulator::{
    AccessKind, DEFAULT_APP_ONLY_TOKEN, DEFAULT_APP_USER_TOKEN, DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET, DEFAULT_PARTNER_TENANT_ID, DEFAULT_REFRESH_TOKEN, EmulatorConfig, codes,
};
use pc_model::operation::Auth;
use pc_model::operations::OPERATIONS;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{Env, config, customer, expect_error, read};

const RESOURCE: &str = "https://api.partnercenter.microsoft.com";

fn v1(env: &Env) -> String {
    env.url(&format!("/{DEFAULT_PARTNER_TENANT_ID}/oauth2/token"))
}

fn v2(env: &Env) -> String {
    env.url(&format!("/{DEFAULT_PARTNER_TENANT_ID}/oauth2/v2.0/token"))
}

async fn form(env: &Env, url: &str, fields: &[(&str, &str)]) -> (StatusCode, Value) {
    read(env.http.post(url).form(fields).send().await.unwrap()).await
}

#[tokio::test]
async fn client_credentials_v1_gives_an_app_only_token_with_a_string_expiry() {
    let env = Env::new().await;
    let (status, body) = form(
        &env,
        &v1(&env),
        &[
            ("grant_type", "client_credentials"),
            ("client_id", DEFAULT_CLIENT_ID),
            ("client_secret", DEFAULT_CLIENT_SECRET),
            ("resource", RESOURCE),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["expires_in"], json!("3599"));
    assert_eq!(body["token_type"], "Bearer");
    assert!(body.get("refresh_token").is_none());
    let token = body["access_token"].as_str().unwrap();
    // App-only: accepted by a both-kinds operation, refused by an App+User one.
    let ok = env
        .http
        .get(env.url("/v1/customers"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::OK);
    let refused = env
        .http
        .get(env.url("/v1/customers/all/validations"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    expect_error(refused, StatusCode::FORBIDDEN, codes::APP_USER_REQUIRED).await;
    assert_eq!(env.emu.state().counters.tokens_issued, 1);
}

#[tokio::test]
async fn refresh_token_v2_rotates_and_gives_an_app_user_token_with_a_numeric_expiry() {
    let env = Env::new().await;
    let redeem = |refresh: String| {
        let (env, url) = (&env, v2(&env));
        async move {
            form(
                env,
                &url,
                &[
                    ("grant_type", "refresh_token"),
                    ("client_id", DEFAULT_CLIENT_ID),
                    ("client_secret", DEFAULT_CLIENT_SECRET),
                    ("scope", "https://api.partnercenter.microsoft.com/.default"),
                    ("refresh_token", &refresh),
                ],
            )
            .await
        }
    };
    let (status, body) = redeem(DEFAULT_REFRESH_TOKEN.to_owned()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["expires_in"], json!(3599));
    let next = body["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(next, DEFAULT_REFRESH_TOKEN);
    let token = body["access_token"].as_str().unwrap();
    let codes_list = env
        .http
        .get(env.url("/v1/customers/all/validations"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(codes_list.status(), StatusCode::OK);
    // The old refresh token stopped working; the new one works once.
    let (status, body) = redeem(DEFAULT_REFRESH_TOKEN.to_owned()).await;
    assert_eq!(
        (status, body["error"].clone()),
        (StatusCode::BAD_REQUEST, json!("invalid_grant"))
    );
    assert!(
        body["error_description"]
            .as_str()
            .unwrap()
            .starts_with("AADSTS")
    );
    assert_eq!(redeem(next.clone()).await.0, StatusCode::OK);
    assert_eq!(redeem(next).await.0, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn token_endpoint_errors_are_oauth_errors() {
    let env = Env::new().await;
    let good = [
        ("grant_type", "client_credentials"),
        ("client_id", DEFAULT_CLIENT_ID),
        ("client_secret", DEFAULT_CLIENT_SECRET),
        ("resource", RESOURCE),
    ];
    let with = |name: &str, value: Option<&'static str>| -> Vec<(&'static str, &'static str)> {
        good.iter()
            .filter_map(|&(k, v)| {
                if k == name {
                    value.map(|x| (k, x))
                } else {
                    Some((k, v))
                }
            })
            .collect()
    };
    for (fields, status, error) in [
        (
            with("client_secret", Some("wrong")),
            StatusCode::UNAUTHORIZED,
            "invalid_client",
        ),
        (
            with("client_secret", None),
            StatusCode::UNAUTHORIZED,
            "invalid_client",
        ),
        (
            with("client_id", Some("someone-else")),
            StatusCode::BAD_REQUEST,
            "unauthorized_client",
        ),
        (
            with("client_id", None),
            StatusCode::BAD_REQUEST,
            "invalid_request",
        ),
        (
            with("grant_type", Some("password")),
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
        ),
        (
            with("grant_type", None),
            StatusCode::BAD_REQUEST,
            "invalid_request",
        ),
        (
            with("resource", None),
            StatusCode::BAD_REQUEST,
            "invalid_request",
        ),
    ] {
        let (got, body) = form(&env, &v1(&env), &fields).await;
        assert_eq!(
            (got, body["error"].as_str()),
            (status, Some(error)),
            "{fields:?}: {body}"
        );
    }
    // v2 wants `scope`, not `resource`.
    let (got, body) = form(&env, &v2(&env), &good).await;
    assert_eq!(
        (got, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_request"))
    );
    // Unknown tenant; `common` works.
    let other = env.url("/contoso.onmicrosoft.com/oauth2/token");
    assert_eq!(form(&env, &other, &good).await.0, StatusCode::BAD_REQUEST);
    let common = env.url("/common/oauth2/token");
    assert_eq!(form(&env, &common, &good).await.0, StatusCode::OK);
    // Not a form.
    let (got, body) = read(
        env.http
            .post(v1(&env))
            .json(&json!({"grant_type": "x"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (got, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_request"))
    );
}

#[tokio::test]
async fn missing_unknown_and_expired_tokens_get_401_with_www_authenticate() {
    let env = Env::with(config().with_token_lifetime(Duration::ZERO)).await;
    let expired = env.emu.issue_token(AccessKind::AppAndUser);
    let requests = [
        env.http.get(env.url("/v1/customers")),
        env.http
            .get(env.url("/v1/customers"))
            .bearer_auth("not-a-token"),
        env.http
            .get(env.url("/v1/customers"))
            .header("Authorization", "Basic dXNlcjpwdw=="),
        env.http.get(env.url("/v1/customers")).bearer_auth(&expired),
    ];
    for (i, request) in requests.into_iter().enumerate() {
        let response = request.send().await.unwrap();
        let challenge = response.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(challenge.starts_with("Bearer "), "{challenge}");
        assert!(response.headers().contains_key("ms-requestid"));
        let body = expect_error(response, StatusCode::UNAUTHORIZED, codes::UNAUTHORIZED).await;
        if i == 3 {
            assert!(
                body["description"].as_str().unwrap().contains("expired"),
                "{body}"
            );
        }
    }
    assert_eq!(env.emu.state().counters.unauthorized, 4);
}

/// Every App+User-only operation refuses an App-only token; creating a direct customer is the
/// documented exception.
#[tokio::test]
async fn app_only_tokens_are_refused_where_app_user_is_required() {
    let env = Env::new().await;
    let id = env.create_customer("apponly.onmicrosoft.com").await;
    let mut checked = 0;
    for op in OPERATIONS.iter().filter(|op| op.auth == Auth::AppAndUser) {
        let path = op.path.replace("{customerTenantId}", &id);
        let mut direct = customer("direct.onmicrosoft.com");
        direct
            .as_object_mut()
            .unwrap()
            .remove("associatedPartnerId");
        let request = match op.method {
            pc_model::operation::Method::Post if op.id == "createCustomer" => {
                let direct_ok = env
                    .http
                    .post(env.url(&path))
                    .bearer_auth(DEFAULT_APP_ONLY_TOKEN)
                    .json(&direct)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(direct_ok.status(), StatusCode::CREATED);
                env.http
                    .post(env.url(&path))
                    .json(&customer("reseller2.onmicrosoft.com"))
            }
            pc_model::operation::Method::Post => env.http.post(env.url(&path)).json(&json!({})),
            _ => env.http.get(env.url(&path)),
        };
        let response = request
            .bearer_auth(DEFAULT_APP_ONLY_TOKEN)
            .send()
            .await
            .unwrap();
        expect_error(response, StatusCode::FORBIDDEN, codes::APP_USER_REQUIRED).await;
        checked += 1;
    }
    assert_eq!(checked, 5);
    // The same operations accept the App+User token (the list, for one).
    let ok = env
        .http
        .get(env.url("/v1/customers/all/validations"))
        .bearer_auth(DEFAULT_APP_USER_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::OK);
}

#[tokio::test]
async fn ids_are_echoed_and_must_be_guids() {
    let env = Env::new().await;
    let request_id = "037db222-6d8e-4d7f-ba78-df3dca33fb68";
    let correlation_id = "7d2456fd-2d79-46d0-9f8e-5d7ecd5f8745";
    let response = env
        .get("/v1/customers")
        .header("MS-RequestId", request_id)
        .header("MS-CorrelationId", correlation_id)
        .send()
        .await
        .unwrap();
    let h = response.headers();
    assert_eq!(h["ms-requestid"], request_id);
    assert_eq!(h["ms-correlationid"], correlation_id);
    assert!(h["ms-cv"].to_str().unwrap().ends_with(".0"));
    assert_eq!(h["ms-serverid"], "pc-emulator");
    // Generated when absent, on errors too.
    let response = env.http.get(env.url("/v1/nothing")).send().await.unwrap();
    assert!(uuid::Uuid::parse_str(response.headers()["ms-requestid"].to_str().unwrap()).is_ok());
    expect_error(response, StatusCode::NOT_FOUND, codes::NOT_FOUND).await;
    let bad = env
        .get("/v1/customers")
        .header("MS-RequestId", "retry-1")
        .send()
        .await
        .unwrap();
    expect_error(bad, StatusCode::BAD_REQUEST, codes::INVALID_INPUT).await;
}

#[tokio::test]
async fn a_static_token_for_another_partner_sees_nothing_of_this_one() {
    let other = uuid::Uuid::from_u128(42);
    let env = Env::with(EmulatorConfig::default().with_fixed_token(
        pc_emulator::FixedToken::new("other", AccessKind::AppAndUser).for_tenant(other),
    ))
    .await;
    let id = env.create_customer("mine.onmicrosoft.com").await;
    let hidden = env
        .http
        .get(env.url(&format!("/v1/customers/{id}")))
        .bearer_auth("other")
        .send()
        .await
        .unwrap();
    expect_error(hidden, StatusCode::NOT_FOUND, codes::TENANT_NOT_FOUND).await;
    // Nor may it use this partner's reseller.
    let refused = env
        .http
        .post(env.url("/v1/customers"))
        .bearer_auth("other")
        .json(&customer("theirs.onmicrosoft.com"))
        .send()
        .await
        .unwrap();
    expect_error(
        refused,
        StatusCode::BAD_REQUEST,
        codes::NOT_AN_INDIRECT_RESELLER,
    )
    .await;
}
