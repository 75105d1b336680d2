//! Measures how long an in-process emulator takes to start and to answer its first request.
//!
//! `cargo run --release -p pc-emulator --example startup` prints the median and the worst of 50
//! starts. Throughput is measured against the binary with `wrk` (see the crate's README section).

#![allow(clippy::print_stdout, clippy::unwrap_used)]

use std::time::{Duration, Instant};

use pc_emulator::{DEFAULT_APP_USER_TOKEN, Emulator, EmulatorConfig};

#[tokio::main]
async fn main() {
    let client = reqwest::Client::new();
    let mut started = Vec::new();
    let mut answered = Vec::new();
    for _ in 0..50 {
        let t0 = Instant::now();
        let emulator = Emulator::start(EmulatorConfig::default()).await.unwrap();
        started.push(t0.elapsed());
        let response = client
            .get(format!("{}/v1/customers", emulator.url()))
            .bearer_auth(DEFAULT_APP_USER_TOKEN)
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success());
        answered.push(t0.elapsed());
        emulator.shutdown().await;
    }
    let show = |name: &str, mut v: Vec<Duration>| {
        v.sort();
        println!(
            "{name}: median {:?}, worst {:?} (50 runs)",
            v[v.len() / 2],
            v[v.len() - 1]
        );
    };
    show("Emulator::start", started);
    show("start + first answer", answered);
}
