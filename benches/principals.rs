//! The principals' moves against the plan without them (principals.md;
//! issue: principals add under 10% to the plan time of a generated
//! province), both run as the binary a planner runs:
//!
//! * `principals/<size>/off`: `rotaplan plan DIR --policy off.toml` with
//!   `principals = false`;
//! * `principals/<size>/on`: the same with `principals = true` (the
//!   principals' moves planned after the teachers', 副校长 out of the
//!   teachers' rotation).
//!
//! `<size>` is `county` and `city` (`generate --seed 1`, which gives every
//! school a 校长, some overdue, a few vacant posts and 副校长); `province`
//! (`--seed 3`, about 5 s a plan) is added only when
//! `ROTAPLAN_BENCH_PROVINCE=1` is set. Run with
//!
//! ```text
//! cargo bench --bench principals
//! ROTAPLAN_BENCH_PROVINCE=1 cargo bench --bench principals
//! ```

use std::path::Path;
use std::time::Duration;

mod common;

use common::run;
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use rotaplan::generate::{Shape, Size, generate};

fn bench(c: &mut Criterion) {
    let mut sizes = vec![("county", Size::County, 1), ("city", Size::City, 1)];
    if std::env::var("ROTAPLAN_BENCH_PROVINCE").is_ok_and(|v| v == "1") {
        sizes.push(("province", Size::Province, 3));
    }
    for (name, size, seed) in sizes {
        let temp = tempfile::tempdir().expect("temp dir");
        let data = temp.path().join("data");
        generate(size, Shape::Easy, seed, &data).expect("generate");
        let path = |p: &Path| p.to_str().expect("UTF-8 path").to_string();
        for on in [false, true] {
            let policy = temp.path().join(format!("{on}.toml"));
            std::fs::write(&policy, format!("principals = {on}\n")).expect("policy");
        }
        let mut group = c.benchmark_group(format!("principals/{name}"));
        group.sample_size(10).sampling_mode(SamplingMode::Flat);
        group.measurement_time(Duration::from_secs(match size {
            Size::Province => 120,
            Size::City => 20,
            Size::County => 5,
        }));
        for (label, on) in [("off", false), ("on", true)] {
            let args = [
                "plan".to_string(),
                path(&data),
                "--plan-year".into(),
                "2026".into(),
                "--policy".into(),
                path(&temp.path().join(format!("{on}.toml"))),
                "--out".into(),
                path(&temp.path().join("plan.csv")),
            ];
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            group.bench_function(label, |b| b.iter(|| run(&args)));
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
