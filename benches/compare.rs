//! A 12-scenario sweep on the bundled sample county, run by `compare` on
//! all cores and on one thread, to measure what the parallel run buys.
//! The sweep is min_rotation_ratio 0.10/0.11/0.12 x max_subject_share
//! 0.3/0.5 x scope district/school.
//!
//! ```text
//! cargo bench --bench compare
//! ```

use criterion::{Criterion, criterion_group, criterion_main};
use rotaplan::domain::DataSet;
use rotaplan::plan::compare::{run, scenarios};
use rotaplan::policy::Policy;
use rotaplan::read::DataPaths;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

fn sweep(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample-county");
    let paths = DataPaths::resolve(Some(&dir), None, None, None, None, None).expect("sample paths");
    let data = DataSet::load(&paths).expect("sample loads");
    let base = Policy {
        plan_year: 2026,
        ..Policy::default()
    };
    let sweeps = [
        "min_rotation_ratio=0.10,0.11,0.12".to_string(),
        "max_subject_share=0.3,0.5".to_string(),
        "scope=district,school".to_string(),
    ];
    // The sweep's 12 points; the baseline row is left out.
    let all = scenarios(&base, &[], &sweeps).expect("sweep parses");
    let twelve = &all[1..];
    assert_eq!(twelve.len(), 12);
    let one_thread = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");

    let mut group = c.benchmark_group("compare/sample-county-12");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("parallel", |b| b.iter(|| black_box(run(&data, twelve))));
    group.bench_function("one_thread", |b| {
        b.iter(|| one_thread.install(|| black_box(run(&data, twelve))))
    });
    group.finish();
}

criterion_group!(benches, sweep);
criterion_main!(benches);
