//! What every small dialog shares: the row of buttons at its foot, with the
//! default button pressed by Enter and the cancel button by Escape (as in
//! WPS and every office program), and the labelled field row.

use eframe::egui;
use egui::{Align, Key, Layout, Modifiers};

/// Which of the foot buttons was pressed (by click or key).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pressed {
    Default,
    Cancel,
}

/// Draw `default` and `cancel` right-aligned (cancel at the far right, as
/// the other dialogs do) and read Enter / Escape. Call it after the
/// dialog's fields, so a single-line field has seen its Enter first.
pub fn buttons(ui: &mut egui::Ui, default: &str, cancel: &str) -> Option<Pressed> {
    ui.add_space(crate::app::ui::theme::DIALOG_GAP);
    let mut pressed = ui
        .with_layout(Layout::right_to_left(Align::Center), |ui| {
            if ui.button(cancel).clicked() {
                return Some(Pressed::Cancel);
            }
            let default = egui::Button::new(egui::RichText::new(default).strong());
            ui.add(default).clicked().then_some(Pressed::Default)
        })
        .inner;
    if pressed.is_none() {
        pressed = keys(ui);
    }
    pressed
}

/// Enter (not on a focused button, which presses itself) and Escape.
fn keys(ui: &mut egui::Ui) -> Option<Pressed> {
    ui.input_mut(|i| {
        if i.consume_key(Modifiers::NONE, Key::Escape) {
            Some(Pressed::Cancel)
        } else if i.consume_key(Modifiers::NONE, Key::Enter) {
            Some(Pressed::Default)
        } else {
            None
        }
    })
}

/// Ask for the keyboard focus on `id` until the widget holds it across a
/// frame (a request made in the frame one modal replaces another can be
/// lost); `asking` turns false once it holds.
pub fn hold_focus(ui: &egui::Ui, id: egui::Id, asking: &mut bool) {
    if !*asking {
        return;
    }
    match ui.memory(|m| m.has_focus(id)) {
        true => *asking = false,
        false => ui.memory_mut(|m| m.request_focus(id)),
    }
}

/// One row of a two-column form grid: the label, then the field drawn by
/// `field`, labelled by it for assistive tools. Ends the grid row.
pub fn field_row(
    ui: &mut egui::Ui,
    label: &str,
    field: impl FnOnce(&mut egui::Ui) -> egui::Response,
) -> egui::Response {
    let label = ui.label(label);
    let response = field(ui).labelled_by(label.id);
    ui.end_row();
    response
}
