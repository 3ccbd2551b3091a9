//! objectives.md "Same input, same plan": no wall-clock limit decides a
//! plan by default, so two runs of the same command give byte-identical
//! plan.csv and JSON (the seconds aside), whatever the threads.

mod common;
use common::*;
use std::path::Path;

/// `plan DIR --policy POLICY --format json` with `threads` worker threads:
/// plan.csv's bytes and the JSON without the solve times.
fn run(dir: &Path, policy: &str, threads: &str, out: &str) -> (Vec<u8>, serde_json::Value) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = assert_cmd::Command::cargo_bin("rotaplan")
        .unwrap()
        .current_dir(dir)
        .env("RAYON_NUM_THREADS", threads)
        .args([
            "plan",
            root.join("tests/cases/hard-county").to_str().unwrap(),
            "--policy",
            root.join(policy).to_str().unwrap(),
            "--plan-year",
            PLAN_YEAR,
            "--format",
            "json",
            "--out",
            out,
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut v = json(&o);
    // Where the plan was written, and whether a file was there, are the
    // run's, not the plan's.
    v.as_object_mut().unwrap().remove("replaced");
    v.as_object_mut().unwrap().remove("out");
    for d in v["districts"].as_array_mut().unwrap() {
        d.as_object_mut().unwrap().remove("solve_seconds");
    }
    (std::fs::read(dir.join(out)).unwrap(), v)
}

/// The hard county under `balance = "keep"` (the stage that had a
/// wall-clock limit), once on one thread and once on four: the same plan,
/// said to be deterministic.
#[test]
fn keep_gives_the_same_plan_on_one_thread_and_on_four() {
    let dir = tempfile::tempdir().unwrap();
    let (csv1, json1) = run(dir.path(), "examples/keep.toml", "1", "one.csv");
    let (csv4, json4) = run(dir.path(), "examples/keep.toml", "4", "four.csv");
    assert!(csv1 == csv4, "plan.csv differs between 1 and 4 threads");
    assert_eq!(json1, json4);
    assert_eq!(json1["deterministic"], true);
    assert!(csv1.len() > 1000, "a plan of some rows");
}

/// A wall-clock limit is opt-in, and then the outputs say the plan may
/// vary.
#[test]
fn a_wall_clock_limit_is_said() {
    let dir = DataDir::new(&[(
        "timed.toml",
        b"balance = \"keep\"\nbalance_time_limit_seconds = 0.5\n",
    )]);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = rotaplan_pinned(
        dir.path(),
        &[
            "plan",
            root.join("tests/cases/hard-county").to_str().unwrap(),
            "--policy",
            "timed.toml",
            "--out",
            "p.csv",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("a wall-clock limit is set"),
        "{}",
        stdout(&o)
    );
}
