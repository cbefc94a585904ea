//! The 导入报告 window: what an import placed, what it could not and why —
//! the list `nianbao import` prints. It opens by itself after an import,
//! can be hidden and reopened (视图 › 导入报告) until the clerk closes the
//! report; an item naming a cell focuses it on click.

use eframe::egui;
use egui::{RichText, ScrollArea};

use super::theme::{self, Palette};
use super::View;
use crate::app::state::{placed_target, unplaced_target, Command, EditorState, ImportReport};
use crate::document::Address;
use crate::import::report::{excerpt, group_unplaced};
use crate::import::{Placed, Unplaced};

pub fn draw(ctx: &egui::Context, state: &EditorState, view: &mut View) {
    let Some(report) = state.import_report() else {
        view.import.report_open = false;
        return;
    };
    if view.import.seen != Some(report.imported_at) {
        view.import.seen = Some(report.imported_at);
        view.import.report_open = true;
    }
    if !view.import.report_open {
        return;
    }
    let mut open = true;
    let mut clicked: Option<Address> = None;
    let mut dismiss = false;
    egui::Window::new("导入报告")
        .id(egui::Id::unique("nianbao-import-report"))
        .open(&mut open)
        .default_size([600.0, 520.0])
        .default_pos(ctx.content_rect().center() - egui::vec2(300.0, 260.0))
        .collapsible(false)
        .show(ctx, |ui| {
            head(ui, state, report);
            ui.separator();
            ScrollArea::vertical()
                .id_salt("import-report")
                .max_height(ui.available_height() - 36.0)
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    unplaced_list(ui, state, &report.unplaced, &mut clicked);
                    flagged_list(ui, state, report, &mut clicked);
                    placed_list(ui, state, &report.matched, &mut clicked);
                });
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button("复制报告文本").clicked() {
                    ui.ctx().copy_text(report.text.clone());
                }
                if ui
                    .button("关闭报告")
                    .on_hover_text("不再保留这份导入报告")
                    .clicked()
                {
                    dismiss = true;
                }
            });
        });
    view.import.report_open = open;
    if let Some(address) = clicked {
        view.leave_edit();
        view.send(Command::Focus(address));
        // Re-request egui focus even if the state's focus is unchanged.
        view.synced_focus = None;
    }
    if dismiss {
        view.import.report_open = false;
        view.send(Command::DismissImportReport);
    }
}

fn head(ui: &mut egui::Ui, state: &EditorState, report: &ImportReport) {
    let palette = Palette::of_ui(ui);
    let template = crate::template::get(&report.template)
        .map(|t| t.name.clone())
        .unwrap_or_else(|| report.template.clone());
    ui.label(format!("来源：{}", report.source));
    ui.label(format!("模板：{template}"));
    let doc = &state.doc;
    ui.label(format!(
        "单位：{}（{}）  年度：{}",
        if doc.meta.unit.is_empty() {
            "（未识别）"
        } else {
            &doc.meta.unit
        },
        doc.meta.level.label(),
        doc.meta.year
    ));
    for (group, notes) in crate::import::notes::grouped(&report.notes) {
        ui.label(
            RichText::new(format!("{}：", group.label()))
                .color(palette.weak)
                .strong(),
        );
        for note in notes {
            ui.label(RichText::new(format!("　{note}")).color(palette.weak));
        }
    }
    let color = if report.unplaced.is_empty() {
        palette.text
    } else {
        palette.warning
    };
    ui.label(RichText::new(report.summary()).color(color).strong());
    ui.label(
        RichText::new("导入的合计按原文保留；右侧“校验结果”列出与勾稽关系不符之处。")
            .color(palette.weak),
    );
}

/// One line of the list; clickable when it names a cell.
fn entry(
    ui: &mut egui::Ui,
    text: RichText,
    target: Option<Address>,
    clicked: &mut Option<Address>,
) {
    let button = egui::Button::new(text)
        .frame(false)
        .wrap_mode(egui::TextWrapMode::Wrap);
    let response = ui.add(button);
    let response = match &target {
        Some(_) => response.on_hover_text("点击定位到单元格"),
        None => response,
    };
    if response.clicked() {
        if let Some(address) = target {
            *clicked = Some(address);
        }
    }
}

/// What could not be placed, one group per reason (seed 002 has sixteen
/// identical reasons for 表四's extra numbers): the reason, its count and the
/// condensed values; open a group to see, and click, each item.
fn unplaced_list(
    ui: &mut egui::Ui,
    state: &EditorState,
    list: &[Unplaced],
    clicked: &mut Option<Address>,
) {
    if list.is_empty() {
        return;
    }
    let palette = Palette::of_ui(ui);
    ui.label(
        RichText::new(format!("✖ 未能放置（{}）", list.len()))
            .color(palette.error)
            .strong(),
    );
    for (g, group) in group_unplaced(list).iter().enumerate() {
        let title = format!("✖ {}（{} 项）", group.reason, group.count);
        // The condensed values wrap under the title; opened, each item.
        egui::CollapsingHeader::new(RichText::new(title))
            .id_salt(("import-unplaced", g))
            .default_open(false)
            .show(ui, |ui| {
                for &i in &group.items {
                    unplaced_entry(ui, state, &list[i], clicked);
                }
            });
        ui.label(RichText::new(&group.summary).small().color(palette.weak));
        ui.add_space(theme::space::HAIR);
    }
    ui.add_space(theme::space::MEDIUM);
}

fn unplaced_entry(
    ui: &mut egui::Ui,
    state: &EditorState,
    u: &Unplaced,
    clicked: &mut Option<Address>,
) {
    let mut line = format!("“{}”（{}）", excerpt(&u.text), excerpt(&u.context));
    if !u.candidates.is_empty() {
        let names: Vec<String> = u.candidates.iter().map(|c| state.cell_label(c)).collect();
        line.push_str(&format!("：可能是 {}", names.join("、")));
    }
    entry(ui, RichText::new(line), unplaced_target(u), clicked);
}

fn flagged_list(
    ui: &mut egui::Ui,
    state: &EditorState,
    report: &ImportReport,
    clicked: &mut Option<Address>,
) {
    let flagged: Vec<&Placed> = report.flagged().collect();
    if flagged.is_empty() {
        return;
    }
    let palette = Palette::of_ui(ui);
    ui.label(
        RichText::new(format!("⚠ 需要核对（{}）", flagged.len()))
            .color(palette.warning)
            .strong(),
    );
    for p in flagged {
        let note = p.note.as_deref().unwrap_or_default();
        let line = format!("⚠ {} = {}：{note}", state.cell_label(&p.cell), p.original);
        entry(ui, RichText::new(line), Some(placed_target(p)), clicked);
        ui.add_space(theme::space::HAIR);
    }
    ui.add_space(theme::space::MEDIUM);
}

fn placed_list(
    ui: &mut egui::Ui,
    state: &EditorState,
    list: &[Placed],
    clicked: &mut Option<Address>,
) {
    egui::CollapsingHeader::new(format!("✓ 已放置 {} 个单元格", list.len()))
        .id_salt("import-placed")
        .default_open(false)
        .show(ui, |ui| {
            for p in list {
                let line = format!("✓ {} = {}", state.cell_label(&p.cell), p.original);
                entry(ui, RichText::new(line), Some(placed_target(p)), clicked);
            }
        });
}
