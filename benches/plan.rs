//! Benchmarks of the three things a county bureau runs on its data set:
//!
//! * `load/<size>`: resolving the data folder and reading the five CSV files
//!   into a `DataSet` (`DataPaths::resolve` + `DataSet::load`);
//! * `plan/<size>`: `plan::plan` on a loaded data set, i.e. eligibility, the
//!   per-district MILPs on HiGHS (solved in parallel by rayon) and the choice
//!   of individuals;
//! * `eligibility/<size>`, `model/<size>`, `solve/<size>` and `write/<size>`:
//!   the planner's stages on their own (who may rotate; the grouped model of
//!   every district; the lexicographic solves of all districts in parallel;
//!   plan.csv written to memory);
//! * `audit/<size>`: `audit::audit` of the plan that `plan::plan` made, with
//!   the plan lines built once beforehand (no CSV reading is timed);
//! * `write_xlsx/<size>`, `indicators/<size>`, `plan_indicators/<size>`: the
//!   plan as a workbook in memory; the quality-balance indicators before and
//!   after the plan; the plan with `improve_indicators`;
//! * `plan_no_spread/<size>`: the plan in the order of data-format.md (fill,
//!   distance, preferences), without objectives.md's spread stage;
//! * `plan_keep/<size>`: the plan under `balance = "keep"` (objectives.md);
//! * `plan_rules/<size>`: the plan under three county `[[rules]]` with
//!   filters (`RULES`: backbone among the eligible, a column filter on
//!   `education`, a per-school cap), data loaded with the filtered column.
//!
//! `<size>` is `county` (one district, ~5,000 teachers) and `city` (ten
//! districts, ~60,000 teachers); `province` (a hundred districts, ~600,000
//! teachers, about half a minute per plan) is added only when
//! `ROTAPLAN_BENCH_PROVINCE=1` is set. Two hard counties, where not all
//! rural need can be filled and filling it raises the balance CVs
//! (objectives.md), run the planner's stages only (load, eligibility,
//! model, solve, plan, plan_no_spread, audit): `case-hard-county`
//! (`tests/cases/hard-county`) and `county-hard` (`generate --size county
//! --shape hard --seed 1`). Each data set is generated once, with a fixed
//! seed, into a temporary folder outside the timed code, and the policy is
//! the default one with `plan_year = 2026`, so runs are comparable.
//! Throughput is reported in teachers per second.
//!
//! Run with
//!
//! ```text
//! cargo bench --bench plan                              # county and city
//! cargo bench --bench plan -- plan/city                 # one benchmark
//! cargo bench --bench plan -- hard                      # the hard counties
//! ROTAPLAN_BENCH_PROVINCE=1 cargo bench --bench plan    # adds the province
//! ```
//!
//! Each benchmark takes 10 samples, so the default run finishes in about
//! three minutes on two cores (the province adds about eight). The planner
//! solves districts on all cores: close other CPU-heavy work (builds, tests)
//! before comparing numbers.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{
    BenchmarkGroup, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
    measurement::WallTime,
};
use rayon::prelude::*;
use rotaplan::audit::{PlanLine, audit};
use rotaplan::domain::DataSet;
use rotaplan::generate::{Shape, Size, Summary, generate};
use rotaplan::plan::plan;
use rotaplan::policy::Policy;
use rotaplan::read::DataPaths;
use rotaplan::{eligibility, indicators, model, report, solve};

/// A data set with its measurement times for ten samples on two cores:
/// `plan` for the planner, `quick` for load and audit. With flat sampling a
/// sample runs ceil(time / (10 * one iteration)) iterations, so `plan` is
/// kept at about ten plans: one plan per sample. Criterion then says
/// "Unable to complete 10 samples in ..." by a second or two; that is
/// expected (a longer time would double the iterations, not add one).
struct Setup {
    name: &'static str,
    source: Source,
    plan: Duration,
    quick: Duration,
    /// Every group; otherwise the planner's stages only (the hard-county
    /// case has no `education` column for `plan_rules`).
    all_groups: bool,
}

enum Source {
    Generated {
        size: Size,
        shape: Shape,
        seed: u64,
    },
    /// A folder under `tests/cases/`.
    Case(&'static str),
}

fn setups() -> Vec<Setup> {
    let setup = |name, source, plan, quick, all_groups| Setup {
        name,
        source,
        plan: Duration::from_secs(plan),
        quick: Duration::from_secs(quick),
        all_groups,
    };
    let generated = |size, shape, seed| Source::Generated { size, shape, seed };
    let mut setups = vec![
        setup(
            "county",
            generated(Size::County, Shape::Easy, 1),
            5,
            5,
            true,
        ),
        setup("city", generated(Size::City, Shape::Easy, 7), 15, 10, true),
        setup(
            "case-hard-county",
            Source::Case("hard-county"),
            15,
            5,
            false,
        ),
        setup(
            "county-hard",
            generated(Size::County, Shape::Hard, 1),
            5,
            5,
            false,
        ),
    ];
    if std::env::var("ROTAPLAN_BENCH_PROVINCE").is_ok_and(|v| v == "1") {
        setups.push(setup(
            "province",
            generated(Size::Province, Shape::Easy, 3),
            120,
            40,
            true,
        ));
    }
    setups
}

/// The data folder (generated into `temp` when it is generated), what it
/// holds, and where it came from.
fn prepare(source: &Source, temp: &Path) -> (PathBuf, Summary, String) {
    match *source {
        Source::Generated { size, shape, seed } => {
            let summary = generate(size, shape, seed, temp).expect("generate the data set");
            (temp.to_path_buf(), summary, format!("{shape}, seed {seed}"))
        }
        Source::Case(case) => {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/cases")
                .join(case);
            let data = load(&dir);
            let districts: std::collections::BTreeSet<&str> =
                data.schools.iter().map(|s| s.district.as_str()).collect();
            let summary = Summary {
                districts: districts.len(),
                schools: data.schools.len(),
                teachers: data.teachers.len(),
                ..Summary::default()
            };
            (dir, summary, format!("tests/cases/{case}"))
        }
    }
}

fn policy() -> Policy {
    Policy {
        plan_year: 2026,
        ..Policy::default()
    }
}

/// Three county rules with filters, as a policy file writes them.
const RULES: &str = r#"
plan_year = 2026

[[rules]]
name = "骨干占符合条件 5%"
bound = "min"
share = 0.05
of = "eligible"
who = { backbone = true }

[[rules]]
name = "本科 10%"
bound = "min"
share = 0.10
of = "eligible"
among = { column = { name = "education", values = ["本科"] } }

[[rules]]
name = "每校至多 50%"
bound = "max"
share = 0.50
of = "eligible"
scope = "school"
"#;

fn load(dir: &Path) -> DataSet {
    let paths = DataPaths::resolve(Some(dir), None, None, None, None, None)
        .expect("resolve the generated data folder");
    DataSet::load(&paths).expect("load the generated data set")
}

/// The plan as the auditor reads it from plan.csv (line 1 is the header).
fn plan_lines(data: &DataSet, policy: &Policy) -> Vec<PlanLine> {
    let plan = plan(data, policy).expect("plan the generated data set");
    if !plan.feasible() {
        eprintln!(
            "warning: the plan is infeasible in {} district(s); timings are not representative",
            plan.infeasibilities().len()
        );
    }
    rotaplan::read::plan::lines_of(
        data,
        plan.rotations.iter().map(|r| (r.teacher, r.to_school)),
    )
}

fn configure(group: &mut BenchmarkGroup<'_, WallTime>, teachers: usize, time: Duration) {
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(time)
        .sampling_mode(SamplingMode::Flat)
        .throughput(Throughput::Elements(teachers as u64));
}

fn benches(c: &mut Criterion) {
    let policy = policy();
    for Setup {
        name,
        source,
        plan: plan_time,
        quick,
        all_groups,
    } in setups()
    {
        let temp = tempfile::tempdir().expect("create a temporary folder");
        let (dir, summary, origin) = prepare(&source, temp.path());
        let data = load(&dir);
        let lines = plan_lines(&data, &policy);
        let report = audit(&data, &policy, &lines);
        eprintln!(
            "{name} ({origin}): {} districts, {} schools, {} teachers, {} rotations, audit {}",
            summary.districts,
            summary.schools,
            summary.teachers,
            lines.len(),
            if report.ok { "ok" } else { "FAILED" }
        );
        for v in report.violations.iter().take(5) {
            eprintln!("  violation {}: {}", v.rule, v.message);
        }

        let mut group = c.benchmark_group("load");
        configure(&mut group, summary.teachers, quick);
        group.bench_function(name, |b| b.iter_with_large_drop(|| load(&dir)));
        group.finish();

        let mut group = c.benchmark_group("eligibility");
        configure(&mut group, summary.teachers, quick);
        group.bench_function(name, |b| {
            b.iter(|| eligibility::assess(black_box(&data), &policy))
        });
        group.finish();

        let verdicts = eligibility::assess(&data, &policy);
        let mut group = c.benchmark_group("model");
        configure(&mut group, summary.teachers, quick);
        group.bench_function(name, |b| {
            b.iter(|| model::build(black_box(&data), &policy, &verdicts).expect("model"))
        });
        group.finish();

        let models = model::build(&data, &policy, &verdicts).expect("model");
        let mut group = c.benchmark_group("solve");
        configure(&mut group, summary.teachers, plan_time);
        group.bench_function(name, |b| {
            b.iter(|| {
                models
                    .par_iter()
                    .map(|m| solve::solve(black_box(m), &policy).is_ok())
                    .collect::<Vec<_>>()
            })
        });
        group.finish();

        let mut group = c.benchmark_group("plan");
        configure(&mut group, summary.teachers, plan_time);
        group.bench_function(name, |b| {
            b.iter(|| plan(black_box(&data), black_box(&policy)).expect("plan"))
        });
        group.finish();

        let no_spread = Policy {
            spread: false,
            ..policy.clone()
        };
        let mut group = c.benchmark_group("plan_no_spread");
        configure(&mut group, summary.teachers, plan_time);
        group.bench_function(name, |b| {
            b.iter(|| plan(black_box(&data), black_box(&no_spread)).expect("plan"))
        });
        group.finish();

        // objectives.md `balance = "keep"`: on the sample the plan without
        // the CVs keeps them all (one more plan); on the hard counties the
        // harm stage and its node-limited MILPs (the same plan on any machine).
        let keep = Policy {
            balance: rotaplan::policy::BalanceGoal::Keep,
            ..policy.clone()
        };
        let mut group = c.benchmark_group("plan_keep");
        configure(&mut group, summary.teachers, plan_time);
        group.bench_function(name, |b| {
            b.iter(|| plan(black_box(&data), black_box(&keep)).expect("plan"))
        });
        group.finish();

        // papers.md "Objections and changes": the plan as the baseline,
        // its first published teacher exempted after an objection.
        let mut objected = data.clone();
        let baseline = plan(&data, &policy).expect("plan");
        objected.baseline = Some(rotaplan::plan::changes::baseline_of(&data, &lines));
        if let Some(first) = baseline.rotations.first() {
            objected.teachers[first.teacher].details_mut().exempt = Some("大病".into());
        }
        let mut group = c.benchmark_group("plan_baseline");
        configure(&mut group, summary.teachers, plan_time);
        group.bench_function(name, |b| {
            b.iter(|| plan(black_box(&objected), black_box(&policy)).expect("plan"))
        });
        group.finish();

        let mut group = c.benchmark_group("audit");
        configure(&mut group, summary.teachers, quick);
        group.bench_function(name, |b| {
            b.iter(|| audit(black_box(&data), black_box(&policy), black_box(&lines)))
        });
        group.finish();

        if all_groups {
            outputs_and_policies(c, name, &dir, &data, &policy, &summary, (plan_time, quick));
        }
    }
}

/// The groups beyond the planner's stages: writing the plan, the
/// indicators, and plans under other policies (improve_indicators, county
/// rules reading the `education` column).
fn outputs_and_policies(
    c: &mut Criterion,
    name: &str,
    dir: &Path,
    data: &DataSet,
    policy: &Policy,
    summary: &Summary,
    (plan_time, quick): (Duration, Duration),
) {
    let made = plan(data, policy).expect("plan");
    let rows = report::plan::rows(data, policy, &made);
    let mut group = c.benchmark_group("write");
    configure(&mut group, summary.teachers, quick);
    group.bench_function(name, |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(1 << 20);
            report::plan::write_csv(&mut out, black_box(&rows), true).expect("write");
            out
        })
    });
    group.finish();

    let mut group = c.benchmark_group("write_xlsx");
    configure(&mut group, summary.teachers, quick);
    group.bench_function(name, |b| {
        b.iter(|| report::workbook::plan_workbook(data, policy, &made, black_box(&rows)))
    });
    group.finish();

    let moves: Vec<(usize, usize)> = made
        .rotations
        .iter()
        .map(|r| (r.teacher, r.to_school))
        .collect();
    let mut group = c.benchmark_group("indicators");
    configure(&mut group, summary.teachers, quick);
    group.bench_function(name, |b| {
        b.iter(|| indicators::assess(black_box(data), policy, Some(black_box(&moves))))
    });
    group.finish();

    let balanced = Policy {
        improve_indicators: true,
        ..policy.clone()
    };
    let mut group = c.benchmark_group("plan_indicators");
    configure(&mut group, summary.teachers, plan_time);
    group.bench_function(name, |b| {
        b.iter(|| plan(black_box(data), black_box(&balanced)).expect("plan"))
    });
    group.finish();

    let county_rules = Policy::from_toml("rules.toml", RULES).expect("the bench's rules");
    let wanted: Vec<rotaplan::read::Wanted> = county_rules
        .wanted_columns()
        .into_iter()
        .map(|(column, rule)| rotaplan::read::Wanted { column, rule })
        .collect();
    let paths = DataPaths::resolve(Some(dir), None, None, None, None, None)
        .expect("resolve the generated data folder");
    let with_column = DataSet::load_with(&paths, &wanted).expect("load with the column");
    let mut group = c.benchmark_group("plan_rules");
    configure(&mut group, summary.teachers, plan_time);
    group.bench_function(name, |b| {
        b.iter(|| plan(black_box(&with_column), black_box(&county_rules)).expect("plan"))
    });
    group.finish();
}

criterion_group!(plan_benches, benches);
criterion_main!(plan_benches);
