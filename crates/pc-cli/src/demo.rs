//! `pc demo`: the whole onboarding of an indirect reseller's customer, through `pc-client`,
//! against the emulator started in-process.

use std::time::{Duration, Instant};

use chrono::Utc;
use clap::Args;
use pc_client::{Client, DomainAvailability, Response};
use pc_emulator::fault::FaultSpec;
use pc_emulator::{
    DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_REFRESH_TOKEN, DEFAULT_RESELLER_ID, Emulator,
    EmulatorConfig,
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
  pc demo --faults 0.3@close-after,503:1,truncate --seed 3   # the same flow, surviving faults")]
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
}

const DOMAIN_PREFIX: &str = "wingtiptoysdemo";

fn step<T>(out: &mut Output, text: &str, r: &Response<T>) {
    let note = if r.reconciled {
        " (read back after a retry)"
    } else {
        ""
    };
    out.line(&format!(
        "✓ {text}{note}  [MS-RequestId {}]",
        r.ids.request_id
    ));
}

/// Runs the demo; exits 0 when every step succeeded.
pub(crate) async fn run(args: &DemoArgs, out: &mut Output) -> Exit {
    let started = Instant::now();
    let config = EmulatorConfig::default()
        .with_vetting_delay(args.vetting_delay)
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
    out.line(&format!(
        "Onboarding a customer of indirect reseller {DEFAULT_RESELLER_ID} on the emulator at {}",
        emulator.url()
    ));
    let exit = match flow(&client, out).await {
        Ok(()) => {
            let state = emulator.state();
            let faults = match state.counters.faults_injected {
                0 => String::new(),
                n => format!(", {n} injected faults survived"),
            };
            out.line(&format!(
                "Done in {:.1} s: {} requests{faults}.",
                started.elapsed().as_secs_f64(),
                state.counters.requests,
            ));
            Exit::Success
        }
        Err(e) => failure(out, &e),
    };
    emulator.shutdown().await;
    exit
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

async fn flow(client: &Client, out: &mut Output) -> Result<(), pc_client::Error> {
    let domain = format!("{DOMAIN_PREFIX}.onmicrosoft.com");
    let check = client.check_domain(&domain).await?;
    let free = check.value == DomainAvailability::Available;
    step(
        out,
        &format!(
            "domain {domain} is {}",
            if free { "available" } else { "taken" }
        ),
        &check,
    );

    let address = AddressRequest::new(
        pc_model::CountryCode::new("US").map_err(invalid)?,
        "One Microsoft Way",
        "Gena",
        "Soto",
    )
    .with_city("Redmond")
    .with_state("WA")
    .with_postal_code("98052")
    .with_phone_number("4255550101");
    let request = CreateCustomerRequest::new(
        CompanyProfileRequest::new(&domain),
        BillingProfileRequest::new(
            "gena@wingtiptoys.com",
            "en-US",
            "en",
            "Wingtip Toys",
            address,
        ),
    );
    let customer = client
        .create_customer_for_reseller(DEFAULT_RESELLER_ID, request)
        .await?;
    let id = customer
        .tenant_id()
        .ok_or_else(|| invalid("the service returned no tenant id"))?;
    let admin = customer.user_credentials.as_ref();
    step(
        out,
        &format!(
            "created customer {id} for the reseller; admin {}, password {}",
            admin.and_then(|c| c.user_name.as_deref()).unwrap_or("?"),
            admin
                .and_then(|c| c.password.as_ref())
                .map_or("(not returned)", |p| p.masked())
        ),
        &customer,
    );

    let readable = client.wait_for_customer(id).await?;
    step(
        out,
        &format!("customer {} is readable", readable.domain().unwrap_or("?")),
        &readable,
    );

    let contact =
        ContactRequest::new("Gena", "Soto", "gena@wingtiptoys.com").with_phone_number("4255550101");
    let agreement = client
        .confirm_customer_agreement(id, contact, Utc::now())
        .await?;
    step(
        out,
        &format!(
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
    step(
        out,
        &format!("requested {}", qualification_line(&requested)),
        &requested,
    );

    let spinner = Spinner::new(out, "waiting for Education vetting");
    let progress = spinner.clone();
    let vetted = client
        .wait_for_vetting(id, QualificationKind::Education)
        .on_change(move |q| {
            progress.set(&format!("waiting for vetting: {}", qualification_line(q)))
        })
        .await;
    spinner.finish();
    let vetted = vetted?;
    step(
        out,
        &format!("vetting finished: {}", qualification_line(&vetted)),
        &vetted,
    );

    let codes = client.validation_codes().await?;
    let code = codes
        .iter()
        .find(|c| c.remaining_creates.unwrap_or(0) > 0)
        .and_then(|c| c.validation_id.clone())
        .ok_or_else(|| invalid("the partner has no GCC validation code with creates left"))?;
    step(out, &format!("found GCC validation code {code}"), &codes);
    let gcc = client
        .create_qualification(
            id,
            CreateQualificationRequest::government_community_cloud(&code),
        )
        .await?;
    step(
        out,
        &format!("requested {}", qualification_line(&gcc)),
        &gcc,
    );

    let agreements = client
        .list_agreements(id, Some(AgreementType::MicrosoftCustomerAgreement))
        .await?;
    step(
        out,
        &format!(
            "customer has {} confirmed agreement(s)",
            agreements.items.len()
        ),
        &agreements,
    );
    let qualifications = client.list_qualifications(id).await?;
    let summary: Vec<String> = qualifications.iter().map(qualification_line).collect();
    step(
        out,
        &format!("customer's qualifications: {}", summary.join("; ")),
        &qualifications,
    );
    Ok(())
}

fn invalid(message: impl std::fmt::Display) -> pc_client::Error {
    pc_client::Error::Invalid(
        pc_model::Violation::new(
            "",
            pc_model::ViolationCode::InvalidValue,
            message.to_string(),
        )
        .into(),
    )
}
