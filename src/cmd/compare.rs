//! `rotaplan compare`: several policy scenarios planned side by side.

use super::{DataArgs, PolicyArgs, load_for, print, warn};
use crate::error::Error;
use crate::msg;
use crate::policy::Policy;
use crate::report;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CompareFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    #[command(flatten)]
    data: DataArgs,
    #[arg(value_name = "SCENARIO.toml")]
    scenarios: Vec<PathBuf>,
    #[arg(long, value_name = "KEY=V1,V2,...")]
    sweep: Vec<String>,
    #[command(flatten)]
    policy: PolicyArgs,
    #[arg(long, value_enum, default_value = "table")]
    format: CompareFormat,
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    #[arg(long, value_name = "BOOL", default_value_t = true, action = clap::ArgAction::Set)]
    bom: bool,
}

pub fn run(args: &CompareArgs) -> Result<i32, Error> {
    let paths = args.data.paths()?;
    let base = args.policy.policy()?;
    let files: Vec<&std::path::Path> = args.scenarios.iter().map(PathBuf::as_path).collect();
    let scenarios = crate::plan::compare::scenarios(&base, &files, &args.sweep)?;
    // Every plan file is checked before any work, and written with the
    // others or not at all (papers.md "Writing files").
    let outs = match &args.out_dir {
        Some(dir) => {
            let mut inputs = paths.all();
            inputs.extend(files.iter().copied());
            plan_files(dir, &scenarios, &inputs)?
        }
        None => Vec::new(),
    };
    let policies: Vec<&Policy> = scenarios.iter().map(|s| &s.policy).collect();
    let data = load_for(&paths, &policies)?;
    // The warnings that depend on the policy are those of the base policy
    // (the flags and --policy), not of each scenario.
    let warnings = warn(&data, &base, matches!(args.format, CompareFormat::Json));
    let rows = crate::plan::compare::run_with(
        &data,
        &scenarios,
        &crate::progress::Bar::new(msg!("cli-progress-scenarios")),
    );
    if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut written = Vec::new();
        for ((row, scenario), out) in rows.iter().zip(&scenarios).zip(outs) {
            let Some(plan) = &row.plan else { continue };
            let plan_rows = report::plan::rows(&data, &scenario.policy, plan);
            let mut bytes = Vec::new();
            report::plan::write_csv(&mut bytes, &plan_rows, args.bom)
                .map_err(|e| Error::io(&out, e))?;
            written.push((out, bytes));
        }
        report::write_all_atomically(&written)?;
    }
    match args.format {
        CompareFormat::Table => {
            let mut text = report::compare::table(&rows);
            if crate::indicators::balance_not_computed(&data) {
                text += &format!("\n{}\n", msg!("report-balance-not-computed"));
            }
            print(&text)?
        }
        CompareFormat::Json => print(
            &(report::warnings::add_to_json(&report::compare::json(&rows), &warnings) + "\n"),
        )?,
        CompareFormat::Csv => {
            let mut out = Vec::new();
            report::compare::write_csv(&mut out, &rows, args.bom)
                .map_err(|e| Error::io(msg!("cli-standard-output").to_string(), e))?;
            print(&String::from_utf8_lossy(&out))?;
        }
    }
    Ok(0)
}

/// Each scenario's plan file in `dir`, checked: two scenarios whose file
/// names would be the same (after `file_name`, and ignoring case, as
/// Windows and macOS do) are bad input naming both; a path that is an
/// input or not a regular file is refused.
fn plan_files(
    dir: &std::path::Path,
    scenarios: &[crate::plan::compare::Scenario],
    inputs: &[&std::path::Path],
) -> Result<Vec<PathBuf>, Error> {
    let mut seen: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
    let mut outs = Vec::with_capacity(scenarios.len());
    for scenario in scenarios {
        let name = format!("{}.csv", file_name(&scenario.name));
        if let Some(first) = seen.insert(name.to_lowercase(), &scenario.name) {
            return Err(Error::Usage(msg!(
                "cli-compare-same-file",
                first = first,
                second = scenario.name.as_str(),
                file = name.as_str()
            )));
        }
        let out = dir.join(name);
        report::check_output(&out)?;
        report::refuse_input(&out, inputs)?;
        outs.push(out);
    }
    Ok(outs)
}

/// A scenario name as a file name: path separators and other characters
/// file systems refuse become `_`.
fn file_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect()
}
