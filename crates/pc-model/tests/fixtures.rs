//! Every documented and recorded payload decodes into its type; re-serializing it gives the
//! committed snapshot (camelCase, `None` left out, one date field for qualifications).

#![allow(clippy::unwrap_used)]

use pc_model::ItemList;
use pc_model::QualificationsEnvelope;
use pc_model::fixtures::{ALL, Fixture};
use pc_model::operation::BodyRef;
use pc_model::{
    Agreement, AgreementMetadata, Collection, CreateAgreementRequest, CreateCustomerRequest,
    CreateQualificationRequest, Customer, Qualification, ServiceError, ThrottlingError, Validate,
    ValidationCode, ValidationContext,
};
use serde_json::Value;

/// Decodes a fixture into the type of its body and writes it back as JSON.
fn round_trip(f: &Fixture) -> Value {
    fn go<T: serde::de::DeserializeOwned + serde::Serialize>(f: &Fixture) -> (T, Value) {
        let value: T =
            pc_model::json::from_str(f.json).unwrap_or_else(|e| panic!("{}: {e}", f.name));
        let json = serde_json::to_value(&value).unwrap();
        (value, json)
    }
    // Requests must also pass validation (at a time after every documented date).
    let ctx = ValidationContext::at(chrono::Utc::now());
    match f.body {
        BodyRef::CustomerCreateRequest => {
            let (v, j) = go::<CreateCustomerRequest>(f);
            v.validate_with(&ctx)
                .unwrap_or_else(|e| panic!("{}: {e}", f.name));
            j
        }
        BodyRef::AgreementCreateRequest => {
            let (v, j) = go::<CreateAgreementRequest>(f);
            v.validate_with(&ctx)
                .unwrap_or_else(|e| panic!("{}: {e}", f.name));
            j
        }
        BodyRef::QualificationCreateRequest => {
            let (v, j) = go::<CreateQualificationRequest>(f);
            v.validate_with(&ctx)
                .unwrap_or_else(|e| panic!("{}: {e}", f.name));
            j
        }
        BodyRef::Customer => go::<Customer>(f).1,
        BodyRef::CustomerCollection => go::<Collection<Customer>>(f).1,
        BodyRef::Agreement => go::<Agreement>(f).1,
        BodyRef::AgreementCollection => go::<Collection<Agreement>>(f).1,
        BodyRef::AgreementMetadataCollection => go::<Collection<AgreementMetadata>>(f).1,
        BodyRef::Qualification => go::<Qualification>(f).1,
        BodyRef::QualificationsEnvelope => go::<QualificationsEnvelope>(f).1,
        BodyRef::QualificationList => go::<ItemList<Qualification>>(f).1,
        BodyRef::ValidationCodeList => go::<ItemList<ValidationCode>>(f).1,
        BodyRef::Error => go::<ServiceError>(f).1,
        BodyRef::ThrottlingError => go::<ThrottlingError>(f).1,
    }
}

#[test]
fn every_fixture_round_trips_to_its_snapshot() {
    for f in ALL {
        let json = round_trip(f);
        let name = f.name.trim_end_matches(".json");
        insta::with_settings!({ sort_maps => true }, {
            insta::assert_json_snapshot!(name, json, {
                ".userCredentials.password" => "[secret]"
            });
        });
    }
}

#[test]
fn every_file_in_the_fixture_folder_is_listed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json"))
        .collect();
    on_disk.sort();
    let listed: Vec<&str> = ALL.iter().map(|f| f.name).collect();
    assert_eq!(on_disk, listed);
}

#[test]
fn the_net_sdk_body_reads_into_the_canonical_request() {
    let f = ALL
        .iter()
        .find(|f| f.name == "customer-create-indirect.request.docs.json")
        .unwrap();
    let req: CreateCustomerRequest = serde_json::from_str(f.json).unwrap();
    assert_eq!(
        req.company_profile.domain,
        "WingtipToys678152504.onmicrosoft.com"
    );
    assert_eq!(req.billing_profile.culture, "EN-US");
    assert_eq!(req.billing_profile.default_address.address_line2, None);
    assert_eq!(
        req.associated_partner_id
            .map(|id| id.to_string())
            .as_deref(),
        Some("484e548c-f5f3-4528-93a9-c16c6373cb59")
    );
    // Written back, it is camelCase with nothing the service would refuse.
    let out = serde_json::to_value(&req).unwrap();
    assert!(out.get("userCredentials").is_none() && out.get("UserCredentials").is_none());
    assert!(
        out["billingProfile"]["defaultAddress"]
            .get("addressLine2")
            .is_none()
    );
}

#[test]
fn the_admin_password_never_shows_in_debug() {
    for f in ALL.iter().filter(|f| f.body == BodyRef::Customer) {
        let c: Customer = serde_json::from_str(f.json).unwrap();
        let password = c
            .user_credentials
            .as_ref()
            .unwrap()
            .password
            .as_ref()
            .unwrap();
        assert_eq!(password.expose(), "0Krha*Io");
        for shown in [format!("{c:?}"), format!("{c:#?}"), format!("{password}")] {
            assert!(!shown.contains("0Krha*Io"), "{shown}");
        }
    }
}
