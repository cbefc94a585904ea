//! Golden files of a small legacy-national report: unit column, `——` on
//! header rows, a text answer, an unparsed cell, blanks, the sign-off block.

use nianbao::document::{CellRef, CellValue, Document, UnitLevel};
use nianbao::{export, template};
use rust_decimal::Decimal;

use super::golden::snapshot;

/// A 2017 township report on the legacy national statistics table.
pub fn legacy() -> Document {
    let mut doc = Document::new(
        "legacy-national",
        "青石镇人民政府",
        UnitLevel::Township,
        2017,
    );
    doc.meta.opening = "根据《中华人民共和国政府信息公开条例》规定，现将青石镇2017年政府信息公开工作情况报告如下。".into();
    doc.meta.signature_date = "2018年1月15日".into();
    doc.meta.principal = "王某".into();
    doc.meta.reviewer = "李某".into();
    doc.meta.preparer = "赵某".into();
    doc.meta.phone = "0123-4567890".into();
    doc.meta.fill_date = "2018年1月12日".into();
    doc.prose.insert(
        "p1".into(),
        "成立政务公开工作领导小组。\n1.健全制度；\n2.加强培训。".into(),
    );
    doc.prose
        .insert("p4".into(), "本年度未收取任何费用。".into());
    let cells: [(&str, CellValue); 10] = [
        ("active_info", CellValue::Int(120)),
        ("active_normative", CellValue::Int(3)),
        ("ch_website", CellValue::Int(100)),
        ("ch_wechat", CellValue::Unparsed("约20条".into())),
        ("received", CellValue::Int(0)),
        ("main_content", CellValue::Text("无".into())),
        ("fees", CellValue::Amount(Decimal::ZERO)),
        ("staff", CellValue::Int(3)),
        ("staff_full_time", CellValue::Int(1)),
        ("staff_part_time", CellValue::Int(2)),
    ];
    for (row, v) in cells {
        doc.set_cell(CellRef::new("stat", row, "value"), Some(v));
    }
    doc
}

#[test]
fn legacy_text() {
    let doc = legacy();
    let t = template::get(&doc.template).expect("template");
    snapshot("legacy_national_text", &export::to_text(&doc, t));
}

#[test]
fn legacy_markdown() {
    let doc = legacy();
    let t = template::get(&doc.template).expect("template");
    snapshot("legacy_national_markdown", &export::to_markdown(&doc, t));
}

#[test]
fn legacy_html() {
    let doc = legacy();
    let t = template::get(&doc.template).expect("template");
    snapshot("legacy_national_html", &export::to_html(&doc, t));
}

#[test]
fn legacy_docx() {
    let xml = super::docx::part(&super::docx::docx_of(&legacy()), "word/document.xml");
    snapshot("legacy_national_docx", &super::docx::readable(&xml));
}
