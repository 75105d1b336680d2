//! The emulator's command line, defined once for both front ends: the `pc-emulator` binary and
//! the `pc emulator` subcommand flatten [`EmulatorArgs`] into their own clap command.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

use clap::{Args, FromArgMatches};

use crate::config::{
    ControlAccess, DEFAULT_RATE_LIMIT_PER_MINUTE, DEFAULT_REPLAY_CAPACITY, EmulatorConfig,
};
use crate::fault::{FaultSpec, parse_duration};
use crate::received::DEFAULT_RECEIVED_LIMIT;

/// The emulator's options, as clap arguments: flatten them into a command
/// (`#[command(flatten)]`) and turn them into a configuration with [`EmulatorArgs::to_config`].
#[derive(Debug, Clone, PartialEq, Args)]
#[non_exhaustive]
pub struct EmulatorArgs {
    /// Address to listen on; any other than a loopback address prints a warning and turns the
    /// control API off unless --control-token is given.
    #[arg(long, value_name = "IP", default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub host: IpAddr,
    /// Port to listen on; 0 picks a free one.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub port: u16,
    /// Seed of the random faults.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub seed: u64,
    /// Random faults: RATE@KIND,KIND,… (e.g. 0.1@500,close-after; the rate may be left out), or
    /// `off`.
    #[arg(long, value_name = "SPEC", default_value = "off")]
    pub faults: FaultSpec,
    /// Requests per partner tenant and minute before 429; 0 turns throttling off.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_RATE_LIMIT_PER_MINUTE)]
    pub rate_limit: u32,
    /// Do not replay the first answer for a repeated MS-RequestId.
    #[arg(long)]
    pub no_replay: bool,
    /// How long an answer is replayed for a repeated MS-RequestId.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "1h")]
    pub replay_window: Duration,
    /// How many answers are remembered for replay at most; the oldest is forgotten first.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_REPLAY_CAPACITY)]
    pub replay_capacity: usize,
    /// How many API requests the record of received requests (GET /_emulator/requests) keeps:
    /// the last ones, older ones are only counted; 0 records none.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_RECEIVED_LIMIT)]
    pub received_limit: usize,
    /// How long qualifications stay InReview.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "2s")]
    pub vetting_delay: Duration,
    /// How long a new customer answers 404.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "0s")]
    pub lag: Duration,
    /// Lifetime of issued access tokens.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "3599s")]
    pub token_lifetime: Duration,
    /// The control API (/_emulator/…) answers only requests with Authorization: Bearer TOKEN,
    /// on any address. Without it, the control API is open on a loopback address and off on any
    /// other.
    #[arg(long, value_name = "TOKEN", value_parser = parse_control_token, conflicts_with = "no_control")]
    pub control_token: Option<String>,
    /// The control API answers 403 to everyone.
    #[arg(long)]
    pub no_control: bool,
    /// A connection that has not sent a whole request head this long after it opened (or after
    /// the first byte of its next request) is closed.
    #[arg(long, value_name = "DURATION", value_parser = parse_timeout, default_value = "30s")]
    pub header_read_timeout: Duration,
    /// A connection without a request this long after its last answer is closed.
    #[arg(long, value_name = "DURATION", value_parser = parse_timeout, default_value = "120s")]
    pub idle_timeout: Duration,
}

/// A connection timeout: a duration longer than zero.
fn parse_timeout(text: &str) -> Result<Duration, String> {
    match parse_duration(text).map_err(|e| e.to_string())? {
        d if d.is_zero() => Err("must be longer than zero".to_owned()),
        d => Ok(d),
    }
}

fn parse_control_token(text: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        return Err("must not be empty".to_owned());
    }
    Ok(text.to_owned())
}

impl Default for EmulatorArgs {
    /// What an empty command line gives: the same as [`EmulatorConfig::default`].
    fn default() -> Self {
        let matches = Self::augment_args(clap::Command::new("pc-emulator"))
            .no_binary_name(true)
            .get_matches_from(Vec::<String>::new());
        Self::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
    }
}

impl EmulatorArgs {
    /// Examples and notes shown after the options, by both front ends.
    pub const AFTER_HELP: &str = "\
Examples (`pc emulator` takes the same options):
  pc-emulator --port 8080
  pc-emulator --port 8080 --seed 7 --faults 0.2@500,503:1,close-after,truncate
  pc-emulator --rate-limit 60 --vetting-delay 30s

Fault kinds: 500, 503[:secs], non-json, delay[:duration], close, truncate; add -after to make
the change before the fault (close-after is what duplicates naive clients' writes); `off` for
none. Durations are 250ms, 2s, 1.5m, 1h or bare seconds, at most 100 years.";

    /// Who may use the control API, from `--control-token` and `--no-control`.
    pub fn control(&self) -> ControlAccess {
        match (&self.control_token, self.no_control) {
            (_, true) => ControlAccess::Off,
            (Some(token), false) => ControlAccess::Token(token.clone()),
            (None, false) => ControlAccess::LoopbackOnly,
        }
    }

    /// The configuration these arguments describe (defaults for everything else).
    pub fn to_config(&self) -> EmulatorConfig {
        EmulatorConfig::default()
            .with_bind(SocketAddr::new(self.host, self.port))
            .with_fault_spec(self.seed, &self.faults)
            .with_rate_limit(Some(self.rate_limit))
            .with_replay(!self.no_replay)
            .with_replay_limits(self.replay_window, self.replay_capacity)
            .with_vetting_delay(self.vetting_delay)
            .with_read_after_create_lag(self.lag)
            .with_token_lifetime(self.token_lifetime)
            .with_control(self.control())
            .with_connection_timeouts(self.header_read_timeout, self.idle_timeout)
            .with_received_limit(self.received_limit)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Debug, Parser)]
    struct Cli {
        #[command(flatten)]
        args: EmulatorArgs,
    }

    fn parse(args: &[&str]) -> Result<EmulatorArgs, clap::Error> {
        Cli::try_parse_from(std::iter::once("pc-emulator").chain(args.iter().copied()))
            .map(|cli| cli.args)
    }

    #[test]
    fn flags() {
        let args = parse(&[
            "--port",
            "8080",
            "--seed=42",
            "--faults",
            "0.5@500,close-after",
            "--rate-limit",
            "0",
            "--no-replay",
            "--vetting-delay",
            "250ms",
            "--replay-window=10m",
            "--replay-capacity",
            "7",
            "--token-lifetime",
            "5m",
            "--header-read-timeout",
            "200ms",
            "--idle-timeout=3s",
            "--received-limit",
            "12",
        ])
        .unwrap();
        assert_eq!(args.port, 8080);
        assert_eq!(args.seed, 42);
        assert_eq!(args.faults.faults.len(), 2);
        let config = args.to_config();
        assert_eq!(config.bind.port(), 8080);
        assert_eq!(config.effective_rate_limit(), None);
        assert!(!config.replay);
        assert_eq!(config.fault_rate, 0.5);
        assert_eq!(config.vetting_delay, Duration::from_millis(250));
        assert_eq!(config.token_lifetime, Duration::from_secs(300));
        assert_eq!(
            (config.header_read_timeout, config.idle_timeout),
            (Duration::from_millis(200), Duration::from_secs(3))
        );
        assert_eq!(
            (config.replay_window, config.replay_capacity),
            (Duration::from_secs(600), 7)
        );
        assert_eq!(config.received_limit, 12);
        assert_eq!(
            parse(&["--received-limit=0"])
                .unwrap()
                .to_config()
                .received_limit,
            0
        );
        let args = parse(&["--host", "0.0.0.0", "--control-token=s3cret"]).unwrap();
        let config = args.to_config();
        assert_eq!(config.control_token(), Some(Some("s3cret")));
        assert!(config.exposure_warning().is_some());
        let args = parse(&["--no-control"]).unwrap();
        assert_eq!(args.to_config().control_token(), None);
        assert!(parse(&["--control-token", "x", "--no-control"]).is_err());
    }

    #[test]
    fn no_flags_is_the_default_configuration() {
        let args = EmulatorArgs::default();
        assert_eq!(parse(&[]).unwrap(), args);
        let (ours, default) = (args.to_config(), EmulatorConfig::default());
        assert_eq!(ours.bind, default.bind);
        assert_eq!(ours.effective_rate_limit(), default.effective_rate_limit());
        assert_eq!(ours.replay, default.replay);
        assert_eq!(ours.replay_window, default.replay_window);
        assert_eq!(ours.replay_capacity, default.replay_capacity);
        assert_eq!(ours.vetting_delay, default.vetting_delay);
        assert_eq!(ours.read_after_create_lag, default.read_after_create_lag);
        assert_eq!(ours.token_lifetime, default.token_lifetime);
        assert_eq!(ours.header_read_timeout, default.header_read_timeout);
        assert_eq!(ours.idle_timeout, default.idle_timeout);
        assert_eq!(ours.received_limit, default.received_limit);
        assert_eq!(ours.fault_rate, default.fault_rate);
        assert_eq!(ours.control_token(), Some(None));
        assert!(ours.exposure_warning().is_none());
    }

    #[test]
    fn errors_name_the_flag() {
        for (args, needle) in [
            (vec!["--port"], "--port"),
            (vec!["--port", "http"], "--port"),
            (vec!["--faults", "2@500"], "--faults"),
            (vec!["--lag", "soon"], "--lag"),
            (vec!["--bogus"], "--bogus"),
            (vec!["--control-token", " "], "--control-token"),
            (vec!["--idle-timeout", "0s"], "--idle-timeout"),
            (vec!["--received-limit", "many"], "--received-limit"),
            (
                vec!["--header-read-timeout", "soon"],
                "--header-read-timeout",
            ),
        ] {
            let err = parse(&args).unwrap_err().to_string();
            assert!(err.contains(needle), "{err}");
        }
    }
}
