//! Linear identities, cross-year rules and plausibility checks.

use rust_decimal::Decimal;

use super::{cell, check, clear, empty_doc, full_doc, gk, ids, set, APPLICANTS, RESULTS};
use crate::document::{CellRef, CellValue, PreviousYear, UnitLevel};
use crate::template::Severity;
use crate::validate::{validate, Finding};

fn cells(addrs: &[&str]) -> Vec<CellRef> {
    addrs.iter().map(|a| cell(a)).collect()
}

#[test]
fn broken_cell_reports_the_column_and_the_row() {
    let mut doc = full_doc();
    // 自然人: 一 2 → 3, with 二 1, （七）总计 2, 四 1.
    set(&mut doc, "t3.new.natural", 3);
    let report = check(&doc);
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    assert_eq!(
        report.errors[0],
        Finding {
            span: None,
            rule: "t3.balance".into(),
            severity: Severity::Error,
            cells: cells(&[
                "t3.new.natural",
                "t3.carried.natural",
                "t3.total.natural",
                "t3.carry_over.natural"
            ]),
            message: "表三“自然人”列：一（3）+ 二（1）= 4，而（七）总计（2）+ 四（1）= 3，相差 1。请核对（七）总计或四、结转下年度继续办理。".into(),
        }
    );
    // The row total of 一 no longer ties up either (one error per broken identity).
    assert_eq!(ids(&report.errors), ["t3.balance", "t3.applicants"]);
    let row = &report.errors[1];
    assert_eq!(
        row.message,
        "表三“一”行：总计（105）≠ 自然人（3）+ 商业企业（21）+ 科研机构（20）+ 社会公益组织（21）+ 法律服务机构（20）+ 其他（21）= 106，相差 1，总计应为 106。请核对总计或各分项。"
    );
    assert_eq!(row.cells[0], cell("t3.new.total"));
    assert_eq!(row.cells.len(), 7);
}

#[test]
fn long_total_lists_only_non_zero_terms() {
    let mut doc = full_doc();
    set(&mut doc, "t3.partial.natural", 1);
    let report = check(&doc);
    assert_eq!(ids(&report.errors), ["t3.results", "t3.applicants"]);
    let f = &report.errors[0];
    assert_eq!(
        f.message,
        "表三“自然人”列：（七）总计（2）≠ （一）（2）+ （二）（1）+ 其余 19 项（均为 0）= 3，相差 1，（七）总计应为 3。请核对（七）总计或各分项。"
    );
    assert_eq!(f.cells.len(), 22);
    assert_eq!(f.cells[0], cell("t3.total.natural"));
    assert_eq!(f.cells[1], cell("t3.open.natural"));
}

#[test]
fn ambiguous_column_labels_carry_their_group() {
    let mut doc = full_doc();
    set(&mut doc, "t4.cases.direct_total", 2);
    let report = check(&doc);
    assert_eq!(ids(&report.errors), ["t4.direct_total"]);
    assert_eq!(
        report.errors[0].message,
        "表四：未经复议直接起诉“总计”（2）≠ 未经复议直接起诉“结果维持”（0）+ 未经复议直接起诉“结果纠正”（1）+ 未经复议直接起诉“其他结果”（0）+ 未经复议直接起诉“尚未审结”（0）= 1，相差 1，未经复议直接起诉“总计”应为 1。请核对未经复议直接起诉“总计”或各分项。"
    );
}

#[test]
fn blank_cell_means_cannot_be_checked() {
    let mut doc = full_doc();
    clear(&mut doc, "t3.carried.natural");
    let report = check(&doc);
    assert!(report.errors.is_empty(), "{:#?}", report.errors);
    assert_eq!(
        ids(&report.warnings),
        ["t3.balance", "t3.applicants", "blanks"]
    );
    let w = &report.warnings;
    assert_eq!(
        w[0].message,
        "表三“自然人”列：一 + 二 = （七）总计 + 四，无法校验：以下单元格未填写：“二”。"
    );
    assert_eq!(w[0].cells, cells(&["t3.carried.natural"]));
    assert_eq!(
        w[1].message,
        "表三“二”行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他，无法校验：以下单元格未填写：“自然人”。"
    );
    assert_eq!(
        w[2].message,
        "表三有 1 个单元格未填写（空白不等于 0）。如确为 0，请填写 0，或使用“编辑 › 空白单元格填 0”。"
    );
    assert_eq!(w[2].cells, cells(&["t3.carried.natural"]));
    assert!(w.iter().all(|f| f.severity == Severity::Warning));
}

#[test]
fn fully_blank_report_warns_once_per_rule_and_per_table() {
    let report = check(&empty_doc());
    assert!(report.errors.is_empty());
    // The cross-year rules are skipped: last year is unknown.
    assert_eq!(
        ids(&report.warnings),
        [
            "t3.balance",
            "t3.results",
            "t3.applicants",
            "t4.review_total",
            "t4.direct_total",
            "t4.after_total",
            "blanks",
            "blanks",
            "blanks",
            "blanks",
            "blanks",
            "blanks"
        ]
    );
    let w = &report.warnings;
    assert_eq!(
        w[1].message,
        "表三各列：（七）总计 = （一） + … + （六）3，尚未填写，无法校验。"
    );
    assert_eq!(w[1].cells.len(), 22 * 7);
    assert_eq!(w[2].message, "表三各行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他，尚未填写，无法校验。");
    assert_eq!(w[2].cells.len(), 25 * 7);
    assert_eq!(
        w[3].message,
        "表四：行政复议“总计” = 行政复议“结果维持” + 行政复议“结果纠正” + 行政复议“其他结果” + 行政复议“尚未审结”，尚未填写，无法校验。"
    );
    assert_eq!(w[3].cells.len(), 5);
    assert!(w[10].message.starts_with("表三有 175 个单元格未填写"));
    let blank_total: usize = w[6..].iter().map(|f| f.cells.len()).sum();
    assert_eq!(blank_total, gk().cells().len());
}

#[test]
fn a_blank_column_among_filled_ones_is_left_to_the_blank_warning() {
    let mut doc = full_doc();
    for row in RESULTS
        .iter()
        .chain(&["new", "carried", "total", "carry_over"])
    {
        clear(&mut doc, &format!("t3.{row}.commercial"));
    }
    let report = check(&doc);
    assert!(report.errors.is_empty());
    // No column finding for 商业企业; each row total says 商业企业 is blank.
    assert!(report
        .warnings
        .iter()
        .filter(|f| f.rule == "t3.balance" || f.rule == "t3.results")
        .all(|f| !f.message.contains("商业企业")));
    let rows: Vec<&Finding> = report
        .warnings
        .iter()
        .filter(|f| f.rule == "t3.applicants")
        .collect();
    assert_eq!(rows.len(), 25);
    assert!(rows
        .iter()
        .all(|f| f.message.ends_with("以下单元格未填写：“商业企业”。")));
}

fn previous(doc: &crate::document::Document) -> PreviousYear {
    let mut cells = std::collections::BTreeMap::new();
    for col in APPLICANTS.iter().chain(&["total"]) {
        let this_year = doc.cell(&cell(&format!("t3.carried.{col}"))).cloned();
        cells.insert(
            cell(&format!("t3.carry_over.{col}")),
            this_year.expect("filled"),
        );
    }
    cells.insert(cell("t2a.rules.valid"), CellValue::Int(0));
    cells.insert(cell("t2a.normative.valid"), CellValue::Int(4));
    PreviousYear {
        prose: Default::default(),
        year: 2024,
        template: "gk2021".into(),
        source: None,
        cells,
    }
}

#[test]
fn cross_year_rules_use_last_years_report() {
    let mut doc = full_doc();
    doc.previous = Some(previous(&doc));
    assert!(check(&doc).is_empty(), "{:#?}", check(&doc));

    let prev = doc.previous.as_mut().expect("set");
    prev.cells
        .insert(cell("t3.carry_over.natural"), CellValue::Int(2));
    prev.cells
        .insert(cell("t2a.normative.valid"), CellValue::Int(3));
    let report = check(&doc);
    assert_eq!(ids(&report.errors), ["t3.carried_from_last_year"]);
    assert_eq!(
        report.errors[0].message,
        "表三“自然人”列：二（1）与上年四（2）不相等，相差 1。请核对二、上年结转政府信息公开申请数量或上年报告。"
    );
    assert_eq!(report.errors[0].cells, cells(&["t3.carried.natural"]));
    assert_eq!(ids(&report.warnings), ["t2a.continuity"]);
    assert_eq!(
        report.warnings[0].message,
        "表二第二十条第（一）项“行政规范性文件”行：现行有效件数（5），而上年现行有效件数（3）+ 本年制发件数（2）− 本年废止件数（1）= 4，相差 1。请核对本年制发件数、本年废止件数或上年报告。"
    );
    assert_eq!(
        report.warnings[0].cells,
        cells(&[
            "t2a.normative.valid",
            "t2a.normative.issued",
            "t2a.normative.repealed"
        ])
    );
}

#[test]
fn cross_year_rule_with_last_years_cell_blank() {
    let mut doc = full_doc();
    let mut prev = previous(&doc);
    prev.cells.remove(&cell("t3.carry_over.research"));
    doc.previous = Some(prev);
    let report = check(&doc);
    assert!(report.errors.is_empty());
    assert_eq!(ids(&report.warnings), ["t3.carried_from_last_year"]);
    assert_eq!(
        report.warnings[0].message,
        "表三“科研机构”列：二 = 上年四，无法校验：以下单元格未填写：上年“四”。"
    );
    assert_eq!(report.warnings[0].cells, cells(&["t3.carried.research"]));
}

#[test]
fn cross_year_rules_skipped_without_last_years_values() {
    let mut doc = full_doc();
    set(&mut doc, "t2a.normative.valid", 50);
    set(&mut doc, "t3.carried.natural", 7);
    set(&mut doc, "t3.new.natural", -4);
    // No previous year: neither cross-year rule runs.
    let report = check(&doc);
    assert!(!ids(&report.errors).contains(&"t3.carried_from_last_year"));
    assert!(!ids(&report.warnings).contains(&"t2a.continuity"));
    // A previous year holding none of the rule's cells (another layout) is the same.
    doc.previous = Some(PreviousYear::default());
    assert_eq!(check(&doc), report);
}

#[test]
fn township_reporting_rules_gets_a_warning() {
    let mut doc = full_doc();
    set(&mut doc, "t2a.rules.valid", 6);
    let report = check(&doc);
    assert!(report.errors.is_empty());
    assert_eq!(
        report.warnings,
        [Finding {
            span: None,
            rule: "t2a.township_rules".into(),
            severity: Severity::Warning,
            cells: cells(&["t2a.rules.valid"]),
            message: "表二第二十条第（一）项：“规章”行现行有效件数为 6。乡镇、街道无权制定规章，请核对是否误将行政规范性文件填入“规章”行。".into(),
        }]
    );
    doc.meta.level = UnitLevel::Subdistrict;
    assert_eq!(check(&doc), report);
    doc.meta.level = UnitLevel::County;
    assert!(check(&doc).is_empty());
}

#[test]
fn sums_beyond_decimal_range_are_reported_not_panicked() {
    let mut doc = full_doc();
    for addr in ["t3.new.natural", "t3.carried.natural"] {
        doc.set_cell(cell(addr), Some(CellValue::Amount(Decimal::MAX)));
    }
    let report = check(&doc);
    assert_eq!(ids(&report.errors), ["invalid", "invalid"]);
    let overflow: Vec<&Finding> = report
        .warnings
        .iter()
        .filter(|f| f.message.contains("数值过大"))
        .collect();
    // 自然人 column, and the rows 一 and 二 (MAX plus the other applicants).
    let rules: Vec<&str> = overflow.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(rules, ["t3.balance", "t3.applicants", "t3.applicants"]);
    assert_eq!(
        overflow[0].message,
        "表三“自然人”列：一 + 二 = （七）总计 + 四，数值过大，无法校验。请核对各单元格的数值。"
    );
}

/// A small template exercising ≤, ≥, `each` and a text column.
fn mini() -> crate::template::Template {
    crate::template::parse_template(
        "mini.ron",
        r#"#![enable(implicit_some)]
        Template(id: "mini", name: "测试格式", source: "测试", first_year: 2000,
          parts: [Part(key: "p1", heading: "一、测试", tables: [
            Table(key: "t", name: "表一", unit: "件",
              columns: [Column(key: "a", label: "甲"), Column(key: "b", label: "乙"),
                        Column(key: "note", label: "备注", kind: Text)],
              rows: [Row(key: "all", label: "一、总数"), Row(key: "part", label: "其中：部分", short: "其中"),
                     Row(key: "more", label: "二、更多")]),
          ])],
          rules: [
            Rule(id: "le", severity: Error, check: Linear(table: "t", along: Columns, lhs: ["part"], op: Le, rhs: ["all"])),
            Rule(id: "ge", severity: Warning, check: Linear(table: "t", along: Columns, each: ["b"], lhs: ["more"], op: Ge, rhs: ["all"])),
          ])"#,
    )
    .expect("mini template parses")
}

#[test]
fn inequalities_each_and_text_columns() {
    let t = mini();
    let mut doc = empty_doc();
    for (addr, v) in [
        ("t.all.a", 3),
        ("t.part.a", 5),
        ("t.more.a", 0),
        ("t.all.b", 3),
        ("t.part.b", 1),
        ("t.more.b", 1),
    ] {
        set(&mut doc, addr, v);
    }
    doc.set_cell(cell("t.all.note"), Some(CellValue::Text("说明".into())));
    set(&mut doc, "t.part.note", 5);
    let report = validate(&doc, &t);
    assert_eq!(ids(&report.errors), ["invalid", "le"]);
    assert_eq!(
        report.errors[0].message,
        "表一“其中”行“备注”列应填写文字，却填写了数字 5。"
    );
    assert_eq!(
        report.errors[1].message,
        "表一“甲”列：其中（5）不应大于一、总数（3），超出 2。请核对一、总数。"
    );
    // `ge` runs on 乙 only (甲's 二 < 一 is not its business).
    assert_eq!(
        report
            .warnings
            .iter()
            .map(|f| f.message.as_str())
            .collect::<Vec<_>>(),
        ["表一“乙”列：二、更多（1）不应小于一、总数（3），相差 2。请核对一、总数。"]
    );
}

#[test]
fn blank_this_year_cell_against_a_known_last_year_value() {
    let mut doc = full_doc();
    doc.previous = Some(previous(&doc));
    clear(&mut doc, "t3.carried.natural");
    let report = check(&doc);
    assert!(report.errors.is_empty());
    let cross: Vec<&Finding> = report
        .warnings
        .iter()
        .filter(|f| f.rule == "t3.carried_from_last_year")
        .collect();
    assert_eq!(cross.len(), 1);
    assert_eq!(
        cross[0].message,
        "表三“自然人”列：二 = 上年四，无法校验：以下单元格未填写：“二”。"
    );
    assert_eq!(cross[0].cells, cells(&["t3.carried.natural"]));
}

#[test]
fn one_column_tables_need_no_column_name() {
    let t = crate::template::get("legacy-national").expect("legacy-national");
    let mut doc = crate::document::Document::new(&t.id, "某某镇", UnitLevel::Township, 2017);
    for (row, v) in [
        ("active_info", 390),
        ("ch_gazette", 1),
        ("ch_website", 200),
        ("ch_weibo", 0),
        ("ch_wechat", 122),
        ("ch_other", 0),
    ] {
        set(&mut doc, &format!("stat.{row}.value"), v);
    }
    let report = validate(&doc, t);
    let cover: Vec<&Finding> = report
        .warnings
        .iter()
        .filter(|f| f.rule == "stat.channels_cover")
        .collect();
    assert_eq!(
        cover[0].message,
        "统计表：1.政府公报公开政府信息数（1）+ 2.政府网站公开政府信息数（200）+ 3.政务微博公开政府信息数（0）+ 4.政务微信公开政府信息数（122）+ 5.其他方式公开政府信息数（0）= 323，不应小于主动公开政府信息数（390），相差 67。请核对（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）。"
    );
}
