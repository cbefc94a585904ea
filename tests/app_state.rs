//! The editor's state and commands, driven without a window.
#![cfg(feature = "gui")]

#[path = "app_state/desktop.rs"]
mod desktop;
#[path = "app_state/files.rs"]
mod files;
#[path = "app_state/outline.rs"]
mod outline;

use std::time::{Duration, SystemTime};

use nianbao::app::state::{
    AppDirs, Change, Command, Direction, EditorState, Env, FieldValue, History, ManualClock,
    ScriptedDialogs, HISTORY_LIMIT,
};
use nianbao::document::{Address, CellRef, CellValue, Document, MetaField, UnitLevel};

fn cell(s: &str) -> CellRef {
    s.parse().expect("cell address")
}

fn addr(s: &str) -> Address {
    s.parse().expect("address")
}

fn doc() -> Document {
    Document::new("gk2021", "某某镇", UnitLevel::Township, 2025)
}

/// 2026-01-20 10:30 in China.
fn start_time() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_768_876_200)
}

struct Fixture {
    state: EditorState,
    dialogs: ScriptedDialogs,
    clock: ManualClock,
    dir: tempfile::TempDir,
}

fn fixture() -> Fixture {
    fixture_for(doc(), "gk2021")
}

fn fixture_for(doc: Document, template: &str) -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let dialogs = ScriptedDialogs::new();
    let clock = ManualClock::new(start_time());
    let env = Env {
        dirs: Some(AppDirs::under(dir.path())),
        dialogs: Box::new(dialogs.clone()),
        clock: clock.clock(),
    };
    let template = nianbao::template::get(template).expect("template");
    Fixture {
        state: EditorState::with_env(doc, template, env),
        dialogs,
        clock,
        dir,
    }
}

fn set(state: &mut EditorState, address: &str, raw: &str) {
    state.apply(Command::SetField {
        address: addr(address),
        raw: raw.to_string(),
    });
}

fn value(state: &EditorState, c: &str) -> Option<CellValue> {
    state.doc.cell(&cell(c)).cloned()
}

#[test]
fn typing_a_value_sets_the_cell_and_marks_dirty() {
    let mut f = fixture();
    assert!(!f.state.dirty);
    set(&mut f.state, "t3.new.natural", "１２件");
    assert_eq!(value(&f.state, "t3.new.natural"), Some(CellValue::Int(12)));
    assert!(f.state.dirty);
    assert!(f.state.window_title().starts_with("● 某某镇2025年"));
    assert_eq!(f.state.history().undo_len(), 1);
    // The same value again is not a new step.
    set(&mut f.state, "t3.new.natural", "12");
    assert_eq!(f.state.history().undo_len(), 1);
}

#[test]
fn refused_value_keeps_the_old_one_with_the_reason() {
    let mut f = fixture();
    set(&mut f.state, "t3.new.natural", "5");
    set(&mut f.state, "t3.new.natural", "-3");
    assert_eq!(value(&f.state, "t3.new.natural"), Some(CellValue::Int(5)));
    let status = f.state.status.clone().expect("status");
    assert!(status.is_error);
    assert_eq!(status.text, "此处应填写非负整数（件），已保留原值 5。");
    assert_eq!(f.state.history().undo_len(), 1);
}

#[test]
fn undo_and_redo_cells_prose_and_metadata() {
    let mut f = fixture();
    set(&mut f.state, "t3.new.natural", "3");
    set(&mut f.state, "t3.new.natural", "4");
    set(&mut f.state, "meta.unit", "某某街道");
    f.clock.advance(Duration::from_secs(5));
    set(&mut f.state, "prose.p1", "本年度");
    f.clock.advance(Duration::from_millis(300));
    set(&mut f.state, "prose.p1", "本年度，我镇");
    f.clock.advance(Duration::from_millis(300));
    set(&mut f.state, "prose.p1", "本年度，我镇认真贯彻");
    // Three prose commits within a second are one step.
    assert_eq!(f.state.history().undo_len(), 4);

    f.state.apply(Command::Undo);
    assert_eq!(f.state.doc.prose("p1"), "");
    f.state.apply(Command::Undo);
    assert_eq!(f.state.doc.meta.unit, "某某镇");
    f.state.apply(Command::Undo);
    assert_eq!(value(&f.state, "t3.new.natural"), Some(CellValue::Int(3)));
    f.state.apply(Command::Undo);
    assert_eq!(value(&f.state, "t3.new.natural"), None);
    assert!(!f.state.can_undo());

    f.state.apply(Command::Redo);
    f.state.apply(Command::Redo);
    assert_eq!(value(&f.state, "t3.new.natural"), Some(CellValue::Int(4)));
    f.state.apply(Command::Redo);
    assert_eq!(f.state.doc.meta.unit, "某某街道");
    // A new edit clears redo.
    set(&mut f.state, "t3.carried.natural", "1");
    assert!(!f.state.can_redo());
    assert_eq!(f.state.doc.prose("p1"), "");
}

#[test]
fn prose_commits_far_apart_are_separate_steps() {
    let mut f = fixture();
    set(&mut f.state, "prose.p5", "一");
    f.clock.advance(Duration::from_secs(2));
    set(&mut f.state, "prose.p5", "一二");
    assert_eq!(f.state.history().undo_len(), 2);
    f.state.apply(Command::Undo);
    assert_eq!(f.state.doc.prose("p5"), "一");
}

#[test]
fn paste_block_fills_grid_and_reports_refusals() {
    let mut f = fixture();
    set(&mut f.state, "t3.new.research", "9");
    let text = "1\t2\tabc\r\n3\t-1\t4\r\n";
    f.state.apply(Command::Paste {
        at: cell("t3.new.natural"),
        text: text.to_string(),
    });
    assert_eq!(value(&f.state, "t3.new.natural"), Some(CellValue::Int(1)));
    assert_eq!(
        value(&f.state, "t3.new.commercial"),
        Some(CellValue::Int(2))
    );
    assert_eq!(value(&f.state, "t3.new.research"), Some(CellValue::Int(9)));
    assert_eq!(
        value(&f.state, "t3.carried.natural"),
        Some(CellValue::Int(3))
    );
    assert_eq!(value(&f.state, "t3.carried.commercial"), None);
    assert_eq!(
        value(&f.state, "t3.carried.research"),
        Some(CellValue::Int(4))
    );
    let status = f.state.status.clone().expect("status");
    assert!(status.is_error);
    assert!(
        status.text.starts_with("已粘贴 4 个单元格，2 个未接受："),
        "{}",
        status.text
    );
    assert!(status.text.contains("“abc”"), "{}", status.text);
    // The whole paste is one undo step.
    assert_eq!(f.state.history().undo_len(), 2);
    f.state.apply(Command::Undo);
    assert_eq!(value(&f.state, "t3.new.natural"), None);
    assert_eq!(value(&f.state, "t3.carried.research"), None);
    assert_eq!(value(&f.state, "t3.new.research"), Some(CellValue::Int(9)));
}

#[test]
fn paste_skips_group_rows_and_counts_cells_outside_the_table() {
    let mut f = fixture();
    // From the last column of 二: the second value falls outside.
    f.state.apply(Command::Paste {
        at: cell("t3.carried.total"),
        text: "1\t2\n3\n".to_string(),
    });
    assert_eq!(value(&f.state, "t3.carried.total"), Some(CellValue::Int(1)));
    // The next non-group row after 二 is （一）予以公开.
    assert_eq!(value(&f.state, "t3.open.total"), Some(CellValue::Int(3)));
    let status = f.state.status.clone().expect("status");
    assert!(status.text.contains("1 个超出表格范围"), "{}", status.text);
}

#[test]
fn keyboard_navigation() {
    let mut f = fixture();
    f.state.apply(Command::Focus(addr("t3.new.total")));
    assert_eq!(f.state.settings.current_part, "p3");
    // Tab at the row's end wraps to the next row.
    f.state.apply(Command::Move(Direction::Next));
    assert_eq!(f.state.focus, Some(addr("t3.carried.natural")));
    f.state.apply(Command::Move(Direction::Prev));
    assert_eq!(f.state.focus, Some(addr("t3.new.total")));
    // Enter moves down the column, over the group rows 三 and （三）.
    f.state.apply(Command::Focus(addr("t3.carried.commercial")));
    f.state.apply(Command::Move(Direction::Down));
    assert_eq!(f.state.focus, Some(addr("t3.open.commercial")));
    f.state.apply(Command::Focus(addr("t3.partial.natural")));
    f.state.apply(Command::Move(Direction::Down));
    assert_eq!(f.state.focus, Some(addr("t3.deny_secret.natural")));
    f.state.apply(Command::Move(Direction::Up));
    f.state.apply(Command::Move(Direction::Up));
    assert_eq!(f.state.focus, Some(addr("t3.open.natural")));
    // At the end of table 3, Tab and Enter continue in table 4.
    f.state.apply(Command::Focus(addr("t3.carry_over.total")));
    f.state.apply(Command::Move(Direction::Next));
    assert_eq!(f.state.focus, Some(addr("t4.cases.review_upheld")));
    assert_eq!(f.state.settings.current_part, "p4");
    f.state.apply(Command::Focus(addr("t3.carry_over.natural")));
    f.state.apply(Command::Move(Direction::Down));
    assert_eq!(f.state.focus, Some(addr("t4.cases.review_upheld")));
}

#[test]
fn cell_order_follows_the_template() {
    let f = fixture();
    let order = f.state.cell_order();
    let expected: Vec<CellRef> = f
        .state
        .template
        .cells()
        .into_iter()
        .map(|c| c.cell)
        .collect();
    assert_eq!(order, expected);
    assert!(!order.iter().any(|c| c.row == "results" || c.row == "deny"));
}

#[test]
fn fill_blanks_is_one_undo_step() {
    let mut f = fixture();
    set(&mut f.state, "t3.new.natural", "7");
    f.state.apply(Command::FillBlanksWithZero);
    let template = f.state.template;
    for info in template.cells() {
        if info.kind.is_numeric() {
            assert!(
                f.state.doc.cell(&info.cell).is_some(),
                "{} blank",
                info.cell
            );
        }
    }
    assert_eq!(value(&f.state, "t3.new.natural"), Some(CellValue::Int(7)));
    assert_eq!(f.state.history().undo_len(), 2);
    f.state.apply(Command::Undo);
    assert_eq!(f.state.doc.cells.len(), 1);
    assert_eq!(value(&f.state, "t3.new.natural"), Some(CellValue::Int(7)));
}

#[test]
fn fill_totals_takes_every_computed_total_in_one_step() {
    let mut f = fixture();
    f.state.apply(Command::Paste {
        at: cell("t3.new.natural"),
        text: "2\t1\t0\t0\t0\t0".to_string(),
    });
    let computed = f.state.computed.clone();
    // The blank 总计 of row 一 is shown computed (grey), not filled.
    assert_eq!(
        computed.get(&cell("t3.new.total")),
        Some(&CellValue::Int(3))
    );
    assert_eq!(
        f.state.cell_display(&cell("t3.new.total")),
        ("3".to_string(), true)
    );
    assert_eq!(value(&f.state, "t3.new.total"), None);
    let before = f.state.doc.cells.clone();
    let steps = f.state.history().undo_len();
    f.state.apply(Command::FillTotals);
    for (c, v) in &computed {
        assert_eq!(f.state.doc.cell(c), Some(v), "{c}");
    }
    if computed.is_empty() {
        // Nothing computable: no step, nothing changed.
        assert_eq!(f.state.history().undo_len(), steps);
        assert_eq!(f.state.doc.cells, before);
    } else {
        assert_eq!(f.state.history().undo_len(), steps + 1);
        assert_eq!(
            f.state.cell_display(&cell("t3.new.total")),
            ("3".to_string(), false)
        );
        f.state.apply(Command::Undo);
        assert_eq!(f.state.doc.cells, before);
    }
}

#[test]
fn history_is_bounded() {
    // 10 000 steps straight into the history …
    let mut h = History::default();
    let t = start_time();
    for i in 0..10_000u32 {
        let change = Change {
            address: addr("t3.new.natural"),
            old: FieldValue::Cell(Some(CellValue::Int(i64::from(i)))),
            new: FieldValue::Cell(Some(CellValue::Int(i64::from(i) + 1))),
        };
        h.record(vec![change], t, false);
    }
    assert_eq!(h.undo_len(), HISTORY_LIMIT);
    // … and more edits than the bound through the editor (each one validated).
    let mut f = fixture();
    for i in 0..(HISTORY_LIMIT as u32 + 100) {
        set(&mut f.state, "t3.new.natural", &(i + 1).to_string());
    }
    assert_eq!(f.state.history().undo_len(), HISTORY_LIMIT);
    // The oldest steps went: undoing everything leaves the 100th value.
    while f.state.can_undo() {
        f.state.apply(Command::Undo);
    }
    assert_eq!(value(&f.state, "t3.new.natural"), Some(CellValue::Int(100)));
}

#[test]
fn metadata_edits_and_refusals() {
    let mut f = fixture();
    set(&mut f.state, "meta.year", "2024");
    assert_eq!(f.state.doc.meta.year, 2024);
    set(&mut f.state, "meta.year", "明年");
    assert_eq!(f.state.doc.meta.year, 2024);
    assert!(f
        .state
        .status
        .as_ref()
        .expect("status")
        .text
        .ends_with("已保留原值 2024。"));
    set(&mut f.state, "meta.level", "街道");
    assert_eq!(f.state.doc.meta.level, UnitLevel::Subdistrict);
    f.state.apply(Command::Undo);
    assert_eq!(f.state.doc.meta.level, UnitLevel::Township);
    assert_eq!(f.state.focus, Some(Address::Meta(MetaField::Level)));
}

#[test]
fn part_counts_cover_every_part() {
    let f = fixture();
    let counts = f.state.part_counts();
    assert_eq!(counts[0].0, "cover");
    assert_eq!(counts.len(), f.state.template.parts.len() + 1);
    let errors: usize = counts.iter().map(|c| c.1).sum();
    let warnings: usize = counts.iter().map(|c| c.2).sum();
    assert_eq!(errors, f.state.report.errors.len());
    assert_eq!(warnings, f.state.report.warnings.len());
}

#[test]
fn cell_labels_use_the_official_words() {
    let f = fixture();
    assert_eq!(
        f.state.cell_label(&cell("t3.new.commercial")),
        "表三 一、本年新收政府信息公开申请数量 · 法人或其他组织 / 商业企业"
    );
    assert_eq!(
        f.state.cell_label(&cell("t4.cases.direct_upheld")),
        "表四 行政诉讼 / 未经复议直接起诉 / 结果维持"
    );
}

#[test]
fn findings_follow_every_edit() {
    let mut f = fixture();
    let balance = |s: &EditorState| {
        s.report
            .errors
            .iter()
            .any(|e| e.rule == "t3.balance" && e.cells.contains(&cell("t3.new.natural")))
    };
    set(&mut f.state, "t3.new.natural", "3");
    set(&mut f.state, "t3.carried.natural", "1");
    set(&mut f.state, "t3.total.natural", "2");
    set(&mut f.state, "t3.carry_over.natural", "1");
    assert!(balance(&f.state), "{:#?}", f.state.report.errors);
    assert_eq!(
        f.state.cell_severity(&cell("t3.new.natural")),
        Some(nianbao::template::Severity::Error)
    );
    let p3 = f
        .state
        .part_counts()
        .into_iter()
        .find(|c| c.0 == "p3")
        .expect("p3");
    assert!(p3.1 >= 1);
    set(&mut f.state, "t3.carry_over.natural", "2");
    assert!(!balance(&f.state));
    f.state.apply(Command::Undo);
    assert!(balance(&f.state));
}

#[test]
fn committing_the_shown_text_is_no_edit() {
    let mut f = fixture();
    let shown = f.state.field_text(&addr("meta.title"));
    assert_eq!(shown, "某某镇2025年政府信息公开工作年度报告");
    set(&mut f.state, "meta.title", &shown);
    assert_eq!(f.state.doc.meta.title, None);
    assert!(!f.state.dirty);
    assert!(!f.state.can_undo());
    // The default title still follows the unit.
    set(&mut f.state, "meta.unit", "某某街道");
    assert_eq!(
        f.state.field_text(&addr("meta.title")),
        "某某街道2025年政府信息公开工作年度报告"
    );
}

#[test]
fn generate_opening_fills_the_cover_paragraph_as_one_undo_step() {
    let mut f = fixture();
    assert!(f.state.offers_standard_opening());
    set(&mut f.state, "meta.unit", "青山镇人民政府");
    let before = f.state.history().undo_len();
    f.state.apply(Command::InsertOpening);
    let opening = f.state.doc.meta.opening.clone();
    assert!(
        opening.contains("统计期限自2025年1月1日起至2025年12月31日止"),
        "{opening}"
    );
    assert!(opening.contains("请与青山镇人民政府联系"));
    assert!(f.state.report.all().all(|x| x.rule != "prose.opening"));
    assert_eq!(f.state.history().undo_len(), before + 1);
    f.state.apply(Command::Undo);
    assert_eq!(f.state.doc.meta.opening, "");
    assert!(f.state.report.all().any(|x| x.rule == "prose.opening"));
}

#[test]
fn the_part_s_character_count_follows_typing_and_the_county_cap() {
    let mut f = fixture();
    set(&mut f.state, "prose.p1", "本年度，我镇\n认真贯彻《条例》。");
    assert_eq!(
        f.state.part_length_text("p1"),
        ("已写 15 字".to_string(), false)
    );
    f.state.settings.part_limits.insert("p1".into(), 20);
    assert_eq!(
        f.state.part_length_text("p1"),
        ("已写 15 字（上限 20 字）".to_string(), false)
    );
    f.state.settings.part_limits.insert("p1".into(), 12);
    assert_eq!(
        f.state.part_length_text("p1"),
        ("已写 15 字，超过上限 12 字（多 3 字）".to_string(), true)
    );
}
