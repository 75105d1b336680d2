//! The operations of the onboarding API, declared once each in one table: its
//! [`OperationSpec`] (listed in [`OPERATIONS`], named by [`Operation`]) and its [`Endpoint`]
//! type, which fills in the path (from the spec's template), query and body of one call and
//! reads its answer.
//!
//! Adding an operation is one entry of the table (the spec, the type, its path arguments and
//! body); the emulator's router, the client, the command line and the OpenAPI document then
//! follow from it (see `ARCHITECTURE.md`, "Adding an operation").

use std::sync::LazyLock;

use regex::Regex;

use crate::agreement::{Agreement, AgreementMetadata, AgreementType, CreateAgreementRequest};
use crate::cloud::Cloud;
use crate::collection::Collection;
use crate::customer::{CreateCustomerRequest, Customer};
use crate::filter::CustomerFilter;
use crate::ids::{CustomerTenantId, ResellerTenantId};
use crate::json::{DecodeError, DecodeErrorKind};
use crate::operation::{
    Auth, BodyRef, Endpoint, FromAnswer, Method, NoBody, OperationSpec, ParamKind, ParamSpec,
    ReadBack, ResponseSpec, fill_path,
};
use crate::qualification::{CreateQualificationRequest, CreatedQualifications, Qualification};
use crate::validation::{Validate, ValidationContext, Violation, ViolationCode, Violations};
use crate::validation_code::ValidationCode;

const ALL_CLOUDS: &[Cloud] = &[Cloud::Public, Cloud::UsGovernment, Cloud::China];

const CUSTOMER_PARAM: ParamSpec = ParamSpec {
    name: "customerTenantId",
    description: "The customer's tenant id (a GUID).",
    kind: ParamKind::Guid,
    required: true,
};

/// The `404` of an operation on one customer.
const NO_SUCH_CUSTOMER: ResponseSpec = ResponseSpec {
    status: 404,
    description: "No such customer.",
    body: Some(BodyRef::Error),
};

const AGREEMENT_TYPES: &[&str] = &["MicrosoftCustomerAgreement", "MicrosoftCloudAgreement", "*"];

/// The `size` of a customer search: how many customers one answer holds at most. The service
/// documents the parameter without bounds: 1 to 1000 are the emulator's.
pub const PAGE_SIZE: ParamSpec = ParamSpec {
    name: "size",
    description: "Page size: at most this many customers (1 to 1000 in the emulator; \
        the service documents no bounds).",
    kind: ParamKind::Integer { min: 1, max: 1000 },
    required: false,
};

/// The table: for each operation its spec, its call type and what fills the call in. Generates
/// the spec constant, the type, its [`Endpoint`] implementation (the path filled from the spec's
/// template with the named fields, in order; the body and its validation from the `body` field;
/// the answer read by [`FromAnswer`] unless the entry says otherwise), [`OPERATIONS`] and
/// [`Operation`].
macro_rules! operations {
    (@body) => {
        type Body = NoBody;
    };
    (@body $Body:ty) => {
        type Body = $Body;
        fn body(&self) -> Option<&$Body> {
            Some(&self.body)
        }
        fn validate_with(&self, ctx: &ValidationContext) -> Result<(), Violations> {
            self.body.validate_with(ctx)
        }
    };
    ($(
        $(#[$spec_meta:meta])*
        $SPEC:ident = $spec:expr;
        $(#[$meta:meta])*
        pub struct $Name:ident $fields:tt
        output $Output:ty, path($($arg:ident),*) $(, body $Body:ty)?;
        { $($extra:tt)* }
    )*) => {
        $(
            $(#[$spec_meta])*
            pub const $SPEC: OperationSpec = $spec;

            // As many path arguments as the template has parameters.
            const _: () = assert!($SPEC.path_params.len() == <[&str]>::len(&[$(stringify!($arg)),*]));

            $(#[$meta])*
            pub struct $Name $fields

            impl Endpoint for $Name {
                operations!(@body $($Body)?);
                type Output = $Output;
                fn spec(&self) -> &'static OperationSpec {
                    &$SPEC
                }
                fn path(&self) -> String {
                    fill_path($SPEC.path, &[$(&self.$arg),*])
                }
                $($extra)*
            }
        )*

        /// Every operation, in the specification's order (reading a customer after creating
        /// one).
        pub const OPERATIONS: &[&OperationSpec] = &[$(&$SPEC),*];

        /// The name of each operation of the table, e.g. to match every operation exhaustively
        /// (the emulator builds its router that way).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Operation {
            $(
                #[doc = concat!("[`", stringify!($SPEC), "`], called with [`", stringify!($Name), "`].")]
                $Name,
            )*
        }

        impl Operation {
            /// Every operation, in the order of [`OPERATIONS`].
            pub const ALL: &[Operation] = &[$(Operation::$Name),*];

            /// Its spec.
            pub fn spec(self) -> &'static OperationSpec {
                match self {
                    $(Operation::$Name => &$SPEC,)*
                }
            }
        }
    };
}

operations! {
    /// 1. `POST /v1/customers`.
    CREATE_CUSTOMER = OperationSpec {
        id: "createCustomer",
        number: Some(1),
        summary: "Create a customer, for an indirect reseller when associatedPartnerId is set.",
        description: "Creates the customer's tenant. The 201 carries the new admin password (a secret). \
            For about 90 seconds afterwards the service may answer 404 for the new customer. \
            App-only tokens may create direct customers only.",
        method: Method::Post,
        path: "/v1/customers",
        path_params: &[],
        query_params: &[],
        request_body: Some(BodyRef::CustomerCreateRequest),
        responses: &[
            ResponseSpec {
                status: 201,
                description: "The customer was created.",
                body: Some(BodyRef::Customer),
            },
            ResponseSpec {
                status: 409,
                description: "The domain is already taken.",
                body: Some(BodyRef::Error),
            },
        ],
        idempotent: false,
        auth: Auth::AppAndUser,
        clouds: ALL_CLOUDS,
    };
    /// Call of [`CREATE_CUSTOMER`].
    #[derive(Debug, Clone, PartialEq)]
    pub struct CreateCustomer {
        /// The new customer.
        pub body: CreateCustomerRequest,
    }
    output Customer, path(), body CreateCustomerRequest;
    {
        /// App+User for a customer of an indirect reseller; a direct customer accepts App-only.
        fn auth(&self) -> Auth {
            match self.body.associated_partner_id {
                Some(_) => Auth::AppAndUser,
                None => Auth::AppOrAppAndUser,
            }
        }
    }

    /// `GET /v1/customers/{customerTenantId}`.
    GET_CUSTOMER = OperationSpec {
        id: "getCustomer",
        number: None,
        summary: "Read a customer.",
        description: "A customer created moments ago may answer 404 for about 90 seconds.",
        method: Method::Get,
        path: "/v1/customers/{customerTenantId}",
        path_params: &[CUSTOMER_PARAM],
        query_params: &[],
        request_body: None,
        responses: &[
            ResponseSpec {
                status: 200,
                description: "The customer.",
                body: Some(BodyRef::Customer),
            },
            ResponseSpec {
                status: 404,
                description: "No such customer (yet).",
                body: Some(BodyRef::Error),
            },
        ],
        idempotent: true,
        auth: Auth::AppOrAppAndUser,
        clouds: ALL_CLOUDS,
    };
    /// Call of [`GET_CUSTOMER`].
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct GetCustomer {
        /// The customer.
        pub customer: CustomerTenantId,
    }
    output Customer, path(customer);
    {}

    /// `GET /v1/customers?filter=…`: the partner's customers whose domain starts with a prefix.
    SEARCH_CUSTOMERS = OperationSpec {
        id: "searchCustomers",
        number: None,
        summary: "List the partner's customers whose domain starts with a prefix.",
        description: "The filter is the JSON object {\"Field\":\"Domain\",\"Value\":<prefix>,\"Operator\":\"starts_with\"}, \
            URL-encoded. Used to find the customer a retried create may already have made.",
        method: Method::Get,
        path: "/v1/customers",
        path_params: &[],
        query_params: &[
            ParamSpec {
                name: "filter",
                description: "JSON filter: {\"Field\":\"Domain\",\"Value\":\"contoso\",\"Operator\":\"starts_with\"} \
                    (Field Domain or CompanyName). Without it, every customer of the partner.",
                kind: ParamKind::CustomerFilter,
                required: false,
            },
            PAGE_SIZE,
        ],
        request_body: None,
        responses: &[ResponseSpec {
            status: 200,
            description: "The matching customers.",
            body: Some(BodyRef::CustomerCollection),
        }],
        idempotent: true,
        auth: Auth::AppOrAppAndUser,
        clouds: ALL_CLOUDS,
    };
    /// Call of [`SEARCH_CUSTOMERS`]: the partner's customers whose domain starts with a prefix.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct SearchCustomers {
        domain_prefix: String,
        /// Page size, when set.
        pub size: Option<u32>,
    }
    output Collection<Customer>, path();
    {
        fn query(&self) -> Vec<(&'static str, String)> {
            let mut q = vec![("filter", self.filter())];
            if let Some(size) = self.size {
                q.push(("size", size.to_string()));
            }
            q
        }
    }

    /// 2. `HEAD /v1/domains/{domain}`.
    CHECK_DOMAIN = OperationSpec {
        id: "checkDomain",
        number: Some(2),
        summary: "Check whether a domain is taken before creating a customer.",
        description: "200 means the domain is taken, 404 that it is free; both have an empty body.",
        method: Method::Head,
        path: "/v1/domains/{domain}",
        path_params: &[ParamSpec {
            name: "domain",
            description: "The domain to check, e.g. contoso.onmicrosoft.com.",
            kind: ParamKind::Domain,
            required: true,
        }],
        query_params: &[],
        request_body: None,
        responses: &[
            ResponseSpec {
                status: 200,
                description: "The domain is taken.",
                body: None,
            },
            ResponseSpec {
                status: 404,
                description: "The domain is free.",
                body: None,
            },
        ],
        idempotent: true,
        auth: Auth::AppOrAppAndUser,
        clouds: ALL_CLOUDS,
    };
    /// Call of [`CHECK_DOMAIN`]. The domain is checked when the value is built, so it can never
    /// change the request path.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct CheckDomain {
        domain: String,
    }
    output DomainAvailability, path(domain);
    {
        fn is_success(&self, status: u16) -> bool {
            status == 200 || status == 404
        }
    }

    /// 3. `GET /v1/agreements?agreementType=…`.
    GET_AGREEMENT_METADATA = OperationSpec {
        id: "getAgreementMetadata",
        number: Some(3),
        summary: "Get agreement metadata, to learn the template id of an agreement type.",
        description: "Without agreementType the service answers MicrosoftCloudAgreement: always send it. \
            Pick the item with the highest versionRank.",
        method: Method::Get,
        path: "/v1/agreements",
        path_params: &[],
        query_params: &[ParamSpec {
            name: "agreementType",
            description: "The agreement type; send MicrosoftCustomerAgreement for the MCA. Without it \
                the service answers MicrosoftCloudAgreement templates: always send it.",
            kind: ParamKind::OneOf(AGREEMENT_TYPES),
            required: false,
        }],
        request_body: None,
        responses: &[ResponseSpec {
            status: 200,
            description: "The templates of that type.",
            body: Some(BodyRef::AgreementMetadataCollection),
        }],
        idempotent: true,
        auth: Auth::AppAndUser,
        clouds: ALL_CLOUDS,
    };
    /// Call of [`GET_AGREEMENT_METADATA`]. The type is always sent.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct GetAgreementMetadata {
        /// Which agreement type to describe.
        pub agreement_type: AgreementType,
    }
    output Collection<AgreementMetadata>, path();
    {
        fn query(&self) -> Vec<(&'static str, String)> {
            vec![("agreementType", self.agreement_type.as_str().to_owned())]
        }
    }

    /// 4. `POST /v1/customers/{customerTenantId}/agreements`.
    CREATE_AGREEMENT = OperationSpec {
        id: "createCustomerAgreement",
        number: Some(4),
        summary: "Confirm that the customer accepted the Microsoft Customer Agreement.",
        description: "dateAgreed must not be in the future (600002). Confirming again with the same \
            contact fails with 600061 (isRetryable false); a changed contact creates a new record. \
            Not available in the US Government and 21Vianet clouds.",
        method: Method::Post,
        path: "/v1/customers/{customerTenantId}/agreements",
        path_params: &[CUSTOMER_PARAM],
        query_params: &[],
        request_body: Some(BodyRef::AgreementCreateRequest),
        responses: &[
            ResponseSpec {
                status: 201,
                description: "The confirmation was recorded.",
                body: Some(BodyRef::Agreement),
            },
            NO_SUCH_CUSTOMER,
            ResponseSpec {
                status: 409,
                description: "600061: an agreement with the same contact already exists.",
                body: Some(BodyRef::Error),
            },
        ],
        idempotent: false,
        auth: Auth::AppAndUser,
        clouds: &[Cloud::Public],
    };
    /// Call of [`CREATE_AGREEMENT`].
    #[derive(Debug, Clone, PartialEq)]
    pub struct CreateAgreement {
        /// The customer.
        pub customer: CustomerTenantId,
        /// The confirmation.
        pub body: CreateAgreementRequest,
    }
    output Agreement, path(customer), body CreateAgreementRequest;
    {}

    /// 5. `GET /v1/customers/{customerTenantId}/agreements`.
    LIST_AGREEMENTS = OperationSpec {
        id: "listCustomerAgreements",
        number: Some(5),
        summary: "List a customer's confirmed agreements.",
        description: "Optionally filtered by agreementType.",
        method: Method::Get,
        path: "/v1/customers/{customerTenantId}/agreements",
        path_params: &[CUSTOMER_PARAM],
        query_params: &[ParamSpec {
            name: "agreementType",
            description: "Only agreements of this type.",
            kind: ParamKind::OneOf(AGREEMENT_TYPES),
            required: false,
        }],
        request_body: None,
        responses: &[
            ResponseSpec {
                status: 200,
                description: "The agreements.",
                body: Some(BodyRef::AgreementCollection),
            },
            NO_SUCH_CUSTOMER,
        ],
        idempotent: true,
        auth: Auth::AppOrAppAndUser,
        clouds: ALL_CLOUDS,
    };
    /// Call of [`LIST_AGREEMENTS`].
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct ListAgreements {
        /// The customer.
        pub customer: CustomerTenantId,
        /// Only agreements of this type, when set.
        pub agreement_type: Option<AgreementType>,
    }
    output Collection<Agreement>, path(customer);
    {
        fn query(&self) -> Vec<(&'static str, String)> {
            self.agreement_type
                .iter()
                .map(|t| ("agreementType", t.as_str().to_owned()))
                .collect()
        }
    }

    /// 6. `POST /v1/customers/{customerTenantId}/qualifications`.
    CREATE_QUALIFICATION = OperationSpec {
        id: "createCustomerQualification",
        number: Some(6),
        summary: "Create a qualification (Education, GovernmentCommunityCloud, StateOwnedEntity).",
        description: "Vetting runs asynchronously: the answer says InReview, and the list tells when it \
            is Approved or Denied. Documented as 201 with the qualification; a reference page says 200 \
            with {qualifications: [...]}: any 2xx and both shapes are accepted.",
        method: Method::Post,
        path: "/v1/customers/{customerTenantId}/qualifications",
        path_params: &[CUSTOMER_PARAM],
        query_params: &[],
        request_body: Some(BodyRef::QualificationCreateRequest),
        responses: &[
            ResponseSpec {
                status: 201,
                description: "The qualification was created (the documented answer, and the emulator's).",
                body: Some(BodyRef::Qualification),
            },
            ResponseSpec {
                status: 200,
                description: "The qualification was created: the customer's qualifications, the new \
                    one among them, as one reference page shows the answer.",
                body: Some(BodyRef::QualificationsEnvelope),
            },
            NO_SUCH_CUSTOMER,
            ResponseSpec {
                status: 409,
                description: "The customer already has a qualification of that kind (the emulator's \
                    answer; the service's is undocumented).",
                body: Some(BodyRef::Error),
            },
        ],
        idempotent: false,
        auth: Auth::AppAndUser,
        clouds: ALL_CLOUDS,
    };
    /// Call of [`CREATE_QUALIFICATION`].
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct CreateQualification {
        /// The customer.
        pub customer: CustomerTenantId,
        /// What to request.
        pub body: CreateQualificationRequest,
    }
    output Qualification, path(customer), body CreateQualificationRequest;
    {
        /// Reads the single object or the `{qualifications: [...]}` shape; from a list, the entry
        /// of the requested kind. An empty list is reported as a missing `qualifications` entry.
        fn decode(&self, _status: u16, body: &[u8]) -> Result<Qualification, DecodeError> {
            let created = CreatedQualifications::decode(body)?;
            created.into_created(&self.body.kind()).ok_or_else(|| {
                DecodeError::new(
                    "/qualifications",
                    "the service answered an empty `qualifications` list",
                    DecodeErrorKind::MissingField,
                )
            })
        }
    }

    /// 7. `GET /v1/customers/{customerTenantId}/qualifications`.
    LIST_QUALIFICATIONS = OperationSpec {
        id: "listCustomerQualifications",
        number: Some(7),
        summary: "List a customer's qualifications and their vetting status.",
        description: "The answer is a bare JSON array.",
        method: Method::Get,
        path: "/v1/customers/{customerTenantId}/qualifications",
        path_params: &[CUSTOMER_PARAM],
        query_params: &[],
        request_body: None,
        responses: &[
            ResponseSpec {
                status: 200,
                description: "The qualifications.",
                body: Some(BodyRef::QualificationList),
            },
            NO_SUCH_CUSTOMER,
        ],
        idempotent: true,
        auth: Auth::AppOrAppAndUser,
        clouds: ALL_CLOUDS,
    };
    /// Call of [`LIST_QUALIFICATIONS`]. Reads the documented bare array, or a collection object.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct ListQualifications {
        /// The customer.
        pub customer: CustomerTenantId,
    }
    output Vec<Qualification>, path(customer);
    {}

    /// 8. `GET /v1/customers/all/validations`.
    LIST_VALIDATION_CODES = OperationSpec {
        id: "listValidationCodes",
        number: Some(8),
        summary: "List the partner's Government Community Cloud validation codes.",
        description: "A code's validationId is what a GovernmentCommunityCloud qualification request \
            sends as validationCode.",
        method: Method::Get,
        path: "/v1/customers/all/validations",
        path_params: &[],
        query_params: &[],
        request_body: None,
        responses: &[ResponseSpec {
            status: 200,
            description: "The validation codes.",
            body: Some(BodyRef::ValidationCodeList),
        }],
        idempotent: true,
        auth: Auth::AppAndUser,
        clouds: ALL_CLOUDS,
    };
    /// Call of [`LIST_VALIDATION_CODES`]. Reads a bare array, or a collection object.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct ListValidationCodes;
    output Vec<ValidationCode>, path();
    {}
}

impl SearchCustomers {
    /// Customers whose domain starts with `prefix` (for an exact domain, pass the whole domain
    /// and compare the results).
    ///
    /// # Errors
    /// A violation at `/domain` when `prefix` is empty or longer than 253 characters.
    pub fn by_domain_prefix(prefix: impl Into<String>) -> Result<Self, Violations> {
        let domain_prefix = prefix.into();
        if domain_prefix.trim().is_empty() || domain_prefix.len() > 253 {
            return Err(Violation::new(
                "/domain",
                ViolationCode::Domain,
                "must be a non-empty domain prefix of at most 253 characters",
            )
            .into());
        }
        Ok(Self {
            domain_prefix,
            size: None,
        })
    }

    /// The prefix searched for.
    pub fn domain_prefix(&self) -> &str {
        &self.domain_prefix
    }

    /// The `filter` query value.
    pub fn filter(&self) -> String {
        CustomerFilter::domain_prefix(self.domain_prefix.as_str()).to_string()
    }

    /// Of a search's answer, the partner's customer with exactly `domain` (any case) that is not
    /// recorded for another reseller than `reseller` (a customer recorded for no reseller, or
    /// `reseller` being `None`, matches): the customer a create of `domain` for `reseller` made.
    pub fn exact(
        found: Collection<Customer>,
        domain: &str,
        reseller: Option<ResellerTenantId>,
    ) -> Option<Customer> {
        found.items.into_iter().find(|c| {
            c.domain().is_some_and(|d| d.eq_ignore_ascii_case(domain))
                && match (reseller, c.associated_partner_id) {
                    (Some(wanted), Some(actual)) => wanted == actual,
                    _ => true,
                }
        })
    }
}

/// The customer with the request's domain, for its reseller.
impl ReadBack for CreateCustomer {
    type Read = SearchCustomers;
    fn read_back(&self) -> Result<SearchCustomers, Violations> {
        SearchCustomers::by_domain_prefix(&self.body.company_profile.domain)
    }
    fn find(&self, found: Collection<Customer>) -> Option<Customer> {
        let body = &self.body;
        SearchCustomers::exact(
            found,
            &body.company_profile.domain,
            body.associated_partner_id,
        )
    }
}

/// The latest Microsoft Customer Agreement confirmation with the same template and contact
/// (`agreementType` is sent: without it the service lists cloud agreements only).
impl ReadBack for CreateAgreement {
    type Read = ListAgreements;
    fn read_back(&self) -> Result<ListAgreements, Violations> {
        Ok(ListAgreements {
            customer: self.customer,
            agreement_type: Some(AgreementType::MicrosoftCustomerAgreement),
        })
    }
    fn find(&self, found: Collection<Agreement>) -> Option<Agreement> {
        found
            .items
            .into_iter()
            .rev()
            .find(|a| a.matches(&self.body))
    }
}

/// The latest qualification of the same kind.
impl ReadBack for CreateQualification {
    type Read = ListQualifications;
    fn read_back(&self) -> Result<ListQualifications, Violations> {
        Ok(ListQualifications {
            customer: self.customer,
        })
    }
    fn find(&self, found: Vec<Qualification>) -> Option<Qualification> {
        let kind = self.body.kind();
        found
            .into_iter()
            .rev()
            .find(|q| q.qualification.as_ref() == Some(&kind))
    }
}

/// Whether a domain can be used for a new customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DomainAvailability {
    /// Nobody uses it (`404`).
    Available,
    /// A tenant uses it (`200`).
    Taken,
}

/// Read from the status of [`CHECK_DOMAIN`]'s answer: `404` available, anything else taken.
impl FromAnswer for DomainAvailability {
    fn from_answer(status: u16, _body: &[u8]) -> Result<Self, DecodeError> {
        Ok(if status == 404 {
            DomainAvailability::Available
        } else {
            DomainAvailability::Taken
        })
    }
}

static DOMAIN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")
        .expect("static pattern compiles")
});

impl CheckDomain {
    /// A domain check.
    ///
    /// # Errors
    /// A violation at `/domain` unless `domain` is a DNS name: dot-separated labels of letters,
    /// digits and inner hyphens, at most 253 characters. This refuses anything that could alter
    /// the request (`/`, `?`, `#`, `%`, `..`, spaces).
    pub fn new(domain: impl Into<String>) -> Result<Self, Violations> {
        let domain = domain.into();
        if domain.len() > 253 || !DOMAIN_NAME.is_match(&domain) {
            return Err(Violation::new(
                "/domain",
                ViolationCode::Domain,
                "must be a domain name such as contoso.onmicrosoft.com",
            )
            .into());
        }
        Ok(Self { domain })
    }

    /// The domain.
    pub fn domain(&self) -> &str {
        &self.domain
    }
}

impl GetAgreementMetadata {
    /// The Microsoft Customer Agreement's metadata.
    pub fn customer_agreement() -> Self {
        Self {
            agreement_type: AgreementType::MicrosoftCustomerAgreement,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_ids_and_paths_are_unique() {
        let mut ids: Vec<_> = OPERATIONS.iter().map(|o| o.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), OPERATIONS.len());
        for op in OPERATIONS {
            for p in op.path_params {
                assert!(op.path.contains(&format!("{{{}}}", p.name)), "{}", op.id);
            }
            assert_eq!(
                op.path.matches('{').count(),
                op.path_params.len(),
                "{}",
                op.id
            );
            assert_eq!(op.idempotent, op.method != Method::Post, "{}", op.id);
            assert!(op.responses[0].status < 300);
        }
    }

    #[test]
    fn the_names_list_the_table() {
        let specs: Vec<_> = Operation::ALL.iter().map(|o| o.spec()).collect();
        assert_eq!(specs, OPERATIONS);
    }

    #[test]
    fn domain_check_refuses_path_injection() {
        for bad in [
            "a/b",
            "a?b",
            "a#b",
            "..",
            ".",
            "",
            "a..b",
            "a b",
            "a%2Fb",
            "-a.com",
            &"a".repeat(254),
        ] {
            assert!(CheckDomain::new(bad).is_err(), "{bad}");
        }
        let ok = CheckDomain::new("Contoso.onmicrosoft.com").unwrap();
        assert_eq!(ok.path(), "/v1/domains/Contoso.onmicrosoft.com");
        assert!(ok.is_success(404) && ok.is_success(200) && !ok.is_success(500));
        assert_eq!(ok.decode(404, b"").unwrap(), DomainAvailability::Available);
        assert_eq!(ok.decode(200, b"").unwrap(), DomainAvailability::Taken);
    }

    #[test]
    fn paths_and_queries() {
        let customer: CustomerTenantId = "626099fe-17af-4756-9fd0-6a73b7127859".parse().unwrap();
        let list = ListAgreements {
            customer,
            agreement_type: Some(AgreementType::MicrosoftCustomerAgreement),
        };
        assert_eq!(
            list.path(),
            "/v1/customers/626099fe-17af-4756-9fd0-6a73b7127859/agreements"
        );
        assert_eq!(
            list.query(),
            vec![("agreementType", "MicrosoftCustomerAgreement".to_owned())]
        );
        assert!(
            ListAgreements {
                customer,
                agreement_type: None
            }
            .query()
            .is_empty()
        );
        assert_eq!(
            GetAgreementMetadata::customer_agreement().query(),
            vec![("agreementType", "MicrosoftCustomerAgreement".to_owned())]
        );
        let q = CreateQualification {
            customer,
            body: CreateQualificationRequest::StateOwnedEntity,
        };
        assert!(q.decode(201, br#"{"qualifications":[]}"#).is_err());
        assert!(
            q.decode(201, br#"{"qualification":"StateOwnedEntity"}"#)
                .is_ok()
        );
    }
}
