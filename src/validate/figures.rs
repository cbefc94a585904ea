//! The template's figures (one cell or a sum of cells) evaluated over a
//! document, for the prose checks, last year's comparisons and drafts.

use rust_decimal::Decimal;

use super::index::Index;
use crate::document::CellRef;
use crate::template::{Figure, Template};

/// A figure's value in this year's or last year's cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FigureValue {
    /// Every cell is a number; the sum, with the cells' unit.
    Number(Decimal, Option<String>),
    /// These cells are blank (未填写) or not numbers.
    Blank(Vec<CellRef>),
}

impl FigureValue {
    pub fn number(&self) -> Option<Decimal> {
        match self {
            FigureValue::Number(n, _) => Some(*n),
            FigureValue::Blank(_) => None,
        }
    }
}

/// Evaluate `figure` in this year's (`previous == false`) or last year's
/// cells; `None` when it names a cell the template lacks (a template defect
/// the template tests catch) or last year is unknown.
pub(crate) fn evaluate(
    figure: &Figure,
    index: &Index<'_, '_>,
    previous: bool,
) -> Option<FigureValue> {
    if previous && index.previous.is_none() {
        return None;
    }
    let mut sum = Decimal::ZERO;
    let mut unit = None;
    let mut blank = Vec::new();
    for address in &figure.cells {
        let cell: CellRef = address.parse().ok()?;
        let t = index.table(&cell.table)?;
        let ti = &index.tables[t];
        let (r, c) = (ti.row(&cell.row)?, ti.col(&cell.col)?);
        if !ti.is_cell(r, c) {
            return None;
        }
        unit = unit.or(ti.unit(r, c));
        let value = if previous {
            index.previous_value(t, r, c)
        } else {
            index.value(t, r, c)
        };
        match value.and_then(|v| v.number()) {
            Some(n) => sum = sum.checked_add(n)?,
            None => blank.push(cell),
        }
    }
    Some(if blank.is_empty() {
        FigureValue::Number(sum, unit.map(str::to_string))
    } else {
        FigureValue::Blank(blank)
    })
}

/// Every figure of the template by key, this year's values.
pub fn figure_values(
    doc: &crate::document::Document,
    template: &Template,
) -> Vec<(String, Option<FigureValue>)> {
    let index = Index::new(template, doc);
    template
        .figures
        .iter()
        .map(|f| (f.key.clone(), evaluate(f, &index, false)))
        .collect()
}
