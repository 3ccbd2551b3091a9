//! `rotaplan horizon`: plan the school years Y, Y+1, ..., Y+N-1 in turn,
//! each exactly as `plan` plans it on that year's data (programme.md
//! "Looking ahead"): the year's data folder is written (`report::data`,
//! `policy::year`), read back as `plan` reads a folder, planned and
//! audited; its plan is history for the years after it.

use super::{DataArgs, Format, PolicyArgs, print, warn};
use crate::domain::DataSet;
use crate::error::Error;
use crate::msg;
use crate::plan::horizon::{Coverage, Planned, YearResult};
use crate::policy::{Overrides, Policy};
use crate::read::DataPaths;
use crate::report;
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct HorizonArgs {
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    policy: PolicyArgs,
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10))]
    years: u32,
    #[arg(long, alias = "out", value_name = "DIR")]
    out_dir: Option<PathBuf>,
    #[arg(long, requires = "out_dir")]
    force: bool,
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    #[arg(long, value_name = "BOOL", default_value_t = true, action = clap::ArgAction::Set)]
    bom: bool,
}

/// The files of each year's data folder (programme.md "Output").
const DATA_FILES: [&str; 6] = [
    "schools.csv",
    "teachers.csv",
    "needs.csv",
    "history.csv",
    "preferences.csv",
    "policy.toml",
];

pub fn run(args: &HorizonArgs) -> Result<i32, Error> {
    let paths = args.data.paths()?;
    let policy = args.policy.policy()?;
    let years: Vec<i64> = (0..args.years)
        .map(|k| policy.plan_year + i64::from(k))
        .collect();
    if let Some(dir) = &args.out_dir {
        let mut inputs = paths.all();
        inputs.extend(args.policy.file());
        check_out_dir(dir, &years, &inputs, args.force)?;
    }
    // Each year's files are written to a folder of their own first (beside
    // the output folder, so that they are renamed into it at the end, all
    // or none; else a temporary one), where the year is read back from.
    let stage = match &args.out_dir {
        Some(dir) => {
            let beside = dir
                .ancestors()
                .skip(1)
                .find(|a| a.is_dir())
                .unwrap_or(Path::new("."));
            tempfile::Builder::new()
                .prefix(".rotaplan-horizon-")
                .tempdir_in(beside)
                .map_err(|e| Error::io(beside, e))?
        }
        None => tempfile::Builder::new()
            .prefix(".rotaplan-horizon-")
            .tempdir()
            .map_err(|e| Error::io(std::env::temp_dir(), e))?,
    };
    let policies = year_policies(args, &policy, &years, stage.path())?;
    let refs: Vec<&Policy> = policies.iter().collect();
    // Every year's needs: needs.csv rows with a year apply in theirs.
    let input = super::load_for(&paths, &refs)?;
    let json = matches!(args.format, Format::Json);
    let warnings = warn(&input, &policy, json);
    let mut planned: Vec<Planned> = Vec::new();
    let mut eligible = vec![false; input.teachers.len()];
    let mut rotated = vec![false; input.teachers.len()];
    let mut results = Vec::with_capacity(policies.len());
    // The files written, by their paths inside the output folder.
    let mut files: Vec<PathBuf> = Vec::new();
    for (k, year_policy) in (0u32..).zip(&policies) {
        let year = year_policy.plan_year;
        let folder = stage.path().join(data_folder(year));
        let year_data = crate::plan::horizon::year_data(&input, year_policy, k, &planned);
        for (name, bytes) in data_files(&year_data)? {
            let path = folder.join(name);
            std::fs::write(&path, &bytes).map_err(|e| Error::io(&path, e))?;
            files.push(PathBuf::from(data_folder(year)).join(name));
        }
        drop(year_data);
        files.push(PathBuf::from(data_folder(year)).join("policy.toml"));
        // As `plan OUT/data-Y --policy OUT/data-Y/policy.toml` reads it.
        let year_paths = DataPaths::resolve(Some(&folder), None, None, None, None, None)?;
        let mut data = super::load_for(&year_paths, &[year_policy])?;
        crate::eligibility::add_programme(&mut data, year_policy);
        let plan = crate::plan::plan_with(
            &data,
            year_policy,
            &crate::progress::Bar::new(msg!("cli-progress-districts")),
        )?;
        let feasible = plan.feasible();
        if feasible {
            super::plan::self_audit(&data, year_policy, &plan)?;
        }
        let rows = if feasible {
            report::plan::rows(&data, year_policy, &plan)
        } else {
            Vec::new()
        };
        let name = PathBuf::from(format!("plan-{year}.csv"));
        let mut bytes = Vec::new();
        report::plan::write_csv(&mut bytes, &rows, args.bom).map_err(|e| Error::io(&name, e))?;
        write_staged(stage.path(), &name, &bytes)?;
        files.push(name);
        note_year(
            &input,
            &data,
            year_policy,
            &plan,
            &mut eligible,
            &mut rotated,
            &mut planned,
        );
        results.push(YearResult::of(&data, year_policy, &plan));
    }
    let coverage = Coverage::of(&input, &eligible, &rotated);
    let name = PathBuf::from("horizon.csv");
    let bytes = report::horizon::csv(&results, args.bom).map_err(|e| Error::io(&name, e))?;
    write_staged(stage.path(), &name, &bytes)?;
    files.push(name);
    if let Some(dir) = &args.out_dir {
        move_into(stage.path(), dir, &years, &files)?;
        if args.force {
            remove_other_years(dir, &years);
        }
    }
    match args.format {
        Format::Json => {
            let text = report::horizon::json(policy.plan_year, &results, &coverage);
            print(&(report::warnings::add_to_json(&text, &warnings) + "\n"))?
        }
        Format::Table => print(&report::horizon::table(&results, &coverage))?,
    }
    if let Some(dir) = &args.out_dir {
        let written = msg!(
            "cli-horizon-written",
            folder = dir.as_path(),
            years = years.len()
        );
        // Not eprintln!: it panics when stderr is a closed pipe.
        let _ = writeln!(std::io::stderr(), "{written}");
    }
    Ok(if results.iter().all(|y| y.feasible) {
        0
    } else {
        3
    })
}

/// `data-2027`: the folder of a year's data.
fn data_folder(year: i64) -> String {
    format!("data-{year}")
}

/// Each year's policy, written as its `policy.toml` in the year's folder
/// under `stage` and read back as `plan --policy` reads it.
fn year_policies(
    args: &HorizonArgs,
    policy: &Policy,
    years: &[i64],
    stage: &Path,
) -> Result<Vec<Policy>, Error> {
    let file = match args.policy.file() {
        Some(path) => Some(std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?),
        None => None,
    };
    let overrides = args.policy.overrides();
    let mut policies = Vec::with_capacity(years.len());
    for (k, &year) in (0u32..).zip(years) {
        let text = crate::policy::year::file_for_year(
            file.as_deref(),
            &overrides,
            year,
            policy.as_of_after(k),
        );
        let folder = stage.join(data_folder(year));
        std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
        let path = folder.join("policy.toml");
        std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
        policies.push(Policy::load(Some(&path), &Overrides::default())?);
    }
    Ok(policies)
}

/// The year's data files (`report::data`), by name; needs.csv and
/// preferences.csv only when the data set has them.
fn data_files(data: &DataSet) -> Result<Vec<(&'static str, Vec<u8>)>, Error> {
    let io = |name: &'static str| move |e| Error::io(name, e);
    let mut files = vec![
        (
            "schools.csv",
            report::data::schools_csv(data).map_err(io("schools.csv"))?,
        ),
        (
            "teachers.csv",
            report::data::teachers_csv(data).map_err(io("teachers.csv"))?,
        ),
        (
            "history.csv",
            report::data::history_csv(data).map_err(io("history.csv"))?,
        ),
    ];
    if let Some(bytes) = report::data::needs_csv(data) {
        files.push(("needs.csv", bytes.map_err(io("needs.csv"))?));
    }
    if let Some(bytes) = report::data::preferences_csv(data) {
        files.push(("preferences.csv", bytes.map_err(io("preferences.csv"))?));
    }
    Ok(files)
}

/// Notes who was eligible and who rotated in the year (by index into
/// `input`), and the year's rotations as history for the years after.
/// An infeasible year rotates nobody.
fn note_year(
    input: &DataSet,
    data: &DataSet,
    policy: &Policy,
    plan: &crate::plan::RotationPlan,
    eligible: &mut [bool],
    rotated: &mut [bool],
    planned: &mut Vec<Planned>,
) {
    let of = |t: usize| input.teacher_by_id(&data.teachers[t].id);
    for (t, verdict) in crate::eligibility::assess(data, policy).iter().enumerate() {
        if let (Ok(()), Some(i)) = (verdict, of(t)) {
            eligible[i] = true;
        }
    }
    if !plan.feasible() {
        return;
    }
    for r in &plan.rotations {
        let Some(i) = of(r.teacher) else { continue };
        rotated[i] = true;
        let term = policy.term_of(&data.teachers[r.teacher]);
        planned.push(Planned {
            teacher: i,
            school: r.to_school,
            year: policy.plan_year,
            end_year: term.end_year(policy.plan_year),
            transfer: term == crate::domain::Term::Transfer,
            principal: false,
        });
    }
    // The principals' moves (principals.md): the teacher leads the school
    // from then on.
    for m in plan.principals.moves() {
        let Some(i) = of(m.teacher) else { continue };
        planned.push(Planned {
            teacher: i,
            school: m.to_school,
            year: policy.plan_year,
            end_year: None,
            transfer: true,
            principal: true,
        });
    }
}

/// Refuses, before any work, an output folder that is not a folder, a
/// file horizon would write that is there already (unless `force`), or
/// one that is an input (papers.md "Writing files").
fn check_out_dir(dir: &Path, years: &[i64], inputs: &[&Path], force: bool) -> Result<(), Error> {
    let not_a_folder = |path: &Path| std::fs::symlink_metadata(path).is_ok() && !path.is_dir();
    if not_a_folder(dir) {
        return Err(Error::Usage(msg!("cli-horizon-not-a-folder", path = dir)));
    }
    let mut places: Vec<PathBuf> = vec![dir.join("horizon.csv")];
    for &year in years {
        places.push(dir.join(format!("plan-{year}.csv")));
        let folder = dir.join(data_folder(year));
        if not_a_folder(&folder) {
            return Err(Error::Usage(msg!(
                "cli-horizon-in-the-way",
                path = folder.as_path(),
                kind = "file"
            )));
        }
        places.extend(DATA_FILES.iter().map(|f| folder.join(f)));
    }
    for place in &places {
        if std::fs::symlink_metadata(place).is_ok_and(|m| !m.is_file() && !m.is_symlink()) {
            return Err(Error::Usage(msg!(
                "cli-horizon-in-the-way",
                path = place.as_path(),
                kind = "folder"
            )));
        }
        report::refuse_input(place, inputs)?;
        if !force && std::fs::symlink_metadata(place).is_ok() {
            return Err(Error::Usage(msg!(
                "cli-horizon-would-replace",
                folder = dir,
                file = place.strip_prefix(dir).unwrap_or(place)
            )));
        }
    }
    Ok(())
}

/// Writes `bytes` to `name` inside the folder `stage`.
fn write_staged(stage: &Path, name: &Path, bytes: &[u8]) -> Result<(), Error> {
    let path = stage.join(name);
    std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))
}

/// Moves every file of `files` (paths inside `stage`) into `dir`, creating
/// the folders; each replaces the file there. Once every year is planned
/// nothing is left to fail but the file system: the renames happen under
/// the lock an interrupt waits for (`report::renaming`).
fn move_into(stage: &Path, dir: &Path, years: &[i64], files: &[PathBuf]) -> Result<(), Error> {
    for &year in years {
        let folder = dir.join(data_folder(year));
        std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
    }
    let _renaming = report::renaming();
    for name in files {
        let to = dir.join(name);
        std::fs::rename(stage.join(name), &to).map_err(|e| Error::io(&to, e))?;
    }
    Ok(())
}

/// After `--force`: the files an earlier horizon wrote in `dir` for years
/// this one does not plan (`plan-Y.csv`, and `data-Y/`'s files, the folder
/// too when nothing else is left in it), so that the folder holds one
/// horizon. Nothing else is touched; what cannot be removed stays.
fn remove_other_years(dir: &Path, years: &[i64]) {
    let year_of = |name: &str, prefix: &str, suffix: &str| {
        name.strip_prefix(prefix)?
            .strip_suffix(suffix)
            .filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))?
            .parse::<i64>()
            .ok()
            .filter(|y| !years.contains(y))
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if year_of(&name, "plan-", ".csv").is_some() && path.is_file() {
            let _ = std::fs::remove_file(&path);
        } else if year_of(&name, "data-", "").is_some() && path.is_dir() {
            for file in DATA_FILES {
                let _ = std::fs::remove_file(path.join(file));
            }
            let _ = std::fs::remove_dir(&path);
        }
    }
}
