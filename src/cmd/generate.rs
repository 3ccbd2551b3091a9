//! `rotaplan generate`: a seeded synthetic data set.

use super::print;
use crate::error::Error;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// county (1 district, ~5,000 teachers), city (10 districts, ~60,000)
    /// or province (100 districts, ~600,000).
    #[arg(long, default_value = "county")]
    size: String,
    /// easy (rural need filled with margin: the bundled sample) or hard
    /// (shaped like tests/cases/hard-county: some need no plan can fill,
    /// small rural schools that filling need makes less balanced).
    #[arg(long, default_value = "easy", value_name = "easy|hard")]
    shape: crate::generate::Shape,
    /// Seed of the random generator: the same seed gives the same files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folder to write the CSV files into.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

pub fn run(args: &GenerateArgs) -> Result<i32, Error> {
    let size: crate::generate::Size = args
        .size
        .parse()
        .map_err(|e: String| Error::Usage(e.into()))?;
    let summary = crate::generate::generate(size, args.shape, args.seed, &args.out)
        .map_err(|e| Error::io(&args.out, e))?;
    print(&format!(
        "{}: {} districts, {} schools, {} teachers, {} needs ({} places)\n",
        args.out.display(),
        summary.districts,
        summary.schools,
        summary.teachers,
        summary.needs,
        summary.need_total
    ))?;
    Ok(0)
}
