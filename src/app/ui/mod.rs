//! Drawing and input of the editor window. Everything here reads
//! [`EditorState`] and turns clicks and keys into [`Command`]s; it keeps only
//! what belongs to the screen (theme, edit buffer, scroll requests, dialogs).

pub mod actions;
pub mod cell;
pub mod chooser;
pub mod compare_view;
pub mod county;
pub mod county_rules;
pub mod dialog_frame;
pub mod dialogs;
pub mod edit;
pub mod form;
pub mod import_dialog;
pub mod import_report;
pub mod keys;
pub mod menu;
pub mod outline;
pub mod problems;
pub mod questions;
pub mod review_dialog;
pub mod status;
pub mod table;
pub mod theme;
pub mod welcome;

use eframe::egui;

use super::state::{Command, EditorState};
use std::collections::BTreeSet;

use crate::document::{Address, CellRef};

/// Screen-only state of the window.
#[derive(Default)]
pub struct View {
    applied_dark: Option<bool>,
    applied_zoom: Option<f32>,
    /// The text of the focused field while it is being typed into.
    pub edit: Option<edit::FieldEdit>,
    /// The state's focus that egui's keyboard focus was last moved to.
    pub synced_focus: Option<Address>,
    /// Scroll the focused field into view on the next draw.
    pub scroll_to_focus: bool,
    /// Scroll to this part (outline click) on the next draw.
    pub scroll_to_part: Option<String>,
    /// An input method is composing (preedit shown): keys belong to it.
    pub composing: bool,
    /// The modal dialog on screen, if any.
    pub dialog: Option<dialogs::Dialog>,
    /// 导入已发布的报告: its dialog and report window.
    pub import: import_dialog::ImportUi,
    /// Commands produced while drawing this frame, applied at its end.
    pub commands: Vec<Command>,
    /// Last title sent to the window, so it is sent only on change.
    pub title: String,
    /// Where a Shift+arrow / Shift+click block selection started; the block
    /// runs from here to the focused cell.
    pub anchor: Option<CellRef>,
    /// The cells of that block, computed once a frame for drawing.
    pub selected: BTreeSet<CellRef>,
    /// [`EditorState::documents_opened`] when the form was last drawn: a new
    /// report resets the form's scrolling.
    pub shown_document: Option<u64>,
    /// The in-window file chooser while it is open.
    pub chooser: Option<crate::app::state::FileChooser>,
    /// Select characters `start..end` of this field once it has the focus:
    /// a prose finding's phrase, or the caret after 生成文字 (`start == end`).
    pub place_caret: Option<(Address, usize, usize)>,
    /// The finding last clicked in the problems panel (its id): only it
    /// shows 标记已核实…, so the panel stays a list of sentences.
    pub chosen_finding: Option<String>,
}

impl View {
    /// Queue a command for the end of the frame.
    pub fn send(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// The focused cell and the block's anchor (the focused cell itself when
    /// nothing is selected): what Ctrl+C copies.
    pub fn block(&self, state: &EditorState) -> Option<(CellRef, CellRef)> {
        let Some(Address::Cell(focus)) = &state.focus else {
            return None;
        };
        let anchor = self.anchor.clone().unwrap_or_else(|| focus.clone());
        Some((anchor, focus.clone()))
    }

    /// Recompute [`View::selected`]; an anchor in another table than the
    /// focus (the clerk moved away) ends the selection.
    pub fn update_selection(&mut self, state: &EditorState) {
        self.selected.clear();
        let Some((anchor, focus)) = self.block(state) else {
            self.anchor = None;
            return;
        };
        if self.anchor.is_none() {
            return;
        }
        let block = crate::app::state::cells_between(state.template, &anchor, &focus);
        if block.is_empty() {
            self.anchor = None;
        }
        self.selected.extend(block.into_iter().flatten());
    }

    /// Apply the theme and zoom of the settings when they changed (setting
    /// styles every frame would be waste).
    pub fn apply_settings(&mut self, ctx: &egui::Context, state: &EditorState) {
        let dark = state.settings.dark;
        if self.applied_dark != Some(dark) {
            theme::apply(ctx, dark);
            self.applied_dark = Some(dark);
        }
        let zoom = state.settings.zoom;
        if self.applied_zoom != Some(zoom) {
            ctx.set_zoom_factor(zoom);
            self.applied_zoom = Some(zoom);
        }
    }
}

/// The egui id of the widget editing `address`: stable across frames, so
/// focus requests by address reach the right widget.
pub fn field_id(address: &Address) -> egui::Id {
    egui::Id::unique(("nianbao-field", address.to_string()))
}

/// Outline key of the cover (封面与署名) section.
pub use crate::app::state::COVER_PART as COVER_KEY;

/// Shared read-only context for drawing one frame.
pub struct Frame<'a> {
    pub state: &'a EditorState,
}
