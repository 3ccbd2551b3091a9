//! Helpers shared by the integration tests: small data sets written into a
//! temporary folder, and the real binary run on them.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// A temporary data folder holding the given files.
pub struct DataDir {
    pub dir: tempfile::TempDir,
}

impl DataDir {
    pub fn new(files: &[(&str, &[u8])]) -> DataDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for (name, bytes) in files {
            std::fs::write(dir.path().join(name), bytes).expect("write fixture");
        }
        DataDir { dir }
    }

    /// A data folder of the three required tables, from their texts.
    pub fn tables(schools: &str, teachers: &str, needs: &str) -> DataDir {
        DataDir::new(&[
            ("schools.csv", schools.as_bytes()),
            ("teachers.csv", teachers.as_bytes()),
            ("needs.csv", needs.as_bytes()),
        ])
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, bytes: &[u8]) {
        std::fs::write(self.file(name), bytes).expect("write fixture");
    }

    /// The folder's data set, read as `rotaplan plan DIR` reads it.
    pub fn load(&self) -> rotaplan::domain::DataSet {
        let paths =
            rotaplan::read::DataPaths::resolve(Some(self.path()), None, None, None, None, None)
                .expect("resolve the data folder");
        rotaplan::domain::DataSet::load(&paths).expect("load the data folder")
    }
}

/// `rotaplan` with the given arguments, run inside `cwd`, in English
/// whatever the machine's language (papers.md "Language": `ROTAPLAN_LANG`
/// comes before the system locale; `--lang` in `args` before both).
pub fn rotaplan(cwd: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("rotaplan")
        .expect("binary built")
        .env("ROTAPLAN_LANG", "en")
        .current_dir(cwd)
        .args(args)
        .output()
        .expect("rotaplan runs")
}

/// The year every test that decides eligibility plans for. `plan_year`
/// defaults from the clock (the year of its next 1 September), and the fixtures (the sample county's
/// history.csv, which runs to 2025, the hand-made histories and the corpus)
/// are written for a rotation starting in 2026: unpinned, cool-downs end and
/// counts change when the calendar passes 2027-01-01.
pub const PLAN_YEAR: &str = "2026";

/// The subcommands that take policy flags, `--plan-year` among them
/// (`generate` takes none).
pub const POLICY_COMMANDS: [&str; 9] = [
    "plan",
    "audit",
    "compare",
    "indicators",
    "report",
    "check",
    "publish",
    "explain",
    "horizon",
];

/// `args` with `--plan-year 2026` appended when the subcommand takes policy
/// flags and `args` does not name a plan year already.
pub fn pin_plan_year<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut all = args.to_vec();
    let takes_policy = args.first().is_some_and(|c| POLICY_COMMANDS.contains(c));
    let has_year = args
        .iter()
        .any(|a| *a == "--plan-year" || a.starts_with("--plan-year="));
    if takes_policy && !has_year {
        all.extend(["--plan-year", PLAN_YEAR]);
    }
    all
}

/// `rotaplan` with the plan year pinned to 2026 (see [`pin_plan_year`]), so
/// the result does not depend on today's date. A test of plan_year handling
/// itself (a policy file's `plan_year`, the default year) calls [`rotaplan`]
/// instead: the flag overrides the policy file.
pub fn rotaplan_pinned(cwd: &Path, args: &[&str]) -> std::process::Output {
    rotaplan(cwd, &pin_plan_year(args))
}

pub fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// One urban school U1 with `teachers` eligible 数学 teachers, of whom
/// `backbone` are backbone, and one rural school R1 needing `need` 数学.
pub fn one_district(teachers: usize, backbone: usize, need: u32) -> Vec<(&'static str, Vec<u8>)> {
    let schools = "id,name,area,district,lat,lon\nU1,城区实验小学,urban,大丰,33.2,120.4\nR1,草堰小学,rural,大丰,33.0,120.3\n";
    let mut t = String::from("id,name,school,subject,backbone,years_at_school\n");
    for i in 0..teachers {
        let b = if i < backbone { "county" } else { "none" };
        t += &format!("T{i:03},教师{i},U1,数学,{b},{}\n", 6 + i % 10);
    }
    let needs = format!("school,subject,count\nR1,数学,{need}\n");
    vec![
        ("schools.csv", schools.as_bytes().to_vec()),
        ("teachers.csv", t.into_bytes()),
        ("needs.csv", needs.into_bytes()),
    ]
}

pub fn data_dir(files: Vec<(&'static str, Vec<u8>)>) -> DataDir {
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    DataDir::new(&refs)
}

/// The JSON object a command printed.
pub fn json(o: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

/// Writes each `*.csv` of `src` as `dst/<stem>.xlsx`, one sheet named
/// `sheet(stem)`, cells that parse as numbers written as numbers (as Excel
/// stores them) and the rest as text.
pub fn csv_folder_as_xlsx(src: &Path, dst: &Path, sheet: &dyn Fn(&str) -> String) {
    for entry in std::fs::read_dir(src).expect("read folder") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("csv") {
            continue;
        }
        let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
        let rows = read_csv_rows(&path);
        write_xlsx(&dst.join(format!("{stem}.xlsx")), &sheet(&stem), &rows);
    }
}

pub fn read_csv_rows(path: &Path) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .expect("open csv");
    reader
        .records()
        .map(|r| r.expect("csv row").iter().map(str::to_string).collect())
        .collect()
}

/// One sheet of `rows`; the first row (the header) always as text.
pub fn write_xlsx(path: &Path, sheet: &str, rows: &[Vec<String>]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).expect("sheet name");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell.parse::<f64>() {
                Ok(n) if r > 0 && !cell.is_empty() => ws.write_number(r, c, n).map(|_| ()),
                _ if cell.is_empty() => Ok(()),
                _ => ws.write_string(r, c, cell).map(|_| ()),
            }
            .expect("write cell");
        }
    }
    book.save(path).expect("save xlsx");
}

/// The bundled sample county.
pub fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/sample-county")
}

/// A new folder `dst` holding the sample county's files but teachers.csv,
/// for a test that writes the roster in another shape.
pub fn sample_but_teachers(dst: &Path) {
    std::fs::create_dir_all(dst).expect("make the folder");
    for entry in std::fs::read_dir(sample()).expect("the sample") {
        let file = entry.expect("an entry").path();
        let name = file.file_name().expect("a file name");
        if name != "teachers.csv" {
            std::fs::copy(&file, dst.join(name)).expect("copy a sample file");
        }
    }
}

/// The sample county's plan.csv as `plan` writes it (plan year pinned),
/// planned into `dir`.
pub fn sample_plan(dir: &Path) -> Vec<u8> {
    let out = dir.join("sample-plan.csv");
    let o = rotaplan_pinned(
        dir,
        &[
            "plan",
            sample().to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let plan = std::fs::read(out).expect("the sample's plan");
    assert!(plan.len() > 1000, "a plan of some rows");
    plan
}

/// The header row of a worksheet, each cell as text.
pub fn sheet_header(sheet: &calamine::Range<calamine::Data>) -> Vec<String> {
    sheet
        .rows()
        .next()
        .map(|row| row.iter().map(|c| c.to_string()).collect())
        .unwrap_or_default()
}

/// Every `.rs` file under `dir`, sorted (for the tests that read the
/// source: the catalogue's and the layout's).
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The sample county in `dir/changed` with teachers.csv's `column` set
/// to `value` for teacher `id` (the column added when missing).
pub fn sample_with(
    dir: &std::path::Path,
    id: &str,
    column: &str,
    value: &str,
) -> std::path::PathBuf {
    let changed = dir.join("changed");
    sample_but_teachers(&changed);
    let mut rows = read_csv_rows(&sample().join("teachers.csv"));
    let at = match rows[0].iter().position(|h| h == column) {
        Some(at) => at,
        None => {
            for (i, row) in rows.iter_mut().enumerate() {
                row.push(if i == 0 {
                    column.to_string()
                } else {
                    String::new()
                });
            }
            rows[0].len() - 1
        }
    };
    let mut w = csv::Writer::from_path(changed.join("teachers.csv")).unwrap();
    for mut row in rows {
        if row[0] == id {
            row[at] = value.into();
        }
        w.write_record(&row).unwrap();
    }
    w.flush().unwrap();
    changed
}

/// The (teacher, to_school) rows of a plan.csv, its byte-order mark dropped.
pub fn plan_rows(path: &std::path::Path) -> Vec<(String, String)> {
    read_csv_rows(path)
        .into_iter()
        .skip(1)
        .map(|r| {
            (
                r[0].trim_start_matches('\u{feff}').to_string(),
                r[5].clone(),
            )
        })
        .collect()
}
