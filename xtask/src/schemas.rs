//! Writes and checks `schemas/`: one self-contained JSON Schema (draft 2020-12) per body,
//! `openapi.json`, which describes the operations with the same schemas as components, and under
//! `cli/` one schema per `pc … --json` output, derived from the types `pc` writes
//! ([`pc_cli::json`]).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use pc_model::operation::{BodyRef, Contract};
use serde_json::Value;

use crate::postprocess;

/// Where every schema's `$id` points. The `v1` is the schemas' major version: a breaking change
/// to any schema (see `schemas/README.md`) moves every file to `v2`.
pub const ID_BASE: &str = "https://partner-center-rs.github.io/schemas/v1/";

/// The version of the schemas and of `openapi.json` (`info.version`), by semantic versioning; its
/// major number is the one in [`ID_BASE`].
pub const VERSION: &str = "1.0.0";

/// The folder of the generated files, relative to the workspace root.
pub const SCHEMAS_DIR: &str = "schemas";

/// The folder of the `pc --json` output schemas, inside [`SCHEMAS_DIR`].
pub const CLI_DIR: &str = "cli";

/// The command that regenerates the files.
pub const COMMAND: &str = "cargo xtask schemas";

/// The workspace root (the parent of `xtask/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The schema file of `body`, e.g. `customer-create-request.schema.json`.
pub fn file_name(body: BodyRef) -> String {
    format!("{}.schema.json", body.file_stem())
}

/// Every generated file: its path relative to the workspace root, and its contents.
pub fn generate() -> BTreeMap<PathBuf, String> {
    let mut files = BTreeMap::new();
    for body in BodyRef::ALL {
        files.insert(
            Path::new(SCHEMAS_DIR).join(file_name(body)),
            pretty(&body_schema(body)),
        );
    }
    files.insert(
        Path::new(SCHEMAS_DIR).join("openapi.json"),
        pretty(&crate::openapi::document()),
    );
    for output in pc_cli::json::schemas() {
        files.insert(
            Path::new(SCHEMAS_DIR)
                .join(CLI_DIR)
                .join(format!("{}.schema.json", output.stem)),
            pretty(&cli_schema(&output)),
        );
    }
    files
}

/// The published schema of a `pc --json` output: the derived schema made portable, with `$id`
/// (under `cli/`), a `title` naming the command, and a `description` saying where the output
/// goes and whether it is one document or one per line.
pub fn cli_schema(output: &pc_cli::json::OutputSchema) -> Value {
    let mut schema = output.schema.clone().to_value();
    postprocess::portable(&mut schema);
    if let Value::Object(map) = &mut schema {
        map.insert(
            "$id".into(),
            Value::String(format!("{ID_BASE}{CLI_DIR}/{}.schema.json", output.stem)),
        );
        map.insert(
            "title".into(),
            Value::String(format!("{} --json", output.command)),
        );
        let what = if output.lines {
            format!(
                "Each line `{} --json` writes on standard output (NDJSON) is one JSON document \
                 valid against this schema.",
                output.command
            )
        } else {
            format!(
                "What `{} --json` writes on standard output: one JSON document on one line.",
                output.command
            )
        };
        let description = match map.get("description").and_then(Value::as_str) {
            Some(text) => format!("{what}\n\n{text}"),
            None => what,
        };
        map.insert("description".into(), Value::String(description));
    }
    schema
}

/// The published schema of `body`: pc-model's derived schema made portable, with `$id`,
/// `title`, the rules it cannot express in its `description`, and the documented payloads as
/// `examples`.
pub fn body_schema(body: BodyRef) -> Value {
    let mut schema = pc_model::schema::body_schema(body).to_value();
    postprocess::portable(&mut schema);
    if let Value::Object(map) = &mut schema {
        map.insert(
            "$id".into(),
            Value::String(format!("{ID_BASE}{}", file_name(body))),
        );
        map.insert("title".into(), Value::String(title(body).into()));
        if let Some(note) = not_expressed(body) {
            let description = match map.get("description").and_then(Value::as_str) {
                Some(text) => format!("{text}\n\n{note}"),
                None => note.to_owned(),
            };
            map.insert("description".into(), Value::String(description));
        }
        let examples = examples(body);
        if !examples.is_empty() {
            map.insert("examples".into(), Value::Array(examples));
        }
    }
    schema
}

/// The title of a body's schema.
pub fn title(body: BodyRef) -> &'static str {
    match body {
        BodyRef::CustomerCreateRequest => "Create customer request",
        BodyRef::AgreementCreateRequest => "Confirm customer agreement request",
        BodyRef::QualificationCreateRequest => "Create qualification request",
        BodyRef::Customer => "Customer",
        BodyRef::CustomerCollection => "Customer collection",
        BodyRef::Agreement => "Agreement",
        BodyRef::AgreementCollection => "Agreement collection",
        BodyRef::AgreementMetadataCollection => "Agreement metadata collection",
        BodyRef::Qualification => "Qualification",
        BodyRef::QualificationsEnvelope => "Qualifications envelope",
        BodyRef::QualificationList => "Qualification list",
        BodyRef::ValidationCodeList => "Validation code list",
        BodyRef::Error => "Service error",
        BodyRef::ThrottlingError => "Throttling error",
    }
}

/// The rules of `validate()` that the schema of `body` does not express, in words. The
/// differential test checks that every rule marked `schema_expressible: false` is named here.
pub fn not_expressed(body: BodyRef) -> Option<&'static str> {
    match body {
        BodyRef::CustomerCreateRequest => Some(
            "Not expressed by this schema: the list of countries that require \
             `organizationRegistrationNumber` and `phoneNumber` is data. The `allOf` rule holds \
             the default list of the current Partner Center documentation (25 countries); the \
             service's list has changed over the years, and the Rust validator lets a caller \
             replace it at run time. A caller that uses another list must check that rule \
             itself.",
        ),
        BodyRef::AgreementCreateRequest => Some(
            "Not expressed by this schema: `dateAgreed` must not be in the future (the service \
             answers 600002); check it against the current time just before sending. Converted \
             to UTC, `dateAgreed` must fall in the years 1 to 9999 (`0000-01-01T00:00:00+23:59` \
             is a valid RFC 3339 date-time, but the year -1 in UTC, which the service refuses).",
        ),
        _ => None,
    }
}

/// The documented payloads of `body`, as they validate against its schema. A response schema
/// takes every payload as it is. A request schema describes the canonical body we send, so its
/// examples are the canonical payloads, and the others (PascalCase, `null`s, response-only
/// fields, as the .NET SDK sent them) read with the Rust type and written back canonically.
pub fn examples(body: BodyRef) -> Vec<Value> {
    let mut examples: Vec<Value> = Vec::new();
    for fixture in pc_model::fixtures::of(body) {
        let example = match body.contract() {
            Contract::Response => serde_json::from_str(fixture.json).ok(),
            Contract::Request if fixture.canonical => serde_json::from_str(fixture.json).ok(),
            Contract::Request => canonical_request(body, fixture.json),
        };
        if let Some(example) = example
            && !examples.contains(&example)
        {
            examples.push(example);
        }
    }
    examples
}

/// A request body read with its Rust type and written back: camelCase, no `null`, no fields the
/// type does not have.
pub fn canonical_request(body: BodyRef, json: &str) -> Option<Value> {
    fn via<T: serde::de::DeserializeOwned + serde::Serialize>(json: &str) -> Option<Value> {
        let typed: T = serde_json::from_str(json).ok()?;
        serde_json::to_value(typed).ok()
    }
    match body {
        BodyRef::CustomerCreateRequest => via::<pc_model::CreateCustomerRequest>(json),
        BodyRef::AgreementCreateRequest => via::<pc_model::CreateAgreementRequest>(json),
        BodyRef::QualificationCreateRequest => via::<pc_model::CreateQualificationRequest>(json),
        _ => None,
    }
}

/// Pretty JSON with a final newline. serde_json's maps are sorted (no `preserve_order`), so the
/// output is deterministic.
pub fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes every file under `root`; returns the paths written, relative to `root`.
///
/// # Errors
/// The first I/O error.
pub fn write(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (path, contents) in generate() {
        let full = root.join(&path);
        if let Some(dir) = full.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&full, contents)?;
        written.push(path);
    }
    Ok(written)
}

/// What is stale under `root`.
#[derive(Debug)]
pub struct Stale {
    /// The files that differ from what the generator writes, or are missing.
    pub files: Vec<PathBuf>,
}

impl fmt::Display for Stale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "these generated files are stale or missing:")?;
        for file in &self.files {
            writeln!(f, "  {}", file.display())?;
        }
        write!(f, "run `{COMMAND}` and commit the result")
    }
}

impl std::error::Error for Stale {}

/// Compares every generated file with what is under `root`.
///
/// # Errors
/// [`Stale`] listing every file that differs or is missing.
pub fn check(root: &Path) -> Result<(), Stale> {
    let files: Vec<PathBuf> = generate()
        .into_iter()
        .filter(|(path, contents)| {
            std::fs::read_to_string(root.join(path)).map_or(true, |on_disk| &on_disk != contents)
        })
        .map(|(path, _)| path)
        .collect();
    if files.is_empty() {
        Ok(())
    } else {
        Err(Stale { files })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A temporary directory removed on drop.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(name: &str) -> Self {
            let dir = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("temp dir");
            Self(dir)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn check_passes_after_write_and_fails_after_a_field_is_renamed() {
        let tmp = TempDir::new("rename");
        write(&tmp.0).expect("write");
        check(&tmp.0).expect("fresh right after writing");

        // Rename a field in one schema, as a hand edit or a stale file would.
        let path = Path::new(SCHEMAS_DIR).join("customer-create-request.schema.json");
        let text = std::fs::read_to_string(tmp.0.join(&path)).expect("read");
        assert!(text.contains("\"organizationRegistrationNumber\""));
        let renamed = text.replace(
            "\"organizationRegistrationNumber\"",
            "\"organisationRegistrationNumber\"",
        );
        std::fs::write(tmp.0.join(&path), renamed).expect("write");

        let stale = check(&tmp.0).expect_err("a renamed field must be reported");
        assert_eq!(stale.files, vec![path]);
        let message = stale.to_string();
        assert!(
            message.contains("customer-create-request.schema.json"),
            "{message}"
        );
        assert!(message.contains("run `cargo xtask schemas`"), "{message}");
    }

    #[test]
    fn the_id_carries_the_major_version() {
        let major = VERSION.split('.').next().unwrap_or_default();
        assert!(
            ID_BASE.ends_with(&format!("/v{major}/")),
            "{ID_BASE} vs {VERSION}"
        );
    }

    #[test]
    fn check_reports_missing_files() {
        let tmp = TempDir::new("missing");
        let stale = check(&tmp.0).expect_err("an empty tree is stale");
        assert_eq!(stale.files.len(), generate().len());
    }

    #[test]
    fn output_is_deterministic_pretty_and_ends_with_a_newline() {
        let first = generate();
        assert_eq!(first, generate());
        for (path, text) in &first {
            assert!(text.ends_with("}\n"), "{}", path.display());
            let value: Value = serde_json::from_str(text).expect("valid JSON");
            assert_eq!(&pretty(&value), text, "{}", path.display());
        }
    }
}
