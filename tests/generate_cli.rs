//! `rotaplan generate` through the binary: the easy shape is the default
//! (byte for byte), and a hard county is one that `plan` reads and cannot
//! fill, whose plan leaves the backbone teachers less evenly spread over
//! the students than before (objectives.md, 'Balance').

mod common;

use common::{json, rotaplan, stderr, stdout};

const FILES: [&str; 5] = [
    "schools.csv",
    "teachers.csv",
    "needs.csv",
    "preferences.csv",
    "history.csv",
];

fn ok(o: &std::process::Output) {
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(o), stderr(o));
}

#[test]
fn shape_easy_is_the_default_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    ok(&rotaplan(
        cwd,
        &[
            "generate", "--size", "county", "--seed", "5", "--out", "default",
        ],
    ));
    ok(&rotaplan(
        cwd,
        &[
            "generate", "--size", "county", "--seed", "5", "--shape", "easy", "--out", "easy",
        ],
    ));
    ok(&rotaplan(
        cwd,
        &[
            "generate", "--size", "county", "--seed", "5", "--shape", "hard", "--out", "hard",
        ],
    ));
    for file in FILES {
        let default = std::fs::read(cwd.join("default").join(file)).unwrap();
        let easy = std::fs::read(cwd.join("easy").join(file)).unwrap();
        let hard = std::fs::read(cwd.join("hard").join(file)).unwrap();
        assert!(
            default == easy,
            "{file}: --shape easy differs from the default"
        );
        assert!(default != hard, "{file}: --shape hard is the easy county");
    }
}

#[test]
fn unknown_shape_is_bad_invocation() {
    let dir = tempfile::tempdir().unwrap();
    let o = rotaplan(dir.path(), &["generate", "--shape", "medium", "--out", "x"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("easy, hard"), "{}", stderr(&o));
    assert!(!dir.path().join("x").exists());
}

#[test]
fn hard_county_leaves_need_unfilled_and_raises_a_backbone_cv() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    ok(&rotaplan(
        cwd,
        &[
            "generate", "--size", "county", "--shape", "hard", "--seed", "1", "--out", "hard",
        ],
    ));
    let o = rotaplan(
        cwd,
        &[
            "plan",
            "hard",
            "--format",
            "json",
            "--out",
            "plan.csv",
            "--plan-year",
            "2026",
        ],
    );
    ok(&o);
    let plan = json(&o);
    assert_eq!(plan["feasible"], true, "{plan}");
    let filled = plan["needs_filled"].as_f64().unwrap();
    let total = plan["needs_total"].as_f64().unwrap();
    assert!(
        filled > 0.0 && filled < total,
        "needs filled {filled} of {total}"
    );

    let raised: Vec<String> = plan["balance"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["indicator"] == "backbone")
        .filter_map(|b| {
            let (before, after) = (b["cv_before"].as_f64()?, b["cv_after"].as_f64()?);
            (after > before).then(|| {
                format!(
                    "{} {}: {before:.3} -> {after:.3}",
                    b["district"], b["level"]
                )
            })
        })
        .collect();
    assert!(
        !raised.is_empty(),
        "no backbone CV rose: {}",
        plan["balance"]
    );
}
