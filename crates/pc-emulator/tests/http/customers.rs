//! Creating, reading and searching customers; the domain check.

use std::time::Duration;

use pc_emulator::{DEFAULT_RESELLER_ID, codes};
use pc_model::fixtures;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{Env, config, customer, expect_error, read};

fn fixture(name: &str) -> &'static str {
    fixtures::ALL.iter().find(|f| f.name == name).unwrap().json
}

#[tokio::test]
async fn the_documented_pascal_case_request_creates_a_reseller_customer() {
    let env = Env::new().await;
    let body: Value =
        serde_json::from_str(fixture("customer-create-indirect.request.docs.json")).unwrap();
    let (status, created) = read(env.post("/v1/customers", &body).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().unwrap();
    assert_eq!(created["companyProfile"]["tenantId"], id);
    assert_eq!(created["commerceId"], id);
    assert_eq!(created["relationshipToPartner"], "reseller");
    assert_eq!(
        created["associatedPartnerId"],
        DEFAULT_RESELLER_ID.to_string()
    );
    assert_eq!(
        created["billingProfile"]["culture"], "en-US",
        "EN-US is normalised"
    );
    assert_eq!(created["billingProfile"]["language"], "En");
    assert!(
        created.get("enableGDAPByDefault").is_none(),
        "not sent, not answered"
    );
    let password = created["userCredentials"]["password"].as_str().unwrap();
    assert!(password.len() >= 8);
    // It decodes as pc-model's Customer, whose Debug hides the password.
    let customer: pc_model::Customer = serde_json::from_value(created.clone()).unwrap();
    assert!(!format!("{customer:?}").contains(password));

    let (status, read_back) = read(
        env.get(&format!("/v1/customers/{id}"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(read_back.get("userCredentials").is_none());
    assert_eq!(
        read_back["companyProfile"]["domain"],
        "WingtipToys678152504.onmicrosoft.com"
    );
    let state = env.emu.state();
    assert_eq!(state.customers.len(), 1);
    assert!(
        state.customers[0].user_credentials.is_none(),
        "no password in the state"
    );
}

#[tokio::test]
async fn enable_gdap_by_default_is_echoed() {
    let env = Env::new().await;
    let body: Value =
        serde_json::from_str(fixture("customer-create-gdap.request.docs.json")).unwrap();
    let (status, created) = read(env.post("/v1/customers", &body).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["enableGDAPByDefault"], false);
}

#[tokio::test]
async fn a_direct_customer_has_no_reseller() {
    let env = Env::new().await;
    let mut body = customer("direct.onmicrosoft.com");
    body.as_object_mut().unwrap().remove("associatedPartnerId");
    let (status, created) = read(env.post("/v1/customers", &body).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(created["relationshipToPartner"], "none");
    assert!(created.get("associatedPartnerId").is_none());
}

#[tokio::test]
async fn domains_are_unique_and_the_check_tells() {
    let env = Env::new().await;
    env.create_customer("wingtip.onmicrosoft.com").await;
    let again = env
        .post("/v1/customers", &customer("WingTip.onmicrosoft.com"))
        .send()
        .await
        .unwrap();
    expect_error(again, StatusCode::CONFLICT, codes::DOMAIN_TAKEN).await;
    assert_eq!(
        env.emu
            .state()
            .customers_with_domain("wingtip.onmicrosoft.com")
            .len(),
        1
    );
    for (domain, status) in [
        ("wingtip.onmicrosoft.com", StatusCode::OK),
        ("WINGTIP.onmicrosoft.com", StatusCode::OK),
        ("free.onmicrosoft.com", StatusCode::NOT_FOUND),
        ("not..a..domain", StatusCode::BAD_REQUEST),
    ] {
        let response = env
            .http
            .head(env.url(&format!("/v1/domains/{domain}")))
            .bearer_auth(pc_emulator::DEFAULT_APP_ONLY_TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), status, "{domain}");
        assert!(response.bytes().await.unwrap().is_empty());
    }
}

fn polish(number: Option<&str>, phone: Option<&str>) -> Value {
    let mut body = customer("nowak.onmicrosoft.com");
    body["billingProfile"]["defaultAddress"]["country"] = json!("PL");
    body["billingProfile"]["culture"] = json!("pl-PL");
    match phone {
        Some(p) => body["billingProfile"]["defaultAddress"]["phoneNumber"] = json!(p),
        None => {
            body["billingProfile"]["defaultAddress"]
                .as_object_mut()
                .unwrap()
                .remove("phoneNumber");
        }
    }
    if let Some(n) = number {
        body["companyProfile"]["organizationRegistrationNumber"] = json!(n);
    }
    body
}

#[tokio::test]
async fn registration_number_and_phone_rules_answer_the_service_codes() {
    let env = Env::new().await;
    let send = |body: Value| env.post("/v1/customers", &body).send();
    let both = expect_error(
        send(polish(None, None)).await.unwrap(),
        StatusCode::BAD_REQUEST,
        codes::REGISTRATION_NUMBER_MISSING,
    )
    .await;
    let data: Vec<&str> = both["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(data.len(), 2, "{both}");
    assert!(data[0].starts_with("/billingProfile/defaultAddress/phoneNumber"));
    assert_eq!(both["isRetryable"], false);
    expect_error(
        send(polish(Some("7707083893"), None)).await.unwrap(),
        StatusCode::BAD_REQUEST,
        codes::PHONE_NUMBER_MISSING,
    )
    .await;
    // A blank number is a missing one: the schema's rule (not blank), and no other.
    expect_error(
        send(polish(Some("\u{3000}"), Some("+48 22 000 00 00")))
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
        codes::REGISTRATION_NUMBER_MISSING,
    )
    .await;
    // The service's format rules per country (600050) are undocumented: no invented pattern.
    let (status, created) = read(
        send(polish(Some("77#07"), Some("+48 22 000 00 00")))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
}

#[tokio::test]
async fn bad_bodies_and_unknown_resellers_are_400() {
    let env = Env::new().await;
    let raw = |body: &'static [u8]| {
        env.http
            .post(env.url("/v1/customers"))
            .bearer_auth(pc_emulator::DEFAULT_APP_USER_TOKEN)
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    for body in [
        &b"{"[..],
        b"",
        b"[]",
        b"\xff\xfe",
        b"{\"companyProfile\":{\"domain\":1}}",
        b"null",
    ] {
        expect_error(
            raw(body).await.unwrap(),
            StatusCode::BAD_REQUEST,
            codes::INVALID_INPUT,
        )
        .await;
    }
    // 800002 for `body`, and the first problem it lists.
    let env = &env;
    let invalid = |body: Value| async move {
        let e = expect_error(
            env.post("/v1/customers", &body).send().await.unwrap(),
            StatusCode::BAD_REQUEST,
            codes::INVALID_INPUT,
        )
        .await;
        e["data"][0].as_str().unwrap().to_owned()
    };
    let mut missing = customer("x.onmicrosoft.com");
    missing.as_object_mut().unwrap().remove("billingProfile");
    let first = invalid(missing).await;
    assert!(first.starts_with("/billingProfile"), "{first}");
    let mut bad_domain = customer("not-a-tenant.com");
    bad_domain["billingProfile"]["email"] = json!("nope");
    let e = expect_error(
        env.post("/v1/customers", &bad_domain).send().await.unwrap(),
        StatusCode::BAD_REQUEST,
        codes::INVALID_INPUT,
    )
    .await;
    assert_eq!(
        e["data"].as_array().unwrap().len(),
        2,
        "every violation is listed: {e}"
    );
    for key in ["userCredentials", "UserCredentials"] {
        let mut with_password = customer("z.onmicrosoft.com");
        with_password[key] = json!({"userName": "admin", "password": "Chosen1!"});
        let e = expect_error(
            env.post("/v1/customers", &with_password)
                .send()
                .await
                .unwrap(),
            StatusCode::BAD_REQUEST,
            codes::INVALID_INPUT,
        )
        .await;
        assert!(!e.to_string().contains("Chosen1!"), "{e}");
        assert!(
            e["data"][0]
                .as_str()
                .unwrap()
                .starts_with(&format!("/{key}: ")),
            "{e}"
        );
    }
    // A misspelt key is refused, not ignored: this would otherwise be a direct customer.
    let mut misspelt = customer("m.onmicrosoft.com");
    misspelt["associatedpartnerid"] = json!(pc_emulator::DEFAULT_RESELLER_ID.to_string());
    assert_eq!(
        invalid(misspelt).await,
        "/associatedpartnerid: unknown field; did you mean associatedPartnerId?"
    );
    // A positional array is not a customer.
    let positional = Value::Array(
        customer("p.onmicrosoft.com")
            .as_object()
            .unwrap()
            .values()
            .cloned()
            .collect(),
    );
    let first = invalid(positional).await;
    assert!(first.starts_with("/: invalid type: sequence"), "{first}");
    let mut stranger = customer("y.onmicrosoft.com");
    stranger["associatedPartnerId"] = json!("11111111-2222-3333-4444-555555555555");
    expect_error(
        env.post("/v1/customers", &stranger).send().await.unwrap(),
        StatusCode::BAD_REQUEST,
        codes::NOT_AN_INDIRECT_RESELLER,
    )
    .await;
    let huge = vec![b' '; (1 << 20) + 1];
    let too_big = env
        .http
        .post(env.url("/v1/customers"))
        .bearer_auth(pc_emulator::DEFAULT_APP_USER_TOKEN)
        .body(huge)
        .send()
        .await
        .unwrap();
    expect_error(
        too_big,
        StatusCode::PAYLOAD_TOO_LARGE,
        codes::BODY_TOO_LARGE,
    )
    .await;
    assert!(env.emu.state().customers.is_empty());
}

#[tokio::test]
async fn unknown_customers_are_404_and_bad_ids_400() {
    let env = Env::new().await;
    let unknown = env
        .get("/v1/customers/626099fe-17af-4756-9fd0-6a73b7127859")
        .send()
        .await
        .unwrap();
    expect_error(unknown, StatusCode::NOT_FOUND, codes::TENANT_NOT_FOUND).await;
    for path in [
        "/v1/customers/not-a-guid",
        "/v1/customers/x/agreements",
        "/v1/customers/x/qualifications",
    ] {
        expect_error(
            env.get(path).send().await.unwrap(),
            StatusCode::BAD_REQUEST,
            codes::INVALID_INPUT,
        )
        .await;
    }
}

#[tokio::test]
async fn a_new_customer_is_hidden_during_the_read_after_create_lag() {
    let env = Env::with(config().with_read_after_create_lag(Duration::from_secs(3600))).await;
    let id = env.create_customer("lagging.onmicrosoft.com").await;
    for path in [
        format!("/v1/customers/{id}"),
        format!("/v1/customers/{id}/agreements"),
        format!("/v1/customers/{id}/qualifications"),
    ] {
        expect_error(
            env.get(&path).send().await.unwrap(),
            StatusCode::NOT_FOUND,
            codes::TENANT_NOT_FOUND,
        )
        .await;
    }
    let (_, found) = read(env.get("/v1/customers").send().await.unwrap()).await;
    assert_eq!(found["totalCount"], 0);
    let check = env
        .http
        .head(env.url("/v1/domains/lagging.onmicrosoft.com"))
        .bearer_auth(pc_emulator::DEFAULT_APP_USER_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(
        check.status(),
        StatusCode::OK,
        "the domain is taken at once"
    );
    assert_eq!(env.emu.state().customers.len(), 1);
}

#[tokio::test]
async fn search_by_domain_prefix() {
    let env = Env::new().await;
    for d in ["alpha1", "alpha2", "beta"] {
        env.create_customer(&format!("{d}.onmicrosoft.com")).await;
    }
    let search = |filter: Option<&str>, size: Option<&str>| {
        let mut q = Vec::new();
        if let Some(f) = filter {
            q.push(("filter", f.to_owned()));
        }
        if let Some(s) = size {
            q.push(("size", s.to_owned()));
        }
        env.get("/v1/customers").query(&q).send()
    };
    let filter = pc_model::operations::SearchCustomers::by_domain_prefix("ALPHA")
        .unwrap()
        .filter();
    let (status, body) = read(search(Some(&filter), None).await.unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["totalCount"], 2);
    let domains: Vec<&str> = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["companyProfile"]["domain"].as_str().unwrap())
        .collect();
    assert_eq!(
        domains,
        ["alpha1.onmicrosoft.com", "alpha2.onmicrosoft.com"]
    );
    let collection: pc_model::Collection<pc_model::Customer> =
        serde_json::from_value(body).unwrap();
    assert_eq!(collection.items.len(), 2);
    let (_, all) = read(search(None, Some("2")).await.unwrap()).await;
    assert_eq!(all["items"].as_array().unwrap().len(), 2);
    let by_name = r#"{"Field":"CompanyName","Value":"wingtip","Operator":"starts_with"}"#;
    assert_eq!(
        read(search(Some(by_name), None).await.unwrap()).await.1["totalCount"],
        3
    );
    for (filter, size) in [
        (Some("{"), None),
        (
            Some(r#"{"Field":"Domain","Value":"a","Operator":"contains"}"#),
            None,
        ),
        // Only the documented form: an unknown key is refused, not ignored.
        (
            Some(r#"{"Field":"Domain","Value":"a","Operator":"starts_with","Size":1}"#),
            None,
        ),
        (None, Some("0")),
        (None, Some("many")),
    ] {
        expect_error(
            search(filter, size).await.unwrap(),
            StatusCode::BAD_REQUEST,
            codes::INVALID_INPUT,
        )
        .await;
    }
}
