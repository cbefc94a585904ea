//! How long the live validator takes on a full gk2021 report, since it runs
//! on every keystroke. `cargo bench --no-default-features --bench validate`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use nianbao::document::{CellRef, CellValue, Document, UnitLevel};
use nianbao::template::{self, CellKind, Template};
use nianbao::validate::{computed_totals, fill_totals, total_cells, validate};
use rust_decimal::Decimal;

fn cell(addr: &str) -> CellRef {
    addr.parse().expect("bench address")
}

/// A fully filled gk2021 report whose every identity holds.
fn full_report(t: &Template) -> Document {
    let mut doc = Document::new(&t.id, "青山县人民政府", UnitLevel::County, 2025);
    doc.meta.opening = "本报告根据《中华人民共和国政府信息公开条例》编制。本报告所列数据的统计期限自2025年1月1日起至2025年12月31日止。本报告电子版可在青山县人民政府门户网站下载。如对本报告有疑问，请与青山县人民政府办公室联系（电话：0000-1234567）。".into();
    let totals = total_cells(t);
    for (i, info) in t.cells().iter().enumerate() {
        if totals.contains(&info.cell) {
            continue;
        }
        let v = match info.kind {
            CellKind::Amount => CellValue::Amount(Decimal::new(i as i64 % 7, 1)),
            // No fee notices: nothing refused for an unpaid fee (表三（六）2).
            _ if info.cell.row == "other_fee" => CellValue::Int(0),
            _ => CellValue::Int(i as i64 % 4),
        };
        doc.set_cell(info.cell.clone(), Some(v));
    }
    // 表三: 一 = （七）总计 + 四 − 二 in every applicant column.
    let computed = computed_totals(&doc, t);
    let number =
        |doc: &Document, c: &CellRef| doc.cell(c).and_then(nianbao::document::CellValue::number);
    for (c, v) in computed
        .iter()
        .filter(|(c, _)| c.table == "t3" && c.row == "total")
    {
        let carry_over = cell(&format!("t3.carry_over.{}", c.col));
        let carried = cell(&format!("t3.carried.{}", c.col));
        let (Some(total), Some(co)) = (v.number(), number(&doc, &carry_over)) else {
            continue;
        };
        doc.set_cell(carried.clone(), Some(CellValue::Int(0)));
        let new = i64::try_from(total + co).expect("small");
        doc.set_cell(
            cell(&format!("t3.new.{}", c.col)),
            Some(CellValue::Int(new)),
        );
    }
    fill_totals(&mut doc, t);
    // Part 六's 信息处理费: nothing charged, nothing collected.
    for info in t.cells().iter().filter(|i| i.cell.table == "t6") {
        let zero = match info.kind {
            CellKind::Amount => CellValue::Amount(Decimal::ZERO),
            _ => CellValue::Int(0),
        };
        doc.set_cell(info.cell.clone(), Some(zero));
    }
    doc.prose.insert(
        "p5".into(),
        "本年度存在的主要问题是政策解读形式较为单一，下一步将丰富解读形式。".into(),
    );
    doc
}

fn bench(c: &mut Criterion) {
    let t = template::get("gk2021").expect("gk2021");
    let doc = full_report(t);
    let report = validate(&doc, t);
    assert!(
        report.is_empty(),
        "bench report must be consistent: {report:#?}"
    );
    assert_eq!(doc.cells.len(), t.cells().len());

    c.bench_function("validate full gk2021", |b| {
        b.iter(|| validate(black_box(&doc), t));
    });

    let mut edited = doc.clone();
    let target = cell("t3.open.natural");
    let mut n = 0i64;
    c.bench_function("edit one cell then validate", |b| {
        b.iter(|| {
            n = (n + 1) % 5;
            edited.set_cell(target.clone(), Some(CellValue::Int(n)));
            validate(black_box(&edited), t)
        });
    });

    // What the editor runs after each keystroke: findings and totals from
    // one index, the text-only checks (placeholders, opening, copied from
    // last year, quotes) looked up in the memo since no text changed.
    let mut memo = nianbao::validate::Memo::default();
    c.bench_function("edit one cell then check (editor's path)", |b| {
        b.iter(|| {
            n = (n + 1) % 5;
            edited.set_cell(target.clone(), Some(CellValue::Int(n)));
            nianbao::validate::check(black_box(&edited), t, &mut memo)
        });
    });

    c.bench_function("computed_totals full gk2021", |b| {
        b.iter(|| computed_totals(black_box(&doc), t));
    });

    // Prose checks on a 10,000-character part 一 (figures quoted, years,
    // headings), against a report whose tables are all filled.
    let sentence = "2025年，我镇全年新收政府信息公开申请12件，上年结转1件，其中予以公开5件、部分公开1件，办理行政许可36件。\n";
    let mut long = doc.clone();
    long.prose.insert(
        "p1".to_string(),
        sentence.repeat(10_000 / sentence.chars().count() + 1),
    );
    assert!(long.prose["p1"].chars().count() >= 10_000);
    c.bench_function("validate with a 10000-char part", |b| {
        b.iter(|| validate(black_box(&long), t));
    });
    let phrases = &t.phrases;
    let text = long.prose["p1"].clone();
    c.bench_function("quotes in a 10000-char part", |b| {
        b.iter(|| nianbao::prose::quotes::find(black_box(&text), phrases, 2025));
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
