//! `rotaplan explain`: for one teacher of a plan, every eligibility
//! reason that holds, where the plan sends them, and the best plan if that
//! changed (papers.md "Objections and changes").

use super::{DataArgs, Format, PolicyArgs, load, print, warn};
use crate::error::{Error, InputError};
use crate::msg;
use crate::read::plan::read_plan;
use crate::report;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ExplainArgs {
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    policy: PolicyArgs,
    #[arg(long, value_name = "FILE")]
    plan: PathBuf,
    #[arg(long, value_name = "ID")]
    teacher: String,
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

pub fn run(args: &ExplainArgs) -> Result<i32, Error> {
    let (_, data, policy) = load(&args.data, &args.policy)?;
    let json = matches!(args.format, Format::Json);
    warn(&data, &policy, json);
    let lines = read_plan(&args.plan, &data)?;
    super::plan_warnings(&args.plan, &lines, json);
    let t = data.teacher_by_id(&args.teacher).ok_or_else(|| {
        Error::Input(InputError::new(
            data.teachers_file(),
            msg!(
                "read-unknown-teacher",
                teacher = crate::read::cell::shown(&args.teacher),
                file = data.teachers_file()
            ),
        ))
    })?;
    let moves = crate::read::plan::moves(&data, &lines);
    let explained = crate::plan::explain::explain(&data, &policy, &moves, t)?;
    print(&match args.format {
        Format::Json => serde_json::to_string_pretty(&explained).unwrap_or_default() + "\n",
        Format::Table => report::explain::table(&explained),
    })?;
    Ok(0)
}
