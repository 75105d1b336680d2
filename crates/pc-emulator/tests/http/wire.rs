//! The shapes of the answers, as snapshots: a change to what the emulator sends is a visible diff.

use pc_emulator::DEFAULT_GCC_VALIDATION_CODE;
use serde_json::{Value, json};

use crate::common::{Env, agreement, config, customer, read};

async fn get(env: &Env, path: &str) -> Value {
    read(env.get(path).send().await.unwrap()).await.1
}

#[tokio::test]
async fn answer_shapes() {
    let env = Env::with(config().with_rate_limit(Some(12))).await;
    let (_, created) = read(
        env.post("/v1/customers", &customer("shapes.onmicrosoft.com"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let id = created["id"].as_str().unwrap().to_owned();
    insta::assert_json_snapshot!("customer-created", created, {
        ".id" => "[guid]", ".commerceId" => "[guid]", ".companyProfile.tenantId" => "[guid]",
        ".companyProfile.links.self.uri" => "[uri]", ".billingProfile.id" => "[guid]",
        ".billingProfile.attributes.etag" => "[etag]", ".userCredentials.password" => "[password]",
    });
    let read_back = get(&env, &format!("/v1/customers/{id}")).await;
    assert!(read_back.get("userCredentials").is_none());

    let (_, agreed) = read(
        env.post(
            &format!("/v1/customers/{id}/agreements"),
            &agreement("Tania"),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    insta::assert_json_snapshot!("agreement-created", agreed);
    insta::assert_json_snapshot!(
        "agreement-metadata-mca",
        get(
            &env,
            "/v1/agreements?agreementType=MicrosoftCustomerAgreement"
        )
        .await
    );

    let path = format!("/v1/customers/{id}/qualifications");
    let (_, qualified) = read(env.post(&path, &json!({"qualification": "GovernmentCommunityCloud", "validationCode": DEFAULT_GCC_VALIDATION_CODE})).send().await.unwrap()).await;
    insta::assert_json_snapshot!("qualification-created", qualified, { ".vettingCreateDate" => "[date]" });
    env.post(&path, &json!({"qualification": "StateOwnedEntity"}))
        .send()
        .await
        .unwrap();
    insta::assert_json_snapshot!("qualifications-listed", get(&env, &path).await, { "[].vettingCreatedDate" => "[date]" });
    insta::assert_json_snapshot!("validation-codes", get(&env, "/v1/customers/all/validations").await, { "[].partnerId" => "[guid]" });

    let mut invalid = customer("bad.onmicrosoft.com");
    invalid["billingProfile"]["culture"] = json!("english");
    let (_, error) = read(env.post("/v1/customers", &invalid).send().await.unwrap()).await;
    insta::assert_json_snapshot!("error-invalid-input", error);
    let (_, unauthorized) =
        read(env.http.get(env.url("/v1/customers")).send().await.unwrap()).await;
    insta::assert_json_snapshot!("error-unauthorized", unauthorized);
    loop {
        let response = env.get("/v1/customers").send().await.unwrap();
        if response.status() == reqwest::StatusCode::TOO_MANY_REQUESTS {
            insta::assert_json_snapshot!("throttled", read(response).await.1, { ".message" => "[message]" });
            break;
        }
    }
}
