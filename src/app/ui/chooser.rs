//! The in-window file chooser (选择文件), shown when the native dialog cannot
//! be: the folder, its sub-folders and matching files, and the file-name
//! field, which has the keyboard focus from the start and also takes a full
//! path. Enter confirms, Escape cancels.

use eframe::egui;
use egui::{RichText, ScrollArea, TextEdit};

use super::dialog_frame::{self, Pressed};
use super::theme::{self, Palette};
use super::View;
use crate::app::state::{ChooserMode, Command, EditorState, FileChooser};

/// The egui id of the file-name field (tests and focus requests find it).
pub fn name_field_id() -> egui::Id {
    egui::Id::unique("nianbao-chooser-name")
}

/// Draw the chooser while the state asks for a path.
pub fn draw(ctx: &egui::Context, state: &EditorState, view: &mut View) {
    let Some(request) = state.file_request() else {
        view.chooser = None;
        return;
    };
    let fresh = view.chooser.as_ref().is_none_or(|c| &c.request != request);
    if fresh {
        view.chooser = Some(FileChooser::new(request.clone()));
    }
    let Some(chooser) = view.chooser.as_mut() else {
        return;
    };
    let modal = egui::Modal::new(egui::Id::unique("nianbao-chooser")).show(ctx, |ui| {
        ui.set_width(theme::CHOOSER_WIDTH);
        body(ui, chooser)
    });
    let outcome = match modal.inner {
        None if modal.should_close() => Some(Pressed::Cancel),
        other => other,
    };
    match outcome {
        Some(Pressed::Default) => {
            if let Some(path) = chooser.confirm() {
                view.chooser = None;
                view.send(Command::ChooseFile(path));
            } else {
                chooser.wants_focus = true;
            }
        }
        Some(Pressed::Cancel) => {
            view.chooser = None;
            view.send(Command::CancelChooser);
        }
        None => {}
    }
}

fn body(ui: &mut egui::Ui, chooser: &mut FileChooser) -> Option<Pressed> {
    let palette = Palette::of_ui(ui);
    ui.heading(&chooser.request.title);
    ui.horizontal(|ui| {
        if ui.button("上一级").clicked() {
            chooser.up();
        }
        ui.label(format!("位置：{}", chooser.directory.display()));
    });
    ui.separator();
    let mut picked = None;
    let mut double = false;
    ScrollArea::vertical()
        .max_height(theme::CHOOSER_LIST_HEIGHT)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            if chooser.entries.is_empty() {
                ui.label(RichText::new("（此文件夹中没有可选的文件）").color(palette.weak));
            }
            for (i, entry) in chooser.entries.iter().enumerate() {
                let text = if entry.is_dir {
                    format!("{}/", entry.name)
                } else {
                    entry.name.clone()
                };
                let selected = !entry.is_dir && entry.name == chooser.name;
                let response = ui.selectable_label(selected, text);
                if response.clicked() {
                    picked = Some(i);
                }
                if response.double_clicked() && !entry.is_dir {
                    double = true;
                }
            }
        });
    if let Some(i) = picked {
        chooser.pick(i);
    }
    ui.separator();
    egui::Grid::new("chooser-name")
        .num_columns(2)
        .show(ui, |ui| {
            let folder = chooser.request.mode == ChooserMode::Folder;
            let (label, hint) = if folder {
                ("文件夹", "留空即选择上面的位置；也可输入完整路径")
            } else {
                ("文件名", "文件名，或完整路径")
            };
            let name = dialog_frame::field_row(ui, label, |ui| {
                ui.add(
                    TextEdit::singleline(&mut chooser.name)
                        .id(name_field_id())
                        .hint_text(hint)
                        .desired_width(theme::CHOOSER_WIDTH - 90.0),
                )
            });
            dialog_frame::hold_focus(ui, name.id, &mut chooser.wants_focus);
            if name.changed() {
                chooser.problem = None;
            }
        });
    ui.label(
        RichText::new(format!("文件类型：{}", chooser.request.kind.filter_name()))
            .small()
            .color(palette.weak),
    );
    if let Some(problem) = &chooser.problem {
        ui.label(RichText::new(format!("✖ {problem}")).color(palette.error));
    }
    let default = match chooser.request.mode {
        ChooserMode::Open => "打开",
        ChooserMode::Save => "保存",
        ChooserMode::Folder => "选择此文件夹",
    };
    if double {
        return Some(Pressed::Default);
    }
    dialog_frame::buttons(ui, default, "取消")
}
