//! The exact wire format of each operation (method, path, query, headers, body), pinned with
//! snapshots. Ids, the library version and the port are redacted.

#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;

use chrono::TimeZone;
use pc_client::Client;
use pc_model::fixtures::ALL;
use pc_model::{
    AgreementType, ContactRequest, CreateAgreementRequest, CreateQualificationRequest,
    CustomerTenantId, EducationSegment, ResellerTenantId, TemplateId,
};
use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const CUSTOMER: &str = "626099fe-17af-4756-9fd0-6a73b7127859";

fn fixture(name: &str) -> &'static str {
    ALL.iter().find(|f| f.name == name).unwrap().json
}

async fn server(status: u16, body: &str) -> MockServer {
    let server = MockServer::start().await;
    let mut response = ResponseTemplate::new(status);
    if !body.is_empty() {
        response = response.set_body_raw(body.as_bytes().to_vec(), "application/json");
    }
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> Client {
    Client::builder(pc_transport::StaticToken::new("test-token"))
        .base_url(&server.uri())
        .application_name("contoso-onboarding")
        .build()
        .unwrap()
}

/// The one request the server received, as a stable document.
async fn recorded(server: &MockServer) -> Value {
    let requests: Vec<Request> = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "exactly one request");
    let r = &requests[0];
    let version = env!("CARGO_PKG_VERSION");
    let mut headers = BTreeMap::new();
    for (name, value) in &r.headers {
        let name = name.as_str().to_ascii_lowercase();
        let value = value.to_str().unwrap().to_owned();
        let value = match name.as_str() {
            "ms-requestid" | "ms-correlationid" => {
                assert!(uuid::Uuid::parse_str(&value).is_ok(), "{name}: {value}");
                "[guid]".to_owned()
            }
            "host" => "[host]".to_owned(),
            _ => value.replace(version, "[version]"),
        };
        headers.insert(name, value);
    }
    let body: Value = if r.body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&r.body).unwrap()
    };
    json!({
        "method": r.method.as_str(),
        "path": r.url.path(),
        "query": r.url.query(),
        "headers": headers,
        "body": body,
    })
}

fn customer() -> CustomerTenantId {
    CUSTOMER.parse().unwrap()
}

macro_rules! snapshot {
    ($name:literal, $value:expr) => {
        let value = $value;
        insta::with_settings!({ sort_maps => true }, { insta::assert_json_snapshot!($name, value) });
    };
}

#[tokio::test]
async fn create_customer() {
    let s = server(201, fixture("customer-create.response-201.docs.json")).await;
    let reseller: ResellerTenantId = "484e548c-f5f3-4528-93a9-c16c6373cb59".parse().unwrap();
    let created = client(&s)
        .create_customer_for_reseller(
            reseller,
            common::new_customer("wingtiptoys").with_gdap_by_default(true),
        )
        .await
        .unwrap();
    assert_eq!(created.tenant_id().unwrap(), customer());
    snapshot!("create_customer", recorded(&s).await);
}

#[tokio::test]
async fn get_customer() {
    let s = server(200, fixture("customer-create.response-201.docs.json")).await;
    client(&s).get_customer(customer()).await.unwrap();
    snapshot!("get_customer", recorded(&s).await);
}

#[tokio::test]
async fn search_customers() {
    let s = server(200, r#"{"totalCount":0,"items":[]}"#).await;
    client(&s)
        .search_customers("wingtiptoys.onmicrosoft.com")
        .await
        .unwrap();
    snapshot!("search_customers", recorded(&s).await);
}

#[tokio::test]
async fn check_domain() {
    let s = server(404, "").await;
    let free = client(&s)
        .check_domain("wingtiptoys.onmicrosoft.com")
        .await
        .unwrap();
    assert_eq!(free.value, pc_client::DomainAvailability::Available);
    snapshot!("check_domain", recorded(&s).await);
}

#[tokio::test]
async fn agreement_metadata() {
    let s = server(200, fixture("agreement-metadata-mca.docs.json")).await;
    client(&s)
        .agreement_metadata(AgreementType::MicrosoftCustomerAgreement)
        .await
        .unwrap();
    snapshot!("agreement_metadata", recorded(&s).await);
}

#[tokio::test]
async fn confirm_agreement() {
    let s = server(
        201,
        fixture("customer-agreement-create.response-201.docs.json"),
    )
    .await;
    let template: TemplateId = "117a77b0-9360-443b-8795-c6dedc750cf9".parse().unwrap();
    let contact = ContactRequest::new("someone@example.com")
        .with_first_name("Tania")
        .with_last_name("Carr")
        .with_phone_number("1234567890");
    let date = chrono::Utc.with_ymd_and_hms(2018, 6, 14, 0, 0, 0).unwrap();
    client(&s)
        .confirm_agreement(
            customer(),
            CreateAgreementRequest::new(contact, template, date),
        )
        .await
        .unwrap();
    snapshot!("confirm_agreement", recorded(&s).await);
}

#[tokio::test]
async fn list_agreements() {
    let s = server(200, r#"{"totalCount":0,"items":[]}"#).await;
    client(&s)
        .list_agreements(customer(), Some(AgreementType::MicrosoftCustomerAgreement))
        .await
        .unwrap();
    snapshot!("list_agreements", recorded(&s).await);
}

#[tokio::test]
async fn create_qualification() {
    let s = server(201, fixture("qualification-create.response-201.docs.json")).await;
    let request = CreateQualificationRequest::education_with_website(
        EducationSegment::HigherEducation,
        "contoso.edu",
    );
    client(&s)
        .create_qualification(customer(), request)
        .await
        .unwrap();
    snapshot!("create_qualification", recorded(&s).await);
}

#[tokio::test]
async fn list_qualifications() {
    let s = server(200, fixture("qualifications-get-denied.response.docs.json")).await;
    let list = client(&s).list_qualifications(customer()).await.unwrap();
    assert_eq!(list.len(), 1);
    snapshot!("list_qualifications", recorded(&s).await);
}

#[tokio::test]
async fn validation_codes() {
    let s = server(
        200,
        r#"[{"partnerId":"p","organizationName":"Contoso","validationId":"123456","maxCreates":5,"remainingCreates":4,"eTag":"x"}]"#,
    )
    .await;
    let codes = client(&s).validation_codes().await.unwrap();
    assert_eq!(codes[0].validation_id.as_deref(), Some("123456"));
    snapshot!("validation_codes", recorded(&s).await);
}
