//! The headers the transport sends and reads, by name.
//!
//! Every request carries, in this order: `Authorization: Bearer <token>`, `Accept:
//! application/json`, `MS-RequestId`, `MS-CorrelationId`, `MS-Contract-Version: v1`,
//! `X-Locale`, `MS-PartnerCenter-Client: pc-transport/<version>`, `MS-PartnerCenter-Application`
//! (when configured) and `User-Agent: pc-transport/<version>`; requests with a body add
//! `Content-Type: application/json`. Answers are read for `MS-RequestId`, `MS-CorrelationId`,
//! `MS-CV`, `MS-ServerId` and `Retry-After`.

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::ids::{CorrelationId, RequestId};
use crate::response::ResponseIds;

/// `MS-RequestId`: the idempotency key, one per operation, the same on every attempt.
#[cfg(test)]
const MS_REQUEST_ID: &str = "MS-RequestId";
/// `MS-CorrelationId`: ties operations together.
#[cfg(test)]
const MS_CORRELATION_ID: &str = "MS-CorrelationId";
/// `MS-Contract-Version`: always `v1`.
#[cfg(test)]
const MS_CONTRACT_VERSION: &str = "MS-Contract-Version";
/// `X-Locale`: the language of the service's messages, e.g. `en-US`.
#[cfg(test)]
const X_LOCALE: &str = "X-Locale";
/// `MS-PartnerCenter-Client`: the calling library.
#[cfg(test)]
const MS_PARTNER_CENTER_CLIENT: &str = "MS-PartnerCenter-Client";
/// `MS-PartnerCenter-Application`: the calling application.
#[cfg(test)]
const MS_PARTNER_CENTER_APPLICATION: &str = "MS-PartnerCenter-Application";
/// `MS-CV`: the service's correlation vector, in answers.
#[cfg(test)]
const MS_CV: &str = "MS-CV";
/// `MS-ServerId`: the answering server, in answers.
#[cfg(test)]
const MS_SERVER_ID: &str = "MS-ServerId";

/// The library's name and version: `pc-transport/<version>`.
pub(crate) const CLIENT_NAME: &str = concat!("pc-transport/", env!("CARGO_PKG_VERSION"));

/// The headers that are the same on every request of a transport, in the order they are sent.
/// Built once; values were checked by the builder.
pub(crate) fn fixed_headers(
    locale: &str,
    application: Option<&str>,
) -> Result<Vec<(HeaderName, HeaderValue)>, String> {
    let value = |v: &str| {
        HeaderValue::from_str(v).map_err(|_| format!("`{v}` is not a valid header value"))
    };
    let mut headers = vec![
        (
            HeaderName::from_static(MS_CONTRACT_VERSION_LC),
            HeaderValue::from_static("v1"),
        ),
        (HeaderName::from_static(X_LOCALE_LC), value(locale)?),
        (
            HeaderName::from_static(MS_PARTNER_CENTER_CLIENT_LC),
            HeaderValue::from_static(CLIENT_NAME),
        ),
    ];
    if let Some(app) = application {
        headers.push((
            HeaderName::from_static(MS_PARTNER_CENTER_APPLICATION_LC),
            value(app)?,
        ));
    }
    Ok(headers)
}

const MS_CONTRACT_VERSION_LC: &str = "ms-contract-version";
const X_LOCALE_LC: &str = "x-locale";
const MS_PARTNER_CENTER_CLIENT_LC: &str = "ms-partnercenter-client";
const MS_PARTNER_CENTER_APPLICATION_LC: &str = "ms-partnercenter-application";

pub(crate) fn id_headers(
    request_id: RequestId,
    correlation_id: CorrelationId,
) -> [(HeaderName, HeaderValue); 2] {
    let guid = |s: String| HeaderValue::try_from(s).unwrap_or(HeaderValue::from_static(""));
    [
        (
            HeaderName::from_static(MS_REQUEST_ID_LC),
            guid(request_id.to_string()),
        ),
        (
            HeaderName::from_static(MS_CORRELATION_ID_LC),
            guid(correlation_id.to_string()),
        ),
    ]
}

const MS_REQUEST_ID_LC: &str = "ms-requestid";
const MS_CORRELATION_ID_LC: &str = "ms-correlationid";
const MS_CV_LC: &str = "ms-cv";
const MS_SERVER_ID_LC: &str = "ms-serverid";

/// A header's trimmed, non-empty text. `name` is a lower-case `HeaderName`, so looking it up does
/// not parse the name again on every answer.
fn text<'h>(headers: &'h HeaderMap, name: &HeaderName) -> Option<&'h str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// At most 256 characters of `s`.
fn bounded(s: &str) -> String {
    if s.len() <= 256 {
        s.to_owned()
    } else {
        s.chars().take(256).collect()
    }
}

/// The `Retry-After` header's text, if any.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<String> {
    text(headers, &reqwest::header::RETRY_AFTER).map(str::to_owned)
}

/// The ids of an answer: the echoed request and correlation ids when they parse (else the ones
/// sent), `MS-CV` and `MS-ServerId`.
pub(crate) fn response_ids(
    headers: &HeaderMap,
    sent_request_id: RequestId,
    sent_correlation_id: CorrelationId,
) -> ResponseIds {
    let header = |name: &'static str| text(headers, &HeaderName::from_static(name));
    ResponseIds {
        request_id: header(MS_REQUEST_ID_LC)
            .and_then(|s| s.parse().ok())
            .unwrap_or(sent_request_id),
        correlation_id: header(MS_CORRELATION_ID_LC)
            .and_then(|s| s.parse().ok())
            .unwrap_or(sent_correlation_id),
        cv: header(MS_CV_LC).map(bounded),
        server_id: header(MS_SERVER_ID_LC).map(bounded),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_names_match_the_documented_ones() {
        for (documented, lower) in [
            (MS_CONTRACT_VERSION, MS_CONTRACT_VERSION_LC),
            (X_LOCALE, X_LOCALE_LC),
            (MS_PARTNER_CENTER_CLIENT, MS_PARTNER_CENTER_CLIENT_LC),
            (
                MS_PARTNER_CENTER_APPLICATION,
                MS_PARTNER_CENTER_APPLICATION_LC,
            ),
            (MS_REQUEST_ID, MS_REQUEST_ID_LC),
            (MS_CORRELATION_ID, MS_CORRELATION_ID_LC),
            (MS_CV, MS_CV_LC),
            (MS_SERVER_ID, MS_SERVER_ID_LC),
        ] {
            assert_eq!(documented.to_ascii_lowercase(), lower);
        }
        assert!(CLIENT_NAME.starts_with("pc-transport/"));
    }

    #[test]
    fn reads_echoed_ids_or_falls_back_to_the_sent_ones() {
        let sent_r = RequestId::new_v4();
        let sent_c = CorrelationId::new_v4();
        let mut h = HeaderMap::new();
        h.insert("ms-cv", HeaderValue::from_static("  Ab12.3 "));
        h.insert("ms-requestid", HeaderValue::from_static("not-a-guid"));
        let echoed = CorrelationId::new_v4();
        h.insert(
            "ms-correlationid",
            HeaderValue::try_from(echoed.to_string()).unwrap(),
        );
        let ids = response_ids(&h, sent_r, sent_c);
        assert_eq!(ids.request_id, sent_r);
        assert_eq!(ids.correlation_id, echoed);
        assert_eq!(ids.cv.as_deref(), Some("Ab12.3"));
        assert_eq!(ids.server_id, None);
    }

    #[test]
    fn long_ids_are_cut_at_256_characters() {
        assert_eq!(bounded("abc"), "abc");
        assert_eq!(bounded(&"x".repeat(256)).len(), 256);
        assert_eq!(bounded(&"x".repeat(300)).len(), 256);
        assert_eq!(bounded(&"é".repeat(300)).chars().count(), 256);
        let mut h = HeaderMap::new();
        h.insert("ms-serverid", HeaderValue::from_static("  s-1  "));
        h.insert("retry-after", HeaderValue::from_static(" 7 "));
        let ids = response_ids(&h, RequestId::new_v4(), CorrelationId::new_v4());
        assert_eq!(ids.server_id.as_deref(), Some("s-1"));
        assert_eq!(retry_after(&h).as_deref(), Some("7"));
    }
}
