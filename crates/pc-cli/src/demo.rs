//! `pc demo`: the whole onboarding of an indirect reseller's customer, through `pc-client`,
//! against the emulator started in-process.

use std::time::{Duration, Instant};

use chrono::Utc;
use clap::Args;
use pc_cli::json::{DemoEvent, DemoStep, Exchange};
use pc_client::{Client, DomainAvailability, Response};
use pc_emulator::fault::FaultSpec;
use pc_emulator::{
    DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_REFRESH_TOKEN, DEFAULT_RESELLER_ID, Emulator,
    EmulatorConfig, RunningEmulator,
};
use pc_model::{
    AddressRequest, AgreementType, BillingProfileRequest, CompanyProfileRequest, ContactRequest,
    CreateCustomerRequest, CreateQualificationRequest, EducationSegment, QualificationKind,
};
use pc_transport::{Authority, RefreshTokenCredential};

use crate::commands::{parse_duration, qualification_line};
use crate::exit::Exit;
use crate::output::Output;
use crate::progress::Spinner;
use crate::report::failure;

/// Arguments of `pc demo`.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  pc demo
  pc demo --json                  # one JSON object per line: started, each step, finished
  pc demo --faults 0.3@close-after,503:1,truncate --seed 3   # the same flow, surviving faults

Under each step that met a fault, a line shows what the emulator received and answered, e.g.
  POST /v1/customers: no answer (close-after) → retry → 409 → read back: GET /v1/customers: 200
The emulator does not replay answers in the demo (--replay turns it on), so a write whose answer
was lost is found by reading back, as against a service that does not deduplicate.")]
pub(crate) struct DemoArgs {
    /// Inject random faults into the emulator (see `pc emulator --help`).
    #[arg(long, value_name = "SPEC", default_value = "off")]
    faults: FaultSpec,
    /// Seed of the random faults.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// How long Education vetting takes in the emulator.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "1500ms")]
    vetting_delay: Duration,
    /// Let the emulator replay the first answer to a repeated MS-RequestId (off in the demo, so
    /// that reconciliation by reading back shows).
    #[arg(long)]
    replay: bool,
    /// The emulator's request budget per minute (e.g. 5, to see throttling waits); 0 is off.
    #[arg(long, value_name = "N", default_value_t = 500)]
    rate_limit: u32,
}

const DOMAIN_PREFIX: &str = "wingtiptoysdemo";

/// The shortest wait between two requests that the human line shows.
const SHOWN_WAIT: Duration = Duration::from_millis(500);

/// Whether the client got the answer the operation made (not a fault or a refusal before it:
/// throttling, authentication).
fn answered(e: &Exchange) -> bool {
    matches!(e.outcome.as_str(), "handled" | "replayed") && e.status.is_some()
}

/// `201`, `201 (replayed)`, `503 (injected)`, `no answer (close-after)`, `429 (throttled)`.
fn answer(e: &Exchange) -> String {
    let status = e
        .status
        .map_or_else(|| "no answer".to_owned(), |s| s.to_string());
    match e.outcome.as_str() {
        "handled" => status,
        "replayed" | "throttled" | "unauthorized" => format!("{status} ({})", e.outcome),
        fault if e.status.is_some() => format!("{status} (injected {fault})"),
        fault => format!("{status} ({fault})"),
    }
}

/// What the emulator received during a step, as one line: runs of the same request joined,
/// `→ retry →` after a failed answer (with the wait when it was long), a read-back named.
fn exchanges_line(exchanges: &[Exchange], reconciled: bool) -> String {
    let mut line = String::new();
    let mut previous: Option<&Exchange> = None;
    let mut runs = 0;
    for e in exchanges {
        let same = previous.is_some_and(|p| p.method == e.method && p.path == e.path);
        match previous {
            Some(p) if same => {
                line.push_str(" → ");
                if !answered(p) {
                    let waited = Duration::from_millis(e.waited_ms);
                    if waited >= SHOWN_WAIT {
                        line.push_str(&format!("waited {:.1} s → ", waited.as_secs_f64()));
                    }
                    line.push_str("retry → ");
                }
            }
            Some(_) => {
                line.push_str(if reconciled && runs == 1 {
                    " → read back: "
                } else {
                    "; "
                });
            }
            None => {}
        }
        if !same {
            runs += 1;
            line.push_str(&format!("{} {}: ", e.method, e.path));
        }
        line.push_str(&answer(e));
        previous = Some(e);
    }
    line
}

/// The human line of a step and its events, or one JSON object per step with `--json`.
struct Steps<'a> {
    out: &'a mut Output,
    emulator: &'a RunningEmulator,
    /// Requests of the record already shown (dropped ones included).
    seen: u64,
}

impl Steps<'_> {
    /// What the emulator received since the last step.
    fn exchanges(&mut self) -> Vec<Exchange> {
        let record = self.emulator.received();
        let total = record.dropped + record.requests.len() as u64;
        let new = usize::try_from(total.saturating_sub(self.seen)).unwrap_or(usize::MAX);
        self.seen = total;
        let requests = &record.requests[record.requests.len().saturating_sub(new)..];
        let mut last = None;
        requests
            .iter()
            .map(|r| {
                let waited = last.map_or(Duration::ZERO, |at: Duration| {
                    r.received_after.saturating_sub(at)
                });
                last = Some(r.received_after);
                Exchange {
                    method: r.method.clone(),
                    path: r.path.clone(),
                    status: r.status,
                    outcome: r.outcome.clone().unwrap_or_else(|| "unanswered".to_owned()),
                    waited_ms: u64::try_from(waited.as_millis()).unwrap_or(u64::MAX),
                }
            })
            .collect()
    }

    fn step<T>(&mut self, step: &str, summary: String, r: &Response<T>) {
        let received = self.exchanges();
        if self.out.json() {
            let event = DemoEvent::Step(DemoStep {
                step: step.to_owned(),
                summary,
                request_id: r.ids.request_id.to_string(),
                correlation_id: r.ids.correlation_id.to_string(),
                cv: r.ids.cv.clone(),
                status: r.status,
                attempts: r.attempts,
                reconciled: r.reconciled,
                received,
            });
            self.out.json_doc(&event);
            return;
        }
        let note = if r.reconciled {
            " (read back after a lost answer)"
        } else {
            ""
        };
        self.out.line(&format!(
            "✓ {summary}{note}  [MS-RequestId {}]",
            r.ids.request_id
        ));
        if r.attempts > 1 || r.reconciled || received.iter().any(|e| !answered(e)) {
            self.out
                .line(&format!("    {}", exchanges_line(&received, r.reconciled)));
        }
    }
}

/// Runs the demo; exits 0 when every step succeeded.
pub(crate) async fn run(args: &DemoArgs, out: &mut Output) -> Exit {
    let started = Instant::now();
    let config = EmulatorConfig::default()
        .with_vetting_delay(args.vetting_delay)
        .with_replay(args.replay)
        .with_rate_limit(Some(args.rate_limit))
        .with_fault_spec(args.seed, &args.faults);
    let tenant = config.partner_tenant_id;
    let emulator = match Emulator::start(config).await {
        Ok(e) => e,
        Err(e) => {
            out.error(&format!("cannot start the emulator: {e}"));
            return Exit::Service;
        }
    };
    let client = match client(&emulator, tenant) {
        Ok(c) => c,
        Err(e) => return failure(out, &e),
    };
    if out.json() {
        let event = DemoEvent::Started {
            emulator: emulator.url().to_owned(),
            reseller: DEFAULT_RESELLER_ID.to_string(),
            faults: args.faults.to_string(),
            seed: args.seed,
            replay: args.replay,
        };
        out.json_doc(&event);
    } else {
        let faults = match args.faults.to_string().as_str() {
            "off" => String::new(),
            spec => format!(
                " (faults {spec}, seed {}, replay {})",
                args.seed,
                if args.replay { "on" } else { "off" }
            ),
        };
        out.line(&format!(
            "Onboarding a customer of indirect reseller {DEFAULT_RESELLER_ID} on the emulator at {}{faults}",
            emulator.url()
        ));
    }
    let mut steps = Steps {
        out,
        emulator: &emulator,
        seen: 0,
    };
    let result = flow(&client, &mut steps).await;
    let exit = match result {
        Ok(()) => {
            let state = emulator.state();
            let seconds = started.elapsed().as_secs_f64();
            let (requests, faults) = (state.counters.requests, state.counters.faults_injected);
            if out.json() {
                let event = DemoEvent::Finished {
                    seconds,
                    requests,
                    faults_survived: faults,
                };
                out.json_doc(&event);
            } else {
                out.line(&done_line(seconds, requests, faults));
            }
            Exit::Success
        }
        Err(e) => failure(out, &e),
    };
    emulator.shutdown().await;
    exit
}

/// The human line that ends a run: `Done in 2.3 s: 24 requests, 1 injected fault survived.`
fn done_line(seconds: f64, requests: u64, faults: u64) -> String {
    let faults = match faults {
        0 => String::new(),
        1 => ", 1 injected fault survived".to_owned(),
        n => format!(", {n} injected faults survived"),
    };
    format!("Done in {seconds:.1} s: {requests} requests{faults}.")
}

fn client(
    emulator: &pc_emulator::RunningEmulator,
    tenant: impl std::fmt::Display,
) -> Result<Client, pc_client::Error> {
    let authority = Authority::custom(emulator.token_authority())?;
    let credential =
        RefreshTokenCredential::new(tenant.to_string(), DEFAULT_CLIENT_ID, DEFAULT_REFRESH_TOKEN)
            .with_client_secret(DEFAULT_CLIENT_SECRET)
            .with_authority(authority);
    Client::builder(credential)
        .base_url(emulator.url())
        .application_name("pc-demo")
        .vetting_poll(
            Duration::from_millis(250),
            Duration::from_secs(1),
            Duration::from_secs(120),
        )
        .customer_poll(
            Duration::from_millis(250),
            Duration::from_secs(2),
            Duration::from_secs(120),
        )
        .build()
}

async fn flow(client: &Client, steps: &mut Steps<'_>) -> Result<(), pc_client::Error> {
    let domain = format!("{DOMAIN_PREFIX}.onmicrosoft.com");
    let check = client.check_domain(&domain).await?;
    let free = check.value == DomainAvailability::Available;
    steps.step(
        "check-domain",
        format!(
            "domain {domain} is {}",
            if free { "available" } else { "taken" }
        ),
        &check,
    );

    let address = AddressRequest::new(pc_model::CountryCode::new("US").map_err(invalid)?)
        .with_address_line1("One Microsoft Way")
        .with_first_name("Gena")
        .with_last_name("Soto")
        .with_city("Redmond")
        .with_state("WA")
        .with_postal_code("98052")
        .with_phone_number("4255550101");
    let request = CreateCustomerRequest::new(
        CompanyProfileRequest::new(&domain),
        BillingProfileRequest::new(address)
            .with_email("gena@wingtiptoys.com")
            .with_culture("en-US")
            .with_language("en")
            .with_company_name("Wingtip Toys"),
    );
    let customer = client
        .create_customer_for_reseller(DEFAULT_RESELLER_ID, request)
        .await?;
    let id = customer
        .tenant_id()
        .ok_or_else(|| invalid("the service returned no tenant id"))?;
    // A customer found by reading back has no credentials: the service shows them only in the
    // lost answer.
    let admin = crate::commands::admin_line(&customer, |p| p.masked().to_owned())
        .unwrap_or_else(|| "admin password not received (lost with the answer)".to_owned());
    steps.step(
        "create-customer",
        format!("created customer {id} for the reseller; {admin}"),
        &customer,
    );

    let readable = client.wait_for_customer(id).await?;
    steps.step(
        "wait-for-customer",
        format!("customer {} is readable", readable.domain().unwrap_or("?")),
        &readable,
    );

    let contact = ContactRequest::new("gena@wingtiptoys.com")
        .with_first_name("Gena")
        .with_last_name("Soto")
        .with_phone_number("4255550101");
    let agreement = client
        .confirm_customer_agreement(id, contact, Utc::now())
        .await?;
    steps.step(
        "confirm-agreement",
        format!(
            "confirmed the Microsoft Customer Agreement (template {}) for Gena Soto",
            agreement
                .template_id
                .map_or("?".to_owned(), |t| t.to_string())
        ),
        &agreement,
    );

    let education = CreateQualificationRequest::education_with_website(
        EducationSegment::HigherEducation,
        "wingtiptoys.edu",
    );
    let requested = client.create_qualification(id, education).await?;
    steps.step(
        "request-education",
        format!("requested {}", qualification_line(&requested)),
        &requested,
    );

    let spinner = Spinner::new(steps.out, "waiting for Education vetting");
    let progress = spinner.clone();
    let vetted = client
        .wait_for_vetting(id, QualificationKind::Education)
        .on_change(move |q| {
            progress.set(&format!("waiting for vetting: {}", qualification_line(q)))
        })
        .await;
    spinner.finish();
    let vetted = vetted?;
    steps.step(
        "wait-for-vetting",
        format!("vetting finished: {}", qualification_line(&vetted)),
        &vetted,
    );

    let codes = client.validation_codes().await?;
    let code = codes
        .iter()
        .find(|c| c.remaining_creates.unwrap_or(0) > 0)
        .and_then(|c| c.validation_id.clone())
        .ok_or_else(|| invalid("the partner has no GCC validation code with creates left"))?;
    steps.step(
        "validation-codes",
        format!("found GCC validation code {code}"),
        &codes,
    );
    let gcc = client
        .create_qualification(
            id,
            CreateQualificationRequest::government_community_cloud(&code),
        )
        .await?;
    steps.step(
        "request-gcc",
        format!("requested {}", qualification_line(&gcc)),
        &gcc,
    );

    let agreements = client
        .list_agreements(id, Some(AgreementType::MicrosoftCustomerAgreement))
        .await?;
    steps.step(
        "list-agreements",
        format!(
            "customer has {} confirmed agreement(s)",
            agreements.items.len()
        ),
        &agreements,
    );
    let qualifications = client.list_qualifications(id).await?;
    let summary: Vec<String> = qualifications.iter().map(qualification_line).collect();
    steps.step(
        "list-qualifications",
        format!("customer's qualifications: {}", summary.join("; ")),
        &qualifications,
    );
    Ok(())
}

fn invalid(message: impl std::fmt::Display) -> pc_client::Error {
    pc_client::Error::from(pc_model::Violations::from(pc_model::Violation::new(
        "",
        pc_model::ViolationCode::InvalidValue,
        message.to_string(),
    )))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn exchange(path: &str, status: Option<u16>, outcome: &str, waited_ms: u64) -> Exchange {
        Exchange {
            method: "GET".to_owned(),
            path: path.to_owned(),
            status,
            outcome: outcome.to_owned(),
            waited_ms,
        }
    }

    #[test]
    fn the_summary_counts_faults_in_words() {
        assert_eq!(done_line(2.34, 24, 0), "Done in 2.3 s: 24 requests.");
        assert_eq!(
            done_line(2.0, 25, 1),
            "Done in 2.0 s: 25 requests, 1 injected fault survived."
        );
        assert_eq!(
            done_line(3.05, 30, 4),
            "Done in 3.0 s: 30 requests, 4 injected faults survived."
        );
    }

    #[test]
    fn a_throttling_wait_is_shown_with_its_length() {
        let path = "/v1/customers/<customer-1>";
        let line = exchanges_line(
            &[
                exchange(path, Some(429), "throttled", 0),
                exchange(path, Some(200), "handled", 12_345),
            ],
            false,
        );
        assert_eq!(
            line,
            format!("GET {path}: 429 (throttled) → waited 12.3 s → retry → 200")
        );
        // A short wait is not worth a mention; the retry still is.
        let line = exchanges_line(
            &[
                exchange(path, Some(429), "throttled", 0),
                exchange(path, Some(200), "handled", 20),
            ],
            false,
        );
        assert_eq!(line, format!("GET {path}: 429 (throttled) → retry → 200"));
    }

    #[tokio::test]
    async fn the_emulator_s_throttling_is_shown_as_such() {
        // A budget of one request a minute: the second call is throttled, and gives up at once
        // since the wait asked for is longer than its time limit.
        let config = EmulatorConfig::default().with_rate_limit(Some(1));
        let emulator = Emulator::start(config).await.unwrap();
        let client = Client::builder(pc_transport::StaticToken::new(
            pc_emulator::DEFAULT_APP_USER_TOKEN,
        ))
        .base_url(emulator.url())
        .build()
        .unwrap();
        let first = client
            .validation_codes()
            .timeout(Duration::from_secs(5))
            .await;
        assert!(first.is_ok(), "{first:?}");
        let second = client
            .validation_codes()
            .timeout(Duration::from_secs(5))
            .await;
        assert_eq!(second.unwrap_err().status(), Some(429));
        let mut out = Output::new(true);
        let mut steps = Steps {
            out: &mut out,
            emulator: &emulator,
            seen: 0,
        };
        let received = steps.exchanges();
        assert_eq!(
            exchanges_line(&received, false),
            "GET /v1/customers/all/validations: 200 → 429 (throttled)"
        );
        emulator.shutdown().await;
    }
}
