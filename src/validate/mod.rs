//! The live validator (校验): interprets the template's rules over a document.

use crate::document::{CellRef, Document};
use crate::template::{Severity, Template};

/// One problem found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Stable rule id from the template (`t3.balance`), or a built-in id.
    pub rule: String,
    pub severity: Severity,
    /// The exact cells involved, in template order.
    pub cells: Vec<CellRef>,
    /// Chinese sentence naming rows and columns in the official words, with the numbers.
    pub message: String,
}

/// All findings of a document: errors first, then warnings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub errors: Vec<Finding>,
    pub warnings: Vec<Finding>,
}

/// Validate `doc` against `template`; cross-year rules use `doc.previous`.
pub fn validate(doc: &Document, template: &Template) -> Report {
    let _ = (doc, template);
    Report::default()
}
