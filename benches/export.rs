//! Export speed on the sample township report (short run: the machine is shared).

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use nianbao::document::Document;
use nianbao::{export, template};

fn sample() -> Document {
    ron::from_str(include_str!("../tests/fixtures/sample-gk2021.ron")).expect("sample parses")
}

fn bench_export(c: &mut Criterion) {
    let doc = sample();
    let t = template::get(&doc.template).expect("template");
    let mut group = c.benchmark_group("export");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(3));
    group.warm_up_time(Duration::from_secs(1));
    group.bench_function("text", |b| b.iter(|| export::to_text(&doc, t)));
    group.bench_function("markdown", |b| b.iter(|| export::to_markdown(&doc, t)));
    group.bench_function("html", |b| b.iter(|| export::to_html(&doc, t)));
    group.bench_function("docx", |b| b.iter(|| export::to_docx(&doc, t)));
    group.finish();
}

criterion_group!(benches, bench_export);
criterion_main!(benches);
