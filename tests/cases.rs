//! Cases from the field (`tests/cases/<name>/`, copied from the bureaus'
//! files; each README says what a planner runs and expects), run through
//! the binary as a planner runs them, and the kinds of input they stand
//! for: subjects, ids and school names compared without white space, a
//! school named instead of its id, the national template's headers, plans
//! typed from published lists, and ID numbers kept out of every output but
//! the plan file.

mod common;

use common::{json, rotaplan, rotaplan_pinned, stderr, stdout};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A case folder (or a file in it) as an argument.
fn case(path: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases")
        .join(path)
        .display()
        .to_string()
}

fn ok(o: &std::process::Output) {
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(o), stderr(o));
}

/// The strings at `key` of each object in the list `list`.
fn strings<'a>(list: &'a Value, key: &str) -> Vec<&'a str> {
    list.as_array()
        .unwrap_or_else(|| panic!("not a list: {list}"))
        .iter()
        .map(|v| v[key].as_str().unwrap_or_else(|| panic!("no {key}: {v}")))
        .collect()
}

/// (teacher, to_school) of each row of a plan JSON.
fn moves(plan: &Value) -> Vec<(String, String)> {
    plan["plan"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["teacher"].as_str().unwrap().to_string(),
                r["to_school"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The `count` before the plan of one indicator at each school.
fn counts_before(indicators: &Value, indicator: &str) -> Vec<(String, u64)> {
    indicators["schools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["school"].as_str().unwrap().to_string(),
                s["indicators"][indicator]["before"]["count"]
                    .as_u64()
                    .unwrap(),
            )
        })
        .collect()
}

// ------------------------------------------------------------ the cases

/// X02's roster spells 语　文, 数　学, 英　语, 体　育 (U+3000 inside) and
/// needs.csv has 英语 + U+00A0 and 体育 + U+3000: one subject each, so the
/// plan is the clean data's.
#[test]
fn fullwidth_space_subject_is_one_subject() {
    let dir = tempfile::tempdir().unwrap();
    let data = case("fullwidth-space-subject");
    // The README's figures are those of data-format.md's order (fill, then
    // distance): `spread = false`; and of its matching, before fit.md's
    // teaching levels (`level_match = "any"`: X02 is a 初中 whose teachers
    // also fill the 小学 needs).
    std::fs::write(
        dir.path().join("order.toml"),
        "plan_year = 2026\nspread = false\nlevel_match = \"any\"\n",
    )
    .unwrap();
    let o = rotaplan(
        dir.path(),
        &[
            "plan",
            &data,
            "--policy",
            "order.toml",
            "--format",
            "json",
            "--out",
            "plan.csv",
        ],
    );
    ok(&o);
    let plan = json(&o);
    assert_eq!(
        (plan["needs_filled"].as_u64(), plan["needs_total"].as_u64()),
        (Some(5), Some(5))
    );
    let km = plan["total_distance_km"].as_f64().unwrap();
    assert_eq!(format!("{km:.1}"), "172.9");
    let from = strings(&plan["plan"], "from_school");
    assert_eq!(from.iter().filter(|s| **s == "X02").count(), 4, "{from:?}");
    // Outputs show the first spelling met (X01's, without the space).
    let subjects: BTreeSet<&str> = strings(&plan["plan"], "subject").into_iter().collect();
    assert_eq!(subjects, BTreeSet::from(["体育", "数学", "英语", "语文"]));

    // Under the default objective too, the plan is the clean data's.
    let clean = dir.path().join("clean");
    std::fs::create_dir(&clean).unwrap();
    for file in ["schools.csv", "teachers.csv", "needs.csv"] {
        let text = std::fs::read_to_string(Path::new(&data).join(file)).unwrap();
        std::fs::write(clean.join(file), text.replace(['\u{3000}', '\u{a0}'], "")).unwrap();
    }
    let plan_of = |folder: &str| {
        let o = rotaplan_pinned(
            dir.path(),
            &["plan", folder, "--format", "json", "--out", "p.csv"],
        );
        ok(&o);
        json(&o)
    };
    let spaced = plan_of(&data);
    let clean = plan_of(clean.to_str().unwrap());
    assert_eq!(moves(&spaced), moves(&clean));
    assert_eq!(spaced["total_distance_km"], clean["total_distance_km"]);
    assert_eq!(spaced["eligible"], clean["eligible"]);

    // X02's 体　育 teacher counts in sports and arts.
    let o = rotaplan_pinned(dir.path(), &["indicators", &data, "--format", "json"]);
    ok(&o);
    let sports = counts_before(&json(&o), "sports_arts");
    assert!(sports.contains(&("X02".to_string(), 1)), "{sports:?}");
}

/// Backbone written as category words (县级骨干教师, 市级学科带头人,
/// 省特级教师, 县级名师) under 骨干类别, and under 骨干教师 in
/// `renamed-header/`: the five are backbone and plans meet the 20% rule.
#[test]
fn backbone_category_words_make_backbone_teachers() {
    let dir = tempfile::tempdir().unwrap();
    for folder in [
        case("backbone-category-words"),
        case("backbone-category-words/renamed-header"),
    ] {
        let o = rotaplan_pinned(
            dir.path(),
            &[
                "compare",
                &folder,
                "--sweep",
                "min_rotation_ratio=0.10,0.15",
                "--format",
                "json",
            ],
        );
        ok(&o);
        let scenarios = json(&o)["scenarios"].as_array().unwrap().clone();
        assert_eq!(scenarios.len(), 3, "{folder}");
        for s in &scenarios {
            assert_eq!(s["status"], "optimal", "{folder}: {s}");
            let (backbone, rotating) = (
                s["backbone"].as_u64().unwrap(),
                s["rotating"].as_u64().unwrap(),
            );
            assert!(5 * backbone >= rotating && backbone > 0, "{folder}: {s}");
        }

        let o = rotaplan_pinned(
            dir.path(),
            &["plan", &folder, "--out", "plan.csv", "--format", "json"],
        );
        ok(&o);
        let plan = json(&o);
        let share: Vec<&Value> = plan["rules"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|u| u["rule"] == "backbone_share")
            .collect();
        assert!(
            !share.is_empty() && share.iter().all(|u| u["ok"] == true),
            "{share:?}"
        );
        let o = rotaplan_pinned(dir.path(), &["audit", &folder, "--plan", "plan.csv"]);
        ok(&o);

        // Who is backbone: the five, by school (T001 县级, T003 市级; T008
        // 县级; T014 省特级, T018 县级名师).
        let o = rotaplan_pinned(dir.path(), &["indicators", &folder, "--format", "json"]);
        ok(&o);
        let backbone = counts_before(&json(&o), "backbone");
        for (school, n) in [("X01", 2), ("X02", 1), ("X03", 2), ("N01", 0)] {
            assert!(
                backbone.contains(&(school.to_string(), n)),
                "{folder}: {backbone:?}"
            );
        }
        // ... and by name: the five and one more, audited without needs.
        std::fs::write(
            dir.path().join("six.csv"),
            "工号,交流学校\nT001,N01\nT003,N01\nT008,N02\nT014,N01\nT018,N02\nT002,N03\n",
        )
        .unwrap();
        let o = rotaplan_pinned(
            dir.path(),
            &[
                "audit",
                "--schools",
                &format!("{folder}/schools.csv"),
                "--teachers",
                &format!("{folder}/teachers.csv"),
                "--plan",
                "six.csv",
                "--format",
                "json",
            ],
        );
        let audit = json(&o);
        // T018 teaches at a 小学 and N02 is a 初中: under fit.md's default
        // (`level_match = "same"`) the row breaks level_mismatch and is not
        // counted, so the five others are (four backbone).
        let broken: Vec<(&str, &str)> = audit["violations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                (
                    v["rule"].as_str().unwrap(),
                    v["teacher"].as_str().unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(broken, [("level_mismatch", "T018")], "{audit}");
        assert_eq!(
            (audit["rotating"].as_u64(), audit["backbone"].as_u64()),
            (Some(5), Some(4)),
            "{audit}"
        );
    }
}

/// 年度 as `2024-2025学年` and as date cells (2024年9月): T001 (2024) is
/// in cool-down, T011 (2019) is eligible again.
#[test]
fn history_school_years_and_date_cells() {
    let dir = tempfile::tempdir().unwrap();
    let o = rotaplan(
        dir.path(),
        &[
            "audit",
            &case("history-school-year"),
            "--plan",
            &case("history-school-year/hand-plan.csv"),
            "--policy",
            &case("history-school-year/policy.toml"),
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let audit = json(&o);
    assert_eq!(audit["eligible"], 16);
    let ineligible: Vec<&Value> = audit["violations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["rule"] == "ineligible_teacher")
        .collect();
    assert_eq!(ineligible.len(), 1, "{ineligible:?}");
    let v = ineligible[0];
    assert_eq!(
        (&v["line"], &v["teacher"], &v["reason"]),
        (
            &Value::from(2),
            &Value::from("T001"),
            &Value::from("cool_down")
        )
    );

    for folder in ["history-school-year", "history-school-year/date-cells"] {
        let o = rotaplan(
            dir.path(),
            &[
                "plan",
                &case(folder),
                "--policy",
                &case(&format!("{folder}/policy.toml")),
                "--format",
                "json",
                "--out",
                "plan.csv",
            ],
        );
        ok(&o);
        let plan = json(&o);
        assert_eq!(plan["eligible"], 16, "{folder}");
        let ineligible = strings(&plan["ineligible"], "teacher");
        assert!(
            ineligible.contains(&"T001") && !ineligible.contains(&"T011"),
            "{folder}: {ineligible:?}"
        );
        let cool: Vec<&Value> = plan["ineligible"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["reason"] == "cool_down")
            .collect();
        assert_eq!(cool.len(), 1, "{folder}: {cool:?}");
        assert!(!moves(&plan).iter().any(|(t, _)| t == "T001"), "{folder}");
    }
}

/// 出生年月 and 进本校时间 as date cells: ages and years at the school at
/// 31 August 2026.
#[test]
fn roster_dates_give_ages_and_years() {
    let dir = tempfile::tempdir().unwrap();
    let o = rotaplan(
        dir.path(),
        &[
            "plan",
            &case("roster-dates-not-years"),
            "--policy",
            &case("roster-dates-not-years/policy.toml"),
            "--format",
            "json",
            "--out",
            "plan.csv",
        ],
    );
    ok(&o);
    let plan = json(&o);
    let ineligible: BTreeSet<(&str, &str)> = plan["ineligible"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["teacher"].as_str().unwrap(),
                i["reason"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        ineligible,
        BTreeSet::from([
            ("T004", "too_few_years"),
            ("T010", "too_few_years"),
            ("T013", "over_age"),
            ("T016", "too_few_years"),
        ])
    );
    assert_eq!(plan["eligible"], 16);
    let planned: Vec<String> = moves(&plan).into_iter().map(|(t, _)| t).collect();
    for t in ["T004", "T010", "T013", "T016"] {
        assert!(!planned.iter().any(|p| p == t), "{t} in {planned:?}");
    }
}

// ------------------------------------------------ a small county, by kind

const SCHOOLS: &str = "id,name,area,district,lat,lon\n\
    U1,城关小学,urban,示范县,30.10,110.10\n\
    U2,实验小学,urban,示范县,30.11,110.12\n\
    R1,河口小学,rural,示范县,30.30,110.40\n\
    R2,白沙小学,rural,示范县,30.25,110.35\n";

/// id, name, school, subject, backbone, years_at_school
const TEACHERS: &[[&str; 6]] = &[
    ["T01", "张伟", "U1", "数学", "县级", "10"],
    ["T02", "王芳", "U1", "语文", "", "8"],
    ["T03", "李娜", "U1", "数学", "", "12"],
    ["T04", "刘洋", "U1", "语文", "", "2"],
    ["T05", "张伟", "U2", "语文", "市级", "9"],
    ["T06", "陈静", "U2", "数学", "", "7"],
    ["T07", "杨磊", "U2", "语文", "", "15"],
    ["T08", "赵敏", "U2", "数学", "", "6"],
];

const NEEDS: &str = "school,subject,count\nR1,数学,2\nR2,语文,2\n";

/// teachers.csv under `header`, each row's cells picked by `cells`.
fn roster(header: &str, cells: impl Fn(&[&str; 6]) -> String) -> String {
    let mut text = format!("{header}\n");
    for t in TEACHERS {
        text += &cells(t);
        text.push('\n');
    }
    text
}

fn county(teachers: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("schools.csv", SCHOOLS),
        ("teachers.csv", teachers),
        ("needs.csv", NEEDS),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn plain_roster() -> String {
    roster("id,name,school,subject,backbone,years_at_school", |t| {
        t.join(",")
    })
}

/// The plan JSON of the folder `dir`.
fn plan_json(dir: &Path) -> Value {
    let o = rotaplan_pinned(dir, &["plan", ".", "--format", "json", "--out", "plan.csv"]);
    ok(&o);
    json(&o)
}

#[test]
fn school_names_stand_for_their_ids() {
    let by_id = county(&plain_roster());
    std::fs::write(
        by_id.path().join("preferences.csv"),
        "teacher,school,rank\nT03,R2,1\n",
    )
    .unwrap();
    let expected = plan_json(by_id.path());
    assert_eq!(expected["rotating"], 4);
    // Every file that names a school, by name (spaced and full width too).
    let names = |id: &str| match id {
        "U1" => "城关 小学",
        "U2" => "实验小学",
        "R1" => "河口小学",
        _ => "白沙小学",
    };
    let dir = county(&roster(
        "id,name,school,subject,backbone,years_at_school",
        |t| {
            format!(
                "{},{},{},{},{},{}",
                t[0],
                t[1],
                names(t[2]),
                t[3],
                t[4],
                t[5]
            )
        },
    ));
    std::fs::write(
        dir.path().join("needs.csv"),
        "school,subject,count\n河口小学,数学,2\n白沙　小学,语文,2\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("history.csv"),
        "teacher,year,school\nT01,2015,河口小学\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("preferences.csv"),
        "teacher,school,rank\nT03,白沙小学,1\n",
    )
    .unwrap();
    let got = plan_json(dir.path());
    assert_eq!(moves(&got), moves(&expected));
    assert_eq!(got["total_distance_km"], expected["total_distance_km"]);
    // The plan's schools by name too (原学校 is read and not needed).
    let rows: Vec<String> = moves(&expected)
        .iter()
        .map(|(t, to)| format!("{t},{}", names(to)))
        .collect();
    std::fs::write(
        dir.path().join("hand.csv"),
        format!("工号,交流学校\n{}\n", rows.join("\n")),
    )
    .unwrap();
    let o = rotaplan_pinned(dir.path(), &["audit", ".", "--plan", "hand.csv"]);
    ok(&o);
}

#[test]
fn an_ambiguous_school_name_is_bad_input_naming_the_schools() {
    let dir = county(&roster(
        "id,name,school,subject,backbone,years_at_school",
        |t| {
            let school = if t[0] == "T02" { "城关小学" } else { t[2] };
            format!("{},{},{school},{},{},{}", t[0], t[1], t[3], t[4], t[5])
        },
    ));
    std::fs::write(
        dir.path().join("schools.csv"),
        SCHOOLS.replace("U2,实验小学", "U2,城关小学"),
    )
    .unwrap();
    let o = rotaplan_pinned(dir.path(), &["plan", ".", "--out", "plan.csv"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let e = stderr(&o);
    assert!(e.contains("teachers.csv line 3, column `school`"), "{e}");
    assert!(e.contains("ambiguous: schools U1, U2"), "{e}");
    assert!(!dir.path().join("plan.csv").exists());

    // In a plan's to_school too: bad input naming the plan's line.
    let dir = county(&plain_roster());
    std::fs::write(
        dir.path().join("schools.csv"),
        SCHOOLS.replace("R2,白沙小学", "R2,河口小学"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("hand.csv"),
        "工号,交流学校\nT01,R1\nT03,河口小学\n",
    )
    .unwrap();
    let o = rotaplan_pinned(dir.path(), &["audit", ".", "--plan", "hand.csv"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let e = stderr(&o);
    assert!(
        e.contains("hand.csv line 3, column `to_school`") && e.contains("R1, R2"),
        "{e}"
    );
}

#[test]
fn national_template_headers_are_read_as_fallbacks() {
    let expected = plan_json(county(&plain_roster()).path());
    // 教职工号, 学校名称 (a name), 任教学科 before 教授科目 (ignored).
    let names = |id: &str| {
        if id == "U1" {
            "城关小学"
        } else {
            "实验小学"
        }
    };
    let dir = county(&roster(
        "教职工号,姓名,学校名称,任教学科,教授科目,骨干教师,本校任教年限",
        |t| {
            format!(
                "{},{},{},{},体育,{},{}",
                t[0],
                t[1],
                names(t[2]),
                t[3],
                t[4],
                t[5]
            )
        },
    ));
    let got = plan_json(dir.path());
    assert_eq!(moves(&got), moves(&expected));
    assert_eq!(got["eligible"], expected["eligible"]);
    // With 学校代码 and 学校名称, the code is read; 工号 before 教职工号.
    let dir = county(&roster(
        "学校名称,教职工号,工号,姓名,学校代码,学科,骨干教师,本校任教年限",
        |t| {
            format!(
                "白沙小学,X{},{},{},{},{},{},{}",
                t[0], t[0], t[1], t[2], t[3], t[4], t[5]
            )
        },
    ));
    let got = plan_json(dir.path());
    assert_eq!(moves(&got), moves(&expected));
    // A roster with no id at all names the column.
    let dir = county(&roster("姓名,学校代码,学科", |t| {
        format!("{},{},{}", t[1], t[2], t[3])
    }));
    let o = rotaplan_pinned(dir.path(), &["plan", ".", "--out", "plan.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("missing required column `id`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn plans_typed_from_published_lists_name_teachers_by_name_and_school() {
    let dir = county(&plain_roster());
    let plan = plan_json(dir.path());
    let audit_of = |file: &str| {
        let o = rotaplan_pinned(
            dir.path(),
            &["audit", ".", "--plan", file, "--format", "json"],
        );
        (o.status.code(), stderr(&o), json_or_null(&o))
    };
    let expected = audit_of("plan.csv");
    assert_eq!(expected.0, Some(0), "{}", expected.1);
    // 姓名, 原单位 (by id or name), 接收学校 / 交流单位 (by name).
    let names: std::collections::HashMap<&str, (&str, &str)> =
        TEACHERS.iter().map(|t| (t[0], (t[1], t[2]))).collect();
    let school_name = |id: &str| match id {
        "U1" => "城关小学",
        "U2" => "实验小学",
        "R1" => "河口小学",
        _ => "白沙小学",
    };
    for (header, by_name) in [
        ("姓名,原单位,接收学校", true),
        ("姓名,派出学校,交流单位", false),
    ] {
        let rows: Vec<String> = moves(&plan)
            .iter()
            .map(|(t, to)| {
                let (name, from) = names[t.as_str()];
                let from = if by_name { school_name(from) } else { from };
                format!("{name},{from},{}", school_name(to))
            })
            .collect();
        std::fs::write(
            dir.path().join("list.csv"),
            format!("{header}\n{}\n", rows.join("\n")),
        )
        .unwrap();
        let got = audit_of("list.csv");
        assert_eq!(
            (got.0, &got.2["rotating"], &got.2["backbone"]),
            (Some(0), &expected.2["rotating"], &expected.2["backbone"]),
            "{}",
            got.1
        );
    }
    // No such teacher at that school: bad input naming the row.
    std::fs::write(
        dir.path().join("list.csv"),
        "姓名,原单位,交流学校\n张伟,U1,R1\n王芳,U2,R2\n",
    )
    .unwrap();
    let (code, e, _) = audit_of("list.csv");
    assert_eq!(code, Some(2));
    assert!(
        e.contains("list.csv line 3, column `name`")
            && e.contains("no teacher named `王芳` works at school U2"),
        "{e}"
    );
    // Two of that name at that school: bad input naming both.
    let dir = county(&format!("{}T09,张伟,U1,语文,,9\n", plain_roster()));
    std::fs::write(
        dir.path().join("list.csv"),
        "姓名,原单位,交流学校\n张伟,城关小学,R1\n",
    )
    .unwrap();
    let o = rotaplan_pinned(dir.path(), &["audit", ".", "--plan", "list.csv"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("list.csv line 2, column `name`") && e.contains("(T01, T09)"),
        "{e}"
    );
    // Neither an id, an ID number nor a name and a school: a missing column.
    std::fs::write(dir.path().join("list.csv"), "姓名,交流学校\n张伟,R1\n").unwrap();
    let o = rotaplan_pinned(dir.path(), &["audit", ".", "--plan", "list.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("missing required column `teacher`"),
        "{}",
        stderr(&o)
    );
}

fn json_or_null(o: &std::process::Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or(Value::Null)
}

/// A valid resident ID number: `body` (17 digits) and its ISO 7064 MOD
/// 11-2 check character.
fn id_number(body: &str) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body
        .bytes()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    format!("{body}{}", b"10X98765432"[(sum % 11) as usize] as char)
}

/// The ID number of the `i`-th teacher of `TEACHERS` (born 1980).
fn number_of(i: usize) -> String {
    id_number(&format!("3301021980{:02}15{:03}", i + 1, 100 + i))
}

/// The roster with 身份证件号 beside (or instead of) the id.
fn roster_with_numbers(with_id: bool) -> String {
    let mut text = String::from(if with_id {
        "id,身份证件号,name,school,subject,backbone,years_at_school\n"
    } else {
        "身份证件号,name,school,subject,backbone,years_at_school\n"
    });
    for (i, t) in TEACHERS.iter().enumerate() {
        let id = if with_id {
            format!("{},", t[0])
        } else {
            String::new()
        };
        text += &format!("{id}{},{}\n", number_of(i), t[1..].join(","));
    }
    text
}

#[test]
fn plans_match_teachers_by_id_number() {
    let dir = county(&roster_with_numbers(true));
    let plan = plan_json(dir.path());
    let index: std::collections::HashMap<&str, usize> = TEACHERS
        .iter()
        .enumerate()
        .map(|(i, t)| (t[0], i))
        .collect();
    let rows: Vec<String> = moves(&plan)
        .iter()
        .map(|(t, to)| format!("{},{to}", number_of(index[t.as_str()]).to_lowercase()))
        .collect();
    std::fs::write(
        dir.path().join("list.csv"),
        format!("身份证件号,交流学校\n{}\n", rows.join("\n")),
    )
    .unwrap();
    let o = rotaplan_pinned(
        dir.path(),
        &["audit", ".", "--plan", "list.csv", "--format", "json"],
    );
    ok(&o);
    assert_eq!(json(&o)["rotating"], plan["rotating"]);
    // An ID number no teacher has: bad input, the number masked.
    let stranger = id_number("11010519491231002");
    std::fs::write(
        dir.path().join("list.csv"),
        format!("身份证件号,交流学校\n{stranger},R1\n"),
    )
    .unwrap();
    let o = rotaplan_pinned(dir.path(), &["audit", ".", "--plan", "list.csv"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("list.csv line 2, column `id_card`") && e.contains("1101**********002X"),
        "{e}"
    );
    assert!(!e.contains(&stranger), "{e}");
}

/// A roster without `id`: the ID number is the teacher's id. Plan files
/// carry it whole; every other output and message masks it.
#[test]
fn id_numbers_are_masked_everywhere_but_plan_files() {
    let dir = county(&roster_with_numbers(false));
    let whole: Vec<String> = (0..TEACHERS.len()).map(number_of).collect();
    let assert_masked = |what: &str, text: &str| {
        for n in &whole {
            assert!(
                !text.contains(n.as_str()),
                "{what} shows {n} whole:\n{text}"
            );
        }
    };
    let run = |args: &[&str]| {
        let o = rotaplan_pinned(dir.path(), args);
        assert_masked(&format!("{args:?} (stdout)"), &stdout(&o));
        assert_masked(&format!("{args:?} (stderr)"), &stderr(&o));
        o
    };
    let masked = |i: usize| {
        let n = &whole[i];
        format!("{}**********{}", &n[..4], &n[14..])
    };

    // plan: the table and JSON masked, plan.csv whole.
    ok(&run(&["plan", ".", "--out", "plan.csv"]));
    let o = run(&["plan", ".", "--out", "plan.csv", "--format", "json"]);
    ok(&o);
    let plan = json(&o);
    let rotating = strings(&plan["plan"], "teacher");
    assert_eq!(rotating.len(), 4);
    assert!(
        rotating.iter().all(|t| t.contains("**********")),
        "{rotating:?}"
    );
    let file = std::fs::read_to_string(dir.path().join("plan.csv")).unwrap();
    let in_file = whole.iter().filter(|n| file.contains(n.as_str())).count();
    assert_eq!(in_file, 4, "plan.csv carries the ids whole:\n{file}");
    // T04 (2 years) is not eligible: shown masked.
    let ineligible = strings(&plan["ineligible"], "teacher");
    assert_eq!(ineligible, [masked(3)]);

    // audit of the plan file, and of a hand plan that breaks rules.
    ok(&run(&["audit", ".", "--plan", "plan.csv"]));
    std::fs::write(
        dir.path().join("hand.csv"),
        format!(
            "工号,交流学校\n{},R1\n{},R1\n{},U2\n",
            whole[3], whole[3], whole[0]
        ),
    )
    .unwrap();
    let o = run(&["audit", ".", "--plan", "hand.csv", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let audit = json(&o);
    let rules: BTreeSet<&str> = strings(&audit["violations"], "rule").into_iter().collect();
    for rule in ["ineligible_teacher", "duplicate_teacher", "not_rural"] {
        assert!(rules.contains(rule), "{rules:?}");
    }
    assert!(stdout(&o).contains(&masked(3)));
    assert_eq!(
        run(&["audit", ".", "--plan", "hand.csv"]).status.code(),
        Some(1)
    );

    // report, indicators, compare.
    ok(&run(&[
        "report",
        ".",
        "--plan",
        "hand.csv",
        "--out",
        "report.html",
    ]));
    let page = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert_masked("report.html", &page);
    assert!(
        page.contains(&masked(3)),
        "the violations name the teacher masked"
    );
    ok(&run(&["indicators", ".", "--plan", "plan.csv"]));
    ok(&run(&[
        "indicators",
        ".",
        "--plan",
        "plan.csv",
        "--format",
        "json",
    ]));
    ok(&run(&[
        "compare",
        ".",
        "--sweep",
        "min_rotation_ratio=0.1,0.5",
        "--format",
        "json",
    ]));

    // plan.xlsx: the plan sheet is a plan file; `not eligible` masks.
    ok(&run(&["plan", ".", "--out", "plan.xlsx"]));
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook(dir.path().join("plan.xlsx")).unwrap();
    let cells = |book: &mut calamine::Xlsx<_>, sheet: &str| -> String {
        let range = book.worksheet_range(sheet).unwrap();
        range.rows().flatten().map(|c| format!("{c} ")).collect()
    };
    let sheet = cells(&mut book, "plan");
    assert_eq!(
        whole.iter().filter(|n| sheet.contains(n.as_str())).count(),
        4
    );
    let sheet = cells(&mut book, "not eligible");
    assert_masked("the not eligible sheet", &sheet);
    assert!(sheet.contains(&masked(3)), "{sheet}");

    // Messages: a teacher named in an error (born after as_of), a
    // duplicate number.
    let mut born_later = String::from("身份证件号,birth_date,school,subject\n");
    for (i, t) in TEACHERS.iter().enumerate() {
        let birth = if i == 0 { "2030-01-01" } else { "" };
        born_later += &format!("{},{birth},{},{}\n", whole[i], t[2], t[3]);
    }
    std::fs::write(dir.path().join("teachers.csv"), born_later).unwrap();
    let o = run(&["plan", ".", "--out", "other.csv"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stderr(&o).contains(&masked(0)), "{}", stderr(&o));
    let twice = format!(
        "{}{},王五,U1,数学,,9\n",
        roster_with_numbers(false),
        whole[2]
    );
    std::fs::write(dir.path().join("teachers.csv"), twice).unwrap();
    let o = run(&["plan", ".", "--out", "other.csv"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("duplicate id") && e.contains(&masked(2)), "{e}");
}

/// tests/cases/merged-school-cells: 学校代码, 学校名称 and 学科 merged
/// down each school's (and subject's) rows are every covered row's value
/// (rosters.md "More shapes from the field"): 23 teachers, 17 eligible,
/// `check` names the ranges, and the plan is the plan of the same sheet
/// with the merged cells filled in by hand.
#[test]
fn merged_cells_are_the_value_of_every_row_they_cover() {
    let dir = case("merged-school-cells");
    let out = rotaplan_pinned(Path::new("."), &["check", &dir, "--format", "json"]);
    ok(&out);
    let check = json(&out);
    assert_eq!(check["teachers"], 23);
    assert_eq!(check["eligible"], 17);
    let merged: Vec<&str> = check["files"][1]["merged"]
        .as_array()
        .expect("merged ranges")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        merged,
        [
            "B2:B8", "B9:B14", "B15:B21", "C2:C8", "C9:C14", "C15:C21", "F2:F3", "F4:F5", "F10:F11"
        ]
    );

    // The sheet with every empty cell of columns B, C and F given the
    // value above it, as a planner fills them by hand, as CSV.
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook(Path::new(&dir).join("teachers.xlsx")).expect("workbook");
    let range = book.worksheet_range("教师").expect("sheet");
    let mut above: Vec<String> = Vec::new();
    let mut csv = String::new();
    for row in range.rows() {
        let mut cells: Vec<String> = row.iter().map(|c| c.to_string()).collect();
        for c in [1, 2, 5] {
            if cells[c].is_empty() {
                cells[c] = above[c].clone();
            }
        }
        csv += &(cells.join(",") + "\n");
        above = cells;
    }
    let by_hand = tempfile::tempdir().unwrap();
    for file in ["schools.csv", "needs.csv"] {
        std::fs::copy(Path::new(&dir).join(file), by_hand.path().join(file)).unwrap();
    }
    std::fs::write(by_hand.path().join("teachers.csv"), csv).unwrap();
    let plan_of = |folder: &Path, out: &Path| {
        let args = [
            "plan",
            &folder.display().to_string(),
            "--out",
            &out.display().to_string(),
        ];
        ok(&rotaplan_pinned(Path::new("."), &args));
        std::fs::read(out).unwrap()
    };
    let scratch = tempfile::tempdir().unwrap();
    let merged_plan = plan_of(Path::new(&dir), &scratch.path().join("a.csv"));
    let hand_plan = plan_of(by_hand.path(), &scratch.path().join("b.csv"));
    assert!(merged_plan.len() > 200, "a plan with rows");
    assert_eq!(merged_plan, hand_plan);
}

/// tests/cases/formula-cached-values: a template whose 本校任教年限 and 年龄
/// are formulas never computed (no value stored, or 0 stored in a
/// workbook that recalculates on opening) is bad input naming the cell,
/// in check, plan and audit alike (rosters.md "Formulas never computed").
#[test]
fn formulas_without_computed_values_are_bad_input_naming_the_cell() {
    let dir = case("formula-cached-values");
    let policy = format!("{dir}/policy.toml");
    let runs = [
        vec!["check".to_string(), format!("{dir}/no-cache")],
        vec!["plan".into(), format!("{dir}/zero-cache"), "--out".into()],
        vec![
            "audit".into(),
            format!("{dir}/no-cache"),
            "--plan".into(),
            format!("{dir}/hand-plan.csv"),
        ],
    ];
    let scratch = tempfile::tempdir().unwrap();
    for mut args in runs {
        if args[0] == "plan" {
            args.push(scratch.path().join("plan.csv").display().to_string());
        }
        args.extend(["--policy".to_string(), policy.clone()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = rotaplan(Path::new("."), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("cell G2: the formula in G2 has no computed value"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert!(!scratch.path().join("plan.csv").exists());
}

/// tests/cases/xls-zero-padded-ids: an old system's .xls (BIFF8) with 工号
/// stored as numbers 101-123 in the format `000000` reads as the roster
/// shows them (rosters.md "Old .xls files"): the hand plan typed from the
/// screen (000101, ...) audits, and the plan is the plan of the same
/// sheet saved as .xlsx, ids padded.
#[test]
fn old_xls_ids_read_as_their_number_format_shows_them() {
    let dir = case("xls-zero-padded-ids");
    let policy = format!("{dir}/policy.toml");
    let audit = rotaplan(
        Path::new("."),
        &[
            "audit",
            &dir,
            "--plan",
            &format!("{dir}/hand-plan.csv"),
            "--policy",
            &policy,
        ],
    );
    ok(&audit);
    assert!(stdout(&audit).contains("OK: the plan meets every rule."));
    let scratch = tempfile::tempdir().unwrap();
    let plan_of = |data: &str, out: &str| {
        let out = scratch.path().join(out);
        let o = rotaplan(
            Path::new("."),
            &[
                "plan",
                data,
                "--policy",
                &policy,
                "--out",
                out.to_str().unwrap(),
            ],
        );
        ok(&o);
        std::fs::read_to_string(out).unwrap()
    };
    let xls = plan_of(&dir, "xls.csv");
    let xlsx = plan_of(&format!("{dir}/xlsx-control"), "xlsx.csv");
    assert_eq!(xls, xlsx);
    let ids: Vec<&str> = xls
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(ids.len(), 5);
    assert!(
        ids.iter().all(|id| id.len() == 6 && id.starts_with("000")),
        "{ids:?}"
    );
}
