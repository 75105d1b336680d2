//! Section 5: what `pc-model` pulls in, with and without the `schema` feature, from
//! `cargo tree -p pc-model -e normal`. Without `cargo` on `PATH` the rows say so.

use std::collections::BTreeSet;
use std::process::Command;

use crate::Mode;
use crate::report::{Report, Target};

const SECTION: &str = "footprint";
const FORBIDDEN: [&str; 3] = ["reqwest", "hyper", "tokio"];

/// The workspace manifest, from where the suite was built.
const MANIFEST: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.toml");

/// `name version` of every crate in the tree.
fn crates(cargo: &str, features: Option<&str>) -> Result<BTreeSet<String>, String> {
    let mut command = Command::new(cargo);
    command.args([
        "tree",
        "--manifest-path",
        MANIFEST,
        "-p",
        "pc-model",
        "-e",
        "normal",
        "--prefix",
        "none",
    ]);
    if let Some(features) = features {
        command.args(["--features", features]);
    }
    let output = command
        .output()
        .map_err(|e| format!("`{cargo}` could not be run ({e}); count by hand with `cargo tree -p pc-model -e normal`"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(format!(
            "`cargo tree` failed: {}",
            stderr.lines().last().unwrap_or("no message")
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            Some(format!("{} {}", words.next()?, words.next()?))
        })
        .collect())
}

pub(crate) fn run(mode: Mode, report: &mut Report) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    for (label, features) in [
        ("default features", None),
        ("feature `schema`", Some("schema")),
    ] {
        let what = format!("crates in `cargo tree -p pc-model -e normal`, {label}");
        match crates(&cargo, features) {
            Ok(found) => {
                let names: BTreeSet<&str> = found
                    .iter()
                    .filter_map(|c| c.split_whitespace().next())
                    .collect();
                let forbidden: Vec<&str> = FORBIDDEN
                    .iter()
                    .copied()
                    .filter(|f| names.contains(f))
                    .collect();
                report.count(
                    SECTION,
                    what,
                    found.len() as u64,
                    Target::None,
                    "pc-model itself and proc-macro crates included",
                );
                report.holds(
                    SECTION,
                    format!("none of reqwest, hyper, tokio ({label})"),
                    forbidden.is_empty(),
                    if forbidden.is_empty() {
                        String::new()
                    } else {
                        format!("found: {}", forbidden.join(", "))
                    },
                );
                if !mode.is_full() {
                    assert!(forbidden.is_empty(), "pc-model pulls {forbidden:?}");
                }
            }
            Err(why) => {
                eprintln!("footprint: {why}");
                report.skipped(SECTION, what, why);
            }
        }
    }
}
