//! Reading the rows to onboard from JSON Lines or CSV, every row validated before anything is
//! sent.
//!
//! # JSON Lines
//!
//! One row per line, the request bodies the rest of the project uses:
//!
//! ```json
//! {"customer": {"companyProfile": {"domain": "…"}, "billingProfile": {…}, "associatedPartnerId": "…"}, "agreement": {"primaryContact": {"firstName": "…", "lastName": "…", "email": "…"}, "dateAgreed": "2024-05-01T09:00:00Z"}, "qualification": {"qualification": "Education", "educationSegment": "K12"}}
//! ```
//!
//! `customer` is the create-customer body; `agreement` (optional) the contact who accepted the
//! Microsoft Customer Agreement and when; `qualification` (optional) the qualification body.
//! Blank lines are skipped. Any other key is refused.
//!
//! # CSV
//!
//! A header row, then one row per customer; an empty cell is an absent field. The columns are
//! [`CSV_COLUMNS`], one per field (header names are matched without regard to case; unknown
//! columns are refused). The agreement is confirmed when any `contact…` or `dateAgreed` cell is
//! filled, a qualification requested when any qualification cell is. The `qualification` and
//! `educationSegment` cells take any spelling their `pc-model` enum reads from text
//! ([`RequestedQualification`], [`EducationSegment`]: `gcc`, `higher-education`, `k12`, …),
//! `enableGDAPByDefault` `true` or `false` in any case. Each row is turned into the
//! JSON Lines form and read by the same code, so both formats accept and refuse the same rows with
//! the same messages (a CSV message also names the column).
//!
//! # Row numbers
//!
//! A row is named by its line in the file (1-based; in a CSV file the header is line 1, as in a
//! spreadsheet), e.g. `row 17: /customer/companyProfile/domain: …`.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::str::FromStr;

use pc_model::json::parse_request;
use pc_model::{
    CreateCustomerRequest, CreateQualificationRequest, EducationSegment, RequestedQualification,
    ValidationContext, Violation, ViolationCode, Violations,
};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::report::escape_controls;
use crate::row::{AgreementInput, Row, push_prefixed};

/// The input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON row per line (`.jsonl`, `.ndjson`).
    JsonLines,
    /// A header row and one row per line (`.csv`).
    Csv,
}

impl Format {
    /// The format a file name's extension says (case-insensitive), if any.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

/// The CSV columns, each with the JSON pointer of the field it fills in the row's JSON Lines form.
pub const CSV_COLUMNS: &[(&str, &str)] = &[
    ("domain", "/customer/companyProfile/domain"),
    (
        "organizationRegistrationNumber",
        "/customer/companyProfile/organizationRegistrationNumber",
    ),
    ("email", "/customer/billingProfile/email"),
    ("culture", "/customer/billingProfile/culture"),
    ("language", "/customer/billingProfile/language"),
    ("companyName", "/customer/billingProfile/companyName"),
    ("country", "/customer/billingProfile/defaultAddress/country"),
    ("region", "/customer/billingProfile/defaultAddress/region"),
    ("city", "/customer/billingProfile/defaultAddress/city"),
    ("state", "/customer/billingProfile/defaultAddress/state"),
    (
        "addressLine1",
        "/customer/billingProfile/defaultAddress/addressLine1",
    ),
    (
        "addressLine2",
        "/customer/billingProfile/defaultAddress/addressLine2",
    ),
    (
        "postalCode",
        "/customer/billingProfile/defaultAddress/postalCode",
    ),
    (
        "firstName",
        "/customer/billingProfile/defaultAddress/firstName",
    ),
    (
        "lastName",
        "/customer/billingProfile/defaultAddress/lastName",
    ),
    (
        "phoneNumber",
        "/customer/billingProfile/defaultAddress/phoneNumber",
    ),
    ("reseller", "/customer/associatedPartnerId"),
    ("enableGDAPByDefault", "/customer/enableGDAPByDefault"),
    ("contactFirstName", "/agreement/primaryContact/firstName"),
    ("contactLastName", "/agreement/primaryContact/lastName"),
    ("contactEmail", "/agreement/primaryContact/email"),
    (
        "contactPhoneNumber",
        "/agreement/primaryContact/phoneNumber",
    ),
    ("dateAgreed", "/agreement/dateAgreed"),
    ("qualification", "/qualification/qualification"),
    ("educationSegment", "/qualification/educationSegment"),
    ("website", "/qualification/website"),
    ("validationCode", "/qualification/validationCode"),
];

/// The CSV column whose field is `pointer` (or contains it).
fn column_of(pointer: &str) -> Option<&'static str> {
    CSV_COLUMNS
        .iter()
        .find(|(_, p)| pointer == *p || pointer.starts_with(&format!("{p}/")))
        .map(|(name, _)| *name)
}

/// Why a row cannot be onboarded as written.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The row's line in the file (1-based).
    pub line: usize,
    /// JSON pointer of the field within the row (empty for the whole row).
    pub pointer: String,
    /// The CSV column of that field, for CSV input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    /// `row 17: /customer/companyProfile/domain (column domain): …`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(f, "row {}: {pointer}", self.line)?;
        if let Some(column) = &self.column {
            write!(f, " (column {column})")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// The rows of a file: those that can be onboarded, and what is wrong with the others.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// Valid rows with their line numbers, in file order.
    pub rows: Vec<(usize, Row)>,
    /// Every problem of every other row, in file order.
    pub problems: Vec<Problem>,
    /// How many rows the file has (valid or not).
    pub total: usize,
}

/// A file that cannot be read as rows at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    /// The CSV header names a column that does not exist, or names one twice.
    #[error("the CSV header is not usable:\n{}", .0.join("\n"))]
    Header(Vec<String>),
    /// The file has no rows.
    #[error("the file has no rows")]
    Empty,
}

/// Reads and validates every row of `text` in `format` (`ctx`: the clock and country list of
/// validation). Rows with problems are left out of [`Parsed::rows`]; two rows with the same
/// domain (in any case) are both problems.
///
/// # Errors
/// [`InputError`] when the file as a whole is unusable (a bad CSV header, no rows).
pub fn parse(text: &str, format: Format, ctx: &ValidationContext) -> Result<Parsed, InputError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let read = match format {
        Format::JsonLines => read_json_lines(text, ctx),
        Format::Csv => read_csv(text, ctx)?,
    };
    if read.is_empty() {
        return Err(InputError::Empty);
    }
    Ok(refuse_duplicates(read, format == Format::Csv))
}

type ReadRow = (usize, Result<Row, Vec<Problem>>);

fn read_json_lines(text: &str, ctx: &ValidationContext) -> Vec<ReadRow> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            let number = i + 1;
            let row = parse_row(line.as_bytes(), ctx).map_err(|v| problems(number, v, false));
            (number, row)
        })
        .collect()
}

fn problems(line: usize, violations: Violations, csv: bool) -> Vec<Problem> {
    violations
        .into_iter()
        .map(|v| Problem {
            line,
            column: if csv {
                column_of(&v.pointer).map(str::to_owned)
            } else {
                None
            },
            pointer: v.pointer,
            message: v.message,
        })
        .collect()
}

fn read_csv(text: &str, ctx: &ValidationContext) -> Result<Vec<ReadRow>, InputError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| InputError::Header(vec![e.to_string()]))?
        .clone();
    let mut pointers = Vec::with_capacity(header.len());
    let mut header_problems = Vec::new();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, name) in header.iter().enumerate() {
        match CSV_COLUMNS
            .iter()
            .find(|(column, _)| column.eq_ignore_ascii_case(name))
        {
            Some((column, pointer)) => {
                if let Some(first) = seen.insert(column, i + 1) {
                    header_problems.push(format!(
                        "column {} (`{column}`) repeats column {first}",
                        i + 1
                    ));
                }
                pointers.push(*pointer);
            }
            None => header_problems.push(format!(
                "column {} (`{}`) is not a known column; the columns are: {}",
                i + 1,
                escape_controls(&name.chars().take(80).collect::<String>()),
                CSV_COLUMNS
                    .iter()
                    .map(|(c, _)| *c)
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
    if !header_problems.is_empty() {
        return Err(InputError::Header(header_problems));
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let (line, row) = match record {
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line() as usize);
                if record.iter().all(str::is_empty) {
                    continue;
                }
                let row = if record.len() != pointers.len() {
                    Err(vec![Problem {
                        line,
                        pointer: String::new(),
                        column: None,
                        message: format!(
                            "has {} cells where the header has {}",
                            record.len(),
                            pointers.len()
                        ),
                    }])
                } else {
                    let value = csv_row_value(pointers.iter().copied().zip(record.iter()));
                    let bytes = serde_json::to_vec(&value).unwrap_or_default();
                    parse_row(&bytes, ctx).map_err(|v| problems(line, v, true))
                };
                (line, row)
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                let problem = Problem {
                    line,
                    pointer: String::new(),
                    column: None,
                    message: format!("not readable as CSV: {e}"),
                };
                (line, Err(vec![problem]))
            }
        };
        rows.push((line, row));
    }
    Ok(rows)
}

/// The JSON Lines form of one CSV row: each filled cell set at its column's pointer.
fn csv_row_value<'a>(cells: impl Iterator<Item = (&'static str, &'a str)>) -> Value {
    let mut root = Map::new();
    for (pointer, cell) in cells {
        if cell.is_empty() {
            continue;
        }
        let value = match pointer {
            "/customer/enableGDAPByDefault" => match cell.to_ascii_lowercase().as_str() {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                _ => Value::String(cell.to_owned()),
            },
            "/qualification/qualification" => wire_name::<RequestedQualification>(cell),
            "/qualification/educationSegment" => wire_name::<EducationSegment>(cell),
            _ => Value::String(cell.to_owned()),
        };
        let mut parts = pointer.trim_start_matches('/').split('/').peekable();
        let mut map = &mut root;
        while let Some(part) = parts.next() {
            if parts.peek().is_none() {
                map.insert(part.to_owned(), value);
                break;
            }
            let entry = map
                .entry(part.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            match entry {
                Value::Object(inner) => map = inner,
                // Every pointer of the table ends at a leaf no other pointer goes through.
                _ => break,
            }
        }
    }
    Value::Object(root)
}

/// A cell naming a value of `T` in any spelling `T` reads (e.g. `higher-education`, `gcc`) as its
/// wire name; any other text as written, for the row's reader to refuse with its message.
fn wire_name<T: FromStr + fmt::Display>(cell: &str) -> Value {
    Value::String(
        cell.parse::<T>()
            .map_or_else(|_| cell.to_owned(), |value| value.to_string()),
    )
}

/// The parts of a JSON Lines row, each kept as written for pc-model's parser.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope<'a> {
    #[serde(borrow)]
    customer: &'a RawValue,
    #[serde(borrow, default)]
    agreement: Option<&'a RawValue>,
    #[serde(borrow, default)]
    qualification: Option<&'a RawValue>,
}

/// Reads and validates one row in its JSON Lines form.
///
/// # Errors
/// Every violation of every part, with pointers from the row's root.
pub fn parse_row(bytes: &[u8], ctx: &ValidationContext) -> Result<Row, Violations> {
    // serde would read a struct from an array too; a row is an object.
    if bytes.trim_ascii_start().first() == Some(&b'[') {
        return Err(Violations::from(Violation::new(
            "",
            ViolationCode::InvalidType,
            NOT_AN_OBJECT,
        )));
    }
    let envelope: Envelope<'_> =
        serde_json::from_slice(bytes).map_err(|e| Violations::from(envelope_violation(&e)))?;
    let mut all = Violations::new();
    let customer = part(
        &mut all,
        "/customer",
        parse_request::<CreateCustomerRequest>(envelope.customer.get().as_bytes(), ctx),
    );
    let agreement = match envelope.agreement {
        None => Some(None),
        Some(raw) => part(
            &mut all,
            "/agreement",
            parse_request::<AgreementInput>(raw.get().as_bytes(), ctx),
        )
        .map(Some),
    };
    let qualification = match envelope.qualification {
        None => Some(None),
        Some(raw) => part(
            &mut all,
            "/qualification",
            parse_request::<CreateQualificationRequest>(raw.get().as_bytes(), ctx),
        )
        .map(Some),
    };
    all.into_result()?;
    match (customer, agreement, qualification) {
        (Some(customer), Some(agreement), Some(qualification)) => Ok(Row {
            customer,
            agreement,
            qualification,
        }),
        // Not reached: a part that failed added its violations, returned above.
        _ => Err(Violations::from(Violation::new(
            "",
            ViolationCode::InvalidValue,
            "could not be read",
        ))),
    }
}

/// The part's value, or `None` with its violations added to `all` under `prefix`.
fn part<T>(all: &mut Violations, prefix: &str, result: Result<T, Violations>) -> Option<T> {
    result.map_err(|v| push_prefixed(all, prefix, v)).ok()
}

const NOT_AN_OBJECT: &str =
    "must be a JSON object with `customer` and optionally `agreement` and `qualification`";

/// The envelope's own failure (not JSON, not an object, an unknown, missing or repeated key).
fn envelope_violation(e: &serde_json::Error) -> Violation {
    use serde_json::error::Category;
    let full = e.to_string();
    let message = full
        .rfind(" at line ")
        .map_or(full.as_str(), |i| &full[..i]);
    let quoted = message.split('`').nth(1).unwrap_or_default();
    match e.classify() {
        Category::Syntax | Category::Eof | Category::Io => Violation::new(
            "",
            ViolationCode::Syntax,
            format!("not JSON: {message} (column {})", e.column()),
        ),
        Category::Data if message.starts_with("unknown field") => Violation::new(
            format!("/{}", pc_model::json::escape_pointer(quoted)),
            ViolationCode::InvalidValue,
            "is not part of a row (customer, agreement, qualification)",
        ),
        Category::Data if message.starts_with("missing field") => {
            Violation::new(format!("/{quoted}"), ViolationCode::Required, "is required")
        }
        Category::Data if message.starts_with("duplicate field") => Violation::new(
            format!("/{quoted}"),
            ViolationCode::InvalidValue,
            "appears more than once",
        ),
        Category::Data => Violation::new("", ViolationCode::InvalidType, NOT_AN_OBJECT),
    }
}

/// Rows whose domains repeat (in any case) become problems, every occurrence of them.
fn refuse_duplicates(read: Vec<ReadRow>, csv: bool) -> Parsed {
    let mut lines_by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (line, row) in &read {
        if let Ok(row) = row {
            lines_by_key.entry(row.key()).or_default().push(*line);
        }
    }
    let mut parsed = Parsed {
        total: read.len(),
        ..Parsed::default()
    };
    for (line, row) in read {
        match row {
            Ok(row) => {
                let lines = lines_by_key.get(&row.key()).map_or(&[][..], Vec::as_slice);
                if lines.len() > 1 {
                    let others: Vec<String> = lines
                        .iter()
                        .filter(|l| **l != line)
                        .map(ToString::to_string)
                        .collect();
                    parsed.problems.push(Problem {
                        line,
                        pointer: "/customer/companyProfile/domain".to_owned(),
                        column: csv.then(|| "domain".to_owned()),
                        message: format!(
                            "`{}` is also on row {}: each domain may appear once",
                            row.domain(),
                            others.join(", ")
                        ),
                    });
                } else {
                    parsed.rows.push((line, row));
                }
            }
            Err(problems) => parsed.problems.extend(problems),
        }
    }
    parsed
}
