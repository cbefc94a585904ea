//! The outline on the left: 封面与署名 and each part, with a live count of
//! errors and warnings; a click scrolls the form there.

use eframe::egui;
use egui::{RichText, Sense};

use super::theme::{self, severity_icon, Palette};
use super::{Frame, View, COVER_KEY};
use crate::app::state::Command;
use crate::app::state::Counts;
use crate::template::Severity;

pub fn show(ui: &mut egui::Ui, frame: &Frame, view: &mut View) {
    ui.add_space(theme::space::SMALL);
    ui.label(RichText::new("目录").strong());
    ui.separator();
    let entries = std::iter::once((COVER_KEY, "封面与署名")).chain(
        frame
            .state
            .template
            .parts
            .iter()
            .map(|p| (p.key.as_str(), p.heading.as_str())),
    );
    let current = frame.state.settings.current_part.as_str();
    for (key, heading) in entries {
        let counts = frame.state.findings.part(key);
        entry(ui, view, key, heading, counts, key == current);
    }
}

fn entry(
    ui: &mut egui::Ui,
    view: &mut View,
    key: &str,
    heading: &str,
    counts: Counts,
    current: bool,
) {
    let palette = Palette::of_ui(ui);
    let response = ui
        .scope(|ui| {
            ui.set_width(ui.available_width());
            // The current part: bold on a grey band (blue means focus only).
            let text = if current {
                RichText::new(heading).strong()
            } else {
                RichText::new(heading)
            };
            let mut button = egui::Button::new(text)
                .frame(current)
                .wrap_mode(egui::TextWrapMode::Wrap);
            if current {
                button = button.fill(palette.header_bg);
            }
            let r = ui.add(button);
            if counts != Counts::default() {
                ui.horizontal(|ui| {
                    ui.add_space(theme::space::SECTION);
                    count(ui, &palette, Severity::Error, counts.errors);
                    count(ui, &palette, Severity::Warning, counts.warnings);
                });
            }
            r
        })
        .inner;
    let response = response.on_hover_text(format!(
        "{heading}：错误 {} 个，提示 {} 个",
        counts.errors, counts.warnings
    ));
    if response.clicked() {
        view.scroll_to_part = Some(key.to_string());
        view.send(Command::ShowPart(key.to_string()));
    }
    ui.add_space(theme::space::TIGHT);
}

fn count(ui: &mut egui::Ui, palette: &Palette, severity: Severity, n: usize) {
    if n == 0 {
        return;
    }
    let text = format!("{} {n}", severity_icon(severity));
    ui.add(
        egui::Label::new(RichText::new(text).color(palette.severity(severity)))
            .sense(Sense::hover()),
    );
}
