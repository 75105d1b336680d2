//! The `onboard` section of the benchmarks: customers fully onboarded per minute against the
//! emulator, divided by what its throttle allows for the calls each customer needs.
//!
//! Each row checks its domain, creates the customer (for the emulator's reseller), waits until it
//! can be read, confirms the Microsoft Customer Agreement and requests an Education
//! qualification, through the SQLite journal (every record synced to disk) and a credentials file,
//! as `pc onboard` does. The emulator throttles in fixed one-minute windows, so the run spans more
//! than one: its throttle is scaled up from the documented 500 to 3,000 requests per minute, and
//! the client's limiter is set to 97 % of it, the ratio `pc onboard` uses by default (485 of 500).
//! A second run, with neither throttle nor limiter, shows what the journal and the machine allow
//! on their own.
//!
//! `cargo bench -p pc-onboard --bench onboard` prints the table recorded in BENCHMARKS.md (about
//! 2 minutes). Without `--bench` (as under `cargo test -p pc-onboard --benches`) it runs 20
//! customers with the throttle out of reach and checks only the counts.
//!
//! It lives here rather than in `pc-client`'s suite because `pc-onboard` depends on `pc-client`:
//! the suite cannot depend on it back.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::unwrap_used,
    reason = "a benchmark's output is its printed table; it stops at the first broken assumption"
)]

use std::future::IntoFuture;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use pc_client::Client;
use pc_emulator::{DEFAULT_APP_USER_TOKEN, DEFAULT_RESELLER_ID, Emulator, EmulatorConfig};
use pc_model::ValidationContext;
use pc_onboard::{CredentialsFile, Event, Format, Onboarding, SqliteJournal};
use pc_transport::StaticToken;

/// The calls one customer needs: domain check, create, read, agreement, qualification.
const CALLS_PER_CUSTOMER: u64 = 5;

/// One run's settings.
#[derive(Clone, Copy)]
struct Run {
    customers: usize,
    /// The emulator's throttle, requests per minute (`None`: off).
    throttle: Option<u32>,
    /// The client's limiter, in percent of the throttle (`None`: off).
    limiter_percent: Option<u32>,
    concurrency: usize,
}

/// What a run measured.
struct Measured {
    done: usize,
    elapsed: Duration,
    api_calls: u64,
    throttled: u64,
    duplicates_or_missing: usize,
    passwords: usize,
    created: u64,
}

impl Measured {
    fn per_minute(&self) -> f64 {
        self.done as f64 / (self.elapsed.as_secs_f64() / 60.0)
    }

    fn calls_per_customer(&self) -> f64 {
        self.api_calls as f64 / self.done as f64
    }

    /// The counts hold in every mode; speed is judged by the reader of a full run.
    fn check(&self, run: &Run) {
        assert_eq!(self.done, run.customers);
        assert_eq!(self.throttled, 0);
        assert_eq!(self.duplicates_or_missing, 0);
        assert_eq!(self.passwords, run.customers);
        assert_eq!(
            self.api_calls,
            run.customers as u64 * CALLS_PER_CUSTOMER + 1,
            "calls made: five per customer and one template read"
        );
    }
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let concurrency = pc_onboard::DEFAULT_CONCURRENCY;
    let (limited, unlimited) = if full {
        (
            Run {
                customers: 800,
                throttle: Some(3000),
                limiter_percent: Some(97),
                concurrency,
            },
            Run {
                customers: 800,
                throttle: None,
                limiter_percent: None,
                concurrency,
            },
        )
    } else {
        let tiny = Run {
            customers: 20,
            throttle: Some(600_000),
            limiter_percent: Some(97),
            concurrency: 8,
        };
        (
            tiny,
            Run {
                throttle: None,
                limiter_percent: None,
                ..tiny
            },
        )
    };
    let verdict = |met: bool| match (full, met) {
        (false, _) => "smoke",
        (true, true) => "met",
        (true, false) => "**missed**",
    };

    let m = measure(limited);
    m.check(&limited);
    let throttle = limited.throttle.unwrap_or_default();
    let limiter = throttle * limited.limiter_percent.unwrap_or(100) / 100;
    let allowed = f64::from(throttle) / m.calls_per_customer();
    let ratio = m.per_minute() / allowed;
    println!("| section | measurement | value | target | verdict | detail |");
    println!("|---|---|---:|---|---|---|");
    println!(
        "| onboard | customers onboarded per minute ÷ what the throttle allows | {ratio:.3} | ≥ 0.9 | {} | {:.0}/min achieved vs {allowed:.0}/min allowed (throttle {throttle}/min ÷ {:.3} calls per customer); {} of {} done in {:.1} s; limiter {limiter}/min, concurrency {}, SQLite journal synced on every record |",
        verdict(ratio >= 0.9),
        m.per_minute(),
        m.calls_per_customer(),
        m.done,
        limited.customers,
        m.elapsed.as_secs_f64(),
        limited.concurrency,
    );
    println!(
        "| onboard | calls per customer | {:.3} |  |  | domain check, create, read, agreement, qualification; plus one agreement-template read per run ({} API calls for {} customers) |",
        m.calls_per_customer(),
        m.api_calls,
        m.done
    );
    println!(
        "| onboard | `429`s answered by the emulator | {} | = 0 | {} |  |",
        m.throttled,
        verdict(m.throttled == 0)
    );
    println!(
        "| onboard | customers created twice or missing; passwords in the credentials file | {}; {} | = 0; = {} | {} | emulator holds {} customers |",
        m.duplicates_or_missing,
        m.passwords,
        limited.customers,
        verdict(m.duplicates_or_missing == 0 && m.passwords == limited.customers),
        m.created,
    );

    let u = measure(unlimited);
    u.check(&unlimited);
    println!(
        "| onboard | no throttle, no limiter: customers onboarded per minute |  {:.0} |  |  | {} of {} done in {:.1} s, {:.0} API calls per minute, concurrency {}: what the journal (about {} synced records per customer) and this machine allow |",
        u.per_minute(),
        u.done,
        unlimited.customers,
        u.elapsed.as_secs_f64(),
        u.per_minute() * u.calls_per_customer(),
        unlimited.concurrency,
        2 * CALLS_PER_CUSTOMER + 1,
    );
    if !full {
        eprintln!("onboard bench: smoke mode (counts checked; run with --bench to measure)");
    }
}

/// Onboards `run.customers` rows against a new emulator.
fn measure(run: Run) -> Measured {
    // The emulator on its own thread, so that its work and the client's do not share an executor.
    let server = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let client_runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let emulator = server
        .block_on(Emulator::start(
            EmulatorConfig::default()
                .with_vetting_delay(Duration::ZERO)
                .with_rate_limit(run.throttle),
        ))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let rows_text: Vec<String> = (0..run.customers).map(row).collect();
    let parsed = pc_onboard::parse(
        &rows_text.join("\n"),
        Format::JsonLines,
        &ValidationContext::default(),
    )
    .unwrap();
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);

    let (done, elapsed) = client_runtime.block_on(async {
        let mut builder =
            Client::builder(StaticToken::new(DEFAULT_APP_USER_TOKEN)).base_url(emulator.url());
        if let (Some(throttle), Some(percent)) = (run.throttle, run.limiter_percent) {
            builder = builder.rate_limit_per_minute(throttle * percent / 100);
        }
        let onboarding = Onboarding::new(
            builder.build().unwrap(),
            SqliteJournal::open(dir.path().join("bench.journal")).unwrap(),
            Arc::new(CredentialsFile::open(dir.path().join("passwords.csv")).unwrap()),
        )
        .concurrency(run.concurrency);
        let plan = onboarding.prepare(parsed.rows).await.unwrap();
        let start = Instant::now();
        let last_done = Mutex::new(start);
        let summary = onboarding
            .run(plan, &|e: &Event| {
                if matches!(e, Event::RowDone { .. }) {
                    *last_done.lock().unwrap() = Instant::now();
                }
            })
            .await
            .unwrap();
        let elapsed = last_done.lock().unwrap().duration_since(start);
        (summary.done, elapsed)
    });
    let state = emulator.state();
    server.block_on(emulator.shutdown().into_future());
    let passwords = std::fs::read_to_string(dir.path().join("passwords.csv"))
        .unwrap()
        .lines()
        .count()
        - 1;
    Measured {
        done,
        elapsed,
        api_calls: state.counters.requests - state.counters.token_requests,
        throttled: state.counters.throttled,
        duplicates_or_missing: (0..run.customers)
            .filter(|i| {
                state
                    .customers_with_domain(&format!("bench{i:05}.onmicrosoft.com"))
                    .len()
                    != 1
            })
            .count(),
        passwords,
        created: state.counters.customers_created,
    }
}

/// A row for `bench<i>.onmicrosoft.com`: the emulator's reseller, an agreement, Education.
fn row(i: usize) -> String {
    format!(
        r#"{{"customer":{{"companyProfile":{{"domain":"bench{i:05}.onmicrosoft.com"}},"billingProfile":{{"email":"it@bench{i}.com","culture":"en-US","language":"en","companyName":"Bench {i}","defaultAddress":{{"country":"US","city":"Redmond","state":"WA","addressLine1":"1 Main St","postalCode":"98052","firstName":"Ada","lastName":"Lovelace"}}}},"associatedPartnerId":"{DEFAULT_RESELLER_ID}"}},"agreement":{{"primaryContact":{{"firstName":"Ada","lastName":"Lovelace","email":"ada@bench{i}.com"}},"dateAgreed":"2024-05-01T09:00:00Z"}},"qualification":{{"qualification":"Education","educationSegment":"K12"}}}}"#
    )
}
