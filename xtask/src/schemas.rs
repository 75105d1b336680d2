//! Writes and checks `schemas/`: one self-contained JSON Schema (draft 2020-12) per body.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use pc_model::operation::{BodyRef, Contract};
use serde_json::Value;

/// Where every schema's `$id` points.
pub const ID_BASE: &str = "https://partner-center-rs.github.io/schemas/v1/";

/// The workspace root (the parent of `xtask/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Every generated file: its path relative to the workspace root, and its contents.
pub fn generate() -> BTreeMap<PathBuf, String> {
    let mut files = BTreeMap::new();
    for body in BodyRef::ALL {
        let file = format!("{}.schema.json", body.file_stem());
        let schema = body_schema(body, &file);
        files.insert(PathBuf::from("schemas").join(file), pretty(&schema));
    }
    files
}

fn body_schema(body: BodyRef, file: &str) -> Value {
    let mut schema = pc_model::schema::body_schema(body).to_value();
    if let Value::Object(map) = &mut schema {
        map.insert("$id".into(), Value::String(format!("{ID_BASE}{file}")));
        map.insert("title".into(), Value::String(title(body).into()));
        let examples: Vec<Value> = pc_model::fixtures::of(body)
            .filter(|f| body.contract() == Contract::Response || f.canonical)
            .filter_map(|f| serde_json::from_str(f.json).ok())
            .collect();
        if !examples.is_empty() {
            map.insert("examples".into(), Value::Array(examples));
        }
    }
    schema
}

fn title(body: BodyRef) -> &'static str {
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
        BodyRef::QualificationList => "Qualification list",
        BodyRef::ValidationCodeList => "Validation code list",
        BodyRef::Error => "Service error",
        BodyRef::ThrottlingError => "Throttling error",
    }
}

/// Pretty JSON with a final newline (serde_json maps are sorted, so output is deterministic).
fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes every file; returns the paths written.
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

/// What is stale in `schemas/`.
#[derive(Debug)]
pub struct Stale {
    files: Vec<PathBuf>,
}

impl fmt::Display for Stale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "these generated files are stale or missing:")?;
        for file in &self.files {
            writeln!(f, "  {}", file.display())?;
        }
        write!(f, "run `cargo xtask schemas` and commit the result")
    }
}

impl std::error::Error for Stale {}

/// Compares every generated file with what is on disk.
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
