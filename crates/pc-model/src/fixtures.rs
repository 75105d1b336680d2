//! The documented and recorded payloads in `crates/pc-model/fixtures/`, embedded, each tagged
//! with the body it is an example of. Tests decode all of them; the JSON Schemas use them as
//! `examples`; anyone may use them in their own tests.

use crate::operation::BodyRef;

/// One payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fixture {
    /// The file name, e.g. `customer-create.response-201.docs.json`.
    pub name: &'static str,
    /// The body it is an example of.
    pub body: BodyRef,
    /// Whether it is the canonical form we would write ourselves (camelCase, no `null`s): only
    /// those are examples of a request schema, which describes what we send.
    pub canonical: bool,
    /// The JSON text.
    pub json: &'static str,
}

macro_rules! fixture {
    ($name:literal, $body:ident, $canonical:literal) => {
        Fixture {
            name: $name,
            body: BodyRef::$body,
            canonical: $canonical,
            json: include_str!(concat!("../fixtures/", $name)),
        }
    };
}

/// Every payload, in file-name order.
pub const ALL: &[Fixture] = &[
    fixture!(
        "agreement-metadata-mca.docs.json",
        AgreementMetadataCollection,
        true
    ),
    fixture!(
        "agreements-metadata.recorded.json",
        AgreementMetadataCollection,
        true
    ),
    fixture!(
        "customer-agreement-create.request.docs.json",
        AgreementCreateRequest,
        true
    ),
    fixture!(
        "customer-agreement-create.response-201.docs.json",
        Agreement,
        true
    ),
    fixture!(
        "customer-create-gdap.request.docs.json",
        CustomerCreateRequest,
        false
    ),
    fixture!(
        "customer-create-gdap.response-201.docs.json",
        Customer,
        true
    ),
    fixture!(
        "customer-create-indirect.request.docs.json",
        CustomerCreateRequest,
        false
    ),
    fixture!("customer-create.response-201.docs.json", Customer, true),
    fixture!("error-600061.docs.json", Error, true),
    fixture!(
        "qualification-create-education.request.docs.json",
        QualificationCreateRequest,
        true
    ),
    fixture!(
        "qualification-create-gcc.request.docs.json",
        QualificationCreateRequest,
        true
    ),
    fixture!(
        "qualification-create-soe.request.docs.json",
        QualificationCreateRequest,
        true
    ),
    fixture!(
        "qualification-create.response-201.docs.json",
        Qualification,
        true
    ),
    fixture!(
        "qualifications-get-approved-with-soe.response.docs.json",
        QualificationList,
        true
    ),
    fixture!(
        "qualifications-get-denied.response.docs.json",
        QualificationList,
        true
    ),
    fixture!(
        "qualifications-get-gcc-with-soe.response.docs.json",
        QualificationList,
        true
    ),
    fixture!(
        "qualifications-get-inreview.response.docs.json",
        QualificationList,
        true
    ),
    fixture!("throttling-429.response.docs.json", ThrottlingError, true),
];

/// The payloads that are examples of `body`.
pub fn of(body: BodyRef) -> impl Iterator<Item = &'static Fixture> {
    ALL.iter().filter(move |f| f.body == body)
}
