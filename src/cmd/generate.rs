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
    #[arg(long)]
    force: bool,
}

pub fn run(args: &GenerateArgs) -> Result<i32, Error> {
    let size: crate::generate::Size = args.size.parse().map_err(|_: String| {
        Error::Usage(msg!("cli-generate-unknown-size", size = args.size.as_str()))
    })?;
    // Real data files are never overwritten by accident (papers.md
    // "Writing files"): a folder holding one of the files is refused
    // unless --force; a folder or device at a file's place always is.
    for file in crate::generate::FILES {
        let place = args.out.join(file);
        crate::report::check_output(&place)?;
        if !args.force && std::fs::symlink_metadata(&place).is_ok() {
            return Err(Error::Usage(msg!(
                "cli-generate-would-replace",
                folder = args.out.as_path(),
                file = file
            )));
        }
    }
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
