//! The questions the state asks before going on ([`Pending`]): 保存 / 不保存 /
//! 取消 before losing changes, an error with its reason, the recovery offer.

use eframe::egui;
use egui::{Align, Layout, Modal, RichText};

use super::theme::{self, Palette};
use crate::app::state::{Answer, EditorState, Pending};

/// Draw the pending question, if any; returns the clerk's answer.
pub fn show(ctx: &egui::Context, state: &EditorState) -> Option<Answer> {
    let pending = state.pending()?;
    let answers = pending.answers();
    let mut chosen = None;
    let modal = Modal::new(egui::Id::unique("nianbao-question")).show(ctx, |ui| {
        ui.set_width(theme::DIALOG_WIDTH);
        let palette = Palette::of_ui(ui);
        let title = pending.title();
        let heading = match pending {
            Pending::Error { .. } => RichText::new(format!("✖ {title}")).color(palette.error),
            Pending::ConfirmDiscard { .. } => RichText::new(format!("⚠ {title}")),
            Pending::Recovery(_) => RichText::new(title),
        };
        ui.heading(heading);
        ui.add_space(theme::space::SMALL);
        ui.label(pending.message(state));
        if matches!(pending, Pending::Error { .. }) {
            ui.label(RichText::new("正在编辑的内容仍在，没有丢失。").color(palette.weak));
        }
        ui.add_space(theme::space::LARGE);
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            // Right to left: the last answer (取消) sits at the far right.
            for answer in answers.iter().rev() {
                if ui.button(answer.label()).clicked() {
                    chosen = Some(*answer);
                }
            }
        });
    });
    if chosen.is_none() {
        // Enter presses the first (default) answer: 保存, 恢复, 确定 …
        let enter = ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter));
        if enter {
            chosen = answers.first().copied();
        }
    }
    if chosen.is_none() && modal.should_close() {
        // Escape or a click outside: the gentlest answer.
        chosen = [Answer::Cancel, Answer::Ok]
            .into_iter()
            .find(|a| answers.contains(a));
    }
    chosen
}
