//! Generated township reports whose every identity holds, for the rollup
//! tests and benchmark. The numbers vary with a seed so sums are not trivial.

#![allow(dead_code)]

use std::path::Path;

use nianbao::document::{file, CellRef, CellValue, Document, UnitLevel};
use nianbao::template::{self, CellKind, Template};
use nianbao::validate::{computed_totals, fill_totals, total_cells};
use rust_decimal::Decimal;

fn cell(addr: &str) -> CellRef {
    addr.parse().expect("test address")
}

/// A fully filled, consistent report of `template_id` for `unit` and `year`.
pub fn report(template_id: &str, unit: &str, year: u16, seed: u32) -> Document {
    let t: &Template = template::get(template_id).expect("template");
    let mut doc = Document::new(&t.id, unit, UnitLevel::Township, year);
    let totals = total_cells(t);
    for (i, info) in t.cells().iter().enumerate() {
        if totals.contains(&info.cell) || !info.kind.is_numeric() {
            continue;
        }
        let n = ((i as u32 * 7 + seed * 3) % 5) as i64;
        let v = match info.kind {
            CellKind::Amount => CellValue::Amount(Decimal::new(n, 1)),
            _ => CellValue::Int(n),
        };
        doc.set_cell(info.cell.clone(), Some(v));
    }
    if t.table("t2a").is_some() {
        for col in ["issued", "repealed", "valid"] {
            doc.set_cell(cell(&format!("t2a.rules.{col}")), Some(CellValue::Int(0)));
        }
    }
    if t.table("t6").is_some() {
        // 实际收取金额 ≤ 收费金额: collect what was charged.
        let charged = doc.cell(&cell("t6.fees.amount")).cloned();
        doc.set_cell(cell("t6.fees.collected"), charged);
    }
    balance_t3(&mut doc, t);
    fill_totals(&mut doc, t);
    doc
}

/// 表三: 一 + 二 = （七）总计 + 四 in every applicant column.
fn balance_t3(doc: &mut Document, t: &Template) {
    if t.table("t3").is_none() {
        return;
    }
    let computed = computed_totals(doc, t);
    for (c, v) in computed
        .iter()
        .filter(|(c, _)| c.table == "t3" && c.row == "total")
    {
        let number = |addr: String| doc.cell(&cell(&addr)).and_then(|v| v.number());
        let (Some(total), Some(co), Some(carried)) = (
            v.number(),
            number(format!("t3.carry_over.{}", c.col)),
            number(format!("t3.carried.{}", c.col)),
        ) else {
            continue;
        };
        let new = (total + co - carried).max(Decimal::ZERO);
        let carried = total + co - new;
        doc.set_cell(
            cell(&format!("t3.carried.{}", c.col)),
            Some(CellValue::Int(i64::try_from(carried).expect("small"))),
        );
        doc.set_cell(
            cell(&format!("t3.new.{}", c.col)),
            Some(CellValue::Int(i64::try_from(new).expect("small"))),
        );
    }
}

/// Write `count` consistent reports of 某N镇 for `year` into `dir`.
pub fn folder(dir: &Path, count: usize, year: u16) {
    std::fs::create_dir_all(dir).expect("mkdir");
    for i in 0..count {
        let doc = report("gk2021", &format!("第{i}镇"), year, i as u32);
        file::save(&doc, &dir.join(format!("town{i:04}.ron"))).expect("save");
    }
}
