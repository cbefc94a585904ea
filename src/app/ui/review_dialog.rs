//! 已核实: the small dialog that marks a warning as checked and right anyway,
//! with a short note saying why (kept in the report file, shown in the
//! problems panel, and taken back with 取消核实).

use eframe::egui;
use egui::{RichText, TextEdit};

use super::dialog_frame::{self, Pressed};
use super::dialogs::Outcome;
use super::theme::{self, Palette};
use crate::app::state::Command;
use crate::validate::Finding;

/// The dialog's fields while the clerk fills them in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewForm {
    /// The finding's stable id ([`Finding::id`]).
    pub id: String,
    pub message: String,
    pub note: String,
    /// The note field should (again) take the keyboard focus.
    pub wants_focus: bool,
}

impl ReviewForm {
    pub fn new(finding: &Finding) -> ReviewForm {
        ReviewForm {
            id: finding.id(),
            message: finding.message.clone(),
            note: String::new(),
            wants_focus: true,
        }
    }
}

/// The egui id of the note field.
pub fn note_field_id() -> egui::Id {
    egui::Id::unique("nianbao-review-note")
}

pub fn body(ui: &mut egui::Ui, form: &mut ReviewForm) -> Outcome {
    let palette = Palette::of_ui(ui);
    ui.heading("标记为已核实");
    ui.add_space(theme::space::SMALL);
    ui.label(RichText::new(&form.message).color(palette.weak));
    ui.add_space(theme::space::MEDIUM);
    dialog_frame::hold_focus(ui, note_field_id(), &mut form.wants_focus);
    let label = ui.label("说明（为什么这样填写是对的）：");
    ui.add(
        TextEdit::singleline(&mut form.note)
            .id(note_field_id())
            .desired_width(f32::INFINITY)
            .hint_text("如：上年结转数以县政务公开办核定数为准"),
    )
    .labelled_by(label.id);
    ui.label(
        RichText::new("标记保存在年报文件中；相关数字或文字改动后，标记自动失效。")
            .small()
            .color(palette.weak),
    );
    match dialog_frame::buttons(ui, "标记已核实", "取消") {
        Some(Pressed::Default) => Outcome::Send(Command::Review {
            id: form.id.clone(),
            note: form.note.trim().to_string(),
        }),
        Some(Pressed::Cancel) => Outcome::Closed,
        None => Outcome::Open,
    }
}
