//! Connections that a request handler can break on purpose, and that close when a client is
//! too slow or idle too long.
//!
//! A handler cannot close its own connection through axum, so the listener wraps every accepted
//! socket in a [`BreakableIo`] and hands a [`ConnectionHandle`] to the request (as axum's
//! `ConnectInfo`). Setting the handle's switch makes the socket refuse further writes: hyper then
//! fails to write the answer and drops the connection, which the client sees as a connection
//! closed before (or in the middle of) the response.
//!
//! The same wrapper enforces the [`Timeouts`], as Go's `http.Server` does with
//! `ReadHeaderTimeout` and `IdleTimeout`: while no request is being handled, a connection waits
//! at most the header-read timeout for a whole request head (from when it was accepted, or from
//! the first byte of the next request) and at most the idle timeout for the first byte of the
//! next request after an answer. Then reading fails, and hyper closes the connection, so idle or
//! slow clients cannot hold every file descriptor. [`track_requests`], the outermost layer of
//! the router, tells the connection when a request is being handled (no deadline then).

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use axum::extract::Request;
use axum::extract::connect_info::{ConnectInfo, Connected};
use axum::middleware::Next;
use axum::response::Response;
use axum::serve::IncomingStream;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::{Instant, Sleep};

use crate::{later, lock};

const NORMAL: u8 = 0;
const BROKEN: u8 = 1;
const TRUNCATE: u8 = 2;

/// How long a connection may take to send a request head, and stay idle between requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Timeouts {
    pub(crate) header_read: Duration,
    pub(crate) idle: Duration,
}

/// What a connection is doing, for its deadline.
#[derive(Debug)]
struct Activity {
    /// Requests being handled (several at once on HTTP/2).
    in_flight: usize,
    /// When the connection began waiting for a request: when accepted, or when its last request
    /// was answered.
    waiting_since: Instant,
    /// Whether a request was answered (then the wait is idle time, not header reading).
    answered: bool,
    /// When the first byte of the next request arrived, while waiting.
    request_started: Option<Instant>,
    /// The connection's task, woken when the last request is answered so that it arms its
    /// deadline (hyper may not read again until the client sends something).
    waker: Option<Waker>,
}

impl Activity {
    fn new(now: Instant) -> Self {
        Self {
            in_flight: 0,
            waiting_since: now,
            answered: false,
            request_started: None,
            waker: None,
        }
    }

    /// When the connection must be closed if nothing changes; `None` while a request is handled.
    fn deadline(&self, timeouts: Timeouts) -> Option<Instant> {
        if self.in_flight > 0 {
            return None;
        }
        Some(match self.request_started {
            Some(at) => later(at, timeouts.header_read),
            None if self.answered => later(self.waiting_since, timeouts.idle),
            None => later(self.waiting_since, timeouts.header_read),
        })
    }
}

/// What a connection should do with the answer being written, and what it is doing.
#[derive(Debug)]
struct Switch {
    mode: AtomicU8,
    keep_body_bytes: AtomicUsize,
    activity: Mutex<Activity>,
}

impl Switch {
    fn new(now: Instant) -> Self {
        Self {
            mode: AtomicU8::new(NORMAL),
            keep_body_bytes: AtomicUsize::new(0),
            activity: Mutex::new(Activity::new(now)),
        }
    }
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

    /// A request is being handled until the returned guard is dropped: no deadline meanwhile.
    fn handling(&self) -> Handling {
        let mut activity = lock(&self.switch.activity);
        activity.in_flight += 1;
        activity.request_started = None;
        Handling {
            switch: Arc::clone(&self.switch),
        }
    }
}

/// A request being handled on a connection; dropping it (answered, or abandoned) starts the wait
/// for the next one.
#[derive(Debug)]
struct Handling {
    switch: Arc<Switch>,
}

impl Drop for Handling {
    fn drop(&mut self) {
        let waker = {
            let mut activity = lock(&self.switch.activity);
            activity.in_flight = activity.in_flight.saturating_sub(1);
            if activity.in_flight > 0 {
                return;
            }
            activity.waiting_since = Instant::now();
            activity.answered = true;
            activity.request_started = None;
            activity.waker.clone()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

/// The outermost layer: marks the request's connection busy while the request is handled, so
/// that its deadlines apply only between requests (see the module documentation).
pub(crate) async fn track_requests(req: Request, next: Next) -> Response {
    let handling = req
        .extensions()
        .get::<ConnectInfo<ConnectionHandle>>()
        .map(|c| c.0.handling());
    let response = next.run(req).await;
    drop(handling);
    response
}

impl Connected<IncomingStream<'_, BreakableListener>> for ConnectionHandle {
    fn connect_info(stream: IncomingStream<'_, BreakableListener>) -> Self {
        stream.remote_addr().clone()
    }
}

/// A TCP listener whose connections carry a [`ConnectionHandle`] and close at their deadlines.
#[derive(Debug)]
pub(crate) struct BreakableListener {
    inner: TcpListener,
    timeouts: Timeouts,
    /// Whether the last accept failed (then the next failures are logged at debug level only).
    failing: bool,
}

impl BreakableListener {
    pub(crate) fn new(inner: TcpListener, timeouts: Timeouts) -> Self {
        Self {
            inner,
            timeouts,
            failing: false,
        }
    }
}

impl axum::serve::Listener for BreakableListener {
    type Io = BreakableIo;
    type Addr = ConnectionHandle;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            match self.inner.accept().await {
                Ok((stream, _)) => {
                    self.failing = false;
                    // Small answers go out at once instead of waiting for Nagle's algorithm.
                    let _ = stream.set_nodelay(true);
                    let switch = Arc::new(Switch::new(Instant::now()));
                    let io = BreakableIo {
                        inner: stream,
                        switch: Arc::clone(&switch),
                        scan: HeaderScan::default(),
                        timeouts: self.timeouts,
                        timer: None,
                        waker_known: false,
                    };
                    return (io, ConnectionHandle { switch });
                }
                Err(e) => {
                    // Out of file descriptors and the like: wait a little instead of spinning,
                    // until a connection closes (at the latest at its deadline).
                    if self.failing {
                        tracing::debug!(error = %e, "accepting a connection failed again");
                    } else {
                        tracing::warn!(error = %e, "accepting a connection failed; retrying");
                    }
                    self.failing = true;
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            }
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.inner.local_addr().map(|_| ConnectionHandle {
            switch: Arc::new(Switch::new(Instant::now())),
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

/// A TCP stream that stops writing when its [`ConnectionHandle`] says so, and fails at its
/// deadline.
#[derive(Debug)]
pub(crate) struct BreakableIo {
    inner: TcpStream,
    switch: Arc<Switch>,
    scan: HeaderScan,
    timeouts: Timeouts,
    /// Armed when reading or writing had to wait.
    timer: Option<Pin<Box<Sleep>>>,
    /// Whether the connection's task is known to [`Activity::waker`].
    waker_known: bool,
}

fn broken() -> io::Error {
    io::Error::new(
        io::ErrorKind::ConnectionAborted,
        "connection closed by an injected fault",
    )
}

impl BreakableIo {
    /// Makes the connection's task known, so that the end of a request wakes it. A connection is
    /// served by one task throughout, so this happens on its first read or write.
    fn know_task(&mut self, cx: &Context<'_>) {
        if !self.waker_known {
            lock(&self.switch.activity).waker = Some(cx.waker().clone());
            self.waker_known = true;
        }
    }

    /// Called when reading or writing has to wait: an error once the connection's deadline has
    /// passed, else a wake-up at the deadline.
    fn check_deadline(&mut self, cx: &mut Context<'_>) -> io::Result<()> {
        let Some(deadline) = lock(&self.switch.activity).deadline(self.timeouts) else {
            return Ok(());
        };
        let timer = self
            .timer
            .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
        if timer.deadline() != deadline {
            timer.as_mut().reset(deadline);
        }
        if Instant::now() >= deadline || timer.as_mut().poll(cx).is_ready() {
            tracing::debug!("closing a connection: too slow or idle too long");
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client was too slow sending a request, or idle too long",
            ));
        }
        Ok(())
    }
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
        self.know_task(cx);
        let before = buf.filled().len();
        match Pin::new(&mut self.inner).poll_read(cx, buf) {
            Poll::Ready(Ok(())) if buf.filled().len() > before => {
                let mut activity = lock(&self.switch.activity);
                if activity.in_flight == 0 && activity.request_started.is_none() {
                    activity.request_started = Some(Instant::now());
                }
                Poll::Ready(Ok(()))
            }
            Poll::Pending => match self.check_deadline(cx) {
                Ok(()) => Poll::Pending,
                Err(e) => Poll::Ready(Err(e)),
            },
            other => other,
        }
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
            NORMAL => match Pin::new(&mut this.inner).poll_write(cx, buf) {
                // A client that does not read its answer is idle too.
                Poll::Pending => match this.check_deadline(cx) {
                    Ok(()) => Poll::Pending,
                    Err(e) => Poll::Ready(Err(e)),
                },
                written => written,
            },
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
            return match Pin::new(&mut self.inner).poll_write_vectored(cx, bufs) {
                Poll::Pending => match self.check_deadline(cx) {
                    Ok(()) => Poll::Pending,
                    Err(e) => Poll::Ready(Err(e)),
                },
                written => written,
            };
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
