//! Importing the published seeds and one corpus report of each file format
//! (HTML, text, Word .docx / .doc / .wps, OpenDocument, PDF, and a real
//! published PDF): the whole path from bytes to placed cells.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use nianbao::import::{import_bytes, SourceFormat};

fn fixture(path: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/published")
        .join(path);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn bench(c: &mut Criterion) {
    for seed in ["000", "001", "002", "003", "004"] {
        let bytes = fixture(&format!("seed{seed}.txt"));
        c.bench_function(&format!("import/seed{seed} (text)"), |b| {
            b.iter(|| import_bytes(black_box(&bytes), SourceFormat::Text, None).expect("imports"));
        });
    }
    for (name, format) in [
        ("corpus/official-html-2021.html", SourceFormat::Html),
        ("corpus/halfwidth-tabs.txt", SourceFormat::Text),
        ("corpus/word-2021.docx", SourceFormat::Text),
        ("formats/word-2021.doc", SourceFormat::Text),
        ("formats/word-2021.wps", SourceFormat::Text),
        ("formats/word-2021.odt", SourceFormat::Text),
        ("corpus/pdf-2021.pdf", SourceFormat::Text),
        // A real published report (target: 30 ms; the others 5 ms).
        ("real/hongze-district-2023.pdf", SourceFormat::Text),
    ] {
        let bytes = fixture(name);
        c.bench_function(&format!("import/{name}"), |b| {
            b.iter(|| import_bytes(black_box(&bytes), format, None).expect("imports"));
        });
    }
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
