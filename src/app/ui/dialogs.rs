//! Modal dialogs the window owns: 新建 (template, year, unit, level) and the
//! help texts. Questions the state asks (保存/不保存/取消, recovery)
//! are drawn by `questions.rs`.

use eframe::egui;
use egui::{Align, Layout, Modal, RichText, TextEdit};

use super::dialog_frame::{self, Pressed};
use super::theme::{self, Palette};
use crate::app::state::NewReportSpec;
use crate::document::UnitLevel;
use crate::template::Template;

/// The 新建 dialog's fields while the clerk fills them in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewForm {
    pub template: String,
    pub year: String,
    pub unit: String,
    pub level: UnitLevel,
    pub problem: Option<String>,
    /// The unit-name field should (again) take the keyboard focus.
    pub wants_focus: bool,
}

impl NewForm {
    /// Start from the state's defaults ([`EditorState::new_report_defaults`]:
    /// the current template for last calendar year, this unit and level).
    ///
    /// [`EditorState::new_report_defaults`]: crate::app::state::EditorState::new_report_defaults
    pub fn new(defaults: &NewReportSpec) -> NewForm {
        NewForm {
            template: defaults.template.clone(),
            year: defaults.year.to_string(),
            unit: defaults.unit.clone(),
            level: defaults.level,
            problem: None,
            wants_focus: true,
        }
    }

    /// The report to create, or what is missing. The year is read by the
    /// core's rule (full-width digits, `2025年`, 1990–2100), as the cover's
    /// year field reads it.
    pub fn spec(&self) -> Result<NewReportSpec, String> {
        let year = crate::document::edit::parse_year(&self.year).map_err(|_| {
            format!(
                "报告年度应为四位年份，如 2025（收到“{}”）",
                self.year.trim()
            )
        })?;
        if self.unit.trim().is_empty() {
            return Err("请填写单位名称".to_string());
        }
        if crate::template::get(&self.template).is_none() {
            return Err(format!("没有这个模板：{}", self.template));
        }
        Ok(NewReportSpec {
            template: self.template.clone(),
            year,
            unit: self.unit.trim().to_string(),
            level: self.level,
        })
    }
}

/// A modal dialog on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dialog {
    /// The start offer when the editor opens without a file.
    Welcome {
        last: Option<std::path::PathBuf>,
    },
    New(NewForm),
    /// 已核实: mark a warning as checked, with a note.
    Review(super::review_dialog::ReviewForm),
    /// 报送要求: the county's 备案 date and length caps.
    CountyRules(super::county_rules::CountyRulesForm),
    Help,
    FormatHelp,
    About,
}

/// What the clerk decided in a dialog.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Still open.
    Open,
    Closed,
    Create(NewReportSpec),
    /// Run a menu action (the start offer's choices).
    Act(super::menu::Action),
    /// Apply a state command (已核实).
    Send(crate::app::state::Command),
}

pub fn show(ctx: &egui::Context, dialog: &mut Dialog, template: &Template) -> Outcome {
    let modal = Modal::new(egui::Id::unique("nianbao-dialog")).show(ctx, |ui| {
        ui.set_width(theme::DIALOG_WIDTH);
        match dialog {
            Dialog::Welcome { last } => super::welcome::body(ui, last.as_deref()),
            Dialog::New(form) => new_dialog(ui, form),
            Dialog::Review(form) => super::review_dialog::body(ui, form),
            Dialog::CountyRules(form) => super::county_rules::body(ui, form),
            Dialog::Help => {
                ui.heading("使用说明");
                ui.label(HELP);
                close_button(ui, "关闭")
            }
            Dialog::FormatHelp => {
                ui.heading("官方格式说明");
                ui.label(format!("当前模板：{}", template.name));
                ui.label(format!("依据：{}", template.source));
                for part in &template.parts {
                    ui.label(RichText::new(&part.heading).strong());
                    if !part.guidance.is_empty() {
                        ui.label(&part.guidance);
                    }
                }
                close_button(ui, "关闭")
            }
            Dialog::About => {
                ui.heading("关于 年报");
                ui.label(format!(
                    "年报 {}：乡镇、街道政府信息公开工作年度报告编辑器。",
                    env!("CARGO_PKG_VERSION")
                ));
                ui.label("按国务院办公厅规定的格式填写、核对和导出年度报告。");
                close_button(ui, "关闭")
            }
        }
    });
    if modal.should_close() && modal.inner == Outcome::Open {
        return Outcome::Closed;
    }
    modal.inner
}

const HELP: &str = "1. 文件 › 新建，或“从上年报告新建”：单位、年度和上年结转自动带入。\n\
2. 已在网站发布的往年报告：文件 › 导入已发布的报告…，选文件或粘贴全文，核对后导入，可作为上年报告。\n\
3. 逐项填写：数字格里直接输入，Tab / Enter 移到下一格，Esc 恢复原值。\n\
4. 红色 ✖ 是勾稽关系错误，黄色 ⚠ 是提示；右侧“校验结果”逐条说明，点一下即可定位。\n\
5. 空白的合计格显示灰色斜体的自动计算值；编辑 › 填入可计算的合计 可一次写入。\n\
6. 旧版格式的报告若本来就没有统计表，在“封面与署名”中勾选“本报告无统计表”：统计表不填写、不校验。\n\
7. 文件 › 导出文本 / 导出 Markdown / 导出网页，用于印发和网站发布；导出 Word 用于报送县级政府办公室；\
编辑 › 复制为网页格式 可直接粘贴到网站编辑器；文件 › 打印… 在浏览器中打印。Ctrl+S 保存。\n\
8. 正文下方的“生成文字”按表格写出标准段落；确实无误的提示可点击后“标记已核实”。";

/// The help texts close with their button, Enter or Escape.
fn close_button(ui: &mut egui::Ui, text: &str) -> Outcome {
    ui.add_space(theme::DIALOG_GAP);
    let clicked = ui
        .with_layout(Layout::right_to_left(Align::Center), |ui| {
            ui.button(text).clicked()
        })
        .inner;
    let key = ui.input_mut(|i| {
        i.consume_key(egui::Modifiers::NONE, egui::Key::Enter)
            || i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)
    });
    if clicked || key {
        Outcome::Closed
    } else {
        Outcome::Open
    }
}

/// The egui id of the 新建 dialog's unit-name field.
pub fn unit_field_id() -> egui::Id {
    egui::Id::unique("nianbao-new-unit")
}

fn new_dialog(ui: &mut egui::Ui, form: &mut NewForm) -> Outcome {
    ui.heading("新建年度报告");
    ui.add_space(theme::space::SMALL);
    // Typing starts in the unit name, the one field a clerk must fill.
    dialog_frame::hold_focus(ui, unit_field_id(), &mut form.wants_focus);
    let mut changed = false;
    egui::Grid::new("new-dialog")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            let current = crate::template::get(&form.template)
                .map(|t| t.name.clone())
                .unwrap_or_default();
            dialog_frame::field_row(ui, "模板", |ui| {
                egui::ComboBox::from_id_salt("new-template")
                    .selected_text(current)
                    .width(300.0)
                    .show_ui(ui, |ui| {
                        for t in crate::template::all() {
                            ui.selectable_value(&mut form.template, t.id.clone(), &t.name);
                        }
                    })
                    .response
            });
            changed |= dialog_frame::field_row(ui, "报告年度", |ui| {
                ui.add(TextEdit::singleline(&mut form.year).desired_width(80.0))
            })
            .changed();
            changed |= dialog_frame::field_row(ui, "单位名称", |ui| {
                ui.add(
                    TextEdit::singleline(&mut form.unit)
                        .id(unit_field_id())
                        .hint_text("如：某某镇人民政府")
                        .desired_width(300.0),
                )
            })
            .changed();
            dialog_frame::field_row(ui, "单位层级", |ui| {
                egui::ComboBox::from_id_salt("new-level")
                    .selected_text(form.level.label())
                    .show_ui(ui, |ui| {
                        for level in UnitLevel::ALL {
                            ui.selectable_value(&mut form.level, level, level.label());
                        }
                    })
                    .response
            });
        });
    if changed && form.problem.is_some() {
        // A shown problem goes as soon as the clerk has fixed it.
        form.problem = form.spec().err();
    }
    if let Some(problem) = &form.problem {
        let palette = Palette::of_ui(ui);
        ui.label(RichText::new(format!("✖ {problem}")).color(palette.error));
    }
    match dialog_frame::buttons(ui, "创建", "取消") {
        Some(Pressed::Cancel) => Outcome::Closed,
        Some(Pressed::Default) => match form.spec() {
            Ok(spec) => Outcome::Create(spec),
            Err(problem) => {
                // Typing goes back to the unit name (Enter took the focus
                // from it), so the fix can be typed at once.
                form.problem = Some(problem);
                form.wants_focus = true;
                Outcome::Open
            }
        },
        None => Outcome::Open,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_form_defaults_to_last_year_and_checks_input() {
        let mut form = NewForm::new(&NewReportSpec {
            template: "gk2021".into(),
            year: 2025,
            unit: "某某镇".into(),
            level: UnitLevel::Township,
        });
        assert_eq!(form.year, "2025");
        form.year = "２０２５年".into();
        assert_eq!(form.spec().unwrap().year, 2025);
        let spec = form.spec().unwrap();
        assert_eq!((spec.year, spec.unit.as_str()), (2025, "某某镇"));
        form.year = "二〇二五".into();
        assert!(form.spec().unwrap_err().contains("四位年份"));
        form.year = "2025".into();
        form.unit = "  ".into();
        assert_eq!(form.spec().unwrap_err(), "请填写单位名称");
    }

    /// The help names the menu item and the switch by their on-screen words.
    #[test]
    fn help_uses_the_words_on_screen() {
        assert!(HELP.contains("文件 › 导入已发布的报告…"));
        assert!(HELP.contains(crate::document::MetaField::NoStatistics.label()));
        assert!(HELP.contains("统计表不填写、不校验"));
        assert!(super::super::form::NO_STATISTICS_NOTE.contains("统计表不填写、不校验"));
    }
}
