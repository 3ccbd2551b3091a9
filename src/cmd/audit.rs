//! `rotaplan audit`: check a plan, made by rotaplan or by hand, against
//! every rule; exit 1 on violations.

use super::{DataArgs, Format, PolicyArgs, load, print, warn};
use crate::error::Error;
use crate::read::plan::read_plan_parts;
use crate::report;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct AuditArgs {
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    policy: PolicyArgs,
    #[arg(long, value_name = "FILE")]
    plan: PathBuf,
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

pub fn run(args: &AuditArgs) -> Result<i32, Error> {
    let (_, data, policy) = load(&args.data, &args.policy)?;
    let json = matches!(args.format, Format::Json);
    let mut warnings = warn(&data, &policy, json);
    let (plan, principals) = read_plan_parts(&args.plan, &data)?;
    warnings.extend(super::plan_warnings(&args.plan, &plan, json));
    let report = crate::audit::audit_plan(&data, &policy, &plan, &principals);
    print(&match args.format {
        Format::Json => {
            report::warnings::add_to_json(&report::audit::json(&report), &warnings) + "\n"
        }
        Format::Table => report::audit::table(&report, &policy),
    })?;
    Ok(if report.ok { 0 } else { 1 })
}
