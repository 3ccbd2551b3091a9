//! `rotaplan report`: one self-contained HTML page with the summary, the
//! rules as the independent audit judges them, charts, flows and the
//! quality-balance indicators.

mod common;

use common::{data_dir, one_district, rotaplan_pinned, sample, stderr, stdout};

/// Nothing in the page is fetched: no script, stylesheet, image, frame,
/// font or link to elsewhere (the SVG namespace is a name, not a fetch).
fn assert_self_contained(page: &str) {
    let lower = page.to_lowercase();
    for forbidden in [
        "<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import",
    ] {
        assert!(!lower.contains(forbidden), "the page contains {forbidden}");
    }
    let fetches = lower.matches("http").count();
    let namespaces = lower.matches("http://www.w3.org/2000/svg").count();
    assert_eq!(fetches, namespaces, "only SVG namespaces may name a URL");
}

#[test]
fn the_sample_report_is_complete_and_self_contained() {
    let dir = tempfile::tempdir().unwrap();
    let data = sample();
    let data = data.to_str().unwrap();
    let o = rotaplan_pinned(dir.path(), &["plan", data, "--out", "plan.csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = rotaplan_pinned(dir.path(), &["report", data, "--plan", "plan.csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("the plan meets every rule"),
        "{}",
        stdout(&o)
    );
    let page = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<meta charset=\"utf-8\">"));
    assert_self_contained(&page);
    for section in [
        "总体情况 Summary",
        "规则检查 Rules",
        "各派出学校交流比例",
        "各乡村学校需求满足",
        "优质均衡指标",
        "交流流向 Flows",
    ] {
        assert!(page.contains(section), "missing section {section}");
    }
    // The sample plan's figures: 1,959 eligible, 276 rotating, all 276
    // places filled, every rule met; two charts.
    assert!(page.contains("<b>1959</b>"));
    assert!(page.contains("<b>276 / 276</b>"));
    let rules = page.split("规则检查 Rules").nth(1).unwrap();
    let rules = rules.split("<h2>").next().unwrap();
    assert!(rules.contains("达标 pass"));
    assert!(!rules.contains("未达标"));
    // With the load spread over the sending schools (the default), the
    // 小学 backbone CV falls from 0.633 to below its 0.50 limit (which of
    // the plans of least distance and most preferences HiGHS returns
    // sets how far), and every CV passes after the plan.
    let balance = page.split("优质均衡指标").nth(1).unwrap();
    let balance = balance.split("<h2>").next().unwrap();
    assert!(balance.contains("0.633"));
    assert!(!balance.contains("未达标"));
    assert!(!balance.contains("NOT kept"));
    assert_eq!(page.matches("<svg ").count(), 2);
    // Each rural school with a need has a bar: 53 in the sample.
    let rural_bars = page
        .split("各乡村学校需求满足")
        .nth(1)
        .unwrap()
        .split("</svg>")
        .next()
        .unwrap()
        .matches("<rect ")
        .count();
    assert!(rural_bars > 10, "{rural_bars}");
}

#[test]
fn a_failing_plan_shows_its_violations() {
    let dir = data_dir(one_district(20, 5, 3));
    // Two non-backbone teachers: 20% backbone fails; the row naming
    // an unknown school is a violation the page lists with its line.
    dir.write(
        "hand.csv",
        "工号,交流学校\nT010,R1\nT011,R1\nT012,<R9>\n".as_bytes(),
    );
    let o = rotaplan_pinned(
        dir.path(),
        &["report", ".", "--plan", "hand.csv", "--out", "r.html"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("breaks rules"), "{}", stdout(&o));
    let page = std::fs::read_to_string(dir.file("r.html")).unwrap();
    assert_self_contained(&page);
    assert!(page.contains("未达标 FAIL"));
    assert!(page.contains("backbone_share"));
    assert!(page.contains("unknown_school"));
    // The school id is escaped, not markup.
    assert!(page.contains("&lt;R9&gt;"));
    assert!(!page.contains("<R9>"));
}

#[test]
fn the_report_refuses_to_overwrite_an_input() {
    let dir = data_dir(one_district(20, 5, 3));
    dir.write("plan.csv", b"teacher,to_school\nT000,R1\n");
    let o = rotaplan_pinned(
        dir.path(),
        &["report", ".", "--plan", "plan.csv", "--out", "plan.csv"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("input"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(dir.file("plan.csv")).unwrap(),
        b"teacher,to_school\nT000,R1\n"
    );
}

/// The headline says whether every rule is met and, apart, how many
/// 优质均衡 CVs the plan keeps of how many (papers.md "The report"):
/// hard-county's plan meets the rules and keeps fewer than all its CVs,
/// counted as the plan's JSON counts them.
#[test]
fn the_headline_counts_the_cvs_kept_apart_from_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    let case = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/hard-county");
    let case = case.to_str().unwrap();
    let o = rotaplan_pinned(
        dir.path(),
        &["plan", case, "--out", "plan.csv", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = common::json(&o);
    let cvs: Vec<&serde_json::Value> = v["balance"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| !b["cv_after"].is_null())
        .collect();
    let kept = cvs.iter().filter(|b| b["kept"] == true).count();
    assert!(kept < cvs.len(), "the case keeps fewer than all its CVs");
    let o = rotaplan_pinned(
        dir.path(),
        &["report", case, "--plan", "plan.csv", "--out", "r.html"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    assert!(
        page.contains("<span class=\"pass\">达标 pass</span>"),
        "rules met"
    );
    assert!(
        page.contains(&format!(
            "CVs kept<b><span class=\"fail\">{kept} / {}</span>",
            cvs.len()
        )),
        "the CV card"
    );
}
