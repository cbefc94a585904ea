//! The key figures (主要指标) of a report, as its template names them.

use rust_decimal::Decimal;

use crate::document::{CellRef, Document};
use crate::template::{KeyFigure, Template};

/// One key figure of one report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureValue {
    /// The cell address, `t3.new.total`.
    pub cell: String,
    /// The short heading, 新收申请.
    pub label: String,
    /// `None` when the cell is blank or does not hold a number: never 0.
    pub value: Option<Decimal>,
}

/// The value of one figure in `doc` (`None` when blank or not a number).
pub fn figure_value(doc: &Document, figure: &KeyFigure) -> Option<Decimal> {
    let cell: CellRef = figure.cell.parse().ok()?;
    doc.cell(&cell)?.number()
}

/// Every key figure of `template`, in its order, with `doc`'s values.
pub fn key_figures(doc: &Document, template: &Template) -> Vec<FigureValue> {
    template
        .key_figures
        .iter()
        .map(|f| FigureValue {
            cell: f.cell.clone(),
            label: f.label.clone(),
            value: figure_value(doc, f),
        })
        .collect()
}
