//! The README's quick starts compile and run from their own dependency lines.
//!
//! Doc tests compile with this crate's dev-dependencies, so they cannot tell whether the
//! `[dependencies]` a quick start shows are enough. This test writes each quick start into a crate
//! outside the workspace whose dependencies are exactly the README's (the git dependencies
//! replaced by `path` ones to this checkout), builds it offline with the workspace's lock file,
//! and runs its programs: the client's against an emulator started here.

#![allow(clippy::unwrap_used, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::Command;

use pc_emulator::{Emulator, EmulatorConfig};

/// One quick start: its `[dependencies]` block and its Rust blocks.
#[derive(Debug)]
struct QuickStart {
    title: String,
    toml: String,
    rust: Vec<String>,
}

/// The fenced blocks of each `## Quick start` section, in order.
fn quick_starts(readme: &str) -> Vec<QuickStart> {
    let mut out = Vec::new();
    for section in readme.split("\n## ").skip(1) {
        let title = section.lines().next().unwrap_or_default().to_owned();
        if !title.starts_with("Quick start") {
            continue;
        }
        let mut toml = None;
        let mut rust = Vec::new();
        let mut lines = section.lines();
        while let Some(line) = lines.next() {
            let Some(info) = line.strip_prefix("```") else {
                continue;
            };
            let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
            let body = body.join("\n") + "\n";
            match info.split(',').next().unwrap_or_default() {
                "toml" => toml = Some(body),
                "rust" => rust.push(body),
                _ => {}
            }
        }
        out.push(QuickStart {
            title,
            toml: toml.expect("each quick start shows its dependencies"),
            rust,
        });
    }
    out
}

/// The README's dependencies with each of our crates taken from this checkout.
fn local_dependencies(toml: &str, workspace: &Path) -> String {
    toml.lines()
        .map(|line| {
            let name = line.split_whitespace().next().unwrap_or_default();
            if name.starts_with("pc-") && line.contains("git = ") {
                let path = workspace.join("crates").join(name);
                format!("{name} = {{ path = {:?} }}", path.display().to_string())
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// Writes the crate of one quick start: one binary per Rust block (a block without `fn main`
/// becomes the body of one).
fn write_crate(dir: &Path, index: usize, quick: &QuickStart, workspace: &Path) {
    let bin = dir.join("src/bin");
    std::fs::create_dir_all(&bin).unwrap();
    let manifest = format!(
        "[package]\nname = \"readme-quick-start-{index}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         # Outside the workspace.\n[workspace]\n\n{}",
        local_dependencies(&quick.toml, workspace)
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    // The workspace's versions, so that an offline build finds them all.
    std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    for (n, code) in quick.rust.iter().enumerate() {
        let code = if code.contains("fn main") {
            code.clone()
        } else {
            format!("fn main() -> Result<(), Box<dyn std::error::Error>> {{\n{code}\nOk(())\n}}\n")
        };
        std::fs::write(bin.join(format!("quick-start-{index}-block{n}.rs")), code).unwrap();
    }
}

fn cargo(dir: &Path, target: &Path) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or("cargo".to_owned()));
    command
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    command
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_quick_start_builds_and_runs_from_its_own_dependencies() {
    let workspace: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap();
    let readme = std::fs::read_to_string(workspace.join("README.md")).unwrap();
    let quick = quick_starts(&readme);
    let titles: Vec<&str> = quick.iter().map(|q| q.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Quick start: the types alone", "Quick start: the client"]
    );
    assert!(
        quick[1].toml.contains("pc-client") && !quick[1].toml.contains("pc-model"),
        "the client quick start needs pc-client alone:\n{}",
        quick[1].toml
    );
    let root = workspace.join("target/readme-quick-starts");
    // Kept between runs, so that only the first build is slow.
    let target = root.join("target");
    let emulator =
        Emulator::start(EmulatorConfig::default().with_vetting_delay(std::time::Duration::ZERO))
            .await
            .unwrap();
    for (index, quick) in quick.iter().enumerate() {
        let dir = root.join(format!("quick-start-{index}"));
        let _ = std::fs::remove_dir_all(dir.join("src"));
        write_crate(&dir, index, quick, &workspace);
        let build = cargo(&dir, &target)
            .args(["build", "--offline", "--bins", "--quiet"])
            .output()
            .unwrap();
        assert!(
            build.status.success(),
            "{}: does not build from its own dependencies:\n{}",
            quick.title,
            String::from_utf8_lossy(&build.stderr)
        );
        for n in 0..quick.rust.len() {
            let bin = target
                .join("debug")
                .join(format!("quick-start-{index}-block{n}"));
            let run = tokio::process::Command::new(&bin)
                .env("PC_BASE_URL", emulator.url())
                .output()
                .await
                .unwrap();
            assert!(
                run.status.success(),
                "{} block {n} failed:\n{}{}",
                quick.title,
                String::from_utf8_lossy(&run.stdout),
                String::from_utf8_lossy(&run.stderr)
            );
        }
    }
    // The client quick start did its work against the emulator.
    let state = emulator.state();
    assert_eq!(state.customers.len(), 1);
    emulator.shutdown().await;
}
