//! The editor's memoised check gives exactly what a one-off validation and
//! `computed_totals` give, through a run of table and prose edits (the memo
//! must never answer for a text it has not seen).

use crate::document::{file, CellRef, CellValue, Document};
use crate::template;
use crate::validate::{check, computed_totals, validate, Memo};

fn sample() -> Document {
    file::parse(include_str!("../../../tests/fixtures/sample-gk2021.ron")).expect("sample")
}

#[test]
fn memoised_check_equals_a_fresh_validation_through_edits() {
    let mut doc = sample();
    let t = template::get(&doc.template).expect("gk2021");
    let mut memo = Memo::default();
    let cell: CellRef = "t3.new.natural".parse().unwrap();
    let edits: [&dyn Fn(&mut Document); 7] = [
        &|d| d.set_cell("t3.new.natural".parse().unwrap(), Some(CellValue::Int(9))),
        &|d| {
            d.prose
                .insert("p1".into(), "2023年，全年新收政府信息公开申请15件。".into());
        },
        &|d| d.set_cell("t3.new.natural".parse().unwrap(), Some(CellValue::Int(15))),
        &|d| {
            d.prose.insert("p5".into(), "无".into());
        },
        &|d| d.meta.year = 2023,
        &|d| {
            d.prose.remove("p1");
        },
        &|d| d.set_cell("t3.new.natural".parse().unwrap(), None),
    ];
    let (report, totals) = check(&doc, t, &mut memo);
    assert_eq!(
        (report, totals),
        (validate(&doc, t), computed_totals(&doc, t))
    );
    for (i, edit) in edits.iter().enumerate() {
        edit(&mut doc);
        // Twice: the second time every text-only result comes from the memo.
        for _ in 0..2 {
            let (report, totals) = check(&doc, t, &mut memo);
            assert_eq!(report, validate(&doc, t), "after edit {i}");
            assert_eq!(totals, computed_totals(&doc, t), "after edit {i}");
        }
    }
    assert!(doc.cell(&cell).is_none());
}
