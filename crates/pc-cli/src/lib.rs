//! The shapes of `pc --json`, as Rust types.
//!
//! The `pc` binary builds its JSON output from these types, and `cargo xtask schemas` derives the
//! published JSON Schemas under `schemas/cli/` from them ([`json::schemas`]), so the schemas and
//! the output cannot drift apart: a changed field changes both, and the freshness check
//! (`cargo xtask schemas --check`, also run by `cargo test`) fails until the files are
//! regenerated. `pc`'s tests validate the real output of each command against the committed
//! files.

pub mod json;
