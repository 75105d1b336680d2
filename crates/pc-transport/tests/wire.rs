//! What goes on the wire: headers (snapshots with the ids redacted), paths, queries, bodies.
#![allow(clippy::unwrap_used)]

mod support;

use pc_model::operations::{CheckDomain, DomainAvailability, SearchCustomers};
use pc_transport::{CallOptions, CorrelationId};
use support::*;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, Request, ResponseTemplate};

/// The request line and every header, sorted by name, with the ids, the port and the version
/// redacted (the ids are checked to be GUIDs first).
fn render(request: &Request) -> String {
    let mut lines: Vec<String> = request
        .headers
        .iter()
        .map(|(name, value)| {
            let value = value.to_str().unwrap();
            let shown = match name.as_str() {
                "ms-requestid" | "ms-correlationid" => {
                    uuid::Uuid::parse_str(value).unwrap();
                    "[guid]".to_owned()
                }
                "host" => "127.0.0.1:[port]".to_owned(),
                _ => value.replace(env!("CARGO_PKG_VERSION"), "[version]"),
            };
            format!("{name}: {shown}")
        })
        .collect();
    lines.sort();
    let query = request
        .url
        .query()
        .map(|q| format!("?{q}"))
        .unwrap_or_default();
    format!(
        "{} {}{query}\n{}",
        request.method,
        request.url.path(),
        lines.join("\n")
    )
}

#[tokio::test]
async fn post_headers() {
    let (server, clock) = server_and_clock().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_raw(AGREEMENT_201, "application/json"))
        .mount(&server)
        .await;
    let transport = builder(&server.uri(), &clock)
        .application_name("contoso-onboarding/1.0")
        .build()
        .unwrap();
    transport
        .execute(&agreement(), &CallOptions::default())
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    insta::assert_snapshot!("post_headers", render(&requests[0]));
    let body: serde_json::Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(body, serde_json::to_value(&agreement().body).unwrap());
}

#[tokio::test]
async fn get_headers_have_no_content_type_and_honour_the_locale() {
    let (server, clock) = server_and_clock().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("[]", "application/json"))
        .mount(&server)
        .await;
    let transport = builder(&server.uri(), &clock)
        .locale("fr-FR")
        .build()
        .unwrap();
    let workflow = CorrelationId::new_v4();
    let answer = transport
        .execute(
            &list_qualifications(),
            &CallOptions::default().correlation_id(workflow),
        )
        .await
        .unwrap();
    assert_eq!(answer.ids.correlation_id, workflow);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        header(&requests[0], "ms-correlationid"),
        workflow.to_string()
    );
    insta::assert_snapshot!("get_headers", render(&requests[0]));
}

#[tokio::test]
async fn queries_are_encoded_and_head_answers_are_read_from_the_status() {
    let (server, clock) = server_and_clock().await;
    Mock::given(method("GET"))
        .and(path("/v1/customers"))
        .and(query_param(
            "filter",
            r#"{"Field":"Domain","Value":"a&b=c #d","Operator":"starts_with"}"#,
        ))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(r#"{"totalCount":0,"items":[]}"#, "application/json"),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("HEAD"))
        .and(path("/v1/domains/taken.onmicrosoft.com"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    Mock::given(method("HEAD"))
        .and(path("/v1/domains/free.onmicrosoft.com"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let transport = builder(&server.uri(), &clock).build().unwrap();
    let search = SearchCustomers::by_domain_prefix("a&b=c #d").unwrap();
    let found = transport
        .execute(&search, &CallOptions::default())
        .await
        .unwrap();
    assert_eq!(found.status, 200);
    let requests = server.received_requests().await.unwrap();
    let query = requests[0].url.query().unwrap();
    assert!(
        !query.contains('&') || query.matches('&').count() == 0,
        "{query}"
    );
    assert!(!query.contains(' ') && !query.contains('#'), "{query}");

    for (domain, expected) in [
        ("taken.onmicrosoft.com", DomainAvailability::Taken),
        ("free.onmicrosoft.com", DomainAvailability::Available),
    ] {
        let answer = transport
            .execute(&CheckDomain::new(domain).unwrap(), &CallOptions::default())
            .await
            .unwrap();
        assert_eq!(answer.value, expected);
    }
    let head = &server.received_requests().await.unwrap()[1];
    assert!(head.headers.get("content-type").is_none());
    insta::assert_snapshot!("head_headers", render(head));
}

#[tokio::test]
async fn a_base_url_path_prefix_is_kept() {
    let (server, clock) = server_and_clock().await;
    Mock::given(method("GET"))
        .and(path(
            "/partner-center/v1/customers/626099fe-17af-4756-9fd0-6a73b7127859/qualifications",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_raw("[]", "application/json"))
        .expect(1)
        .mount(&server)
        .await;
    let transport = builder(&format!("{}/partner-center/", server.uri()), &clock)
        .build()
        .unwrap();
    assert_eq!(
        transport.base_url(),
        format!("{}/partner-center", server.uri())
    );
    transport
        .execute(&list_qualifications(), &CallOptions::default())
        .await
        .unwrap();
}

/// An endpoint with any path, as a careless hand-written `Endpoint` could produce.
struct AnyPath(&'static str);

impl pc_model::operation::Endpoint for AnyPath {
    type Body = pc_model::operation::NoBody;
    type Output = ();
    fn spec(&self) -> &'static pc_model::operation::OperationSpec {
        &pc_model::operations::LIST_VALIDATION_CODES
    }
    fn path(&self) -> String {
        self.0.to_owned()
    }
    fn decode(&self, _: u16, _: &[u8]) -> Result<(), pc_model::json::DecodeError> {
        Ok(())
    }
}

#[tokio::test]
async fn a_path_cannot_leave_the_base_url() {
    let (server, clock) = server_and_clock().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let transport = builder(&format!("{}/pc", server.uri()), &clock)
        .build()
        .unwrap();
    for path in [
        "@evil.example/v1/x",
        "v1/x",
        "/v1/x?admin=1",
        "/v1/x#frag",
        "/../../etc/passwd",
        "/../pcx/v1",
        "/v1\\..\\..\\x",
    ] {
        let err = transport
            .execute(&AnyPath(path), &CallOptions::default())
            .await
            .unwrap_err();
        assert_eq!(err.kind(), pc_transport::ErrorKind::Configuration, "{path}");
        assert!(!err.may_have_been_sent());
    }
    assert!(server.received_requests().await.unwrap().is_empty());
    transport
        .execute(&AnyPath("/v1/fine"), &CallOptions::default())
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), "/pc/v1/fine");
}
