//! Files, dialogs, unsaved-changes questions, autosave and recovery.

use std::path::{Path, PathBuf};
use std::time::Duration;

use nianbao::app::state::{
    Answer, AppDirs, Choice, Command, EditorState, Env, FileDialogs, FileKind, Pending, Recovery,
    ScriptedDialogs, Settings,
};
use nianbao::document::{CellValue, Document, UnitLevel};

use super::{cell, doc, fixture, set, value, Fixture};

#[test]
fn open_and_save_through_the_dialogs() {
    let mut f = fixture();
    set(&mut f.state, "t3.new.natural", "3");
    let target = f.dir.path().join("2025.ron");
    f.dialogs.push(Some(target.clone()));
    f.state.apply(Command::Save);
    assert!(f.dialogs.asked()[0].starts_with("另存为 某某镇2025年政府信息公开工作年度报告.ron"));
    assert!(target.is_file());
    assert!(!f.state.dirty);
    assert_eq!(f.state.path.as_deref(), Some(target.as_path()));
    assert!(f.state.saved_text().starts_with("已保存 "));

    // A second save goes to the same file without asking.
    set(&mut f.state, "t3.new.natural", "4");
    f.state.apply(Command::Save);
    assert_eq!(f.dialogs.asked().len(), 1);

    // Open it in a fresh editor through the dialog.
    let mut g = fixture();
    g.dialogs.push(Some(target.clone()));
    g.state.apply(Command::OpenDialog);
    assert_eq!(value(&g.state, "t3.new.natural"), Some(CellValue::Int(4)));
    assert!(!g.state.dirty);
    assert!(g.state.recent_files()[0].ends_with("2025.ron"));
    // Recent files persist.
    let settings = Settings::load(&AppDirs::under(g.dir.path()));
    assert!(settings.recent[0].ends_with("2025.ron"));

    // A cancelled dialog changes nothing.
    g.state.apply(Command::OpenDialog);
    assert_eq!(value(&g.state, "t3.new.natural"), Some(CellValue::Int(4)));
}

#[test]
fn save_error_keeps_the_document_dirty_and_offers_save_as() {
    let mut f = fixture();
    set(&mut f.state, "t3.new.natural", "3");
    let blocker = f.dir.path().join("not-a-dir");
    std::fs::write(&blocker, "x").expect("write");
    f.state.apply(Command::SaveAs(blocker.join("2025.ron")));
    assert!(f.state.dirty);
    assert_eq!(value(&f.state, "t3.new.natural"), Some(CellValue::Int(3)));
    match f.state.pending() {
        Some(Pending::Error {
            message,
            offer_save_as,
            ..
        }) => {
            assert!(offer_save_as);
            assert!(message.contains("无法保存到"), "{message}");
            assert!(message.contains("修改没有丢失"), "{message}");
            assert!(message.contains('('), "cause missing: {message}");
        }
        other => panic!("expected an error, got {other:?}"),
    }
    // 另存为 from the error dialog.
    let good = f.dir.path().join("ok.ron");
    f.dialogs.push(Some(good.clone()));
    f.state.answer(Answer::SaveAs);
    assert!(f.state.pending().is_none());
    assert!(!f.state.dirty);
    assert!(good.is_file());
}

#[test]
fn unreadable_file_shows_an_error_and_keeps_the_document() {
    let mut f = fixture();
    set(&mut f.state, "t3.new.natural", "3");
    let bad = f.dir.path().join("bad.ron");
    std::fs::write(&bad, "这不是年报").expect("write");
    f.state.apply(Command::Open(bad.clone()));
    // Dirty: asked first.
    assert!(matches!(
        f.state.pending(),
        Some(Pending::ConfirmDiscard { .. })
    ));
    f.state.answer(Answer::DontSave);
    assert!(matches!(f.state.pending(), Some(Pending::Error { .. })));
    assert_eq!(value(&f.state, "t3.new.natural"), Some(CellValue::Int(3)));
    assert!(f.state.dirty);
}

fn save_file(dir: &Path, name: &str, d: &Document) -> PathBuf {
    let path = dir.join(name);
    let text = ron::ser::to_string_pretty(d, ron::ser::PrettyConfig::default()).expect("ron");
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn confirm_discard_flow() {
    let mut f = fixture();
    let mut other = doc();
    other.meta.unit = "另一个镇".into();
    let other_path = save_file(f.dir.path(), "other.ron", &other);

    set(&mut f.state, "t3.new.natural", "3");
    // 取消: nothing happens.
    f.state.apply(Command::Open(other_path.clone()));
    assert!(matches!(
        f.state.pending(),
        Some(Pending::ConfirmDiscard { .. })
    ));
    f.state.answer(Answer::Cancel);
    assert!(f.state.pending().is_none());
    assert_eq!(f.state.doc.meta.unit, "某某镇");

    // 保存 with a dialog, then the file opens.
    let saved = f.dir.path().join("mine.ron");
    f.state.apply(Command::Open(other_path.clone()));
    f.dialogs.push(Some(saved.clone()));
    f.state.answer(Answer::Save);
    assert!(saved.is_file());
    assert_eq!(f.state.doc.meta.unit, "另一个镇");

    // 保存 when the document already has a path: saved there, then opened.
    set(&mut f.state, "t3.new.natural", "1");
    f.state.apply(Command::Open(saved.clone()));
    f.state.answer(Answer::Save);
    // The document has a path now, so it saved directly and went on.
    assert_eq!(f.state.doc.meta.unit, "某某镇");

    // Closing the window.
    set(&mut f.state, "t3.new.natural", "2");
    assert!(!f.state.request_close());
    f.state.answer(Answer::Cancel);
    assert!(!f.state.close_approved());
    assert!(!f.state.request_close());
    f.state.answer(Answer::DontSave);
    assert!(f.state.close_approved());
    assert!(f.state.request_close());
}

#[test]
fn new_while_dirty_asks_and_save_cancelled_stays() {
    let mut f = fixture();
    set(&mut f.state, "t3.new.natural", "3");
    let spec = nianbao::app::state::NewReportSpec {
        template: "gk2021".into(),
        year: 2026,
        unit: "新镇".into(),
        level: UnitLevel::Township,
    };
    f.state.apply(Command::New(spec.clone()));
    f.dialogs.push(None); // the clerk cancels 另存为
    f.state.answer(Answer::Save);
    assert_eq!(f.state.doc.meta.unit, "某某镇");
    assert!(f.state.dirty);
    f.state.apply(Command::New(spec));
    f.state.answer(Answer::DontSave);
    assert_eq!(f.state.doc.meta.unit, "新镇");
    assert_eq!(f.state.doc.meta.year, 2026);
    assert!(!f.state.dirty);
    assert!(!f.state.can_undo());
}

fn recovery_dir(f: &Fixture) -> PathBuf {
    AppDirs::under(f.dir.path()).recovery_dir()
}

#[test]
fn autosave_writes_a_copy_and_save_removes_it() {
    let mut f = fixture();
    let now = f.clock.now();
    assert!(!f.state.needs_autosave(now + Duration::from_secs(60)));
    set(&mut f.state, "t3.new.natural", "3");
    assert!(!f.state.needs_autosave(now + Duration::from_secs(10)));
    f.clock.advance(Duration::from_secs(31));
    let later = f.clock.now();
    assert!(f.state.needs_autosave(later));
    f.state.tick(later);
    assert_eq!(f.state.last_autosave, Some(later));
    assert_eq!(f.state.autosave_text().as_deref(), Some("自动保存 10:30"));
    assert!(!f.state.needs_autosave(later + Duration::from_secs(60)));
    let copies = Recovery::find(&recovery_dir(&f));
    assert_eq!(copies.len(), 1);
    assert_eq!(copies[0].info.original, None);
    assert_eq!(
        copies[0]
            .load()
            .expect("copy")
            .cell(&cell("t3.new.natural")),
        Some(&CellValue::Int(3))
    );

    f.state.apply(Command::SaveAs(f.dir.path().join("r.ron")));
    assert!(Recovery::find(&recovery_dir(&f)).is_empty());
}

#[test]
fn recovery_is_found_after_a_crash_and_restored() {
    let f = fixture();
    let dir = f.dir;
    let path = dir.path().join("mine.ron");
    {
        let mut state = f.state;
        state.apply(Command::SaveAs(path.clone()));
        set(&mut state, "t3.new.natural", "8");
        set(&mut state, "prose.p1", "草稿");
        f.clock.advance(Duration::from_secs(40));
        state.tick(f.clock.now());
        // Dropped without saving: the power went out.
    }
    let dialogs = ScriptedDialogs::new();
    let env = Env {
        dirs: Some(AppDirs::under(dir.path())),
        dialogs: Box::new(dialogs),
        clock: f.clock.clock(),
    };
    let mut state = EditorState::start(None, env);
    let offer = state.recovery_offer().expect("offered");
    assert_eq!(offer.info.original.as_deref(), Some(path.as_path()));
    assert!(state
        .pending()
        .expect("pending")
        .answers()
        .contains(&Answer::Restore));
    state.answer(Answer::Restore);
    assert!(state.pending().is_none());
    assert_eq!(value(&state, "t3.new.natural"), Some(CellValue::Int(8)));
    assert_eq!(state.doc.prose("p1"), "草稿");
    assert_eq!(state.path.as_deref(), Some(path.as_path()));
    assert!(state.dirty);
    state.apply(Command::Save);
    assert!(Recovery::find(&AppDirs::under(dir.path()).recovery_dir()).is_empty());
}

#[test]
fn discarding_recovery_removes_it() {
    let f = fixture();
    let dir = f.dir;
    {
        let mut state = f.state;
        set(&mut state, "t3.new.natural", "8");
        state.autosave_now(f.clock.now());
    }
    let env = || Env {
        dirs: Some(AppDirs::under(dir.path())),
        dialogs: Box::new(ScriptedDialogs::new()),
        clock: f.clock.clock(),
    };
    let mut state = EditorState::start(None, env());
    assert!(state.recovery_offer().is_some());
    state.answer(Answer::Discard);
    assert!(state.pending().is_none());
    assert_eq!(value(&state, "t3.new.natural"), None);
    let again = EditorState::start(None, env());
    assert!(again.pending().is_none());
}

#[test]
fn closing_without_saving_removes_the_recovery_copy() {
    let mut f = fixture();
    set(&mut f.state, "t3.new.natural", "8");
    f.state.autosave_now(f.clock.now());
    assert_eq!(Recovery::find(&recovery_dir(&f)).len(), 1);
    assert!(!f.state.request_close());
    f.state.answer(Answer::DontSave);
    assert!(f.state.close_approved());
    assert!(Recovery::find(&recovery_dir(&f)).is_empty());
}

#[test]
fn last_year_beside_this_year() {
    let mut f = fixture();
    assert_eq!(f.state.previous_value(&cell("t3.new.natural")), None);
    let mut last = Document::new("gk2021", "某某镇", UnitLevel::Township, 2024);
    last.set_cell(cell("t3.new.natural"), Some(CellValue::Int(12)));
    last.set_cell(cell("t3.new.commercial"), Some(CellValue::Int(5)));
    let last_path = save_file(f.dir.path(), "2024.ron", &last);
    f.state.apply(Command::LinkLastYear(last_path));
    assert!(f.state.pending().is_none(), "{:?}", f.state.pending());
    set(&mut f.state, "t3.new.natural", "15");
    set(&mut f.state, "t3.new.commercial", "2");
    set(&mut f.state, "t3.carried.natural", "4");
    assert_eq!(
        f.state.previous_value(&cell("t3.new.natural")).as_deref(),
        Some("12")
    );
    assert_eq!(
        f.state
            .change_from_previous(&cell("t3.new.natural"))
            .as_deref(),
        Some("上年 12，增加 3")
    );
    assert_eq!(
        f.state
            .change_from_previous(&cell("t3.new.commercial"))
            .as_deref(),
        Some("上年 5，减少 3")
    );
    assert_eq!(
        f.state
            .change_from_previous(&cell("t3.carried.natural"))
            .as_deref(),
        Some("上年未填写")
    );
}

#[test]
fn new_from_last_year_through_the_dialog() {
    let mut f = fixture();
    let mut last = Document::new("gk2021", "某某镇", UnitLevel::Township, 2024);
    last.prose.insert("p1".into(), "去年的总体情况".into());
    let last_path = save_file(f.dir.path(), "2024.ron", &last);
    f.dialogs.push(Some(last_path));
    f.state.apply(Command::NewFromLastYearDialog);
    assert_eq!(f.state.doc.meta.year, 2025);
    assert_eq!(f.state.doc.meta.unit, "某某镇");
    assert!(f.state.doc.previous.is_some());
    assert!(f.state.dirty);
    assert_eq!(f.state.path, None);
}

#[test]
fn exports_through_the_dialog_use_the_default_name() {
    let mut f = fixture();
    let out = f.dir.path().join("out.md");
    f.dialogs.push(Some(out.clone()));
    f.state.apply(Command::ExportDialog(FileKind::Markdown));
    assert!(f.dialogs.asked()[0].contains("某某镇2025年政府信息公开工作年度报告.md"));
    assert!(out.is_file());
    assert!(f.state.pending().is_none());
}

/// 导出网页 and 导出 Word write what `nianbao export --to html|docx` writes,
/// under the official name with their own extension.
#[test]
fn web_page_and_word_exports_from_the_menu() {
    let mut f = fixture();
    for (kind, ext) in [(FileKind::Html, "html"), (FileKind::Word, "docx")] {
        let out = f.dir.path().join(format!("out.{ext}"));
        f.dialogs.push(Some(out.clone()));
        f.state.apply(Command::ExportDialog(kind));
        let asked = f.dialogs.asked();
        assert!(
            asked.last().unwrap().contains(&format!("年度报告.{ext}")),
            "{asked:?}"
        );
        let bytes = std::fs::read(&out).unwrap();
        let want = match kind {
            FileKind::Html => nianbao::export::to_html(&f.state.doc, f.state.template).into_bytes(),
            _ => nianbao::export::to_docx(&f.state.doc, f.state.template).unwrap(),
        };
        assert_eq!(bytes, want, "{ext}");
    }
    assert!(f.state.pending().is_none());
}

#[test]
fn deadline_notice_in_january() {
    let f = fixture();
    assert_eq!(
        f.state.deadline_notice().as_deref(),
        Some("距 1 月 31 日公开截止还有 11 天")
    );
}

#[test]
fn deadline_follows_the_unit_level_and_the_county_filing_date() {
    let mut f = fixture();
    // 2026-01-20: a county government's own report is due on 31 March.
    f.state.doc.meta.level = UnitLevel::County;
    f.state.doc.meta.unit = "青山县人民政府".into();
    assert_eq!(
        f.state.deadline_notice().as_deref(),
        Some("距 3 月 31 日公开截止还有 70 天")
    );
    // A township whose county collects reports for 备案 by 25 January.
    f.state.doc.meta.level = UnitLevel::Township;
    f.state.settings.filing_by = nianbao::deadline::MonthDay::new(1, 25);
    assert_eq!(
        f.state.deadline_notice().as_deref(),
        Some("距 1 月 25 日报送备案截止还有 5 天")
    );
}

#[test]
fn scripted_dialogs_are_a_file_dialogs() {
    let mut d = ScriptedDialogs::new();
    d.push(Some(PathBuf::from("/x.ron")));
    let dialogs: &mut dyn FileDialogs = &mut d;
    assert_eq!(
        dialogs.open("打开", None, nianbao::app::state::FileKind::Report),
        Choice::Chosen(PathBuf::from("/x.ron"))
    );
    assert_eq!(
        dialogs.open("打开", None, nianbao::app::state::FileKind::Report),
        Choice::Cancelled
    );
}

#[test]
fn undoing_back_to_the_saved_state_is_clean() {
    let mut f = fixture();
    set(&mut f.state, "prose.p1", "甲");
    f.state.apply(Command::SaveAs(f.dir.path().join("a.ron")));
    assert!(!f.state.dirty);
    // A commit right after saving does not merge into the saved step.
    set(&mut f.state, "prose.p1", "甲乙");
    assert!(f.state.dirty);
    assert_eq!(f.state.history().undo_len(), 2);
    f.state.apply(Command::Undo);
    assert_eq!(f.state.doc.prose("p1"), "甲");
    assert!(!f.state.dirty);
    assert_eq!(f.state.saved_text().len(), "已保存 10:30".len());
    f.state.apply(Command::Undo);
    assert!(f.state.dirty);
    f.state.apply(Command::Redo);
    assert!(!f.state.dirty);
    f.state.apply(Command::Redo);
    assert!(f.state.dirty);
    assert_eq!(f.state.doc.prose("p1"), "甲乙");
}

#[test]
fn view_options_are_remembered() {
    let mut f = fixture();
    f.state.apply(Command::ZoomIn);
    f.state.apply(Command::ToggleDark);
    f.state.apply(Command::ToggleProblems);
    let s = Settings::load(&AppDirs::under(f.dir.path()));
    assert_eq!(s.zoom, 1.1);
    assert!(s.dark);
    assert!(!s.show_problems);
    let spec = f.state.new_report_defaults();
    assert_eq!(spec.year, 2025);
    assert_eq!(spec.template, "gk2021");
    assert_eq!(spec.unit, "某某镇");
}

#[test]
fn a_crash_copy_survives_opening_a_file_at_start_up() {
    let f = fixture();
    let dir = f.dir;
    let other = save_file(dir.path(), "other.ron", &doc());
    {
        let mut state = f.state;
        set(&mut state, "t3.new.natural", "8");
        state.autosave_now(f.clock.now());
    }
    let env = Env {
        dirs: Some(AppDirs::under(dir.path())),
        dialogs: Box::new(ScriptedDialogs::new()),
        clock: f.clock.clock(),
    };
    let mut state = EditorState::start(Some(other), env);
    assert!(state.recovery_offer().is_some());
    state.answer(Answer::Restore);
    assert_eq!(value(&state, "t3.new.natural"), Some(CellValue::Int(8)));
    assert_eq!(state.path, None);
}

#[test]
fn undoing_to_clean_then_closing_leaves_no_stale_copy() {
    let mut f = fixture();
    f.state.apply(Command::SaveAs(f.dir.path().join("a.ron")));
    set(&mut f.state, "t3.new.natural", "8");
    let due = f.state.autosave_due_at().expect("due");
    assert_eq!(due, f.clock.now() + Duration::from_secs(30));
    f.state.tick(due);
    assert_eq!(Recovery::find(&recovery_dir(&f)).len(), 1);
    assert_eq!(f.state.autosave_due_at(), None);
    f.state.apply(Command::Undo);
    assert!(!f.state.dirty);
    assert!(f.state.request_close());
    assert!(Recovery::find(&recovery_dir(&f)).is_empty());
}

#[test]
fn a_save_never_overwrites_what_another_editor_saved() {
    let mut first = fixture();
    set(&mut first.state, "t3.new.natural", "3");
    let target = first.dir.path().join("shared.ron");
    first.state.apply(Command::SaveAs(target.clone()));
    assert!(!first.state.dirty);

    // A second window opens the same file, changes a cell and saves.
    let mut second = fixture();
    second.state.apply(Command::Open(target.clone()));
    set(&mut second.state, "t3.new.research", "5");
    second.state.apply(Command::Save);
    assert!(!second.state.dirty);

    // The first window, changed too, saves: refused, 另存为 offered.
    set(&mut first.state, "t3.new.natural", "4");
    first.state.apply(Command::Save);
    let pending = first.state.pending().expect("a question");
    assert_eq!(pending.title(), "文件已在别处修改");
    assert!(pending.answers().contains(&Answer::SaveAs));
    assert!(first.state.dirty, "the first window's change is kept");
    let mut third = fixture();
    third.state.apply(Command::Open(target));
    assert_eq!(
        value(&third.state, "t3.new.research"),
        Some(CellValue::Int(5)),
        "the second window's saved value survives"
    );
}
