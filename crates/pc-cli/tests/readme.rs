//! The README's `pc` commands ("The command line"), run as written with `bash` against an
//! emulator started here (skipped, saying why, where `bash` is missing). Two lines are left to
//! the test: installing `pc` (the built binary is put on `PATH` instead) and starting the emulator
//! (started in-process, its URL put in place of the README's); `<customer-id>` becomes the id the
//! README's `pc customers create` printed.

#![allow(clippy::unwrap_used, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use pc_emulator::{Emulator, EmulatorConfig};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The first `sh` block of the README's "The command line" section.
fn command_block() -> String {
    let text = std::fs::read_to_string(workspace().join("README.md")).unwrap();
    let section = text.split("\n## The command line\n").nth(1).unwrap();
    let section = section.split("\n## ").next().unwrap();
    let block = section.split("```sh\n").nth(1).expect("a sh block");
    block.split("```").next().unwrap().to_owned()
}

/// Runs `lines` with `bash -e` in the workspace, the built `pc` first on `PATH`.
fn bash(lines: &[String], home: &Path) -> Output {
    let pc_dir = Path::new(env!("CARGO_BIN_EXE_pc")).parent().unwrap();
    let output = Command::new("bash")
        .args(["-e", "-c", &lines.join("\n")])
        .current_dir(workspace())
        .env("PATH", format!("{}:/usr/bin:/bin", pc_dir.display()))
        .env("HOME", home)
        .env_remove("PC_ACCESS_TOKEN")
        .env_remove("PC_BASE_URL")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}\n{}\n{}",
        lines.join("\n"),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_readme_pc_commands_run_as_written() {
    if Command::new("bash").arg("--version").output().is_err() {
        eprintln!("skipped: `bash` is not installed");
        return;
    }
    let block = command_block();
    let emulator =
        Emulator::start(EmulatorConfig::default().with_vetting_delay(std::time::Duration::ZERO))
            .await
            .unwrap();
    let url = emulator.url().trim_end_matches('/').to_owned();
    let mut lines: Vec<String> = block
        .lines()
        .filter(|line| !line.starts_with("cargo install ") && !line.starts_with("pc emulator "))
        .map(|line| line.replace("http://127.0.0.1:8080", &url))
        .collect();
    assert!(
        lines.iter().any(|l| l.starts_with("export PC_BASE_URL=")) && block.contains("pc emulator"),
        "the commands say how to reach the emulator:\n{block}"
    );
    let create = lines
        .iter()
        .position(|l| l.starts_with("pc customers create "))
        .expect("a customer is created");
    let rest = lines.split_off(create + 1);
    let environment: Vec<String> = lines
        .iter()
        .filter(|l| l.starts_with("export "))
        .cloned()
        .collect();

    let home = tempfile::tempdir().unwrap();
    let created = bash(&lines, home.path());
    let stdout = String::from_utf8_lossy(&created.stdout);
    let id = stdout
        .split("created customer ")
        .nth(1)
        .and_then(|after| after.split_whitespace().next())
        .unwrap_or_else(|| panic!("no customer id in:\n{stdout}"))
        .to_owned();
    // The new admin as they sign in (the service answers the user name `admin` alone), and the
    // password masked.
    assert!(
        stdout.contains("\n  admin user admin@tailspintoys.onmicrosoft.com, password ********\n"),
        "{stdout}"
    );

    let rest: Vec<String> = environment
        .into_iter()
        .chain(rest.iter().map(|l| l.replace("<customer-id>", &id)))
        .collect();
    let output = bash(&rest, home.path());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("vetting finished"), "{stdout}");

    let state = emulator.state();
    assert_eq!(state.customers.len(), 1);
    let qualifications: usize = state.qualifications.values().map(Vec::len).sum();
    assert_eq!(qualifications, 1, "{state:?}");
    let completions = home
        .path()
        .join(".local/share/bash-completion/completions/pc");
    assert!(std::fs::metadata(completions).unwrap().len() > 0);
    emulator.shutdown().await;
}
