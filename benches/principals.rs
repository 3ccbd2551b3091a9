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

use std::time::Duration;

mod common;

use common::{generated, run};
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use rotaplan::generate::Size;

fn bench(c: &mut Criterion) {
    for set in generated() {
        for on in [false, true] {
            std::fs::write(
                set.beside(&format!("{on}.toml")),
                format!("principals = {on}\n"),
            )
            .expect("policy");
        }
        let mut group = c.benchmark_group(format!("principals/{}", set.name));
        group.sample_size(10).sampling_mode(SamplingMode::Flat);
        group.measurement_time(Duration::from_secs(match set.size {
            Size::Province => 120,
            Size::City => 20,
            Size::County => 5,
        }));
        for (label, on) in [("off", false), ("on", true)] {
            let args = [
                "plan".to_string(),
                set.data(),
                "--plan-year".into(),
                "2026".into(),
                "--policy".into(),
                set.beside(&format!("{on}.toml")),
                "--out".into(),
                set.beside("plan.csv"),
            ];
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            group.bench_function(label, |b| b.iter(|| run(&args)));
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
