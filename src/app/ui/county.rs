//! The 汇总多个报告 window: every town's report in one sortable list (unit,
//! ✖ errors, ⚠ warnings, key figures; units that did not report in grey),
//! the sum's failing identities with the towns causing them, and the
//! buttons to open a town, export the workbook or start the county's report.

use eframe::egui;
use egui::{RichText, ScrollArea};
use rust_decimal::Decimal;

use super::theme::{self, severity_icon, space, Palette};
use super::View;
use crate::app::state::{Command, CountyJob, CountyPanel, CountySort, EditorState, EXPECTED_FILE};
use crate::rollup::Sum;
use crate::rollup::TownRow;
use crate::template::Severity;

/// The window's title (tests find it by this).
pub const TITLE: &str = "汇总多个报告";

pub fn draw(ctx: &egui::Context, state: &EditorState, view: &mut View) {
    if let Some(job) = state.county_job() {
        reading(ctx, job, view);
        return;
    }
    let Some(panel) = state.county() else {
        return;
    };
    let mut open = true;
    let mut sent: Vec<Command> = Vec::new();
    let [w, h] = theme::county::WINDOW;
    egui::Window::new(TITLE)
        .id(egui::Id::unique("nianbao-county"))
        .open(&mut open)
        .default_size([w, h])
        .default_pos(ctx.content_rect().center() - egui::vec2(w / 2.0, h / 2.0))
        .collapsible(false)
        .show(ctx, |ui| {
            head(ui, panel);
            buttons(ui, &mut sent);
            ui.separator();
            let list_height = (ui.available_height() - theme::county::FINDINGS_HEIGHT)
                .max(theme::county::FINDINGS_HEIGHT);
            let row_height = ui.spacing().interact_size.y + space::SMALL;
            // Only the rows in view are laid out: a province lists 30,000.
            ScrollArea::both()
                .id_salt("county-towns")
                .max_height(list_height)
                .auto_shrink([false, false])
                .show_rows(ui, row_height, panel.rows().len() + 1, |ui, range| {
                    towns(ui, panel, range, &mut sent);
                });
            ui.separator();
            ScrollArea::vertical()
                .id_salt("county-sum")
                .auto_shrink([false, true])
                .show(ui, |ui| problems(ui, panel));
        });
    if !open {
        sent.push(Command::CloseCounty);
    }
    for cmd in sent {
        if matches!(cmd, Command::Open(_) | Command::NewCountyReport) {
            view.leave_edit();
        }
        view.send(cmd);
    }
}

/// While the roll-up is read: how far it got, and 取消.
fn reading(ctx: &egui::Context, job: &CountyJob, view: &mut View) {
    let mut open = true;
    let mut cancel = false;
    egui::Window::new(TITLE)
        .id(egui::Id::unique("nianbao-county-reading"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            ui.label(format!("正在汇总：{}", job.source.display()));
            ui.add(
                egui::ProgressBar::new(job.fraction())
                    .text(job.label())
                    .desired_width(theme::county::PROGRESS_WIDTH),
            );
            cancel = ui.button("取消").clicked();
        });
    if cancel || !open {
        view.send(Command::CancelRollup);
    }
}

/// What was read, from where, against which list of units.
fn head(ui: &mut egui::Ui, panel: &CountyPanel) {
    let weak = Palette::of_ui(ui).weak;
    ui.label(RichText::new(panel.summary()).strong());
    ui.label(RichText::new(format!("来源：{}", panel.source.display())).color(weak));
    let list = if panel.expected > 0 {
        format!("应报单位名单：{EXPECTED_FILE}（{} 个单位）", panel.expected)
    } else {
        format!("在文件夹中放一个“{EXPECTED_FILE}”（每行一个单位名称），即可列出缺报的单位。")
    };
    ui.label(RichText::new(list).color(weak));
    ui.add_space(space::TIGHT);
}

fn buttons(ui: &mut egui::Ui, sent: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        if ui
            .button("导出 Excel 工作簿…")
            .on_hover_text("每张统计表一页（与报表格式相同，合并表头），另有各单位清单和汇总校验")
            .clicked()
        {
            sent.push(Command::ExportRollupDialog);
        }
        if ui
            .button("导出退回修改清单…")
            .on_hover_text("列出有错误的报告及每处错误（按官方行列名称），以及缺报、重复报送和无法读取的文件；文本文件，可直接发给各单位")
            .clicked()
        {
            sent.push(Command::SendBackDialog);
        }
        if ui
            .button("按合计新建县级报告")
            .on_hover_text("新建一份县级政府报告，统计表按本年各单位的合计预先填好")
            .clicked()
        {
            sent.push(Command::NewCountyReport);
        }
        if ui.button("汇总其他文件夹…").clicked() {
            sent.push(Command::RollupDialog);
        }
    });
}

/// A column heading that sorts on click, with ↑ / ↓ on the sorted one (both in the bundled font).
fn heading(ui: &mut egui::Ui, panel: &CountyPanel, text: &str, key: CountySort) -> Option<Command> {
    let arrow = match (panel.sort == key, panel.descending) {
        (true, false) => " ↑",
        (true, true) => " ↓",
        (false, _) => "",
    };
    let clicked = ui
        .add(egui::Button::new(RichText::new(format!("{text}{arrow}")).strong()).frame(false))
        .on_hover_text("点击排序，再点一次倒序")
        .clicked();
    clicked.then_some(Command::SortCounty(key))
}

/// The heading, then the rows of `range` (counted with the heading as row 0).
fn towns(
    ui: &mut egui::Ui,
    panel: &CountyPanel,
    range: std::ops::Range<usize>,
    sent: &mut Vec<Command>,
) {
    let palette = Palette::of_ui(ui);
    let labels = panel.rollup.figure_labels();
    egui::Grid::new("county-grid")
        .striped(true)
        .spacing([theme::county::COLUMN_GAP, space::SMALL])
        .min_col_width(theme::county::MIN_COLUMN)
        .show(ui, |ui| {
            // The heading heads whatever rows are in view.
            let mut head = vec![
                heading(ui, panel, "单位", CountySort::Unit),
                heading(ui, panel, "✖ 错误", CountySort::Errors),
                heading(ui, panel, "⚠ 提示", CountySort::Warnings),
            ];
            for (i, label) in labels.iter().enumerate() {
                head.push(heading(ui, panel, label, CountySort::Figure(i)));
            }
            ui.end_row();
            sent.extend(head.into_iter().flatten());
            let rows = panel.rows();
            let shown = range.start.saturating_sub(1)..range.end.saturating_sub(1).min(rows.len());
            for row in rows.get(shown).unwrap_or_default() {
                town_row(ui, row, &palette, sent);
                ui.end_row();
            }
        });
}

fn town_row(ui: &mut egui::Ui, row: &TownRow, palette: &Palette, sent: &mut Vec<Command>) {
    let Some(file) = &row.file else {
        ui.label(RichText::new(format!("{}（缺报）", row.unit)).color(palette.weak));
        for _ in 0..2 + row.figures.len() {
            ui.label(RichText::new("—").color(palette.weak));
        }
        return;
    };
    let mut name = row.unit.clone();
    if let Some(year) = row.year {
        name.push_str(&format!("（{year}）"));
    }
    if row.duplicate() {
        name.push_str(" 重复");
    }
    ui.horizontal(|ui| {
        let link = ui
            .link(name)
            .on_hover_text(format!("打开 {}（有未保存的修改时先询问）", file.display()));
        if link.clicked() {
            sent.push(Command::Open(file.clone()));
        }
        if row.late {
            ui.label(RichText::new("逾期").color(palette.warning))
                .on_hover_text(
                "文件保存时间晚于报送截止日期（县里设定的备案日期，未设定时按《条例》第四十九条）",
            );
        }
    });
    count(ui, row.errors, palette.error);
    count(ui, row.warnings, palette.warning);
    for v in &row.figures {
        ui.label(figure_text(*v, palette));
    }
}

fn count(ui: &mut egui::Ui, n: usize, color: egui::Color32) {
    let text = RichText::new(n.to_string());
    ui.label(if n > 0 {
        text.color(color).strong()
    } else {
        text
    });
}

/// A figure; blank shows 未填 in grey, never 0.
fn figure_text(v: Option<Decimal>, palette: &Palette) -> RichText {
    match v {
        Some(d) => RichText::new(d.normalize().to_string()),
        None => RichText::new("未填").color(palette.weak),
    }
}

/// Files that could not be read, then the sum's failing identities.
fn problems(ui: &mut egui::Ui, panel: &CountyPanel) {
    let palette = Palette::of_ui(ui);
    for u in &panel.rollup.unreadable {
        let line = format!("✖ 无法读取 {}：{}", u.file.display(), u.message);
        ui.label(RichText::new(line).color(palette.error));
    }
    match panel.rollup.main_sum() {
        Some(sum) => sum_findings(ui, sum, &palette),
        None => {
            ui.label("没有可汇总的报告。");
        }
    }
}

/// The summed tables' failing identities, with the towns causing each.
fn sum_findings(ui: &mut egui::Ui, sum: &Sum, palette: &Palette) {
    let errors: Vec<_> = sum
        .findings
        .iter()
        .filter(|f| f.finding.severity == Severity::Error)
        .collect();
    let head = if errors.is_empty() {
        format!(
            "合计（{} 年，{} 份报告）：勾稽关系全部相符。",
            sum.year, sum.reports
        )
    } else {
        format!(
            "合计（{} 年，{} 份报告）：{} 处勾稽关系不符",
            sum.year,
            sum.reports,
            errors.len()
        )
    };
    ui.label(RichText::new(head).strong());
    for f in errors {
        let towns = if f.towns.is_empty() {
            String::new()
        } else {
            format!("（涉及：{}）", f.towns.join("、"))
        };
        let line = format!(
            "{} {}{towns}",
            severity_icon(Severity::Error),
            f.finding.message
        );
        ui.label(RichText::new(line).color(palette.error));
    }
    let incomplete = sum.incomplete();
    if !incomplete.is_empty() {
        ui.label(
            RichText::new(format!(
                "{} 个单元格有单位未填写，合计只含已填写的（导出的工作簿在单元格批注中注明份数）。",
                incomplete.len()
            ))
            .color(palette.warning),
        );
    }
}
