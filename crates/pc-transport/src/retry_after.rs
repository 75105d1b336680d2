//! Reading how long the service asks us to wait: the `Retry-After` header (seconds or an HTTP
//! date) and, failing that, the throttling body's "Try again in N seconds".

use std::time::{Duration, SystemTime};

use pc_model::ErrorBody;

/// Reads a `Retry-After` value: delta-seconds (`"120"`) or an HTTP date (IMF-fixdate or the
/// obsolete RFC 850 and asctime forms). A date in the past means "now" (zero).
///
/// Returns `None` for anything else (negative numbers, fractions, garbage), so that the caller
/// falls back to the body or to backoff instead of failing. Huge values are returned as they
/// are; the retry policy clamps them.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // More digits than a u64 holds: an absurd wait, kept as the largest one.
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// The wait the service asked for: the `Retry-After` header when it parses, else the error
/// body's "Try again in N seconds", else `None`.
pub(crate) fn requested_wait(
    header: Option<&str>,
    body: &ErrorBody,
    now: SystemTime,
) -> Option<Duration> {
    header
        .and_then(|h| parse_retry_after(h, now))
        .or_else(|| body.retry_after_seconds().map(Duration::from_secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> SystemTime {
        // Sun, 06 Nov 1994 08:49:37 GMT
        SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777)
    }

    #[test]
    fn seconds() {
        assert_eq!(
            parse_retry_after("57", now()),
            Some(Duration::from_secs(57))
        );
        assert_eq!(parse_retry_after(" 0 ", now()), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after("99999999999999999999999", now()),
            Some(Duration::from_secs(u64::MAX))
        );
    }

    #[test]
    fn dates_future_and_past() {
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:50:07 GMT", now()),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Sunday, 06-Nov-94 08:49:47 GMT", now()),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            parse_retry_after("Sun Nov  6 08:49:37 1994", now()),
            Some(Duration::ZERO)
        );
        assert_eq!(
            parse_retry_after("Sat, 05 Nov 1994 08:49:37 GMT", now()),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn garbage_is_none() {
        for bad in [
            "",
            "-5",
            "1.5",
            "soon",
            "5 seconds",
            "Sun, 99 Nov 1994 08:49:37 GMT",
        ] {
            assert_eq!(parse_retry_after(bad, now()), None, "{bad}");
        }
    }

    #[test]
    fn header_then_body_then_nothing() {
        let throttled = ErrorBody::parse(
            br#"{"statusCode":429,"message":"Rate limit is exceeded. Try again in 57 seconds."}"#,
        );
        assert_eq!(
            requested_wait(Some("3"), &throttled, now()),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            requested_wait(Some("garbage"), &throttled, now()),
            Some(Duration::from_secs(57))
        );
        assert_eq!(
            requested_wait(None, &throttled, now()),
            Some(Duration::from_secs(57))
        );
        assert_eq!(requested_wait(None, &ErrorBody::parse(b""), now()), None);
    }
}
