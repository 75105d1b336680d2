//! Faults queued for the next requests that match a method and a path pattern.

use serde::{Deserialize, Serialize};

use crate::fault::Fault;

/// A fault queued for the next requests that match a method and a path pattern.
///
/// In the control API: `{"method": "POST", "path": "/v1/customers", "fault": "close-after",
/// "times": 1}`; `method` may be left out (any method), `times` defaults to 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScriptedFault {
    /// The method to match (case-insensitive); `None` matches any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// The path to match, without the query; `*` matches any run of characters, so
    /// `/v1/customers/*/agreements` matches every customer's agreements.
    pub path: String,
    /// The fault.
    pub fault: Fault,
    /// How many matching requests get it.
    #[serde(default = "one")]
    pub times: u32,
}

fn one() -> u32 {
    1
}

impl ScriptedFault {
    /// `fault` for the next request with `method` (e.g. `"POST"`) and a path matching `path`.
    pub fn new(method: &str, path: impl Into<String>, fault: Fault) -> Self {
        Self {
            method: Some(method.to_owned()),
            path: path.into(),
            fault,
            times: 1,
        }
    }

    /// `fault` for the next request of any method whose path matches `path`.
    pub fn any_method(path: impl Into<String>, fault: Fault) -> Self {
        Self {
            method: None,
            path: path.into(),
            fault,
            times: 1,
        }
    }

    /// For the next `times` matching requests instead of one.
    pub fn times(mut self, times: u32) -> Self {
        self.times = times;
        self
    }

    /// Whether a request matches.
    pub fn matches(&self, method: &str, path: &str) -> bool {
        self.method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method))
            && glob_matches(self.path.as_bytes(), path.as_bytes())
    }
}

/// `*` matches any run of bytes; everything else matches itself.
fn glob_matches(pattern: &[u8], text: &[u8]) -> bool {
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && pattern[p] == b'*' {
            star = Some((p, t));
            p += 1;
        } else if p < pattern.len() && pattern[p] == text[t] {
            p += 1;
            t += 1;
        } else if let Some((sp, st)) = star {
            p = sp + 1;
            t = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&b| b == b'*')
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::fault::FaultKind;

    #[test]
    fn scripted_faults_match_method_and_path() {
        let f = ScriptedFault::new(
            "post",
            "/v1/customers/*/agreements",
            Fault::before(FaultKind::InternalError),
        );
        assert!(f.matches("POST", "/v1/customers/abc/agreements"));
        assert!(!f.matches("GET", "/v1/customers/abc/agreements"));
        assert!(!f.matches("POST", "/v1/customers/abc/qualifications"));
        let any = ScriptedFault::any_method("*", Fault::before(FaultKind::InternalError));
        assert!(any.matches("HEAD", "/v1/domains/x"));
        assert!(glob_matches(b"/a*b*c", b"/aXXbYYc"));
        assert!(!glob_matches(b"/a*b", b"/aXXc"));
        let json: ScriptedFault =
            serde_json::from_str(r#"{"path":"/v1/customers","fault":"close-after"}"#).unwrap();
        assert_eq!(json.times, 1);
        assert_eq!(json.fault, Fault::after(FaultKind::CloseConnection));
    }
}
