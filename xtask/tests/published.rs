//! What the committed files under `schemas/` promise to other languages, checked in Rust:
//!
//! - every documented payload validates against its schema (requests: the canonical ones; the
//!   .NET SDK's PascalCase bodies are refused, since request schemas describe what we send);
//! - every case of the corpus (`schemas/corpus/*.json`) gets its expected verdict from the schema
//!   file, from the same schema as a component of `openapi.json`, and from pc-model's reader
//!   (`rust`, when it differs from the schema's verdict by design);
//! - the shape rules: request objects closed, `null` only where a field may be absent, responses
//!   open, only portable formats, patterns every language reads the same, descriptions without
//!   Rust syntax.
//!
//! The Python and Node scripts under `xtask/py` and `xtask/js` check the same files with other
//! validators.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use pc_model::QualificationsEnvelope;
use pc_model::operation::{BodyRef, Contract};
use pc_model::testing;
use pc_model::{
    Agreement, AgreementMetadata, CreateAgreementRequest, CreateCustomerRequest,
    CreateQualificationRequest, Customer, Qualification, ServiceError, ThrottlingError,
    ValidationCode, ValidationContext,
};
use pc_model::{Collection, ItemList};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{Value, json};
use xtask::schemas::{SCHEMAS_DIR, file_name, workspace_root};

fn schemas_dir() -> PathBuf {
    workspace_root().join(SCHEMAS_DIR)
}

fn read_json(path: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn committed(body: BodyRef) -> Value {
    read_json(&schemas_dir().join(file_name(body)))
}

fn compile(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .should_ignore_unknown_formats(false)
        .build(schema)
        .unwrap()
}

/// The component of `body` in the committed `openapi.json`, as a standalone schema.
fn component(body: BodyRef) -> jsonschema::Validator {
    let doc = read_json(&schemas_dir().join("openapi.json"));
    compile(&json!({
        "$ref": format!("#/components/schemas/{}", xtask::openapi::component_name(body)),
        "components": doc["components"],
    }))
}

fn errors(validator: &jsonschema::Validator, value: &Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// pc-model's verdict: requests are decoded and validated at `testing::reference_now()`,
/// responses decoded.
fn rust_accepts(body: BodyRef, value: &Value) -> Result<(), String> {
    fn request<T: serde::de::DeserializeOwned + pc_model::Validate>(
        bytes: &[u8],
    ) -> Result<(), String> {
        let ctx = ValidationContext::at(testing::reference_now());
        pc_model::json::parse_request::<T>(bytes, &ctx)
            .map(drop)
            .map_err(|v| v.to_string())
    }
    fn response<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<(), String> {
        pc_model::json::from_slice::<T>(bytes)
            .map(drop)
            .map_err(|e| e.to_string())
    }
    let bytes = serde_json::to_vec(value).unwrap();
    match body {
        BodyRef::CustomerCreateRequest => request::<CreateCustomerRequest>(&bytes),
        BodyRef::AgreementCreateRequest => request::<CreateAgreementRequest>(&bytes),
        BodyRef::QualificationCreateRequest => request::<CreateQualificationRequest>(&bytes),
        BodyRef::Customer => response::<Customer>(&bytes),
        BodyRef::CustomerCollection => response::<Collection<Customer>>(&bytes),
        BodyRef::Agreement => response::<Agreement>(&bytes),
        BodyRef::AgreementCollection => response::<Collection<Agreement>>(&bytes),
        BodyRef::AgreementMetadataCollection => response::<Collection<AgreementMetadata>>(&bytes),
        BodyRef::Qualification => response::<Qualification>(&bytes),
        BodyRef::QualificationsEnvelope => response::<QualificationsEnvelope>(&bytes),
        BodyRef::QualificationList => response::<ItemList<Qualification>>(&bytes),
        BodyRef::ValidationCodeList => response::<ItemList<ValidationCode>>(&bytes),
        BodyRef::Error => response::<ServiceError>(&bytes),
        BodyRef::ThrottlingError => response::<ThrottlingError>(&bytes),
    }
}

#[test]
fn documented_payloads_validate_against_their_schemas() {
    let mut checked = 0;
    for fixture in pc_model::fixtures::ALL {
        let validator = compile(&committed(fixture.body));
        let value: Value = serde_json::from_str(fixture.json).unwrap();
        let errors = errors(&validator, &value);
        if fixture.body.contract() == Contract::Response || fixture.canonical {
            assert!(errors.is_empty(), "{}: {errors:?}", fixture.name);
            checked += 1;
        } else {
            // PascalCase and nulls, as the .NET SDK sent them: not what we send.
            assert!(
                !errors.is_empty(),
                "{} should not be canonical",
                fixture.name
            );
            let canonical = xtask::schemas::canonical_request(fixture.body, fixture.json).unwrap();
            let errors = self::errors(&validator, &canonical);
            assert!(
                errors.is_empty(),
                "{} written back: {errors:?}",
                fixture.name
            );
        }
    }
    assert!(checked >= 14, "{checked}");
    for body in BodyRef::ALL {
        let schema = committed(body);
        let validator = compile(&schema);
        let examples = schema["examples"].as_array().cloned().unwrap_or_default();
        assert!(
            !examples.is_empty() || pc_model::fixtures::of(body).next().is_none(),
            "{} has payloads but no examples",
            file_name(body)
        );
        for example in examples {
            assert!(errors(&validator, &example).is_empty(), "{example:#}");
            assert!(rust_accepts(body, &example).is_ok(), "{example:#}");
        }
    }
}

#[test]
fn corpus_cases_get_their_verdicts_from_file_component_and_rust() {
    let mut cases = 0;
    let mut covered = Vec::new();
    for entry in std::fs::read_dir(schemas_dir().join("corpus")).unwrap() {
        let path = entry.unwrap().path();
        let corpus = read_json(&path);
        let schema_file = corpus["schema"].as_str().unwrap();
        let body = BodyRef::ALL
            .into_iter()
            .find(|b| file_name(*b) == schema_file)
            .unwrap_or_else(|| panic!("{}: unknown schema {schema_file}", path.display()));
        assert_eq!(
            path.file_name().unwrap().to_str().unwrap(),
            format!("{}.json", body.file_stem())
        );
        covered.push(body);
        let file = compile(&committed(body));
        let component = component(body);
        let mut verdicts = [0, 0];
        for case in corpus["cases"].as_array().unwrap() {
            cases += 1;
            let name = case["name"].as_str().unwrap();
            let expected = case["valid"].as_bool().unwrap();
            verdicts[usize::from(expected)] += 1;
            let value = &case["body"];
            let from_file = errors(&file, value);
            assert_eq!(
                from_file.is_empty(),
                expected,
                "{schema_file} / {name}: {from_file:?}"
            );
            assert_eq!(
                component.is_valid(value),
                expected,
                "openapi.json / {schema_file} / {name}"
            );
            let rust_expected = case
                .get("rust")
                .and_then(Value::as_bool)
                .unwrap_or(expected);
            if rust_expected != expected {
                assert!(
                    case.get("note").is_some(),
                    "{schema_file} / {name}: a verdict that differs needs a note"
                );
            }
            let rust = rust_accepts(body, value);
            assert_eq!(
                rust.is_ok(),
                rust_expected,
                "pc-model / {schema_file} / {name}: {rust:?}"
            );
        }
        assert!(
            verdicts[0] > 0 && verdicts[1] > 0,
            "{schema_file}: the corpus needs valid and invalid cases"
        );
    }
    covered.sort();
    assert_eq!(covered, BodyRef::ALL.to_vec(), "one corpus file per schema");
    assert!(cases >= 100, "{cases}");
}

/// The components of `openapi.json` give the same verdict as the files on generated bodies too.
#[test]
fn openapi_components_agree_with_the_files_on_generated_bodies() {
    fn agree<S: Strategy>(body: BodyRef, strategy: S, to_json: impl Fn(S::Value) -> Value) {
        let file = compile(&committed(body));
        let component = component(body);
        let mut runner = TestRunner::new_with_rng(
            Config::default(),
            TestRng::deterministic_rng(RngAlgorithm::ChaCha),
        );
        for _ in 0..300 {
            let value = to_json(strategy.new_tree(&mut runner).unwrap().current());
            assert_eq!(
                file.is_valid(&value),
                component.is_valid(&value),
                "{value:#}"
            );
        }
    }
    agree(
        BodyRef::CustomerCreateRequest,
        testing::valid_customer_request(),
        |r| serde_json::to_value(r).unwrap(),
    );
    agree(
        BodyRef::CustomerCreateRequest,
        testing::broken_customer_request(),
        |b| b.body,
    );
    agree(
        BodyRef::AgreementCreateRequest,
        testing::valid_agreement_request(),
        |r| serde_json::to_value(r).unwrap(),
    );
    agree(
        BodyRef::AgreementCreateRequest,
        testing::broken_agreement_request(),
        |b| b.body,
    );
    agree(
        BodyRef::QualificationCreateRequest,
        testing::valid_qualification_request(),
        |r| serde_json::to_value(r).unwrap(),
    );
    agree(
        BodyRef::QualificationCreateRequest,
        testing::broken_qualification_request(),
        |b| b.body,
    );
    for body in BodyRef::ALL {
        if body.contract() == Contract::Response {
            agree(body, testing::arbitrary_json(), |v| v);
        }
    }
}

fn objects(schema: &Value, out: &mut Vec<(String, Value)>, path: &str) {
    match schema {
        Value::Object(map) => {
            out.push((path.to_owned(), schema.clone()));
            for (key, child) in map {
                if !["examples", "enum", "const", "default"].contains(&key.as_str()) {
                    objects(child, out, &format!("{path}/{key}"));
                }
            }
        }
        Value::Array(list) => {
            for (i, child) in list.iter().enumerate() {
                objects(child, out, &format!("{path}/{i}"));
            }
        }
        _ => {}
    }
}

#[test]
fn request_schemas_are_closed_and_responses_open() {
    for body in BodyRef::ALL {
        let mut all = Vec::new();
        objects(&committed(body), &mut all, "");
        for (path, schema) in &all {
            let conditional = ["/allOf/", "/if", "/then", "/else", "/not"]
                .iter()
                .any(|k| path.contains(k));
            let is_object =
                schema.get("type") == Some(&json!("object")) || schema.get("properties").is_some();
            let file = file_name(body);
            match body.contract() {
                Contract::Request => {
                    if is_object && !conditional {
                        assert_eq!(
                            schema.get("additionalProperties"),
                            Some(&json!(false)),
                            "{file}{path} must be closed"
                        );
                    }
                    // `null` means absent: only a field that may be absent may be `null`.
                    if let (Some(Value::Object(props)), Some(Value::Array(required))) =
                        (schema.get("properties"), schema.get("required"))
                    {
                        for name in required.iter().filter_map(Value::as_str) {
                            let nullable = props.get(name).is_some_and(|p| {
                                p.get("type").is_some_and(|t| {
                                    t == "null"
                                        || t.as_array().is_some_and(|l| l.contains(&json!("null")))
                                })
                            });
                            assert!(!nullable, "{file}{path}: required `{name}` allows null");
                        }
                    }
                }
                Contract::Response => {
                    assert!(
                        schema.get("additionalProperties").is_none()
                            && schema.get("unevaluatedProperties").is_none(),
                        "{file}{path} must allow unknown properties"
                    );
                    // An enum in a response is one branch of an open set.
                    if let Some(Value::Array(branches)) = schema.get("anyOf")
                        && branches.iter().any(|b| b.get("enum").is_some())
                    {
                        assert!(
                            branches.contains(&json!({"type": "string"})),
                            "{file}{path}: enum without a string alternative"
                        );
                    }
                }
            }
        }
    }
}

/// Every schema file and `openapi.json`, by name.
fn published_files() -> Vec<(String, Value)> {
    let mut files: Vec<(String, Value)> = BodyRef::ALL
        .into_iter()
        .map(|b| (file_name(b), committed(b)))
        .collect();
    files.push((
        "openapi.json".into(),
        read_json(&schemas_dir().join("openapi.json")),
    ));
    files
}

#[test]
fn only_portable_formats_and_plain_descriptions() {
    let files = published_files();
    for (file, schema) in files {
        let mut all = Vec::new();
        objects(&schema, &mut all, "");
        for (path, object) in all {
            if let Some(Value::String(format)) = object.get("format")
                && !path.contains("/parameters")
            {
                assert!(
                    xtask::postprocess::PORTABLE_FORMATS.contains(&format.as_str()),
                    "{file}{path}: format {format}"
                );
            }
            if let Some(Value::String(text)) = object.get("description") {
                for rust in ["](", "[`", "::"] {
                    assert!(
                        !text.contains(rust),
                        "{file}{path}: description contains `{rust}`: {text}"
                    );
                }
                assert!(
                    !text.replace("\n\n", "").replace("\n- ", "").contains('\n'),
                    "{file}{path}: hard line break in {text:?}"
                );
            }
        }
    }
}

#[test]
fn patterns_read_the_same_in_every_language() {
    let files = published_files();
    let control = pc_model::schema::control_character_pattern();
    let mut anchored = 0;
    for (file, schema) in files {
        let mut all = Vec::new();
        objects(&schema, &mut all, "");
        for (path, object) in all {
            let Some(Value::String(pattern)) = object.get("pattern") else {
                continue;
            };
            // Class escapes mean other characters in Rust, Python and JavaScript.
            for escape in [r"\s", r"\S", r"\d", r"\D", r"\w", r"\W", r"\b"] {
                assert!(
                    !pattern.contains(escape),
                    "{file}{path}: `{escape}` in {pattern}"
                );
            }
            if pattern.starts_with('^') && pattern.ends_with('$') {
                anchored += 1;
                assert_eq!(
                    object["not"]["pattern"], control,
                    "{file}{path}: an end-anchored pattern needs `not` a control character \
                     (Python's `$` matches before a final newline)"
                );
            }
        }
    }
    assert!(anchored > 10, "{anchored}");
}
