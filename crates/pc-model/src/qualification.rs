//! Qualifications: what a partner requests for a customer ([`CreateQualificationRequest`]) and
//! what the service reports, vetting included ([`Qualification`]).

use std::fmt;

use chrono::{DateTime, Utc};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::json::{self, DecodeError};
use crate::name::{self, named_enum};
use crate::open_enum::open_enum;
use crate::strict::StrictMap;
use crate::time;
use crate::validation::{NO_WHITESPACE, Validate, ValidationContext, Violations, request_struct};

open_enum! {
    /// A qualification as the service reports it (`qualification`).
    pub enum QualificationKind {
        /// No qualification.
        None = "None",
        /// An education institution.
        Education = "Education",
        /// A nonprofit organization (not settable through this API).
        Nonprofit = "Nonprofit",
        /// Government Community Cloud.
        GovernmentCommunityCloud = "GovernmentCommunityCloud",
        /// A state-owned entity.
        StateOwnedEntity = "StateOwnedEntity",
    }
}

open_enum! {
    /// Where vetting of a qualification stands (`vettingStatus`).
    pub enum VettingStatus {
        /// Being reviewed; check again later.
        InReview = "InReview",
        /// Approved.
        Approved = "Approved",
        /// Denied; `vettingReason` says why.
        Denied = "Denied",
    }
}

impl VettingStatus {
    /// Whether vetting is over (approved or denied). Unknown values count as not finished.
    pub fn is_final(&self) -> bool {
        matches!(self, Self::Approved | Self::Denied)
    }
}

named_enum! {
    /// The education segment of an Education qualification.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[non_exhaustive]
    pub enum EducationSegment ("an education segment") {
        /// Primary and secondary education.
        K12 = "K12",
        /// Universities and colleges.
        HigherEducation = "HigherEducation",
    }
}

named_enum! {
    /// A qualification that can be requested: the `qualification` of a
    /// [`CreateQualificationRequest`] ([`CreateQualificationRequest::requested`]).
    ///
    /// Read from text with `FromStr`: the wire name or the short names `gcc` and `soe`, in any
    /// case, with or without `-` or `_` between words. A request body's JSON takes the wire name
    /// only.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum RequestedQualification ("a qualification that can be requested") {
        /// An education institution; needs an [`EducationSegment`].
        Education = "Education",
        /// Government Community Cloud; needs the partner's validation code.
        GovernmentCommunityCloud = "GovernmentCommunityCloud" | "gcc",
        /// A state-owned entity.
        StateOwnedEntity = "StateOwnedEntity" | "soe",
    }
}

impl From<RequestedQualification> for QualificationKind {
    fn from(kind: RequestedQualification) -> Self {
        match kind {
            RequestedQualification::Education => Self::Education,
            RequestedQualification::GovernmentCommunityCloud => Self::GovernmentCommunityCloud,
            RequestedQualification::StateOwnedEntity => Self::StateOwnedEntity,
        }
    }
}

/// The body of `POST /v1/customers/{customer-tenant-id}/qualifications`.
///
/// A Rust enum tagged by `qualification`, so an impossible request cannot be built: Education
/// needs a segment, Government Community Cloud a validation code, and `None` or `Nonprofit`
/// cannot be requested at all. Reading JSON enforces the same with a clear message: an unknown or
/// unsettable `qualification`, a missing `educationSegment` or `validationCode`, a non-null
/// field that belongs to another kind, an unknown key, a key given twice, or anything but an
/// object. PascalCase names are accepted; `null` fields are ignored.
///
/// [`Validate::validate`] further checks that a validation code is non-empty and has no
/// whitespace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "qualification")]
#[non_exhaustive]
pub enum CreateQualificationRequest {
    /// An education institution.
    Education(EducationQualification),
    /// Government Community Cloud, with the partner's validation code.
    GovernmentCommunityCloud(GovernmentCommunityCloudQualification),
    /// A state-owned entity; no other fields and no vetting.
    StateOwnedEntity,
}

impl CreateQualificationRequest {
    /// An Education request without a website.
    pub fn education(segment: EducationSegment) -> Self {
        Self::Education(EducationQualification {
            education_segment: segment,
            website: None,
        })
    }

    /// An Education request with the institution's website.
    pub fn education_with_website(segment: EducationSegment, website: impl Into<String>) -> Self {
        Self::Education(EducationQualification {
            education_segment: segment,
            website: Some(website.into()),
        })
    }

    /// A Government Community Cloud request with the partner's validation code (the
    /// `validationId` of a [`ValidationCode`](crate::validation_code::ValidationCode)).
    pub fn government_community_cloud(validation_code: impl Into<String>) -> Self {
        Self::GovernmentCommunityCloud(GovernmentCommunityCloudQualification {
            validation_code: validation_code.into(),
        })
    }

    /// The qualification this request asks for.
    pub fn requested(&self) -> RequestedQualification {
        match self {
            Self::Education(_) => RequestedQualification::Education,
            Self::GovernmentCommunityCloud(_) => RequestedQualification::GovernmentCommunityCloud,
            Self::StateOwnedEntity => RequestedQualification::StateOwnedEntity,
        }
    }

    /// The qualification this request asks for, as the service reports it.
    pub fn kind(&self) -> QualificationKind {
        self.requested().into()
    }
}

impl Validate for CreateQualificationRequest {
    fn validate_with(&self, _ctx: &ValidationContext) -> Result<(), Violations> {
        let mut violations = Violations::new();
        match self {
            Self::GovernmentCommunityCloud(q) => {
                violations.extend_from_field_rules(q);
            }
            // No field rules.
            Self::Education(_) | Self::StateOwnedEntity => {}
        }
        violations.into_result()
    }
}

/// The fields of an Education request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EducationQualification {
    /// `K12` or `HigherEducation`.
    pub education_segment: EducationSegment,
    /// The institution's website; optional but recommended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

request_struct! {
    /// The fields of a Government Community Cloud request.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[serde(rename_all = "camelCase")]
    #[non_exhaustive]
    pub struct GovernmentCommunityCloudQualification {
        /// The partner's GCC validation code, e.g. `123456`: non-empty, no whitespace.
        #[validate(
            length(min = 1, code = "required"),
            regex(path = *NO_WHITESPACE, code = "whitespace")
        )]
        pub validation_code: String,
    }
}

/// The `qualification` of a request body: the wire name only (exact case), as the service takes.
struct RequestableKind(RequestedQualification);

impl<'de> Deserialize<'de> for RequestableKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KindVisitor;
        impl Visitor<'_> for KindVisitor {
            type Value = RequestableKind;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "one of {}", RequestedQualification::NAMES.join(", "))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RequestableKind, E> {
                if let Some(kind) = RequestedQualification::ALL
                    .iter()
                    .find(|kind| kind.as_str() == v)
                {
                    return Ok(RequestableKind(*kind));
                }
                let request = name::one_of(RequestedQualification::NAMES);
                match v {
                    "None" | "Nonprofit" => Err(E::custom(format!(
                        "`{v}` cannot be requested; request {request}"
                    ))),
                    other => Err(E::custom(format!(
                        "unknown qualification `{}`; request {request}",
                        other.chars().take(64).collect::<String>()
                    ))),
                }
            }
        }
        d.deserialize_str(KindVisitor)
    }
}

impl<'de> Deserialize<'de> for CreateQualificationRequest {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RequestVisitor;
        impl<'de> Visitor<'de> for RequestVisitor {
            type Value = CreateQualificationRequest;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a qualification request object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                /// Every key a request takes, in both spellings.
                const FIELDS: &[&str] = &[
                    "qualification",
                    "Qualification",
                    "educationSegment",
                    "EducationSegment",
                    "website",
                    "Website",
                    "validationCode",
                    "ValidationCode",
                ];
                // Refuses a key given twice; each field below is also refused under its second
                // spelling.
                let mut map = StrictMap::new(map, &[]);
                let mut kind: Option<RequestableKind> = None;
                let mut segment: Option<Option<EducationSegment>> = None;
                let mut website: Option<Option<String>> = None;
                let mut code: Option<Option<String>> = None;
                fn once<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
                    slot: &mut Option<T>,
                    name: &'static str,
                    map: &mut A,
                ) -> Result<(), A::Error> {
                    if slot.is_some() {
                        return Err(de::Error::duplicate_field(name));
                    }
                    *slot = Some(map.next_value()?);
                    Ok(())
                }
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "qualification" | "Qualification" => {
                            once(&mut kind, "qualification", &mut map)?
                        }
                        "educationSegment" | "EducationSegment" => {
                            once(&mut segment, "educationSegment", &mut map)?
                        }
                        "website" | "Website" => once(&mut website, "website", &mut map)?,
                        "validationCode" | "ValidationCode" => {
                            once(&mut code, "validationCode", &mut map)?
                        }
                        other => return Err(de::Error::unknown_field(other, FIELDS)),
                    }
                }
                // `null` means absent.
                let (segment, website, code) =
                    (segment.flatten(), website.flatten(), code.flatten());
                let misplaced = |field: &'static str, kind: &str| {
                    de::Error::custom(format!(
                        "unexpected field `{field}`: it does not belong to a {kind} qualification"
                    ))
                };
                match kind {
                    None => Err(de::Error::missing_field("qualification")),
                    Some(RequestableKind(RequestedQualification::Education)) => {
                        if code.is_some() {
                            return Err(misplaced("validationCode", "Education"));
                        }
                        let education_segment =
                            segment.ok_or_else(|| de::Error::missing_field("educationSegment"))?;
                        Ok(CreateQualificationRequest::Education(
                            EducationQualification {
                                education_segment,
                                website,
                            },
                        ))
                    }
                    Some(RequestableKind(RequestedQualification::GovernmentCommunityCloud)) => {
                        if segment.is_some() {
                            return Err(misplaced("educationSegment", "GovernmentCommunityCloud"));
                        }
                        if website.is_some() {
                            return Err(misplaced("website", "GovernmentCommunityCloud"));
                        }
                        let validation_code =
                            code.ok_or_else(|| de::Error::missing_field("validationCode"))?;
                        Ok(CreateQualificationRequest::GovernmentCommunityCloud(
                            GovernmentCommunityCloudQualification { validation_code },
                        ))
                    }
                    Some(RequestableKind(RequestedQualification::StateOwnedEntity)) => {
                        if segment.is_some() {
                            return Err(misplaced("educationSegment", "StateOwnedEntity"));
                        }
                        if website.is_some() {
                            return Err(misplaced("website", "StateOwnedEntity"));
                        }
                        if code.is_some() {
                            return Err(misplaced("validationCode", "StateOwnedEntity"));
                        }
                        Ok(CreateQualificationRequest::StateOwnedEntity)
                    }
                }
            }
        }
        d.deserialize_map(RequestVisitor)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for CreateQualificationRequest {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CreateQualificationRequest".into()
    }

    /// A `oneOf` on `qualification`, one closed object per requestable kind; the per-kind fields
    /// come from the derived schemas of the variant structs, so their rules match `validate()`.
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        fn variant(
            mut fields: schemars::Schema,
            tag: &str,
            description: &str,
        ) -> serde_json::Value {
            let obj = fields.ensure_object();
            obj.remove("title");
            obj.insert("description".into(), description.into());
            obj.insert("additionalProperties".into(), false.into());
            let props = obj
                .entry("properties")
                .or_insert_with(|| serde_json::Value::Object(Default::default()));
            if let Some(props) = props.as_object_mut() {
                let mut with_tag = serde_json::Map::new();
                with_tag.insert(
                    "qualification".into(),
                    serde_json::json!({ "type": "string", "const": tag }),
                );
                with_tag.extend(std::mem::take(props));
                *props = with_tag;
            }
            let required = obj
                .entry("required")
                .or_insert_with(|| serde_json::Value::Array(Vec::new()));
            if let Some(list) = required.as_array_mut() {
                list.insert(0, "qualification".into());
            }
            // The fields of the other kinds may be there as `null` (absent), as the .NET SDK
            // sent them; with a value they are refused.
            if let Some(props) = obj.get_mut("properties").and_then(|p| p.as_object_mut()) {
                for field in ["educationSegment", "website", "validationCode"] {
                    props.entry(field).or_insert_with(|| {
                        serde_json::json!({
                            "type": "null",
                            "description": "Belongs to another kind of qualification: only `null`, which means absent."
                        })
                    });
                }
            }
            fields.to_value()
        }
        let education = variant(
            <EducationQualification as schemars::JsonSchema>::json_schema(generator),
            "Education",
            "An education institution: `educationSegment` is required, `website` recommended.",
        );
        let gcc = variant(
            <GovernmentCommunityCloudQualification as schemars::JsonSchema>::json_schema(generator),
            "GovernmentCommunityCloud",
            "Government Community Cloud: the partner's validation code is required.",
        );
        let soe = variant(
            schemars::json_schema!({ "type": "object" }),
            "StateOwnedEntity",
            "A state-owned entity: no other fields.",
        );
        schemars::json_schema!({
            "description": "The body of `POST /v1/customers/{customer-tenant-id}/qualifications`: \
                one of three shapes, chosen by `qualification`. `Education` needs \
                `educationSegment` (`K12` or `HigherEducation`) and may have `website`; \
                `GovernmentCommunityCloud` needs the partner's `validationCode` (non-empty, no \
                whitespace); `StateOwnedEntity` has no other fields. `None` and `Nonprofit` \
                cannot be requested.",
            "oneOf": [education, gcc, soe]
        })
    }
}

/// A customer's qualification, as returned by create (`201`) and list (`200`).
///
/// The service spells the date `vettingCreateDate` in the create response and
/// `vettingCreatedDate` in the list; both are accepted and mean the same (written back as
/// `vettingCreatedDate`). A State Owned Entity has no vetting fields.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(from = "RawQualification", rename_all = "camelCase")]
#[non_exhaustive]
pub struct Qualification {
    /// The qualification.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualification: Option<QualificationKind>,
    /// Where vetting stands.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vetting_status: Option<VettingStatus>,
    /// Why vetting ended as it did, e.g. "Not an Education Customer".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vetting_reason: Option<String>,
    /// When vetting started.
    #[serde(with = "time::optional", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "time::schema::accepted_or_null")
    )]
    pub vetting_created_date: Option<DateTime<Utc>>,
}

impl Qualification {
    /// Whether vetting is over (approved or denied), or there is none (State Owned Entity).
    pub fn is_settled(&self) -> bool {
        self.vetting_status
            .as_ref()
            .is_none_or(VettingStatus::is_final)
    }
}

/// What a qualification reads from: both spellings of the date, in either case.
#[derive(Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Qualification"))]
#[serde(default, rename_all = "camelCase")]
struct RawQualification {
    /// The qualification.
    #[serde(alias = "Qualification")]
    qualification: Option<QualificationKind>,
    /// Where vetting stands.
    #[serde(alias = "VettingStatus")]
    vetting_status: Option<VettingStatus>,
    /// Why vetting ended as it did.
    #[serde(alias = "VettingReason")]
    vetting_reason: Option<String>,
    /// When vetting started (the spelling of the list response).
    #[serde(with = "time::optional", alias = "VettingCreatedDate")]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "time::schema::accepted_or_null")
    )]
    vetting_created_date: Option<DateTime<Utc>>,
    /// When vetting started (the spelling of the create response).
    #[serde(with = "time::optional", alias = "VettingCreateDate")]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "time::schema::accepted_or_null")
    )]
    vetting_create_date: Option<DateTime<Utc>>,
}

impl From<RawQualification> for Qualification {
    fn from(raw: RawQualification) -> Self {
        Qualification {
            qualification: raw.qualification,
            vetting_status: raw.vetting_status,
            vetting_reason: raw.vetting_reason,
            vetting_created_date: raw.vetting_created_date.or(raw.vetting_create_date),
        }
    }
}

/// The other answer a qualification create is documented with: `200` and
/// `{"qualifications": [...]}` (one reference page), instead of `201` with one [`Qualification`]
/// (`qualifications-envelope.schema.json`; the client reads either).
///
/// Every field may be absent or `null` (then no qualifications); unknown fields are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct QualificationsEnvelope {
    /// The customer's qualifications, the new one among them.
    #[serde(
        alias = "Qualifications",
        deserialize_with = "crate::collection::null_as_empty"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<Qualification>>"))]
    pub qualifications: Vec<Qualification>,
}

/// What a qualification create may answer: the documented single object, or the
/// [`QualificationsEnvelope`] one reference page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CreatedQualifications {
    One(Qualification),
    Many(Vec<Qualification>),
}

impl CreatedQualifications {
    /// Reads either shape. Both are objects: the body is read once as JSON, and a
    /// `qualifications` array makes it the envelope. Errors carry the pointer of the failing
    /// field in the body (`/vettingCreateDate`, `/qualifications/0/vettingCreateDate`).
    pub(crate) fn decode(body: &[u8]) -> Result<Self, DecodeError> {
        let value: serde_json::Value = json::from_slice(body)?;
        let wrapped = value.as_object().is_some_and(|o| {
            ["qualifications", "Qualifications"]
                .iter()
                .any(|key| o.get(*key).is_some_and(serde_json::Value::is_array))
        });
        if wrapped {
            json::from_value::<QualificationsEnvelope>(value).map(|e| Self::Many(e.qualifications))
        } else {
            json::from_value(value).map(Self::One)
        }
    }
}

impl CreatedQualifications {
    /// The qualification that answers a request for `kind`: the single one, or in a list the
    /// last entry of that kind (else the last entry).
    pub(crate) fn into_created(self, kind: &QualificationKind) -> Option<Qualification> {
        match self {
            Self::One(q) => Some(q),
            Self::Many(list) => {
                let matching = list
                    .iter()
                    .rposition(|q| q.qualification.as_ref() == Some(kind));
                let index = matching.or(list.len().checked_sub(1))?;
                list.into_iter().nth(index)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn education_segments_parse_in_any_case_and_spelling() {
        for (text, segment) in [
            ("K12", EducationSegment::K12),
            ("k12", EducationSegment::K12),
            ("HigherEducation", EducationSegment::HigherEducation),
            ("highereducation", EducationSegment::HigherEducation),
            ("higher-education", EducationSegment::HigherEducation),
            ("HIGHER_EDUCATION", EducationSegment::HigherEducation),
            ("Higher Education", EducationSegment::HigherEducation),
        ] {
            assert_eq!(text.parse::<EducationSegment>(), Ok(segment), "{text}");
        }
        for bad in ["", "k-13", "higher-educations", "university"] {
            let err = bad.parse::<EducationSegment>().unwrap_err();
            assert!(err.to_string().contains("K12 or HigherEducation"), "{bad}");
        }
        for &segment in EducationSegment::ALL {
            assert_eq!(segment.to_string().parse::<EducationSegment>(), Ok(segment));
            // The wire name of `as_str` is the one serde writes and reads.
            let json = serde_json::to_value(segment).unwrap();
            assert_eq!(json, segment.as_str());
            assert_eq!(
                serde_json::from_value::<EducationSegment>(json).unwrap(),
                segment
            );
        }
    }

    #[test]
    fn requested_qualifications_parse_from_wire_and_short_names() {
        for (text, kind) in [
            ("Education", RequestedQualification::Education),
            ("education", RequestedQualification::Education),
            (
                "GovernmentCommunityCloud",
                RequestedQualification::GovernmentCommunityCloud,
            ),
            (
                "government-community-cloud",
                RequestedQualification::GovernmentCommunityCloud,
            ),
            ("GCC", RequestedQualification::GovernmentCommunityCloud),
            (
                "state_owned_entity",
                RequestedQualification::StateOwnedEntity,
            ),
            ("soe", RequestedQualification::StateOwnedEntity),
        ] {
            assert_eq!(text.parse::<RequestedQualification>(), Ok(kind), "{text}");
        }
        for bad in ["", "None", "Nonprofit", "edu"] {
            let err = bad.parse::<RequestedQualification>().unwrap_err();
            assert!(
                err.to_string()
                    .ends_with("use Education, GovernmentCommunityCloud or StateOwnedEntity"),
                "{err}"
            );
        }
        // Each kind's wire name is the `qualification` tag a request of that kind writes, and
        // the JSON takes the wire name only.
        for request in [
            CreateQualificationRequest::education(EducationSegment::K12),
            CreateQualificationRequest::government_community_cloud("123456"),
            CreateQualificationRequest::StateOwnedEntity,
        ] {
            let json = serde_json::to_value(&request).unwrap();
            assert_eq!(json["qualification"], request.requested().as_str());
            assert_eq!(request.kind().as_str(), request.requested().as_str());
        }
        let err = serde_json::from_str::<CreateQualificationRequest>(r#"{"qualification":"soe"}"#)
            .unwrap_err();
        assert!(
            err.to_string().contains("unknown qualification `soe`"),
            "{err}"
        );
    }

    #[test]
    fn both_date_spellings_fill_one_field() {
        let a: Qualification = serde_json::from_str(
            r#"{"qualification":"Education","vettingCreateDate":"2020-12-04T20:54:24Z"}"#,
        )
        .unwrap();
        let b: Qualification = serde_json::from_str(
            r#"{"Qualification":"Education","VettingCreatedDate":"2020-12-04T20:54:24"}"#,
        )
        .unwrap();
        assert_eq!(a, b);
        assert!(a.vetting_created_date.is_some());
        let out = serde_json::to_value(&a).unwrap();
        assert_eq!(out["vettingCreatedDate"], "2020-12-04T20:54:24Z");
    }

    #[test]
    fn requests_read_camel_and_pascal_case_and_refuse_impossible_ones() {
        let r: CreateQualificationRequest = serde_json::from_str(
            r#"{"Qualification":"StateOwnedEntity","EducationSegment":null,"Website":null,"ValidationCode":null}"#,
        )
        .unwrap();
        assert_eq!(r, CreateQualificationRequest::StateOwnedEntity);
        let r: CreateQualificationRequest =
            serde_json::from_str(r#"{"qualification":"Education","educationSegment":"K12"}"#)
                .unwrap();
        assert_eq!(
            r,
            CreateQualificationRequest::education(EducationSegment::K12)
        );
        for (body, needle) in [
            (r#"{"qualification":"Education"}"#, "educationSegment"),
            (
                r#"{"qualification":"GovernmentCommunityCloud"}"#,
                "validationCode",
            ),
            (r#"{"qualification":"None"}"#, "cannot be requested"),
            (r#"{"qualification":"Nonprofit"}"#, "cannot be requested"),
            (r#"{"qualification":"Gold"}"#, "unknown qualification"),
            (r#"{"educationSegment":"K12"}"#, "qualification"),
            (
                r#"{"qualification":"StateOwnedEntity","website":"x.edu"}"#,
                "website",
            ),
            (
                r#"{"qualification":"Education","educationSegment":"k12"}"#,
                "K12",
            ),
            (r#"[]"#, "qualification request object"),
        ] {
            let err = serde_json::from_str::<CreateQualificationRequest>(body).unwrap_err();
            assert!(err.to_string().contains(needle), "{body}: {err}");
        }
    }

    #[test]
    fn requests_write_the_tag_inline() {
        let body = serde_json::to_value(CreateQualificationRequest::education_with_website(
            EducationSegment::HigherEducation,
            "contoso.edu",
        ))
        .unwrap();
        assert_eq!(
            body,
            serde_json::json!({"qualification":"Education","educationSegment":"HigherEducation","website":"contoso.edu"})
        );
        let soe = serde_json::to_value(CreateQualificationRequest::StateOwnedEntity).unwrap();
        assert_eq!(soe, serde_json::json!({"qualification":"StateOwnedEntity"}));
    }

    #[test]
    fn created_qualification_in_either_shape() {
        let one = CreatedQualifications::decode(
            br#"{"qualification":"Education","vettingStatus":"InReview"}"#,
        )
        .unwrap();
        let many = CreatedQualifications::decode(
            br#"{"qualifications":[{"qualification":"StateOwnedEntity"},{"qualification":"Education","vettingStatus":"InReview"}]}"#,
        )
        .unwrap();
        let kind = QualificationKind::Education;
        assert_eq!(one.into_created(&kind), many.into_created(&kind));
        let empty = CreatedQualifications::decode(br#"{"qualifications":[]}"#).unwrap();
        assert_eq!(empty.into_created(&kind), None);
    }

    #[test]
    fn created_qualification_errors_name_the_field_in_either_shape() {
        for (body, pointer) in [
            (
                r#"{"qualification":"Education","vettingCreateDate":"yesterday"}"#,
                "/vettingCreateDate",
            ),
            (
                r#"{"qualifications":[{"qualification":"Education","vettingCreateDate":"yesterday"}]}"#,
                "/qualifications/0/vettingCreateDate",
            ),
            (
                r#"{"Qualifications":[{"Qualification":"Education"},{"VettingStatus":7}]}"#,
                "/Qualifications/1/VettingStatus",
            ),
        ] {
            let e = CreatedQualifications::decode(body.as_bytes()).unwrap_err();
            assert_eq!(e.pointer(), pointer, "{body}: {e}");
        }
        assert!(CreatedQualifications::decode(b"{").unwrap_err().is_syntax());
    }
}
