//! The start offer (开始): when the editor opens without a file, the clerk is
//! asked what they came to do — continue last time's file, start this year's
//! report from last year's, import last year's published page, or a blank
//! report — instead of being dropped into an empty form.

use std::path::Path;

use eframe::egui;
use egui::{Button, RichText};

use super::dialogs::Outcome;
use super::menu::Action;

const BUTTON_WIDTH: f32 = 420.0;

/// Draw the offer's body inside the dialog modal.
pub fn body(ui: &mut egui::Ui, last: Option<&Path>) -> Outcome {
    ui.heading("开始填写年度报告");
    ui.label("请选择要做的事：");
    ui.add_space(6.0);
    let mut outcome = Outcome::Open;
    if let Some(path) = last {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        if choice(
            ui,
            &format!("继续上次的文件：{name}"),
            "打开最近编辑的年报文件",
        ) {
            outcome = Outcome::Act(Action::OpenRecent(path.to_path_buf()));
        }
    }
    let choices = [
        (
            "从上年报告新建…",
            "选择去年的年报文件：单位、年度和上年结转自动带入",
            Action::NewFromLastYear,
        ),
        (
            "导入已发布的报告…",
            "去年的报告只有网页或文字时，从中读出正文和表格",
            Action::Import,
        ),
        ("新建空白报告…", "选择格式、年度，填写单位名称", Action::New),
        ("打开年报文件…", "打开已保存的 .ron 年报文件", Action::Open),
    ];
    for (label, hint, action) in choices {
        if choice(ui, label, hint) {
            outcome = Outcome::Act(action);
        }
    }
    ui.add_space(6.0);
    if ui.button("稍后再说").clicked() {
        outcome = Outcome::Closed;
    }
    outcome
}

/// One wide choice button with a grey explanation under it.
fn choice(ui: &mut egui::Ui, label: &str, hint: &str) -> bool {
    let clicked = ui
        .add(Button::new(label).min_size(egui::vec2(BUTTON_WIDTH, 30.0)))
        .clicked();
    ui.label(RichText::new(hint).small().weak());
    ui.add_space(4.0);
    clicked
}
