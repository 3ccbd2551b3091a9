//! `rotaplan horizon` against one year's `rotaplan plan` (programme.md
//! "Looking ahead"; issue: a city's 5-year horizon under 10x one year's
//! plan time, a province's under 60 s), both run as the binary a planner
//! runs, so that reading, writing and planning are all in the time:
//!
//! * `horizon/<size>/plan`: `rotaplan plan DIR --plan-year 2026 --out F`;
//! * `horizon/<size>/5-years`: `rotaplan horizon DIR --years 5
//!   --plan-year 2026 --out-dir D --force` (every year's plan and data
//!   folder written).
//!
//! `<size>` is `county` and `city` (`generate --seed 1`); `province`
//! (`--seed 3`, about 20 s per horizon) is added only when
//! `ROTAPLAN_BENCH_PROVINCE=1` is set. Each data set is generated once,
//! outside the timed code. Run with
//!
//! ```text
//! cargo bench --bench horizon
//! ROTAPLAN_BENCH_PROVINCE=1 cargo bench --bench horizon
//! ```

use std::time::Duration;

mod common;

use common::{generated, run};
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use rotaplan::generate::Size;

fn bench(c: &mut Criterion) {
    for set in generated() {
        let (data, plan, out) = (set.data(), set.beside("plan.csv"), set.beside("horizon"));
        let mut group = c.benchmark_group(format!("horizon/{}", set.name));
        group.sample_size(10).sampling_mode(SamplingMode::Flat);
        group.measurement_time(Duration::from_secs(match set.size {
            Size::Province => 240,
            Size::City => 30,
            Size::County => 5,
        }));
        group.bench_function("plan", |b| {
            b.iter(|| run(&["plan", &data, "--plan-year", "2026", "--out", &plan]))
        });
        group.bench_function("5-years", |b| {
            b.iter(|| {
                run(&[
                    "horizon",
                    &data,
                    "--years",
                    "5",
                    "--plan-year",
                    "2026",
                    "--out-dir",
                    &out,
                    "--force",
                ])
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
