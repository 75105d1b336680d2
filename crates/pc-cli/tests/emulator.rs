//! `pc emulator`: the flags it shares with the `pc-emulator` binary and what it refuses.

#![allow(clippy::unwrap_used)]

use std::process::{Command, Output, Stdio};

/// `pc` with `args`, expected to exit at once; still running after a generous bound (it accepted
/// its arguments and serves), it is killed and its output shows it.
fn pc(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pc"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    for _ in 0..400 {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill();
    child.wait_with_output().unwrap()
}

#[test]
fn durations_that_overflow_time_arithmetic_are_refused_with_exit_2() {
    for (flag, value) in [
        ("--token-lifetime", "10000000000000000000s"),
        ("--lag", "876001h"),
        ("--vetting-delay", "3153600001s"),
        ("--faults", "1@delay:10000000000000000000s"),
    ] {
        let out = pc(&["emulator", flag, value]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{flag} {value}: {stderr}");
        assert!(
            stderr.contains(flag) && stderr.contains("100 years"),
            "{stderr}"
        );
    }
}
