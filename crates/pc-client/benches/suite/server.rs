//! A minimal HTTP/1.1 server that answers every `GET` with one fixed body and every `POST` with
//! another, over keep-alive connections: so little work that the clients are what is measured.
//! It can note the header names of the requests it gets, to check that both sides send the same.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::runtime::Handle;

#[derive(Default)]
struct Shared {
    capture: AtomicBool,
    /// Header names (lower case, sorted) of the last captured `GET` and `POST`.
    last: Mutex<[Option<Vec<String>>; 2]>,
}

pub(crate) struct FixedServer {
    url: String,
    shared: Arc<Shared>,
}

fn response(status: &str, body: &[u8]) -> Arc<[u8]> {
    let mut out = format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: {}\r\nms-cv: bench.0\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out.into()
}

impl FixedServer {
    /// Starts serving on `runtime` (on 127.0.0.1, a free port).
    pub(crate) fn start(runtime: &Handle, get_body: &[u8], post_body: &[u8]) -> Self {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port is free");
        listener
            .set_nonblocking(true)
            .expect("the listener becomes non-blocking");
        let addr = listener.local_addr().expect("the listener has an address");
        let shared = Arc::new(Shared::default());
        let get = response("200 OK", get_body);
        let post = response("201 Created", post_body);
        let state = Arc::clone(&shared);
        runtime.spawn(async move {
            let listener = TcpListener::from_std(listener).expect("tokio takes the listener");
            loop {
                let Ok((socket, _)) = listener.accept().await else {
                    continue;
                };
                tokio::spawn(connection(
                    socket,
                    Arc::clone(&get),
                    Arc::clone(&post),
                    Arc::clone(&state),
                ));
            }
        });
        Self {
            url: format!("http://{addr}"),
            shared,
        }
    }

    pub(crate) fn url(&self) -> &str {
        &self.url
    }

    /// Starts or stops noting header names.
    pub(crate) fn capture(&self, on: bool) {
        self.shared.capture.store(on, Ordering::SeqCst);
    }

    /// The header names of the last captured request with this method, taken.
    pub(crate) fn take_header_names(&self, post: bool) -> Option<Vec<String>> {
        let mut last = self
            .shared
            .last
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        last[usize::from(post)].take()
    }
}

fn find_head_end(buf: &[u8]) -> Option<usize> {
    buf.windows(4).position(|w| w == b"\r\n\r\n").map(|i| i + 4)
}

fn header_lines(head: &[u8]) -> impl Iterator<Item = (&str, &str)> {
    std::str::from_utf8(head)
        .unwrap_or("")
        .split("\r\n")
        .skip(1)
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim(), value.trim()))
}

async fn connection(mut socket: TcpStream, get: Arc<[u8]>, post: Arc<[u8]>, shared: Arc<Shared>) {
    let _ = socket.set_nodelay(true);
    let mut buf: Vec<u8> = Vec::with_capacity(8192);
    let mut chunk = vec![0u8; 16 * 1024];
    loop {
        let head_end = loop {
            if let Some(end) = find_head_end(&buf) {
                break end;
            }
            match socket.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        };
        let content_length = header_lines(&buf[..head_end])
            .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, value)| value.parse::<usize>().ok())
            .unwrap_or(0);
        while buf.len() < head_end + content_length {
            match socket.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
        let is_post = buf.starts_with(b"POST ");
        if shared.capture.load(Ordering::Relaxed) {
            let mut names: Vec<String> = header_lines(&buf[..head_end])
                .map(|(name, _)| name.to_ascii_lowercase())
                .collect();
            names.sort();
            let mut last = shared.last.lock().unwrap_or_else(PoisonError::into_inner);
            last[usize::from(is_post)] = Some(names);
        }
        let answer = if is_post { &post } else { &get };
        if socket.write_all(answer).await.is_err() {
            return;
        }
        buf.drain(..head_end + content_length);
    }
}
