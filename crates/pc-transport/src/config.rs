//! Settings checked once, when a transport or credential is built: [`Timeouts`], base URLs,
//! locale and application name.

use std::net::IpAddr;
use std::time::Duration;

use reqwest::Url;

/// How long to wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// Establishing a connection (TCP and TLS).
    pub connect: Duration,
    /// One attempt: sending the request and reading the whole answer.
    pub attempt: Duration,
    /// The whole operation: every attempt, every wait between them, getting tokens and waiting
    /// for the rate limiter. Every call ends by then, whatever the server does.
    pub operation: Duration,
}

impl Default for Timeouts {
    /// 10 s to connect, 30 s per attempt, 120 s per operation.
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(10),
            attempt: Duration::from_secs(30),
            operation: Duration::from_secs(120),
        }
    }
}

impl Timeouts {
    pub(crate) fn check(&self) -> Result<(), String> {
        for (name, value) in [
            ("connect", self.connect),
            ("attempt", self.attempt),
            ("operation", self.operation),
        ] {
            if value.is_zero() {
                return Err(format!("the {name} timeout must be more than zero"));
            }
        }
        Ok(())
    }
}

/// Checks a base URL (API or token authority): absolute, `https` (or `http` to a loopback host:
/// `127.0.0.0/8`, `::1`, `localhost`), no credentials, query or fragment. Returns it without a
/// trailing slash.
pub(crate) fn check_base_url(raw: &str, what: &str) -> Result<String, String> {
    // The input is not echoed: it may carry a password.
    let url = Url::parse(raw.trim()).map_err(|e| format!("the {what} is not a URL: {e}"))?;
    let loopback = is_loopback(&url);
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => {
            return Err(format!(
                "the {what} must use https (plain http is only allowed to 127.0.0.1, ::1 or localhost)"
            ));
        }
        other => return Err(format!("the {what} must use https, not `{other}`")),
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("the {what} has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!("the {what} must not carry a user name or password"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!("the {what} must not have a query or a fragment"));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Checks an `X-Locale` value: a culture name such as `en-US` or `zh-Hans-CN`.
pub(crate) fn check_locale(locale: &str) -> Result<(), String> {
    let mut parts = locale.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    let rest_ok =
        parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    if first_ok && rest_ok {
        Ok(())
    } else {
        Err(format!(
            "the locale `{}` is not a culture name such as en-US",
            locale.chars().take(32).collect::<String>()
        ))
    }
}

/// Checks an application name for `MS-PartnerCenter-Application`: 1 to 128 printable ASCII
/// characters.
pub(crate) fn check_application_name(name: &str) -> Result<(), String> {
    if !name.is_empty()
        && name.len() <= 128
        && name.bytes().all(|b| (0x20..0x7f).contains(&b))
        && name.trim() == name
    {
        Ok(())
    } else {
        Err("the application name must be 1 to 128 printable ASCII characters, without surrounding spaces".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_or_loopback_only() {
        assert_eq!(
            check_base_url("https://api.partnercenter.microsoft.com/", "base URL").unwrap(),
            "https://api.partnercenter.microsoft.com"
        );
        for ok in [
            "http://127.0.0.1:8080",
            "http://127.10.0.3",
            "http://[::1]:9000/pc/",
            "http://LOCALHOST:1",
            "https://example.com/prefix",
        ] {
            assert!(check_base_url(ok, "base URL").is_ok(), "{ok}");
        }
        for bad in [
            "http://example.com",
            "http://10.0.0.1",
            "http://localhost.example.com",
            "ftp://127.0.0.1",
            "https://user:pw@example.com",
            "https://example.com/?q=1",
            "https://example.com/#x",
            "not a url",
            "/v1/customers",
        ] {
            assert!(check_base_url(bad, "base URL").is_err(), "{bad}");
        }
        let err = check_base_url("https://user:hunter2@example.com", "base URL").unwrap_err();
        assert!(!err.contains("hunter2"), "{err}");
    }

    #[test]
    fn locales_and_names() {
        for ok in ["en-US", "EN-us", "zh-Hans-CN", "fr"] {
            assert!(check_locale(ok).is_ok(), "{ok}");
        }
        for bad in ["", "e", "en_US", "en-US\r\nX-Evil: 1", "en--US"] {
            assert!(check_locale(bad).is_err(), "{bad}");
        }
        assert!(check_application_name("Contoso Onboarding/2.1").is_ok());
        for bad in ["", " x", "a\nb", "é", &"a".repeat(129)] {
            assert!(check_application_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn zero_timeouts_are_refused() {
        assert!(Timeouts::default().check().is_ok());
        let t = Timeouts {
            attempt: Duration::ZERO,
            ..Timeouts::default()
        };
        assert!(t.check().unwrap_err().contains("attempt"));
    }
}
