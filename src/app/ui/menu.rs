//! The menu bar: 文件 · 编辑 · 视图 · 帮助. Every entry is an [`Action`] of the
//! command vocabulary, which gives its label, shortcut, tooltip and whether
//! it is available.

use std::path::PathBuf;

use eframe::egui;
use egui::Button;

pub use super::actions::{Action, Availability};

/// What the menu needs to know to grey out or tick entries.
pub struct MenuInfo<'a> {
    pub recent: &'a [PathBuf],
    pub now: Availability,
}

pub fn show(ui: &mut egui::Ui, info: &MenuInfo) -> Option<Action> {
    let mut chosen = None;
    let now = &info.now;
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("文件", |ui| file_menu(ui, info, &mut chosen));
        ui.menu_button("编辑", |ui| {
            items(ui, now, &[Action::Undo, Action::Redo], &mut chosen);
            ui.separator();
            item(ui, now, Action::CopyAsHtml, &mut chosen);
            ui.separator();
            let fill = [Action::FillBlanksWithZero, Action::FillTotals];
            items(ui, now, &fill, &mut chosen);
        });
        ui.menu_button("视图", |ui| view_menu(ui, now, &mut chosen));
        ui.menu_button("帮助", |ui| {
            let help = [Action::Help, Action::FormatHelp, Action::About];
            items(ui, now, &help, &mut chosen);
        });
    });
    chosen
}

/// One entry: the action's label, first shortcut and tooltip, greyed out
/// when it is not available now.
fn item(ui: &mut egui::Ui, now: &Availability, action: Action, chosen: &mut Option<Action>) {
    let mut button = Button::new(action.label(now));
    if let Some(s) = action.shortcuts().first() {
        button = button.shortcut_text(ui.ctx().format_shortcut(s));
    }
    let mut response = ui.add_enabled(action.available(now), button);
    if let Some(tip) = action.tooltip() {
        response = response.on_hover_text(tip);
    }
    if response.clicked() {
        *chosen = Some(action);
        ui.close();
    }
}

fn items(ui: &mut egui::Ui, now: &Availability, list: &[Action], chosen: &mut Option<Action>) {
    for action in list {
        item(ui, now, action.clone(), chosen);
    }
}

fn file_menu(ui: &mut egui::Ui, info: &MenuInfo, chosen: &mut Option<Action>) {
    let now = &info.now;
    let opening = [Action::New, Action::NewFromLastYear, Action::Open];
    items(ui, now, &opening, chosen);
    ui.menu_button("最近打开", |ui| {
        if info.recent.is_empty() {
            ui.add_enabled(false, Button::new("（无）"));
        }
        for path in info.recent {
            item(ui, now, Action::OpenRecent(path.clone()), chosen);
        }
    });
    item(ui, now, Action::Import, chosen);
    item(ui, now, Action::Rollup, chosen);
    item(ui, now, Action::CountyRules, chosen);
    ui.separator();
    items(ui, now, &[Action::Save, Action::SaveAs], chosen);
    ui.separator();
    items(
        ui,
        now,
        &[
            Action::ExportText,
            Action::ExportMarkdown,
            Action::ExportHtml,
            Action::ExportWord,
        ],
        chosen,
    );
    ui.separator();
    item(ui, now, Action::Print, chosen);
    ui.separator();
    item(ui, now, Action::Quit, chosen);
}

fn view_menu(ui: &mut egui::Ui, now: &Availability, chosen: &mut Option<Action>) {
    item(ui, now, Action::ToggleProblems, chosen);
    item(ui, now, Action::ShowComparison, chosen);
    if now.has_previous {
        item(ui, now, Action::TogglePrevious, chosen);
    }
    item(ui, now, Action::LinkLastYear, chosen);
    if now.has_import_report {
        item(ui, now, Action::ShowImportReport, chosen);
    }
    ui.separator();
    let zoom = [Action::ZoomIn, Action::ZoomOut, Action::ZoomReset];
    items(ui, now, &zoom, chosen);
    ui.separator();
    item(ui, now, Action::ToggleTheme, chosen);
}
