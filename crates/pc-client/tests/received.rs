//! What a partner's own test does: run onboarding code against the emulator and snapshot what
//! the emulator received (the README shows the same test).

#![allow(clippy::unwrap_used)]

mod common;

use chrono::{TimeZone, Utc};
use pc_emulator::DEFAULT_RESELLER_ID;
use pc_emulator::fault::ScriptedFault;
use pc_model::{CreateQualificationRequest, EducationSegment};

use common::{client, contact, new_customer, quick_config, start};

#[tokio::test]
async fn what_the_onboarding_sent_is_snapshotted_retries_included() {
    let emulator = start(quick_config()).await;
    // The first create gets a 503: the snapshot shows the retry with the same MS-RequestId.
    emulator.script_faults([ScriptedFault::new(
        "POST",
        "/v1/customers",
        "503".parse().unwrap(),
    )]);
    let (client, _) = client(&emulator);
    let customer = client
        .create_customer_for_reseller(DEFAULT_RESELLER_ID, new_customer("snapshot"))
        .await
        .unwrap();
    let id = customer.tenant_id().unwrap();
    let agreed = Utc.with_ymd_and_hms(2024, 5, 1, 9, 0, 0).unwrap();
    client
        .confirm_customer_agreement(id, contact(), agreed)
        .await
        .unwrap();
    client
        .create_qualification(
            id,
            CreateQualificationRequest::education(EducationSegment::K12),
        )
        .await
        .unwrap();

    let received = emulator.received();
    assert_eq!(received.requests.len(), 5, "{received:#?}");
    insta::assert_json_snapshot!(received);
}
