//! Credentials against an in-process token endpoint: client credentials (v1 and v2), refresh
//! tokens with rotation, one refresh for a thousand concurrent calls, failures.
#![allow(clippy::unwrap_used)]

mod support;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use pc_model::Secret;
use pc_transport::{
    Authority, CallOptions, ClientCredentials, ErrorKind, RefreshTokenCredential, TokenEndpoint,
    TokenKind, Transport,
};
use support::*;
use wiremock::matchers::{header as has_header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TENANT: &str = "contoso.onmicrosoft.com";
const CLIENT_ID: &str = "11111111-2222-3333-4444-555555555555";

fn form(request: &Request) -> BTreeMap<String, String> {
    let text = std::str::from_utf8(&request.body).unwrap();
    reqwest::Url::parse(&format!("http://form/?{text}"))
        .unwrap()
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

async fn api(server: &MockServer, token: &str) {
    Mock::given(method("GET"))
        .and(path(
            "/v1/customers/626099fe-17af-4756-9fd0-6a73b7127859/qualifications",
        ))
        .and(has_header(
            "authorization",
            format!("Bearer {token}").as_str(),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_raw("[]", "application/json"))
        .mount(server)
        .await;
}

#[tokio::test]
async fn client_credentials_v2_posts_the_form_and_uses_the_token() {
    let (server, clock) = server_and_clock().await;
    Mock::given(method("POST"))
        .and(path(format!("/{TENANT}/oauth2/v2.0/token")))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"token_type":"Bearer","expires_in":3599,"access_token":"app-token"}"#,
            "application/json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    api(&server, "app-token").await;
    let credential = ClientCredentials::new(TENANT, CLIENT_ID, "client-secret-value")
        .with_authority(Authority::custom(&server.uri()).unwrap());
    let transport = builder_with(&server.uri(), &clock, credential)
        .build()
        .unwrap();
    assert_eq!(transport.credential_kind(), TokenKind::AppOnly);
    for _ in 0..2 {
        transport
            .execute(&list_qualifications(), &CallOptions::default())
            .await
            .unwrap();
    }
    let requests = server.received_requests().await.unwrap();
    let token_request = &requests[0];
    assert_eq!(
        header(token_request, "content-type"),
        "application/x-www-form-urlencoded"
    );
    let fields = form(token_request);
    assert_eq!(
        fields,
        BTreeMap::from([
            ("client_id".to_owned(), CLIENT_ID.to_owned()),
            ("client_secret".to_owned(), "client-secret-value".to_owned()),
            ("grant_type".to_owned(), "client_credentials".to_owned()),
            (
                "scope".to_owned(),
                "https://api.partnercenter.microsoft.com/.default".to_owned()
            ),
        ])
    );
}

#[tokio::test]
async fn client_credentials_v1_reads_a_string_expiry_and_refreshes_before_it() {
    let (server, clock) = server_and_clock().await;
    Mock::given(method("POST"))
        .and(path(format!("/{TENANT}/oauth2/token")))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"token_type":"Bearer","expires_in":"3599","ext_expires_in":"3599","access_token":"v1-token"}"#,
            "application/json",
        ))
        .expect(2)
        .mount(&server)
        .await;
    api(&server, "v1-token").await;
    let credential = ClientCredentials::new(TENANT, CLIENT_ID, "s")
        .with_authority(Authority::custom(&server.uri()).unwrap())
        .with_endpoint(TokenEndpoint::V1 {
            resource: "https://api.partnercenter.microsoft.com".to_owned(),
        });
    let transport = builder_with(&server.uri(), &clock, credential)
        .token_refresh_margin(Duration::from_secs(120))
        .build()
        .unwrap();
    let (endpoint, options) = (list_qualifications(), CallOptions::default());
    let call = || transport.execute(&endpoint, &options);
    call().await.unwrap();
    clock.advance(Duration::from_secs(3599 - 121));
    call().await.unwrap(); // still fresh
    clock.advance(Duration::from_secs(1));
    call().await.unwrap(); // within the margin: refreshed
    let requests = server.received_requests().await.unwrap();
    let token_requests: Vec<_> = requests
        .iter()
        .filter(|r| r.url.path().ends_with("/oauth2/token"))
        .collect();
    assert_eq!(token_requests.len(), 2);
    assert_eq!(
        form(token_requests[0]).get("resource").map(String::as_str),
        Some("https://api.partnercenter.microsoft.com")
    );
}

#[tokio::test]
async fn refresh_tokens_rotate_and_every_new_one_is_handed_back() {
    let (server, clock) = server_and_clock().await;
    let token_path = format!("/{TENANT}/oauth2/v2.0/token");
    for (old, new, access) in [
        ("rt-1", "rt-2", "user-token-1"),
        ("rt-2", "rt-3", "user-token-2"),
    ] {
        Mock::given(method("POST"))
            .and(path(token_path.as_str()))
            .and(wiremock::matchers::body_string_contains(format!(
                "refresh_token={old}"
            )))
            .respond_with(ResponseTemplate::new(200).set_body_raw(
                format!(
                    r#"{{"token_type":"Bearer","expires_in":3600,"access_token":"{access}","refresh_token":"{new}"}}"#
                ),
                "application/json",
            ))
            .expect(1)
            .mount(&server)
            .await;
    }
    api(&server, "user-token-1").await;
    api(&server, "user-token-2").await;
    let rotated: Arc<Mutex<Vec<String>>> = Arc::default();
    let seen = rotated.clone();
    let credential = Arc::new(
        RefreshTokenCredential::new(TENANT, CLIENT_ID, "rt-1")
            .with_client_secret("app-secret")
            .with_authority(Authority::custom(&server.uri()).unwrap())
            .on_rotation(move |token: Secret| seen.lock().unwrap().push(token.expose().to_owned())),
    );
    let transport = builder_with(&server.uri(), &clock, credential.clone())
        .build()
        .unwrap();
    assert_eq!(transport.credential_kind(), TokenKind::AppAndUser);
    transport
        .execute(&list_qualifications(), &CallOptions::default())
        .await
        .unwrap();
    clock.advance(Duration::from_secs(3600));
    transport
        .execute(&list_qualifications(), &CallOptions::default())
        .await
        .unwrap();
    assert_eq!(*rotated.lock().unwrap(), ["rt-2", "rt-3"]);
    assert_eq!(credential.current_refresh_token().await.expose(), "rt-3");
    let first = form(&server.received_requests().await.unwrap()[0]);
    assert_eq!(first["grant_type"], "refresh_token");
    assert_eq!(first["client_secret"], "app-secret");
    assert_eq!(first["client_id"], CLIENT_ID);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_calls_on_a_cold_cache_make_one_token_request() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("/{TENANT}/oauth2/v2.0/token")))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(
                    r#"{"token_type":"Bearer","expires_in":3599,"access_token":"shared-token"}"#,
                    "application/json",
                )
                // Keeps the fetch in flight while the other calls arrive.
                .set_delay(Duration::from_millis(200)),
        )
        .mount(&server)
        .await;
    api(&server, "shared-token").await;
    let credential = ClientCredentials::new(TENANT, CLIENT_ID, "s")
        .with_authority(Authority::custom(&server.uri()).unwrap());
    let transport = Transport::builder(credential)
        .base_url(&server.uri())
        .build()
        .unwrap();
    let calls: Vec<_> = (0..1000)
        .map(|_| {
            let transport = transport.clone();
            tokio::spawn(async move {
                transport
                    .execute(&list_qualifications(), &CallOptions::default())
                    .await
            })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    let requests = server.received_requests().await.unwrap();
    let token_requests = requests
        .iter()
        .filter(|r| r.url.path().ends_with("/token"))
        .count();
    assert_eq!(token_requests, 1);
    assert_eq!(requests.len(), 1001);
    // Awaiting a thousand finished calls in one poll can use up tokio's cooperative budget, and
    // `MockServer`'s drop then waits on a tokio lock inside `futures::executor::block_on`, which
    // never gets a new budget: it would spin forever. Dropped with the budget lifted, it cannot.
    tokio::task::unconstrained(async move { drop(server) }).await;
}

#[tokio::test]
async fn a_refused_secret_fails_without_retrying_or_sending_and_without_the_secret() {
    let (server, clock) = server_and_clock().await;
    Mock::given(method("POST"))
        .and(path(format!("/{TENANT}/oauth2/v2.0/token")))
        .respond_with(ResponseTemplate::new(401).set_body_raw(
            r#"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided: wrong-secret-value.\r\nTrace ID: 1","error_codes":[7000215]}"#,
            "application/json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let credential = ClientCredentials::new(TENANT, CLIENT_ID, "wrong-secret-value")
        .with_authority(Authority::custom(&server.uri()).unwrap());
    let transport = builder_with(&server.uri(), &clock, credential)
        .build()
        .unwrap();
    let err = transport
        .execute(&list_qualifications(), &CallOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Credential);
    assert!(!err.is_transient() && !err.may_have_been_sent());
    assert_eq!(err.attempts(), 1);
    let cause = err.credential_error().unwrap();
    assert_eq!(
        (cause.status(), cause.oauth_error()),
        (Some(401), Some("invalid_client"))
    );
    let mut chain = format!("{err} {err:?}");
    let mut source = std::error::Error::source(&err);
    while let Some(s) = source {
        chain.push_str(&s.to_string());
        source = s.source();
    }
    assert!(chain.contains("AADSTS7000215"), "{chain}");
    assert!(!chain.contains("wrong-secret-value"), "{chain}");
    // The message says why: the endpoint's error and its AADSTS description (the secret it
    // echoed masked).
    assert!(
        err.to_string().contains(
            ": could not get an access token: the token endpoint answered 401: invalid_client: \
             AADSTS7000215: Invalid client secret provided: ********. ["
        ),
        "{err}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn an_unavailable_token_endpoint_is_retried_like_a_connection_failure() {
    let (server, clock) = server_and_clock().await;
    Mock::given(method("POST"))
        .and(path(format!("/{TENANT}/oauth2/v2.0/token")))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("/{TENANT}/oauth2/v2.0/token")))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"token_type":"Bearer","expires_in":3599,"access_token":"late-token"}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    api(&server, "late-token").await;
    let credential = ClientCredentials::new(TENANT, CLIENT_ID, "s")
        .with_authority(Authority::custom(&server.uri()).unwrap());
    let transport = builder_with(&server.uri(), &clock, credential)
        .build()
        .unwrap();
    let answer = transport
        .execute(&list_qualifications(), &CallOptions::default())
        .await
        .unwrap();
    assert_eq!(answer.attempts, 2);
    assert!(!answer.earlier_attempt_may_have_applied);
    assert_eq!(clock.sleeps(), vec![Duration::from_millis(500)]);
}

#[tokio::test]
async fn an_unreachable_token_endpoint_says_what_the_network_answered() {
    let (server, clock) = server_and_clock().await;
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let credential = RefreshTokenCredential::new(TENANT, CLIENT_ID, "refresh-token-value")
        .with_authority(Authority::custom(&format!("http://127.0.0.1:{port}")).unwrap());
    let transport = builder_with(&server.uri(), &clock, credential)
        .build()
        .unwrap();
    let err = transport
        .execute(&list_qualifications(), &CallOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Credential);
    assert!(err.is_transient() && !err.may_have_been_sent());
    let text = err.to_string();
    assert!(
        text.contains(
            ": could not get an access token: the token endpoint 127.0.0.1 could not be reached: "
        ),
        "{text}"
    );
    // Down to the operating system's reason.
    assert!(text.contains("Connection refused"), "{text}");
    assert!(!text.contains("refresh-token-value"), "{text}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_malformed_access_token_is_named_without_being_shown() {
    let (server, clock) = server_and_clock().await;
    let credential = pc_transport::StaticToken::new("eyJ0eXAi.part\r\nX-Injected: 1");
    let transport = builder_with(&server.uri(), &clock, credential)
        .build()
        .unwrap();
    let err = transport
        .execute(&list_qualifications(), &CallOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Credential);
    let text = format!("{err} {err:?}");
    assert!(
        err.to_string()
            .contains(": could not get an access token: the access token contains a line break"),
        "{err}"
    );
    assert!(
        !text.contains("eyJ0eXAi") && !text.contains("Injected"),
        "{text}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// Answers each redemption of `rt-N` with `user-token-N` and the refresh token `rt-N+1`.
async fn rotating_endpoint(server: &MockServer, redemptions: u32) {
    let token_path = format!("/{TENANT}/oauth2/v2.0/token");
    for n in 1..=redemptions {
        Mock::given(method("POST"))
            .and(path(token_path.as_str()))
            .and(wiremock::matchers::body_string_contains(format!(
                "refresh_token=rt-{n}"
            )))
            .respond_with(ResponseTemplate::new(200).set_body_raw(
                format!(
                    r#"{{"token_type":"Bearer","expires_in":3600,"access_token":"user-token-{n}","refresh_token":"rt-{}"}}"#,
                    n + 1
                ),
                "application/json",
            ))
            .expect(1)
            .mount(server)
            .await;
        api(server, &format!("user-token-{n}")).await;
    }
}

#[tokio::test]
async fn an_async_rotation_callback_stores_each_new_token_before_it_is_used() {
    let (server, clock) = server_and_clock().await;
    rotating_endpoint(&server, 2).await;
    let vault: Arc<tokio::sync::Mutex<Vec<String>>> = Arc::default();
    let store = vault.clone();
    let credential = Arc::new(
        RefreshTokenCredential::new(TENANT, CLIENT_ID, "rt-1")
            .with_authority(Authority::custom(&server.uri()).unwrap())
            .on_rotation_async(move |token: Secret| {
                let store = store.clone();
                async move {
                    tokio::task::yield_now().await; // a store that waits, e.g. a vault
                    store.lock().await.push(token.expose().to_owned());
                    Ok(())
                }
            }),
    );
    let transport = builder_with(&server.uri(), &clock, credential.clone())
        .build()
        .unwrap();
    transport
        .execute(&list_qualifications(), &CallOptions::default())
        .await
        .unwrap();
    assert_eq!(*vault.lock().await, ["rt-2"]);
    clock.advance(Duration::from_secs(3600));
    transport
        .execute(&list_qualifications(), &CallOptions::default())
        .await
        .unwrap();
    assert_eq!(*vault.lock().await, ["rt-2", "rt-3"]);
    assert_eq!(credential.current_refresh_token().await.expose(), "rt-3");
}

#[tokio::test]
async fn a_failing_rotation_callback_fails_the_call_and_the_token_is_stored_before_the_next_redemption()
 {
    let (server, clock) = server_and_clock().await;
    rotating_endpoint(&server, 2).await;
    let vault_up = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stored: Arc<Mutex<Vec<String>>> = Arc::default();
    let (up, store) = (vault_up.clone(), stored.clone());
    let credential = Arc::new(
        RefreshTokenCredential::new(TENANT, CLIENT_ID, "rt-1")
            .with_authority(Authority::custom(&server.uri()).unwrap())
            .on_rotation_async(move |token: Secret| {
                let (up, store) = (up.clone(), store.clone());
                async move {
                    if !up.load(std::sync::atomic::Ordering::SeqCst) {
                        return Err("the vault is unreachable".into());
                    }
                    store.lock().unwrap().push(token.expose().to_owned());
                    Ok(())
                }
            }),
    );
    let transport = builder_with(&server.uri(), &clock, credential.clone())
        .retry(pc_transport::RetryPolicy::never())
        .build()
        .unwrap();
    let err = transport
        .execute(&list_qualifications(), &CallOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Credential);
    assert!(err.is_transient(), "{err}");
    assert!(
        err.to_string().contains("the vault is unreachable"),
        "{err}"
    );
    assert!(!err.to_string().contains("rt-2"), "{err}");
    // The new token is kept (the old one was redeemed) and nothing reached the API.
    assert_eq!(credential.current_refresh_token().await.expose(), "rt-2");
    assert!(stored.lock().unwrap().is_empty());
    // Once the vault is back, the pending token is stored first, then the next one.
    vault_up.store(true, std::sync::atomic::Ordering::SeqCst);
    transport
        .execute(&list_qualifications(), &CallOptions::default())
        .await
        .unwrap();
    assert_eq!(*stored.lock().unwrap(), ["rt-2", "rt-3"]);
}
