//! The desktop moves a clerk makes, through the window (egui_kittest): the
//! in-window file chooser when no native dialog can be shown, Enter and
//! Escape in small dialogs, Ctrl+C / Ctrl+X of cells and blocks, copying a
//! finding, what a screen reader finds. `scripts/desktop-check.sh` and
//! `scripts/a11y-check.sh` repeat the main ones in a real X session; these
//! are the fast layer.
#![cfg(feature = "gui")]

use eframe::egui::accesskit::Role;
use eframe::egui::{self, Event, Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable};
use egui_kittest::Harness;

use nianbao::app::state::{Choice, ScriptedDialogs};
use nianbao::app::ui::{chooser, dialogs, problems};
use nianbao::app::NianbaoApp;
use nianbao::document::{CellRef, CellValue, Document, UnitLevel};

use crate::window_harness::{copied, state_with, window};

const NEW_NATURAL: &str = "表三 一、本年新收政府信息公开申请数量 自然人";
const NEW_COMMERCIAL: &str = "表三 一、本年新收政府信息公开申请数量 法人或其他组织 商业企业";

fn harness() -> (Harness<'static, NianbaoApp>, ScriptedDialogs) {
    let dialogs = ScriptedDialogs::new();
    let doc = Document::new("gk2021", "某某镇", UnitLevel::Township, 2025);
    let h = window(NianbaoApp::new(state_with(doc, &dialogs)));
    (h, dialogs)
}

fn press_with(h: &mut Harness<'_, NianbaoApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

fn cell(s: &str) -> CellRef {
    s.parse().unwrap()
}

fn has_focus(h: &Harness<'_, NianbaoApp>, id: egui::Id) -> bool {
    h.ctx.memory(|m| m.has_focus(id))
}

#[test]
fn ctrl_s_without_a_native_dialog_opens_the_chooser_with_the_name_focused() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, dialogs) = harness();
    dialogs.push_choice(Choice::Unavailable);
    press_with(&mut h, Modifiers::COMMAND, Key::S);
    assert!(h.query_by_label("保存").is_some(), "the chooser is shown");
    assert!(
        has_focus(&h, chooser::name_field_id()),
        "typing goes to the name"
    );
    let chooser = h.state().view.chooser.clone().unwrap();
    assert_eq!(chooser.name, "某某镇2025年政府信息公开工作年度报告.ron");

    let path = dir.path().join("年报");
    press_with(&mut h, Modifiers::COMMAND, Key::A);
    h.event(Event::Text(path.display().to_string()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let saved = dir.path().join("年报.ron");
    assert!(saved.is_file(), "a full path and Enter save");
    assert_eq!(h.state().state.path.as_deref(), Some(saved.as_path()));
    assert!(h.state().view.chooser.is_none());
    assert!(h.state().state.saved_text().starts_with("已保存"));
}

#[test]
fn escape_cancels_the_chooser() {
    let (mut h, dialogs) = harness();
    dialogs.push_choice(Choice::Unavailable);
    press_with(&mut h, Modifiers::COMMAND, Key::O);
    assert!(h.state().state.file_request().is_some());
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().state.file_request().is_none());
    assert!(h.query_by_label("打开").is_none());
}

#[test]
fn enter_creates_the_new_report_and_escape_cancels() {
    let (mut h, _) = harness();
    press_with(&mut h, Modifiers::COMMAND, Key::N);
    assert!(has_focus(&h, dialogs::unit_field_id()));
    press_with(&mut h, Modifiers::COMMAND, Key::A);
    h.event(Event::Text("新的镇".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().state.doc.meta.unit, "新的镇");
    assert!(h.query_by_label("创建").is_none());

    press_with(&mut h, Modifiers::COMMAND, Key::N);
    assert!(h.query_by_label("创建").is_some());
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("创建").is_none());
    assert_eq!(h.state().state.doc.meta.unit, "新的镇");
}

#[test]
fn the_missing_unit_message_goes_once_a_name_is_typed() {
    let (mut h, _) = harness();
    press_with(&mut h, Modifiers::COMMAND, Key::N);
    press_with(&mut h, Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(h.query_by_label_contains("请填写单位名称").is_some());
    h.event(Event::Text("某镇".into()));
    h.run();
    assert!(h.query_by_label_contains("请填写单位名称").is_none());
}

#[test]
fn ctrl_c_copies_the_focused_cell_and_shift_arrows_a_block() {
    let (mut h, _) = harness();
    h.state_mut()
        .state
        .apply(nianbao::app::state::Command::Paste {
            at: cell("t3.new.natural"),
            text: "7\t8\r\n9\t10\r\n".into(),
        });
    h.get_by_label(NEW_NATURAL).focus();
    h.run();
    h.event(Event::Copy);
    h.step();
    assert_eq!(copied(&h).as_deref(), Some("7"));
    h.run();

    press_with(&mut h, Modifiers::SHIFT, Key::ArrowRight);
    press_with(&mut h, Modifiers::SHIFT, Key::ArrowDown);
    assert_eq!(h.state().view.selected.len(), 4);
    h.event(Event::Copy);
    h.step();
    assert_eq!(copied(&h).as_deref(), Some("7\t8\r\n9\t10\r\n"));
    h.run();

    h.event(Event::Cut);
    h.run();
    let doc = &h.state().state.doc;
    assert_eq!(doc.cell(&cell("t3.carried.commercial")), None);
    assert_eq!(doc.cell(&cell("t3.new.natural")), None);
    press_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        h.state().state.doc.cell(&cell("t3.new.commercial")),
        Some(&CellValue::Int(8)),
        "the cut is one undo step"
    );
}

#[test]
fn a_plain_arrow_ends_the_block() {
    let (mut h, _) = harness();
    h.get_by_label(NEW_COMMERCIAL).focus();
    h.run();
    press_with(&mut h, Modifiers::SHIFT, Key::ArrowLeft);
    assert_eq!(h.state().view.selected.len(), 2);
    press_with(&mut h, Modifiers::NONE, Key::ArrowRight);
    assert!(h.state().view.selected.is_empty());
}

/// The findings index is built once per validation: frames that only draw
/// (hovering, idling) reuse it; an edit builds the next one.
#[test]
fn frames_without_an_edit_do_not_rebuild_the_findings_index() {
    let (mut h, _) = harness();
    h.run();
    let built = h.state().state.findings.generation;
    for _ in 0..5 {
        h.hover_at(egui::pos2(600.0, 300.0));
        h.run();
    }
    assert_eq!(h.state().state.findings.generation, built);
    h.state_mut()
        .state
        .apply(nianbao::app::state::Command::Paste {
            at: cell("t3.new.natural"),
            text: "3".into(),
        });
    h.run();
    assert!(h.state().state.findings.generation > built);
    assert_eq!(
        h.state().state.findings.total.warnings,
        h.state().state.report.warnings.len()
    );
}

/// A screen reader names the window by its title, each 表三 cell by the
/// template's official row and column, reads the findings as the list
/// 校验结果, moves to a cell below the fold and sees it scrolled into view,
/// and finds the menu
/// (issue 20.5; `scripts/a11y-check.sh` reads the same tree over AT-SPI).
#[test]
fn a_screen_reader_finds_cells_findings_and_menu_by_name() {
    let (mut h, _) = harness();
    let t3 = h.state().state.template.table("t3").unwrap();
    h.state_mut()
        .state
        .apply(nianbao::app::state::Command::Paste {
            at: cell("t3.new.natural"),
            text: "999".into(),
        });
    h.run();
    let window = h.root().accesskit_node().label();
    assert_eq!(window, Some(h.state().state.window_title()));
    // The names from the template's data, not from the grid's helper.
    for info in t3.cells() {
        let mut words = vec![t3.name.as_str()];
        words.extend(info.row_path.iter().chain(&info.col_path));
        h.get_by_role_and_label(Role::TextInput, &words.join(" "));
    }
    let natural = h.get_by_role_and_label(Role::TextInput, NEW_NATURAL);
    assert_eq!(natural.value().as_deref(), Some("999"));

    let list = h.get_by_role_and_label(Role::List, problems::LIST_NAME);
    let report = &h.state().state.report;
    let errors = report.errors.iter().map(|f| ("✖", f));
    let findings: Vec<_> = errors
        .chain(report.warnings.iter().map(|f| ("⚠", f)))
        .collect();
    assert!(!findings.is_empty());
    for (icon, finding) in findings {
        list.get_by_role_and_label(Role::Button, &format!("{icon} {}", finding.message));
    }

    // The screen reader moves to the last cell, far below the fold: the
    // form scrolls it into the window.
    let last = "表三 四、结转下年度继续办理 总计";
    assert!(h.get_by_label(last).rect().top() > 768.0);
    h.get_by_label(last).focus();
    h.run();
    let cell = h.get_by_label(last);
    assert!(cell.is_focused());
    assert!(cell.rect().bottom() <= 768.0, "{:?}", cell.rect());

    for menu in ["文件", "编辑", "视图", "帮助"] {
        h.get_by_role_and_label(Role::Button, menu);
    }
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("退出");
}
