//! `rotaplan report`: one self-contained HTML page with the summary, the
//! rules as the independent audit judges them, charts, flows and the
//! quality-balance indicators.

mod common;

use common::{DataDir, data_dir, json, one_district, rotaplan_pinned, sample, stderr, stdout};
use std::collections::BTreeSet;
use std::path::Path;

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

/// Text without its tags, the five escapes undone.
fn untagged(html: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' => {
                inside = false;
                out.push(' ');
            }
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// What a person reads on the page: no style sheet, no tags.
fn visible(page: &str) -> String {
    let body = &page[page.find("</style>").expect("a style sheet")..];
    untagged(body)
}

/// The value of the summary card `label`, as text.
fn card(page: &str, label: &str) -> String {
    let at = page
        .find(&format!("<div class=\"card\">{label}<b>"))
        .unwrap_or_else(|| panic!("no card {label}"));
    let value = &page[at..];
    let value = &value[value.find("<b>").unwrap() + 3..value.find("</b>").unwrap()];
    untagged(value).trim().to_string()
}

/// The cells of the body rows of the first table in `html`.
fn rows(html: &str) -> Vec<Vec<String>> {
    let body = &html[html.find("<tbody>").expect("a table body")..];
    let body = &body[..body.find("</tbody>").unwrap()];
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            row.split("<td")
                .skip(1)
                .map(|cell| {
                    let cell = &cell[cell.find('>').unwrap() + 1..];
                    untagged(&cell[..cell.find("</td>").unwrap()])
                        .trim()
                        .to_string()
                })
                .collect()
        })
        .collect()
}

/// The texts after the bars of the charts in `html` (`12 / 87 (13.8%)`),
/// as their first two numbers.
fn bar_values(html: &str) -> Vec<(u64, u64)> {
    html.split("class=\"value\">")
        .skip(1)
        .map(|t| {
            let t = &t[..t.find('<').unwrap()];
            let mut n = t
                .split(|c: char| !c.is_ascii_digit())
                .filter(|s| !s.is_empty())
                .map(|s| s.parse::<u64>().unwrap());
            (n.next().unwrap(), n.next().unwrap())
        })
        .collect()
}

/// The flows of the map(s): (stroke width, tooltip) per `<line class="flow">`.
fn map_flows(page: &str) -> Vec<(f64, String)> {
    page.split("class=\"flow\" stroke-width=\"")
        .skip(1)
        .map(|l| {
            let width = l[..l.find('"').unwrap()].parse().unwrap();
            let title = &l[l.find("<title>").unwrap() + 7..l.find("</title>").unwrap()];
            (width, untagged(title))
        })
        .collect()
}

/// The sample's plan written into `dir` as plan.csv, and its rows
/// (teacher, to_school).
fn sample_plan_rows(dir: &Path) -> Vec<(String, String)> {
    let plan = common::sample_plan(dir);
    std::fs::write(dir.join("plan.csv"), &plan).unwrap();
    common::read_csv_rows(&dir.join("plan.csv"))
        .into_iter()
        .skip(1)
        .map(|r| (r[0].clone(), r[5].clone()))
        .collect()
}

/// The page in the chosen language, with the county and the plan year in
/// its title; under zh no English but codes, under en no Chinese but the
/// data's own words and the published list, which is Chinese in either
/// language (papers.md "The report", "Language").
#[test]
fn the_page_is_in_the_chosen_language_with_county_and_year_in_its_title() {
    let dir = tempfile::tempdir().unwrap();
    sample_plan_rows(dir.path());
    let data = sample();
    let data = data.to_str().unwrap();
    let page = |lang: &str| {
        let out = format!("{lang}.html");
        let o = rotaplan_pinned(
            dir.path(),
            &[
                "report", data, "--plan", "plan.csv", "--out", &out, "--lang", lang,
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        std::fs::read_to_string(dir.path().join(out)).unwrap()
    };
    let zh = page("zh");
    assert!(zh.contains("<html lang=\"zh-CN\">"));
    assert!(zh.contains("<title>大丰区2026年教师交流轮岗方案报告</title>"));
    assert!(zh.contains("<h1>大丰区2026年教师交流轮岗方案报告</h1>"));
    for heading in [
        "总体情况",
        "规则检查",
        "交流流向图",
        "公示名单",
        "优质均衡指标",
    ] {
        assert!(zh.contains(&format!("<h2>{heading}")), "{heading}");
    }
    // Latin letters under zh: codes only (the plan's file name, the
    // program's name).
    let words: BTreeSet<String> = visible(&zh)
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2)
        .map(str::to_string)
        .collect();
    let codes: BTreeSet<String> = ["plan", "csv", "rotaplan"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert!(words.is_subset(&codes), "English under zh: {words:?}");
    let en = page("en");
    assert!(en.contains("<html lang=\"en\">"));
    assert!(en.contains("<title>大丰区: teacher rotation plan report, 2026</title>"));
    // Chinese under en: the data's words (school, teacher, subject and
    // district names) and the published list's, nothing of the page's.
    let mut list = en.clone();
    let start = list.find("<table class=\"published\">").unwrap();
    let end = start + list[start..].find("</table>").unwrap();
    list.replace_range(start..end, "");
    let schools = common::read_csv_rows(&sample().join("schools.csv"));
    let teachers = common::read_csv_rows(&sample().join("teachers.csv"));
    let known: BTreeSet<String> = schools
        .iter()
        .skip(1)
        .flat_map(|r| [r[1].clone(), r[6].clone()])
        .chain(teachers.iter().skip(1).flat_map(|r| r.iter().cloned()))
        .chain(["公示名单".to_string()])
        .collect();
    let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    for run in visible(&list)
        .split(|c: char| !han(c))
        .filter(|r| !r.is_empty())
    {
        assert!(
            known.iter().any(|k| k.contains(run)),
            "Chinese under en not from the data: {run}"
        );
    }
    // The headline's words in English.
    assert!(en.contains("<h2>Summary</h2>"));
    assert!(!en.contains("总体情况"));
}

/// A hand plan that breaks rules: every figure on the page counts as
/// `audit` counts (papers.md "The report"), and the rows that break a rule
/// are listed apart and counted nowhere else.
#[test]
fn a_rule_breaking_plan_counts_as_audit_counts() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample_plan_rows(dir.path());
    let teachers = common::read_csv_rows(&sample().join("teachers.csv"));
    let school = teachers[0].iter().position(|c| c == "school").unwrap();
    // A teacher of a rural school: not at a sending school.
    let rural = teachers
        .iter()
        .find(|r| r[school] == "D01S030")
        .map(|r| r[0].clone())
        .unwrap();
    let mut hand = String::from("teacher,to_school\n");
    for (t, to) in &plan[..150] {
        hand += &format!("{t},{to}\n");
    }
    hand += &format!("{},D01S040\n", plan[0].0); // line 152: listed twice
    hand += &format!("{},D01S005\n", plan[200].0); // 153: an urban school
    hand += &format!("{},NOPE\n", plan[201].0); // 154: no such school
    hand += &format!("{rural},D01S041\n"); // 155: not eligible
    std::fs::write(dir.path().join("hand.csv"), hand).unwrap();
    let data = sample();
    let data = data.to_str().unwrap();
    let o = rotaplan_pinned(
        dir.path(),
        &["audit", data, "--plan", "hand.csv", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let audit = json(&o);
    let n = |key: &str| audit[key].as_u64().unwrap();
    assert!(n("rotating") < n("required"), "the plan falls short");
    let o = rotaplan_pinned(
        dir.path(),
        &["report", data, "--plan", "hand.csv", "--out", "r.html"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(&format!("report on {} rotations", n("rotating"))),
        "{}",
        stdout(&o)
    );
    let page = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    // The summary.
    assert_eq!(card(&page, "Eligible teachers"), n("eligible").to_string());
    assert_eq!(card(&page, "Required to rotate"), n("required").to_string());
    assert!(card(&page, "Rotating teachers").starts_with(&format!("{} (", n("rotating"))));
    assert!(card(&page, "Backbone teachers").starts_with(&format!("{} (", n("backbone"))));
    assert_eq!(
        card(&page, "Places of need filled"),
        format!("{} / {}", n("needs_filled"), n("needs_total"))
    );
    assert_eq!(card(&page, "Every rule"), "NOT met");
    assert_eq!(card(&page, "Plan rows not counted"), "4");
    // The rules table: the district's counts as audit's scope.
    let scope = &audit["scopes"][0];
    let rules = rows(section(&page, "Rules"));
    assert_eq!(rules.len(), 1);
    for (cell, key) in rules[0][1..6].iter().zip([
        "eligible",
        "required",
        "rotating",
        "backbone",
        "backbone_required",
    ]) {
        assert_eq!(*cell, scope[key].to_string(), "{key}");
    }
    let breaches = section(&page, "Rules");
    assert!(breaches.contains("rotation_ratio"));
    // The rows apart: the four lines audit names, each once, and nowhere
    // else on the page.
    let apart = rows(section(&page, "Plan rows not counted"));
    let lines: Vec<&str> = apart.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(lines, ["152", "153", "154", "155"]);
    let audited: BTreeSet<u64> = audit["violations"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v["line"].as_u64())
        .collect();
    assert_eq!(audited, [152, 153, 154, 155].into_iter().collect());
    for (row, rule) in apart.iter().zip([
        "duplicate_teacher",
        "not_rural",
        "unknown_school",
        "ineligible_teacher",
    ]) {
        assert!(row[4].contains(rule), "{row:?}");
    }
    // The charts: the teachers leaving sending schools, their eligible
    // teachers, and the places filled, as audit counts them.
    let sending = bar_values(section(&page, "Share rotating per sending school"));
    assert_eq!(sending.iter().map(|v| v.0).sum::<u64>(), n("rotating"));
    assert_eq!(sending.iter().map(|v| v.1).sum::<u64>(), n("eligible"));
    let needs = bar_values(section(&page, "Need filled per receiving school"));
    assert_eq!(needs.iter().map(|v| v.0).sum::<u64>(), n("needs_filled"));
    assert_eq!(needs.iter().map(|v| v.1).sum::<u64>(), n("needs_total"));
    // The map, the flows and the published list.
    let map: u64 = map_flows(&page)
        .iter()
        .map(|(_, t)| t.rsplit(": ").next().unwrap().parse::<u64>().unwrap())
        .sum();
    assert_eq!(map, n("rotating"));
    let flows = rows(section(&page, "Flows ("));
    let teachers: u64 = flows.iter().map(|r| r[2].parse::<u64>().unwrap()).sum();
    assert_eq!(teachers, n("rotating"));
    let listed = section(&page, "Published list");
    let listed = &listed[listed.find("<table class=\"published\">").unwrap()..];
    assert_eq!(rows(listed).len() as u64, n("rotating"));
}

/// The map (papers.md "The report"): schools by lat/lon on an SVG,
/// sending and receiving told apart, one line per pair of schools, its
/// width by teachers; every school named.
#[test]
fn the_map_draws_one_line_per_pair_as_wide_as_its_teachers() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample_plan_rows(dir.path());
    let data = sample();
    let o = rotaplan_pinned(
        dir.path(),
        &["report", data.to_str().unwrap(), "--plan", "plan.csv"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    let map = section(&page, "Map of the flows");
    assert!(map.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\""));
    let pairs: BTreeSet<&(String, String)> = plan.iter().collect::<BTreeSet<_>>();
    let schools = common::read_csv_rows(&sample().join("schools.csv"));
    let name = |id: &str| schools.iter().find(|r| r[0] == id).unwrap()[1].clone();
    let teachers = common::read_csv_rows(&sample().join("teachers.csv"));
    let from = |t: &str| teachers.iter().find(|r| r[0] == t).unwrap()[2].clone();
    let mut per_pair: std::collections::BTreeMap<(String, String), u64> = Default::default();
    for (t, to) in pairs {
        *per_pair.entry((name(&from(t)), name(to))).or_default() += 1;
    }
    let flows = map_flows(map);
    assert_eq!(flows.len(), per_pair.len(), "one line per pair of schools");
    let mut drawn: Vec<(u64, f64)> = Vec::new();
    for (width, title) in &flows {
        let (pair, count) = title.rsplit_once(": ").unwrap();
        let (a, b) = pair.split_once(" → ").unwrap();
        let count: u64 = count.parse().unwrap();
        assert_eq!(per_pair[&(a.to_string(), b.to_string())], count, "{title}");
        drawn.push((count, *width));
    }
    drawn.sort_by(|x, y| x.0.cmp(&y.0).then(x.1.total_cmp(&y.1)));
    for w in drawn.windows(2) {
        if w[0].0 < w[1].0 {
            assert!(w[0].1 < w[1].1, "more teachers, wider: {w:?}");
        } else {
            assert_eq!(w[0].1, w[1].1, "as many teachers, as wide");
        }
    }
    // Sending schools squares, receiving ones circles, each named.
    let sending: BTreeSet<String> = per_pair.keys().map(|p| p.0.clone()).collect();
    let receiving: BTreeSet<String> = per_pair.keys().map(|p| p.1.clone()).collect();
    assert_eq!(
        map.matches("class=\"sending\"/>").count(),
        sending.len() + 1,
        "and the legend's"
    );
    assert_eq!(
        map.matches("class=\"receiving\"/>").count(),
        receiving.len() + 1
    );
    for s in sending.iter().chain(&receiving) {
        assert!(map.contains(&format!(">{s}</tspan>")), "{s} is named");
    }
    // Nothing fetched: no tiles.
    assert_self_contained(&page);
}

/// Without lat/lon, no map and one line saying why; a school of the flows
/// without a location is named under the map instead of on it.
#[test]
fn without_locations_no_map_but_one_line_saying_why() {
    let teachers = "id,name,school,subject,backbone,years_at_school\n\
                    T000,甲,U1,数学,county,8\nT001,乙,U1,数学,none,9\nT002,丙,U1,数学,none,9\n";
    let needs = "school,subject,count\nR1,数学,1\nR2,数学,1\n";
    let hand = "teacher,to_school\nT000,R1\nT001,R2\n";
    let bare = DataDir::tables(
        "id,name,area,district\nU1,城区实验小学,urban,大丰\nR1,草堰小学,rural,大丰\nR2,白驹小学,rural,大丰\n",
        teachers,
        needs,
    );
    bare.write("hand.csv", hand.as_bytes());
    let o = rotaplan_pinned(bare.path(), &["report", ".", "--plan", "hand.csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = std::fs::read_to_string(bare.file("report.html")).unwrap();
    assert!(!page.contains("class=\"map\""));
    let map = section(&page, "Map of the flows");
    assert_eq!(map.matches("<p ").count(), 1, "{map}");
    assert!(
        map.contains("No map: schools.csv gives no school of the flows a location"),
        "{map}"
    );
    let some = DataDir::tables(
        "id,name,area,district,lat,lon\nU1,城区实验小学,urban,大丰,33.2,120.4\n\
         R1,草堰小学,rural,大丰,33.0,120.3\nR2,白驹小学,rural,大丰,,\n",
        teachers,
        needs,
    );
    some.write("hand.csv", hand.as_bytes());
    let o = rotaplan_pinned(
        some.path(),
        &["report", ".", "--plan", "hand.csv", "--lang", "zh"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = std::fs::read_to_string(some.file("report.html")).unwrap();
    let map = section(&page, "交流流向图");
    assert!(map.contains("class=\"map\""));
    assert_eq!(
        map_flows(map).len(),
        1,
        "the one pair with both ends placed"
    );
    assert!(
        map.contains("以下学校在 schools.csv 中无经纬度（lat、lon），未画在图上：白驹小学。"),
        "{map}"
    );
}

/// No solver words on the page, in either language, with CVs not kept
/// under either balance goal: a plan not proven best is told in a
/// planner's words (papers.md "The report").
#[test]
fn no_solver_words_on_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let case = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/hard-county");
    let case = case.to_str().unwrap();
    let o = rotaplan_pinned(dir.path(), &["plan", case, "--out", "plan.csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    std::fs::write(dir.path().join("keep.toml"), "balance = \"keep\"\n").unwrap();
    let forbidden = [
        "model",
        "milp",
        "harm",
        "time limit",
        "time_limit",
        "solver",
        "highs",
        "node_limit",
        "模型",
        "求解",
    ];
    for lang in ["en", "zh"] {
        for policy in [None, Some("keep.toml")] {
            let mut args = vec![
                "report", case, "--plan", "plan.csv", "--out", "r.html", "--lang", lang,
            ];
            args.extend(policy.iter().flat_map(|p| ["--policy", *p]));
            let o = rotaplan_pinned(dir.path(), &args);
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            let page = std::fs::read_to_string(dir.path().join("r.html"))
                .unwrap()
                .to_lowercase();
            for word in forbidden {
                assert!(!page.contains(word), "{lang} {policy:?}: {word}");
            }
            let note = match (lang, policy) {
                ("zh", Some(_)) => "最优性未经证明：可放宽计算时间后重算",
                ("zh", None) => "balance = \"keep\" 后重新制定方案",
                (_, Some(_)) => "optimality is not proven: plan again with more computing time",
                (_, None) => "set balance = \"keep\" in the policy and plan again",
            };
            let note = note.to_lowercase().replace('"', "&quot;");
            assert!(page.contains(&note), "{lang} {policy:?}: {note}");
        }
    }
}

/// School names wherever a school is shown, the id beside a name two
/// schools share; a long name wraps in the charts and on the map, never
/// cut.
#[test]
fn schools_are_named_and_long_names_wrap() {
    let long = "大丰区草堰镇第一中心小学附属（东校区）九年一贯制实验学校";
    let dir = DataDir::tables(
        &format!(
            "id,name,area,district,lat,lon\nU1,{long},urban,大丰,33.2,120.4\n\
             R1,草堰小学,rural,大丰,33.0,120.3\nR2,草堰小学,rural,大丰,33.1,120.1\n"
        ),
        "id,name,school,subject,backbone,years_at_school\n\
         T000,甲,U1,数学,county,8\nT001,乙,U1,数学,none,9\nT002,丙,U1,数学,none,9\n",
        "school,subject,count\nR1,数学,1\nR2,数学,1\n",
    );
    dir.write("hand.csv", b"teacher,to_school\nT000,R1\nT001,R2\n");
    let o = rotaplan_pinned(dir.path(), &["report", ".", "--plan", "hand.csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = std::fs::read_to_string(dir.file("report.html")).unwrap();
    let text = visible(&page);
    // Ids only beside the repeated name.
    assert!(!text.contains("U1"), "the unique name alone");
    assert!(text.contains("草堰小学（R1）") && text.contains("草堰小学（R2）"));
    let flows = rows(section(&page, "Flows ("));
    assert_eq!(
        flows[0][..2],
        [long.to_string(), "草堰小学（R1）".to_string()]
    );
    // The long name: in the chart and on the map, over two lines or
    // more, every character there.
    for part in ["Share rotating per sending school", "Map of the flows"] {
        let svg = section(&page, part);
        let label = svg
            .split("<text ")
            .map(|t| &t[..t.find("</text>").unwrap_or(t.len())])
            .find(|t| t.contains("大丰区草堰镇"))
            .unwrap_or_else(|| panic!("{part}: no label"));
        let lines: Vec<String> = label
            .split("<tspan ")
            .skip(1)
            .map(|t| untagged(&t[t.find('>').unwrap() + 1..t.find("</tspan>").unwrap()]))
            .collect();
        assert!(lines.len() >= 2, "{part}: {lines:?}");
        assert_eq!(lines.concat(), long, "{part}");
    }
}

/// Printed on A4: headings kept with what follows, every table's header
/// in a `<thead>` (repeated on each printed page), the published list a
/// section with the plan's rows.
#[test]
fn it_prints_on_a4_with_the_published_list() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample_plan_rows(dir.path());
    let data = sample();
    let o = rotaplan_pinned(
        dir.path(),
        &[
            "report",
            data.to_str().unwrap(),
            "--plan",
            "plan.csv",
            "--lang",
            "zh",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    let style = &page[page.find("<style>").unwrap()..page.find("</style>").unwrap()];
    for rule in [
        "@page{size:A4",
        "h1,h2,h3{break-after:avoid",
        "thead{display:table-header-group}",
        "tr{break-inside:avoid",
        "figure{margin:.6em 0;break-inside:avoid",
    ] {
        assert!(style.contains(rule), "{rule}");
    }
    let tables = page.matches("<table").count();
    assert!(tables >= 4);
    assert_eq!(
        page.matches("<thead>").count(),
        tables,
        "every table has its head"
    );
    let list = section(&page, "公示名单");
    assert!(list.contains("大丰区2026年义务教育学校教师交流轮岗名单（公示）"));
    let listed = &list[list.find("<table class=\"published\">").unwrap()..];
    assert_eq!(rows(listed).len(), plan.len());
}
