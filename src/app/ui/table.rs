//! A statistics table drawn as the official grid: the block title
//! (第二十条第（一）项), the unit, merged multi-level column headers (申请人情况 ›
//! 法人或其他组织 › …; 行政诉讼 › 未经复议直接起诉 › …), row groups indented,
//! one cell per leaf column, and the caption. What goes where (spans, units,
//! the corner caption) comes from the core's [`TableLayout`]; this file only
//! measures and paints it.

use eframe::egui;
use egui::{Align2, FontId, Galley, Pos2, Rect, RichText, Sense, Stroke, Vec2};
use std::sync::Arc;

use super::cell::{self, CellSpec};
use super::theme::{self, Palette};
use super::{Frame, View};
use crate::layout::TableLayout;

use super::theme::grid::{
    HEADER_MIN_H, HEADER_PAD, INDENT, MAX_COL_W, MAX_TEXT_COL_W, MIN_COL_W, NARROW_COL_W, PAD,
    ROW_MIN_H, UNIT_COL_W,
};
use super::theme::text;

/// Widths of the grid's columns for the available width.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Widths {
    pub label: f32,
    pub unit: f32,
    pub col: f32,
}

impl Widths {
    pub fn for_table(layout: &TableLayout, available: f32) -> Widths {
        let leaves = layout.leaves.len();
        let has_labels = layout.has_labels();
        let unit = if layout.unit_header.is_some() {
            UNIT_COL_W
        } else {
            0.0
        };
        let n = leaves.max(1) as f32;
        let label_budget = if has_labels {
            (available * 0.42).clamp(180.0, 380.0)
        } else {
            0.0
        };
        // A written answer (申请公开的主要内容) needs more room than a number.
        let max_col = if layout.has_text_cells() {
            MAX_TEXT_COL_W
        } else {
            MAX_COL_W
        };
        let col = ((available - label_budget - unit) / n).clamp(MIN_COL_W, max_col);
        let label = if has_labels {
            (available - unit - col * n).clamp(180.0, 420.0)
        } else {
            0.0
        };
        Widths { label, unit, col }
    }

    fn total(&self, leaves: usize) -> f32 {
        self.label + self.unit + self.col * leaves as f32
    }
}

/// Lay out `text` to fit `width` (less `pad` on each side).
fn galley_padded(
    ui: &egui::Ui,
    text: &str,
    width: f32,
    pad: f32,
    font: FontId,
    strong: bool,
) -> Arc<Galley> {
    let color = ui.visuals().text_color();
    let mut rich = RichText::new(text).font(font).color(color);
    if strong {
        rich = rich.strong();
    }
    egui::WidgetText::from(rich).into_galley(
        ui,
        Some(egui::TextWrapMode::Wrap),
        (width - 2.0 * pad).max(10.0),
        egui::FontSelection::Default,
    )
}

fn galley(ui: &egui::Ui, text: &str, width: f32, font: FontId, strong: bool) -> Arc<Galley> {
    galley_padded(ui, text, width, PAD, font, strong)
}

/// Draw the whole table: title, unit line, header, rows, caption. The
/// layout is the state's, computed once per template.
pub fn show(ui: &mut egui::Ui, frame: &Frame, view: &mut View, layout: &TableLayout) {
    let palette = Palette::of_ui(ui);
    let widths = Widths::for_table(layout, ui.available_width());
    let total_w = widths.total(layout.leaves.len());
    ui.horizontal(|ui| {
        ui.set_width(total_w);
        if let Some(title) = &layout.title {
            ui.label(RichText::new(title).strong());
        }
        if let Some(unit) = &layout.unit_note {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(RichText::new(unit).color(palette.weak));
            });
        }
    });
    ui.scope(|ui| {
        // Rows touch each other like the printed grid.
        ui.spacing_mut().item_spacing.y = 0.0;
        header(ui, layout, &widths, &palette);
        body(ui, frame, view, layout, &widths, &palette);
    });
    if let Some(caption) = layout.caption_below() {
        ui.add_space(theme::space::HAIR);
        ui.label(RichText::new(caption).small().color(palette.weak));
    }
    ui.add_space(theme::space::LARGE);
}

fn header(ui: &mut egui::Ui, layout: &TableLayout, w: &Widths, palette: &Palette) {
    let boxes = &layout.header;
    // Narrow columns (表四) get a smaller header font so 结果维持 stays on one line.
    let font = FontId::proportional(if w.col < NARROW_COL_W {
        text::HEADER_NARROW
    } else {
        text::HEADER
    });
    let value_x = w.label + w.unit;
    let galleys: Vec<_> = boxes
        .iter()
        .map(|b| {
            galley_padded(
                ui,
                &b.text,
                w.col * b.span as f32,
                HEADER_PAD,
                font.clone(),
                false,
            )
        })
        .collect();
    let mut heights = vec![HEADER_MIN_H; layout.header_levels.max(1)];
    for (b, g) in boxes.iter().zip(&galleys).filter(|(b, _)| b.depth == 1) {
        heights[b.level] = heights[b.level].max(g.size().y + 2.0 * PAD);
    }
    for (b, g) in boxes.iter().zip(&galleys).filter(|(b, _)| b.depth > 1) {
        let have: f32 = heights[b.level..b.level + b.depth].iter().sum();
        let need = g.size().y + 2.0 * PAD;
        if need > have {
            heights[b.level + b.depth - 1] += need - have;
        }
    }
    let corner = (w.label > 0.0).then(|| {
        let small = FontId::proportional(font.size - 1.0);
        galley_padded(ui, layout.corner_text(), w.label, PAD, small, false)
    });
    let corner_h = corner.as_ref().map_or(0.0, |g| g.size().y + 2.0 * PAD);
    let total_h: f32 = heights.iter().sum::<f32>().max(corner_h);
    let total_w = w.total(layout.leaves.len());
    let (rect, _) = ui.allocate_exact_size(Vec2::new(total_w, total_h), Sense::hover());
    let painter = ui.painter_at(rect.expand(1.0));
    let stroke = Stroke::new(1.0, palette.grid);
    let y_of = |level: usize| rect.top() + heights[..level].iter().sum::<f32>();
    let boxed = |r: Rect, text: &Arc<Galley>| {
        painter.rect_filled(r, 0.0, palette.header_bg);
        painter.rect_stroke(r, 0.0, stroke, egui::StrokeKind::Middle);
        let pos = r.center() - text.size() / 2.0;
        painter.galley(pos, text.clone(), palette.text);
    };
    if let Some(g) = &corner {
        boxed(
            Rect::from_min_size(rect.min, Vec2::new(w.label, total_h)),
            g,
        );
    }
    if let Some(unit_header) = &layout.unit_header {
        let g = galley(ui, unit_header, w.unit, font.clone(), false);
        let min = Pos2::new(rect.left() + w.label, rect.top());
        boxed(Rect::from_min_size(min, Vec2::new(w.unit, total_h)), &g);
    }
    for (b, g) in boxes.iter().zip(&galleys) {
        let x = rect.left() + value_x + w.col * b.first as f32;
        let r = Rect::from_min_max(
            Pos2::new(x, y_of(b.level)),
            Pos2::new(x + w.col * b.span as f32, y_of(b.level + b.depth)),
        );
        boxed(r, g);
    }
}

fn body(
    ui: &mut egui::Ui,
    frame: &Frame,
    view: &mut View,
    layout: &TableLayout,
    w: &Widths,
    palette: &Palette,
) {
    let font = FontId::proportional(text::CELL);
    let stroke = Stroke::new(1.0, palette.grid);
    for row in &layout.rows {
        let indent = INDENT * row.depth as f32;
        let text = galley(ui, &row.label, w.label - indent, font.clone(), row.group);
        let h = if w.label > 0.0 {
            (text.size().y + 2.0 * PAD).max(ROW_MIN_H)
        } else {
            ROW_MIN_H
        };
        let total_w = w.total(layout.leaves.len());
        let (rect, _) = ui.allocate_exact_size(Vec2::new(total_w, h), Sense::hover());
        let painter = ui.painter().clone();
        if w.label > 0.0 {
            let r = Rect::from_min_size(rect.min, Vec2::new(w.label, h));
            let fill = if row.group {
                palette.group_bg
            } else {
                palette.cell_bg
            };
            painter.rect_filled(r, 0.0, fill);
            painter.rect_stroke(r, 0.0, stroke, egui::StrokeKind::Middle);
            let pos = Pos2::new(r.left() + PAD + indent, r.center().y - text.size().y / 2.0);
            painter.galley(pos, text, palette.text);
        }
        if layout.unit_header.is_some() {
            let r = Rect::from_min_size(
                Pos2::new(rect.left() + w.label, rect.top()),
                Vec2::new(w.unit, h),
            );
            if row.group {
                painter.rect_filled(r, 0.0, palette.group_bg);
            }
            painter.rect_stroke(r, 0.0, stroke, egui::StrokeKind::Middle);
            painter.text(
                r.center(),
                Align2::CENTER_CENTER,
                &row.unit,
                FontId::proportional(text::HEADER),
                palette.weak,
            );
        }
        let path: Vec<&str> = row.path.iter().map(String::as_str).collect();
        for (j, leaf) in layout.leaves.iter().enumerate() {
            let x = rect.left() + w.label + w.unit + w.col * j as f32;
            let r = Rect::from_min_size(Pos2::new(x, rect.top()), Vec2::new(w.col, h));
            match row.slots.get(j) {
                Some(slot) => {
                    let cols: Vec<&str> = leaf.path.iter().map(String::as_str).collect();
                    let spec = CellSpec {
                        cell: &slot.cell,
                        kind: slot.kind,
                        label: cell_label(&layout.name, &path, &cols),
                    };
                    cell::show(ui, frame, view, r, &spec);
                }
                None => {
                    painter.rect_filled(r, 0.0, palette.group_bg);
                }
            }
            painter.rect_stroke(r, 0.0, stroke, egui::StrokeKind::Middle);
        }
    }
}

/// `表三 一、本年新收政府信息公开申请数量 自然人`: table name, row path, column path.
pub fn cell_label(table_name: &str, row_path: &[&str], col_path: &[&str]) -> String {
    std::iter::once(table_name)
        .chain(row_path.iter().copied())
        .chain(col_path.iter().copied())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(key: &str) -> TableLayout {
        TableLayout::of(crate::template::get("gk2021").unwrap().table(key).unwrap())
    }

    #[test]
    fn widths_fit_the_form_at_office_screen_size() {
        let w = Widths::for_table(&t("t3"), 860.0);
        assert!(w.total(7) <= 860.5, "{w:?}");
        assert!(w.col >= MIN_COL_W && w.label >= 180.0, "{w:?}");
        let w = Widths::for_table(&t("t4"), 860.0);
        assert_eq!(w.label, 0.0);
        assert!(w.total(15) <= 860.5, "{w:?}");
    }

    #[test]
    fn a_written_answer_gets_a_wider_column() {
        let legacy = crate::template::get("legacy-national").unwrap();
        let stat = TableLayout::of(legacy.table("stat").unwrap());
        assert!(stat.has_text_cells() && !t("t3").has_text_cells());
        let w = Widths::for_table(&stat, 860.0);
        assert!(w.col > MAX_COL_W && w.total(1) <= 860.5, "{w:?}");
        assert!(w.label >= 380.0, "long indicator labels keep room: {w:?}");
    }

    #[test]
    fn cell_label_skips_empty_parts() {
        assert_eq!(
            cell_label("表三", &["一、本年新收政府信息公开申请数量"], &["自然人"]),
            "表三 一、本年新收政府信息公开申请数量 自然人"
        );
        assert_eq!(
            cell_label("表四", &[""], &["行政复议", "结果维持"]),
            "表四 行政复议 结果维持"
        );
    }
}
