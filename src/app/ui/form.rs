//! The form in the middle: the cover (封面与署名), then every part in official
//! order — prose as a multi-line editor with the official guidance as its
//! hint, tables as grids — in one scrolling page, like the printed report.

use eframe::egui;
use egui::{Align, Id, RichText, ScrollArea, TextEdit};

use super::edit::{show_field, FieldSpec};
use super::theme::{self, Palette};
use super::{table, Frame, View, COVER_KEY};
use crate::app::state::Command;
use crate::document::{edit, switch_text, Address, MetaField, UnitLevel, SWITCH_YES};
use crate::template::Part;

/// Shown in place of the tables when the report has none.
pub const NO_STATISTICS_NOTE: &str = "本报告无统计表，统计表不填写、不校验。";

/// Widest the form gets: long lines of Hanzi are hard to read.
const MAX_FORM_WIDTH: f32 = 980.0;

pub fn show(ui: &mut egui::Ui, frame: &Frame, view: &mut View) {
    // The scroll bar is always there, so the page keeps its width from the
    // first frame (a bar appearing on the second frame reflows every line).
    let mut area = ScrollArea::vertical()
        .id_salt("form")
        .auto_shrink([false, false])
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible);
    let opened = frame.state.documents_opened();
    if view.shown_document != Some(opened) {
        // Another report: it opens at its top, not where the last one was.
        area = area.vertical_scroll_offset(0.0);
        view.shown_document = Some(opened);
    }
    area.show(ui, |ui| {
        ui.set_max_width(MAX_FORM_WIDTH.min(ui.available_width()));
        ui.add_space(theme::space::SMALL);
        cover(ui, frame, view);
        for part in &frame.state.template.parts {
            part_section(ui, frame, view, part);
        }
        ui.add_space(theme::space::PAGE_END);
    });
}

/// A part or cover heading; scrolls into view when the outline asked for it.
fn heading(ui: &mut egui::Ui, view: &mut View, key: &str, text: &str) {
    let response = ui.heading(RichText::new(text).strong());
    if view.scroll_to_part.as_deref() == Some(key) {
        response.scroll_to_me(Some(Align::TOP));
        view.scroll_to_part = None;
    }
}

fn cover(ui: &mut egui::Ui, frame: &Frame, view: &mut View) {
    heading(ui, view, COVER_KEY, "封面与署名");
    let template = &frame.state.template;
    // Rows with a fixed label column rather than an `egui::Grid`: a grid
    // learns its column widths on its first frame and draws a second one,
    // which the clerk sees as the cover jumping at start-up.
    ui.spacing_mut().item_spacing.y = theme::space::SMALL;
    for field in edit::meta_fields(template) {
        ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = theme::COVER_LABEL_GAP;
            let label_size = egui::vec2(theme::COVER_LABEL_WIDTH, ui.spacing().interact_size.y);
            let label = ui
                .allocate_ui_with_layout(
                    label_size,
                    egui::Layout::left_to_right(Align::Center),
                    |ui| {
                        ui.set_min_size(label_size);
                        (!field.is_switch()).then(|| ui.label(field.label()).id)
                    },
                )
                .inner;
            match (field, label) {
                (_, None) => switch_box(ui, frame, view, field),
                (MetaField::Level, Some(label)) => level_combo(ui, frame, view, label),
                (_, Some(label)) => meta_field(ui, frame, view, field, label),
            }
        });
    }
    ui.add_space(theme::space::SECTION);
}

fn meta_field(ui: &mut egui::Ui, frame: &Frame, view: &mut View, field: MetaField, label: Id) {
    let address = Address::Meta(field);
    let multi = field == MetaField::Opening;
    let spec = FieldSpec {
        address: &address,
        label: field.label(),
        labelled_by: Some(label),
        // The year is replaced whole, like a cell.
        select_on_focus: field == MetaField::Year,
    };
    let generate = multi && frame.state.offers_standard_opening();
    // Room for the 生成文字 button beside the opening.
    let button = if generate {
        theme::GENERATE_BUTTON_WIDTH
    } else {
        0.0
    };
    let width = (ui.available_width() - 8.0 - button).clamp(200.0, 720.0);
    let hint = meta_hint(field);
    show_field(ui, frame.state, view, &spec, |text| {
        let edit = if multi {
            TextEdit::multiline(text).desired_rows(3)
        } else {
            TextEdit::singleline(text)
        };
        edit.desired_width(width).hint_text(hint)
    });
    if generate {
        let tip = "按单位名称、报告年度和联系电话生成标准开头段落（编制依据、统计期限、下载地点、联系方式），替换本栏文字（可撤销）";
        let button = ui
            .small_button("生成文字")
            .accessible_name("开头段落 生成文字")
            .on_hover_text(tip);
        if button.clicked() {
            view.leave_edit();
            view.send(Command::InsertOpening);
        }
    }
}

fn meta_hint(field: MetaField) -> &'static str {
    match field {
        MetaField::Unit => "如：某某镇人民政府",
        MetaField::Year => "统计年度，如 2025",
        MetaField::Title => "留空则为“单位 + 年度 + 年政府信息公开工作年度报告”",
        MetaField::Opening => "开头段落：说明本报告的编制依据、统计期限和网址",
        MetaField::SignatureUnit => "报告末尾署名的单位",
        MetaField::SignatureDate => "如：2026年1月20日",
        MetaField::FillDate => "如：2026年1月20日",
        _ => "",
    }
}

/// A yes/no field as a checkbox; toggling it is an ordinary, undoable edit.
fn switch_box(ui: &mut egui::Ui, frame: &Frame, view: &mut View, field: MetaField) {
    let address = Address::Meta(field);
    let current = frame.state.doc.meta_text(field) == SWITCH_YES;
    let mut on = current;
    ui.checkbox(&mut on, field.label());
    if on != current {
        view.leave_edit();
        view.send(Command::SetField {
            address,
            raw: switch_text(on).to_string(),
        });
    }
}

fn level_combo(ui: &mut egui::Ui, frame: &Frame, view: &mut View, label: Id) {
    let current = frame.state.doc.meta.level;
    let mut chosen = current;
    let response = egui::ComboBox::from_id_salt("meta-level")
        .selected_text(current.label())
        .show_ui(ui, |ui| {
            for level in UnitLevel::ALL {
                ui.selectable_value(&mut chosen, level, level.label());
            }
        })
        .response;
    response.labelled_by(label);
    if chosen != current {
        view.leave_edit();
        view.send(Command::SetField {
            address: Address::Meta(MetaField::Level),
            raw: chosen.label().to_string(),
        });
    }
}

fn part_section(ui: &mut egui::Ui, frame: &Frame, view: &mut View, part: &Part) {
    heading(ui, view, &part.key, &part.heading);
    if part.prose {
        prose(ui, frame, view, part);
    } else if !part.guidance.is_empty() {
        let palette = Palette::of_ui(ui);
        ui.label(RichText::new(&part.guidance).small().color(palette.weak));
    }
    if !part.tables.is_empty() && frame.state.statistics_skipped() {
        let palette = Palette::of_ui(ui);
        ui.label(RichText::new(NO_STATISTICS_NOTE).color(palette.weak));
    } else {
        for layout in part
            .tables
            .iter()
            .filter_map(|t| frame.state.table_layout(&t.key))
        {
            ui.add_space(theme::space::TIGHT);
            table::show(ui, frame, view, layout);
        }
    }
    ui.add_space(theme::space::SECTION);
}

fn prose(ui: &mut egui::Ui, frame: &Frame, view: &mut View, part: &Part) {
    let address = Address::Prose(part.key.clone());
    let name = format!("{} 正文", part.heading);
    let spec = FieldSpec {
        address: &address,
        label: &name,
        labelled_by: None,
        select_on_focus: false,
    };
    let width = ui.available_width() - 8.0;
    show_field(ui, frame.state, view, &spec, |text| {
        TextEdit::multiline(text)
            .desired_rows(6)
            .desired_width(width)
            .hint_text(part.guidance.clone())
    });
    let (count, over) = frame.state.part_length_text(&part.key);
    let palette = Palette::of_ui(ui);
    let colour = if over { palette.warning } else { palette.weak };
    ui.label(RichText::new(count).small().color(colour));
    if frame.state.draft_parts().contains(&part.key.as_str()) {
        draft_button(ui, view, &address, &part.heading);
    }
}

/// 生成文字: the standard sentences built from the tables, inserted where
/// the caret was in the part's text (at its end when it never had one).
fn draft_button(ui: &mut egui::Ui, view: &mut View, address: &Address, heading: &str) {
    let tip = "按统计表中的数字生成标准段落，插入到光标处（可撤销）";
    let button = ui
        .small_button("生成文字")
        .accessible_name(format!("{heading} 生成文字"))
        .on_hover_text(tip);
    if button.clicked() {
        let at = TextEdit::load_state(ui.ctx(), super::field_id(address))
            .and_then(|s| s.cursor.char_range())
            .map(|r| r.primary.index.0);
        view.leave_edit();
        if let Address::Prose(part) = address {
            view.send(Command::InsertDraft {
                part: part.clone(),
                at,
            });
        }
    }
}
