//! A statistics table drawn as the official grid: the block title
//! (第二十条第（一）项), the unit, merged multi-level column headers (申请人情况 ›
//! 法人或其他组织 › …; 行政诉讼 › 未经复议直接起诉 › …), row groups indented,
//! one cell per leaf column, and the caption.

use eframe::egui;
use egui::{Align2, FontId, Galley, Pos2, Rect, RichText, Sense, Stroke, Vec2};
use std::sync::Arc;

use super::cell::{self, CellSpec};
use super::theme::Palette;
use super::{Frame, View};
use crate::document::CellRef;
use crate::template::{CellKind, Column, Table};

const PAD: f32 = 5.0;
const ROW_MIN_H: f32 = 30.0;
const INDENT: f32 = 16.0;
const MIN_COL_W: f32 = 54.0;
const MAX_COL_W: f32 = 140.0;
const MAX_TEXT_COL_W: f32 = 260.0;

fn has_text_cells(table: &Table) -> bool {
    table.cells().iter().any(|c| c.kind == CellKind::Text)
}

/// One header box: its text and where it sits in columns and levels.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderBox<'t> {
    pub label: &'t str,
    /// A leaf column's own unit where it differs from the table's
    /// (采购总金额 in 万元 under 单位：件).
    pub unit: Option<&'t str>,
    /// First leaf column and number of leaf columns covered.
    pub first: usize,
    pub span: usize,
    /// First header level and number of levels covered.
    pub level: usize,
    pub depth: usize,
}

/// Header boxes of a table above its value columns, outermost first.
/// `header_title` (申请人情况) adds a level spanning every column.
pub fn header_boxes(table: &Table) -> (Vec<HeaderBox<'_>>, usize) {
    let top = usize::from(table.header_title.is_some());
    let levels = top + table.header_depth();
    let mut out = Vec::new();
    if let Some(title) = &table.header_title {
        out.push(HeaderBox {
            label: title,
            unit: None,
            first: 0,
            span: table.leaf_columns().len(),
            level: 0,
            depth: 1,
        });
    }
    let at = Placing {
        levels,
        table_unit: table.unit.as_deref(),
    };
    place(&table.columns, top, &at, &mut 0, &mut out);
    (out, levels)
}

impl HeaderBox<'_> {
    /// The words in the box: `采购总金额（万元）` when the column has its own unit.
    pub fn text(&self) -> String {
        match self.unit {
            Some(unit) => format!("{}（{unit}）", self.label),
            None => self.label.to_string(),
        }
    }
}

/// What every level of the header placement needs to know.
struct Placing<'t> {
    levels: usize,
    table_unit: Option<&'t str>,
}

fn leaf_count(col: &Column) -> usize {
    if col.children.is_empty() {
        1
    } else {
        col.children.iter().map(leaf_count).sum()
    }
}

fn place<'t>(
    cols: &'t [Column],
    level: usize,
    at: &Placing<'t>,
    next: &mut usize,
    out: &mut Vec<HeaderBox<'t>>,
) {
    for col in cols {
        let span = leaf_count(col);
        let leaf = col.children.is_empty();
        let depth = if leaf { at.levels - level } else { 1 };
        out.push(HeaderBox {
            label: &col.label,
            unit: col
                .unit
                .as_deref()
                .filter(|u| leaf && Some(*u) != at.table_unit),
            first: *next,
            span,
            level,
            depth,
        });
        if col.children.is_empty() {
            *next += 1;
        } else {
            place(&col.children, level + 1, at, next, out);
        }
    }
}

/// Widths of the grid's columns for the available width.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Widths {
    pub label: f32,
    pub unit: f32,
    pub col: f32,
}

impl Widths {
    pub fn for_table(table: &Table, available: f32, leaves: usize) -> Widths {
        let has_labels =
            table.flat_rows().iter().any(|r| !r.row.label.is_empty()) || !table.corner.is_empty();
        let unit = if table.unit_column.is_some() {
            52.0
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
        let max_col = if has_text_cells(table) {
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

/// Draw the whole table: title, unit line, header, rows, caption.
pub fn show(ui: &mut egui::Ui, frame: &Frame, view: &mut View, table: &Table) {
    let palette = Palette::of_ui(ui);
    let leaves = table.leaf_columns();
    let widths = Widths::for_table(table, ui.available_width(), leaves.len());
    let total_w = widths.total(leaves.len());
    ui.horizontal(|ui| {
        ui.set_width(total_w);
        if let Some(title) = &table.title {
            ui.label(RichText::new(title).strong());
        }
        if let Some(unit) = &table.unit {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(RichText::new(format!("单位：{unit}")).color(palette.weak));
            });
        }
    });
    ui.scope(|ui| {
        // Rows touch each other like the printed grid.
        ui.spacing_mut().item_spacing.y = 0.0;
        header(ui, table, &widths, &palette);
        body(ui, frame, view, table, &widths, &palette);
    });
    if let (Some(caption), false) = (&table.caption, caption_in_corner(table)) {
        ui.add_space(2.0);
        ui.label(RichText::new(caption).small().color(palette.weak));
    }
    ui.add_space(10.0);
}

/// The printed form puts 表三's 勾稽关系 caption in the empty top-left header
/// cell; a table with its own corner label (信息内容) keeps it below the grid.
fn caption_in_corner(table: &Table) -> bool {
    table.caption.is_some() && table.corner.is_empty()
}

/// What the top-left header cell shows.
fn corner_text(table: &Table) -> &str {
    match &table.caption {
        Some(caption) if caption_in_corner(table) => caption,
        _ => &table.corner,
    }
}

fn header(ui: &mut egui::Ui, table: &Table, w: &Widths, palette: &Palette) {
    let (boxes, levels) = header_boxes(table);
    // Narrow columns (表四) get a smaller header font so 结果维持 stays on one line.
    let font = FontId::proportional(if w.col < 66.0 { 13.0 } else { 14.0 });
    let value_x = w.label + w.unit;
    let galleys: Vec<_> = boxes
        .iter()
        .map(|b| {
            galley_padded(
                ui,
                &b.text(),
                w.col * b.span as f32,
                2.0,
                font.clone(),
                false,
            )
        })
        .collect();
    let mut heights = vec![24.0_f32; levels.max(1)];
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
        galley_padded(ui, corner_text(table), w.label, PAD, small, false)
    });
    let corner_h = corner.as_ref().map_or(0.0, |g| g.size().y + 2.0 * PAD);
    let total_h: f32 = heights.iter().sum::<f32>().max(corner_h);
    let (rect, _) = ui.allocate_exact_size(Vec2::new(w.total_of(table), total_h), Sense::hover());
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
    if let Some(unit_header) = &table.unit_column {
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

impl Widths {
    fn total_of(&self, table: &Table) -> f32 {
        self.total(table.leaf_columns().len())
    }
}

fn body(
    ui: &mut egui::Ui,
    frame: &Frame,
    view: &mut View,
    table: &Table,
    w: &Widths,
    palette: &Palette,
) {
    let flat = table.flat_rows();
    let leaves = table.leaf_columns();
    let font = FontId::proportional(14.5);
    let stroke = Stroke::new(1.0, palette.grid);
    for (i, fr) in flat.iter().enumerate() {
        let indent = INDENT * fr.depth as f32;
        let text = galley(
            ui,
            &fr.row.label,
            w.label - indent,
            font.clone(),
            fr.row.group,
        );
        let h = if w.label > 0.0 {
            (text.size().y + 2.0 * PAD).max(ROW_MIN_H)
        } else {
            ROW_MIN_H
        };
        let (rect, _) = ui.allocate_exact_size(Vec2::new(w.total(leaves.len()), h), Sense::hover());
        let painter = ui.painter().clone();
        if w.label > 0.0 {
            let r = Rect::from_min_size(rect.min, Vec2::new(w.label, h));
            let fill = if fr.row.group {
                palette.group_bg
            } else {
                palette.cell_bg
            };
            painter.rect_filled(r, 0.0, fill);
            painter.rect_stroke(r, 0.0, stroke, egui::StrokeKind::Middle);
            let pos = Pos2::new(r.left() + PAD + indent, r.center().y - text.size().y / 2.0);
            painter.galley(pos, text, palette.text);
        }
        if table.unit_column.is_some() {
            let r = Rect::from_min_size(
                Pos2::new(rect.left() + w.label, rect.top()),
                Vec2::new(w.unit, h),
            );
            if fr.row.group {
                painter.rect_filled(r, 0.0, palette.group_bg);
            }
            painter.rect_stroke(r, 0.0, stroke, egui::StrokeKind::Middle);
            let unit = leaves
                .first()
                .and_then(|c| table.cell_unit(fr.row, c.column))
                .unwrap_or("");
            painter.text(
                r.center(),
                Align2::CENTER_CENTER,
                unit,
                FontId::proportional(14.0),
                palette.weak,
            );
        }
        let path = Table::row_path(&flat, i);
        for (j, leaf) in leaves.iter().enumerate() {
            let x = rect.left() + w.label + w.unit + w.col * j as f32;
            let r = Rect::from_min_size(Pos2::new(x, rect.top()), Vec2::new(w.col, h));
            if fr.row.group {
                painter.rect_filled(r, 0.0, palette.group_bg);
            } else {
                let cell = CellRef::new(&table.key, &fr.row.key, &leaf.column.key);
                let label = cell_label(&table.name, &path, &leaf.path());
                let spec = CellSpec {
                    cell: &cell,
                    kind: table.cell_kind(fr.row, leaf.column),
                    label,
                };
                cell::show(ui, frame, view, r, &spec);
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

    fn t(key: &str) -> &'static Table {
        crate::template::get("gk2021").unwrap().table(key).unwrap()
    }

    #[test]
    fn table3_header_merges_applicant_groups() {
        let (boxes, levels) = header_boxes(t("t3"));
        assert_eq!(levels, 3);
        let title = &boxes[0];
        assert_eq!((title.label, title.span, title.depth), ("申请人情况", 7, 1));
        let natural = boxes.iter().find(|b| b.label == "自然人").unwrap();
        assert_eq!((natural.first, natural.level, natural.depth), (0, 1, 2));
        let legal = boxes.iter().find(|b| b.label == "法人或其他组织").unwrap();
        assert_eq!((legal.first, legal.span, legal.depth), (1, 5, 1));
        let total = boxes.iter().find(|b| b.label == "总计").unwrap();
        assert_eq!((total.first, total.level, total.depth), (6, 1, 2));
    }

    #[test]
    fn table4_header_nests_litigation() {
        let (boxes, levels) = header_boxes(t("t4"));
        assert_eq!(levels, 3);
        let review = boxes.iter().find(|b| b.label == "行政复议").unwrap();
        assert_eq!((review.span, review.depth), (5, 1));
        let upheld = boxes.iter().find(|b| b.label == "结果维持").unwrap();
        assert_eq!((upheld.level, upheld.depth), (1, 2));
        let direct = boxes
            .iter()
            .find(|b| b.label == "未经复议直接起诉")
            .unwrap();
        assert_eq!((direct.first, direct.span, direct.level), (5, 5, 1));
        let after = boxes.iter().find(|b| b.label == "复议后起诉").unwrap();
        assert_eq!(after.first, 10);
        let spans: usize = boxes.iter().filter(|b| b.level == 0).map(|b| b.span).sum();
        assert_eq!(spans, 15);
    }

    #[test]
    fn widths_fit_the_form_at_office_screen_size() {
        let w = Widths::for_table(t("t3"), 860.0, 7);
        assert!(w.total(7) <= 860.5, "{w:?}");
        assert!(w.col >= MIN_COL_W && w.label >= 180.0, "{w:?}");
        let w = Widths::for_table(t("t4"), 860.0, 15);
        assert_eq!(w.label, 0.0);
        assert!(w.total(15) <= 860.5, "{w:?}");
    }

    #[test]
    fn a_column_with_its_own_unit_says_so() {
        let t2019 = crate::template::get("gk2019").unwrap();
        let buying = t2019
            .tables()
            .map(|(_, t)| t)
            .find(|t| {
                t.leaf_columns()
                    .iter()
                    .any(|c| c.column.label == "采购总金额")
            })
            .unwrap();
        let (boxes, _) = header_boxes(buying);
        let texts: Vec<String> = boxes.iter().map(HeaderBox::text).collect();
        assert!(
            texts.contains(&"采购总金额（万元）".to_string()),
            "{texts:?}"
        );
        assert!(texts.contains(&"采购项目数量".to_string()), "{texts:?}");
    }

    #[test]
    fn a_written_answer_gets_a_wider_column() {
        let legacy = crate::template::get("legacy-national").unwrap();
        let stat = legacy.table("stat").unwrap();
        assert!(has_text_cells(stat) && !has_text_cells(t("t3")));
        let w = Widths::for_table(stat, 860.0, 1);
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
