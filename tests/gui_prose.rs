//! The prose tools in the window (egui_kittest): 生成文字 inserts the
//! standard sentences at the caret as one undo step, a click on a prose
//! finding selects the phrase it quotes, and a warning can be marked 已核实
//! with a note and taken back.
#![cfg(feature = "gui")]

use eframe::egui::accesskit::Role;
use eframe::egui::{Key, TextEdit};
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use nianbao::app::state::{Command, ScriptedDialogs};
use nianbao::app::NianbaoApp;
use nianbao::document::{Address, Document};

use crate::window_harness::{state_with, window};

const P1: &str = "一、总体情况 正文";
const WRONG: &str = "全年新收政府信息公开申请15件。";

fn harness(edit: impl FnOnce(&mut Document)) -> Harness<'static, NianbaoApp> {
    let mut doc: Document =
        nianbao::document::file::parse(include_str!("fixtures/sample-gk2021.ron")).unwrap();
    edit(&mut doc);
    let state = state_with(doc, &ScriptedDialogs::new());
    window(NianbaoApp::new(state))
}

fn prose(h: &Harness<'_, NianbaoApp>, part: &str) -> String {
    h.state().state.doc.prose(part).to_string()
}

/// The selection of the field's TextEdit, in characters.
fn selection(h: &Harness<'_, NianbaoApp>, address: &Address) -> Option<(usize, usize)> {
    let id = nianbao::app::ui::field_id(address);
    let range = TextEdit::load_state(&h.ctx, id)?.cursor.char_range()?;
    let (a, b) = (range.primary.index.0, range.secondary.index.0);
    Some((a.min(b), a.max(b)))
}

fn has_focus(h: &Harness<'_, NianbaoApp>, address: &Address) -> bool {
    h.ctx
        .memory(|m| m.has_focus(nianbao::app::ui::field_id(address)))
}

#[test]
fn draft_button_inserts_the_sentences_as_one_undo_step() {
    let mut h = harness(|doc| {
        doc.prose.remove("p4");
    });
    assert_eq!(
        h.state().state.draft_parts(),
        ["p1", "p4", "p6"],
        "parts 一, 四 and 六 have the button"
    );
    h.get_by_role_and_label(Role::Button, "四、政府信息公开行政复议、行政诉讼情况")
        .click();
    h.run();
    h.get_by_label("四、政府信息公开行政复议、行政诉讼情况 生成文字")
        .click();
    h.run();
    let text = prose(&h, "p4");
    assert!(
        text.starts_with("本年度发生政府信息公开行政复议1件"),
        "{text}"
    );
    let p4 = Address::Prose("p4".into());
    assert!(
        has_focus(&h, &p4),
        "the caret is in the part after 生成文字"
    );
    let n = text.chars().count();
    assert_eq!(
        selection(&h, &p4),
        Some((n, n)),
        "the caret follows the inserted text"
    );
    h.state_mut().state.apply(Command::Undo);
    h.run();
    assert_eq!(prose(&h, "p4"), "", "one undo takes the whole draft back");
}

#[test]
fn draft_goes_where_the_caret_was() {
    let mut h = harness(|doc| {
        doc.prose.insert("p1".into(), "开头。结尾。".into());
    });
    let p1 = Address::Prose("p1".into());
    h.get_by_label(P1).click();
    h.run();
    h.key_press(Key::Home);
    h.run();
    for _ in 0..3 {
        h.key_press(Key::ArrowRight);
    }
    h.run();
    h.get_by_label("一、总体情况 生成文字").click();
    h.run();
    let text = prose(&h, "p1");
    assert!(
        text.starts_with("开头。\n本年度共新收政府信息公开申请12件"),
        "{text}"
    );
    assert!(text.ends_with("\n结尾。"), "{text}");
    assert!(has_focus(&h, &p1));
}

#[test]
fn a_prose_finding_selects_the_phrase_it_quotes() {
    let mut h = harness(|doc| {
        doc.prose.insert("p1".into(), WRONG.into());
    });
    let finding = h.state().state.report.warnings[0].clone();
    assert_eq!(finding.rule, "prose.figures");
    let span = finding.span.clone().expect("a quoted phrase");
    h.get_by_label_contains("新收政府信息公开申请15件").click();
    h.run();
    assert!(has_focus(&h, &span.address));
    assert_eq!(selection(&h, &span.address), Some((span.start, span.end)));
    let picked: String = WRONG
        .chars()
        .skip(span.start)
        .take(span.end - span.start)
        .collect();
    assert_eq!(picked, "新收政府信息公开申请15件");
}

#[test]
fn a_warning_is_marked_checked_with_a_note_and_taken_back() {
    let mut h = harness(|doc| {
        doc.prose.insert("p1".into(), WRONG.into());
    });
    let id = h.state().state.report.warnings[0].id();
    assert!(
        h.query_by_label("标记已核实…").is_none(),
        "only a chosen finding has it"
    );
    h.get_by_label_contains("新收政府信息公开申请15件").click();
    h.run();
    h.get_by_label("标记已核实…").click();
    h.run();
    assert!(
        h.query_by_label("标记为已核实").is_some(),
        "the dialog is open"
    );
    h.get_by_label("说明（为什么这样填写是对的）：")
        .type_text("含电话咨询3件");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let state = &h.state().state;
    assert_eq!(
        state.doc.reviewed.get(&id).map(String::as_str),
        Some("含电话咨询3件")
    );
    assert!(state.report.warnings.is_empty() && state.report.reviewed.len() == 1);
    assert!(state.dirty, "the mark is saved with the file");
    assert!(h.query_by_label_contains("已核实（1）").is_some());
    assert!(h.query_by_label_contains("说明：含电话咨询3件").is_some());
    h.get_by_label("取消核实").click();
    h.run();
    let state = &h.state().state;
    assert!(state.doc.reviewed.is_empty());
    assert_eq!(state.report.warnings.len(), 1);
}

#[test]
fn errors_cannot_be_marked_checked() {
    let mut h = harness(|doc| {
        doc.cells.insert(
            "t3.new.total".parse().unwrap(),
            nianbao::document::CellValue::Int(99),
        );
    });
    let error = h.state().state.report.errors[0].message.clone();
    h.get_by_label_contains(&error).click();
    h.run();
    assert!(
        h.query_by_label("标记已核实…").is_none(),
        "an error must be corrected, not marked"
    );
}
