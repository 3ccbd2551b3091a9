//! One file per command: its `Args` (clap) and its `run`, nothing else. The
//! helpers every command shares live here: where the data set is
//! (`DataArgs`), the policy and the flags that override it (`PolicyArgs`),
//! loading both, and printing to stdout.

pub mod audit;
pub mod check;
pub mod compare;
pub mod explain;
pub mod generate;
pub mod horizon;
pub mod indicators;
pub mod plan;
pub mod publish;
pub mod report;

use crate::domain::{DataSet, mask_id_cards};
use crate::error::Error;
use crate::msg;
use crate::policy::{Overrides, Policy};
use crate::read::DataPaths;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

/// Where the data set is: a folder, and/or one flag per file.
#[derive(Debug, Args)]
pub struct DataArgs {
    dir: Option<PathBuf>,
    #[arg(long, value_name = "FILE")]
    schools: Option<PathBuf>,
    #[arg(long, value_name = "FILE")]
    teachers: Option<PathBuf>,
    #[arg(long, value_name = "FILE")]
    needs: Option<PathBuf>,
    #[arg(long, value_name = "FILE")]
    preferences: Option<PathBuf>,
    /// Several are read as one (programme.md: last year's plan file, an
    /// older history), instead of the folder's history.csv.
    #[arg(long, value_name = "FILE", action = clap::ArgAction::Append)]
    history: Vec<PathBuf>,
}

impl DataArgs {
    pub fn paths(&self) -> Result<DataPaths, Error> {
        DataPaths::resolve(
            self.dir.as_deref(),
            self.schools.clone(),
            self.teachers.clone(),
            self.needs.clone(),
            self.preferences.clone(),
            self.history.first().cloned(),
        )
        .map(|mut paths| {
            paths.more_history = self.history.iter().skip(1).cloned().collect();
            paths
        })
    }
}

/// The policy file and the flags that override it.
#[derive(Debug, Args)]
pub struct PolicyArgs {
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    #[arg(long, value_name = "RATIO")]
    ratio: Option<String>,
    #[arg(long, value_name = "RATIO")]
    backbone_share: Option<String>,
    #[arg(long, value_name = "district|school|group")]
    scope: Option<String>,
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i64).range(1900..=9999))]
    plan_year: Option<i64>,
    #[arg(long)]
    improve_indicators: bool,
    #[arg(long, value_name = "same|qualified|any")]
    level_match: Option<String>,
}

impl PolicyArgs {
    pub fn policy(&self) -> Result<Policy, Error> {
        Policy::load(self.policy.as_deref(), &self.overrides())
    }

    /// The policy file given (`--policy`), if any.
    pub fn file(&self) -> Option<&std::path::Path> {
        self.policy.as_deref()
    }

    /// The flags that override the policy file.
    pub fn overrides(&self) -> Overrides {
        Overrides {
            ratio: self.ratio.clone(),
            backbone_share: self.backbone_share.clone(),
            scope: self.scope.clone(),
            plan_year: self.plan_year,
            improve_indicators: self.improve_indicators,
            level_match: self.level_match.clone(),
        }
    }
}

/// How a command prints its report.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

/// Prints to stdout, every resident ID number masked (rosters.md
/// "Personal data": only plan files carry them whole); a closed pipe
/// (`| head`) is not an error.
pub fn print(text: &str) -> Result<(), Error> {
    let text = mask_id_cards(text);
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::io(msg!("cli-standard-output").to_string(), e))
        }
        _ => Ok(()),
    }
}

/// The data set's warnings under `policy` (`eligibility::warnings`), in
/// table format printed to stderr now (their number and the first five,
/// ID numbers masked); returned for the JSON `warnings[]`.
pub fn warn(data: &DataSet, policy: &Policy, json: bool) -> Vec<crate::domain::Warning> {
    let warnings = crate::eligibility::warnings::warnings(data, policy);
    if !json {
        let text = crate::report::warnings::lines(&warnings);
        if !text.is_empty() {
            eprint!("{}", mask_id_cards(&text));
        }
    }
    warnings
}

/// The warnings of reading the plan at `path` (`read::plan::plan_warnings`),
/// on stderr unless the output is JSON (which lists them).
pub fn plan_warnings(
    path: &std::path::Path,
    lines: &[crate::read::plan::PlanLine],
    json: bool,
) -> Vec<crate::domain::Warning> {
    let warnings = crate::read::plan::plan_warnings(&path.display().to_string(), lines);
    if !json {
        let text = crate::report::warnings::lines(&warnings);
        if !text.is_empty() {
            eprint!("{}", mask_id_cards(&text));
        }
    }
    warnings
}

/// The data set and the policy of a command's flags, the places
/// `refill_returns` adds among the needs and the pins of
/// `must_rotate_after_years` in it (programme.md), so that planning,
/// auditing and reporting count the same needs and pins.
pub fn load(data: &DataArgs, policy: &PolicyArgs) -> Result<(DataPaths, DataSet, Policy), Error> {
    let paths = data.paths()?;
    let policy_value = policy.policy()?;
    let mut data_set = load_for(&paths, &[&policy_value])?;
    crate::eligibility::add_programme(&mut data_set, &policy_value);
    Ok((paths, data_set, policy_value))
}

/// The data set, with the extra teachers.csv columns that the rules of
/// any of `policies` filter on.
pub fn load_for(paths: &DataPaths, policies: &[&Policy]) -> Result<DataSet, Error> {
    let mut wanted: Vec<crate::read::Wanted> = Vec::new();
    for (column, rule) in policies.iter().flat_map(|p| p.wanted_columns()) {
        if !wanted.iter().any(|w| w.column == column) {
            wanted.push(crate::read::Wanted { column, rule });
        }
    }
    let mut data = DataSet::load_with(paths, &wanted)?;
    // needs.csv rows with a year apply in that plan year only
    // (programme.md); scenarios of several plan years keep them all.
    if let Some(first) = policies.first()
        && policies.iter().all(|p| p.plan_year == first.plan_year)
    {
        data.keep_needs_of(first.plan_year);
    }
    let file = paths.teachers.display().to_string();
    for policy in policies {
        crate::eligibility::check_dates(&data, policy, &file)?;
        crate::eligibility::check_rule_columns(&data, policy)?;
        check_priority_columns(&data, policy, &file)?;
    }
    Ok(data)
}

/// Each `priority` stage that reads a teachers.csv column (`volunteer`,
/// `points`) must find it (programme.md "Who goes first", fit.md "A rule
/// never switches off in silence"): else bad input naming the stage.
/// (A filter's column is a wanted column, checked as the rules' are.)
fn check_priority_columns(data: &DataSet, policy: &Policy, file: &str) -> Result<(), Error> {
    let read: Vec<&str> = data
        .files
        .iter()
        .filter(|f| f.file == file || f.file.ends_with(data.teachers_file()))
        .flat_map(|f| f.columns.iter().map(|c| c.field.as_str()))
        .collect();
    for stage in &policy.priority {
        if let Some(column) = stage.column()
            && matches!(column.as_str(), "volunteer" | "points")
            && !read.contains(&column.as_str())
        {
            return Err(Error::Input(
                crate::error::InputError::new(
                    file,
                    msg!(
                        "policy-priority-needs-column",
                        stage = stage.name(),
                        column = column
                    ),
                )
                .key("priority"),
            ));
        }
    }
    Ok(())
}
