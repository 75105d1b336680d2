//! What the emulator received on the API (`/v1/…`), in order, for snapshot tests of the code
//! that calls it ([`RunningEmulator::received`](crate::RunningEmulator::received),
//! `GET /_emulator/requests`).
//!
//! Each request is recorded as it arrives, before authentication, throttling or faults, so a
//! refused request is there too: its method, path, decoded query, the headers that matter and
//! its body (JSON as JSON, with the value of every key naming a secret — `password`, `secret`,
//! `token` in any case — replaced by `<redacted>`). What changes from run to run is replaced by placeholders numbered by first
//! appearance, so that the same calls give the same record: `MS-RequestId` and
//! `MS-CorrelationId` values become `<request-id-1>`, `<correlation-id-1>`, …; a GUID in the
//! path becomes `<customer-1>` after `customers/` (the tenant ids the emulator generates), else
//! `<id-1>`. A retry that repeats its `MS-RequestId` shows the same placeholder, which is what a
//! test of retry safety wants to see. Tokens are never recorded: `Authorization` reads
//! `Bearer <redacted>`. Token-endpoint and control-API requests are not recorded (their bodies
//! hold secrets, and they are not the API).
//!
//! The record is bounded: the last [`EmulatorConfig::received_limit`] requests are kept (older
//! ones leave it and are counted in [`ReceivedRequests::dropped`]), a body is kept up to
//! [`MAX_RECORDED_BODY`] bytes, and the placeholders remember the last `4 × limit` ids (at least
//! 64; an id forgotten and seen again gets a new number); clearing it (`DELETE /_emulator/requests`,
//! [`RunningEmulator::clear_received`](crate::RunningEmulator::clear_received), or a reset)
//! starts the numbering again.
//!
//! [`EmulatorConfig::received_limit`]: crate::EmulatorConfig::received_limit

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, Uri};
use futures::StreamExt;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

/// How many requests an emulator keeps in its record by default (the last ones).
pub const DEFAULT_RECEIVED_LIMIT: usize = 1_000;

/// The largest body recorded, in bytes; a larger one is recorded as a note of its size.
pub const MAX_RECORDED_BODY: usize = 64 * 1024;

/// The longest header value recorded, in characters; longer values are cut.
const MAX_HEADER_CHARS: usize = 1_000;

/// The headers recorded, in the spelling the service documents, and how: the rest (e.g.
/// `User-Agent` and `MS-PartnerCenter-Client`, which name library versions) are left out.
const RECORDED_HEADERS: [(&str, Record); 8] = [
    ("Accept", Record::AsSent),
    ("Authorization", Record::Secret),
    ("Content-Type", Record::AsSent),
    ("MS-Contract-Version", Record::AsSent),
    ("MS-CorrelationId", Record::Id("correlation-id")),
    ("MS-PartnerCenter-Application", Record::AsSent),
    ("MS-RequestId", Record::Id("request-id")),
    ("X-Locale", Record::AsSent),
];

#[derive(Debug, Clone, Copy)]
enum Record {
    AsSent,
    Secret,
    /// A GUID replaced by a numbered placeholder of this kind.
    Id(&'static str),
}

/// Everything recorded so far. Serialized in camelCase, as `GET /_emulator/requests` answers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReceivedRequests {
    /// The recorded requests, in the order they arrived.
    pub requests: Vec<ReceivedRequest>,
    /// Older requests that left the full record (or all requests, with a limit of `0`).
    pub dropped: u64,
}

/// One request as the emulator received it (see the [module documentation](self) for what is
/// replaced).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReceivedRequest {
    /// The method, e.g. `POST`.
    pub method: String,
    /// The path without the query, GUIDs replaced by placeholders.
    pub path: String,
    /// The query's parameters, decoded, in order; absent when there is none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query: Vec<(String, String)>,
    /// The headers that matter (`Accept`, `Authorization`, `Content-Type`,
    /// `MS-Contract-Version`, `MS-CorrelationId`, `MS-PartnerCenter-Application`,
    /// `MS-RequestId`, `X-Locale`), when sent, with tokens redacted and ids replaced.
    pub headers: BTreeMap<String, String>,
    /// The body: its JSON when it is JSON, else its text; absent when empty. A body over
    /// [`MAX_RECORDED_BODY`] bytes is the text `<more than 65536 bytes, not recorded>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
    /// The status of the answer the client got; `None` when it got none (a fault closed the
    /// connection, the client went away first, or the answer is still being made).
    pub status: Option<u16>,
    /// What the emulator did: `handled`, `replayed`, `unauthorized`, `throttled`,
    /// `request-id-reused`, `forbidden`, or the injected fault (`503`, `close-after`, …, see
    /// [`Fault::name`](crate::fault::Fault::name)); `None` while unanswered.
    pub outcome: Option<String>,
    /// When it arrived, counted from the emulator's start. Not serialized, so a record is the
    /// same from one run to the next.
    #[serde(skip)]
    pub received_after: Duration,
}

/// Where an answer goes in the record: the sequence number of its request.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Slot(u64);

/// The record behind [`ReceivedRequests`].
#[derive(Debug)]
pub(crate) struct Recorder {
    limit: usize,
    requests: VecDeque<ReceivedRequest>,
    /// The sequence number of `requests[0]`; numbers are never reused, so the answer to a
    /// request that left the record (dropped or cleared) lands nowhere.
    first: u64,
    dropped: u64,
    placeholders: HashMap<(&'static str, Uuid), usize>,
    /// The ids in `placeholders`, oldest first, to forget the oldest when it is full.
    remembered: VecDeque<(&'static str, Uuid)>,
    counts: HashMap<&'static str, usize>,
}

impl Recorder {
    pub(crate) fn new(limit: usize) -> Self {
        Self {
            limit,
            requests: VecDeque::new(),
            first: 0,
            dropped: 0,
            placeholders: HashMap::new(),
            remembered: VecDeque::new(),
            counts: HashMap::new(),
        }
    }

    /// Whether requests are recorded at all (a limit of `0` records none).
    pub(crate) fn records(&self) -> bool {
        self.limit > 0
    }

    /// Records a request whose body is `body`, or was over [`MAX_RECORDED_BODY`] bytes when
    /// `None`, dropping the oldest request when the record is full; `None` when the limit is
    /// `0` (the request is only counted).
    pub(crate) fn record(
        &mut self,
        method: &Method,
        uri: &Uri,
        headers: &HeaderMap,
        body: Option<&[u8]>,
        received_after: Duration,
    ) -> Option<Slot> {
        if !self.records() {
            self.dropped += 1;
            return None;
        }
        let path = self.path(uri.path());
        let query = uri
            .query()
            .map(|q| {
                axum::extract::Query::<Vec<(String, String)>>::try_from_uri(uri)
                    .map_or_else(|_| vec![(q.to_owned(), String::new())], |query| query.0)
            })
            .unwrap_or_default();
        let mut recorded = BTreeMap::new();
        for (name, how) in RECORDED_HEADERS {
            let Some(value) = headers.get(name) else {
                continue;
            };
            let text = String::from_utf8_lossy(value.as_bytes());
            let text: String = text.chars().take(MAX_HEADER_CHARS).collect();
            let value = match how {
                Record::AsSent => text,
                Record::Secret => match text.split_once(' ') {
                    Some((scheme, _)) if scheme.eq_ignore_ascii_case("bearer") => {
                        "Bearer <redacted>".to_owned()
                    }
                    _ => REDACTED.to_owned(),
                },
                Record::Id(kind) => match Uuid::parse_str(text.trim()) {
                    Ok(id) => self.placeholder(kind, id),
                    Err(_) => text,
                },
            };
            recorded.insert(name.to_owned(), value);
        }
        let body = match body {
            None => Some(Value::String(format!(
                "<more than {MAX_RECORDED_BODY} bytes, not recorded>"
            ))),
            Some([]) => None,
            Some(bytes) => Some(match serde_json::from_slice(bytes) {
                Ok(mut json) => {
                    redact(&mut json);
                    json
                }
                Err(_) => Value::String(String::from_utf8_lossy(bytes).into_owned()),
            }),
        };
        if self.requests.len() == self.limit {
            self.requests.pop_front();
            self.first += 1;
            self.dropped += 1;
        }
        self.requests.push_back(ReceivedRequest {
            method: method.as_str().to_owned(),
            path,
            query,
            headers: recorded,
            body,
            status: None,
            outcome: None,
            received_after,
        });
        Some(Slot(self.first + self.requests.len() as u64 - 1))
    }

    /// Notes the answer of the request in `slot`, unless it left the record since.
    pub(crate) fn answered(&mut self, slot: Slot, status: Option<u16>, outcome: &str) {
        let Some(index) = slot
            .0
            .checked_sub(self.first)
            .and_then(|i| usize::try_from(i).ok())
        else {
            return;
        };
        if let Some(request) = self.requests.get_mut(index) {
            request.status = status;
            request.outcome = Some(outcome.to_owned());
        }
    }

    /// A copy of the record.
    pub(crate) fn snapshot(&self) -> ReceivedRequests {
        ReceivedRequests {
            requests: self.requests.iter().cloned().collect(),
            dropped: self.dropped,
        }
    }

    /// Empties the record and restarts the numbering of placeholders.
    pub(crate) fn clear(&mut self) {
        self.first += self.requests.len() as u64;
        self.requests.clear();
        self.dropped = 0;
        self.placeholders.clear();
        self.remembered.clear();
        self.counts.clear();
    }

    /// `path` with each GUID segment replaced by a placeholder.
    fn path(&mut self, path: &str) -> String {
        let mut out = String::with_capacity(path.len());
        let mut previous = "";
        for (i, segment) in path.split('/').enumerate() {
            if i > 0 {
                out.push('/');
            }
            match Uuid::parse_str(segment) {
                Ok(id) if segment.len() >= 32 => {
                    let kind = if previous.eq_ignore_ascii_case("customers") {
                        "customer"
                    } else {
                        "id"
                    };
                    out.push_str(&self.placeholder(kind, id));
                }
                _ => out.push_str(segment),
            }
            previous = segment;
        }
        out
    }

    fn placeholder(&mut self, kind: &'static str, id: Uuid) -> String {
        let n = match self.placeholders.get(&(kind, id)) {
            Some(&n) => n,
            None => {
                if self.remembered.len() >= self.limit.saturating_mul(4).max(64)
                    && let Some(oldest) = self.remembered.pop_front()
                {
                    self.placeholders.remove(&oldest);
                }
                let count = self.counts.entry(kind).or_insert(0);
                *count += 1;
                self.placeholders.insert((kind, id), *count);
                self.remembered.push_back((kind, id));
                *count
            }
        };
        format!("<{kind}-{n}>")
    }
}

/// What replaces a secret.
const REDACTED: &str = "<redacted>";

/// Whether a body's key names a secret: it contains `password`, `secret` or `token`, in any
/// case (`password`, `client_secret`, `refresh_token`, …).
fn is_secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    ["password", "secret", "token"]
        .iter()
        .any(|word| key.contains(word))
}

/// Replaces the value of every key that names a secret, at any depth, with `<redacted>`.
fn redact(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                if is_secret_key(key) {
                    *value = Value::String(REDACTED.to_owned());
                } else {
                    redact(value);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

/// Reads `body` up to just over [`MAX_RECORDED_BODY`] bytes: its bytes when it ended by then
/// (`None` when it is longer), and a body that gives the handlers exactly what the client sent,
/// read errors included, so recording changes nothing downstream.
pub(crate) async fn peek(body: Body) -> (Option<Bytes>, Body) {
    let mut stream = body.into_data_stream();
    let mut read: Vec<Result<Bytes, axum::Error>> = Vec::new();
    let mut len = 0;
    let complete = loop {
        match stream.next().await {
            None => break true,
            Some(Ok(chunk)) => {
                len += chunk.len();
                read.push(Ok(chunk));
                if len > MAX_RECORDED_BODY {
                    break false;
                }
            }
            Some(Err(e)) => {
                read.push(Err(e));
                break false;
            }
        }
    };
    if complete {
        let mut bytes = Vec::with_capacity(len);
        for chunk in read.into_iter().flatten() {
            bytes.extend_from_slice(&chunk);
        }
        let bytes = Bytes::from(bytes);
        return (Some(bytes.clone()), Body::from(bytes));
    }
    (
        None,
        Body::from_stream(futures::stream::iter(read).chain(stream)),
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn ids_become_numbered_placeholders_and_tokens_are_redacted() {
        let mut r = Recorder::new(10);
        let a = "037db222-6d8e-4d7f-ba78-df3dca33fb68";
        let b = "9c6b1f5e-0a0a-4c7e-8a56-1d3f4b1a2c3d";
        let sent = headers(&[
            ("authorization", "Bearer secret-token"),
            ("ms-requestid", a),
            ("ms-correlationid", a),
            ("user-agent", "pc-transport/0.1.0"),
            ("x-locale", "en-US"),
        ]);
        let uri: Uri = format!("/v1/customers/{b}/agreements?agreementType=Microsoft%20Customer")
            .parse()
            .unwrap();
        r.record(
            &Method::POST,
            &uri,
            &sent,
            Some(br#"{"a":1}"#),
            Duration::ZERO,
        );
        // The same request id again (a retry), in upper case, and another customer.
        let again = headers(&[
            ("authorization", "Basic xyz"),
            ("ms-requestid", &a.to_uppercase()),
        ]);
        let uri: Uri = format!("/v1/customers/{a}").parse().unwrap();
        let slot = r
            .record(
                &Method::GET,
                &uri,
                &again,
                Some(b"not json"),
                Duration::ZERO,
            )
            .unwrap();
        r.answered(slot, Some(200), "handled");
        let record = serde_json::to_value(r.snapshot()).unwrap();
        assert_eq!(
            record,
            serde_json::json!({
                "requests": [
                    {
                        "method": "POST",
                        "path": "/v1/customers/<customer-1>/agreements",
                        "query": [["agreementType", "Microsoft Customer"]],
                        "headers": {
                            "Authorization": "Bearer <redacted>",
                            "MS-CorrelationId": "<correlation-id-1>",
                            "MS-RequestId": "<request-id-1>",
                            "X-Locale": "en-US"
                        },
                        "body": {"a": 1},
                        "status": null,
                        "outcome": null
                    },
                    {
                        "method": "GET",
                        "path": "/v1/customers/<customer-2>",
                        "headers": {
                            "Authorization": "<redacted>",
                            "MS-RequestId": "<request-id-1>"
                        },
                        "body": "not json",
                        "status": 200,
                        "outcome": "handled"
                    }
                ],
                "dropped": 0
            })
        );
        assert!(!record.to_string().contains("secret-token"));
        assert!(!record.to_string().contains("xyz"));
    }

    #[test]
    fn the_record_keeps_the_last_requests_and_clearing_restarts_it() {
        let mut r = Recorder::new(2);
        let none = HeaderMap::new();
        let get = |r: &mut Recorder, path: &str, body: Option<&[u8]>| {
            let uri: Uri = path.parse().unwrap();
            r.record(&Method::GET, &uri, &none, body, Duration::ZERO)
        };
        let first = get(&mut r, "/v1/a", Some(b"{}")).unwrap();
        let second = get(&mut r, "/v1/b", None).unwrap();
        let third = get(&mut r, "/v1/c", Some(b"")).unwrap();
        // The first left the record: its answer lands nowhere, the others' land on them.
        r.answered(first, Some(500), "500");
        r.answered(second, Some(201), "handled");
        r.answered(third, None, "close-after");
        let record = r.snapshot();
        assert_eq!(record.dropped, 1);
        let paths: Vec<&str> = record.requests.iter().map(|q| q.path.as_str()).collect();
        assert_eq!(paths, ["/v1/b", "/v1/c"]);
        assert_eq!(
            record.requests[0].body,
            Some(Value::String(format!(
                "<more than {MAX_RECORDED_BODY} bytes, not recorded>"
            )))
        );
        assert_eq!(record.requests[0].status, Some(201));
        assert_eq!(record.requests[1].status, None);
        assert_eq!(record.requests[1].outcome.as_deref(), Some("close-after"));
        assert_eq!(record.requests[1].body, None);
        r.clear();
        let fourth = get(&mut r, "/v1/d", Some(b"")).unwrap();
        // An answer to a request recorded before the clear lands nowhere.
        r.answered(third, Some(200), "handled");
        let record = r.snapshot();
        assert_eq!(record.dropped, 0);
        assert_eq!(record.requests.len(), 1);
        assert_eq!(record.requests[0].status, None);
        r.answered(fourth, Some(200), "handled");
        assert_eq!(r.snapshot().requests[0].status, Some(200));
        // A limit of 0 records nothing and counts everything.
        let mut off = Recorder::new(0);
        assert!(get(&mut off, "/v1/a", Some(b"{}")).is_none());
        assert_eq!(off.snapshot().requests.len(), 0);
        assert_eq!(off.snapshot().dropped, 1);
    }

    #[test]
    fn secrets_in_bodies_are_redacted_at_any_depth() {
        let mut r = Recorder::new(4);
        let uri: Uri = "/v1/customers".parse().unwrap();
        let body = br#"{"companyProfile":{"domain":"a.onmicrosoft.com"},"users":[{"passwordProfile":{"Password":"hunter2"}},{"client_secret":"s3","refreshToken":"rt"}]}"#;
        r.record(
            &Method::POST,
            &uri,
            &HeaderMap::new(),
            Some(body),
            Duration::ZERO,
        );
        let record = serde_json::to_value(r.snapshot()).unwrap();
        assert_eq!(
            record["requests"][0]["body"],
            serde_json::json!({
                "companyProfile": {"domain": "a.onmicrosoft.com"},
                "users": [
                    {"passwordProfile": "<redacted>"},
                    {"client_secret": "<redacted>", "refreshToken": "<redacted>"}
                ]
            })
        );
        for secret in ["hunter2", "s3", "\"rt\""] {
            assert!(!record.to_string().contains(secret), "{secret}");
        }
    }

    #[test]
    fn placeholders_forget_the_oldest_ids_past_their_bound() {
        let mut r = Recorder::new(1);
        let ids: Vec<Uuid> = (0..65).map(|n| Uuid::from_u128(n + 1)).collect();
        for id in &ids {
            let uri: Uri = format!("/v1/customers/{id}").parse().unwrap();
            r.record(
                &Method::GET,
                &uri,
                &HeaderMap::new(),
                Some(b""),
                Duration::ZERO,
            );
        }
        assert_eq!(r.remembered.len(), 64);
        // The first id was forgotten: it comes back with a new number; the last is remembered.
        let again = |r: &mut Recorder, id: Uuid| {
            let uri: Uri = format!("/v1/customers/{id}").parse().unwrap();
            r.record(
                &Method::GET,
                &uri,
                &HeaderMap::new(),
                Some(b""),
                Duration::ZERO,
            );
            r.snapshot().requests[0].path.clone()
        };
        assert_eq!(again(&mut r, ids[64]), "/v1/customers/<customer-65>");
        assert_eq!(again(&mut r, ids[0]), "/v1/customers/<customer-66>");
    }
}
