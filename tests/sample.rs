//! The bundled sample county, end to end: plan, audit, reproducibility.

mod common;

use common::*;

#[test]
fn sample_plan_meets_both_ratios_in_every_district_and_passes_audit() {
    let out = tempfile::tempdir().unwrap();
    let dir = sample();
    let o = rotaplan_pinned(
        out.path(),
        &["plan", dir.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // stderr is not a terminal here: no progress bar, only where the plan
    // was written (papers.md "Writing files").
    assert_eq!(stderr(&o), "plan.csv: 276 rotations written\n");
    let j = json(&o);
    assert_eq!(j["feasible"], true);
    assert_eq!(j["optimal"], true);
    for d in j["districts"].as_array().unwrap() {
        let (rotating, backbone) = (
            d["rotating"].as_u64().unwrap(),
            d["backbone"].as_u64().unwrap(),
        );
        assert!(rotating >= d["required"].as_u64().unwrap(), "{d}");
        assert!(backbone * 5 >= rotating, "{d}");
    }
    assert_eq!(
        j["plan"].as_array().unwrap().len() as u64,
        j["rotating"].as_u64().unwrap()
    );
    let o = rotaplan_pinned(
        out.path(),
        &["audit", dir.to_str().unwrap(), "--plan", "plan.csv"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn sample_plan_is_byte_identical_across_runs() {
    let out = tempfile::tempdir().unwrap();
    let dir = sample();
    for name in ["a.csv", "b.csv"] {
        let o = rotaplan_pinned(out.path(), &["plan", dir.to_str().unwrap(), "--out", name]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let a = std::fs::read(out.path().join("a.csv")).unwrap();
    assert!(a.len() > 1000);
    assert_eq!(a, std::fs::read(out.path().join("b.csv")).unwrap());
}

#[test]
fn the_sample_is_what_the_generator_makes_with_seed_1() {
    let out = tempfile::tempdir().unwrap();
    let o = rotaplan_pinned(
        out.path(),
        &[
            "generate", "--size", "county", "--seed", "1", "--out", "county",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for file in [
        "schools.csv",
        "teachers.csv",
        "needs.csv",
        "preferences.csv",
        "history.csv",
    ] {
        let made = std::fs::read(out.path().join("county").join(file)).unwrap();
        assert!(
            made == std::fs::read(sample().join(file)).unwrap(),
            "{file} differs from data/sample-county"
        );
    }
}

#[test]
fn sample_plan_is_the_same_on_one_thread_and_two() {
    let out = tempfile::tempdir().unwrap();
    let dir = sample();
    for threads in ["1", "2"] {
        let o = assert_cmd::Command::cargo_bin("rotaplan")
            .unwrap()
            .current_dir(out.path())
            .env("RAYON_NUM_THREADS", threads)
            .args(pin_plan_year(&[
                "plan",
                dir.to_str().unwrap(),
                "--out",
                &format!("plan-{threads}.csv"),
            ]))
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let one = std::fs::read(out.path().join("plan-1.csv")).unwrap();
    assert_eq!(one, std::fs::read(out.path().join("plan-2.csv")).unwrap());
}
