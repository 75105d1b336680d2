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

#[test]
fn on_another_address_it_warns_and_the_control_api_is_off() {
    use std::io::{BufRead, BufReader, Write};
    let mut child = Command::new(env!("CARGO_BIN_EXE_pc"))
        .args(["emulator", "--host", "0.0.0.0", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // pc emulator listening on http://0.0.0.0:PORT  (Ctrl-C to stop)
    let port: u16 = first
        .split("0.0.0.0:")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("{first}"));
    // A plain HTTP/1.1 request: the status line is enough.
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .write_all(b"GET /_emulator/state HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut status = String::new();
    BufReader::new(stream).read_line(&mut status).unwrap();
    child.kill().unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(status.starts_with("HTTP/1.1 403"), "{status}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("listening on 0.0.0.0") && stderr.contains("test tool"),
        "{stderr}"
    );
}

#[test]
fn pc_emulator_takes_every_option_of_the_emulator_binary() {
    use clap::Args;
    let out = pc(&["emulator", "--help"]);
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    let definition = pc_emulator::EmulatorArgs::augment_args(clap::Command::new("pc-emulator"));
    let longs: Vec<&str> = definition
        .get_arguments()
        .filter_map(|a| a.get_long())
        .collect();
    assert!(longs.contains(&"token-lifetime"), "{longs:?}");
    for long in longs {
        assert!(
            help.contains(&format!("--{long}")),
            "--{long} missing from:\n{help}"
        );
    }
}
