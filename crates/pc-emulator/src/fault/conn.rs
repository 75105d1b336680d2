//! Connections that a request handler can break on purpose.
//!
//! A handler cannot close its own connection through axum, so the listener wraps every accepted
//! socket in a [`BreakableIo`] and hands a [`ConnectionHandle`] to the request (as axum's
//! `ConnectInfo`). Setting the handle's switch makes the socket refuse further writes: hyper then
//! fails to write the answer and drops the connection, which the client sees as a connection
//! closed before (or in the middle of) the response. Nothing else about serving changes.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::task::{Context, Poll};

use axum::extract::connect_info::Connected;
use axum::serve::IncomingStream;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

const NORMAL: u8 = 0;
const BROKEN: u8 = 1;
const TRUNCATE: u8 = 2;

/// What a connection should do with the answer being written.
#[derive(Debug, Default)]
struct Switch {
    mode: AtomicU8,
    keep_body_bytes: AtomicUsize,
}

/// The request's view of its connection: lets it break the connection.
#[derive(Debug, Clone)]
pub(crate) struct ConnectionHandle {
    switch: Arc<Switch>,
}

impl ConnectionHandle {
    /// Nothing more is written: the client gets no answer.
    pub(crate) fn close(&self) {
        self.switch.mode.store(BROKEN, Ordering::SeqCst);
    }

    /// The status line, the headers and `keep` bytes of the body are written, then nothing.
    pub(crate) fn truncate_body(&self, keep: usize) {
        self.switch.keep_body_bytes.store(keep, Ordering::SeqCst);
        self.switch.mode.store(TRUNCATE, Ordering::SeqCst);
    }
}

impl Connected<IncomingStream<'_, BreakableListener>> for ConnectionHandle {
    fn connect_info(stream: IncomingStream<'_, BreakableListener>) -> Self {
        stream.remote_addr().clone()
    }
}

/// A TCP listener whose connections carry a [`ConnectionHandle`].
#[derive(Debug)]
pub(crate) struct BreakableListener {
    inner: TcpListener,
}

impl BreakableListener {
    pub(crate) fn new(inner: TcpListener) -> Self {
        Self { inner }
    }
}

impl axum::serve::Listener for BreakableListener {
    type Io = BreakableIo;
    type Addr = ConnectionHandle;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            match self.inner.accept().await {
                Ok((stream, _)) => {
                    // Small answers go out at once instead of waiting for Nagle's algorithm.
                    let _ = stream.set_nodelay(true);
                    let switch = Arc::new(Switch::default());
                    let io = BreakableIo {
                        inner: stream,
                        switch: Arc::clone(&switch),
                        scan: HeaderScan::default(),
                    };
                    return (io, ConnectionHandle { switch });
                }
                Err(e) => {
                    // Out of file descriptors and the like: wait a little instead of spinning.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                }
            }
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.inner.local_addr().map(|_| ConnectionHandle {
            switch: Arc::default(),
        })
    }
}

/// Where the writer is in the answer: before the end of the headers, or in the body.
#[derive(Debug, Default)]
struct HeaderScan {
    /// How many bytes of `\r\n\r\n` were just seen.
    matched: u8,
    headers_done: bool,
    body_written: usize,
}

impl HeaderScan {
    /// How many of `bytes` may be written when `keep` body bytes are allowed; with `commit`,
    /// records them as written.
    fn allowance(&mut self, bytes: &[u8], keep: usize, commit: bool) -> usize {
        let (mut matched, mut headers_done, mut body) =
            (self.matched, self.headers_done, self.body_written);
        let mut allowed = 0;
        for &b in bytes {
            if headers_done {
                if body >= keep {
                    break;
                }
                body += 1;
            } else {
                matched = match (matched, b) {
                    (0 | 2, b'\r') => matched + 1,
                    (1 | 3, b'\n') => matched + 1,
                    (_, b'\r') => 1,
                    _ => 0,
                };
                headers_done = matched == 4;
            }
            allowed += 1;
        }
        if commit {
            (self.matched, self.headers_done, self.body_written) = (matched, headers_done, body);
        }
        allowed
    }
}

/// A TCP stream that stops writing when its [`ConnectionHandle`] says so.
#[derive(Debug)]
pub(crate) struct BreakableIo {
    inner: TcpStream,
    switch: Arc<Switch>,
    scan: HeaderScan,
}

fn broken() -> io::Error {
    io::Error::new(
        io::ErrorKind::ConnectionAborted,
        "connection closed by an injected fault",
    )
}

impl AsyncRead for BreakableIo {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if self.switch.mode.load(Ordering::SeqCst) == BROKEN {
            return Poll::Ready(Err(broken()));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for BreakableIo {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        match this.switch.mode.load(Ordering::SeqCst) {
            NORMAL => Pin::new(&mut this.inner).poll_write(cx, buf),
            TRUNCATE if buf.is_empty() => Poll::Ready(Ok(0)),
            TRUNCATE => {
                let keep = this.switch.keep_body_bytes.load(Ordering::SeqCst);
                let allowed = this.scan.allowance(buf, keep, false);
                if allowed == 0 {
                    this.switch.mode.store(BROKEN, Ordering::SeqCst);
                    return Poll::Ready(Err(broken()));
                }
                let written = Pin::new(&mut this.inner).poll_write(cx, &buf[..allowed]);
                if let Poll::Ready(Ok(n)) = written {
                    this.scan.allowance(&buf[..n], keep, true);
                }
                written
            }
            _ => Poll::Ready(Err(broken())),
        }
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        if self.switch.mode.load(Ordering::SeqCst) == NORMAL {
            return Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        }
        let first = bufs
            .iter()
            .find(|b| !b.is_empty())
            .map_or(&[][..], |b| &**b);
        self.poll_write(cx, first)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_keeps_headers_and_part_of_the_body() {
        let answer = b"HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\n0123456789";
        let head = answer.len() - 10;
        let mut scan = HeaderScan::default();
        assert_eq!(scan.allowance(answer, 4, false), head + 4);
        // Written in two pieces, the allowance carries over.
        let mut scan2 = HeaderScan::default();
        let first = scan2.allowance(&answer[..head - 2], 4, true);
        assert_eq!(first, head - 2);
        assert_eq!(scan2.allowance(&answer[head - 2..], 4, true), 6);
        assert_eq!(scan2.allowance(b"more", 4, true), 0);
        // `\r\n\r` followed by something else is not the end of the headers.
        assert_eq!(scan.allowance(b"a\r\n\rb\r\n\r\nxyz", 1, true), 10);
    }
}
