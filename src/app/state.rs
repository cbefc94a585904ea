//! Editor state (编辑器状态): everything the window shows, and every command a
//! clerk can give, without any drawing. The UI reads this and sends
//! [`Command`]s; tests drive it directly.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::document::{Address, CellRef, CellValue, Document, UnitLevel};
use crate::template::Template;
use crate::validate::Report;

/// A direction for keyboard movement in a table grid (Tab, Enter, arrows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Tab / →
    Next,
    /// Shift+Tab / ←
    Prev,
    /// Enter / ↓
    Down,
    /// Shift+Enter / ↑
    Up,
}

/// What the 新建 dialog collects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReportSpec {
    pub template: String,
    pub year: u16,
    pub unit: String,
    pub level: UnitLevel,
}

/// A command from the menu, a shortcut or the form. Every state change goes
/// through [`EditorState::apply`] so it is undoable, validated and testable.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Commit text typed into a field (cell, prose or metadata); parsed by the
    /// core's input rules. A refused value keeps the old one and sets the status.
    SetField {
        address: Address,
        raw: String,
    },
    /// Paste a tab/newline separated block (from Excel/WPS) starting at a cell.
    Paste {
        at: CellRef,
        text: String,
    },
    Undo,
    Redo,
    /// 空白单元格填 0
    FillBlanksWithZero,
    /// 填入可计算的合计
    FillTotals,
    /// Move focus to a field (problems panel click, outline click, mouse).
    Focus(Address),
    /// Keyboard movement from the focused cell.
    Move(Direction),
    New(NewReportSpec),
    /// 从上年报告新建
    NewFromLastYear(PathBuf),
    Open(PathBuf),
    Save,
    SaveAs(PathBuf),
    ExportText(PathBuf),
    ExportMarkdown(PathBuf),
    /// Link last year's file for the cross-year checks and the comparison hover.
    LinkLastYear(PathBuf),
    /// Restore the recovery copy offered at start-up.
    RestoreRecovery,
    DiscardRecovery,
}

/// A message for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusMessage {
    pub text: String,
    pub is_error: bool,
}

/// The state of one open report.
pub struct EditorState {
    pub doc: Document,
    pub template: &'static Template,
    /// Where the document lives on disk, if it was saved or opened.
    pub path: Option<PathBuf>,
    /// Unsaved changes exist.
    pub dirty: bool,
    /// Findings for the current document, refreshed after every edit.
    pub report: Report,
    /// Computed values of blank total cells (shown grey in the form).
    pub computed: BTreeMap<CellRef, CellValue>,
    /// The focused field.
    pub focus: Option<Address>,
    pub status: Option<StatusMessage>,
}

impl EditorState {
    /// Open `doc` in the editor (validated at once).
    pub fn new(doc: Document, template: &'static Template) -> EditorState {
        let report = crate::validate::validate(&doc, template);
        EditorState {
            doc,
            template,
            path: None,
            dirty: false,
            report,
            computed: BTreeMap::new(),
            focus: None,
            status: None,
        }
    }

    /// Window title: `某某镇 2025年政府信息公开工作年度报告 — 年报`, with `*` while unsaved.
    pub fn window_title(&self) -> String {
        let marker = if self.dirty { "● " } else { "" };
        format!(
            "{marker}{} {}年政府信息公开工作年度报告 — 年报",
            self.doc.meta.unit, self.doc.meta.year
        )
    }
}
