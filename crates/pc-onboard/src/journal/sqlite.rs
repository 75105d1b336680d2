//! [`SqliteJournal`]: the records in an SQLite file.

use std::any::Any;
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use chrono::{DateTime, Utc};
use pc_transport::RequestId;
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use super::{
    Journal, JournalError, PasswordFate, RowEntry, RowRecord, StepError, StepOutcome, StepRecord,
    StepState,
};
use crate::row::Step;

/// `pcOb`: marks the file as an onboarding journal (`PRAGMA application_id`).
const APPLICATION_ID: i32 = 0x7063_4f62;
/// The layout below; a newer layout is refused rather than misread.
const SCHEMA_VERSION: i32 = 1;

const SCHEMA: &str = "
CREATE TABLE rows (
    key            TEXT PRIMARY KEY NOT NULL,  -- the domain in lower case
    line           INTEGER NOT NULL,           -- line in the input file
    input          TEXT NOT NULL,              -- the row's canonical JSON
    correlation_id TEXT NOT NULL,              -- MS-CorrelationId of all its requests
    recorded_at    TEXT NOT NULL
) STRICT;
CREATE TABLE steps (
    key               TEXT NOT NULL REFERENCES rows(key),
    step              TEXT NOT NULL,           -- domain, customer, readable, agreement, qualification, vetting
    state             TEXT NOT NULL,           -- in-flight, done, failed
    request_id        TEXT,                    -- MS-RequestId, written before the request is sent
    attempts          INTEGER NOT NULL,
    started_at        TEXT NOT NULL,
    finished_at       TEXT,
    answer_request_id TEXT,                    -- MS-RequestId of the answer (or of the read back)
    customer_id       TEXT,
    reconciled        INTEGER NOT NULL DEFAULT 0,
    password          TEXT,                    -- what became of the password: never the password
    detail            TEXT,
    http_status       INTEGER,
    error_code        TEXT,
    error_description TEXT,
    may_have_applied  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (key, step)
) STRICT;
";

/// The journal in an SQLite database file (WAL mode, every commit synced to disk), readable with
/// any SQLite tool (`sqlite3 customers.csv.journal 'select * from steps'`).
///
/// [`open`](Self::open) holds an exclusive lock on the file until the journal is dropped, so two
/// runs can never work from the same journal at once; [`open_read_only`](Self::open_read_only)
/// takes no lock and changes nothing (for `--status` while a run goes on). Clones share the
/// connection.
///
/// One thread owns the connection and commits in groups: the records that arrive while a commit
/// is being synced go into the next transaction together (each in its own savepoint, so one
/// failing record does not undo the others), and each caller is answered only once its
/// transaction is on disk. Concurrent rows thus share their syncs instead of queueing for one
/// each.
#[derive(Debug, Clone)]
pub struct SqliteJournal {
    inner: Arc<Inner>,
}

/// A job's result, of the type its caller expects.
type Value = Box<dyn Any + Send>;
/// What a job does with the connection, inside the group's transaction.
type Work = Box<dyn FnOnce(&Connection) -> rusqlite::Result<Value> + Send>;
/// Where a job's result goes once its transaction is committed (or failed).
type Reply = tokio::sync::oneshot::Sender<Result<Value, String>>;

/// Work for the connection's thread, and where to send its result once committed.
struct Job {
    work: Work,
    reply: Reply,
}

/// At most this many records share one transaction.
const MAX_GROUP: usize = 64;

#[derive(Debug)]
struct Inner {
    jobs: Option<mpsc::Sender<Job>>,
    worker: Mutex<Option<JoinHandle<()>>>,
    path: PathBuf,
    // Released last: after the connection's thread has closed the connection.
    _lock: Option<File>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        // Ends the thread's loop; it closes the connection before the lock file is released.
        self.jobs.take();
        let worker = self
            .worker
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(worker) = worker {
            let _ = worker.join();
        }
    }
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Job")
    }
}

/// The connection's thread: takes the jobs waiting, runs them in one transaction, commits, then
/// answers each.
fn serve(mut conn: Connection, jobs: mpsc::Receiver<Job>, writable: bool) {
    while let Ok(first) = jobs.recv() {
        let mut group = vec![first];
        while group.len() < MAX_GROUP {
            match jobs.try_recv() {
                Ok(job) => group.push(job),
                Err(_) => break,
            }
        }
        for (reply, result) in run_group(&mut conn, group, writable) {
            let _ = reply.send(result);
        }
    }
}

type Answer = (Reply, Result<Value, String>);

fn run_group(conn: &mut Connection, group: Vec<Job>, writable: bool) -> Vec<Answer> {
    let behavior = if writable {
        rusqlite::TransactionBehavior::Immediate
    } else {
        rusqlite::TransactionBehavior::Deferred
    };
    let mut tx = match conn.transaction_with_behavior(behavior) {
        Ok(tx) => tx,
        Err(e) => {
            let e = e.to_string();
            return group
                .into_iter()
                .map(|j| (j.reply, Err(e.clone())))
                .collect();
        }
    };
    let mut answers = Vec::with_capacity(group.len());
    for job in group {
        let result = match tx.savepoint() {
            Ok(savepoint) => match (job.work)(&savepoint) {
                Ok(value) => savepoint
                    .commit()
                    .map(|()| value)
                    .map_err(|e| e.to_string()),
                // Dropping the savepoint rolls this job back, and only this job.
                Err(e) => Err(e.to_string()),
            },
            Err(e) => Err(e.to_string()),
        };
        answers.push((job.reply, result));
    }
    if let Err(e) = tx.commit() {
        let e = e.to_string();
        for (_, result) in &mut answers {
            if result.is_ok() {
                *result = Err(e.clone());
            }
        }
    }
    answers
}

impl SqliteJournal {
    /// Opens the journal at `path` for a run, creating it if needed, and locks it.
    ///
    /// # Errors
    /// [`JournalError`] when the file cannot be created or opened, is not an onboarding journal
    /// (or one of a newer layout), or another process holds it.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, JournalError> {
        let path = path.as_ref().to_path_buf();
        let shown = path.display().to_string();
        let lock = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| JournalError::new(format!("cannot open {shown}"), e))?;
        lock.try_lock().map_err(|e| match e {
            std::fs::TryLockError::WouldBlock => JournalError::msg(format!(
                "{shown} is in use by another run; wait for it to end (or use --status to watch it)"
            )),
            std::fs::TryLockError::Error(e) => JournalError::new(format!("cannot lock {shown}"), e),
        })?;
        let conn = Connection::open(&path)
            .map_err(|e| JournalError::new(format!("cannot open {shown}"), e))?;
        let setup = || -> rusqlite::Result<()> {
            conn.busy_timeout(std::time::Duration::from_secs(10))?;
            conn.pragma_update(None, "journal_mode", "WAL")?;
            // FULL: each commit is on disk before it returns, so a record written before a
            // request survives a power loss as well as a crash.
            conn.pragma_update(None, "synchronous", "FULL")?;
            conn.pragma_update(None, "foreign_keys", true)?;
            Ok(())
        };
        setup().map_err(|e| match e {
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
                not_a_journal(&shown)
            }
            e => JournalError::new(format!("cannot set up {shown}"), e),
        })?;
        check_or_create_schema(&conn, &shown)?;
        Ok(Self::serving(conn, path, Some(lock)))
    }

    /// Opens an existing journal to read it, without locking it or changing anything.
    ///
    /// # Errors
    /// [`JournalError`] when the file does not exist, cannot be read, or is not an onboarding
    /// journal.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Self, JournalError> {
        let path = path.as_ref().to_path_buf();
        let shown = path.display().to_string();
        if !path.is_file() {
            return Err(JournalError::msg(format!("{shown} does not exist")));
        }
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| JournalError::new(format!("cannot open {shown}"), e))?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(|e| JournalError::new(format!("cannot open {shown}"), e))?;
        let (app, version) = identity(&conn, &shown)?;
        if app != APPLICATION_ID || version == 0 {
            return Err(not_a_journal(&shown));
        }
        if version > SCHEMA_VERSION {
            return Err(newer(&shown, version));
        }
        Ok(Self::serving(conn, path, None))
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    /// A journal whose connection is served by its own thread.
    fn serving(conn: Connection, path: PathBuf, lock: Option<File>) -> Self {
        let (jobs, queue) = mpsc::channel();
        let writable = lock.is_some();
        let worker = std::thread::Builder::new()
            .name("pc-onboard-journal".to_owned())
            .spawn(move || serve(conn, queue, writable))
            .ok();
        Self {
            inner: Arc::new(Inner {
                jobs: worker.as_ref().map(|_| jobs),
                worker: Mutex::new(worker),
                path,
                _lock: lock,
            }),
        }
    }

    /// Runs `f` in the connection's thread, within a transaction, and returns once it is
    /// committed.
    async fn with_conn<T: Send + 'static>(
        &self,
        what: &'static str,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T, JournalError> {
        let path = self.inner.path.display().to_string();
        let stopped = || JournalError::msg(format!("cannot {what} in {path}: its thread stopped"));
        let (reply, answer) = tokio::sync::oneshot::channel();
        let job = Job {
            work: Box::new(move |conn| f(conn).map(|v| Box::new(v) as Value)),
            reply,
        };
        let jobs = self.inner.jobs.as_ref().ok_or_else(stopped)?;
        jobs.send(job).map_err(|_| stopped())?;
        let value = answer
            .await
            .map_err(|_| stopped())?
            .map_err(|e| JournalError::msg(format!("cannot {what} in {path}: {e}")))?;
        value.downcast::<T>().map(|v| *v).map_err(|_| stopped())
    }
}

fn identity(conn: &Connection, shown: &str) -> Result<(i32, i32), JournalError> {
    let read = || -> rusqlite::Result<(i32, i32)> {
        let app: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let version: i32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        Ok((app, version))
    };
    read().map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
            not_a_journal(shown)
        }
        e => JournalError::new(format!("cannot read {shown}"), e),
    })
}

fn not_a_journal(shown: &str) -> JournalError {
    JournalError::msg(format!("{shown} is not an onboarding journal"))
}

fn newer(shown: &str, version: i32) -> JournalError {
    JournalError::msg(format!(
        "{shown} has journal layout {version}, newer than this program's {SCHEMA_VERSION}: use a newer `pc`"
    ))
}

fn check_or_create_schema(conn: &Connection, shown: &str) -> Result<(), JournalError> {
    let (app, version) = identity(conn, shown)?;
    if app == APPLICATION_ID && version == SCHEMA_VERSION {
        return Ok(());
    }
    if app == APPLICATION_ID && version > SCHEMA_VERSION {
        return Err(newer(shown, version));
    }
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(|e| JournalError::new(format!("cannot read {shown}"), e))?;
    if app != 0 || tables > 0 {
        return Err(not_a_journal(shown));
    }
    let create = || -> rusqlite::Result<()> {
        conn.execute_batch(&format!(
            "BEGIN IMMEDIATE; {SCHEMA} PRAGMA application_id = {APPLICATION_ID}; \
             PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
        ))
    };
    create().map_err(|e| JournalError::new(format!("cannot create the journal in {shown}"), e))
}

fn time(t: &DateTime<Utc>) -> String {
    pc_model::time::format(t)
}

/// A column's text read as `T`, or a conversion error naming the column.
fn parsed<T: std::str::FromStr>(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<T>
where
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let text: String = row.get(index)?;
    text.parse().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn parsed_opt<T: std::str::FromStr>(
    row: &rusqlite::Row<'_>,
    index: usize,
) -> rusqlite::Result<Option<T>>
where
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let text: Option<String> = row.get(index)?;
    text.map(|t| {
        t.parse().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(
                index,
                rusqlite::types::Type::Text,
                Box::new(e),
            )
        })
    })
    .transpose()
}

fn bad_text(index: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        index,
        rusqlite::types::Type::Text,
        format!("not a known {what}").into(),
    )
}

/// `pc_model::time::parse` as a `FromStr`.
struct Time(DateTime<Utc>);

impl std::str::FromStr for Time {
    type Err = pc_model::time::TimestampError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        pc_model::time::parse(s).map(Time)
    }
}

fn load_all(tx: &Connection) -> rusqlite::Result<Vec<RowRecord>> {
    let mut rows: Vec<RowRecord> = Vec::new();
    {
        let mut stmt = tx.prepare(
            "SELECT key, line, input, correlation_id, recorded_at FROM rows ORDER BY line, key",
        )?;
        let mut query = stmt.query([])?;
        while let Some(r) = query.next()? {
            let line: i64 = r.get(1)?;
            rows.push(RowRecord {
                entry: RowEntry {
                    key: r.get(0)?,
                    line: usize::try_from(line).unwrap_or(0),
                    input: r.get(2)?,
                    correlation_id: parsed(r, 3)?,
                },
                recorded_at: parsed::<Time>(r, 4)?.0,
                steps: Vec::new(),
            });
        }
    }
    let index: std::collections::HashMap<String, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.entry.key.clone(), i))
        .collect();
    {
        let mut stmt = tx.prepare(
            "SELECT key, step, state, request_id, attempts, started_at, finished_at,
                    answer_request_id, customer_id, reconciled, password, detail,
                    http_status, error_code, error_description, may_have_applied
             FROM steps",
        )?;
        let mut query = stmt.query([])?;
        while let Some(r) = query.next()? {
            let key: String = r.get(0)?;
            let step: Step = parsed(r, 1)?;
            let state_name: String = r.get(2)?;
            let state = StepState::from_name(&state_name).ok_or_else(|| bad_text(2, "state"))?;
            let finished_at = parsed_opt::<Time>(r, 6)?.map(|t| t.0);
            let outcome = if finished_at.is_some() {
                let password = match r.get::<_, Option<String>>(10)? {
                    Some(p) => {
                        Some(PasswordFate::from_name(&p).ok_or_else(|| bad_text(10, "password"))?)
                    }
                    None => None,
                };
                let description: Option<String> = r.get(14)?;
                Some(StepOutcome {
                    request_id: parsed_opt(r, 7)?,
                    customer_id: parsed_opt(r, 8)?,
                    reconciled: r.get(9)?,
                    password,
                    detail: r.get(11)?,
                    error: description.map(|description| StepError {
                        status: r.get(12).ok().flatten(),
                        code: r.get(13).ok().flatten(),
                        description,
                    }),
                    may_have_applied: r.get(15)?,
                })
            } else {
                None
            };
            let attempts: i64 = r.get(4)?;
            let record = StepRecord {
                step,
                state,
                request_id: parsed_opt::<RequestId>(r, 3)?,
                attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
                started_at: parsed::<Time>(r, 5)?.0,
                finished_at,
                outcome,
            };
            if let Some(&i) = index.get(&key) {
                rows[i].steps.push(record);
            }
        }
    }
    for row in &mut rows {
        row.steps.sort_by_key(|s| s.step);
    }
    Ok(rows)
}

impl Journal for SqliteJournal {
    async fn load(&self) -> Result<Vec<RowRecord>, JournalError> {
        self.with_conn("read the journal", load_all).await
    }

    async fn record_rows(&self, rows: &[RowEntry], at: DateTime<Utc>) -> Result<(), JournalError> {
        let rows = rows.to_vec();
        self.with_conn("record rows", move |tx| {
            {
                let mut stmt = tx.prepare(
                    "INSERT INTO rows (key, line, input, correlation_id, recorded_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (key) DO UPDATE SET
                        line = excluded.line, input = excluded.input,
                        correlation_id = excluded.correlation_id",
                )?;
                let at = time(&at);
                for r in &rows {
                    stmt.execute(params![
                        r.key,
                        i64::try_from(r.line).unwrap_or(i64::MAX),
                        r.input,
                        r.correlation_id.to_string(),
                        at
                    ])?;
                }
            }
            Ok(())
        })
        .await
    }

    async fn start_step(
        &self,
        key: &str,
        step: Step,
        request_id: Option<RequestId>,
        at: DateTime<Utc>,
    ) -> Result<(), JournalError> {
        let key = key.to_owned();
        self.with_conn("record a step's start", move |tx| {
            let known: Option<i64> = tx
                .query_row("SELECT 1 FROM rows WHERE key = ?1", [&key], |r| r.get(0))
                .optional()?;
            if known.is_none() {
                return Err(rusqlite::Error::QueryReturnedNoRows);
            }
            tx.execute(
                "INSERT INTO steps (key, step, state, request_id, attempts, started_at)
                 VALUES (?1, ?2, 'in-flight', ?3, 1, ?4)
                 ON CONFLICT (key, step) DO UPDATE SET
                    state = 'in-flight', request_id = excluded.request_id,
                    attempts = attempts + 1, started_at = excluded.started_at,
                    finished_at = NULL, answer_request_id = NULL, customer_id = NULL,
                    reconciled = 0, password = NULL, detail = NULL, http_status = NULL,
                    error_code = NULL, error_description = NULL, may_have_applied = 0",
                params![
                    key,
                    step.name(),
                    request_id.map(|r| r.to_string()),
                    time(&at)
                ],
            )?;
            Ok(())
        })
        .await
    }

    async fn finish_step(
        &self,
        key: &str,
        step: Step,
        state: StepState,
        outcome: &StepOutcome,
        at: DateTime<Utc>,
    ) -> Result<(), JournalError> {
        let key = key.to_owned();
        let o = outcome.clone();
        self.with_conn("record a step's outcome", move |tx| {
            let changed = tx.execute(
                "UPDATE steps SET
                    state = ?3, finished_at = ?4, answer_request_id = ?5, customer_id = ?6,
                    reconciled = ?7, password = ?8, detail = ?9, http_status = ?10,
                    error_code = ?11, error_description = ?12, may_have_applied = ?13,
                    request_id = CASE WHEN ?14 THEN request_id ELSE ?5 END
                 WHERE key = ?1 AND step = ?2",
                params![
                    key,
                    step.name(),
                    state.name(),
                    time(&at),
                    o.request_id.map(|r| r.to_string()),
                    o.customer_id.map(|c| c.to_string()),
                    o.reconciled,
                    o.password.map(PasswordFate::name),
                    o.detail,
                    o.error.as_ref().and_then(|e| e.status),
                    o.error.as_ref().and_then(|e| e.code.clone()),
                    o.error.as_ref().map(|e| e.description.clone()),
                    o.may_have_applied,
                    step.has_request_id(),
                ],
            )?;
            if changed != 1 {
                return Err(rusqlite::Error::QueryReturnedNoRows);
            }
            Ok(())
        })
        .await
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn keeps_the_journal_contract() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.journal");
        super::super::contract::check(&SqliteJournal::open(&path).unwrap()).await;
    }

    #[tokio::test]
    async fn survives_reopening_and_refuses_a_second_run() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.journal");
        let journal = SqliteJournal::open(&path).unwrap();
        let entry = RowEntry {
            key: "a.onmicrosoft.com".to_owned(),
            line: 2,
            input: "{}".to_owned(),
            correlation_id: pc_transport::CorrelationId::new_v4(),
        };
        journal
            .record_rows(std::slice::from_ref(&entry), Utc::now())
            .await
            .unwrap();
        let rid = RequestId::new_v4();
        journal
            .start_step(&entry.key, Step::Customer, Some(rid), Utc::now())
            .await
            .unwrap();

        let second = SqliteJournal::open(&path).unwrap_err().to_string();
        assert!(second.contains("in use by another run"), "{second}");
        // Reading while the run holds it works.
        let reader = SqliteJournal::open_read_only(&path).unwrap();
        let rows = reader.load().await.unwrap();
        assert_eq!(rows[0].step(Step::Customer).unwrap().request_id, Some(rid));
        drop(reader);
        drop(journal);

        let again = SqliteJournal::open(&path).unwrap();
        let rows = again.load().await.unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].entry, entry);
        let step = rows[0].step(Step::Customer).unwrap();
        assert_eq!(step.state, StepState::InFlight);
        assert_eq!(step.request_id, Some(rid));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn records_arriving_together_share_a_commit_and_a_failing_one_fails_alone() {
        let dir = tempfile::tempdir().unwrap();
        let journal = SqliteJournal::open(dir.path().join("j.journal")).unwrap();
        let entries: Vec<RowEntry> = (0..40)
            .map(|i| RowEntry {
                key: format!("r{i}.onmicrosoft.com"),
                line: i + 1,
                input: "{}".to_owned(),
                correlation_id: pc_transport::CorrelationId::new_v4(),
            })
            .collect();
        journal.record_rows(&entries, Utc::now()).await.unwrap();
        let starts = entries.iter().map(|e| {
            journal.start_step(&e.key, Step::Domain, Some(RequestId::new_v4()), Utc::now())
        });
        let unknown = journal.start_step("nobody", Step::Domain, None, Utc::now());
        let (results, unknown) = tokio::join!(futures::future::join_all(starts), unknown);
        assert!(unknown.is_err());
        assert!(results.iter().all(Result::is_ok));
        let rows = journal.load().await.unwrap();
        assert_eq!(rows.len(), 40);
        assert!(rows.iter().all(|r| r.step(Step::Domain).is_some()));
    }

    #[test]
    fn refuses_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("notes.txt");
        std::fs::write(
            &text,
            "not a database, just some text that is long enough ".repeat(40),
        )
        .unwrap();
        let err = SqliteJournal::open(&text).unwrap_err().to_string();
        assert!(err.contains("not an onboarding journal"), "{err}");

        let other = dir.path().join("other.db");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE t (x);")
            .unwrap();
        let err = SqliteJournal::open(&other).unwrap_err().to_string();
        assert!(err.contains("not an onboarding journal"), "{err}");
        let err = SqliteJournal::open_read_only(&other)
            .unwrap_err()
            .to_string();
        assert!(err.contains("not an onboarding journal"), "{err}");
        let missing = SqliteJournal::open_read_only(dir.path().join("none"))
            .unwrap_err()
            .to_string();
        assert!(missing.contains("does not exist"), "{missing}");
    }
}
