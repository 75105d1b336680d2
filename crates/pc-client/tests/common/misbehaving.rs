//! A tiny HTTP/1.1 server on a plain tokio socket that misbehaves the way a mock server cannot:
//! it never answers, drips a body one byte at a time, or sends `100 Continue` forever. It
//! records every request line it reads.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the server does with a request.
#[derive(Debug, Clone, Copy)]
pub enum Behaviour {
    /// Reads the request and never answers.
    Silent,
    /// Answers `201` with a header promising a megabyte, then sends one space every 20 ms.
    Drip,
    /// Sends `100 Continue` every 20 ms, never a final answer.
    EndlessContinue,
    /// Answers `200` with this JSON body after this delay.
    AnswerAfter(Duration, &'static str),
}

type Route = dyn Fn(&str, &str) -> Behaviour + Send + Sync;

/// A running server; dropped, it stops accepting.
pub struct Server {
    url: String,
    seen: Arc<Mutex<Vec<String>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Server {
    /// Starts a server on `127.0.0.1` that treats each request as `route(method, target)` says.
    pub async fn start(route: impl Fn(&str, &str) -> Behaviour + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let route: Arc<Route> = Arc::new(route);
        let log = seen.clone();
        let task = tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(serve(socket, route.clone(), log.clone()));
            }
        });
        Self { url, seen, task }
    }

    /// The base URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// How many requests came with this method and a target starting with `prefix`.
    pub fn count(&self, method: &str, prefix: &str) -> usize {
        let wanted = format!("{method} {prefix}");
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|line| line.starts_with(&wanted))
            .count()
    }

    /// Every request line read, in order (`POST /v1/customers`).
    pub fn seen(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Serves one connection, request after request, until the client goes away.
async fn serve(mut socket: TcpStream, route: Arc<Route>, seen: Arc<Mutex<Vec<String>>>) {
    let mut buffer = Vec::new();
    loop {
        let Some((method, target, body_len, head_len)) = read_head(&mut socket, &mut buffer).await
        else {
            return;
        };
        // Read (and drop) the body.
        while buffer.len() < head_len + body_len {
            let mut chunk = [0u8; 4096];
            match socket.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        }
        buffer.drain(..head_len + body_len);
        seen.lock().unwrap().push(format!("{method} {target}"));
        match route(&method, &target) {
            Behaviour::Silent => {
                let mut sink = [0u8; 4096];
                while matches!(socket.read(&mut sink).await, Ok(n) if n > 0) {}
                return;
            }
            Behaviour::Drip => {
                let head = "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 1048576\r\n\r\n";
                if socket.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                while socket.write_all(b" ").await.is_ok() {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                return;
            }
            Behaviour::EndlessContinue => {
                while socket
                    .write_all(b"HTTP/1.1 100 Continue\r\n\r\n")
                    .await
                    .is_ok()
                {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                return;
            }
            Behaviour::AnswerAfter(delay, body) => {
                tokio::time::sleep(delay).await;
                let answer = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                    body.len()
                );
                if socket.write_all(answer.as_bytes()).await.is_err() {
                    return;
                }
            }
        }
    }
}

/// Reads until the end of a request head; the method, the target, the body's length and the
/// head's length.
async fn read_head(
    socket: &mut TcpStream,
    buffer: &mut Vec<u8>,
) -> Option<(String, String, usize, usize)> {
    loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buffer[..end]).into_owned();
            let mut lines = head.lines();
            let mut request_line = lines.next()?.split(' ');
            let method = request_line.next()?.to_owned();
            let target = request_line.next()?.to_owned();
            let body_len = lines
                .filter_map(|l| l.split_once(':'))
                .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
                .and_then(|(_, v)| v.trim().parse().ok())
                .unwrap_or(0);
            return Some((method, target, body_len, end + 4));
        }
        let mut chunk = [0u8; 4096];
        match socket.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    }
}
