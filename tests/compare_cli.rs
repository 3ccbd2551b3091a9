//! `rotaplan compare`: scenario files and sweeps, rows in order, infeasible
//! rows that do not stop the others, and plans that pass audit.

mod common;

use common::*;

/// 100 eligible 数学 teachers (30 backbone) and 14 rural places.
fn data() -> DataDir {
    data_dir(one_district(100, 30, 14))
}

fn compare(d: &DataDir, args: &[&str]) -> std::process::Output {
    let mut all = vec!["compare", "."];
    all.extend_from_slice(args);
    rotaplan_pinned(d.path(), &all)
}

fn scenarios(o: &std::process::Output) -> Vec<serde_json::Value> {
    json(o)["scenarios"].as_array().unwrap().clone()
}

#[test]
fn files_and_a_sweep_give_rows_in_order() {
    let d = data();
    d.write(
        "twelve.toml",
        "name = \"十二\"\nmin_rotation_ratio = 0.12\n".as_bytes(),
    );
    d.write("capped.toml", b"max_rotation_ratio = 0.11\n");
    let o = compare(
        &d,
        &[
            "twelve.toml",
            "capped.toml",
            "--sweep",
            "min_rotation_ratio=0.10,0.12,0.14",
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = scenarios(&o);
    let names: Vec<&str> = rows
        .iter()
        .map(|r| r["scenario"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "baseline",
            "十二",
            "capped",
            "ratio=0.10",
            "ratio=0.12",
            "ratio=0.14"
        ]
    );
    let required: Vec<u64> = rows
        .iter()
        .map(|r| r["required"].as_u64().unwrap())
        .collect();
    assert_eq!(required, [10, 12, 10, 10, 12, 14]);
    let rotating: Vec<u64> = rows
        .iter()
        .map(|r| r["rotating"].as_u64().unwrap())
        .collect();
    assert_eq!(
        rotating,
        [14, 14, 11, 14, 14, 14],
        "the cap holds 'capped' to 11"
    );
    assert!(rows.iter().all(|r| r["status"] == "optimal"));
}

#[test]
fn an_infeasible_scenario_keeps_its_row_and_reason() {
    let d = data();
    let o = compare(
        &d,
        &[
            "--sweep",
            "min_rotation_ratio=0.10,0.20,0.12",
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = scenarios(&o);
    let status: Vec<&str> = rows.iter().map(|r| r["status"].as_str().unwrap()).collect();
    assert_eq!(status, ["optimal", "optimal", "infeasible", "optimal"]);
    let reason = rows[2]["reason"].as_str().unwrap();
    assert!(
        reason.contains("requires 20 rotations") && reason.contains("total 14"),
        "{reason}"
    );
    // The table shows it too.
    let o = compare(&d, &["--sweep", "min_rotation_ratio=0.10,0.20"]);
    let out = stdout(&o);
    assert!(
        out.contains("inf") && out.contains("requires 20 rotations"),
        "{out}"
    );
}

#[test]
fn unknown_keys_exit_2_naming_them() {
    let d = data();
    d.write("bad.toml", b"min_rotation_ratio = 0.1\nbogus_key = 3\n");
    let o = compare(&d, &["bad.toml"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("bad.toml") && err.contains("bogus_key") && err.contains("line 2"),
        "{err}"
    );
    let o = compare(&d, &["--sweep", "ratio=0.1,0.2"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("ratio"), "{}", stderr(&o));
    let o = compare(&d, &["--sweep", "min_rotation_ratio=2"]);
    assert_eq!(o.status.code(), Some(2), "a ratio above 1 is bad input");
}

#[test]
fn csv_has_one_row_per_scenario() {
    let d = data();
    let o = compare(&d, &["--sweep", "scope=district,school", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("\u{feff}scenario,status,reason,eligible,required,rotating"));
    assert_eq!(lines.len(), 4);
    assert!(lines[3].starts_with("scope=school,optimal"), "{out}");
}

#[test]
fn table_fits_80_columns_and_marks_the_best() {
    let d = data();
    let o = compare(&d, &["--sweep", "max_rotation_ratio=0.12,0.14"]);
    let out = stdout(&o);
    for line in out.lines().take_while(|l| !l.is_empty()) {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 80,
            "too wide: {line}"
        );
    }
    assert!(out.contains('*'), "{out}");
}

#[test]
fn every_plan_written_by_out_dir_passes_audit() {
    let d = data();
    d.write("twelve.toml", b"min_rotation_ratio = 0.12\n");
    let o = compare(
        &d,
        &[
            "twelve.toml",
            "--sweep",
            "min_rotation_ratio=0.10,0.14,0.5",
            "--out-dir",
            "plans",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut written: Vec<String> = std::fs::read_dir(d.file("plans"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "baseline.csv",
            "ratio=0.10.csv",
            "ratio=0.14.csv",
            "twelve.csv"
        ],
        "no plan for the infeasible 0.5"
    );
    for (file, ratio) in [
        ("baseline.csv", "0.10"),
        ("twelve.csv", "0.12"),
        ("ratio=0.10.csv", "0.10"),
        ("ratio=0.14.csv", "0.14"),
    ] {
        let plan = format!("plans/{file}");
        let o = rotaplan_pinned(d.path(), &["audit", ".", "--plan", &plan, "--ratio", ratio]);
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stdout(&o));
    }
}

#[test]
fn a_scenario_with_no_eligible_sender_has_leave_share_zero_as_the_plan_says() {
    // At 20 years at the school no teacher (6 to 15 years) is eligible:
    // the plan is empty, its largest leave share 0 with no school
    // (objectives.md), as in the plan's JSON.
    let d = data();
    let o = compare(
        &d,
        &["--sweep", "min_years_at_school=6,20", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = scenarios(&o);
    let last = rows.last().unwrap();
    assert_eq!(last["eligible"], 0, "{last}");
    assert_eq!(last["max_leave_share"], 0.0, "{last}");
    assert!(last["max_leave_school"].is_null(), "{last}");
    d.write("twenty.toml", b"min_years_at_school = 20\n");
    let o = rotaplan_pinned(
        d.path(),
        &["plan", ".", "--policy", "twenty.toml", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let district = &json(&o)["districts"][0];
    assert_eq!(district["max_leave_share"], 0.0);
    assert!(district["max_leave_school"].is_null());
}
