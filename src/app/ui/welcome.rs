//! The start offer (开始): when the editor opens without a file, the clerk is
//! asked what they came to do — continue last time's file, start this year's
//! report from last year's, import last year's published page, or a blank
//! report — instead of being dropped into an empty form.

use std::path::Path;

use eframe::egui;

use super::theme;
use egui::{Button, RichText};

use super::actions::Action;
use super::dialogs::Outcome;

const BUTTON_WIDTH: f32 = 420.0;

/// Draw the offer's body inside the dialog modal.
pub fn body(ui: &mut egui::Ui, last: Option<&Path>) -> Outcome {
    ui.heading("开始填写年度报告");
    ui.label("请选择要做的事：");
    ui.add_space(theme::space::SMALL);
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
        Action::NewFromLastYear,
        Action::Import,
        Action::New,
        Action::Open,
    ];
    for action in &choices {
        if let Some((label, hint)) = action.start_offer() {
            if choice(ui, label, hint) {
                outcome = Outcome::Act(action.clone());
            }
        }
    }
    ui.add_space(theme::space::SMALL);
    if ui.button("稍后再说").clicked() {
        outcome = Outcome::Closed;
    }
    // The offered actions' shortcuts work here too (Ctrl+N 新建, Ctrl+O 打开).
    ui.input_mut(|i| {
        for action in &choices {
            if action.shortcuts().iter().any(|s| i.consume_shortcut(s)) {
                outcome = Outcome::Act(action.clone());
            }
        }
    });
    outcome
}

/// One wide choice button with a grey explanation under it.
fn choice(ui: &mut egui::Ui, label: &str, hint: &str) -> bool {
    let clicked = ui
        .add(Button::new(label).min_size(egui::vec2(BUTTON_WIDTH, 30.0)))
        .clicked();
    ui.label(RichText::new(hint).small().weak());
    ui.add_space(theme::space::TIGHT);
    clicked
}
