//! What would fix an infeasible policy (rules.md "When the rules cannot be
//! met"), through the real binary on small hand-made data sets whose
//! answers are worked out in the comments: each fix is applied as a planner
//! would (a share in policy.toml or on the command line, places in
//! needs.csv, `eligible = yes` in teachers.csv) and `plan` then succeeds,
//! while the next smaller change does not.
//!
//! Every run pins the plan year to 2026 (`--plan-year 2026` and
//! `plan_year = 2026` in policy.toml).

mod common;

use common::*;
use serde_json::Value;

/// One district 甲: U1 urban, R1 and R2 rural.
const SCHOOLS: &str = "id,name,area,district,lat,lon\nU1,城区一小,urban,甲,33.00,120.00\n\
                       R1,乡村一小,rural,甲,33.00,120.05\nR2,乡村二小,rural,甲,33.10,120.00\n";

const TEACHER_HEADER: &str =
    "id,name,school,subject,backbone,years_at_school,exempt,eligible,assign_to,must_rotate\n";

/// One teachers.csv row at U1.
#[derive(Clone)]
struct Row {
    id: String,
    subject: &'static str,
    backbone: bool,
    years: u32,
    exempt: &'static str,
    eligible: &'static str,
    assign_to: &'static str,
    must_rotate: bool,
}

fn row(id: &str, subject: &'static str, backbone: bool, years: u32) -> Row {
    Row {
        id: id.to_string(),
        subject,
        backbone,
        years,
        exempt: "",
        eligible: "",
        assign_to: "",
        must_rotate: false,
    }
}

/// `n` plainly eligible (10 years) teachers `{prefix}01..` of `subject`,
/// the first `backbone` of them backbone (县级).
fn many(prefix: &str, n: usize, backbone: usize, subject: &'static str) -> Vec<Row> {
    (0..n)
        .map(|i| row(&format!("{prefix}{:02}", i + 1), subject, i < backbone, 10))
        .collect()
}

fn teachers_csv(rows: &[Row]) -> String {
    let mut t = String::from(TEACHER_HEADER);
    for r in rows {
        t += &format!(
            "{},,U1,{},{},{},{},{},{},{}\n",
            r.id,
            r.subject,
            if r.backbone { "县级" } else { "" },
            r.years,
            r.exempt,
            r.eligible,
            r.assign_to,
            if r.must_rotate { "是" } else { "" }
        );
    }
    t
}

/// needs.csv from (school, subject, count).
fn needs_csv(needs: &[(&str, &str, u32)]) -> String {
    let mut n = String::from("school,subject,count\n");
    for (school, subject, count) in needs {
        n += &format!("{school},{subject},{count}\n");
    }
    n
}

/// A data folder; policy.toml is `plan_year = 2026` then `policy`.
fn set(rows: &[Row], needs: &[(&str, &str, u32)], policy: &str) -> DataDir {
    let d = DataDir::new(&[
        ("schools.csv", SCHOOLS.as_bytes()),
        ("teachers.csv", teachers_csv(rows).as_bytes()),
        ("needs.csv", needs_csv(needs).as_bytes()),
    ]);
    write_policy(&d, policy);
    d
}

fn write_policy(d: &DataDir, body: &str) {
    d.write(
        "policy.toml",
        format!("plan_year = 2026\n{body}").as_bytes(),
    );
}

/// `plan . --policy policy.toml --format json --out made.csv --plan-year
/// 2026` plus `extra`: exit status, JSON, stderr.
fn plan(d: &DataDir, extra: &[&str]) -> (Option<i32>, Value, String) {
    let mut args = vec![
        "plan",
        ".",
        "--policy",
        "policy.toml",
        "--format",
        "json",
        "--out",
        "made.csv",
    ];
    args.extend_from_slice(extra);
    // A plan of an earlier run must not be taken for this one's.
    let _ = std::fs::remove_file(d.file("made.csv"));
    let o = rotaplan_pinned(d.path(), &args);
    let j = if o.stdout.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&o.stdout).unwrap_or(Value::String(stdout(&o)))
    };
    (o.status.code(), j, stderr(&o))
}

/// Plans, expects exit 0, and audits the plan it wrote (exit 0 too).
fn plan_succeeds(d: &DataDir, extra: &[&str], what: &str) -> Value {
    let (code, j, err) = plan(d, extra);
    assert_eq!(code, Some(0), "{what}: plan failed: {err}\n{j}");
    let mut args = vec![
        "audit",
        ".",
        "--plan",
        "made.csv",
        "--policy",
        "policy.toml",
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let o = rotaplan_pinned(d.path(), &args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{what}: the plan fails audit: {}\n{}",
        stdout(&o),
        stderr(&o)
    );
    j
}

/// Plans, expects exit 3 (infeasible); the JSON.
fn plan_fails(d: &DataDir, extra: &[&str], what: &str) -> Value {
    let (code, j, err) = plan(d, extra);
    assert_eq!(code, Some(3), "{what}: expected infeasible: {err}\n{j}");
    assert!(
        !d.file("made.csv").exists(),
        "{what}: an infeasible plan wrote made.csv"
    );
    j
}

/// Every fix of every infeasibility of the JSON `infeasible` list.
fn all_fixes(j: &Value) -> Vec<Value> {
    let list = j["infeasible"]
        .as_array()
        .unwrap_or_else(|| panic!("no infeasible list: {j}"));
    assert!(!list.is_empty(), "infeasible list empty: {j}");
    list.iter()
        .flat_map(|i| {
            i["fixes"]
                .as_array()
                .unwrap_or_else(|| panic!("no fixes list in {i}"))
                .clone()
        })
        .collect()
}

fn fixes_of_kind(j: &Value, kind: &str) -> Vec<Value> {
    all_fixes(j)
        .into_iter()
        .filter(|f| f["kind"] == kind)
        .collect()
}

/// The share fixes of `rule` as (numerator, denominator, percent); all the
/// same when several infeasibilities give one.
fn share_fix(j: &Value, rule: &str) -> Option<(u64, u64, String)> {
    let found: Vec<(u64, u64, String)> = fixes_of_kind(j, "share")
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| {
            (
                f["numerator"].as_u64().expect("numerator"),
                f["denominator"].as_u64().expect("denominator"),
                f["percent"].as_str().expect("percent").to_string(),
            )
        })
        .collect();
    if let Some(first) = found.first() {
        assert!(
            found.iter().all(|f| f == first),
            "different share fixes of {rule}: {found:?}"
        );
    }
    found.first().cloned()
}

/// The single need fix: places, and (subject, places) in order.
fn need_fix(j: &Value) -> Option<(u64, Vec<(String, u64)>)> {
    let found = fixes_of_kind(j, "need");
    let first = found.first()?;
    assert!(
        found.iter().all(|f| f == first),
        "different need fixes: {j}"
    );
    let places = first["places"].as_u64().expect("places");
    let subjects: Vec<(String, u64)> = first["subjects"]
        .as_array()
        .expect("subjects")
        .iter()
        .map(|s| {
            (
                s["subject"].as_str().expect("subject").to_string(),
                s["places"].as_u64().expect("places"),
            )
        })
        .collect();
    assert_eq!(
        subjects.iter().map(|s| s.1).sum::<u64>(),
        places,
        "places is the sum over the subjects: {first}"
    );
    assert!(subjects.iter().all(|s| s.1 > 0), "{first}");
    Some((places, subjects))
}

/// The eligible fixes: (teachers, of, candidates).
fn eligible_fixes(j: &Value) -> Vec<(u64, String, Vec<String>)> {
    fixes_of_kind(j, "eligible")
        .iter()
        .map(|f| {
            (
                f["teachers"].as_u64().expect("teachers"),
                f["of"].as_str().expect("of").to_string(),
                f["candidates"]
                    .as_array()
                    .expect("candidates")
                    .iter()
                    .map(|c| c.as_str().expect("candidate id").to_string())
                    .collect(),
            )
        })
        .collect()
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

// ---------------------------------------------------------------------
// share: a min rule of eligible teachers.
// ---------------------------------------------------------------------

/// 97 eligible 数学 teachers (20 backbone), R1 needs 8 数学.
fn ninety_seven() -> DataDir {
    set(&many("T", 97, 20, "数学"), &[("R1", "数学", 8)], "")
}

#[test]
fn rotation_ratio_share_fix_is_the_largest_share_the_needs_allow() {
    let d = ninety_seven();
    // 10% of 97: ceil(9.7) = 10 rotations, but only 8 places. The most
    // rotations possible are 8 (with 20% backbone: ceil(1.6) = 2 of the
    // 20 backbone), so the largest share is 8/97 = 8.247...%, rounded down
    // (toward feasibility) to 8.2%.
    let j = plan_fails(&d, &[], "10% of 97 with 8 places");
    assert_eq!(
        share_fix(&j, "rotation_ratio"),
        Some((8, 97, "8.2%".to_string())),
        "{j}"
    );
    // Extra need helps: 10 - 8 = 2 more 数学 places.
    assert_eq!(
        need_fix(&j),
        Some((2, vec![("数学".to_string(), 2)])),
        "{j}"
    );
    // No teacher is ineligible: no eligible fix.
    assert!(eligible_fixes(&j).is_empty(), "{j}");
    // 8.2%: ceil(0.082 x 97) = ceil(7.954) = 8 rotations: feasible.
    plan_succeeds(&d, &["--ratio", "0.082"], "--ratio 0.082");
    // One step beyond, 8.3%: ceil(8.051) = 9 > 8: infeasible.
    plan_fails(&d, &["--ratio", "0.083"], "--ratio 0.083");
    // The same share in policy.toml.
    write_policy(&d, "min_rotation_ratio = 0.082\n");
    plan_succeeds(&d, &[], "min_rotation_ratio = 0.082");
    // The need fix: R1 8 + 2 = 10 数学 places: feasible; 9: not.
    write_policy(&d, "");
    d.write("needs.csv", needs_csv(&[("R1", "数学", 10)]).as_bytes());
    plan_succeeds(&d, &[], "10 places");
    d.write("needs.csv", needs_csv(&[("R1", "数学", 9)]).as_bytes());
    plan_fails(&d, &[], "9 places");
}

#[test]
fn the_exit_3_message_says_the_fixes_in_words() {
    let d = ninety_seven();
    // The table (default) format: stderr names the rule, the percent, the
    // fraction and the places.
    let o = rotaplan_pinned(d.path(), &["plan", ".", "--policy", "policy.toml"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("would fix it"), "{err}");
    assert!(
        err.contains("rotation_ratio") && err.contains("8.2%") && err.contains("8/97"),
        "{err}"
    );
    assert!(err.contains("2 数学"), "{err}");
}

#[test]
fn a_share_fix_is_in_lowest_terms_and_exact_when_the_percent_is() {
    // 100 eligible, 14 places, ratio 0.20: 20 > 14. Best 14/100 = 7/50 =
    // 14.0% exactly.
    let d = set(&many("T", 100, 30, "数学"), &[("R1", "数学", 14)], "");
    let j = plan_fails(&d, &["--ratio", "0.20"], "20% of 100 with 14 places");
    let (n, den, percent) = share_fix(&j, "rotation_ratio").unwrap_or_else(|| panic!("{j}"));
    assert_eq!((n, den, percent.as_str()), (7, 50, "14.0%"), "{j}");
    assert_eq!(gcd(n, den), 1);
    // 14.0%: ceil(14) = 14: feasible; 14.1%: ceil(14.1) = 15: not.
    plan_succeeds(&d, &["--ratio", "0.14"], "--ratio 0.14");
    plan_fails(&d, &["--ratio", "0.141"], "--ratio 0.141");
}

// ---------------------------------------------------------------------
// share: max rules, rounded up.
// ---------------------------------------------------------------------

#[test]
fn pins_beyond_max_rotation_ratio_get_the_smallest_share_rounded_up() {
    // 19 eligible 数学 teachers, T01 backbone; T01, T02 and T03 must
    // rotate. max_rotation_ratio 0.10: floor(1.9) = 1 rotation at most, but
    // the three pins rotate. min 10%: ceil(1.9) = 2; backbone 20% of 3:
    // ceil(0.6) = 1 (T01). R1 needs 5.
    let mut rows = many("T", 19, 1, "数学");
    for r in rows.iter_mut().take(3) {
        r.must_rotate = true;
    }
    let d = set(&rows, &[("R1", "数学", 5)], "max_rotation_ratio = 0.10\n");
    let j = plan_fails(&d, &[], "three pins under a cap of one");
    // The smallest share that lets the three pins rotate: 3/19 =
    // 15.789...%, rounded UP (toward feasibility) to 15.8%.
    assert_eq!(
        share_fix(&j, "max_rotation_ratio"),
        Some((3, 19, "15.8%".to_string())),
        "{j}"
    );
    // 15.8%: floor(0.158 x 19) = floor(3.002) = 3: the pins fit.
    write_policy(&d, "max_rotation_ratio = 0.158\n");
    let ok = plan_succeeds(&d, &[], "max_rotation_ratio = 0.158");
    let moved: Vec<&str> = ok["plan"]
        .as_array()
        .unwrap_or_else(|| panic!("{ok}"))
        .iter()
        .map(|r| r["teacher"].as_str().unwrap_or("?"))
        .collect();
    for t in ["T01", "T02", "T03"] {
        assert!(moved.contains(&t), "{t} pinned: {ok}");
    }
    // One step beyond, 15.7%: floor(2.983) = 2 < 3.
    write_policy(&d, "max_rotation_ratio = 0.157\n");
    plan_fails(&d, &[], "max_rotation_ratio = 0.157");
}

#[test]
fn a_max_rule_against_the_min_ratio_gets_a_share_fix_for_each() {
    // 23 eligible 数学 (5 backbone), R1 needs 10. rotation_ratio 10%:
    // ceil(2.3) = 3; the rule "上限" (max 10% of eligible): floor(2.3) = 2.
    // Each rule's share alone restores feasibility:
    //   上限: the fewest rotations the others allow are 3: 3/23 =
    //   13.043...%, rounded up to 13.1%;
    //   rotation_ratio: the most the cap allows are 2: 2/23 = 8.695...%,
    //   rounded down to 8.6%.
    let rule = |share: &str| {
        format!("[[rules]]\nname = \"上限\"\nbound = \"max\"\nshare = {share}\nof = \"eligible\"\n")
    };
    let d = set(
        &many("T", 23, 5, "数学"),
        &[("R1", "数学", 10)],
        &rule("0.10"),
    );
    let j = plan_fails(&d, &[], "min 3 against max 2");
    assert_eq!(
        share_fix(&j, "上限"),
        Some((3, 23, "13.1%".to_string())),
        "{j}"
    );
    assert_eq!(
        share_fix(&j, "rotation_ratio"),
        Some((2, 23, "8.6%".to_string())),
        "{j}"
    );
    // Extra need cannot help (10 places, 3 wanted); nor more eligible
    // teachers (none is ineligible).
    assert_eq!(need_fix(&j), None, "{j}");
    // 上限 13.1%: floor(3.013) = 3: feasible; 13.0%: floor(2.99) = 2: not.
    write_policy(&d, &rule("0.131"));
    plan_succeeds(&d, &[], "上限 0.131");
    write_policy(&d, &rule("0.130"));
    plan_fails(&d, &[], "上限 0.130");
    // rotation_ratio 8.6%: ceil(1.978) = 2: feasible; 8.7%: ceil(2.001) =
    // 3: not.
    write_policy(&d, &rule("0.10"));
    plan_succeeds(&d, &["--ratio", "0.086"], "--ratio 0.086");
    plan_fails(&d, &["--ratio", "0.087"], "--ratio 0.087");
}

// ---------------------------------------------------------------------
// share: backbone_share, a share of the plan's own rotations.
// ---------------------------------------------------------------------

#[test]
fn backbone_share_fix_is_the_best_ratio_of_the_rotating() {
    // 10 eligible 数学, T01 the only backbone; R1 needs 10. Ratio 0.6:
    // ceil(6) = 6 rotations; backbone 20% of 6: ceil(1.2) = 2 > 1.
    // The best backbone share with at least 6 rotating: 1/6 = 16.666...%,
    // rounded down to 16.6%.
    let d = set(&many("T", 10, 1, "数学"), &[("R1", "数学", 10)], "");
    let j = plan_fails(&d, &["--ratio", "0.6"], "backbone 2 of 6 with 1");
    assert_eq!(
        share_fix(&j, "backbone_share"),
        Some((1, 6, "16.6%".to_string())),
        "{j}"
    );
    // Extra need cannot help: every teacher has a place already.
    assert_eq!(need_fix(&j), None, "{j}");
    // 16.6%: ceil(0.166 x 6) = ceil(0.996) = 1: feasible.
    plan_succeeds(
        &d,
        &["--ratio", "0.6", "--backbone-share", "0.166"],
        "--backbone-share 0.166",
    );
    // 16.7%: ceil(1.002) = 2: not.
    plan_fails(
        &d,
        &["--ratio", "0.6", "--backbone-share", "0.167"],
        "--backbone-share 0.167",
    );
    // The conflict is between the two rules, and lowering the ratio alone
    // restores feasibility too: with 1 backbone, 20% allows at most 5
    // rotating (ceil(0.2 x 5) = 1), 5/10 = 1/2 = 50.0%.
    assert_eq!(
        share_fix(&j, "rotation_ratio"),
        Some((1, 2, "50.0%".to_string())),
        "{j}"
    );
    plan_succeeds(&d, &["--ratio", "0.5"], "--ratio 0.5");
    // 50.1%: ceil(5.01) = 6.
    plan_fails(&d, &["--ratio", "0.501"], "--ratio 0.501");
}

// ---------------------------------------------------------------------
// need
// ---------------------------------------------------------------------

#[test]
fn need_fix_names_the_fewest_places_and_their_subjects() {
    // 30 数学 (no backbone) and 20 语文 (Y01, Y02 backbone) eligible: 50.
    // 10%: ceil(5) = 5 rotations, 20% backbone: ceil(1) = 1, and the only
    // backbone teachers teach 语文. Needs: R1 数学 2, no 语文 anywhere.
    // At most 2 rotate, none backbone: 3 more places are needed, at least
    // one of them 语文.
    let mut rows = many("S", 30, 0, "数学");
    rows.extend(many("Y", 20, 2, "语文"));
    let needs = [("R1", "数学", 2)];
    let d = set(&rows, &needs, "");
    let j = plan_fails(&d, &[], "5 rotations, 2 places");
    let (places, subjects) = need_fix(&j).unwrap_or_else(|| panic!("no need fix: {j}"));
    assert_eq!(places, 3, "{j}");
    assert!(
        subjects.iter().any(|(s, p)| s == "语文" && *p >= 1),
        "a backbone (语文) place is needed: {j}"
    );
    for (s, _) in &subjects {
        assert!(s == "数学" || s == "语文", "{s}: {j}");
    }
    // The stderr message says it in words.
    let (_, _, err) = plan(&d, &[]);
    assert!(
        err.contains("would fix it") && err.contains("3 place"),
        "{err}"
    );
    // The places added at R1: feasible.
    let with = |extra: &[(String, u64)]| {
        let mut all: Vec<(&str, &str, u32)> = Vec::new();
        for subject in ["数学", "语文"] {
            let base = needs
                .iter()
                .filter(|n| n.1 == subject)
                .map(|n| n.2)
                .sum::<u32>();
            let more: u64 = extra
                .iter()
                .filter(|(s, _)| s == subject)
                .map(|(_, p)| *p)
                .sum();
            if base + more as u32 > 0 {
                all.push(("R1", subject, base + more as u32));
            }
        }
        needs_csv(&all)
    };
    d.write("needs.csv", with(&subjects).as_bytes());
    plan_succeeds(&d, &[], &format!("need + {subjects:?}"));
    // One fewer place in any one of the named subjects: still infeasible.
    for k in 0..subjects.len() {
        let mut fewer = subjects.clone();
        fewer[k].1 -= 1;
        d.write("needs.csv", with(&fewer).as_bytes());
        plan_fails(&d, &[], &format!("need + {fewer:?}"));
    }
    // And at another receiving school (R2) the places work as well.
    let mut all = needs_csv(&needs);
    for (s, p) in &subjects {
        all += &format!("R2,{s},{p}\n");
    }
    d.write("needs.csv", all.as_bytes());
    plan_succeeds(&d, &[], "the places at R2");
}

#[test]
fn pins_beyond_the_need_get_a_need_fix_in_words() {
    // 10 eligible 数学 (T01 backbone); R1 needs 3, R2 needs 2; T05, T06
    // and T07 are assigned to R2: 3 pins on a need of 2. One more 数学
    // place (at R2) lets them all go.
    let mut rows = many("T", 10, 1, "数学");
    for r in rows.iter_mut().skip(4).take(3) {
        r.assign_to = "R2";
    }
    let needs = [("R1", "数学", 3), ("R2", "数学", 2)];
    let d = set(&rows, &needs, "");
    let j = plan_fails(&d, &[], "3 pins on R2's 2 places");
    assert_eq!(
        need_fix(&j),
        Some((1, vec![("数学".to_string(), 1)])),
        "{j}"
    );
    let (_, _, err) = plan(&d, &[]);
    for t in ["T05", "T06", "T07"] {
        assert!(err.contains(t), "{t}: {err}");
    }
    assert!(
        err.contains("would fix it") && err.contains("1 place") && err.contains("1 数学"),
        "the fix in words: {err}"
    );
    // R2 given 3 places: the pins are honoured.
    d.write(
        "needs.csv",
        needs_csv(&[("R1", "数学", 3), ("R2", "数学", 3)]).as_bytes(),
    );
    let ok = plan_succeeds(&d, &[], "R2 3 places");
    let to_r2: Vec<&str> = ok["plan"]
        .as_array()
        .unwrap_or_else(|| panic!("{ok}"))
        .iter()
        .filter(|r| r["to_school"] == "R2")
        .map(|r| r["teacher"].as_str().unwrap_or("?"))
        .collect();
    assert_eq!(to_r2, ["T05", "T06", "T07"], "{ok}");
}

// ---------------------------------------------------------------------
// eligible
// ---------------------------------------------------------------------

/// 10 eligible 数学 teachers, none backbone, and five who are not eligible:
/// B1 (backbone, 5 years), B2 (backbone, 3), B3 (backbone, 4), N1 (not
/// backbone, 5), all too_few_years (< 6); B4 (backbone, 10 years) exempt.
/// R1 needs 6 数学. Ratio 20%, backbone share 50%.
fn eligible_rows() -> Vec<Row> {
    let mut rows = many("T", 10, 0, "数学");
    rows.push(row("B1", "数学", true, 5));
    rows.push(row("B2", "数学", true, 3));
    rows.push(row("B3", "数学", true, 4));
    rows.push(row("N1", "数学", false, 5));
    let mut b4 = row("B4", "数学", true, 10);
    b4.exempt = "病假";
    rows.push(b4);
    rows
}

const ELIGIBLE_POLICY: &str = "min_rotation_ratio = 0.2\nmin_backbone_share = 0.5\n";

#[test]
fn eligible_fix_names_the_fewest_teachers_nearest_first() {
    // E = 10: ceil(2) = 2 rotations, ceil(0.5 x 2) = 1 backbone, and no
    // backbone teacher is eligible.
    //   one more backbone: E = 11, ceil(2.2) = 3 rotations, ceil(1.5) = 2
    //   backbone > 1: still infeasible (and N1, not backbone, never helps);
    //   two more: E = 12, ceil(2.4) = 3 rotations, 2 backbone: feasible.
    // So 2 teachers, the nearest backbone ones: B1 (5 years), B3 (4).
    let rows = eligible_rows();
    let d = set(&rows, &[("R1", "数学", 6)], ELIGIBLE_POLICY);
    let j = plan_fails(&d, &[], "no eligible backbone");
    let fixes = eligible_fixes(&j);
    assert_eq!(fixes.len(), 1, "one eligible fix: {j}");
    let (n, of, candidates) = &fixes[0];
    assert_eq!(*n, 2, "{j}");
    assert!(of == "backbone" || of == "数学", "of: {of}: {j}");
    assert!(candidates.len() >= 2, "{j}");
    assert_eq!(&candidates[..2], ["B1", "B3"], "nearest first: {j}");
    // Every candidate is one of the ineligible teachers, once; the
    // too_few_years ones come before B4 (exempt).
    let ineligible = ["B1", "B2", "B3", "N1", "B4"];
    for c in candidates {
        assert!(ineligible.contains(&c.as_str()), "{c}: {j}");
        assert_eq!(candidates.iter().filter(|x| *x == c).count(), 1, "{j}");
    }
    if let Some(b4) = candidates.iter().position(|c| c == "B4") {
        for near in ["B1", "B2", "B3"] {
            if let Some(p) = candidates.iter().position(|c| c == near) {
                assert!(p < b4, "{near} (too_few_years) before B4 (exempt): {j}");
            }
        }
    }
    let eligible_yes = |ids: &[&str]| {
        let mut rows = eligible_rows();
        for r in rows.iter_mut() {
            if ids.contains(&r.id.as_str()) {
                r.eligible = "yes";
            }
        }
        d.write("teachers.csv", teachers_csv(&rows).as_bytes());
    };
    // The first N candidates made eligible: feasible.
    let first: Vec<&str> = candidates.iter().take(2).map(String::as_str).collect();
    eligible_yes(&first);
    plan_succeeds(&d, &[], &format!("eligible = yes for {first:?}"));
    // N - 1 = 1: no single one of the five makes it feasible.
    for one in ineligible {
        eligible_yes(&[one]);
        plan_fails(&d, &[], &format!("eligible = yes for {one}"));
    }
    // The stderr message says it in words.
    eligible_yes(&[]);
    let (_, _, err) = plan(&d, &[]);
    assert!(
        err.contains("would fix it") && err.contains("make 2 more") && err.contains("B1"),
        "{err}"
    );
}

// ---------------------------------------------------------------------
// compare
// ---------------------------------------------------------------------

#[test]
fn compare_lists_the_fixes_of_an_infeasible_sweep_point() {
    // 100 eligible 数学 (30 backbone), 14 places. The point 20% needs 20:
    // share 14/100 = 7/50 = 14.0%, or 6 more 数学 places.
    let d = data_dir(one_district(100, 30, 14));
    d.write("policy.toml", b"plan_year = 2026\n");
    let args = [
        "compare",
        ".",
        "--policy",
        "policy.toml",
        "--sweep",
        "min_rotation_ratio=0.10,0.20",
    ];
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let o = rotaplan_pinned(d.path(), &json_args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j = json(&o);
    let rows = j["scenarios"].as_array().unwrap_or_else(|| panic!("{j}"));
    assert_eq!(rows.len(), 3, "{j}");
    let status: Vec<&str> = rows.iter().map(|r| r["status"].as_str().unwrap()).collect();
    assert_eq!(status, ["optimal", "optimal", "infeasible"], "{j}");
    let point = &rows[2];
    assert_eq!(
        share_fix(point, "rotation_ratio"),
        Some((7, 50, "14.0%".to_string())),
        "{point}"
    );
    assert_eq!(
        need_fix(point),
        Some((6, vec![("数学".to_string(), 6)])),
        "{point}"
    );
    // The feasible rows carry no fixes.
    for r in &rows[..2] {
        let none = r["infeasible"].as_array().is_none_or(|l| {
            l.iter()
                .all(|i| i["fixes"].as_array().is_none_or(Vec::is_empty))
        });
        assert!(none, "{r}");
    }
    // The table lists the fixes below it.
    let o = rotaplan_pinned(d.path(), &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let below = out
        .find("would fix it")
        .unwrap_or_else(|| panic!("no fixes below the table: {out}"));
    let table = out.find("ratio=0.20").expect("the row");
    assert!(table < below, "{out}");
    assert!(
        out[below..].contains("14.0%") && out[below..].contains("7/50"),
        "{out}"
    );
    assert!(out[below..].contains("6 数学"), "{out}");
    // And the sweep over the fix: 14.0% plans, 14.1% does not.
    let o = rotaplan_pinned(
        d.path(),
        &[
            "compare",
            ".",
            "--policy",
            "policy.toml",
            "--sweep",
            "min_rotation_ratio=0.14,0.141",
            "--format",
            "json",
        ],
    );
    let j = json(&o);
    let status: Vec<&str> = j["scenarios"]
        .as_array()
        .unwrap_or_else(|| panic!("{j}"))
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(status, ["optimal", "optimal", "infeasible"], "{j}");
}
