//! The live validator (校验): interprets the template's rules over a document.
//!
//! Runs on every keystroke, so each call builds a small index of the template
//! and the document's cells (array lookups, no `Template::cell` scans) and
//! keeps nothing between calls. Never panics: sums use checked arithmetic and
//! a document may hold any keys and values.

mod blanks;
mod cells;
mod evaluator;
mod fees;
mod figures;
mod index;
mod last_year;
mod length;
mod linear;
mod memo;
mod message;
mod misplaced;
mod opening;
mod placeholders;
mod prose;
mod review;
mod similarity;
mod totals;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use crate::document::{Address, CellRef, Document};
use crate::template::{Check, Severity, Template};

pub use figures::{figure_values, FigureValue};
pub use length::count as char_count;
pub use memo::Memo;
pub use opening::{missing as opening_missing, standard as standard_opening};
pub use placeholders::find as find_placeholders;
pub use review::{finding_id, review, unreview, ReviewError};
pub use similarity::{parts as prose_similarity, PartSimilarity, N as SIMILARITY_RUN};
pub use totals::{computed_totals, fill_blanks_with_zero, fill_totals, total_cells};

/// Built-in rule id: text where a number belongs (imported “251000元”).
pub const UNPARSED: &str = "unparsed";
/// Built-in rule id: a value of the wrong kind (negative count, amount in a count, …).
pub const INVALID: &str = "invalid";
/// Built-in rule id: a cell the template does not have (a hand-edited file).
pub const UNKNOWN_CELL: &str = "unknown_cell";

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
    /// The text the finding is about (a quoted phrase in the prose), if any.
    pub span: Option<TextSpan>,
}

/// A stretch of a text field, in characters (as editors select).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TextSpan {
    /// `prose.p1` or `meta.opening`.
    pub address: Address,
    pub start: usize,
    pub end: usize,
}

impl Finding {
    /// The stable id of this finding (see [`finding_id`]).
    pub fn id(&self) -> String {
        finding_id(self)
    }
}

/// All findings of a document: errors first, then warnings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub errors: Vec<Finding>,
    pub warnings: Vec<Finding>,
    /// Warnings marked 已核实, with the clerk's note: not shown as new.
    pub reviewed: Vec<(Finding, String)>,
}

impl Report {
    /// Every finding, errors first.
    pub fn all(&self) -> impl Iterator<Item = &Finding> {
        self.errors.iter().chain(&self.warnings)
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty() && self.warnings.is_empty()
    }

    /// The worst severity of the findings touching each cell (for highlighting).
    pub fn cell_severity(&self) -> HashMap<CellRef, Severity> {
        let mut out: HashMap<CellRef, Severity> = HashMap::new();
        for f in self.all() {
            for cell in &f.cells {
                out.entry(cell.clone())
                    .and_modify(|s| *s = (*s).min(f.severity))
                    .or_insert(f.severity);
            }
        }
        out
    }

    /// The findings that involve `cell`, errors first.
    pub fn messages_for(&self, cell: &CellRef) -> Vec<&Finding> {
        self.all().filter(|f| f.cells.contains(cell)).collect()
    }
}

/// Validate `doc` against `template`; cross-year rules use `doc.previous`.
///
/// Order: the built-in cell checks (`unparsed`, `invalid`) in reading order,
/// then the template's rules in order, then `unknown_cell`; errors before
/// warnings, each group keeping that order.
pub fn validate(doc: &Document, template: &Template) -> Report {
    if doc.no_statistics && template.statistics_optional {
        return Report::default();
    }
    let index = index::Index::new(template, doc);
    validate_in(&index, doc, template, &mut Memo::off())
}

/// The findings and the computed totals of `doc` from one index of its
/// cells, with the text-only checks looked up in `memo`: what the editor
/// runs after every edit. Same result as [`validate`] and [`computed_totals`].
pub fn check(
    doc: &Document,
    template: &Template,
    memo: &mut Memo,
) -> (
    Report,
    std::collections::BTreeMap<CellRef, crate::document::CellValue>,
) {
    let index = index::Index::new(template, doc);
    let totals = totals::computed_in(&index, template);
    if doc.no_statistics && template.statistics_optional {
        return (Report::default(), totals);
    }
    (validate_in(&index, doc, template, memo), totals)
}

fn validate_in(
    index: &index::Index<'_, '_>,
    doc: &Document,
    template: &Template,
    memo: &mut Memo,
) -> Report {
    memo.begin(doc, template);
    let mut findings = Vec::new();
    cells::check_values(index, &mut findings);
    for rule in &template.rules {
        match &rule.check {
            Check::Linear { .. } => linear::check(rule, index, &mut findings),
            Check::ZeroForLevels {
                table,
                rows,
                levels,
                reason,
            } => blanks::check_zero_for_levels(
                rule,
                (table, rows, levels, reason),
                doc.meta.level,
                index,
                &mut findings,
            ),
            Check::Blanks => blanks::check_blanks(rule, index, &mut findings),
            Check::ProseFigures => {
                prose::check_figures(rule, (index, memo), doc, template, &mut findings);
            }
            Check::ReportYear => memo.text_check(rule, &mut findings, |out| {
                evaluator::check_year(rule, doc, template, out);
            }),
            Check::Headings => memo.text_check(rule, &mut findings, |out| {
                evaluator::check_headings(rule, doc, template, out);
            }),
            Check::PartNotEmpty { part, min_chars } => {
                memo.text_check(rule, &mut findings, |out| {
                    evaluator::check_part_not_empty(rule, (part, *min_chars), doc, template, out);
                });
            }
            Check::SameAsLastYear {
                percent,
                min_chars,
                parts,
            } => memo.text_check(rule, &mut findings, |out| {
                let limits = (*percent, *min_chars, parts.as_slice());
                last_year::check_same_text(rule, limits, doc, template, out);
            }),
            Check::NumbersUnchanged { min_nonzero } => {
                last_year::check_same_numbers(rule, *min_nonzero, index, template, &mut findings);
            }
            Check::Jump {
                figures,
                factor,
                floor,
            } => last_year::check_jumps(
                rule,
                (figures, *factor, *floor),
                index,
                template,
                &mut findings,
            ),
            Check::Placeholders => memo.text_check(rule, &mut findings, |out| {
                placeholders::check(rule, doc, template, out);
            }),
            Check::Opening => memo.text_check(rule, &mut findings, |out| {
                opening::check(rule, doc, out);
            }),
            Check::Misplaced { rule: target } => {
                misplaced::check(rule, target, index, template, &mut findings);
            }
            Check::FeeNotices {
                part,
                notices,
                refused,
            } => fees::check(
                rule,
                (part, notices, refused),
                (index, doc, template),
                &mut findings,
            ),
            Check::PartLength { limits } => memo.text_check(rule, &mut findings, |out| {
                length::check(rule, limits, doc, template, out);
            }),
        }
    }
    cells::check_unknown(index, template, &mut findings);
    let (errors, warnings): (Vec<Finding>, Vec<Finding>) = findings
        .into_iter()
        .partition(|f| f.severity == Severity::Error);
    review::apply(errors, warnings, &doc.reviewed)
}
