//! `GET /v1/customers?filter=…&size=N`: the partner's customers whose domain (or company name)
//! starts with a prefix, which a client uses to find the customer a retried create may already
//! have made.

use std::sync::Arc;

use axum::Extension;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use pc_model::operation::ParamKind;
use pc_model::operations::{PAGE_SIZE, SEARCH_CUSTOMERS};
use pc_model::{Collection, Customer, CustomerFilter, CustomerFilterField};
use tokio::time::Instant;

use super::{json, query_param};
use crate::app::Shared;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::lock;

/// How many customers an answer holds without `size` (the emulator's choice).
const DEFAULT_PAGE_SIZE: usize = 200;

/// The bounds of `size`, from [`PAGE_SIZE`].
const PAGE_SIZES: (usize, usize) = match PAGE_SIZE.kind {
    ParamKind::Integer { min, max } => (min as usize, max as usize),
    _ => (1, 1),
};

/// `GET /v1/customers?filter={"Field":"Domain","Value":"contoso","Operator":"starts_with"}&size=N`:
/// the partner's visible customers whose domain (or `CompanyName`) starts with the value,
/// case-insensitively. Without a filter, every customer. At most `size` (default 200) items.
pub(crate) async fn search(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response, ApiError> {
    caller.require(&SEARCH_CUSTOMERS)?;
    let Query(query) =
        query.map_err(|e| ApiError::invalid_input(format!("The query is invalid: {e}")))?;
    let size = match query_param(&query, PAGE_SIZE.name) {
        None => DEFAULT_PAGE_SIZE,
        Some(s) => s
            .parse::<usize>()
            .ok()
            .filter(|n| (PAGE_SIZES.0..=PAGE_SIZES.1).contains(n))
            .ok_or_else(|| {
                ApiError::invalid_input(format!(
                    "size must be a number from {} to {}.",
                    PAGE_SIZES.0, PAGE_SIZES.1
                ))
            })?,
    };
    let filter = query_param(&query, "filter")
        .map(parse_filter)
        .transpose()?;
    let now = Instant::now();
    let store = lock(&shared.store);
    let items = match &filter {
        // Through the domain index: only the matching customers are read. The prefix is
        // lowercased as `CustomerFilter::matches` lowercases it; the index holds lowercase domains.
        Some(f) if matches!(f.field, CustomerFilterField::Domain) => {
            store.customers_with_domain_prefix(caller.tenant, now, &f.value.to_lowercase(), size)
        }
        _ => store.customers_of(caller.tenant, now, size, |c| {
            filter.as_ref().is_none_or(|f| keeps(f, c))
        }),
    };
    drop(store);
    Ok(json(StatusCode::OK, &Collection::of(items)))
}

/// A customer search filter as pc-model reads it ([`CustomerFilter`]): only the documented
/// form. What the service does with other keys or spellings is undocumented; refusing them
/// with `800002`, naming the key, is the emulator's choice.
fn parse_filter(text: &str) -> Result<CustomerFilter, ApiError> {
    CustomerFilter::parse(text).map_err(|violations| {
        ApiError::invalid_input(format!(
            "The filter is invalid: {violations}. Send {{\"Field\":\"Domain\",\"Value\":\"<prefix>\",\"Operator\":\"starts_with\"}}."
        ))
    })
}

/// Whether `customer` passes `filter`: its domain or company name starts with the value,
/// ignoring case.
fn keeps(filter: &CustomerFilter, customer: &Customer) -> bool {
    let text = match filter.field {
        CustomerFilterField::Domain => customer.domain(),
        CustomerFilterField::CompanyName => customer
            .company_profile
            .as_ref()
            .and_then(|p| p.company_name.as_deref()),
    };
    text.is_some_and(|t| filter.matches(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters() {
        let f = parse_filter(r#"{"Field":"Domain","Value":"Wing","Operator":"starts_with"}"#);
        let f = f.ok();
        let mut company = pc_model::CompanyProfile::default();
        company.domain = Some("wingtip.onmicrosoft.com".to_owned());
        let mut customer = Customer::default();
        customer.company_profile = Some(company);
        assert!(f.is_some_and(|f| keeps(&f, &customer)));
        for bad in [
            "nope",
            "[]",
            r#"{"Field":"Email","Value":"a","Operator":"starts_with"}"#,
            r#"{"Field":"Domain","Value":"a","Operator":"equals"}"#,
            r#"{"Field":"Domain","Value":"","Operator":"starts_with"}"#,
            r#"{"Field":"Domain","Value":"a","Operator":"starts_with","Size":1}"#,
            r#"{"field":"Domain","Value":"a","Operator":"starts_with"}"#,
        ] {
            assert!(parse_filter(bad).is_err(), "{bad}");
        }
    }
}
