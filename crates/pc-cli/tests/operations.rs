//! `pc` against an emulator started by the test: operation commands, credentials from the
//! environment, the rotated refresh token written back, exit statuses, and `pc demo`.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::PathBuf;
use std::process::Output;

use pc_emulator::{
    DEFAULT_APP_USER_TOKEN, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_PARTNER_TENANT_ID,
    DEFAULT_REFRESH_TOKEN, DEFAULT_RESELLER_ID, Emulator, EmulatorConfig, RunningEmulator,
};
use serde_json::Value;

use common::pc;

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&o.stdout)))
}

async fn emulator() -> RunningEmulator {
    Emulator::start(EmulatorConfig::default().with_vetting_delay(std::time::Duration::ZERO))
        .await
        .unwrap()
}

fn static_token(emulator: &RunningEmulator) -> Vec<(&'static str, String)> {
    vec![
        ("PC_BASE_URL", emulator.url().to_owned()),
        ("PC_ACCESS_TOKEN", DEFAULT_APP_USER_TOKEN.to_owned()),
    ]
}

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("pc-cli-{}-{name}", std::process::id()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operations_against_the_emulator() {
    let emulator = emulator().await;
    let env = static_token(&emulator);

    let o = pc(&["domains", "check", "clitest.onmicrosoft.com"], &env).await;
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        text(&o.stdout).starts_with("clitest.onmicrosoft.com is available\n"),
        "{}",
        text(&o.stdout)
    );

    let body = temp("customer.json");
    std::fs::write(
        &body,
        r#"{"CompanyProfile":{"Domain":"clitest.onmicrosoft.com"},"BillingProfile":{"Email":"a@clitest.com",
            "Culture":"EN-US","Language":"En","CompanyName":"CLI Test","DefaultAddress":{"Country":"US",
            "AddressLine1":"1 Main St","FirstName":"Ann","LastName":"Lee","City":"Redmond","State":"WA","PostalCode":"98052"}}}"#,
    )
    .unwrap();
    let reseller = DEFAULT_RESELLER_ID.to_string();
    let o = pc(
        &[
            "customers",
            "create",
            body.to_str().unwrap(),
            "--reseller",
            &reseller,
            "--json",
        ],
        &env,
    )
    .await;
    std::fs::remove_file(&body).unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let created = json(&o);
    let id = created["result"]["id"].as_str().unwrap().to_owned();
    assert_eq!(created["result"]["relationshipToPartner"], "reseller");
    assert_eq!(
        created["result"]["userCredentials"]["password"], "********",
        "masked unless asked"
    );
    assert!(created["ids"]["requestId"].is_string());

    let o = pc(&["customers", "get", &id], &env).await;
    assert_eq!(o.status.code(), Some(0));
    let out = text(&o.stdout);
    assert!(
        out.contains("domain clitest.onmicrosoft.com") && out.contains("MS-RequestId"),
        "{out}"
    );

    let confirm = [
        "agreements",
        "confirm",
        &id,
        "--first-name",
        "Ann",
        "--last-name",
        "Lee",
        "--email",
        "ann@clitest.com",
    ];
    let o = pc(&confirm, &env).await;
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        text(&o.stdout).starts_with("confirmed MicrosoftCustomerAgreement"),
        "{}",
        text(&o.stdout)
    );

    // The same confirmation again is the service's 600061: exit 3 with the code and ids.
    let o = pc(&confirm, &env).await;
    assert_eq!(o.status.code(), Some(3));
    let err = text(&o.stderr);
    assert!(
        err.contains("600061") && err.contains("MS-RequestId") && err.contains("MS-CorrelationId"),
        "{err}"
    );

    let o = pc(
        &[
            "qualifications",
            "create",
            &id,
            "education",
            "--segment",
            "k12",
            "--website",
            "clitest.edu",
        ],
        &env,
    )
    .await;
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let o = pc(
        &[
            "qualifications",
            "wait",
            &id,
            "--kind",
            "education",
            "--interval",
            "10ms",
            "--json",
        ],
        &env,
    )
    .await;
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(json(&o)["result"]["vettingStatus"], "Approved");
    // Off a terminal, each state seen is a line of its own.
    let o = pc(&["qualifications", "wait", &id, "--interval", "10ms"], &env).await;
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "waiting for Education vetting", "{out}");
    assert!(
        lines[1].starts_with("vetting: Education: Approved"),
        "{out}"
    );
    assert!(
        lines[2].starts_with("vetting finished: Education: Approved"),
        "{out}"
    );

    let o = pc(&["validation-codes", "--json"], &env).await;
    let code = json(&o)["result"][0]["validationId"]
        .as_str()
        .unwrap()
        .to_owned();
    let o = pc(
        &["qualifications", "create", &id, "gcc", "--code", &code],
        &env,
    )
    .await;
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));

    let o = pc(&["qualifications", "list", &id, "--json"], &env).await;
    let kinds: Vec<Value> = json(&o)["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["qualification"].clone())
        .collect();
    assert_eq!(kinds, ["Education", "GovernmentCommunityCloud"]);
    // Without --type the service lists only Microsoft Cloud Agreement records, and says so.
    let o = pc(&["agreements", "list", &id], &env).await;
    assert!(
        text(&o.stdout).starts_with(
            "0 agreement(s) of type MicrosoftCloudAgreement (the service's default without --type"
        ),
        "{}",
        text(&o.stdout)
    );
    let o = pc(&["agreements", "list", &id, "--type", "mca"], &env).await;
    assert!(
        text(&o.stdout).starts_with("1 agreement(s) of type MicrosoftCustomerAgreement\n"),
        "{}",
        text(&o.stdout)
    );

    // Usage errors: 2; local validation: 1 (and nothing is sent).
    let o = pc(&["qualifications", "create", &id, "gcc"], &env).await;
    assert_eq!(o.status.code(), Some(2));
    let before = emulator.state().counters.requests;
    let o = pc(
        &["qualifications", "create", &id, "gcc", "--code", "12 34"],
        &env,
    )
    .await;
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("/validationCode: must not contain whitespace"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(emulator.state().counters.requests, before);
    // A valid RFC 3339 date that is year -1 in UTC: refused locally, never sent.
    let o = pc(
        &[
            "agreements",
            "confirm",
            &id,
            "--first-name",
            "Ann",
            "--last-name",
            "Lee",
            "--email",
            "ann@clitest.com",
            "--date",
            "0000-01-01T00:00:00+23:59",
        ],
        &env,
    )
    .await;
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("/dateAgreed: must fall in the years 1 to 9999"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(emulator.state().counters.agreements_created, 1);

    // An unknown customer: the service's 404, exit 3.
    let o = pc(
        &["customers", "get", "00000000-0000-0000-0000-000000000001"],
        &env,
    )
    .await;
    assert_eq!(o.status.code(), Some(3));
    let err = text(&o.stderr);
    assert!(
        err.contains("HTTP 404, code 60003 (TenantNotFound)"),
        "{err}"
    );
    // The code, the description and each id once.
    for once in [
        "60003",
        "was not found",
        "MS-CV ",
        "MS-RequestId ",
        "MS-CorrelationId ",
    ] {
        assert_eq!(err.matches(once).count(), 1, "{once} in {err}");
    }
    emulator.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rotated_refresh_token_is_written_back() {
    let emulator = emulator().await;
    let file = temp("refresh-token.txt");
    std::fs::write(&file, format!("{DEFAULT_REFRESH_TOKEN}\n")).unwrap();
    let env = refresh_token_file(&emulator, &file);
    for round in 0..2 {
        // The second round shows the client's tracing output.
        let args: &[&str] = if round == 0 {
            &["validation-codes"]
        } else {
            &["validation-codes", "-vv"]
        };
        let o = pc(args, &env).await;
        assert_eq!(
            o.status.code(),
            Some(0),
            "round {round}: {}",
            text(&o.stderr)
        );
        let err = text(&o.stderr);
        if round == 0 {
            assert_eq!(err, "", "nothing on stderr without -v");
        } else {
            for event in ["requesting an access token", "sending", "answered"] {
                assert!(err.contains(event), "{event} not in {err}");
            }
            // Secrets are redacted: no token the emulator issues, no client secret.
            assert!(
                !err.contains("emu-") && !err.contains(DEFAULT_CLIENT_SECRET),
                "{err}"
            );
        }
        let stored = std::fs::read_to_string(&file).unwrap();
        assert_ne!(stored.trim(), DEFAULT_REFRESH_TOKEN, "round {round}");
        // Something was printed, so "the token is not in the output" says something.
        assert!(
            text(&o.stdout).contains("validation code(s)"),
            "{}",
            text(&o.stdout)
        );
        assert!(
            !text(&o.stdout).contains(stored.trim()) && !text(&o.stderr).contains(stored.trim())
        );
    }
    assert_eq!(emulator.state().counters.token_requests, 2);
    std::fs::remove_file(&file).unwrap();
    emulator.shutdown().await;
}

/// The settings of an App+User run whose refresh token is in `file`.
fn refresh_token_file(
    emulator: &RunningEmulator,
    file: &std::path::Path,
) -> Vec<(&'static str, String)> {
    vec![
        ("PC_BASE_URL", emulator.url().to_owned()),
        ("PC_AUTHORITY", emulator.token_authority().to_owned()),
        ("PC_TENANT_ID", DEFAULT_PARTNER_TENANT_ID.to_string()),
        ("PC_CLIENT_ID", DEFAULT_CLIENT_ID.to_owned()),
        ("PC_CLIENT_SECRET", DEFAULT_CLIENT_SECRET.to_owned()),
        ("PC_REFRESH_TOKEN_FILE", file.to_str().unwrap().to_owned()),
    ]
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_file_stays_private_and_a_token_that_cannot_be_stored_fails_the_command() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let set_mode = |p: &std::path::Path, m: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
    };
    let emulator = emulator().await;
    let dir = tempfile::tempdir().unwrap();

    // A temporary file left by a crash, readable by everyone, is not reused: the token file ends
    // up readable by its owner only.
    let file = dir.path().join("refresh-token");
    let leftover = dir.path().join("refresh-token.tmp");
    std::fs::write(&file, DEFAULT_REFRESH_TOKEN).unwrap();
    std::fs::write(&leftover, "stale").unwrap();
    set_mode(&leftover, 0o644);
    let o = pc(&["validation-codes"], &refresh_token_file(&emulator, &file)).await;
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let stored = std::fs::read_to_string(&file).unwrap();
    assert!(
        !stored.is_empty() && stored != DEFAULT_REFRESH_TOKEN,
        "{stored}"
    );
    assert_eq!(mode(&file), 0o600);
    assert!(!leftover.exists());

    // A token that cannot be stored fails the command, naming the file; nothing panics. The
    // temporary file's place is taken by a directory (so even root cannot write it), in a
    // directory without write permission.
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    let file = locked.join("refresh-token");
    std::fs::write(&file, &stored).unwrap(); // the emulator's current one
    std::fs::create_dir(locked.join("refresh-token.tmp")).unwrap();
    std::fs::write(locked.join("refresh-token.tmp/x"), "").unwrap();
    set_mode(&locked, 0o555);
    let before = emulator.state().counters;
    let o = pc(&["validation-codes"], &refresh_token_file(&emulator, &file)).await;
    set_mode(&locked, 0o755);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(
        err.contains(&format!(
            "cannot store the rotated refresh token in {}",
            file.display()
        )),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    // One redemption, and no call with the access token it gave: a token is not used before
    // the refresh token that came with it is stored (the retries only try to store it again).
    let after = emulator.state().counters;
    assert_eq!(after.token_requests - before.token_requests, 1, "{err}");
    assert_eq!(after.requests - before.requests, 1, "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), stored);
    emulator.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_credentials_are_a_usage_error() {
    let o = pc(&["validation-codes"], &[]).await;
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(err.starts_with("pc: no credentials: "), "{err}");
    // Every way to give them, the token file too.
    for way in [
        "PC_REFRESH_TOKEN (--refresh-token)",
        "PC_REFRESH_TOKEN_FILE (--refresh-token-file)",
        "PC_CLIENT_SECRET (--client-secret)",
        "PC_TENANT_ID (--tenant-id)",
        "PC_CLIENT_ID (--client-id)",
        "PC_ACCESS_TOKEN (--access-token)",
    ] {
        assert!(err.contains(way), "{way} not in {err}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_runs_the_whole_flow() {
    let o = pc(&["demo", "--vetting-delay", "50ms"], &[]).await;
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}\n{}",
        text(&o.stdout),
        text(&o.stderr)
    );
    let out = text(&o.stdout);
    let steps = out.lines().filter(|l| l.starts_with("✓ ")).count();
    assert_eq!(steps, 10, "{out}");
    assert!(
        out.lines()
            .filter(|l| l.starts_with("✓ "))
            .all(|l| l.contains("[MS-RequestId ")),
        "{out}"
    );
    assert!(
        out.contains("admin user admin@wingtiptoysdemo.onmicrosoft.com, password ********"),
        "{out}"
    );
    assert!(
        out.contains("vetting finished: Education: Approved"),
        "{out}"
    );
    // Off a terminal, the vetting wait shows each state as a line.
    assert!(
        out.lines()
            .any(|l| l.starts_with("waiting for vetting: Education: InReview")),
        "{out}"
    );
    // A clean run shows no exchanges: they are shown for steps that met a fault.
    assert!(!out.contains(" → "), "{out}");
    assert!(out.lines().last().unwrap().starts_with("Done in "), "{out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_prints_one_json_object_per_step() {
    let o = pc(&["demo", "--vetting-delay", "50ms", "--json"], &[]).await;
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let events: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let kinds: Vec<&str> = events
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    let mut expected = vec!["started"];
    expected.extend(["step"; 10]);
    expected.push("finished");
    assert_eq!(kinds, expected, "{out}");
    let steps: Vec<&str> = events[1..11]
        .iter()
        .map(|e| e["step"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        [
            "check-domain",
            "create-customer",
            "wait-for-customer",
            "confirm-agreement",
            "request-education",
            "wait-for-vetting",
            "validation-codes",
            "request-gcc",
            "list-agreements",
            "list-qualifications"
        ]
    );
    for step in &events[1..11] {
        assert!(uuid_like(step["requestId"].as_str().unwrap()), "{step}");
        assert_eq!(step["attempts"], 1, "{step}");
        assert_eq!(step["reconciled"], false, "{step}");
        assert!(!step["received"].as_array().unwrap().is_empty(), "{step}");
    }
    assert_eq!(events[2]["received"][0]["method"], "POST");
    assert_eq!(events[2]["received"][0]["path"], "/v1/customers");
    assert_eq!(events[2]["received"][0]["status"], 201);
    assert_eq!(events[11]["faultsSurvived"], 0);
}

fn uuid_like(text: &str) -> bool {
    text.len() == 36 && text.chars().filter(|&c| c == '-').count() == 4
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_survives_faults_and_shows_what_happened() {
    // Seed 3 loses the answer to the customer create (close-after): without replay, the retry
    // finds the domain taken and the client reads the customer back.
    let o = pc(
        &[
            "demo",
            "--vetting-delay",
            "50ms",
            "--faults",
            "0.3@close-after,503:1,truncate",
            "--seed",
            "3",
        ],
        &[],
    )
    .await;
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}\n{}", text(&o.stderr));
    assert!(out.contains("injected faults survived"), "{out}");
    assert!(out.lines().next().unwrap().contains("replay off"), "{out}");
    let created = out
        .lines()
        .position(|l| l.starts_with("✓ created customer"))
        .unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[created].contains("(read back after a lost answer)"),
        "{out}"
    );
    assert!(
        lines[created].contains("admin password not received"),
        "{out}"
    );
    assert_eq!(
        without_waits(lines[created + 1]),
        "    POST /v1/customers: no answer (close-after) → retry → 409 → read back: \
         GET /v1/customers: no answer (close-after) → retry → 200",
        "{out}"
    );
    // A 503 with Retry-After: 1 shows its wait (at least the second asked for).
    let waited = out
        .split("503 (injected 503) → waited ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|secs| secs.parse::<f64>().ok());
    assert!(waited.is_some_and(|w| w >= 1.0), "{out}");
}

/// `line` without its `waited N s → ` parts (how long a retry waited depends on the machine).
fn without_waits(line: &str) -> String {
    let mut parts = line.split("waited ");
    let mut out = parts.next().unwrap_or_default().to_owned();
    for part in parts {
        out.push_str(part.split_once(" s → ").map_or(part, |(_, rest)| rest));
    }
    out
}
