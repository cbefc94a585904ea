//! The checks of round two on the whole gk2021 template, each both ways: a
//! text or table that must be flagged and one that must not.

use super::{cell, full_doc, set};
use crate::document::{Address, Document, MetaField};
use crate::template::{self, Severity, Template};
use crate::validate::{review, standard_opening, validate, Finding, ReviewError};

fn gk2021() -> &'static Template {
    template::get("gk2021").expect("gk2021 is embedded")
}

/// A consistent report with a real unit name, the standard opening and no fee business.
fn doc() -> Document {
    let mut doc = full_doc();
    doc.meta.unit = "青山镇人民政府".into();
    doc.meta.signature_unit = "青山镇人民政府".into();
    doc.meta.opening = standard_opening(&doc);
    for col in super::APPLICANTS {
        let addr = format!("t3.other_fee.{col}");
        let v = doc
            .cell(&cell(&addr))
            .and_then(|v| v.number())
            .unwrap_or_default();
        let moved = i64::try_from(v.mantissa()).expect("small");
        set(&mut doc, &addr, 0);
        let other = format!("t3.other_other.{col}");
        let o = doc
            .cell(&cell(&other))
            .and_then(|v| v.number())
            .unwrap_or_default();
        set(
            &mut doc,
            &other,
            i64::try_from(o.mantissa()).expect("small") + moved,
        );
    }
    let sum = |doc: &Document, row: &str| -> i64 {
        super::APPLICANTS
            .iter()
            .map(|c| {
                let v = doc
                    .cell(&cell(&format!("t3.{row}.{c}")))
                    .and_then(|v| v.number());
                i64::try_from(v.unwrap_or_default().mantissa()).expect("small")
            })
            .sum()
    };
    for row in ["other_fee", "other_other"] {
        let s = sum(&doc, row);
        set(&mut doc, &format!("t3.{row}.total"), s);
    }
    for (col, v) in [("notices", 0), ("amount", 0), ("collected", 0)] {
        set(&mut doc, &format!("t6.fees.{col}"), v);
    }
    doc
}

fn of(doc: &Document, rule: &str) -> Vec<Finding> {
    let r = validate(doc, gk2021());
    r.all().filter(|f| f.rule == rule).cloned().collect()
}

#[test]
fn the_base_report_raises_none_of_the_new_checks() {
    let d = doc();
    for rule in [
        "prose.placeholders",
        "prose.opening",
        "t3.misplaced",
        "t6.fee_notices",
    ] {
        assert!(of(&d, rule).is_empty(), "{rule}: {:?}", of(&d, rule));
    }
}

/// The text each finding selects, in `text`.
fn selected(text: &str, f: &Finding) -> String {
    let span = f.span.as_ref().expect("span");
    text.chars()
        .skip(span.start)
        .take(span.end - span.start)
        .collect()
}

#[test]
fn placeholders_left_in_are_errors_that_select_the_text() {
    let mut d = doc();
    let p1 = "全年共公开政府信息X万余条，办理XX件。××同志负责。某某街道配合。详见【此处填写】。（此处填写具体措施）其他（略）。20XX年。";
    d.prose.insert("p1".into(), p1.into());
    d.meta.signature_unit = "某某镇人民政府".into();
    d.meta.unit = "XX镇人民政府".into();
    let found = of(&d, "prose.placeholders");
    let texts: Vec<String> = found
        .iter()
        .filter(|f| {
            f.span
                .as_ref()
                .is_some_and(|s| s.address == Address::Prose("p1".into()))
        })
        .map(|f| selected(p1, f))
        .collect();
    assert_eq!(
        texts,
        [
            "X万余条",
            "XX件",
            "××",
            "某某",
            "【此处填写】",
            "（此处填写具体措施）",
            "（略）",
            "20XX年"
        ]
    );
    let cover: Vec<&Finding> = found
        .iter()
        .filter(|f| {
            f.span.as_ref().map(|s| &s.address) == Some(&Address::Meta(MetaField::SignatureUnit))
        })
        .collect();
    assert_eq!(cover.len(), 1);
    assert!(
        cover[0]
            .message
            .contains("署名单位中留有模板占位文字“某某”"),
        "{}",
        cover[0].message
    );
    assert!(found.iter().all(|f| f.severity == Severity::Error));
    let id = found[0].id();
    assert!(matches!(
        review(&mut d, gk2021(), &id, "确认"),
        Err(ReviewError::IsError(_))
    ));
}

#[test]
fn names_quotes_and_real_words_are_not_placeholders() {
    let mut d = doc();
    d.prose.insert(
        "p1".into(),
        "申请人王某某、李某某申请公开信息。转发《关于某某事项的通知》。开展“某某杯”活动。X射线设备采购公开。【政策解读】栏目发布12篇。（详见附件）。Windows XP 停用。公开4210条，MAX 2件。".into(),
    );
    assert!(
        of(&d, "prose.placeholders").is_empty(),
        "{:?}",
        of(&d, "prose.placeholders")
    );
}

#[test]
fn each_missing_opening_item_is_one_warning() {
    let mut d = doc();
    d.meta.opening = "现将本镇2025年度政府信息公开工作情况报告如下。".into();
    let found = of(&d, "prose.opening");
    let names: Vec<bool> = ["编制依据", "统计期限", "下载或查阅地点", "咨询联系方式"]
        .iter()
        .map(|n| found.iter().any(|f| f.message.contains(n)))
        .collect();
    assert_eq!(names, [true, true, true, true]);
    assert_eq!(found.len(), 4);
    assert!(found.iter().all(|f| f.severity == Severity::Warning
        && f.span
            .as_ref()
            .is_some_and(|s| s.address == Address::Meta(MetaField::Opening))));
    d.meta.opening.clear();
    assert_eq!(of(&d, "prose.opening").len(), 1);
}

#[test]
fn a_complete_opening_in_other_words_passes() {
    let mut d = doc();
    d.meta.opening = "本报告依据《条例》编制。报告中所列数据统计期限自2025年1月1日起至2025年12月31日止。本报告可在青山镇政府网站查阅。如有疑问请致电0517-8722258。".into();
    assert!(
        of(&d, "prose.opening").is_empty(),
        "{:?}",
        of(&d, "prose.opening")
    );
    // Last year's period is prose.year's finding, not repeated here.
    d.meta.opening = d.meta.opening.replace("2025年", "2024年");
    assert!(of(&d, "prose.opening").is_empty());
    assert!(!of(&d, "prose.year").is_empty());
}

#[test]
fn the_standard_opening_uses_unit_year_and_phone() {
    let mut d = doc();
    d.meta.year = 2026;
    d.meta.phone = "0517-87222589".into();
    let text = standard_opening(&d);
    assert!(text.contains("统计期限自2026年1月1日起至2026年12月31日止"));
    assert!(text.contains("请与青山镇人民政府联系（联系电话：0517-87222589）"));
    assert!(crate::validate::opening_missing(&text, 2026).is_empty());
    assert!(crate::validate::find_placeholders(&text).is_empty());
}

fn bump(d: &mut Document, addr: &str, by: i64) {
    let v = d
        .cell(&cell(addr))
        .and_then(|v| v.number())
        .unwrap_or_default();
    set(d, addr, i64::try_from(v.mantissa()).expect("small") + by);
}

#[test]
fn two_columns_off_by_plus_and_minus_n_name_the_likely_cause() {
    let mut d = doc();
    // Two applications of 商业企业 entered under 自然人 in （一）予以公开.
    bump(&mut d, "t3.open.natural", 2);
    bump(&mut d, "t3.open.commercial", -2);
    let found = of(&d, "t3.misplaced");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]
            .message
            .starts_with("可能有 2 件申请计入了“自然人”列而应计入“商业企业”列"),
        "{}",
        found[0].message
    );
    let cells: Vec<String> = found[0].cells.iter().map(ToString::to_string).collect();
    assert_eq!(cells, ["t3.total.natural", "t3.total.commercial"]);
    // The column errors themselves stay.
    let results = of(&d, "t3.results");
    assert_eq!(results.len(), 2);
}

#[test]
fn unrelated_column_errors_are_not_called_misplaced() {
    let mut d = doc();
    bump(&mut d, "t3.open.natural", 2);
    bump(&mut d, "t3.open.commercial", -1);
    assert!(of(&d, "t3.misplaced").is_empty());
    let mut d = doc();
    bump(&mut d, "t3.open.natural", 1);
    assert!(of(&d, "t3.misplaced").is_empty());
}

#[test]
fn fee_notices_evident_from_table_three_must_be_reported() {
    let mut d = doc();
    set(&mut d, "t3.other_fee.natural", 2);
    bump(&mut d, "t3.other_other.natural", -2);
    set(&mut d, "t3.other_fee.total", 2);
    bump(&mut d, "t3.other_other.total", -2);
    d.prose
        .insert("p6".into(), "本年度未收取信息处理费。".into());
    let found = of(&d, "t6.fee_notices");
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].message.contains("至少发出了 2 件收费通知"),
        "{}",
        found[0].message
    );
    let cells: Vec<String> = found[0].cells.iter().map(ToString::to_string).collect();
    assert_eq!(cells, ["t3.other_fee.total", "t6.fees.notices"]);
    assert_eq!(
        selected("本年度未收取信息处理费。", &found[1]),
        "本年度未收取信息处理费"
    );
    // Reported in figures and text: nothing to say.
    set(&mut d, "t6.fees.notices", 2);
    d.prose.insert(
        "p6".into(),
        "本年度发出收费通知2件，收费金额0元，实际收取金额0元。申请人逾期未按收费通知要求缴纳费用2件。".into(),
    );
    assert!(
        of(&d, "t6.fee_notices").is_empty(),
        "{:?}",
        of(&d, "t6.fee_notices")
    );
}

#[test]
fn no_fee_business_and_no_fee_sentence_agree() {
    let mut d = doc();
    d.prose
        .insert("p6".into(), "本年度未收取信息处理费。".into());
    assert!(of(&d, "t6.fee_notices").is_empty());
    // Notices issued but the text denies them.
    set(&mut d, "t6.fees.notices", 1);
    d.prose.insert("p6".into(), "本年度未发出收费通知。".into());
    assert_eq!(of(&d, "t6.fee_notices").len(), 1);
}

#[test]
fn a_part_over_its_cap_says_by_how_much_and_one_within_says_nothing() {
    let mut t = gk2021().clone();
    t.rules.push(crate::template::Rule {
        id: "prose.length".into(),
        severity: Severity::Warning,
        check: crate::template::Check::PartLength {
            limits: vec![("p1".into(), 10)],
        },
    });
    let mut d = doc();
    d.prose
        .insert("p1".into(), "本年度 我镇认真贯彻《条例》。".into());
    let found: Vec<Finding> = validate(&d, &t)
        .all()
        .filter(|f| f.rule == "prose.length")
        .cloned()
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].message,
        "第一部分正文共 14 字，超过规定的 10 字（多 4 字）。请精简。"
    );
    d.prose.insert("p1".into(), "本年度 我镇认真贯彻。".into());
    assert!(validate(&d, &t).all().all(|f| f.rule != "prose.length"));
    // The shipped template caps nothing.
    d.prose.insert("p1".into(), "字".repeat(5000));
    assert!(of(&d, "prose.length").is_empty());
}
