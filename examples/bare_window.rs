//! A bare eframe window built with the editor's eframe features (glow, x11,
//! wayland, clipboard, accesskit, links, default and system fonts): the
//! yardstick `scripts/startup-ratio.sh` measures the editor's start-up
//! against. It draws one line of text, as little as a window can show.

use eframe::egui;

fn main() -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("bare window")
            .with_inner_size([1366.0, 768.0])
            .with_maximized(true),
        ..Default::default()
    };
    eframe::run_ui_native("bare window", options, |ui, _frame| {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("bare eframe window");
        });
    })
}
