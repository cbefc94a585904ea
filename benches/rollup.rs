//! Reading and validating a county's worth of reports at once: 1,000
//! generated township reports in a folder, summed on every core.
//! `cargo bench --no-default-features --bench rollup`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};

#[path = "../tests/rollup/gen.rs"]
mod gen;

/// A county seat's collection, the size the issue asks for.
const REPORTS: usize = 1_000;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    gen::folder(dir.path(), REPORTS, 2025);
    let paths = vec![dir.path().to_path_buf()];
    let first = nianbao::rollup::rollup(&paths, &[]);
    assert_eq!(first.towns.len(), REPORTS);
    assert_eq!(first.exit_code(), 0, "generated reports must validate");

    let mut group = c.benchmark_group("rollup");
    group.sample_size(10);
    group.bench_function("read + validate + sum 1000 reports", |b| {
        b.iter(|| nianbao::rollup::rollup(black_box(&paths), &[]));
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .measurement_time(Duration::from_secs(5))
        .warm_up_time(Duration::from_secs(1));
    targets = bench
}
criterion_main!(benches);
