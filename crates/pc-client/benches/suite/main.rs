//! The benchmark suite: one run prints one table of ratios and counts, each measured side by side
//! in the same process (these machines are noisy; absolute times are not comparable between runs).
//!
//! 1. **model**: decoding the documented create-customer answer and a 1,000-entry qualification
//!    list into our types versus `serde_json::Value`; encoding; `validate()` versus decoding.
//! 2. **overhead**: `pc-client` versus a hand-written reqwest call with the same headers and
//!    serde decoding, against one minimal fixed-response server, at concurrency 1 and 64.
//! 3. **tokens**: 1,000 concurrent calls on a cold token cache, counting token requests.
//! 4. **bulk**: 2,000 customers created against the emulator with its throttle at a known rate,
//!    with the client's rate limiter on and off.
//! 5. **footprint**: the crates `pc-model` pulls in, with and without `schema`.
//!
//! `cargo bench -p pc-client --bench suite` runs it in full. Without `--bench` (as under
//! `cargo test -p pc-client --benches`) every measurement runs with tiny sizes, nothing is judged
//! on speed and only the counts are checked (one token request, no duplicate customer, every
//! `429` absorbed), so the suite cannot rot. Names after the flags pick sections:
//! `cargo bench -p pc-client --bench suite -- model overhead`.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a benchmark's output is its printed table"
)]

mod bulk;
mod footprint;
mod measure;
mod model;
mod overhead;
mod report;
mod server;
mod tokens;
mod workload;

use std::time::Instant;

use report::Report;

/// How much work each measurement does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// `cargo bench`: full sizes, targets judged.
    Full,
    /// Anything else: tiny sizes, only counts checked.
    Smoke,
}

impl Mode {
    fn is_full(self) -> bool {
        self == Mode::Full
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = if args.iter().any(|a| a == "--bench") {
        Mode::Full
    } else {
        Mode::Smoke
    };
    let picked: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let wanted = |name: &str| picked.is_empty() || picked.contains(&name);

    // Servers (the fixed-response server, the emulator) run on their own thread, so that a
    // client's work and the server's are not interleaved on one executor.
    let servers = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("bench-server")
        .enable_all()
        .build()
        .expect("the server runtime starts");
    let clients = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("the client runtime starts");

    let started = Instant::now();
    let mut report = Report::new(mode);
    eprintln!(
        "pc-client benchmark suite, {} mode",
        if mode.is_full() {
            "full"
        } else {
            "smoke (tiny sizes, counts checked, speed not judged)"
        }
    );
    if wanted("model") {
        eprintln!("model …");
        model::run(mode, &mut report);
    }
    if wanted("overhead") {
        eprintln!("overhead …");
        clients.block_on(overhead::run(mode, servers.handle(), &mut report));
    }
    if wanted("tokens") {
        eprintln!("tokens …");
        clients.block_on(tokens::run(mode, servers.handle(), &mut report));
    }
    if wanted("bulk") {
        eprintln!("bulk …");
        clients.block_on(bulk::run(mode, servers.handle(), &mut report));
    }
    if wanted("footprint") {
        eprintln!("footprint …");
        footprint::run(mode, &mut report);
    }
    drop(clients);
    servers.shutdown_timeout(std::time::Duration::from_secs(5));
    report.print(started.elapsed());
}
