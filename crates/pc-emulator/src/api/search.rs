//! `GET /v1/customers?filter=…&size=N`: the partner's customers whose domain (or company name)
//! starts with a prefix, which a client uses to find the customer a retried create may already
//! have made.

use std::sync::Arc;

use axum::Extension;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use pc_model::operations::SEARCH_CUSTOMERS;
use pc_model::{Collection, Customer};
use tokio::time::Instant;

use super::{json, query_param};
use crate::app::Shared;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::lock;

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
    let size = match query_param(&query, "size") {
        None => 200,
        Some(s) => s
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=1000).contains(n))
            .ok_or_else(|| ApiError::invalid_input("size must be a number from 1 to 1000."))?,
    };
    let filter = query_param(&query, "filter")
        .map(Filter::parse)
        .transpose()?;
    let store = lock(&shared.store);
    let mut items = store.customers_of(caller.tenant, Instant::now(), |c| {
        filter.as_ref().is_none_or(|f| f.keeps(c))
    });
    drop(store);
    items.truncate(size);
    Ok(json(StatusCode::OK, &Collection::of(items)))
}

/// A customer search filter.
#[derive(Debug)]
struct Filter {
    by_company_name: bool,
    prefix: String,
}

impl Filter {
    fn parse(text: &str) -> Result<Self, ApiError> {
        let bad = |why: &str| {
            ApiError::invalid_input(format!(
                "The filter is invalid: {why}. Send {{\"Field\":\"Domain\",\"Value\":\"<prefix>\",\"Operator\":\"starts_with\"}}."
            ))
        };
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|_| bad("it is not JSON"))?;
        let object = value
            .as_object()
            .ok_or_else(|| bad("it is not an object"))?;
        let get = |name: &str| {
            object
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .and_then(|(_, v)| v.as_str())
        };
        let by_company_name = match get("Field") {
            Some(f) if f.eq_ignore_ascii_case("Domain") => false,
            Some(f) if f.eq_ignore_ascii_case("CompanyName") => true,
            _ => return Err(bad("Field must be Domain or CompanyName")),
        };
        if !get("Operator").is_some_and(|o| o.eq_ignore_ascii_case("starts_with")) {
            return Err(bad("Operator must be starts_with"));
        }
        let prefix = get("Value")
            .filter(|v| !v.trim().is_empty())
            .ok_or_else(|| bad("Value must be a non-empty string"))?
            .to_lowercase();
        Ok(Self {
            by_company_name,
            prefix,
        })
    }

    fn keeps(&self, customer: &Customer) -> bool {
        let text = if self.by_company_name {
            customer
                .company_profile
                .as_ref()
                .and_then(|p| p.company_name.as_deref())
        } else {
            customer.domain()
        };
        text.is_some_and(|t| t.to_lowercase().starts_with(&self.prefix))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters() {
        let f = Filter::parse(r#"{"Field":"Domain","Value":"Wing","Operator":"starts_with"}"#);
        let f = f.ok();
        let customer = Customer {
            company_profile: Some(pc_model::CompanyProfile {
                domain: Some("wingtip.onmicrosoft.com".to_owned()),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert!(f.is_some_and(|f| f.keeps(&customer)));
        for bad in [
            "nope",
            "[]",
            r#"{"Field":"Email","Value":"a","Operator":"starts_with"}"#,
            r#"{"Field":"Domain","Value":"a","Operator":"equals"}"#,
            r#"{"Field":"Domain","Value":"","Operator":"starts_with"}"#,
        ] {
            assert!(Filter::parse(bad).is_err(), "{bad}");
        }
    }
}
