//! 从上年报告新建: starting this year's report from last year's, and linking
//! last year's report for the cross-year checks.
//!
//! Which cells carry over is read from the template's rules, never named
//! here: a rule `X = prev:Y` (e.g. 上年结转 = last year's 结转下年度继续办理)
//! says this year's X starts as last year's Y.

use super::{CellRef, Document, PreviousYear};
use crate::template::{self, Along, Check, Op, Table, Template};

impl PreviousYear {
    /// What is remembered of last year's report: its year, template and cells.
    pub fn from_document(doc: &Document) -> PreviousYear {
        PreviousYear {
            year: doc.meta.year,
            template: doc.template.clone(),
            source: None,
            cells: doc.cells.clone(),
        }
    }
}

/// Remember `last` as last year's report of `doc` (for `prev:` rules and the
/// side-by-side view). Replaces any earlier link.
pub fn link_previous(doc: &mut Document, last: &Document) {
    doc.previous = Some(PreviousYear::from_document(last));
}

/// This year's report started from last year's: same unit and level, the
/// next year, the template in force for it, last year's prose and opening as a
/// draft, dates cleared, and every carried cell pre-filled.
pub fn carry_forward(last: &Document) -> Document {
    let year = last.meta.year.saturating_add(1);
    let template = template::current_for_year(year);
    let m = &last.meta;
    let mut doc = Document::new(&template.id, &m.unit, m.level, year);
    doc.meta.title = carried_title(m.title.as_deref(), m.year, year);
    doc.meta.opening = m.opening.clone();
    doc.meta.signature_unit = m.signature_unit.clone();
    if template.signoff {
        doc.meta.principal = m.principal.clone();
        doc.meta.reviewer = m.reviewer.clone();
        doc.meta.preparer = m.preparer.clone();
        doc.meta.phone = m.phone.clone();
    }
    for part in template.parts.iter().filter(|p| p.prose) {
        if let Some(text) = last.prose.get(&part.key).filter(|t| !t.is_empty()) {
            doc.prose.insert(part.key.clone(), text.clone());
        }
    }
    link_previous(&mut doc, last);
    for (target, source) in carried_cells(template) {
        if let Some(value) = last.cell(&source) {
            doc.set_cell(target, Some(value.clone()));
        }
    }
    doc
}

/// An explicit title names the year; move it on. Without the year in it we
/// cannot tell what to change, so fall back to the default title.
fn carried_title(title: Option<&str>, last_year: u16, year: u16) -> Option<String> {
    let old = format!("{last_year}年");
    title
        .filter(|t| t.contains(&old))
        .map(|t| t.replace(&old, &format!("{year}年")))
}

/// (this year's cell, last year's cell) pairs from every rule of the form
/// `X = prev:Y` with a single plain term on each side.
pub fn carried_cells(template: &Template) -> Vec<(CellRef, CellRef)> {
    let mut out = Vec::new();
    for rule in &template.rules {
        let Check::Linear {
            table,
            along,
            each,
            lhs,
            op: Op::Eq,
            rhs,
            ..
        } = &rule.check
        else {
            continue;
        };
        let (Some(target), Some(source)) = (single_plain(lhs), single_prev(rhs)) else {
            continue;
        };
        let Some(t) = template.table(table) else {
            continue;
        };
        for instance in instances(t, *along, each) {
            let (to, from) = match along {
                Along::Columns => (
                    CellRef::new(table, target, &instance),
                    CellRef::new(table, source, &instance),
                ),
                Along::Rows => (
                    CellRef::new(table, &instance, target),
                    CellRef::new(table, &instance, source),
                ),
            };
            if template.cell(&to).is_some_and(|c| c.kind.is_numeric()) {
                out.push((to, from));
            }
        }
    }
    out
}

/// The one term of `terms`, if it is a plain this-year key.
fn single_plain(terms: &[String]) -> Option<&str> {
    match terms {
        [t] if !t.starts_with('-') && !t.starts_with("prev:") => Some(t),
        _ => None,
    }
}

/// The one term of `terms`, if it is `prev:KEY` (added, not subtracted).
fn single_prev(terms: &[String]) -> Option<&str> {
    match terms {
        [t] => t.strip_prefix("prev:").filter(|k| !k.starts_with('-')),
        _ => None,
    }
}

/// The columns (along `Columns`) or rows (along `Rows`) a rule applies to.
fn instances(table: &Table, along: Along, each: &[String]) -> Vec<String> {
    if !each.is_empty() {
        return each.to_vec();
    }
    match along {
        Along::Columns => table
            .leaf_columns()
            .iter()
            .map(|c| c.column.key.clone())
            .collect(),
        Along::Rows => table
            .flat_rows()
            .iter()
            .filter(|r| !r.row.group)
            .map(|r| r.row.key.clone())
            .collect(),
    }
}
