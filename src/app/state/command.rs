//! The commands a clerk can give, the status-bar message, and the outside
//! world the editor depends on ([`Env`]).

use std::path::PathBuf;

use crate::document::{Address, CellRef, UnitLevel};

use super::clock::{system_clock, Clock};
use super::files::{AppDirs, FileDialogs, FileKind, RfdDialogs, ScriptedDialogs};

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
/// through [`EditorState::apply`](super::EditorState::apply) so it is undoable, validated and testable.
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
    /// Ctrl+X of the block from `anchor` to `focus`: its text went to the
    /// clipboard, its cells become blank (one undo step).
    CutBlock {
        anchor: CellRef,
        focus: CellRef,
    },
    Undo,
    Redo,
    /// 空白单元格填 0
    FillBlanksWithZero,
    /// 填入可计算的合计
    FillTotals,
    /// Move focus to a field (problems panel click, outline click, mouse).
    Focus(Address),
    /// Keyboard movement from the focused cell (arrows).
    Move(Direction),
    /// Tab / Shift+Tab: like [`Command::Move`], and remembers the column
    /// where a run of Tabs started.
    TabMove(Direction),
    /// Enter / Shift+Enter: down or up from the column where the Tab run
    /// started (as WPS and Excel do), else from the focused cell.
    EnterMove(Direction),
    /// Show a part of the outline (`cover`, `p1` …).
    ShowPart(String),
    New(NewReportSpec),
    /// 从上年报告新建
    NewFromLastYear(PathBuf),
    /// 从上年报告新建, asking for the file.
    NewFromLastYearDialog,
    Open(PathBuf),
    /// 打开…: ask for the file.
    OpenDialog,
    Save,
    SaveAs(PathBuf),
    /// 另存为…: ask for the path.
    SaveAsDialog,
    /// Write the report in an export format (text, Markdown, HTML, Word).
    Export(FileKind, PathBuf),
    /// 导出文本… / 导出 Markdown… / 导出网页… / 导出 Word…: ask for the path.
    ExportDialog(FileKind),
    /// Link last year's file for the cross-year checks and the comparison hover.
    LinkLastYear(PathBuf),
    LinkLastYearDialog,
    /// Restore the recovery copy offered at start-up.
    RestoreRecovery,
    DiscardRecovery,
    /// 放大 / 缩小 / 100%
    ZoomIn,
    ZoomOut,
    ZoomReset,
    /// 问题面板
    ToggleProblems,
    /// 与上年对比
    TogglePrevious,
    /// 浅色 / 深色
    ToggleDark,
    /// 报送要求: the county's 备案 date (`None`: the law's) and caps on a
    /// part's length in characters.
    SetCountyRules {
        filing_by: Option<crate::deadline::MonthDay>,
        part_limits: std::collections::BTreeMap<String, usize>,
    },
    /// 导入已发布的报告 from a file (.html/.htm/.md/.txt); `template: None`
    /// recognizes the template.
    ImportFile {
        path: PathBuf,
        template: Option<String>,
    },
    /// 导入已发布的报告: ask for the file.
    ImportFileDialog {
        template: Option<String>,
    },
    /// 导入已发布的报告 from pasted text (format recognized from the text).
    ImportText {
        text: String,
        template: Option<String>,
    },
    /// The in-window file chooser's answer to [`EditorState::file_request`](super::EditorState::file_request).
    ChooseFile(PathBuf),
    /// The in-window file chooser was cancelled.
    CancelChooser,
    /// Close the import report for good.
    DismissImportReport,
    /// 生成文字: insert the standard sentences of prose part `part`, built
    /// from the tables, at character `at` of its text (the end when `None`):
    /// one undo step.
    InsertDraft {
        part: String,
        at: Option<usize>,
    },
    /// 生成文字 of the cover: the standard 开头段落 from the unit, year and
    /// telephone, in place of the field's text (one undo step).
    InsertOpening,
    /// 已核实: mark the warning with this id as checked, with a short note.
    Review {
        id: String,
        note: String,
    },
    /// Take the 已核实 mark of this finding id back.
    Unreview(String),
    /// 文件 › 汇总多个报告…: ask for the folder.
    RollupDialog,
    /// Roll up every report in a folder (or one file) into the county window.
    Rollup(PathBuf),
    /// Sort the county window's list (the same key again: reversed).
    SortCounty(super::county::CountySort),
    /// 取消 while a roll-up is being read.
    CancelRollup,
    CloseCounty,
    /// 导出 Excel 工作簿…: ask for the path.
    ExportRollupDialog,
    ExportRollup(PathBuf),
    /// 导出退回修改清单…: ask for the path.
    SendBackDialog,
    SendBack(PathBuf),
    /// A new 县级政府 report pre-filled from the sum (unsaved changes first).
    NewCountyReport,
    /// 视图 › 与上年对比…: open the side-by-side view (asking for last
    /// year's file first when none is linked).
    ShowComparison,
    CloseComparison,
}

/// A message for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusMessage {
    pub text: String,
    pub is_error: bool,
}

impl StatusMessage {
    pub fn info(text: impl Into<String>) -> StatusMessage {
        StatusMessage {
            text: text.into(),
            is_error: false,
        }
    }

    pub fn error(text: impl Into<String>) -> StatusMessage {
        StatusMessage {
            text: text.into(),
            is_error: true,
        }
    }
}

/// What the editor needs from the outside world; tests swap every part.
pub struct Env {
    /// Settings and recovery directories; `None` keeps nothing on disk.
    pub dirs: Option<AppDirs>,
    pub dialogs: Box<dyn FileDialogs>,
    pub clock: Clock,
}

impl Env {
    /// Native dialogs, the platform's directories, the real clock.
    pub fn platform() -> Env {
        Env {
            dirs: AppDirs::platform(),
            dialogs: Box::new(RfdDialogs),
            clock: system_clock(),
        }
    }

    /// Nothing on disk, dialogs that always cancel, the real clock.
    pub fn headless() -> Env {
        Env {
            dirs: None,
            dialogs: Box::new(ScriptedDialogs::new()),
            clock: system_clock(),
        }
    }
}
