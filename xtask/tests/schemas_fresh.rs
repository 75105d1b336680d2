//! `cargo test` fails when `schemas/` is stale, as `cargo xtask schemas --check` does.

#[test]
fn committed_schemas_are_up_to_date() {
    if let Err(stale) = xtask::schemas::check(&xtask::schemas::workspace_root()) {
        panic!("{stale}");
    }
}
