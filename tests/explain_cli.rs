//! papers.md "Objections and changes", `rotaplan explain`: its figures
//! equal a re-plan with the teacher pinned or taken out.

mod common;

use common::*;

fn explain(dir: &std::path::Path, teacher: &str) -> serde_json::Value {
    let sample = sample();
    let o = rotaplan_pinned(
        dir,
        &[
            "explain",
            sample.to_str().unwrap(),
            "--plan",
            "sample-plan.csv",
            "--teacher",
            teacher,
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    json(&o)
}

/// A re-plan of `data`: its JSON figures and its (teacher, to_school)
/// rows.
fn replan(
    dir: &std::path::Path,
    data: &std::path::Path,
) -> (serde_json::Value, Vec<(String, String)>) {
    let o = rotaplan_pinned(
        dir,
        &[
            "plan",
            data.to_str().unwrap(),
            "--out",
            "replan.csv",
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = read_csv_rows(&dir.join("replan.csv"))
        .into_iter()
        .skip(1)
        .map(|r| {
            (
                r[0].trim_start_matches('\u{feff}').to_string(),
                r[5].clone(),
            )
        })
        .collect();
    (json(&o), rows)
}

/// The teachers whose destination differs between two plans, sorted.
fn differing(a: &[(String, String)], b: &[(String, String)]) -> Vec<String> {
    let find = |rows: &[(String, String)], t: &str| {
        rows.iter().find(|(id, _)| id == t).map(|(_, s)| s.clone())
    };
    let mut ids: Vec<String> = a.iter().chain(b).map(|(t, _)| t.clone()).collect();
    ids.sort();
    ids.dedup();
    ids.into_iter()
        .filter(|t| find(a, t) != find(b, t))
        .collect()
}

fn assert_same_figures(alternative: &serde_json::Value, figures: &serde_json::Value) {
    assert_eq!(alternative["needs_filled"], figures["needs_filled"]);
    assert_eq!(alternative["rotating"], figures["rotating"]);
    let (a, b) = (
        alternative["total_distance_km"].as_f64().unwrap(),
        figures["total_distance_km"].as_f64().unwrap(),
    );
    assert!((a - b).abs() < 0.001, "{a} km against {b} km");
}

#[test]
fn a_rotating_teacher_explained_equals_a_replan_without_them() {
    let dir = tempfile::tempdir().unwrap();
    sample_plan(dir.path());
    let plan = plan_rows(&dir.path().join("sample-plan.csv"));
    let (teacher, school) = plan[0].clone();
    let e = explain(dir.path(), &teacher);
    assert_eq!(e["teacher"], teacher.as_str());
    assert_eq!(e["rotates"], true);
    assert_eq!(e["to_school"], school.as_str());
    assert_eq!(e["reasons"].as_array().unwrap().len(), 0);
    assert_eq!(e["plan"]["rotating"], plan.len());
    assert_eq!(e["plan"]["changes"].as_array().unwrap().len(), 0);
    let alternative = &e["alternative"];
    assert_eq!(alternative["kind"], "without");
    let changed = sample_with(dir.path(), &teacher, "eligible", "false");
    let (figures, rows) = replan(dir.path(), &changed);
    assert_same_figures(alternative, &figures);
    let listed: Vec<String> = alternative["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["teacher"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(listed, differing(&plan, &rows));
    assert!(listed.contains(&teacher));
}

#[test]
fn an_eligible_teacher_who_stays_explained_equals_a_replan_with_them_pinned() {
    let dir = tempfile::tempdir().unwrap();
    sample_plan(dir.path());
    let plan = plan_rows(&dir.path().join("sample-plan.csv"));
    // An eligible teacher the plan does not send: check lists them.
    let sample = sample();
    let o = rotaplan_pinned(
        dir.path(),
        &["check", sample.to_str().unwrap(), "--format", "json"],
    );
    let checked = json(&o);
    let teachers = read_csv_rows(&sample.join("teachers.csv"));
    let ineligible: Vec<String> = checked["ineligible"]
        .as_array()
        .map(|l| {
            l.iter()
                .filter_map(|t| t["teacher"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let urban: Vec<String> = read_csv_rows(&sample.join("schools.csv"))
        .into_iter()
        .filter(|r| r[2] == "urban")
        .map(|r| r[0].clone())
        .collect();
    let staying = teachers[1..]
        .iter()
        .find(|r| {
            urban.contains(&r[2])
                && r[5].parse::<u32>().is_ok_and(|y| y >= 8)
                && r[8].is_empty()
                && !ineligible.contains(&r[0])
                && !plan.iter().any(|(t, _)| *t == r[0])
        })
        .unwrap()[0]
        .clone();
    let e = explain(dir.path(), &staying);
    assert_eq!(e["rotates"], false, "{e}");
    assert!(e["to_school"].is_null());
    assert_eq!(e["reasons"].as_array().unwrap().len(), 0, "{e}");
    let alternative = &e["alternative"];
    assert_eq!(alternative["kind"], "pinned");
    let changed = sample_with(dir.path(), &staying, "must_rotate", "true");
    let (figures, rows) = replan(dir.path(), &changed);
    assert_same_figures(alternative, &figures);
    assert!(rows.iter().any(|(t, _)| *t == staying));
    let listed: Vec<String> = alternative["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["teacher"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(listed, differing(&plan, &rows));
}

#[test]
fn every_reason_that_holds_is_listed_and_an_unknown_teacher_is_bad_input() {
    let dir = DataDir::tables(
        "id,name,area,district\nU1,城关小学,urban,云溪\nR1,溪口小学,rural,云溪\n",
        "id,name,school,subject,backbone,years_at_school,exempt\n\
         T1,甲,U1,数学,county,3,病假\nT2,乙,U1,数学,county,8,\n",
        "school,subject,count\nR1,数学,1\n",
    );
    dir.write("p.csv", b"teacher,to_school\nT2,R1\n");
    let o = rotaplan_pinned(
        dir.path(),
        &[
            "explain",
            ".",
            "--plan",
            "p.csv",
            "--teacher",
            "T1",
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let e = json(&o);
    let codes: Vec<&str> = e["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["exempt", "too_few_years"]);
    assert_eq!(e["rotates"], false);
    assert!(e["alternative"].is_null());
    let o = rotaplan_pinned(
        dir.path(),
        &["explain", ".", "--plan", "p.csv", "--teacher", "T1"],
    );
    assert!(
        stdout(&o).contains("may not rotate, because:"),
        "{}",
        stdout(&o)
    );
    let o = rotaplan_pinned(
        dir.path(),
        &["explain", ".", "--plan", "p.csv", "--teacher", "T7"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown teacher `T7`"),
        "{}",
        stderr(&o)
    );
}
