//! The router is built from `pc-model`'s operation table: every operation answers at its path
//! and method, with its handler rather than the "no route" or "method not allowed" fallbacks.

use pc_emulator::{DEFAULT_APP_USER_TOKEN, codes};
use pc_model::operation::Method;
use pc_model::operations::Operation;
use serde_json::json;

use crate::common::{Env, read};

#[tokio::test]
async fn every_operation_of_the_table_is_served() {
    let env = Env::new().await;
    let id = env.create_customer("routes.onmicrosoft.com").await;
    for op in Operation::ALL {
        let spec = op.spec();
        let path = spec
            .path
            .replace("{customerTenantId}", &id)
            .replace("{domain}", "routes.onmicrosoft.com");
        let request = match spec.method {
            Method::Post => env.post(&path, &json!({})),
            Method::Get => env.get(&path),
            Method::Head => env
                .http
                .head(env.url(&path))
                .bearer_auth(DEFAULT_APP_USER_TOKEN),
        };
        let (status, body) = read(request.send().await.unwrap()).await;
        assert_ne!(status.as_u16(), 405, "{}: {body}", spec.id);
        assert_ne!(body["code"], json!(codes::NOT_FOUND), "{}: {body}", spec.id);
        assert_ne!(
            body["code"],
            json!(codes::METHOD_NOT_ALLOWED),
            "{}: {body}",
            spec.id
        );
        // The reads succeed (the domain is taken: `200`); a body-less `HEAD` shows a missing
        // route only by its status.
        if spec.method != Method::Post {
            assert!(status.is_success(), "{}: {status} {body}", spec.id);
        }
    }
}
