//! `rotaplan report`: a self-contained HTML report of a plan.

use super::{DataArgs, PolicyArgs, load, print, warn};
use crate::error::Error;
use crate::msg;
use crate::read::plan::{read_plan, read_plan_parts};
use crate::report;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    policy: PolicyArgs,
    #[arg(long, value_name = "FILE")]
    plan: PathBuf,
    #[arg(long, value_name = "FILE", default_value = "report.html")]
    out: PathBuf,
    #[arg(long, value_name = "PLAN")]
    baseline: Option<PathBuf>,
    #[arg(long, value_name = "FILE")]
    horizon: Option<PathBuf>,
}

pub fn run(args: &ReportArgs) -> Result<i32, Error> {
    report::check_output(&args.out)?;
    let (paths, data, policy) = load(&args.data, &args.policy)?;
    let mut inputs = paths.all();
    inputs.extend(args.policy.policy.as_deref());
    inputs.push(&args.plan);
    inputs.extend(args.baseline.as_deref());
    inputs.extend(args.horizon.as_deref());
    report::refuse_input(&args.out, &inputs)?;
    warn(&data, &policy, false);
    let (lines, principal_lines) = read_plan_parts(&args.plan, &data)?;
    super::plan_warnings(&args.plan, &lines, false);
    let baseline = match &args.baseline {
        Some(path) => {
            let base = read_plan(path, &data)?;
            super::plan_warnings(path, &base, false);
            Some(base)
        }
        None => None,
    };
    let audit = crate::audit::audit_plan(&data, &policy, &lines, &principal_lines);
    // The principals' rows that break no rule of their own: those that do
    // are listed apart with their line, and counted nowhere else.
    let broken: std::collections::HashSet<u64> =
        audit.violations.iter().filter_map(|v| v.line).collect();
    let counted: Vec<_> = principal_lines
        .into_iter()
        .filter(|l| !broken.contains(&l.line))
        .collect();
    let principals =
        crate::plan::principals::sequences_of(&data, &crate::read::plan::moves(&data, &counted));
    // The page counts the rows the audit counts (papers.md "The report"):
    // those that break a rule are listed apart and counted nowhere else.
    let moves = &audit.counted;
    let balance = crate::indicators::assess(&data, &policy, Some(moves)).balance;
    // The plan's changes against the baseline (papers.md "Objections and
    // changes"), over the plan's rows as written.
    let changes = baseline.as_ref().map(|base| {
        let all = crate::read::plan::moves(&data, &lines);
        crate::plan::changes::changes_of(&data, &policy, &all, base)
    });
    let baseline_file = args.baseline.as_ref().map(|p| p.display().to_string());
    // The years ahead (programme.md: the report shows the programme).
    let horizon = match &args.horizon {
        Some(path) => Some((
            path.display().to_string(),
            crate::read::horizon::read_horizon(path)?,
        )),
        None => None,
    };
    let page = report::html::report(&report::html::ReportInput {
        data: &data,
        policy: &policy,
        plan_file: &args.plan.display().to_string(),
        audit: &audit,
        balance: &balance,
        changes: baseline_file.as_deref().zip(changes.as_deref()),
        horizon: horizon
            .as_ref()
            .map(|(file, years)| (file.as_str(), years.as_slice())),
        principals: &principals,
    });
    report::write_atomically(&args.out, |w| w.write_all(page.as_bytes()))?;
    let verdict = if audit.ok {
        msg!("cli-report-meets-rules")
    } else {
        msg!("cli-report-breaks-rules")
    };
    let written = msg!(
        "cli-report-written",
        file = args.out.as_path(),
        count = moves.len(),
        verdict = verdict
    );
    let mut text = format!("{written}\n");
    if crate::indicators::balance_not_computed(&data) {
        text += &format!("{}\n", msg!("report-balance-not-computed"));
    }
    print(&text)?;
    Ok(0)
}
