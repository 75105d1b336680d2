//! The request on the wire: the URL (which cannot leave the base URL), the headers, and reading
//! the answer within a size limit.

use bytes::Bytes;
use pc_model::operation::Endpoint;
use reqwest::header::{self, HeaderMap, HeaderValue};

use crate::attempt::AttemptArgs;
use crate::credential::AccessToken;
use crate::error::Error;
use crate::headers::id_headers;
use crate::transport::Transport;

/// An answer read off the wire.
pub(crate) struct RawResponse {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

/// Why an attempt got no answer.
pub(crate) enum SendFailure {
    /// Connecting failed: nothing was sent.
    Connect(reqwest::Error),
    /// The connection failed after the request may have gone out.
    Lost(reqwest::Error),
    /// The answer was larger than allowed.
    TooLarge(usize),
}

impl Transport {
    pub(crate) fn url_for<E: Endpoint>(&self, endpoint: &E) -> Result<reqwest::Url, Error> {
        let path = endpoint.path();
        let refuse = || {
            Error::configuration(format!(
                "the path of {} does not stay under the base URL",
                endpoint.spec().id
            ))
        };
        if !path.starts_with('/') || path.contains(['?', '#', '\\']) {
            return Err(refuse());
        }
        let base = &self.inner.base;
        let mut url =
            reqwest::Url::parse(&format!("{}{path}", self.base_url())).map_err(|_| refuse())?;
        // Every request path is the base URL's path, a `/`, then more.
        let base_path = base.path().trim_end_matches('/');
        if url.scheme() != base.scheme()
            || url.host_str() != base.host_str()
            || url.port_or_known_default() != base.port_or_known_default()
            || !url
                .path()
                .strip_prefix(base_path)
                .is_some_and(|rest| rest.starts_with('/'))
        {
            return Err(refuse());
        }
        let query = endpoint.query();
        if !query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        Ok(url)
    }

    pub(crate) fn request<E: Endpoint>(
        &self,
        args: &AttemptArgs<'_, E>,
        token: &AccessToken,
    ) -> Result<reqwest::Request, Error> {
        let mut headers = HeaderMap::with_capacity(12);
        let mut auth =
            HeaderValue::try_from(format!("Bearer {}", token.token.expose())).map_err(|_| {
                let why = if token.token.expose().contains(['\r', '\n']) {
                    "the access token contains a line break"
                } else {
                    "the access token contains characters not allowed in an HTTP header"
                };
                Error::credential(crate::credential::CredentialError::new(why))
            })?;
        auth.set_sensitive(true);
        headers.insert(header::AUTHORIZATION, auth);
        headers.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        for (name, value) in id_headers(args.request_id, args.correlation_id) {
            headers.insert(name, value);
        }
        for (name, value) in &self.inner.fixed_headers {
            headers.insert(name.clone(), value.clone());
        }
        // Built directly rather than through `RequestBuilder`, which would copy the headers
        // into a second map; the client adds its default `User-Agent` when sending.
        let mut request = reqwest::Request::new(args.method.clone(), args.url.clone());
        if let Some(body) = args.body {
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            *request.body_mut() = Some(reqwest::Body::from(body.clone()));
        }
        *request.headers_mut() = headers;
        Ok(request)
    }

    pub(crate) async fn send(&self, request: reqwest::Request) -> Result<RawResponse, SendFailure> {
        let classify = |e: reqwest::Error| {
            if e.is_connect() {
                SendFailure::Connect(e)
            } else {
                SendFailure::Lost(e)
            }
        };
        let max = self.inner.max_response_bytes;
        let mut response = self.inner.http.execute(request).await.map_err(classify)?;
        let status = response.status().as_u16();
        let headers = std::mem::take(response.headers_mut());
        if response
            .content_length()
            .is_some_and(|len| len > max as u64)
        {
            return Err(SendFailure::TooLarge(max));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(SendFailure::Lost)? {
            if body.len() + chunk.len() > max {
                return Err(SendFailure::TooLarge(max));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(RawResponse {
            status,
            headers,
            body: Bytes::from(body),
        })
    }
}
