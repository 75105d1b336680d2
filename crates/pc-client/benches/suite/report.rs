//! The table the suite prints.

use std::time::Duration;

use crate::Mode;

/// Whether a figure meets its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    Met,
    Missed,
    /// No target: context for the other rows.
    Info,
    /// A smoke run: sizes too small to judge.
    NotJudged,
    /// Could not be measured here (e.g. no `cargo` on `PATH`).
    Skipped,
}

impl Verdict {
    fn as_str(self) -> &'static str {
        match self {
            Verdict::Met => "met",
            Verdict::Missed => "**missed**",
            Verdict::Info => "",
            Verdict::NotJudged => "(smoke)",
            Verdict::Skipped => "skipped",
        }
    }
}

/// What a figure is compared with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Target {
    AtMost(f64),
    AtLeast(f64),
    Exactly(u64),
    /// A yes/no property that must hold.
    Holds,
    None,
}

impl Target {
    fn describe(self) -> String {
        match self {
            Target::AtMost(x) => format!("≤ {x}"),
            Target::AtLeast(x) => format!("≥ {x}"),
            Target::Exactly(n) => format!("= {n}"),
            Target::Holds => "yes".to_owned(),
            Target::None => String::new(),
        }
    }
}

struct Row {
    section: &'static str,
    what: String,
    value: String,
    target: String,
    verdict: Verdict,
    detail: String,
}

/// Rows in the order they were measured.
pub(crate) struct Report {
    mode: Mode,
    rows: Vec<Row>,
}

impl Report {
    pub(crate) fn new(mode: Mode) -> Self {
        Self {
            mode,
            rows: Vec::new(),
        }
    }

    fn judge(&self, met: bool, target: Target) -> Verdict {
        match (target, self.mode) {
            (Target::None, _) => Verdict::Info,
            (_, Mode::Smoke) => Verdict::NotJudged,
            _ if met => Verdict::Met,
            _ => Verdict::Missed,
        }
    }

    /// A ratio (or any real number) with its target.
    pub(crate) fn ratio(
        &mut self,
        section: &'static str,
        what: impl Into<String>,
        value: f64,
        target: Target,
        detail: impl Into<String>,
    ) {
        let met = match target {
            Target::AtMost(x) => value <= x,
            Target::AtLeast(x) => value >= x,
            _ => true,
        };
        let verdict = self.judge(met, target);
        self.rows.push(Row {
            section,
            what: what.into(),
            value: format!("{value:.3}"),
            target: target.describe(),
            verdict,
            detail: detail.into(),
        });
    }

    /// A count with its target. Counts are checked in smoke runs too: the caller asserts them.
    pub(crate) fn count(
        &mut self,
        section: &'static str,
        what: impl Into<String>,
        value: u64,
        target: Target,
        detail: impl Into<String>,
    ) {
        let met = match target {
            Target::Exactly(n) => value == n,
            Target::AtMost(x) => value as f64 <= x,
            Target::AtLeast(x) => value as f64 >= x,
            _ => true,
        };
        let verdict = match target {
            Target::None => Verdict::Info,
            _ if met => Verdict::Met,
            _ => Verdict::Missed,
        };
        self.rows.push(Row {
            section,
            what: what.into(),
            value: value.to_string(),
            target: target.describe(),
            verdict,
            detail: detail.into(),
        });
    }

    /// A yes/no property.
    pub(crate) fn holds(
        &mut self,
        section: &'static str,
        what: impl Into<String>,
        holds: bool,
        detail: impl Into<String>,
    ) {
        self.rows.push(Row {
            section,
            what: what.into(),
            value: if holds { "yes" } else { "no" }.to_owned(),
            target: Target::Holds.describe(),
            verdict: if holds { Verdict::Met } else { Verdict::Missed },
            detail: detail.into(),
        });
    }

    /// A row that could not be measured.
    pub(crate) fn skipped(
        &mut self,
        section: &'static str,
        what: impl Into<String>,
        why: impl Into<String>,
    ) {
        self.rows.push(Row {
            section,
            what: what.into(),
            value: "–".to_owned(),
            target: String::new(),
            verdict: Verdict::Skipped,
            detail: why.into(),
        });
    }

    /// Prints the table (Markdown) to stdout.
    pub(crate) fn print(&self, took: Duration) {
        let mode = match self.mode {
            Mode::Full => "full",
            Mode::Smoke => "smoke: tiny sizes, speed not judged",
        };
        println!();
        println!(
            "## pc-client benchmark suite ({mode}; {:.0} s)",
            took.as_secs_f64()
        );
        println!();
        println!("| section | measurement | value | target | verdict | detail |");
        println!("|---|---|---:|---|---|---|");
        for r in &self.rows {
            println!(
                "| {} | {} | {} | {} | {} | {} |",
                r.section,
                r.what,
                r.value,
                r.target,
                r.verdict.as_str(),
                r.detail
            );
        }
        let missed = self
            .rows
            .iter()
            .filter(|r| r.verdict == Verdict::Missed)
            .count();
        println!();
        println!("{missed} target(s) missed.");
    }
}
