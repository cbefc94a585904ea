//! Load and save of a fully filled gk2021 report (tests/fixtures/sample-gk2021.ron).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use nianbao::document::{file, Document};

/// The shared fully filled gk2021 report (every cell, all prose).
fn full_gk2021() -> Document {
    file::parse(include_str!("../tests/fixtures/sample-gk2021.ron")).expect("sample fixture")
}

fn bench(c: &mut Criterion) {
    let doc = full_gk2021();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("report.ron");
    file::save(&doc, &path).expect("save");
    c.bench_function("file/load full gk2021", |b| {
        b.iter(|| file::load(black_box(&path)).expect("load"));
    });
    c.bench_function("file/save full gk2021 (fsync, .bak)", |b| {
        b.iter(|| file::save(black_box(&doc), &path).expect("save"));
    });
    c.bench_function("file/to_ron full gk2021", |b| {
        b.iter(|| file::to_ron(black_box(&doc)));
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1));
    targets = bench
}
criterion_main!(benches);
