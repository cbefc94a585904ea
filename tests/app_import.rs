//! 导入已发布的报告 in the editor's state: a published report becomes a new,
//! unsaved document with its import report; unsaved work is asked about
//! first; unreadable input leaves the current document as it was.
#![cfg(feature = "gui")]

use std::path::PathBuf;

use nianbao::app::state::{
    system_clock, Answer, Command, EditorState, Env, Pending, ScriptedDialogs,
};
use nianbao::document::{Address, CellRef, CellValue, Document, UnitLevel};
use nianbao::import::import_file;

fn published(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/published")
        .join(name)
}

fn cell(s: &str) -> CellRef {
    s.parse().expect("cell address")
}

fn state(dialogs: &ScriptedDialogs) -> EditorState {
    let template = nianbao::template::get("gk2021").expect("template");
    let doc = Document::new("gk2021", "某某镇", UnitLevel::Township, 2025);
    let env = Env {
        dirs: None,
        dialogs: Box::new(dialogs.clone()),
        clock: system_clock(),
    };
    EditorState::with_env(doc, template, env)
}

/// A small report in Markdown, as a clerk might paste it from a web page.
const PASTED: &str = "# 某某镇2024年政府信息公开工作年度报告\n\n\
## 一、总体情况\n\n2024年，我镇认真贯彻落实政府信息公开工作。\n\n\
## 二、主动公开政府信息情况\n\n\
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n\
| --- | ---: | ---: | ---: |\n\
| 行政规范性文件 | 2 | 1 | 7 |\n\
| 会议纪要 | 4 |  |  |\n";

#[test]
fn importing_a_seed_file_opens_a_new_unsaved_document_with_its_report() {
    let dialogs = ScriptedDialogs::new();
    let mut s = state(&dialogs);
    let path = published("seed002.txt");
    dialogs.push(Some(path.clone()));
    s.apply(Command::ImportFileDialog { template: None });

    assert_eq!(dialogs.asked(), vec!["导入已发布的报告".to_string()]);
    assert!(s.pending().is_none(), "{:?}", s.pending());
    let expected = import_file(&path).expect("seed imports");
    assert_eq!(s.doc.template, "gk2019");
    assert_eq!(s.template.id, "gk2019");
    assert_eq!(s.doc.meta.unit, "桦川县悦来镇");
    assert_eq!(s.doc.cells, expected.document.cells);
    assert_eq!(
        s.doc.cell(&cell("t2a.rules.published")),
        Some(&CellValue::Int(26))
    );
    assert!(s.dirty, "an import is not saved yet");
    assert!(s.path.is_none());
    assert!(s.window_title().starts_with("● "));

    let report = s.import_report().expect("report kept");
    assert_eq!(report.template, "gk2019");
    assert!(report.source.ends_with("seed002.txt"));
    assert!(!report.unplaced.is_empty());
    assert!(report
        .unplaced
        .iter()
        .any(|u| u.context.contains("本年新收") && u.reason.contains("7 列")));
    assert_eq!(report.matched.len(), expected.matched.len());
    assert_eq!(report.text, expected.report_text());
    // The validator ran on the imported document.
    assert_eq!(
        s.report,
        nianbao::validate::validate(&s.doc, s.template),
        "findings refreshed"
    );
}

#[test]
fn published_totals_are_kept_as_printed() {
    let dialogs = ScriptedDialogs::new();
    let mut s = state(&dialogs);
    s.apply(Command::ImportFile {
        path: published("seed000.txt"),
        template: None,
    });
    assert_eq!(s.doc.template, "legacy-provincial");
    // 390 although the channels add up to more: kept, the validator may flag it.
    assert_eq!(
        s.doc.cell(&cell("stat.active_info.value")),
        Some(&CellValue::Int(390))
    );
}

#[test]
fn saving_an_import_asks_where_with_the_default_name() {
    let dialogs = ScriptedDialogs::new();
    let mut s = state(&dialogs);
    s.apply(Command::ImportFile {
        path: published("seed000.txt"),
        template: None,
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("导入.ron");
    dialogs.push(Some(target.clone()));
    s.apply(Command::Save);
    let name = nianbao::export::default_file_name(&s.doc, "ron");
    assert_eq!(dialogs.asked(), vec![format!("另存为 {name}")]);
    assert_eq!(s.path.as_deref(), Some(target.as_path()));
    assert!(!s.dirty);
    assert!(target.exists());
}

#[test]
fn pasted_text_is_imported_with_the_chosen_template() {
    let dialogs = ScriptedDialogs::new();
    let mut s = state(&dialogs);
    s.apply(Command::ImportText {
        text: PASTED.to_string(),
        template: Some("gk2021".to_string()),
    });
    assert!(s.pending().is_none(), "{:?}", s.pending());
    assert_eq!(s.doc.template, "gk2021");
    assert_eq!(s.doc.meta.year, 2024);
    assert_eq!(
        s.doc.cell(&cell("t2a.normative.valid")),
        Some(&CellValue::Int(7))
    );
    assert!(s.dirty && s.path.is_none());
    let report = s.import_report().expect("report");
    assert!(report
        .notes
        .iter()
        .any(|n| matches!(n, nianbao::import::ImportNote::TemplateForced { .. })));
    assert!(report
        .unplaced
        .iter()
        .any(|u| u.context == "会议纪要" && u.reason.contains("对不上")));
    assert!(dialogs.asked().is_empty(), "pasting needs no file dialog");
}

#[test]
fn a_dirty_document_is_asked_about_first() {
    let dialogs = ScriptedDialogs::new();
    let mut s = state(&dialogs);
    s.apply(Command::SetField {
        address: Address::Cell(cell("t3.new.natural")),
        raw: "5".into(),
    });
    assert!(s.dirty);
    let import = Command::ImportText {
        text: PASTED.to_string(),
        template: None,
    };
    s.apply(import);
    assert!(matches!(s.pending(), Some(Pending::ConfirmDiscard { .. })));
    assert_eq!(s.doc.meta.unit, "某某镇", "nothing replaced yet");

    s.answer(Answer::Cancel);
    assert!(s.pending().is_none());
    assert_eq!(
        s.doc.cell(&cell("t3.new.natural")),
        Some(&CellValue::Int(5))
    );
    assert!(s.import_report().is_none());

    s.apply(Command::ImportText {
        text: PASTED.to_string(),
        template: None,
    });
    s.answer(Answer::DontSave);
    assert_eq!(s.doc.meta.year, 2024);
    assert_eq!(
        s.doc.cell(&cell("t2a.normative.valid")),
        Some(&CellValue::Int(7))
    );
    assert!(s.import_report().is_some());
}

#[test]
fn an_unreadable_file_shows_an_error_and_keeps_the_document() {
    let dialogs = ScriptedDialogs::new();
    let mut s = state(&dialogs);
    s.apply(Command::SetField {
        address: Address::Cell(cell("t3.new.natural")),
        raw: "5".into(),
    });
    let before = s.doc.clone();
    let dir = tempfile::tempdir().expect("temp dir");
    let gbk = dir.path().join("gbk.txt");
    // “年度报告” in GBK: not UTF-8.
    std::fs::write(
        &gbk,
        [0xC4u8, 0xEA, 0xB6, 0xC8, 0xB1, 0xA8, 0xB8, 0xE6].repeat(20),
    )
    .expect("write");
    let missing = dir.path().join("没有这个文件.html");
    for (path, words) in [(gbk, "UTF-8"), (missing, "无法读取文件")] {
        // The clerk already chose 不保存 for the current changes.
        s.apply(Command::ImportFile {
            path: path.clone(),
            template: None,
        });
        if matches!(s.pending(), Some(Pending::ConfirmDiscard { .. })) {
            s.answer(Answer::DontSave);
        }
        match s.pending() {
            Some(Pending::Error { title, message, .. }) => {
                assert_eq!(title, "无法导入");
                assert!(message.contains(words), "{message}");
                assert!(message.contains('('), "cause given: {message}");
            }
            other => panic!("expected an error, got {other:?}"),
        }
        s.answer(Answer::Ok);
        assert_eq!(s.doc, before, "document untouched");
        assert!(s.dirty, "still unsaved");
        assert!(s.import_report().is_none());
    }
}

#[test]
fn empty_paste_is_refused_and_the_report_can_be_dismissed() {
    let dialogs = ScriptedDialogs::new();
    let mut s = state(&dialogs);
    s.apply(Command::ImportText {
        text: "  \n ".into(),
        template: None,
    });
    assert!(matches!(s.pending(), Some(Pending::Error { .. })));
    s.answer(Answer::Ok);
    assert_eq!(s.doc.meta.unit, "某某镇");

    s.apply(Command::ImportText {
        text: PASTED.to_string(),
        template: None,
    });
    assert!(s.import_report().is_some());
    s.apply(Command::DismissImportReport);
    assert!(s.import_report().is_none());
    assert_eq!(s.doc.meta.year, 2024, "dismissing keeps the document");
}

#[test]
fn opening_another_document_drops_the_stale_report() {
    let dialogs = ScriptedDialogs::new();
    let mut s = state(&dialogs);
    s.apply(Command::ImportText {
        text: PASTED.to_string(),
        template: None,
    });
    assert!(s.import_report().is_some());
    s.apply(Command::New(s.new_report_defaults()));
    s.answer(Answer::DontSave);
    assert!(s.import_report().is_none());
}
