//! `pc onboard`: bulk onboarding from a JSON Lines or CSV file, journaled so that a rerun after a
//! crash resumes; a thin layer over `pc-onboard`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use pc_cli::json::{OnboardEvent, OnboardLine, OnboardStatus};
use pc_model::ValidationContext;
use pc_onboard::report::{self, ReportLine, RowStatus};
use pc_onboard::{
    CredentialsFile, DEFAULT_CONCURRENCY, DEFAULT_RATE_LIMIT_PER_MINUTE, DiscardPasswords, Event,
    Format, InputError, Journal, Onboarding, PasswordSink, Problem, Remedy, SqliteJournal,
    StepState, Summary,
};

use crate::exit::Exit;
use crate::output::{Output, bounded, json_text, terminal_safe};
use crate::target::TargetArgs;

/// Arguments of `pc onboard`.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  pc onboard customers.csv --credentials-out passwords.csv --report report.csv
  pc onboard customers.jsonl --credentials-out passwords.csv --wait-vetting
  pc onboard customers.csv --credentials-out passwords.csv   # again after a crash: resumes
  pc onboard --status customers.csv                          # where the run stands; sends nothing

Exit status: 0 every row done; 1 invalid rows (nothing sent, or skipped with --skip-invalid);
2 usage, unreadable input, or the journal or credentials file unusable; 3 some rows failed at
the service (the summary says which a rerun can finish, and what to change for the others).")]
pub(crate) struct OnboardArgs {
    #[command(flatten)]
    target: TargetArgs,
    /// The rows: JSON Lines (.jsonl, .ndjson) or CSV with a header row (.csv).
    #[arg(value_name = "FILE", required_unless_present = "status")]
    file: Option<PathBuf>,
    /// The file's format, when its extension does not say.
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// The journal (an SQLite file) [default: FILE.journal].
    #[arg(long, value_name = "PATH")]
    journal: Option<PathBuf>,
    /// Where the new tenants' admin passwords go (CSV, created with mode 0600, synced as each
    /// arrives). Required unless --discard-passwords.
    #[arg(long, value_name = "PATH", required_unless_present_any = ["discard_passwords", "status"])]
    credentials_out: Option<PathBuf>,
    /// Throw the new tenants' admin passwords away.
    #[arg(long, conflicts_with = "credentials_out")]
    discard_passwords: bool,
    /// Onboard the valid rows and skip the invalid ones (instead of sending nothing).
    #[arg(long)]
    skip_invalid: bool,
    /// Rows worked on at once.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_CONCURRENCY)]
    concurrency: usize,
    /// Requests per minute, shared by all rows; 0 for no limit [default: just under the
    /// service's documented 500].
    #[arg(long, value_name = "N", default_value_t = DEFAULT_RATE_LIMIT_PER_MINUTE)]
    rate_limit: u32,
    /// Also wait for each qualification's vetting to finish.
    #[arg(long)]
    wait_vetting: bool,
    /// Write one line per row (CSV or JSON, by the extension) when the run ends.
    #[arg(long, value_name = "PATH")]
    report: Option<PathBuf>,
    /// Print where the run stands, from the journal alone; sends nothing.
    #[arg(long)]
    status: bool,
}

/// Input formats on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FormatArg {
    /// JSON Lines.
    Jsonl,
    /// CSV with a header row.
    Csv,
}

/// Adds the CSV columns to `pc onboard --help` (built from the one list of them).
pub(crate) fn with_columns_help(command: clap::Command) -> clap::Command {
    let columns: Vec<&str> = pc_onboard::input::CSV_COLUMNS
        .iter()
        .map(|(c, _)| *c)
        .collect();
    command.after_long_help(format!(
        "JSON Lines: one row per line, {{\"customer\": <create-customer body>, \"agreement\": \
         {{\"primaryContact\": {{…}}, \"dateAgreed\": \"…\"}}, \"qualification\": <qualification \
         body>}}; agreement and qualification optional.\n\nCSV columns (an empty cell is an \
         absent field): {}.\n\nExample files: examples/onboarding/ in the repository.",
        columns.join(", ")
    ))
}

impl OnboardArgs {
    fn journal_path(&self) -> Option<PathBuf> {
        self.journal.clone().or_else(|| {
            self.file.as_ref().map(|f| {
                let mut name = f.as_os_str().to_owned();
                name.push(".journal");
                PathBuf::from(name)
            })
        })
    }

    fn format(&self, file: &Path) -> Option<Format> {
        match self.format {
            Some(FormatArg::Jsonl) => Some(Format::JsonLines),
            Some(FormatArg::Csv) => Some(Format::Csv),
            None => Format::from_path(file),
        }
    }
}

/// Runs `pc onboard`.
pub(crate) async fn run(args: &OnboardArgs, out: &mut Output) -> Exit {
    let target = &args.target;
    let Some(journal_path) = args.journal_path() else {
        out.error("--status needs the input FILE or --journal PATH");
        return Exit::Usage;
    };
    if args.status {
        return status(args, &journal_path, out).await;
    }
    let Some(file) = &args.file else {
        return Exit::Usage;
    };
    let Some(format) = args.format(file) else {
        out.error(&format!(
            "cannot tell the format of {}: name it .jsonl, .ndjson or .csv, or pass --format",
            file.display()
        ));
        return Exit::Usage;
    };
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            out.error(&format!("cannot read {}: {e}", file.display()));
            return Exit::Usage;
        }
    };
    let parsed = match pc_onboard::parse(&text, format, &ValidationContext::default()) {
        Ok(p) => p,
        Err(InputError::Header(problems)) => {
            out.error(&format!(
                "{}: the CSV header is not usable; nothing was sent:",
                file.display()
            ));
            for p in problems {
                out.error_line(&p);
            }
            return Exit::Invalid;
        }
        Err(e) => {
            out.error(&format!("{}: {e}", file.display()));
            return Exit::Invalid;
        }
    };
    if !parsed.problems.is_empty() && !args.skip_invalid {
        print_problems(
            out,
            &parsed.problems,
            "nothing was sent; fix them, or pass --skip-invalid to onboard the others",
        );
        return Exit::Invalid;
    }

    let journal = match SqliteJournal::open(&journal_path) {
        Ok(j) => j,
        Err(e) => {
            out.error(&e.to_string());
            return Exit::Usage;
        }
    };
    let passwords: Arc<dyn PasswordSink> = match &args.credentials_out {
        Some(path) => match CredentialsFile::open(path) {
            Ok(f) => Arc::new(f),
            Err(e) => {
                out.error(&format!("credentials file {}: {e}", path.display()));
                return Exit::Usage;
            }
        },
        None => Arc::new(DiscardPasswords),
    };
    let rate = args.rate_limit;
    let client = match target.client_with(|b| {
        if rate > 0 {
            b.rate_limit_per_minute(rate)
        } else {
            b
        }
    }) {
        Ok(c) => c,
        Err(message) => {
            out.error(&message);
            return Exit::Usage;
        }
    };
    let onboarding = Onboarding::new(client, journal.clone(), passwords)
        .concurrency(args.concurrency)
        .wait_vetting(args.wait_vetting);
    let plan = match onboarding.prepare(parsed.rows).await {
        Ok(p) => p,
        Err(e) => {
            out.error(&e.to_string());
            return Exit::Usage;
        }
    };
    let mut skipped: Vec<Problem> = parsed.problems;
    if !plan.refused().is_empty() {
        if !args.skip_invalid {
            print_problems(
                out,
                plan.refused(),
                "nothing was sent; restore them, or pass --skip-invalid to onboard the others",
            );
            return Exit::Invalid;
        }
        skipped.extend(plan.refused().iter().cloned());
    }
    if !skipped.is_empty() {
        print_problems(out, &skipped, "skipped; the other rows are onboarded");
    }

    let progress = Progress::new(out.json(), plan.rows(), plan.already_done());
    let result = onboarding.run(plan, &|event| progress.event(event)).await;
    progress.finish();

    let records = journal.load().await;
    let summary = match result {
        Ok(summary) => summary,
        Err(e) => {
            out.error(&format!("{e}; the run stopped (rerun to resume)"));
            return Exit::Usage;
        }
    };
    let mut lines = match records {
        Ok(records) => report::report(&records),
        Err(e) => {
            out.error(&e.to_string());
            return Exit::Usage;
        }
    };
    lines.extend(skipped_lines(&skipped));
    if let Some(path) = &args.report
        && let Err(e) = write_report(path, &lines)
    {
        out.error(&format!("cannot write the report {}: {e}", path.display()));
        return Exit::Usage;
    }
    print_summary(out, &summary, skipped_rows(&skipped), &journal_path, args);
    if summary.failed > 0 {
        Exit::Service
    } else if !skipped.is_empty() {
        Exit::Invalid
    } else {
        Exit::Success
    }
}

fn skipped_rows(problems: &[Problem]) -> usize {
    let mut lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
    lines.dedup();
    lines.len()
}

fn skipped_lines(problems: &[Problem]) -> Vec<ReportLine> {
    let mut by_line: std::collections::BTreeMap<usize, Vec<&Problem>> = Default::default();
    for p in problems {
        by_line.entry(p.line).or_default().push(p);
    }
    by_line
        .into_iter()
        .map(|(line, problems)| ReportLine::skipped(line, None, &problems))
        .collect()
}

fn print_problems(out: &mut Output, problems: &[Problem], what: &str) {
    let rows = skipped_rows(problems);
    if out.json() {
        for p in problems {
            out.json_doc(&OnboardEvent::Problem { problem: p.clone() });
        }
        return;
    }
    out.error(&format!(
        "{rows} row(s) cannot be onboarded as written; {what}:"
    ));
    for p in problems {
        out.error_line(&p.to_string());
    }
}

fn write_report(path: &Path, lines: &[ReportLine]) -> std::io::Result<()> {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
    let json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if json {
        report::write_json(lines, &mut file)?;
    } else {
        report::write_csv(lines, &mut file)?;
    }
    file.flush()
}

fn print_summary(
    out: &mut Output,
    summary: &Summary,
    skipped: usize,
    journal: &Path,
    args: &OnboardArgs,
) {
    if out.json() {
        out.json_doc(&OnboardEvent::Summary {
            summary: *summary,
            skipped,
            journal: journal.display().to_string(),
            report: args.report.as_ref().map(|p| p.display().to_string()),
        });
        return;
    }
    out.line(&format!(
        "{} row(s): {} done ({} by earlier runs), {} failed{}",
        summary.rows + skipped,
        summary.done + summary.already_done,
        summary.already_done,
        summary.failed,
        if skipped > 0 {
            format!(", {skipped} skipped")
        } else {
            String::new()
        }
    ));
    if summary.passwords_not_received > 0 {
        out.line(&format!(
            "{} admin password(s) not received (the customer was found by reading back after its answer was lost): reset them in the Microsoft 365 admin center; the report marks them `not-received`",
            summary.passwords_not_received
        ));
    }
    if summary.domains_taken > 0 {
        out.line(&format!(
            "{} row(s) failed because their domain is taken by another tenant; a rerun cannot \
             finish them: give each another domain in the input file",
            summary.domains_taken,
        ));
    }
    match summary.failed - summary.domains_taken {
        0 => {}
        n if n == summary.failed => out.line("rerun the same command to retry the failed rows"),
        n => out.line(&format!(
            "rerun the same command to retry the other {n} failed row(s)"
        )),
    }
    out.line(&format!("journal: {}", journal.display()));
    if let Some(path) = &args.credentials_out {
        out.line(&format!("admin passwords: {}", path.display()));
    }
    if let Some(path) = &args.report {
        out.line(&format!("report: {}", path.display()));
    }
}

/// `pc onboard --status`.
async fn status(args: &OnboardArgs, journal_path: &Path, out: &mut Output) -> Exit {
    let journal = match SqliteJournal::open_read_only(journal_path) {
        Ok(j) => j,
        Err(e) => {
            out.error(&e.to_string());
            return Exit::Usage;
        }
    };
    let lines = match journal.load().await {
        Ok(records) => report::report(&records),
        Err(e) => {
            out.error(&e.to_string());
            return Exit::Usage;
        }
    };
    let counts = report::counts(&lines);
    if let Some(path) = &args.report
        && let Err(e) = write_report(path, &lines)
    {
        out.error(&format!("cannot write the report {}: {e}", path.display()));
        return Exit::Usage;
    }
    if out.json() {
        out.json_doc(&OnboardStatus {
            journal: journal_path.display().to_string(),
            counts: counts
                .iter()
                .map(|(s, n)| (s.name().to_owned(), *n))
                .collect(),
            rows: lines,
        });
        return Exit::Success;
    }
    let summary: Vec<String> = counts
        .iter()
        .map(|(s, n)| format!("{n} {}", s.name()))
        .collect();
    out.line(&format!(
        "{}: {} row(s) journaled: {}",
        journal_path.display(),
        lines.len(),
        if summary.is_empty() {
            "none".to_owned()
        } else {
            summary.join(", ")
        }
    ));
    for line in lines.iter().filter(|l| l.status != RowStatus::Done) {
        out.line(&status_line(line));
    }
    Exit::Success
}

fn status_line(line: &ReportLine) -> String {
    let mut text = format!("row {} {}: {}", line.line, line.domain, line.status.name());
    if let Some((step, s)) = line.steps.iter().find(|(_, s)| s.state != StepState::Done) {
        text.push_str(&format!(" at {step}"));
        if s.state == StepState::InFlight
            && let Some(id) = &s.request_id
        {
            text.push_str(&format!(
                " (MS-RequestId {id}, resent as is by the next run)"
            ));
        }
    }
    if let Some(e) = &line.error {
        text.push_str(": ");
        text.push_str(&error_text(e.status, e.code.as_deref(), &e.description));
        if let Some(remedy) = e.remedy {
            text.push_str(&advice(remedy));
        }
    }
    text
}

/// `` (a rerun is what the summary suggests), or `; <what to do instead>`.
fn advice(remedy: Remedy) -> String {
    match remedy {
        Remedy::Rerun => String::new(),
        other => format!("; {}", other.advice()),
    }
}

/// `HTTP 409, code X: description`, the service's values [`bounded`]; the line is made
/// terminal-safe where it is written.
fn error_text(status: Option<u16>, code: Option<&str>, description: &str) -> String {
    let mut parts = Vec::new();
    if let Some(s) = status {
        parts.push(format!("HTTP {s}"));
    }
    if let Some(c) = code {
        parts.push(format!("code {}", bounded(c)));
    }
    let head = parts.join(", ");
    let description = bounded(description).into_owned();
    if head.is_empty() {
        description
    } else {
        format!("{head}: {description}")
    }
}

/// How a run shows its progress: a bar on a terminal, a line per finished row otherwise, NDJSON
/// events with `--json`.
struct Progress {
    mode: Mode,
    done: AtomicUsize,
    failed: AtomicUsize,
    started: AtomicUsize,
    began: Instant,
}

enum Mode {
    Json,
    Bar(ProgressBar),
    Lines,
}

impl Progress {
    fn new(json: bool, rows: usize, already_done: usize) -> Self {
        let mode = if json {
            Mode::Json
        } else if std::io::stderr().is_terminal() {
            let bar =
                ProgressBar::with_draw_target(Some(rows as u64), ProgressDrawTarget::stderr());
            if let Ok(style) =
                ProgressStyle::with_template("{bar:30} {pos}/{len} rows  {msg}  ETA {eta}")
            {
                bar.set_style(style);
            }
            bar.set_position(already_done as u64);
            bar.enable_steady_tick(std::time::Duration::from_millis(200));
            Mode::Bar(bar)
        } else {
            Mode::Lines
        };
        Self {
            mode,
            done: AtomicUsize::new(0),
            failed: AtomicUsize::new(0),
            started: AtomicUsize::new(0),
            began: Instant::now(),
        }
    }

    fn event(&self, event: &Event) {
        match &self.mode {
            Mode::Json => {
                if let Ok(value) = serde_json::to_value(OnboardLine::Run(event.clone())) {
                    let _ = writeln!(std::io::stdout().lock(), "{}", json_text(&value));
                }
            }
            Mode::Bar(bar) => {
                self.count(event);
                match event {
                    Event::RowDone { .. } => bar.inc(1),
                    Event::RowFailed { .. } => {
                        bar.inc(1);
                        bar.println(terminal_safe(&row_line(event)));
                    }
                    _ => {}
                }
                bar.set_message(self.message());
            }
            Mode::Lines => {
                self.count(event);
                if matches!(event, Event::RowDone { .. } | Event::RowFailed { .. }) {
                    let line = row_line(event);
                    let _ = writeln!(std::io::stdout().lock(), "{}", terminal_safe(&line));
                }
            }
        }
    }

    fn count(&self, event: &Event) {
        match event {
            Event::RowStarted { .. } => {
                self.started.fetch_add(1, Ordering::Relaxed);
            }
            Event::RowDone { .. } => {
                self.done.fetch_add(1, Ordering::Relaxed);
            }
            Event::RowFailed { .. } => {
                self.failed.fetch_add(1, Ordering::Relaxed);
            }
            _ => {}
        }
    }

    /// `2 failed · 16 in progress · 83 rows/min`.
    fn message(&self) -> String {
        let done = self.done.load(Ordering::Relaxed);
        let failed = self.failed.load(Ordering::Relaxed);
        let started = self.started.load(Ordering::Relaxed);
        let minutes = self.began.elapsed().as_secs_f64() / 60.0;
        let rate = if minutes > 0.0 {
            (done + failed) as f64 / minutes
        } else {
            0.0
        };
        format!(
            "{failed} failed · {} in progress · {rate:.0} rows/min",
            started.saturating_sub(done + failed)
        )
    }

    fn finish(&self) {
        if let Mode::Bar(bar) = &self.mode {
            bar.finish_and_clear();
        }
    }
}

/// `row 17 wingtiptoys.onmicrosoft.com: done, customer …` or `… failed at customer: …`.
fn row_line(event: &Event) -> String {
    match event {
        Event::RowDone {
            line,
            domain,
            customer_id,
        } => match customer_id {
            Some(id) => format!("row {line} {domain}: done, customer {id}"),
            None => format!("row {line} {domain}: done"),
        },
        Event::RowFailed {
            line,
            domain,
            step,
            error,
            remedy,
        } => format!(
            "row {line} {domain}: failed at {step}: {}{}",
            error_text(error.status, error.code.as_deref(), &error.description),
            advice(*remedy)
        ),
        _ => String::new(),
    }
}
