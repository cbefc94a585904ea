//! The status bar: file path · 已保存 HH:MM / 未保存 · ✖ n ⚠ m · 自动保存 HH:MM
//! · the January deadline · the last message (errors in red). It also names
//! the window for screen readers (see `name_window`).

use eframe::egui;
use egui::RichText;

use super::theme::Palette;
use super::Frame;

pub fn show(ui: &mut egui::Ui, frame: &Frame) {
    let palette = Palette::of_ui(ui);
    let state = frame.state;
    name_window(ui, frame);
    ui.horizontal(|ui| {
        let saved = state.saved_text();
        if let Some(path) = &state.path {
            ui.label(RichText::new(path.display().to_string()).color(palette.weak));
            ui.separator();
        }
        if state.dirty || state.path.is_none() {
            ui.label(RichText::new(format!("● {saved}")).color(palette.warning));
        } else {
            ui.label(saved);
        }
        ui.separator();
        let counts = frame.state.findings.total;
        let color = if counts.errors > 0 {
            palette.error
        } else if counts.warnings > 0 {
            palette.warning
        } else {
            palette.weak
        };
        ui.label(RichText::new(counts.text()).color(color));
        if let Some(text) = state.autosave_text() {
            ui.separator();
            ui.label(text);
        }
        if let Some(notice) = state.deadline_notice() {
            ui.separator();
            ui.label(notice);
        }
        if let Some(status) = &state.status {
            ui.separator();
            let text = if status.is_error {
                RichText::new(format!("✖ {}", status.text)).color(palette.error)
            } else {
                RichText::new(&status.text).color(palette.text)
            };
            ui.add(egui::Label::new(text).truncate());
        }
    });
}

/// egui leaves the window's accessibility node unnamed, so a screen reader
/// would announce a nameless frame (AT-SPI, UI Automation): it gets the
/// title bar's text. Here, because the status bar is drawn with every frame
/// of a report and already shows what the title says; nothing is built while
/// no assistive tool listens.
fn name_window(ui: &egui::Ui, frame: &Frame) {
    let root = egui::accesskit_root_id();
    ui.ctx()
        .accesskit_node_builder(root, |node| node.set_label(frame.state.window_title()));
}
