//! Shared by `pc`'s integration tests: running the binary.

#![allow(dead_code, unreachable_pub, clippy::unwrap_used)]

use std::process::{Command, Output};

/// Runs `pc` with `env` (and no `PC_*` variables from the caller's environment).
pub async fn pc(args: &[&str], env: &[(&str, String)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pc"));
    for (key, _) in std::env::vars() {
        if key.starts_with("PC_") {
            cmd.env_remove(key);
        }
    }
    cmd.args(args)
        .envs(env.iter().map(|(k, v)| (*k, v.clone())));
    tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap()
}

/// Writes a documented create-customer body (an indirect reseller's customer) to a temporary
/// file named after `name`, and returns its path.
pub fn customer_body(name: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("pc-cli-{}-{name}.json", std::process::id()));
    std::fs::write(
        &path,
        pc_model::fixtures::ALL
            .iter()
            .find(|f| f.name == "customer-create-indirect.request.docs.json")
            .unwrap()
            .json,
    )
    .unwrap();
    path
}
