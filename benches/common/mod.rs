//! What the benches that run the binary share.

use std::path::Path;
use std::process::{Command, Stdio};

use rotaplan::generate::{Shape, Size, generate};

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

/// A generated data set the benches run the binary on: its name (county,
/// city, province), size, and the temporary folder holding it (`data`
/// inside, the outputs beside it).
pub struct Generated {
    pub name: &'static str,
    pub size: Size,
    pub temp: tempfile::TempDir,
}

impl Generated {
    /// The data set's folder, as an argument.
    pub fn data(&self) -> String {
        arg(&self.temp.path().join("data"))
    }

    /// A file or folder `name` beside the data set, as an argument.
    pub fn beside(&self, name: &str) -> String {
        arg(&self.temp.path().join(name))
    }
}

/// The generated county and city (seed 1), and with
/// `ROTAPLAN_BENCH_PROVINCE=1` the province (seed 3), each generated when
/// its turn comes (one on disk at a time).
pub fn generated() -> impl Iterator<Item = Generated> {
    let mut sizes = vec![("county", Size::County, 1), ("city", Size::City, 1)];
    if std::env::var("ROTAPLAN_BENCH_PROVINCE").is_ok_and(|v| v == "1") {
        sizes.push(("province", Size::Province, 3));
    }
    sizes.into_iter().map(|(name, size, seed)| {
        let temp = tempfile::tempdir().expect("temp dir");
        generate(size, Shape::Easy, seed, &temp.path().join("data")).expect("generate");
        Generated { name, size, temp }
    })
}

/// A path as an argument.
fn arg(p: &Path) -> String {
    p.to_str().expect("UTF-8 path").to_string()
}
