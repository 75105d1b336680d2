//! The exit statuses of `pc`.

use std::process::ExitCode;

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exit {
    /// 0: done.
    Success,
    /// 1: a request body failed local validation; nothing was sent.
    Invalid,
    /// 2: bad usage, or input that cannot be read or is not JSON.
    Usage,
    /// 3: the service or the network failed.
    Service,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(match exit {
            Exit::Success => 0,
            Exit::Invalid => 1,
            Exit::Usage => 2,
            Exit::Service => 3,
        })
    }
}
