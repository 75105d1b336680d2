//! `pc onboard` against an emulator started by the test: invalid rows, duplicate domains, a
//! changed row, `--status`, the CSV and JSON Lines examples giving the same result, the
//! passwords' file, and a run killed at random moments that still onboards every row once.

#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

use pc_emulator::{DEFAULT_APP_USER_TOKEN, Emulator, EmulatorConfig, RunningEmulator};
use serde_json::Value;

/// Runs `pc` in `dir` with `env` (and no `PC_*` variables from the caller's environment).
async fn pc(dir: &Path, args: &[&str], env: &[(&str, String)]) -> Output {
    let mut cmd = command(dir, args, env);
    tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap()
}

fn command(dir: &Path, args: &[&str], env: &[(&str, String)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pc"));
    for (key, _) in std::env::vars() {
        if key.starts_with("PC_") {
            cmd.env_remove(key);
        }
    }
    cmd.current_dir(dir)
        .args(args)
        .envs(env.iter().map(|(k, v)| (*k, v.clone())));
    // No rate limit (the emulator does not throttle here) unless the test sets one.
    if args.first() == Some(&"onboard")
        && !args.contains(&"--status")
        && !args.contains(&"--rate-limit")
    {
        cmd.args(["--rate-limit", "0"]);
    }
    cmd
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

async fn emulator(config: EmulatorConfig) -> RunningEmulator {
    Emulator::start(
        config
            .with_vetting_delay(Duration::ZERO)
            .with_rate_limit(None),
    )
    .await
    .unwrap()
}

fn env(emulator: &RunningEmulator) -> Vec<(&'static str, String)> {
    vec![
        ("PC_BASE_URL", emulator.url().to_owned()),
        ("PC_ACCESS_TOKEN", DEFAULT_APP_USER_TOKEN.to_owned()),
    ]
}

fn example(name: &str) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/onboarding/");
    std::fs::read_to_string(format!("{path}{name}")).unwrap()
}

/// A JSON Lines row for `<prefix>.onmicrosoft.com` with an agreement and an Education
/// qualification.
fn row(prefix: &str) -> String {
    format!(
        r#"{{"customer":{{"companyProfile":{{"domain":"{prefix}.onmicrosoft.com"}},"billingProfile":{{"email":"it@{prefix}.com","culture":"en-US","language":"en","companyName":"{prefix}","defaultAddress":{{"country":"US","city":"Redmond","state":"WA","addressLine1":"1 Main St","postalCode":"98052","firstName":"Ada","lastName":"Lovelace"}}}},"associatedPartnerId":"484e548c-f5f3-4528-93a9-c16c6373cb59"}},"agreement":{{"primaryContact":{{"firstName":"Ada","lastName":"Lovelace","email":"ada@{prefix}.com"}},"dateAgreed":"2024-05-01T09:00:00Z"}},"qualification":{{"qualification":"Education","educationSegment":"K12"}}}}"#
    )
}

fn write(dir: &Path, name: &str, lines: &[String]) {
    std::fs::write(dir.join(name), lines.join("\n") + "\n").unwrap();
}

/// The credentials file's (domain, customer id, password) lines.
fn credentials(path: &Path) -> Vec<(String, String, String)> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_owned(), r[1].to_owned(), r[3].to_owned())
        })
        .collect()
}

fn status_json(o: &Output) -> Value {
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&o.stdout)))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_rows_are_all_reported_and_nothing_is_sent() {
    let emulator = emulator(EmulatorConfig::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let bad_email = row("bademail").replace("it@bademail.com", "nobody");
    write(
        dir.path(),
        "rows.jsonl",
        &[
            row("good"),
            bad_email,
            row("twice"),
            "{".to_owned(),
            row("TWICE"),
        ],
    );
    let args = ["onboard", "rows.jsonl", "--credentials-out", "p.csv"];
    let o = pc(dir.path(), &args, &env(&emulator)).await;
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    for needle in [
        "4 row(s) cannot be onboarded as written; nothing was sent",
        "row 2: /customer/billingProfile/email: ",
        "row 3: /customer/companyProfile/domain: `twice.onmicrosoft.com` is also on row 5",
        "row 4: /: not JSON",
        "row 5: /customer/companyProfile/domain: `TWICE.onmicrosoft.com` is also on row 3",
    ] {
        assert!(err.contains(needle), "{needle:?} in {err}");
    }
    assert_eq!(emulator.state().counters.requests, 0);
    assert!(!dir.path().join("rows.jsonl.journal").exists());
    assert!(!dir.path().join("p.csv").exists());

    // --skip-invalid onboards the good row, reports the others, and exits 1.
    let o = pc(
        dir.path(),
        &[&args[..], &["--skip-invalid", "--report", "r.json"]].concat(),
        &env(&emulator),
    )
    .await;
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert_eq!(emulator.state().customers.len(), 1);
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("r.json")).unwrap()).unwrap();
    let statuses: Vec<(u64, &str)> = report
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["line"].as_u64().unwrap(), l["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        statuses,
        [
            (1, "done"),
            (2, "skipped"),
            (3, "skipped"),
            (4, "skipped"),
            (5, "skipped")
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn passwords_are_required_and_go_only_to_their_file() {
    let emulator = emulator(EmulatorConfig::default()).await;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "rows.jsonl", &[row("pw1"), row("pw2")]);
    let o = pc(dir.path(), &["onboard", "rows.jsonl"], &env(&emulator)).await;
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("--credentials-out"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(emulator.state().counters.requests, 0);

    let o = pc(
        dir.path(),
        &[
            "onboard",
            "rows.jsonl",
            "--credentials-out",
            "p.csv",
            "--report",
            "r.csv",
        ],
        &env(&emulator),
    )
    .await;
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let creds = credentials(&dir.path().join("p.csv"));
    assert_eq!(creds.len(), 2);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("p.csv"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let out = text(&o.stdout) + &text(&o.stderr);
    assert!(out.contains("2 row(s): 2 done"), "{out}");
    let report = std::fs::read_to_string(dir.path().join("r.csv")).unwrap();
    let journal = text(&std::fs::read(dir.path().join("rows.jsonl.journal")).unwrap());
    for (_, _, password) in &creds {
        assert!(!out.contains(password.as_str()));
        assert!(!report.contains(password.as_str()));
        assert!(!journal.contains(password.as_str()));
    }

    // --discard-passwords: no file, and the report says so.
    write(dir.path(), "more.jsonl", &[row("pw3")]);
    let o = pc(
        dir.path(),
        &["onboard", "more.jsonl", "--discard-passwords", "--json"],
        &env(&emulator),
    )
    .await;
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let events: Vec<Value> = text(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        events
            .iter()
            .any(|e| e["event"] == "step" && e["outcome"]["password"] == "discarded")
    );
    assert_eq!(events.last().unwrap()["event"], "summary");
}

/// Onboards `taken.onmicrosoft.com` from a file of its own, so that a row with that domain in
/// another file finds it taken.
async fn take_domain(dir: &Path, env: &[(&str, String)]) {
    write(dir, "taken.jsonl", &[row("taken")]);
    let o = pc(dir, &["onboard", "taken.jsonl", "--discard-passwords"], env).await;
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_changed_row_is_refused_and_status_sends_nothing() {
    let emulator = emulator(EmulatorConfig::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let env = env(&emulator);
    // A domain already taken: that row fails at the domain check.
    take_domain(dir.path(), &env).await;

    write(
        dir.path(),
        "rows.jsonl",
        &[row("first"), row("taken"), row("third")],
    );
    let args = ["onboard", "rows.jsonl", "--credentials-out", "p.csv"];
    let o = pc(dir.path(), &args, &env).await;
    assert_eq!(o.status.code(), Some(3), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(
        out.contains("row 2 taken.onmicrosoft.com: failed at domain: HTTP 200: the domain taken.onmicrosoft.com is taken"),
        "{out}"
    );
    assert!(
        out.contains("3 row(s): 2 done (0 by earlier runs), 1 failed"),
        "{out}"
    );

    // --status reads the journal and sends nothing.
    let before = emulator.state().counters.requests;
    let o = pc(
        dir.path(),
        &["onboard", "--status", "rows.jsonl", "--json"],
        &env,
    )
    .await;
    let status = status_json(&o);
    assert_eq!(status["counts"]["done"], 2);
    assert_eq!(status["counts"]["failed"], 1);
    let failed = &status["rows"][1];
    assert_eq!(failed["domain"], "taken.onmicrosoft.com");
    assert_eq!(failed["error"]["step"], "domain");
    let o = pc(
        dir.path(),
        &["onboard", "--status", "--journal", "rows.jsonl.journal"],
        &[],
    )
    .await;
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let human = text(&o.stdout);
    assert!(
        human.contains("3 row(s) journaled: 2 done, 1 failed"),
        "{human}"
    );
    assert!(
        human.contains("row 2 taken.onmicrosoft.com: failed at domain"),
        "{human}"
    );
    assert_eq!(emulator.state().counters.requests, before);

    // The first row edited after its customer was created: refused, nothing sent.
    let edited = row("first").replace(
        "\"Ada\",\"lastName\":\"Lovelace\"}}",
        "\"Ada\",\"lastName\":\"Byron\"}}",
    );
    assert_ne!(edited, row("first"));
    write(
        dir.path(),
        "rows.jsonl",
        &[edited, row("taken"), row("third")],
    );
    let o = pc(dir.path(), &args, &env).await;
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert!(
        err.contains("row 1: /customer/billingProfile/defaultAddress/lastName: changed since its customer was sent on"),
        "{err}"
    );
    assert_eq!(emulator.state().counters.requests, before);
    // A missing journal is a clear error.
    let o = pc(
        dir.path(),
        &["onboard", "--status", "--journal", "none.journal"],
        &[],
    )
    .await;
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("none.journal does not exist"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_row_whose_domain_is_taken_is_told_to_change_not_to_rerun() {
    use pc_emulator::fault::{Fault, FaultKind, ScriptedFault};
    let emulator = emulator(EmulatorConfig::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let env = env(&emulator);
    take_domain(dir.path(), &env).await;

    // One row's domain is taken; the other's check meets a service that stays unavailable.
    emulator.script_faults([ScriptedFault {
        times: 1_000,
        ..ScriptedFault::new(
            "HEAD",
            "/v1/domains/flaky.onmicrosoft.com",
            Fault::before(FaultKind::Unavailable {
                retry_after_secs: 0,
            }),
        )
    }]);
    write(dir.path(), "rows.jsonl", &[row("taken"), row("flaky")]);
    let args = [
        "onboard",
        "rows.jsonl",
        "--discard-passwords",
        "--report",
        "r.csv",
    ];
    let o = pc(dir.path(), &args, &env).await;
    emulator.clear_faults();
    assert_eq!(o.status.code(), Some(3), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(
        out.contains("row 1 taken.onmicrosoft.com: failed at domain: HTTP 200: the domain taken.onmicrosoft.com is taken by another tenant; a rerun cannot finish it: give the row another domain in the input file\n"),
        "{out}"
    );
    assert!(
        out.contains("row 2 flaky.onmicrosoft.com: failed at domain: HTTP 503"),
        "{out}"
    );
    assert!(
        out.contains("1 row(s) failed because their domain is taken by another tenant; a rerun cannot finish them: give each another domain in the input file\n"),
        "{out}"
    );
    assert!(
        out.contains("rerun the same command to retry the other 1 failed row(s)\n"),
        "{out}"
    );
    let report = std::fs::read_to_string(dir.path().join("r.csv")).unwrap();
    assert!(
        report.lines().next().unwrap().ends_with(",remedy"),
        "{report}"
    );
    assert!(
        report.lines().nth(1).unwrap().ends_with(",change-domain"),
        "{report}"
    );
    assert!(
        report.lines().nth(2).unwrap().ends_with(",rerun"),
        "{report}"
    );

    // The rerun finishes the row it can; the taken one is left with the same advice, and no
    // rerun is suggested any more.
    let o = pc(dir.path(), &args, &env).await;
    assert_eq!(o.status.code(), Some(3), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains("row 2 flaky.onmicrosoft.com: done"), "{out}");
    assert!(
        out.contains("1 row(s) failed because their domain is taken by another tenant"),
        "{out}"
    );
    assert!(!out.contains("rerun the same command"), "{out}");

    // --status says the same, from the journal.
    let o = pc(dir.path(), &["onboard", "--status", "rows.jsonl"], &[]).await;
    assert!(
        text(&o.stdout).contains("is taken by another tenant; a rerun cannot finish it: give the row another domain in the input file"),
        "{}",
        text(&o.stdout)
    );
    let status = status_json(
        &pc(
            dir.path(),
            &["onboard", "--status", "rows.jsonl", "--json"],
            &[],
        )
        .await,
    );
    assert_eq!(status["rows"][0]["error"]["remedy"], "change-domain");
    assert_eq!(status["rows"][1]["status"], "done");
}

/// What the run left: each report line's status, password fate and step states, ids left out.
fn outcome(report: &Path) -> Vec<Value> {
    let lines: Value = serde_json::from_str(&std::fs::read_to_string(report).unwrap()).unwrap();
    lines
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let steps: serde_json::Map<String, Value> = l["steps"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, s)| (k.clone(), serde_json::json!([s["state"], s["detail"]])))
                .collect();
            serde_json::json!({"domain": l["domain"], "status": l["status"], "password": l["password"], "steps": steps})
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_csv_and_json_lines_examples_give_the_same_result() {
    let mut results = Vec::new();
    for name in ["customers.csv", "customers.jsonl"] {
        let emulator = emulator(EmulatorConfig::default()).await;
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(name), example(name)).unwrap();
        let o = pc(
            dir.path(),
            &[
                "onboard",
                name,
                "--credentials-out",
                "p.csv",
                "--wait-vetting",
                "--report",
                "r.json",
            ],
            &env(&emulator),
        )
        .await;
        assert_eq!(o.status.code(), Some(0), "{name}: {}", text(&o.stderr));
        let state = emulator.state();
        assert_eq!(state.customers.len(), 3);
        results.push(outcome(&dir.path().join("r.json")));
    }
    assert_eq!(results[0], results[1]);
    assert_eq!(results[0][0]["steps"]["vetting"][1], "Approved");
}

/// The crash test: `pc onboard` of 100 rows against an emulator without replay that injects
/// `close-after`, `503` and `500` faults, killed with SIGKILL at random moments 20 times, then
/// rerun until it finishes. Every row is onboarded exactly once (one customer per domain, one
/// agreement, one qualification of the asked kind), every password the tool received is in the
/// credentials file exactly once, and every customer without one is reported `not-received`.
///
/// The rate limit paces the run (about 550 requests at 100 per second, so about 5.5 s of work),
/// so the kills, 20 to 250 ms after each start, land during the run however fast the machine
/// is; a slower machine only gets more done between kills. No test here measures time.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_at_random_moments_it_still_onboards_every_row_exactly_once() {
    use pc_emulator::fault::{Fault, FaultKind};
    use rand::{RngExt, SeedableRng};

    const ROWS: usize = 100;
    const KILLS: usize = 20;
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let faults = [
        Fault::after(FaultKind::CloseConnection),
        Fault::before(FaultKind::Unavailable {
            retry_after_secs: 0,
        }),
        Fault::before(FaultKind::InternalError),
    ];
    let emulator = Emulator::start(
        EmulatorConfig::default()
            .with_vetting_delay(Duration::ZERO)
            .with_replay(false)
            .with_rate_limit(Some(60_000))
            .with_random_faults(seed, 0.05, faults),
    )
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let rows: Vec<String> = (0..ROWS)
        .map(|i| {
            let r = row(&format!("crash{i:03}"));
            if i % 2 == 0 {
                r.replace(
                    r#"{"qualification":"Education","educationSegment":"K12"}"#,
                    r#"{"qualification":"StateOwnedEntity"}"#,
                )
            } else {
                r
            }
        })
        .collect();
    write(dir.path(), "rows.jsonl", &rows);
    let env = env(&emulator);
    let args = [
        "onboard",
        "rows.jsonl",
        "--credentials-out",
        "p.csv",
        "--rate-limit",
        "6000",
        "--concurrency",
        "8",
        "--report",
        "r.json",
    ];

    let mut kills = 0;
    while kills < KILLS {
        let mut child = tokio::process::Command::from(command(dir.path(), &args, &env))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let moment = Duration::from_millis(rng.random_range(20..250));
        tokio::select! {
            status = child.wait() => panic!(
                "the run ended ({status:?}) after only {kills} kills (seed {seed}): it was not paced"
            ),
            () = tokio::time::sleep(moment) => {
                child.kill().await.unwrap(); // SIGKILL
                kills += 1;
            }
        }
    }
    let mut finished = None;
    for _ in 0..5 {
        let o = pc(dir.path(), &args, &env).await;
        if o.status.code() == Some(0) {
            finished = Some(o);
            break;
        }
        // 3: a row failed (faults outlasted the retries); a rerun tries it again.
        assert_eq!(o.status.code(), Some(3), "seed {seed}: {}", text(&o.stderr));
    }
    let o = finished.unwrap_or_else(|| panic!("seed {seed}: no run finished"));
    assert!(
        text(&o.stdout).contains(&format!("{ROWS} row(s): {ROWS} done")),
        "{}",
        text(&o.stdout)
    );

    // The service: one customer per domain, one agreement, one qualification of the asked kind.
    let state = emulator.state();
    assert_eq!(state.customers.len(), ROWS, "seed {seed}");
    assert_eq!(state.counters.customers_created, ROWS as u64, "seed {seed}");
    for i in 0..ROWS {
        let domain = format!("crash{i:03}.onmicrosoft.com");
        let found = state.customers_with_domain(&domain);
        assert_eq!(found.len(), 1, "{domain} (seed {seed})");
        let id = found[0].tenant_id().unwrap();
        assert_eq!(state.agreements[&id].len(), 1, "{domain} (seed {seed})");
        let kinds: Vec<&str> = state.qualifications[&id]
            .iter()
            .map(|q| q.qualification.as_ref().unwrap().as_str())
            .collect();
        let asked = if i % 2 == 0 {
            "StateOwnedEntity"
        } else {
            "Education"
        };
        assert_eq!(kinds, [asked], "{domain} (seed {seed})");
    }

    // The passwords: each one the tool received exactly once; the others reported.
    let creds = credentials(&dir.path().join("p.csv"));
    let mut domains: Vec<&str> = creds.iter().map(|(d, _, _)| d.as_str()).collect();
    domains.sort_unstable();
    domains.dedup();
    assert_eq!(
        domains.len(),
        creds.len(),
        "a domain twice in the credentials file (seed {seed})"
    );
    let mut passwords: Vec<&str> = creds.iter().map(|(_, _, p)| p.as_str()).collect();
    passwords.sort_unstable();
    passwords.dedup();
    assert_eq!(
        passwords.len(),
        creds.len(),
        "a password twice (seed {seed})"
    );
    for (domain, customer, password) in &creds {
        assert!(!password.is_empty());
        let found = state.customers_with_domain(domain);
        assert_eq!(
            found[0].tenant_id().unwrap().to_string(),
            *customer,
            "seed {seed}"
        );
    }
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("r.json")).unwrap()).unwrap();
    let report = report.as_array().unwrap();
    assert_eq!(report.len(), ROWS);
    let mut resumed = 0;
    for line in report {
        let domain = line["domain"].as_str().unwrap();
        assert_eq!(line["status"], "done", "{line} (seed {seed})");
        let in_file = creds.iter().any(|(d, _, _)| d == domain);
        match line["password"].as_str() {
            Some("stored") => assert!(in_file, "{domain} (seed {seed})"),
            Some("not-received") => {
                assert!(!in_file, "{domain} (seed {seed})");
                assert_eq!(line["steps"]["customer"]["reconciled"], true, "{line}");
            }
            other => panic!("{domain}: password {other:?} (seed {seed})"),
        }
        for step in line["steps"].as_object().unwrap().values() {
            resumed += step["attempts"].as_u64().unwrap() - 1;
        }
    }
    // The kills did interrupt steps, which later runs resumed.
    assert!(resumed > 0, "seed {seed}");
    // Most 201s arrived whole: the file is not empty by accident.
    assert!(
        creds.len() >= ROWS / 2,
        "{} passwords (seed {seed})",
        creds.len()
    );
}
