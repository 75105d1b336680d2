//! `pc validate`: exit codes and output on valid, invalid and non-JSON input.

#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn pc(args: &[&str], stdin: &str) -> Output {
    let stdin = stdin.to_owned();
    // `pc` may exit before reading its input (bad usage, a file argument): ignore a broken pipe.
    pc_fed(args, move |mut pipe| drop(pipe.write_all(stdin.as_bytes())))
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
    // The file is named once, in one sentence.
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.starts_with("pc: cannot read /nonexistent/body.json: "),
        "{err}"
    );
    assert_eq!(err.matches("body.json").count(), 1, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    // Not JSON: the file named once too; standard input named as such.
    let path = std::env::temp_dir().join(format!("pc-validate-nj-{}.json", std::process::id()));
    std::fs::write(&path, "nope").unwrap();
    let o = pc(&["validate", "customer", path.to_str().unwrap()], "");
    std::fs::remove_file(&path).unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.starts_with(&format!("pc: {} is not JSON: ", path.display())),
        "{err}"
    );
    assert_eq!(err.matches("pc-validate-nj-").count(), 1, "{err}");
    let o = pc(&["validate", "customer", "-"], "nope");
    assert!(
        String::from_utf8(o.stderr)
            .unwrap()
            .starts_with("pc: standard input is not JSON: "),
    );
    let o = pc(&["validate", "invoice", "-"], "{}");
    assert_eq!(o.status.code(), Some(2));
}

/// Runs `pc` with `args`, feeding standard input from `feed` on another thread (which may
/// write forever: it stops when `pc` closes the pipe).
fn pc_fed(args: &[&str], feed: impl FnOnce(std::process::ChildStdin) + Send + 'static) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pc"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || feed(stdin));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

#[test]
fn input_over_16_mib_is_refused_with_exit_2_even_when_it_never_ends() {
    let limit = 16 * 1024 * 1024;
    let refused = |o: &Output| {
        assert_eq!(o.status.code(), Some(2), "{o:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("the input is larger than 16 MiB (16777216 bytes)"),
            "{err}"
        );
    };
    // A pipe that never ends.
    let o = pc_fed(&["validate", "customer", "-"], |mut stdin| {
        let chunk = vec![b' '; 64 * 1024];
        while stdin.write_all(&chunk).is_ok() {}
    });
    refused(&o);
    // A device that never ends.
    if std::path::Path::new("/dev/zero").exists() {
        refused(&pc(&["validate", "customer", "/dev/zero"], ""));
    }
    // Exactly the limit is read (and then judged: here, whitespace is not JSON).
    let o = pc_fed(&["validate", "customer", "-"], move |mut stdin| {
        let _ = stdin.write_all(&vec![b' '; limit]);
    });
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("not JSON"),
        "{o:?}"
    );
}

#[test]
fn text_that_starts_like_json_but_is_not_exits_2() {
    for body in ["8x", "[]x", "{}x", "\"a\"]"] {
        let o = pc(&["validate", "customer", "-"], body);
        assert_eq!(o.status.code(), Some(2), "{body}: {o:?}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("not JSON"),
            "{body}: {o:?}"
        );
    }
    // JSON of the wrong shape is an invalid body: 1.
    assert_eq!(
        pc(&["validate", "customer", "-"], "8").status.code(),
        Some(1)
    );
}

#[test]
fn echoed_values_are_cut_and_control_characters_escaped() {
    let huge = "\u{1b}[2J".to_owned() + &"A".repeat(10 * 1024 * 1024);
    let body =
        serde_json::json!({"qualification": "Education", "educationSegment": huge}).to_string();
    let o = pc(&["validate", "qualification", "-"], &body);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.len() < 4_096, "{} bytes on stdout", out.len());
    assert!(
        out.starts_with("/educationSegment: unknown variant `\\u{1b}[2JAAAA"),
        "{out}"
    );
    assert!(out.contains("characters in all)"), "{out}");
    assert!(!out.contains('\u{1b}'));
    assert_eq!(out.lines().count(), 1);

    let o = pc(&["validate", "qualification", "-", "--json"], &body);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.len() < 4_096, "{} bytes on stdout", o.stdout.len());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let message = v["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("unknown variant `\u{1b}[2JAAAA"),
        "{message}"
    );
    assert!(message.contains("characters in all)"), "{message}");
}
