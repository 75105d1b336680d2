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

/// `pc` with `args` and no target: a usage error's exit status and standard error.
fn usage_error(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_pc"))
        .args(args)
        .env_remove("PC_BASE_URL")
        .env_remove("PC_ACCESS_TOKEN")
        .env_remove("PC_REFRESH_TOKEN")
        .env_remove("PC_CLIENT_SECRET")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn enum_arguments_take_the_model_spellings_and_list_its_names() {
    const ID: &str = "626099fe-17af-4756-9fd0-6a73b7127859";
    // The names come from pc-model's enums, in help and in errors.
    let create = help(&["qualifications", "create"]);
    assert!(
        create.contains("[possible values: Education, GovernmentCommunityCloud, StateOwnedEntity]")
            && create.contains("[possible values: K12, HigherEducation]"),
        "{create}"
    );
    let err = usage_error(&["agreements", "metadata", "--type", "mcb"]);
    assert!(
        err.contains("use MicrosoftCustomerAgreement or MicrosoftCloudAgreement"),
        "{err}"
    );
    // A kind in any spelling is read, and the options it needs or refuses are checked before
    // anything else (here: before the missing credentials).
    for (args, expected) in [
        (&["EDUCATION"][..], "Education needs --segment"),
        (
            &["government-community-cloud"],
            "GovernmentCommunityCloud needs --code",
        ),
        (
            &["soe", "--segment", "k12"],
            "StateOwnedEntity does not take --segment",
        ),
        (
            &["gcc", "--code", "1", "--website", "x.edu"],
            "GovernmentCommunityCloud does not take --website",
        ),
    ] {
        let mut command = vec!["qualifications", "create", ID];
        command.extend_from_slice(args);
        let err = usage_error(&command);
        assert!(err.contains(expected), "{command:?}: {err}");
    }
    let err = usage_error(&[
        "qualifications",
        "create",
        ID,
        "Higher_Education",
        "--segment",
        "k12",
    ]);
    assert!(
        err.contains("use Education, GovernmentCommunityCloud or StateOwnedEntity"),
        "{err}"
    );
    // Read correctly, the command goes on to need credentials.
    let err = usage_error(&[
        "qualifications",
        "create",
        ID,
        "Education",
        "--segment",
        "higher education",
    ]);
    assert!(err.contains("no credentials"), "{err}");
}
