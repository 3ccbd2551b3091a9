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

/// A chain or cycle as JSON gives it: its kind, and each move's teacher,
/// from_school and to_school.
type Sequence = (String, Vec<(String, String, String)>);

/// The county of the plan tests: U1's 校长 P1 (12 years: overdue), U2's
/// P2 (7 years), R1's P3 (8 years), U1's 副校长 V1 (4 years); R2 has
/// teachers and no 校长 (vacant).
fn principal_county() -> DataDir {
    let rows = "P1,校长甲,U1,数学,county,12,校长,12\nP2,校长乙,U2,语文,none,9,校长,7\n\
                P3,校长丙,R1,数学,none,9,校长,8\nV1,副校长丁,U1,语文,none,5,副校长,4\n\
                T20,教师20,R2,数学,none,3,,\n";
    county(",post,post_years", rows, "principals = true\n")
}

#[test]
fn the_plan_moves_the_overdue_fills_the_vacant_with_the_fewest_moves() {
    // P1 must move (12 >= 10); R2's vacant post is filled; three moves
    // (P2 to U1 would need U2 filled too, by nobody: V1 may not take U2).
    // Two plans tie in objectives 1-6, with the same three distances
    // (79.43 km): the chain V1 → R1, P3 → U1, P1 → R2, and the swap
    // P1 ↔ P3 with V1 → R2. rotaplan's tie-break: P1, the first id, takes
    // the smallest school id it can, R1; so the swap and a chain of one.
    let dir = principal_county();
    let o = rotaplan_pinned(
        dir.path(),
        &["plan", ".", "--policy", "policy.toml", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    let sequences: Vec<Sequence> = v["principals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let moves = s["moves"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| {
                    let text = |k: &str| m[k].as_str().unwrap().to_string();
                    (text("teacher"), text("from_school"), text("to_school"))
                })
                .collect();
            (s["kind"].as_str().unwrap().to_string(), moves)
        })
        .collect();
    let seq = |kind: &str, moves: &[(&str, &str, &str)]| {
        (
            kind.to_string(),
            moves
                .iter()
                .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        sequences,
        [
            seq("cycle", &[("P3", "R1", "U1"), ("P1", "U1", "R1")]),
            seq("chain", &[("V1", "U1", "R2")]),
        ]
    );
    // plan.csv: after the teachers' rows, by sending school (R1 before
    // U1), post 校长, no end year, a transfer.
    let rows = read_csv_rows(&dir.file("plan.csv"));
    let at = |name: &str| {
        rows[0]
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == name)
            .unwrap()
    };
    let principals: Vec<(&str, &str, &str, &str)> = rows[1..]
        .iter()
        .filter(|r| r[at("post")] == "校长")
        .map(|r| {
            (
                r[0].as_str(),
                r[at("end_year")].as_str(),
                r[at("transfer")].as_str(),
                r[at("from_school")].as_str(),
            )
        })
        .collect();
    assert_eq!(
        principals,
        [
            ("P3", "", "true", "R1"),
            ("P1", "", "true", "U1"),
            ("V1", "", "true", "U1")
        ]
    );
    assert!(
        rows[1..rows.len() - 3]
            .iter()
            .all(|r| r[at("post")].is_empty())
    );
    // The table says the chain in words; audit passes the plan; stderr
    // names the teachers' rotations and the principals' moves apart.
    let o = rotaplan_pinned(dir.path(), &["plan", ".", "--policy", "policy.toml"]);
    assert!(
        stderr(&o).contains("plan.csv: 4 rotations and 3 principal moves written"),
        "{}",
        stderr(&o)
    );
    assert!(
        stdout(&o).contains(
            "cycle: 溪口小学 校长 校长丙 (P3) → 城关一小, 城关一小 校长 校长甲 (P1) → 溪口小学"
        ),
        "{}",
        stdout(&o)
    );
    let o = rotaplan_pinned(
        dir.path(),
        &[
            "audit",
            ".",
            "--plan",
            "plan.csv",
            "--policy",
            "policy.toml",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn audit_checks_the_principal_rules() {
    let dir = principal_county();
    let header = "teacher,to_school,post\n";
    let violations = |rows: &str| -> Vec<(String, String)> {
        dir.write("hand.csv", format!("{header}{rows}").as_bytes());
        let o = rotaplan_pinned(
            dir.path(),
            &[
                "audit",
                ".",
                "--plan",
                "hand.csv",
                "--policy",
                "policy.toml",
                "--format",
                "json",
            ],
        );
        json(&o)["violations"]
            .as_array()
            .unwrap()
            .iter()
            // The teachers' rules (nobody rotates here) are not these.
            .filter(|v| {
                !["rotation_ratio", "backbone_share"].contains(&v["rule"].as_str().unwrap())
            })
            .map(|v| {
                (
                    v["rule"].as_str().unwrap().to_string(),
                    v["teacher"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
    };
    let pair = |r: &str, t: &str| (r.to_string(), t.to_string());
    // Nobody moves: P1 is overdue.
    assert_eq!(violations(""), [pair("principal_overdue", "P1")]);
    // P3 into U1 while P1 stays: two principals; R1 left empty.
    assert_eq!(
        violations("P3,U1,校长\n"),
        [
            pair("principal_double", "P3"),
            pair("principal_vacant", "P3"),
            pair("principal_overdue", "P1")
        ]
    );
    // V1 to U2 (not receiving); T1 (no post) as a 校长 row; P1 to R2
    // leaves U1 empty.
    assert_eq!(
        violations("V1,U2,校长\nT1,R1,校长\nP1,R2,校长\n"),
        [
            pair("not_rural", "V1"),
            pair("ineligible_teacher", "T1"),
            pair("principal_double", "V1"),
            pair("principal_vacant", "P1")
        ]
    );
}

#[test]
fn an_overdue_principal_nobody_can_replace_is_infeasible() {
    // P1 overdue at U1, and no other candidate: nobody can take U1.
    let rows = "P1,校长甲,U1,数学,county,12,校长,12\n";
    let dir = county(",post,post_years", rows, "principals = true\n");
    let o = rotaplan_pinned(
        dir.path(),
        &["plan", ".", "--policy", "policy.toml", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let v = json(&o);
    let i = &v["infeasible"][0];
    assert_eq!(
        (
            i["rule"].as_str(),
            i["teacher"].as_str(),
            i["school"].as_str()
        ),
        (Some("principal_max_years"), Some("P1"), Some("U1"))
    );
    assert!(!dir.file("plan.csv").exists());
}

#[test]
fn a_horizon_carries_the_moves_over() {
    // programme.md: principals planned each year, a principal who moved
    // counted from 0 in the post at the new school. 2027's roster: P1 leads
    // R1, P3 leads U1, V1 (副校长 before) leads R2, each with 0 years in
    // the post; their moves are no history rows.
    let dir = principal_county();
    let o = rotaplan_pinned(
        dir.path(),
        &[
            "horizon",
            ".",
            "--policy",
            "policy.toml",
            "--years",
            "2",
            "--out-dir",
            "h",
        ],
    );
    assert!(matches!(o.status.code(), Some(0 | 3)), "{}", stderr(&o));
    let rows = read_csv_rows(&dir.file("h/data-2027/teachers.csv"));
    let at = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let of = |id: &str| {
        let r = rows.iter().find(|r| r[0] == id).unwrap();
        (
            r[at("school")].clone(),
            r[at("post")].clone(),
            r[at("post_years")].clone(),
        )
    };
    let s = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(of("P1"), s("R1", "校长", "0"));
    assert_eq!(of("P3"), s("U1", "校长", "0"));
    assert_eq!(of("V1"), s("R2", "校长", "0"));
    // P2 stayed: a year more in the post.
    assert_eq!(of("P2"), s("U2", "校长", "8"));
    let history = read_csv_rows(&dir.file("h/data-2027/history.csv"));
    assert!(
        history[1..]
            .iter()
            .all(|r| !r[0].starts_with('P') && r[0] != "V1")
    );
}

#[test]
fn the_report_and_the_published_list_show_the_principals_moves() {
    // principals.md "The plan": the report shows the chains in words;
    // `publish` lists the moves in a section of their own, 校长交流. The
    // plan of `the_plan_moves_the_overdue_...`: the swap P3 ↔ P1 and V1 → R2.
    let dir = principal_county();
    // `command . --policy policy.toml --plan PLAN --out OUT EXTRA...`
    let paper = |command: &str, plan: &str, out: &str, extra: &[&str]| {
        let mut args = vec![
            command,
            ".",
            "--policy",
            "policy.toml",
            "--plan",
            plan,
            "--out",
            out,
        ];
        args.extend(extra);
        rotaplan_pinned(dir.path(), &args)
    };
    let o = rotaplan_pinned(
        dir.path(),
        &["plan", ".", "--policy", "policy.toml", "--out", "plan.csv"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = paper("report", "plan.csv", "r.html", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = std::fs::read_to_string(dir.file("r.html")).unwrap();
    assert!(page.contains("Principals&#39; moves (校长交流)"), "{page}");
    // Its published list carries the section too, as `publish` does.
    assert!(
        page.contains("云溪2026年义务教育学校校长交流轮岗名单（公示）"),
        "{page}"
    );
    assert!(
        page.contains(
            "<li>cycle: <span class=\"step\">溪口小学 校长 校长丙 (P3) → 城关一小</span>, \
             <span class=\"step\">城关一小 校长 校长甲 (P1) → 溪口小学</span></li>\
             <li>chain: <span class=\"step\">城关一小 副校长 副校长丁 (V1) → 岭下小学</span></li>"
        ),
        "{page}"
    );

    // The published list as CSV: the teachers' rows, then the section's
    // title line, its header and a row per move, then the note.
    let o = paper("publish", "plan.csv", "list.csv", &["--note", "公示期五天"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("list.csv: published list of 4 teachers and 3 principal moves"),
        "{}",
        stdout(&o)
    );
    let rows = read_csv_rows(&dir.file("list.csv"));
    let at = rows
        .iter()
        .position(|r| r[0] == "云溪2026年义务教育学校校长交流轮岗名单（公示）")
        .unwrap();
    assert_eq!(at, 2 + 4, "the section after the title, header and 4 rows");
    assert_eq!(
        rows[at + 1][..7],
        [
            "序号",
            "姓名",
            "性别",
            "原单位",
            "交流学校",
            "原职务",
            "拟任职务"
        ]
    );
    let moves: Vec<&[String]> = rows[at + 2..at + 5].iter().map(|r| &r[1..7]).collect();
    let want = [
        ["校长丙", "", "溪口小学", "城关一小", "校长", "校长"],
        ["校长甲", "", "城关一小", "溪口小学", "校长", "校长"],
        ["副校长丁", "", "城关一小", "岭下小学", "副校长", "校长"],
    ];
    assert_eq!(moves, want);
    assert_eq!(rows[at + 5][0], "公示期五天");
    assert_eq!(rows.len(), at + 6);
    // The list reads back as the plan: its section's rows as principals'
    // moves (拟任职务 校长), under principals = true as without.
    for policy in [&[][..], &["--policy", "policy.toml"][..]] {
        let mut args = vec!["audit", ".", "--plan", "list.csv"];
        args.extend(policy);
        let o = rotaplan_pinned(dir.path(), &args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stdout(&o));
    }

    // As a workbook: the section below the teachers' rows; as a page: a
    // second table. Both read back.
    let o = paper("publish", "plan.csv", "list.xlsx", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(dir.file("list.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["公示名单"]);
    let sheet = book.worksheet_range("公示名单").unwrap();
    let text = |r: u32, c: u32| sheet.get_value((r, c)).map(|v| v.to_string());
    // The title (row 0), header, 4 rows, a blank row; the section's title,
    // its header and 3 rows.
    assert_eq!(
        text(7, 0).as_deref(),
        Some("云溪2026年义务教育学校校长交流轮岗名单（公示）")
    );
    assert_eq!(text(11, 1).as_deref(), Some("副校长丁"));
    assert_eq!(text(11, 4).as_deref(), Some("岭下小学"));
    let o = rotaplan_pinned(
        dir.path(),
        &[
            "audit",
            ".",
            "--plan",
            "list.xlsx",
            "--policy",
            "policy.toml",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = paper("publish", "plan.csv", "list.html", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = std::fs::read_to_string(dir.file("list.html")).unwrap();
    assert_eq!(page.matches("<table class=\"published\">").count(), 2);
    assert!(page.contains("<td>副校长丁</td>"), "{page}");

    // A plan whose principal rows break a rule is refused: P3 into U1
    // while P1 stays (two principals, R1 left empty).
    let mut text = std::fs::read_to_string(dir.file("plan.csv")).unwrap();
    text = text
        .lines()
        .filter(|l| !l.contains("校长"))
        .collect::<Vec<_>>()
        .join("\n");
    let header = text.lines().next().unwrap().to_string();
    let cells = header.split(',').count();
    let post = header.split(',').position(|h| h == "post").unwrap();
    let mut row = vec![""; cells];
    row[0] = "P3";
    row[header.split(',').position(|h| h == "to_school").unwrap()] = "U1";
    row[post] = "校长";
    text = format!("{text}\n{}\n", row.join(","));
    dir.write("broken.csv", text.as_bytes());
    let o = paper("publish", "broken.csv", "no.csv", &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("principal_double"), "{}", stdout(&o));
    assert!(!dir.file("no.csv").exists());
    // Its report lists the row apart, and not among the moves.
    let o = paper("report", "broken.csv", "b.html", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = std::fs::read_to_string(dir.file("b.html")).unwrap();
    assert!(page.contains("principal_double"), "{page}");
    assert!(!page.contains("<ol class=\"principals\">"), "{page}");
}
