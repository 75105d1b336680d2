//! `pc` against hostile answers and odd invocations: the service's text cannot drive the
//! terminal, output stays bounded, absurd durations are usage errors, App+User operations are
//! refused locally for App-only credentials, and a wait with nothing to wait for ends at once.

#![allow(clippy::unwrap_used)]

mod common;

use pc_emulator::{
    DEFAULT_APP_USER_TOKEN, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_PARTNER_TENANT_ID,
    DEFAULT_RESELLER_ID, Emulator, EmulatorConfig,
};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use common::{customer_body, pc};

const CUSTOMER: &str = "626099fe-17af-4756-9fd0-6a73b7127859";

/// A server answering every request with `status` and `body`, and `pc`'s environment for it.
async fn answering(status: u16, body: String) -> (MockServer, Vec<(&'static str, String)>) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(status).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    let env = vec![
        ("PC_BASE_URL", server.uri()),
        ("PC_ACCESS_TOKEN", "test-token".to_owned()),
    ];
    (server, env)
}

/// Whether `bytes` hold anything a terminal acts on: C0 controls other than the line feeds that
/// end lines, DEL, or C1 controls.
fn has_controls(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes)
        .chars()
        .any(|c| c != '\n' && c.is_control())
}

const HOSTILE: &str = "Retitled\u{1b}]0;pwned\u{7}\u{1b}[2J\rpc: forged line\u{9b}31m\u{85}end";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_service_text_is_shown_escaped_and_cannot_forge_lines() {
    let body = serde_json::json!({
        "code": "600\u{1b}[1m",
        "description": HOSTILE,
        "errorName": "Bad\u{7}Name",
    })
    .to_string();
    let (_server, env) = answering(400, body).await;

    let o = pc(&["customers", "get", CUSTOMER], &env).await;
    assert_eq!(o.status.code(), Some(3));
    let err = String::from_utf8(o.stderr.clone()).unwrap();
    // Something was printed, and it is the description, escaped.
    assert!(
        err.contains(
            r"description: Retitled\u{1b}]0;pwned\u{7}\u{1b}[2J\rpc: forged line\u{9b}31m\u{85}end"
        ),
        "{err}"
    );
    assert!(err.contains(r"code 600\u{1b}[1m (Bad\u{7}Name)"), "{err}");
    assert!(!has_controls(&o.stderr), "{err:?}");
    // Only `pc`'s own first line starts with `pc:`.
    assert_eq!(
        err.lines().filter(|l| l.starts_with("pc:")).count(),
        1,
        "{err}"
    );

    // `--json` keeps the text exactly, as JSON escapes.
    let o = pc(&["customers", "get", CUSTOMER, "--json"], &env).await;
    assert_eq!(o.status.code(), Some(3));
    assert!(
        !has_controls(&o.stdout),
        "{:?}",
        String::from_utf8_lossy(&o.stdout)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["error"]["description"], HOSTILE);
    assert_eq!(v["error"]["code"], "600\u{1b}[1m");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_service_values_in_results_are_shown_escaped() {
    let body = serde_json::json!({
        "id": CUSTOMER,
        "companyProfile": {"domain": "x.onmicrosoft.com", "companyName": HOSTILE},
    })
    .to_string();
    let (_server, env) = answering(200, body).await;
    let o = pc(&["customers", "get", CUSTOMER], &env).await;
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8(o.stdout.clone()).unwrap();
    assert!(out.contains(r"company Retitled\u{1b}]0;pwned"), "{out}");
    assert!(!has_controls(&o.stdout), "{out:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_huge_error_description_is_cut_with_its_size() {
    let description = "x".repeat(4 * 1024 * 1024);
    let body = serde_json::json!({"code": 600000, "description": description}).to_string();
    let (_server, env) = answering(400, body).await;

    let o = pc(&["customers", "get", CUSTOMER], &env).await;
    assert_eq!(o.status.code(), Some(3));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.len() < 8_192, "{} bytes on stderr", err.len());
    assert!(err.contains("(4194304 characters in all)"), "{err}");

    let o = pc(&["customers", "get", CUSTOMER, "--json"], &env).await;
    assert_eq!(o.status.code(), Some(3));
    assert!(o.stdout.len() < 8_192, "{} bytes on stdout", o.stdout.len());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let shown = v["error"]["description"].as_str().unwrap();
    assert!(
        shown.ends_with("… (4194304 characters in all)"),
        "{}",
        &shown[shown.len() - 60..]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zero_and_absurd_durations_are_usage_errors() {
    let env = vec![
        ("PC_BASE_URL", "http://127.0.0.1:9".to_owned()),
        ("PC_ACCESS_TOKEN", "t".to_owned()),
    ];
    for (args, why) in [
        (
            &["customers", "get", CUSTOMER, "--timeout", "0s"][..],
            "must be more than zero",
        ),
        (
            &["validation-codes", "--timeout", "0ms"],
            "must be more than zero",
        ),
        (
            &["validation-codes", "--timeout", "1000h"],
            "must be at most 30 days",
        ),
        (
            &["validation-codes", "--timeout", "99999999999h"],
            "invalid value",
        ),
        (
            &["validation-codes", "--timeout", "31d"],
            "is not a duration",
        ),
        (
            &["qualifications", "wait", CUSTOMER, "--deadline", "0s"],
            "must be more than zero",
        ),
        (
            &["qualifications", "wait", CUSTOMER, "--interval", "0s"],
            "must be more than zero",
        ),
        (
            &["qualifications", "wait", CUSTOMER, "--deadline", "1000h"],
            "must be at most 30 days",
        ),
    ] {
        let o = pc(args, &env).await;
        assert_eq!(o.status.code(), Some(2), "{args:?}: {o:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(why), "{args:?}: {err}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn app_only_credentials_are_refused_app_and_user_commands_with_exit_2() {
    let emulator = Emulator::start(EmulatorConfig::default()).await.unwrap();
    let env = vec![
        ("PC_BASE_URL", emulator.url().to_owned()),
        ("PC_AUTHORITY", emulator.token_authority().to_owned()),
        ("PC_TENANT_ID", DEFAULT_PARTNER_TENANT_ID.to_string()),
        ("PC_CLIENT_ID", DEFAULT_CLIENT_ID.to_owned()),
        ("PC_CLIENT_SECRET", DEFAULT_CLIENT_SECRET.to_owned()),
    ];
    let body = customer_body("app-only");
    let reseller = DEFAULT_RESELLER_ID.to_string();
    for args in [
        &[
            "customers",
            "create",
            body.to_str().unwrap(),
            "--reseller",
            &reseller,
        ][..],
        &[
            "agreements",
            "confirm",
            CUSTOMER,
            "--first-name",
            "A",
            "--last-name",
            "B",
            "--email",
            "a@b.co",
        ],
        &["qualifications", "create", CUSTOMER, "soe"],
        &["validation-codes"],
    ] {
        let o = pc(args, &env).await;
        assert_eq!(o.status.code(), Some(2), "{args:?}: {o:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("needs an App+User token (the secure application model) and the credential gives App-only tokens"),
            "{args:?}: {err}"
        );
    }
    std::fs::remove_file(&body).unwrap();
    let state = emulator.state();
    assert_eq!(
        (state.counters.requests, state.counters.token_requests),
        (0, 0)
    );
    emulator.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn waiting_for_a_qualification_the_customer_lacks_ends_at_once() {
    let emulator = Emulator::start(EmulatorConfig::default()).await.unwrap();
    let env = vec![
        ("PC_BASE_URL", emulator.url().to_owned()),
        ("PC_ACCESS_TOKEN", DEFAULT_APP_USER_TOKEN.to_owned()),
    ];
    let body = customer_body("wait");
    let o = pc(
        &["customers", "create", body.to_str().unwrap(), "--json"],
        &env,
    )
    .await;
    std::fs::remove_file(&body).unwrap();
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let created: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let id = created["result"]["id"].as_str().unwrap().to_owned();
    let before = emulator.state().counters.requests;
    // The default schedule would poll for 15 minutes.
    let o = pc(
        &["qualifications", "wait", &id, "--kind", "education"],
        &env,
    )
    .await;
    assert_eq!(o.status.code(), Some(3), "{o:?}");
    assert!(
        String::from_utf8_lossy(&o.stderr).contains(
            "the customer has no Education qualification, so there is no vetting to wait for"
        ),
        "{o:?}"
    );
    assert_eq!(emulator.state().counters.requests, before + 1);
    emulator.shutdown().await;
}
