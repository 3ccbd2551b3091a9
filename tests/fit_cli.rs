//! fit.md ("Plans a bureau can adopt") through the binary: each clause a
//! test, with values computed by hand.

mod common;
use common::*;

/// fit.md "The plan year": a policy file's `plan_year` outside 1900-9999
/// is bad input naming the key and its line, as on the command line.
#[test]
fn a_plan_year_out_of_range_in_the_policy_file_is_bad_input() {
    let dir = DataDir::new(&[("policy.toml", b"# county policy\nplan_year = 1800\n")]);
    let sample = sample();
    let out = rotaplan(
        dir.path(),
        &[
            "plan",
            sample.to_str().unwrap(),
            "--policy",
            "policy.toml",
            "--out",
            "plan.csv",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(
            "policy.toml line 2: key `plan_year`: expected a year from 1900 to 9999, found 1800"
        ),
        "{err}"
    );
    assert!(
        !dir.file("plan.csv").exists(),
        "nothing written on bad input"
    );
    // The same year on the command line is refused by its flag.
    let flag = rotaplan(
        dir.path(),
        &["plan", sample.to_str().unwrap(), "--plan-year", "1800"],
    );
    assert_eq!(flag.status.code(), Some(2));
}

/// A year in range is taken as given.
#[test]
fn a_plan_year_in_range_is_the_plan_year() {
    let dir = DataDir::new(&[("policy.toml", b"plan_year = 2026\n")]);
    let sample = sample();
    let out = rotaplan(
        dir.path(),
        &[
            "check",
            sample.to_str().unwrap(),
            "--policy",
            "policy.toml",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json(&out)["plan_year"], 2026);
    assert_eq!(json(&out)["as_of"], "2026-08-31");
}

/// A county of one sending school (U1) with four teachers whose 人员状态 and
/// 学历 cells are the given words, and one rural need.
fn county_with(words: &[(&str, &str)]) -> DataDir {
    let schools = "id,name,area,level,students,district\nU1,城区实验小学,urban,小学,600,大丰\nR1,草堰小学,rural,小学,200,大丰\n";
    let mut teachers =
        String::from("id,name,school,subject,backbone,years_at_school,人员状态,学历\n");
    for (i, (status, education)) in words.iter().enumerate() {
        teachers += &format!("T{i},教师{i},U1,数学,county,8,{status},{education}\n");
    }
    DataDir::tables(schools, &teachers, "school,subject,count\nR1,数学,1\n")
}

/// fit.md "Words bureaus use": 在岗, 借调, 病休 and 支教 as the codes they
/// stand for (100, 201, 203, 205); 大学本科, 硕士研究生, 大学专科 and 中等专业学校
/// as degrees. By hand: T0 (在岗) is eligible, T1 (借调) and T2 (病休) are
/// not at post, T3 (支教) is away on rotation.
#[test]
fn status_and_education_words_of_bureaus_are_read() {
    let dir = county_with(&[
        ("在岗", "大学本科"),
        ("借调", "硕士研究生"),
        ("病休", "大学专科"),
        ("支教", "中等专业学校"),
    ]);
    let out = rotaplan_pinned(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json(&out);
    let text = v.to_string();
    // One eligible (T0); T1 and T2 not at post (status 201, 203); T3 away (205).
    assert_eq!(v["eligible"], 1, "{text}");
    let reasons = &v["ineligible"];
    assert_eq!(reasons["status"], 2, "{text}");
    assert_eq!(reasons["away"], 1, "{text}");
}

/// An education word not known is a warning, not an error: the run goes
/// on and the teacher counts as not above the required degree.
#[test]
fn an_unknown_education_word_is_a_warning() {
    let dir = county_with(&[("在岗", "大学本科"), ("在岗", "函授")]);
    let out = rotaplan_pinned(dir.path(), &["check", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("1 teacher has an education (学历) not recognised (first `函授` on line 3"),
        "{text}"
    );
    // A status word no one uses stays bad input, naming the words it knows.
    let bad = county_with(&[("休假中", "本科")]);
    let out = rotaplan_pinned(bad.path(), &["check", "."]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("teachers.csv line 2"), "{err}");
    assert!(err.contains("在岗, 在职, 正常, 在编在岗: 100"), "{err}");
}

/// fit.md "A rule never switches off in silence": `在校学生数` is the
/// students column, so the schools are graded (their CVs computed).
#[test]
fn students_under_the_bureaus_headers_grade_the_schools() {
    for header in ["在校学生数", "在校生数", "学生人数", "在籍学生数"] {
        let schools = format!(
            "id,name,area,level,{header},district\nU1,城区实验小学,urban,小学,600,大丰\nR1,草堰小学,rural,小学,200,大丰\nR2,新丰小学,rural,小学,300,大丰\n"
        );
        let teachers = "id,name,school,subject,backbone,years_at_school\nT0,教师0,U1,数学,county,8\nT1,教师1,R1,体育,none,8\nT2,教师2,R2,数学,county,8\n";
        let dir = DataDir::tables(&schools, teachers, "school,subject,count\nR1,数学,1\n");
        let out = rotaplan_pinned(dir.path(), &["indicators", ".", "--format", "json"]);
        assert_eq!(out.status.code(), Some(0), "{header}: {}", stderr(&out));
        let v = json(&out);
        // Three graded 小学 (none ungraded), one CV row per indicator.
        assert_eq!(
            v["ungraded"].as_array().map(Vec::len),
            Some(0),
            "{header}: {v}"
        );
        assert_eq!(
            v["schools"].as_array().map(Vec::len),
            Some(3),
            "{header}: {v}"
        );
    }
}

/// fit.md "The smallest share and exactly the required number": a fix
/// names the policy key that sets its rule, to paste into the policy file.
/// The sample county at 90%: 276 places of need, so at most 14.0% (92/653
/// of 1959 eligible, as `rotaplan plan --ratio 0.9` showed before).
#[test]
fn a_fix_names_the_policy_key() {
    let dir = DataDir::new(&[]);
    let sample = sample();
    let out = rotaplan_pinned(
        dir.path(),
        &[
            "plan",
            sample.to_str().unwrap(),
            "--ratio",
            "0.9",
            "--out",
            "p.csv",
        ],
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("would fix it: set min_rotation_ratio to 14.0% (92/653) or less strict"),
        "{err}"
    );
    assert!(!err.contains("set rotation_ratio"), "{err}");
}

/// A pin (`assign_to`) to a school that cannot receive is bad input
/// naming teachers.csv, the teacher's line and the column.
#[test]
fn a_pin_to_a_school_that_cannot_receive_names_its_line() {
    let schools = "id,name,area,district\nU1,城区实验小学,urban,大丰\nU2,城区第二小学,urban,大丰\nR1,草堰小学,rural,大丰\n";
    let teachers = "id,name,school,subject,backbone,years_at_school,assign_to\nT0,教师0,U1,数学,county,8,\nT1,教师1,U1,数学,none,8,U2\n";
    let dir = DataDir::tables(schools, teachers, "school,subject,count\nR1,数学,1\n");
    let out = rotaplan_pinned(dir.path(), &["plan", ".", "--out", "p.csv"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(
            "teachers.csv line 3, column `assign_to`: teacher T1: school U2 is not a receiving school"
        ),
        "{err}"
    );
    assert!(!dir.file("p.csv").exists());
}

/// fit.md "Years at the school": the school years completed by the end
/// of `as_of` (2027-08-31 for plan year 2027). An entry on 2021-09-01 (or
/// `2021-09`) has 6 years, one on 2021-09-02 has 5; under
/// `min_years_at_school = 6` only the first two are eligible.
#[test]
fn years_at_the_school_count_from_the_entry_date_to_the_day_after_as_of() {
    let schools = "id,name,area,district\nU1,城区实验小学,urban,大丰\nR1,草堰小学,rural,大丰\n";
    let teachers = "id,name,school,subject,backbone,进本校时间\nT0,教师0,U1,数学,county,2021-09-01\nT1,教师1,U1,数学,county,2021-09\nT2,教师2,U1,数学,county,2021-09-02\n";
    let dir = DataDir::tables(schools, teachers, "school,subject,count\nR1,数学,1\n");
    dir.write(
        "policy.toml",
        b"plan_year = 2027\nmin_years_at_school = 6\n",
    );
    let out = rotaplan(
        dir.path(),
        &["check", ".", "--policy", "policy.toml", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["as_of"], "2027-08-31");
    assert_eq!(v["eligible"], 2, "{v}");
    assert_eq!(v["ineligible"]["too_few_years"], 1, "{v}");
}

/// fit.md "A rule never switches off in silence": the entry date headed
/// `进入本校年月` (not an alias) under `min_years_at_school = 6` in the
/// policy file is bad input naming the key and its line, the columns its
/// rule reads and the header not read; nothing is planned.
#[test]
fn a_key_whose_rule_finds_no_column_is_bad_input() {
    let schools = "id,name,area,district\nU1,城区实验小学,urban,大丰\nR1,草堰小学,rural,大丰\n";
    let teachers = "id,name,school,subject,backbone,进入本校年月\nT0,教师0,U1,数学,county,2024-09\nT1,教师1,U1,数学,none,2015-09\n";
    let dir = DataDir::tables(schools, teachers, "school,subject,count\nR1,数学,1\n");
    dir.write("policy.toml", b"# county\nmin_years_at_school = 6\n");
    for command in ["plan", "check", "audit"] {
        let mut args = vec![command, ".", "--policy", "policy.toml"];
        if command == "audit" {
            args.extend(["--plan", "plan.csv"]);
        }
        let out = rotaplan_pinned(dir.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{command}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("policy.toml line 2: key `min_years_at_school`: the rule reads years_at_school, school_entry"),
            "{command}: {err}"
        );
        assert!(
            err.contains("headers of it not read: 进入本校年月"),
            "{err}"
        );
    }
    assert!(!dir.file("plan.csv").exists());
    // Without the key set, the default rule is no error: the plan goes on.
    let out = rotaplan_pinned(dir.path(), &["plan", ".", "--out", "plan.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Set to a value that applies no rule, it needs no column.
    dir.write("policy.toml", b"min_years_at_school = 0\n");
    let out = rotaplan_pinned(dir.path(), &["check", ".", "--policy", "policy.toml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// fit.md "The smallest share and exactly the required number": under
/// `max_rotation_ratio = "required"` exactly ceil(10% x 25) = 3 of 25
/// eligible teachers rotate, though 10 places could be filled; the plan
/// passes the audit. (`max_rotation_ratio = 0.10` would allow floor(2.5) =
/// 2, below the 3 required: infeasible.)
#[test]
fn max_rotation_ratio_required_plans_exactly_the_required_number() {
    let dir = data_dir(one_district(25, 5, 10));
    dir.write("policy.toml", b"max_rotation_ratio = \"required\"\n");
    let out = rotaplan_pinned(
        dir.path(),
        &[
            "plan",
            ".",
            "--policy",
            "policy.toml",
            "--format",
            "json",
            "--out",
            "plan.csv",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["eligible"], 25, "{v}");
    assert_eq!(v["required"], 3, "{v}");
    assert_eq!(v["rotating"], 3, "{v}");
    let audit = rotaplan_pinned(
        dir.path(),
        &[
            "audit",
            ".",
            "--policy",
            "policy.toml",
            "--plan",
            "plan.csv",
        ],
    );
    assert_eq!(audit.status.code(), Some(0), "{}", stdout(&audit));
    // The numeric 10% allows 2 of the 3 required: no plan.
    dir.write("policy.toml", b"max_rotation_ratio = 0.10\n");
    let out = rotaplan_pinned(dir.path(), &["plan", ".", "--policy", "policy.toml"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    // Without the cap the plan fills the 10 places.
    let out = rotaplan_pinned(dir.path(), &["plan", ".", "--format", "json"]);
    assert_eq!(json(&out)["rotating"], 10);
}

/// fit.md "Conflicts are shown, not settled in silence": a backbone flag
/// against a level, and an ID number's birth date against `birth_date`,
/// are warnings naming the first teacher (the ID number masked) and which
/// value is used.
#[test]
fn conflicting_columns_are_warnings() {
    let schools = "id,name,area,district\nU1,城区实验小学,urban,大丰\nR1,草堰小学,rural,大丰\n";
    let teachers = "id,name,school,subject,骨干类别,是否县级及以上骨干教师,身份证件号,出生日期,性别,years_at_school\n\
        T0,教师0,U1,数学,无,是,,,,8\n\
        T1,教师1,U1,数学,县级骨干教师,是,11010519491231002X,1950-01-01,女,8\n";
    let dir = DataDir::tables(schools, teachers, "school,subject,count\nR1,数学,1\n");
    let out = rotaplan_pinned(dir.path(), &["check", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("teachers.csv: 1 teacher (first T0 on line 2): the backbone flag (是否县级及以上骨干教师) and the backbone level disagree; the higher of the two is used"),
        "{text}"
    );
    assert!(
        text.contains("1 teacher (first T1 on line 3): the ID number's birth date differs from birth_date (出生日期); the birth_date column is used"),
        "{text}"
    );
    // The sex agrees (an even 17th digit is female): no warning of it.
    assert!(!text.contains("the ID number's sex"), "{text}");
    assert!(
        !text.contains("11010519491231002X"),
        "no ID number whole: {text}"
    );
}

/// fit.md "Words bureaus use": 产假, 孕期 and 哺乳期 make a teacher not
/// eligible with reason `status`, the word as its detail. By hand: of the
/// four teachers only T3 (在岗) is eligible; T0-T2 are not, for `status`.
#[test]
fn leave_words_make_a_teacher_not_eligible_for_status() {
    let dir = county_with(&[
        ("产假", "本科"),
        ("孕期", "本科"),
        ("哺乳期", "本科"),
        ("在岗", "本科"),
    ]);
    let out = rotaplan_pinned(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json(&out);
    let text = v.to_string();
    assert_eq!(v["eligible"], 1, "{text}");
    assert_eq!(v["ineligible"]["status"], 3, "{text}");
    // The plan's JSON names each with reason `status` and the word.
    let out = rotaplan_pinned(dir.path(), &["plan", ".", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json(&out);
    let reasons: Vec<(String, String, String)> = v["ineligible"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["teacher"].as_str().unwrap().to_string(),
                r["reason"].as_str().unwrap().to_string(),
                r["detail"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [("T0", "产假"), ("T1", "孕期"), ("T2", "哺乳期")];
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    for ((teacher, reason, detail), (id, word)) in reasons.iter().zip(expected) {
        assert_eq!((teacher.as_str(), reason.as_str()), (id, "status"));
        assert_eq!(detail, &format!("not at post: {word}"));
    }
    // A plan that sends T0 anyway breaks `ineligible_teacher` in the audit,
    // with the same reason.
    dir.write("p.csv", "teacher,to_school\nT0,R1\n".as_bytes());
    let out = rotaplan_pinned(
        dir.path(),
        &["audit", ".", "--plan", "p.csv", "--format", "json"],
    );
    let v = json(&out);
    let violation = v["violations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["rule"] == "ineligible_teacher")
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(violation["reason"], "status");
    assert!(
        violation["message"].as_str().unwrap().contains("产假"),
        "{violation}"
    );
    // The message for a word not known lists these words too.
    let bad = county_with(&[("休假中", "本科")]);
    let out = rotaplan_pinned(bad.path(), &["check", "."]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("产假, 孕期, 哺乳期"), "{err}");
}

/// fit.md "Conflicts are shown": in a plan file, a name that is not the
/// name of the teacher the row's 工号 names breaks `name_mismatch`, and a
/// `to_school_name` that is not the name of the row's `to_school` breaks
/// `school_mismatch`; such rows are not counted. By hand, on U1 with five
/// 数学 teachers (教师0-教师4) and R1 needing 5:
/// line 2 `教师 0` is 教师0 (white space aside): counted;
/// line 3 `张三` is not 教师1: name_mismatch;
/// line 4 no name, `城区实验小学` is U1, not R1: school_mismatch;
/// line 5 `不存在学校` is no school: school_mismatch;
/// line 6 only the destination's name (`草堰小学`, R1): counted.
/// So 2 rotate.
#[test]
fn names_and_school_names_that_disagree_with_the_row_are_violations() {
    let dir = data_dir(one_district(5, 2, 5));
    dir.write(
        "p.csv",
        "工号,姓名,交流学校,交流学校名称\n\
         T000,教师 0,R1,草堰小学\n\
         T001,张三,R1,草堰小学\n\
         T002,,R1,城区实验小学\n\
         T003,教师3,R1,不存在学校\n\
         T004,教师4,,草堰小学\n"
            .as_bytes(),
    );
    let out = rotaplan_pinned(
        dir.path(),
        &["audit", ".", "--plan", "p.csv", "--format", "json"],
    );
    let v = json(&out);
    let text = v.to_string();
    assert_eq!(v["rotating"], 2, "{text}");
    let found: Vec<(String, u64, String, String)> = v["violations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["rule"] == "name_mismatch" || x["rule"] == "school_mismatch")
        .map(|x| {
            (
                x["rule"].as_str().unwrap().to_string(),
                x["line"].as_u64().unwrap(),
                x["teacher"].as_str().unwrap().to_string(),
                x["school"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected: Vec<(String, u64, String, String)> = [
        ("name_mismatch", 3, "T001"),
        ("school_mismatch", 4, "T002"),
        ("school_mismatch", 5, "T003"),
    ]
    .into_iter()
    .map(|(r, l, t)| (r.to_string(), l, t.to_string(), "R1".to_string()))
    .collect();
    assert_eq!(found, expected, "{text}");
    let messages: Vec<&str> = v["violations"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|x| x["message"].as_str())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("`张三`") && m.contains("`教师1`")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("`城区实验小学` is school U1")),
        "{messages:?}"
    );
    // The table names the rule, the teacher and the line too.
    let out = rotaplan_pinned(dir.path(), &["audit", ".", "--plan", "p.csv"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let table = stdout(&out);
    assert!(table.contains("name_mismatch"), "{table}");
    assert!(table.contains("school_mismatch"), "{table}");
    assert!(table.contains("T003"), "{table}");
}

/// A small county for the education CV (fit.md "Balance: the education
/// indicator counts"): U1 (小学, 100 students) sends T1 (本科, above the
/// required 中专), U2 (ungraded) sends T2 (中专, not above), R1 (小学, 100
/// students, T3 大专: above) needs one 数学 teacher. T1 is nearer R1.
fn education_county(with_education: bool) -> DataDir {
    let schools = "id,name,area,level,students,district,lat,lon\n\
                   U1,城区一小,urban,小学,100,大丰,33.20,120.40\n\
                   U2,城区二小,urban,,,大丰,33.90,121.40\n\
                   R1,草堰小学,rural,小学,100,大丰,33.10,120.35\n";
    let teachers = if with_education {
        "id,name,school,subject,backbone,years_at_school,education\n\
         T1,甲,U1,数学,none,8,本科\n\
         T2,乙,U2,数学,none,8,中专\n\
         T3,丙,R1,语文,none,8,大专\n"
    } else {
        "id,name,school,subject,backbone,years_at_school\n\
         T1,甲,U1,数学,none,8\n\
         T2,乙,U2,数学,none,8\n\
         T3,丙,R1,语文,none,8\n"
    };
    let dir = DataDir::tables(schools, teachers, "school,subject,count\nR1,数学,1\n");
    dir.write("report.toml", b"min_backbone_share = 0\n");
    dir.write("keep.toml", b"min_backbone_share = 0\nbalance = \"keep\"\n");
    dir
}

/// The education CV of the 小学 of 大丰 in a plan's JSON `balance`.
fn education_entry(v: &serde_json::Value) -> serde_json::Value {
    v["balance"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["indicator"] == "education" && b["level"] == "primary")
        .cloned()
        .unwrap_or_else(|| panic!("no education entry: {v}"))
}

/// fit.md "Balance: the education indicator counts". By hand: before,
/// U1 and R1 have 1 teacher above the degree per 100 students each: X̄ =
/// 1, CV = 0. Under `report` the nearer T1 (本科) goes: U1 0, R1 2 per 100,
/// X̄ = 1, S = sqrt(0.5 * 1 + 0.5 * 1) = 1, CV = 1.0 > 0.50: not kept.
/// Under `keep` T2 (中专) goes instead: U1 1, R1 1, CV = 0: kept. Without
/// `education` values, `balance` has no education entry.
#[test]
fn the_education_cv_is_kept_under_keep() {
    let dir = education_county(true);
    let plan = |policy: &str| {
        let out = rotaplan_pinned(
            dir.path(),
            &["plan", ".", "--policy", policy, "--format", "json"],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        json(&out)
    };
    let report = plan("report.toml");
    let moved = |v: &serde_json::Value| v["plan"][0]["teacher"].as_str().unwrap().to_string();
    assert_eq!(moved(&report), "T1", "{report}");
    let e = education_entry(&report);
    assert_eq!(e["cv_before"].as_f64(), Some(0.0), "{e}");
    assert!((e["cv_after"].as_f64().unwrap() - 1.0).abs() < 1e-9, "{e}");
    assert_eq!(e["limit"].as_f64(), Some(0.5));
    assert_eq!(e["kept"], false, "{e}");
    let keep = plan("keep.toml");
    assert_eq!(moved(&keep), "T2", "{keep}");
    let e = education_entry(&keep);
    assert_eq!(e["cv_after"].as_f64(), Some(0.0), "{e}");
    assert_eq!(e["kept"], true, "{e}");
    assert_eq!(keep["needs_filled"], 1);
    // The table of the `report` plan names the CV not kept.
    let out = rotaplan_pinned(dir.path(), &["plan", ".", "--policy", "report.toml"]);
    let table = stdout(&out);
    assert!(table.contains("education"), "{table}");
    // Without education values: no education entry, and `balance` has
    // only the other indicators.
    let bare = education_county(false);
    let out = rotaplan_pinned(
        bare.path(),
        &["plan", ".", "--policy", "keep.toml", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json(&out);
    assert!(
        v["balance"]
            .as_array()
            .unwrap()
            .iter()
            .all(|b| b["indicator"] != "education"),
        "{v}"
    );
    assert!(v.get("education_balance").is_none(), "{v}");
}

/// A county of one sending school U1 (小学, no students) and one rural
/// school R1 needing one 数学: the teachers' header and rows as given.
fn warned_county(teachers: &str) -> DataDir {
    let schools = "id,name,area,level,district\nU1,城区实验小学,urban,小学,大丰\nR1,草堰小学,rural,小学,大丰\n";
    DataDir::tables(schools, teachers, "school,subject,count\nR1,数学,1\n")
}

/// fit.md "A rule never switches off in silence": every command that reads
/// a data set reports check's warnings; in table format their number and
/// the first five on stderr, in JSON all of them as objects `{code,
/// message, file, line, column}`. Here two: a backbone flag against a
/// level (T0, line 2) and an ID number's birth date against birth_date
/// (T1, line 3).
#[test]
fn every_command_reports_the_warnings_as_objects() {
    let dir = warned_county(
        "id,name,school,subject,骨干类别,是否县级及以上骨干教师,身份证件号,出生日期,性别,years_at_school\n\
         T0,教师0,U1,数学,无,是,,,,8\n\
         T1,教师1,U1,数学,县级骨干教师,是,11010519491231002X,1950-01-01,女,8\n",
    );
    let backbone = "teachers.csv: 1 teacher (first T0 on line 2): the backbone flag (是否县级及以上骨干教师) and the backbone level disagree; the higher of the two is used";
    let birth = "teachers.csv: 1 teacher (first T1 on line 3): the ID number's birth date differs from birth_date (出生日期); the birth_date column is used";
    for args in [
        vec!["check", ".", "--format", "json"],
        vec!["indicators", ".", "--format", "json"],
    ] {
        let out = rotaplan_pinned(dir.path(), &args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let w = &json(&out)["warnings"];
        assert_eq!(
            w,
            &serde_json::json!([
                {"code": "backbone_conflict", "message": format!("./{backbone}"), "file": "./teachers.csv", "line": 2, "column": "backbone_flag"},
                {"code": "birth_date_conflict", "message": format!("./{birth}"), "file": "./teachers.csv", "line": 3, "column": "birth_date"},
            ]),
            "{args:?}"
        );
        assert!(stderr(&out).is_empty(), "JSON: nothing on stderr");
    }
    // Table format: the number and the lines on stderr.
    let out = rotaplan_pinned(dir.path(), &["indicators", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!("2 warnings:\n  - ./{backbone}\n  - ./{birth}\n")
    );
    // plan's JSON gains the key too.
    let out = rotaplan_pinned(dir.path(), &["plan", ".", "--format", "json"]);
    let w = json(&out)["warnings"].clone();
    assert_eq!(w.as_array().map(Vec::len), Some(2), "{w}");
    assert_eq!(w[0]["code"], "backbone_conflict");
}

/// The table shows the first five of more: six needs of subjects nobody
/// teaches are six warnings; stderr says 6 and lists 5.
#[test]
fn the_table_shows_the_first_five_warnings() {
    let schools = "id,name,area,district\nU1,城区实验小学,urban,大丰\nR1,草堰小学,rural,大丰\n";
    let teachers = "id,name,school,subject,years_at_school\nT0,教师0,U1,数学,8\n";
    let needs =
        "school,subject,count\nR1,数学,1\nR1,一,1\nR1,二,1\nR1,三,1\nR1,四,1\nR1,五,1\nR1,六,1\n";
    let dir = DataDir::tables(schools, teachers, needs);
    let out = rotaplan_pinned(dir.path(), &["indicators", "."]);
    let err = stderr(&out);
    assert!(
        err.starts_with("6 warnings (the first 5; all of them with --format json):\n"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 6, "{err}");
    assert!(err.contains("the need of R1 for 五:"), "{err}");
    assert!(!err.contains("the need of R1 for 六:"), "{err}");
}

/// fit.md "Headers": a header typed with Alt+Enter (`是否县级及以上⏎骨干教师`)
/// and one in full-width letters (`ｙｅａｒｓ＿ａｔ＿ｓｃｈｏｏｌ`) are those
/// headers after NFKC and the removal of white space.
#[test]
fn headers_are_matched_after_nfkc_without_white_space() {
    let dir = warned_county(
        "id,name,school,subject,\"是否县级及以上\n骨干教师\",ｙｅａｒｓ＿ａｔ＿ｓｃｈｏｏｌ\n\
         T0,教师0,U1,数学,是,8\n",
    );
    let out = rotaplan_pinned(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let columns = &json(&out)["files"][1]["columns"];
    assert_eq!(columns["是否县级及以上\n骨干教师"], "backbone_flag");
    assert_eq!(columns["ｙｅａｒｓ＿ａｔ＿ｓｃｈｏｏｌ"], "years_at_school");
    assert_eq!(json(&out)["warnings"], serde_json::json!([]));
}

/// fit.md "Headers": `进入本校年月` is one edit from `进本校年月`
/// (school_entry; 5 characters, 2 edits allowed) and no other name of a
/// column the file lacks: a warning naming it.
#[test]
fn a_header_close_to_a_known_one_is_a_warning() {
    let dir = warned_county(
        "id,name,school,subject,years_at_school,进入本校年月\nT0,教师0,U1,数学,8,2015-09\n",
    );
    let out = rotaplan_pinned(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        json(&out)["warnings"],
        serde_json::json!([{
            "code": "header_not_read",
            "message": "column `进入本校年月` (./teachers.csv) was not read: did you mean `进本校年月` (school_entry)?",
            "file": "./teachers.csv",
            "line": 1,
            "column": "进入本校年月",
        }])
    );
}

/// fit.md: `min_years_at_school` applies by default (6 years) and no
/// teacher at the sending school has years at the school or an entry
/// date: a warning. Set in the policy file, it is bad input instead.
#[test]
fn the_default_min_years_without_years_is_a_warning() {
    let dir = warned_county("id,name,school,subject\nT0,教师0,U1,数学\n");
    let out = rotaplan_pinned(dir.path(), &["indicators", ".", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        json(&out)["warnings"],
        serde_json::json!([{
            "code": "min_years_not_checked",
            "message": "min_years_at_school applies by default (6 years), but no teacher at a sending school has years at the school or an entry date in teachers.csv: no one is held back by it (set min_years_at_school = 0 in the policy to say so, or add years_at_school or school_entry)",
            "file": "./teachers.csv",
        }])
    );
    dir.write("policy.toml", b"min_years_at_school = 6\n");
    let out = rotaplan_pinned(dir.path(), &["check", ".", "--policy", "policy.toml"]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
}

/// fit.md: without students the balance is not computed, and plan and
/// compare say so in one line (compare's `cv!` shows `-`); a graded data
/// set where R2 lacks students is a warning naming it.
#[test]
fn the_balance_not_computed_is_said() {
    let dir = data_dir(one_district(10, 4, 1));
    let line = "quality balance not computed: no school with a level has students (schools.csv `students`, 在校学生数)";
    let out = rotaplan_pinned(dir.path(), &["plan", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains(line), "{}", stdout(&out));
    // report: on stdout and on the page.
    let out = rotaplan_pinned(dir.path(), &["report", ".", "--plan", "plan.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains(line), "{}", stdout(&out));
    let page = std::fs::read_to_string(dir.file("report.html")).unwrap();
    assert!(
        page.contains("quality balance not computed: no school with a level has students"),
        "the page says so"
    );
    let out = rotaplan_pinned(
        dir.path(),
        &["compare", ".", "--sweep", "min_rotation_ratio=0.10"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains(line), "{text}");
    let out = rotaplan_pinned(
        dir.path(),
        &[
            "compare",
            ".",
            "--sweep",
            "min_rotation_ratio=0.10",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        json(&out)["scenarios"][0]["cvs_not_kept"],
        serde_json::Value::Null
    );
    // Graded: U1 and R1 with students, R2 without.
    dir.write(
        "schools.csv",
        "id,name,area,level,students,district\nU1,城区实验小学,urban,小学,600,大丰\nR1,草堰小学,rural,小学,200,大丰\nR2,南阳小学,rural,小学,,大丰\n".as_bytes(),
    );
    let out = rotaplan_pinned(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(
        json(&out)["warnings"],
        serde_json::json!([{
            "code": "students_missing",
            "message": "schools.csv: 1 school has no students (R2): left out of the quality balance",
            "file": "./schools.csv",
            "column": "students",
        }])
    );
}

/// fit.md: a need of 道法 where the district's teachers teach 道德与法治 and
/// 数学: a warning naming the need and 道德与法治 (2 characters shared; 数学
/// shares none).
#[test]
fn a_need_nobody_teaches_names_the_closest_subject() {
    let schools = "id,name,area,district\nU1,城区实验小学,urban,大丰\nR1,草堰小学,rural,大丰\n";
    let teachers =
        "id,name,school,subject,years_at_school\nT0,教师0,U1,数学,8\nT1,教师1,U1,道德与法治,8\n";
    let dir = DataDir::tables(schools, teachers, "school,subject,count\nR1,道法,1\n");
    let out = rotaplan_pinned(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(
        json(&out)["warnings"],
        serde_json::json!([{
            "code": "need_subject_not_taught",
            "message": "./needs.csv: the need of R1 for 道法: no teacher of district 大丰 teaches 道法; did you mean 道德与法治?",
            "file": "./needs.csv",
            "line": 2,
            "column": "subject",
        }])
    );
}

/// fit.md "Conflicts are shown": an ID number with a wrong check character
/// (110105194912310021; the right one is X) is a warning when birth_date
/// and sex have their own cells and the number is not the id; without
/// those cells it stays bad input. The number is never shown whole.
#[test]
fn a_wrong_check_character_is_a_warning_with_its_own_columns() {
    let dir = warned_county(
        "id,name,school,subject,years_at_school,身份证件号,出生日期,性别\n\
         T0,教师0,U1,数学,8,110105194912310021,1980-01-01,女\n",
    );
    let out = rotaplan_pinned(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        json(&out)["warnings"],
        serde_json::json!([{
            "code": "id_card_check",
            "message": "./teachers.csv: 1 teacher (first T0 on line 2): the ID number has a wrong check character (ISO 7064 MOD 11-2); birth_date (出生日期) and sex (性别) are read from their own columns",
            "file": "./teachers.csv",
            "line": 2,
            "column": "id_card",
        }])
    );
    assert!(!stdout(&out).contains("110105194912310021"));
    // Without 性别: bad input, the number masked.
    dir.write(
        "teachers.csv",
        "id,name,school,subject,years_at_school,身份证件号,出生日期\nT0,教师0,U1,数学,8,110105194912310021,1980-01-01\n".as_bytes(),
    );
    let out = rotaplan_pinned(dir.path(), &["check", "."]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("1101**********0021"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("110105194912310021"));
}

/// fit.md: `check` says where each age came from without counting a
/// teacher twice: T0 by `age`, T1 by `birth_date` (its ID number agrees),
/// T2 by its ID number only.
#[test]
fn check_counts_each_age_once() {
    let dir = warned_county(
        "id,name,school,subject,years_at_school,age,出生日期,身份证件号\n\
         T0,教师0,U1,数学,8,40,,\n\
         T1,教师1,U1,数学,8,,1949-12-31,11010519491231002X\n\
         T2,教师2,U1,数学,8,,,440524188001010014\n",
    );
    let out = rotaplan_pinned(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        json(&out)["derived"]["ages_from"],
        serde_json::json!({"age": 1, "birth_date": 1, "id_card": 1})
    );
    let out = rotaplan_pinned(dir.path(), &["check", "."]);
    assert!(
        stdout(&out).contains(
            "ages from the age column 1, from birth_date 1, from ID numbers 1 (each teacher once)"
        ),
        "{}",
        stdout(&out)
    );
}
