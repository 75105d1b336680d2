//! The command line of the `pc-emulator` binary, as a library type so that other front ends
//! (the `pc emulator` subcommand) can reuse the flags and their parsing.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

use crate::config::{ControlAccess, EmulatorConfig};
use crate::fault::{FaultSpec, ParseError, parse_duration};

/// The binary's usage text.
pub const USAGE: &str = "\
pc-emulator: a local Partner Center for tests and demos

USAGE:
    pc-emulator [OPTIONS]

OPTIONS:
    --host <IP>               address to listen on [default: 127.0.0.1]; any other than a
                              loopback address prints a warning and turns the control API off
                              unless --control-token is given
    --port <N>                port to listen on; 0 picks a free one [default: 0]
    --seed <N>                seed of the random faults [default: 0]
    --faults <SPEC>           random faults, e.g. 0.1@500,503:2,close-after,truncate
                              (kinds: 500, 503[:secs], non-json, delay[:dur], close, truncate;
                              add -after to act first; `off` for none) [default: off]
    --rate-limit <N>          requests per partner tenant and minute; 0 = off [default: 500]
    --no-replay               do not replay answers for a repeated MS-RequestId
    --replay-window <DUR>     how long an answer is replayed [default: 1h]
    --replay-capacity <N>     how many answers are remembered for replay at most; the oldest
                              is forgotten first [default: 25000]
    --vetting-delay <DUR>     how long qualifications stay InReview [default: 2s]
    --lag <DUR>               how long a new customer answers 404 [default: 0s]
    --token-lifetime <DUR>    lifetime of issued access tokens [default: 3599s]
    --control-token <TOKEN>   the control API (/_emulator/...) answers only requests with
                              Authorization: Bearer <TOKEN>, on any address
    --no-control              the control API answers 403 to everyone
    -h, --help                print this help

Durations are 250ms, 2s, 1.5m, 1h or bare seconds, at most 100 years.
";

/// The parsed command line.
#[derive(Debug, Clone, PartialEq)]
pub struct EmulatorArgs {
    /// `--host`.
    pub host: IpAddr,
    /// `--port`.
    pub port: u16,
    /// `--seed`.
    pub seed: u64,
    /// `--faults`.
    pub faults: FaultSpec,
    /// `--rate-limit` (0 = off).
    pub rate_limit: u32,
    /// Not `--no-replay`.
    pub replay: bool,
    /// `--replay-window`.
    pub replay_window: Duration,
    /// `--replay-capacity`.
    pub replay_capacity: usize,
    /// `--vetting-delay`.
    pub vetting_delay: Duration,
    /// `--lag`.
    pub lag: Duration,
    /// `--token-lifetime`.
    pub token_lifetime: Duration,
    /// `--control-token` or `--no-control` (the last one given wins).
    pub control: ControlAccess,
    /// `-h` / `--help` was given.
    pub help: bool,
}

impl Default for EmulatorArgs {
    fn default() -> Self {
        let config = EmulatorConfig::default();
        Self {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            seed: 0,
            faults: FaultSpec::off(),
            rate_limit: config.rate_limit_per_minute.unwrap_or(0),
            replay: true,
            replay_window: config.replay_window,
            replay_capacity: config.replay_capacity,
            vetting_delay: config.vetting_delay,
            lag: config.read_after_create_lag,
            token_lifetime: config.token_lifetime,
            control: config.control,
            help: false,
        }
    }
}

impl EmulatorArgs {
    /// Parses the arguments after the program name; `--flag value` and `--flag=value` both work.
    ///
    /// # Errors
    /// [`ParseError`] naming the flag for an unknown flag, a missing value or a bad value.
    pub fn parse<I, S>(args: I) -> Result<Self, ParseError>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let mut out = Self::default();
        let mut args = args.into_iter().map(Into::into);
        while let Some(arg) = args.next() {
            let (flag, inline) = match arg.split_once('=') {
                Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
                _ => (arg, None),
            };
            let mut value = |name: &str| {
                inline
                    .clone()
                    .or_else(|| args.next())
                    .ok_or_else(|| ParseError(format!("{name} needs a value")))
            };
            let bad = |name: &str, v: &str, what: &str| {
                ParseError(format!("{name}: `{v}` is not {what}"))
            };
            match flag.as_str() {
                "-h" | "--help" => out.help = true,
                "--no-replay" => out.replay = false,
                "--no-control" => out.control = ControlAccess::Off,
                "--control-token" => {
                    let v = value("--control-token")?;
                    if v.trim().is_empty() {
                        return Err(ParseError("--control-token must not be empty".to_owned()));
                    }
                    out.control = ControlAccess::Token(v);
                }
                "--host" => {
                    let v = value("--host")?;
                    out.host = v.parse().map_err(|_| bad("--host", &v, "an IP address"))?;
                }
                "--port" => {
                    let v = value("--port")?;
                    out.port = v.parse().map_err(|_| bad("--port", &v, "a port number"))?;
                }
                "--seed" => {
                    let v = value("--seed")?;
                    out.seed = v.parse().map_err(|_| bad("--seed", &v, "a number"))?;
                }
                "--rate-limit" => {
                    let v = value("--rate-limit")?;
                    out.rate_limit = v.parse().map_err(|_| bad("--rate-limit", &v, "a number"))?;
                }
                "--replay-capacity" => {
                    let v = value("--replay-capacity")?;
                    out.replay_capacity = v
                        .parse()
                        .map_err(|_| bad("--replay-capacity", &v, "a number"))?;
                }
                "--faults" => {
                    let v = value("--faults")?;
                    out.faults = v
                        .parse()
                        .map_err(|e: ParseError| ParseError(format!("--faults: {e}")))?;
                }
                "--vetting-delay" | "--lag" | "--token-lifetime" | "--replay-window" => {
                    let v = value(&flag)?;
                    let d = parse_duration(&v).map_err(|e| ParseError(format!("{flag}: {e}")))?;
                    match flag.as_str() {
                        "--vetting-delay" => out.vetting_delay = d,
                        "--lag" => out.lag = d,
                        "--replay-window" => out.replay_window = d,
                        _ => out.token_lifetime = d,
                    }
                }
                other => {
                    return Err(ParseError(format!("unknown option `{other}`; see --help")));
                }
            }
        }
        Ok(out)
    }

    /// The configuration these arguments describe (defaults for everything else).
    pub fn to_config(&self) -> EmulatorConfig {
        EmulatorConfig::default()
            .with_bind(SocketAddr::new(self.host, self.port))
            .with_fault_spec(self.seed, &self.faults)
            .with_rate_limit(Some(self.rate_limit))
            .with_replay(self.replay)
            .with_replay_limits(self.replay_window, self.replay_capacity)
            .with_vetting_delay(self.vetting_delay)
            .with_read_after_create_lag(self.lag)
            .with_token_lifetime(self.token_lifetime)
            .with_control(self.control.clone())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn flags() {
        let args = EmulatorArgs::parse([
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
        assert_eq!(
            (config.replay_window, config.replay_capacity),
            (Duration::from_secs(600), 7)
        );
        assert_eq!(
            EmulatorArgs::parse(Vec::<String>::new()).unwrap(),
            EmulatorArgs::default()
        );
        assert!(EmulatorArgs::parse(["-h"]).unwrap().help);
        let args = EmulatorArgs::parse(["--host", "0.0.0.0", "--control-token=s3cret"]).unwrap();
        let config = args.to_config();
        assert_eq!(config.control_token(), Some(Some("s3cret")));
        assert!(config.exposure_warning().is_some());
        let args = EmulatorArgs::parse(["--control-token", "x", "--no-control"]).unwrap();
        assert_eq!(args.to_config().control_token(), None);
        assert_eq!(
            EmulatorArgs::default().to_config().control_token(),
            Some(None)
        );
        assert!(
            EmulatorArgs::default()
                .to_config()
                .exposure_warning()
                .is_none()
        );
    }

    #[test]
    fn errors_name_the_flag() {
        for (args, needle) in [
            (vec!["--port"], "--port needs a value"),
            (vec!["--port", "http"], "--port"),
            (vec!["--faults", "2@500"], "--faults"),
            (vec!["--lag", "soon"], "--lag"),
            (vec!["--bogus"], "unknown option"),
            (vec!["--control-token", " "], "--control-token"),
        ] {
            let err = EmulatorArgs::parse(args).unwrap_err().to_string();
            assert!(err.contains(needle), "{err}");
        }
    }
}
