//! The generators behind `cargo xtask`, as a library so that `cargo test` can run the same
//! freshness check as `cargo xtask schemas --check`.

pub mod openapi;
pub mod postprocess;
pub mod schemas;
