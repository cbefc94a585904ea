//! 已核实: stable ids, marks that survive unrelated edits and drop when the
//! finding changes, and errors that cannot be marked.

use nianbao::document::{file, CellValue};
use nianbao::validate::{review, unreview, validate, ReviewError};

use super::{sample_with_p1, template_of};

#[test]
fn ids_are_stable_and_marks_follow_the_finding() {
    let mut doc = sample_with_p1("全年新收政府信息公开申请15件。");
    let t = template_of(&doc);
    let report = validate(&doc, t);
    let f = report
        .warnings
        .iter()
        .find(|f| f.rule == "prose.figures")
        .unwrap()
        .clone();
    // Fixed hash: the same id on every run and machine.
    assert_eq!(
        f.id(),
        validate(&doc, t)
            .warnings
            .iter()
            .find(|x| x.rule == "prose.figures")
            .unwrap()
            .id()
    );
    assert_eq!(f.id().len(), 16);

    review(&mut doc, t, &f.id(), "年中口径调整，表格以新口径为准").unwrap();
    let report = validate(&doc, t);
    assert!(report.warnings.iter().all(|x| x.id() != f.id()));
    assert_eq!(report.reviewed.len(), 1);
    assert_eq!(report.reviewed[0].1, "年中口径调整，表格以新口径为准");

    // Kept in the file, across a save and a load.
    let text = file::to_ron(&doc);
    let back = file::parse(&text).unwrap();
    assert_eq!(validate(&back, t).reviewed.len(), 1);

    // An edit elsewhere leaves the mark in force.
    doc.prose.insert(
        "p5".into(),
        "本年度存在的主要问题是栏目更新不够及时，下一步将建立信息发布台账。".into(),
    );
    doc.set_cell(
        "t2b.license.decisions".parse().unwrap(),
        Some(CellValue::Int(36)),
    );
    assert_eq!(validate(&doc, t).reviewed.len(), 1);

    // The finding's cell changes: the mark no longer applies.
    let mut changed = doc.clone();
    changed.set_cell("t3.new.natural".parse().unwrap(), Some(CellValue::Int(11)));
    changed.set_cell("t3.new.total".parse().unwrap(), Some(CellValue::Int(13)));
    let report = validate(&changed, t);
    assert!(report.reviewed.is_empty());
    assert!(report.warnings.iter().any(|x| x.rule == "prose.figures"));

    // The text changes: likewise.
    let mut changed = doc.clone();
    changed
        .prose
        .insert("p1".into(), "全年新收政府信息公开申请16件。".into());
    assert!(validate(&changed, t).reviewed.is_empty());

    assert!(unreview(&mut doc, &f.id()));
    assert!(validate(&doc, t).reviewed.is_empty());
}

#[test]
fn errors_cannot_be_marked() {
    let mut doc = sample_with_p1("正文。");
    doc.set_cell("t3.new.natural".parse().unwrap(), Some(CellValue::Int(99)));
    let t = template_of(&doc);
    let e = validate(&doc, t).errors[0].clone();
    let err = review(&mut doc, t, &e.id(), "确认").unwrap_err();
    assert!(matches!(err, ReviewError::IsError(_)), "{err:?}");
    assert!(err.to_string().contains("不能标记为已核实"));
    assert!(doc.reviewed.is_empty());
    assert!(matches!(
        review(&mut doc, t, "0000000000000000", "x"),
        Err(ReviewError::NotFound(_))
    ));
}

#[test]
fn version_1_files_migrate() {
    let doc = sample_with_p1("正文。");
    let v1 = file::to_ron(&doc).replace(
        &format!("format_version: {},", nianbao::document::FORMAT_VERSION),
        "format_version: 1,",
    );
    assert!(v1.contains("format_version: 1,"));
    let back = file::parse(&v1).unwrap();
    assert_eq!(back.format_version, nianbao::document::FORMAT_VERSION);
    assert!(back.reviewed.is_empty());
    assert_eq!(back.prose, doc.prose);
}
