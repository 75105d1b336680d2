//! JSON Schema derivation for every named body (feature `schema`).
//!
//! [`body_schema`] derives the draft 2020-12 schema of a [`BodyRef`] with the contract that fits
//! it: requests describe the bodies `pc_model` reads and the service accepts, in camelCase (every
//! object closed with `additionalProperties: false`, so that a misspelt field is refused; an
//! optional field may be absent or `null`, which means absent; a field with a default may be
//! left out), responses what we deserialize (absent or `null` fields, unknown fields, unknown
//! enum values). `cargo xtask schemas` turns these into the committed files under `schemas/`.

use schemars::generate::{Contract as SchemaContract, SchemaSettings};
use schemars::{JsonSchema, Schema};

use crate::agreement::{Agreement, AgreementMetadata, CreateAgreementRequest};
use crate::collection::{Collection, ItemList};
use crate::customer::{CreateCustomerRequest, Customer};
use crate::error::{ServiceError, ThrottlingError};
use crate::filter::CustomerFilter;
use crate::operation::{BodyRef, Contract};
use crate::qualification::{CreateQualificationRequest, Qualification, QualificationsEnvelope};
use crate::validation_code::ValidationCode;

/// The pattern that finds a control character (C0, DEL or C1) anywhere in a text.
///
/// No pattern the schemas publish matches a control character, and each end-anchored one should
/// be paired with this one (as `not`): Python's `$` also matches before a final newline, so
/// `^en$` alone would let `en\n` through there, while Rust and JavaScript refuse it.
pub fn control_character_pattern() -> &'static str {
    crate::validation::CONTROL_CHARACTER.as_str()
}

/// The generator settings for a contract.
pub fn settings(contract: Contract) -> SchemaSettings {
    let mut settings = SchemaSettings::draft2020_12();
    match contract {
        Contract::Request => settings.contract = SchemaContract::Serialize,
        Contract::Response => settings.contract = SchemaContract::Deserialize,
    }
    settings
}

/// The derived schema of `body`, before any post-processing.
pub fn body_schema(body: BodyRef) -> Schema {
    let generator = settings(body.contract()).into_generator();
    fn gen_for<T: JsonSchema>(generator: schemars::SchemaGenerator) -> Schema {
        generator.into_root_schema_for::<T>()
    }
    let mut schema = match body {
        BodyRef::CustomerCreateRequest => gen_for::<CreateCustomerRequest>(generator),
        BodyRef::AgreementCreateRequest => gen_for::<CreateAgreementRequest>(generator),
        BodyRef::QualificationCreateRequest => gen_for::<CreateQualificationRequest>(generator),
        BodyRef::Customer => gen_for::<Customer>(generator),
        BodyRef::CustomerCollection => gen_for::<Collection<Customer>>(generator),
        BodyRef::Agreement => gen_for::<Agreement>(generator),
        BodyRef::AgreementCollection => gen_for::<Collection<Agreement>>(generator),
        BodyRef::AgreementMetadataCollection => gen_for::<Collection<AgreementMetadata>>(generator),
        BodyRef::Qualification => gen_for::<Qualification>(generator),
        BodyRef::QualificationsEnvelope => gen_for::<QualificationsEnvelope>(generator),
        BodyRef::QualificationList => gen_for::<ItemList<Qualification>>(generator),
        BodyRef::ValidationCodeList => gen_for::<ItemList<ValidationCode>>(generator),
        BodyRef::Error => gen_for::<ServiceError>(generator),
        BodyRef::ThrottlingError => gen_for::<ThrottlingError>(generator),
    };
    if body.contract() == Contract::Request
        && let Some(root) = schema.as_object_mut()
    {
        close_object(root);
    }
    schema
}

/// The schema of a [`CustomerFilter`] (the `filter` of a customer search), closed like a request
/// body, with every subschema inline.
pub fn customer_filter() -> Schema {
    let mut settings = settings(Contract::Request);
    settings.inline_subschemas = true;
    let mut schema = settings
        .into_generator()
        .into_root_schema_for::<CustomerFilter>();
    if let Some(root) = schema.as_object_mut() {
        close_object(root);
    }
    schema
}

/// Sets `additionalProperties: false` on every object schema that describes a body or a part of
/// one, and drops fields with a default from `required`: the root, `$defs`, property and item schemas, and `anyOf`/`oneOf` alternatives. Schemas
/// under `allOf`, `if`, `then`, `else` and `not` only add conditions to an object described
/// elsewhere, so they stay open (closing them would refuse the fields they do not mention).
fn close_objects(value: &mut serde_json::Value) {
    if let serde_json::Value::Object(map) = value {
        close_object(map);
    }
}

/// [`close_objects`] on a schema given as a map.
fn close_object(map: &mut serde_json::Map<String, serde_json::Value>) {
    use serde_json::Value;
    let is_object =
        map.get("type").is_some_and(|t| t == "object") || map.contains_key("properties");
    if is_object && !map.contains_key("additionalProperties") {
        map.insert("additionalProperties".into(), Value::Bool(false));
    }
    // A field with a default (`type` of a confirmation) may be left out: the reader fills it in.
    // The serialize contract lists it as required, since we always write it.
    let defaulted: Vec<String> = match map.get("properties") {
        Some(Value::Object(properties)) => properties
            .iter()
            .filter(|(_, p)| p.get("default").is_some())
            .map(|(name, _)| name.clone())
            .collect(),
        _ => Vec::new(),
    };
    if let Some(Value::Array(required)) = map.get_mut("required") {
        required.retain(|r| r.as_str().is_none_or(|r| !defaulted.iter().any(|d| d == r)));
    }
    for key in ["$defs", "properties"] {
        if let Some(Value::Object(children)) = map.get_mut(key) {
            children.values_mut().for_each(close_objects);
        }
    }
    if let Some(items) = map.get_mut("items") {
        close_objects(items);
    }
    for key in ["anyOf", "oneOf", "prefixItems"] {
        if let Some(Value::Array(list)) = map.get_mut(key) {
            list.iter_mut().for_each(close_objects);
        }
    }
}
