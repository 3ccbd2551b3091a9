//! principals.md through the binary, one test per clause, values by hand.
//! The county: U1 and U2 (urban) send, R1 and R2 (rural) receive.

mod common;

use common::*;

const SCHOOLS: &str = "id,name,area,district,level,lat,lon\n\
                       U1,城关一小,urban,云溪,primary,30.00,120.00\n\
                       U2,城关二小,urban,云溪,primary,30.02,120.01\n\
                       R1,溪口小学,rural,云溪,primary,30.20,120.10\n\
                       R2,岭下小学,rural,云溪,primary,29.90,120.30\n";

/// Ten 数学 teachers at U1 (8 years there) and `rows` after them.
fn county(header_extra: &str, rows: &str, policy: &str) -> DataDir {
    let mut t = format!("id,name,school,subject,backbone,years_at_school{header_extra}\n");
    let cells = ",".repeat(header_extra.matches(',').count());
    for i in 1..=10 {
        let backbone = if i <= 3 { "county" } else { "none" };
        t += &format!("T{i},教师{i},U1,数学,{backbone},8{cells}\n");
    }
    t += rows;
    let dir = DataDir::tables(SCHOOLS, &t, "school,subject,count\nR1,数学,2\nR2,数学,2\n");
    dir.write("policy.toml", policy.as_bytes());
    dir
}

/// The reason `plan --format json` gives for `teacher` (empty when the
/// teacher is eligible).
fn reason(dir: &DataDir, teacher: &str) -> String {
    let o = rotaplan_pinned(
        dir.path(),
        &["plan", ".", "--policy", "policy.toml", "--format", "json"],
    );
    assert!(matches!(o.status.code(), Some(0 | 3)), "{}", stderr(&o));
    json(&o)["ineligible"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["teacher"] == teacher)
        .map(|r| r["reason"].as_str().unwrap().to_string())
        .unwrap_or_default()
}

#[test]
fn a_principal_is_never_planned_as_a_teacher() {
    // P1 is U1's 校长 (书记兼校长), marked eligible: still `principal`.
    // V1 is 副校长: a teacher like any other unless principals = true.
    let rows = "P1,校长甲,U1,数学,county,12,书记兼校长,true\nV1,副校长乙,U1,数学,none,9,副校长,\n";
    let dir = county(",post,eligible", rows, "");
    assert_eq!(reason(&dir, "P1"), "principal");
    assert_eq!(reason(&dir, "V1"), "");
    dir.write("policy.toml", b"principals = true\n");
    assert_eq!(reason(&dir, "V1"), "principal");
    // The auditor counts the same way: a plan sending P1 breaks
    // ineligible_teacher with the reason principal.
    dir.write("hand.csv", "teacher,to_school\nP1,R1\nT1,R1\n".as_bytes());
    let o = rotaplan_pinned(
        dir.path(),
        &["audit", ".", "--plan", "hand.csv", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let v = json(&o);
    let broken = v["violations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["teacher"] == "P1")
        .unwrap()
        .clone();
    assert_eq!(
        (broken["rule"].as_str(), broken["reason"].as_str()),
        (Some("ineligible_teacher"), Some("principal"))
    );
}

#[test]
fn two_principals_at_one_school_are_bad_input() {
    let rows = "P1,校长甲,U1,数学,none,12,校长\nP2,校长乙,U1,语文,none,3,principal\n";
    let dir = county(",post", rows, "");
    let o = rotaplan_pinned(dir.path(), &["check", "."]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("P1") && err.contains("P2") && err.contains("line 12") && err.contains("U1"),
        "{err}"
    );
    // Another word is no post: 教导主任 beside a 校长 is fine.
    let rows = "P1,校长甲,U1,数学,none,12,校长\nP2,主任乙,U1,语文,none,3,教导主任\n";
    let dir = county(",post", rows, "");
    assert_eq!(
        rotaplan_pinned(dir.path(), &["check", "."]).status.code(),
        Some(0)
    );
}

#[test]
fn the_policy_keys_are_checked() {
    // principals = true on a roster without any post is bad input naming
    // the key (fit.md: a set key needs its column).
    let dir = county("", "", "principals = true\n");
    let o = rotaplan_pinned(dir.path(), &["check", ".", "--policy", "policy.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("principals"), "{}", stderr(&o));
    // principal_min_years above principal_max_years.
    let dir = county("", "", "principal_min_years = 11\n");
    let o = rotaplan_pinned(dir.path(), &["check", ".", "--policy", "policy.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("principal_min_years"), "{}", stderr(&o));
}
