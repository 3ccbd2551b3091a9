//! `rotaplan indicators`: the 优质均衡 teacher indicators per school and
//! their CV per district, before and after a plan.

use super::{DataArgs, Format, PolicyArgs, load, print, warn};
use crate::error::Error;
use crate::read::plan::{PlanLine, read_plan};
use crate::report;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct IndicatorsArgs {
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    policy: PolicyArgs,
    #[arg(long, value_name = "FILE")]
    plan: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

pub fn run(args: &IndicatorsArgs) -> Result<i32, Error> {
    let (_, data, policy) = load(&args.data, &args.policy)?;
    let json = matches!(args.format, Format::Json);
    let mut warnings = warn(&data, &policy, json);
    let moves = match &args.plan {
        Some(path) => {
            let lines: Vec<PlanLine> = read_plan(path, &data)?;
            warnings.extend(super::plan_warnings(path, &lines, json));
            let file = path.display().to_string();
            Some(crate::read::plan::checked_moves(&data, &file, &lines)?)
        }
        None => None,
    };
    let ind = crate::indicators::assess(&data, &policy, moves.as_deref());
    print(&match args.format {
        Format::Json => {
            report::warnings::add_to_json(&report::indicators::json(&data, &ind), &warnings) + "\n"
        }
        Format::Table => report::indicators::table(&data, &ind),
    })?;
    Ok(0)
}
