//! What the emulator holds and how fast it answers with many customers: resident memory before
//! and after loading 100,000 customers, and the time of `GET /_emulator/state` and of customer
//! searches by domain prefix.
//!
//! The emulator runs as the `pc-emulator` binary in its own process (throttling off, logging at
//! `warn`), so that its resident memory (`VmRSS` in `/proc/<pid>/status`) is its own. The
//! customers are created over HTTP as a client would: each `POST /v1/customers` with its own
//! `MS-RequestId`, so the remembered answers for replay are part of what is measured (at most
//! `--replay-capacity`, 25,000 by default).
//!
//! `cargo bench -p pc-emulator --bench footprint` prints the table recorded in the crate's
//! README and in BENCHMARKS.md (about half a minute after the build). Without `--bench` (as under
//! `cargo test -p pc-emulator --benches`) it loads 300 customers and checks only the counts.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::unwrap_used,
    reason = "a benchmark's output is its printed table; it stops at the first broken assumption"
)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use futures::StreamExt;
use pc_emulator::{DEFAULT_APP_USER_TOKEN, DEFAULT_RESELLER_ID};
use serde_json::{Value, json};
use uuid::Uuid;

const BIN: &str = env!("CARGO_BIN_EXE_pc-emulator");
const CONCURRENCY: usize = 32;

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let customers = if full { 100_000 } else { 300 };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(run(customers, full));
    if !full {
        eprintln!("footprint bench: smoke mode (counts checked; run with --bench to measure)");
    }
}

/// The emulator's process, killed when dropped.
struct Emulator {
    child: Child,
    url: String,
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Emulator {
    fn start() -> Self {
        let mut child = Command::new(BIN)
            .args(["--port", "0", "--rate-limit", "0"])
            .env("RUST_LOG", "pc_emulator=warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        stdout.read_line(&mut first).unwrap();
        // The rest of its output is drained: a closed pipe would stop it.
        std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
        let url = first.trim().rsplit(' ').next().unwrap().to_owned();
        Self { child, url }
    }

    /// `VmRSS` and `VmHWM` (peak) of the process, in KiB.
    fn memory_kib(&self) -> (u64, u64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
                .unwrap_or(0)
        };
        (field("VmRSS:"), field("VmHWM:"))
    }
}

fn customer(n: usize) -> Value {
    json!({
        "associatedPartnerId": DEFAULT_RESELLER_ID.to_string(),
        "companyProfile": {"domain": format!("bench{n:06}.onmicrosoft.com")},
        "billingProfile": {
            "email": format!("admin{n}@example.com"),
            "culture": "en-US",
            "language": "en",
            "companyName": format!("Bench Company {n}"),
            "defaultAddress": {
                "country": "US",
                "city": "Redmond",
                "state": "WA",
                "addressLine1": "One Microsoft Way",
                "postalCode": "98052",
                "firstName": "Gena",
                "lastName": "Soto",
                "phoneNumber": "4255550101"
            }
        }
    })
}

/// The median of `rounds` runs of `f`, and the value of the last run.
async fn median<T, F, Fut>(rounds: usize, mut f: F) -> (Duration, T)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = T>,
{
    let mut times = Vec::with_capacity(rounds);
    let mut last = None;
    for _ in 0..rounds {
        let started = Instant::now();
        last = Some(f().await);
        times.push(started.elapsed());
    }
    times.sort();
    (times[rounds / 2], last.unwrap())
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

async fn run(customers: usize, full: bool) {
    let emulator = Emulator::start();
    let http = reqwest::Client::new();
    // One request first, so that the runtime, the connection and the first allocations are in
    // the baseline.
    let state_url = format!("{}/_emulator/state", emulator.url);
    assert!(
        http.get(&state_url)
            .send()
            .await
            .unwrap()
            .status()
            .is_success()
    );
    let (rss_start, _) = emulator.memory_kib();

    let started = Instant::now();
    let create = format!("{}/v1/customers", emulator.url);
    let created = futures::stream::iter(0..customers)
        .map(|n| {
            let request = http
                .post(&create)
                .bearer_auth(DEFAULT_APP_USER_TOKEN)
                .header("MS-RequestId", Uuid::new_v4().to_string())
                .json(&customer(n));
            async move { request.send().await.unwrap().status().as_u16() }
        })
        .buffer_unordered(CONCURRENCY)
        .filter(|status| std::future::ready(*status == 201))
        .count()
        .await;
    let load_time = started.elapsed();
    assert_eq!(created, customers, "every customer created");
    let (rss_loaded, _) = emulator.memory_kib();

    // The state, read whole.
    let rounds = if full { 5 } else { 2 };
    let (state_time, state) = median(rounds, || async {
        let body = http.get(&state_url).send().await.unwrap().bytes().await;
        body.unwrap()
    })
    .await;
    let parsed: Value = serde_json::from_slice(&state).unwrap();
    assert_eq!(parsed["customers"].as_array().unwrap().len(), customers);
    let replay_entries = parsed["replayEntries"].as_u64().unwrap();
    let (rss_after_state, peak) = emulator.memory_kib();

    // Searches by domain prefix: one customer, a hundred, none.
    let search = |prefix: String, size: usize| {
        let filter = json!({"Field": "Domain", "Value": prefix, "Operator": "starts_with"});
        http.get(&create)
            .bearer_auth(DEFAULT_APP_USER_TOKEN)
            .query(&[("filter", filter.to_string()), ("size", size.to_string())])
    };
    let rounds = if full { 101 } else { 3 };
    let mut searches = Vec::new();
    for (what, prefix, size, expected) in [
        (
            "one match",
            format!("bench{:06}", customers / 2),
            200,
            1usize,
        ),
        (
            "100 matches",
            format!("bench{:04}", customers / 200),
            200,
            100.min(customers),
        ),
        ("no match", "nobody".to_owned(), 200, 0),
        ("every customer, first 200", "bench".to_owned(), 200, 200),
    ] {
        let (time, items) = median(rounds, || async {
            let answer: Value = search(prefix.clone(), size)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            answer["items"].as_array().map_or(0, Vec::len)
        })
        .await;
        assert_eq!(items, expected, "search {what} ({prefix})");
        searches.push((what, prefix, items, time));
    }
    let (check_time, _) = median(rounds, || async {
        let url = format!(
            "{}/v1/domains/bench{:06}.onmicrosoft.com",
            emulator.url,
            customers / 3
        );
        let answer = http
            .head(url)
            .bearer_auth(DEFAULT_APP_USER_TOKEN)
            .send()
            .await;
        assert_eq!(answer.unwrap().status().as_u16(), 200);
    })
    .await;

    let per_customer = (rss_loaded.saturating_sub(rss_start) * 1024) / customers as u64;
    println!("| measurement | value |");
    println!("|---|---:|");
    println!(
        "| customers loaded (`POST /v1/customers`, {CONCURRENCY} in flight) | {customers} in {:.1} s |",
        load_time.as_secs_f64()
    );
    println!("| remembered answers for replay | {replay_entries} |");
    println!(
        "| resident memory at start (`VmRSS`) | {} |",
        mib(rss_start)
    );
    println!(
        "| resident memory with the customers | {} |",
        mib(rss_loaded)
    );
    println!("| growth per customer (remembered answers included) | {per_customer} B |");
    println!(
        "| resident memory after reading the state | {} (peak {}) |",
        mib(rss_after_state),
        mib(peak)
    );
    println!(
        "| `GET /_emulator/state` ({:.1} MiB of JSON), median of {} | {} |",
        state.len() as f64 / 1_048_576.0,
        if full { 5 } else { 2 },
        ms(state_time)
    );
    for (what, prefix, items, time) in searches {
        println!(
            "| search by domain prefix `{prefix}` ({what}: {items} items), median of {rounds} | {} |",
            ms(time)
        );
    }
    println!(
        "| `HEAD /v1/domains/{{domain}}` (taken), median of {rounds} | {} |",
        ms(check_time)
    );
}
