//! What the real desktop needs from the state: the in-window chooser when no
//! native dialog can be shown, block copy and cut, Enter back to the column a
//! Tab run started in, and an honest "not saved" for a new report.

use nianbao::app::state::{Choice, ChooserMode, Command, Direction, FileKind, Purpose};
use nianbao::document::{Address, CellValue};

use super::{addr, cell, fixture};

#[test]
fn save_without_a_native_dialog_asks_in_the_window_and_saves() {
    let mut f = fixture();
    f.dialogs.push_choice(Choice::Unavailable);
    f.state.apply(Command::Save);
    let request = f.state.file_request().expect("the window must ask").clone();
    assert_eq!(request.mode, ChooserMode::Save);
    assert_eq!(request.purpose, Purpose::SaveAs);
    assert_eq!(
        request.default_name,
        "某某镇2025年政府信息公开工作年度报告.ron"
    );
    let path = f.dir.path().join("报告.ron");
    f.state.apply(Command::ChooseFile(path.clone()));
    assert!(f.state.file_request().is_none());
    assert!(path.is_file());
    assert_eq!(f.state.path.as_deref(), Some(path.as_path()));
}

#[test]
fn an_open_asked_in_the_window_does_not_ask_about_unsaved_changes_twice() {
    let mut f = fixture();
    let other = f.dir.path().join("other.ron");
    f.state.apply(Command::SaveAs(other.clone()));
    f.state.apply(Command::SetField {
        address: addr("meta.unit"),
        raw: "另一个镇".into(),
    });
    f.dialogs.push_choice(Choice::Unavailable);
    f.state.apply(Command::OpenDialog);
    assert!(
        f.state.pending().is_some(),
        "unsaved changes are asked about first"
    );
    f.state.answer(nianbao::app::state::Answer::DontSave);
    assert_eq!(
        f.state.file_request().map(|r| r.mode),
        Some(ChooserMode::Open)
    );
    f.state.apply(Command::ChooseFile(other.clone()));
    assert!(f.state.pending().is_none());
    assert_eq!(f.state.doc.meta.unit, "某某镇");
}

#[test]
fn cancelling_the_window_chooser_changes_nothing() {
    let mut f = fixture();
    f.dialogs.push_choice(Choice::Unavailable);
    f.state.apply(Command::ExportDialog(FileKind::Markdown));
    assert_eq!(
        f.state.file_request().map(|r| r.purpose.clone()),
        Some(Purpose::Export(FileKind::Markdown))
    );
    f.state.apply(Command::CancelChooser);
    assert!(f.state.file_request().is_none());
    assert!(f.state.status.is_none());
}

#[test]
fn a_block_copies_as_tab_separated_rows_and_cuts_in_one_step() {
    let mut f = fixture();
    f.state.apply(Command::Paste {
        at: cell("t3.new.natural"),
        text: "1\t2\r\n3\t\r\n".into(),
    });
    let text = f
        .state
        .block_text(&cell("t3.carried.commercial"), &cell("t3.new.natural"));
    assert_eq!(text, "1\t2\r\n3\t\r\n");
    assert_eq!(
        f.state
            .block_text(&cell("t3.new.natural"), &cell("t3.new.natural")),
        "1"
    );
    f.state.apply(Command::CutBlock {
        anchor: cell("t3.new.natural"),
        focus: cell("t3.new.commercial"),
    });
    assert_eq!(f.state.doc.cell(&cell("t3.new.natural")), None);
    assert_eq!(f.state.doc.cell(&cell("t3.new.commercial")), None);
    f.state.apply(Command::Undo);
    assert_eq!(
        f.state.doc.cell(&cell("t3.new.commercial")),
        Some(&CellValue::Int(2))
    );
}

#[test]
fn enter_after_tabs_goes_below_where_the_tab_run_started() {
    let mut f = fixture();
    f.state
        .apply(Command::Focus(Address::Cell(cell("t3.new.natural"))));
    f.state.apply(Command::TabMove(Direction::Next));
    f.state.apply(Command::TabMove(Direction::Next));
    assert_eq!(f.state.focus, Some(addr("t3.new.research")));
    f.state.apply(Command::EnterMove(Direction::Down));
    assert_eq!(f.state.focus, Some(addr("t3.carried.natural")));
    // Without a Tab run, Enter goes straight down.
    f.state.apply(Command::Move(Direction::Next));
    f.state.apply(Command::EnterMove(Direction::Down));
    assert_eq!(f.state.focus, Some(addr("t3.open.commercial")));
}

#[test]
fn a_report_never_saved_does_not_say_saved() {
    let f = fixture();
    assert_eq!(f.state.saved_text(), "尚未保存为文件");
}
