//! JSON Schema derivation for every named body (feature `schema`).
//!
//! [`body_schema`] derives the draft 2020-12 schema of a [`BodyRef`] with the contract that fits
//! it: requests describe what we serialize (optional fields are never `null`, and every object is
//! closed with `additionalProperties: false` so that a misspelt field is refused), responses what
//! we deserialize (absent or `null` fields, unknown fields, unknown enum values). `cargo xtask
//! schemas` turns these into the committed files under `schemas/`.

use schemars::generate::{Contract as SchemaContract, SchemaSettings};
use schemars::{JsonSchema, Schema};

use crate::agreement::{Agreement, AgreementMetadata, CreateAgreementRequest};
use crate::collection::{Collection, ItemList};
use crate::customer::{CreateCustomerRequest, Customer};
use crate::error::{ServiceError, ThrottlingError};
use crate::operation::{BodyRef, Contract};
use crate::qualification::{CreateQualificationRequest, Qualification};
use crate::validation_code::ValidationCode;

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
        BodyRef::QualificationList => gen_for::<ItemList<Qualification>>(generator),
        BodyRef::ValidationCodeList => gen_for::<ItemList<ValidationCode>>(generator),
        BodyRef::Error => gen_for::<ServiceError>(generator),
        BodyRef::ThrottlingError => gen_for::<ThrottlingError>(generator),
    };
    if body.contract() == Contract::Request {
        // We never send `null` for an absent optional field: we leave the field out.
        if let Some(root) = schema.as_object_mut() {
            root.values_mut().for_each(remove_null);
            close_object(root);
        }
    }
    schema
}

/// Sets `additionalProperties: false` on every object schema that describes a body or a part of
/// one: the root, `$defs`, property and item schemas, and `anyOf`/`oneOf` alternatives. Schemas
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

/// Removes `null` from every `type` list and every `{"type": "null"}` alternative.
fn remove_null(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            for key in ["anyOf", "oneOf"] {
                if let Some(Value::Array(list)) = map.get_mut(key) {
                    list.retain(|s| s.get("type").is_none_or(|t| t != "null"));
                }
            }
            map.values_mut().for_each(remove_null);
        }
        Value::Array(list) => list.iter_mut().for_each(remove_null),
        _ => {}
    }
}
