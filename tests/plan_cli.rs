//! `rotaplan plan` run as a planner runs it: the real binary on real files.

mod common;

use common::*;

/// `rotaplan plan` with the given arguments, run inside `cwd`, for the plan
/// year 2026.
fn plan(cwd: &std::path::Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["plan"];
    all.extend_from_slice(args);
    rotaplan_pinned(cwd, &all)
}

const SCHOOLS: &str = "id,name,area,quality,level,students,district,lat,lon
U1,实验小学,urban,false,primary,1200,大丰,33.20,120.45
Q1,草堰中学,rural,true,junior,800,大丰,33.10,120.30
R1,白驹小学,rural,false,primary,300,大丰,33.00,120.30
R2,刘庄中学,乡村,否,初中,250,大丰,33.05,120.20
";

/// 20 teachers: U1 has 12 (数学 and 语文), Q1 has 6, R1 has 2.
fn teachers() -> String {
    let mut t =
        String::from("id,name,school,subject,backbone,years_at_school,age,eligible,exempt\n");
    for i in 0..20 {
        let school = match i {
            0..=11 => "U1",
            12..=17 => "Q1",
            _ => "R1",
        };
        let subject = if i % 2 == 0 { "数学" } else { "语文" };
        let backbone = if i % 4 == 0 { "县级" } else { "" };
        t += &format!(
            "T{i:02},教师{i},{school},{subject},{backbone},{},40,,\n",
            6 + i
        );
    }
    t
}

const NEEDS: &str = "school,subject,count,weight\nR1,数学,3,2\nR2,语文,2,\n";

fn base() -> DataDir {
    DataDir::new(&[
        ("schools.csv", SCHOOLS.as_bytes()),
        ("teachers.csv", teachers().as_bytes()),
        ("needs.csv", NEEDS.as_bytes()),
        (
            "preferences.csv",
            "teacher,school,rank\nT13,R2,1\n".as_bytes(),
        ),
        (
            "history.csv",
            "teacher,year,school\nT03,2020,R1\n".as_bytes(),
        ),
    ])
}

#[test]
fn plan_fills_needs_and_meets_both_ratios() {
    let d = base();
    let o = plan(d.path(), &[".", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j = json(&o);
    for key in [
        "feasible",
        "eligible",
        "required",
        "rotating",
        "backbone",
        "needs_filled",
        "needs_total",
        "total_distance_km",
        "plan",
    ] {
        assert!(j.get(key).is_some(), "missing key {key}");
    }
    // 18 teachers at sending schools, all eligible: required ceil(1.8) = 2.
    assert_eq!(j["eligible"], 18);
    assert_eq!(j["required"], 2);
    assert_eq!(j["needs_total"], 5);
    assert_eq!(j["needs_filled"], 5);
    assert_eq!(j["rotating"], 5);
    assert!(j["backbone"].as_u64().unwrap() >= 1);
    // Q1 is nearest to R2, so two of Q1's 语文 teachers go there: T13, who
    // asked for R2, before T17, who has more years at the school.
    let rows = j["plan"].as_array().unwrap();
    let to_r2: Vec<&str> = rows
        .iter()
        .filter(|r| r["to_school"] == "R2")
        .map(|r| r["teacher"].as_str().unwrap())
        .collect();
    assert_eq!(to_r2, ["T13", "T17"], "{rows:?}");
    let csv = std::fs::read_to_string(d.file("plan.csv")).unwrap();
    // A byte-order mark first, for Excel and WPS (papers.md "CSV for Excel
    // and WPS").
    assert!(
        csv.starts_with("\u{feff}teacher,name,subject,backbone,from_school,to_school,distance_km")
    );
    assert_eq!(csv.lines().count(), 6);
}

#[test]
fn table_summary_names_the_district() {
    let d = base();
    let o = plan(d.path(), &["."]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("大丰"), "{out}");
    assert!(out.contains("optimal"), "{out}");
}

#[test]
fn fourteen_percent_of_fifty_requires_seven() {
    let d = data_dir(one_district(50, 10, 7));
    let o = plan(d.path(), &[".", "--ratio", "0.14", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j = json(&o);
    assert_eq!(j["eligible"], 50);
    assert_eq!(j["required"], 7);
    assert_eq!(j["rotating"], 7);
}

#[test]
fn infeasible_names_district_rule_and_best_possible() {
    // 100 eligible teachers need 10 rotations; the rural need is 6.
    let d = data_dir(one_district(100, 30, 6));
    let o = plan(d.path(), &["."]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("大丰"), "{err}");
    assert!(err.contains("requires 10 rotations"), "{err}");
    assert!(err.contains("total 6"), "{err}");
    assert!(
        !d.file("plan.csv").exists(),
        "no plan is written when infeasible"
    );
}

#[test]
fn infeasible_backbone_share_is_explained() {
    let d = data_dir(one_district(100, 1, 50));
    let o = plan(d.path(), &[".", "--format", "json"]);
    assert_eq!(o.status.code(), Some(3));
    assert_eq!(json(&o)["feasible"], false);
    let err = stderr(&o);
    assert!(err.contains("backbone"), "{err}");
    assert!(err.contains("requires 2 backbone teachers"), "{err}");
}

#[test]
fn chinese_headers_in_gbk() {
    let schools = "学校代码,学校名称,城乡类型,区县\nU1,实验小学,城区,大丰\nR1,白驹小学,农村,大丰\n";
    let teachers = "姓名,工号,学校代码,学科,骨干教师,本校任教年限\n张三,T1,U1,数学,是,10\n李四,T2,U1,数学,否,8\n";
    let needs = "学校代码,学科,需求人数\nR1,数学,１\n";
    let gbk = |s: &str| encoding_rs::GBK.encode(s).0.into_owned();
    let d = DataDir::new(&[
        ("schools.csv", &gbk(schools)),
        ("teachers.csv", &gbk(teachers)),
        ("needs.csv", &gbk(needs)),
    ]);
    let o = plan(d.path(), &[".", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j = json(&o);
    assert_eq!(j["rotating"], 1);
    assert_eq!(
        j["plan"][0]["teacher"], "T1",
        "the backbone teacher goes to meet 20%"
    );
    assert_eq!(j["plan"][0]["name"], "张三");
}

#[test]
fn utf8_with_bom() {
    let mut files = one_district(10, 2, 2);
    for (_, bytes) in files.iter_mut() {
        bytes.splice(0..0, *b"\xEF\xBB\xBF");
    }
    let d = data_dir(files);
    let o = plan(d.path(), &[".", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(json(&o)["rotating"], 2);
}

#[test]
fn per_file_flags_replace_the_folder() {
    let d = data_dir(one_district(10, 2, 2));
    std::fs::rename(d.file("needs.csv"), d.file("other-needs.csv")).unwrap();
    let o = plan(
        d.path(),
        &[
            "--schools",
            "schools.csv",
            "--teachers",
            "teachers.csv",
            "--needs",
            "other-needs.csv",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn same_inputs_give_byte_identical_plans() {
    let d = base();
    let a = plan(d.path(), &[".", "--out", "a.csv"]);
    let b = plan(d.path(), &[".", "--out", "b.csv"]);
    assert_eq!((a.status.code(), b.status.code()), (Some(0), Some(0)));
    assert_eq!(
        std::fs::read(d.file("a.csv")).unwrap(),
        std::fs::read(d.file("b.csv")).unwrap()
    );
}

#[test]
fn output_over_an_input_is_refused() {
    let d = base();
    let before = std::fs::read(d.file("teachers.csv")).unwrap();
    let o = plan(d.path(), &[".", "--out", "teachers.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(d.file("teachers.csv")).unwrap(), before);
    d.write("policy.toml", b"min_rotation_ratio = 0.1\n");
    let o = plan(
        d.path(),
        &[".", "--policy", "policy.toml", "--out", "./policy.toml"],
    );
    assert_eq!(o.status.code(), Some(2));
}

/// Each bad input of the contract: (file, its new content, line, column or
/// text the message must name).
fn bad_inputs() -> Vec<(&'static str, String, u32, &'static str)> {
    let t = teachers();
    let replace_line = |text: &str, line: usize, new: &str| -> String {
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        lines[line - 1] = new.to_string();
        lines.join("\n") + "\n"
    };
    vec![
        ("schools.csv", "id,name\nU1,x\n".into(), 1, "area"),
        (
            "teachers.csv",
            replace_line(&t, 3, "T01,教师1,U1,,,7,40,,"),
            3,
            "subject",
        ),
        ("teachers.csv", t.replacen("age", "id", 1), 1, "id"),
        (
            "schools.csv",
            format!("{SCHOOLS}U1,重复,urban,,,,大丰,,\n"),
            6,
            "id",
        ),
        (
            "teachers.csv",
            replace_line(&t, 4, "T02,教师2,X9,数学,,8,40,,"),
            4,
            "school",
        ),
        (
            "preferences.csv",
            "teacher,school,rank\nT01,R2,1\nT99,R1,1\n".into(),
            3,
            "teacher",
        ),
        (
            "teachers.csv",
            replace_line(&t, 5, "T03,教师3,U1,语文,,abc,40,,"),
            5,
            "years_at_school",
        ),
        (
            "needs.csv",
            "school,subject,count\nR1,数学,-1\n".into(),
            2,
            "count",
        ),
        (
            "needs.csv",
            "school,subject,count\nR1,数学,1\nR2,语文\n".into(),
            3,
            "expected 3 fields",
        ),
        (
            "teachers.csv",
            t.replacen("years_at_school", "本校任教年限,years_at_school", 1),
            1,
            "years_at_school",
        ),
        (
            "schools.csv",
            SCHOOLS.replacen("urban", "city", 1),
            2,
            "area",
        ),
        (
            "schools.csv",
            SCHOOLS.replacen("primary", "high", 1),
            2,
            "level",
        ),
        (
            "schools.csv",
            SCHOOLS.replacen("false", "perhaps", 1),
            2,
            "quality",
        ),
        (
            "teachers.csv",
            replace_line(&t, 2, "T00,教师0,U1,数学,maybe,6,40,,"),
            2,
            "backbone",
        ),
        (
            "teachers.csv",
            replace_line(&t, 2, "T00,教师0,U1,数学,,6,40,sometimes,"),
            2,
            "eligible",
        ),
        (
            "needs.csv",
            format!("{NEEDS}R1,数学,1,\n"),
            4,
            "first is line 2",
        ),
        ("needs.csv", format!("{NEEDS}U1,数学,1,\n"), 4, "school"),
        (
            "history.csv",
            "teacher,year\nT01,二〇二四\n".into(),
            2,
            "year",
        ),
        (
            "preferences.csv",
            "teacher,school\nT01,R1\n".into(),
            1,
            "rank",
        ),
    ]
}

#[test]
fn each_bad_input_names_file_line_and_exits_2() {
    for (file, content, line, needle) in bad_inputs() {
        let d = base();
        d.write(file, content.as_bytes());
        let o = plan(d.path(), &["."]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{file} line {line}: {err}");
        assert!(err.contains(file), "names {file}: {err}");
        assert!(
            err.contains(&format!("line {line}")),
            "names line {line}: {err}"
        );
        assert!(err.contains(needle), "names {needle}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(!d.file("plan.csv").exists(), "no output on bad input");
    }
}

#[test]
fn undecodable_bytes_are_bad_input() {
    let d = base();
    let mut t = teachers().into_bytes();
    let at = t.iter().position(|&b| b == b'\n').unwrap() + 5;
    t.splice(at..at, *b"\xff\xff");
    d.write("teachers.csv", &t);
    let o = plan(d.path(), &["."]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("teachers.csv line 2"), "{err}");
    assert!(err.contains("neither UTF-8 nor GB18030"), "{err}");
}

#[test]
fn bad_policy_is_exit_2() {
    for (policy, needle) in [
        ("min_rotation_ratio = 1.5\n", "min_rotation_ratio"),
        ("scope = \"county\"\n", "scope"),
        ("min_rotation_ratio = 0.1\nrotation = 2\n", "line 2"),
    ] {
        let d = base();
        d.write("policy.toml", policy.as_bytes());
        let o = plan(d.path(), &[".", "--policy", "policy.toml"]);
        assert_eq!(o.status.code(), Some(2), "{policy}");
        let err = stderr(&o);
        assert!(err.contains("policy.toml") && err.contains(needle), "{err}");
    }
    let d = base();
    for args in [
        ["--ratio", "-0.1"],
        ["--backbone-share", "2"],
        ["--scope", "province"],
    ] {
        let o = plan(d.path(), &[".", args[0], args[1]]);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn ineligible_teachers_carry_their_reason() {
    let d = base();
    let t = teachers()
        .replacen(
            "T00,教师0,U1,数学,县级,6,40,,",
            "T00,教师0,U1,数学,县级,6,40,,病假",
            1,
        )
        .replacen("T02,教师2,U1,数学,,8,40,,", "T02,教师2,U1,数学,,2,40,,", 1);
    d.write("teachers.csv", t.as_bytes());
    // The policy file's plan_year decides T03's cool-down (2020 + 3 > 2022),
    // so no --plan-year here: the flag would override it.
    d.write("policy.toml", b"plan_year = 2022\n");
    let o = rotaplan(
        d.path(),
        &["plan", ".", "--policy", "policy.toml", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j = json(&o);
    let reasons: Vec<(String, String)> = j["ineligible"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["teacher"].as_str().unwrap().into(),
                i["reason"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(
        reasons.contains(&("T00".into(), "exempt".into())),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&("T02".into(), "too_few_years".into())),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&("T03".into(), "cool_down".into())),
        "{reasons:?}"
    );
    assert_eq!(j["eligible"], 15);
}

#[test]
fn max_rotation_ratio_caps_the_plan() {
    // 100 eligible, need 40: without a cap all 40 places are filled.
    let d = data_dir(one_district(100, 30, 40));
    let o = plan(d.path(), &[".", "--format", "json"]);
    assert_eq!(json(&o)["rotating"], 40);
    d.write("policy.toml", b"max_rotation_ratio = 0.15\n");
    let o = plan(
        d.path(),
        &[".", "--policy", "policy.toml", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(json(&o)["rotating"], 15);
}

#[test]
fn max_rotation_below_min_is_refused_or_infeasible() {
    let d = data_dir(one_district(100, 30, 40));
    d.write("policy.toml", b"max_rotation_ratio = 0.05\n");
    let o = plan(d.path(), &[".", "--policy", "policy.toml"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "a cap below the minimum is a bad policy"
    );
    // Equal ratios, but ceil(0.1 * 15) = 2 > floor(0.1 * 15) = 1.
    let d = data_dir(one_district(15, 5, 10));
    d.write("policy.toml", b"max_rotation_ratio = 0.1\n");
    let o = plan(d.path(), &[".", "--policy", "policy.toml"]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("allows at most 1"), "{}", stderr(&o));
}

#[test]
fn max_subject_share_limits_one_school_subject() {
    // 100 数学 teachers at U1: a share of 0.25 lets at most 25 leave.
    let d = data_dir(one_district(100, 30, 40));
    d.write("policy.toml", b"max_subject_share = 0.25\n");
    let o = plan(
        d.path(),
        &[".", "--policy", "policy.toml", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(json(&o)["rotating"], 25);
    // 0.05 allows 5, but 10% of 100 requires 10.
    d.write("policy.toml", b"max_subject_share = 0.05\n");
    let o = plan(d.path(), &[".", "--policy", "policy.toml"]);
    assert_eq!(o.status.code(), Some(3));
    assert!(
        stderr(&o).contains("at most 5 of them can be filled"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn scope_school_is_checked_per_sending_school() {
    // U1 has 12 teachers; add U2 with 10 teachers but no backbone teacher:
    // per school, U2 needs 1 rotation and 20% of it backbone: impossible.
    let d = base();
    let mut t = teachers();
    for i in 0..10 {
        t += &format!("V{i},教师,U2,数学,,9,40,,\n");
    }
    d.write("teachers.csv", t.as_bytes());
    d.write(
        "schools.csv",
        format!("{SCHOOLS}U2,第二小学,urban,,,,大丰,33.21,120.46\n").as_bytes(),
    );
    let o = plan(d.path(), &[".", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "district scope: {}", stderr(&o));
    let o = plan(d.path(), &[".", "--scope", "school"]);
    assert_eq!(o.status.code(), Some(3));
    let err = stderr(&o);
    assert!(
        err.contains("school U2") && err.contains("backbone"),
        "{err}"
    );
}

#[test]
fn a_failing_run_leaves_an_existing_plan_untouched() {
    let d = base();
    d.write("plan.csv", "teacher,to_school\nOLD,R1\n".as_bytes());
    let before = std::fs::read(d.file("plan.csv")).unwrap();
    // Bad input (exit 2), then an infeasible policy (exit 3).
    d.write("needs.csv", b"school,subject,count\nR1,x,-1\n");
    assert_eq!(plan(d.path(), &["."]).status.code(), Some(2));
    assert_eq!(std::fs::read(d.file("plan.csv")).unwrap(), before);
    d.write("needs.csv", NEEDS.as_bytes());
    assert_eq!(
        plan(d.path(), &[".", "--ratio", "0.9"]).status.code(),
        Some(3)
    );
    assert_eq!(std::fs::read(d.file("plan.csv")).unwrap(), before);
    let left: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}
