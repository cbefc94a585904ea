//! 文件 › 导入已发布的报告 driven through the window (egui_kittest): paste a
//! small Markdown report, import it, read the import report, reopen it from
//! 视图. The accessibility check stays on: every input has a name.
#![cfg(feature = "gui")]

use eframe::egui::Event;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;

use nianbao::app::state::ScriptedDialogs;
use nianbao::app::NianbaoApp;
use nianbao::document::{CellRef, CellValue, Document, UnitLevel};

use crate::window_harness::{state_with, window};

const PASTED: &str = "# 某某镇2024年政府信息公开工作年度报告\n\n\
## 一、总体情况\n\n2024年，我镇认真贯彻落实政府信息公开工作。\n\n\
## 二、主动公开政府信息情况\n\n\
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n\
| --- | ---: | ---: | ---: |\n\
| 行政规范性文件 | 2 | 1 | 7 |\n\
| 会议纪要 | 4 |  |  |\n";

fn harness() -> Harness<'static, NianbaoApp> {
    let doc = Document::new("gk2021", "某某镇", UnitLevel::Township, 2025);
    window(NianbaoApp::new(state_with(doc, &ScriptedDialogs::new())))
}

fn click(h: &mut Harness<'_, NianbaoApp>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

#[test]
fn pasting_a_markdown_report_imports_it_and_shows_the_report() {
    let mut h = harness();
    click(&mut h, "文件");
    click(&mut h, "导入已发布的报告…");
    assert!(h.state().view.import.form.is_some(), "dialog open");
    h.get_by_label("模板").click();
    h.run();
    click(&mut h, "自动识别");

    h.get_by_label("或粘贴报告全文").focus();
    h.run();
    h.event(Event::Paste(PASTED.to_string()));
    h.run();
    click(&mut h, "导入");

    let app = h.state();
    assert!(app.view.import.form.is_none(), "dialog closed");
    assert_eq!(app.state.doc.meta.year, 2024);
    let cell: CellRef = "t2a.normative.valid".parse().expect("cell");
    assert_eq!(app.state.doc.cell(&cell), Some(&CellValue::Int(7)));
    assert!(app.state.dirty && app.state.path.is_none());

    // The report window lists what was not placed and why.
    h.get_by_label_contains("未能放置（1）");
    // One line per reason, with its count and values; opened, its items.
    assert!(h
        .query_all_by_label_contains("会议纪要：“4”")
        .next()
        .is_some());
    h.get_by_label_contains("（1 项）").click();
    h.run();
    h.get_by_label_contains("“4”（会议纪要）");
    h.get_by_label("✓ 已放置 3 个单元格");

    // Hidden with its ✕, reopened from 视图 › 导入报告.
    h.get_by_label("Close window").click();
    h.run();
    assert!(h.query_by_label_contains("未能放置（1）").is_none());
    click(&mut h, "视图");
    h.get_by_label_contains("导入报告").click();
    h.run();
    h.get_by_label_contains("未能放置（1）");

    // 关闭报告 drops it for good.
    click(&mut h, "关闭报告");
    assert!(h.state().state.import_report().is_none());
    click(&mut h, "视图");
    assert!(h.query_by_label_contains("导入报告").is_none());
}

#[test]
fn a_placed_item_in_the_report_focuses_its_cell() {
    let mut h = harness();
    click(&mut h, "文件");
    click(&mut h, "导入已发布的报告…");
    h.get_by_label("或粘贴报告全文").focus();
    h.run();
    h.event(Event::Paste(PASTED.to_string()));
    h.run();
    click(&mut h, "导入");
    h.get_by_label("✓ 已放置 3 个单元格").click();
    h.run();
    h.get_by_label_contains("现行有效件数 = 7").click();
    h.run();
    h.run();
    let focus = h.state().state.focus.clone().expect("focused");
    assert_eq!(focus.to_string(), "t2a.normative.valid");
}

#[test]
fn an_ambiguous_item_focuses_its_first_candidate_cell() {
    let text = "统计指标\t单位\t统计数\n（三）其他情形数\t件\t5\n";
    let template = nianbao::template::get("legacy-provincial").expect("template");
    let mut h = harness();
    click(&mut h, "文件");
    click(&mut h, "导入已发布的报告…");
    click(&mut h, "模板");
    click(&mut h, &template.name);
    h.get_by_label("或粘贴报告全文").focus();
    h.run();
    h.event(Event::Paste(text.to_string()));
    h.run();
    click(&mut h, "导入");
    assert_eq!(h.state().state.doc.template, "legacy-provincial");
    let report = h.state().state.import_report().expect("report").clone();
    let item = report
        .unplaced
        .iter()
        .find(|u| u.text == "5")
        .expect("reported");
    let first = item.candidates.first().expect("candidates").clone();
    h.get_by_label_contains(" 项）").click();
    h.run();
    h.get_by_label_contains("“5”（").click();
    h.run();
    h.run();
    let focus = h.state().state.focus.clone().expect("focused");
    assert_eq!(focus.to_string(), first.to_string());
}
