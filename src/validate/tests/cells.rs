//! Built-in cell checks: `unparsed`, `invalid`, `unknown_cell`.

use rust_decimal::Decimal;

use super::{cell, check, full_doc, ids};
use crate::document::{CellRef, CellValue};
use crate::template::Severity;
use crate::validate::{INVALID, UNKNOWN_CELL, UNPARSED};

#[test]
fn unparsed_text_is_an_error_and_blocks_the_sums() {
    let mut doc = full_doc();
    doc.set_cell(
        cell("t3.new.natural"),
        Some(CellValue::Unparsed("12件".into())),
    );
    let report = check(&doc);
    assert_eq!(ids(&report.errors), [UNPARSED]);
    let e = &report.errors[0];
    assert_eq!(e.severity, Severity::Error);
    assert_eq!(e.cells, [cell("t3.new.natural")]);
    assert_eq!(
        e.message,
        "表三“一”行“自然人”列填写的“12件”不是数字，请改为非负整数（件）。"
    );
    // The two identities through that cell cannot be checked; it is not “blank”.
    assert_eq!(ids(&report.warnings), ["t3.balance", "t3.applicants"]);
    assert_eq!(
        report.warnings[0].message,
        "表三“自然人”列：一 + 二 = （七）总计 + 四，无法校验：以下单元格不是数字：“一”。"
    );
    assert_eq!(report.warnings[0].cells, [cell("t3.new.natural")]);
}

#[test]
fn unparsed_amount_names_its_unit() {
    let mut doc = full_doc();
    doc.set_cell(
        cell("t2d.fees.amount"),
        Some(CellValue::Unparsed("251000元".into())),
    );
    let report = check(&doc);
    assert_eq!(
        report.errors[0].message,
        "表二第二十条第（八）项“行政事业性收费”行填写的“251000元”不是数字，请改为不超过四位小数的非负数（万元）。"
    );
}

#[test]
fn values_of_the_wrong_kind_are_invalid() {
    let mut doc = full_doc();
    let cases: [(&str, CellValue, &str); 5] = [
        (
            "t2a.rules.issued",
            CellValue::Int(-2),
            "填写的 -2 是负数，请改为非负整数（件）。",
        ),
        (
            "t2b.license.decisions",
            CellValue::Amount(Decimal::new(25, 1)),
            "应填写整数，却填写了金额 2.5，请改为非负整数（件）。",
        ),
        (
            "t2c.penalty.decisions",
            CellValue::Text("无".into()),
            "填写的“无”不是数字，请改为非负整数（件）。",
        ),
        (
            "t2d.fees.amount",
            CellValue::Amount(Decimal::new(-1, 0)),
            "填写的 -1 是负数，请改为不超过四位小数的非负数（万元）。",
        ),
        (
            "t4.cases.review_upheld",
            CellValue::Int(-1),
            "填写的 -1 是负数，请改为非负整数（件）。",
        ),
    ];
    for (addr, value, _) in &cases {
        doc.set_cell(cell(addr), Some(value.clone()));
    }
    let report = check(&doc);
    let invalid: Vec<_> = report.errors.iter().filter(|f| f.rule == INVALID).collect();
    assert_eq!(invalid.len(), cases.len());
    for (f, (addr, _, tail)) in invalid.iter().zip(&cases) {
        assert_eq!(f.cells, [cell(addr)]);
        assert!(f.message.ends_with(tail), "{} / {}", f.message, tail);
    }
    // Built-in errors come first, in reading order.
    assert_eq!(&ids(&report.errors)[..cases.len()], [INVALID; 5]);
}

#[test]
fn too_many_decimal_places_in_an_amount() {
    let mut doc = full_doc();
    doc.set_cell(
        cell("t2d.fees.amount"),
        Some(CellValue::Amount(Decimal::new(123_456, 5))),
    );
    let report = check(&doc);
    assert_eq!(ids(&report.errors), [INVALID]);
    assert!(report.errors[0].message.contains("1.23456 超过四位小数"));
    // Trailing zeros are not extra places.
    doc.set_cell(
        cell("t2d.fees.amount"),
        Some(CellValue::Amount(Decimal::new(1_500_000, 6))),
    );
    assert!(check(&doc).is_empty());
}

#[test]
fn cells_the_template_lacks_are_unknown() {
    let mut doc = full_doc();
    let odd = [
        CellRef::new("t9", "x", "y"),
        CellRef::new("t3", "results", "natural"), // a group row holds no cells
        CellRef::new("t3", "new", "legal"),       // a column group holds no cells
        CellRef::new("t3", "", "."),
    ];
    for c in &odd {
        doc.set_cell(c.clone(), Some(CellValue::Int(1)));
    }
    let report = check(&doc);
    assert!(report.errors.is_empty());
    assert_eq!(ids(&report.warnings), [UNKNOWN_CELL; 4]);
    let mut expected = odd.to_vec();
    expected.sort();
    let found: Vec<CellRef> = report.warnings.iter().map(|f| f.cells[0].clone()).collect();
    assert_eq!(found, expected);
    assert_eq!(
        report.warnings.iter().find(|f| f.cells[0] == odd[0]).map(|f| f.message.as_str()),
        Some("单元格 t9.x.y 不在本报告的模板（现行格式（2021 年起））中，可能是手工修改文件所致；该值不参与校验，请删除或移到正确的单元格。")
    );
}
