//! The 导入已发布的报告 dialog: choose a file or paste the report's text,
//! with a 模板 choice (自动识别 by default). The import itself is a state
//! command; its report is drawn by `import_report.rs`.

use std::time::SystemTime;

use eframe::egui;
use egui::{Align, Layout, Modal, RichText, ScrollArea, TextEdit};

use super::theme::{self, Palette};
use super::{import_report, View};
use crate::app::state::{template_choices, Command, EditorState, TemplateChoice};

/// The dialog's fields while it is open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportForm {
    /// Pasted report text.
    pub text: String,
    /// `None`: 自动识别.
    pub template: TemplateChoice,
}

/// Screen state of the import: the dialog and the report window.
#[derive(Debug, Default)]
pub struct ImportUi {
    /// The dialog, while open.
    pub form: Option<ImportForm>,
    /// The 导入报告 window is shown.
    pub report_open: bool,
    /// The report last opened by itself (a newer one opens the window again).
    pub(super) seen: Option<SystemTime>,
}

impl ImportUi {
    /// 文件 › 导入已发布的报告…
    pub fn open_dialog(&mut self) {
        self.form = Some(ImportForm::default());
    }

    /// A modal import dialog is on screen (keys belong to it).
    pub fn is_modal(&self) -> bool {
        self.form.is_some()
    }
}

/// What the clerk did in the dialog.
enum Choice {
    Stay,
    Cancel,
    Run(Command),
}

/// Draw the dialog and the report window; called once per frame.
pub fn draw(ctx: &egui::Context, state: &EditorState, view: &mut View) {
    if let Some(form) = view.import.form.as_mut() {
        match dialog(ctx, form, state.pending().is_some()) {
            Choice::Stay => {}
            Choice::Cancel => view.import.form = None,
            Choice::Run(cmd) => {
                view.import.form = None;
                view.leave_edit();
                view.send(cmd);
            }
        }
    }
    import_report::draw(ctx, state, view);
}

fn dialog(ctx: &egui::Context, form: &mut ImportForm, behind_question: bool) -> Choice {
    let mut choice = Choice::Stay;
    let modal = Modal::new(egui::Id::unique("nianbao-import-dialog")).show(ctx, |ui| {
        ui.set_width(620.0);
        ui.heading("导入已发布的报告");
        ui.add_space(theme::space::TIGHT);
        let palette = Palette::of_ui(ui);
        ui.label(
            RichText::new(
                "把往年的年度报告读入编辑器：可以选择 Word（.docx、.doc）、WPS（.wps）、\
                 OpenDocument（.odt）、PDF、网页（.html）、\
                 Markdown（.md）或文本（.txt）文件，也可以把报告全文粘贴到下面。\
                 导入结果是一份新的、尚未保存的报告，并列出没能放进表格的内容。",
            )
            .color(palette.weak),
        );
        ui.add_space(theme::space::MEDIUM);
        template_row(ui, form);
        ui.add_space(theme::space::MEDIUM);
        if ui.button("选择文件并导入…").clicked() {
            choice = Choice::Run(Command::ImportFileDialog {
                template: form.template.clone(),
            });
        }
        ui.add_space(theme::space::MEDIUM);
        let label = ui.label("或粘贴报告全文");
        ScrollArea::vertical()
            .id_salt("import-paste")
            .max_height(300.0)
            .show(ui, |ui| {
                ui.add(
                    TextEdit::multiline(&mut form.text)
                        .hint_text("在此粘贴从网页复制的报告全文（含标题和表格）")
                        .desired_rows(12)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            });
        ui.add_space(theme::space::MEDIUM);
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if ui.button("取消").clicked() {
                choice = Choice::Cancel;
            }
            let has_text = !form.text.trim().is_empty();
            let import = ui
                .add_enabled(has_text, egui::Button::new("导入"))
                .on_disabled_hover_text("请先粘贴报告全文，或选择文件");
            if import.clicked() {
                choice = Choice::Run(Command::ImportText {
                    text: form.text.clone(),
                    template: form.template.clone(),
                });
            }
        });
    });
    // Escape or a click outside cancels, unless a question sits on top.
    if matches!(choice, Choice::Stay) && modal.should_close() && !behind_question {
        choice = Choice::Cancel;
    }
    choice
}

fn template_row(ui: &mut egui::Ui, form: &mut ImportForm) {
    let choices = template_choices();
    ui.horizontal(|ui| {
        let label = ui.label("模板");
        let current = choices
            .iter()
            .find(|(id, _)| *id == form.template)
            .map(|(_, name)| name.clone())
            .unwrap_or_default();
        egui::ComboBox::from_id_salt("import-template")
            .selected_text(current)
            .width(320.0)
            .show_ui(ui, |ui| {
                for (id, name) in &choices {
                    ui.selectable_value(&mut form.template, id.clone(), name);
                }
            })
            .response
            .labelled_by(label.id);
    });
}
