//! Load and save of a fully filled gk2021 report (every cell, all prose).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use nianbao::document::{file, CellValue, Document, UnitLevel};
use nianbao::template::{self, CellKind};
use rust_decimal::Decimal;

fn full_gk2021() -> Document {
    let t = template::get("gk2021").expect("gk2021 template");
    let mut doc = Document::new(&t.id, "某某镇人民政府", UnitLevel::Township, 2025);
    doc.meta.opening =
        "　　根据《中华人民共和国政府信息公开条例》规定，现公布本年度报告。".repeat(4);
    doc.meta.signature_date = "2026年1月20日".into();
    for (i, info) in t.cells().into_iter().enumerate() {
        let value = match info.kind {
            CellKind::Amount => CellValue::Amount(Decimal::new(i as i64 * 125, 4)),
            CellKind::Text => CellValue::Text(format!("内容{i}")),
            _ => CellValue::Int(i as i64 % 17),
        };
        doc.set_cell(info.cell, Some(value));
    }
    for part in t.parts.iter().filter(|p| p.prose) {
        let paragraph = format!("　　{}：本年度工作情况说明。", part.heading);
        doc.prose.insert(part.key.clone(), paragraph.repeat(30));
    }
    doc
}

fn bench(c: &mut Criterion) {
    let doc = full_gk2021();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("report.ron");
    file::save(&doc, &path).expect("save");
    c.bench_function("file/load full gk2021", |b| {
        b.iter(|| file::load(black_box(&path)).expect("load"))
    });
    c.bench_function("file/save full gk2021 (fsync, .bak)", |b| {
        b.iter(|| file::save(black_box(&doc), &path).expect("save"))
    });
    c.bench_function("file/to_ron full gk2021", |b| {
        b.iter(|| file::to_ron(black_box(&doc)))
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
