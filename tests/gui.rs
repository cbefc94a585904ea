//! The editor window driven through egui_kittest: the real `NianbaoApp` and
//! `EditorState`, keys and text as a clerk types them, file dialogs replaced
//! by a script. The accessibility check stays on: every input has a name.

use std::path::PathBuf;
use std::time::Duration;

use eframe::egui::accesskit::Role;
use eframe::egui::{self, Event, ImeEvent, Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable};
use egui_kittest::Harness;

use nianbao::app::state::{system_clock, Direction, EditorState, Env, ScriptedDialogs};
use nianbao::app::NianbaoApp;
use nianbao::document::{Address, CellRef, CellValue, Document, UnitLevel};

const NEW_NATURAL: &str = "表三 一、本年新收政府信息公开申请数量 自然人";
const NEW_COMMERCIAL: &str = "表三 一、本年新收政府信息公开申请数量 法人或其他组织 商业企业";
const CARRIED_NATURAL: &str = "表三 二、上年结转政府信息公开申请数量 自然人";

fn cell(s: &str) -> CellRef {
    s.parse().unwrap()
}

fn blank_state(dialogs: &ScriptedDialogs) -> EditorState {
    let doc = Document::new("gk2021", "某某镇", UnitLevel::Township, 2025);
    crate::window_harness::state_with(doc, dialogs)
}

fn harness(state: EditorState) -> Harness<'static, NianbaoApp> {
    crate::window_harness::window(NianbaoApp::new(state))
}

fn new_harness() -> (Harness<'static, NianbaoApp>, ScriptedDialogs) {
    let dialogs = ScriptedDialogs::new();
    (harness(blank_state(&dialogs)), dialogs)
}

/// Focus the field named `label` and let the window settle.
fn focus(h: &mut Harness<'_, NianbaoApp>, label: &str) {
    h.get_by_label(label).focus();
    h.run();
}

fn press(h: &mut Harness<'_, NianbaoApp>, key: Key) {
    h.key_press(key);
    h.run();
}

fn press_with(h: &mut Harness<'_, NianbaoApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

/// Focus a cell by its label, type, and leave it with `key`.
fn enter(h: &mut Harness<'_, NianbaoApp>, label: &str, text: &str, key: Key) {
    focus(h, label);
    h.event(Event::Text(text.to_string()));
    h.run();
    press(h, key);
}

fn value(h: &Harness<'_, NianbaoApp>, address: &str) -> Option<CellValue> {
    h.state().state.doc.cell(&cell(address)).cloned()
}

#[test]
fn typing_then_tab_commits_and_moves_right() {
    let (mut h, _) = new_harness();
    enter(&mut h, NEW_NATURAL, "5", Key::Tab);
    assert_eq!(value(&h, "t3.new.natural"), Some(CellValue::Int(5)));
    let app = h.state();
    assert_eq!(
        app.state.focus,
        Some(Address::Cell(cell("t3.new.commercial")))
    );
    assert!(h.get_by_label(NEW_COMMERCIAL).is_focused());
    assert!(app.state.dirty);
    assert!(app.state.window_title().starts_with('●'));
}

#[test]
fn enter_moves_down_and_shift_tab_moves_back() {
    let (mut h, _) = new_harness();
    enter(&mut h, NEW_NATURAL, "7", Key::Enter);
    assert_eq!(value(&h, "t3.new.natural"), Some(CellValue::Int(7)));
    assert!(h.get_by_label(CARRIED_NATURAL).is_focused());
    press_with(&mut h, Modifiers::SHIFT, Key::Enter);
    assert!(h.get_by_label(NEW_NATURAL).is_focused());
    press(&mut h, Key::Tab);
    press_with(&mut h, Modifiers::SHIFT, Key::Tab);
    assert!(h.get_by_label(NEW_NATURAL).is_focused());
}

#[test]
fn arrows_move_between_cells_until_the_clerk_types() {
    let (mut h, _) = new_harness();
    focus(&mut h, NEW_NATURAL);
    press(&mut h, Key::ArrowDown);
    assert!(h.get_by_label(CARRIED_NATURAL).is_focused());
    press(&mut h, Key::ArrowUp);
    press(&mut h, Key::ArrowRight);
    assert!(h.get_by_label(NEW_COMMERCIAL).is_focused());
    // Once typing, arrows move the caret inside the cell instead.
    h.event(Event::Text("12".into()));
    h.run();
    press(&mut h, Key::ArrowLeft);
    assert!(h.get_by_label(NEW_COMMERCIAL).is_focused());
}

#[test]
fn typing_over_a_focused_cell_replaces_its_value() {
    let (mut h, _) = new_harness();
    enter(&mut h, NEW_NATURAL, "5", Key::Tab);
    enter(&mut h, NEW_NATURAL, "8", Key::Enter);
    assert_eq!(value(&h, "t3.new.natural"), Some(CellValue::Int(8)));
}

#[test]
fn escape_restores_the_value_before_editing() {
    let (mut h, _) = new_harness();
    enter(&mut h, NEW_NATURAL, "5", Key::Tab);
    focus(&mut h, NEW_NATURAL);
    h.event(Event::Text("9".into()));
    h.run();
    press(&mut h, Key::Escape);
    assert_eq!(h.get_by_label(NEW_NATURAL).value().as_deref(), Some("5"));
    press(&mut h, Key::Tab);
    assert_eq!(value(&h, "t3.new.natural"), Some(CellValue::Int(5)));
    assert!(!h.state().state.can_redo());
}

#[test]
fn refused_input_keeps_the_old_value_and_says_why() {
    let (mut h, _) = new_harness();
    enter(&mut h, NEW_NATURAL, "5", Key::Tab);
    enter(&mut h, NEW_NATURAL, "abc", Key::Tab);
    assert_eq!(value(&h, "t3.new.natural"), Some(CellValue::Int(5)));
    let status = h.state().state.status.clone().expect("a status message");
    assert!(status.is_error);
    // The reason is on screen in the status bar.
    assert!(h.query_by_label_contains(&status.text).is_some());
}

#[test]
fn ctrl_z_undoes_the_last_typed_value_and_ctrl_y_redoes_it() {
    let (mut h, _) = new_harness();
    enter(&mut h, NEW_NATURAL, "5", Key::Tab);
    enter(&mut h, NEW_COMMERCIAL, "3", Key::Tab);
    press_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(value(&h, "t3.new.commercial"), None);
    assert_eq!(value(&h, "t3.new.natural"), Some(CellValue::Int(5)));
    press_with(&mut h, Modifiers::COMMAND, Key::Y);
    assert_eq!(value(&h, "t3.new.commercial"), Some(CellValue::Int(3)));
}

#[test]
fn block_paste_fills_the_grid_from_the_focused_cell() {
    let (mut h, _) = new_harness();
    focus(&mut h, NEW_NATURAL);
    h.event(Event::Paste("1\t2\n3\t4\n".into()));
    h.run();
    assert_eq!(value(&h, "t3.new.natural"), Some(CellValue::Int(1)));
    assert_eq!(value(&h, "t3.new.commercial"), Some(CellValue::Int(2)));
    assert_eq!(value(&h, "t3.carried.natural"), Some(CellValue::Int(3)));
    assert_eq!(value(&h, "t3.carried.commercial"), Some(CellValue::Int(4)));
}

#[test]
fn a_finding_appears_in_the_problems_panel_and_goes_after_the_fix() {
    let (mut h, _) = new_harness();
    let before = h.state().state.report.errors.len();
    // 一 + 二 = 5 in the 自然人 column, but （七）总计 + 四 = 3.
    enter(&mut h, NEW_NATURAL, "5", Key::Tab);
    enter(&mut h, CARRIED_NATURAL, "0", Key::Tab);
    enter(
        &mut h,
        "表三 三、本年度办理结果 （七）总计 自然人",
        "3",
        Key::Tab,
    );
    enter(&mut h, "表三 四、结转下年度继续办理 自然人", "0", Key::Tab);
    let report = h.state().state.report.clone();
    let new_errors: Vec<_> = report
        .errors
        .iter()
        .filter(|f| f.cells.contains(&cell("t3.new.natural")))
        .collect();
    assert!(
        !new_errors.is_empty() && report.errors.len() > before,
        "the imbalance is an error: {report:?}"
    );
    let message = new_errors[0].message.clone();
    let shown = h.get_by_label_contains(&message);
    // Clicking the finding focuses its first cell.
    shown.click();
    h.run();
    let first = new_errors[0].cells[0].clone();
    assert_eq!(h.state().state.focus, Some(Address::Cell(first)));

    enter(
        &mut h,
        "表三 三、本年度办理结果 （七）总计 自然人",
        "5",
        Key::Tab,
    );
    let still = h
        .state()
        .state
        .report
        .errors
        .iter()
        .any(|f| f.message == message);
    assert!(!still);
    assert!(h.query_by_label_contains(&message).is_none());
}

#[test]
fn ime_preedit_then_commit_types_chinese_into_prose() {
    let (mut h, _) = new_harness();
    focus(&mut h, "一、总体情况 正文");
    h.event(Event::Ime(ImeEvent::Preedit {
        text: "san".into(),
        active_range_chars: Some(0..3),
    }));
    h.run();
    // Keys belong to the input method while it composes.
    press(&mut h, Key::Enter);
    assert_eq!(h.state().state.doc.prose("p1"), "");
    // Some platforms deliver the confirming Enter in the commit's frame too
    // (egui #7876): it must not add a newline.
    h.input_mut()
        .events
        .push(Event::Ime(ImeEvent::Commit("三".into())));
    h.input_mut().events.push(Event::Key {
        key: Key::Enter,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::NONE,
    });
    h.input_mut().events.push(Event::Text("\n".into()));
    h.run();
    assert_eq!(h.state().state.doc.prose("p1"), "三");
    // After the composition, Enter is a newline again.
    press(&mut h, Key::Enter);
    assert_eq!(h.state().state.doc.prose("p1"), "三\n");
    assert!(h.get_by_label("一、总体情况 正文").is_focused());
}

#[test]
fn enter_during_ime_composition_does_not_leave_the_cell() {
    let (mut h, _) = new_harness();
    focus(&mut h, NEW_NATURAL);
    h.event(Event::Ime(ImeEvent::Preedit {
        text: "5".into(),
        active_range_chars: None,
    }));
    h.run();
    press(&mut h, Key::Enter);
    assert!(h.get_by_label(NEW_NATURAL).is_focused());
    h.event(Event::Ime(ImeEvent::Commit("5".into())));
    h.run();
    press(&mut h, Key::Enter);
    assert_eq!(value(&h, "t3.new.natural"), Some(CellValue::Int(5)));
    assert!(h.get_by_label(CARRIED_NATURAL).is_focused());
}

#[test]
fn typing_the_unit_name_updates_the_title() {
    let (mut h, _) = new_harness();
    focus(&mut h, "单位名称");
    h.event(Event::Text("人民政府".into()));
    h.run();
    let app = h.state();
    assert_eq!(app.state.doc.meta.unit, "某某镇人民政府");
    assert!(app
        .view
        .title
        .contains("某某镇人民政府2025年政府信息公开工作年度报告"));
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn save_as_and_open_go_through_the_dialog_seam() {
    let dir = temp_dir();
    let path: PathBuf = dir.path().join("某某镇2025.ron");
    let (mut h, dialogs) = new_harness();
    enter(&mut h, NEW_NATURAL, "42", Key::Tab);
    dialogs.push(Some(path.clone()));
    press_with(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    assert!(path.exists(), "saved: {:?}", dialogs.asked());
    assert!(!h.state().state.dirty);
    assert_eq!(h.state().state.path.as_deref(), Some(path.as_path()));

    // A second window opens it with Ctrl+O.
    let (mut other, dialogs2) = new_harness();
    dialogs2.push(Some(path.clone()));
    press_with(&mut other, Modifiers::COMMAND, Key::O);
    assert_eq!(value(&other, "t3.new.natural"), Some(CellValue::Int(42)));
    assert_eq!(other.state().state.path.as_deref(), Some(path.as_path()));
    assert_eq!(dialogs2.asked().len(), 1);
}

#[test]
fn ctrl_s_saves_the_value_still_being_typed() {
    let dir = temp_dir();
    let path = dir.path().join("r.ron");
    let (mut h, dialogs) = new_harness();
    dialogs.push(Some(path.clone()));
    press_with(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    focus(&mut h, NEW_NATURAL);
    h.event(Event::Text("6".into()));
    h.run();
    press_with(&mut h, Modifiers::COMMAND, Key::S);
    assert_eq!(value(&h, "t3.new.natural"), Some(CellValue::Int(6)));
    assert!(!h.state().state.dirty);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("t3.new.natural"), "{text}");
}

#[test]
fn unsaved_changes_ask_before_a_new_report_and_cancel_keeps_them() {
    let (mut h, _) = new_harness();
    enter(&mut h, NEW_NATURAL, "5", Key::Tab);
    press_with(&mut h, Modifiers::COMMAND, Key::N);
    h.get_by_label("创建").click();
    h.run();
    assert!(h.state().state.pending().is_some());
    h.get_by_label("取消").click();
    h.run();
    assert!(h.state().state.pending().is_none());
    assert_eq!(value(&h, "t3.new.natural"), Some(CellValue::Int(5)));

    press_with(&mut h, Modifiers::COMMAND, Key::N);
    h.get_by_label("创建").click();
    h.run();
    h.get_by_label("不保存").click();
    h.run();
    assert_eq!(value(&h, "t3.new.natural"), None);
    assert!(!h.state().state.dirty);
}

#[test]
fn idle_window_does_not_repaint() {
    let (mut h, _) = new_harness();
    h.run();
    let delay = h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
    assert!(delay >= Duration::from_secs(60), "{delay:?}");
    // With unsaved changes, only the 30 s autosave tick.
    enter(&mut h, NEW_NATURAL, "5", Key::Tab);
    h.run();
    let delay = h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
    assert!(delay >= Duration::from_secs(29), "{delay:?}");
}

#[test]
fn moving_focus_keeps_state_and_window_in_step() {
    let (mut h, _) = new_harness();
    focus(&mut h, NEW_NATURAL);
    h.state_mut()
        .state
        .apply(nianbao::app::state::Command::Move(Direction::Down));
    h.run();
    assert!(h.get_by_label(CARRIED_NATURAL).is_focused());
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let (mut h, _) = new_harness();
    enter(&mut h, NEW_NATURAL, "5", Key::Tab);
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("退出").click();
    h.run();
    assert!(h.state().state.pending().is_some());
    assert!(h.query_by_label("保存").is_some());
    h.get_by_label("取消").click();
    h.run();
    assert!(h.state().state.pending().is_none());
    assert!(!h.state().state.close_approved());
    assert_eq!(value(&h, "t3.new.natural"), Some(CellValue::Int(5)));
}

#[test]
fn zoom_theme_and_problems_panel_follow_the_view_menu() {
    let (mut h, _) = new_harness();
    press_with(&mut h, Modifiers::COMMAND, Key::Equals);
    assert!((h.ctx.zoom_factor() - 1.1).abs() < 1e-4);
    press_with(&mut h, Modifiers::COMMAND, Key::Minus);
    assert!((h.ctx.zoom_factor() - 1.0).abs() < 1e-4);

    h.get_by_label("视图").click();
    h.run();
    h.get_by_label_contains("问题面板").click();
    h.run();
    assert!(!h.state().state.settings.show_problems);

    h.get_by_label("视图").click();
    h.run();
    h.get_by_label("深色主题").click();
    h.run();
    assert!(h.state().state.settings.dark);
    assert_eq!(h.ctx.theme(), egui::Theme::Dark);
}

#[test]
fn outline_click_selects_the_part() {
    let (mut h, _) = new_harness();
    h.get_by_role_and_label(Role::Button, "四、政府信息公开行政复议、行政诉讼情况")
        .click();
    h.run();
    assert_eq!(h.state().state.settings.current_part, "p4");
    // With nothing focused, Tab starts in that part's grid.
    h.state_mut()
        .state
        .apply(nianbao::app::state::Command::Move(Direction::Next));
    h.run();
    assert!(h.get_by_label("表四 行政复议 结果维持").is_focused());
}

#[test]
fn a_blank_total_shows_its_computed_value_as_a_hint() {
    let (mut h, _) = new_harness();
    enter(&mut h, "表四 行政复议 结果维持", "2", Key::Tab);
    enter(&mut h, "表四 行政复议 结果纠正", "1", Key::Tab);
    enter(&mut h, "表四 行政复议 其他结果", "0", Key::Tab);
    enter(&mut h, "表四 行政复议 尚未审结", "0", Key::Tab);
    let computed = h
        .state()
        .state
        .computed
        .get(&cell("t4.cases.review_total"))
        .cloned();
    let Some(computed) = computed else {
        panic!("the state computes the blank total")
    };
    let node = h.get_by_label("表四 行政复议 总计");
    let placeholder = node
        .accesskit_node()
        .data()
        .placeholder()
        .map(str::to_string);
    assert_eq!(placeholder, Some(computed.to_string()));
    // Blank stays blank in the document: the grey value is only shown.
    assert_eq!(value(&h, "t4.cases.review_total"), None);
}

#[test]
fn clicking_a_cell_then_typing_replaces_it() {
    let (mut h, _) = new_harness();
    enter(&mut h, NEW_NATURAL, "9", Key::Tab);
    h.get_by_label(NEW_NATURAL).click();
    h.run();
    assert!(h.get_by_label(NEW_NATURAL).is_focused());
    h.event(Event::Text("7".into()));
    h.run();
    press(&mut h, Key::Enter);
    assert_eq!(value(&h, "t3.new.natural"), Some(CellValue::Int(7)));
}

#[test]
fn no_statistics_switch_hides_the_tables_and_their_warnings() {
    let dialogs = ScriptedDialogs::new();
    let template = nianbao::template::get("legacy-national").unwrap();
    let doc = Document::new("legacy-national", "某某镇", UnitLevel::Township, 2015);
    let env = Env {
        dirs: None,
        dialogs: Box::new(dialogs.clone()),
        clock: system_clock(),
    };
    let mut h = harness(EditorState::with_env(doc, template, env));
    h.run();
    let table_warning = |h: &Harness<'_, NianbaoApp>| {
        let report = &h.state().state.report;
        report
            .warnings
            .iter()
            .find(|f| !f.cells.is_empty())
            .cloned()
    };
    let blank = table_warning(&h).expect("an empty legacy report warns about its tables");
    assert!(h.query_all_by_label_contains(&blank.message).count() > 0);
    assert!(h.query_by_label_contains("统计表不填写、不校验").is_none());

    h.get_by_label("本报告无统计表").click();
    h.run();
    assert!(h.state().state.doc.no_statistics);
    assert!(table_warning(&h).is_none());
    assert_eq!(h.query_all_by_label_contains(&blank.message).count(), 0);
    assert!(h.query_by_label_contains("统计表不填写、不校验").is_some());

    press_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(!h.state().state.doc.no_statistics);
    assert!(table_warning(&h).is_some());
}

#[test]
fn start_offer_asks_what_the_clerk_came_to_do() {
    let (mut h, dialogs) = new_harness();
    h.state_mut().offer_start();
    h.run();
    for choice in [
        "从上年报告新建…",
        "导入已发布的报告…",
        "新建空白报告…",
        "打开年报文件…",
        "稍后再说",
    ] {
        assert!(
            h.query_by_label(choice).is_some(),
            "missing choice {choice}"
        );
    }
    h.get_by_label("新建空白报告…").click();
    h.run();
    assert!(
        h.query_by_label("从上年报告新建…").is_none(),
        "the offer closes"
    );
    assert!(h.query_by_label("创建").is_some(), "the 新建 dialog opens");

    h.get_by_label("取消").click();
    h.run();
    h.state_mut().offer_start();
    h.run();
    dialogs.push(None);
    h.get_by_label("从上年报告新建…").click();
    h.run();
    assert_eq!(dialogs.asked().len(), 1, "last year's file is asked for");
    assert!(h.query_by_label("稍后再说").is_none());
}
