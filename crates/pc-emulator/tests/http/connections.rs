//! Slow and idle connections are closed, so they cannot hold every file descriptor.
//!
//! The timeouts are configured short (200 ms) so that the tests are quick; they wait for what
//! must happen with generous upper bounds and never assert on elapsed time.

use std::process::{Command, Stdio};
use std::time::Duration;

use pc_emulator::DEFAULT_APP_USER_TOKEN;
use pc_emulator::fault::ScriptedFault;
use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::common::{Env, config};

const SHORT: Duration = Duration::from_millis(200);
const LONG: Duration = Duration::from_secs(3600);
/// Far longer than any timeout under test, even on a busy machine.
const BOUND: Duration = Duration::from_secs(30);

/// Reads until the emulator closes the connection; panics if it is still open after [`BOUND`].
/// Returns what was read (a reset after the close counts as the end).
async fn read_until_closed(stream: &mut TcpStream) -> Vec<u8> {
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    let read = async {
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => got.extend_from_slice(&buf[..n]),
            }
        }
    };
    tokio::time::timeout(BOUND, read)
        .await
        .expect("the emulator should have closed the connection");
    got
}

#[tokio::test]
async fn a_client_that_sends_part_of_a_request_head_is_dropped_after_the_header_read_timeout() {
    let env = Env::with(config().with_connection_timeouts(SHORT, LONG)).await;
    // Part of the request line, then nothing.
    let mut slow = TcpStream::connect(env.emu.addr()).await.unwrap();
    slow.write_all(b"GET /_emulator/sta").await.unwrap();
    assert!(read_until_closed(&mut slow).await.is_empty());
    // A connection that sends nothing at all is dropped the same way.
    let mut silent = TcpStream::connect(env.emu.addr()).await.unwrap();
    assert!(read_until_closed(&mut silent).await.is_empty());
    // Whole requests are still served.
    let state = env.get("/_emulator/state").send().await.unwrap();
    assert_eq!(state.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_connection_idle_after_its_answer_is_closed_after_the_idle_timeout() {
    let env = Env::with(config().with_connection_timeouts(LONG, SHORT)).await;
    let mut conn = TcpStream::connect(env.emu.addr()).await.unwrap();
    conn.write_all(b"GET /_emulator/state HTTP/1.1\r\nHost: emulator\r\n\r\n")
        .await
        .unwrap();
    // The answer comes, then the connection closes although it was kept alive.
    let got = String::from_utf8(read_until_closed(&mut conn).await).unwrap();
    assert!(got.starts_with("HTTP/1.1 200 OK\r\n"), "{got}");
    assert!(
        !got.to_ascii_lowercase().contains("connection: close"),
        "{got}"
    );
}

#[tokio::test]
async fn a_request_handled_for_longer_than_the_timeouts_is_still_answered() {
    let env = Env::with(config().with_connection_timeouts(SHORT, SHORT)).await;
    // The handler takes three times both timeouts: the connection is busy, not idle.
    env.emu.script_faults([ScriptedFault::new(
        "GET",
        "/v1/customers/all/validations",
        "delay:600ms".parse().unwrap(),
    )]);
    let mut conn = TcpStream::connect(env.emu.addr()).await.unwrap();
    let request = format!(
        "GET /v1/customers/all/validations HTTP/1.1\r\nHost: emulator\r\nAuthorization: Bearer {DEFAULT_APP_USER_TOKEN}\r\n\r\n"
    );
    conn.write_all(request.as_bytes()).await.unwrap();
    let got = String::from_utf8(read_until_closed(&mut conn).await).unwrap();
    assert!(got.starts_with("HTTP/1.1 200 OK\r\n"), "{got}");
    assert_eq!(env.emu.state().counters.faults_injected, 1);
}

/// More idle connections than the emulator has file descriptors: once their header-read timeout
/// passes they are closed, and a normal request is served. The emulator runs as the binary
/// under a lowered `RLIMIT_NOFILE` (the shell's `ulimit -n`), scaled down from 1,100 connections
/// under 1,024 descriptors so that the test's own process needs few.
#[cfg(unix)]
#[tokio::test]
async fn idle_connections_beyond_the_descriptor_limit_do_not_stop_it_serving() {
    const LIMIT: usize = 128;
    const IDLE: usize = 200;
    let mut child = Command::new("sh")
        .args([
            "-c",
            &format!("ulimit -n {LIMIT} && exec \"$0\" \"$@\""),
            env!("CARGO_BIN_EXE_pc-emulator"),
            "--port",
            "0",
            "--header-read-timeout",
            "200ms",
            "--idle-timeout",
            "200ms",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let first = crate::binary::first_line(&mut child).await;
    let url = first.trim().rsplit(' ').next().unwrap().to_owned();
    let addr = url.trim_start_matches("http://").to_owned();

    // Connections that never send anything, more than the emulator can hold open.
    let mut idle = Vec::with_capacity(IDLE);
    for _ in 0..IDLE {
        idle.push(TcpStream::connect(&addr).await.unwrap());
    }
    let http = reqwest::Client::builder().timeout(BOUND).build().unwrap();
    let state = http
        .get(format!("{url}/_emulator/state"))
        .send()
        .await
        .unwrap();
    assert_eq!(state.status(), StatusCode::OK);

    child.kill().unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    // It did run out of descriptors on the way.
    assert!(stderr.contains("accepting a connection failed"), "{stderr}");
    drop(idle);
}
