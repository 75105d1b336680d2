//! How results and failures of operations are shown, and which exit status they give.

use pc_cli::json::{CallIds, ErrorOutput, Failure, Success, ViolationOutput};
use pc_client::{Error, ErrorKind, Response};
use serde::Serialize;

use crate::exit::Exit;
use crate::output::{Output, bounded};

/// The ids support asks for, as one line.
pub(crate) fn ids_line<T>(r: &Response<T>) -> String {
    let mut line = format!(
        "MS-RequestId {}  MS-CorrelationId {}",
        r.ids.request_id, r.ids.correlation_id
    );
    if let Some(cv) = &r.ids.cv {
        line.push_str(&format!("  MS-CV {cv}"));
    }
    line
}

/// Prints a result: `human` lines, or with `--json` the value and its ids.
pub(crate) fn success<T: Serialize>(
    out: &mut Output,
    response: &Response<T>,
    human: &[String],
) -> Exit {
    if out.json() {
        out.json_doc(&Success {
            result: &response.value,
            ids: call_ids(response),
            reconciled: response.reconciled,
        });
    } else {
        for line in human {
            out.line(line);
        }
        let note = if response.reconciled {
            "  (found by reading back after a retry)"
        } else {
            ""
        };
        out.line(&format!("  {}{note}", ids_line(response)));
    }
    Exit::Success
}

/// The ids of a result, as `--json` shows them.
pub(crate) fn call_ids<T>(r: &Response<T>) -> CallIds {
    CallIds {
        request_id: r.ids.request_id.to_string(),
        correlation_id: r.ids.correlation_id.to_string(),
        cv: r.ids.cv.clone(),
    }
}

/// Prints a failure and says which exit status it gives: 1 for local validation, 2 for another
/// local refusal (an operation the cloud lacks, or that needs an App+User token the credential
/// cannot give; nothing sent either), 3 for the service or the network.
pub(crate) fn failure(out: &mut Output, error: &Error) -> Exit {
    let exit = if error.is_validation() {
        Exit::Invalid
    } else if error.is_local() {
        Exit::Usage
    } else {
        Exit::Service
    };
    if out.json() {
        out.json_doc(&failure_json(error));
        return exit;
    }
    if let Some(violations) = error.violations() {
        out.error("the request is invalid; nothing was sent:");
        for v in violations {
            out.error_line(&violation_line(v));
        }
        return exit;
    }
    // A service error: a headline, then the status and code, the description and the ids, each
    // once (the error's own message has them all on one line). Other failures: the message,
    // which names the ids it has.
    if let Some(status) = error.status() {
        let headline = match (error.kind(), error.operation()) {
            (ErrorKind::Service, Some(operation)) => {
                format!("{} failed: the service refused it", operation.id)
            }
            (ErrorKind::Service, None) => "the service refused the request".to_owned(),
            _ => error.to_string(),
        };
        out.error(&headline);
        let code = error
            .code()
            .map(|c| format!(", code {}", bounded(c)))
            .unwrap_or_default();
        let name = error
            .service_error()
            .and_then(|b| b.error_name.as_deref())
            .map(|n| format!(" ({})", bounded(n)))
            .unwrap_or_default();
        out.error_line(&format!("HTTP {status}{code}{name}"));
        if let Some(text) = error.service_error().and_then(|b| b.text()) {
            out.error_line(&format!("description: {}", bounded(text)));
        }
        let mut ids = Vec::new();
        if let Some(id) = error.request_id() {
            ids.push(format!("MS-RequestId {id}"));
        }
        if let Some(id) = error.correlation_id() {
            ids.push(format!("MS-CorrelationId {id}"));
        }
        if let Some(cv) = error.cv() {
            ids.push(format!("MS-CV {}", bounded(cv)));
        }
        if !ids.is_empty() {
            out.error_line(&ids.join("  "));
        }
    } else {
        out.error(&error.to_string());
    }
    let write = error.operation().is_some_and(|op| !op.idempotent);
    if write && error.may_have_been_sent() && error.status().is_none() {
        out.error_line("the request may have reached the service: check before repeating it");
    }
    exit
}

/// A violation as one line, `<pointer>: <message>`, each [`bounded`]: a message may quote a
/// value from the input, and a pointer names the input's keys.
pub(crate) fn violation_line(v: &pc_model::Violation) -> String {
    let pointer = if v.pointer.is_empty() {
        "/"
    } else {
        &v.pointer
    };
    format!("{}: {}", bounded(pointer), bounded(&v.message))
}

/// A failure as `--json` shows it, the texts from outside [`bounded`].
pub(crate) fn failure_json(error: &Error) -> Failure {
    let body = error.service_error();
    let cut = |text: &str| bounded(text).into_owned();
    Failure {
        error: ErrorOutput {
            message: cut(&error.to_string()),
            status: error.status(),
            code: error.code().map(cut),
            error_name: body.and_then(|b| b.error_name.as_deref()).map(cut),
            description: body.and_then(|b| b.text()).map(cut),
            violations: error.violations().map(violations_json).unwrap_or_default(),
            may_have_been_sent: error.may_have_been_sent(),
            request_id: error.request_id().map(|i| i.to_string()),
            correlation_id: error.correlation_id().map(|i| i.to_string()),
            cv: error.cv().map(ToOwned::to_owned),
        },
    }
}

/// Violations as JSON (`path`, `code`, `message`), their texts [`bounded`] as in
/// [`violation_line`].
pub(crate) fn violations_json<'a>(
    violations: impl IntoIterator<Item = &'a pc_model::Violation>,
) -> Vec<ViolationOutput> {
    violations
        .into_iter()
        .map(|v| ViolationOutput {
            path: bounded(&v.pointer).into_owned(),
            code: v.code.as_str().to_owned(),
            message: bounded(&v.message).into_owned(),
        })
        .collect()
}
