//! programme.md "Terms, returns and transfers" through the binary, one
//! test per clause, values by hand. The county: U1 (urban) sends, R1 and
//! R2 (rural) receive; plan year 2026.

mod common;

use common::*;

const SCHOOLS: &str = "id,name,area,district,level\nU1,城关小学,urban,云溪,primary\n\
                       R1,溪口小学,rural,云溪,primary\nR2,溪口中学,rural,云溪,junior\n";

/// Ten 数学 teachers at U1 (T1 and T2 backbone), 8 years at the school;
/// `extra` is added to each row (an extra column's cells).
fn county(header_extra: &str, extra: &[&str], needs: &str) -> DataDir {
    let mut t = format!("id,name,school,subject,backbone,years_at_school{header_extra}\n");
    for i in 1..=10 {
        let backbone = if i <= 2 { "county" } else { "none" };
        // A row without its own extra cells has them empty.
        let empty = ",".repeat(header_extra.matches(',').count().saturating_sub(1));
        let cell = extra.get(i - 1).copied().unwrap_or(&empty);
        let sep = if header_extra.is_empty() { "" } else { "," };
        t += &format!("T{i},教师{i},U1,数学,{backbone},8{sep}{cell}\n");
    }
    DataDir::tables(SCHOOLS, &t, needs)
}

fn plan_rows(dir: &DataDir, file: &str) -> Vec<Vec<String>> {
    read_csv_rows(&dir.file(file))
}

#[test]
fn a_plan_says_its_year_end_year_transfer_and_pin() {
    // T1 on a 3-year term (teachers.csv), T2 transferred, the others on
    // the policy's 2 years; T3 pinned must_rotate.
    let dir = county(
        ",term_years,must_rotate",
        &["3年,", "调动,", "2,true"],
        "school,subject,count\nR1,数学,10\n",
    );
    dir.write("policy.toml", b"term_years = 2\n");
    let o = rotaplan_pinned(dir.path(), &["plan", ".", "--policy", "policy.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = plan_rows(&dir, "plan.csv");
    let header = &rows[0];
    let at = |name: &str| {
        header
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == name)
            .unwrap()
    };
    let by_teacher = |id: &str| rows.iter().find(|r| r[0] == id).cloned();
    let (year, end, transfer, pin) = (at("year"), at("end_year"), at("transfer"), at("pin"));
    // All ten rotate (the need is 10).
    let t1 = by_teacher("T1").unwrap();
    assert_eq!(
        [&t1[year], &t1[end], &t1[transfer], &t1[pin]],
        ["2026", "2028", "false", ""]
    );
    let t2 = by_teacher("T2").unwrap();
    assert_eq!([&t2[year], &t2[end], &t2[transfer]], ["2026", "", "true"]);
    let t3 = by_teacher("T3").unwrap();
    assert_eq!([&t3[end], &t3[pin]], ["2027", "must_rotate"]);
    // The published list says the terms in words.
    let o = rotaplan_pinned(
        dir.path(),
        &[
            "publish",
            ".",
            "--plan",
            "plan.csv",
            "--out",
            "list.csv",
            "--policy",
            "policy.toml",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let list = read_csv_rows(&dir.file("list.csv"));
    let term = |name: &str| list.iter().find(|r| r[1] == name).unwrap()[8].clone();
    assert_eq!(term("教师1"), "2026.9-2029.8");
    assert_eq!(term("教师2"), "调动");
    assert_eq!(term("教师3"), "2026.9-2028.8");
}

#[test]
fn a_term_that_is_not_whole_years_or_transfer_is_bad_input() {
    let dir = county("", &[], "school,subject,count\nR1,数学,1\n");
    for bad in ["term_years = 0\n", "term_years = \"two\"\n"] {
        dir.write("policy.toml", bad.as_bytes());
        let o = rotaplan_pinned(dir.path(), &["plan", ".", "--policy", "policy.toml"]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(stderr(&o).contains("term_years"), "{}", stderr(&o));
    }
    let dir = county(
        ",term_years",
        &["半年"],
        "school,subject,count\nR1,数学,1\n",
    );
    let o = rotaplan_pinned(dir.path(), &["plan", "."]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("line 2") && err.contains("term_years") && err.contains("半年"),
        "{err}"
    );
}

/// The reason codes `explain` gives for a teacher.
fn reasons(dir: &DataDir, teacher: &str, extra: &[&str]) -> Vec<String> {
    let mut args = vec![
        "explain",
        ".",
        "--plan",
        "empty.csv",
        "--teacher",
        teacher,
        "--format",
        "json",
    ];
    args.extend(extra);
    let o = rotaplan_pinned(dir.path(), &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    json(&o)["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn last_years_plan_file_is_this_years_history() {
    let dir = county("", &[], "school,subject,count\nR1,数学,2\n");
    dir.write("empty.csv", b"teacher,to_school\n");
    // The 2025 plan as plan writes it: T1 for two years (away in 2026),
    // T2 for one (back in 2026), T3 transferred, and a principal's row.
    dir.write(
        "plan-2025.csv",
        "\u{feff}teacher,name,subject,backbone,from_school,to_school,distance_km,district,backbone_level,from_school_name,to_school_name,preference_rank,year,end_year,transfer,pin,post\n\
         T1,教师1,数学,true,U1,R1,,云溪,county,城关小学,溪口小学,,2025,2026,false,,\n\
         T2,教师2,数学,true,U1,R1,,云溪,county,城关小学,溪口小学,,2025,2025,false,,\n\
         T3,教师3,数学,false,U1,R1,,云溪,none,城关小学,溪口小学,,2025,,true,,\n\
         T4,教师4,数学,false,U1,R1,,云溪,none,城关小学,溪口小学,,2025,2027,false,,校长\n"
            .as_bytes(),
    );
    let history = ["--history", "plan-2025.csv", "--policy", "p.toml"];
    dir.write("p.toml", b"cooldown_years = 0\n");
    // T1 is away (end_year 2026 >= 2026); T2 is back: 0 years at the
    // school since (2026 - 2025 - 1), fewer than 6; T3 moved for good
    // (and the roster still has them at U1: a warning); T4's row is a
    // principal's, skipped.
    assert_eq!(reasons(&dir, "T1", &history), ["away"]);
    assert_eq!(reasons(&dir, "T2", &history), ["too_few_years"]);
    assert_eq!(reasons(&dir, "T3", &history), Vec::<String>::new());
    assert_eq!(reasons(&dir, "T4", &history), Vec::<String>::new());
    let o = rotaplan_pinned(
        dir.path(),
        &[
            "check",
            ".",
            "--format",
            "json",
            "--history",
            "plan-2025.csv",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let warnings = json(&o)["warnings"].clone();
    let transfer: Vec<&serde_json::Value> = warnings
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["code"] == "transfer_on_roster")
        .collect();
    assert_eq!(transfer.len(), 1, "{warnings}");
    assert!(transfer[0]["message"].as_str().unwrap().contains("T3"));
    // With the default cool-down of 3 years, the rows of 2025 count
    // from their end_year (T2's 2025 > 2023) or, for the transfer, its
    // year.
    let o = rotaplan_pinned(
        dir.path(),
        &[
            "explain",
            ".",
            "--plan",
            "empty.csv",
            "--teacher",
            "T2",
            "--format",
            "json",
            "--history",
            "plan-2025.csv",
        ],
    );
    let codes: Vec<String> = json(&o)["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(codes, ["too_few_years", "cool_down"]);
    // A file with both `school` and `to_school` is bad input.
    dir.write(
        "both.csv",
        b"teacher,year,school,to_school\nT1,2025,R1,R1\n",
    );
    let o = rotaplan_pinned(dir.path(), &["check", ".", "--history", "both.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("to_school"), "{}", stderr(&o));
}

#[test]
fn years_at_the_school_count_from_the_return() {
    // T1 back in 2022 (end_year 2021): min(8, 2026 - 2021 - 1 = 4) = 4;
    // T2 back from a stint ending 2018: min(8, 7) = 7.
    let dir = county("", &[], "school,subject,count\nR1,数学,1\n");
    dir.write("empty.csv", b"teacher,to_school\n");
    dir.write(
        "history.csv",
        b"teacher,year,school,end_year\nT1,2020,R1,2021\nT2,2017,R1,2018\n",
    );
    let o = rotaplan_pinned(
        dir.path(),
        &[
            "explain",
            ".",
            "--plan",
            "empty.csv",
            "--teacher",
            "T1",
            "--format",
            "json",
        ],
    );
    let e = json(&o);
    assert_eq!(e["reasons"][0]["code"], "too_few_years");
    assert!(
        e["reasons"][0]["detail"].as_str().unwrap().contains('4'),
        "{e}"
    );
    assert_eq!(reasons(&dir, "T2", &[]), Vec::<String>::new());
    // audit counts the years from the return too (its own counting): a
    // plan sending T1 breaks `ineligible_teacher`, one sending T2 does not.
    for (teacher, status) in [("T1", 1), ("T2", 0)] {
        dir.write(
            "hand.csv",
            format!("teacher,to_school\n{teacher},R1\n").as_bytes(),
        );
        let o = rotaplan_pinned(
            dir.path(),
            &["audit", ".", "--plan", "hand.csv", "--format", "json"],
        );
        assert_eq!(o.status.code(), Some(status), "{teacher}: {}", stdout(&o));
        let rules: Vec<String> = json(&o)["violations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["rule"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(
            rules.contains(&"ineligible_teacher".to_string()),
            teacher == "T1",
            "{teacher}: {rules:?}"
        );
    }
}

#[test]
fn returns_refill_the_places_they_leave() {
    // T9 and T10 come back in 2026 (end_year 2025) from R1 and R2; T8 from
    // a row without a school. Needs: R1 数学 1 (weight 2).
    let dir = county("", &[], "school,subject,count,weight\nR1,数学,1,2\n");
    dir.write(
        "history.csv",
        b"teacher,year,school,end_year\nT9,2025,R1,2025\nT10,2024,R2,2025\nT8,2025,,2025\n",
    );
    dir.write("refill.toml", b"refill_returns = true\n");
    let o = rotaplan_pinned(
        dir.path(),
        &["check", ".", "--format", "json", "--policy", "refill.toml"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j = json(&o);
    let refills = j["refills"].as_array().unwrap();
    assert_eq!(refills.len(), 2, "{refills:?}");
    assert_eq!(refills[0]["teacher"], "T9");
    assert_eq!(refills[0]["school"], "R1");
    assert_eq!(refills[0]["subject"], "数学");
    assert_eq!(refills[0]["level"], "primary");
    assert_eq!(refills[1]["school"], "R2");
    assert_eq!(refills[1]["level"], "junior");
    assert_eq!(j["needs_total"], 3, "1 + the two refills");
    assert!(
        j["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["code"] == "refill_not_added"
                && w["message"].as_str().unwrap().contains("T8")),
        "{}",
        j["warnings"]
    );
    // Off by default: the needs stay 1.
    let o = rotaplan_pinned(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(json(&o)["needs_total"], 1);
    assert_eq!(json(&o)["refills"].as_array().unwrap().len(), 0);
    // The plan fills the refilled places (R1 now 2, R2 1: a 初中 place
    // the 小学 teachers fill under level_match = "any") and audits.
    let o = rotaplan_pinned(
        dir.path(),
        &[
            "plan",
            ".",
            "--policy",
            "refill.toml",
            "--format",
            "json",
            "--level-match",
            "any",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(json(&o)["needs_total"], 3);
    assert_eq!(json(&o)["needs_filled"], 3);
    let o = rotaplan_pinned(
        dir.path(),
        &[
            "audit",
            ".",
            "--plan",
            "plan.csv",
            "--policy",
            "refill.toml",
            "--level-match",
            "any",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn volunteers_go_first_among_equally_good_plans() {
    // Need 2; T1 (backbone) and T5, T7 volunteer. Every plan fills both
    // places over the same distance and needs one backbone teacher (20%
    // of 2): the most volunteers is 2, T1 and one of T5, T7.
    let dir = county(
        ",volunteer,points",
        &["是,1", ",", ",", ",", "是,", ",", "是,2.5"],
        "school,subject,count\nR1,数学,2\n",
    );
    dir.write("p.toml", b"priority = [\"volunteer\"]\n");
    let o = rotaplan_pinned(dir.path(), &["plan", ".", "--policy", "p.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = plan_rows(&dir, "plan.csv");
    let ids: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&"T1"), "{ids:?}");
    assert!(ids.contains(&"T5") || ids.contains(&"T7"), "{ids:?}");
    // Points next: T7 (2.5) over T5 (0).
    dir.write("p.toml", b"priority = [\"volunteer\", \"points\"]\n");
    let o = rotaplan_pinned(dir.path(), &["plan", ".", "--policy", "p.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = plan_rows(&dir, "plan.csv");
    let mut ids: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["T1", "T7"]);
    // explain shows the values.
    dir.write("empty.csv", b"teacher,to_school\n");
    let o = rotaplan_pinned(
        dir.path(),
        &[
            "explain",
            ".",
            "--plan",
            "plan.csv",
            "--teacher",
            "T7",
            "--policy",
            "p.toml",
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let e = json(&o);
    assert_eq!(e["priority"][0]["stage"], "volunteer");
    assert_eq!(e["priority"][0]["value"], 1.0);
    assert_eq!(e["priority"][1]["value"], 2.5);
}

#[test]
fn an_unknown_stage_or_a_missing_column_is_bad_input_naming_the_stage() {
    let dir = county("", &[], "school,subject,count\nR1,数学,2\n");
    dir.write("p.toml", b"priority = [\"seniority\"]\n");
    let o = rotaplan_pinned(dir.path(), &["plan", ".", "--policy", "p.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("seniority"), "{}", stderr(&o));
    dir.write("p.toml", b"priority = [\"volunteer\"]\n");
    let o = rotaplan_pinned(dir.path(), &["plan", ".", "--policy", "p.toml"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("volunteer") && err.contains("priority"),
        "{err}"
    );
    dir.write("p.toml", b"priority = [{ column = \"\xe4\xbb\xbb\xe6\x95\x99\xe5\xb9\xb4\xe7\xba\xa7\", values = [\"\xe4\xb9\x9d\xe5\xb9\xb4\xe7\xba\xa7\"] }]\n");
    let o = rotaplan_pinned(dir.path(), &["plan", ".", "--policy", "p.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("任教年级"), "{}", stderr(&o));
}

#[test]
fn a_filter_stage_sends_the_teachers_it_matches() {
    // 任教年级: T3 and T4 teach 九年级; need 2 (one backbone among them
    // for the 20%: T1 or T2): the filter's most is 1 more, T3 or T4.
    let dir = county(
        ",任教年级",
        &["", "", "九年级", "九年级"],
        "school,subject,count\nR1,数学,2\n",
    );
    dir.write(
        "p.toml",
        "priority = [{ column = \"任教年级\", values = [\"九年级\"] }]\n".as_bytes(),
    );
    let o = rotaplan_pinned(dir.path(), &["plan", ".", "--policy", "p.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = plan_rows(&dir, "plan.csv");
    let ids: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert!(ids.contains(&"T3") || ids.contains(&"T4"), "{ids:?}");
    assert!(ids.contains(&"T1") || ids.contains(&"T2"), "{ids:?}");
}

#[test]
fn teachers_past_the_limit_must_rotate() {
    // must_rotate_after_years = 10: T1 (12 years) and T2 (10) are pinned;
    // T3 and T4 (8) are not.
    let dir = DataDir::tables(
        "id,name,area,district,level\nU1,城关小学,urban,云溪,primary\nR1,溪口小学,rural,云溪,primary\n",
        "id,name,school,subject,backbone,years_at_school\nT1,甲,U1,数学,county,12\n\
         T2,乙,U1,数学,none,10\nT3,丙,U1,数学,county,8\nT4,丁,U1,数学,none,8\n",
        "school,subject,count\nR1,数学,3\n",
    );
    dir.write("p.toml", b"must_rotate_after_years = 10\n");
    let o = rotaplan_pinned(
        dir.path(),
        &["plan", ".", "--policy", "p.toml", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = json(&o)["plan"].clone();
    let pin = |id: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["teacher"] == id)
            .map(|r| r["pin"].as_str().unwrap().to_string())
    };
    assert_eq!(pin("T1").as_deref(), Some("must_rotate_after_years"));
    assert_eq!(pin("T2").as_deref(), Some("must_rotate_after_years"));
    let csv = plan_rows(&dir, "plan.csv");
    let t2 = csv.iter().find(|r| r[0] == "T2").unwrap();
    let pin_at = csv[0].iter().position(|h| h == "pin").unwrap();
    assert_eq!(t2[pin_at], "must_rotate_after_years");
    // The audit holds the pins: a plan without T2 breaks them.
    dir.write("without.csv", b"teacher,to_school\nT1,R1\nT3,R1\n");
    let o = rotaplan_pinned(
        dir.path(),
        &["audit", ".", "--plan", "without.csv", "--policy", "p.toml"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("T2"), "{}", stdout(&o));
    // One place for two pinned teachers: exit 3 naming them and the rule,
    // with a need fix of the missing place.
    dir.write("needs.csv", "school,subject,count\nR1,数学,1\n".as_bytes());
    let o = rotaplan_pinned(
        dir.path(),
        &["plan", ".", "--policy", "p.toml", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let infeasible = json(&o)["infeasible"].clone();
    let first = &infeasible[0];
    assert_eq!(first["rule"], "must_rotate_after_years");
    assert!(
        first["message"].as_str().unwrap().contains("T1, T2"),
        "{first}"
    );
    assert_eq!(first["fixes"][0]["kind"], "need");
    assert_eq!(first["fixes"][0]["places"], 1);
    // A max rule the pins break: 2 pinned, max_rotation_ratio allows 1
    // of 4 (floor 25%): exit 3 naming them with the rule.
    dir.write("needs.csv", "school,subject,count\nR1,数学,3\n".as_bytes());
    dir.write(
        "max.toml",
        b"must_rotate_after_years = 10\nmax_rotation_ratio = 0.25\n",
    );
    let o = rotaplan_pinned(
        dir.path(),
        &["plan", ".", "--policy", "max.toml", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let infeasible = json(&o)["infeasible"].clone();
    let by_years = infeasible
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["rule"] == "must_rotate_after_years")
        .unwrap_or_else(|| panic!("{infeasible}"));
    let message = by_years["message"].as_str().unwrap();
    assert!(
        message.contains("T1, T2") && message.contains("max_rotation_ratio"),
        "{message}"
    );
    // The key needs years at the school.
    let dir = DataDir::tables(
        "id,name,area,district\nU1,城关小学,urban,云溪\nR1,溪口小学,rural,云溪\n",
        "id,name,school,subject\nT1,甲,U1,数学\n",
        "school,subject,count\nR1,数学,1\n",
    );
    dir.write("p.toml", b"must_rotate_after_years = 10\n");
    let o = rotaplan_pinned(dir.path(), &["plan", ".", "--policy", "p.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("must_rotate_after_years"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn history_may_be_given_several_times_and_errors_name_their_file() {
    let dir = county("", &[], "school,subject,count\nR1,数学,2\n");
    dir.write("empty.csv", b"teacher,to_school\n");
    // The folder's history.csv (T5 away) is not read when --history is
    // given; the two files are read as one.
    dir.write(
        "history.csv",
        b"teacher,year,school,end_year\nT5,2025,R1,2027\n",
    );
    dir.write(
        "old.csv",
        b"teacher,year,school,end_year\nT1,2025,R1,2026\n",
    );
    dir.write(
        "older.csv",
        b"teacher,year,school,end_year\nT2,2024,R1,2027\n",
    );
    let both = ["--history", "old.csv", "--history", "older.csv"];
    // (A stint in progress is also in its cool-down: explain lists both.)
    assert_eq!(reasons(&dir, "T1", &both), ["away", "cool_down"]);
    assert_eq!(reasons(&dir, "T2", &both), ["away", "cool_down"]);
    assert_eq!(reasons(&dir, "T5", &both), Vec::<String>::new());
    assert_eq!(reasons(&dir, "T5", &[]), ["away", "cool_down"]);
    dir.write("bad.csv", b"teacher,year\nT1,2025\nT99,2025\n");
    let o = rotaplan_pinned(
        dir.path(),
        &["check", ".", "--history", "old.csv", "--history", "bad.csv"],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("bad.csv") && err.contains("line 3") && err.contains("T99"),
        "{err}"
    );
}

#[test]
fn a_need_with_a_year_applies_in_that_plan_year_only() {
    // R1 数学: 1 every year, 2 more in 2026, 5 more in 2027.
    let dir = county(
        "",
        &[],
        "school,subject,count,year\nR1,数学,1,\nR1,数学,2,2026\nR1,数学,5,2027\n",
    );
    let needs = |year: &str| {
        let o = rotaplan(
            dir.path(),
            &["check", ".", "--format", "json", "--plan-year", year],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        json(&o)["needs_total"].as_u64().unwrap()
    };
    assert_eq!(needs("2026"), 3);
    assert_eq!(needs("2027"), 6);
    assert_eq!(needs("2028"), 1);
    // Two rows of one year for a school and subject stay bad input.
    dir.write("needs.csv", b"school,subject,count,year\nR1,\xe6\x95\xb0\xe5\xad\xa6,1,2026\nR1,\xe6\x95\xb0\xe5\xad\xa6,2,2026\n");
    let o = rotaplan_pinned(dir.path(), &["check", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("line 3"), "{}", stderr(&o));
}

#[test]
fn compare_plans_a_scenario_with_its_refills_and_pins() {
    // As returns_refill_the_places_they_leave: refill_returns gives 3
    // places; compare's scenario row says the same as plan.
    let dir = county("", &[], "school,subject,count,weight\nR1,数学,1,2\n");
    dir.write(
        "history.csv",
        b"teacher,year,school,end_year\nT9,2025,R1,2025\nT10,2024,R2,2025\n",
    );
    dir.write("refill.toml", b"refill_returns = true\n");
    let o = rotaplan_pinned(
        dir.path(),
        &[
            "compare",
            ".",
            "refill.toml",
            "--format",
            "json",
            "--level-match",
            "any",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = json(&o)["scenarios"].clone();
    let totals: Vec<u64> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["needs_total"].as_u64().unwrap())
        .collect();
    assert_eq!(totals, [1, 3], "{rows}");
}

#[test]
fn compare_sweeps_terms_and_priority() {
    let dir = county(",volunteer", &["是"], "school,subject,count\nR1,数学,2\n");
    let o = rotaplan_pinned(
        dir.path(),
        &[
            "compare",
            ".",
            "--sweep",
            "term_years=1,transfer",
            "--sweep",
            "priority=none,volunteer+years_at_school",
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let names: Vec<String> = json(&o)["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["scenario"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names.len(), 5, "{names:?}");
    assert!(
        names
            .iter()
            .any(|n| n.contains("volunteer+years_at_school")),
        "{names:?}"
    );
    let o = rotaplan_pinned(
        dir.path(),
        &["compare", ".", "--sweep", "priority=seniority"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("seniority"), "{}", stderr(&o));
}
