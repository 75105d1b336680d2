//! Proptest strategies for request bodies (feature `proptest`).
//!
//! The `valid_*` strategies generate bodies that pass [`Validate::validate_with`] at
//! [`reference_now`] with the default country list. The `broken_*` strategies take such a body,
//! write it as JSON and break exactly one rule, and say which [`Violation`](crate::Violation)
//! pointer and code must result. Our own property tests use them, and so does the differential
//! test that compares `validate()` with the published JSON Schemas; a rule JSON Schema cannot
//! express is marked `schema_expressible: false`.
//!
//! [`Validate::validate_with`]: crate::Validate::validate_with

use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::agreement::{ContactRequest, CreateAgreementRequest};
use crate::country::CountryCode;
use crate::customer::{
    AddressRequest, BillingProfileRequest, CompanyProfileRequest, CreateCustomerRequest,
};
use crate::ids::{ResellerTenantId, TemplateId};
use crate::qualification::{CreateQualificationRequest, EducationSegment};
use crate::validation::{DEFAULT_REGISTRATION_NUMBER_COUNTRIES, ViolationCode};

/// The "now" the generated agreement dates are valid against: 2026-01-01T00:00:00Z.
pub fn reference_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_else(Utc::now)
}

/// A body with one rule broken, and what validation must say about it.
#[derive(Debug, Clone)]
pub struct Broken {
    /// The body as JSON.
    pub body: Value,
    /// The pointer of the single expected violation.
    pub pointer: &'static str,
    /// Its code.
    pub code: ViolationCode,
    /// A short name of the broken rule.
    pub rule: &'static str,
    /// Whether JSON Schema can express the rule (false for "date not in the future").
    pub schema_expressible: bool,
}

fn text(min: usize, max: usize) -> impl Strategy<Value = String> {
    // Letters, digits, spaces and punctuation, starting with a letter (so never blank), with some
    // non-ASCII letters to exercise character (not byte) counting.
    let first = prop_oneof![
        8 => proptest::char::range('A', 'Z'),
        1 => Just('Ż'),
        1 => Just('é'),
    ];
    let rest = prop_oneof![
        6 => proptest::char::range('a', 'z'),
        1 => Just(' '),
        1 => proptest::char::range('0', '9'),
        1 => Just('-'),
        1 => Just('ł'),
        1 => Just('字'),
    ];
    (
        first,
        proptest::collection::vec(rest, min.saturating_sub(1)..max),
    )
        .prop_map(|(f, r)| std::iter::once(f).chain(r).collect())
}

fn exactly(n: usize) -> impl Strategy<Value = String> {
    text(n, n)
}

fn email() -> impl Strategy<Value = String> {
    (
        "[a-z][a-z0-9.]{0,8}[a-z0-9]",
        "[a-z]{1,10}",
        prop_oneof![Just("com"), Just("org"), Just("pl"), Just("co.uk")],
    )
        .prop_map(|(user, host, tld)| format!("{user}@{host}.{tld}"))
}

fn culture() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{2}-[A-Z]{2}",
        "[A-Z]{2}-[A-Z]{2}",
        "[a-z]{2}-[A-Z][a-z]{3}-[A-Z]{2}",
        Just("EN-US".to_owned()),
    ]
}

fn country() -> impl Strategy<Value = CountryCode> {
    let all: Vec<CountryCode> = CountryCode::all().collect();
    let listed: Vec<CountryCode> = DEFAULT_REGISTRATION_NUMBER_COUNTRIES
        .iter()
        .filter_map(|c| CountryCode::new(c).ok())
        .collect();
    prop_oneof![
        proptest::sample::select(all),
        proptest::sample::select(listed)
    ]
}

fn optional<S: Strategy>(s: S) -> impl Strategy<Value = Option<S::Value>> {
    proptest::option::of(s)
}

fn uuid() -> impl Strategy<Value = uuid::Uuid> {
    any::<u128>().prop_map(uuid::Uuid::from_u128)
}

/// Valid create-customer bodies, in every country, with and without the optional fields.
pub fn valid_customer_request() -> impl Strategy<Value = CreateCustomerRequest> {
    let address = (
        country(),
        prop_oneof![text(1, 60), exactly(200)],
        optional(prop_oneof![text(1, 60), exactly(200)]),
        optional(text(1, 30)),
        optional(text(1, 30)),
        optional("[0-9]{2}-?[0-9]{3}"),
        optional(text(1, 20)),
        prop_oneof![text(1, 20), exactly(50)],
        prop_oneof![text(1, 20), exactly(50)],
        optional("\\+?[0-9]{6,12}"),
    )
        .prop_map(
            |(country, l1, l2, city, state, postal, region, first, last, phone)| AddressRequest {
                country,
                region,
                city,
                state,
                address_line1: l1,
                address_line2: l2,
                postal_code: postal,
                first_name: first,
                last_name: last,
                phone_number: phone,
            },
        );
    let billing = (email(), culture(), "[A-Za-z]{2}", text(1, 40), address).prop_map(
        |(email, culture, language, company_name, default_address)| BillingProfileRequest {
            email,
            culture,
            language,
            company_name,
            default_address,
        },
    );
    (
        "[A-Za-z0-9]{1,27}",
        optional("[0-9A-Z]{6,14}"),
        billing,
        optional(uuid()),
        optional(any::<bool>()),
        "[0-9A-Z]{6,14}",
        "\\+?[0-9]{6,12}",
    )
        .prop_map(
            |(prefix, reg, mut billing, reseller, gdap, required_reg, required_phone)| {
                let mut company = CompanyProfileRequest::new(format!("{prefix}.onmicrosoft.com"));
                company.organization_registration_number = reg;
                let country = billing.default_address.country;
                if DEFAULT_REGISTRATION_NUMBER_COUNTRIES.contains(&country.as_str()) {
                    company
                        .organization_registration_number
                        .get_or_insert(required_reg);
                    billing
                        .default_address
                        .phone_number
                        .get_or_insert(required_phone);
                }
                let mut req = CreateCustomerRequest::new(company, billing);
                req.associated_partner_id = reseller.map(ResellerTenantId::new);
                req.enable_gdap_by_default = gdap;
                req
            },
        )
}

fn contact() -> impl Strategy<Value = ContactRequest> {
    (text(1, 30), text(1, 30), email(), optional("[0-9]{6,12}")).prop_map(|(f, l, e, p)| {
        ContactRequest {
            first_name: f,
            last_name: l,
            email: e,
            phone_number: p,
        }
    })
}

/// Valid confirmations, dated at or before [`reference_now`] (to the nanosecond).
pub fn valid_agreement_request() -> impl Strategy<Value = CreateAgreementRequest> {
    let now = reference_now();
    (
        contact(),
        uuid(),
        0i64..=10 * 365 * 86_400,
        0u32..1_000_000_000,
        any::<bool>(),
    )
        .prop_map(move |(contact, template, back, nanos, whole)| {
            let nanos = if whole { 0 } else { nanos };
            let date = now
                - chrono::Duration::seconds(back)
                - chrono::Duration::nanoseconds(i64::from(nanos));
            CreateAgreementRequest::new(contact, TemplateId::new(template), date)
        })
}

/// Valid qualification requests of every kind.
pub fn valid_qualification_request() -> impl Strategy<Value = CreateQualificationRequest> {
    let segment = prop_oneof![
        Just(EducationSegment::K12),
        Just(EducationSegment::HigherEducation)
    ];
    prop_oneof![
        (segment, optional("[a-z]{1,12}\\.(edu|ac\\.uk|org)")).prop_map(|(s, w)| match w {
            Some(w) => CreateQualificationRequest::education_with_website(s, w),
            None => CreateQualificationRequest::education(s),
        }),
        "[0-9A-Za-z]{1,12}".prop_map(CreateQualificationRequest::government_community_cloud),
        Just(CreateQualificationRequest::StateOwnedEntity),
    ]
}

fn to_json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

fn set(body: &mut Value, pointer: &str, value: Value) {
    if let Some(slot) = body.pointer_mut(pointer) {
        *slot = value;
    } else if let Some((parent, key)) = pointer.rsplit_once('/')
        && let Some(Value::Object(map)) = body.pointer_mut(parent)
    {
        map.insert(key.to_owned(), value);
    }
}

fn remove(body: &mut Value, pointer: &str) {
    if let Some((parent, key)) = pointer.rsplit_once('/')
        && let Some(Value::Object(map)) = body.pointer_mut(parent)
    {
        map.remove(key);
    }
}

fn broken(body: Value, pointer: &'static str, code: ViolationCode, rule: &'static str) -> Broken {
    Broken {
        body,
        pointer,
        code,
        rule,
        schema_expressible: true,
    }
}

/// Valid create-customer bodies with exactly one rule broken.
pub fn broken_customer_request() -> impl Strategy<Value = Broken> {
    let listed: Vec<&'static str> = DEFAULT_REGISTRATION_NUMBER_COUNTRIES.to_vec();
    (
        valid_customer_request(),
        0u8..16,
        proptest::sample::select(listed),
        exactly(201),
        exactly(51),
    )
        .prop_map(|(req, which, listed_country, long201, long51)| {
            let mut b = to_json(&req);
            const DOMAIN: &str = "/companyProfile/domain";
            const EMAIL: &str = "/billingProfile/email";
            const ADDR: &str = "/billingProfile/defaultAddress";
            match which {
                0 => {
                    set(&mut b, DOMAIN, json!("contoso.com"));
                    broken(b, DOMAIN, ViolationCode::Domain, "domain suffix")
                }
                1 => {
                    set(
                        &mut b,
                        DOMAIN,
                        json!(format!("{}.onmicrosoft.com", "a".repeat(28))),
                    );
                    broken(b, DOMAIN, ViolationCode::Domain, "domain prefix length")
                }
                2 => {
                    set(&mut b, DOMAIN, json!("con_toso.onmicrosoft.com"));
                    broken(b, DOMAIN, ViolationCode::Domain, "domain prefix characters")
                }
                3 => {
                    set(&mut b, EMAIL, json!("not-an-email"));
                    broken(b, EMAIL, ViolationCode::Email, "email")
                }
                4 => {
                    set(&mut b, "/billingProfile/culture", json!("english"));
                    broken(
                        b,
                        "/billingProfile/culture",
                        ViolationCode::Culture,
                        "culture",
                    )
                }
                5 => {
                    set(&mut b, "/billingProfile/language", json!("eng"));
                    broken(
                        b,
                        "/billingProfile/language",
                        ViolationCode::Language,
                        "language",
                    )
                }
                6 => {
                    set(&mut b, "/billingProfile/companyName", json!("   "));
                    broken(
                        b,
                        "/billingProfile/companyName",
                        ViolationCode::Required,
                        "company name blank",
                    )
                }
                7 => {
                    set(
                        &mut b,
                        "/billingProfile/defaultAddress/addressLine1",
                        json!(long201),
                    );
                    broken(
                        b,
                        "/billingProfile/defaultAddress/addressLine1",
                        ViolationCode::Length,
                        "address line 1 length",
                    )
                }
                8 => {
                    set(
                        &mut b,
                        "/billingProfile/defaultAddress/addressLine1",
                        json!(""),
                    );
                    broken(
                        b,
                        "/billingProfile/defaultAddress/addressLine1",
                        ViolationCode::Required,
                        "address line 1 blank",
                    )
                }
                9 => {
                    set(
                        &mut b,
                        "/billingProfile/defaultAddress/addressLine2",
                        json!(long201),
                    );
                    broken(
                        b,
                        "/billingProfile/defaultAddress/addressLine2",
                        ViolationCode::Length,
                        "address line 2 length",
                    )
                }
                10 => {
                    set(
                        &mut b,
                        "/billingProfile/defaultAddress/firstName",
                        json!(long51),
                    );
                    broken(
                        b,
                        "/billingProfile/defaultAddress/firstName",
                        ViolationCode::Length,
                        "first name length",
                    )
                }
                11 => {
                    set(
                        &mut b,
                        "/billingProfile/defaultAddress/lastName",
                        json!(" "),
                    );
                    broken(
                        b,
                        "/billingProfile/defaultAddress/lastName",
                        ViolationCode::Required,
                        "last name blank",
                    )
                }
                12 => {
                    set(
                        &mut b,
                        "/billingProfile/defaultAddress/country",
                        json!("XX"),
                    );
                    broken(
                        b,
                        "/billingProfile/defaultAddress/country",
                        ViolationCode::InvalidValue,
                        "country code",
                    )
                }
                13 => {
                    set(&mut b, &format!("{ADDR}/country"), json!(listed_country));
                    set(
                        &mut b,
                        &format!("{ADDR}/phoneNumber"),
                        json!("+48123456789"),
                    );
                    remove(&mut b, "/companyProfile/organizationRegistrationNumber");
                    broken(
                        b,
                        "/companyProfile/organizationRegistrationNumber",
                        ViolationCode::RequiredForCountry,
                        "registration number for country",
                    )
                }
                14 => {
                    set(&mut b, &format!("{ADDR}/country"), json!(listed_country));
                    set(
                        &mut b,
                        "/companyProfile/organizationRegistrationNumber",
                        json!("1234567890"),
                    );
                    remove(&mut b, &format!("{ADDR}/phoneNumber"));
                    broken(
                        b,
                        "/billingProfile/defaultAddress/phoneNumber",
                        ViolationCode::RequiredForCountry,
                        "phone for country",
                    )
                }
                _ => {
                    remove(&mut b, EMAIL);
                    broken(b, EMAIL, ViolationCode::Required, "missing email")
                }
            }
        })
}

/// Valid confirmations with exactly one rule broken.
pub fn broken_agreement_request() -> impl Strategy<Value = Broken> {
    (valid_agreement_request(), 0u8..7, 1i64..1_000_000).prop_map(|(req, which, ahead)| {
        let mut b = to_json(&req);
        match which {
            0 => {
                set(&mut b, "/primaryContact/firstName", json!(""));
                broken(
                    b,
                    "/primaryContact/firstName",
                    ViolationCode::Required,
                    "first name blank",
                )
            }
            1 => {
                set(&mut b, "/primaryContact/lastName", json!("  "));
                broken(
                    b,
                    "/primaryContact/lastName",
                    ViolationCode::Required,
                    "last name blank",
                )
            }
            2 => {
                set(
                    &mut b,
                    "/primaryContact/email",
                    json!("someone.example.com"),
                );
                broken(b, "/primaryContact/email", ViolationCode::Email, "email")
            }
            3 => {
                set(&mut b, "/templateId", json!("not-a-guid"));
                broken(b, "/templateId", ViolationCode::InvalidValue, "template id")
            }
            4 => {
                remove(&mut b, "/primaryContact/email");
                broken(
                    b,
                    "/primaryContact/email",
                    ViolationCode::Required,
                    "missing email",
                )
            }
            5 => {
                // Valid RFC 3339, but year 0 (or -1) once converted to UTC.
                let minutes = ahead % (24 * 60);
                let date = format!(
                    "0000-01-01T00:00:00+{:02}:{:02}",
                    minutes / 60,
                    minutes % 60
                );
                set(&mut b, "/dateAgreed", json!(date));
                Broken {
                    body: b,
                    pointer: "/dateAgreed",
                    code: ViolationCode::InvalidValue,
                    rule: "date outside the years 1 to 9999 in UTC",
                    schema_expressible: false,
                }
            }
            _ => {
                let future = reference_now() + chrono::Duration::seconds(ahead);
                set(&mut b, "/dateAgreed", json!(crate::time::format(&future)));
                Broken {
                    body: b,
                    pointer: "/dateAgreed",
                    code: ViolationCode::FutureDate,
                    rule: "date in the future",
                    schema_expressible: false,
                }
            }
        }
    })
}

/// Valid qualification requests with exactly one rule broken.
pub fn broken_qualification_request() -> impl Strategy<Value = Broken> {
    (valid_qualification_request(), 0u8..7, "[0-9]{1,5}").prop_map(|(req, which, digits)| {
        let mut b = to_json(&req);
        match which {
            0 => broken(
                json!({"qualification": "GovernmentCommunityCloud", "validationCode": format!("{digits} {digits}")}),
                "/validationCode",
                ViolationCode::Whitespace,
                "validation code whitespace",
            ),
            1 => broken(
                json!({"qualification": "GovernmentCommunityCloud", "validationCode": ""}),
                "/validationCode",
                ViolationCode::Required,
                "validation code empty",
            ),
            2 => broken(
                json!({"qualification": "Education"}),
                "/educationSegment",
                ViolationCode::Required,
                "education without segment",
            ),
            3 => broken(
                json!({"qualification": "Education", "educationSegment": "k12"}),
                "/educationSegment",
                ViolationCode::InvalidValue,
                "unknown segment",
            ),
            4 => {
                set(&mut b, "/qualification", json!(if digits.len() % 2 == 0 { "None" } else { "Nonprofit" }));
                broken(b, "/qualification", ViolationCode::InvalidValue, "unsettable qualification")
            }
            5 => broken(
                json!({"qualification": "StateOwnedEntity", "website": "contoso.gov"}),
                "/website",
                ViolationCode::InvalidValue,
                "field of another kind",
            ),
            _ => {
                remove(&mut b, "/qualification");
                broken(b, "/qualification", ViolationCode::Required, "missing qualification")
            }
        }
    })
}

/// Any JSON value, biased towards objects whose keys are field names of the onboarding API (in
/// camelCase and PascalCase), so decoders are driven deep into their fields.
pub fn arbitrary_json() -> impl Strategy<Value = Value> {
    const KEYS: &[&str] = &[
        "id",
        "Id",
        "companyProfile",
        "billingProfile",
        "defaultAddress",
        "userCredentials",
        "password",
        "relationshipToPartner",
        "items",
        "Items",
        "totalCount",
        "links",
        "self",
        "attributes",
        "qualification",
        "Qualification",
        "vettingStatus",
        "vettingCreateDate",
        "vettingCreatedDate",
        "dateAgreed",
        "templateId",
        "type",
        "primaryContact",
        "code",
        "Code",
        "isRetryable",
        "statusCode",
        "message",
        "qualifications",
        "agreementType",
        "versionRank",
        "maxCreates",
        "eTag",
        "tenantId",
        "associatedPartnerId",
        "country",
        "x",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        ".{0,12}".prop_map(Value::from),
        Just(json!("626099fe-17af-4756-9fd0-6a73b7127859")),
        Just(json!("2020-12-03T10:37:38.885Z")),
        Just(json!("2021-05-06T19:59:56.6832021+00:00")),
        Just(json!("Education")),
    ];
    leaf.prop_recursive(4, 48, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(
                prop_oneof![
                    proptest::sample::select(KEYS).prop_map(str::to_owned),
                    "[a-zA-Z]{1,8}"
                ],
                inner,
                0..8
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}
