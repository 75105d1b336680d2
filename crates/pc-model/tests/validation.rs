//! What `validate()` rejects, with the JSON pointer of the wire field.

#![allow(clippy::unwrap_used)]

use chrono::{TimeZone, Utc};
use pc_model::json::parse_request;

use pc_model::{
    AddressRequest, BillingProfileRequest, CompanyProfileRequest, ContactRequest, CountryCode,
    CreateAgreementRequest, CreateCustomerRequest, CreateQualificationRequest,
    RegistrationNumberCountries, TemplateId, Validate, ValidationContext, ViolationCode,
    Violations,
};

fn customer(country: &str) -> CreateCustomerRequest {
    let address = AddressRequest::new(country.parse().unwrap())
        .with_address_line1("1 Main Street")
        .with_first_name("Gena")
        .with_last_name("Soto");
    CreateCustomerRequest::new(
        CompanyProfileRequest::new("contoso.onmicrosoft.com"),
        BillingProfileRequest::new(address)
            .with_email("gena@contoso.com")
            .with_culture("en-US")
            .with_language("en")
            .with_company_name("Contoso"),
    )
}

fn pointers(v: &Violations) -> Vec<(&str, ViolationCode)> {
    v.iter().map(|v| (v.pointer.as_str(), v.code)).collect()
}

const REG: &str = "/companyProfile/organizationRegistrationNumber";
const PHONE: &str = "/billingProfile/defaultAddress/phoneNumber";

#[test]
fn registration_number_and_phone_for_each_listed_country() {
    // The documentation's list, written out here so that the default list is checked against it.
    let listed = [
        "AM", "AZ", "BY", "HU", "KZ", "KG", "MD", "RU", "TJ", "UZ", "UA", "IN", "BR", "ZA", "PL",
        "AE", "SA", "TR", "TH", "VN", "MM", "IQ", "SS", "VE", "CN",
    ];
    let default: Vec<String> = RegistrationNumberCountries::default()
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect();
    let mut sorted = listed.map(str::to_owned).to_vec();
    sorted.sort();
    assert_eq!(default, sorted);
    for country in listed {
        // Neither given: both reported, at once.
        let err = customer(country).validate().unwrap_err();
        assert_eq!(
            pointers(&err),
            [
                (PHONE, ViolationCode::RequiredForCountry),
                (REG, ViolationCode::RequiredForCountry)
            ],
            "{country}"
        );
        assert!(err.to_string().contains(country), "{country}: {err}");

        // Blank counts as missing.
        let mut blank = customer(country);
        blank.company_profile.organization_registration_number = Some("  ".into());
        blank.billing_profile.default_address.phone_number = Some("".into());
        assert_eq!(blank.validate().unwrap_err().len(), 2, "{country}");

        // Both given: valid.
        let mut ok = customer(country);
        ok.company_profile.organization_registration_number = Some("7707083893".into());
        ok.billing_profile.default_address.phone_number = Some("+7 495 123 45 67".into());
        assert_eq!(ok.validate(), Ok(()), "{country}");
    }
}

#[test]
fn other_countries_need_neither() {
    for country in [
        "US", "GB", "DE", "FR", "JP", "CA", "AU", "MX", "KR", "XK", "GE", "LT",
    ] {
        assert_eq!(customer(country).validate(), Ok(()), "{country}");
    }
}

#[test]
fn the_country_list_is_data() {
    let us = CountryCode::new("US").unwrap();
    let ctx = ValidationContext::default()
        .with_registration_number_countries(RegistrationNumberCountries::new([us]));
    assert_eq!(customer("US").validate_with(&ctx).unwrap_err().len(), 2);
    assert_eq!(customer("RU").validate_with(&ctx), Ok(()));
}

#[test]
fn every_field_rule_is_reported_at_once_with_wire_pointers() {
    let mut req = customer("US");
    req.company_profile.domain = "contoso.com".into();
    req.billing_profile.email = "nobody".into();
    req.billing_profile.culture = "english".into();
    req.billing_profile.language = "eng".into();
    req.billing_profile.company_name = " ".into();
    let a = &mut req.billing_profile.default_address;
    a.address_line1 = "x".repeat(201);
    a.address_line2 = Some("y".repeat(201));
    a.first_name = "".into();
    a.last_name = "é".repeat(51);
    let err = req.validate().unwrap_err();
    assert_eq!(
        pointers(&err),
        [
            ("/billingProfile/companyName", ViolationCode::Required),
            ("/billingProfile/culture", ViolationCode::Culture),
            (
                "/billingProfile/defaultAddress/addressLine1",
                ViolationCode::Length
            ),
            (
                "/billingProfile/defaultAddress/addressLine2",
                ViolationCode::Length
            ),
            (
                "/billingProfile/defaultAddress/firstName",
                ViolationCode::Required
            ),
            (
                "/billingProfile/defaultAddress/lastName",
                ViolationCode::Length
            ),
            ("/billingProfile/email", ViolationCode::Email),
            ("/billingProfile/language", ViolationCode::Language),
            ("/companyProfile/domain", ViolationCode::Domain),
        ]
    );
    let last_name = err.at("/billingProfile/defaultAddress/lastName").unwrap();
    assert_eq!(
        last_name.message,
        "must be at most 50 characters long (is 51)"
    );
}

#[test]
fn boundaries_are_inclusive() {
    let mut req = customer("US");
    req.company_profile.domain = format!("{}.onmicrosoft.com", "a1".repeat(13) + "z");
    assert_eq!(req.company_profile.domain.len(), 27 + 16);
    let a = &mut req.billing_profile.default_address;
    a.address_line1 = "字".repeat(200);
    a.address_line2 = Some(String::new());
    a.first_name = "Ż".repeat(50);
    a.last_name = "L".into();
    req.billing_profile.culture = "sr-latn-RS".into();
    req.billing_profile.language = "En".into();
    assert_eq!(req.validate(), Ok(()));
}

#[test]
fn agreement_rules() {
    let now = Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap();
    let ctx = ValidationContext::at(now);
    let template: TemplateId = "117a77b0-9360-443b-8795-c6dedc750cf9".parse().unwrap();
    let ok = CreateAgreementRequest::new(
        ContactRequest::new("someone@example.com")
            .with_first_name("Tania")
            .with_last_name("Carr"),
        template,
        now,
    );
    assert_eq!(
        ok.validate_with(&ctx),
        Ok(()),
        "now itself is not in the future"
    );

    let mut bad = ok.clone();
    bad.date_agreed = now + chrono::Duration::milliseconds(1);
    bad.primary_contact.first_name = "".into();
    bad.primary_contact.last_name = "\t".into();
    bad.primary_contact.email = "someone@".into();
    let err = bad.validate_with(&ctx).unwrap_err();
    assert_eq!(
        pointers(&err),
        [
            ("/dateAgreed", ViolationCode::FutureDate),
            ("/primaryContact/email", ViolationCode::Email),
            ("/primaryContact/firstName", ViolationCode::Required),
            ("/primaryContact/lastName", ViolationCode::Required),
        ]
    );
}

#[test]
fn qualification_rules() {
    let ctx = ValidationContext::default();
    assert!(
        CreateQualificationRequest::government_community_cloud("123456")
            .validate_with(&ctx)
            .is_ok()
    );
    for (code, expected) in [
        ("", ViolationCode::Required),
        ("12 34", ViolationCode::Whitespace),
        (" ", ViolationCode::Whitespace),
    ] {
        let err = CreateQualificationRequest::government_community_cloud(code)
            .validate_with(&ctx)
            .unwrap_err();
        assert_eq!(pointers(&err), [("/validationCode", expected)], "{code:?}");
    }
}

#[test]
fn json_bodies_report_decode_problems_with_pointers() {
    let ctx = ValidationContext::default();
    let cases: &[(&str, &str, ViolationCode)] = &[
        (
            r#"{"qualification":"Education"}"#,
            "/educationSegment",
            ViolationCode::Required,
        ),
        (
            r#"{"qualification":"None"}"#,
            "/qualification",
            ViolationCode::InvalidValue,
        ),
        (
            r#"{"qualification":"StateOwnedEntity","validationCode":"1"}"#,
            "/validationCode",
            ViolationCode::InvalidValue,
        ),
        (
            r#"{"qualification":"GovernmentCommunityCloud","validationCode":7}"#,
            "/validationCode",
            ViolationCode::InvalidType,
        ),
        (
            r#"{"qualification":"#,
            "/qualification",
            ViolationCode::Syntax,
        ),
        (r#"[1, 2]"#, "", ViolationCode::InvalidType),
        (
            r#"{"qualification":"StateOwnedEntity"} {}"#,
            "",
            ViolationCode::Syntax,
        ),
    ];
    for (body, pointer, code) in cases {
        let err = parse_request::<CreateQualificationRequest>(body.as_bytes(), &ctx).unwrap_err();
        assert_eq!(pointers(&err), [(*pointer, *code)], "{body}");
    }
    let err = parse_request::<CreateCustomerRequest>(
        br#"{"companyProfile":{"domain":"a.onmicrosoft.com"},"billingProfile":{"email":"a@b.c","culture":"en-US","language":"en","companyName":"A","defaultAddress":{"country":"usa","addressLine1":"1","firstName":"a","lastName":"b"}}}"#,
        &ctx,
    )
    .unwrap_err();
    assert_eq!(
        pointers(&err),
        [(
            "/billingProfile/defaultAddress/country",
            ViolationCode::InvalidValue
        )]
    );
    assert!(err.to_string().contains("ISO 3166-1"), "{err}");
}

/// A valid create-customer body, as JSON, to break one key at a time.
fn customer_json() -> serde_json::Value {
    serde_json::to_value(customer("US")).unwrap()
}

fn violations_of<T: serde::de::DeserializeOwned + Validate + std::fmt::Debug>(
    body: &str,
) -> Violations {
    parse_request::<T>(body.as_bytes(), &ValidationContext::default()).unwrap_err()
}

#[test]
fn unknown_and_misspelt_keys_are_refused_at_their_pointer() {
    let mut body = customer_json();
    body["companyProfile"]["organisationRegistrationNumber"] = "7707083893".into();
    let err = violations_of::<CreateCustomerRequest>(&body.to_string());
    assert_eq!(
        err.to_string(),
        "/companyProfile/organisationRegistrationNumber: unknown field; did you mean organizationRegistrationNumber?"
    );
    assert_eq!(err.iter().next().unwrap().code, ViolationCode::UnknownField);

    // Not a direct customer by accident: a key in the wrong case is not the reseller's id.
    let mut body = customer_json();
    body["associatedpartnerid"] = "484e548c-f5f3-4528-93a9-c16c6373cb59".into();
    let err = violations_of::<CreateCustomerRequest>(&body.to_string());
    assert_eq!(
        err.to_string(),
        "/associatedpartnerid: unknown field; did you mean associatedPartnerId?"
    );

    // A field in the wrong object: nothing close at that level, so the list of what is.
    let mut body = customer_json();
    body["organizationRegistrationNumber"] = "7707083893".into();
    let err = violations_of::<CreateCustomerRequest>(&body.to_string());
    assert_eq!(
        err.to_string(),
        "/organizationRegistrationNumber: unknown field; expected one of companyProfile, billingProfile, associatedPartnerId, enableGDAPByDefault"
    );

    let err = violations_of::<CreateQualificationRequest>(
        r#"{"qualification":"Education","educationSegment":"K12","webiste":"contoso.edu"}"#,
    );
    assert_eq!(
        err.to_string(),
        "/webiste: unknown field; did you mean website?"
    );
    let err = violations_of::<CreateAgreementRequest>(
        r#"{"primaryContact":{"firstName":"T","lastName":"C","email":"t@c.com","phone":"1"},"templateId":"117a77b0-9360-443b-8795-c6dedc750cf9","dateAgreed":"2018-06-14T00:00:00Z"}"#,
    );
    assert_eq!(err.iter().next().unwrap().pointer, "/primaryContact/phone");
}

#[test]
fn pascal_case_and_the_net_sdks_resource_fields_are_read() {
    let mut body = customer_json();
    body["companyProfile"]["Domain"] = body["companyProfile"]["domain"].take();
    body["companyProfile"]
        .as_object_mut()
        .unwrap()
        .remove("domain");
    for (key, value) in [
        ("Id", serde_json::Value::Null),
        ("UserCredentials", serde_json::Value::Null),
        ("RelationshipToPartner", "none".into()),
        ("Attributes", serde_json::json!({"ObjectType": "Customer"})),
    ] {
        body[key] = value;
    }
    let ctx = ValidationContext::default();
    let read = parse_request::<CreateCustomerRequest>(body.to_string().as_bytes(), &ctx).unwrap();
    assert_eq!(read, customer("US"));

    // A password is refused, in either spelling; so is a service-set field with a value.
    body["UserCredentials"] = serde_json::json!({"Password": "chosen"});
    let err = violations_of::<CreateCustomerRequest>(&body.to_string());
    assert_eq!(err.iter().next().unwrap().pointer, "/UserCredentials");
    assert!(err.to_string().contains("must not be sent"), "{err}");
    body["UserCredentials"] = serde_json::Value::Null;
    body["userCredentials"] = serde_json::json!({"password": "chosen"});
    let err = violations_of::<CreateCustomerRequest>(&body.to_string());
    assert_eq!(
        pointers(&err),
        [("/userCredentials", ViolationCode::UnknownField)]
    );
    body.as_object_mut().unwrap().remove("userCredentials");
    body["CommerceId"] = "x".into();
    let err = violations_of::<CreateCustomerRequest>(&body.to_string());
    assert_eq!(err.iter().next().unwrap().pointer, "/CommerceId");
}

#[test]
fn arrays_are_not_request_bodies() {
    let positional = r#"[{"domain":"contoso.onmicrosoft.com"},{"email":"a@b.com","culture":"en-US","language":"en","companyName":"C","defaultAddress":{"country":"US","addressLine1":"1","firstName":"a","lastName":"b"}}]"#;
    let err = violations_of::<CreateCustomerRequest>(positional);
    assert_eq!(pointers(&err), [("", ViolationCode::InvalidType)]);
    assert!(
        err.to_string()
            .contains("expected a create-customer request object"),
        "{err}"
    );
    let mut body = customer_json();
    body["billingProfile"]["defaultAddress"] =
        serde_json::json!(["US", null, null, null, "1", null, null, "a", "b", null]);
    let err = violations_of::<CreateCustomerRequest>(&body.to_string());
    assert_eq!(
        pointers(&err),
        [("/billingProfile/defaultAddress", ViolationCode::InvalidType)]
    );
    let err = violations_of::<CreateAgreementRequest>(
        r#"[["T","C","t@c.com",null],"117a77b0-9360-443b-8795-c6dedc750cf9","2018-06-14T00:00:00Z","MicrosoftCustomerAgreement"]"#,
    );
    assert_eq!(pointers(&err), [("", ViolationCode::InvalidType)]);
}

#[test]
fn a_key_given_twice_is_refused_at_that_key_in_every_request_type() {
    let text = customer_json().to_string();
    let twice = text.replacen(
        r#""domain":"contoso.onmicrosoft.com""#,
        r#""domain":"contoso.onmicrosoft.com","domain":"fabrikam.onmicrosoft.com""#,
        1,
    );
    let err = violations_of::<CreateCustomerRequest>(&twice);
    assert_eq!(
        pointers(&err),
        [("/companyProfile/domain", ViolationCode::DuplicateField)]
    );
    let spelt_twice = text.replacen(r#""email""#, r#""Email":"x@y.com","email""#, 1);
    let err = violations_of::<CreateCustomerRequest>(&spelt_twice);
    assert_eq!(
        pointers(&err),
        [("/billingProfile/email", ViolationCode::DuplicateField)]
    );
    for body in [
        r#"{"qualification":"GovernmentCommunityCloud","validationCode":"1","validationCode":"2"}"#,
        r#"{"qualification":"GovernmentCommunityCloud","validationCode":"1","ValidationCode":"1"}"#,
        r#"{"qualification":"GovernmentCommunityCloud","validationCode":null,"validationCode":"2"}"#,
    ] {
        let err = violations_of::<CreateQualificationRequest>(body);
        assert_eq!(
            pointers(&err),
            [("/validationCode", ViolationCode::DuplicateField)],
            "{body}"
        );
    }
    // The .NET SDK's resource fields too, though they are ignored.
    let sdk_twice = text.replacen(
        '{',
        r#"{"Attributes":{"ObjectType":"Customer"},"Attributes":{},"#,
        1,
    );
    let err = violations_of::<CreateCustomerRequest>(&sdk_twice);
    assert_eq!(
        pointers(&err),
        [("/Attributes", ViolationCode::DuplicateField)]
    );
    let err = violations_of::<CreateAgreementRequest>(
        r#"{"primaryContact":{"firstName":"T","lastName":"C","email":"t@c.com"},"templateId":"117a77b0-9360-443b-8795-c6dedc750cf9","dateAgreed":"2018-06-14T00:00:00Z","dateAgreed":"2018-06-15T00:00:00Z"}"#,
    );
    assert_eq!(
        pointers(&err),
        [("/dateAgreed", ViolationCode::DuplicateField)]
    );
}

/// Whether `$ty` implements `$bound`, answered at compile time by the concrete type: the
/// inherent `IMPLS` exists only when the bound holds and then wins over the trait's `false`.
macro_rules! implements {
    ($ty:ty: $($bound:tt)+) => {{
        struct Probe<T: ?Sized>(std::marker::PhantomData<T>);
        #[allow(dead_code)] // one of the two `IMPLS` is unused
        trait Otherwise {
            const IMPLS: bool = false;
        }
        impl<T: ?Sized> Otherwise for Probe<T> {}
        impl<T: ?Sized + $($bound)+> Probe<T> {
            #[allow(dead_code)]
            const IMPLS: bool = true;
        }
        <Probe<$ty>>::IMPLS
    }};
}

/// validator checks the field rules inside the crate; its traits are not on the public types,
/// where they would list on the documentation pages and make `.validate()` ambiguous.
#[test]
fn request_types_implement_no_validator_trait() {
    // The probe sees a derived impl.
    #[derive(validator::Validate)]
    struct Derived {
        #[validate(length(max = 1))]
        _text: String,
    }
    assert!(implements!(Derived: validator::Validate));
    assert!(implements!(Derived: for<'a> validator::ValidateArgs<'a>));

    macro_rules! assert_none {
        ($($ty:ty),+) => {$(
            assert!(!implements!($ty: validator::Validate), stringify!($ty));
            assert!(!implements!($ty: for<'a> validator::ValidateArgs<'a>), stringify!($ty));
        )+};
    }
    assert_none!(
        CreateCustomerRequest,
        CompanyProfileRequest,
        BillingProfileRequest,
        AddressRequest,
        CreateAgreementRequest,
        ContactRequest,
        CreateQualificationRequest,
        pc_model::EducationQualification,
        pc_model::GovernmentCommunityCloudQualification
    );
}

#[test]
fn validate_is_ours_with_validators_trait_in_scope() {
    #[allow(unused_imports)] // in scope on purpose: it must not make `.validate()` ambiguous
    use validator::Validate as _;
    let ours: Result<(), Violations> = customer("US").validate();
    assert!(ours.is_ok());
    let mut broken = customer("US");
    broken.billing_profile.email = "not an email".into();
    let violations: Violations = broken.validate().unwrap_err();
    assert_eq!(
        pointers(&violations),
        [("/billingProfile/email", ViolationCode::Email)]
    );
}
