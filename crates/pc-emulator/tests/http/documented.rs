//! The emulator against its documented sources: each test checks, over HTTP, that the emulator
//! does what one seed page, Microsoft page or recorded or documented payload says (a row of the
//! table "Where each behaviour comes from" in the crate README names it).

use std::collections::BTreeMap;

use pc_emulator::{DEFAULT_GCC_VALIDATION_CODE, Emulator, EmulatorConfig, codes};
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::common::{Env, agreement, customer, expect_error, read};

/// A documented payload from `crates/pc-model/fixtures/`.
pub(crate) fn fixture(name: &str) -> Value {
    let file = pc_model::fixtures::ALL
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no fixture {name}"));
    serde_json::from_str(file.json).unwrap()
}

/// Every leaf of a JSON value by its JSON pointer (an empty object or array is a leaf).
fn leaves(value: &Value) -> BTreeMap<String, Value> {
    fn walk(at: String, value: &Value, out: &mut BTreeMap<String, Value>) {
        match value {
            Value::Object(map) if !map.is_empty() => {
                for (k, v) in map {
                    walk(format!("{at}/{k}"), v, out);
                }
            }
            Value::Array(items) if !items.is_empty() => {
                for (i, v) in items.iter().enumerate() {
                    walk(format!("{at}/{i}"), v, out);
                }
            }
            _ => {
                out.insert(at, value.clone());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(String::new(), value, &mut out);
    out
}

/// Asserts that `got` has exactly the documented fields, with the documented values except at
/// `generated` pointers (ids, secrets, dates the emulator makes itself).
fn assert_documented(got: &Value, documented: &Value, generated: &[&str]) {
    let (got, documented) = (leaves(got), leaves(documented));
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        documented.keys().collect::<Vec<_>>(),
        "the fields differ from the documented answer"
    );
    for (pointer, value) in &documented {
        if !generated.contains(&pointer.as_str()) {
            assert_eq!(&got[pointer], value, "{pointer}");
        }
    }
}

/// A documented date and an answered one are the same instant (the service itself writes both
/// `…Z` and `….885Z`).
fn same_instant(got: &Value, documented: &Value) {
    let parse = |v: &Value| chrono::DateTime::parse_from_rfc3339(v.as_str().unwrap()).unwrap();
    assert_eq!(parse(got), parse(documented));
}

/// Asserts the headers every answer carries: the caller's `MS-RequestId` and `MS-CorrelationId`
/// echoed, `MS-CV` and `MS-ServerId` added, JSON when there is a body.
fn assert_echoed(response: &Response, request_id: &str, correlation_id: &str) {
    let h = response.headers();
    assert_eq!(h["ms-requestid"], request_id);
    assert_eq!(h["ms-correlationid"], correlation_id);
    assert!(!h["ms-cv"].is_empty());
    assert!(!h["ms-serverid"].is_empty());
}

fn ids() -> (String, String) {
    (Uuid::new_v4().to_string(), Uuid::new_v4().to_string())
}

/// Posts the documented request `fixture_name` to `path` with fresh ids, checks the `201` and the
/// headers the seeds' response examples show, and returns the body.
async fn post_documented(env: &Env, path: &str, fixture_name: &str) -> Value {
    let (request_id, correlation_id) = ids();
    let response = env
        .post_id(path, &fixture(fixture_name), &request_id)
        .header("MS-CorrelationId", &correlation_id)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED, "{fixture_name}");
    assert_echoed(&response, &request_id, &correlation_id);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    read(response).await.1
}

/// The fields of a new customer the emulator makes itself.
const CUSTOMER_GENERATED: [&str; 7] = [
    "/id",
    "/commerceId",
    "/companyProfile/tenantId",
    "/companyProfile/links/self/uri",
    "/billingProfile/id",
    "/billingProfile/attributes/etag",
    "/userCredentials/password",
];

/// Seed 003 and its two payloads: the .NET SDK's PascalCase request (with `null`s, `EN-US`, `En`)
/// is accepted, and the `201` has exactly the documented fields.
#[tokio::test]
async fn create_customer_answers_the_documented_201() {
    let env = Env::new().await;
    let created = post_documented(
        &env,
        "/v1/customers",
        "customer-create-indirect.request.docs.json",
    )
    .await;
    assert_documented(
        &created,
        &fixture("customer-create.response-201.docs.json"),
        &CUSTOMER_GENERATED,
    );
    let id = created["id"].as_str().unwrap();
    assert_eq!(created["commerceId"], id);
    assert_eq!(created["companyProfile"]["tenantId"], id);
    assert_eq!(
        created["companyProfile"]["links"]["self"]["uri"],
        format!("/customers/{id}/profiles/company")
    );
}

/// Seed 003: `enableGDAPByDefault` sent is answered back, as in the seed's response example.
#[tokio::test]
async fn create_customer_answers_enable_gdap_by_default() {
    let env = Env::new().await;
    let created = post_documented(
        &env,
        "/v1/customers",
        "customer-create-gdap.request.docs.json",
    )
    .await;
    assert_documented(
        &created,
        &fixture("customer-create-gdap.response-201.docs.json"),
        &CUSTOMER_GENERATED,
    );
}

/// Seed 003: the registration number is required in exactly the seed's 25 countries (600049,
/// the specification's code) and optional elsewhere.
#[tokio::test]
async fn the_registration_number_is_required_in_the_seeds_25_countries() {
    const SEED: [&str; 25] = [
        "AM", "AZ", "BY", "HU", "KZ", "KG", "MD", "RU", "TJ", "UZ", "UA", "IN", "BR", "ZA", "PL",
        "AE", "SA", "TR", "TH", "VN", "MM", "IQ", "SS", "VE", "CN",
    ];
    let env = Env::new().await;
    let body = |country: &str| {
        let mut body = customer(&format!("reg{}.onmicrosoft.com", country.to_lowercase()));
        body["billingProfile"]["defaultAddress"]["country"] = json!(country);
        body
    };
    for country in SEED {
        let e = expect_error(
            env.post("/v1/customers", &body(country))
                .send()
                .await
                .unwrap(),
            StatusCode::BAD_REQUEST,
            codes::REGISTRATION_NUMBER_MISSING,
        )
        .await;
        assert!(e.to_string().contains(country), "{country}: {e}");
    }
    for country in ["US", "DE", "FR", "GB", "JP"] {
        let (status, created) = read(
            env.post("/v1/customers", &body(country))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{country}: {created}");
    }
    assert_eq!(env.emu.state().customers.len(), 5);
}

/// The recorded answer of `GET /v1/agreements` without `agreementType` (the cloud agreement),
/// and the documented one with `agreementType=MicrosoftCustomerAgreement`.
#[tokio::test]
async fn agreement_metadata_answers_the_recorded_and_documented_collections() {
    let env = Env::new().await;
    let (status, absent) = read(env.get("/v1/agreements").send().await.unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(absent, fixture("agreements-metadata.recorded.json"));
    let (_, mca) = read(
        env.get("/v1/agreements?agreementType=MicrosoftCustomerAgreement")
            .send()
            .await
            .unwrap(),
    )
    .await;
    let documented = fixture("agreement-metadata-mca.docs.json");
    for field in ["totalCount", "items", "attributes"] {
        assert_eq!(mca[field], documented[field], "{field}");
    }
}

/// Microsoft's metadata page and the REST reference of the agreements list: `agreementType=*`
/// answers every type; without it, the Microsoft Cloud Agreement only.
#[tokio::test]
async fn a_star_selects_every_agreement_type() {
    let env = Env::new().await;
    let (_, all) = read(
        env.get("/v1/agreements?agreementType=*")
            .send()
            .await
            .unwrap(),
    )
    .await;
    let mut types: Vec<&str> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["agreementType"].as_str().unwrap())
        .collect();
    types.sort_unstable();
    assert_eq!(
        types,
        ["MicrosoftCloudAgreement", "MicrosoftCustomerAgreement"]
    );
    let id = env.create_customer("star.onmicrosoft.com").await;
    let path = format!("/v1/customers/{id}/agreements");
    assert_eq!(
        env.post(&path, &agreement("Tania"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::CREATED
    );
    let count = |query: &'static str| {
        let request = env.get(&format!("{path}{query}")).send();
        async move { read(request.await.unwrap()).await.1["totalCount"].clone() }
    };
    assert_eq!(count("?agreementType=*").await, 1);
    assert_eq!(count("").await, 0);
}

/// Seed 002 and its payloads: the documented confirmation is answered `201` with the documented
/// body (`userId` from the App+User token), and the ids are echoed.
#[tokio::test]
async fn confirm_agreement_answers_the_documented_201() {
    let env = Env::new().await;
    let id = env.create_customer("confirm.onmicrosoft.com").await;
    let created = post_documented(
        &env,
        &format!("/v1/customers/{id}/agreements"),
        "customer-agreement-create.request.docs.json",
    )
    .await;
    let documented = fixture("customer-agreement-create.response-201.docs.json");
    assert_documented(&created, &documented, &["/dateAgreed"]);
    same_instant(&created["dateAgreed"], &documented["dateAgreed"]);
}

/// Seed 002: the same contact again is 600061 with the documented body; a change of first name,
/// last name, email or phone number makes another record.
#[tokio::test]
async fn a_repeated_contact_is_600061_and_a_changed_one_a_new_agreement() {
    let env = Env::new().await;
    let id = env.create_customer("recontact.onmicrosoft.com").await;
    let path = format!("/v1/customers/{id}/agreements");
    let first = agreement("Tania");
    assert_eq!(
        env.post(&path, &first).send().await.unwrap().status(),
        StatusCode::CREATED
    );
    let (_, duplicate) = read(env.post(&path, &first).send().await.unwrap()).await;
    assert_eq!(duplicate, fixture("error-600061.docs.json"));
    for (field, value) in [
        ("firstName", "Tanya"),
        ("lastName", "Kerr"),
        ("email", "other@example.com"),
        ("phoneNumber", "0987654321"),
    ] {
        let mut changed = first.clone();
        changed["primaryContact"][field] = json!(value);
        assert_eq!(
            env.post(&path, &changed).send().await.unwrap().status(),
            StatusCode::CREATED,
            "{field}"
        );
    }
    assert_eq!(env.emu.state().agreements[&id.parse().unwrap()].len(), 5);
}

/// Seed 000 and its payloads: the documented Education request is answered `201` with the
/// documented body (`InReview`, the date spelled `vettingCreateDate`).
#[tokio::test]
async fn create_qualification_answers_the_documented_201() {
    let env = Env::new().await;
    let id = env.create_customer("school.onmicrosoft.com").await;
    let created = post_documented(
        &env,
        &format!("/v1/customers/{id}/qualifications"),
        "qualification-create-education.request.docs.json",
    )
    .await;
    assert_documented(
        &created,
        &fixture("qualification-create.response-201.docs.json"),
        &["/vettingCreateDate"],
    );
}

/// Seed 001 and its payloads: the list is a bare array; a denied Education qualification has the
/// documented reason and the date spelled `vettingCreatedDate`; State Owned Entity has no vetting.
#[tokio::test]
async fn list_qualifications_answers_the_documented_array() {
    let env = Env::new().await;
    let id = env.create_customer("denyschool.onmicrosoft.com").await;
    let path = format!("/v1/customers/{id}/qualifications");
    let education = fixture("qualification-create-education.request.docs.json");
    assert_eq!(
        env.post(&path, &education).send().await.unwrap().status(),
        StatusCode::CREATED
    );
    let (status, listed) = read(env.get(&path).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert_documented(
        &listed,
        &fixture("qualifications-get-denied.response.docs.json"),
        &["/0/vettingCreatedDate"],
    );
    let soe = fixture("qualification-create-soe.request.docs.json");
    assert_eq!(
        env.post(&path, &soe).send().await.unwrap().status(),
        StatusCode::CREATED
    );
    let (_, listed) = read(env.get(&path).send().await.unwrap()).await;
    assert_eq!(listed[1], json!({"qualification": "StateOwnedEntity"}));
}

/// Seed 000: Education needs `educationSegment` `K12` or `HigherEducation` (website optional),
/// GCC needs `validationCode`, `None` and `Nonprofit` cannot be set.
#[tokio::test]
async fn qualification_requests_follow_the_seeds_rules() {
    let env = Env::new().await;
    let id = env.create_customer("rules.onmicrosoft.com").await;
    let path = format!("/v1/customers/{id}/qualifications");
    for refused in [
        json!({"qualification": "Education"}),
        json!({"qualification": "Education", "educationSegment": "University"}),
        json!({"qualification": "GovernmentCommunityCloud"}),
        json!({"qualification": "None"}),
        json!({"qualification": "Nonprofit"}),
    ] {
        expect_error(
            env.post(&path, &refused).send().await.unwrap(),
            StatusCode::BAD_REQUEST,
            codes::INVALID_INPUT,
        )
        .await;
    }
    assert!(env.emu.state().qualifications.values().all(Vec::is_empty));
    for (domain, segment) in [("k12", "K12"), ("higher", "HigherEducation")] {
        let id = env
            .create_customer(&format!("{domain}.onmicrosoft.com"))
            .await;
        let body = json!({"qualification": "Education", "educationSegment": segment});
        assert_eq!(
            env.post(&format!("/v1/customers/{id}/qualifications"), &body)
                .send()
                .await
                .unwrap()
                .status(),
            StatusCode::CREATED,
            "{segment}"
        );
    }
    let gcc = json!({"qualification": "GovernmentCommunityCloud", "validationCode": DEFAULT_GCC_VALIDATION_CODE});
    assert_eq!(
        env.post(&path, &gcc).send().await.unwrap().status(),
        StatusCode::CREATED
    );
}

/// The specification (operation 8): a bare array of exactly
/// `{partnerId, organizationName, validationId, maxCreates, remainingCreates, eTag}`.
#[tokio::test]
async fn validation_codes_have_the_documented_fields() {
    let env = Env::new().await;
    let (status, listed) = read(
        env.get("/v1/customers/all/validations")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let items = listed.as_array().unwrap();
    assert!(!items.is_empty());
    for item in items {
        let mut keys: Vec<&str> = item
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "eTag",
                "maxCreates",
                "organizationName",
                "partnerId",
                "remainingCreates",
                "validationId"
            ]
        );
    }
}

/// Microsoft's REST error codes page and the specification: every error answer carries `code`
/// and a non-empty `description`, and the ids (`MS-RequestId`, `MS-CorrelationId`, `MS-CV`,
/// `MS-ServerId`) that support asks for.
#[tokio::test]
async fn error_answers_carry_code_description_and_the_ids() {
    let env = Env::new().await;
    let unknown = format!("/v1/customers/{}", Uuid::new_v4());
    let requests = [
        env.get(&unknown),
        env.http.get(env.url("/v1/customers")),
        env.http
            .post(env.url("/v1/customers"))
            .bearer_auth(pc_emulator::DEFAULT_APP_USER_TOKEN)
            .json(&json!({})),
        env.get("/v1/nothing"),
    ];
    for request in requests {
        let (request_id, correlation_id) = ids();
        let response = request
            .header("MS-RequestId", &request_id)
            .header("MS-CorrelationId", &correlation_id)
            .send()
            .await
            .unwrap();
        assert!(response.status().is_client_error());
        assert_echoed(&response, &request_id, &correlation_id);
        let (_, body) = read(response).await;
        assert!(
            body["code"].is_string() || body["code"].is_number(),
            "{body}"
        );
        assert!(
            body["description"].as_str().is_some_and(|d| !d.is_empty()),
            "{body}"
        );
    }
}

/// The specification and Microsoft's throttling guidance: 500 requests a minute per partner
/// tenant by default, then `429` with `Retry-After` and the documented body.
#[tokio::test]
async fn the_default_budget_is_500_a_minute_then_the_documented_429() {
    let emulator = Emulator::start(EmulatorConfig::default()).await.unwrap();
    // One connection for all, so that the 500 requests stay quick.
    let http = reqwest::Client::new();
    let url = format!("{}/v1/domains/free.onmicrosoft.com", emulator.url());
    for _ in 0..500 {
        let response = http
            .head(&url)
            .bearer_auth(pc_emulator::DEFAULT_APP_ONLY_TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }
    let response = http
        .head(&url)
        .bearer_auth(pc_emulator::DEFAULT_APP_ONLY_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let throttled = http
        .get(format!("{}/v1/customers", emulator.url()))
        .bearer_auth(pc_emulator::DEFAULT_APP_ONLY_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(throttled.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = throttled.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let (_, body) = read(throttled).await;
    let documented = fixture("throttling-429.response.docs.json");
    assert_eq!(
        leaves(&body).keys().collect::<Vec<_>>(),
        leaves(&documented).keys().collect::<Vec<_>>()
    );
    assert_eq!(body["statusCode"], documented["statusCode"]);
    assert_eq!(
        body["message"],
        format!("Rate limit is exceeded. Try again in {wait} seconds.")
    );
    emulator.shutdown().await;
}

/// The README's section on sources: its tables, each a header and rows of cells.
fn readme_tables() -> Vec<(Vec<String>, Vec<Vec<String>>)> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("## Where each behaviour comes from")
        .expect("the README has the section");
    let section = &readme[start..];
    let end = section[3..].find("\n## ").map_or(section.len(), |i| i + 3);
    let cells = |line: &str| -> Vec<String> {
        // Split on `|` but not on `\|` (a pipe inside a cell).
        let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
        let mut out = vec![String::new()];
        let mut chars = inner.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' if chars.peek() == Some(&'|') => {
                    out.last_mut().unwrap().push('|');
                    chars.next();
                }
                '|' => out.push(String::new()),
                _ => out.last_mut().unwrap().push(c),
            }
        }
        out.into_iter().map(|c| c.trim().to_owned()).collect()
    };
    let mut tables = Vec::new();
    let mut current: Option<(Vec<String>, Vec<Vec<String>>)> = None;
    for line in section[..end].lines() {
        if !line.starts_with('|') {
            tables.extend(current.take());
        } else if line.starts_with("|---") {
        } else if let Some((header, rows)) = current.as_mut() {
            let row = cells(line);
            assert_eq!(row.len(), header.len(), "{line}");
            rows.push(row);
        } else {
            current = Some((cells(line), Vec::new()));
        }
    }
    tables.extend(current);
    tables
}

/// The `module::test` names in a cell.
fn named_tests(cell: &str) -> Vec<(String, String)> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .map(|name| {
            let (module, test) = name
                .split_once("::")
                .unwrap_or_else(|| panic!("`{name}` is not module::test"));
            (module.to_owned(), test.to_owned())
        })
        .collect()
}

/// Whether `tests/http/{module}.rs` (a module of this binary) has a test function `test`.
fn test_exists(module: &str, test: &str) -> bool {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/http");
    let main = std::fs::read_to_string(format!("{dir}/main.rs")).unwrap();
    if !main.lines().any(|l| l.trim() == format!("mod {module};")) {
        return false;
    }
    let Ok(source) = std::fs::read_to_string(format!("{dir}/{module}.rs")) else {
        return false;
    };
    let lines: Vec<&str> = source.lines().collect();
    let signature = [format!("async fn {test}()"), format!("fn {test}()")];
    lines.iter().enumerate().any(|(i, line)| {
        signature
            .iter()
            .any(|s| line.trim_start().starts_with(s.as_str()))
            && lines[..i]
                .iter()
                .rev()
                .map(|l| l.trim())
                .take_while(|l| l.starts_with("///") || l.starts_with("#["))
                .any(|l| l == "#[tokio::test]" || l == "#[test]")
    })
}

/// Every test the README's tables name exists, and every row with a documented source names one.
#[test]
fn the_tables_name_only_tests_that_exist() {
    let tables = readme_tables();
    assert_eq!(tables.len(), 2, "the operations table and the error table");
    let mut named = 0;
    for (header, rows) in &tables {
        let column = |name: &str| header.iter().position(|h| h == name).unwrap();
        let (source, test) = (column("source"), column("test"));
        for row in rows {
            let tests = named_tests(&row[test]);
            if !row[source].starts_with("emulator choice") {
                assert!(!tests.is_empty(), "a documented row names no test: {row:?}");
            }
            for (module, name) in tests {
                assert!(
                    test_exists(&module, &name),
                    "the README names `{module}::{name}`, which is not a test in tests/http/"
                );
                named += 1;
            }
        }
    }
    assert!(named > 40, "{named}");
    // The checks themselves can fail.
    assert!(!test_exists("documented", "no_such_test"));
    assert!(!test_exists(
        "nowhere",
        "the_tables_name_only_tests_that_exist"
    ));
    assert!(
        !test_exists("documented", "fixture"),
        "a helper is not a test"
    );
}

/// Every source the tables cite exists: each payload file named is one of `pc-model`'s fixtures,
/// each page link is defined.
#[test]
fn every_cited_source_exists() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut payloads = 0;
    let mut links = 0;
    for (header, rows) in readme_tables() {
        let source = header.iter().position(|h| h == "source").unwrap();
        for row in rows {
            let cell = &row[source];
            let names = cell.split('`').skip(1).step_by(2);
            for name in names.filter(|n| n.ends_with(".json")) {
                assert!(
                    pc_model::fixtures::ALL.iter().any(|f| f.name == name),
                    "the README cites `{name}`, which is not a fixture in crates/pc-model/fixtures/"
                );
                payloads += 1;
            }
            for label in cell.split('[').skip(1).filter_map(|s| s.split_once(']')) {
                let definition = format!("\n[{}]: https://", label.0);
                assert!(readme.contains(&definition), "no link for [{}]", label.0);
                links += 1;
            }
        }
    }
    assert!(
        payloads > 10 && links > 10,
        "{payloads} payloads, {links} links"
    );
}

/// `pub const NAME: &str = "VALUE";` items of a source file, with the doc line above each.
fn string_consts(source: &str) -> BTreeMap<String, (String, String)> {
    let lines: Vec<&str> = source.lines().collect();
    let mut out = BTreeMap::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line.trim().strip_prefix("pub const ") else {
            continue;
        };
        let Some((name, value)) = rest.split_once(": &str = ") else {
            continue;
        };
        let value = value.trim_end_matches(';').trim_matches('"');
        let doc = i
            .checked_sub(1)
            .map_or("", |j| lines[j].trim().trim_start_matches("///").trim());
        out.insert(name.to_owned(), (value.to_owned(), doc.to_owned()));
    }
    out
}

/// The error table describes `src/codes.rs`: one or more rows per constant, none for a constant
/// that does not exist, each with the constant's value, and the status its documentation gives.
#[test]
fn the_error_table_describes_codes_rs() {
    let root = env!("CARGO_MANIFEST_DIR");
    let codes_rs = std::fs::read_to_string(format!("{root}/src/codes.rs")).unwrap();
    let model = std::fs::read_to_string(format!("{root}/../pc-model/src/error.rs")).unwrap();
    let mut defined = string_consts(&codes_rs);
    assert!(!defined.is_empty());
    let model_codes = string_consts(&model);
    let reexported = codes_rs
        .split("pub use pc_model::codes::{")
        .nth(1)
        .and_then(|rest| rest.split('}').next())
        .expect("codes.rs re-exports pc-model's codes");
    for name in reexported
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        let (value, _) = model_codes
            .get(name)
            .unwrap_or_else(|| panic!("{name} is not a pc-model code"));
        defined.insert(name.to_owned(), (value.clone(), String::new()));
    }
    let tables = readme_tables();
    let (header, rows) = tables
        .iter()
        .find(|(header, _)| header.first().is_some_and(|h| h == "status"))
        .expect("the error table");
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (status, code, constant) = (column("status"), column("code"), column("constant"));
    let mut described = BTreeMap::new();
    for row in rows {
        if row[constant] == "—" {
            assert_eq!(row[code], "—", "{row:?}");
            continue;
        }
        let name = row[constant].trim_matches('`');
        let (value, doc) = defined
            .get(name)
            .unwrap_or_else(|| panic!("the README names {name}, which codes.rs does not define"));
        assert_eq!(row[code], format!("`{value}`"), "{name}");
        // An emulator code's documentation starts with its status: `409`: …
        if let Some(documented) = doc.strip_prefix('`').and_then(|d| d.split('`').next()) {
            assert_eq!(row[status], documented, "{name}");
        }
        described.insert(name.to_owned(), ());
    }
    let missing: Vec<&String> = defined
        .keys()
        .filter(|n| !described.contains_key(*n))
        .collect();
    assert!(
        missing.is_empty(),
        "codes.rs defines codes the README does not describe: {missing:?}"
    );
}
