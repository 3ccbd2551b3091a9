//! The command line: the commands (each in its file under `cmd/`), parsed
//! by clap and run, and the error turned into a message and an exit status. Exit
//! statuses are the contract's: 0 ok, 1 audit found violations, 2 bad
//! input or invocation, 3 infeasible.

use crate::cmd;
use crate::domain::mask_id_cards;
use clap::{Parser, Subcommand};
use std::io::Write;

#[derive(Debug, Parser)]
#[command(
    name = "rotaplan",
    version,
    about = "Plan, compare and audit the yearly teacher rotation (交流轮岗) of a county",
    long_about = "rotaplan reads a county's teacher roster and the rural schools' needs and plans \
the yearly rotation from urban and quality schools to rural schools: at least 10% of the eligible \
teachers rotate and at least 20% of those rotating are backbone teachers (骨干教师), while as much \
rural need as possible is filled and travel is kept short.\n\nExit status: 0 success, 1 audit found \
violations, 2 bad input or invocation, 3 the policy is infeasible for these inputs, 4 an internal solver \
failure."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Make the rotation plan: writes plan.csv and prints a summary per district.
    #[command(after_help = "Examples:\n  rotaplan plan data/sample-county\n  \
rotaplan plan data/sample-county --ratio 0.12 --out plan-12.csv\n  \
rotaplan plan data/sample-county --policy policy.toml --scope school --format json")]
    Plan(cmd::plan::PlanArgs),
    /// Check a plan (made by rotaplan or by hand) against every rule; exit 1 on violations.
    #[command(
        after_help = "Examples:\n  rotaplan audit data/sample-county --plan plan.csv\n  \
rotaplan audit data/sample-county --plan 手工方案.csv --ratio 0.12 --format json\n\n\
The plan needs only the columns teacher and to_school (工号, 交流学校), or name and from_school (姓名, 原单位) \
instead of teacher, or id_card (身份证件号); the rest is looked up in the data set."
    )]
    Audit(cmd::audit::AuditArgs),
    /// Plan several policy scenarios side by side, in parallel.
    #[command(
        after_help = "Examples:\n  rotaplan compare data/sample-county twelve.toml school.toml\n  \
rotaplan compare data/sample-county --sweep min_rotation_ratio=0.10,0.12,0.14\n  \
rotaplan compare data/sample-county --sweep min_rotation_ratio=0.1,0.12 --sweep scope=district,school --format csv\n  \
rotaplan compare data/sample-county a.toml --out-dir plans/\n\n\
Rows: the baseline (the defaults, or --policy), then each scenario file laid over it, then each point of the \
sweeps' cross product. A scenario file is a policy file with an optional `name = \"...\"`."
    )]
    Compare(cmd::compare::CompareArgs),
    /// Show the quality-balance indicators of 优质均衡 per school and their CV per district, before and after a plan.
    #[command(after_help = "Examples:\n  rotaplan indicators data/sample-county\n  \
rotaplan indicators data/sample-county --plan plan.csv\n  \
rotaplan indicators data/sample-county --plan plan.csv --format json\n\n\
Per school with a level and students: backbone teachers (>= 1.0 per 100 students), sports and arts \
teachers (体育, 音乐, 美术; >= 0.9) and teachers above the required degree (teachers.csv column \
education / 学历; 小学 大专+ >= 4.2, 初中 本科+ >= 5.3). Per district and level: the students-weighted \
coefficient of variation (差异系数) of each, limit 0.50 小学 and 0.45 初中. With --plan, each rotating \
teacher counts at the receiving school.")]
    Indicators(cmd::indicators::IndicatorsArgs),
    /// Write a self-contained HTML report of a plan: summary, rules, charts, flows, indicators.
    #[command(
        after_help = "Examples:\n  rotaplan report data/sample-county --plan plan.csv\n  \
rotaplan report data/sample-county --plan plan.xlsx --out 2026交流方案.html\n\n\
The page needs no network: styles and SVG charts are inline, with no script. Rules are checked by \
the same independent auditor as `rotaplan audit`."
    )]
    Report(cmd::report::ReportArgs),
    /// Say what was read from each file, what was derived and skipped, and what to look at.
    #[command(after_help = "Examples:\n  rotaplan check data/sample-county\n  \
rotaplan check . --policy policy.toml --format json\n\n\
Reads the data set as `plan` would, without planning: per file its encoding, separator or sheet, \
header row, the columns used (source header -> field) and ignored, rows read and skipped (title, \
blank, totals); ages and years derived from dates at as_of; eligible teachers and the others by \
reason; warnings (e.g. teachers without sex under max_age_female). Exit 0 when the data set loads, \
2 on bad input.")]
    Check(cmd::check::CheckArgs),
    /// Make a seeded synthetic data set (county, city or province size; easy or hard shape).
    #[command(
        after_help = "Examples:\n  rotaplan generate --size county --seed 1 --out data/sample-county\n  \
rotaplan generate --size city --seed 7 --out /tmp/city\n  \
rotaplan generate --size county --shape hard --seed 1 --out /tmp/hard-county"
    )]
    Generate(cmd::generate::GenerateArgs),
}

/// Runs the command line and returns the exit status.
pub fn run(args: impl IntoIterator<Item = std::ffi::OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let result = match cli.command {
        Command::Plan(args) => cmd::plan::run(&args),
        Command::Audit(args) => cmd::audit::run(&args),
        Command::Compare(args) => cmd::compare::run(&args),
        Command::Indicators(args) => cmd::indicators::run(&args),
        Command::Report(args) => cmd::report::run(&args),
        Command::Check(args) => cmd::check::run(&args),
        Command::Generate(args) => cmd::generate::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // Not eprintln!: it panics when stderr is a closed pipe.
            let message = crate::msg!("cli-error", message = e.to_string()).to_string();
            let _ = writeln!(std::io::stderr(), "{}", mask_id_cards(&message));
            e.exit_code()
        }
    }
}
