//! The one field being typed into. Cells and the year are committed when the
//! clerk leaves them (Tab, Enter, click elsewhere), like a spreadsheet; prose
//! and text metadata are committed as they are typed (the state merges those
//! commits into one undo step). While an input method composes, nothing is
//! committed: the preedit text is not the clerk's text yet.

use eframe::egui;
use egui::text::{CCursor, CCursorRange};
use egui::{EventFilter, Response, TextEdit};

use super::{field_id, View};
use crate::app::state::{Command, EditorState};
use crate::document::{Address, MetaField};

/// When a field's text reaches the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommitMode {
    /// On Tab, Enter, move or blur (cells, year).
    OnLeave,
    /// After every change (prose, unit name, title …).
    AsTyped,
}

impl CommitMode {
    pub fn of(address: &Address) -> CommitMode {
        match address {
            Address::Cell(_) | Address::Meta(MetaField::Year) | Address::Meta(MetaField::Level) => {
                CommitMode::OnLeave
            }
            Address::Prose(_) | Address::Meta(_) => CommitMode::AsTyped,
        }
    }
}

/// The edit buffer of the focused field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldEdit {
    pub address: Address,
    /// The document's text this buffer started from (or last committed).
    /// When the document's text differs (undo, paste), the buffer restarts.
    pub base: String,
    /// What the clerk sees and types into.
    pub text: String,
    /// The clerk is typing or placed the caret: arrows then move the caret,
    /// not the cell.
    pub editing: bool,
}

impl FieldEdit {
    pub fn new(address: Address, text: String) -> FieldEdit {
        FieldEdit {
            address,
            base: text.clone(),
            text,
            editing: false,
        }
    }

    /// The command that puts the typed text into the document, if it changed.
    pub fn commit(&mut self) -> Option<Command> {
        if self.text == self.base {
            return None;
        }
        self.base = self.text.clone();
        Some(Command::SetField {
            address: self.address.clone(),
            raw: self.text.clone(),
        })
    }
}

impl View {
    /// Commit the field being typed into and forget its buffer.
    pub fn leave_edit(&mut self) {
        if let Some(mut edit) = self.edit.take() {
            if let Some(cmd) = edit.commit() {
                self.send(cmd);
            }
        }
    }

    /// Commit the field being typed into but keep editing it (before saving,
    /// exporting or any menu command, so the typed value is included).
    pub fn flush_edit(&mut self) {
        if let Some(cmd) = self.edit.as_mut().and_then(FieldEdit::commit) {
            self.send(cmd);
        }
    }

    /// The buffer for the focused field at `address`, (re)started when it is
    /// another field's or the document changed underneath.
    fn buffer_for(&mut self, address: &Address, doc_text: &str) -> &mut FieldEdit {
        let restart = match &self.edit {
            Some(e) if &e.address == address => e.base != doc_text && !self.composing,
            _ => {
                self.leave_edit();
                true
            }
        };
        if restart {
            self.edit = Some(FieldEdit::new(address.clone(), doc_text.to_string()));
        }
        self.edit
            .get_or_insert_with(|| FieldEdit::new(address.clone(), doc_text.into()))
    }
}

/// How to draw one editable field.
pub struct FieldSpec<'a> {
    pub address: &'a Address,
    /// Accessible name (and what `get_by_label` finds).
    pub label: &'a str,
    /// A visible label naming the field; used instead of `label` when set,
    /// so assistive tools do not find the name twice.
    pub labelled_by: Option<egui::Id>,
    /// Select everything when the field gains focus, so typing replaces it.
    pub select_on_focus: bool,
}

/// Draw a text field for `spec.address`, wiring the edit buffer, commits and
/// focus. `build` configures the [`TextEdit`] (single/multi-line, font, hint).
/// Put the caret or selection the view asked for into the focused field
/// (and scroll it into view): a prose finding's phrase, or the end of the
/// text 生成文字 inserted.
fn place_caret(
    ui: &egui::Ui,
    view: &mut View,
    address: &Address,
    id: egui::Id,
    output: &egui::text_edit::TextEditOutput,
) {
    let Some((_, start, end)) = view.place_caret.as_ref().filter(|(a, ..)| a == address) else {
        return;
    };
    let (start, end) = (CCursor::new(*start), CCursor::new(*end));
    let mut st = output.state.clone();
    st.cursor
        .set_char_range(Some(CCursorRange::two(start, end)));
    st.store(ui.ctx(), id);
    let at = output.galley.pos_from_cursor(start);
    ui.scroll_to_rect(
        at.translate(output.galley_pos.to_vec2()),
        Some(egui::Align::Center),
    );
    view.place_caret = None;
    ui.ctx().request_repaint();
}

pub fn show_field(
    ui: &mut egui::Ui,
    state: &EditorState,
    view: &mut View,
    spec: &FieldSpec<'_>,
    build: impl FnOnce(&mut String) -> TextEdit<'_>,
) -> Response {
    let address = spec.address;
    let id = field_id(address);
    let doc_text = state.field_text(address);
    let focused = ui.memory(|m| m.has_focus(id));
    let composing = view.composing;
    let mut scratch = String::new();
    let text: &mut String = if focused {
        &mut view.buffer_for(address, &doc_text).text
    } else {
        if view.edit.as_ref().is_some_and(|e| &e.address == address) {
            view.leave_edit();
        }
        scratch.push_str(&doc_text);
        &mut scratch
    };
    let mut edit = build(text).id(id);
    if composing {
        // Keep focus while the input method uses Escape, Tab or arrows.
        edit = edit.event_filter(EventFilter {
            tab: true,
            horizontal_arrows: true,
            vertical_arrows: true,
            escape: true,
        });
    }
    let output = edit.show(ui);
    if focused {
        place_caret(ui, view, address, id, &output);
    }
    let response = output.response.response.clone();
    if response.has_focus() && !focused {
        // Focus arrived this frame (click, Tab from outside the grid).
        let typed = scratch.clone();
        let edit = view.buffer_for(address, &doc_text);
        edit.text = typed;
    }
    if response.gained_focus() {
        if spec.select_on_focus {
            let mut st = output.state.clone();
            let all = view.edit.as_ref().map(|e| e.text.as_str()).unwrap_or("");
            st.cursor
                .set_char_range(Some(CCursorRange::select_all_str(all)));
            st.store(ui.ctx(), id);
        }
        if state.focus.as_ref() != Some(address) {
            view.send(Command::Focus(address.clone()));
        }
        view.synced_focus = Some(address.clone());
    } else if response.clicked() && focused {
        // A second click into the focused cell places the caret: edit mode.
        if let Some(e) = view.edit.as_mut() {
            e.editing = true;
        }
    }
    if view.scroll_to_focus && state.focus.as_ref() == Some(address) {
        response.scroll_to_me(None);
        view.scroll_to_focus = false;
    }
    if response.changed() && response.has_focus() {
        if let Some(e) = view.edit.as_mut().filter(|e| &e.address == address) {
            e.editing = true;
            if CommitMode::of(address) == CommitMode::AsTyped && !composing {
                if let Some(cmd) = e.commit() {
                    view.send(cmd);
                }
            }
        }
    }
    match spec.labelled_by {
        Some(id) => response.labelled_by(id),
        None => response.accessible_name(spec.label),
    }
}
