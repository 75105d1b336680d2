//! Starting an emulator and talking to it.

use std::time::Duration;

use pc_emulator::{
    DEFAULT_APP_USER_TOKEN, DEFAULT_RESELLER_ID, Emulator, EmulatorConfig, RunningEmulator,
};
use reqwest::{RequestBuilder, Response, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

/// An emulator and a client.
pub(crate) struct Env {
    pub(crate) emu: RunningEmulator,
    pub(crate) http: reqwest::Client,
}

/// The default configuration, with vetting decided at once.
pub(crate) fn config() -> EmulatorConfig {
    EmulatorConfig::default().with_vetting_delay(Duration::ZERO)
}

/// A client that opens a new connection per request, so that a connection broken on purpose
/// never affects the next request.
pub(crate) fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .unwrap()
}

impl Env {
    pub(crate) async fn new() -> Self {
        Self::with(config()).await
    }

    pub(crate) async fn with(config: EmulatorConfig) -> Self {
        Self {
            emu: Emulator::start(config).await.unwrap(),
            http: client(),
        }
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.emu.url())
    }

    /// `GET` with the App+User token.
    pub(crate) fn get(&self, path: &str) -> RequestBuilder {
        self.http
            .get(self.url(path))
            .bearer_auth(DEFAULT_APP_USER_TOKEN)
    }

    /// `POST` of a JSON body with the App+User token and a new `MS-RequestId`.
    pub(crate) fn post(&self, path: &str, body: &Value) -> RequestBuilder {
        self.post_id(path, body, &Uuid::new_v4().to_string())
    }

    /// `POST` of a JSON body with the App+User token and the given `MS-RequestId`.
    pub(crate) fn post_id(&self, path: &str, body: &Value, request_id: &str) -> RequestBuilder {
        self.http
            .post(self.url(path))
            .bearer_auth(DEFAULT_APP_USER_TOKEN)
            .header("MS-RequestId", request_id)
            .json(body)
    }

    /// Creates a reseller's customer and returns its id.
    pub(crate) async fn create_customer(&self, domain: &str) -> String {
        let (status, body) = read(
            self.post("/v1/customers", &customer(domain))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body["id"].as_str().unwrap().to_owned()
    }
}

/// A valid request for a customer of the default reseller.
pub(crate) fn customer(domain: &str) -> Value {
    json!({
        "companyProfile": { "domain": domain },
        "billingProfile": {
            "email": "gena@example.com",
            "culture": "en-US",
            "language": "en",
            "companyName": "Wingtip Toys",
            "defaultAddress": {
                "country": "US", "city": "Redmond", "state": "WA",
                "addressLine1": "One Microsoft Way", "postalCode": "98052",
                "firstName": "Gena", "lastName": "Soto", "phoneNumber": "4255550101"
            }
        },
        "associatedPartnerId": DEFAULT_RESELLER_ID.to_string()
    })
}

/// A valid Microsoft Customer Agreement confirmation by `first_name`.
pub(crate) fn agreement(first_name: &str) -> Value {
    json!({
        "primaryContact": {
            "firstName": first_name, "lastName": "Carr",
            "email": "someone@example.com", "phoneNumber": "1234567890"
        },
        "templateId": pc_emulator::MCA_TEMPLATE_ID.to_string(),
        "dateAgreed": "2018-06-14T00:00:00.000Z",
        "type": "MicrosoftCustomerAgreement"
    })
}

/// Status and JSON body (`null` when the body is empty or not JSON).
pub(crate) async fn read(response: Response) -> (StatusCode, Value) {
    let status = response.status();
    let bytes = response.bytes().await.unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// Asserts a service error answer and returns its body.
pub(crate) async fn expect_error(response: Response, status: StatusCode, code: &str) -> Value {
    let (got, body) = read(response).await;
    assert_eq!(got, status, "{body}");
    let sent = match &body["code"] {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => panic!("no code in {other}"),
    };
    assert_eq!(sent, code, "{body}");
    assert!(
        body["description"].as_str().is_some_and(|d| !d.is_empty()),
        "{body}"
    );
    body
}
