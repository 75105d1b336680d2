//! `pc emulator`: runs the local Partner Center in the foreground.

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use clap::Args;
use pc_emulator::fault::FaultSpec;
use pc_emulator::{
    ControlAccess, DEFAULT_APP_ONLY_TOKEN, DEFAULT_APP_USER_TOKEN, DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET, DEFAULT_GCC_VALIDATION_CODE, DEFAULT_REFRESH_TOKEN, DEFAULT_RESELLER_ID,
    Emulator, EmulatorArgs,
};

use crate::commands::parse_duration;
use crate::exit::Exit;
use crate::output::Output;

/// Arguments of `pc emulator`.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  pc emulator --port 8080
  pc emulator --port 8080 --seed 7 --faults 0.2@500,503:1,close-after,truncate
  pc emulator --rate-limit 60 --vetting-delay 30s

Fault kinds: 500, 503[:secs], non-json, delay[:duration], close, truncate; add -after to make
the change before the fault (close-after is what duplicates naive clients' writes).
Durations (250ms, 2s, 1m, 1h) may be at most 100 years.")]
pub(crate) struct EmulatorCommand {
    /// Address to listen on.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    host: IpAddr,
    /// Port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Seed of the random faults.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Random faults: RATE@KIND,KIND,… (e.g. 0.1@500,close-after), or `off`.
    #[arg(long, value_name = "SPEC", default_value = "off")]
    faults: FaultSpec,
    /// Requests per partner tenant and minute before 429; 0 turns throttling off.
    #[arg(long, value_name = "N", default_value_t = 500)]
    rate_limit: u32,
    /// Do not replay the first answer for a repeated MS-RequestId.
    #[arg(long)]
    no_replay: bool,
    /// How long an answer is replayed for a repeated MS-RequestId.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "1h")]
    replay_window: Duration,
    /// How many answers are remembered for replay at most; the oldest is forgotten first.
    #[arg(long, value_name = "N", default_value_t = pc_emulator::DEFAULT_REPLAY_CAPACITY)]
    replay_capacity: usize,
    /// How long qualifications stay InReview.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "2s")]
    vetting_delay: Duration,
    /// How long a new customer answers 404.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "0s")]
    lag: Duration,
    /// The control API (/_emulator/…) answers only requests with Authorization: Bearer TOKEN,
    /// on any address. Without it, the control API is open on a loopback address and off on any
    /// other.
    #[arg(long, value_name = "TOKEN", value_parser = parse_control_token, conflicts_with = "no_control")]
    control_token: Option<String>,
    /// The control API answers 403 to everyone.
    #[arg(long)]
    no_control: bool,
    /// Lifetime of issued access tokens.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "3599s")]
    token_lifetime: Duration,
}

impl EmulatorCommand {
    fn config(&self) -> pc_emulator::EmulatorConfig {
        EmulatorArgs {
            host: self.host,
            port: self.port,
            seed: self.seed,
            faults: self.faults.clone(),
            rate_limit: self.rate_limit,
            replay: !self.no_replay,
            replay_window: self.replay_window,
            replay_capacity: self.replay_capacity,
            vetting_delay: self.vetting_delay,
            lag: self.lag,
            token_lifetime: self.token_lifetime,
            control: match (&self.control_token, self.no_control) {
                (_, true) => ControlAccess::Off,
                (Some(token), false) => ControlAccess::Token(token.clone()),
                (None, false) => ControlAccess::LoopbackOnly,
            },
            ..EmulatorArgs::default()
        }
        .to_config()
    }
}

fn parse_control_token(text: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        return Err("must not be empty".to_owned());
    }
    Ok(text.to_owned())
}

/// Runs the emulator until Ctrl-C.
pub(crate) async fn run(args: &EmulatorCommand, out: &mut Output) -> Exit {
    let config = args.config();
    if let Some(warning) = config.exposure_warning() {
        out.error(&warning);
    }
    let tenant = config.partner_tenant_id;
    let emulator = match Emulator::start(config).await {
        Ok(e) => e,
        Err(e) => {
            out.error(&format!("cannot start the emulator: {e}"));
            return Exit::Service;
        }
    };
    let url = emulator.url().to_owned();
    if out.json() {
        out.json_value(&serde_json::json!({
            "url": url,
            "tenantId": tenant.to_string(),
            "clientId": DEFAULT_CLIENT_ID,
            "resellerId": DEFAULT_RESELLER_ID.to_string(),
            "gccValidationCode": DEFAULT_GCC_VALIDATION_CODE,
        }));
    } else {
        for line in [
            format!("pc emulator listening on {url}  (Ctrl-C to stop)"),
            String::new(),
            "Point pc at it (a static App+User token):".to_owned(),
            format!("  export PC_BASE_URL={url} PC_ACCESS_TOKEN={DEFAULT_APP_USER_TOKEN}"),
            "or through the real refresh-token flow (the token rotates; the file keeps the new one):".to_owned(),
            format!("  echo {DEFAULT_REFRESH_TOKEN} > refresh-token.txt"),
            format!("  export PC_BASE_URL={url} PC_AUTHORITY={url} PC_TENANT_ID={tenant}"),
            format!("  export PC_CLIENT_ID={DEFAULT_CLIENT_ID} PC_CLIENT_SECRET={DEFAULT_CLIENT_SECRET}"),
            "  export PC_REFRESH_TOKEN_FILE=refresh-token.txt".to_owned(),
            String::new(),
            format!("App-only token {DEFAULT_APP_ONLY_TOKEN}, reseller {DEFAULT_RESELLER_ID}, GCC code {DEFAULT_GCC_VALIDATION_CODE}"),
            match emulator.config().control_token() {
                Some(None) => format!("State and control: {url}/_emulator/state"),
                Some(Some(_)) => format!(
                    "State and control: {url}/_emulator/state (Authorization: Bearer <the control token>)"
                ),
                None => "The control API is off.".to_owned(),
            },
        ] {
            out.line(&line);
        }
    }
    if tokio::signal::ctrl_c().await.is_err() {
        out.error("cannot wait for Ctrl-C; stopping");
    }
    emulator.shutdown().await;
    Exit::Success
}
