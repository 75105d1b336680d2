//! The `pc-emulator` binary.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use reqwest::StatusCode;

const BIN: &str = env!("CARGO_BIN_EXE_pc-emulator");

#[tokio::test]
async fn the_binary_prints_its_url_and_serves() {
    let mut child = Command::new(BIN)
        .args([
            "--port",
            "0",
            "--seed",
            "5",
            "--faults",
            "off",
            "--rate-limit",
            "100",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let first = first_line(&mut child).await;
    let url = first.trim().rsplit(' ').next().unwrap().to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "{first}");
    let state = reqwest::get(format!("{url}/_emulator/state"))
        .await
        .unwrap();
    assert_eq!(state.status(), StatusCode::OK);
    let body: serde_json::Value = state.json().await.unwrap();
    assert_eq!(body["rateLimitPerMinute"], 100);
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn help_and_bad_flags() {
    let help = Command::new(BIN).arg("--help").output().unwrap();
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("--faults"));
    let bad = Command::new(BIN)
        .args(["--faults", "sometimes"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--faults"));
}

#[test]
fn durations_that_overflow_time_arithmetic_are_refused_with_exit_2() {
    for (flag, value) in [
        ("--token-lifetime", "10000000000000000000s"),
        ("--lag", "876001h"),
        ("--vetting-delay", "3153600001s"),
        ("--faults", "1@delay:10000000000000000000s"),
    ] {
        let out = refused(Command::new(BIN).args([flag, value]));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{flag} {value}: {stderr}");
        assert!(
            stderr.contains(flag) && stderr.contains("100 years"),
            "{stderr}"
        );
    }
}

/// The output of a command expected to exit at once; one that is still running after a generous
/// bound (it accepted its arguments and serves) is killed, and its output shows it.
pub(crate) fn refused(command: &mut Command) -> std::process::Output {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    for _ in 0..400 {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill();
    child.wait_with_output().unwrap()
}

/// The first line the binary prints. The rest of its output is drained in the background: a
/// closed pipe would make its next `println!` fail and stop it.
pub(crate) async fn first_line(child: &mut std::process::Child) -> String {
    let stdout = child.stdout.take().unwrap();
    tokio::task::spawn_blocking(move || {
        let mut reader = BufReader::new(stdout);
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
        line
    })
    .await
    .unwrap()
}

/// Starts the binary with `args` and returns it with the port of the URL on its first line.
async fn start(args: &[&str]) -> (std::process::Child, u16) {
    let mut child = Command::new(BIN)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let first = first_line(&mut child).await;
    let port = first.trim().rsplit(':').next().unwrap().parse().unwrap();
    (child, port)
}

#[tokio::test]
async fn on_another_address_it_warns_and_the_control_api_needs_the_token() {
    let (child, port) = start(&["--host", "0.0.0.0", "--port", "0"]).await;
    let state = format!("http://127.0.0.1:{port}/_emulator/state");
    let refused = reqwest::get(&state).await.unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let mut child = child;
    child.kill().unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: listening on 0.0.0.0") && stderr.contains("test tool"),
        "{stderr}"
    );

    let (mut child, port) = start(&["--host", "0.0.0.0", "--control-token", "tok"]).await;
    let state = format!("http://127.0.0.1:{port}/_emulator/state");
    let http = reqwest::Client::new();
    let refused = http.get(&state).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    let allowed = http.get(&state).bearer_auth("tok").send().await.unwrap();
    assert_eq!(allowed.status(), StatusCode::OK);
    child.kill().unwrap();
    child.wait().unwrap();

    // On loopback: no warning.
    let (mut child, _) = start(&["--port", "0"]).await;
    child.kill().unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("warning"));
}

#[test]
fn version_prints_the_crate_version() {
    let out = Command::new(BIN).arg("--version").output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("pc-emulator {}", env!("CARGO_PKG_VERSION"))
    );
}

/// The lines the binary prints at start, up to the control API's, as label and value.
async fn banner(child: &mut std::process::Child) -> Vec<(String, String)> {
    let stdout = child.stdout.take().unwrap();
    tokio::task::spawn_blocking(move || {
        let mut reader = BufReader::new(stdout);
        let mut lines = Vec::new();
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap() == 0 {
                break;
            }
            let line = line.trim();
            let (label, value) = line.split_once("  ").unwrap_or((line, ""));
            lines.push((label.trim().to_owned(), value.trim().to_owned()));
            if label == "control API" {
                break;
            }
        }
        std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
        lines
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn what_the_binary_prints_at_start_is_true() {
    use pc_emulator::{
        DEFAULT_APP_ONLY_TOKEN, DEFAULT_APP_USER_TOKEN, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET,
        DEFAULT_PARTNER_TENANT_ID, DEFAULT_REFRESH_TOKEN,
    };
    // Issued tokens expire at once: only tokens that never expire still work.
    let mut child = Command::new(BIN)
        .args([
            "--port",
            "0",
            "--token-lifetime",
            "0s",
            "--received-limit",
            "2",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lines = banner(&mut child).await;
    let value = |label: &str| {
        lines
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("no {label} line in {lines:?}"))
    };
    let url = value("API base URL")
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(value("client id"), DEFAULT_CLIENT_ID);
    assert_eq!(value("client secret"), DEFAULT_CLIENT_SECRET);
    let fixed = value("fixed tokens");
    assert_eq!(
        fixed,
        format!(
            "{DEFAULT_APP_USER_TOKEN} (App+User), {DEFAULT_APP_ONLY_TOKEN} (App-only); they never expire"
        )
    );
    let refresh = value("refresh token");
    assert!(refresh.starts_with(DEFAULT_REFRESH_TOKEN), "{refresh}");
    assert!(
        refresh.contains("rotates on each use") && refresh.contains("a reset"),
        "{refresh}"
    );

    let http = reqwest::Client::new();
    let get = |token: &str| {
        http.get(format!("{url}/v1/customers/all/validations"))
            .bearer_auth(token)
            .send()
    };
    assert_eq!(
        get(DEFAULT_APP_USER_TOKEN).await.unwrap().status(),
        StatusCode::OK
    );
    // App-only is known (not 401), refused by this App+User operation.
    assert_eq!(
        get(DEFAULT_APP_ONLY_TOKEN).await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    // The printed refresh token works once, then after a reset again.
    let token_url = value("token endpoints")
        .split_whitespace()
        .find(|u| u.ends_with("/oauth2/v2.0/token"))
        .unwrap()
        .to_owned();
    assert!(token_url.contains(&DEFAULT_PARTNER_TENANT_ID.to_string()));
    let redeem = || {
        http.post(&token_url)
            .form(&[
                ("grant_type", "refresh_token"),
                ("client_id", DEFAULT_CLIENT_ID),
                ("client_secret", DEFAULT_CLIENT_SECRET),
                ("scope", "https://api.partnercenter.microsoft.com/.default"),
                ("refresh_token", DEFAULT_REFRESH_TOKEN),
            ])
            .send()
    };
    let redeemed: serde_json::Value = redeem().await.unwrap().json().await.unwrap();
    let issued = redeemed["access_token"].as_str().unwrap().to_owned();
    assert_eq!(
        get(&issued).await.unwrap().status(),
        StatusCode::UNAUTHORIZED,
        "issued tokens expire at once with --token-lifetime 0s"
    );
    assert_eq!(redeem().await.unwrap().status(), StatusCode::BAD_REQUEST);

    // --received-limit 2: the record holds the last two API requests of the three.
    let record: serde_json::Value = http
        .get(format!("{url}/_emulator/requests"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(record["requests"].as_array().unwrap().len(), 2, "{record}");
    assert_eq!(record["dropped"], 1, "{record}");

    let reset = http
        .post(format!("{url}/_emulator/reset"))
        .send()
        .await
        .unwrap();
    assert_eq!(reset.status(), StatusCode::NO_CONTENT);
    assert_eq!(redeem().await.unwrap().status(), StatusCode::OK);
    child.kill().unwrap();
    child.wait().unwrap();
}
