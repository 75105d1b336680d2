//! Where the new tenants' admin passwords go: [`CredentialsFile`], or nowhere
//! ([`DiscardPasswords`]).
//!
//! # What is guaranteed
//!
//! The service shows a new tenant's admin password once, in the `201` answer to its creation.
//! When that answer arrives, the password is written to the credentials file and flushed to disk
//! **before** the journal records the customer step as done; it never goes to the journal, a
//! report, an event, the terminal or a log. So:
//!
//! - every password the tool received is in the file, once: on a rerun the file is read first,
//!   and a password for a domain it already holds is not written again (the rerun may receive it
//!   again when the service replays the answer to the same `MS-RequestId`);
//! - a password is missing only when its `201` never arrived whole: the connection dropped after
//!   the service created the customer, or the process was killed between the answer and the
//!   write. The customer is then found by reading back, and the journal and report say
//!   `not-received` for it: reset that password in the Microsoft 365 admin center.
//! - a line cut short by a power loss (no final newline) is removed when the file is opened
//!   again, and its password counts as not stored.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use pc_model::{CustomerTenantId, Secret};

use crate::journal::PasswordFate;

/// One new tenant's admin credentials, as handed to a [`PasswordSink`].
#[derive(Debug)]
pub struct NewTenantCredentials<'a> {
    /// The customer's domain (the row's key, lower case).
    pub domain: &'a str,
    /// The customer's tenant id.
    pub customer_id: Option<CustomerTenantId>,
    /// The admin user name, when the service gave one.
    pub user_name: Option<&'a str>,
    /// The admin password.
    pub password: &'a Secret,
}

/// Somewhere to keep the admin passwords of new tenants.
pub trait PasswordSink: Send + Sync {
    /// Whether a password for `domain` is already kept (from an earlier run).
    fn holds(&self, domain: &str) -> bool;

    /// Keeps a password; the password must be durable when this returns. Called from a blocking
    /// thread.
    ///
    /// # Errors
    /// An I/O error; the run stops, since the password could otherwise be lost.
    fn store(&self, credentials: &NewTenantCredentials<'_>) -> std::io::Result<PasswordFate>;
}

/// Throws the passwords away (`--discard-passwords`): for tenants whose admin password is reset
/// through another channel.
#[derive(Debug, Clone, Copy, Default)]
pub struct DiscardPasswords;

impl PasswordSink for DiscardPasswords {
    fn holds(&self, _domain: &str) -> bool {
        false
    }

    fn store(&self, _credentials: &NewTenantCredentials<'_>) -> std::io::Result<PasswordFate> {
        Ok(PasswordFate::Discarded)
    }
}

/// The header of a credentials file.
pub const CREDENTIALS_HEADER: &str = "domain,customerId,userName,password";

/// A CSV file of admin credentials (`domain,customerId,userName,password`), readable by its
/// owner only (mode `0600` on Unix), appended to and synced to disk as each password arrives.
#[derive(Debug)]
pub struct CredentialsFile {
    path: PathBuf,
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    file: File,
    domains: HashSet<String>,
}

impl CredentialsFile {
    /// Opens the file at `path`, creating it (mode `0600`) with its header, or reading the
    /// domains an earlier run wrote.
    ///
    /// # Errors
    /// An I/O error; also when an existing file can be read by others than its owner, or is not
    /// a credentials file (another header).
    pub fn open(path: impl AsRef<Path>) -> std::io::Result<Self> {
        let path = path.as_ref().to_path_buf();
        let mut options = OpenOptions::new();
        options.read(true).append(true).create(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&path)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = file.metadata()?.permissions().mode();
            if mode & 0o077 != 0 {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::PermissionDenied,
                    format!(
                        "{} can be read by others (mode {:o}); run `chmod 600` on it first",
                        path.display(),
                        mode & 0o777
                    ),
                ));
            }
        }
        let mut text = String::new();
        file.read_to_string(&mut text)?;
        let domains = if text.is_empty() {
            file.write_all(format!("{CREDENTIALS_HEADER}\n").as_bytes())?;
            file.sync_all()?;
            HashSet::new()
        } else {
            let complete = match text.rfind('\n') {
                Some(end) => end + 1,
                None => 0,
            };
            if complete < text.len() {
                // A line cut short: its password is incomplete, so it is not kept.
                file.set_len(complete as u64)?;
                file.seek(SeekFrom::End(0))?;
                file.sync_all()?;
            }
            read_domains(&text[..complete], &path)?
        };
        Ok(Self {
            path,
            state: Mutex::new(State { file, domains }),
        })
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

fn read_domains(text: &str, path: &Path) -> std::io::Result<HashSet<String>> {
    let not_ours = || {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "{} is not a credentials file (its first line is not `{CREDENTIALS_HEADER}`)",
                path.display()
            ),
        )
    };
    if !text.is_empty() && text.lines().next() != Some(CREDENTIALS_HEADER) {
        return Err(not_ours());
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let mut domains = HashSet::new();
    for record in reader.records() {
        let record = record.map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        if let Some(domain) = record.get(0) {
            domains.insert(domain.to_ascii_lowercase());
        }
    }
    Ok(domains)
}

impl PasswordSink for CredentialsFile {
    fn holds(&self, domain: &str) -> bool {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.domains.contains(&domain.to_ascii_lowercase())
    }

    fn store(&self, c: &NewTenantCredentials<'_>) -> std::io::Result<PasswordFate> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let domain = c.domain.to_ascii_lowercase();
        if state.domains.contains(&domain) {
            return Ok(PasswordFate::Stored);
        }
        let mut writer = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        let customer = c.customer_id.map(|id| id.to_string()).unwrap_or_default();
        writer
            .write_record([
                domain.as_str(),
                customer.as_str(),
                c.user_name.unwrap_or_default(),
                c.password.expose(),
            ])
            .map_err(std::io::Error::other)?;
        let line = writer.into_inner().map_err(|e| e.into_error())?;
        // One write of the whole line, then synced: a crash leaves the line whole or absent
        // (or, after a power loss, cut short and removed on the next open).
        state.file.write_all(&line)?;
        state.file.sync_data()?;
        state.domains.insert(domain);
        Ok(PasswordFate::Stored)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn creds<'a>(domain: &'a str, password: &'a Secret) -> NewTenantCredentials<'a> {
        NewTenantCredentials {
            domain,
            customer_id: Some(CustomerTenantId::new_v4()),
            user_name: Some("admin@x.onmicrosoft.com"),
            password,
        }
    }

    #[test]
    fn writes_each_domain_once_across_reopenings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("creds.csv");
        let password = Secret::new("p,a\"ss\nword");
        {
            let file = CredentialsFile::open(&path).unwrap();
            assert!(!file.holds("a.onmicrosoft.com"));
            let fate = file.store(&creds("A.onmicrosoft.com", &password)).unwrap();
            assert_eq!(fate, PasswordFate::Stored);
            assert!(file.holds("a.onmicrosoft.com"));
            file.store(&creds("a.onmicrosoft.com", &password)).unwrap();
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let again = CredentialsFile::open(&path).unwrap();
        assert!(again.holds("a.onmicrosoft.com"));
        again.store(&creds("a.onmicrosoft.com", &password)).unwrap();
        again
            .store(&creds("b.onmicrosoft.com", &Secret::new("other")))
            .unwrap();
        drop(again);

        let mut reader = csv::Reader::from_path(&path).unwrap();
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][0], "a.onmicrosoft.com");
        assert_eq!(&rows[0][3], "p,a\"ss\nword");
        assert_eq!(&rows[1][0], "b.onmicrosoft.com");
    }

    #[test]
    fn a_line_cut_short_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("creds.csv");
        let mut options = OpenOptions::new();
        options.write(true).create(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&path).unwrap();
        write!(
            file,
            "{CREDENTIALS_HEADER}\nc.onmicrosoft.com,,,whole\nd.onmicrosoft.com,,,hal"
        )
        .unwrap();
        drop(file);
        let creds_file = CredentialsFile::open(&path).unwrap();
        assert!(creds_file.holds("c.onmicrosoft.com"));
        assert!(!creds_file.holds("d.onmicrosoft.com"));
        drop(creds_file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.ends_with("whole\n"), "{text}");
    }

    #[cfg(unix)]
    #[test]
    fn refuses_a_file_others_can_read_and_a_foreign_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let open = dir.path().join("open.csv");
        std::fs::write(&open, "").unwrap();
        std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o644)).unwrap();
        let err = CredentialsFile::open(&open).unwrap_err().to_string();
        assert!(err.contains("chmod 600"), "{err}");

        let foreign = dir.path().join("foreign.csv");
        std::fs::write(&foreign, "name,age\nx,1\n").unwrap();
        std::fs::set_permissions(&foreign, std::fs::Permissions::from_mode(0o600)).unwrap();
        let err = CredentialsFile::open(&foreign).unwrap_err().to_string();
        assert!(err.contains("not a credentials file"), "{err}");
    }
}
