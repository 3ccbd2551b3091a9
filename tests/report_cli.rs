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
        "<h2>Summary</h2>",
        "<h2>Rules</h2>",
        "<h2>Share rotating per sending school</h2>",
        "<h2>Need filled per receiving school</h2>",
        "<h2>Quality balance</h2>",
        "<h2>Map of the flows</h2>",
        "<h2>Flows (",
        "<h2>Published list</h2>",
    ] {
        assert!(page.contains(section), "missing section {section}");
    }
    // The sample plan's figures: 1,959 eligible, 276 rotating, all 276
    // places filled, every rule met; two charts.
    assert!(page.contains("<b>1959</b>"));
    assert!(page.contains("<b>276 / 276</b>"));
    let rules = section(&page, "Rules");
    assert!(rules.contains("<span class=\"pass\">met</span>"));
    assert!(!rules.contains("NOT met"));
    // With the load spread over the sending schools (the default), the
    // 小学 backbone CV falls from 0.633 to below its 0.50 limit (which of
    // the plans of least distance and most preferences HiGHS returns
    // sets how far), and every CV passes after the plan.
    let balance = section(&page, "Quality balance");
    assert!(balance.contains("0.633"));
    assert!(!balance.contains("NOT met"));
    assert!(!balance.contains("NOT kept"));
    // The share per sending school (21 bars), the need per receiving
    // school (49 bars, drawn 30 to a picture so that each fits a printed
    // page) and the map.
    assert_eq!(page.matches("<svg ").count(), 4);
    assert_eq!(
        page.matches("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\"")
            .count(),
        1
    );
    let rural_bars = section(&page, "Need filled per receiving school")
        .matches("class=\"bar\"")
        .count();
    assert_eq!(rural_bars, 49);
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
    assert!(page.contains("NOT met"));
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
        page.contains("Every rule<b><span class=\"pass\">met</span>"),
        "rules met"
    );
    assert!(
        page.contains(&format!(
            "Quality-balance CVs kept<b><span class=\"fail\">{kept} / {}</span>",
            cvs.len()
        )),
        "the CV card"
    );
}

/// The part of the page under the `<h2>` starting with `heading`, up to
/// the next `<h2>`.
fn section<'p>(page: &'p str, heading: &str) -> &'p str {
    let start = page
        .find(&format!("<h2>{heading}"))
        .unwrap_or_else(|| panic!("no section {heading}"));
    let rest = &page[start + 4..];
    &rest[..rest.find("<h2>").unwrap_or(rest.len())]
}
