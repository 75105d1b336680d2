//! The operation commands: customers, domains, agreements, qualifications, validation codes.

use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Utc};
use clap::builder::{PossibleValue, StringValueParser, TypedValueParser};
use clap::{Args, Subcommand};
use pc_cli::json::DomainCheck;
use pc_client::{CallOptions, Client, CorrelationId, DomainAvailability, RequestId, Response};
use pc_model::{
    AgreementType, ContactRequest, CreateCustomerRequest, CreateQualificationRequest, Customer,
    CustomerTenantId, EducationSegment, Qualification, QualificationKind, RequestedQualification,
    ResellerTenantId, UnknownName, ValidationContext,
};

use crate::exit::Exit;
use crate::output::Output;
use crate::report::{failure, success};

/// Per-call options every operation takes.
#[derive(Debug, Args)]
#[command(next_help_heading = "Call options")]
pub(crate) struct CallArgs {
    /// MS-RequestId to send (the idempotency key): reuse it to repeat an operation safely.
    #[arg(long, global = true, value_name = "GUID")]
    request_id: Option<RequestId>,
    /// MS-CorrelationId to send, to tie several calls together.
    #[arg(long, global = true, value_name = "GUID")]
    correlation_id: Option<CorrelationId>,
    /// Time limit of the whole call, e.g. 30s or 2m.
    #[arg(long, global = true, value_name = "DURATION", value_parser = parse_limit)]
    timeout: Option<Duration>,
}

impl CallArgs {
    pub(crate) fn options(&self) -> CallOptions {
        let mut options = CallOptions::default();
        options.request_id = self.request_id;
        options.correlation_id = self.correlation_id;
        options.timeout = self.timeout;
        options
    }
}

pub(crate) fn parse_duration(text: &str) -> Result<Duration, String> {
    pc_emulator::fault::parse_duration(text).map_err(|e| e.to_string())
}

/// The longest time limit or poll interval `pc` takes: anything longer is surely a mistake (and
/// could not be added to a clock).
const MAX_LIMIT: Duration = Duration::from_secs(30 * 24 * 3600);

/// A time limit or poll interval: a duration more than zero and at most 30 days.
pub(crate) fn parse_limit(text: &str) -> Result<Duration, String> {
    let duration = parse_duration(text)?;
    if duration.is_zero() {
        return Err("must be more than zero, e.g. 30s or 2m".to_owned());
    }
    if duration > MAX_LIMIT {
        return Err("must be at most 30 days".to_owned());
    }
    Ok(duration)
}

fn parse_time(text: &str) -> Result<DateTime<Utc>, String> {
    pc_model::time::parse(text).map_err(|e| e.to_string())
}

/// An argument naming a value of a `pc-model` enum: the enum reads it (its wire name or a short
/// name, in any case) and lists its wire names for `--help` and shell completions, so the
/// spellings are written once, in `pc-model`.
#[derive(Clone)]
pub(crate) struct Named<T> {
    names: &'static [&'static str],
    parse: fn(&str) -> Result<T, UnknownName>,
}

impl<T> Named<T> {
    pub(crate) const fn new(
        names: &'static [&'static str],
        parse: fn(&str) -> Result<T, UnknownName>,
    ) -> Self {
        Self { names, parse }
    }
}

impl<T: Clone + Send + Sync + 'static> TypedValueParser for Named<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<T, clap::Error> {
        let parse = self.parse;
        StringValueParser::new()
            .try_map(move |text: String| parse(&text))
            .parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.names.iter().copied().map(PossibleValue::new)))
    }
}

/// `--segment`: an [`EducationSegment`].
fn segment_arg() -> Named<EducationSegment> {
    Named::new(EducationSegment::NAMES, str::parse)
}

/// A qualification kind: a [`RequestedQualification`].
fn kind_arg() -> Named<RequestedQualification> {
    Named::new(RequestedQualification::NAMES, str::parse)
}

/// `--type`: a known [`AgreementType`].
fn agreement_type_arg() -> Named<AgreementType> {
    Named::new(AgreementType::KNOWN, AgreementType::parse_known)
}

/// `pc customers …`.
#[derive(Debug, Subcommand)]
pub(crate) enum CustomersCommand {
    /// Create a customer from a JSON body (camelCase or PascalCase), validated first.
    #[command(
        after_help = "Examples:\n  pc customers create new-customer.json\n  pc customers create new-customer.json --reseller 484e548c-f5f3-4528-93a9-c16c6373cb59"
    )]
    Create {
        /// The create-customer body, or `-` for standard input.
        file: PathBuf,
        /// Create the customer for this indirect reseller (sets associatedPartnerId).
        #[arg(long, value_name = "ID")]
        reseller: Option<ResellerTenantId>,
        /// Print the new admin password instead of masking it.
        #[arg(long)]
        reveal_password: bool,
    },
    /// Read a customer.
    #[command(after_help = "Example:\n  pc customers get 626099fe-17af-4756-9fd0-6a73b7127859")]
    Get {
        /// The customer's tenant id.
        id: CustomerTenantId,
    },
    /// List the customers whose domain starts with a prefix.
    #[command(after_help = "Example:\n  pc customers search wingtip")]
    Search {
        /// The domain prefix.
        prefix: String,
    },
}

/// `pc domains …`.
#[derive(Debug, Subcommand)]
pub(crate) enum DomainsCommand {
    /// Say whether a domain is free for a new customer.
    #[command(after_help = "Example:\n  pc domains check wingtiptoys.onmicrosoft.com")]
    Check {
        /// The domain, e.g. wingtiptoys.onmicrosoft.com.
        domain: String,
    },
}

/// `pc agreements …`.
#[derive(Debug, Subcommand)]
pub(crate) enum AgreementsCommand {
    /// Show agreement templates (default: the Microsoft Customer Agreement).
    #[command(after_help = "Example:\n  pc agreements metadata --type mca")]
    Metadata {
        /// Which agreement (any case; mca or cloud for short).
        #[arg(long = "type", value_parser = agreement_type_arg(), default_value = "MicrosoftCustomerAgreement")]
        agreement_type: AgreementType,
    },
    /// Record that a customer accepted the Microsoft Customer Agreement.
    #[command(
        after_help = "Example:\n  pc agreements confirm 626099fe-17af-4756-9fd0-6a73b7127859 \\\n    --first-name Tania --last-name Carr --email tania@contoso.com --date 2024-05-01T09:00:00Z"
    )]
    Confirm {
        /// The customer's tenant id.
        id: CustomerTenantId,
        /// First name of the person who accepted.
        #[arg(long)]
        first_name: String,
        /// Last name of the person who accepted.
        #[arg(long)]
        last_name: String,
        /// Their email address.
        #[arg(long)]
        email: String,
        /// Their phone number.
        #[arg(long)]
        phone: Option<String>,
        /// When they accepted (RFC 3339, not in the future) [default: now].
        #[arg(long, value_parser = parse_time)]
        date: Option<DateTime<Utc>>,
    },
    /// List a customer's confirmed agreements.
    #[command(
        after_help = "Example:\n  pc agreements list 626099fe-17af-4756-9fd0-6a73b7127859 --type mca"
    )]
    List {
        /// The customer's tenant id.
        id: CustomerTenantId,
        /// Which agreements. Without it the service's default applies: only Microsoft Cloud
        /// Agreement records (use `--type mca` for Microsoft Customer Agreement confirmations).
        /// Any case; mca or cloud for short.
        #[arg(long = "type", value_parser = agreement_type_arg())]
        agreement_type: Option<AgreementType>,
    },
}

/// `pc qualifications …`.
#[derive(Debug, Subcommand)]
pub(crate) enum QualificationsCommand {
    /// Request a qualification for a customer.
    #[command(
        after_help = "Examples:\n  pc qualifications create ID education --segment higher-education --website contoso.edu\n  pc qualifications create ID gcc --code 123456\n  pc qualifications create ID soe"
    )]
    Create {
        /// The customer's tenant id.
        id: CustomerTenantId,
        /// The qualification (any case; gcc or soe for short). Education needs --segment,
        /// GovernmentCommunityCloud needs --code.
        #[arg(value_name = "KIND", value_parser = kind_arg())]
        kind: RequestedQualification,
        /// Education segment (any case, e.g. k12 or higher-education).
        #[arg(long, value_name = "SEGMENT", value_parser = segment_arg())]
        segment: Option<EducationSegment>,
        /// The institution's website (Education only).
        #[arg(long)]
        website: Option<String>,
        /// The partner's GCC validation code (see `pc validation-codes`).
        #[arg(long)]
        code: Option<String>,
    },
    /// List a customer's qualifications and their vetting.
    #[command(
        after_help = "Example:\n  pc qualifications list 626099fe-17af-4756-9fd0-6a73b7127859"
    )]
    List {
        /// The customer's tenant id.
        id: CustomerTenantId,
    },
    /// Wait until a qualification's vetting is Approved or Denied.
    #[command(
        after_help = "Example:\n  pc qualifications wait 626099fe-17af-4756-9fd0-6a73b7127859 --kind education --deadline 30m"
    )]
    Wait {
        /// The customer's tenant id.
        id: CustomerTenantId,
        /// Which qualification (any case; gcc or soe for short).
        #[arg(long, value_name = "KIND", value_parser = kind_arg(), default_value = "Education")]
        kind: RequestedQualification,
        /// Give up after this long.
        #[arg(long, value_parser = parse_limit, default_value = "15m")]
        deadline: Duration,
        /// First wait between polls (waits grow to 1 minute).
        #[arg(long, value_parser = parse_limit, default_value = "5s")]
        interval: Duration,
    },
}

fn customer_lines(c: &Customer) -> Vec<String> {
    let mut lines = vec![format!(
        "customer {}  domain {}",
        c.tenant_id().map_or("?".to_owned(), |id| id.to_string()),
        c.domain().unwrap_or("?")
    )];
    if let Some(name) = c
        .company_profile
        .as_ref()
        .and_then(|p| p.company_name.as_deref())
    {
        lines.push(format!("  company {name}"));
    }
    if let Some(r) = &c.relationship_to_partner {
        let reseller = c
            .associated_partner_id
            .map(|id| format!(" {id}"))
            .unwrap_or_default();
        lines.push(format!("  relationship {r}{reseller}"));
    }
    // Masked by the caller unless the password is to be shown.
    if let Some(admin) = admin_line(c, |p| p.expose().to_owned()) {
        lines.push(format!("  {admin}"));
    }
    lines
}

/// `admin user admin@<domain>, password <password>` for the customer's admin, when the answer
/// carries credentials (only the create answer does). The service returns the user name alone
/// (`admin`); the admin signs in as that name at the customer's domain, so that is the name
/// shown. `password` shows the password (masked, or as it is): `(not returned)` without one.
pub(crate) fn admin_line(
    c: &Customer,
    password: impl FnOnce(&pc_model::Secret) -> String,
) -> Option<String> {
    let credentials = c.user_credentials.as_ref()?;
    let name = credentials.user_name.as_deref().unwrap_or("?");
    let user = match c.domain() {
        Some(domain) if !name.contains('@') => format!("{name}@{domain}"),
        _ => name.to_owned(),
    };
    let password = credentials
        .password
        .as_ref()
        .map_or_else(|| "(not returned)".to_owned(), password);
    Some(format!("admin user {user}, password {password}"))
}

/// Replaces the admin password with a mask, so neither output mode shows it by default.
fn mask_password(customer: &mut Customer) {
    if let Some(password) = customer
        .user_credentials
        .as_mut()
        .and_then(|c| c.password.as_mut())
    {
        *password = pc_model::Secret::new(password.masked());
    }
}

pub(crate) fn qualification_line(q: &Qualification) -> String {
    let mut line = q
        .qualification
        .as_ref()
        .map_or("?".to_owned(), ToString::to_string);
    match &q.vetting_status {
        Some(status) => line.push_str(&format!(": {status}")),
        None => line.push_str(": no vetting"),
    }
    if let Some(reason) = &q.vetting_reason {
        line.push_str(&format!(" ({reason})"));
    }
    if let Some(date) = &q.vetting_created_date {
        line.push_str(&format!(", since {}", pc_model::time::format(date)));
    }
    line
}

fn done<T: serde::Serialize>(
    out: &mut Output,
    result: Result<Response<T>, pc_client::Error>,
    human: impl FnOnce(&T) -> Vec<String>,
) -> Exit {
    match result {
        Ok(r) => {
            let lines = human(&r.value);
            success(out, &r, &lines)
        }
        Err(e) => failure(out, &e),
    }
}

/// Runs `pc customers …`.
pub(crate) async fn customers(
    client: &Client,
    cmd: &CustomersCommand,
    call: &CallArgs,
    out: &mut Output,
) -> Exit {
    match cmd {
        CustomersCommand::Create {
            file,
            reseller,
            reveal_password,
        } => {
            let request = match crate::validate::read_request::<CreateCustomerRequest>(
                file,
                &ValidationContext::default(),
            ) {
                Ok(request) => request,
                Err(rejected) => return rejected.report_as_failure(out),
            };
            let request = match reseller {
                Some(r) => request.for_reseller(*r),
                None => request,
            };
            let mut result = client
                .create_customer(request)
                .options(call.options())
                .await;
            if !reveal_password && let Ok(r) = &mut result {
                mask_password(&mut r.value);
            }
            done(out, result, |c| {
                let mut lines = customer_lines(c);
                lines[0] = format!("created {}", lines[0]);
                lines
            })
        }
        CustomersCommand::Get { id } => {
            let result = client.get_customer(*id).options(call.options()).await;
            let mut result = result;
            if let Ok(r) = &mut result {
                mask_password(&mut r.value);
            }
            done(out, result, customer_lines)
        }
        CustomersCommand::Search { prefix } => {
            let result = client
                .search_customers(prefix)
                .options(call.options())
                .await;
            done(out, result, |found| {
                let mut lines = vec![format!("{} customer(s)", found.items.len())];
                lines.extend(found.items.iter().map(|c| {
                    format!(
                        "  {}  {}",
                        c.tenant_id().map_or("?".to_owned(), |id| id.to_string()),
                        c.domain().unwrap_or("?")
                    )
                }));
                lines
            })
        }
    }
}

/// Runs `pc domains …`.
pub(crate) async fn domains(
    client: &Client,
    cmd: &DomainsCommand,
    call: &CallArgs,
    out: &mut Output,
) -> Exit {
    let DomainsCommand::Check { domain } = cmd;
    let result = client.check_domain(domain).options(call.options()).await;
    let result = result.map(|r| {
        r.map(|a| DomainCheck {
            domain: domain.clone(),
            available: a == DomainAvailability::Available,
        })
    });
    done(out, result, |check| {
        vec![format!(
            "{domain} is {}",
            if check.available {
                "available"
            } else {
                "taken"
            }
        )]
    })
}

/// Runs `pc agreements …`.
pub(crate) async fn agreements(
    client: &Client,
    cmd: &AgreementsCommand,
    call: &CallArgs,
    out: &mut Output,
) -> Exit {
    match cmd {
        AgreementsCommand::Metadata { agreement_type } => {
            let result = client
                .agreement_metadata(agreement_type.clone())
                .options(call.options())
                .await;
            done(out, result, |c| {
                c.items
                    .iter()
                    .map(|m| {
                        format!(
                            "{}  template {}  versionRank {}  {}",
                            m.agreement_type.as_ref().map_or("?", |t| t.as_str()),
                            m.template_id.map_or("?".to_owned(), |t| t.to_string()),
                            m.version_rank.map_or("?".to_owned(), |r| r.to_string()),
                            m.agreement_link.as_deref().unwrap_or("")
                        )
                    })
                    .collect()
            })
        }
        AgreementsCommand::Confirm {
            id,
            first_name,
            last_name,
            email,
            phone,
            date,
        } => {
            let mut contact = ContactRequest::new(email)
                .with_first_name(first_name)
                .with_last_name(last_name);
            contact.phone_number = phone.clone();
            let date = date.unwrap_or_else(Utc::now);
            let result = client
                .confirm_customer_agreement(*id, contact, date)
                .options(call.options())
                .await;
            done(out, result, |a| {
                vec![format!(
                    "confirmed {} for customer {id}, template {}, agreed {}",
                    a.agreement_type
                        .as_ref()
                        .map_or("agreement", |t| t.as_str()),
                    a.template_id.map_or("?".to_owned(), |t| t.to_string()),
                    a.date_agreed
                        .as_ref()
                        .map_or("?".to_owned(), pc_model::time::format)
                )]
            })
        }
        AgreementsCommand::List { id, agreement_type } => {
            let result = client
                .list_agreements(*id, agreement_type.clone())
                .options(call.options())
                .await;
            // Without --type nothing is sent and the service lists its default type.
            let listed = match agreement_type {
                Some(t) => format!("of type {t}"),
                None => format!(
                    "of type {} (the service's default without --type; --type mca lists \
                     Microsoft Customer Agreement confirmations)",
                    AgreementType::MicrosoftCloudAgreement.as_str()
                ),
            };
            done(out, result, |c| {
                let mut lines = vec![format!("{} agreement(s) {listed}", c.items.len())];
                lines.extend(c.items.iter().map(|a| {
                    let who = a.primary_contact.as_ref().map_or(String::new(), |p| {
                        format!(
                            "{} {} <{}>",
                            p.first_name.as_deref().unwrap_or(""),
                            p.last_name.as_deref().unwrap_or(""),
                            p.email.as_deref().unwrap_or("")
                        )
                    });
                    format!(
                        "  {}  {}  {who}",
                        a.agreement_type.as_ref().map_or("?", |t| t.as_str()),
                        a.date_agreed
                            .as_ref()
                            .map_or("?".to_owned(), pc_model::time::format)
                    )
                }));
                lines
            })
        }
    }
}

impl QualificationsCommand {
    /// Refuses options that do not go with the command's qualification kind (clap cannot say
    /// which options a kind needs, since it reads kinds in any spelling).
    pub(crate) fn check(&self) -> Result<(), String> {
        match self {
            QualificationsCommand::Create {
                kind,
                segment,
                website,
                code,
                ..
            } => qualification_request(*kind, *segment, website, code).map(drop),
            QualificationsCommand::List { .. } | QualificationsCommand::Wait { .. } => Ok(()),
        }
    }
}

/// The request `pc qualifications create` sends, or why the options do not make one.
fn qualification_request(
    kind: RequestedQualification,
    segment: Option<EducationSegment>,
    website: &Option<String>,
    code: &Option<String>,
) -> Result<CreateQualificationRequest, String> {
    match (kind, segment, website, code) {
        (RequestedQualification::Education, Some(segment), website, None) => Ok(match website {
            Some(w) => CreateQualificationRequest::education_with_website(segment, w),
            None => CreateQualificationRequest::education(segment),
        }),
        (RequestedQualification::Education, None, _, _) => {
            Err("Education needs --segment".to_owned())
        }
        (RequestedQualification::GovernmentCommunityCloud, None, None, Some(code)) => {
            Ok(CreateQualificationRequest::government_community_cloud(code))
        }
        (RequestedQualification::GovernmentCommunityCloud, _, _, None) => {
            Err("GovernmentCommunityCloud needs --code".to_owned())
        }
        (RequestedQualification::StateOwnedEntity, None, None, None) => {
            Ok(CreateQualificationRequest::StateOwnedEntity)
        }
        (kind, segment, website, code) => {
            let belongs = |option: &str| match kind {
                RequestedQualification::Education => option != "--code",
                RequestedQualification::GovernmentCommunityCloud => option == "--code",
                // StateOwnedEntity, and a kind this version does not know, take none.
                _ => false,
            };
            let extra: Vec<&str> = [
                (segment.is_some(), "--segment"),
                (website.is_some(), "--website"),
                (code.is_some(), "--code"),
            ]
            .into_iter()
            .filter(|(given, option)| *given && !belongs(option))
            .map(|(_, option)| option)
            .collect();
            Err(format!("{kind} does not take {}", extra.join(" or ")))
        }
    }
}

/// Runs `pc qualifications …`.
pub(crate) async fn qualifications(
    client: &Client,
    cmd: &QualificationsCommand,
    call: &CallArgs,
    out: &mut Output,
) -> Exit {
    match cmd {
        QualificationsCommand::Create {
            id,
            kind,
            segment,
            website,
            code,
        } => {
            let request = match qualification_request(*kind, *segment, website, code) {
                Ok(request) => request,
                Err(message) => {
                    out.error(&message);
                    return Exit::Usage;
                }
            };
            let result = client
                .create_qualification(*id, request)
                .options(call.options())
                .await;
            done(out, result, |q| {
                vec![format!("requested {}", qualification_line(q))]
            })
        }
        QualificationsCommand::List { id } => {
            let result = client
                .list_qualifications(*id)
                .options(call.options())
                .await;
            done(out, result, |list| {
                let mut lines = vec![format!("{} qualification(s)", list.len())];
                lines.extend(list.iter().map(|q| format!("  {}", qualification_line(q))));
                lines
            })
        }
        QualificationsCommand::Wait {
            id,
            kind,
            deadline,
            interval,
        } => {
            let spinner = crate::progress::Spinner::new(
                out,
                &format!("waiting for {} vetting", QualificationKind::from(*kind)),
            );
            let progress = spinner.clone();
            let result = client
                .wait_for_vetting(*id, (*kind).into())
                .deadline(*deadline)
                .poll_interval(*interval, Duration::from_secs(60))
                .options(call.options())
                .on_change(move |q| progress.set(&format!("vetting: {}", qualification_line(q))))
                .await;
            spinner.finish();
            done(out, result, |q| {
                vec![format!("vetting finished: {}", qualification_line(q))]
            })
        }
    }
}

/// Runs `pc validation-codes`.
pub(crate) async fn validation_codes(client: &Client, call: &CallArgs, out: &mut Output) -> Exit {
    let result = client.validation_codes().options(call.options()).await;
    done(out, result, |codes| {
        let mut lines = vec![format!("{} validation code(s)", codes.len())];
        lines.extend(codes.iter().map(|c| {
            format!(
                "  {}  {}  {} of {} left",
                c.validation_id.as_deref().unwrap_or("?"),
                c.organization_name.as_deref().unwrap_or("?"),
                c.remaining_creates
                    .map_or("?".to_owned(), |n| n.to_string()),
                c.max_creates.map_or("?".to_owned(), |n| n.to_string())
            )
        }));
        lines
    })
}
