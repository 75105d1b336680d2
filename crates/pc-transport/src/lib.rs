//! Sends one Partner Center operation: headers, request and correlation ids, credentials and
//! tokens, retries, throttling, timeouts and typed errors. Not implemented yet.
