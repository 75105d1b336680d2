//! The token endpoints, shaped like Microsoft Entra ID's:
//!
//! - `POST /{tenant}/oauth2/token` (v1): form `grant_type`, `client_id`, `client_secret`,
//!   `resource`, and `refresh_token` for that grant; `expires_in` is a **string** (`"3599"`).
//! - `POST /{tenant}/oauth2/v2.0/token` (v2): `scope` instead of `resource`; `expires_in` is a
//!   **number**.
//!
//! `{tenant}` is the partner tenant id, `common` or `organizations`. `client_credentials` issues
//! an App-only token; `refresh_token` issues an App+User token **and a new refresh token**: the
//! one presented stops working (rotation). Failures answer the OAuth error shape
//! `{"error": …, "error_description": "AADSTS…: …", "error_codes": […], …}`:
//!
//! | status | `error` | when |
//! |---|---|---|
//! | 400 | `invalid_request` | unknown tenant, body not a form, a required parameter missing |
//! | 400 | `unsupported_grant_type` | another grant type |
//! | 400 | `unauthorized_client` | unknown `client_id` |
//! | 401 | `invalid_client` | wrong or missing `client_secret` |
//! | 400 | `invalid_grant` | unknown or already redeemed refresh token |

use std::sync::Arc;

use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use crate::app::Shared;
use crate::config::AccessKind;
use crate::lock;

/// The form of a token request; every field may be missing.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct TokenForm {
    grant_type: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
    resource: Option<String>,
    scope: Option<String>,
    refresh_token: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    V1,
    V2,
}

/// `POST /{tenant}/oauth2/token`.
pub(crate) async fn token_v1(
    State(shared): State<Arc<Shared>>,
    Path(tenant): Path<String>,
    form: Result<Form<TokenForm>, FormRejection>,
) -> Response {
    token(&shared, &tenant, form, Version::V1)
}

/// `POST /{tenant}/oauth2/v2.0/token`.
pub(crate) async fn token_v2(
    State(shared): State<Arc<Shared>>,
    Path(tenant): Path<String>,
    form: Result<Form<TokenForm>, FormRejection>,
) -> Response {
    token(&shared, &tenant, form, Version::V2)
}

fn oauth_error(status: StatusCode, error: &str, aadsts: u32, description: &str) -> Response {
    let body = json!({
        "error": error,
        "error_description": format!("AADSTS{aadsts}: {description}"),
        "error_codes": [aadsts],
        "timestamp": chrono::Utc::now().format("%Y-%m-%d %H:%M:%SZ").to_string(),
        "trace_id": Uuid::new_v4().to_string(),
        "correlation_id": Uuid::new_v4().to_string(),
    });
    (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body.to_string(),
    )
        .into_response()
}

fn missing(name: &str) -> Response {
    oauth_error(
        StatusCode::BAD_REQUEST,
        "invalid_request",
        900_144,
        &format!("The request body must contain the following parameter: '{name}'."),
    )
}

fn token(
    shared: &Shared,
    tenant: &str,
    form: Result<Form<TokenForm>, FormRejection>,
    version: Version,
) -> Response {
    let config = &shared.config;
    let known_tenant = tenant.eq_ignore_ascii_case("common")
        || tenant.eq_ignore_ascii_case("organizations")
        || Uuid::parse_str(tenant).is_ok_and(|t| t == config.partner_tenant_id);
    if !known_tenant {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            90_002,
            "Tenant not found. Use the partner tenant id, common or organizations.",
        );
    }
    let Ok(Form(form)) = form else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            900_144,
            "The request body must be application/x-www-form-urlencoded.",
        );
    };
    let Some(grant) = form.grant_type.as_deref() else {
        return missing("grant_type");
    };
    let kind = match grant {
        "client_credentials" => AccessKind::AppOnly,
        "refresh_token" => AccessKind::AppAndUser,
        _ => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                70_003,
                "The app requested an unsupported grant type.",
            );
        }
    };
    let Some(client_id) = form.client_id.as_deref() else {
        return missing("client_id");
    };
    if client_id != config.client_id {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "unauthorized_client",
            700_016,
            "Application with the given identifier was not found in the directory.",
        );
    }
    if form.client_secret.as_deref() != Some(config.client_secret.as_str()) {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            7_000_215,
            "Invalid client secret provided.",
        );
    }
    let audience = match version {
        Version::V1 => ("resource", form.resource.as_deref()),
        Version::V2 => ("scope", form.scope.as_deref()),
    };
    let Some(audience_value) = audience.1.filter(|a| !a.trim().is_empty()) else {
        return missing(audience.0);
    };
    let refresh = match kind {
        AccessKind::AppOnly => None,
        AccessKind::AppAndUser => {
            let Some(presented) = form.refresh_token.as_deref() else {
                return missing("refresh_token");
            };
            let Some(next) = lock(&shared.tokens).rotate_refresh(presented) else {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    70_000,
                    "The provided refresh token is invalid, expired or was already redeemed.",
                );
            };
            Some(next)
        }
    };
    let access = shared.issue_token(kind);
    let secs = config.token_lifetime.as_secs();
    let now_unix = chrono::Utc::now().timestamp();
    let mut body = match version {
        Version::V1 => json!({
            "token_type": "Bearer",
            "expires_in": secs.to_string(),
            "ext_expires_in": secs.to_string(),
            "expires_on": now_unix
                .saturating_add(i64::try_from(secs).unwrap_or(i64::MAX))
                .to_string(),
            "not_before": now_unix.to_string(),
            "resource": audience_value,
            "access_token": access,
        }),
        Version::V2 => json!({
            "token_type": "Bearer",
            "scope": audience_value,
            "expires_in": secs,
            "ext_expires_in": secs,
            "access_token": access,
        }),
    };
    if let (Some(refresh), Some(object)) = (refresh, body.as_object_mut()) {
        object.insert("refresh_token".into(), refresh.into());
    }
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store, no-cache"),
        ],
        body.to_string(),
    )
        .into_response()
}
