//! The `curl` examples of the READMEs, run as written with `bash` against a started emulator
//! (skipped, saying why, where `bash` or `curl` is missing).

#![allow(clippy::unwrap_used, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::Command;

use pc_emulator::{Emulator, EmulatorConfig};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The first `sh` block after `heading` in `readme` that calls `curl`.
fn curl_block(readme: &str, heading: &str) -> String {
    let text = std::fs::read_to_string(workspace().join(readme)).unwrap();
    let after = &text[text
        .find(heading)
        .unwrap_or_else(|| panic!("{heading} in {readme}"))..];
    after
        .split("```sh\n")
        .skip(1)
        .map(|block| block.split("```").next().unwrap())
        .find(|block| block.contains("curl "))
        .unwrap_or_else(|| panic!("no curl block after {heading} in {readme}"))
        .to_owned()
}

fn has(program: &str) -> bool {
    Command::new(program).arg("--version").output().is_ok()
}

/// Runs `block` with `bash -e` in the workspace, the README's `127.0.0.1:8080` replaced by a
/// started emulator; returns the emulator afterwards.
async fn run(block: &str) -> Option<pc_emulator::RunningEmulator> {
    for program in ["bash", "curl"] {
        if !has(program) {
            eprintln!("skipped: `{program}` is not installed");
            return None;
        }
    }
    let emulator = Emulator::start(EmulatorConfig::default()).await.unwrap();
    let base = emulator.url().trim_end_matches('/').to_owned();
    assert!(block.contains("http://127.0.0.1:8080"), "{block}");
    let script = block.replace("http://127.0.0.1:8080", &base);
    let root = workspace();
    // No uuidgen or other helper: PATH holds only where bash, curl and sed are.
    let output = tokio::task::spawn_blocking(move || {
        Command::new("bash")
            .args(["-e", "-c", &script])
            .current_dir(root)
            .env("PATH", "/usr/bin:/bin")
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert!(
        output.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    Some(emulator)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_readme_curl_examples_create_a_customer_and_its_qualification() {
    let block = curl_block("README.md", "## The emulator");
    assert!(!block.contains("uuidgen"), "{block}");
    let Some(emulator) = run(&block).await else {
        return;
    };
    let state = emulator.state();
    assert_eq!(state.customers.len(), 1);
    let qualifications: usize = state.qualifications.values().map(Vec::len).sum();
    assert_eq!(qualifications, 1, "{state:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_emulator_readme_curl_examples_redeem_the_refresh_token_and_create_a_customer() {
    let block = curl_block(
        "crates/pc-emulator/README.md",
        "## Run it standalone and point any HTTP client at it",
    );
    assert!(!block.contains("uuidgen"), "{block}");
    let Some(emulator) = run(&block).await else {
        return;
    };
    let state = emulator.state();
    assert_eq!(state.customers.len(), 1);
    assert_eq!(state.counters.tokens_issued, 1, "{state:?}");
}
