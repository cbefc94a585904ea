//! The problems panel (校验结果): ✖ 错误 first, then ⚠ 提示, each finding's
//! sentence; a click focuses the first cell it names and scrolls to it.
//! Screen readers meet it as one list named 校验结果 (see [`LIST_NAME`]).

use eframe::egui;
use egui::accesskit::Role;
use egui::{RichText, ScrollArea, UiBuilder};

use super::dialogs::Dialog;
use super::review_dialog::ReviewForm;
use super::theme::{self, severity_icon, Palette};
use super::{Frame, View, COVER_KEY};
use crate::app::state::Command;
use crate::document::Address;
use crate::template::Severity;
use crate::validate::Finding;

/// The accessible name of the findings list: without it a screen reader
/// hears a run of buttons with no hint that they are the check's results.
pub const LIST_NAME: &str = "校验结果";

pub fn show(ui: &mut egui::Ui, frame: &Frame, view: &mut View) {
    let palette = Palette::of_ui(ui);
    let report = &frame.state.report;
    ui.add_space(theme::space::SMALL);
    ui.label(RichText::new(LIST_NAME).strong());
    ui.separator();
    if report.errors.is_empty() && report.warnings.is_empty() {
        ui.label(RichText::new("✔ 未发现问题").color(palette.weak));
    }
    ScrollArea::vertical()
        .id_salt("problems")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let list = UiBuilder::new()
                .accessibility_role(Role::List)
                .accessibility_label(LIST_NAME);
            ui.scope_builder(list, |ui| {
                section(ui, view, Severity::Error, "错误", &report.errors);
                section(ui, view, Severity::Warning, "提示", &report.warnings);
                reviewed(ui, view, &report.reviewed);
            });
        });
}

/// The warnings marked 已核实, each with its note and 取消核实.
fn reviewed(ui: &mut egui::Ui, view: &mut View, list: &[(Finding, String)]) {
    if list.is_empty() {
        return;
    }
    let palette = Palette::of_ui(ui);
    ui.label(
        RichText::new(format!("✔ 已核实（{}）", list.len()))
            .color(palette.weak)
            .strong(),
    );
    for (finding, note) in list {
        ui.label(RichText::new(&finding.message).color(palette.weak));
        ui.horizontal_wrapped(|ui| {
            if !note.is_empty() {
                ui.label(
                    RichText::new(format!("说明：{note}"))
                        .small()
                        .color(palette.weak),
                );
            }
            if ui.small_button("取消核实").clicked() {
                view.send(Command::Unreview(finding.id()));
            }
        });
        ui.add_space(theme::space::HAIR);
    }
}

fn section(ui: &mut egui::Ui, view: &mut View, severity: Severity, name: &str, list: &[Finding]) {
    if list.is_empty() {
        return;
    }
    let palette = Palette::of_ui(ui);
    let color = palette.severity(severity);
    ui.label(
        RichText::new(format!(
            "{} {name}（{}）",
            severity_icon(severity),
            list.len()
        ))
        .color(color)
        .strong(),
    );
    for finding in list {
        let text = RichText::new(format!("{} {}", severity_icon(severity), finding.message));
        let button = egui::Button::new(text)
            .frame(false)
            .wrap_mode(egui::TextWrapMode::Wrap);
        let response = ui.add(button);
        let response = if finding.cells.is_empty() {
            response
        } else {
            response.on_hover_text("点击定位到单元格")
        };
        let id = finding.id();
        if response.clicked() {
            go_to(view, finding);
            view.chosen_finding = Some(id.clone());
        }
        // Errors must be corrected; only a warning can be checked and kept.
        let reviewable = severity == Severity::Warning;
        finding_menu(ui, view, &response, finding, reviewable);
        if reviewable && view.chosen_finding.as_deref() == Some(id.as_str()) {
            let mark = ui
                .small_button("标记已核实…")
                .on_hover_text("数字或文字确实如此：标记后不再提示，说明记入年报文件");
            if mark.clicked() {
                open_review(view, finding);
            }
        }
        ui.add_space(theme::space::HAIR);
    }
    ui.add_space(theme::space::MEDIUM);
}

fn open_review(view: &mut View, finding: &Finding) {
    view.leave_edit();
    view.dialog = Some(Dialog::Review(ReviewForm::new(finding)));
}

/// A finding's sentence can be copied (to quote it in a message to a
/// colleague): 复制 in its context menu, or Ctrl+C while it has the focus.
/// A warning's menu also offers 标记已核实….
fn finding_menu(
    ui: &egui::Ui,
    view: &mut View,
    response: &egui::Response,
    finding: &Finding,
    reviewable: bool,
) {
    let message = finding.message.as_str();
    let copy_key = response.has_focus()
        && ui.input_mut(|i| {
            let before = i.events.len();
            i.events.retain(|e| !matches!(e, egui::Event::Copy));
            i.events.len() != before
        });
    if copy_key {
        ui.ctx().copy_text(message.to_string());
    }
    response.context_menu(|ui| {
        if ui.button("复制").clicked() {
            ui.ctx().copy_text(message.to_string());
            ui.close();
        }
        if reviewable && ui.button("标记已核实…").clicked() {
            open_review(view, finding);
            ui.close();
        }
    });
}

/// Focus the first cell of a finding, or select the phrase of the prose it
/// quotes (or show the cover when it names neither).
pub fn go_to(view: &mut View, finding: &Finding) {
    if let Some(span) = &finding.span {
        view.leave_edit();
        view.send(Command::Focus(span.address.clone()));
        view.synced_focus = None;
        view.place_caret = Some((span.address.clone(), span.start, span.end));
        return;
    }
    match finding.cells.first() {
        Some(cell) => {
            view.leave_edit();
            view.send(Command::Focus(Address::Cell(cell.clone())));
            // Re-request egui focus even if the state's focus is unchanged.
            view.synced_focus = None;
        }
        None => view.scroll_to_part = Some(COVER_KEY.to_string()),
    }
}
