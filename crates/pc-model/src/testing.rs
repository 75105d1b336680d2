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

// ---------------------------------------------------------------------------------------------
// Non-canonical bodies
// ---------------------------------------------------------------------------------------------

/// How a [`NonCanonical`] body departs from the canonical (camelCase, no `null`) one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum NonCanonicalKind {
    /// Every key in PascalCase, as the .NET SDK wrote them (with its `null` resource fields on a
    /// customer): accepted.
    PascalCase,
    /// A key no object of the body takes: refused.
    UnknownKey,
    /// A key misspelt (another case, two letters swapped, one dropped or doubled): refused.
    MisspeltKey,
    /// A field of the body in an object where it does not belong: refused.
    MisplacedField,
    /// `null` for an optional field: the verdict of the body without that field.
    NullOptional,
    /// An array (of the values) where an object belongs: refused.
    Array,
    /// A key given twice in one object: refused.
    DuplicateKey,
    /// A final newline in a string with a pattern: refused.
    TrailingNewline,
    /// A Unicode whitespace, control or byte-order-mark character in a string with a pattern or
    /// a non-blank rule: refused where the rule counts it (whitespace, control characters in
    /// patterned strings), accepted where it does not.
    UnicodeWhitespace,
}

impl NonCanonicalKind {
    /// Whether a JSON Schema validator can give the same verdict as `pc_model`'s reader on such
    /// a body. Two documented exceptions: PascalCase (the request schemas describe camelCase
    /// bodies; the reader also takes the .NET SDK's spellings) and duplicate keys (a JSON parser
    /// keeps one of the two values before any schema sees the body).
    pub fn schema_can_agree(self) -> bool {
        !matches!(self, Self::PascalCase | Self::DuplicateKey)
    }
}

/// A request body in a non-canonical form, and the verdict `pc_model` must give it.
#[derive(Debug, Clone)]
pub struct NonCanonical {
    /// The body as sent, as JSON text (a [`Value`] cannot hold a duplicate key).
    pub text: String,
    /// What was done to a valid canonical body.
    pub kind: NonCanonicalKind,
    /// Whether `pc_model::json::parse_request` must accept it (at [`reference_now`]).
    pub accepted: bool,
}

/// Where the fields of one request type are, for [`non_canonical`].
struct Shape {
    /// Optional fields (`/parent/key`).
    optional: &'static [&'static str],
    /// Strings with an end-anchored pattern, and whether the pattern refuses only whitespace and
    /// control characters (a validation code) rather than everything but a few classes.
    patterned: &'static [(&'static str, bool)],
    /// Strings that must not be blank.
    non_blank: &'static [&'static str],
    /// A field and a value to put where they do not belong (`/parent/key`).
    misplaced: &'static [(&'static str, &'static str)],
    /// The .NET SDK's resource fields to add to a PascalCase body (at the root).
    sdk_fields: &'static [(&'static str, &'static str)],
}

const CUSTOMER_SHAPE: Shape = Shape {
    optional: &[
        "/associatedPartnerId",
        "/enableGDAPByDefault",
        "/companyProfile/organizationRegistrationNumber",
        "/billingProfile/defaultAddress/region",
        "/billingProfile/defaultAddress/city",
        "/billingProfile/defaultAddress/state",
        "/billingProfile/defaultAddress/addressLine2",
        "/billingProfile/defaultAddress/postalCode",
        "/billingProfile/defaultAddress/phoneNumber",
    ],
    patterned: &[
        ("/companyProfile/domain", false),
        ("/billingProfile/culture", false),
        ("/billingProfile/language", false),
        ("/billingProfile/email", false),
    ],
    non_blank: &[
        "/billingProfile/companyName",
        "/billingProfile/defaultAddress/addressLine1",
        "/billingProfile/defaultAddress/firstName",
        "/billingProfile/defaultAddress/lastName",
    ],
    misplaced: &[
        ("/organizationRegistrationNumber", "\"7707083893\""),
        ("/billingProfile/phoneNumber", "\"+48123456789\""),
        ("/companyProfile/email", "\"someone@contoso.com\""),
        (
            "/billingProfile/defaultAddress/domain",
            "\"contoso.onmicrosoft.com\"",
        ),
    ],
    sdk_fields: &[
        ("Id", "null"),
        ("CommerceId", "null"),
        ("UserCredentials", "null"),
        ("RelationshipToPartner", "\"none\""),
        ("Attributes", r#"{"ObjectType":"Customer"}"#),
    ],
};

const AGREEMENT_SHAPE: Shape = Shape {
    optional: &["/primaryContact/phoneNumber"],
    patterned: &[("/primaryContact/email", false)],
    non_blank: &["/primaryContact/firstName", "/primaryContact/lastName"],
    misplaced: &[
        ("/email", "\"someone@contoso.com\""),
        (
            "/primaryContact/templateId",
            "\"117a77b0-9360-443b-8795-c6dedc750cf9\"",
        ),
    ],
    sdk_fields: &[],
};

const QUALIFICATION_SHAPE: Shape = Shape {
    optional: &["/website", "/educationSegment", "/validationCode"],
    patterned: &[("/validationCode", true)],
    non_blank: &[],
    misplaced: &[
        ("/educationSegment", "\"K12\""),
        ("/validationCode", "\"123456\""),
        ("/website", "\"contoso.edu\""),
    ],
    sdk_fields: &[],
};

/// Create-customer bodies in non-canonical forms.
pub fn non_canonical_customer_request() -> impl Strategy<Value = NonCanonical> {
    non_canonical(
        valid_customer_request().prop_map(|r| to_json(&r)),
        &CUSTOMER_SHAPE,
        verdict::<CreateCustomerRequest>,
    )
}

/// Confirmation bodies in non-canonical forms.
pub fn non_canonical_agreement_request() -> impl Strategy<Value = NonCanonical> {
    non_canonical(
        valid_agreement_request().prop_map(|r| to_json(&r)),
        &AGREEMENT_SHAPE,
        verdict::<CreateAgreementRequest>,
    )
}

/// Qualification bodies in non-canonical forms (a Government Community Cloud request where a
/// validation code is needed).
pub fn non_canonical_qualification_request() -> impl Strategy<Value = NonCanonical> {
    non_canonical(
        valid_qualification_request().prop_map(|r| to_json(&r)),
        &QUALIFICATION_SHAPE,
        verdict::<CreateQualificationRequest>,
    )
}

fn verdict<T: serde::de::DeserializeOwned + crate::Validate>(text: &str) -> bool {
    crate::json::parse_request::<T>(
        text.as_bytes(),
        &crate::ValidationContext::at(reference_now()),
    )
    .is_ok()
}

/// The characters a [`NonCanonicalKind::UnicodeWhitespace`] body carries: whitespace that
/// languages disagree on (U+0085, U+00A0, U+1680, U+2003, U+2028, U+3000), control characters
/// Python counts as whitespace (U+001C, U+001F), and U+FEFF, which JavaScript counts as
/// whitespace and Unicode does not.
const AWKWARD: &[char] = &[
    '\u{85}', '\u{a0}', '\u{1680}', '\u{2003}', '\u{2028}', '\u{3000}', '\u{1c}', '\u{1f}',
    '\u{feff}',
];

fn non_canonical(
    valid: impl Strategy<Value = Value>,
    shape: &'static Shape,
    verdict: fn(&str) -> bool,
) -> impl Strategy<Value = NonCanonical> {
    (valid, 0u8..9, any::<proptest::sample::Index>(), "[a-z]{2,8}", proptest::sample::select(AWKWARD))
        .prop_map(move |(mut body, which, index, word, awkward)| {
            let pick = |n: usize| index.index(n.max(1));
            let canonical = |kind, body: &Value, accepted| NonCanonical {
                text: body.to_string(),
                kind,
                accepted,
            };
            // A qualification body needs its validation code for the pattern cases.
            if which >= 7 && shape.patterned.iter().any(|(p, _)| *p == "/validationCode") {
                body = json!({"qualification": "GovernmentCommunityCloud", "validationCode": word});
            }
            match which {
                0 => {
                    let mut pascal = to_pascal(body);
                    if let Value::Object(map) = &mut pascal {
                        for (key, value) in shape.sdk_fields {
                            map.insert((*key).to_owned(), serde_json::from_str(value).unwrap_or(Value::Null));
                        }
                    }
                    canonical(NonCanonicalKind::PascalCase, &pascal, true)
                }
                1 => {
                    let objects = object_pointers(&body);
                    let parent = &objects[pick(objects.len())];
                    set(&mut body, &format!("{parent}/zz{word}"), json!(word));
                    canonical(NonCanonicalKind::UnknownKey, &body, false)
                }
                2 => {
                    let keys = key_pointers(&body);
                    let (parent, key) = &keys[pick(keys.len())];
                    let misspelt = misspell(key, &word);
                    if let Some(Value::Object(map)) = body.pointer_mut(parent)
                        && let Some(value) = map.remove(key)
                    {
                        map.insert(misspelt, value);
                    }
                    canonical(NonCanonicalKind::MisspeltKey, &body, false)
                }
                3 => {
                    let (pointer, value) = shape.misplaced[pick(shape.misplaced.len())];
                    // A qualification field of another kind is misplaced only when another kind is asked.
                    if pointer == "/educationSegment" || pointer == "/website" {
                        body = json!({"qualification": "GovernmentCommunityCloud", "validationCode": word});
                    } else if pointer == "/validationCode" {
                        body = json!({"qualification": "StateOwnedEntity"});
                    }
                    set(&mut body, pointer, serde_json::from_str(value).unwrap_or(Value::Null));
                    canonical(NonCanonicalKind::MisplacedField, &body, false)
                }
                4 => {
                    let pointer = shape.optional[pick(shape.optional.len())];
                    remove(&mut body, pointer);
                    let accepted = verdict(&body.to_string());
                    set(&mut body, pointer, Value::Null);
                    canonical(NonCanonicalKind::NullOptional, &body, accepted)
                }
                5 => {
                    let objects = object_pointers(&body);
                    let target = &objects[pick(objects.len())];
                    if let Some(slot) = body.pointer_mut(target)
                        && let Value::Object(map) = slot.take()
                    {
                        *slot = Value::Array(map.into_iter().map(|(_, v)| v).collect());
                    }
                    canonical(NonCanonicalKind::Array, &body, false)
                }
                6 => {
                    let keys = key_pointers(&body);
                    let (parent, key) = &keys[pick(keys.len())];
                    let again = if index.index(2) == 0 {
                        body.pointer(&format!("{parent}/{key}")).cloned().unwrap_or(Value::Null)
                    } else {
                        json!(word)
                    };
                    NonCanonical {
                        text: with_duplicate(&body, "", parent, key, &again),
                        kind: NonCanonicalKind::DuplicateKey,
                        accepted: false,
                    }
                }
                7 => {
                    let (pointer, _) = shape.patterned[pick(shape.patterned.len())];
                    if let Some(Value::String(text)) = body.pointer_mut(pointer) {
                        text.push('\n');
                    }
                    canonical(NonCanonicalKind::TrailingNewline, &body, false)
                }
                _ => {
                    let in_pattern = shape.non_blank.is_empty() || index.index(2) == 0;
                    let accepted = if in_pattern {
                        let (pointer, only_whitespace) = shape.patterned[pick(shape.patterned.len())];
                        if let Some(Value::String(text)) = body.pointer_mut(pointer) {
                            let middle = text.char_indices().nth(text.chars().count() / 2).map_or(0, |(i, _)| i);
                            text.insert(middle, awkward);
                        }
                        only_whitespace && !awkward.is_whitespace() && !awkward.is_control()
                    } else {
                        let pointer = shape.non_blank[pick(shape.non_blank.len())];
                        set(&mut body, pointer, json!(awkward.to_string()));
                        !awkward.is_whitespace()
                    };
                    canonical(NonCanonicalKind::UnicodeWhitespace, &body, accepted)
                }
            }
        })
}

/// Upper-cases the first letter of every key (what the .NET SDK sends).
pub fn to_pascal(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let mut c = k.chars();
                    let key = c
                        .next()
                        .map(|f| f.to_uppercase().chain(c).collect())
                        .unwrap_or_default();
                    (key, to_pascal(v))
                })
                .collect(),
        ),
        Value::Array(list) => Value::Array(list.into_iter().map(to_pascal).collect()),
        other => other,
    }
}

/// The pointers of every object in `body`, the body itself (`""`) first.
fn object_pointers(body: &Value) -> Vec<String> {
    fn walk(value: &Value, pointer: String, out: &mut Vec<String>) {
        if let Value::Object(map) = value {
            out.push(pointer.clone());
            for (key, child) in map {
                walk(child, format!("{pointer}/{key}"), out);
            }
        }
    }
    let mut out = Vec::new();
    walk(body, String::new(), &mut out);
    out
}

/// Every key of every object in `body`, as (pointer of its object, key).
fn key_pointers(body: &Value) -> Vec<(String, String)> {
    object_pointers(body)
        .into_iter()
        .flat_map(|parent| {
            let keys: Vec<String> = body
                .pointer(&parent)
                .and_then(Value::as_object)
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
            keys.into_iter().map(move |k| (parent.clone(), k))
        })
        .collect()
}

/// `key` misspelt: in lower case, else with two letters swapped, else with one dropped (never
/// its PascalCase spelling, which the reader takes).
fn misspell(key: &str, noise: &str) -> String {
    let lower = key.to_lowercase();
    if lower != key && noise.len().is_multiple_of(2) {
        return lower;
    }
    let chars: Vec<char> = key.chars().collect();
    let at = noise.len() % chars.len().saturating_sub(1).max(1);
    let mut swapped = chars.clone();
    if chars.len() > 1 {
        swapped.swap(at, at + 1);
    }
    let swapped: String = swapped.into_iter().collect();
    if swapped != key && !swapped.eq_ignore_ascii_case(key) {
        return swapped;
    }
    let mut dropped = chars;
    dropped.remove(at);
    dropped.into_iter().collect()
}

/// `body` as JSON text with the member `key` of the object at `target` written a second time,
/// with `again` as its value.
fn with_duplicate(body: &Value, pointer: &str, target: &str, key: &str, again: &Value) -> String {
    match body {
        Value::Object(map) => {
            let mut members: Vec<String> = map
                .iter()
                .map(|(k, v)| {
                    let child = with_duplicate(v, &format!("{pointer}/{k}"), target, key, again);
                    format!("{}:{child}", Value::from(k.as_str()))
                })
                .collect();
            if pointer == target {
                members.push(format!("{}:{again}", Value::from(key)));
            }
            format!("{{{}}}", members.join(","))
        }
        other => other.to_string(),
    }
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
