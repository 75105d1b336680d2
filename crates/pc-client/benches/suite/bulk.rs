//! Section 4: bulk creation against the emulator with its throttle at a known rate, with the
//! client's rate limiter on (no `429` expected, the allowed rate reached) and off (every `429`
//! absorbed by retries, nothing created twice).
//!
//! The emulator counts requests in a fixed one-minute window per partner tenant, as the service
//! documents it, so a throttle can only bind in a run that spans more than one window: the rate
//! is scaled up from the documented 500 per minute to 1,500, and 2,000 creates take about 80 s
//! with the limiter on. The limiter is tried at the throttle's rate and at 97 % of it: an evenly
//! spaced client at exactly the limit can still see a request arrive just before a window ends,
//! when that request travels faster than the one that opened the window.

use std::future::IntoFuture;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use futures::StreamExt;
use pc_client::Client;
use pc_emulator::{DEFAULT_APP_USER_TOKEN, DEFAULT_RESELLER_ID, EmulatorConfig, RunningEmulator};
use pc_transport::{RetryPolicy, StaticToken};
use tokio::runtime::Handle;

use crate::Mode;
use crate::report::{Report, Target};
use crate::workload;

const SECTION: &str = "bulk";

struct Sizes {
    customers: usize,
    concurrency: usize,
    /// The emulator's throttle (requests per minute), and the client's limit when it is on.
    rate: u32,
    /// The client's limits tried, in percent of `rate`.
    limiter_percent: [u32; 2],
    /// The emulator's throttle for the run with the client's limiter off.
    rate_off: u32,
}

fn sizes(mode: Mode) -> Sizes {
    match mode {
        Mode::Full => Sizes {
            customers: 2000,
            concurrency: 64,
            rate: 1500,
            limiter_percent: [100, 97],
            rate_off: 1500,
        },
        // Tiny: the limiter run does not reach the throttle; the other one meets it at once and
        // the throttle is lifted as soon as it has answered `429`, so that retries go through
        // without waiting for the window to end.
        Mode::Smoke => Sizes {
            customers: 20,
            concurrency: 64,
            rate: 6000,
            limiter_percent: [100, 97],
            rate_off: 5,
        },
    }
}

/// What one bulk run did, from the client's side and the emulator's.
struct Outcome {
    took: Duration,
    /// From the first completed call to the last.
    completions: Duration,
    failed: Vec<String>,
    /// Attempts beyond the first, summed over the successful calls.
    retries: u64,
    /// Which calls (by position in the run, from 0) needed more than one attempt.
    retried: Vec<usize>,
    /// `429`s the emulator answered.
    throttled: u64,
    created: u64,
    /// Our domains the emulator holds more than once (extra copies), and not at all.
    duplicates: usize,
    missing: usize,
    customers_held: usize,
}

impl Outcome {
    /// Calls completed per minute, measured between the first completion and the last (so
    /// `n` calls make `n - 1` intervals).
    fn rate_per_minute(&self, n: usize) -> f64 {
        n.saturating_sub(1) as f64 / self.completions.as_secs_f64().max(1e-9) * 60.0
    }
}

async fn create_all(
    client: &Client,
    emulator: &RunningEmulator,
    tag: &str,
    n: usize,
    concurrency: usize,
) -> Outcome {
    let prefixes: Vec<String> = (0..n).map(|i| format!("bulk{tag}{i:05}")).collect();
    let start = Instant::now();
    let results: Vec<_> = futures::stream::iter(prefixes.iter().enumerate())
        .map(|(index, prefix)| {
            let call = client
                .create_customer(workload::full_request(prefix, DEFAULT_RESELLER_ID))
                .into_future();
            async move { (call.await, Instant::now(), index) }
        })
        .buffer_unordered(concurrency)
        .collect()
        .await;
    let took = start.elapsed();
    let first = results.iter().map(|(_, t, _)| *t).min().unwrap_or(start);
    let last = results.iter().map(|(_, t, _)| *t).max().unwrap_or(start);
    let mut failed = Vec::new();
    let mut retries = 0u64;
    let mut retried = Vec::new();
    for (result, _, index) in &results {
        match result {
            Ok(response) => {
                retries += u64::from(response.attempts.saturating_sub(1));
                if response.attempts > 1 {
                    retried.push(*index);
                }
            }
            Err(e) => failed.push(e.to_string()),
        }
    }
    retried.sort_unstable();
    let state = emulator.state();
    let (mut duplicates, mut missing) = (0, 0);
    for prefix in &prefixes {
        match state
            .customers_with_domain(&format!("{prefix}.onmicrosoft.com"))
            .len()
        {
            0 => missing += 1,
            1 => {}
            k => duplicates += k - 1,
        }
    }
    Outcome {
        took,
        completions: last.saturating_duration_since(first),
        failed,
        retries,
        retried,
        throttled: state.counters.throttled,
        created: state.counters.customers_created,
        duplicates,
        missing,
        customers_held: state.customers.len(),
    }
}

/// The first few calls that were retried, e.g. ` (call #1500)`.
fn retried_calls(retried: &[usize]) -> String {
    match retried {
        [] => String::new(),
        [one] => format!(" (call #{one})"),
        [first, .., last] => format!(" (calls #{first} to #{last}, {} calls)", retried.len()),
    }
}

fn summary(o: &Outcome, n: usize) -> String {
    format!(
        "{} of {n} created in {:.1} s, {} held, {} failed{}, client retries {}",
        o.created,
        o.took.as_secs_f64(),
        o.customers_held,
        o.failed.len(),
        o.failed
            .first()
            .map(|e| format!(" (first: {e})"))
            .unwrap_or_default(),
        o.retries
    )
}

pub(crate) async fn run(mode: Mode, servers: &Handle, report: &mut Report) {
    let s = sizes(mode);
    let n = s.customers;
    let emulator = workload::emulator(
        servers,
        EmulatorConfig::default()
            .with_rate_limit(Some(s.rate))
            .with_vetting_delay(Duration::ZERO),
    )
    .await;
    let token = || StaticToken::new(DEFAULT_APP_USER_TOKEN);

    // The client's limiter at the emulator's rate, then a little under it.
    for percent in s.limiter_percent {
        emulator.reset();
        let limit = s.rate * percent / 100;
        let limited = Client::builder(token())
            .base_url(emulator.url())
            .rate_limit_per_minute(limit)
            .build()
            .expect("the client builds");
        let tag = format!("on{percent}");
        let on = create_all(&limited, &emulator, &tag, n, s.concurrency).await;
        let achieved = on.rate_per_minute(n);
        let label = format!("limiter at {limit}/min ({percent}% of the throttle)");
        report.ratio(
            SECTION,
            format!(
                "{label}: achieved ÷ allowed rate ({n} creates, throttle {}/min, concurrency {})",
                s.rate, s.concurrency
            ),
            achieved / f64::from(s.rate),
            Target::AtLeast(0.95),
            format!("{achieved:.0}/min; {}", summary(&on, n)),
        );
        report.count(
            SECTION,
            format!("{label}: `429`s answered by the emulator"),
            on.throttled,
            Target::Exactly(0),
            format!(
                "client retries {}{}",
                on.retries,
                retried_calls(&on.retried)
            ),
        );
        report.count(
            SECTION,
            format!("{label}: customers created twice or missing"),
            (on.duplicates + on.missing) as u64,
            Target::Exactly(0),
            format!("{} duplicates, {} missing", on.duplicates, on.missing),
        );
        if !mode.is_full() {
            assert!(on.failed.is_empty(), "{}", summary(&on, n));
            assert_eq!((on.duplicates, on.missing, on.throttled), (0, 0, 0));
        }
    }

    // No client limiter: the emulator's throttle answers `429` and the retries absorb them.
    emulator.reset();
    emulator.set_rate_limit(Some(s.rate_off));
    let mut builder = Client::builder(token()).base_url(emulator.url());
    if !mode.is_full() {
        builder = builder.retry(RetryPolicy {
            max_delay: Duration::from_millis(50),
            ..RetryPolicy::default()
        });
    }
    let unlimited = builder.build().expect("the client builds");
    let done = AtomicBool::new(false);
    let lift = async {
        // Smoke only: lift the throttle once it has answered `429`.
        while !mode.is_full() && !done.load(Ordering::SeqCst) {
            if emulator.state().counters.throttled > 0 {
                emulator.set_rate_limit(None);
                break;
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    };
    let run = async {
        let outcome = create_all(&unlimited, &emulator, "off", n, s.concurrency).await;
        done.store(true, Ordering::SeqCst);
        outcome
    };
    let (off, ()) = tokio::join!(run, lift);
    report.count(
        SECTION,
        format!(
            "limiter off: `429`s answered by the emulator (throttle {}/min)",
            s.rate_off
        ),
        off.throttled,
        Target::None,
        format!(
            "client retries {}{}; {:.0}/min overall",
            off.retries,
            retried_calls(&off.retried),
            off.rate_per_minute(n)
        ),
    );
    report.holds(
        SECTION,
        "limiter off: every `429` absorbed (no call failed, every customer created)",
        off.failed.is_empty() && off.missing == 0,
        summary(&off, n),
    );
    report.count(
        SECTION,
        "limiter off: customers created twice",
        off.duplicates as u64,
        Target::Exactly(0),
        format!(
            "emulator holds {} customers, counted {} creates",
            off.customers_held, off.created
        ),
    );
    if !mode.is_full() {
        assert!(off.failed.is_empty(), "{}", summary(&off, n));
        assert_eq!((off.duplicates, off.missing), (0, 0));
        assert!(off.throttled > 0, "the throttle answered 429");
    }
    workload::stop(servers, emulator).await;
}
