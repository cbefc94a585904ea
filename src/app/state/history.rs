//! Undo and redo (撤销 / 重做): bounded history of inverse changes.
//!
//! Each step stores only the fields it touched (old and new value), never a
//! whole document, so thousands of edits stay cheap.

use std::collections::VecDeque;
use std::time::{Duration, SystemTime};

use crate::document::{Address, CellValue, Meta};

/// How many steps are kept; older ones are dropped.
pub const HISTORY_LIMIT: usize = 500;

/// Consecutive whole-text commits to one prose field within this window are
/// one undo step (the UI commits prose as it is typed).
pub const COALESCE_WINDOW: Duration = Duration::from_secs(1);

/// The value of one field at one moment.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    /// A table cell; `None` is 未填写.
    Cell(Option<CellValue>),
    /// A prose part's text.
    Prose(String),
    /// The whole cover block: small, and setting one metadata field may
    /// touch others (the title follows the unit), so it is kept whole.
    Meta(Box<Meta>),
}

/// One field changed from `old` to `new`.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub address: Address,
    pub old: FieldValue,
    pub new: FieldValue,
}

/// One undo step: what a person thinks of as one action.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// Unique within a history; tells whether the document is back at the
    /// state it was saved in.
    pub id: u64,
    pub changes: Vec<Change>,
    /// When the step was last extended (for coalescing prose commits).
    pub at: SystemTime,
    /// Whether a following commit to the same field may merge into it.
    pub coalescable: bool,
}

/// Undo and redo stacks.
#[derive(Debug, Clone)]
pub struct History {
    undo: VecDeque<Step>,
    redo: Vec<Step>,
    limit: usize,
    next_id: u64,
}

impl Default for History {
    fn default() -> Self {
        History::with_limit(HISTORY_LIMIT)
    }
}

impl History {
    pub fn with_limit(limit: usize) -> History {
        History {
            undo: VecDeque::new(),
            redo: Vec::new(),
            limit: limit.max(1),
            next_id: 1,
        }
    }

    /// Number of steps that can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forget everything (a different document was opened).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }

    /// Record a new step; a new edit clears redo. A single coalescable change
    /// to the same field as the previous coalescable step, within
    /// [`COALESCE_WINDOW`], extends that step instead.
    pub fn record(&mut self, changes: Vec<Change>, at: SystemTime, coalescable: bool) {
        if changes.is_empty() {
            return;
        }
        self.redo.clear();
        if coalescable && changes.len() == 1 && self.try_coalesce(&changes[0], at) {
            return;
        }
        let id = self.next_id;
        self.next_id += 1;
        self.undo.push_back(Step {
            id,
            changes,
            at,
            coalescable,
        });
        while self.undo.len() > self.limit {
            self.undo.pop_front();
        }
    }

    fn try_coalesce(&mut self, change: &Change, at: SystemTime) -> bool {
        let Some(last) = self.undo.back_mut() else {
            return false;
        };
        let recent = at
            .duration_since(last.at)
            .map(|d| d < COALESCE_WINDOW)
            .unwrap_or(true);
        let same = last.coalescable
            && last.changes.len() == 1
            && last.changes[0].address == change.address;
        if !(recent && same) {
            return false;
        }
        last.changes[0].new = change.new.clone();
        last.at = at;
        if last.changes[0].old == last.changes[0].new {
            // Typed and then erased again: nothing left to undo.
            self.undo.pop_back();
        }
        true
    }

    /// Id of the step that would be undone next (`None` at the start).
    pub fn top_id(&self) -> Option<u64> {
        self.undo.back().map(|s| s.id)
    }

    /// Stop the latest step from absorbing later commits (after a save, so
    /// the saved state stays a step boundary).
    pub fn seal(&mut self) {
        if let Some(last) = self.undo.back_mut() {
            last.coalescable = false;
        }
    }

    /// Take the step to undo; it moves to the redo stack.
    pub fn undo(&mut self) -> Option<Step> {
        let step = self.undo.pop_back()?;
        self.redo.push(step.clone());
        Some(step)
    }

    /// Take the step to redo; it moves back to the undo stack.
    pub fn redo(&mut self) -> Option<Step> {
        let mut step = self.redo.pop()?;
        // A redone step never merges with a later commit.
        step.coalescable = false;
        self.undo.push_back(step.clone());
        Some(step)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(addr: &str, old: &str, new: &str) -> Change {
        Change {
            address: addr.parse().unwrap_or(Address::Prose("p1".into())),
            old: FieldValue::Prose(old.into()),
            new: FieldValue::Prose(new.into()),
        }
    }

    #[test]
    fn bounded() {
        let mut h = History::with_limit(3);
        let t = SystemTime::UNIX_EPOCH;
        for i in 0..10 {
            h.record(vec![change("prose.p1", &i.to_string(), "x")], t, false);
        }
        assert_eq!(h.undo_len(), 3);
    }

    #[test]
    fn coalesces_within_window_only() {
        let mut h = History::default();
        let t = SystemTime::UNIX_EPOCH;
        h.record(vec![change("prose.p1", "", "a")], t, true);
        h.record(
            vec![change("prose.p1", "a", "ab")],
            t + Duration::from_millis(500),
            true,
        );
        assert_eq!(h.undo_len(), 1);
        h.record(
            vec![change("prose.p1", "ab", "abc")],
            t + Duration::from_secs(3),
            true,
        );
        assert_eq!(h.undo_len(), 2);
        let step = h.undo().expect("step");
        assert_eq!(step.changes[0].old, FieldValue::Prose("ab".into()));
        let step = h.undo().expect("step");
        assert_eq!(step.changes[0].old, FieldValue::Prose("".into()));
        assert_eq!(step.changes[0].new, FieldValue::Prose("ab".into()));
    }
}
