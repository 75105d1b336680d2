//! Each command's help shows the options it uses and no others.

#![allow(clippy::unwrap_used)]

use std::process::Command;

fn help(command: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_pc"))
        .args(command)
        .arg("--help")
        .env_remove("PC_BASE_URL")
        .output()
        .unwrap();
    assert!(out.status.success(), "{command:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// Target, credential and call options.
const SERVICE_OPTIONS: [&str; 8] = [
    "--base-url",
    "--cloud",
    "--client-id",
    "--refresh-token-file",
    "--access-token",
    "--authority",
    "--request-id",
    "--timeout",
];

#[test]
fn target_and_credential_options_only_on_the_commands_that_call_the_service() {
    for command in [
        &["validate"][..],
        &["validate", "customer"],
        &["emulator"],
        &["demo"],
        &["completions"],
        &[],
    ] {
        let text = help(command);
        for option in SERVICE_OPTIONS {
            assert!(
                !text.contains(option),
                "pc {command:?} --help shows {option}"
            );
        }
    }
    for command in [
        &["customers", "create"][..],
        &["customers"],
        &["domains", "check"],
        &["agreements", "confirm"],
        &["qualifications", "wait"],
        &["validation-codes"],
    ] {
        let text = help(command);
        for option in SERVICE_OPTIONS {
            assert!(
                text.contains(option),
                "pc {command:?} --help lacks {option}"
            );
        }
    }
    let onboard = help(&["onboard"]);
    assert!(onboard.contains("--base-url") && onboard.contains("--access-token"));
}

#[test]
fn an_unknown_education_segment_is_a_usage_error_naming_the_segments() {
    let out = Command::new(env!("CARGO_BIN_EXE_pc"))
        .args([
            "qualifications",
            "create",
            "626099fe-17af-4756-9fd0-6a73b7127859",
            "education",
            "--segment",
            "university",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--segment") && stderr.contains("K12 or HigherEducation"),
        "{stderr}"
    );
}
