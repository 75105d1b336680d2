//! The published request schemas and `pc_model`'s own validation give the same verdict.
//!
//! For each request type, at least [`CASES`] generated valid bodies and [`CASES`] bodies with
//! exactly one rule broken (`pc_model::testing`) are judged twice: by
//! `pc_model::json::parse_request` (decode, then `validate()` at `testing::reference_now()`) and
//! by the committed schema file, evaluated with the `jsonschema` crate with format assertions
//! on. The verdicts must be equal, except for the rules `pc_model` marks
//! `schema_expressible: false`, which the schema must then accept and name in its description.
//!
//! Then [`NON_CANONICAL_CASES`] bodies in non-canonical forms (`testing::NonCanonicalKind`: PascalCase keys,
//! unknown, misspelt and misplaced keys, `null` for optional fields, arrays, duplicate keys,
//! final newlines and Unicode whitespace in patterned strings): `pc_model` must give each its
//! expected verdict, and the schema the same verdict, except on the two kinds listed in
//! `schemas/README.md` (PascalCase, which only `pc_model` reads; duplicate keys, which no schema
//! sees).

#![allow(clippy::unwrap_used)]

use std::cell::RefCell;
use std::collections::BTreeSet;

use pc_model::operation::BodyRef;
use pc_model::testing::{self, Broken, NonCanonical, NonCanonicalKind};
use pc_model::{
    CreateAgreementRequest, CreateCustomerRequest, CreateQualificationRequest, Validate,
    ValidationContext,
};
use proptest::strategy::Strategy;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Generated bodies per request type, for valid bodies and again for broken ones.
const CASES: u32 = 1_000;

fn committed_schema(body: BodyRef) -> Value {
    let path = xtask::schemas::workspace_root()
        .join(xtask::schemas::SCHEMAS_DIR)
        .join(xtask::schemas::file_name(body));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn compile(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .should_ignore_unknown_formats(false)
        .build(schema)
        .unwrap()
}

/// Generated non-canonical bodies per request type (about 55 of each kind).
const NON_CANONICAL_CASES: u32 = 500;

fn runner() -> TestRunner {
    runner_of(CASES)
}

fn runner_of(cases: u32) -> TestRunner {
    // A fixed seed: CI judges the same bodies every run, and a failure reproduces locally.
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha))
}

fn rust_verdict<T: DeserializeOwned + Validate>(body: &Value) -> Result<(), String> {
    rust_verdict_of_text::<T>(&body.to_string())
}

fn rust_verdict_of_text<T: DeserializeOwned + Validate>(text: &str) -> Result<(), String> {
    let ctx = ValidationContext::at(testing::reference_now());
    pc_model::json::parse_request::<T>(text.as_bytes(), &ctx)
        .map(drop)
        .map_err(|v| v.to_string())
}

fn schema_verdict(validator: &jsonschema::Validator, body: &Value) -> Result<(), String> {
    let errors: Vec<String> = validator
        .iter_errors(body)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("; "))
    }
}

fn differential<T, V, B, N>(body: BodyRef, valid: V, broken: B, min_rules: usize, odd: N)
where
    T: DeserializeOwned + Validate + serde::Serialize + std::fmt::Debug,
    V: Strategy<Value = T>,
    B: Strategy<Value = Broken>,
    N: Strategy<Value = NonCanonical>,
{
    let schema = committed_schema(body);
    let validator = compile(&schema);
    let description = schema["description"]
        .as_str()
        .unwrap_or_default()
        .to_owned();

    let valid_count = RefCell::new(0u32);
    runner()
        .run(&valid, |request| {
            *valid_count.borrow_mut() += 1;
            let json = serde_json::to_value(&request).unwrap();
            let rust = rust_verdict::<T>(&json);
            let schema = schema_verdict(&validator, &json);
            assert!(
                rust.is_ok(),
                "generator made an invalid body: {rust:?}\n{json:#}"
            );
            assert_eq!(
                rust.is_ok(),
                schema.is_ok(),
                "verdicts differ on a valid body\nrust: {rust:?}\nschema: {schema:?}\n{json:#}"
            );
            Ok(())
        })
        .unwrap();

    let broken_count = RefCell::new(0u32);
    let rules = RefCell::new(BTreeSet::new());
    runner()
        .run(&broken, |case| {
            *broken_count.borrow_mut() += 1;
            rules.borrow_mut().insert(case.rule);
            let rust = rust_verdict::<T>(&case.body);
            let schema = schema_verdict(&validator, &case.body);
            assert!(
                rust.is_err(),
                "rule `{}` broken but validate() accepts:\n{:#}",
                case.rule,
                case.body
            );
            if case.schema_expressible {
                assert!(
                    schema.is_err(),
                    "rule `{}` broken, validate() refuses ({rust:?}) but the schema accepts:\n{:#}",
                    case.rule,
                    case.body
                );
            } else {
                // The schema cannot see this rule: it accepts, and says so in words.
                assert!(
                    schema.is_ok(),
                    "rule `{}` is marked not expressible, yet the schema refuses: {schema:?}",
                    case.rule
                );
                let field = case.pointer.rsplit('/').next().unwrap();
                assert!(
                    description.contains("Not expressed by this schema")
                        && description.contains(field),
                    "the description of {} must state the rule `{}` on `{field}`",
                    xtask::schemas::file_name(body),
                    case.rule
                );
            }
            Ok(())
        })
        .unwrap();

    let kinds = RefCell::new(BTreeSet::new());
    runner_of(NON_CANONICAL_CASES)
        .run(&odd, |case| {
            kinds.borrow_mut().insert(case.kind);
            let rust = rust_verdict_of_text::<T>(&case.text);
            assert_eq!(
                rust.is_ok(),
                case.accepted,
                "{:?}: pc-model says {rust:?}\n{}",
                case.kind,
                case.text
            );
            // What a validator in another language sees: the parsed body (of two equal keys,
            // parsers keep the last).
            let parsed: Value = serde_json::from_str(&case.text).unwrap();
            let schema = schema_verdict(&validator, &parsed);
            match case.kind {
                NonCanonicalKind::PascalCase => assert!(
                    schema.is_err(),
                    "the schema describes camelCase bodies, yet accepts\n{}",
                    case.text
                ),
                NonCanonicalKind::DuplicateKey => {}
                kind => {
                    assert!(kind.schema_can_agree());
                    assert_eq!(
                        schema.is_ok(),
                        rust.is_ok(),
                        "{kind:?}: verdicts differ\nrust: {rust:?}\nschema: {schema:?}\n{}",
                        case.text
                    );
                }
            }
            Ok(())
        })
        .unwrap();
    let kinds = kinds.into_inner();
    assert_eq!(
        kinds.len(),
        9,
        "every kind of non-canonical body: {kinds:?}"
    );

    assert!(*valid_count.borrow() >= CASES, "{}", valid_count.borrow());
    assert!(*broken_count.borrow() >= CASES, "{}", broken_count.borrow());
    let rules = rules.into_inner();
    assert!(
        rules.len() >= min_rules,
        "only {} of the broken rules were generated: {rules:?}",
        rules.len()
    );
}

#[test]
fn customer_create_request_schema_agrees_with_validate() {
    differential::<CreateCustomerRequest, _, _, _>(
        BodyRef::CustomerCreateRequest,
        testing::valid_customer_request(),
        testing::broken_customer_request(),
        16,
        testing::non_canonical_customer_request(),
    );
}

#[test]
fn agreement_create_request_schema_agrees_with_validate() {
    differential::<CreateAgreementRequest, _, _, _>(
        BodyRef::AgreementCreateRequest,
        testing::valid_agreement_request(),
        testing::broken_agreement_request(),
        7,
        testing::non_canonical_agreement_request(),
    );
}

#[test]
fn qualification_create_request_schema_agrees_with_validate() {
    differential::<CreateQualificationRequest, _, _, _>(
        BodyRef::QualificationCreateRequest,
        testing::valid_qualification_request(),
        testing::broken_qualification_request(),
        7,
        testing::non_canonical_qualification_request(),
    );
}
