//! `rotaplan plan`: make the rotation plan, write plan.csv (or plan.xlsx)
//! and print a summary per district. Every plan passes the independent
//! auditor before it is written.

use super::{DataArgs, Format, PolicyArgs, load, print, warn};
use crate::domain::DataSet;
use crate::error::Error;
use crate::msg;
use crate::policy::Policy;
use crate::report;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    policy: PolicyArgs,
    #[arg(long, value_name = "FILE", default_value = "plan.csv")]
    out: PathBuf,
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    #[arg(long, value_name = "BOOL", default_value_t = true, action = clap::ArgAction::Set)]
    bom: bool,
    #[arg(long, value_name = "PLAN")]
    baseline: Option<PathBuf>,
}

pub fn run(args: &PlanArgs) -> Result<i32, Error> {
    report::check_output(&args.out)?;
    let (paths, mut data, policy) = load(&args.data, &args.policy)?;
    let mut inputs = paths.all();
    inputs.extend(args.policy.policy.as_deref());
    inputs.extend(args.baseline.as_deref());
    report::refuse_input(&args.out, &inputs)?;
    let json = matches!(args.format, Format::Json);
    let mut warnings = warn(&data, &policy, json);
    // The baseline's rows, its teachers settled (papers.md "Objections and
    // changes"): the plan changes as few of them as the rules allow.
    let baseline = match &args.baseline {
        Some(path) => {
            let lines = crate::read::plan::read_plan(path, &data)?;
            warnings.extend(super::plan_warnings(path, &lines, json));
            data.baseline = Some(crate::plan::changes::baseline_of(&data, &lines));
            Some((path, lines))
        }
        None => None,
    };
    let plan = crate::plan::plan_with(
        &data,
        &policy,
        &crate::progress::Bar::new(msg!("cli-progress-districts")),
    )?;
    let rows = report::plan::rows(&data, &policy, &plan);
    let audited = if plan.feasible() {
        self_audit(&data, &policy, &plan)?.rules
    } else {
        Vec::new()
    };
    // Whether a file was at the path (papers.md "Writing files": `plan`
    // says where it wrote and whether it replaced a file).
    let replaced = std::fs::symlink_metadata(&args.out).is_ok();
    if plan.feasible() {
        if report::workbook::wants_workbook(&args.out) {
            let bytes = report::workbook::plan_workbook(&data, &policy, &plan, &rows)
                .map_err(|e| Error::io(&args.out, std::io::Error::other(e)))?;
            report::write_atomically(&args.out, |w| w.write_all(&bytes))?;
        } else {
            report::write_atomically(&args.out, |w| report::plan::write_csv(w, &rows, args.bom))?;
        }
    }
    let changes = baseline
        .as_ref()
        .filter(|_| plan.feasible())
        .map(|(_, lines)| crate::plan::changes::changes(&data, &policy, &plan, lines));
    match args.format {
        Format::Json => {
            let mut json = report::plan::json(&plan, &rows, &data, &policy, &audited);
            if plan.feasible() {
                json = report::json_with(&json, "out", &args.out);
                json = report::json_with(&json, "replaced", &replaced);
            }
            if let (Some((path, _)), Some(changes)) = (&baseline, &changes) {
                json = report::json_with(&json, "baseline", path);
                json = report::json_with(&json, "changes", changes);
            }
            print(&(report::warnings::add_to_json(&json, &warnings) + "\n"))?
        }
        Format::Table => {
            let mut text = report::plan::table(&plan, &policy, &data, &audited);
            if let (Some((path, _)), Some(changes)) = (&baseline, &changes) {
                text += &report::plan::changes_table(changes, &path.display().to_string());
            }
            print(&text)?
        }
    }
    if plan.feasible() {
        let principals = plan.principals.moves().count();
        let written = msg!(
            "cli-plan-written",
            file = args.out.as_path(),
            count = rows.len() - principals,
            principals = principals,
            replaced = replaced.to_string()
        );
        // Not eprintln!: it panics when stderr is a closed pipe.
        let _ = writeln!(std::io::stderr(), "{written}");
    }
    if plan.feasible() {
        Ok(0)
    } else {
        Err(Error::Infeasible(plan.infeasibilities()))
    }
}

/// Every plan passes the independent auditor before it is written; a
/// failure is a bug in the planner, reported as such (exit 4).
pub(super) fn self_audit(
    data: &DataSet,
    policy: &Policy,
    plan: &crate::plan::RotationPlan,
) -> Result<crate::audit::AuditReport, Error> {
    let moves = plan.rotations.iter().map(|r| (r.teacher, r.to_school));
    let lines = crate::read::plan::lines_of(data, moves);
    let mut check = crate::audit::audit(data, policy, &lines);
    let principals = crate::read::plan::lines_of(
        data,
        plan.principals.moves().map(|m| (m.teacher, m.to_school)),
    );
    check
        .violations
        .extend(crate::audit::principals::check(data, policy, &principals));
    match check.violations.first() {
        None => Ok(check),
        Some(v) => Err(Error::Solver(msg!(
            "cli-plan-failed-audit",
            count = check.violations.len(),
            rule = v.rule.as_str(),
            message = v.message.to_string()
        ))),
    }
}
