//! objectives.md `balance`, through the binary on the hard county (one
//! county of a province where filling rural need raises every CV): the
//! plan's `kept` and `cv_after` checked against CVs recomputed here from
//! the input files and plan.csv alone, and "keep" against "report".

mod common;

use common::{rotaplan_pinned, stdout};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

fn case() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/hard-county")
}

/// Rows of a plain CSV file (no quoted commas in these files), by header.
fn rows(path: &Path) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            header
                .iter()
                .zip(l.split(','))
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// (district, level, indicator) -> (cv before, cv after).
type Cvs = BTreeMap<(String, String, String), (f64, f64)>;

/// The CVs, computed from
/// the files as objectives.md says: graded schools (a level, students >
/// 0; nine-year as junior), X_i = 100 c_i / P_i, weighted by P_i.
fn cvs(dir: &Path, plan: &Path) -> Cvs {
    let schools = rows(&dir.join("schools.csv"));
    let graded: HashMap<String, (String, String, f64)> = schools
        .iter()
        .filter_map(|s| {
            let students: f64 = s["students"].parse().ok()?;
            let level = match s["level"].as_str() {
                "primary" => "primary",
                "junior" | "nine_year" | "nine-year" => "junior",
                _ => return None,
            };
            (students > 0.0).then(|| {
                (
                    s["id"].clone(),
                    (s["district"].clone(), level.to_string(), students),
                )
            })
        })
        .collect();
    let moved: HashMap<String, String> = rows(plan)
        .into_iter()
        .map(|r| (r["teacher"].clone(), r["to_school"].clone()))
        .collect();
    // school -> [backbone, sports_arts] before and after.
    let mut before: HashMap<String, [f64; 2]> = HashMap::new();
    let mut after: HashMap<String, [f64; 2]> = HashMap::new();
    for t in rows(&dir.join("teachers.csv")) {
        // The default policy counts county level and above (rules.md).
        let backbone = matches!(t["backbone"].as_str(), "county" | "city" | "province");
        let arts = matches!(t["subject"].as_str(), "体育" | "音乐" | "美术");
        let kinds = [backbone as u8 as f64, arts as u8 as f64];
        let to = moved.get(&t["id"]).unwrap_or(&t["school"]).clone();
        for (map, school) in [(&mut before, t["school"].clone()), (&mut after, to)] {
            let counts = map.entry(school).or_default();
            counts[0] += kinds[0];
            counts[1] += kinds[1];
        }
    }
    let cv = |counts: &HashMap<String, [f64; 2]>, district: &str, level: &str, k: usize| {
        let points: Vec<(f64, f64)> = graded
            .iter()
            .filter(|(_, (d, l, _))| d == district && l == level)
            .map(|(id, (_, _, p))| (*p, 100.0 * counts.get(id).map_or(0.0, |c| c[k]) / p))
            .collect();
        let total: f64 = points.iter().map(|(p, _)| p).sum();
        let mean: f64 = points.iter().map(|(p, x)| p / total * x).sum();
        let var: f64 = points
            .iter()
            .map(|(p, x)| p / total * (x - mean).powi(2))
            .sum();
        var.sqrt() / mean
    };
    let mut out = BTreeMap::new();
    for (district, level, _) in graded.values() {
        for (k, name) in ["backbone", "sports_arts"].iter().enumerate() {
            out.insert(
                (district.clone(), level.clone(), name.to_string()),
                (
                    cv(&before, district, level, k),
                    cv(&after, district, level, k),
                ),
            );
        }
    }
    out
}

/// Plans the hard county under `policy`; (JSON, CVs recomputed here).
fn plan(policy: &str) -> (serde_json::Value, Cvs) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("policy.toml"), policy).unwrap();
    let case = case();
    let out = rotaplan_pinned(
        dir.path(),
        &[
            "plan",
            case.to_str().unwrap(),
            "--policy",
            "policy.toml",
            "--format",
            "json",
            "--out",
            "plan.csv",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let cvs = cvs(&case, &dir.path().join("plan.csv"));
    (json, cvs)
}

/// Each planned CV of the JSON checked against the recomputed one; the
/// number not kept and the number newly failing (passed, fails after).
fn check_kept(json: &serde_json::Value, cvs: &Cvs) -> (usize, usize) {
    let (mut not_kept, mut newly_failing) = (0, 0);
    let mut seen = 0;
    for b in json["balance"].as_array().unwrap() {
        let indicator = b["indicator"].as_str().unwrap();
        if indicator == "education" {
            continue;
        }
        let key = (
            b["district"].as_str().unwrap().to_string(),
            b["level"].as_str().unwrap().to_string(),
            indicator.to_string(),
        );
        let (before, after) = cvs[&key];
        let limit = b["limit"].as_f64().unwrap();
        assert!(
            (b["cv_before"].as_f64().unwrap() - before).abs() < 1e-9,
            "{key:?}"
        );
        assert!(
            (b["cv_after"].as_f64().unwrap() - after).abs() < 1e-9,
            "{key:?}"
        );
        let kept = if before <= limit {
            after <= limit
        } else {
            after <= before
        };
        assert_eq!(b["kept"].as_bool().unwrap(), kept, "{key:?}");
        not_kept += usize::from(!kept);
        newly_failing += usize::from(before <= limit && after > limit);
        seen += 1;
    }
    assert_eq!(seen, 4, "two levels x backbone, sports and arts");
    (not_kept, newly_failing)
}

#[test]
fn report_names_every_cv_the_plan_does_not_keep() {
    let (json, cvs) = plan("spread = true\n");
    assert_eq!(json["balance_goal"], "report");
    assert_eq!(json["needs_filled"], 441);
    // Filling 441 of 451 places raises all four: the two 小学 ones
    // passed before (0.468, 0.408) and fail after.
    assert_eq!(check_kept(&json, &cvs), (4, 2));
}

#[test]
fn keep_gives_up_need_to_keep_the_cvs_and_says_what_it_cost() {
    let (report, _) = plan("");
    // The harm stage's MILPs stop at a time limit: a generous one, so
    // that a busy machine still finds what a quiet one finds in 1 s.
    let (json, cvs) = plan("balance = \"keep\"\nbalance_time_limit_seconds = 10\n");
    assert_eq!(json["balance_goal"], "keep");
    let (not_kept, newly_failing) = check_kept(&json, &cvs);
    // Fewer CVs lost than under "report" (4, 2 of them newly failing),
    // every rule still met (the plan audits), and the need given up
    // shows in needs_filled.
    // Measured: only 初中 backbone, which failed before (0.527), is not
    // kept (0.538, the least the rules allow once the harm is proven);
    // no CV that passed fails.
    assert!(
        not_kept <= 1 && newly_failing == 0,
        "{not_kept} {newly_failing}"
    );
    let harm = &json["districts"][0]["harm_status"];
    assert!(harm == "optimal" || harm == "time_limit", "{harm}");
    assert!(json["feasible"].as_bool().unwrap());
    let filled = json["needs_filled"].as_u64().unwrap();
    assert!(filled >= json["required"].as_u64().unwrap());
    assert!(filled <= report["needs_filled"].as_u64().unwrap());
    assert!(
        json["rules"]
            .as_array()
            .unwrap()
            .iter()
            .all(|u| u["ok"] == true)
    );
}

#[test]
fn balance_other_than_the_three_goals_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("policy.toml"), "balance = \"strict\"\n").unwrap();
    let case = case();
    let out = rotaplan_pinned(
        dir.path(),
        &["plan", case.to_str().unwrap(), "--policy", "policy.toml"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    // The file, the key's line, the key, what was expected and found.
    assert!(
        err.contains("policy.toml line 1: key `balance`: expected \"report\", \"keep\" or \"improve\", found `strict`"),
        "{err}"
    );
}

#[test]
fn the_workbook_names_each_cv_not_kept_and_how_to_keep_it() {
    let dir = tempfile::tempdir().unwrap();
    let case = case();
    let out = rotaplan_pinned(
        dir.path(),
        &["plan", case.to_str().unwrap(), "--out", "plan.xlsx"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook(dir.path().join("plan.xlsx")).unwrap();
    let sheet = book.worksheet_range("balance").unwrap();
    let header = common::sheet_header(&sheet);
    let rows = sheet.rows().skip(1);
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut not_kept = Vec::new();
    for row in rows {
        if row[at("kept")] == calamine::Data::Bool(false) {
            not_kept.push((
                row[at("level")].to_string(),
                row[at("indicator")].to_string(),
            ));
            // Under "report": how to keep it.
            assert!(
                row[at("note")].to_string().contains("balance = \"keep\""),
                "{row:?}"
            );
        } else {
            assert_eq!(row[at("note")].to_string(), "");
        }
    }
    // The same four as the table and JSON name (see the report test).
    not_kept.sort();
    assert_eq!(
        not_kept,
        [
            ("初中", "backbone"),
            ("初中", "sports&arts"),
            ("小学", "backbone"),
            ("小学", "sports&arts"),
        ]
        .map(|(l, i)| (l.to_string(), i.to_string()))
    );
}

#[test]
fn policy_errors_name_the_line_and_key_in_the_planners_words() {
    let dir = tempfile::tempdir().unwrap();
    let case = case();
    let run = |policy: &str, extra: &[&str]| {
        std::fs::write(dir.path().join("policy.toml"), policy).unwrap();
        let mut args = vec!["plan", case.to_str().unwrap(), "--policy", "policy.toml"];
        args.extend_from_slice(extra);
        let out = rotaplan_pinned(dir.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{policy}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let err = run("spread = true\nbalance = true\n", &[]);
    assert!(
        err.contains(
            "policy.toml line 2: key `balance`: invalid type: boolean `true`, expected a string"
        ),
        "{err}"
    );
    let err = run("balance_time_limit_seconds = \"2\"\n", &[]);
    assert!(
        err.contains("line 1: key `balance_time_limit_seconds`")
            && err.contains("expected a number"),
        "{err}"
    );
    // A conflict between keys names the line of the key, and the flag
    // when a flag set the other side.
    let err = run("spread = true\nmax_leave_share = 0.01\n", &[]);
    assert!(
        err.contains("policy.toml line 2: key `max_leave_share`: max_leave_share 1% is below min_rotation_ratio 10%"),
        "{err}"
    );
    let err = run("max_leave_share = 0.2\n", &["--ratio", "0.25"]);
    assert!(err.contains("from --ratio 0.25"), "{err}");
}
