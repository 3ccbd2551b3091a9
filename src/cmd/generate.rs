//! `rotaplan generate`: a seeded synthetic data set.

use super::print;
use crate::error::Error;
use crate::msg;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct GenerateArgs {
    #[arg(long, default_value = "county")]
    size: String,
    #[arg(long, default_value = "easy", value_name = "easy|hard")]
    shape: crate::generate::Shape,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

pub fn run(args: &GenerateArgs) -> Result<i32, Error> {
    let size: crate::generate::Size = args.size.parse().map_err(|_: String| {
        Error::Usage(msg!("cli-generate-unknown-size", size = args.size.as_str()))
    })?;
    let summary = crate::generate::generate(size, args.shape, args.seed, &args.out)
        .map_err(|e| Error::io(&args.out, e))?;
    let written = msg!(
        "cli-generate-written",
        folder = args.out.as_path(),
        districts = summary.districts,
        schools = summary.schools,
        teachers = summary.teachers,
        needs = summary.needs,
        places = summary.need_total
    );
    print(&format!("{written}\n"))?;
    Ok(0)
}
