//! Issue 5.5 — a long day at the desk. 10,000 random edits, undos, redos,
//! saves and reloads go through `EditorState::apply`; after every step the
//! document must equal a plain reference model (a Vec of whole documents and
//! a cursor) replaying the same actions, and the undo history must stay within
//! its bound, so memory stays flat however long the clerk works.
#![cfg(feature = "gui")]

use std::path::Path;
use std::time::{Duration, SystemTime};

use nianbao::app::state::{Command, EditorState, Env, ManualClock, ScriptedDialogs, HISTORY_LIMIT};
use nianbao::document::edit::{self, FieldKind};
use nianbao::document::{file, Address, Document, UnitLevel};
use nianbao::template::{self, Template};

const STEPS: usize = 10_000;

/// The reference: every state the undo history can reach, and where we are.
struct Model {
    states: Vec<Document>,
    at: usize,
}

impl Model {
    fn new(doc: Document) -> Model {
        Model {
            states: vec![doc],
            at: 0,
        }
    }
    fn doc(&self) -> &Document {
        &self.states[self.at]
    }
    /// A new state: redo is gone, and the oldest undo step falls off the bound.
    fn push(&mut self, doc: Document) {
        if &doc == self.doc() {
            return;
        }
        self.states.truncate(self.at + 1);
        self.states.push(doc);
        if self.states.len() > HISTORY_LIMIT + 1 {
            self.states.remove(0);
        }
        self.at = self.states.len() - 1;
    }
    fn undo(&mut self) {
        self.at = self.at.saturating_sub(1);
    }
    fn redo(&mut self) {
        self.at = (self.at + 1).min(self.states.len() - 1);
    }
}

/// A tiny deterministic generator: the run must be reproducible.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// What a clerk types into a cell: mostly good numbers, some bad ones.
const CELL_INPUTS: &[&str] = &[
    "0",
    "1",
    "12",
    "１２",
    "1,234",
    "12件",
    " 7 ",
    "3.5",
    "0.25",
    "",
    "-1",
    "1e3",
    "abc",
    "٣",
    "一",
    "9999999999999999999999",
];
const PROSE_INPUTS: &[&str] = &[
    "本年度主动公开政府信息。",
    "（一）主动公开。\n（二）依申请公开。",
    "",
    "  ",
    "<b>粗体</b> | 管道",
];

/// The model's view of one field edit: the core's rules (`document::edit`,
/// shared with the command line), a refused value changing nothing.
fn model_set(doc: &Document, t: &Template, address: &Address, raw: &str) -> Document {
    let mut next = doc.clone();
    if edit::set(&mut next, t, address, raw).is_err() {
        return doc.clone();
    }
    next
}

fn editor(doc: Document, t: &'static Template, clock: &ManualClock) -> EditorState {
    let env = Env {
        dirs: None,
        dialogs: Box::new(ScriptedDialogs::new()),
        clock: clock.clock(),
    };
    EditorState::with_env(doc, t, env)
}

#[test]
fn ten_thousand_actions_match_the_reference_model() {
    let t = template::get("gk2021").expect("gk2021");
    let start = Document::new("gk2021", "青石镇人民政府", UnitLevel::Township, 2025);
    let fields: Vec<Address> = edit::fields(&start, t)
        .into_iter()
        .filter(|f| f.kind != FieldKind::Meta)
        .map(|f| f.address)
        .collect();
    assert!(fields.iter().any(|a| matches!(a, Address::Prose(_))));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("一天.ron");
    let clock = ManualClock::new(SystemTime::UNIX_EPOCH + Duration::from_secs(1_768_876_200));
    let mut state = editor(start.clone(), t, &clock);
    let mut model = Model::new(start);
    let mut rng = Rng(0x1d_a7);
    let (mut max_undo, mut saves, mut reloads) = (0, 0, 0);

    for step in 0..STEPS {
        // Far enough apart that no two commits merge into one undo step.
        clock.advance(Duration::from_secs(5));
        // A busy hour now and then (only typing) fills the history to its bound.
        let roll = if step % 2500 < 1000 {
            rng.below(550)
        } else {
            rng.below(1000)
        };
        match roll {
            0..=549 => {
                let address = rng.pick(&fields).clone();
                let raw = match address {
                    Address::Prose(_) => rng.pick(PROSE_INPUTS).to_string(),
                    _ => rng.pick(CELL_INPUTS).to_string(),
                };
                model.push(model_set(model.doc(), t, &address, &raw));
                state.apply(Command::SetField { address, raw });
            }
            550..=749 => {
                model.undo();
                state.apply(Command::Undo);
            }
            750..=939 => {
                model.redo();
                state.apply(Command::Redo);
            }
            940..=998 => {
                state.apply(Command::SaveAs(path.clone()));
                assert!(!state.dirty, "step {step}: still dirty after saving");
                assert_eq!(
                    &file::load(&path).unwrap(),
                    model.doc(),
                    "step {step}: saved file"
                );
                saves += 1;
            }
            _ => {
                // Reload: save, open the file again; the history starts afresh.
                state.apply(Command::SaveAs(path.clone()));
                state.apply(Command::Open(path.clone()));
                model = Model::new(file::load(&path).unwrap());
                assert!(!state.can_undo(), "step {step}: history survived reopening");
                reloads += 1;
            }
        }
        assert_eq!(
            &state.doc,
            model.doc(),
            "step {step}: editor and model differ"
        );
        assert_eq!(
            state.history().undo_len(),
            model.at,
            "step {step}: undo depth"
        );
        assert_eq!(
            state.history().redo_len(),
            model.states.len() - 1 - model.at,
            "step {step}: redo depth"
        );
        assert!(
            state.history().undo_len() <= HISTORY_LIMIT,
            "step {step}: history over its bound"
        );
        max_undo = max_undo.max(state.history().undo_len());
    }
    assert_saved_matches(&path, &mut state);
    eprintln!("long day: {STEPS} actions, {saves} saves, {reloads} reloads, deepest undo history {max_undo} (bound {HISTORY_LIMIT})");
    assert_eq!(
        max_undo, HISTORY_LIMIT,
        "the run never reached the bound, so it was not tested"
    );
}

/// The day ends with a save; the file on disk is the document on screen.
fn assert_saved_matches(path: &Path, state: &mut EditorState) {
    state.apply(Command::SaveAs(path.to_path_buf()));
    assert_eq!(file::load(path).unwrap(), state.doc);
}
