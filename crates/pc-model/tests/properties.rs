//! Property tests: valid bodies round-trip and validate; one broken rule is reported at its
//! pointer; arbitrary JSON never makes a decoder panic.

#![allow(clippy::unwrap_used)]

use pc_model::ItemList;
use pc_model::json::{self, parse_request};
use pc_model::testing::{
    Broken, arbitrary_json, broken_agreement_request, broken_customer_request,
    broken_qualification_request, reference_now, to_pascal, valid_agreement_request,
    valid_customer_request, valid_qualification_request,
};
use pc_model::{
    Agreement, AgreementMetadata, Collection, CreateAgreementRequest, CreateCustomerRequest,
    CreateQualificationRequest, Customer, ErrorBody, Qualification, ServiceError, ThrottlingError,
    Validate, ValidationContext, ViolationCode,
};
use proptest::prelude::*;

fn ctx() -> ValidationContext {
    ValidationContext::at(reference_now())
}

fn round_trips<T>(value: &T) -> Result<(), TestCaseError>
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug + Validate,
{
    let text = serde_json::to_string(value).unwrap();
    let back: T = json::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
    prop_assert_eq!(&back, value);
    prop_assert_eq!(value.validate_with(&ctx()), Ok(()));
    // PascalCase reads the same.
    let pascal = to_pascal(serde_json::from_str(&text).unwrap());
    let back: T = serde_json::from_value(pascal.clone())
        .map_err(|e| TestCaseError::fail(format!("{e}\n{pascal}")))?;
    prop_assert_eq!(&back, value);
    Ok(())
}

fn fails_at<T: serde::de::DeserializeOwned + Validate>(b: &Broken) -> Result<(), TestCaseError> {
    let bytes = serde_json::to_vec(&b.body).unwrap();
    match parse_request::<T>(&bytes, &ctx()) {
        Ok(_) => Err(TestCaseError::fail(format!(
            "{} accepted: {}",
            b.rule, b.body
        ))),
        Err(violations) => {
            let got: Vec<(&str, ViolationCode)> = violations
                .iter()
                .map(|v| (v.pointer.as_str(), v.code))
                .collect();
            prop_assert_eq!(got, vec![(b.pointer, b.code)], "{}: {}", b.rule, b.body);
            Ok(())
        }
    }
}

fn never_panics<T: serde::de::DeserializeOwned>(bytes: &[u8]) {
    let _ = json::from_slice::<T>(bytes);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn valid_customers_round_trip_and_validate(req in valid_customer_request()) {
        round_trips::<CreateCustomerRequest>(&req)?;
    }

    #[test]
    fn valid_agreements_round_trip_and_validate(req in valid_agreement_request()) {
        round_trips::<CreateAgreementRequest>(&req)?;
    }

    #[test]
    fn valid_qualifications_round_trip_and_validate(req in valid_qualification_request()) {
        round_trips::<CreateQualificationRequest>(&req)?;
    }

    #[test]
    fn a_broken_customer_fails_at_its_pointer(b in broken_customer_request()) {
        fails_at::<CreateCustomerRequest>(&b)?;
    }

    #[test]
    fn a_broken_agreement_fails_at_its_pointer(b in broken_agreement_request()) {
        fails_at::<CreateAgreementRequest>(&b)?;
    }

    #[test]
    fn a_broken_qualification_fails_at_its_pointer(b in broken_qualification_request()) {
        fails_at::<CreateQualificationRequest>(&b)?;
    }

    #[test]
    fn arbitrary_json_never_panics_a_decoder(v in arbitrary_json()) {
        let bytes = serde_json::to_vec(&v).unwrap();
        never_panics::<Customer>(&bytes);
        never_panics::<Agreement>(&bytes);
        never_panics::<Collection<Agreement>>(&bytes);
        never_panics::<Collection<AgreementMetadata>>(&bytes);
        never_panics::<Qualification>(&bytes);
        never_panics::<ItemList<Qualification>>(&bytes);
        never_panics::<ItemList<pc_model::ValidationCode>>(&bytes);
        never_panics::<ServiceError>(&bytes);
        never_panics::<ThrottlingError>(&bytes);
        never_panics::<CreateCustomerRequest>(&bytes);
        never_panics::<CreateAgreementRequest>(&bytes);
        never_panics::<CreateQualificationRequest>(&bytes);
        let _ = ErrorBody::parse(&bytes);
        // Wrapped as the body of each list field too.
        for key in ["items", "qualifications", "userCredentials", "companyProfile"] {
            let wrapped = serde_json::to_vec(&serde_json::json!({ key: v.clone() })).unwrap();
            never_panics::<Customer>(&wrapped);
            never_panics::<Collection<Agreement>>(&wrapped);
            never_panics::<ItemList<Qualification>>(&wrapped);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic_a_decoder(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        never_panics::<Customer>(&bytes);
        never_panics::<ItemList<Qualification>>(&bytes);
        never_panics::<CreateQualificationRequest>(&bytes);
        let _ = ErrorBody::parse(&bytes);
    }
}
