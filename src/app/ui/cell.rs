//! One cell of a statistics grid: the number right-aligned in monospace
//! digits, a blank total showing its computed value in grey italics, a failing
//! rule shown by a tinted background *and* a ✖ / ⚠ mark, and a tooltip with
//! the findings and last year's value.

use eframe::egui;
use egui::{Align, Align2, EventFilter, FontId, Rect, RichText, Stroke, TextEdit, TextStyle};

use super::edit::{show_field, FieldSpec};
use super::theme::{severity_icon, Palette};
use super::{Frame, View};
use crate::document::{Address, CellRef, CellValue};
use crate::template::{CellKind, Severity};

/// What the grid knows about a cell it asks to draw.
pub struct CellSpec<'a> {
    pub cell: &'a CellRef,
    pub kind: CellKind,
    /// `表三 一、本年新收政府信息公开申请数量 自然人`
    pub label: String,
}

/// Keys the grid handles itself (see `keys.rs`): the focused cell keeps
/// focus on Tab, arrows and Escape instead of egui moving it.
const GRID_KEYS: EventFilter = EventFilter {
    tab: true,
    horizontal_arrows: true,
    vertical_arrows: true,
    escape: true,
};

pub fn show(ui: &mut egui::Ui, frame: &Frame, view: &mut View, rect: Rect, spec: &CellSpec) {
    let palette = Palette::of_ui(ui);
    let mark = frame.state.findings.cell(spec.cell);
    let severity = mark.and_then(|m| m.severity());
    let bg = if view.selected.contains(spec.cell) {
        palette.selected_bg
    } else {
        severity.map_or(palette.cell_bg, |s| palette.severity_bg(s))
    };
    ui.painter().rect_filled(rect.shrink(0.5), 0.0, bg);

    let computed = frame.state.computed.get(spec.cell);
    let numeric = spec.kind.is_numeric();
    let address = Address::Cell(spec.cell.clone());
    let inner = rect.shrink2(egui::vec2(4.0, 2.0));
    let mut child = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(inner)
            .layout(egui::Layout::left_to_right(Align::Center)),
    );
    let field = FieldSpec {
        address: &address,
        label: &spec.label,
        labelled_by: None,
        select_on_focus: true,
    };
    let response = show_field(&mut child, frame.state, view, &field, |text| {
        let mut edit = TextEdit::singleline(text)
            .frame(egui::Frame::NONE)
            .desired_width(inner.width())
            .event_filter(GRID_KEYS)
            .return_key(None);
        if numeric {
            edit = edit.font(TextStyle::Monospace).align(Align2::RIGHT_CENTER);
        }
        if let Some(value) = computed {
            edit = edit.hint_text(
                RichText::new(value.to_string())
                    .italics()
                    .color(palette.computed)
                    .font(FontId::monospace(15.0)),
            );
        }
        edit
    });

    after_field(ui, frame, view, rect, spec, response);
}

/// The cell around its field: the severity mark, Shift+click blocks, the
/// focus frame (scrolled into view when focus arrives), the tooltip.
fn after_field(
    ui: &mut egui::Ui,
    frame: &Frame,
    view: &mut View,
    rect: Rect,
    spec: &CellSpec,
    response: egui::Response,
) {
    let palette = Palette::of_ui(ui);
    let severity = frame
        .state
        .findings
        .cell(spec.cell)
        .and_then(|m| m.severity());
    let computed = frame.state.computed.get(spec.cell);
    if let Some(severity) = severity {
        ui.painter().text(
            rect.left_top() + egui::vec2(3.0, 2.0),
            Align2::LEFT_TOP,
            severity_icon(severity),
            FontId::proportional(super::theme::text::BADGE),
            palette.severity(severity),
        );
    }
    // On the press, before the click moves the focus: Shift extends the
    // block from the cell focused so far, a plain click ends it.
    if response.hovered() && ui.input(|i| i.pointer.primary_pressed()) {
        if ui.input(|i| i.modifiers.shift) {
            extend_by_click(frame, view, spec.cell);
        } else {
            view.anchor = None;
        }
    }
    // Focus moved by a screen reader (or any focus request) lands on a cell
    // the form may have scrolled away from; a magnifier and a helper
    // looking over the clerk's shoulder must see it. A click changes nothing:
    // the cell is already in view.
    if response.gained_focus() {
        response.scroll_to_me(None);
    }
    if response.has_focus() {
        ui.painter().rect_stroke(
            rect.shrink(1.0),
            0.0,
            Stroke::new(2.0, palette.focus),
            egui::StrokeKind::Inside,
        );
    }
    if response.hovered() {
        response.on_hover_ui(|ui| tooltip(ui, frame, spec, computed));
    }
}

/// Shift+click: the block runs from the cell focused before the click (or
/// the existing anchor) to the clicked one.
fn extend_by_click(frame: &Frame, view: &mut View, clicked: &CellRef) {
    if view.anchor.is_none() {
        if let Some(Address::Cell(before)) = &frame.state.focus {
            if before != clicked {
                view.anchor = Some(before.clone());
            }
        }
    }
}

/// Findings, the computed value of a blank total, and last year's value.
fn tooltip(ui: &mut egui::Ui, frame: &Frame, spec: &CellSpec, computed: Option<&CellValue>) {
    let palette = Palette::of_ui(ui);
    ui.set_max_width(420.0);
    ui.label(RichText::new(&spec.label).strong());
    if let Some(mark) = frame.state.findings.cell(spec.cell) {
        let report = &frame.state.report;
        let lists = [
            (Severity::Error, &mark.errors, &report.errors),
            (Severity::Warning, &mark.warnings, &report.warnings),
        ];
        for (severity, indices, findings) in lists {
            for finding in indices.iter().filter_map(|&i| findings.get(i)) {
                ui.label(
                    RichText::new(format!("{} {}", severity_icon(severity), finding.message))
                        .color(palette.severity(severity)),
                );
            }
        }
    }
    let doc = &frame.state.doc;
    let current = doc.cell(spec.cell);
    match (current, computed) {
        // A written answer rarely fits its cell: show it whole.
        (Some(value), _) if spec.kind == CellKind::Text => {
            ui.label(value.to_string());
        }
        (None, Some(value)) => {
            ui.label(
                RichText::new(format!("未填写，自动计算：{value}"))
                    .italics()
                    .color(palette.computed),
            );
        }
        (None, None) => {
            ui.label(RichText::new("未填写").color(palette.weak));
        }
        _ => {}
    }
    if frame.state.settings.show_previous {
        if let Some(change) = frame.state.change_from_previous(spec.cell) {
            let year = doc.previous.as_ref().map(|p| p.year).unwrap_or_default();
            ui.label(format!("与上年（{year}年）对比：{change}"));
        }
    }
}
