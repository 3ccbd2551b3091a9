//! fit.md ("Plans a bureau can adopt") through the binary: each clause a
//! test, with values computed by hand.

mod common;
use common::*;

/// fit.md "The plan year": a policy file's `plan_year` outside 1900-9999
/// is bad input naming the key and its line, as on the command line.
#[test]
fn a_plan_year_out_of_range_in_the_policy_file_is_bad_input() {
    let dir = DataDir::new(&[("policy.toml", b"# county policy\nplan_year = 1800\n")]);
    let sample = sample();
    let out = rotaplan(
        dir.path(),
        &[
            "plan",
            sample.to_str().unwrap(),
            "--policy",
            "policy.toml",
            "--out",
            "plan.csv",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(
            "policy.toml line 2: key `plan_year`: expected a year from 1900 to 9999, found 1800"
        ),
        "{err}"
    );
    assert!(
        !dir.file("plan.csv").exists(),
        "nothing written on bad input"
    );
    // The same year on the command line is refused by its flag.
    let flag = rotaplan(
        dir.path(),
        &["plan", sample.to_str().unwrap(), "--plan-year", "1800"],
    );
    assert_eq!(flag.status.code(), Some(2));
}

/// A year in range is taken as given.
#[test]
fn a_plan_year_in_range_is_the_plan_year() {
    let dir = DataDir::new(&[("policy.toml", b"plan_year = 2026\n")]);
    let sample = sample();
    let out = rotaplan(
        dir.path(),
        &[
            "check",
            sample.to_str().unwrap(),
            "--policy",
            "policy.toml",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json(&out)["plan_year"], 2026);
    assert_eq!(json(&out)["as_of"], "2026-08-31");
}
