//! Agreement metadata, confirmations and their list.

use pc_emulator::{
    CLOUD_AGREEMENT_TEMPLATE_ID, DEFAULT_APP_ONLY_TOKEN, DEFAULT_USER_ID, MCA_TEMPLATE_ID, codes,
};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{Env, agreement, expect_error, read};

#[tokio::test]
async fn metadata_defaults_to_the_cloud_agreement() {
    let env = Env::new().await;
    let get = |query: &'static str| env.get(&format!("/v1/agreements{query}")).send();
    let (status, absent) = read(get("").await.unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        absent["items"][0]["agreementType"],
        "MicrosoftCloudAgreement"
    );
    assert_eq!(
        absent["items"][0]["templateId"],
        CLOUD_AGREEMENT_TEMPLATE_ID.to_string()
    );
    let (_, mca) = read(
        get("?agreementType=MicrosoftCustomerAgreement")
            .await
            .unwrap(),
    )
    .await;
    let metadata: pc_model::Collection<pc_model::AgreementMetadata> =
        serde_json::from_value(mca).unwrap();
    let current = pc_model::current_template(
        &metadata.items,
        &pc_model::AgreementType::MicrosoftCustomerAgreement,
    )
    .unwrap();
    assert_eq!(current.template_id, Some(MCA_TEMPLATE_ID));
    assert_eq!(
        read(get("?agreementType=*").await.unwrap()).await.1["totalCount"],
        2
    );
    assert_eq!(
        read(get("?agreementType=Other").await.unwrap()).await.1["totalCount"],
        0
    );
}

#[tokio::test]
async fn confirm_list_and_refuse_duplicates() {
    let env = Env::new().await;
    let id = env.create_customer("agree.onmicrosoft.com").await;
    let path = format!("/v1/customers/{id}/agreements");
    let (status, created) = read(env.post(&path, &agreement("Tania")).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["userId"], DEFAULT_USER_ID.to_string());
    assert_eq!(created["type"], "MicrosoftCustomerAgreement");
    assert_eq!(created["primaryContact"]["firstName"], "Tania");

    // The same contact again: 600061 exactly as documented (code as a number).
    let (status, duplicate) =
        read(env.post(&path, &agreement("Tania")).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let documented: Value = serde_json::from_str(
        pc_model::fixtures::ALL
            .iter()
            .find(|f| f.name == "error-600061.docs.json")
            .unwrap()
            .json,
    )
    .unwrap();
    assert_eq!(duplicate, documented);

    // A changed contact (phone) is a new record.
    let mut changed = agreement("Tania");
    changed["primaryContact"]["phoneNumber"] = json!("0987654321");
    assert_eq!(
        env.post(&path, &changed).send().await.unwrap().status(),
        StatusCode::CREATED
    );

    let (status, list) = read(
        env.http
            .get(env.url(&path))
            .bearer_auth(DEFAULT_APP_ONLY_TOKEN)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    // Without agreementType the service lists only MicrosoftCloudAgreement records (Microsoft's
    // "get confirmation of customer agreement" page): the two confirmations are not among them.
    assert_eq!(list["totalCount"], 0, "{list}");
    let all = read(
        env.get(&format!("{path}?agreementType=*"))
            .send()
            .await
            .unwrap(),
    )
    .await
    .1;
    assert_eq!(all["totalCount"], 2);
    let filtered = read(
        env.get(&format!("{path}?agreementType=MicrosoftCustomerAgreement"))
            .send()
            .await
            .unwrap(),
    )
    .await
    .1;
    assert_eq!(filtered["totalCount"], 2);
    let other = read(
        env.get(&format!("{path}?agreementType=MicrosoftCloudAgreement"))
            .send()
            .await
            .unwrap(),
    )
    .await
    .1;
    assert_eq!(other["totalCount"], 0);
    let state = env.emu.state();
    assert_eq!(state.agreements.values().map(Vec::len).sum::<usize>(), 2);
    assert_eq!(state.counters.agreements_created, 2);
}

#[tokio::test]
async fn future_dates_wrong_templates_and_unknown_customers_are_refused() {
    let env = Env::new().await;
    let id = env.create_customer("refuse.onmicrosoft.com").await;
    let path = format!("/v1/customers/{id}/agreements");
    let mut future = agreement("Tania");
    future["dateAgreed"] = json!("2999-01-01T00:00:00Z");
    let e = expect_error(
        env.post(&path, &future).send().await.unwrap(),
        StatusCode::BAD_REQUEST,
        codes::INVALID_FOR_OPERATION,
    )
    .await;
    assert!(e["description"].as_str().unwrap().contains("future"));
    let mut cloud = agreement("Tania");
    cloud["templateId"] = json!(CLOUD_AGREEMENT_TEMPLATE_ID.to_string());
    expect_error(
        env.post(&path, &cloud).send().await.unwrap(),
        StatusCode::BAD_REQUEST,
        codes::INVALID_INPUT,
    )
    .await;
    let mut blank = agreement(" ");
    blank["primaryContact"]["email"] = json!("not-an-email");
    let e = expect_error(
        env.post(&path, &blank).send().await.unwrap(),
        StatusCode::BAD_REQUEST,
        codes::INVALID_INPUT,
    )
    .await;
    assert_eq!(e["data"].as_array().unwrap().len(), 2, "{e}");
    let unknown = "/v1/customers/626099fe-17af-4756-9fd0-6a73b7127859/agreements";
    expect_error(
        env.post(unknown, &agreement("Tania")).send().await.unwrap(),
        StatusCode::NOT_FOUND,
        codes::TENANT_NOT_FOUND,
    )
    .await;
    expect_error(
        env.get(unknown).send().await.unwrap(),
        StatusCode::NOT_FOUND,
        codes::TENANT_NOT_FOUND,
    )
    .await;
    assert!(env.emu.state().agreements.values().all(Vec::is_empty));
}
