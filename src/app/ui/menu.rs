//! The menu bar: 文件 · 编辑 · 视图 · 帮助, with the usual shortcuts.

use std::path::PathBuf;

use eframe::egui;
use egui::{Button, KeyboardShortcut};

use super::keys;

/// Something the clerk chose in the menu (or by its shortcut).
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
    Quit,
    Undo,
    Redo,
    FillBlanksWithZero,
    FillTotals,
    ToggleProblems,
    TogglePrevious,
    LinkLastYear,
    /// 导入已发布的报告…
    Import,
    /// 视图 › 导入报告 (reopen the last import's report)
    ShowImportReport,
    ZoomIn,
    ZoomOut,
    ToggleTheme,
    Help,
    FormatHelp,
    About,
}

/// What the menu needs to know to grey out or tick entries.
pub struct MenuInfo<'a> {
    pub recent: &'a [PathBuf],
    pub show_problems: bool,
    pub show_previous: bool,
    pub dark: bool,
    pub has_previous: bool,
    pub can_undo: bool,
    pub can_redo: bool,
    /// 导入已发布的报告 is available (the importer has landed).
    pub can_import: bool,
    /// An import report is kept (视图 › 导入报告).
    pub has_import_report: bool,
}

pub fn show(ui: &mut egui::Ui, info: &MenuInfo) -> Option<Action> {
    let mut chosen = None;
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("文件", |ui| file_menu(ui, info, &mut chosen));
        ui.menu_button("编辑", |ui| edit_menu(ui, info, &mut chosen));
        ui.menu_button("视图", |ui| view_menu(ui, info, &mut chosen));
        ui.menu_button("帮助", |ui| {
            item(ui, "使用说明", None, Action::Help, &mut chosen);
            item(ui, "官方格式说明", None, Action::FormatHelp, &mut chosen);
            item(ui, "关于", None, Action::About, &mut chosen);
        });
    });
    chosen
}

fn item(
    ui: &mut egui::Ui,
    text: &str,
    shortcut: Option<&KeyboardShortcut>,
    action: Action,
    chosen: &mut Option<Action>,
) {
    let mut button = Button::new(text);
    if let Some(s) = shortcut {
        button = button.shortcut_text(keys::label(ui.ctx(), s));
    }
    if ui.add(button).clicked() {
        *chosen = Some(action);
        ui.close();
    }
}

fn file_menu(ui: &mut egui::Ui, info: &MenuInfo, chosen: &mut Option<Action>) {
    item(ui, "新建…", Some(&keys::NEW), Action::New, chosen);
    item(ui, "从上年报告新建…", None, Action::NewFromLastYear, chosen);
    item(ui, "打开…", Some(&keys::OPEN), Action::Open, chosen);
    ui.menu_button("最近打开", |ui| {
        if info.recent.is_empty() {
            ui.add_enabled(false, Button::new("（无）"));
        }
        for path in info.recent {
            let name = path.display().to_string();
            item(ui, &name, None, Action::OpenRecent(path.clone()), chosen);
        }
    });
    ui.add_enabled_ui(info.can_import, |ui| {
        item(ui, "导入已发布的报告…", None, Action::Import, chosen);
    });
    ui.separator();
    item(ui, "保存", Some(&keys::SAVE), Action::Save, chosen);
    item(ui, "另存为…", Some(&keys::SAVE_AS), Action::SaveAs, chosen);
    ui.separator();
    item(ui, "导出文本…", None, Action::ExportText, chosen);
    item(ui, "导出 Markdown…", None, Action::ExportMarkdown, chosen);
    ui.separator();
    item(ui, "退出", None, Action::Quit, chosen);
}

fn edit_menu(ui: &mut egui::Ui, info: &MenuInfo, chosen: &mut Option<Action>) {
    ui.add_enabled_ui(info.can_undo, |ui| {
        item(ui, "撤销", Some(&keys::UNDO), Action::Undo, chosen);
    });
    ui.add_enabled_ui(info.can_redo, |ui| {
        item(ui, "重做", Some(&keys::REDO), Action::Redo, chosen);
    });
    ui.separator();
    item(
        ui,
        "空白单元格填 0",
        None,
        Action::FillBlanksWithZero,
        chosen,
    );
    item(ui, "填入可计算的合计", None, Action::FillTotals, chosen);
}

fn view_menu(ui: &mut egui::Ui, info: &MenuInfo, chosen: &mut Option<Action>) {
    let tick = |on: bool, text: &str| format!("{} {text}", if on { "✔" } else { "　" });
    item(
        ui,
        &tick(info.show_problems, "问题面板"),
        None,
        Action::ToggleProblems,
        chosen,
    );
    if info.has_previous {
        let text = tick(info.show_previous, "与上年对比");
        item(ui, &text, None, Action::TogglePrevious, chosen);
        item(ui, "　 更换上年报告…", None, Action::LinkLastYear, chosen);
    } else {
        item(
            ui,
            "　 与上年对比（选择上年报告…）",
            None,
            Action::LinkLastYear,
            chosen,
        );
    }
    if info.has_import_report {
        item(ui, "　 导入报告", None, Action::ShowImportReport, chosen);
    }
    ui.separator();
    item(
        ui,
        "放大",
        Some(&egui::gui_zoom::kb_shortcuts::ZOOM_IN),
        Action::ZoomIn,
        chosen,
    );
    item(
        ui,
        "缩小",
        Some(&egui::gui_zoom::kb_shortcuts::ZOOM_OUT),
        Action::ZoomOut,
        chosen,
    );
    ui.separator();
    let theme = if info.dark {
        "浅色主题"
    } else {
        "深色主题"
    };
    item(ui, theme, None, Action::ToggleTheme, chosen);
}
