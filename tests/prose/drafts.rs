//! 生成文字: the standard sentences, golden-tested on the sample report and
//! on the zero, one-case and blank cases.

use nianbao::document::{CellValue, Document};
use nianbao::prose::draft::draft;

use super::{fixture, template_of};

fn all_parts(doc: &Document, share: bool) -> String {
    let t = template_of(doc);
    ["p1", "p4", "p6"]
        .iter()
        .map(|p| match draft(doc, t, p, share) {
            Some(Ok(text)) => format!("{p}: {text}"),
            Some(Err(missing)) => format!("{p}: ✖ {missing}"),
            None => format!("{p}: —"),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn set(doc: &mut Document, cells: &[(&str, i64)]) {
    for (addr, n) in cells {
        doc.set_cell(addr.parse().unwrap(), Some(CellValue::Int(*n)));
    }
}

/// The sample with every 表三 and 表四 number zero.
fn all_zero() -> Document {
    let mut doc = fixture("sample-gk2021");
    let zero: Vec<_> = doc
        .cells
        .keys()
        .filter(|c| c.table == "t3" || c.table == "t4")
        .cloned()
        .collect();
    for c in zero {
        doc.set_cell(c, Some(CellValue::Int(0)));
    }
    doc
}

#[test]
fn sample_report() {
    let doc = fixture("sample-gk2021");
    insta::assert_snapshot!("draft_sample", all_parts(&doc, false));
    insta::assert_snapshot!("draft_sample_share", all_parts(&doc, true));
}

#[test]
fn zero_cases() {
    insta::assert_snapshot!("draft_zero", all_parts(&all_zero(), true));
}

#[test]
fn one_case_each() {
    let mut doc = all_zero();
    set(
        &mut doc,
        &[
            ("t3.new.natural", 1),
            ("t3.new.total", 1),
            ("t3.open.natural", 1),
            ("t3.open.total", 1),
            ("t3.total.natural", 1),
            ("t3.total.total", 1),
            ("t4.cases.review_pending", 1),
            ("t4.cases.review_total", 1),
        ],
    );
    doc.set_cell("t6.fees.notices".parse().unwrap(), Some(CellValue::Int(1)));
    doc.set_cell(
        "t6.fees.amount".parse().unwrap(),
        Some(CellValue::Amount("120.5".parse().unwrap())),
    );
    doc.set_cell(
        "t6.fees.collected".parse().unwrap(),
        Some(CellValue::Amount("120.5".parse().unwrap())),
    );
    insta::assert_snapshot!("draft_one", all_parts(&doc, true));
}

#[test]
fn blank_figures_are_named_not_written_as_zero() {
    let mut doc = fixture("sample-gk2021");
    doc.set_cell("t3.new.total".parse().unwrap(), None);
    doc.set_cell("t6.fees.collected".parse().unwrap(), None);
    insta::assert_snapshot!("draft_blank", all_parts(&doc, false));
}

#[test]
fn a_generated_sentence_agrees_with_the_tables_until_a_number_changes() {
    let mut doc = fixture("sample-gk2021");
    let t = template_of(&doc);
    let text = draft(&doc, t, "p1", true).unwrap().unwrap();
    doc.prose.insert("p1".into(), text);
    assert!(super::prose_findings(&doc)
        .iter()
        .all(|f| f.rule != "prose.figures"));
    set(&mut doc, &[("t3.open.natural", 3), ("t3.open.total", 6)]);
    let f = super::prose_findings(&doc);
    assert!(
        f.iter()
            .any(|f| f.rule == "prose.figures" && f.message.contains("予以公开5件")),
        "{f:#?}"
    );
}
