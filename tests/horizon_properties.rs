//! Property (programme.md "Looking ahead"): on random tiny counties, each
//! year of a horizon is the plan `rotaplan plan` makes on that year's
//! data, built here on its own from the input and the earlier years'
//! plan files (a year more of age and years at the school, the retired
//! left out, transfers at their new school, the rotations as history),
//! and the coverage is the one counted here from those plans and from
//! `plan`'s own list of who is not eligible.

mod common;

use common::*;
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::path::Path;

#[derive(Debug, Clone)]
struct Teacher {
    /// 0 or 1: U1 or U2 (both send).
    school: usize,
    /// 0 or 1: 数学 or 语文.
    subject: usize,
    backbone: bool,
    years: u32,
    /// `None`: a woman with a birth date (`birth`), no age column value.
    age: Option<u32>,
    /// (year, month) of birth, for the ones without an age.
    birth: (i32, u32),
    /// "", "2" or "调动".
    term: &'static str,
}

#[derive(Debug, Clone)]
struct Case {
    teachers: Vec<Teacher>,
    /// Per receiving school (R1, R2) and subject: the places.
    needs: [[u32; 2]; 2],
    /// A rotation in 2024 (history.csv) of the teacher at this index.
    history: Option<usize>,
    backbone_share: bool,
}

const SUBJECTS: [&str; 2] = ["数学", "语文"];
const PLAN_YEAR: i64 = 2026;
const YEARS: i64 = 3;

fn teacher() -> impl Strategy<Value = Teacher> {
    (
        0usize..2,
        0usize..2,
        prop::bool::weighted(0.4),
        3u32..10,
        prop::option::weighted(0.7, 30u32..58),
        (1970i32..1974, 1u32..13),
        prop::sample::select(vec!["", "", "2", "调动"]),
    )
        .prop_map(
            |(school, subject, backbone, years, age, birth, term)| Teacher {
                school,
                subject,
                backbone,
                years,
                age,
                birth,
                term,
            },
        )
}

fn case() -> impl Strategy<Value = Case> {
    (
        prop::collection::vec(teacher(), 1..9),
        [[0u32..3, 0u32..3], [0u32..3, 0u32..3]],
        prop::option::of(0usize..9),
        any::<bool>(),
    )
        .prop_map(|(teachers, needs, history, backbone_share)| Case {
            history: history.filter(|&i| i < teachers.len()),
            teachers,
            needs,
            backbone_share,
        })
}

const SCHOOLS: &str = "id,name,area,district,level,lat,lon\n\
                       U1,城关一小,urban,云溪,primary,30.00,120.00\n\
                       U2,城关二小,urban,云溪,primary,30.05,120.02\n\
                       R1,溪口小学,rural,云溪,primary,30.20,120.10\n\
                       R2,岭下小学,rural,云溪,primary,29.90,120.30\n";

/// What a rotation of an earlier year left: (teacher index, school,
/// year, end year, transfer).
type Past = (usize, String, i64, Option<i64>, bool);

/// The input's files, or year `year`'s as built here from `past`.
fn files(c: &Case, year: i64, past: &[Past]) -> Vec<(&'static str, Vec<u8>)> {
    let k = (year - PLAN_YEAR) as u32;
    let as_of = (year, 8, 31);
    let mut t = String::from(
        "id,name,school,subject,backbone,years_at_school,age,sex,birth_date,term_years\n",
    );
    let mut kept = Vec::new();
    for (i, x) in c.teachers.iter().enumerate() {
        let (school, years) = match past.iter().rfind(|p| p.0 == i && p.4) {
            Some(p) => (p.1.clone(), (year - p.2 - 1) as u32),
            None => (format!("U{}", x.school + 1), x.years + k),
        };
        let backbone = if x.backbone { "county" } else { "none" };
        let (age, sex, birth) = match x.age {
            Some(age) => ((age + k).to_string(), "", String::new()),
            None => {
                // Retires on the first day of the month she is 55.
                let (y, m) = x.birth;
                if (y + 55, m, 1) <= (as_of.0 as i32, as_of.1, as_of.2) {
                    continue;
                }
                (String::new(), "female", format!("{y}-{m:02}-15"))
            }
        };
        kept.push(i);
        t += &format!(
            "T{i},教师{i},{school},{},{backbone},{years},{age},{sex},{birth},{}\n",
            SUBJECTS[x.subject], x.term
        );
    }
    let mut needs = String::from("school,subject,count\n");
    for (r, row) in c.needs.iter().enumerate() {
        for (s, count) in row.iter().enumerate() {
            needs += &format!("R{},{},{count}\n", r + 1, SUBJECTS[s]);
        }
    }
    let mut history = String::from("teacher,school,year,end_year,transfer\n");
    if let Some(i) = c.history.filter(|i| kept.contains(i)) {
        history += &format!("T{i},R1,2024,2024,false\n");
    }
    for (i, school, y, end, transfer) in past {
        if kept.contains(i) {
            let end = end.map(|e| e.to_string()).unwrap_or_default();
            history += &format!("T{i},{school},{y},{end},{transfer}\n");
        }
    }
    let share = if c.backbone_share { "0.2" } else { "0" };
    vec![
        ("schools.csv", SCHOOLS.as_bytes().to_vec()),
        ("teachers.csv", t.into_bytes()),
        ("needs.csv", needs.into_bytes()),
        ("history.csv", history.into_bytes()),
        (
            "policy.toml",
            format!("retirement = {{ male = 60, female = 55 }}\nmin_backbone_share = {share}\n")
                .into_bytes(),
        ),
    ]
}

/// `rotaplan plan` on `dir` for `year`: its exit status, plan.csv (when
/// written) and the ids its JSON says are not eligible.
fn plan(dir: &Path, year: i64) -> (Option<i32>, Option<Vec<u8>>, BTreeSet<String>) {
    let y = year.to_string();
    let o = rotaplan(
        dir,
        &[
            "plan",
            ".",
            "--policy",
            "policy.toml",
            "--plan-year",
            &y,
            "--format",
            "json",
            "--out",
            "plan.csv",
        ],
    );
    let v = json(&o);
    let ineligible = v["ineligible"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|x| x["teacher"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default();
    (
        o.status.code(),
        std::fs::read(dir.join("plan.csv")).ok(),
        ineligible,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn each_year_is_the_plan_of_its_data_and_coverage_counts_them(c in case()) {
        let input = data_dir(files(&c, PLAN_YEAR, &[]));
        let o = rotaplan(
            input.path(),
            &[
                "horizon", ".", "--policy", "policy.toml", "--plan-year", "2026", "--years", "3",
                "--format", "json", "--out-dir", "h",
            ],
        );
        prop_assert!(matches!(o.status.code(), Some(0 | 3)), "{}", stderr(&o));
        let v = json(&o);
        let mut past: Vec<Past> = Vec::new();
        let (mut eligible, mut rotated) = (BTreeSet::new(), BTreeSet::new());
        for k in 0..YEARS {
            let year = PLAN_YEAR + k;
            let dir = data_dir(files(&c, year, &past));
            let (status, plan_csv, ineligible) = plan(dir.path(), year);
            let mine = std::fs::read(input.file(&format!("h/plan-{year}.csv"))).unwrap();
            let feasible = v["years"][k as usize]["feasible"].as_bool().unwrap();
            prop_assert_eq!(status == Some(0), feasible, "{}: {:?}", year, status);
            // Who could have gone: everyone at U1 or U2 that plan does not
            // list as not eligible.
            let teachers = read_csv_rows(&dir.file("teachers.csv"));
            for row in &teachers[1..] {
                if row[2].starts_with('U') && !ineligible.contains(&row[0]) {
                    eligible.insert(row[0].clone());
                }
            }
            if !feasible {
                prop_assert_eq!(read_csv_rows(&input.file(&format!("h/plan-{year}.csv"))).len(), 1);
                continue;
            }
            prop_assert!(plan_csv.as_deref() == Some(&mine[..]), "{}: plan-{}.csv differs", year, year);
            let rows = read_csv_rows(&dir.file("plan.csv"));
            let at = |name: &str| rows[0].iter().position(|h| h.trim_start_matches('\u{feff}') == name).unwrap();
            for r in &rows[1..] {
                rotated.insert(r[0].clone());
                let i: usize = r[0][1..].parse().unwrap();
                let end = r[at("end_year")].parse::<i64>().ok();
                past.push((i, r[at("to_school")].clone(), year, end, r[at("transfer")] == "true"));
            }
        }
        let cov = &v["coverage"];
        prop_assert_eq!(cov["eligible"].as_u64(), Some(eligible.len() as u64));
        let rotated_eligible = rotated.intersection(&eligible).count() as u64;
        prop_assert_eq!(cov["rotated"].as_u64(), Some(rotated_eligible));
        let never: BTreeSet<String> = cov["never"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_string())
            .collect();
        let expected: BTreeSet<String> = eligible.difference(&rotated).cloned().collect();
        prop_assert_eq!(never, expected);
    }
}
