//! What the fuzz targets share: a small valid data set (`data/`), a scratch
//! folder to write each input's files into, and the checks run on every
//! data set that loads.
//!
//! Errors are the expected answer to bad input; a panic anywhere (or a
//! failed check here) is a bug.

use rotaplan::audit::{self, AuditReport, PlanLine};
use rotaplan::domain::DataSet;
use rotaplan::read::DataPaths;
use rotaplan::plan::RotationPlan;
use rotaplan::policy::Policy;
use rotaplan::report;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The valid data set the targets put next to the file they fuzz.
pub const SCHOOLS: &[u8] = include_bytes!("../data/schools.csv");
pub const TEACHERS: &[u8] = include_bytes!("../data/teachers.csv");
pub const NEEDS: &[u8] = include_bytes!("../data/needs.csv");
pub const PREFERENCES: &[u8] = include_bytes!("../data/preferences.csv");
pub const HISTORY: &[u8] = include_bytes!("../data/history.csv");
/// A plan for that data set that passes the audit.
pub const PLAN: &[u8] = include_bytes!("../data/plan.csv");

/// The files of one data set; `None` leaves an optional file out.
#[derive(Clone, Copy)]
pub struct Files<'a> {
    pub schools: &'a [u8],
    pub teachers: &'a [u8],
    pub needs: Option<&'a [u8]>,
    pub preferences: Option<&'a [u8]>,
    pub history: Option<&'a [u8]>,
}

impl Files<'static> {
    /// The valid data set, every file given.
    pub const VALID: Files<'static> = Files {
        schools: SCHOOLS,
        teachers: TEACHERS,
        needs: Some(NEEDS),
        preferences: Some(PREFERENCES),
        history: Some(HISTORY),
    };
}

/// The policy the targets plan and audit under: the defaults, with a fixed
/// plan year (the data's history is judged against it) and a short limit.
pub fn policy() -> Policy {
    Policy {
        plan_year: 2026,
        time_limit_seconds: 5.0,
        ..Policy::default()
    }
}

/// This process's scratch folder. libFuzzer runs one input at a time, so
/// each input overwrites the files of the one before. The folder is made
/// in `TMPDIR`, which `scripts/fuzz` points at a folder it removes.
pub fn scratch() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        tempfile::Builder::new()
            .prefix("rotaplan-fuzz-")
            .tempdir()
            .expect("a scratch folder")
    })
    .path()
}

/// Writes `bytes` to `name` in the scratch folder (or removes the file for
/// `None`) and returns its path.
pub fn put(name: &str, bytes: Option<&[u8]>) -> PathBuf {
    let path = scratch().join(name);
    match bytes {
        Some(bytes) => std::fs::write(&path, bytes).expect("write a scratch file"),
        None => match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => panic!("remove {}: {e}", path.display()),
        },
    }
    path
}

/// Loads `files` the way the command line does: from a folder, the
/// optional files used when present.
pub fn load(files: &Files) -> Result<DataSet, rotaplan::Error> {
    put("schools.csv", Some(files.schools));
    put("teachers.csv", Some(files.teachers));
    put("needs.csv", files.needs);
    put("preferences.csv", files.preferences);
    put("history.csv", files.history);
    let paths = DataPaths::resolve(Some(scratch()), None, None, None, None, None)?;
    DataSet::load(&paths)
}

/// The valid data set, loaded once.
pub fn valid_data() -> &'static DataSet {
    static DATA: OnceLock<DataSet> = OnceLock::new();
    DATA.get_or_init(|| load(&Files::VALID).expect("the fuzz data set loads"))
}

/// The valid plan's lines, read once.
pub fn valid_plan() -> &'static [PlanLine] {
    static LINES: OnceLock<Vec<PlanLine>> = OnceLock::new();
    LINES.get_or_init(|| {
        audit::read_plan(&put("valid-plan.csv", Some(PLAN)), valid_data())
            .expect("the fuzz plan reads")
    })
}

/// Audits `lines` and renders the report both ways.
pub fn audit_and_render(data: &DataSet, policy: &Policy, lines: &[PlanLine]) -> AuditReport {
    let report = audit::audit(data, policy, lines);
    std::hint::black_box(report::audit::table(&report, policy));
    std::hint::black_box(report::audit::json(&report));
    report
}

/// The cheap checks for any data set that loads: eligibility, and the
/// audit of the valid plan and of an empty one.
pub fn exercise(data: &DataSet, policy: &Policy) {
    std::hint::black_box(rotaplan::eligibility::assess(data, policy));
    audit_and_render(data, policy, valid_plan());
    audit_and_render(data, policy, &[]);
}

/// The plan's moves as the auditor reads them.
pub fn plan_lines(data: &DataSet, plan: &RotationPlan) -> Vec<PlanLine> {
    let moves = plan.rotations.iter().map(|r| (r.teacher, r.to_school));
    rotaplan::read::plan::lines_of(data, moves)
}

fn pairs(lines: &[PlanLine]) -> Vec<(&str, &str)> {
    lines
        .iter()
        .map(|l| (l.teacher.as_str(), l.to_school.as_str()))
        .collect()
}

/// Plans `data` under `policy`, renders every report, and holds the plan
/// to the independent audit:
/// - the planner and the auditor count the same eligible teachers and the
///   same minimum number of rotations;
/// - a plan the planner calls feasible passes the audit, with the same
///   rotating and backbone counts and the same needs filled;
/// - `plan.csv` as written reads back to the same moves.
pub fn plan_and_audit(data: &DataSet, policy: &Policy) {
    let plan = match rotaplan::plan::plan(data, policy) {
        Ok(plan) => plan,
        Err(_) => return,
    };
    let rows = report::plan::rows(data, &plan);
    std::hint::black_box(report::plan::table(&plan, policy, data));
    std::hint::black_box(report::plan::json(&plan, &rows, data));
    let mut csv = Vec::new();
    report::plan::write_csv(&mut csv, &rows).expect("plan.csv writes to memory");

    let figures = plan.figures();
    let lines = plan_lines(data, &plan);
    let report = audit_and_render(data, policy, &lines);
    assert_eq!(
        (report.eligible, report.required),
        (figures.eligible, figures.required),
        "planner and auditor disagree on (eligible, required)"
    );
    if !plan.feasible() {
        return;
    }
    assert!(
        report.ok,
        "a plan the planner calls feasible fails the audit: {:#?}",
        report.violations
    );
    assert_eq!(
        (report.rotating, report.backbone),
        (figures.rotating, figures.backbone),
        "planner and auditor disagree on (rotating, backbone)"
    );
    assert_eq!(
        report.needs_filled,
        Some(figures.needs_filled),
        "planner and auditor disagree on the needs filled"
    );

    let written = put("plan.csv", Some(&csv));
    let back = audit::read_plan(&written, data).expect("the plan.csv rotaplan wrote reads back");
    assert_eq!(
        pairs(&back),
        pairs(&lines),
        "plan.csv reads back other moves"
    );
    assert!(
        audit::audit(data, policy, &back).ok,
        "plan.csv as read back fails the audit"
    );
}
