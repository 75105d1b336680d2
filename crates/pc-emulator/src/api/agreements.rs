//! `GET /v1/agreements`, `POST` and `GET /v1/customers/{id}/agreements`.

use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use pc_model::operations::{CREATE_AGREEMENT, GET_AGREEMENT_METADATA, LIST_AGREEMENTS};
use pc_model::{
    Agreement, AgreementMetadata, AgreementType, Collection, Contact, CreateAgreementRequest,
    TemplateId,
};
use tokio::time::Instant;
use uuid::Uuid;

use super::{customer_id, json, query_param, write_to_customer};
use crate::app::Shared;
use crate::auth::{Caller, Needs};
use crate::error::ApiError;
use crate::lock;
use crate::snapshot::bump;

/// The Microsoft Customer Agreement's template (the documented one); the only template a
/// confirmation accepts.
pub const MCA_TEMPLATE_ID: TemplateId =
    TemplateId::new(Uuid::from_u128(0x117a77b0_9360_443b_8795_c6dedc750cf9));
/// The Microsoft Cloud Agreement's template (as recorded from the service); listed, not accepted
/// for confirmations.
pub const CLOUD_AGREEMENT_TEMPLATE_ID: TemplateId =
    TemplateId::new(Uuid::from_u128(0x998b88de_aa99_4388_a42c_1b3517d49490));

/// The agreement types `agreementType` selects: absent means the cloud agreement and `*` every
/// type, as Microsoft documents for both agreement routes; an unknown type selects none.
fn selected(query: Option<&str>) -> Vec<AgreementType> {
    match query {
        None => vec![AgreementType::MicrosoftCloudAgreement],
        Some("*") => vec![
            AgreementType::MicrosoftCustomerAgreement,
            AgreementType::MicrosoftCloudAgreement,
        ],
        Some(t) if t.eq_ignore_ascii_case("MicrosoftCustomerAgreement") => {
            vec![AgreementType::MicrosoftCustomerAgreement]
        }
        Some(t) if t.eq_ignore_ascii_case("MicrosoftCloudAgreement") => {
            vec![AgreementType::MicrosoftCloudAgreement]
        }
        Some(_) => Vec::new(),
    }
}

fn metadata_of(kind: &AgreementType) -> AgreementMetadata {
    let (template, link) = match kind {
        AgreementType::MicrosoftCustomerAgreement => {
            (MCA_TEMPLATE_ID, "https://aka.ms/customeragreement")
        }
        _ => (
            CLOUD_AGREEMENT_TEMPLATE_ID,
            "https://docs.microsoft.com/en-us/partner-center/agreements",
        ),
    };
    let mut metadata = AgreementMetadata::default();
    metadata.template_id = Some(template);
    metadata.agreement_type = Some(kind.clone());
    metadata.agreement_link = Some(link.to_owned());
    metadata.version_rank = Some(0);
    metadata
}

fn query_of(
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Vec<(String, String)>, ApiError> {
    query
        .map(|Query(q)| q)
        .map_err(|e| ApiError::invalid_input(format!("The query is invalid: {e}")))
}

/// `GET /v1/agreements?agreementType=…`.
pub(crate) async fn metadata(
    Extension(caller): Extension<Caller>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response, ApiError> {
    caller.require(&GET_AGREEMENT_METADATA)?;
    let query = query_of(query)?;
    let items = selected(query_param(&query, "agreementType"))
        .iter()
        .map(metadata_of)
        .collect();
    let mut collection = Collection::of(items);
    collection.links = Some(super::self_link("/agreements".to_owned()));
    Ok(json(StatusCode::OK, &collection))
}

/// `POST /v1/customers/{id}/agreements`: `404` for an unknown customer, then the body
/// (`600002`, `800002`), the template (`800002` unless the MCA template), a duplicate (`600061`).
pub(crate) async fn create(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    Path(raw): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let needs = Needs::of(&CREATE_AGREEMENT);
    let (store, agreement) = write_to_customer(
        &shared,
        caller,
        needs,
        &raw,
        &body,
        |record, request: CreateAgreementRequest, _| {
            if request.template_id != MCA_TEMPLATE_ID {
                return Err(ApiError::invalid_input(format!(
                    "templateId {} is not the template of the Microsoft Customer Agreement ({MCA_TEMPLATE_ID}); read it from GET /v1/agreements?agreementType=MicrosoftCustomerAgreement.",
                    request.template_id
                )));
            }
            if record.agreements.iter().any(|a| a.matches(&request)) {
                return Err(ApiError::agreement_exists());
            }
            let mut agreement = Agreement::default();
            agreement.user_id = Some(caller.user.to_string());
            agreement.primary_contact = Some(Contact::from(&request.primary_contact));
            agreement.template_id = Some(request.template_id);
            agreement.date_agreed = Some(request.date_agreed);
            agreement.agreement_type = Some(AgreementType::MicrosoftCustomerAgreement);
            record.agreements.push(agreement.clone());
            Ok(agreement)
        },
    )?;
    drop(store);
    bump(&shared.counters.agreements_created);
    Ok(needs.on(json(StatusCode::CREATED, &agreement)))
}

/// `GET /v1/customers/{id}/agreements?agreementType=…`: the confirmed agreements of the type
/// (`*` for every type). Without `agreementType` only MicrosoftCloudAgreement records, as
/// Microsoft's "get confirmation of customer agreement" page documents: a check for a confirmed
/// Microsoft Customer Agreement must send the type.
pub(crate) async fn list(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    Path(raw): Path<String>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response, ApiError> {
    caller.require(&LIST_AGREEMENTS)?;
    let id = customer_id(&raw)?;
    let query = query_of(query)?;
    let wanted = selected(query_param(&query, "agreementType"));
    let mut store = lock(&shared.store);
    let record = store
        .customer_mut(caller.tenant, id, Instant::now())
        .ok_or_else(|| ApiError::customer_not_found(&raw))?;
    let items: Vec<Agreement> = record
        .agreements
        .iter()
        .filter(|a| {
            a.agreement_type
                .as_ref()
                .is_some_and(|t| wanted.contains(t))
        })
        .cloned()
        .collect();
    drop(store);
    Ok(json(StatusCode::OK, &Collection::of(items)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_type_means_the_cloud_agreement() {
        assert_eq!(selected(None), vec![AgreementType::MicrosoftCloudAgreement]);
        assert_eq!(selected(Some("*")).len(), 2);
        assert!(selected(Some("All")).is_empty(), "not a documented value");
        assert!(selected(Some("Other")).is_empty());
        assert_eq!(
            metadata_of(&AgreementType::MicrosoftCustomerAgreement).template_id,
            Some(MCA_TEMPLATE_ID)
        );
        assert_eq!(
            MCA_TEMPLATE_ID.to_string(),
            "117a77b0-9360-443b-8795-c6dedc750cf9"
        );
    }
}
