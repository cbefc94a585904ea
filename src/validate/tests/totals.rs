//! Total cells, computed totals and the two fill actions.

use rust_decimal::Decimal;

use super::{cell, check, clear, empty_doc, full_doc, gk, set, APPLICANTS, RESULTS};
use crate::document::{CellRef, CellValue};
use crate::validate::{computed_totals, fill_blanks_with_zero, fill_totals, total_cells};

/// Every total of gk2021: 表三's 总计 row and column, 表四's three 总计.
fn expected_totals() -> Vec<CellRef> {
    let mut out: Vec<CellRef> = APPLICANTS
        .iter()
        .chain(&["total"])
        .map(|c| cell(&format!("t3.total.{c}")))
        .collect();
    for row in RESULTS.iter().chain(&["new", "carried", "carry_over"]) {
        out.push(cell(&format!("t3.{row}.total")));
    }
    for g in ["review", "direct", "after"] {
        out.push(cell(&format!("t4.cases.{g}_total")));
    }
    out.sort();
    out
}

#[test]
fn total_cells_are_the_left_side_of_total_rules() {
    let totals: Vec<CellRef> = total_cells(gk()).into_iter().collect();
    assert_eq!(totals.len(), 7 + 25 - 1 + 3);
    assert_eq!(totals, expected_totals());
}

#[test]
fn blank_totals_are_computed_to_a_fixpoint() {
    let full = full_doc();
    let mut doc = full.clone();
    for c in expected_totals() {
        doc.set_cell(c, None);
    }
    let computed = computed_totals(&doc, gk());
    // t3.total.total needs the computed row totals: only a fixpoint reaches it.
    assert_eq!(computed.len(), expected_totals().len());
    for (c, v) in &computed {
        assert_eq!(Some(v), full.cell(c), "{c}");
    }
    assert_eq!(fill_totals(&mut doc, gk()), computed.len());
    assert_eq!(doc, full);
    assert!(check(&doc).is_empty());
    // Nothing left to compute.
    assert!(computed_totals(&doc, gk()).is_empty());
}

#[test]
fn a_total_with_a_blank_term_is_not_computed() {
    let mut doc = full_doc();
    clear(&mut doc, "t4.cases.review_total");
    clear(&mut doc, "t4.cases.review_other");
    clear(&mut doc, "t4.cases.after_total");
    let computed = computed_totals(&doc, gk());
    assert_eq!(computed.len(), 1);
    assert_eq!(
        computed.get(&cell("t4.cases.after_total")),
        Some(&CellValue::Int(4))
    );
    // Text where a number belongs is not a number either.
    doc.set_cell(
        cell("t4.cases.after_upheld"),
        Some(CellValue::Unparsed("1件".into())),
    );
    assert!(computed_totals(&doc, gk()).is_empty());
}

#[test]
fn entered_totals_are_never_overwritten() {
    let mut doc = full_doc();
    set(&mut doc, "t4.cases.review_total", 99);
    assert!(computed_totals(&doc, gk()).is_empty());
    assert_eq!(fill_totals(&mut doc, gk()), 0);
    assert_eq!(
        doc.cell(&cell("t4.cases.review_total")),
        Some(&CellValue::Int(99))
    );
}

#[test]
fn fill_blanks_with_zero_fills_numeric_cells_only() {
    let mut doc = empty_doc();
    set(&mut doc, "t3.new.natural", 0);
    let n = fill_blanks_with_zero(&mut doc, gk());
    assert_eq!(n, gk().cells().len() - 1);
    assert_eq!(doc.cell(&cell("t3.total.total")), Some(&CellValue::Int(0)));
    assert_eq!(
        doc.cell(&cell("t2d.fees.amount")),
        Some(&CellValue::Amount(Decimal::ZERO))
    );
    // All zeros tie up.
    assert!(check(&doc).is_empty());
    assert_eq!(fill_blanks_with_zero(&mut doc, gk()), 0);
}

#[test]
fn fill_blanks_with_zero_leaves_text_cells_and_values_alone() {
    let t = crate::template::parse_template(
        "mini.ron",
        r#"#![enable(implicit_some)]
        Template(id: "mini", name: "测试", source: "测试", first_year: 2000,
          parts: [Part(key: "p", heading: "一", tables: [
            Table(key: "t", name: "表一", columns: [Column(key: "n", label: "数"), Column(key: "s", label: "文", kind: Text)],
              rows: [Row(key: "a", label: "甲"), Row(key: "m", label: "金额", kind: Amount)]),
          ])])"#,
    )
    .expect("mini template");
    let mut doc = empty_doc();
    set(&mut doc, "t.a.n", 4);
    // The row's kind wins over the column's: 金额 / 文 is an amount cell.
    assert_eq!(fill_blanks_with_zero(&mut doc, &t), 2);
    assert_eq!(doc.cell(&cell("t.a.n")), Some(&CellValue::Int(4)));
    assert_eq!(
        doc.cell(&cell("t.m.n")),
        Some(&CellValue::Amount(Decimal::ZERO))
    );
    assert_eq!(
        doc.cell(&cell("t.m.s")),
        Some(&CellValue::Amount(Decimal::ZERO))
    );
    assert_eq!(doc.cell(&cell("t.a.s")), None);
}
