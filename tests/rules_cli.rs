//! The county rules of `rules.md`, through the real binary on tiny data
//! sets whose expected numbers are worked out by hand in the comments:
//! eligibility reasons, who is backbone, `[[rules]]`, the built-in caps,
//! receivers and groups, pins, and `compare` over these keys.
//!
//! Every policy here pins `plan_year = 2026`, so `as_of` defaults to
//! 2026-08-31 and nothing depends on today's date. Each kind is checked
//! three ways: what `plan` reports (eligible counts, `ineligible[].reason`),
//! a hand-made plan that meets the default rules but breaks the rule
//! (`audit` exit 1, with the rule's name and numbers), and `plan` meeting
//! the rule (its own plan audits with exit 0).

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeMap;

/// One district 甲: U1 urban, R1 rural.
const ONE_SCHOOL: &str = "id,name,area,district\nU1,城区一小,urban,甲\nR1,乡村一小,rural,甲\n";

/// A data folder with `policy.toml` = `plan_year = 2026` followed by
/// `policy` (top-level keys first, then any `[[rules]]`).
fn set(schools: &str, teachers: &str, needs: &str, policy: &str) -> DataDir {
    let d = DataDir::new(&[
        ("schools.csv", schools.as_bytes()),
        ("teachers.csv", teachers.as_bytes()),
        ("needs.csv", needs.as_bytes()),
    ]);
    write_policy(&d, "policy.toml", policy);
    d
}

/// Writes a policy file that pins the plan year, then `body`.
fn write_policy(d: &DataDir, name: &str, body: &str) {
    d.write(name, format!("plan_year = 2026\n{body}").as_bytes());
}

/// Runs rotaplan; the JSON it printed (Null when none) and its stderr.
fn run(d: &DataDir, args: &[&str]) -> (Option<i32>, Value, String) {
    let o = rotaplan(d.path(), args);
    let j = if o.stdout.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&o.stdout).unwrap_or(Value::String(stdout(&o)))
    };
    (o.status.code(), j, stderr(&o))
}

/// `plan . --policy POLICY --format json --out made.csv`.
fn plan_with(d: &DataDir, policy: &str) -> (Option<i32>, Value, String) {
    run(
        d,
        &[
            "plan", ".", "--policy", policy, "--format", "json", "--out", "made.csv",
        ],
    )
}

fn plan(d: &DataDir) -> (Option<i32>, Value, String) {
    plan_with(d, "policy.toml")
}

/// `audit` of a hand-made plan (written to plan-in.csv) under `policy`.
fn audit_with(d: &DataDir, policy: &str, plan: &str, extra: &[&str]) -> (Option<i32>, Value) {
    d.write("plan-in.csv", plan.as_bytes());
    let mut args = vec![
        "audit",
        ".",
        "--plan",
        "plan-in.csv",
        "--policy",
        policy,
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let (code, j, err) = run(d, &args);
    assert!(code != Some(2), "audit refused its input: {err}");
    (code, j)
}

fn audit(d: &DataDir, plan: &str) -> (Option<i32>, Value) {
    audit_with(d, "policy.toml", plan, &[])
}

/// Plans under `policy`, expects success, and audits the plan it wrote
/// under the same policy: exit 0. Returns the plan's JSON.
fn plan_and_audit(d: &DataDir, policy: &str) -> Value {
    let (code, j, err) = plan_with(d, policy);
    assert_eq!(code, Some(0), "plan failed: {err}\n{j}");
    let (code, a, err) = run(
        d,
        &[
            "audit", ".", "--plan", "made.csv", "--policy", policy, "--format", "json",
        ],
    );
    assert_eq!(code, Some(0), "the plan's own plan fails audit: {a}\n{err}");
    assert_eq!(a["ok"], true);
    j
}

/// `teacher,to_school` rows.
fn hand(rows: &[(&str, &str)]) -> String {
    let mut p = String::from("teacher,to_school\n");
    for (t, s) in rows {
        p += &format!("{t},{s}\n");
    }
    p
}

/// Every teacher of `ids` to `school`.
fn all_to(ids: &[&str], school: &str) -> String {
    hand(&ids.iter().map(|t| (*t, school)).collect::<Vec<_>>())
}

fn violations<'a>(j: &'a Value, rule: &str) -> Vec<&'a Value> {
    j["violations"]
        .as_array()
        .unwrap_or_else(|| panic!("no violations list: {j}"))
        .iter()
        .filter(|v| v["rule"] == rule)
        .collect()
}

fn rule_names(j: &Value) -> Vec<String> {
    j["violations"]
        .as_array()
        .unwrap_or_else(|| panic!("no violations list: {j}"))
        .iter()
        .map(|v| v["rule"].as_str().unwrap_or("?").to_string())
        .collect()
}

/// The single violation of `rule`.
fn only<'a>(j: &'a Value, rule: &str) -> &'a Value {
    let v = violations(j, rule);
    assert_eq!(v.len(), 1, "one {rule} violation expected: {j}");
    v[0]
}

fn u(v: &Value, key: &str) -> Option<u64> {
    v[key].as_u64()
}

/// A `min` unit: numerator, denominator, required, shortfall.
fn assert_min(v: &Value, n: u64, d: u64, required: u64, shortfall: u64) {
    assert_eq!(
        [
            u(v, "numerator"),
            u(v, "denominator"),
            u(v, "required"),
            u(v, "shortfall")
        ],
        [Some(n), Some(d), Some(required), Some(shortfall)],
        "numerator, denominator, required, shortfall of {v}"
    );
}

/// A `max` unit: numerator, denominator, limit, excess.
fn assert_max(v: &Value, n: u64, d: u64, limit: u64, excess: u64) {
    assert_eq!(
        [
            u(v, "numerator"),
            u(v, "denominator"),
            u(v, "limit"),
            u(v, "excess")
        ],
        [Some(n), Some(d), Some(limit), Some(excess)],
        "numerator, denominator, limit, excess of {v}"
    );
}

/// `ineligible[]` of a plan's JSON as teacher -> reason.
fn reasons(j: &Value) -> BTreeMap<String, String> {
    j["ineligible"]
        .as_array()
        .unwrap_or_else(|| panic!("no ineligible list: {j}"))
        .iter()
        .map(|i| {
            (
                i["teacher"].as_str().unwrap().to_string(),
                i["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn expect_reasons(j: &Value, expect: &[(&str, &str)]) {
    let want: BTreeMap<String, String> = expect
        .iter()
        .map(|(t, r)| (t.to_string(), r.to_string()))
        .collect();
    assert_eq!(reasons(j), want, "{}", j["ineligible"]);
}

/// The plan's rows as (teacher, from_school, to_school).
fn moves(j: &Value) -> Vec<(String, String, String)> {
    j["plan"]
        .as_array()
        .unwrap_or_else(|| panic!("no plan rows: {j}"))
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap_or("").to_string();
            (s("teacher"), s("from_school"), s("to_school"))
        })
        .collect()
}

fn moved(j: &Value) -> Vec<String> {
    moves(j).into_iter().map(|(t, _, _)| t).collect()
}

/// A line of `n` teachers `{prefix}{i:02}` at `school` teaching `subject`,
/// the first `backbone` of them county backbone, `years` at the school,
/// followed by `tail` cells (for the file's extra columns).
fn staff(
    prefix: &str,
    school: &str,
    subject: &str,
    n: usize,
    backbone: usize,
    tail: &str,
) -> String {
    (0..n)
        .map(|i| {
            let b = if i < backbone { "county" } else { "" };
            format!("{prefix}{i:02},教师,{school},{subject},{b},10{tail}\n")
        })
        .collect()
}

const BASIC: &str = "id,name,school,subject,backbone,years_at_school\n";

// ---------------------------------------------------------------------
// Eligibility: the reasons of rules.md, in its order.
// ---------------------------------------------------------------------

const ELIG_HEADER: &str = "id,name,school,subject,backbone,years_at_school,sex,birth_date,status,established,exempt,exempt_until,school_entry\n";

/// 25 teachers at U1 (plan_year 2026, as_of 2026-08-31; max_age_male 50,
/// max_age_female 45, max_age 55):
///
/// | id | data | expected |
/// |---|---|---|
/// | A1 | status 205 | away |
/// | A2 | history 2024, end_year 2026 (>= 2026) | away (before its cool-down) |
/// | A3 | history 2024, end_year 2025 | too_few_years: back in 2026, 0 years since the return (programme.md), before its cool-down |
/// | S1 | status 203 | status |
/// | S2 | status 100 | eligible |
/// | S3 | status 299 | eligible |
/// | N1 | established false | not_established |
/// | N2 | established true | eligible |
/// | E1 | exempt, until 2026-08-30 (before as_of) | eligible |
/// | E2 | exempt, until 2026-08-31 (on as_of) | exempt |
/// | E3 | exempt, no date | exempt |
/// | Y1 | years 10 but school_entry 2021-09-01: 4 completed years | too_few_years |
/// | Y2 | school_entry 2020-08-31: 6 years | eligible |
/// | O1 | 男 1975-08-31: 51 > 50 (though <= max_age 55) | over_age |
/// | O2 | 女 1981-08-31: 45 | eligible |
/// | O3 | 女 1980-08-31: 46 > 45 | over_age |
/// | O4 | 男 1976-08-31: 50 | eligible |
/// | O5 | no sex, 1970-01-01: 56 > max_age 55 | over_age |
/// | O6 | no sex, 1972-01-01: 54 | eligible |
/// | C1 | history 2024 | cool_down |
/// | C2 | history 2023 (not after 2023) | eligible |
/// | D1 | status 203, established false, exempt | status (the first) |
/// | D2 | exempt, school_entry 2025-01-01 | exempt (the first) |
/// | B1, B2 | county backbone | eligible |
///
/// Eligible: S2 S3 N2 E1 Y2 O2 O4 O6 C2 B1 B2 = 11; ineligible 14.
fn reasons_data() -> DataDir {
    let rows = [
        "A1,,U1,数学,,10,,,205,,,,",
        "A2,,U1,数学,,10,,,,,,,",
        "A3,,U1,数学,,10,,,,,,,",
        "S1,,U1,数学,,10,,,203,,,,",
        "S2,,U1,数学,,10,,,100,,,,",
        "S3,,U1,数学,,10,,,299,,,,",
        "N1,,U1,数学,,10,,,,false,,,",
        "N2,,U1,数学,,10,,,,true,,,",
        "E1,,U1,数学,,10,,,,,病假,2026-08-30,",
        "E2,,U1,数学,,10,,,,,病假,2026-08-31,",
        "E3,,U1,数学,,10,,,,,病假,,",
        "Y1,,U1,数学,,10,,,,,,,2021-09-01",
        "Y2,,U1,数学,,,,,,,,,2020-08-31",
        "O1,,U1,数学,,10,男,1975-08-31,,,,,",
        "O2,,U1,数学,,10,女,1981-08-31,,,,,",
        "O3,,U1,数学,,10,女,1980-08-31,,,,,",
        "O4,,U1,数学,,10,男,1976-08-31,,,,,",
        "O5,,U1,数学,,10,,1970-01-01,,,,,",
        "O6,,U1,数学,,10,,1972-01-01,,,,,",
        "C1,,U1,数学,,10,,,,,,,",
        "C2,,U1,数学,,10,,,,,,,",
        "D1,,U1,数学,,10,,,203,false,病假,,",
        "D2,,U1,数学,,,,,,,病假,,2025-01-01",
        "B1,,U1,数学,county,10,,,,,,,",
        "B2,,U1,数学,county,10,,,,,,,",
    ];
    let teachers = format!("{ELIG_HEADER}{}\n", rows.join("\n"));
    let d = set(
        ONE_SCHOOL,
        &teachers,
        "school,subject,count\nR1,数学,3\n",
        "max_age = 55\nmax_age_male = 50\nmax_age_female = 45\n",
    );
    d.write(
        "history.csv",
        "teacher,year,school,end_year\nA2,2024,R1,2026\nA3,2024,R1,2025\nC1,2024,R1,\nC2,2023,R1,\n"
            .as_bytes(),
    );
    d
}

const REASONS: &[(&str, &str)] = &[
    ("A1", "away"),
    ("A2", "away"),
    ("A3", "too_few_years"),
    ("S1", "status"),
    ("N1", "not_established"),
    ("E2", "exempt"),
    ("E3", "exempt"),
    ("Y1", "too_few_years"),
    ("O1", "over_age"),
    ("O3", "over_age"),
    ("O5", "over_age"),
    ("C1", "cool_down"),
    ("D1", "status"),
    ("D2", "exempt"),
];

#[test]
fn plan_reports_each_eligibility_reason_in_rules_md_order() {
    let d = reasons_data();
    let (code, j, err) = plan(&d);
    assert_eq!(code, Some(0), "{err}\n{j}");
    // 11 eligible: required ceil(0.10 x 11) = ceil(1.1) = 2.
    assert_eq!(j["eligible"], 11, "{}", j["ineligible"]);
    assert_eq!(j["required"], 2);
    expect_reasons(&j, REASONS);
    // The status reason names the status.
    let s1 = j["ineligible"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["teacher"] == "S1")
        .unwrap();
    assert!(s1["detail"].as_str().unwrap_or("").contains("203"), "{s1}");
    // No ineligible teacher is planned.
    let bad: Vec<String> = moved(&j)
        .into_iter()
        .filter(|t| REASONS.iter().any(|(r, _)| r == t))
        .collect();
    assert!(bad.is_empty(), "{bad:?}");
}

#[test]
fn plan_and_audit_say_which_plan_year_and_as_of_they_used() {
    let d = reasons_data();
    let (code, j, err) = plan(&d);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(j["plan_year"], 2026, "plan JSON lacks plan_year");
    assert_eq!(j["as_of"], "2026-08-31", "plan JSON lacks as_of");
    let (code, a, _) = run(
        &d,
        &[
            "audit",
            ".",
            "--plan",
            "made.csv",
            "--policy",
            "policy.toml",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, Some(0), "{a}");
    assert_eq!(
        (&a["plan_year"], &a["as_of"]),
        (&Value::from(2026), &Value::from("2026-08-31"))
    );
    // The table header says them too.
    let o = rotaplan(
        d.path(),
        &["plan", ".", "--policy", "policy.toml", "--out", "t.csv"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("2026") && out.contains("2026-08-31"), "{out}");
    // --plan-year on the command line, without a policy file.
    let o = rotaplan(
        d.path(),
        &[
            "plan",
            ".",
            "--plan-year",
            "2026",
            "--format",
            "json",
            "--out",
            "u.csv",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j = json(&o);
    assert_eq!(j["as_of"], "2026-08-31", "{j}");
}

#[test]
fn established_only_false_turns_not_established_off() {
    let d = reasons_data();
    write_policy(
        &d,
        "open.toml",
        "max_age = 55\nmax_age_male = 50\nmax_age_female = 45\nestablished_only = false\n",
    );
    let (code, j, err) = plan_with(&d, "open.toml");
    assert_eq!(code, Some(0), "{err}");
    // N1 joins the 11: 12. D1 (status 203, also not established) stays
    // `status`, its first reason.
    assert_eq!(j["eligible"], 12, "{}", j["ineligible"]);
    let expect: Vec<(&str, &str)> = REASONS
        .iter()
        .copied()
        .filter(|(t, _)| *t != "N1")
        .collect();
    expect_reasons(&j, &expect);
    // And N1 may be sent: B1, N1 to R1 audits clean under this policy
    // (2 >= 2, backbone 1 >= ceil(0.4) = 1), and breaks the default.
    let p = all_to(&["B1", "N1"], "R1");
    let (code, a) = audit_with(&d, "open.toml", &p, &[]);
    assert_eq!(code, Some(0), "{a}");
    let (code, a) = audit(&d, &p);
    assert_eq!(code, Some(1), "{a}");
    assert_eq!(only(&a, "ineligible_teacher")["reason"], "not_established");
}

#[test]
fn audit_names_each_eligibility_reason() {
    let d = reasons_data();
    // B1 and S2 count (2 >= 2; backbone 1 >= ceil(0.2 x 2) = 1; R1 needs
    // 3, 2 counted); every other row is an ineligible teacher, not counted.
    let p = all_to(
        &[
            "B1", "S2", "O3", "A2", "D1", "Y1", "N1", "E2", "C1", "A3", "A1",
        ],
        "R1",
    );
    let (code, a) = audit(&d, &p);
    assert_eq!(code, Some(1), "{a}");
    assert!(
        rule_names(&a).iter().all(|r| r == "ineligible_teacher"),
        "{a}"
    );
    let got: Vec<(u64, String)> = violations(&a, "ineligible_teacher")
        .iter()
        .map(|v| {
            (
                v["line"].as_u64().unwrap_or(0),
                v["reason"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let want: Vec<(u64, String)> = [
        (4, "over_age"),
        (5, "away"),
        (6, "status"),
        (7, "too_few_years"),
        (8, "not_established"),
        (9, "exempt"),
        (10, "cool_down"),
        // A3 is back from a stint ending 2025: 0 years since the return
        // (programme.md), which comes before its cool-down, as for plan.
        (11, "too_few_years"),
        (12, "away"),
    ]
    .iter()
    .map(|(l, r)| (*l, r.to_string()))
    .collect();
    assert_eq!(got, want, "{a}");
    assert_eq!(
        (a["eligible"].as_u64(), a["rotating"].as_u64()),
        (Some(11), Some(2))
    );
}

#[test]
fn the_plan_of_the_reasons_data_audits_clean() {
    let j = plan_and_audit(&reasons_data(), "policy.toml");
    // 3 places at R1, all filled by eligible teachers.
    assert_eq!(j["rotating"], 3, "{j}");
}

#[test]
fn explicit_as_of_moves_ages_exemptions_and_years() {
    // G1: 女 1980-09-15: 45 on 2026-08-31, 46 on 2026-09-30.
    // G2: exempt until 2026-09-15: exempt on 2026-08-31 (until >= as_of),
    //     not on 2026-09-30.
    // G3: school_entry 2020-09-20: 5 years on 2026-08-31, 6 on 2026-09-30.
    let teachers = format!(
        "{ELIG_HEADER}G1,,U1,数学,,10,女,1980-09-15,,,,,\nG2,,U1,数学,,10,,,,,产假,2026-09-15,\n\
         G3,,U1,数学,,,,,,,,,2020-09-20\nB1,,U1,数学,county,10,,,,,,,\nB2,,U1,数学,county,10,,,,,,,\n"
    );
    let d = set(
        ONE_SCHOOL,
        &teachers,
        "school,subject,count\nR1,数学,2\n",
        "max_age_female = 45\n",
    );
    // Default as_of 2026-08-31: B1 B2 G1 eligible = 3.
    let (code, j, err) = plan(&d);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(j["eligible"], 3);
    expect_reasons(&j, &[("G2", "exempt"), ("G3", "too_few_years")]);
    // as_of = 2026-09-30 (a TOML date): B1 B2 G2 G3 = 4.
    for (file, body) in [
        ("late.toml", "max_age_female = 45\nas_of = 2026-09-30\n"),
        (
            "late-text.toml",
            "max_age_female = 45\nas_of = \"2026-09-30\"\n",
        ),
    ] {
        write_policy(&d, file, body);
        let (code, j, err) = plan_with(&d, file);
        assert_eq!(code, Some(0), "{file}: {err}");
        assert_eq!(j["eligible"], 4, "{file}: {}", j["ineligible"]);
        expect_reasons(&j, &[("G1", "over_age")]);
        assert_eq!(j["as_of"], "2026-09-30", "{file}: as_of in plan JSON");
        // B1 G2 to R1 (R1 needs 2): 2 >= ceil(0.4) = 1, backbone 1 >=
        // ceil(0.4) = 1: clean. B1 G1: G1 is over_age.
        let (code, a) = audit_with(&d, file, &all_to(&["B1", "G2"], "R1"), &[]);
        assert_eq!(code, Some(0), "{file}: {a}");
        assert_eq!(a["as_of"], "2026-09-30");
        let (code, a) = audit_with(&d, file, &all_to(&["B1", "G1"], "R1"), &[]);
        assert_eq!(code, Some(1), "{file}: {a}");
        assert_eq!(only(&a, "ineligible_teacher")["reason"], "over_age");
    }
}

#[test]
fn cooldown_ever_counts_any_past_rotation() {
    // H1 rotated in 2010: outside 3 years (2010 <= 2023), inside "ever".
    let teachers = format!(
        "{BASIC}H1,,U1,数学,,10\nH2,,U1,数学,,10\nB1,,U1,数学,county,10\nB2,,U1,数学,county,10\n"
    );
    let d = set(
        ONE_SCHOOL,
        &teachers,
        "school,subject,count\nR1,数学,2\n",
        "",
    );
    d.write("history.csv", "teacher,year\nH1,2010\n".as_bytes());
    let (code, j, err) = plan(&d);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(j["eligible"], 4);
    write_policy(&d, "ever.toml", "cooldown_years = \"ever\"\n");
    let (code, j, err) = plan_with(&d, "ever.toml");
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(j["eligible"], 3);
    expect_reasons(&j, &[("H1", "cool_down")]);
    // B1 H1: fine by default, cool_down under "ever".
    let p = all_to(&["B1", "H1"], "R1");
    assert_eq!(audit(&d, &p).0, Some(0));
    let (code, a) = audit_with(&d, "ever.toml", &p, &[]);
    assert_eq!(code, Some(1), "{a}");
    assert_eq!(only(&a, "ineligible_teacher")["reason"], "cool_down");
    plan_and_audit(&d, "ever.toml");
}

/// min_years_to_retirement = 5, as_of 2026-08-01, so the limit is
/// 2031-08-01; statutory retirement (rules.md):
///
/// * F1 女 1975-04-15: months from 1970-01 = 63, +63/4+1 = 16 months:
///   56y4m, retires 2031-08-01, not before the limit: eligible.
/// * F2 女 1975-03-20: 62 months, +16: 2031-07-01 < limit: near_retirement.
/// * M1 男 1970-01-20: months from 1965-01 = 60, +16: 61y4m, 2031-05-01:
///   near_retirement (age 56 <= max_age_male 58).
/// * M2 男 1971-03-10: 74 months, +19: 61y7m, 2032-10-01: eligible.
/// * O1 男 1967-07-01: age 59 > 58: over_age, before near_retirement
///   (it retires 2028-03-01 too).
/// * X1 no sex, 1960-01-01: the retirement rule is not applied: eligible.
/// * B1, B2: no dates: eligible.
///
/// Eligible F1 M2 X1 B1 B2 = 5.
fn retirement_data() -> DataDir {
    let teachers = format!(
        "{ELIG_HEADER}F1,,U1,数学,,10,女,1975-04-15,,,,,\nF2,,U1,数学,,10,女,1975-03-20,,,,,\n\
         M1,,U1,数学,,10,男,1970-01-20,,,,,\nM2,,U1,数学,,10,男,1971-03-10,,,,,\n\
         O1,,U1,数学,,10,男,1967-07-01,,,,,\nX1,,U1,数学,,10,,1960-01-01,,,,,\n\
         B1,,U1,数学,county,10,,,,,,,\nB2,,U1,数学,county,10,,,,,,,\n"
    );
    set(
        ONE_SCHOOL,
        &teachers,
        "school,subject,count\nR1,数学,2\n",
        "as_of = 2026-08-01\nmin_years_to_retirement = 5\nmax_age_male = 58\n",
    )
}

#[test]
fn near_retirement_under_the_statutory_ages() {
    let d = retirement_data();
    let (code, j, err) = plan(&d);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(j["eligible"], 5, "{}", j["ineligible"]);
    expect_reasons(
        &j,
        &[
            ("F2", "near_retirement"),
            ("M1", "near_retirement"),
            ("O1", "over_age"),
        ],
    );
    // F2 sent beside B1: ineligible_teacher, near_retirement.
    let (code, a) = audit(&d, &all_to(&["B1", "F2"], "R1"));
    assert_eq!(code, Some(1), "{a}");
    assert_eq!(only(&a, "ineligible_teacher")["reason"], "near_retirement");
    // F1 (retires exactly on the limit) may go.
    let (code, a) = audit(&d, &all_to(&["B1", "F1"], "R1"));
    assert_eq!(code, Some(0), "{a}");
    plan_and_audit(&d, "policy.toml");
}

#[test]
fn near_retirement_with_fixed_retirement_ages() {
    // as_of 2026-08-31, limit 2031-08-31.
    // P1 女 1976-08-10: fixed 55 -> 2031-08-01 < limit: near_retirement;
    //    statutory: 79 months from 1970-01, +20: 56y8m, 2033-04-01: eligible.
    // P2 男 1971-08-10: fixed 60 -> 2031-08-01: near_retirement;
    //    statutory: 79 months from 1965-01, +20: 61y8m, 2033-04-01: eligible.
    // P3 女 1976-09-10: fixed 55 -> 2031-09-01 >= limit: eligible.
    let teachers = format!(
        "{ELIG_HEADER}P1,,U1,数学,,10,女,1976-08-10,,,,,\nP2,,U1,数学,,10,男,1971-08-10,,,,,\n\
         P3,,U1,数学,,10,女,1976-09-10,,,,,\nB1,,U1,数学,county,10,,,,,,,\nB2,,U1,数学,county,10,,,,,,,\n"
    );
    let d = set(
        ONE_SCHOOL,
        &teachers,
        "school,subject,count\nR1,数学,2\n",
        "min_years_to_retirement = 5\n",
    );
    let (code, j, err) = plan(&d);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(j["eligible"], 5, "statutory: {}", j["ineligible"]);
    write_policy(
        &d,
        "fixed.toml",
        "min_years_to_retirement = 5\nretirement = { male = 60, female = 55 }\n",
    );
    let (code, j, err) = plan_with(&d, "fixed.toml");
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(j["eligible"], 3, "fixed: {}", j["ineligible"]);
    expect_reasons(&j, &[("P1", "near_retirement"), ("P2", "near_retirement")]);
    let (code, a) = audit_with(&d, "fixed.toml", &all_to(&["B1", "P2"], "R1"), &[]);
    assert_eq!(code, Some(1), "{a}");
    assert_eq!(only(&a, "ineligible_teacher")["reason"], "near_retirement");
    let (code, a) = audit(&d, &all_to(&["B1", "P2"], "R1"));
    assert_eq!(code, Some(0), "statutory: P2 may go: {a}");
    plan_and_audit(&d, "fixed.toml");
}

#[test]
fn id_card_gives_sex_and_birth_date() {
    // 110105197503100025: born 1975-03-10, digit 17 = 2 (female): retires
    // 2031-07-01 (as F2 above) < 2031-08-01: near_retirement.
    // 110105197108100017: born 1971-08-10, male, 54 on 2026-08-01 (the
    // birthday is on the 10th) > max_age_male 53: over_age.
    let teachers = "id,name,school,subject,backbone,years_at_school,id_card\n\
        I1,,U1,数学,,10,110105197503100025\nI2,,U1,数学,,10,110105197108100017\n\
        B1,,U1,数学,county,10,\nB2,,U1,数学,county,10,\n";
    let d = set(
        ONE_SCHOOL,
        teachers,
        "school,subject,count\nR1,数学,2\n",
        "as_of = 2026-08-01\nmin_years_to_retirement = 5\nmax_age_male = 53\n",
    );
    let (code, j, err) = plan(&d);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(j["eligible"], 2);
    expect_reasons(&j, &[("I1", "near_retirement"), ("I2", "over_age")]);
}

// ---------------------------------------------------------------------
// Who is a backbone teacher.
// ---------------------------------------------------------------------

/// U1: T0 county backbone, T1 city backbone, T2 title 高级 (no backbone),
/// T3-T9 neither; all eligible. R1 needs 5 数学. Required ceil(1.0) = 1;
/// 5 rotating need ceil(0.2 x 5) = 1 backbone.
fn backbone_data(policy: &str) -> DataDir {
    let teachers = "id,name,school,subject,backbone,years_at_school,title\n\
        T0,,U1,数学,县级,10,一级\nT1,,U1,数学,市级,10,一级\nT2,,U1,数学,,10,高级\n\
        T3,,U1,数学,,10,一级\nT4,,U1,数学,,10,一级\nT5,,U1,数学,,10,\nT6,,U1,数学,,10,\n\
        T7,,U1,数学,,10,\nT8,,U1,数学,,10,\nT9,,U1,数学,,10,\n";
    set(
        ONE_SCHOOL,
        teachers,
        "school,subject,count\nR1,数学,5\n",
        policy,
    )
}

#[test]
fn backbone_min_level_city_drops_county_backbones() {
    let d = backbone_data("backbone_min_level = \"city\"\n");
    let with_t0 = all_to(&["T0", "T3", "T4", "T5", "T6"], "R1");
    // Default (county and up): T0 counts, 1 >= 1.
    write_policy(&d, "default.toml", "");
    let (code, a) = audit_with(&d, "default.toml", &with_t0, &[]);
    assert_eq!(code, Some(0), "{a}");
    assert_eq!(a["backbone"], 1);
    // City and up: 0 of 5, required 1, short 1.
    let (code, a) = audit(&d, &with_t0);
    assert_eq!(code, Some(1), "{a}");
    assert_eq!(rule_names(&a), ["backbone_share"]);
    assert_min(only(&a, "backbone_share"), 0, 5, 1, 1);
    assert_eq!(a["backbone"], 0);
    // The plan must send T1, the only city backbone; its rows flag only T1.
    let j = plan_and_audit(&d, "policy.toml");
    assert!(moved(&j).contains(&"T1".to_string()), "{j}");
    for r in j["plan"].as_array().unwrap() {
        assert_eq!(r["backbone"], r["teacher"] == "T1", "{r}");
    }
    assert_eq!(j["backbone"], 1);
}

#[test]
fn backbone_titles_make_a_title_count() {
    let d = backbone_data("backbone_min_level = \"city\"\nbackbone_titles = [\"高级\"]\n");
    // T2 (高级) counts: 1 of 5.
    let (code, a) = audit(&d, &all_to(&["T2", "T3", "T4", "T5", "T6"], "R1"));
    assert_eq!(code, Some(0), "{a}");
    assert_eq!(a["backbone"], 1);
    // T0 (county) does not: 0 of 5.
    let (code, a) = audit(&d, &all_to(&["T0", "T3", "T4", "T5", "T6"], "R1"));
    assert_eq!(code, Some(1), "{a}");
    assert_min(only(&a, "backbone_share"), 0, 5, 1, 1);
    let j = plan_and_audit(&d, "policy.toml");
    let backbone: Vec<String> = j["plan"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["backbone"] == true)
        .map(|r| r["teacher"].as_str().unwrap().to_string())
        .collect();
    assert!(!backbone.is_empty(), "{j}");
    assert!(
        backbone.iter().all(|t| t == "T1" || t == "T2"),
        "{backbone:?}"
    );
}

// ---------------------------------------------------------------------
// [[rules]]
// ---------------------------------------------------------------------

#[test]
fn graduation_grade_rule_counts_a_teachers_column() {
    // T00-T09 teach 九年级 (T00 backbone, 8 years; T09 3 years: too few),
    // T10-T19 teach 八年级 (T10 backbone, 15 years). Eligible 19:
    // rotation_ratio requires ceil(1.9) = 2. The rule: D = 9 eligible
    // 九年级 teachers, required ceil(0.30 x 9) = ceil(2.7) = 3.
    let mut teachers = String::from("id,name,school,subject,backbone,years_at_school,任教年级\n");
    for i in 0..20 {
        let b = if i % 10 == 0 { "county" } else { "" };
        let (years, grade) = match i {
            9 => (3, "九年级"),
            0..=8 => (8, if i == 1 { " 九年级 " } else { "九年级" }),
            _ => (15, "八年级"),
        };
        teachers += &format!("T{i:02},,U1,数学,{b},{years},{grade}\n");
    }
    let rule = "[[rules]]\nname = \"毕业年级30%\"\nbound = \"min\"\nshare = 0.30\nof = \"eligible\"\n\
                among = { column = { name = \"任教年级\", values = [\"九年级\", \"六年级\"] } }\n";
    let d = set(
        ONE_SCHOOL,
        &teachers,
        "school,subject,count\nR1,数学,3\n",
        rule,
    );
    let (code, j, err) = plan(&d);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(j["eligible"], 19);
    // T00 T01 T10: 3 >= 2, backbone 2 >= ceil(0.6) = 1; the rule: 2 of 9,
    // required 3, 1 short.
    let (code, a) = audit(&d, &all_to(&["T00", "T01", "T10"], "R1"));
    assert_eq!(code, Some(1), "{a}");
    assert_eq!(rule_names(&a), ["毕业年级30%"]);
    assert_min(only(&a, "毕业年级30%"), 2, 9, 3, 1);
    let (code, a) = audit(&d, &all_to(&["T00", "T01", "T02"], "R1"));
    assert_eq!(code, Some(0), "{a}");
    // R1's 3 places all go to 九年级 teachers, though 八年级 have more years.
    let j = plan_and_audit(&d, "policy.toml");
    let nine = moved(&j).iter().filter(|t| t.as_str() < "T10").count();
    assert_eq!(nine, 3, "{j}");
}

#[test]
fn anhui_backbone_counted_among_the_eligible() {
    // 20 eligible, T00-T03 backbone, R1 needs 6. Rule: backbone rotating
    // >= ceil(0.10 x 20) = 2.
    let teachers = format!("{BASIC}{}", staff("T", "U1", "数学", 20, 4, ""));
    let rule = "[[rules]]\nname = \"骨干占符合条件10%\"\nbound = \"min\"\nshare = 0.10\nof = \"eligible\"\n\
                who = { backbone = true }\n";
    let d = set(
        ONE_SCHOOL,
        &teachers,
        "school,subject,count\nR1,数学,6\n",
        rule,
    );
    // T00 T10-T13: 5 >= 2, backbone_share 1 >= ceil(1.0) = 1; the rule:
    // 1 of 20, required 2, 1 short.
    let (code, a) = audit(&d, &all_to(&["T00", "T10", "T11", "T12", "T13"], "R1"));
    assert_eq!(code, Some(1), "{a}");
    assert_eq!(rule_names(&a), ["骨干占符合条件10%"]);
    assert_min(only(&a, "骨干占符合条件10%"), 1, 20, 2, 1);
    let j = plan_and_audit(&d, "policy.toml");
    assert!(j["backbone"].as_u64().unwrap_or(0) >= 2, "{j}");
}

#[test]
fn pucheng_backbone_or_senior_title_of_rotating() {
    // T00, T01 county backbone (T00 also 高级), T02-T04 高级, 20 eligible,
    // R1 needs 10. Rule: (backbone or 高级) >= ceil(0.30 x rotating).
    let mut teachers = String::from("id,name,school,subject,backbone,years_at_school,title\n");
    for i in 0..20 {
        let b = if i < 2 { "county" } else { "" };
        let title = if i == 0 || (2..=4).contains(&i) {
            "高级"
        } else {
            "一级"
        };
        teachers += &format!("T{i:02},,U1,数学,{b},10,{title}\n");
    }
    let rule = "[[rules]]\nname = \"蒲城30%\"\nbound = \"min\"\nshare = 0.30\nof = \"rotating\"\n\
                who = [{ backbone = true }, { title = [\"高级\"] }]\n";
    let d = set(
        ONE_SCHOOL,
        &teachers,
        "school,subject,count\nR1,数学,10\n",
        rule,
    );
    let others = ["T10", "T11", "T12", "T13", "T14", "T15", "T16", "T17"];
    // T00 T01 + 8 others: 10 >= 2; backbone 2 >= ceil(2.0) = 2; the rule:
    // T00 (counted once) and T01 = 2 of 10, required 3, 1 short.
    let mut ten = vec!["T00", "T01"];
    ten.extend_from_slice(&others);
    let (code, a) = audit(&d, &all_to(&ten, "R1"));
    assert_eq!(code, Some(1), "{a}");
    assert_eq!(rule_names(&a), ["蒲城30%"]);
    assert_min(only(&a, "蒲城30%"), 2, 10, 3, 1);
    // T17 replaced by T02 (高级): 3 of 10.
    ten[9] = "T02";
    let (code, a) = audit(&d, &all_to(&ten, "R1"));
    assert_eq!(code, Some(0), "{a}");
    let j = plan_and_audit(&d, "policy.toml");
    let r = moved(&j);
    let counted = r.iter().filter(|t| t.as_str() <= "T04").count();
    assert!(counted * 10 >= 3 * r.len(), "{r:?}");
}

#[test]
fn max_rule_of_staff_counts_ineligible_teachers_too() {
    // U1: T00-T09, T00 backbone, T08 T09 exempt: staff 10, eligible 8.
    // Rule: rotating <= floor(0.30 x 10) = 3 (of eligible it would be 2).
    let mut teachers = String::from("id,name,school,subject,backbone,years_at_school,exempt\n");
    teachers += &staff("T", "U1", "数学", 8, 1, ",");
    teachers += "T08,,U1,数学,,10,病假\nT09,,U1,数学,,10,病假\n";
    let rule = "[[rules]]\nname = \"外出上限\"\nbound = \"max\"\nshare = 0.30\nof = \"staff\"\n";
    let d = set(
        ONE_SCHOOL,
        &teachers,
        "school,subject,count\nR1,数学,5\n",
        rule,
    );
    // T00-T03: 4 >= ceil(0.8) = 1, backbone 1 >= 1; the rule: 4 of 10,
    // limit 3, excess 1.
    let (code, a) = audit(&d, &all_to(&["T00", "T01", "T02", "T03"], "R1"));
    assert_eq!(code, Some(1), "{a}");
    assert_eq!(rule_names(&a), ["外出上限"]);
    assert_max(only(&a, "外出上限"), 4, 10, 3, 1);
    let (code, a) = audit(&d, &all_to(&["T00", "T01", "T02"], "R1"));
    assert_eq!(code, Some(0), "{a}");
    // The plan fills 3 of the 5 places: the cap binds.
    let j = plan_and_audit(&d, "policy.toml");
    assert_eq!(j["rotating"], 3, "{j}");
}

/// Two sending schools U1 (T100-T119) and U2 (T200-T219), 20 eligible
/// each, two backbones each; R1 needs 10.
fn two_schools(policy: &str) -> DataDir {
    let schools = "id,name,area,district\nU1,一小,urban,甲\nU2,二小,urban,甲\nR1,乡小,rural,甲\n";
    let teachers = format!(
        "{BASIC}{}{}",
        staff("T1", "U1", "数学", 20, 2, ""),
        staff("T2", "U2", "数学", 20, 2, "")
    );
    set(
        schools,
        &teachers,
        "school,subject,count\nR1,数学,10\n",
        policy,
    )
}

#[test]
fn school_scope_rule_beside_the_district_ratio() {
    // District: ceil(0.10 x 40) = 4. Per school: ceil(0.15 x 20) = 3.
    let d = two_schools(
        "[[rules]]\nname = \"每校15%\"\nbound = \"min\"\nshare = 0.15\nof = \"eligible\"\nscope = \"school\"\n",
    );
    // 6 from U1 (2 backbone): district 6 >= 4, backbone 2 >= ceil(1.2) =
    // 2, U1 6 >= 3; U2 0 of 20, required 3, 3 short.
    let p = all_to(&["T100", "T101", "T102", "T103", "T104", "T105"], "R1");
    let (code, a) = audit(&d, &p);
    assert_eq!(code, Some(1), "{a}");
    assert_eq!(rule_names(&a), ["每校15%"]);
    let v = only(&a, "每校15%");
    assert_min(v, 0, 20, 3, 3);
    assert_eq!(v["school"], "U2", "{v}");
    // JSON `required` stays the rotation_ratio sum: 4.
    assert_eq!(a["required"], 4);
    let j = plan_and_audit(&d, "policy.toml");
    let from = |s: &str| moves(&j).iter().filter(|(_, f, _)| f == s).count();
    assert!(from("U1") >= 3 && from("U2") >= 3, "{j}");
}

#[test]
fn group_scope_rule_counts_an_education_group_together() {
    // U1, U2 in group G1; U3 without a group (a group of its own); 8
    // eligible each, backbones T100 and T300. R1 needs 8.
    // Rule 25% per group: G1 ceil(0.25 x 16) = 4; U3 ceil(0.25 x 8) = 2.
    // District: ceil(0.10 x 24) = ceil(2.4) = 3.
    let schools = "id,name,area,district,group\nU1,一小,urban,甲,G1\nU2,二小,urban,甲,G1\n\
                   U3,三小,urban,甲,\nR1,乡小,rural,甲,\n";
    let teachers = format!(
        "{BASIC}{}{}{}",
        staff("T1", "U1", "数学", 8, 1, ""),
        staff("T2", "U2", "数学", 8, 0, ""),
        staff("T3", "U3", "数学", 8, 1, "")
    );
    let rule = "[[rules]]\nname = \"集团25%\"\nbound = \"min\"\nshare = 0.25\nof = \"eligible\"\nscope = \"group\"\n";
    let d = set(
        schools,
        &teachers,
        "school,subject,count\nR1,数学,8\n",
        rule,
    );
    // T100-T102 and T300: 4 >= 3, backbone 2 >= ceil(0.8) = 1; G1 3 of 16,
    // required 4, 1 short; U3 1 of 8, required 2, 1 short.
    let (code, a) = audit(&d, &all_to(&["T100", "T101", "T102", "T300"], "R1"));
    assert_eq!(code, Some(1), "{a}");
    let v = violations(&a, "集团25%");
    assert_eq!(v.len(), 2, "{a}");
    let g1 = v
        .iter()
        .find(|v| v["denominator"] == 16)
        .unwrap_or_else(|| panic!("no unit of 16: {a}"));
    assert_min(g1, 3, 16, 4, 1);
    assert!(
        g1["group"] == "G1" || g1["message"].as_str().unwrap_or("").contains("G1"),
        "{g1}"
    );
    let u3 = v.iter().find(|v| v["denominator"] == 8).unwrap();
    assert_min(u3, 1, 8, 2, 1);
    assert_eq!(
        u3["school"], "U3",
        "a school without a group is its own unit: {u3}"
    );
    // 4 from U1 and none from U2 meets G1's 4; 2 from U3.
    let (code, a) = audit(
        &d,
        &all_to(&["T100", "T101", "T102", "T103", "T300", "T301"], "R1"),
    );
    assert_eq!(code, Some(0), "{a}");
    let j = plan_and_audit(&d, "policy.toml");
    let from = |s: &str| moves(&j).iter().filter(|(_, f, _)| f == s).count();
    assert!(from("U1") + from("U2") >= 4 && from("U3") >= 2, "{j}");
}

#[test]
fn per_subject_rule_splits_each_school_by_subject() {
    // U1: 数学 T000-T009 (T000 backbone), 语文 T10-T14. Eligible 15: required
    // ceil(1.5) = 2. Rule 20% per school and subject: 数学 ceil(2.0) = 2,
    // 语文 ceil(1.0) = 1.
    let teachers = format!(
        "{BASIC}{}{}",
        staff("T0", "U1", "数学", 10, 1, ""),
        (10..15)
            .map(|i| format!("T{i},教师,U1,语文,,10\n"))
            .collect::<String>()
    );
    let rule = |per: bool| {
        format!(
            "[[rules]]\nname = \"学科20%\"\nbound = \"min\"\nshare = 0.2\nof = \"eligible\"\n\
             scope = \"school\"\nper_subject = {per}\n"
        )
    };
    let d = set(
        ONE_SCHOOL,
        &teachers,
        "school,subject,count\nR1,数学,5\nR1,语文,5\n",
        &rule(true),
    );
    // 3 数学 (T000 backbone): 3 >= 2, backbone 1 >= ceil(0.6) = 1; 数学 3
    // >= 2; 语文 0 of 5, required 1, 1 short.
    let p = all_to(&["T000", "T001", "T002"], "R1");
    let (code, a) = audit(&d, &p);
    assert_eq!(code, Some(1), "{a}");
    assert_eq!(rule_names(&a), ["学科20%"]);
    let v = only(&a, "学科20%");
    assert_min(v, 0, 5, 1, 1);
    assert_eq!(
        (&v["school"], &v["subject"]),
        (&Value::from("U1"), &Value::from("语文")),
        "{v}"
    );
    // Without per_subject: 3 of 15 >= ceil(3.0) = 3.
    write_policy(&d, "whole.toml", &rule(false));
    let (code, a) = audit_with(&d, "whole.toml", &p, &[]);
    assert_eq!(code, Some(0), "{a}");
    let j = plan_and_audit(&d, "policy.toml");
    let subj = |s: &str| {
        j["plan"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["subject"] == s)
            .count()
    };
    assert!(subj("数学") >= 2 && subj("语文") >= 1, "{j}");
}

#[test]
fn level_subject_and_sex_filters() {
    // U1 primary: T10-T15 数学, T16-T19 语文; U2 junior: T20-T24 数学,
    // T25-T29 语文. Even ids 女, odd 男. Backbone T10, T20. All 20
    // eligible: required ceil(2.0) = 2.
    // 初中20%: among level junior: D = 10, required 2.
    // 语文20%: among subject 语文 (written "语 文"): D = 4 + 5 = 9,
    //          required ceil(1.8) = 2.
    // 男性上限: who male, max 50% of rotating.
    // R1 is a nine-year school: its places take either teaching level
    // (fit.md), so U2's 初中 teachers may fill them.
    let schools = "id,name,area,level,district\nU1,一小,urban,primary,甲\nU2,一中,urban,junior,甲\n\
                   R1,乡九年制学校,rural,nine-year,甲\n";
    let mut teachers = String::from("id,name,school,subject,backbone,years_at_school,sex\n");
    for i in 10..30 {
        let school = if i < 20 { "U1" } else { "U2" };
        let subject = if (10..16).contains(&i) || (20..25).contains(&i) {
            "数学"
        } else {
            "语文"
        };
        let b = if i % 10 == 0 { "county" } else { "" };
        let sex = if i % 2 == 0 { "女" } else { "男" };
        teachers += &format!("T{i},,{school},{subject},{b},10,{sex}\n");
    }
    let rules = "[[rules]]\nname = \"初中20%\"\nbound = \"min\"\nshare = 0.2\nof = \"eligible\"\n\
                 among = { level = [\"初中\"] }\n\
                 [[rules]]\nname = \"语文20%\"\nbound = \"min\"\nshare = 0.2\nof = \"eligible\"\n\
                 among = { subject = [\"语 文\"] }\n\
                 [[rules]]\nname = \"男性上限\"\nbound = \"max\"\nshare = 0.5\nof = \"rotating\"\n\
                 who = { sex = \"male\" }\n";
    let d = set(
        schools,
        &teachers,
        "school,subject,count\nR1,数学,6\nR1,语文,6\n",
        rules,
    );
    // T10 T11 T13 T15 (U1 数学): 4 >= 2, backbone 1 >= ceil(0.8) = 1.
    // 初中 0 of 10 (required 2, short 2); 语文 0 of 9 (required 2, short
    // 2); male T11 T13 T15 = 3 of 4, limit floor(2.0) = 2, excess 1.
    let (code, a) = audit(&d, &all_to(&["T10", "T11", "T13", "T15"], "R1"));
    assert_eq!(code, Some(1), "{a}");
    let mut names = rule_names(&a);
    names.sort();
    assert_eq!(names, ["初中20%", "男性上限", "语文20%"], "{a}");
    assert_min(only(&a, "初中20%"), 0, 10, 2, 2);
    assert_min(only(&a, "语文20%"), 0, 9, 2, 2);
    assert_max(only(&a, "男性上限"), 3, 4, 2, 1);
    // T10 T20 T21 T16 T25: junior T20 T21 T25 = 3 >= 2; 语文 T16 T25 = 2
    // >= 2; male T21 T25 = 2 <= floor(2.5) = 2; backbone 2 >= 1.
    let (code, a) = audit(&d, &all_to(&["T10", "T20", "T21", "T16", "T25"], "R1"));
    assert_eq!(code, Some(0), "{a}");
    plan_and_audit(&d, "policy.toml");
}

#[test]
fn bad_rules_are_bad_input_naming_the_rule() {
    let teachers = format!("{BASIC}{}", staff("T", "U1", "数学", 10, 2, ""));
    let d = set(
        ONE_SCHOOL,
        &teachers,
        "school,subject,count\nR1,数学,2\n",
        "",
    );
    let rule =
        |name: &str| format!("[[rules]]\n{name}bound = \"min\"\nshare = 0.1\nof = \"eligible\"\n");
    let cases = [
        ("no-name.toml", rule(""), "name"),
        (
            "twice.toml",
            format!(
                "{}{}",
                rule("name = \"甲规则\"\n"),
                rule("name = \"甲规则\"\n")
            ),
            "甲规则",
        ),
        (
            "builtin.toml",
            rule("name = \"rotation_ratio\"\n"),
            "rotation_ratio",
        ),
        (
            "column.toml",
            format!(
                "{}among = {{ column = {{ name = \"任教年级\", values = [\"九年级\"] }} }}\n",
                rule("name = \"毕业年级\"\n")
            ),
            "毕业年级",
        ),
    ];
    for (file, body, named) in cases {
        write_policy(&d, file, &body);
        let (code, _, err) = plan_with(&d, file);
        assert_eq!(code, Some(2), "{file}: plan should refuse: {err}");
        assert!(
            err.contains(named),
            "{file}: message should name {named}: {err}"
        );
        d.write("p.csv", b"teacher,to_school\nT00,R1\n");
        let o = rotaplan(
            d.path(),
            &["audit", ".", "--plan", "p.csv", "--policy", file],
        );
        assert_eq!(o.status.code(), Some(2), "{file}: audit should refuse");
        assert!(stderr(&o).contains(named), "{file}: {}", stderr(&o));
    }
    assert!(!d.file("made.csv").exists(), "no plan on bad input");
}

// ---------------------------------------------------------------------
// The built-in caps, audited.
// ---------------------------------------------------------------------

#[test]
fn max_rotation_ratio_is_audited() {
    // 10 eligible, T00 backbone; cap floor(0.20 x 10) = 2; R1 needs 5.
    let teachers = format!("{BASIC}{}", staff("T", "U1", "数学", 10, 1, ""));
    let d = set(
        ONE_SCHOOL,
        &teachers,
        "school,subject,count\nR1,数学,5\n",
        "max_rotation_ratio = 0.20\n",
    );
    let (code, a) = audit(&d, &all_to(&["T00", "T01", "T02"], "R1"));
    assert_eq!(code, Some(1), "{a}");
    assert_eq!(rule_names(&a), ["max_rotation_ratio"]);
    let v = only(&a, "max_rotation_ratio");
    assert_max(v, 3, 10, 2, 1);
    assert_eq!(v["district"], "甲");
    let j = plan_and_audit(&d, "policy.toml");
    assert_eq!(j["rotating"], 2);
}

#[test]
fn max_subject_share_is_audited_per_school_and_subject_of_staff() {
    // U1: 数学 T00-T09 (T00 backbone, T09 exempt): staff 10, cap floor(0.3
    // x 10) = 3 (of eligible it would be floor(2.7) = 2); 语文 T10-T19
    // (T10 backbone): cap 3. Eligible 19: required 2.
    let mut teachers = String::from("id,name,school,subject,backbone,years_at_school,exempt\n");
    for i in 0..20 {
        let subject = if i < 10 { "数学" } else { "语文" };
        let b = if i % 10 == 0 { "county" } else { "" };
        let exempt = if i == 9 { "病假" } else { "" };
        teachers += &format!("T{i:02},,U1,{subject},{b},10,{exempt}\n");
    }
    let d = set(
        ONE_SCHOOL,
        &teachers,
        "school,subject,count\nR1,数学,5\nR1,语文,5\n",
        "max_subject_share = 0.3\n",
    );
    // 4 数学: 4 >= 2, backbone 1 >= 1; 数学 4 of 10, limit 3, excess 1.
    let (code, a) = audit(&d, &all_to(&["T00", "T01", "T02", "T03"], "R1"));
    assert_eq!(code, Some(1), "{a}");
    assert_eq!(rule_names(&a), ["max_subject_share"]);
    let v = only(&a, "max_subject_share");
    assert_max(v, 4, 10, 3, 1);
    assert_eq!(
        (&v["school"], &v["subject"]),
        (&Value::from("U1"), &Value::from("数学")),
        "{v}"
    );
    let (code, a) = audit(&d, &all_to(&["T00", "T01", "T02"], "R1"));
    assert_eq!(code, Some(0), "{a}");
    // 3 + 3 of the 10 places.
    let j = plan_and_audit(&d, "policy.toml");
    assert_eq!(j["rotating"], 6, "{j}");
}

#[test]
fn max_leave_share_is_audited_per_school_of_eligible() {
    // U1: T100-T107 eligible (T100 backbone) + T108 T109 exempt; U2:
    // T200-T211 eligible (T200 backbone). Cap 0.3: U1 floor(0.3 x 8) = 2
    // (of staff it would be 3), U2 floor(3.6) = 3. R1 needs 10.
    let schools = "id,name,area,district\nU1,一小,urban,甲\nU2,二小,urban,甲\nR1,乡小,rural,甲\n";
    let mut teachers = String::from("id,name,school,subject,backbone,years_at_school,exempt\n");
    teachers += &staff("T1", "U1", "数学", 8, 1, ",");
    teachers += "T108,,U1,数学,,10,病假\nT109,,U1,数学,,10,病假\n";
    teachers += &staff("T2", "U2", "数学", 12, 1, ",");
    let d = set(
        schools,
        &teachers,
        "school,subject,count\nR1,数学,10\n",
        "max_leave_share = 0.3\n",
    );
    // T100-T102 and T200: 4 >= ceil(2.0) = 2, backbone 2 >= 1; U1 3 of 8,
    // limit 2, excess 1.
    let (code, a) = audit(&d, &all_to(&["T100", "T101", "T102", "T200"], "R1"));
    assert_eq!(code, Some(1), "{a}");
    assert_eq!(rule_names(&a), ["max_leave_share"]);
    let v = only(&a, "max_leave_share");
    assert_max(v, 3, 8, 2, 1);
    assert_eq!(v["school"], "U1");
    let j = plan_and_audit(&d, "policy.toml");
    assert_eq!(j["rotating"], 5, "2 + 3: {j}");
}

// ---------------------------------------------------------------------
// Where teachers may go.
// ---------------------------------------------------------------------

/// U1 urban (T00-T09, T00 T01 backbone), W1 urban and weak (W00-W04, W00
/// backbone), R1 rural.
fn weak_data(policy: &str, needs: &str) -> DataDir {
    let schools = "id,name,area,district,weak\nU1,一小,urban,甲,\nW1,薄弱小学,urban,甲,是\nR1,乡小,rural,甲,\n";
    let teachers = format!(
        "{BASIC}{}{}",
        staff("T", "U1", "数学", 10, 2, ""),
        staff("W", "W1", "数学", 5, 1, "")
    );
    set(schools, &teachers, needs, policy)
}

#[test]
fn weak_schools_receive_and_do_not_send() {
    let needs = "school,subject,count\nW1,数学,2\nR1,数学,2\n";
    let d = weak_data("receivers = [\"rural\", \"weak\"]\n", needs);
    // W1 receives only: eligible 10 (U1), required ceil(1.0) = 1.
    let (code, j, err) = plan(&d);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        (j["eligible"].as_u64(), j["required"].as_u64()),
        (Some(10), Some(1))
    );
    let m = moves(&j);
    assert!(m.iter().all(|(_, from, _)| from == "U1"), "{m:?}");
    assert_eq!(m.iter().filter(|(_, _, to)| to == "W1").count(), 2, "{m:?}");
    plan_and_audit(&d, "policy.toml");
    // T00 to W1 and T01 to R1: fine. W00 (at W1) is not at a sending school.
    let (code, a) = audit(&d, &hand(&[("T00", "W1"), ("T01", "R1")]));
    assert_eq!(code, Some(0), "{a}");
    assert_eq!(a["eligible"], 10);
    let (code, a) = audit(&d, &hand(&[("T00", "W1"), ("T01", "R1"), ("W00", "R1")]));
    assert_eq!(code, Some(1), "{a}");
    let v = only(&a, "ineligible_teacher");
    assert_eq!(
        (v["line"].as_u64(), v["reason"].as_str()),
        (Some(4), Some("not_sending_school"))
    );
}

#[test]
fn without_weak_receivers_a_weak_school_sends_and_may_not_receive() {
    let d = weak_data("", "school,subject,count\nR1,数学,2\n");
    d.write(
        "needs-weak.csv",
        "school,subject,count\nW1,数学,2\nR1,数学,2\n".as_bytes(),
    );
    // A need at W1, an urban school, is bad input under the default.
    let (code, _, err) = run(
        &d,
        &[
            "plan",
            ".",
            "--policy",
            "policy.toml",
            "--needs",
            "needs-weak.csv",
            "--out",
            "x.csv",
        ],
    );
    assert_eq!(code, Some(2), "{err}");
    // W1 sends: eligible 15, required ceil(1.5) = 2.
    let (code, j, err) = plan(&d);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(j["eligible"], 15);
    // T00 to W1: not_rural, "not a receiving school".
    let (code, a) = audit(&d, &hand(&[("T00", "R1"), ("T01", "R1"), ("T02", "W1")]));
    assert_eq!(code, Some(1), "{a}");
    let v = only(&a, "not_rural");
    assert_eq!(v["line"], 4);
    assert!(
        v["message"]
            .as_str()
            .unwrap_or("")
            .contains("not a receiving school"),
        "{v}"
    );
}

/// U1 (G1) and U2 (G2) urban, 10 teachers each (T10, T20 backbone); R1 in
/// G1 and R2 in G2, rural, 2 数学 each. U1 lies next to R2 and U2 next to
/// R1, so the least distance crosses the groups.
fn group_data(policy: &str) -> DataDir {
    let schools = "id,name,area,district,group,lat,lon\n\
        U1,一小,urban,甲,G1,33.00,120.00\nU2,二小,urban,甲,G2,34.00,120.00\n\
        R1,东乡小,rural,甲,G1,34.00,120.01\nR2,西乡小,rural,甲,G2,33.00,120.01\n";
    let teachers = format!(
        "{BASIC}{}{}",
        staff("T1", "U1", "数学", 10, 1, ""),
        staff("T2", "U2", "数学", 10, 1, "")
    );
    set(
        schools,
        &teachers,
        "school,subject,count\nR1,数学,2\nR2,数学,2\n",
        policy,
    )
}

#[test]
fn within_group_keeps_moves_inside_the_group() {
    // Without within_group, the nearest moves cross: U1 -> R2, U2 -> R1.
    let d = group_data("");
    let j = plan_and_audit(&d, "policy.toml");
    assert!(
        moves(&j).iter().any(|(_, f, t)| f == "U1" && t == "R2"),
        "the data should tempt a crossing: {j}"
    );
    let d = group_data("within_group = true\n");
    let j = plan_and_audit(&d, "policy.toml");
    let m = moves(&j);
    assert_eq!(m.len(), 4, "{m:?}");
    for (t, f, to) in &m {
        assert!(
            (f == "U1" && to == "R1") || (f == "U2" && to == "R2"),
            "{t}: {f} -> {to}"
        );
    }
    // T100 to R2 (G1 -> G2): outside_group, not counted.
    // T100 R1, T200 R2: 2 >= ceil(2.0) = 2, backbone 2 >= 1: clean.
    let (code, a) = audit(&d, &hand(&[("T100", "R1"), ("T200", "R2")]));
    assert_eq!(code, Some(0), "{a}");
    let (code, a) = audit(&d, &hand(&[("T100", "R1"), ("T200", "R2"), ("T101", "R2")]));
    assert_eq!(code, Some(1), "{a}");
    assert_eq!(rule_names(&a), ["outside_group"]);
    assert_eq!(only(&a, "outside_group")["line"], 4);
    assert_eq!(a["rotating"], 2, "the crossing row is not counted");
}

// ---------------------------------------------------------------------
// Pins.
// ---------------------------------------------------------------------

/// U1 at (33.0, 120.0): T00-T09, T00 backbone; T05 (assign_to R2) and T07
/// (must_rotate) have 6 years, the others 10, so neither would be chosen
/// unpinned. R1 next door needs 3 数学, R2 far away needs 2.
fn pin_data(extra_rows: &str) -> DataDir {
    let schools = "id,name,area,district,lat,lon\nU1,一小,urban,甲,33.00,120.00\n\
                   R1,近乡小,rural,甲,33.00,120.01\nR2,远乡小,rural,甲,34.00,120.00\n";
    let mut teachers = String::from(
        "id,name,school,subject,backbone,years_at_school,assign_to,must_rotate,exempt,eligible\n",
    );
    for i in 0..10 {
        let b = if i == 0 { "county" } else { "" };
        let (years, to, must) = match i {
            5 => (6, "R2", ""),
            7 => (6, "", "是"),
            _ => (10, "", ""),
        };
        teachers += &format!("T{i:02},,U1,数学,{b},{years},{to},{must},,\n");
    }
    teachers += extra_rows;
    set(
        schools,
        &teachers,
        "school,subject,count\nR1,数学,3\nR2,数学,2\n",
        "",
    )
}

#[test]
fn plan_honours_assign_to_and_must_rotate() {
    let d = pin_data("");
    let j = plan_and_audit(&d, "policy.toml");
    let m = moves(&j);
    assert!(m.iter().any(|(t, _, to)| t == "T05" && to == "R2"), "{m:?}");
    assert!(m.iter().any(|(t, _, _)| t == "T07"), "{m:?}");
}

#[test]
fn audit_reports_pins_sent_elsewhere_or_missing() {
    let d = pin_data("");
    // T05 to R1 instead of R2: pin on line 4, not counted. T00 T01 T07
    // count: 3 >= 1, backbone 1 >= 1.
    let (code, a) = audit(
        &d,
        &hand(&[("T00", "R1"), ("T01", "R1"), ("T05", "R1"), ("T07", "R2")]),
    );
    assert_eq!(code, Some(1), "{a}");
    assert_eq!(rule_names(&a), ["pin"]);
    assert_eq!(only(&a, "pin")["line"], 4);
    assert_eq!(a["rotating"], 3);
    // Neither T05 nor T07 listed: two pin violations naming them.
    let (code, a) = audit(&d, &hand(&[("T00", "R1"), ("T01", "R1")]));
    assert_eq!(code, Some(1), "{a}");
    assert_eq!(rule_names(&a), ["pin", "pin"]);
    let mut named: Vec<String> = violations(&a, "pin")
        .iter()
        .map(|v| v["teacher"].as_str().unwrap_or("?").to_string())
        .collect();
    named.sort();
    assert_eq!(named, ["T05", "T07"], "{a}");
    // Both honoured: clean.
    let (code, a) = audit(&d, &hand(&[("T00", "R1"), ("T07", "R1"), ("T05", "R2")]));
    assert_eq!(code, Some(0), "{a}");
}

#[test]
fn a_pin_on_an_ineligible_teacher_is_infeasible_naming_teacher_and_reason() {
    // T10 exempt and assigned to R1.
    let d = pin_data("T10,,U1,数学,,10,R1,,病假,\n");
    let (code, _, err) = plan(&d);
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains("T10") && err.contains("exempt"), "{err}");
    assert!(!d.file("made.csv").exists());
    // T11 with 3 years and must_rotate: too_few_years.
    let d = pin_data("T11,,U1,数学,,3,,是,,\n");
    let (code, _, err) = plan(&d);
    assert_eq!(code, Some(3), "{err}");
    assert!(
        err.contains("T11") && err.contains("too_few_years"),
        "{err}"
    );
    // The eligible column overrides: T10 eligible = 是 goes to R1.
    let d = pin_data("T10,,U1,数学,,10,R1,,病假,是\n");
    let j = plan_and_audit(&d, "policy.toml");
    assert!(
        moves(&j).iter().any(|(t, _, to)| t == "T10" && to == "R1"),
        "{j}"
    );
}

#[test]
fn more_pins_on_a_school_and_subject_than_its_need_is_infeasible() {
    // T05, T10 and T11 assigned to R2, which needs 2.
    let d = pin_data("T10,,U1,数学,,10,R2,,,\nT11,,U1,数学,,10,R2,,,\n");
    let (code, _, err) = plan(&d);
    assert_eq!(code, Some(3), "{err}");
    for t in ["T05", "T10", "T11"] {
        assert!(err.contains(t), "{t}: {err}");
    }
}

#[test]
fn assign_to_a_school_that_does_not_receive_is_bad_input() {
    let d = pin_data("T10,,U1,数学,,10,U1,,,\n");
    let (code, _, err) = plan(&d);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("T10"), "{err}");
}

// ---------------------------------------------------------------------
// compare
// ---------------------------------------------------------------------

/// T0-T5 男 born 1986-05-01 (40), T0 backbone; T6-T9 女 born 1979-05-01
/// (47 on 2026-08-31). R1 needs 2.
fn compare_data() -> DataDir {
    let mut teachers =
        String::from("id,name,school,subject,backbone,years_at_school,sex,birth_date\n");
    for i in 0..10 {
        let b = if i == 0 { "county" } else { "" };
        let (sex, born) = if i < 6 {
            ("男", "1986-05-01")
        } else {
            ("女", "1979-05-01")
        };
        teachers += &format!("T{i},,U1,数学,{b},10,{sex},{born}\n");
    }
    set(
        ONE_SCHOOL,
        &teachers,
        "school,subject,count\nR1,数学,2\n",
        "",
    )
}

#[test]
fn compare_sweeps_max_age_female() {
    let d = compare_data();
    let (code, j, err) = run(
        &d,
        &[
            "compare",
            ".",
            "--policy",
            "policy.toml",
            "--sweep",
            "max_age_female=45,50",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let rows = j["scenarios"].as_array().unwrap_or_else(|| panic!("{j}"));
    assert_eq!(rows.len(), 3, "baseline and two points: {j}");
    let eligible: Vec<Option<u64>> = rows.iter().map(|r| r["eligible"].as_u64()).collect();
    // Baseline: no limit, 10. 45: the four women (47) out, 6. 50: 10.
    assert_eq!(eligible, [Some(10), Some(6), Some(10)], "{j}");
}

#[test]
fn compare_reads_a_scenario_with_rules() {
    let d = compare_data();
    // max 10% of eligible: floor(1.0) = 1 rotation instead of 2.
    d.write(
        "capped.toml",
        "name = \"上限一人\"\n[[rules]]\nname = \"每年上限\"\nbound = \"max\"\nshare = 0.1\nof = \"eligible\"\n"
            .as_bytes(),
    );
    let (code, j, err) = run(
        &d,
        &[
            "compare",
            ".",
            "capped.toml",
            "--policy",
            "policy.toml",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let rows = j["scenarios"].as_array().unwrap_or_else(|| panic!("{j}"));
    let got: Vec<(Option<&str>, Option<u64>)> = rows
        .iter()
        .map(|r| (r["scenario"].as_str(), r["rotating"].as_u64()))
        .collect();
    assert_eq!(
        got,
        [(Some("baseline"), Some(2)), (Some("上限一人"), Some(1))],
        "{j}"
    );
}

#[test]
fn a_rule_without_scope_takes_the_policys_scope() {
    // Policy scope "school", min_rotation_ratio 0.05: each school needs
    // ceil(0.05 x 20) = 1. The rule (no scope) is then per school too:
    // ceil(0.15 x 20) = 3 each.
    let d = two_schools(
        "scope = \"school\"\nmin_rotation_ratio = 0.05\n\
         [[rules]]\nname = \"每校15%\"\nbound = \"min\"\nshare = 0.15\nof = \"eligible\"\n",
    );
    // U1: T100-T105 (backbone T100 T101: 2 >= ceil(1.2) = 2); U2: T200
    // (backbone, 1 >= ceil(0.2) = 1). Rule: U1 6 >= 3; U2 1 of 20,
    // required 3, 2 short.
    let p = all_to(
        &["T100", "T101", "T102", "T103", "T104", "T105", "T200"],
        "R1",
    );
    let (code, a) = audit(&d, &p);
    assert_eq!(code, Some(1), "{a}");
    assert_eq!(rule_names(&a), ["每校15%"]);
    let v = only(&a, "每校15%");
    assert_min(v, 1, 20, 3, 2);
    assert_eq!(v["school"], "U2", "{v}");
    plan_and_audit(&d, "policy.toml");
}

#[test]
fn within_group_an_empty_group_matches_only_an_empty_group() {
    // U3 and R3 have no group; U1 and R1 are in G1. R1 and R3 need 1 each.
    // U1: T100-T104 (T100 backbone), U3: T300-T304 (T300 backbone).
    let schools = "id,name,area,district,group\nU1,一小,urban,甲,G1\nU3,三小,urban,甲,\n\
                   R1,东乡小,rural,甲,G1\nR3,南乡小,rural,甲,\n";
    let teachers = format!(
        "{BASIC}{}{}",
        staff("T1", "U1", "数学", 5, 1, ""),
        staff("T3", "U3", "数学", 5, 1, "")
    );
    let d = set(
        schools,
        &teachers,
        "school,subject,count\nR1,数学,1\nR3,数学,1\n",
        "within_group = true\n",
    );
    // Crossed: both rows outside_group (lines 2 and 3).
    let (code, a) = audit(&d, &hand(&[("T100", "R3"), ("T300", "R1")]));
    assert_eq!(code, Some(1), "{a}");
    let lines: Vec<Option<u64>> = violations(&a, "outside_group")
        .iter()
        .map(|v| v["line"].as_u64())
        .collect();
    assert_eq!(lines, [Some(2), Some(3)], "{a}");
    // Straight: 2 >= ceil(1.0) = 1, backbone 2 >= 1.
    let (code, a) = audit(&d, &hand(&[("T100", "R1"), ("T300", "R3")]));
    assert_eq!(code, Some(0), "{a}");
    let j = plan_and_audit(&d, "policy.toml");
    for (t, f, to) in moves(&j) {
        assert!(
            (f == "U1" && to == "R1") || (f == "U3" && to == "R3"),
            "{t}: {f} -> {to}"
        );
    }
}

/// A 15-digit first-generation ID number (rosters.md "15-digit ID
/// numbers") gives the birth date 19YYMMDD from digits 7-12 and the sex
/// from the last digit: 110105750310002 is a woman born 1975-03-10
/// (near_retirement as I1 above), 110105710810001 a man born 1971-08-10
/// (over_age); neither number is shown whole.
#[test]
fn a_fifteen_digit_id_card_gives_sex_and_birth_date() {
    let teachers = "id,name,school,subject,backbone,years_at_school,id_card\n\
        I1,,U1,数学,,10,110105750310002\nI2,,U1,数学,,10,110105710810001\n\
        B1,,U1,数学,county,10,\nB2,,U1,数学,county,10,\n";
    let d = set(
        ONE_SCHOOL,
        teachers,
        "school,subject,count\nR1,数学,2\n",
        "as_of = 2026-08-01\nmin_years_to_retirement = 5\nmax_age_male = 53\n",
    );
    let (code, j, err) = plan(&d);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(j["eligible"], 2);
    expect_reasons(&j, &[("I1", "near_retirement"), ("I2", "over_age")]);
    let shown = j.to_string();
    assert!(!shown.contains("110105750310002") && !shown.contains("110105710810001"));
}
