//! `rotaplan audit` on hand-made plans: every rule, on both sides of each
//! boundary, as a supervisor would run it.

mod common;

use common::*;
use serde_json::Value;

/// District 大丰: U1 (urban) with 30 数学 teachers T000-T029 (T000-T005
/// backbone), U2 (urban) with 20 数学 teachers T100-T119 (T100-T103
/// backbone), Q1 a rural quality school, R1/R2 rural. District 东台: U3
/// urban with 10 teachers T200-T209, R3 rural. Teacher X1 at U1 is exempt;
/// teacher Y1 works at R1. All 数学.
fn county() -> DataDir {
    let schools = "id,name,area,quality,district\n\
        U1,实验小学,urban,,大丰\nU2,第二小学,urban,,大丰\nQ1,草堰中学,rural,是,大丰\n\
        R1,白驹小学,rural,,大丰\nR2,刘庄小学,rural,,大丰\nU3,东台实小,urban,,东台\nR3,三仓小学,rural,,东台\n";
    let mut t = String::from("id,name,school,subject,backbone,years_at_school,exempt\n");
    for (prefix, school, n, backbone) in [
        ("T0", "U1", 30, 6),
        ("T1", "U2", 20, 4),
        ("T2", "U3", 10, 2),
    ] {
        for i in 0..n {
            let b = if i < backbone { "county" } else { "none" };
            t += &format!("{prefix}{i:02},教师,{school},数学,{b},10,\n");
        }
    }
    t += "X1,免交流,U1,数学,county,10,病假\nY1,乡村教师,R1,数学,none,10,\n";
    let needs = "school,subject,count\nR1,数学,6\nR2,数学,6\nR3,数学,2\n";
    DataDir::new(&[
        ("schools.csv", schools.as_bytes()),
        ("teachers.csv", t.as_bytes()),
        ("needs.csv", needs.as_bytes()),
    ])
}

fn audit(d: &DataDir, plan: &str, extra: &[&str]) -> (Option<i32>, Value) {
    d.write("plan-in.csv", plan.as_bytes());
    let mut args = vec!["audit", ".", "--plan", "plan-in.csv", "--format", "json"];
    args.extend_from_slice(extra);
    let o = rotaplan_pinned(d.path(), &args);
    (
        o.status.code(),
        if o.stdout.is_empty() {
            Value::Null
        } else {
            json(&o)
        },
    )
}

/// A plan with the given teachers all to `school`.
fn plan_of(teachers: &[&str], school: &str) -> String {
    let mut p = String::from("teacher,to_school\n");
    for t in teachers {
        p += &format!("{t},{school}\n");
    }
    p
}

/// A plan sending 大丰 teachers to R1 and R2 in turn (6 places each), and
/// 东台's backbone T200 to R3.
fn dafeng(teachers: &[&str]) -> String {
    let mut p = String::from("teacher,to_school\n");
    for (i, t) in teachers.iter().enumerate() {
        p += &format!("{t},{}\n", if i % 2 == 0 { "R1" } else { "R2" });
    }
    p + "T200,R3\n"
}

fn rules(j: &Value) -> Vec<String> {
    j["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn backbone_share_exactly_20_percent_passes_and_one_fewer_fails() {
    let d = county();
    // 大丰: 10 rotate, T000 and T001 backbone: exactly 20%.
    let ten = [
        "T000", "T001", "T010", "T011", "T012", "T013", "T014", "T015", "T016", "T017",
    ];
    let (code, j) = audit(&d, &dafeng(&ten), &[]);
    assert_eq!(code, Some(0), "{j}");
    assert_eq!(j["ok"], true);
    assert_eq!(
        (j["eligible"].as_u64(), j["required"].as_u64()),
        (Some(60), Some(6))
    );
    assert_eq!(
        (j["rotating"].as_u64(), j["backbone"].as_u64()),
        (Some(11), Some(3))
    );

    // T001 (backbone) replaced by T018 (not): 1 of 10 in 大丰.
    let mut nine = ten;
    nine[1] = "T018";
    let (code, j) = audit(&d, &dafeng(&nine), &[]);
    assert_eq!(code, Some(1));
    assert_eq!(rules(&j), ["backbone_share"]);
    let v = &j["violations"][0];
    assert_eq!(v["district"], "大丰");
    assert_eq!(
        (v["numerator"].as_u64(), v["denominator"].as_u64()),
        (Some(1), Some(10))
    );
    assert_eq!(
        (v["required"].as_u64(), v["shortfall"].as_u64()),
        (Some(2), Some(1))
    );
}

#[test]
fn fourteen_percent_of_fifty_passes_with_seven_not_six() {
    let d = county();
    // 东台: 10 eligible at 14% requires 2, so T201 goes too.
    let seven = ["T000", "T001", "T010", "T011", "T012", "T013", "T014"];
    let (code, j) = audit(&d, &(dafeng(&seven) + "T201,R3\n"), &["--ratio", "0.14"]);
    assert_eq!(code, Some(0), "{j}");
    let scope = j["scopes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["district"] == "大丰")
        .unwrap()
        .clone();
    assert_eq!(
        (scope["eligible"].as_u64(), scope["required"].as_u64()),
        (Some(50), Some(7))
    );

    let (code, j) = audit(
        &d,
        &(dafeng(&seven[..6]) + "T201,R3\n"),
        &["--ratio", "0.14"],
    );
    assert_eq!(code, Some(1));
    assert_eq!(rules(&j), ["rotation_ratio"]);
    let v = &j["violations"][0];
    assert_eq!(
        (v["numerator"].as_u64(), v["denominator"].as_u64()),
        (Some(6), Some(50))
    );
    assert_eq!(
        (v["required"].as_u64(), v["shortfall"].as_u64()),
        (Some(7), Some(1))
    );
}

#[test]
fn scope_school_catches_a_school_the_district_hides() {
    let d = county();
    // 大丰 needs 5 of 50: all 5 from U1 (2 backbone), none from U2.
    let plan = dafeng(&["T000", "T001", "T010", "T011", "T012"]);
    let (code, j) = audit(&d, &plan, &[]);
    assert_eq!(code, Some(0), "district scope passes: {j}");
    let (code, j) = audit(&d, &plan, &["--scope", "school"]);
    assert_eq!(code, Some(1));
    let v: Vec<&Value> = j["violations"].as_array().unwrap().iter().collect();
    assert_eq!(v.len(), 1, "{j}");
    assert_eq!(v[0]["rule"], "rotation_ratio");
    assert_eq!(v[0]["school"], "U2");
    assert_eq!(
        (v[0]["required"].as_u64(), v[0]["shortfall"].as_u64()),
        (Some(2), Some(2))
    );
}

#[test]
fn hand_made_gbk_plan_with_only_two_chinese_columns() {
    let d = county();
    let plan = "工号,交流学校\nT000,R1\nT001,R1\nT010,R1\nT011,R2\nT012,R2\nT200,R3\n";
    d.write("手工方案.csv", &encoding_rs::GBK.encode(plan).0);
    let o = rotaplan_pinned(d.path(), &["audit", ".", "--plan", "手工方案.csv"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("pass") && out.contains("大丰"), "{out}");
}

#[test]
fn mixed_plan_names_every_violation_and_counts_only_good_rows() {
    let d = county();
    let plan = "teacher,to_school\n\
        T000,R1\n\
        T001,R1\n\
        NOBODY,R1\n\
        T000,R2\n\
        T010,R9\n\
        T011,U2\n\
        T012,Q1\n\
        T013,R3\n\
        X1,R1\n\
        Y1,R2\n\
        T014,R1\n\
        T015,R1\n\
        T016,R1\n\
        T017,R1\n\
        T018,R1\n\
        T200,R3\n";
    let (code, j) = audit(&d, plan, &[]);
    assert_eq!(code, Some(1));
    let found: Vec<(String, u64)> = j["violations"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| Some((v["rule"].as_str()?.to_string(), v["line"].as_u64()?)))
        .collect();
    let expect = [
        ("unknown_teacher", 4),
        ("duplicate_teacher", 5),
        ("unknown_school", 6),
        ("not_rural", 7),
        ("not_rural", 8),
        ("cross_district", 9),
        ("ineligible_teacher", 10),
        ("ineligible_teacher", 11),
        ("over_need", 16),
    ];
    for (rule, line) in expect {
        assert!(
            found.contains(&(rule.to_string(), line)),
            "{rule} on line {line}: {found:?}"
        );
    }
    assert_eq!(found.len(), expect.len(), "{found:?}");
    // Counted: T000, T001, T014-T017 to R1 (6 = R1's need), T200: 7 rows.
    assert_eq!(j["rotating"], 7);
    assert_eq!(j["backbone"], 3);
    let over = j["violations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["rule"] == "over_need")
        .unwrap();
    assert_eq!(
        (over["school"].as_str(), over["subject"].as_str()),
        (Some("R1"), Some("数学"))
    );
    assert_eq!(
        (over["count"].as_u64(), over["need"].as_u64()),
        (Some(7), Some(6))
    );
    let ineligible = j["violations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["line"] == 10)
        .unwrap();
    assert_eq!(ineligible["reason"], "exempt");
}

#[test]
fn a_school_without_need_in_the_subject_is_over_need() {
    let d = county();
    d.write(
        "needs.csv",
        "school,subject,count\nR1,语文,3\nR3,数学,2\n".as_bytes(),
    );
    let (code, j) = audit(
        &d,
        &plan_of(&["T000", "T001", "T010", "T011", "T012"], "R1"),
        &[],
    );
    assert_eq!(code, Some(1));
    let over: Vec<&Value> = j["violations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["rule"] == "over_need")
        .collect();
    assert_eq!(over.len(), 5, "{j}");
    assert_eq!(over[0]["need"], 0);
}

#[test]
fn without_needs_the_over_need_rule_is_skipped() {
    let d = county();
    std::fs::remove_file(d.file("needs.csv")).unwrap();
    let plan = plan_of(
        &["T000", "T001", "T010", "T011", "T012", "T013", "T014"],
        "R1",
    ) + "T200,R3\n";
    let (code, j) = audit(&d, &plan, &[]);
    assert_eq!(code, Some(0), "{j}");
    assert!(j.get("needs_total").is_none());
}

#[test]
fn table_output_groups_violations_by_rule() {
    let d = county();
    d.write("p.csv", plan_of(&["NOBODY", "T000"], "R1").as_bytes());
    let o = rotaplan_pinned(d.path(), &["audit", ".", "--plan", "p.csv"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("FAIL"), "{out}");
    assert!(out.contains("unknown_teacher (1):"), "{out}");
    assert!(out.contains("rotation_ratio ("), "{out}");
    assert!(out.contains("line 2: teacher NOBODY"), "{out}");
}

#[test]
fn bad_plan_files_are_exit_2() {
    let d = county();
    for (plan, line) in [
        ("teacher,to_school\nT000,\n", "line 2"),
        ("teacher,to_school\n,R1\n", "line 2"),
        ("teacher\nT000\n", "line 1"),
        ("teacher,to_school\nT000,R1,extra\n", "line 2"),
    ] {
        d.write("bad.csv", plan.as_bytes());
        let o = rotaplan_pinned(d.path(), &["audit", ".", "--plan", "bad.csv"]);
        assert_eq!(o.status.code(), Some(2), "{plan}");
        let err = stderr(&o);
        assert!(err.contains("bad.csv") && err.contains(line), "{err}");
    }
    let o = rotaplan_pinned(d.path(), &["audit", ".", "--plan", "missing.csv"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_rotaplan_plan_passes_audit() {
    let d = county();
    let o = rotaplan_pinned(d.path(), &["plan", ".", "--out", "made.csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = rotaplan_pinned(
        d.path(),
        &["audit", ".", "--plan", "made.csv", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let j = json(&o);
    assert_eq!(j["ok"], true);
    assert_eq!(j["rotating"], 14, "all needs are filled: {j}");
}

/// fit.md "Conflicts are shown": a plan whose only destination column is
/// `交流学校名称` is read by that name (rosters.md); a plan with neither
/// destination column is bad input naming `to_school`.
#[test]
fn a_plan_with_only_the_destination_name_is_read_by_it() {
    let d = DataDir::tables(
        "id,name,area,district\nU1,城区小学,urban,甲\nR1,草堰小学,rural,甲\n",
        "id,name,school,subject,backbone,years_at_school\nT1,张三,U1,数学,county,8\n",
        "school,subject,count\nR1,数学,1\n",
    );
    d.write(
        "names.csv",
        "工号,姓名,交流学校名称\nT1,张三,草堰小学\n".as_bytes(),
    );
    let out = rotaplan_pinned(
        d.path(),
        &["audit", ".", "--plan", "names.csv", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(json(&out)["rotating"], 1);
    d.write("none.csv", "工号,姓名\nT1,张三\n".as_bytes());
    let out = rotaplan_pinned(d.path(), &["audit", ".", "--plan", "none.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .contains("none.csv line 1, column `to_school`: missing required column `to_school`"),
        "{}",
        stderr(&out)
    );
}
