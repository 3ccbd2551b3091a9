//! The house's layout (docs/layout.md): imports run one way, down the
//! pipeline. Read off the source, so that a change that turns an arrow
//! around fails here with the file and line, not in a later review.
//!
//! * No module under `src/model/` imports the solver (`crate::solve`) or
//!   anything above it (`crate::plan`, `crate::cmd`, `crate::cli`).
//! * No pipeline stage imports a command (`crate::cmd`, `crate::cli`).
//! * Only `report` (which shows a plan's figures) among the stages uses
//!   the drivers in `crate::plan`.
//! * Each command is one file under `src/cmd/`.

mod common;

use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Every `.rs` file under `src/<dir>` (or the file `src/<dir>.rs`).
fn files(dir: &str) -> Vec<PathBuf> {
    let base = Path::new(ROOT).join("src");
    let file = base.join(format!("{dir}.rs"));
    if file.is_file() {
        return vec![file];
    }
    common::rust_files(&base.join(dir))
}

/// Each line of `dirs`' files (outside their unit tests) that names one
/// of `paths`, as `file:line: text`.
fn imports(dirs: &[&str], paths: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for dir in dirs {
        for file in files(dir) {
            let text = std::fs::read_to_string(&file).unwrap();
            for (n, line) in text.lines().enumerate() {
                if line.trim_start().starts_with("#[cfg(test)]") {
                    break;
                }
                if line.trim_start().starts_with("//") {
                    continue;
                }
                if paths.iter().any(|p| line.contains(p)) {
                    let shown = file.strip_prefix(ROOT).unwrap().display();
                    found.push(format!("{shown}:{}: {}", n + 1, line.trim()));
                }
            }
        }
    }
    found
}

const STAGES: &[&str] = &[
    "domain",
    "policy",
    "indicators",
    "geo",
    "read",
    "eligibility",
    "model",
    "solve",
    "assign",
    "audit",
    "report",
];

#[test]
fn the_model_does_not_import_the_solver() {
    let found = imports(
        &["model"],
        &["crate::solve", "crate::plan", "crate::cmd", "crate::cli"],
    );
    assert!(found.is_empty(), "\n{}", found.join("\n"));
}

#[test]
fn no_stage_imports_a_command() {
    let found = imports(STAGES, &["crate::cmd", "crate::cli"]);
    assert!(found.is_empty(), "\n{}", found.join("\n"));
}

#[test]
fn only_the_report_uses_the_drivers() {
    let below: Vec<&str> = STAGES.iter().copied().filter(|s| *s != "report").collect();
    let found = imports(&below, &["crate::plan"]);
    assert!(found.is_empty(), "\n{}", found.join("\n"));
}

#[test]
fn each_command_is_a_file_of_its_own() {
    let cli = std::fs::read_to_string(Path::new(ROOT).join("src/cli.rs")).unwrap();
    for command in [
        "plan",
        "audit",
        "compare",
        "indicators",
        "report",
        "check",
        "generate",
    ] {
        let file = Path::new(ROOT).join(format!("src/cmd/{command}.rs"));
        let text =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert!(text.contains("pub fn run("), "{}: no run", file.display());
        assert!(
            cli.contains(&format!("cmd::{command}::run(")),
            "src/cli.rs does not dispatch to cmd::{command}::run"
        );
    }
}
