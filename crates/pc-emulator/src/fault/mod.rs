//! Fault injection, all of it: the faults and their text form (used by `--faults`, the control
//! API and [`ScriptedFault`]), the queue of scripted faults, the seeded choice of random ones,
//! applying a fault to a request, and the connections a fault can break (the same wrapper closes
//! slow and idle connections: see the `conn` module).
//!
//! # Text form
//!
//! One fault is `KIND[-after|-before][:ARG]`:
//!
//! | kind | what the client sees | `ARG` |
//! |---|---|---|
//! | `500` | `500` with a service error body (code `800003`) | |
//! | `503` | `503` with `Retry-After` and a service error body | `Retry-After` seconds (default 1) |
//! | `non-json` | `502` with an HTML body | |
//! | `delay` | the normal answer, late (to trigger client timeouts) | a duration such as `5s`, `250ms` (default 5s) |
//! | `close` | the connection closes without any answer | |
//! | `truncate` | the normal status and headers, half the body, then the connection closes | |
//!
//! By default a fault happens **before** the request acts: nothing changes. With `-after` the
//! request acts first (a customer is created, a replay is stored), then the fault replaces or
//! breaks the answer: `close-after` is the case that makes naive clients create duplicates.
//! `truncate` always acts first.
//!
//! A [`FaultSpec`] (random faults) is `[RATE@]FAULT[,FAULT…]`, e.g. `0.2@500,503:2,close-after`:
//! `RATE` is a probability (`0.2`) or a percentage (`20%`), default [`DEFAULT_FAULT_RATE`]; a
//! lone rate (`0.1`) means every kind; `off` means none.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::config::MAX_DURATION;

mod conn;
mod inject;
mod injector;
mod scripted;

pub(crate) use conn::{BreakableListener, ConnectionHandle, Timeouts, track_requests};
pub(crate) use inject::apply;
pub(crate) use injector::Injector;
pub use scripted::ScriptedFault;

/// The rate of a [`FaultSpec`] that does not give one.
pub const DEFAULT_FAULT_RATE: f64 = 0.1;
/// The `Retry-After` of a `503` fault without an argument, in seconds.
pub const DEFAULT_RETRY_AFTER_SECS: u32 = 1;
/// The delay of a `delay` fault without an argument.
pub const DEFAULT_FAULT_DELAY: Duration = Duration::from_secs(5);

/// What goes wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FaultKind {
    /// `500` with a service error body (code `800003`, `isRetryable: true`).
    InternalError,
    /// `503` with `Retry-After: <seconds>` and a service error body.
    Unavailable {
        /// The `Retry-After` value, in seconds.
        retry_after_secs: u32,
    },
    /// `502` with an HTML body, as a gateway in front of the service would answer.
    NonJsonError,
    /// The answer comes after this long.
    Delay(Duration),
    /// The connection is closed without an answer (over HTTP/2, with every request on it).
    CloseConnection,
    /// The status, headers (with `Connection: close`) and half of the body are sent, then the
    /// connection is closed (HTTP/1.1; an HTTP/2 connection is closed without an answer
    /// instead). An answer without a body, such as a `HEAD`'s, arrives whole, and its connection
    /// is not used again.
    TruncatedBody,
}

/// One fault: what goes wrong, and whether the request acts first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fault {
    /// What goes wrong.
    pub kind: FaultKind,
    /// Whether the request acts (changes state, stores its replay) before the fault.
    pub after_change: bool,
}

impl Fault {
    /// `kind`, before the request acts (for [`FaultKind::TruncatedBody`]: after, always).
    pub fn before(kind: FaultKind) -> Self {
        Self {
            kind,
            after_change: kind == FaultKind::TruncatedBody,
        }
    }

    /// `kind`, after the request acted.
    pub fn after(kind: FaultKind) -> Self {
        Self {
            kind,
            after_change: true,
        }
    }

    /// Every kind with its default parameters, before the change, plus `close-after`.
    pub fn all() -> Vec<Fault> {
        vec![
            Fault::before(FaultKind::InternalError),
            Fault::before(FaultKind::Unavailable {
                retry_after_secs: DEFAULT_RETRY_AFTER_SECS,
            }),
            Fault::before(FaultKind::NonJsonError),
            Fault::before(FaultKind::Delay(DEFAULT_FAULT_DELAY)),
            Fault::before(FaultKind::CloseConnection),
            Fault::after(FaultKind::CloseConnection),
            Fault::before(FaultKind::TruncatedBody),
        ]
    }

    /// A short name for logs and counters, e.g. `close-after`.
    pub fn name(&self) -> &'static str {
        match (self.kind, self.after_change) {
            (FaultKind::InternalError, false) => "500",
            (FaultKind::InternalError, true) => "500-after",
            (FaultKind::Unavailable { .. }, false) => "503",
            (FaultKind::Unavailable { .. }, true) => "503-after",
            (FaultKind::NonJsonError, false) => "non-json",
            (FaultKind::NonJsonError, true) => "non-json-after",
            (FaultKind::Delay(_), false) => "delay",
            (FaultKind::Delay(_), true) => "delay-after",
            (FaultKind::CloseConnection, false) => "close",
            (FaultKind::CloseConnection, true) => "close-after",
            (FaultKind::TruncatedBody, _) => "truncate",
        }
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())?;
        match self.kind {
            FaultKind::Unavailable { retry_after_secs } => write!(f, ":{retry_after_secs}"),
            FaultKind::Delay(d) => write!(f, ":{}", format_duration(d)),
            _ => Ok(()),
        }
    }
}

/// A fault, a spec or a duration that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(pub(crate) String);

impl FromStr for Fault {
    type Err = ParseError;

    /// Reads `KIND[-after|-before][:ARG]` (see the [module docs](self)).
    fn from_str(text: &str) -> Result<Self, ParseError> {
        let text = text.trim();
        let (head, arg) = match text.split_once(':') {
            Some((h, a)) => (h, Some(a.trim())),
            None => (text, None),
        };
        let head = head.to_ascii_lowercase();
        let (name, after_change) = if let Some(n) = head.strip_suffix("-after") {
            (n, true)
        } else if let Some(n) = head.strip_suffix("-before") {
            (n, false)
        } else {
            (head.as_str(), false)
        };
        let no_arg = |kind: FaultKind| match arg {
            None => Ok(kind),
            Some(_) => Err(ParseError(format!("the fault `{name}` takes no argument"))),
        };
        let kind = match name {
            "500" => no_arg(FaultKind::InternalError)?,
            "503" => FaultKind::Unavailable {
                retry_after_secs: match arg {
                    None => DEFAULT_RETRY_AFTER_SECS,
                    Some(a) => a.parse().map_err(|_| {
                        ParseError(format!("`{a}` is not a number of seconds for 503"))
                    })?,
                },
            },
            "non-json" | "html" => no_arg(FaultKind::NonJsonError)?,
            "delay" => FaultKind::Delay(match arg {
                None => DEFAULT_FAULT_DELAY,
                Some(a) => parse_duration(a)?,
            }),
            "close" => no_arg(FaultKind::CloseConnection)?,
            "truncate" => no_arg(FaultKind::TruncatedBody)?,
            other => {
                return Err(ParseError(format!(
                    "unknown fault `{other}`; use 500, 503[:secs], non-json, delay[:duration], close or truncate, optionally with -after"
                )));
            }
        };
        Ok(if after_change {
            Fault::after(kind)
        } else {
            Fault::before(kind)
        })
    }
}

impl Serialize for Fault {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Fault {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Random faults: a rate and the faults to draw from (see the [module docs](self)).
#[derive(Debug, Clone, PartialEq)]
pub struct FaultSpec {
    /// Probability (0 to 1) that an API request gets a fault.
    pub rate: f64,
    /// The faults drawn from, uniformly; empty means [`Fault::all`].
    pub faults: Vec<Fault>,
}

impl FaultSpec {
    /// No faults.
    pub fn off() -> Self {
        Self {
            rate: 0.0,
            faults: Vec::new(),
        }
    }
}

/// `off`, `RATE`, or `RATE@FAULT,FAULT…`: what [`FromStr`] reads back to the same spec.
impl fmt::Display for FaultSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.rate <= 0.0 {
            return f.write_str("off");
        }
        write!(f, "{}", self.rate)?;
        for (i, fault) in self.faults.iter().enumerate() {
            f.write_str(if i == 0 { "@" } else { "," })?;
            write!(f, "{fault}")?;
        }
        Ok(())
    }
}

impl FromStr for FaultSpec {
    type Err = ParseError;

    /// Reads `[RATE@]FAULT[,FAULT…]`, a lone `RATE`, or `off`.
    fn from_str(text: &str) -> Result<Self, ParseError> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("off") || text.eq_ignore_ascii_case("none") {
            return Ok(Self::off());
        }
        let (rate, list) = match text.split_once('@') {
            Some((r, l)) => (parse_rate(r)?, l),
            // A lone number is a rate unless it is a fault (`500`, `503`).
            None if text.parse::<Fault>().is_err()
                && (text.parse::<f64>().is_ok() || text.ends_with('%')) =>
            {
                return Ok(Self {
                    rate: parse_rate(text)?,
                    faults: Vec::new(),
                });
            }
            None => (DEFAULT_FAULT_RATE, text),
        };
        let faults = list
            .split(',')
            .filter(|s| !s.trim().is_empty())
            .map(str::parse)
            .collect::<Result<Vec<Fault>, _>>()?;
        Ok(Self { rate, faults })
    }
}

fn parse_rate(text: &str) -> Result<f64, ParseError> {
    let text = text.trim();
    let rate = match text.strip_suffix('%') {
        Some(p) => p.trim().parse::<f64>().map(|p| p / 100.0),
        None => text.parse::<f64>(),
    }
    .map_err(|_| ParseError(format!("`{text}` is not a fault rate such as 0.1 or 10%")))?;
    if (0.0..=1.0).contains(&rate) {
        Ok(rate)
    } else {
        Err(ParseError(format!(
            "the fault rate must be between 0 and 1 (0% and 100%), not `{text}`"
        )))
    }
}

/// Reads a duration: a number with a unit `ms`, `s`, `m` or `h` (`250ms`, `2s`, `1.5s`, `1m`),
/// or a bare number of seconds.
///
/// # Errors
/// [`ParseError`] when the text is not such a duration, is negative, or is longer than
/// [`MAX_DURATION`] (100 years).
pub fn parse_duration(text: &str) -> Result<Duration, ParseError> {
    let text = text.trim();
    let err = || {
        ParseError(format!(
            "`{text}` is not a duration such as 250ms, 2s or 1m"
        ))
    };
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let value: f64 = number.parse().map_err(|_| err())?;
    let seconds = match unit.trim() {
        "ms" => value / 1000.0,
        "" | "s" => value,
        "m" | "min" => value * 60.0,
        "h" => value * 3600.0,
        _ => return Err(err()),
    };
    let duration = Duration::try_from_secs_f64(seconds).map_err(|_| err())?;
    if duration > MAX_DURATION {
        return Err(ParseError(format!(
            "`{text}` is not a duration the emulator accepts: at most {} (100 years)",
            format_duration(MAX_DURATION)
        )));
    }
    Ok(duration)
}

/// Writes a duration the way [`parse_duration`] reads it (`250ms`, `5s`).
pub fn format_duration(d: Duration) -> String {
    if d.subsec_millis() == 0 && d.subsec_nanos() == 0 {
        format!("{}s", d.as_secs())
    } else {
        format!("{}ms", d.as_millis())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn specs_round_trip_through_text() {
        for text in [
            "off",
            "0.3",
            "0.3@close-after,503:1,truncate",
            "1@delay:250ms",
        ] {
            let spec: FaultSpec = text.parse().unwrap();
            assert_eq!(spec.to_string(), text);
            assert_eq!(spec.to_string().parse::<FaultSpec>().unwrap(), spec);
        }
        assert_eq!(
            "10%@500".parse::<FaultSpec>().unwrap().to_string(),
            "0.1@500"
        );
    }

    #[test]
    fn faults_round_trip_through_text() {
        for text in [
            "500",
            "500-after",
            "503:7",
            "503-after:1",
            "non-json",
            "delay:250ms",
            "delay-after:2s",
            "close",
            "close-after",
            "truncate",
        ] {
            let fault: Fault = text.parse().unwrap();
            assert_eq!(fault.to_string(), text);
        }
        assert_eq!(
            "close-before".parse::<Fault>().unwrap(),
            Fault::before(FaultKind::CloseConnection)
        );
        assert!("truncate".parse::<Fault>().unwrap().after_change);
        for bad in ["", "404", "500:3", "delay:soon", "503:-1", "close:1"] {
            assert!(bad.parse::<Fault>().is_err(), "{bad}");
        }
    }

    #[test]
    fn specs() {
        let spec: FaultSpec = "0.25@500,close-after".parse().unwrap();
        assert_eq!(spec.rate, 0.25);
        assert_eq!(spec.faults.len(), 2);
        let spec: FaultSpec = "10%".parse().unwrap();
        assert!((spec.rate - 0.1).abs() < 1e-9 && spec.faults.is_empty());
        let spec: FaultSpec = "503".parse().unwrap();
        assert_eq!(spec.rate, DEFAULT_FAULT_RATE);
        assert_eq!("off".parse::<FaultSpec>().unwrap(), FaultSpec::off());
        for bad in ["2@500", "x@500", "150%", "0.1@nope"] {
            assert!(bad.parse::<FaultSpec>().is_err(), "{bad}");
        }
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("250ms").unwrap(), Duration::from_millis(250));
        assert_eq!(parse_duration("1.5s").unwrap(), Duration::from_millis(1500));
        assert_eq!(parse_duration("2").unwrap(), Duration::from_secs(2));
        assert_eq!(parse_duration("1m").unwrap(), Duration::from_secs(60));
        assert_eq!(parse_duration("3153600000s").unwrap(), MAX_DURATION);
        for bad in [
            "",
            "s",
            "1d",
            "-1s",
            "1e400s",
            "3153600001s",
            "10000000000000000000s",
            "876001h",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        assert_eq!(format_duration(Duration::from_millis(1500)), "1500ms");
    }
}
