//! 视图 › 与上年对比: the side-by-side view of last year and this year, and
//! the key figures over every year of the unit that can be found. The
//! comparison is the library's ([`crate::compare`]); the years are read when
//! the view opens and when last year is linked (they come from other files),
//! the comparison on every call (it follows the clerk's typing).

use crate::compare::{self, Comparison, YearFigures};

use super::EditorState;

/// The view's state while it is open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ComparisonPanel {
    /// Key figures per year, oldest first (this year included).
    pub years: Vec<YearFigures>,
}

impl EditorState {
    /// The open comparison view, if any.
    pub fn comparison_panel(&self) -> Option<&ComparisonPanel> {
        self.comparison.as_ref()
    }

    /// This year against the linked last year (`None` when none is linked).
    pub fn comparison(&self) -> Option<Comparison> {
        compare::compare_linked(&self.doc, self.template)
    }

    /// Open the view. Without a linked last year it says so and offers the
    /// choice of the file (the link then fills it in).
    pub(super) fn show_comparison(&mut self) {
        self.comparison = Some(ComparisonPanel {
            years: self.known_years(),
        });
    }

    /// Last year was linked or replaced: the open view reads the years again.
    pub(super) fn refresh_comparison(&mut self) {
        if self.comparison.is_some() {
            self.show_comparison();
        }
    }

    /// This report, the linked year, and the unit's other reports beside
    /// this file.
    fn known_years(&self) -> Vec<YearFigures> {
        let folder = self.path.as_deref().and_then(|p| p.parent());
        compare::history(&self.doc, self.template, folder)
    }
}
