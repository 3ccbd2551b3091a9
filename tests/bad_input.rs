//! The bad-input corpus: every folder of `tests/bad_input/` is a case. The
//! runner copies `_base/` (a small valid data set) into a temporary folder,
//! lays the case's files over it (`remove` deletes base files; `generate`
//! makes inputs too large or too binary to commit), runs `rotaplan` with
//! the case's `args` there, plus `--plan-year 2026` unless they name a plan
//! year (so no case depends on today's date), and checks the exit status,
//! that standard error names everything in `contains`, that nothing
//! panicked and that a failing run wrote no file.

mod common;

use common::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    args: Vec<String>,
    exit: i32,
    contains: Vec<String>,
    #[serde(default)]
    remove: Vec<String>,
    generate: Option<String>,
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_input")
}

fn copy_files(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name() != "case.toml" {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// Inputs made at run time: too large or too binary to keep in git.
fn generate(kind: &str, dir: &Path) {
    let teachers = std::fs::read(dir.join("teachers.csv")).unwrap();
    let line_start = |n: usize| -> usize {
        let mut at = 0;
        for _ in 1..n {
            at += teachers[at..].iter().position(|&b| b == b'\n').unwrap() + 1;
        }
        at
    };
    let write = |name: &str, bytes: Vec<u8>| std::fs::write(dir.join(name), bytes).unwrap();
    match kind {
        // An .xlsx workbook saved under a .csv name.
        "zip" => write(
            "teachers.csv",
            b"PK\x03\x04\x14\x00\x06\x00\x08\x00[Content_Types].xml".to_vec(),
        ),
        "nul" => {
            let mut t = teachers.clone();
            t.insert(line_start(3) + 2, 0);
            write("teachers.csv", t);
        }
        "bad_bytes" => {
            let mut t = teachers.clone();
            t.splice(line_start(2) + 4..line_start(2) + 4, *b"\xff\xfe");
            write("teachers.csv", t);
        }
        // A 10 MB cell where years_at_school belongs.
        "huge_field" => {
            let mut t = "id,name,school,subject,backbone,years_at_school,age,eligible,exempt\nT00,x,U1,数学,,".as_bytes().to_vec();
            t.extend(std::iter::repeat_n(b'9', 10 << 20));
            t.extend_from_slice(b",40,,\n");
            write("teachers.csv", t);
        }
        // 100,000 extra header columns (the most is 1,000); the rows keep
        // their nine fields.
        "wide_header" => {
            let schools = std::fs::read_to_string(dir.join("schools.csv")).unwrap();
            let (header, rows) = schools.split_once('\n').unwrap();
            let extra: Vec<String> = (0..100_000).map(|i| format!("c{i}")).collect();
            write(
                "schools.csv",
                format!("{header},{}\n{rows}", extra.join(",")).into_bytes(),
            );
        }
        // 5,000 sending schools of one 数学 teacher each and 4,001 rural
        // schools needing one: 20,005,000 possible moves in one district.
        "too_many_arcs" => {
            let mut schools = String::from("id,area\n");
            let mut teachers = String::from("id,school,subject,years_at_school\n");
            let mut needs = String::from("school,subject,count\n");
            for i in 0..5000 {
                schools += &format!("U{i},urban\n");
                teachers += &format!("T{i},U{i},数学,8\n");
            }
            for i in 0..4001 {
                schools += &format!("R{i},rural\n");
                needs += &format!("R{i},数学,1\n");
            }
            write("schools.csv", schools.into_bytes());
            write("teachers.csv", teachers.into_bytes());
            write("needs.csv", needs.into_bytes());
            for optional in ["preferences.csv", "history.csv"] {
                let _ = std::fs::remove_file(dir.join(optional));
            }
        }
        other => panic!("unknown generator {other}"),
    }
}

fn files_in(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn every_case_of_the_corpus() {
    let mut names: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && p.file_name().is_some_and(|n| n != "_base"))
        .collect();
    names.sort();
    assert!(names.len() >= 30, "the corpus has {} cases", names.len());
    let mut failures = Vec::new();
    for case_dir in &names {
        let name = case_dir.file_name().unwrap().to_string_lossy().into_owned();
        let case: Case =
            toml::from_str(&std::fs::read_to_string(case_dir.join("case.toml")).unwrap())
                .unwrap_or_else(|e| panic!("{name}/case.toml: {e}"));
        let work = tempfile::tempdir().unwrap();
        copy_files(&corpus().join("_base"), work.path());
        copy_files(case_dir, work.path());
        for file in &case.remove {
            std::fs::remove_file(work.path().join(file)).unwrap();
        }
        if let Some(kind) = &case.generate {
            generate(kind, work.path());
        }
        let before = files_in(work.path());
        let args: Vec<&str> = case.args.iter().map(String::as_str).collect();
        let o = rotaplan_pinned(work.path(), &args);
        let err = stderr(&o);
        let mut problems = Vec::new();
        if o.status.code() != Some(case.exit) {
            problems.push(format!(
                "exit {:?}, expected {}",
                o.status.code(),
                case.exit
            ));
        }
        let said = if case.exit == 0 {
            stdout(&o) + &err
        } else {
            err.clone()
        };
        for needle in &case.contains {
            if !said.contains(needle.as_str()) {
                problems.push(format!("message lacks `{needle}`"));
            }
        }
        if err.contains("panicked") {
            problems.push("panicked".to_string());
        }
        if err.len() > 2000 {
            problems.push(format!("a {}-byte message", err.len()));
        }
        if case.exit != 0 && files_in(work.path()) != before {
            problems.push("a failing run left a file behind".to_string());
        }
        if !problems.is_empty() {
            let shown: String = err.trim().chars().take(300).collect();
            failures.push(format!(
                "{name}: {} -- stderr: {shown}",
                problems.join("; ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
}
