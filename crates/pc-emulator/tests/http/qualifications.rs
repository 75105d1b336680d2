//! Qualifications, vetting and GCC validation codes.

use std::time::Duration;

use pc_emulator::{DEFAULT_GCC_VALIDATION_CODE, GccValidationCode, codes, vetting};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{Env, config, expect_error, read};

async fn qualify(env: &Env, id: &str, body: Value) -> (StatusCode, Value) {
    read(
        env.post(&format!("/v1/customers/{id}/qualifications"), &body)
            .send()
            .await
            .unwrap(),
    )
    .await
}

async fn list(env: &Env, id: &str) -> Value {
    let (status, body) = read(
        env.get(&format!("/v1/customers/{id}/qualifications"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    body
}

#[tokio::test]
async fn education_is_in_review_then_decided_with_both_date_spellings() {
    let env = Env::new().await;
    let id = env.create_customer("school.onmicrosoft.com").await;
    let (status, created) = qualify(
        &env,
        &id,
        json!({"qualification": "Education", "educationSegment": "K12", "website": "school.edu"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["vettingStatus"], "InReview");
    assert!(
        created["vettingCreateDate"]
            .as_str()
            .unwrap()
            .ends_with('Z')
    );
    assert!(created.get("vettingCreatedDate").is_none());
    let listed = list(&env, &id).await;
    assert!(listed.is_array(), "a bare array");
    assert_eq!(listed[0]["vettingStatus"], "Approved");
    assert_eq!(
        listed[0]["vettingCreatedDate"],
        created["vettingCreateDate"]
    );
    assert!(listed[0].get("vettingCreateDate").is_none());
    // pc-model reads both answers.
    let _: pc_model::Qualification = serde_json::from_value(created).unwrap();
    let _: Vec<pc_model::Qualification> = serde_json::from_value(listed).unwrap();
}

#[tokio::test]
async fn the_vetting_rule_chooses_the_outcome() {
    let env = Env::new().await;
    let denied = env.create_customer("denyschool.onmicrosoft.com").await;
    qualify(
        &env,
        &denied,
        json!({"qualification": "Education", "educationSegment": "HigherEducation"}),
    )
    .await;
    let by_site = env.create_customer("college.onmicrosoft.com").await;
    qualify(&env, &by_site, json!({"qualification": "Education", "educationSegment": "K12", "website": "deny.example.edu"})).await;
    let pending = env.create_customer("pendingtown.onmicrosoft.com").await;
    qualify(&env, &pending, json!({"qualification": "GovernmentCommunityCloud", "validationCode": DEFAULT_GCC_VALIDATION_CODE})).await;
    for (id, status, reason) in [
        (&denied, "Denied", Some(vetting::EDUCATION_DENIAL_REASON)),
        (&by_site, "Denied", Some(vetting::EDUCATION_DENIAL_REASON)),
        (&pending, "InReview", None),
    ] {
        let q = &list(&env, id).await[0];
        assert_eq!(q["vettingStatus"], status, "{q}");
        assert_eq!(q["vettingReason"].as_str(), reason, "{q}");
    }
}

#[tokio::test]
async fn vetting_waits_for_the_configured_delay() {
    let env = Env::with(config().with_vetting_delay(Duration::from_secs(3600))).await;
    let id = env.create_customer("slow.onmicrosoft.com").await;
    qualify(
        &env,
        &id,
        json!({"qualification": "Education", "educationSegment": "K12"}),
    )
    .await;
    assert_eq!(list(&env, &id).await[0]["vettingStatus"], "InReview");
}

#[tokio::test]
async fn state_owned_entity_has_no_vetting_and_kinds_are_not_duplicated() {
    let env = Env::new().await;
    let id = env.create_customer("state.onmicrosoft.com").await;
    let (status, created) = qualify(&env, &id, json!({"Qualification": "StateOwnedEntity"})).await;
    assert_eq!(
        (status, created),
        (
            StatusCode::CREATED,
            json!({"qualification": "StateOwnedEntity"})
        )
    );
    let again = env
        .post(
            &format!("/v1/customers/{id}/qualifications"),
            &json!({"qualification": "StateOwnedEntity"}),
        )
        .send()
        .await
        .unwrap();
    expect_error(again, StatusCode::CONFLICT, codes::QUALIFICATION_EXISTS).await;
    qualify(
        &env,
        &id,
        json!({"qualification": "Education", "educationSegment": "K12"}),
    )
    .await;
    let listed = list(&env, &id).await;
    assert_eq!(
        listed,
        json!([
            {"qualification": "StateOwnedEntity"},
            {"qualification": "Education", "vettingStatus": "Approved", "vettingCreatedDate": listed[1]["vettingCreatedDate"]}
        ])
    );
    let state = env.emu.state();
    assert_eq!(state.qualifications.values().next().unwrap().len(), 2);
}

#[tokio::test]
async fn gcc_codes_are_used_up() {
    let env = Env::with(config().with_gcc_validation_codes([GccValidationCode::new(
        "777",
        "City of Contoso",
        2,
    )]))
    .await;
    let codes_now = |env: &Env| {
        let request = env.get("/v1/customers/all/validations").send();
        async move { read(request.await.unwrap()).await.1 }
    };
    let before = codes_now(&env).await;
    assert_eq!(before[0]["validationId"], "777");
    assert_eq!(before[0]["remainingCreates"], 2);
    assert_eq!(before[0]["maxCreates"], 2);
    let gcc = json!({"qualification": "GovernmentCommunityCloud", "validationCode": "777"});
    for n in 0..2 {
        let id = env
            .create_customer(&format!("city{n}.onmicrosoft.com"))
            .await;
        assert_eq!(qualify(&env, &id, gcc.clone()).await.0, StatusCode::CREATED);
    }
    let after = codes_now(&env).await;
    assert_eq!(after[0]["remainingCreates"], 0);
    assert_ne!(after[0]["eTag"], before[0]["eTag"]);
    let id = env.create_customer("city9.onmicrosoft.com").await;
    let path = format!("/v1/customers/{id}/qualifications");
    expect_error(
        env.post(&path, &gcc).send().await.unwrap(),
        StatusCode::BAD_REQUEST,
        codes::VALIDATION_CODE_EXHAUSTED,
    )
    .await;
    let unknown = json!({"qualification": "GovernmentCommunityCloud", "validationCode": "000"});
    expect_error(
        env.post(&path, &unknown).send().await.unwrap(),
        StatusCode::BAD_REQUEST,
        codes::VALIDATION_CODE_UNKNOWN,
    )
    .await;
    assert_eq!(
        env.emu.state().validation_codes[0].remaining_creates,
        Some(0)
    );
}

#[tokio::test]
async fn impossible_requests_are_400_and_unknown_customers_404() {
    let env = Env::new().await;
    let id = env.create_customer("odd.onmicrosoft.com").await;
    let path = format!("/v1/customers/{id}/qualifications");
    for body in [
        json!({"qualification": "None"}),
        json!({"qualification": "Nonprofit"}),
        json!({"qualification": "Education"}),
        json!({"qualification": "GovernmentCommunityCloud", "validationCode": "12 34"}),
        json!({"qualification": "StateOwnedEntity", "website": "x.gov"}),
        json!([]),
    ] {
        expect_error(
            env.post(&path, &body).send().await.unwrap(),
            StatusCode::BAD_REQUEST,
            codes::INVALID_INPUT,
        )
        .await;
    }
    let unknown = "/v1/customers/626099fe-17af-4756-9fd0-6a73b7127859/qualifications";
    expect_error(
        env.post(unknown, &json!({"qualification": "StateOwnedEntity"}))
            .send()
            .await
            .unwrap(),
        StatusCode::NOT_FOUND,
        codes::TENANT_NOT_FOUND,
    )
    .await;
    assert!(env.emu.state().qualifications.values().all(Vec::is_empty));
}

#[tokio::test]
async fn a_refused_gcc_qualification_uses_up_nothing_and_the_longest_delay_is_served() {
    // The longest vetting delay accepted: the deadline is computed without overflowing.
    let env = Env::with(config().with_vetting_delay(pc_emulator::MAX_DURATION)).await;
    let remaining = |env: &Env| env.emu.state().validation_codes[0].remaining_creates;
    let start = remaining(&env);
    let gcc = json!({"qualification": "GovernmentCommunityCloud", "validationCode": DEFAULT_GCC_VALIDATION_CODE});
    let unknown = "/v1/customers/626099fe-17af-4756-9fd0-6a73b7127859/qualifications";
    expect_error(
        env.post(unknown, &gcc).send().await.unwrap(),
        StatusCode::NOT_FOUND,
        codes::TENANT_NOT_FOUND,
    )
    .await;
    let id = env.create_customer("citydelay.onmicrosoft.com").await;
    let bad = json!({"qualification": "GovernmentCommunityCloud", "validationCode": "12 34"});
    let (status, _) = qualify(&env, &id, bad).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(remaining(&env), start, "refused before anything was stored");
    let (status, created) = qualify(&env, &id, gcc.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["vettingStatus"], "InReview");
    assert_eq!(list(&env, &id).await[0]["vettingStatus"], "InReview");
    let used_once = remaining(&env);
    assert_eq!(used_once, start.map(|n| n - 1));
    // A second GCC qualification for the customer is refused and uses up nothing.
    let (status, _) = qualify(&env, &id, gcc).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(remaining(&env), used_once);
    assert_eq!(
        env.emu.state().qualifications[&id.parse().unwrap()].len(),
        1
    );
}

/// A key given twice is refused, whichever of the two values would have been taken; nothing is
/// created.
#[tokio::test]
async fn duplicate_and_unknown_keys_are_refused() {
    let env = Env::new().await;
    let id = env.create_customer("dupkeys.onmicrosoft.com").await;
    let path = format!("/v1/customers/{id}/qualifications");
    for (body, data) in [
        (
            r#"{"qualification":"Education","educationSegment":"K12","educationSegment":"HigherEducation"}"#,
            "/educationSegment: is given twice; a key may appear only once",
        ),
        (
            r#"{"qualification":"StateOwnedEntity","Qualification":"Education"}"#,
            "/qualification: is given twice; a key may appear only once",
        ),
        (
            r#"{"qualification":"StateOwnedEntity","note":"x"}"#,
            "/note: unknown field; expected one of qualification, educationSegment, website, validationCode",
        ),
        (
            r#"["StateOwnedEntity"]"#,
            "/: invalid type: sequence, expected a qualification request object",
        ),
    ] {
        let response = env
            .http
            .post(env.url(&path))
            .bearer_auth(pc_emulator::DEFAULT_APP_USER_TOKEN)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        let e = expect_error(response, StatusCode::BAD_REQUEST, codes::INVALID_INPUT).await;
        assert_eq!(e["data"][0], data, "{body}");
    }
    assert!(list(&env, &id).await.as_array().unwrap().is_empty());
}
