//! The command vocabulary (命令): every action a clerk can take from the
//! menu, a shortcut or the start screen is one [`Action`], with its label,
//! shortcuts, tooltip and whether it is available now. The menu, the
//! shortcut table and the start offer all read it from here, and
//! `NianbaoApp::perform` matches every variant (no catch-all), so a new
//! action that is not handled does not compile. ARCHITECTURE.md says how to
//! add one.

use std::path::PathBuf;

use eframe::egui;
use egui::{Key, KeyboardShortcut, Modifiers};

/// Something the clerk asked for (menu, shortcut or start screen).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    New,
    NewFromLastYear,
    Open,
    OpenRecent(PathBuf),
    Save,
    SaveAs,
    ExportText,
    ExportMarkdown,
    ExportHtml,
    ExportWord,
    /// 打印… (the print copy in the browser)
    Print,
    Quit,
    Undo,
    Redo,
    /// 复制为网页格式 (the report as HTML on the clipboard)
    CopyAsHtml,
    FillBlanksWithZero,
    FillTotals,
    ToggleProblems,
    TogglePrevious,
    LinkLastYear,
    /// 导入已发布的报告…
    Import,
    /// 视图 › 导入报告 (reopen the last import's report)
    ShowImportReport,
    /// 文件 › 汇总多个报告… (the county window)
    Rollup,
    /// 文件 › 报送要求… (the county's 备案 date and length caps)
    CountyRules,
    /// 视图 › 与上年对比… (the side-by-side view and the chart)
    ShowComparison,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    ToggleTheme,
    Help,
    FormatHelp,
    About,
}

/// What availability and ticks depend on, read from the state once a frame.
#[derive(Debug, Clone, Copy, Default)]
pub struct Availability {
    pub show_problems: bool,
    pub show_previous: bool,
    pub dark: bool,
    pub has_previous: bool,
    pub can_undo: bool,
    pub can_redo: bool,
    /// An import report is kept (视图 › 导入报告).
    pub has_import_report: bool,
}

impl Availability {
    pub fn of(state: &crate::app::state::EditorState) -> Availability {
        Availability {
            show_problems: state.settings.show_problems,
            show_previous: state.settings.show_previous,
            dark: state.settings.dark,
            has_previous: state.doc.previous.is_some(),
            can_undo: state.can_undo(),
            can_redo: state.can_redo(),
            has_import_report: state.import_report().is_some(),
        }
    }
}

const fn ctrl(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn ctrl_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}

/// Actions with shortcuts, most specific first (Ctrl+Shift+S before Ctrl+S),
/// in the order the shortcut table tries them.
pub const WITH_SHORTCUTS: [Action; 9] = [
    Action::SaveAs,
    Action::Redo,
    Action::Save,
    Action::New,
    Action::Open,
    Action::Undo,
    Action::ZoomIn,
    Action::ZoomOut,
    Action::ZoomReset,
];

impl Action {
    /// The menu's words (ticks and alternatives follow the current view).
    pub fn label(&self, now: &Availability) -> String {
        let tick = |on: bool, text: &str| format!("{} {text}", if on { "✔" } else { "　" });
        match self {
            Action::New => "新建…".into(),
            Action::NewFromLastYear => "从上年报告新建…".into(),
            Action::Open => "打开…".into(),
            Action::OpenRecent(path) => path.display().to_string(),
            Action::Save => "保存".into(),
            Action::SaveAs => "另存为…".into(),
            Action::ExportText => "导出文本…".into(),
            Action::ExportMarkdown => "导出 Markdown…".into(),
            Action::ExportHtml => "导出网页…".into(),
            Action::ExportWord => "导出 Word…".into(),
            Action::Print => "打印…".into(),
            Action::CopyAsHtml => "复制为网页格式".into(),
            Action::Quit => "退出".into(),
            Action::Undo => "撤销".into(),
            Action::Redo => "重做".into(),
            Action::FillBlanksWithZero => "空白单元格填 0".into(),
            Action::FillTotals => "填入可计算的合计".into(),
            Action::ToggleProblems => tick(now.show_problems, "问题面板"),
            Action::TogglePrevious => tick(now.show_previous, "悬停时显示上年数"),
            Action::ShowComparison => "　 与上年对比…".into(),
            Action::Rollup => "汇总多个报告…".into(),
            Action::CountyRules => "报送要求…".into(),
            Action::LinkLastYear if now.has_previous => "　 更换上年报告…".into(),
            Action::LinkLastYear => "　 与上年对比（选择上年报告…）".into(),
            Action::Import => "导入已发布的报告…".into(),
            Action::ShowImportReport => "　 导入报告".into(),
            Action::ZoomIn => "放大".into(),
            Action::ZoomOut => "缩小".into(),
            Action::ZoomReset => "原始大小".into(),
            Action::ToggleTheme if now.dark => "浅色主题".into(),
            Action::ToggleTheme => "深色主题".into(),
            Action::Help => "使用说明".into(),
            Action::FormatHelp => "官方格式说明".into(),
            Action::About => "关于".into(),
        }
    }

    /// The start screen's wording and its grey explanation, for the actions
    /// it offers.
    pub fn start_offer(&self) -> Option<(&'static str, &'static str)> {
        match self {
            Action::NewFromLastYear => Some((
                "从上年报告新建…",
                "选择去年的年报文件：单位、年度和上年结转自动带入",
            )),
            Action::Import => Some((
                "导入已发布的报告…",
                "去年的报告只有 Word、PDF 或网页时，从中读出正文和表格",
            )),
            Action::New => Some(("新建空白报告…", "选择格式、年度，填写单位名称")),
            Action::Open => Some(("打开年报文件…", "打开已保存的 .ron 年报文件")),
            _ => None,
        }
    }

    /// Its shortcuts; the first is the one the menu shows.
    pub fn shortcuts(&self) -> &'static [KeyboardShortcut] {
        const NEW: &[KeyboardShortcut] = &[ctrl(Key::N)];
        const OPEN: &[KeyboardShortcut] = &[ctrl(Key::O)];
        const SAVE: &[KeyboardShortcut] = &[ctrl(Key::S)];
        const SAVE_AS: &[KeyboardShortcut] = &[ctrl_shift(Key::S)];
        const UNDO: &[KeyboardShortcut] = &[ctrl(Key::Z)];
        const REDO: &[KeyboardShortcut] = &[ctrl(Key::Y), ctrl_shift(Key::Z)];
        const ZOOM_IN: &[KeyboardShortcut] = &[ctrl(Key::Equals), ctrl(Key::Plus)];
        const ZOOM_OUT: &[KeyboardShortcut] = &[ctrl(Key::Minus)];
        const ZOOM_RESET: &[KeyboardShortcut] = &[ctrl(Key::Num0)];
        match self {
            Action::New => NEW,
            Action::Open => OPEN,
            Action::Save => SAVE,
            Action::SaveAs => SAVE_AS,
            Action::Undo => UNDO,
            Action::Redo => REDO,
            Action::ZoomIn => ZOOM_IN,
            Action::ZoomOut => ZOOM_OUT,
            Action::ZoomReset => ZOOM_RESET,
            _ => &[],
        }
    }

    /// A sentence for the hover: what it does, when that is not obvious.
    pub fn tooltip(&self) -> Option<&'static str> {
        match self {
            Action::NewFromLastYear => Some("单位、年度和上年结转从去年的年报文件带入"),
            Action::Import => Some("从往年的 Word、PDF、网页、Markdown 或文本读出正文和表格"),
            Action::ExportText => Some("用于印发的纯文本，保存在年报文件旁"),
            Action::ExportMarkdown => Some("用于网站发布，保存在年报文件旁"),
            Action::ExportHtml => {
                Some("网站内容管理系统可直接粘贴或上传的网页，表格保持合并单元格")
            }
            Action::CountyRules => Some(
                "县里规定的备案截止日期和各部分字数上限：倒计时、字数提示和汇总的逾期标记按此计算",
            ),
            Action::ExportWord => Some("报送县级政府办公室的 Word 文件（公文格式，表头跨页重复）"),
            Action::Print => Some(
                "在浏览器中打开打印版（A4、公文页边距、表头跨页重复），用浏览器的打印对话框打印",
            ),
            Action::CopyAsHtml => {
                Some("整份报告复制到剪贴板，可直接粘贴到网站编辑器或 WPS，表格保持合并单元格")
            }
            Action::FillBlanksWithZero => Some("把所有未填写的单元格填为 0（可撤销）"),
            Action::FillTotals => Some("各项都已填写的空白合计，填入计算结果（可撤销）"),
            Action::LinkLastYear => Some("选择上年的年报文件，启用跨年度核对"),
            Action::Rollup => Some(
                "选择一个文件夹：逐份校验其中各单位的年报，列出缺报、重复，按单元格合计并校验合计",
            ),
            Action::ShowComparison => {
                Some("逐项列出上年、本年和增减，变化较大的标出；有多个年度时显示折线图")
            }
            _ => None,
        }
    }

    /// Whether it can be done now (greyed out in the menu otherwise, and its
    /// shortcut does nothing).
    pub fn available(&self, now: &Availability) -> bool {
        match self {
            Action::Undo => now.can_undo,
            Action::Redo => now.can_redo,
            Action::TogglePrevious => now.has_previous,
            Action::ShowImportReport => now.has_import_report,
            _ => true,
        }
    }
}

/// Take this frame's shortcuts out of the input: the actions they name.
/// Undo and redo are always taken (Ctrl+Z also cancels a value half typed;
/// with nothing to undo the state does nothing).
pub fn pressed(ctx: &egui::Context) -> Vec<Action> {
    ctx.input_mut(|i| {
        WITH_SHORTCUTS
            .iter()
            .filter(|a| a.shortcuts().iter().any(|s| i.consume_shortcut(s)))
            .cloned()
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every action with a shortcut is in the table the keys are read from.
    #[test]
    fn the_shortcut_table_holds_every_shortcut() {
        let all = [
            Action::New,
            Action::NewFromLastYear,
            Action::Open,
            Action::Save,
            Action::SaveAs,
            Action::ExportText,
            Action::ExportMarkdown,
            Action::ExportHtml,
            Action::ExportWord,
            Action::Print,
            Action::Quit,
            Action::Undo,
            Action::Redo,
            Action::CopyAsHtml,
            Action::FillBlanksWithZero,
            Action::FillTotals,
            Action::ToggleProblems,
            Action::TogglePrevious,
            Action::LinkLastYear,
            Action::Import,
            Action::ShowImportReport,
            Action::Rollup,
            Action::ShowComparison,
            Action::ZoomIn,
            Action::ZoomOut,
            Action::ZoomReset,
            Action::ToggleTheme,
            Action::Help,
            Action::FormatHelp,
            Action::About,
        ];
        for action in all {
            assert_eq!(
                !action.shortcuts().is_empty(),
                WITH_SHORTCUTS.contains(&action),
                "{action:?}"
            );
            assert!(!action.label(&Availability::default()).trim().is_empty());
        }
    }
}
