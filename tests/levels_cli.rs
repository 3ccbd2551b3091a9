//! fit.md "Teaching level" through the binary: a teacher's level and
//! qualification, a need's level, `level_match` in plan, the fixes,
//! compare, audit and check, each with values computed by hand.

mod common;
use common::*;

const SCHOOLS: &str = "id,name,area,level,district\n\
U1,城区实验小学,urban,小学,大丰\n\
U2,城区实验初中,urban,初中,大丰\n\
R1,草堰小学,rural,小学,大丰\n\
R2,草堰初中,rural,初中,大丰\n";

/// Backbone teachers of 数学 with 8 years at U1 (小学) and U2 (初中); the
/// extra columns as given.
fn teachers(rows: &[(&str, &str)]) -> String {
    let mut t =
        String::from("id,name,school,subject,backbone,years_at_school,任教学段,教师资格种类\n");
    for (i, (school, extra)) in rows.iter().enumerate() {
        let extra = if extra.is_empty() { "," } else { extra };
        t += &format!("T{i},教师{i},{school},数学,county,8,{extra}\n");
    }
    t
}

/// County A: one 小学 teacher (U1), three 初中 teachers (U2); 3 places at
/// R1 (小学), 1 at R2 (初中).
fn county_a() -> DataDir {
    DataDir::tables(
        SCHOOLS,
        &teachers(&[("U1", ""), ("U2", ""), ("U2", ""), ("U2", "")]),
        "school,subject,count\nR1,数学,3\nR2,数学,1\n",
    )
}

/// County B: three 小学 teachers (U1), one 初中 teacher (U2); 1 place at
/// R1, 3 at R2. `extra` gives the U1 teachers' 任教学段,教师资格种类 cells.
fn county_b(extra: &str) -> DataDir {
    DataDir::tables(
        SCHOOLS,
        &teachers(&[("U1", extra), ("U1", extra), ("U1", extra), ("U2", "")]),
        "school,subject,count\nR1,数学,1\nR2,数学,3\n",
    )
}

/// `plan DIR --format json` with extra flags: the JSON and the plan rows
/// as (teacher, from_school, to_school).
fn plan(dir: &DataDir, flags: &[&str]) -> (serde_json::Value, Vec<(String, String, String)>) {
    let mut args = vec!["plan", ".", "--format", "json", "--out", "plan.csv"];
    args.extend_from_slice(flags);
    let out = rotaplan_pinned(dir.path(), &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = read_csv_rows(&dir.file("plan.csv"))
        .into_iter()
        .skip(1)
        .map(|r| (r[0].clone(), r[4].clone(), r[5].clone()))
        .collect();
    (json(&out), rows)
}

/// By hand, county A: under `same` the 小学 teacher fills one R1 place and
/// one 初中 teacher the R2 place: 2 of 4. Under `qualified` 初中 teachers may
/// also fill 小学 places: all 4. Under `any`, 4.
#[test]
fn level_match_decides_who_fills_which_level() {
    let dir = county_a();
    let (v, rows) = plan(&dir, &[]);
    assert_eq!(v["needs_filled"], 2, "{v}");
    assert_eq!(v["level_match"], "same", "{v}");
    let mut sent: Vec<(String, String)> = rows.iter().map(|r| (r.1.clone(), r.2.clone())).collect();
    sent.sort();
    assert_eq!(
        sent,
        [("U1".into(), "R1".into()), ("U2".into(), "R2".into())],
        "{rows:?}"
    );
    let (v, rows) = plan(&dir, &["--level-match", "qualified"]);
    assert_eq!(v["needs_filled"], 4, "{v}");
    assert_eq!(v["level_match"], "qualified", "{v}");
    assert!(!rows.iter().any(|r| r.1 == "U1" && r.2 == "R2"), "{rows:?}");
    let (v, _) = plan(&dir, &["--level-match", "any"]);
    assert_eq!(v["needs_filled"], 4, "{v}");
    // The policy key does the same as the flag.
    dir.write("policy.toml", b"level_match = \"qualified\"\n");
    let (v, _) = plan(&dir, &["--policy", "policy.toml"]);
    assert_eq!(v["needs_filled"], 4, "{v}");
}

/// County B: 小学 teachers never fill 初中 places under `qualified`
/// without a certificate (2 of 4: one R1, one R2 by the 初中 teacher); a
/// 高级中学 certificate qualifies them (4); under `same` the certificate
/// does not matter (2).
#[test]
fn a_certificate_decides_under_qualified() {
    let (v, _) = plan(&county_b(","), &["--level-match", "qualified"]);
    assert_eq!(v["needs_filled"], 2, "{v}");
    let certified = county_b(",高级中学教师资格");
    let (v, _) = plan(&certified, &["--level-match", "qualified"]);
    assert_eq!(v["needs_filled"], 4, "{v}");
    let (v, _) = plan(&certified, &[]);
    assert_eq!(v["needs_filled"], 2, "{v}");
    // 幼儿园 covers neither level: only the 初中 teacher goes.
    let (v, rows) = plan(&county_b(",幼儿园"), &["--level-match", "qualified"]);
    assert_eq!(v["needs_filled"], 1, "{v}");
    assert_eq!(rows[0].1, "U2", "{rows:?}");
}

/// A 任教学段 given wins over the school's level: with U1's teachers
/// teaching 初中, all four teachers teach 初中 under `same`, so they fill
/// R2's 3 places and R1's 小学 place stays empty: 3 filled.
#[test]
fn a_section_wins_over_the_school_level() {
    let (v, rows) = plan(&county_b("初中,"), &[]);
    assert_eq!(v["needs_filled"], 3, "{v}");
    assert!(rows.iter().all(|r| r.2 == "R2"), "{rows:?}");
}

/// A nine-year school's need takes either level without `level`, and only
/// its own with it: R9 needs 数学 at 小学 (2) and at 初中 (1); the three U1
/// (小学) teachers fill the two 小学 places only.
#[test]
fn a_need_level_at_a_nine_year_school() {
    let schools = format!("{SCHOOLS}R9,九年制学校,rural,九年一贯制,大丰\n");
    let dir = DataDir::tables(
        &schools,
        &teachers(&[("U1", ""), ("U1", ""), ("U1", "")]),
        "school,subject,学段,count\nR9,数学,小学,2\nR9,数学,初中,1\n",
    );
    let (v, rows) = plan(&dir, &[]);
    assert_eq!(v["needs_filled"], 2, "{v}");
    assert_eq!(v["needs_total"], 3, "{v}");
    assert!(rows.iter().all(|r| r.2 == "R9"), "{rows:?}");
    // Without the level the need takes either: all three go.
    dir.write("needs.csv", "school,subject,count\nR9,数学,3\n".as_bytes());
    let (v, _) = plan(&dir, &[]);
    assert_eq!(v["needs_filled"], 3, "{v}");
}

/// A need's level that its school does not teach is bad input naming
/// needs.csv, the line and the column; nothing is written.
#[test]
fn a_need_level_its_school_does_not_teach_is_bad_input() {
    let dir = DataDir::tables(
        SCHOOLS,
        &teachers(&[("U1", "")]),
        "school,subject,level,count\nR1,数学,初中,1\n",
    );
    let out = rotaplan_pinned(dir.path(), &["plan", ".", "--out", "plan.csv"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("needs.csv line 2, column `level`: school R1 does not teach 初中"),
        "{err}"
    );
    assert!(!dir.file("plan.csv").exists());
}

/// Words not known are bad input: a certificate, a section, a
/// `level_match` in the policy file or on the command line.
#[test]
fn unknown_level_words_are_bad_input() {
    let dir = county_b(",大学教师资格");
    let out = rotaplan_pinned(dir.path(), &["check", "."]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "teachers.csv line 2, column `certificate` headed `教师资格种类`: expected a teacher's certificate"
        ),
        "{}",
        stderr(&out)
    );
    let dir = county_b("高中,");
    let out = rotaplan_pinned(dir.path(), &["check", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .contains("column `section` headed `任教学段`: expected primary or junior (小学, 初中), found `高中`"),
        "{}",
        stderr(&out)
    );
    let dir = county_a();
    dir.write("policy.toml", b"level_match = \"level\"\n");
    let out = rotaplan_pinned(dir.path(), &["plan", ".", "--policy", "policy.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "key `level_match`: expected \"same\", \"qualified\" or \"any\", found `level`"
        ),
        "{}",
        stderr(&out)
    );
    let out = rotaplan_pinned(dir.path(), &["plan", ".", "--level-match", "all"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--level-match"), "{}", stderr(&out));
}

/// audit: T0 (小学) placed at R2 (初中) and T1 (初中) at R1 (小学) both
/// break `level_mismatch` under `same`, with both levels, and are not
/// counted; under `qualified` T1's row is counted (a 初中 teacher is
/// qualified for 小学); under `any` both are.
#[test]
fn audit_reports_level_mismatch_and_does_not_count_the_row() {
    let dir = county_a();
    dir.write("plan.csv", "teacher,to_school\nT0,R2\nT1,R1\n".as_bytes());
    let audit = |flags: &[&str]| {
        let mut args = vec!["audit", ".", "--plan", "plan.csv", "--format", "json"];
        args.extend_from_slice(flags);
        json(&rotaplan_pinned(dir.path(), &args))
    };
    let mismatches = |v: &serde_json::Value| -> Vec<serde_json::Value> {
        v["violations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["rule"] == "level_mismatch")
            .cloned()
            .collect()
    };
    let v = audit(&[]);
    let broken = mismatches(&v);
    assert_eq!(broken.len(), 2, "{v}");
    let x = &broken[0];
    assert_eq!(x["teacher"], "T0");
    assert_eq!(x["school"], "R2");
    assert_eq!(x["line"], 2);
    assert_eq!(x["teacher_levels"], "primary");
    assert_eq!(x["need_levels"], "junior");
    assert_eq!(
        x["message"],
        "teacher T0 teaches 小学, but the place at school R2 is for 初中 (policy level_match)"
    );
    assert_eq!(broken[1]["teacher"], "T1");
    assert_eq!(broken[1]["teacher_levels"], "junior");
    assert_eq!(v["rotating"], 0, "{v}");
    assert_eq!(v["ok"], false);
    let v = audit(&["--level-match", "qualified"]);
    let broken = mismatches(&v);
    assert_eq!(broken.len(), 1, "{v}");
    assert_eq!(
        broken[0]["message"],
        "teacher T0 is qualified for 小学, but the place at school R2 is for 初中 (policy level_match)"
    );
    assert_eq!(v["rotating"], 1, "{v}");
    let v = audit(&["--level-match", "any"]);
    assert!(mismatches(&v).is_empty(), "{v}");
    assert_eq!(v["rotating"], 2, "{v}");
    assert_eq!(v["ok"], true, "{v}");
}

/// Places of two levels at one school and subject: rows are placed where
/// they may go (Hall's condition), so the third 小学 row is past the 小学
/// places (`over_need`) while the 初中 row still fits.
#[test]
fn audit_places_rows_by_level() {
    let schools = format!("{SCHOOLS}R9,九年制学校,rural,九年一贯制,大丰\n");
    let dir = DataDir::tables(
        &schools,
        &teachers(&[("U1", ""), ("U1", ""), ("U1", ""), ("U2", "")]),
        "school,subject,学段,count\nR9,数学,小学,2\nR9,数学,初中,1\n",
    );
    dir.write(
        "plan.csv",
        "teacher,to_school\nT0,R9\nT1,R9\nT2,R9\nT3,R9\n".as_bytes(),
    );
    let out = rotaplan_pinned(
        dir.path(),
        &["audit", ".", "--plan", "plan.csv", "--format", "json"],
    );
    let v = json(&out);
    let rules: Vec<(&str, u64)> = v["violations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["line"].is_u64())
        .map(|x| (x["rule"].as_str().unwrap(), x["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(rules, [("over_need", 4)], "{v}");
    assert_eq!(v["needs_filled"], 3, "{v}");
}

/// check counts teachers per level and per certificate, and places per
/// level: county B with a 高级中学 certificate on U1's teachers.
#[test]
fn check_counts_levels_and_certificates() {
    let dir = county_b(",高级中学");
    let out = rotaplan_pinned(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json(&out);
    let levels = &v["levels"];
    assert_eq!(levels["teachers"]["primary"], 3, "{v}");
    assert_eq!(levels["teachers"]["junior"], 1, "{v}");
    assert_eq!(levels["certificates"]["senior"], 3, "{v}");
    assert_eq!(levels["certificates"]["none"], 1, "{v}");
    assert_eq!(levels["needs"]["primary"], 1, "{v}");
    assert_eq!(levels["needs"]["junior"], 3, "{v}");
    let out = rotaplan_pinned(dir.path(), &["check", "."]);
    assert!(
        stdout(&out).contains(
            "teaching levels (学段): teachers 小学 3, 初中 1; certificates (教师资格) 高中 3, none given 1; needs 小学 1, 初中 3 places"
        ),
        "{}",
        stdout(&out)
    );
}

/// The fixes respect the levels: county A at 100% requires 4 rotations
/// of 4 eligible, and under `same` at most 2 can go, so the fix is 50%
/// (1/2); under `qualified` all 4 can go and the plan is feasible.
#[test]
fn fixes_respect_the_levels() {
    let dir = county_a();
    let out = rotaplan_pinned(dir.path(), &["plan", ".", "--ratio", "1", "--out", "p.csv"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("set min_rotation_ratio to 50.0% (1/2) or less strict"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains(
            "the teaching levels hold it back: under level_match = \"same\" at most 2 can rotate, with level_match = \"any\" 4"
        ),
        "{}",
        stderr(&out)
    );
    let out = rotaplan_pinned(
        dir.path(),
        &[
            "plan",
            ".",
            "--ratio",
            "1",
            "--level-match",
            "qualified",
            "--out",
            "p.csv",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// compare sweeps level_match: needs filled 2 under same, 4 under any.
#[test]
fn compare_sweeps_level_match() {
    let dir = county_a();
    let out = rotaplan_pinned(
        dir.path(),
        &[
            "compare",
            ".",
            "--sweep",
            "level_match=same,any",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json(&out);
    let filled: Vec<(String, u64)> = v["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["scenario"].as_str().unwrap().to_string(),
                s["needs_filled"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        filled,
        [
            ("baseline".to_string(), 2),
            ("level_match=same".to_string(), 2),
            ("level_match=any".to_string(), 4)
        ],
        "{v}"
    );
}
