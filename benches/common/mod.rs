//! What the benches that run the binary share.

use std::process::{Command, Stdio};

/// Runs the binary with `args`, its output discarded; panics unless it
/// exits 0.
pub fn run(args: &[&str]) {
    let status = Command::new(env!("CARGO_BIN_EXE_rotaplan"))
        .args(args)
        .env("ROTAPLAN_LANG", "en")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("rotaplan runs");
    assert!(status.success(), "rotaplan {args:?}: {status}");
}
