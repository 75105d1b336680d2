//! `pc completions SHELL` prints a completion script generated from the command line definition.

#![allow(clippy::unwrap_used)]

use std::process::Command;

fn pc(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pc"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn every_supported_shell_gets_a_script_naming_the_commands() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef pc"),
        ("fish", "complete -c pc"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let o = pc(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let script = String::from_utf8(o.stdout).unwrap();
        assert!(script.contains(marker), "{shell}: {marker}");
        for word in ["onboard", "qualifications", "validation-codes", "json"] {
            assert!(script.contains(word), "{shell} script lacks {word}");
        }
        assert!(o.stderr.is_empty(), "{shell}");
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let o = pc(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("tcsh"));
}
