//! The 与上年对比 window: per table, last year's value, this year's and the
//! change, the changes beyond the soft thresholds highlighted; above the
//! tables a chart of the key figures over the years when more than one year
//! is known (egui_plot). Without a linked last year it offers to choose the
//! file.

use eframe::egui;
use egui::{RichText, ScrollArea};
use egui_plot::{HoverPosition, Legend, Line, Plot, PlotPoints, Points};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::theme::{self, space, Palette};
use super::View;
use crate::app::state::{Command, EditorState};
use crate::compare::{
    change_text, ratio_text, Comparison, Line as CompareLine, YearFigures, SOFT_THRESHOLDS,
};
use crate::document::CellValue;

/// The window's title (tests find it by this).
pub const TITLE: &str = "与上年对比";

pub fn draw(ctx: &egui::Context, state: &EditorState, view: &mut View) {
    let Some(panel) = state.comparison_panel() else {
        return;
    };
    let comparison = state.comparison();
    let mut open = true;
    let [w, h] = theme::county::COMPARE_WINDOW;
    egui::Window::new(TITLE)
        .id(egui::Id::unique("nianbao-comparison"))
        .open(&mut open)
        .default_size([w, h])
        .default_pos(ctx.content_rect().center() - egui::vec2(w / 2.0, h / 2.0))
        .collapsible(false)
        .show(ctx, |ui| {
            let Some(comparison) = &comparison else {
                not_linked(ui, view);
                return;
            };
            head(ui, comparison);
            prose_shares(ui, state);
            if panel.years.len() > 1 {
                chart(ui, &panel.years);
            } else {
                ui.label(
                    RichText::new("把同一单位其他年度的报告放在本文件所在的文件夹中，即可显示历年主要指标的折线图。")
                        .color(Palette::of_ui(ui).weak),
                );
            }
            ui.separator();
            ScrollArea::vertical()
                .id_salt("comparison-tables")
                .auto_shrink([false, false])
                .show(ui, |ui| tables(ui, comparison));
        });
    if !open {
        view.send(Command::CloseComparison);
    }
}

/// No last year yet: say what the view needs and offer to choose it.
fn not_linked(ui: &mut egui::Ui, view: &mut View) {
    ui.label("尚未关联上年的报告：选择上年的年报文件后，这里逐项列出上年、本年和增减。");
    ui.add_space(space::MEDIUM);
    if ui.button("选择上年报告…").clicked() {
        view.leave_edit();
        view.send(Command::LinkLastYearDialog);
    }
}

fn head(ui: &mut egui::Ui, c: &Comparison) {
    ui.label(
        RichText::new(format!(
            "{} 年与 {} 年对比：{} 处变化较大",
            c.this_year,
            c.last_year,
            c.beyond()
        ))
        .strong(),
    );
    ui.label(
        RichText::new(format!(
            "变化较大（标黄）：增减至少 {} 且至少为上年的 {}%。未填写的不算作 0。",
            SOFT_THRESHOLDS.absolute,
            (SOFT_THRESHOLDS.relative * Decimal::from(100)).normalize()
        ))
        .color(Palette::of_ui(ui).weak),
    );
    ui.add_space(space::TIGHT);
}

/// Each part's text against last year's, as a percentage; above the
/// template's threshold in the warning colour.
fn prose_shares(ui: &mut egui::Ui, state: &EditorState) {
    let (parts, threshold) = state.prose_similarity();
    let known: Vec<_> = parts.iter().filter_map(|p| Some((p, p.percent?))).collect();
    if known.is_empty() {
        return;
    }
    let palette = Palette::of_ui(ui);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("正文与上年相同：").strong());
        for (part, percent) in known {
            let text = RichText::new(format!("{} {percent}%", part.name));
            let high = threshold.is_some_and(|t| percent > t);
            ui.label(if high {
                text.color(palette.warning)
            } else {
                text
            });
        }
    });
    let rule = threshold.map_or(String::new(), |t| format!("超过 {t}% 标黄；"));
    ui.label(
        RichText::new(format!(
            "按连续 {} 个字的重合计算（标点、空格不计，数字视为相同）；{rule}照搬上年文字在评议中会被扣分。",
            crate::validate::SIMILARITY_RUN
        ))
        .color(palette.weak),
    );
    ui.add_space(space::TIGHT);
}

/// One line per key figure over the years; a blank year is a gap, not 0.
fn chart(ui: &mut egui::Ui, years: &[YearFigures]) {
    let labels: Vec<String> = years
        .last()
        .map(|y| y.values.iter().map(|(l, _)| l.clone()).collect())
        .unwrap_or_default();
    Plot::new("comparison-chart")
        .height(theme::county::CHART_HEIGHT)
        .legend(Legend::default())
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .include_y(0.0)
        .x_axis_formatter(|mark, _| {
            if mark.value.fract() == 0.0 {
                format!("{} 年", mark.value as i64)
            } else {
                String::new()
            }
        })
        .label_formatter(|pos| match pos {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } if !plot_name.is_empty() => Some(format!(
                "{} 年 {plot_name}：{}",
                position.x.round() as i64,
                position.y
            )),
            _ => None,
        })
        .show(ui, |plot| {
            for (i, label) in labels.iter().enumerate() {
                let points = series(years, i);
                if points.is_empty() {
                    continue;
                }
                let color = theme::series_color(i);
                plot.line(
                    Line::new(label.as_str(), PlotPoints::new(points.clone()))
                        .color(color)
                        .width(2.0),
                );
                plot.points(
                    Points::new(label.as_str(), PlotPoints::new(points))
                        .color(color)
                        .radius(3.5),
                );
            }
        });
}

/// The years where figure `i` holds a number, as (year, value).
fn series(years: &[YearFigures], i: usize) -> Vec<[f64; 2]> {
    years
        .iter()
        .filter_map(|y| {
            let v = y.values.get(i)?.1?;
            Some([f64::from(y.year), v.to_f64()?])
        })
        .collect()
}

fn tables(ui: &mut egui::Ui, c: &Comparison) {
    let palette = Palette::of_ui(ui);
    for table in c.tables.iter().filter(|t| !t.lines.is_empty()) {
        let beyond = table.lines.iter().filter(|l| l.beyond).count();
        let title = if beyond > 0 {
            format!("{}（{} 处变化较大）", table.name, beyond)
        } else {
            table.name.clone()
        };
        egui::CollapsingHeader::new(RichText::new(title).strong())
            .id_salt(("comparison", &table.key))
            .default_open(true)
            .show(ui, |ui| {
                egui::Grid::new(("comparison-grid", &table.key))
                    .striped(true)
                    .spacing([theme::county::COLUMN_GAP, space::TIGHT])
                    .show(ui, |ui| {
                        for h in ["项目", "上年", "本年", "增减", "幅度"] {
                            ui.label(RichText::new(h).strong());
                        }
                        ui.end_row();
                        for l in &table.lines {
                            line(ui, l, &palette);
                            ui.end_row();
                        }
                    });
            });
    }
}

fn line(ui: &mut egui::Ui, l: &CompareLine, palette: &Palette) {
    let label = match (l.row.is_empty(), l.col.is_empty()) {
        (false, false) => format!("{} · {}", l.row, l.col),
        (true, _) => l.col.clone(),
        (_, true) => l.row.clone(),
    };
    ui.label(label);
    let value = |v: &Option<CellValue>| match v {
        Some(v) => RichText::new(v.to_string()),
        None => RichText::new("未填写").color(palette.weak),
    };
    ui.label(value(&l.last));
    ui.label(value(&l.this));
    let mut change = RichText::new(change_text(l.change));
    let mut ratio = RichText::new(ratio_text(l.ratio));
    if l.beyond {
        change = change.background_color(palette.warning_bg).strong();
        ratio = ratio.background_color(palette.warning_bg).strong();
    }
    ui.label(change);
    ui.label(ratio);
}
