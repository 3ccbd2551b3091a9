//! The command line: clap structs for each command, turned into a loaded
//! data set and a resolved policy, then handed to the library. Exit
//! statuses are the contract's: 0 ok, 1 audit found violations, 2 bad
//! input or invocation, 3 infeasible.

use crate::data::plan::{PlanLine, read_plan};
use crate::data::{DataPaths, DataSet, mask_id_cards};
use crate::error::Error;
use crate::policy::{Overrides, Policy};
use crate::report;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

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
    Plan(PlanArgs),
    /// Check a plan (made by rotaplan or by hand) against every rule; exit 1 on violations.
    #[command(
        after_help = "Examples:\n  rotaplan audit data/sample-county --plan plan.csv\n  \
rotaplan audit data/sample-county --plan 手工方案.csv --ratio 0.12 --format json\n\n\
The plan needs only the columns teacher and to_school (工号, 交流学校), or name and from_school (姓名, 原单位) \
instead of teacher, or id_card (身份证件号); the rest is looked up in the data set."
    )]
    Audit(AuditArgs),
    /// Plan several policy scenarios side by side, in parallel.
    #[command(
        after_help = "Examples:\n  rotaplan compare data/sample-county twelve.toml school.toml\n  \
rotaplan compare data/sample-county --sweep min_rotation_ratio=0.10,0.12,0.14\n  \
rotaplan compare data/sample-county --sweep min_rotation_ratio=0.1,0.12 --sweep scope=district,school --format csv\n  \
rotaplan compare data/sample-county a.toml --out-dir plans/\n\n\
Rows: the baseline (the defaults, or --policy), then each scenario file laid over it, then each point of the \
sweeps' cross product. A scenario file is a policy file with an optional `name = \"...\"`."
    )]
    Compare(CompareArgs),
    /// Show the quality-balance indicators of 优质均衡 per school and their CV per district, before and after a plan.
    #[command(after_help = "Examples:\n  rotaplan indicators data/sample-county\n  \
rotaplan indicators data/sample-county --plan plan.csv\n  \
rotaplan indicators data/sample-county --plan plan.csv --format json\n\n\
Per school with a level and students: backbone teachers (>= 1.0 per 100 students), sports and arts \
teachers (体育, 音乐, 美术; >= 0.9) and teachers above the required degree (teachers.csv column \
education / 学历; 小学 大专+ >= 4.2, 初中 本科+ >= 5.3). Per district and level: the students-weighted \
coefficient of variation (差异系数) of each, limit 0.50 小学 and 0.45 初中. With --plan, each rotating \
teacher counts at the receiving school.")]
    Indicators(IndicatorsArgs),
    /// Write a self-contained HTML report of a plan: summary, rules, charts, flows, indicators.
    #[command(
        after_help = "Examples:\n  rotaplan report data/sample-county --plan plan.csv\n  \
rotaplan report data/sample-county --plan plan.xlsx --out 2026交流方案.html\n\n\
The page needs no network: styles and SVG charts are inline, with no script. Rules are checked by \
the same independent auditor as `rotaplan audit`."
    )]
    Report(ReportArgs),
    /// Say what was read from each file, what was derived and skipped, and what to look at.
    #[command(after_help = "Examples:\n  rotaplan check data/sample-county\n  \
rotaplan check . --policy policy.toml --format json\n\n\
Reads the data set as `plan` would, without planning: per file its encoding, separator or sheet, \
header row, the columns used (source header -> field) and ignored, rows read and skipped (title, \
blank, totals); ages and years derived from dates at as_of; eligible teachers and the others by \
reason; warnings (e.g. teachers without sex under max_age_female). Exit 0 when the data set loads, \
2 on bad input.")]
    Check(CheckArgs),
    /// Make a seeded synthetic data set (county, city or province size; easy or hard shape).
    #[command(
        after_help = "Examples:\n  rotaplan generate --size county --seed 1 --out data/sample-county\n  \
rotaplan generate --size city --seed 7 --out /tmp/city\n  \
rotaplan generate --size county --shape hard --seed 1 --out /tmp/hard-county"
    )]
    Generate(GenerateArgs),
}

/// Where the data set is: a folder, and/or one flag per file.
#[derive(Debug, Args)]
pub struct DataArgs {
    /// Folder with schools.csv, teachers.csv, needs.csv and optionally
    /// preferences.csv and history.csv.
    dir: Option<PathBuf>,
    /// schools.csv to use instead of the folder's.
    #[arg(long, value_name = "FILE")]
    schools: Option<PathBuf>,
    /// teachers.csv to use instead of the folder's.
    #[arg(long, value_name = "FILE")]
    teachers: Option<PathBuf>,
    /// needs.csv to use instead of the folder's.
    #[arg(long, value_name = "FILE")]
    needs: Option<PathBuf>,
    /// preferences.csv to use instead of the folder's.
    #[arg(long, value_name = "FILE")]
    preferences: Option<PathBuf>,
    /// history.csv to use instead of the folder's.
    #[arg(long, value_name = "FILE")]
    history: Option<PathBuf>,
}

impl DataArgs {
    fn paths(&self) -> Result<DataPaths, Error> {
        DataPaths::resolve(
            self.dir.as_deref(),
            self.schools.clone(),
            self.teachers.clone(),
            self.needs.clone(),
            self.preferences.clone(),
            self.history.clone(),
        )
    }
}

/// The policy file and the flags that override it.
#[derive(Debug, Args)]
pub struct PolicyArgs {
    /// Policy file (TOML); without it the contract's defaults apply.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Least share of eligible teachers that rotate, e.g. 0.10 or 10%.
    #[arg(long, value_name = "RATIO")]
    ratio: Option<String>,
    /// Least share of rotating teachers that are backbone, e.g. 0.20.
    #[arg(long, value_name = "RATIO")]
    backbone_share: Option<String>,
    /// Count the ratios per district, per sending school, or per education group (schools.csv group).
    #[arg(long, value_name = "district|school|group")]
    scope: Option<String>,
    /// The calendar year the rotation starts (policy key plan_year; default
    /// this year): eligibility is measured on 31 August of it unless the
    /// policy sets as_of.
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i64).range(1900..=9999))]
    plan_year: Option<i64>,
    /// After filling needs, prefer plans that lift rural schools to the
    /// backbone and sports-and-arts thresholds of 优质均衡 (policy key
    /// improve_indicators).
    #[arg(long)]
    improve_indicators: bool,
}

impl PolicyArgs {
    fn policy(&self) -> Result<Policy, Error> {
        let overrides = Overrides {
            ratio: self.ratio.clone(),
            backbone_share: self.backbone_share.clone(),
            scope: self.scope.clone(),
            plan_year: self.plan_year,
            improve_indicators: self.improve_indicators,
        };
        Policy::load(self.policy.as_deref(), &overrides)
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
}

#[derive(Debug, Args)]
struct PlanArgs {
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    policy: PolicyArgs,
    /// Where to write the plan: CSV, or a workbook when the name ends in .xlsx
    /// (sheets plan, summary, balance, not eligible).
    #[arg(long, value_name = "FILE", default_value = "plan.csv")]
    out: PathBuf,
    /// Summary as a table, or one JSON object.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

#[derive(Debug, Args)]
struct AuditArgs {
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    policy: PolicyArgs,
    /// The plan to check (CSV in UTF-8 or GBK, or a workbook: .xlsx, .xls, .ods).
    #[arg(long, value_name = "FILE")]
    plan: PathBuf,
    /// Report as a table, or one JSON object.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

#[derive(Debug, Args)]
struct IndicatorsArgs {
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    policy: PolicyArgs,
    /// A plan (CSV or a workbook; teacher and to_school) to show the indicators after.
    #[arg(long, value_name = "FILE")]
    plan: Option<PathBuf>,
    /// Report as a table, or one JSON object.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

#[derive(Debug, Args)]
struct CheckArgs {
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    policy: PolicyArgs,
    /// Report as text, or one JSON object.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

#[derive(Debug, Args)]
struct ReportArgs {
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    policy: PolicyArgs,
    /// The plan to report on (CSV or a workbook).
    #[arg(long, value_name = "FILE")]
    plan: PathBuf,
    /// Where to write the page.
    #[arg(long, value_name = "FILE", default_value = "report.html")]
    out: PathBuf,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum CompareFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Args)]
struct CompareArgs {
    #[command(flatten)]
    data: DataArgs,
    /// Scenario files: policy files (TOML) with an optional `name`.
    #[arg(value_name = "SCENARIO.toml")]
    scenarios: Vec<PathBuf>,
    /// A policy key and the values to try; several --sweep flags form their cross product.
    #[arg(long, value_name = "KEY=V1,V2,...")]
    sweep: Vec<String>,
    #[command(flatten)]
    policy: PolicyArgs,
    /// Aligned table (80 columns), CSV or JSON.
    #[arg(long, value_enum, default_value = "table")]
    format: CompareFormat,
    /// Write each solved scenario's plan to DIR/<scenario>.csv, for a later audit.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct GenerateArgs {
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
        Command::Plan(args) => plan(&args),
        Command::Audit(args) => audit(&args),
        Command::Compare(args) => compare(&args),
        Command::Indicators(args) => indicators(&args),
        Command::Report(args) => report_page(&args),
        Command::Check(args) => check(&args),
        Command::Generate(args) => generate(&args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // Not eprintln!: it panics when stderr is a closed pipe.
            let message = e.to_string();
            let _ = writeln!(std::io::stderr(), "rotaplan: {}", mask_id_cards(&message));
            e.exit_code()
        }
    }
}

/// Prints to stdout, every resident ID number masked (rosters.md
/// "Personal data": only plan files carry them whole); a closed pipe
/// (`| head`) is not an error.
fn print(text: &str) -> Result<(), Error> {
    let text = mask_id_cards(text);
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::io("standard output", e))
        }
        _ => Ok(()),
    }
}

fn load(data: &DataArgs, policy: &PolicyArgs) -> Result<(DataPaths, DataSet, Policy), Error> {
    let paths = data.paths()?;
    let policy_value = policy.policy()?;
    let data_set = load_for(&paths, &[&policy_value])?;
    Ok((paths, data_set, policy_value))
}

/// The data set, with the extra teachers.csv columns that the rules of
/// any of `policies` filter on.
fn load_for(paths: &DataPaths, policies: &[&Policy]) -> Result<DataSet, Error> {
    let mut wanted: Vec<crate::data::Wanted> = Vec::new();
    for (column, rule) in policies.iter().flat_map(|p| p.wanted_columns()) {
        if !wanted.iter().any(|w| w.column == column) {
            wanted.push(crate::data::Wanted { column, rule });
        }
    }
    let data = DataSet::load_with(paths, &wanted)?;
    let file = paths.teachers.display().to_string();
    for policy in policies {
        crate::eligibility::check_dates(&data, policy, &file)?;
    }
    Ok(data)
}

fn plan(args: &PlanArgs) -> Result<i32, Error> {
    let (paths, data, policy) = load(&args.data, &args.policy)?;
    let mut inputs = paths.all();
    inputs.extend(args.policy.policy.as_deref());
    report::refuse_input(&args.out, &inputs)?;
    let plan = crate::plan::plan_with(&data, &policy, &crate::progress::Bar::new("districts"))?;
    let rows = report::plan::rows(&data, &policy, &plan);
    let audited = if plan.feasible() {
        self_audit(&data, &policy, &plan)?.rules
    } else {
        Vec::new()
    };
    if plan.feasible() {
        if report::workbook::wants_workbook(&args.out) {
            let bytes = report::workbook::plan_workbook(&data, &policy, &plan, &rows)
                .map_err(|e| Error::io(&args.out, std::io::Error::other(e)))?;
            report::write_atomically(&args.out, |w| w.write_all(&bytes))?;
        } else {
            report::write_atomically(&args.out, |w| report::plan::write_csv(w, &rows))?;
        }
    }
    match args.format {
        Format::Json => {
            print(&(report::plan::json(&plan, &rows, &data, &policy, &audited) + "\n"))?
        }
        Format::Table => {
            let mut text = report::plan::table(&plan, &policy, &data, &audited);
            if plan.feasible() {
                text += &format!(
                    "\n{}: {} rotations written\n",
                    args.out.display(),
                    rows.len()
                );
            }
            print(&text)?;
        }
    }
    if plan.feasible() {
        Ok(0)
    } else {
        Err(Error::Infeasible(plan.infeasibilities()))
    }
}

/// Every plan passes the independent auditor before it is written; a
/// failure is a bug in the planner, reported as such (exit 4).
fn self_audit(
    data: &DataSet,
    policy: &Policy,
    plan: &crate::plan::RotationPlan,
) -> Result<crate::audit::AuditReport, Error> {
    let moves = plan.rotations.iter().map(|r| (r.teacher, r.to_school));
    let lines = crate::data::plan::lines_of(data, moves);
    let check = crate::audit::audit(data, policy, &lines);
    match check.violations.first() {
        None => Ok(check),
        Some(v) => Err(Error::Solver(format!(
            "the plan failed the independent audit ({} violations; first: {}: {})",
            check.violations.len(),
            v.rule,
            v.message
        ))),
    }
}

fn audit(args: &AuditArgs) -> Result<i32, Error> {
    let (_, data, policy) = load(&args.data, &args.policy)?;
    let plan = read_plan(&args.plan, &data)?;
    let report = crate::audit::audit(&data, &policy, &plan);
    print(&match args.format {
        Format::Json => report::audit::json(&report) + "\n",
        Format::Table => report::audit::table(&report, &policy),
    })?;
    Ok(if report.ok { 0 } else { 1 })
}

fn compare(args: &CompareArgs) -> Result<i32, Error> {
    let paths = args.data.paths()?;
    let base = args.policy.policy()?;
    let files: Vec<&std::path::Path> = args.scenarios.iter().map(PathBuf::as_path).collect();
    let scenarios = crate::compare::scenarios(&base, &files, &args.sweep)?;
    let policies: Vec<&Policy> = scenarios.iter().map(|s| &s.policy).collect();
    let data = load_for(&paths, &policies)?;
    let rows = crate::compare::run_with(&data, &scenarios, &crate::progress::Bar::new("scenarios"));
    if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut inputs = paths.all();
        inputs.extend(files.iter().copied());
        for (row, scenario) in rows.iter().zip(&scenarios) {
            let Some(plan) = &row.plan else { continue };
            let out = dir.join(format!("{}.csv", file_name(&row.scenario)));
            report::refuse_input(&out, &inputs)?;
            let plan_rows = report::plan::rows(&data, &scenario.policy, plan);
            report::write_atomically(&out, |w| report::plan::write_csv(w, &plan_rows))?;
        }
    }
    match args.format {
        CompareFormat::Table => print(&report::compare::table(&rows))?,
        CompareFormat::Json => print(&(report::compare::json(&rows) + "\n"))?,
        CompareFormat::Csv => {
            let mut out = Vec::new();
            report::compare::write_csv(&mut out, &rows)
                .map_err(|e| Error::io("standard output", e))?;
            print(&String::from_utf8_lossy(&out))?;
        }
    }
    Ok(0)
}

fn indicators(args: &IndicatorsArgs) -> Result<i32, Error> {
    let (_, data, policy) = load(&args.data, &args.policy)?;
    let moves = match &args.plan {
        Some(path) => {
            let lines: Vec<PlanLine> = read_plan(path, &data)?;
            let file = path.display().to_string();
            Some(crate::data::plan::checked_moves(&data, &file, &lines)?)
        }
        None => None,
    };
    let ind = crate::indicators::assess(&data, &policy, moves.as_deref());
    print(&match args.format {
        Format::Json => report::indicators::json(&data, &ind) + "\n",
        Format::Table => report::indicators::table(&data, &ind),
    })?;
    Ok(0)
}

fn report_page(args: &ReportArgs) -> Result<i32, Error> {
    let (paths, data, policy) = load(&args.data, &args.policy)?;
    let mut inputs = paths.all();
    inputs.extend(args.policy.policy.as_deref());
    inputs.push(&args.plan);
    report::refuse_input(&args.out, &inputs)?;
    let lines = read_plan(&args.plan, &data)?;
    let audit = crate::audit::audit(&data, &policy, &lines);
    // The moves the page draws (the other rows are among the audit's
    // violations).
    let moves = crate::data::plan::moves(&data, &lines);
    let balance = crate::indicators::assess(&data, &policy, Some(&moves)).balance;
    let page = report::html::report(&report::html::ReportInput {
        data: &data,
        policy: &policy,
        plan_file: &args.plan.display().to_string(),
        moves: &moves,
        audit: &audit,
        balance: &balance,
    });
    report::write_atomically(&args.out, |w| w.write_all(page.as_bytes()))?;
    print(&format!(
        "{}: report on {} rotations written ({})\n",
        args.out.display(),
        moves.len(),
        if audit.ok {
            "the plan meets every rule"
        } else {
            "the plan breaks rules: see the page"
        }
    ))?;
    Ok(0)
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

fn check(args: &CheckArgs) -> Result<i32, Error> {
    let (_, data, policy) = load(&args.data, &args.policy)?;
    let report = crate::check::check(&data, &policy);
    print(&match args.format {
        Format::Json => crate::check::json(&report) + "\n",
        Format::Table => crate::check::table(&report),
    })?;
    Ok(0)
}

fn generate(args: &GenerateArgs) -> Result<i32, Error> {
    let size: crate::generate::Size = args.size.parse().map_err(|e: String| Error::Usage(e))?;
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
