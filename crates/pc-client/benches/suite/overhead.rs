//! Section 2: what the client costs on top of a hand-written reqwest call with the same headers
//! and serde decoding, against the same minimal fixed-response server.

use std::future::{Future, IntoFuture};
use std::time::{Duration, Instant};

use futures::StreamExt;
use pc_client::Client;
use pc_emulator::DEFAULT_RESELLER_ID;
use pc_model::{CreateCustomerRequest, Customer, CustomerTenantId, Qualification};
use pc_transport::StaticToken;
/// What the transport sends as `MS-PartnerCenter-Client` and `User-Agent`.
const CLIENT_NAME: &str = concat!("pc-transport/", env!("CARGO_PKG_VERSION"));
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderValue};
use tokio::runtime::Handle;

use crate::Mode;
use crate::measure::{self, Paired};
use crate::report::{Report, Target};
use crate::server::FixedServer;
use crate::workload;

const SECTION: &str = "overhead";
const TOKEN: &str = "bench-static-token";
/// The documented list answer the fixed server gives to every `GET`.
const LIST_ANSWER: &str = "qualifications-get-approved-with-soe.response.docs.json";

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// What a careful hand-written integration does: one shared reqwest client with timeouts, the
/// documented headers, new request and correlation ids per call, serde decoding.
struct HandWritten {
    http: reqwest::Client,
    base: String,
    auth: HeaderValue,
}

impl HandWritten {
    fn new(base: &str) -> Self {
        let http = reqwest::Client::builder()
            .user_agent(CLIENT_NAME)
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(30))
            .build()
            .expect("a reqwest client builds");
        let mut auth =
            HeaderValue::try_from(format!("Bearer {TOKEN}")).expect("the token is header-safe");
        auth.set_sensitive(true);
        Self {
            http,
            base: base.to_owned(),
            auth,
        }
    }

    fn headers(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        request
            .header(AUTHORIZATION, self.auth.clone())
            .header(ACCEPT, "application/json")
            .header("MS-RequestId", uuid::Uuid::new_v4().to_string())
            .header("MS-CorrelationId", uuid::Uuid::new_v4().to_string())
            .header("MS-Contract-Version", "v1")
            .header("X-Locale", "en-US")
            .header("MS-PartnerCenter-Client", CLIENT_NAME)
    }

    async fn read<T: serde::de::DeserializeOwned>(
        request: reqwest::RequestBuilder,
    ) -> Result<T, BoxError> {
        let response = request.send().await?;
        let status = response.status();
        let body = response.bytes().await?;
        if !status.is_success() {
            return Err(format!("status {status}").into());
        }
        Ok(serde_json::from_slice(&body)?)
    }

    async fn list_qualifications(
        &self,
        customer: CustomerTenantId,
    ) -> Result<Vec<Qualification>, BoxError> {
        let url = format!("{}/v1/customers/{customer}/qualifications", self.base);
        Self::read(self.headers(self.http.get(url))).await
    }

    async fn create_customer(&self, request: CreateCustomerRequest) -> Result<Customer, BoxError> {
        let body = serde_json::to_vec(&request)?;
        let url = format!("{}/v1/customers", self.base);
        Self::read(
            self.headers(self.http.post(url))
                .header(CONTENT_TYPE, "application/json")
                .body(body),
        )
        .await
    }
}

struct Sizes {
    rounds: usize,
    /// Calls per batch at concurrency 1 and 64.
    calls: [usize; 2],
}

fn sizes(mode: Mode) -> Sizes {
    match mode {
        Mode::Full => Sizes {
            rounds: 31,
            calls: [300, 3000],
        },
        Mode::Smoke => Sizes {
            rounds: 2,
            calls: [3, 64],
        },
    }
}

/// One batch: `calls` calls of `make`, `concurrency` in flight. Returns the batch's duration and
/// each call's latency in nanoseconds.
async fn batch<F, Fut>(make: &F, calls: usize, concurrency: usize) -> (Duration, Vec<f64>)
where
    F: Fn() -> Fut,
    Fut: Future<Output = ()>,
{
    let start = Instant::now();
    let latencies: Vec<f64> = futures::stream::iter(0..calls)
        .map(|_| {
            let call = make();
            async move {
                let t = Instant::now();
                call.await;
                t.elapsed().as_nanos() as f64
            }
        })
        .buffer_unordered(concurrency)
        .collect()
        .await;
    (start.elapsed(), latencies)
}

/// Per round and side: the median call latency and the throughput (calls per second).
struct Comparison {
    latency: Paired,
    throughput: Paired,
}

async fn compare<FA, FutA, FB, FutB>(
    rounds: usize,
    calls: usize,
    concurrency: usize,
    a: FA,
    b: FB,
) -> Comparison
where
    FA: Fn() -> FutA,
    FutA: Future<Output = ()>,
    FB: Fn() -> FutB,
    FutB: Future<Output = ()>,
{
    // Warm up both: connections open, pools and allocator caches filled.
    batch(&a, calls.max(concurrency), concurrency).await;
    batch(&b, calls.max(concurrency), concurrency).await;
    let mut latency = Paired::default();
    let mut throughput = Paired::default();
    for round in 0..rounds {
        let (ra, rb) = if round.is_multiple_of(2) {
            let ra = batch(&a, calls, concurrency).await;
            let rb = batch(&b, calls, concurrency).await;
            (ra, rb)
        } else {
            let rb = batch(&b, calls, concurrency).await;
            let ra = batch(&a, calls, concurrency).await;
            (ra, rb)
        };
        latency.push(measure::median(&ra.1), measure::median(&rb.1));
        throughput.push(
            calls as f64 / ra.0.as_secs_f64(),
            calls as f64 / rb.0.as_secs_f64(),
        );
    }
    Comparison {
        latency,
        throughput,
    }
}

fn report_comparison(report: &mut Report, what: &str, concurrency: usize, c: &Comparison) {
    let judged = |t| {
        if what.contains("validation off") {
            Target::None
        } else {
            t
        }
    };
    report.ratio(
        SECTION,
        format!("{what}, concurrency {concurrency}: latency client ÷ hand-written"),
        c.latency.ratio(),
        judged(Target::AtMost(1.05)),
        format!(
            "median {} vs {}, {} rounds",
            measure::ns(c.latency.median_a()),
            measure::ns(c.latency.median_b()),
            c.latency.a.len()
        ),
    );
    report.ratio(
        SECTION,
        format!("{what}, concurrency {concurrency}: throughput client ÷ hand-written"),
        c.throughput.ratio(),
        judged(Target::AtLeast(0.95)),
        format!(
            "median {:.0}/s vs {:.0}/s",
            c.throughput.median_a(),
            c.throughput.median_b()
        ),
    );
}

pub(crate) async fn run(mode: Mode, servers: &Handle, report: &mut Report) {
    let sizes = sizes(mode);
    let server = FixedServer::start(
        servers,
        workload::fixture(LIST_ANSWER).as_bytes(),
        workload::fixture(workload::CUSTOMER_201).as_bytes(),
    );
    let client = Client::builder(StaticToken::new(TOKEN))
        .base_url(server.url())
        .build()
        .expect("the client builds");
    let hand = HandWritten::new(server.url());
    let customer = CustomerTenantId::new_v4();
    let request = workload::full_request("wingtiptoysbench", DEFAULT_RESELLER_ID);

    // Both sides must send the same headers, or the comparison means nothing.
    server.capture(true);
    let mut same = true;
    let mut names = String::new();
    for post in [false, true] {
        if post {
            client
                .create_customer(request.clone())
                .await
                .expect("the client creates");
        } else {
            client
                .list_qualifications(customer)
                .await
                .expect("the client lists");
        }
        let ours = server
            .take_header_names(post)
            .expect("a request was captured");
        if post {
            hand.create_customer(request.clone())
                .await
                .expect("the hand-written call creates");
        } else {
            hand.list_qualifications(customer)
                .await
                .expect("the hand-written call lists");
        }
        let theirs = server
            .take_header_names(post)
            .expect("a request was captured");
        assert_eq!(
            ours, theirs,
            "the client and the hand-written call must send the same headers"
        );
        same &= ours == theirs;
        if post {
            names = ours.join(", ");
        }
    }
    server.capture(false);
    report.holds(
        SECTION,
        "both sides send the same header names",
        same,
        format!("`POST`: {names}"),
    );

    let (client, hand, request) = (&client, &hand, &request);
    let list_client = move || {
        let call = client.list_qualifications(customer).into_future();
        async move {
            call.await.expect("the client lists");
        }
    };
    let list_hand = move || async move {
        hand.list_qualifications(customer)
            .await
            .expect("the hand-written call lists");
    };
    let create_client = move || {
        let call = client.create_customer(request.clone()).into_future();
        async move {
            call.await.expect("the client creates");
        }
    };
    let create_client_unvalidated = move || {
        let call = client
            .create_customer(request.clone())
            .skip_validation()
            .into_future();
        async move {
            call.await.expect("the client creates");
        }
    };
    let create_hand = move || {
        let request = request.clone();
        async move {
            hand.create_customer(request)
                .await
                .expect("the hand-written call creates");
        }
    };

    for (i, concurrency) in [1usize, 64].into_iter().enumerate() {
        let calls = sizes.calls[i];
        let c = compare(sizes.rounds, calls, concurrency, list_client, list_hand).await;
        report_comparison(report, "list qualifications", concurrency, &c);
        let c = compare(sizes.rounds, calls, concurrency, create_client, create_hand).await;
        report_comparison(report, "create customer", concurrency, &c);
        let c = compare(
            sizes.rounds,
            calls,
            concurrency,
            create_client_unvalidated,
            create_hand,
        )
        .await;
        report_comparison(report, "create customer (validation off)", concurrency, &c);
    }
}
