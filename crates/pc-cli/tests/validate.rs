//! `pc validate`: exit codes and output on valid, invalid and non-JSON input.

#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn pc(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pc"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // `pc` may exit before reading its input (bad usage, a file argument): ignore a broken pipe.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn fixture(name: &str) -> &'static str {
    pc_model::fixtures::ALL
        .iter()
        .find(|f| f.name == name)
        .unwrap()
        .json
}

#[test]
fn valid_bodies_exit_0() {
    for (kind, name) in [
        ("customer", "customer-create-indirect.request.docs.json"),
        ("agreement", "customer-agreement-create.request.docs.json"),
        (
            "qualification",
            "qualification-create-education.request.docs.json",
        ),
    ] {
        let o = pc(&["validate", kind, "-"], fixture(name));
        assert_eq!(
            o.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert_eq!(stdout(&o), "valid\n");
    }
}

#[test]
fn a_file_argument_works_like_stdin() {
    let path = std::env::temp_dir().join(format!("pc-validate-{}.json", std::process::id()));
    std::fs::write(&path, fixture("qualification-create-gcc.request.docs.json")).unwrap();
    let o = pc(&["validate", "qualification", path.to_str().unwrap()], "");
    std::fs::remove_file(&path).unwrap();
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn invalid_bodies_exit_1_with_one_line_per_violation() {
    let body = r#"{"companyProfile":{"domain":"contoso.com"},
        "billingProfile":{"email":"x","culture":"en-US","language":"en","companyName":"C",
        "defaultAddress":{"country":"RU","addressLine1":"1","firstName":"A","lastName":"B"}}}"#;
    let o = pc(&["validate", "customer", "-"], body);
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<String> = stdout(&o).lines().map(str::to_owned).collect();
    assert_eq!(
        lines,
        [
            "/billingProfile/defaultAddress/phoneNumber: is required for customers in RU",
            "/billingProfile/email: must be an email address such as someone@example.com",
            "/companyProfile/domain: must be `<prefix>.onmicrosoft.com` where the prefix is 1 to 27 letters or digits",
            "/companyProfile/organizationRegistrationNumber: is required for customers in RU",
        ]
    );
}

#[test]
fn json_output_lists_path_code_and_message() {
    let o = pc(
        &["validate", "qualification", "-", "--json"],
        r#"{"Qualification":"GovernmentCommunityCloud","ValidationCode":"12 34"}"#,
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"valid": false, "errors": [
            {"path": "/validationCode", "code": "whitespace", "message": "must not contain whitespace"}
        ]})
    );
    let o = pc(
        &["validate", "qualification", "-", "--json"],
        r#"{"qualification":"StateOwnedEntity"}"#,
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&stdout(&o)).unwrap(),
        serde_json::json!({"valid": true, "errors": []})
    );
}

#[test]
fn decode_problems_are_violations_with_pointers() {
    let o = pc(
        &["validate", "agreement", "-"],
        r#"{"primaryContact":{"firstName":"A","lastName":"B","email":"a@b.co"},"templateId":"nope","dateAgreed":"2020-01-01T00:00:00Z"}"#,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).starts_with("/templateId: "), "{}", stdout(&o));
}

#[test]
fn future_dates_are_checked_against_now_or_the_given_time() {
    let body = fixture("customer-agreement-create.request.docs.json");
    let o = pc(
        &[
            "validate",
            "agreement",
            "-",
            "--now",
            "2018-01-01T00:00:00Z",
        ],
        body,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with("/dateAgreed: must not be in the future"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn non_json_exits_2_with_line_and_column() {
    let o = pc(
        &["validate", "customer", "-"],
        "{\n  \"companyProfile\": nope\n}",
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("not JSON") && err.contains("line 2, column"),
        "{err}"
    );
    assert!(o.stdout.is_empty());

    let o = pc(&["validate", "customer", "-", "--json"], "");
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["valid"], false);
    assert_eq!(v["errors"][0]["code"], "syntax");
}

#[test]
fn unreadable_files_and_bad_usage_exit_2() {
    let o = pc(&["validate", "customer", "/nonexistent/body.json"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8(o.stderr)
            .unwrap()
            .contains("cannot read /nonexistent/body.json")
    );
    let o = pc(&["validate", "invoice", "-"], "{}");
    assert_eq!(o.status.code(), Some(2));
}
