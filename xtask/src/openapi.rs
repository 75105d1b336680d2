//! `schemas/openapi.json`: an OpenAPI 3.1 document generated from
//! [`pc_model::operations::OPERATIONS`].
//!
//! The document is self-contained: every body schema of `schemas/*.schema.json` is a component
//! named after its file (`customer-create-request.schema.json` is `CustomerCreateRequest`), and
//! the `$defs` of the files are hoisted into components of their own, with every `#/$defs/X`
//! reference rewritten to `#/components/schemas/X`. Validators and code generators then need one
//! file and plain local references, which all of them resolve; relative references to the schema
//! files, or `$id`-scoped `$defs` inside components, are not handled by every code generator.
//! The xtask tests check that each component gives the same verdict as its file.

use std::collections::BTreeMap;

use pc_model::Cloud;
use pc_model::operation::{Auth, BodyRef, OperationSpec, ParamKind, ParamSpec, ResponseSpec};
use pc_model::operations::OPERATIONS;
use serde_json::{Map, Value, json};

use crate::postprocess;
use crate::schemas;

/// The OpenAPI version written.
pub const OPENAPI_VERSION: &str = "3.1.0";

/// The name of the bearer security scheme.
const BEARER: &str = "bearer";

/// The component name of a body: its file stem in PascalCase (`customer-create-request` is
/// `CustomerCreateRequest`).
pub fn component_name(body: BodyRef) -> String {
    body.file_stem()
        .split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// A reference to the component of `body`.
pub fn schema_ref(body: BodyRef) -> Value {
    json!({ "$ref": format!("#/components/schemas/{}", component_name(body)) })
}

/// The keywords of a body's root schema that only the file needs.
const FILE_ONLY: &[&str] = &["$schema", "$id"];

/// The keywords that tell a body's root schema apart from the same type used inside another
/// body (where it is a `$defs` entry without them).
const ROOT_ONLY: &[&str] = &["$schema", "$id", "$defs", "title", "examples"];

/// Every body schema and every `$defs` entry, as components.
///
/// A `$defs` entry equal to a body's root schema (e.g. `Customer` inside the customer collection)
/// becomes a reference to that body's component; entries of the same name in several files must
/// be equal.
///
/// # Panics
/// When two different schemas would get the same component name: the generator must not choose
/// between them silently. Rename one type's schema in `pc-model` (`#[schemars(rename = ...)]`).
pub fn component_schemas() -> Map<String, Value> {
    let files: Vec<(BodyRef, Value)> = BodyRef::ALL
        .into_iter()
        .map(|body| (body, schemas::body_schema(body)))
        .collect();
    // A body's schema as it appears when another body uses it.
    let cores: Vec<(String, Value)> = files
        .iter()
        .map(|(body, schema)| (component_name(*body), without(schema, ROOT_ONLY)))
        .collect();

    let mut components: BTreeMap<String, Value> = BTreeMap::new();
    for (body, schema) in &files {
        let mut renames: BTreeMap<String, String> = BTreeMap::new();
        if let Some(Value::Object(defs)) = schema.get("$defs") {
            for (name, def) in defs {
                if let Some((body_name, _)) = cores.iter().find(|(_, core)| core == def) {
                    renames.insert(name.clone(), body_name.clone());
                    continue;
                }
                let mut def = def.clone();
                rewrite_refs(&mut def, &BTreeMap::new());
                let taken = cores.iter().any(|(body_name, _)| body_name == name);
                match components.get(name) {
                    _ if taken => panic!(
                        "`{name}` in {} differs from the body schema of the same name",
                        schemas::file_name(*body)
                    ),
                    Some(existing) if *existing != def => panic!(
                        "two different schemas are named `{name}` (one in {})",
                        schemas::file_name(*body)
                    ),
                    _ => {
                        components.insert(name.clone(), def);
                    }
                }
                renames.insert(name.clone(), name.clone());
            }
        }
        let mut root = without(schema, FILE_ONLY);
        if let Value::Object(map) = &mut root {
            map.remove("$defs");
        }
        rewrite_refs(&mut root, &renames);
        components.insert(component_name(*body), root);
    }
    // Definitions were rewritten with the identity mapping above; references between them keep
    // their names, and any that point at a body's schema are redirected now.
    let body_renames: BTreeMap<String, String> = files
        .iter()
        .filter_map(|(_, schema)| schema.get("$defs").and_then(Value::as_object))
        .flat_map(|defs| defs.iter())
        .filter_map(|(name, def)| {
            cores
                .iter()
                .find(|(_, core)| core == def)
                .map(|(body_name, _)| (name.clone(), body_name.clone()))
        })
        .collect();
    let mut out = Map::new();
    for (name, mut schema) in components {
        redirect(&mut schema, &body_renames);
        out.insert(name, schema);
    }
    out
}

fn without(schema: &Value, keys: &[&str]) -> Value {
    let mut schema = schema.clone();
    if let Value::Object(map) = &mut schema {
        for key in keys {
            map.remove(*key);
        }
    }
    schema
}

/// Rewrites `#/$defs/X` to `#/components/schemas/<renames[X] or X>`.
fn rewrite_refs(schema: &mut Value, renames: &BTreeMap<String, String>) {
    postprocess::walk(schema, &mut |map| {
        if let Some(Value::String(target)) = map.get_mut("$ref")
            && let Some(name) = target.strip_prefix("#/$defs/")
        {
            let name = renames.get(name).map_or(name, String::as_str);
            *target = format!("#/components/schemas/{name}");
        }
    });
}

/// Points references to a component that duplicates a body's schema at that body's component.
fn redirect(schema: &mut Value, renames: &BTreeMap<String, String>) {
    postprocess::walk(schema, &mut |map| {
        if let Some(Value::String(target)) = map.get_mut("$ref")
            && let Some(name) = target.strip_prefix("#/components/schemas/")
            && let Some(body_name) = renames.get(name)
        {
            *target = format!("#/components/schemas/{body_name}");
        }
    });
}

/// The component name of the customer search filter.
pub const CUSTOMER_FILTER: &str = "CustomerFilter";

/// The schema of the customer search filter, made portable like the body schemas.
fn customer_filter_schema() -> Value {
    let mut schema = without(&pc_model::schema::customer_filter().to_value(), FILE_ONLY);
    postprocess::portable(&mut schema);
    schema
}

/// The whole OpenAPI document.
pub fn document() -> Value {
    let mut paths: BTreeMap<&str, Map<String, Value>> = BTreeMap::new();
    for op in OPERATIONS {
        paths
            .entry(op.path)
            .or_default()
            .insert(op.method.as_str().to_ascii_lowercase(), operation(op));
    }
    let mut servers: Vec<Value> = Vec::new();
    for url in Cloud::ALL.map(Cloud::api_base_url) {
        if servers.iter().any(|s| s["url"] == url) {
            continue;
        }
        let clouds: Vec<&str> = Cloud::ALL
            .into_iter()
            .filter(|c| c.api_base_url() == url)
            .map(cloud_name)
            .collect();
        servers.push(json!({ "url": url, "description": clouds.join(" and ") }));
    }
    let mut schemas = component_schemas();
    schemas.insert(CUSTOMER_FILTER.into(), customer_filter_schema());
    json!({
        "openapi": OPENAPI_VERSION,
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "Partner Center customer onboarding",
            "version": schemas::VERSION,
            "summary": "Create customers for indirect resellers, confirm the Microsoft Customer \
                Agreement and register qualifications, as Microsoft Partner Center's REST API \
                documents them.",
            "description": INFO_DESCRIPTION,
            "license": { "name": "MIT OR Apache-2.0", "identifier": "MIT OR Apache-2.0" }
        },
        "servers": servers,
        "security": [{ BEARER: [] }],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "parameters": request_headers(),
            "headers": response_headers(),
            "securitySchemes": {
                BEARER: {
                    "type": "http",
                    "scheme": "bearer",
                    "bearerFormat": "JWT",
                    "description": "A Microsoft Entra ID access token for the Partner Center API \
                        (v1 resource or v2 scope `https://api.partnercenter.microsoft.com`; the \
                        21Vianet cloud uses its own). Each operation says in `x-auth` whether it \
                        takes App+User (delegated) tokens only or App-only tokens too."
                }
            }
        }
    })
}

const INFO_DESCRIPTION: &str = "Generated from the Rust crate pc-model by `cargo xtask \
    schemas`; the body schemas are the same as in the `*.schema.json` files beside this document \
    (see README.md there).\n\n\
    Request headers: `Authorization: Bearer <token>` (required; the `bearer` security scheme), \
    `Accept: application/json`, and `Content-Type: application/json` on bodies, which OpenAPI \
    expresses through `security` and `content` rather than header parameters; `MS-Contract-Version: v1` \
    (documented as required, but not checked by the service: optional here); `MS-RequestId` (the idempotency key: one GUID per logical operation, \
    the same on every retry of it; optional for the service, but without it a retried POST is not \
    idempotent); `MS-CorrelationId`, `X-Locale`, `MS-PartnerCenter-Client` and \
    `MS-PartnerCenter-Application` (optional).\n\n\
    Responses echo `MS-RequestId` and `MS-CorrelationId` and add `MS-CV` and `MS-ServerId`: \
    support asks for the first three. A `429` carries `Retry-After` (seconds, or an HTTP date) and \
    a body of its own (`ThrottlingError`).\n\n\
    Extensions on each operation: `x-operation-number` (its number in the project's \
    specification), `x-idempotent` (whether repeating it is harmless; POSTs are made safe to retry \
    by resending the same `MS-RequestId`), `x-auth` (`App+User` or `App-only or App+User`) and \
    `x-clouds` (where it exists).";

fn cloud_name(cloud: Cloud) -> &'static str {
    match cloud {
        Cloud::Public => "Public cloud",
        Cloud::UsGovernment => "US Government cloud",
        Cloud::China => "21Vianet (China) cloud",
    }
}

/// The request headers of the specification, as reusable parameters, with the names used in
/// `$ref`s.
const REQUEST_HEADERS: &[(&str, &str, bool, &str)] = &[
    (
        "MS-RequestId",
        "The idempotency key: one GUID per logical operation, the same value on every retry of \
         that operation, a new one for the next operation. Without it the service makes a new one \
         per request, so a retried POST is not idempotent.",
        false,
        "uuid",
    ),
    (
        "MS-CorrelationId",
        "A GUID for tracing, new per call unless the caller ties a workflow together with one.",
        false,
        "uuid",
    ),
    (
        "MS-Contract-Version",
        "The API contract version: send `v1`. Documented as required, but the service answers \
         without it and does not check its value (nor does the emulator), so it is optional here: \
         a client that leaves it out is not wrong.",
        false,
        "v1",
    ),
    (
        "X-Locale",
        "The locale of messages, e.g. `en-US` (the default).",
        false,
        "locale",
    ),
    (
        "MS-PartnerCenter-Client",
        "The name of the calling library.",
        false,
        "text",
    ),
    (
        "MS-PartnerCenter-Application",
        "The name of the calling application.",
        false,
        "text",
    ),
];

fn request_headers() -> Map<String, Value> {
    REQUEST_HEADERS
        .iter()
        .map(|(name, description, required, kind)| {
            let schema = match *kind {
                "uuid" => json!({ "type": "string", "format": "uuid" }),
                // Any value is accepted: an `enum` would promise a refusal that never comes.
                "v1" => json!({ "type": "string", "examples": ["v1"] }),
                "locale" => json!({ "type": "string", "default": "en-US", "examples": ["en-US"] }),
                _ => json!({ "type": "string" }),
            };
            let parameter = json!({
                "name": name,
                "in": "header",
                "required": required,
                "description": description,
                "schema": schema
            });
            (name.to_string(), parameter)
        })
        .collect()
}

/// The response headers, as reusable header objects.
fn response_headers() -> Map<String, Value> {
    let header =
        |description: &str, schema: Value| json!({ "description": description, "schema": schema });
    let mut map = Map::new();
    map.insert(
        "MS-RequestId".into(),
        header(
            "The request id sent (or the one the service made).",
            json!({ "type": "string" }),
        ),
    );
    map.insert(
        "MS-CorrelationId".into(),
        header(
            "The correlation id sent (or the one the service made).",
            json!({ "type": "string" }),
        ),
    );
    map.insert(
        "MS-CV".into(),
        header(
            "The service's correlation vector; support asks for it with the request and \
             correlation ids.",
            json!({ "type": "string" }),
        ),
    );
    map.insert(
        "MS-ServerId".into(),
        header("The server that answered.", json!({ "type": "string" })),
    );
    map.insert(
        "Retry-After".into(),
        header(
            "How long to wait before trying again: delta-seconds (e.g. `57`), or an HTTP date. \
             Wait at least this long, then back off exponentially.",
            json!({ "type": "string", "examples": ["57"] }),
        ),
    );
    map
}

fn operation(op: &OperationSpec) -> Value {
    let mut parameters: Vec<Value> = Vec::new();
    for p in op.path_params {
        parameters.push(parameter(p, "path"));
    }
    for p in op.query_params {
        parameters.push(parameter(p, "query"));
    }
    for (name, ..) in REQUEST_HEADERS {
        parameters.push(json!({ "$ref": format!("#/components/parameters/{name}") }));
    }

    let mut responses = Map::new();
    for r in op.all_responses() {
        responses.insert(r.status.to_string(), response(&r));
    }

    let auth = match op.auth {
        Auth::AppAndUser => "App+User",
        Auth::AppOrAppAndUser => "App-only or App+User",
    };
    let clouds: Vec<&str> = op.clouds.iter().map(|c| c.as_str()).collect();
    let mut operation = json!({
        "operationId": op.id,
        "summary": op.summary,
        "description": op.description,
        "parameters": parameters,
        "responses": responses,
        "security": [{ BEARER: [] }],
        "x-idempotent": op.idempotent,
        "x-auth": auth,
        "x-clouds": clouds,
    });
    if let Some(number) = op.number {
        operation["x-operation-number"] = json!(number);
    }
    if let Some(body) = op.request_body {
        operation["requestBody"] = json!({
            "required": true,
            "description": format!(
                "Schema: `{}`. Validate before sending; the service answers 400 with an error \
                 body otherwise.",
                schemas::file_name(body)
            ),
            "content": { "application/json": { "schema": schema_ref(body) } }
        });
    }
    operation
}

fn parameter(p: &ParamSpec, location: &str) -> Value {
    let mut parameter = json!({
        "name": p.name,
        "in": location,
        "required": p.required,
        "description": p.description,
    });
    match p.kind {
        ParamKind::Guid => parameter["schema"] = json!({ "type": "string", "format": "uuid" }),
        ParamKind::Domain => {
            parameter["schema"] =
                json!({ "type": "string", "format": "hostname", "maxLength": 253 });
        }
        // The set is open (the service may take other values, and the emulator answers an
        // unknown one with an empty list), so the values are examples, not an `enum` that
        // would promise a refusal.
        ParamKind::OneOf(values) => {
            parameter["description"] = json!(format!(
                "{} Known values: {}.",
                p.description,
                values.join(", ")
            ));
            parameter["schema"] = json!({ "type": "string", "examples": values });
        }
        ParamKind::Integer { min, max } => {
            parameter["schema"] = json!({ "type": "integer", "minimum": min, "maximum": max });
        }
        ParamKind::CustomerFilter => {
            parameter["content"] = json!({ "application/json": {
                "schema": { "$ref": format!("#/components/schemas/{CUSTOMER_FILTER}") }
            } });
        }
    }
    parameter
}

fn response(r: &ResponseSpec) -> Value {
    let mut headers = Map::new();
    for name in ["MS-RequestId", "MS-CorrelationId", "MS-CV", "MS-ServerId"] {
        headers.insert(
            name.into(),
            json!({ "$ref": format!("#/components/headers/{name}") }),
        );
    }
    if r.status == 429 || r.status == 503 {
        headers.insert(
            "Retry-After".into(),
            json!({ "$ref": "#/components/headers/Retry-After" }),
        );
    }
    let mut response = json!({ "description": r.description, "headers": headers });
    if let Some(body) = r.body {
        response["content"] = json!({ "application/json": { "schema": schema_ref(body) } });
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use pc_model::operation::Method;

    #[test]
    fn component_names_follow_the_files() {
        assert_eq!(
            component_name(BodyRef::CustomerCreateRequest),
            "CustomerCreateRequest"
        );
        assert_eq!(
            component_name(BodyRef::AgreementMetadataCollection),
            "AgreementMetadataCollection"
        );
    }

    #[test]
    fn every_operation_and_every_documented_response_is_there() {
        let doc = document();
        for op in OPERATIONS {
            let method = op.method.as_str().to_ascii_lowercase();
            let operation = &doc["paths"][op.path][&method];
            assert_eq!(operation["operationId"], op.id);
            let listed = operation["responses"].as_object().unwrap();
            assert_eq!(listed.len(), op.all_responses().len(), "{}", op.id);
            for r in op.all_responses() {
                let response = &operation["responses"][r.status.to_string()];
                assert!(response.is_object(), "{} {}", op.id, r.status);
                match r.body {
                    Some(body) => assert_eq!(
                        response["content"]["application/json"]["schema"],
                        schema_ref(body)
                    ),
                    None => assert!(response.get("content").is_none(), "{} {}", op.id, r.status),
                }
            }
            for status in [400, 401, 403, 429, 500, 503] {
                assert!(
                    listed.contains_key(&status.to_string()),
                    "{} {status}",
                    op.id
                );
            }
            if op.method != Method::Head {
                let throttled = &operation["responses"]["429"];
                assert_eq!(
                    throttled["content"]["application/json"]["schema"],
                    schema_ref(BodyRef::ThrottlingError)
                );
                assert!(throttled["headers"]["Retry-After"].is_object());
            }
            if let Some(body) = op.request_body {
                assert_eq!(
                    operation["requestBody"]["content"]["application/json"]["schema"],
                    schema_ref(body)
                );
            }
        }
    }

    /// The statuses the emulator answers beyond the common ones (its `codes` table): a
    /// duplicate (409), a reused `MS-RequestId` with another request (422) and a body over
    /// 1 MiB (413) on every POST, an unknown customer (404) wherever a customer is named.
    #[test]
    fn the_emulator_s_statuses_are_listed_per_operation() {
        let doc = document();
        let statuses = |path: &str, method: &str| -> Vec<String> {
            doc["paths"][path][method]["responses"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect()
        };
        for op in OPERATIONS.iter().filter(|op| op.method == Method::Post) {
            let listed = statuses(op.path, "post");
            for status in ["413", "422"] {
                assert!(listed.iter().any(|s| s == status), "{} {status}", op.id);
            }
            assert!(listed.iter().any(|s| s == "409"), "{}", op.id);
        }
        for op in OPERATIONS
            .iter()
            .filter(|op| op.path.contains("{customerTenantId}"))
        {
            let listed = statuses(op.path, &op.method.as_str().to_ascii_lowercase());
            assert!(listed.iter().any(|s| s == "404"), "{}", op.id);
        }
        let qualification =
            &doc["paths"]["/v1/customers/{customerTenantId}/qualifications"]["post"];
        let conflict = &qualification["responses"]["409"];
        assert_eq!(
            conflict["content"]["application/json"]["schema"],
            schema_ref(BodyRef::Error)
        );
    }

    #[test]
    fn head_responses_have_no_body() {
        let doc = document();
        let head = &doc["paths"]["/v1/domains/{domain}"]["head"]["responses"];
        let responses = head.as_object().unwrap();
        assert!(responses.contains_key("200") && responses.contains_key("400"));
        for (status, response) in responses {
            assert!(response.get("content").is_none(), "HEAD {status}");
        }
    }

    #[test]
    fn the_qualification_post_lists_both_documented_answers() {
        let doc = document();
        let responses =
            &doc["paths"]["/v1/customers/{customerTenantId}/qualifications"]["post"]["responses"];
        assert_eq!(
            responses["201"]["content"]["application/json"]["schema"],
            schema_ref(BodyRef::Qualification)
        );
        assert_eq!(
            responses["200"]["content"]["application/json"]["schema"],
            schema_ref(BodyRef::QualificationsEnvelope)
        );
        let envelope = &doc["components"]["schemas"]["QualificationsEnvelope"];
        assert_eq!(
            envelope["properties"]["qualifications"]["items"],
            schema_ref(BodyRef::Qualification),
            "{envelope:#}"
        );
    }

    #[test]
    fn the_contract_version_header_is_optional_and_takes_any_value() {
        let doc = document();
        let header = &doc["components"]["parameters"]["MS-Contract-Version"];
        assert_eq!(header["required"], false);
        assert_eq!(header["schema"]["type"], "string");
        assert!(header["schema"].get("enum").is_none());
        assert!(header["schema"].get("const").is_none());
        // No request header is required of a client (Authorization goes through `security`).
        for (name, parameter) in doc["components"]["parameters"].as_object().unwrap() {
            assert_eq!(parameter["in"], "header", "{name}");
            assert_eq!(parameter["required"], false, "{name}");
        }
    }

    #[test]
    fn the_search_filter_is_optional_and_is_the_filter_object() {
        let doc = document();
        let search = &doc["paths"]["/v1/customers"]["get"];
        let filter = search["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "filter")
            .unwrap();
        assert_eq!(filter["required"], false);
        assert_eq!(
            filter["content"]["application/json"]["schema"],
            json!({ "$ref": "#/components/schemas/CustomerFilter" })
        );
        let schema = &doc["components"]["schemas"]["CustomerFilter"];
        assert_eq!(schema["type"], "object");
        assert_eq!(schema["additionalProperties"], false);
        let mut required: Vec<&str> = schema["required"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        required.sort_unstable();
        assert_eq!(required, ["Field", "Operator", "Value"]);
        let field = schema["properties"]["Field"].to_string();
        assert!(
            field.contains("\"Domain\"") && field.contains("\"CompanyName\""),
            "{field}"
        );
        assert!(
            schema["properties"]["Operator"]
                .to_string()
                .contains("starts_with")
        );
        // The schema gives the verdict of the reader the emulator uses, on what the client
        // writes and on what it refuses.
        let validator = jsonschema::validator_for(schema).unwrap();
        let written = pc_model::CustomerFilter::domain_prefix("contoso").to_string();
        for (text, valid) in [
            (written.as_str(), true),
            (
                r#"{"Field":"CompanyName","Value":"W","Operator":"starts_with"}"#,
                true,
            ),
            (
                r#"{"Field":"Domain","Value":" ","Operator":"starts_with"}"#,
                false,
            ),
            (
                r#"{"Field":"Domain","Value":"","Operator":"starts_with"}"#,
                false,
            ),
            (
                r#"{"Field":"Email","Value":"a","Operator":"starts_with"}"#,
                false,
            ),
            (
                r#"{"Field":"Domain","Value":"a","Operator":"equals"}"#,
                false,
            ),
            (r#"{"Field":"Domain","Value":"a"}"#, false),
            (
                r#"{"Field":"Domain","Value":"a","Operator":"starts_with","X":1}"#,
                false,
            ),
            (
                r#"{"field":"Domain","Value":"a","Operator":"starts_with"}"#,
                false,
            ),
            (r#"[]"#, false),
        ] {
            let value: Value = serde_json::from_str(text).unwrap();
            assert_eq!(validator.is_valid(&value), valid, "schema: {text}");
            assert_eq!(
                pc_model::CustomerFilter::parse(text).is_ok(),
                valid,
                "reader: {text}"
            );
        }
    }

    /// Code generators (openapi-python-client) need a schema object wherever a schema goes.
    #[test]
    fn no_boolean_schema_is_left() {
        let text = serde_json::to_string_pretty(&document()).unwrap();
        assert!(!text.contains("\"items\": true"), "items: true is left");
        let mut doc = document();
        let mut booleans = Vec::new();
        postprocess::walk(&mut doc, &mut |map| {
            for key in ["items", "additionalProperties", "not"] {
                if map.get(key) == Some(&Value::Bool(true)) {
                    booleans.push(key);
                }
            }
        });
        assert!(booleans.is_empty(), "{booleans:?}");
    }

    #[test]
    fn every_reference_resolves_inside_the_document() {
        let mut doc = document();
        let copy = doc.clone();
        let mut targets = Vec::new();
        postprocess::walk(&mut doc, &mut |map| {
            if let Some(Value::String(target)) = map.get("$ref") {
                targets.push(target.clone());
            }
        });
        assert!(targets.len() > 50);
        for target in targets {
            let pointer = target
                .strip_prefix('#')
                .unwrap_or_else(|| panic!("not local: {target}"));
            assert!(copy.pointer(pointer).is_some(), "dangling: {target}");
        }
    }
}
