//! The status bar: file path · 已保存 HH:MM / 未保存 · ✖ n ⚠ m · 自动保存 HH:MM
//! · the January deadline · the last message (errors in red).

use eframe::egui;
use egui::RichText;

use super::theme::Palette;
use super::Frame;

pub fn show(ui: &mut egui::Ui, frame: &Frame) {
    let palette = Palette::of_ui(ui);
    let state = frame.state;
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
