//! The README's quick starts compile and run from their own dependency lines.
//!
//! Doc tests compile with this crate's dev-dependencies, so they cannot tell whether the
//! `[dependencies]` a quick start shows are enough. This test writes each quick start into a crate
//! outside the workspace whose dependencies are exactly the README's (the paths to a clone
//! replaced by paths to this checkout), builds it offline with the workspace's lock file,
//! and runs its programs: the client's against an emulator started here.

#![allow(clippy::unwrap_used, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::Command;

use pc_emulator::{DEFAULT_REFRESH_TOKEN, Emulator, EmulatorConfig};

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
            if name.starts_with("pc-") {
                // No release is published: the README points at a clone by path.
                assert!(
                    line.contains(&format!("path = \"../partner-center/crates/{name}\"")),
                    "{name} is not taken from a clone: {line}"
                );
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
        // The client quick start keeps its refresh token in this file.
        let token_file = dir.join("refresh-token.txt");
        std::fs::write(&token_file, format!("{DEFAULT_REFRESH_TOKEN}\n")).unwrap();
        for n in 0..quick.rust.len() {
            let run = run_block(&target, index, n, emulator.url(), &token_file).await;
            assert!(run.ok, "{} block {n} failed:\n{}", quick.title, run.output);
        }
    }
    client_quick_start_stores_each_rotated_refresh_token(&root, &target, emulator.url()).await;
    // The client quick start did its work against the emulator once, though it ran twice.
    let state = emulator.state();
    assert_eq!(state.customers.len(), 1);
    emulator.shutdown().await;
}

/// What a run of a quick start's program did.
struct Run {
    ok: bool,
    output: String,
}

async fn run_block(target: &Path, index: usize, block: usize, url: &str, token_file: &Path) -> Run {
    let bin = target
        .join("debug")
        .join(format!("quick-start-{index}-block{block}"));
    let run = tokio::process::Command::new(&bin)
        .env("PC_BASE_URL", url)
        .env("PC_REFRESH_TOKEN_FILE", token_file)
        .output()
        .await
        .unwrap();
    Run {
        ok: run.status.success(),
        output: format!(
            "{}{}",
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        ),
    }
}

fn read_token(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap().trim().to_owned()
}

/// The client quick start, already run once with the emulator's first refresh token, wrote the
/// rotated one to its file, and a second run works from that file; the first token is refused
/// by then (the emulator, like the service, takes a refresh token once).
async fn client_quick_start_stores_each_rotated_refresh_token(
    root: &Path,
    target: &Path,
    url: &str,
) {
    let dir = root.join("quick-start-1");
    let token_file = dir.join("refresh-token.txt");
    let first = read_token(&token_file);
    assert!(
        !first.is_empty() && first != DEFAULT_REFRESH_TOKEN,
        "the rotated refresh token was not written back: {first:?}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&token_file).unwrap().permissions().mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "the refresh token file is readable by others"
        );
    }
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("refresh-token") && name != "refresh-token.txt")
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");

    let second = run_block(target, 1, 0, url, &token_file).await;
    assert!(
        second.ok,
        "a second run from the stored token failed:\n{}",
        second.output
    );
    let next = read_token(&token_file);
    assert!(
        !next.is_empty() && next != first,
        "the second rotation was not stored"
    );

    // The stored token mattered: the first one is refused now, as the service refuses it.
    std::fs::write(&token_file, DEFAULT_REFRESH_TOKEN).unwrap();
    let stale = run_block(target, 1, 0, url, &token_file).await;
    assert!(
        !stale.ok && stale.output.contains("AADSTS70000"),
        "a redeemed refresh token was accepted:\n{}",
        stale.output
    );
    assert_eq!(read_token(&token_file), DEFAULT_REFRESH_TOKEN);
}
