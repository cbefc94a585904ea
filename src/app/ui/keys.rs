//! Keyboard handling before anything is drawn: the menu shortcuts and the
//! spreadsheet keys of the grid. Keys handled here are consumed, so the text
//! field does not see them too. While an input method is composing, no key is
//! taken: Enter, arrows and Escape then belong to the input method.

use eframe::egui;
use egui::{Event, ImeEvent, Key, Modifiers};

use super::View;
use crate::app::state::{Command, Direction, EditorState};
use crate::document::Address;

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

/// What the clerk asked of the clipboard in the focused cell this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ClipboardKey {
    Copy,
    Cut,
}

/// Tab / Shift+Tab / Enter / Shift+Enter / arrows / Shift+arrows / Escape /
/// Ctrl+C, Ctrl+X and block paste in the focused cell.
pub fn grid(ctx: &egui::Context, view: &mut View, state: &EditorState) {
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
    let mut keyed = Vec::new();
    let mut escape = false;
    let mut paste = None;
    let mut extend = false;
    let mut clip = None;
    // While the caret is placed in a single cell, Ctrl+C / Ctrl+X act on the
    // text selected in it (the text field does that); otherwise on the cell
    // or block.
    let whole_cells = !editing || view.anchor.is_some();
    ctx.input_mut(|i| {
        let mut take = |key: Key, mods: Modifiers| i.consume_key(mods, key);
        if take(Key::Tab, Modifiers::SHIFT) {
            keyed.push(Command::TabMove(Direction::Prev));
        }
        if take(Key::Tab, Modifiers::NONE) {
            keyed.push(Command::TabMove(Direction::Next));
        }
        if take(Key::Enter, Modifiers::SHIFT) {
            keyed.push(Command::EnterMove(Direction::Up));
        }
        if take(Key::Enter, Modifiers::NONE) {
            keyed.push(Command::EnterMove(Direction::Down));
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
                // Shift first: egui's key match ignores an extra Shift, so
                // a plain-arrow test would swallow Shift+arrow too.
                if take(key, Modifiers::SHIFT) {
                    moves.push(dir);
                    extend = true;
                } else if take(key, Modifiers::NONE) {
                    moves.push(dir);
                }
            }
        }
        paste = take_block_paste(&mut i.events);
        if whole_cells {
            clip = take_clipboard_key(&mut i.events);
        }
    });
    if let (Some(key), Some((anchor, focus))) = (clip, view.block(state)) {
        ctx.copy_text(state.block_text(&anchor, &focus));
        if key == ClipboardKey::Cut {
            if let Some(edit) = view.edit.as_mut() {
                edit.text = edit.base.clone();
                edit.editing = false;
            }
            view.send(Command::CutBlock { anchor, focus });
        }
    }
    if extend {
        view.anchor.get_or_insert_with(|| cell.clone());
    } else if !moves.is_empty() || !keyed.is_empty() || paste.is_some() {
        view.anchor = None;
    }
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
    keyed.extend(moves.into_iter().map(Command::Move));
    if !keyed.is_empty() {
        view.flush_edit();
        if let Some(edit) = view.edit.as_mut() {
            edit.editing = false;
        }
        for cmd in keyed {
            view.send(cmd);
        }
    }
}

/// Take Ctrl+C / Ctrl+X out of the events, so the text field does not copy
/// its own selection as well.
fn take_clipboard_key(events: &mut Vec<Event>) -> Option<ClipboardKey> {
    let mut key = None;
    events.retain(|event| match event {
        Event::Copy => {
            key = Some(ClipboardKey::Copy);
            false
        }
        Event::Cut => {
            key = Some(ClipboardKey::Cut);
            false
        }
        _ => true,
    });
    key
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
