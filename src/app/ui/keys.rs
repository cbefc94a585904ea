//! Keyboard handling before anything is drawn: the menu shortcuts and the
//! spreadsheet keys of the grid. Keys handled here are consumed, so the text
//! field does not see them too. While an input method is composing, no key is
//! taken: Enter, arrows and Escape then belong to the input method.

use eframe::egui;
use egui::{Event, ImeEvent, Key, KeyboardShortcut, Modifiers};

use super::View;
use crate::app::state::{Command, Direction};
use crate::document::Address;

/// A menu action reachable by a shortcut (performed by the window).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    New,
    Open,
    Save,
    SaveAs,
    Undo,
    Redo,
}

pub const NEW: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
pub const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
pub const SAVE_AS: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
pub const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
pub const REDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
pub const REDO_SHIFT_Z: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);

/// Shortcut text as shown in the menus (`Ctrl+S`).
pub fn label(ctx: &egui::Context, shortcut: &KeyboardShortcut) -> String {
    ctx.format_shortcut(shortcut)
}

/// Update the input-method state from this frame's events. Returns whether
/// keys must be left alone this frame.
///
/// While an input method composes, or in the frame it commits, the keys it
/// used (Enter to confirm, Escape to cancel, arrows to pick, Backspace to
/// edit the pinyin) may also reach egui as ordinary key presses on some
/// platforms (egui issue #7876: Enter inserting a newline after the commit).
/// Those echoes are dropped so neither the field nor the grid acts on them.
pub fn track_ime(ctx: &egui::Context, view: &mut View) -> bool {
    let was = view.composing;
    let mut any_ime = false;
    ctx.input(|i| {
        for event in &i.events {
            match event {
                Event::Ime(ImeEvent::Preedit { text, .. }) => {
                    any_ime = true;
                    view.composing = !text.is_empty();
                }
                Event::Ime(ImeEvent::Commit(_)) => {
                    any_ime = true;
                    view.composing = false;
                }
                _ => {}
            }
        }
    });
    let busy = was || view.composing || any_ime;
    if busy {
        ctx.input_mut(|i| i.events.retain(|e| !is_ime_echo(e)));
    }
    busy
}

/// A key press an input method uses for itself.
fn is_ime_echo(event: &Event) -> bool {
    match event {
        Event::Key { key, .. } => matches!(
            key,
            Key::Enter
                | Key::Tab
                | Key::Escape
                | Key::Backspace
                | Key::Delete
                | Key::ArrowUp
                | Key::ArrowDown
                | Key::ArrowLeft
                | Key::ArrowRight
        ),
        Event::Text(t) => t == "\n" || t == "\r",
        _ => false,
    }
}

/// Take the menu shortcuts out of this frame's input.
pub fn shortcuts(ctx: &egui::Context) -> Vec<Shortcut> {
    // Most specific first: Ctrl+Shift+S must not be read as Ctrl+S.
    let table = [
        (SAVE_AS, Shortcut::SaveAs),
        (REDO_SHIFT_Z, Shortcut::Redo),
        (SAVE, Shortcut::Save),
        (NEW, Shortcut::New),
        (OPEN, Shortcut::Open),
        (UNDO, Shortcut::Undo),
        (REDO, Shortcut::Redo),
    ];
    ctx.input_mut(|i| {
        table
            .iter()
            .filter(|(s, _)| i.consume_shortcut(s))
            .map(|(_, action)| *action)
            .collect()
    })
}

/// Ctrl+Z while a value is half typed cancels the typing (like Escape);
/// otherwise it undoes the last committed step.
pub fn undo(view: &mut View) {
    if let Some(edit) = view.edit.as_mut() {
        if edit.text != edit.base && matches!(edit.address, Address::Cell(_)) {
            edit.text = edit.base.clone();
            edit.editing = false;
            return;
        }
    }
    view.flush_edit();
    view.send(Command::Undo);
}

/// Tab / Shift+Tab / Enter / Shift+Enter / arrows / Escape / block paste in
/// the focused cell.
pub fn grid(ctx: &egui::Context, view: &mut View) {
    let Some(edit) = view.edit.as_ref() else {
        return;
    };
    let Address::Cell(cell) = &edit.address else {
        return;
    };
    if !ctx.memory(|m| m.has_focus(super::field_id(&edit.address))) {
        return;
    }
    let cell = cell.clone();
    let editing = edit.editing;
    let mut moves = Vec::new();
    let mut escape = false;
    let mut paste = None;
    ctx.input_mut(|i| {
        let mut take = |key: Key, mods: Modifiers| i.consume_key(mods, key);
        if take(Key::Tab, Modifiers::SHIFT) {
            moves.push(Direction::Prev);
        }
        if take(Key::Tab, Modifiers::NONE) {
            moves.push(Direction::Next);
        }
        if take(Key::Enter, Modifiers::SHIFT) {
            moves.push(Direction::Up);
        }
        if take(Key::Enter, Modifiers::NONE) {
            moves.push(Direction::Down);
        }
        if take(Key::Escape, Modifiers::NONE) {
            escape = true;
        }
        if !editing {
            for (key, dir) in [
                (Key::ArrowRight, Direction::Next),
                (Key::ArrowLeft, Direction::Prev),
                (Key::ArrowDown, Direction::Down),
                (Key::ArrowUp, Direction::Up),
            ] {
                if take(key, Modifiers::NONE) {
                    moves.push(dir);
                }
            }
        }
        paste = take_block_paste(&mut i.events);
    });
    if escape {
        if let Some(edit) = view.edit.as_mut() {
            edit.text = edit.base.clone();
            edit.editing = false;
        }
    }
    if let Some(text) = paste {
        if let Some(edit) = view.edit.as_mut() {
            edit.text = edit.base.clone();
            edit.editing = false;
        }
        view.send(Command::Paste { at: cell, text });
    }
    if !moves.is_empty() {
        view.flush_edit();
        if let Some(edit) = view.edit.as_mut() {
            edit.editing = false;
        }
        for dir in moves {
            view.send(Command::Move(dir));
        }
    }
}

/// A pasted block (tabs or several lines, as copied from Excel or WPS) is
/// taken out of the events; a single value copied with its trailing newline
/// is trimmed and left for the field.
fn take_block_paste(events: &mut Vec<Event>) -> Option<String> {
    let mut block = None;
    events.retain_mut(|event| {
        let Event::Paste(text) = event else {
            return true;
        };
        let trimmed = text.trim_end_matches(['\r', '\n']);
        if trimmed.contains(['\t', '\n']) {
            block = Some(std::mem::take(text));
            false
        } else {
            *text = trimmed.to_string();
            true
        }
    });
    block
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_paste_is_taken_single_value_is_trimmed() {
        let mut events = vec![Event::Paste("12\t3\n4\t5\n".into())];
        assert_eq!(
            take_block_paste(&mut events).as_deref(),
            Some("12\t3\n4\t5\n")
        );
        assert!(events.is_empty());
        let mut events = vec![Event::Paste("42\r\n".into())];
        assert_eq!(take_block_paste(&mut events), None);
        assert_eq!(events, vec![Event::Paste("42".into())]);
    }
}
