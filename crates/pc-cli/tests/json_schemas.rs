//! The real `--json` output of every command, successes and failures, validates against its
//! committed schema in `schemas/cli/` (with format checking), and every schema there is used.

#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use pc_emulator::{
    DEFAULT_APP_USER_TOKEN, DEFAULT_RESELLER_ID, Emulator, EmulatorConfig, RunningEmulator,
};
use serde_json::Value;

use common::{customer_body, pc};

fn schema_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schemas/cli")
}

/// Checks each document against the schemas it names, and records which were used.
#[derive(Default)]
struct Checked {
    used: BTreeSet<String>,
}

impl Checked {
    /// Validates every line of `stdout` (one document, or NDJSON) against `schemas/cli/<stem>`.
    fn lines(&mut self, stem: &str, stdout: &[u8]) -> Vec<Value> {
        let path = schema_dir().join(format!("{stem}.schema.json"));
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .should_ignore_unknown_formats(false)
            .build(&schema)
            .unwrap();
        let text = String::from_utf8(stdout.to_vec()).unwrap();
        let docs: Vec<Value> = text
            .lines()
            .map(|line| {
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{stem}: {e}: {line}"))
            })
            .collect();
        assert!(!docs.is_empty(), "{stem}: no output");
        for doc in &docs {
            let errors: Vec<String> = validator
                .iter_errors(doc)
                .map(|e| format!("{} {e}", e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{stem}: {errors:?}\n{doc}");
        }
        self.used.insert(stem.to_owned());
        docs
    }

    /// As [`lines`](Self::lines), for one document.
    fn one(&mut self, stem: &str, stdout: &[u8]) -> Value {
        let mut docs = self.lines(stem, stdout);
        assert_eq!(docs.len(), 1, "{stem}: {docs:?}");
        docs.remove(0)
    }
}

async fn emulator() -> RunningEmulator {
    Emulator::start(EmulatorConfig::default().with_vetting_delay(std::time::Duration::ZERO))
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_json_output_matches_its_schema() {
    let emulator = emulator().await;
    let env = vec![
        ("PC_BASE_URL", emulator.url().to_owned()),
        ("PC_ACCESS_TOKEN", DEFAULT_APP_USER_TOKEN.to_owned()),
    ];
    let mut checked = Checked::default();
    let body = customer_body("json-schemas");
    let body_arg = body.to_str().unwrap();
    let reseller = DEFAULT_RESELLER_ID.to_string();

    let o = pc(
        &[
            "customers",
            "create",
            body_arg,
            "--reseller",
            &reseller,
            "--json",
        ],
        &env,
    )
    .await;
    assert_eq!(o.status.code(), Some(0));
    let created = checked.one("customers-create", &o.stdout);
    let id = created["result"]["id"].as_str().unwrap().to_owned();
    let domain = created["result"]["companyProfile"]["domain"]
        .as_str()
        .unwrap()
        .to_owned();
    // A failure at the service (the domain is taken now) and one before sending (a bad body).
    let o = pc(&["customers", "create", body_arg, "--json"], &env).await;
    assert_eq!(o.status.code(), Some(3));
    let failed = checked.one("customers-create", &o.stdout);
    assert_eq!(failed["error"]["status"], 409, "{failed}");
    let bad = std::env::temp_dir().join(format!("pc-cli-{}-bad.json", std::process::id()));
    std::fs::write(&bad, r#"{"companyProfile": {"domain": "x"}}"#).unwrap();
    let o = pc(
        &["customers", "create", bad.to_str().unwrap(), "--json"],
        &env,
    )
    .await;
    assert_eq!(o.status.code(), Some(1));
    let invalid = checked.one("customers-create", &o.stdout);
    assert!(
        !invalid["error"]["violations"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    let o = pc(&["customers", "get", &id, "--json"], &env).await;
    checked.one("customers-get", &o.stdout);
    let o = pc(
        &[
            "customers",
            "get",
            "626099fe-17af-4756-9fd0-6a73b7127859",
            "--json",
        ],
        &env,
    )
    .await;
    assert_eq!(o.status.code(), Some(3));
    checked.one("customers-get", &o.stdout);
    let prefix = &domain[..4];
    let o = pc(&["customers", "search", prefix, "--json"], &env).await;
    checked.one("customers-search", &o.stdout);
    let o = pc(&["domains", "check", &domain, "--json"], &env).await;
    let check = checked.one("domains-check", &o.stdout);
    assert_eq!(check["result"]["available"], false);

    let o = pc(&["agreements", "metadata", "--json"], &env).await;
    checked.one("agreements-metadata", &o.stdout);
    let o = pc(
        &[
            "agreements",
            "confirm",
            &id,
            "--first-name",
            "Gena",
            "--last-name",
            "Soto",
            "--email",
            "gena@wingtiptoys.com",
            "--json",
        ],
        &env,
    )
    .await;
    assert_eq!(o.status.code(), Some(0));
    checked.one("agreements-confirm", &o.stdout);
    let o = pc(
        &["agreements", "list", &id, "--type", "mca", "--json"],
        &env,
    )
    .await;
    checked.one("agreements-list", &o.stdout);

    let o = pc(
        &[
            "qualifications",
            "create",
            &id,
            "education",
            "--segment",
            "k12",
            "--website",
            "wingtiptoys.edu",
            "--json",
        ],
        &env,
    )
    .await;
    assert_eq!(o.status.code(), Some(0));
    checked.one("qualifications-create", &o.stdout);
    let o = pc(&["qualifications", "list", &id, "--json"], &env).await;
    checked.one("qualifications-list", &o.stdout);
    let o = pc(
        &[
            "qualifications",
            "wait",
            &id,
            "--kind",
            "education",
            "--interval",
            "100ms",
            "--json",
        ],
        &env,
    )
    .await;
    assert_eq!(o.status.code(), Some(0));
    checked.one("qualifications-wait", &o.stdout);
    let o = pc(&["validation-codes", "--json"], &env).await;
    checked.one("validation-codes", &o.stdout);

    let o = pc(&["validate", "customer", body_arg, "--json"], &[]).await;
    assert_eq!(o.status.code(), Some(0));
    checked.one("validate", &o.stdout);
    let o = pc(
        &["validate", "customer", bad.to_str().unwrap(), "--json"],
        &[],
    )
    .await;
    assert_eq!(o.status.code(), Some(1));
    checked.one("validate", &o.stdout);

    let o = pc(&["demo", "--vetting-delay", "50ms", "--json"], &[]).await;
    assert_eq!(o.status.code(), Some(0));
    let lines = checked.lines("demo", &o.stdout);
    assert!(lines.len() > 2, "{lines:?}");

    // `pc onboard --json`: the run's events and its summary; problems of an invalid file;
    // `--status --json`.
    let examples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/onboarding");
    let csv = examples.join("customers.csv");
    let journal =
        std::env::temp_dir().join(format!("pc-cli-{}-schemas.journal", std::process::id()));
    let journal_arg = journal.to_str().unwrap();
    let o = pc(
        &[
            "onboard",
            csv.to_str().unwrap(),
            "--journal",
            journal_arg,
            "--discard-passwords",
            "--json",
        ],
        &env,
    )
    .await;
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let events = checked.lines("onboard", &o.stdout);
    assert_eq!(events.last().unwrap()["event"], "summary", "{events:?}");
    assert!(
        events.iter().any(|e| e["event"] == "row-done"),
        "{events:?}"
    );
    let o = pc(
        &["onboard", "--status", "--journal", journal_arg, "--json"],
        &[],
    )
    .await;
    assert_eq!(o.status.code(), Some(0));
    let status = checked.one("onboard-status", &o.stdout);
    assert!(!status["rows"].as_array().unwrap().is_empty(), "{status}");
    let bad_rows = std::env::temp_dir().join(format!("pc-cli-{}-bad.jsonl", std::process::id()));
    std::fs::write(&bad_rows, "{\"customer\": {\"companyProfile\": {}}}\n").unwrap();
    let o = pc(
        &[
            "onboard",
            bad_rows.to_str().unwrap(),
            "--journal",
            journal_arg,
            "--discard-passwords",
            "--json",
        ],
        &env,
    )
    .await;
    assert_eq!(o.status.code(), Some(1));
    let problems = checked.lines("onboard", &o.stdout);
    assert_eq!(problems[0]["event"], "problem", "{problems:?}");
    for file in [&journal, &bad_rows] {
        let _ = std::fs::remove_file(file);
    }
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{journal_arg}{suffix}"));
    }

    // `pc emulator --json` prints one document once it listens, then serves until stopped.
    let mut child = Command::new(env!("CARGO_BIN_EXE_pc"))
        .args(["emulator", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let first = tokio::task::spawn_blocking(move || {
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap();
        line
    })
    .await
    .unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    checked.one("emulator", first.as_bytes());

    // Every published schema was checked against real output.
    let published: BTreeSet<String> = std::fs::read_dir(schema_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|name| name.strip_suffix(".schema.json").map(ToOwned::to_owned))
        .collect();
    assert_eq!(checked.used, published);
    let derived: BTreeSet<String> = pc_cli::json::schemas()
        .iter()
        .map(|s| s.stem.to_owned())
        .collect();
    assert_eq!(derived, published);

    std::fs::remove_file(&body).unwrap();
    std::fs::remove_file(&bad).unwrap();
    emulator.shutdown().await;
}
