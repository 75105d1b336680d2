//! `RUST_LOG` shows the client's `tracing` output on standard error: something is logged, every
//! line is terminal-safe even when an event quotes text from outside, and no secret appears.

#![allow(clippy::unwrap_used)]

mod common;

use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use common::pc;

/// A tenant (the token events name it) meant to drive a terminal: retitle it, clear it, forge a
/// line of its own.
const TENANT: &str = "contoso\u{1b}]0;pwned\u{7}\u{1b}[2J\rpc: forged line\u{9b}31m\u{85}.com";
/// [`TENANT`] as a terminal-safe line shows it.
const TENANT_ESCAPED: &str =
    r"contoso\u{1b}]0;pwned\u{7}\u{1b}[2J\rpc: forged line\u{9b}31m\u{85}.com";
const CLIENT_SECRET: &str = "secret-client-5f1e";
const REFRESH_TOKEN: &str = "secret-refresh-9a2c";
const ROTATED_REFRESH_TOKEN: &str = "secret-rotated-7d3b";
const ACCESS_TOKEN: &str = "secret-access-4c8e";

/// The service's description of its 503, with controls (`pc-transport` blanks them).
const DESCRIPTION: &str = "busy\u{1b}[2J\rnow";

/// A token endpoint that rotates the refresh token, and an API that answers the first call 503
/// (with [`DESCRIPTION`], retry at once) and the next one an empty list.
async fn service() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "token_type": "Bearer",
            "expires_in": 3599,
            "access_token": ACCESS_TOKEN,
            "refresh_token": ROTATED_REFRESH_TOKEN,
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(503)
                .insert_header("Retry-After", "0")
                .set_body_json(serde_json::json!({"code": 3000, "description": DESCRIPTION})),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([])))
        .with_priority(2)
        .mount(&server)
        .await;
    server
}

fn env(server: &MockServer, rust_log: Option<&str>) -> Vec<(&'static str, String)> {
    let mut env = vec![
        ("PC_BASE_URL", server.uri()),
        ("PC_AUTHORITY", server.uri()),
        ("PC_TENANT_ID", TENANT.to_owned()),
        (
            "PC_CLIENT_ID",
            "2f8a6c1e-0b3d-4e5f-8a9b-1c2d3e4f5a6b".to_owned(),
        ),
        ("PC_CLIENT_SECRET", CLIENT_SECRET.to_owned()),
        ("PC_REFRESH_TOKEN", REFRESH_TOKEN.to_owned()),
    ];
    if let Some(filter) = rust_log {
        env.push(("RUST_LOG", filter.to_owned()));
    }
    env
}

/// Whether `text` holds anything a terminal acts on: C0 controls other than the line feeds that
/// end lines, DEL, or C1 controls.
fn has_controls(text: &str) -> bool {
    text.chars().any(|c| c != '\n' && c.is_control())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rust_log_shows_the_client_events_escaped_and_without_secrets() {
    // Every level of every crate, the HTTP stack's included.
    let server = service().await;
    let o = pc(&["validation-codes"], &env(&server, Some("trace"))).await;
    let err = String::from_utf8(o.stderr).unwrap();
    let out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(o.status.code(), Some(0), "{out}\n{err}");
    assert!(out.contains("0 validation code(s)"), "{out}");

    // Something was logged: the token request with the tenant (escaped), each attempt, the
    // retry after the 503 with the service's description, and the answers.
    for event in [
        "requesting an access token",
        TENANT_ESCAPED,
        "access token received",
        "sending",
        "answered status=503",
        "retrying",
        "busy",
        "answered status=200",
    ] {
        assert!(err.contains(event), "{event:?} not in:\n{err}");
    }
    // Nothing can drive the terminal or forge a line of `pc`'s own.
    assert!(!has_controls(&err), "{err:?}");
    assert!(!err.lines().any(|l| l.starts_with("pc: forged")), "{err}");
    // No secret, at any level.
    for secret in [
        CLIENT_SECRET,
        REFRESH_TOKEN,
        ROTATED_REFRESH_TOKEN,
        ACCESS_TOKEN,
    ] {
        assert!(!err.contains(secret), "{secret} in:\n{err}");
        assert!(!out.contains(secret), "{secret} in:\n{out}");
    }

    // RUST_LOG chooses: a filter for another crate shows none of the client's events.
    let server = service().await;
    let o = pc(&["validation-codes"], &env(&server, Some("hyper=error"))).await;
    assert_eq!(o.status.code(), Some(0));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        !err.contains("sending") && !err.contains("retrying"),
        "{err}"
    );
}
