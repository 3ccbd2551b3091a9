//! programme.md "Looking ahead: `rotaplan horizon`" through the binary,
//! values by hand. The county: U1 (urban) sends, R1 (rural) needs one
//! 数学 teacher a year; plan year 2026.

mod common;

use common::*;
use std::path::Path;

const SCHOOLS: &str = "id,name,area,district,level\nU1,城关小学,urban,云溪,primary\n\
                       R1,溪口小学,rural,云溪,primary\n";

/// Ten 数学 teachers at U1, 8 years there, T1 and T2 backbone. T9 (born
/// 1970-01-01) retired on 2025-01-01 and T10 (born 1971-10-01) retires
/// on 2026-10-01 under the policy's 55 for women; the others are 40.
/// `term` is each of T1 and T2's 交流期限.
fn county(term: &str) -> DataDir {
    let mut t = String::from(
        "id,name,school,subject,backbone,years_at_school,age,sex,birth_date,term_years\n",
    );
    for i in 1..=10 {
        let backbone = if i <= 2 { "county" } else { "none" };
        let (age, sex, birth) = match i {
            9 => ("", "female", "1970-01-01"),
            10 => ("", "female", "1971-10-01"),
            _ => ("40", "", ""),
        };
        let term = if i <= 2 { term } else { "" };
        t += &format!("T{i},教师{i},U1,数学,{backbone},8,{age},{sex},{birth},{term}\n");
    }
    let dir = DataDir::tables(SCHOOLS, &t, "school,subject,count\nR1,数学,1\n");
    dir.write("policy.toml", b"retirement = { male = 60, female = 55 }\n");
    dir
}

fn horizon(dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["horizon", ".", "--policy", "policy.toml"];
    args.extend(extra);
    rotaplan_pinned(dir, &args)
}

/// A CSV file's rows as `a,b,c` lines, without the byte-order mark.
fn lines(path: &Path) -> Vec<String> {
    read_csv_rows(path).iter().map(|r| r.join(",")).collect()
}

#[test]
fn three_years_by_hand() {
    // 2026: T9 has retired, so 9 are eligible; 10% of 9 is 1 rotation,
    // which must be backbone (20% of 1): T1 or T2 goes, for a year.
    // 2027: T10 has retired, the first goes back (a return) and is in
    // cool-down: 7 eligible, the other backbone teacher goes.
    // 2028: both backbone teachers cooling down, nobody can meet the
    // backbone share: infeasible, nobody rotates; the second returns.
    let dir = county("");
    let o = horizon(
        dir.path(),
        &["--years", "3", "--format", "json", "--out-dir", "h"],
    );
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["plan_year"], 2026);
    let years = v["years"].as_array().unwrap();
    let figures = |y: &serde_json::Value| {
        [
            "eligible",
            "required",
            "rotating",
            "backbone",
            "needs_filled",
            "needs_total",
            "returns",
        ]
        .map(|k| y[k].as_u64().unwrap())
    };
    assert_eq!(figures(&years[0]), [9, 1, 1, 1, 1, 1, 0]);
    assert_eq!(figures(&years[1]), [7, 1, 1, 1, 1, 1, 1]);
    assert_eq!(figures(&years[2]), [6, 1, 0, 0, 0, 1, 1]);
    assert_eq!(years[1]["as_of"], "2027-08-31");
    assert_eq!(
        years
            .iter()
            .map(|y| y["feasible"].as_bool().unwrap())
            .collect::<Vec<_>>(),
        [true, true, false]
    );
    let first = years[1]["returning"][0].as_str().unwrap().to_string();
    let second = years[2]["returning"][0].as_str().unwrap().to_string();
    let mut both = [first.clone(), second.clone()];
    both.sort();
    assert_eq!(both, ["T1", "T2"]);
    assert_eq!(years[2]["infeasible"][0]["rule"], "backbone_share");
    assert_eq!(v["first_infeasible"]["year"], 2028);
    assert_eq!(v["first_infeasible"]["rules"][0], "backbone_share");
    // Coverage: T1-T8 and T10 were eligible in some year; two rotated.
    let c = &v["coverage"];
    assert_eq!(
        (c["eligible"].as_u64(), c["rotated"].as_u64()),
        (Some(9), Some(2))
    );
    assert_eq!(
        c["never"],
        serde_json::json!(["T3", "T4", "T5", "T6", "T7", "T8", "T10"])
    );
    assert!((c["share"].as_f64().unwrap() - 2.0 / 9.0).abs() < 1e-12);

    // The files: each year's plan (2028's only the header), its data.
    let h = dir.file("h");
    assert_eq!(
        lines(&h.join("horizon.csv")),
        [
            "year,eligible,required,rotating,backbone,needs_filled,needs_total,returns,feasible,cvs_not_kept",
            "2026,9,1,1,1,1,1,0,true,0",
            "2027,7,1,1,1,1,1,1,true,0",
            "2028,6,1,0,0,0,1,1,false,0",
        ]
    );
    let plan_2026 = read_csv_rows(&h.join("plan-2026.csv"));
    assert_eq!(plan_2026.len(), 2);
    assert_eq!(plan_2026[1][0], first);
    assert_eq!(read_csv_rows(&h.join("plan-2027.csv"))[1][0], second);
    assert_eq!(read_csv_rows(&h.join("plan-2028.csv")).len(), 1);
    // 2027's roster: a year more, T9 and T10 left out.
    let teachers = read_csv_rows(&h.join("data-2027/teachers.csv"));
    let at = |name: &str| teachers[0].iter().position(|h| h == name).unwrap();
    let t3 = teachers.iter().find(|r| r[0] == "T3").unwrap();
    assert_eq!((&*t3[at("years_at_school")], &*t3[at("age")]), ("9", "41"));
    let ids: Vec<&str> = teachers[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8"]);
    // 2026's roster leaves T9 out already, keeps T10.
    assert_eq!(read_csv_rows(&h.join("data-2026/teachers.csv")).len(), 10);
    // 2028's history: the two rotations, a year each.
    assert_eq!(
        lines(&h.join("data-2028/history.csv"))[1..],
        [
            format!("{first},R1,2026,2026,,false"),
            format!("{second},R1,2027,2027,,false")
        ]
    );
    let policy = std::fs::read_to_string(h.join("data-2028/policy.toml")).unwrap();
    assert!(policy.contains("plan_year = 2028"), "{policy}");
    assert!(policy.contains("as_of = 2028-08-31"), "{policy}");
    assert!(policy.contains("female = 55"), "{policy}");
}

#[test]
fn a_transfer_moves_the_teacher_for_good() {
    // T1 and T2 are transferred (调动): the one who goes is at R1 the
    // year after, with 0 years there, not at a sending school, and no
    // return.
    let dir = county("调动");
    let o = horizon(
        dir.path(),
        &["--years", "2", "--format", "json", "--out-dir", "h"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["years"][1]["returns"], 0);
    let moved = read_csv_rows(&dir.file("h/plan-2026.csv"))[1][0].clone();
    let teachers = read_csv_rows(&dir.file("h/data-2027/teachers.csv"));
    let at = |name: &str| teachers[0].iter().position(|h| h == name).unwrap();
    let row = teachers.iter().find(|r| r[0] == moved).unwrap();
    assert_eq!(
        (&*row[at("school")], &*row[at("years_at_school")]),
        ("R1", "0")
    );
    assert_eq!(
        lines(&dir.file("h/data-2027/history.csv"))[1],
        format!("{moved},R1,2026,,,true")
    );
    // 2027: 7 eligible at U1 (T9, T10 retired, the transferred one gone).
    assert_eq!(v["years"][1]["eligible"], 7);
}

#[test]
fn needs_of_a_year_apply_in_that_year() {
    // needs.csv `year`: 2027 adds 2 places to the row without a year.
    let dir = county("");
    dir.write(
        "needs.csv",
        "school,subject,count,year\nR1,数学,1,\nR1,数学,2,2027\n".as_bytes(),
    );
    let o = horizon(
        dir.path(),
        &["--years", "2", "--format", "json", "--out-dir", "h"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["years"][0]["needs_total"], 1);
    assert_eq!(v["years"][1]["needs_total"], 3);
    assert_eq!(
        lines(&dir.file("h/data-2027/needs.csv")),
        ["school,subject,count,weight,level", "R1,数学,3,1,"]
    );
}

#[test]
fn every_year_audits_and_plans_again_under_its_folder() {
    // programme.md: `audit OUT/data-Y --plan OUT/plan-Y.csv --policy
    // OUT/data-Y/policy.toml` exits 0 for every feasible year, and `plan`
    // on the folder gives plan-Y.csv again.
    let dir = tempfile::tempdir().unwrap();
    let sample = sample();
    let o = rotaplan_pinned(
        dir.path(),
        &[
            "horizon",
            sample.to_str().unwrap(),
            "--years",
            "3",
            "--out-dir",
            "h",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for year in ["2026", "2027", "2028"] {
        let data = format!("h/data-{year}");
        let policy = format!("{data}/policy.toml");
        let plan = format!("h/plan-{year}.csv");
        let a = rotaplan(
            dir.path(),
            &["audit", &data, "--plan", &plan, "--policy", &policy],
        );
        assert_eq!(a.status.code(), Some(0), "{year}: {}", stdout(&a));
        let again = format!("again-{year}.csv");
        let p = rotaplan(
            dir.path(),
            &["plan", &data, "--policy", &policy, "--out", &again],
        );
        assert_eq!(p.status.code(), Some(0), "{year}: {}", stderr(&p));
        let mine = std::fs::read(dir.path().join(&plan)).unwrap();
        assert!(
            mine == std::fs::read(dir.path().join(&again)).unwrap(),
            "{year}: plan on data-{year} differs from plan-{year}.csv"
        );
        assert!(read_csv_rows(&dir.path().join(&plan)).len() > 100);
    }
    // Returns: 2027's are 2026's rotations (a year's term).
    let rows = lines(&dir.path().join("h/horizon.csv"));
    let field = |line: &str, i: usize| line.split(',').nth(i).unwrap().to_string();
    assert_eq!(field(&rows[2], 7), field(&rows[1], 3));
}

/// Every file under `dir`, by its path inside it.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let name = p.strip_prefix(dir).unwrap().display().to_string();
                all.push((name, std::fs::read(&p).unwrap()));
            }
        }
    }
    all.sort();
    all
}

#[test]
fn the_same_input_gives_the_same_horizon() {
    // Byte for byte, whatever the number of threads.
    let dir = tempfile::tempdir().unwrap();
    let sample = sample();
    let run = |out: &str, threads: &str| {
        let o = assert_cmd::Command::cargo_bin("rotaplan")
            .unwrap()
            .env("ROTAPLAN_LANG", "en")
            .env("RAYON_NUM_THREADS", threads)
            .current_dir(dir.path())
            .args([
                "horizon",
                sample.to_str().unwrap(),
                "--years",
                "3",
                "--plan-year",
                "2026",
                "--format",
                "json",
                "--out-dir",
                out,
            ])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        o.stdout
    };
    let one = run("a", "1");
    let two = run("b", "2");
    assert!(one == two, "the JSON differs");
    let (a, b) = (files(&dir.path().join("a")), files(&dir.path().join("b")));
    assert_eq!(
        a.len(),
        3 * 6 + 3 + 1,
        "3 data folders, 3 plans, horizon.csv"
    );
    for ((name_a, bytes_a), (name_b, bytes_b)) in a.iter().zip(&b) {
        assert_eq!(name_a, name_b);
        assert!(bytes_a == bytes_b, "{name_a} differs");
    }
}

#[test]
fn bad_invocations_and_earlier_files() {
    let dir = county("");
    for years in ["0", "11", "x"] {
        let o = horizon(dir.path(), &["--years", years]);
        assert_eq!(o.status.code(), Some(2), "--years {years}");
    }
    // A folder holding a file horizon would write: refused, nothing
    // written; --force replaces it.
    std::fs::create_dir(dir.file("h")).unwrap();
    dir.write("h/plan-2027.csv", b"mine\n");
    let o = horizon(dir.path(), &["--years", "2", "--out-dir", "h"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("plan-2027.csv"), "{}", stderr(&o));
    assert!(!dir.file("h/horizon.csv").exists());
    assert_eq!(
        std::fs::read(dir.file("h/plan-2027.csv")).unwrap(),
        b"mine\n"
    );
    let o = horizon(dir.path(), &["--years", "2", "--out", "h", "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(read_csv_rows(&dir.file("h/plan-2027.csv")).len(), 2);
    // --force over a longer horizon: the years this one does not plan are
    // gone, the planner's own files stay.
    let o = horizon(dir.path(), &["--years", "3", "--out", "h", "--force"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(dir.file("h/plan-2028.csv").exists() && dir.file("h/data-2028").is_dir());
    dir.write("h/notes.txt", b"mine\n");
    let o = horizon(dir.path(), &["--years", "2", "--out", "h", "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!dir.file("h/plan-2028.csv").exists() && !dir.file("h/data-2028").exists());
    assert!(dir.file("h/notes.txt").exists() && dir.file("h/data-2027/teachers.csv").exists());
    // --force means nothing without a folder.
    assert_eq!(
        horizon(dir.path(), &["--years", "1", "--force"])
            .status
            .code(),
        Some(2)
    );
    // A file where the folder would be, or where a year's folder would be.
    dir.write("f", b"x");
    let o = horizon(dir.path(), &["--years", "1", "--out-dir", "f"]);
    assert_eq!(o.status.code(), Some(2));
    std::fs::create_dir(dir.file("g")).unwrap();
    dir.write("g/data-2026", b"x");
    let o = horizon(dir.path(), &["--years", "1", "--out-dir", "g"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("in the way"), "{}", stderr(&o));
    // Bad input: exit 2, no folder made.
    dir.write(
        "teachers.csv",
        b"id,school,subject\nT1,NOPE,\xe6\x95\xb0\xe5\xad\xa6\n",
    );
    let o = horizon(dir.path(), &["--years", "2", "--out-dir", "new"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!dir.file("new").exists());
}

#[test]
fn the_report_shows_the_years_ahead() {
    // programme.md: the report shows the programme (`report --horizon`).
    let dir = county("");
    let o = horizon(dir.path(), &["--years", "3", "--out-dir", "h"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let o = rotaplan_pinned(
        dir.path(),
        &[
            "report",
            "h/data-2026",
            "--policy",
            "h/data-2026/policy.toml",
            "--plan",
            "h/plan-2026.csv",
            "--horizon",
            "h/horizon.csv",
            "--out",
            "r.html",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = std::fs::read_to_string(dir.file("r.html")).unwrap();
    assert!(page.contains("The years ahead"), "no section");
    // 2027's row: 7 eligible, 1 required, 1 rotating, 1 backbone, 1/1
    // filled, 1 return, 0 CVs not kept.
    assert!(
        page.contains(
            "<td class=\"t k\">2027</td><td>7</td><td>1</td><td>1</td><td>1</td><td>1/1</td><td>1</td><td>0</td>"
        ),
        "{page}"
    );
    assert!(page.contains("2028 is the first year the rules cannot be met"));
    // A horizon.csv with a cell that is not a number: bad input, its line.
    dir.write(
        "bad.csv",
        b"year,eligible,required,rotating,backbone,needs_filled,needs_total,returns,feasible,cvs_not_kept\n2026,9,1,x,1,1,1,0,true,0\n",
    );
    let o = rotaplan_pinned(
        dir.path(),
        &[
            "report",
            ".",
            "--policy",
            "policy.toml",
            "--plan",
            "h/plan-2026.csv",
            "--horizon",
            "bad.csv",
            "--out",
            "r2.html",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("bad.csv") && err.contains("line 2") && err.contains("rotating"),
        "{err}"
    );
    assert!(!dir.file("r2.html").exists());
}
