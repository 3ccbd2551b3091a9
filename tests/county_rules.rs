//! The four county rule sets of docs/policy.md's "Your county's rules", each
//! planned and audited on one small county (tests/county_rules/data):
//! `plan` meets the rule, and a hand-made plan that meets the default
//! rules but breaks the county's own is caught by `audit` under the
//! rule's name, with the numbers computed by hand below.
//!
//! The county: U1 (城东集团) and U2 (城西集团) send, 20 teachers each,
//! all eligible under the default rules (8 years at the school, no age
//! limit); odd ids teach 语文, even ids 数学; every fourth is a county
//! backbone teacher (T04, T08, ...); T01-T10 teach 六年级 and T21-T30
//! 九年级. R1 (城东) and R2 (城西) each need 3 语文 and 3 数学.

mod common;

use common::*;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/county_rules")
}

fn policy(name: &str) -> String {
    fixtures().join(name).display().to_string()
}

/// `plan --format json` with the policy; the plan file goes to `dir`.
fn plan(dir: &Path, policy_file: &str) -> serde_json::Value {
    let data = fixtures().join("data");
    let out = rotaplan(
        dir,
        &[
            "plan",
            data.to_str().unwrap(),
            "--policy",
            &policy(policy_file),
            "--format",
            "json",
            "--out",
            "plan.csv",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    json(&out)
}

/// `audit --format json` of `plan_csv` (written to `dir`) with the policy.
fn audit(dir: &Path, policy_file: &str, plan_csv: &str) -> (i32, serde_json::Value) {
    std::fs::write(dir.join("hand.csv"), plan_csv).unwrap();
    let data = fixtures().join("data");
    let out = rotaplan(
        dir,
        &[
            "audit",
            data.to_str().unwrap(),
            "--policy",
            &policy(policy_file),
            "--plan",
            "hand.csv",
            "--format",
            "json",
        ],
    );
    (out.status.code().unwrap_or(-1), json(&out))
}

fn violations<'a>(report: &'a serde_json::Value, rule: &str) -> Vec<&'a serde_json::Value> {
    report["violations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["rule"] == rule)
        .collect()
}

/// Six from U1 to R1 (3 语文, 3 数学, two backbone: T04, T08): 6 >= 10%
/// of 40 and 2 >= 20% of 6, so the default rules hold.
const SIX_FROM_U1: &str = "teacher,to_school\nT01,R1\nT03,R1\nT05,R1\nT04,R1\nT06,R1\nT08,R1\n";

#[test]
fn per_school_15_percent_beside_the_county_10() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan(dir.path(), "per-school-15.toml");
    // ceil(0.15 x 20) = 3 per school.
    let rows = plan["plan"].as_array().unwrap();
    for school in ["U1", "U2"] {
        let sent = rows.iter().filter(|r| r["from_school"] == school).count();
        assert!(sent >= 3, "{school} sends {sent}");
    }
    let (code, report) = audit(dir.path(), "per-school-15.toml", SIX_FROM_U1);
    assert_eq!(code, 1);
    let v = violations(&report, "每校 15%");
    assert_eq!(v.len(), 1, "{report:#}");
    assert_eq!(v[0]["school"], "U2");
    // U2: 0 of its 20 eligible rotate; ceil(0.15 x 20) = 3 required.
    assert_eq!(v[0]["numerator"], 0);
    assert_eq!(v[0]["denominator"], 20);
    assert_eq!(v[0]["required"], 3);
    assert_eq!(v[0]["shortfall"], 3);
    assert!(violations(&report, "rotation_ratio").is_empty());
    let (code, _) = audit(dir.path(), "per-school-15.toml", &plan_csv(dir.path()));
    assert_eq!(code, 0, "rotaplan's own plan audits clean");
}

#[test]
fn ages_by_sex_and_distance_to_retirement() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan(dir.path(), "ages-by-sex.toml");
    // As of 2026-08-31: T01 (男, born 1970-03) is 56 > 55; T02 (女, born
    // 1974-09) is 51 <= 52 but retires on 2029-12-01 (55 years 3 months:
    // 56 months after January 1970 raise it by 56/4 + 1 = 15 months),
    // before 2031-08-31; T03 (男, born 1973-01) is 53 and retires
    // 2035-02-01 (62 years 1 month): eligible.
    assert_eq!(plan["plan_year"], 2026);
    assert_eq!(plan["as_of"], "2026-08-31");
    assert_eq!(plan["eligible"], 38);
    let reasons: Vec<(&str, &str)> = plan["ineligible"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["teacher"].as_str().unwrap(),
                i["reason"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        reasons,
        [("T01", "over_age"), ("T02", "near_retirement")],
        "{plan:#}"
    );
    let (code, report) = audit(dir.path(), "ages-by-sex.toml", SIX_FROM_U1);
    assert_eq!(code, 1);
    let v = violations(&report, "ineligible_teacher");
    assert_eq!(v.len(), 1, "{report:#}");
    assert_eq!(v[0]["teacher"], "T01");
    assert_eq!(v[0]["reason"], "over_age");
    let (code, _) = audit(dir.path(), "ages-by-sex.toml", &plan_csv(dir.path()));
    assert_eq!(code, 0);
}

#[test]
fn graduation_grade_30_percent() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan(dir.path(), "graduation-grade-30.toml");
    // 20 eligible teachers teach 六年级 or 九年级: ceil(0.3 x 20) = 6 of
    // them rotate.
    let graduation = |id: &str| {
        let n: u32 = id[1..].parse().unwrap();
        (1..=10).contains(&n) || (21..=30).contains(&n)
    };
    let sent = plan["plan"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| graduation(r["teacher"].as_str().unwrap()))
        .count();
    assert!(sent >= 6, "{sent} graduation-grade teachers rotate");
    // Six from U1 outside the graduation grades (T11-T16; T12 and T16
    // backbone): the default rules hold, the county's 30% does not.
    let hand = "teacher,to_school\nT11,R1\nT13,R1\nT15,R1\nT12,R1\nT14,R1\nT16,R1\n";
    let (code, report) = audit(dir.path(), "graduation-grade-30.toml", hand);
    assert_eq!(code, 1);
    let v = violations(&report, "毕业年级 30%");
    assert_eq!(v.len(), 1, "{report:#}");
    assert_eq!(v[0]["numerator"], 0);
    assert_eq!(v[0]["denominator"], 20);
    assert_eq!(v[0]["required"], 6);
    assert_eq!(v[0]["shortfall"], 6);
    let (code, _) = audit(
        dir.path(),
        "graduation-grade-30.toml",
        &plan_csv(dir.path()),
    );
    assert_eq!(code, 0);
}

#[test]
fn rotation_within_education_groups() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan(dir.path(), "within-groups.toml");
    let group = |school: &str| if school.ends_with('1') { "东" } else { "西" };
    for r in plan["plan"].as_array().unwrap() {
        let (from, to) = (
            r["from_school"].as_str().unwrap(),
            r["to_school"].as_str().unwrap(),
        );
        assert_eq!(group(from), group(to), "{r}");
    }
    // Per group: ceil(0.1 x 20) = 2 rotate, ceil(0.2 x 2) = 1 backbone.
    // T04 (backbone) and T21 from U2 to R1 cross groups; T01 and T08 stay
    // inside. U2's group then counts nobody: 0 of 20, 2 short.
    let hand = "teacher,to_school\nT01,R1\nT08,R1\nT04,R2\nT21,R1\n";
    let (code, report) = audit(dir.path(), "within-groups.toml", hand);
    assert_eq!(code, 1);
    let outside = violations(&report, "outside_group");
    let lines: Vec<u64> = outside.iter().filter_map(|v| v["line"].as_u64()).collect();
    assert_eq!(lines, [4, 5], "{report:#}");
    let v = violations(&report, "rotation_ratio");
    assert_eq!(v.len(), 1, "{report:#}");
    assert_eq!(v[0]["group"], "城西集团");
    assert_eq!(v[0]["numerator"], 0);
    assert_eq!(v[0]["required"], 2);
    let (code, _) = audit(dir.path(), "within-groups.toml", &plan_csv(dir.path()));
    assert_eq!(code, 0);
}

/// The plan rotaplan wrote in `dir`.
fn plan_csv(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("plan.csv")).unwrap()
}
