//! 报送要求: what the county asks beyond the law — an earlier 备案 date and
//! caps on a part's length. The status bar's countdown, the count under each
//! part and the roll-up's 逾期 marks follow these settings.

use std::collections::BTreeMap;

use eframe::egui;
use egui::{RichText, TextEdit};

use super::dialog_frame::{self, Pressed};
use super::dialogs::Outcome;
use super::theme::{self, Palette};
use crate::app::state::{Command, Settings};
use crate::deadline::MonthDay;
use crate::template::Template;

/// The dialog's fields while the clerk fills them in (text, as typed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountyRulesForm {
    pub month: String,
    pub day: String,
    /// (part key, its heading, the cap as typed; empty: none).
    pub limits: Vec<(String, String, String)>,
    /// Why the last 确定 was refused.
    pub error: Option<String>,
}

impl CountyRulesForm {
    /// The current settings, with one cap field per part that has prose.
    pub fn new(settings: &Settings, template: &Template) -> CountyRulesForm {
        let (month, day) = settings
            .filing_by
            .map_or((String::new(), String::new()), |d| {
                (d.month.to_string(), d.day.to_string())
            });
        let limits = template
            .parts
            .iter()
            .filter(|p| p.prose)
            .map(|p| {
                let cap = settings
                    .part_limits
                    .get(&p.key)
                    .map(usize::to_string)
                    .unwrap_or_default();
                (p.key.clone(), p.heading.clone(), cap)
            })
            .collect();
        CountyRulesForm {
            month,
            day,
            limits,
            error: None,
        }
    }

    /// The command the fields make, or what to correct (Chinese).
    pub fn command(&self) -> Result<Command, String> {
        let filing_by = match (self.month.trim(), self.day.trim()) {
            ("", "") => None,
            (m, d) => Some(
                m.parse()
                    .ok()
                    .zip(d.parse().ok())
                    .and_then(|(m, d)| MonthDay::new(m, d))
                    .ok_or_else(|| format!("备案截止日期“{m} 月 {d} 日”不是日期"))?,
            ),
        };
        let mut part_limits = BTreeMap::new();
        for (key, heading, cap) in &self.limits {
            let cap = cap.trim();
            if cap.is_empty() {
                continue;
            }
            match cap.parse::<usize>() {
                Ok(n) if n > 0 => {
                    part_limits.insert(key.clone(), n);
                }
                _ => return Err(format!("“{heading}”的字数上限“{cap}”应是正整数")),
            }
        }
        Ok(Command::SetCountyRules {
            filing_by,
            part_limits,
        })
    }
}

pub fn body(ui: &mut egui::Ui, form: &mut CountyRulesForm) -> Outcome {
    let palette = Palette::of_ui(ui);
    ui.heading("报送要求");
    ui.label(
        RichText::new("按县政务公开办的通知填写；不填则按《条例》第四十九条（乡镇、街道和部门 1 月 31 日，县级以上人民政府本级 3 月 31 日）。")
            .color(palette.weak),
    );
    ui.add_space(theme::space::MEDIUM);
    ui.horizontal(|ui| {
        ui.label("备案截止日期：");
        // Each field is named by the word after it (月, 日) for screen readers.
        let month =
            ui.add(TextEdit::singleline(&mut form.month).desired_width(theme::NARROW_FIELD));
        month.labelled_by(ui.label("月").id);
        let day = ui.add(TextEdit::singleline(&mut form.day).desired_width(theme::NARROW_FIELD));
        day.labelled_by(ui.label("日").id);
    });
    ui.add_space(theme::space::SMALL);
    ui.label("各部分字数上限（不填即不限）：");
    egui::Grid::new("county-rules-limits").show(ui, |ui| {
        for (_, heading, cap) in &mut form.limits {
            let label = ui.label(format!("{heading}："));
            ui.add(TextEdit::singleline(cap).desired_width(theme::NARROW_FIELD * 2.0))
                .labelled_by(label.id);
            ui.end_row();
        }
    });
    if let Some(error) = &form.error {
        ui.label(RichText::new(error).color(palette.error));
    }
    match dialog_frame::buttons(ui, "确定", "取消") {
        Some(Pressed::Default) => match form.command() {
            Ok(cmd) => Outcome::Send(cmd),
            Err(e) => {
                form.error = Some(e);
                Outcome::Open
            }
        },
        Some(Pressed::Cancel) => Outcome::Closed,
        None => Outcome::Open,
    }
}
