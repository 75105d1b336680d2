//! The onboarding flow against the emulator, through the real token path.

#![allow(clippy::unwrap_used)]

mod common;

use chrono::Utc;
use pc_client::{DomainAvailability, ErrorKind};
use pc_emulator::fault::{Fault, FaultKind, ScriptedFault};
use pc_emulator::{DEFAULT_RESELLER_ID, MCA_TEMPLATE_ID};
use pc_model::{
    AgreementType, CreateQualificationRequest, EducationSegment, QualificationKind,
    RelationshipToPartner, VettingStatus,
};

use common::{client, contact, new_customer, quick_config, start};

#[tokio::test]
async fn a_reseller_customer_is_onboarded_end_to_end() {
    let emulator = start(quick_config()).await;
    let (client, rotations) = client(&emulator);

    let domain = "wingtiptoys.onmicrosoft.com";
    let check = client.check_domain(domain).await.unwrap();
    assert_eq!(check.value, DomainAvailability::Available);

    let created = client
        .create_customer_for_reseller(DEFAULT_RESELLER_ID, new_customer("wingtiptoys"))
        .await
        .unwrap();
    assert_eq!(created.status, 201);
    assert!(!created.reconciled);
    assert_eq!(
        created.relationship_to_partner,
        Some(RelationshipToPartner::Reseller)
    );
    assert_eq!(created.associated_partner_id, Some(DEFAULT_RESELLER_ID));
    let password = created
        .user_credentials
        .as_ref()
        .and_then(|c| c.password.as_ref())
        .unwrap();
    assert!(!password.is_empty());
    assert!(!format!("{created:?}").contains(password.expose()));
    let id = created.tenant_id().unwrap();
    assert_eq!(
        client.check_domain(domain).await.unwrap().value,
        DomainAvailability::Taken
    );

    let read = client.wait_for_customer(id).await.unwrap();
    assert_eq!(read.domain(), Some(domain));

    let agreement = client
        .confirm_customer_agreement(id, contact(), Utc::now())
        .await
        .unwrap();
    assert_eq!(agreement.status, 201);
    assert_eq!(agreement.template_id, Some(MCA_TEMPLATE_ID));
    // Confirming it again on a first attempt: the agreement existed before the call, a typed
    // outcome, not reconciled.
    let again = client
        .confirm_customer_agreement(id, contact(), Utc::now())
        .await
        .unwrap_err();
    assert_eq!(again.kind(), ErrorKind::Service, "{again:?}");
    assert_eq!(again.code(), Some("600061"));
    assert!(again.already_exists());
    assert_eq!(again.existing(), Some(pc_client::Existing::Agreement));
    assert!(!again.may_have_applied() && !again.is_local());

    let education = client
        .create_qualification(
            id,
            CreateQualificationRequest::education_with_website(
                EducationSegment::HigherEducation,
                "wingtip.edu",
            ),
        )
        .await
        .unwrap();
    assert_eq!(education.qualification, Some(QualificationKind::Education));
    assert!(education.vetting_created_date.is_some());

    let mut seen = Vec::new();
    let vetted = client
        .wait_for_vetting(id, QualificationKind::Education)
        .on_change(|q| seen.push(q.vetting_status.clone()))
        .await
        .unwrap();
    assert_eq!(vetted.vetting_status, Some(VettingStatus::Approved));
    assert_eq!(seen.last(), Some(&Some(VettingStatus::Approved)));

    let codes = client.validation_codes().await.unwrap();
    let code = codes.value[0].validation_id.clone().unwrap();
    let remaining = codes.value[0].remaining_creates.unwrap();
    let gcc = client
        .create_qualification(
            id,
            CreateQualificationRequest::government_community_cloud(code),
        )
        .await
        .unwrap();
    assert_eq!(
        gcc.qualification,
        Some(QualificationKind::GovernmentCommunityCloud)
    );
    let codes = client.validation_codes().await.unwrap();
    assert_eq!(codes.value[0].remaining_creates, Some(remaining - 1));

    let agreements = client
        .list_agreements(id, Some(AgreementType::MicrosoftCustomerAgreement))
        .await
        .unwrap();
    assert_eq!(agreements.items.len(), 1);
    let qualifications = client.list_qualifications(id).await.unwrap();
    let kinds: Vec<_> = qualifications
        .iter()
        .filter_map(|q| q.qualification.clone())
        .collect();
    assert_eq!(
        kinds,
        [
            QualificationKind::Education,
            QualificationKind::GovernmentCommunityCloud
        ]
    );

    // One token redemption served every call, and its rotated refresh token was handed back.
    let state = emulator.state();
    assert_eq!(state.counters.token_requests, 1);
    assert_eq!(rotations.lock().unwrap().len(), 1);
    emulator.shutdown().await;
}

#[tokio::test]
async fn invalid_bodies_are_refused_before_anything_is_sent() {
    let emulator = start(quick_config()).await;
    let (client, _) = client(&emulator);
    let mut request = new_customer("contoso");
    request.billing_profile.default_address.country = "RU".parse().unwrap();
    request.billing_profile.email = "nobody".into();
    let before = emulator.state().counters.requests;
    let err = client.create_customer(request).await.unwrap_err();
    assert!(err.is_validation() && err.is_local(), "{err}");
    let pointers: Vec<&str> = err
        .violations()
        .unwrap()
        .iter()
        .map(|v| v.pointer.as_str())
        .collect();
    assert_eq!(
        pointers,
        [
            "/billingProfile/email",
            "/companyProfile/organizationRegistrationNumber"
        ]
    );
    assert!(
        client
            .check_domain("a/b")
            .await
            .unwrap_err()
            .is_validation()
    );
    assert_eq!(emulator.state().counters.requests, before);
}

#[tokio::test]
async fn agreement_confirmation_is_refused_locally_outside_the_public_cloud() {
    let emulator = start(quick_config()).await;
    for cloud in [pc_model::Cloud::UsGovernment, pc_model::Cloud::China] {
        let client = pc_client::Client::builder(pc_transport::StaticToken::new(
            pc_emulator::DEFAULT_APP_USER_TOKEN,
        ))
        .cloud(cloud)
        .base_url(emulator.url())
        .build()
        .unwrap();
        let id = pc_model::CustomerTenantId::new_v4();
        let err = client
            .confirm_customer_agreement(id, contact(), Utc::now())
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotAvailableInCloud, "{err:?}");
        assert_eq!(err.not_available_in(), Some(cloud));
        assert!(err.is_local() && !err.may_have_been_sent());
        assert!(err.to_string().contains("not available"), "{err}");
    }
    assert_eq!(emulator.state().counters.requests, 0);
}

/// The three writes, each interrupted after the change was made, with the service's replay off:
/// the retry fails (domain taken, 600061, qualification exists) and the client reads back.
#[tokio::test]
async fn writes_lost_after_the_change_are_reconciled_without_replay() {
    let emulator = start(quick_config().with_replay(false)).await;
    let (client, _) = client(&emulator);
    let close_after = Fault::after(FaultKind::CloseConnection);

    emulator.script_faults([ScriptedFault::new("POST", "/v1/customers", close_after)]);
    let created = client
        .create_customer_for_reseller(DEFAULT_RESELLER_ID, new_customer("lostcreate"))
        .await
        .unwrap();
    assert!(created.reconciled, "{created:?}");
    assert_eq!(created.domain(), Some("lostcreate.onmicrosoft.com"));
    // The attempts are the create's (lost, then refused as a taken domain), not the read-back's;
    // the emulator's record shows the two creates and the search that found the customer.
    assert_eq!(created.attempts, 2);
    let received: Vec<(String, Option<String>)> = emulator
        .received()
        .requests
        .into_iter()
        .map(|r| (format!("{} {}", r.method, r.path), r.outcome))
        .collect();
    let outcome = |o: &str| Some(o.to_owned());
    assert_eq!(
        received,
        [
            ("POST /v1/customers".to_owned(), outcome("close-after")),
            ("POST /v1/customers".to_owned(), outcome("handled")),
            ("GET /v1/customers".to_owned(), outcome("handled")),
        ]
    );
    let id = created.tenant_id().unwrap();

    emulator.script_faults([ScriptedFault::new(
        "POST",
        "/v1/customers/*/agreements",
        close_after,
    )]);
    let agreement = client
        .confirm_customer_agreement(id, contact(), Utc::now())
        .await
        .unwrap();
    assert!(agreement.reconciled);
    assert_eq!(agreement.attempts, 2);
    assert_eq!(
        agreement.primary_contact.as_ref().unwrap().email.as_deref(),
        Some("tania@wingtiptoys.com")
    );

    emulator.script_faults([ScriptedFault::new(
        "POST",
        "/v1/customers/*/qualifications",
        close_after,
    )]);
    let q = client
        .create_qualification(id, CreateQualificationRequest::StateOwnedEntity)
        .await
        .unwrap();
    assert!(q.reconciled);
    assert_eq!(q.attempts, 2);
    assert_eq!(q.qualification, Some(QualificationKind::StateOwnedEntity));

    let state = emulator.state();
    assert_eq!(
        state
            .customers_with_domain("lostcreate.onmicrosoft.com")
            .len(),
        1
    );
    assert_eq!(state.agreements[&id].len(), 1);
    assert_eq!(state.qualifications[&id].len(), 1);
}

/// With replay on, the retry gets the first answer again: nothing to reconcile, and the new
/// admin password is not lost.
#[tokio::test]
async fn writes_lost_after_the_change_are_replayed_with_replay_on() {
    let emulator = start(quick_config()).await;
    let (client, _) = client(&emulator);
    emulator.script_faults([ScriptedFault::new(
        "POST",
        "/v1/customers",
        Fault::after(FaultKind::CloseConnection),
    )]);
    let created = client
        .create_customer(new_customer("replayed"))
        .await
        .unwrap();
    assert!(!created.reconciled);
    assert_eq!(created.attempts, 2);
    assert!(
        created
            .user_credentials
            .as_ref()
            .unwrap()
            .password
            .is_some()
    );
    assert_eq!(emulator.state().counters.replays, 1);
}

/// A domain another partner took is not mistaken for ours when a retried create finds it taken.
#[tokio::test]
async fn a_domain_taken_by_another_partner_stays_an_error() {
    let other_tenant = uuid::Uuid::from_u128(42);
    let config = quick_config().with_replay(false).with_fixed_token(
        pc_emulator::FixedToken::new("other-partner", pc_emulator::AccessKind::AppAndUser)
            .for_tenant(other_tenant),
    );
    let emulator = start(config).await;
    let other = pc_client::Client::builder(pc_transport::StaticToken::new("other-partner"))
        .base_url(emulator.url())
        .build()
        .unwrap();
    other
        .create_customer(new_customer("firstcome"))
        .await
        .unwrap();

    // Our first attempt is cut off before it reaches the service; the retry finds the domain
    // taken; the search of our customers does not find it: the 409 stands.
    let (client, _) = client(&emulator);
    emulator.script_faults([ScriptedFault::new(
        "POST",
        "/v1/customers",
        Fault::before(FaultKind::CloseConnection),
    )]);
    let err = client
        .create_customer(new_customer("firstcome"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(409), "{err}");
    assert!(err.earlier_attempt_may_have_applied());
    assert!(err.already_exists());
    assert_eq!(err.existing(), Some(pc_client::Existing::Domain));
    assert_eq!(
        emulator
            .state()
            .customers_with_domain("firstcome.onmicrosoft.com")
            .len(),
        1
    );
}

#[tokio::test]
async fn the_agreement_template_is_fetched_once_per_client() {
    let emulator = start(quick_config()).await;
    let (client, _) = client(&emulator);
    let clone = client.clone();
    let (a, b) = tokio::join!(
        client.customer_agreement_template(),
        clone.customer_agreement_template()
    );
    assert_eq!(a.unwrap(), MCA_TEMPLATE_ID);
    assert_eq!(b.unwrap(), MCA_TEMPLATE_ID);
    let before = emulator.state().counters.requests;
    client.customer_agreement_template().await.unwrap();
    assert_eq!(emulator.state().counters.requests, before);
}

#[test]
fn the_client_is_cheap_to_share_across_tasks() {
    fn shareable<T: Send + Sync + Clone + 'static>() {}
    shareable::<pc_client::Client>();
}

/// Validation can be skipped per call: the invalid body is sent, and the service's own check
/// answers (the emulator's 600049 for a missing registration number).
#[tokio::test]
async fn skipping_validation_sends_the_body_anyway() {
    let emulator = start(quick_config()).await;
    let (client, _) = client(&emulator);
    let mut request = new_customer("unchecked");
    request.billing_profile.default_address.country = "RU".parse().unwrap();
    let local = client.create_customer(request.clone()).await.unwrap_err();
    assert!(local.is_local());
    let remote = client
        .create_customer(request)
        .skip_validation()
        .await
        .unwrap_err();
    assert!(!remote.is_local());
    assert_eq!(remote.status(), Some(400), "{remote}");
    assert_eq!(remote.code(), Some("600049"), "{remote}");
    assert!(remote.request_id().is_some() && remote.correlation_id().is_some());
}

/// A custom country list and the transport's clock both reach validation: "now" is the
/// injected clock's, not the system's.
#[tokio::test]
async fn validation_uses_the_client_country_list_and_the_transport_clock() {
    let emulator = start(quick_config()).await;
    let in_2020 = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_577_836_800);
    let us = pc_model::CountryCode::new("US").unwrap();
    let client = pc_client::Client::builder(pc_transport::StaticToken::new(
        pc_emulator::DEFAULT_APP_USER_TOKEN,
    ))
    .base_url(emulator.url())
    .registration_number_countries(pc_model::RegistrationNumberCountries::new([us]))
    .transport(|t| {
        t.clock(std::sync::Arc::new(pc_transport::ManualClock::starting_at(
            in_2020,
        )))
    })
    .build()
    .unwrap();
    let err = client
        .create_customer(new_customer("usregistered"))
        .await
        .unwrap_err();
    let pointers: Vec<&str> = err
        .violations()
        .unwrap()
        .iter()
        .map(|v| v.pointer.as_str())
        .collect();
    assert_eq!(pointers, ["/companyProfile/organizationRegistrationNumber"]);

    let today = Utc::now();
    let err = client
        .confirm_agreement(
            pc_model::CustomerTenantId::new_v4(),
            pc_model::CreateAgreementRequest::new(contact(), MCA_TEMPLATE_ID, today),
        )
        .await
        .unwrap_err();
    assert_eq!(
        err.violations().unwrap().iter().next().unwrap().code,
        pc_model::ViolationCode::FutureDate
    );
    assert_eq!(emulator.state().counters.requests, 0);
}

/// A client whose credential gives App-only tokens (client credentials) is refused the
/// operations that need App+User before anything is sent, with an error naming the token kind;
/// the operations App-only tokens may make still go through.
#[tokio::test]
async fn app_only_credentials_are_refused_app_and_user_operations_before_sending() {
    let emulator = start(quick_config()).await;
    let credential = pc_transport::ClientCredentials::new(
        pc_emulator::DEFAULT_PARTNER_TENANT_ID.to_string(),
        pc_emulator::DEFAULT_CLIENT_ID,
        pc_emulator::DEFAULT_CLIENT_SECRET,
    )
    .with_authority(pc_transport::Authority::custom(emulator.token_authority()).unwrap());
    let client = pc_client::Client::builder(credential)
        .base_url(emulator.url())
        .build()
        .unwrap();
    let customer = pc_model::CustomerTenantId::new_v4();
    let refusals = [
        client
            .create_customer_for_reseller(DEFAULT_RESELLER_ID, new_customer("apponly"))
            .await
            .unwrap_err(),
        client
            .confirm_customer_agreement(customer, contact(), Utc::now())
            .await
            .unwrap_err(),
        client
            .create_qualification(customer, CreateQualificationRequest::StateOwnedEntity)
            .await
            .unwrap_err(),
        client.validation_codes().await.unwrap_err(),
    ];
    for err in &refusals {
        assert!(err.is_local() && !err.may_have_been_sent(), "{err:?}");
        assert!(
            err.to_string()
                .contains("needs an App+User token (the secure application model)"),
            "{err}"
        );
    }
    assert_eq!(emulator.state().counters.token_requests, 0);
    assert_eq!(emulator.state().counters.requests, 0);

    // A direct customer may be created with an App-only token.
    let direct = client
        .create_customer(new_customer("apponlydirect"))
        .await
        .unwrap();
    assert_eq!(direct.status, 201);
}

/// The read-backs the client runs after an ambiguous write are public: get-or-create is one
/// call before the create, and a resumed write is settled by the same read.
#[tokio::test]
async fn the_read_backs_are_public() {
    let emulator = start(quick_config()).await;
    let (client, _) = client(&emulator);
    let domain = "getorcreate.onmicrosoft.com";
    let none = client
        .find_customer(domain, Some(DEFAULT_RESELLER_ID))
        .await
        .unwrap();
    assert_eq!(none.value, None);
    assert!(!none.reconciled);
    let created = client
        .create_customer_for_reseller(DEFAULT_RESELLER_ID, new_customer("getorcreate"))
        .await
        .unwrap();
    let id = created.tenant_id().unwrap();
    // Any case; a customer of another reseller is not ours.
    let found = client
        .find_customer("GetOrCreate.onmicrosoft.com", Some(DEFAULT_RESELLER_ID))
        .await
        .unwrap();
    assert_eq!(found.value.as_ref().and_then(|c| c.tenant_id()), Some(id));
    let other = "11111111-2222-3333-4444-555555555555".parse().unwrap();
    let theirs = client.find_customer(domain, Some(other)).await.unwrap();
    assert_eq!(theirs.value, None);
    assert!(
        client
            .find_customer("", None)
            .await
            .unwrap_err()
            .is_validation()
    );

    let request = CreateQualificationRequest::education(EducationSegment::K12);
    let write = pc_model::operations::CreateQualification {
        customer: id,
        body: request.clone(),
    };
    let before = client.read_back(write.clone()).await.unwrap();
    assert_eq!(before.value, None);
    assert!(!before.reconciled);
    client.create_qualification(id, request).await.unwrap();
    let after = client.read_back(write).await.unwrap();
    assert_eq!(
        after.value.as_ref().and_then(|q| q.qualification.clone()),
        Some(QualificationKind::Education)
    );
    assert!(after.reconciled);
    // Requesting it again: the service says it exists, whatever its code.
    let again = client
        .create_qualification(
            id,
            CreateQualificationRequest::education(EducationSegment::K12),
        )
        .await
        .unwrap_err();
    assert!(again.already_exists(), "{again:?}");
    assert_eq!(again.existing(), Some(pc_client::Existing::Qualification));
    assert!(!again.is_not_found());
}
