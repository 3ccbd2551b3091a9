//! `rotaplan check`: what was read from each file, what was derived and
//! skipped, who is eligible, and what to look at, without planning.

use super::{DataArgs, Format, PolicyArgs, load, print};
use crate::error::Error;
use clap::Args;

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    policy: PolicyArgs,
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

pub fn run(args: &CheckArgs) -> Result<i32, Error> {
    let (_, data, policy) = load(&args.data, &args.policy)?;
    let report = crate::report::check::check(&data, &policy);
    print(&match args.format {
        Format::Json => crate::report::check::json(&report) + "\n",
        Format::Table => crate::report::check::table(&report),
    })?;
    Ok(0)
}
